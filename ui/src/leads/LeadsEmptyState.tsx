import { Button, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DatabaseArrowUp20Regular, People24Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";

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
    maxWidth: "60ch",
    color: tokens.colorNeutralForeground2,
  },
});

/** A workspace without leads: where they come from. */
export function LeadsEmptyState({ onImport }: { onImport: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Card className={styles.card} data-testid="leads-empty">
      <div className={styles.badge}>
        <People24Regular aria-hidden="true" />
      </div>
      <Text as="h2" align="center" size={500} weight="semibold" className={styles.title}>
        {t("leads.empty.title")}
      </Text>
      <Text align="center" className={styles.body} data-testid="workspace-facts">
        {t("page.leads.facts", { leads: 0 })} {t("leads.empty.body")}
      </Text>
      <Button appearance="primary" icon={<DatabaseArrowUp20Regular />} onClick={onImport} data-testid="leads-empty-import">
        {t("leads.empty.import")}
      </Button>
    </Card>
  );
}
