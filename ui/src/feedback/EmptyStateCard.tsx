import { Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  card: {
    alignItems: "center",
    textAlign: "center",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXXL}`,
  },
  badge: {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    width: "56px",
    height: "56px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground1,
  },
  title: {
    margin: 0,
  },
  body: {
    maxWidth: "64ch",
    color: tokens.colorNeutralForeground2,
  },
});

interface EmptyStateCardProps {
  /** A 24 px icon, shown in a brand-coloured disc. */
  icon: ReactNode;
  title: string;
  /** The explanation: one or more `EmptyStateText` paragraphs. */
  children: ReactNode;
  /** The button that gets the user out of the empty state. */
  action: ReactNode;
  testId: string;
}

/** A page with nothing to show yet: why, and the one action that fills it. */
export function EmptyStateCard({ icon, title, children, action, testId }: EmptyStateCardProps) {
  const styles = useStyles();
  return (
    <Card className={styles.card} data-testid={testId}>
      <div className={styles.badge} aria-hidden="true">
        {icon}
      </div>
      <Text as="h2" align="center" size={500} weight="semibold" className={styles.title}>
        {title}
      </Text>
      {children}
      {action}
    </Card>
  );
}

/** A paragraph of an empty state's explanation. */
export function EmptyStateText({ children, strong = false, ...rest }: { children: ReactNode; strong?: boolean; [data: `data-${string}`]: unknown }) {
  const styles = useStyles();
  return (
    <Text align="center" weight={strong ? "semibold" : undefined} className={styles.body} {...rest}>
      {children}
    </Text>
  );
}
