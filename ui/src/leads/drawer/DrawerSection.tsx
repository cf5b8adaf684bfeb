import type { ReactNode } from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  title: {
    margin: 0,
  },
});

/** A titled part of the lead drawer (h3). */
export function DrawerSection({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={title} data-testid={testId}>
      <Text as="h3" size={400} weight="semibold" className={styles.title}>
        {title}
      </Text>
      {children}
    </section>
  );
}
