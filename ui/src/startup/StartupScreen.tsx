import type { ReactNode } from "react";
import { Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import { AppMark } from "../shell/AppMark";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    justifyContent: "center",
    gap: tokens.spacingVerticalXL,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  brand: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
  card: {
    width: "min(520px, 100%)",
    padding: tokens.spacingHorizontalXXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    boxShadow: tokens.shadow8,
  },
});

/** The full-window frame shown before a workspace is open: brand on top, a card below. */
export function StartupScreen({ children, testId }: { children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <main className={styles.root} data-testid={testId}>
      <div className={styles.brand}>
        <AppMark size={32} />
        <Text as="h1" size={600} weight="semibold">
          {t("app.title")}
        </Text>
      </div>
      <Card className={styles.card}>{children}</Card>
    </main>
  );
}
