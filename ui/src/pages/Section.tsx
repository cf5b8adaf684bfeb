import type { ReactNode } from "react";
import { Card, Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalXL,
    gap: tokens.spacingVerticalM,
  },
  header: {
    display: "flex",
    alignItems: "flex-start",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  titles: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  title: {
    margin: 0,
  },
  intro: {
    color: tokens.colorNeutralForeground3,
    maxWidth: "80ch",
  },
  actions: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
});

interface SectionProps {
  title: string;
  intro?: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A titled card inside a page (h2), with optional actions on the right. */
export function Section({ title, intro, actions, children, testId }: SectionProps) {
  const styles = useStyles();
  return (
    <Card className={styles.card} data-testid={testId}>
      <div className={styles.header}>
        <div className={styles.titles}>
          <Text as="h2" size={500} weight="semibold" className={styles.title}>
            {title}
          </Text>
          {intro ? (
            <Text size={200} className={styles.intro}>
              {intro}
            </Text>
          ) : null}
        </div>
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </div>
      {children}
    </Card>
  );
}
