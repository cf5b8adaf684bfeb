import { Button, Card, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular, ArrowTrendingLines24Regular } from "@fluentui/react-icons";
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

interface EmptyStateProps {
  refreshing: boolean;
  onRefresh: () => void;
  /** The workspace has no snapshot to score yet. */
  noSnapshots: boolean;
}

/** Before the first refresh: what a refresh does, and the button to run it. */
export function EmptyState({ refreshing, onRefresh, noSnapshots }: EmptyStateProps) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Card className={styles.card} data-testid="opportunities-empty">
      <div className={styles.badge}>
        <ArrowTrendingLines24Regular aria-hidden="true" />
      </div>
      <Text as="h2" align="center" size={500} weight="semibold" className={styles.title}>
        {t("opp.empty.title")}
      </Text>
      <Text align="center" className={styles.body}>{noSnapshots ? t("opp.empty.noSnapshots") : t("opp.empty.body")}</Text>
      <Button
        appearance="primary"
        icon={refreshing ? <Spinner size="tiny" /> : <ArrowClockwise20Regular />}
        disabled={refreshing || noSnapshots}
        onClick={onRefresh}
        data-testid="empty-refresh"
      >
        {refreshing ? t("opp.refreshing") : t("opp.refresh")}
      </Button>
    </Card>
  );
}
