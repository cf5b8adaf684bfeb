import { Button, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Add20Regular, Gauge24Regular } from "@fluentui/react-icons";
import type { ScoringOverview_Serialize as ScoringOverview } from "../bindings";
import { useI18n } from "../i18n/I18nContext";
import { enoughToTrain } from "./TrainingDataSummary";

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

/** No model yet: what a model does, whether the closed leads allow one, and Add model. */
export function ScoringEmptyState({ overview, onAdd }: { overview: ScoringOverview; onAdd: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const enough = enoughToTrain(overview.qualified, overview.disqualified, overview.minPerOutcome);
  const counts = { qualified: overview.qualified, disqualified: overview.disqualified, min: overview.minPerOutcome };
  return (
    <Card className={styles.card} data-testid="scoring-empty">
      <div className={styles.badge}>
        <Gauge24Regular aria-hidden="true" />
      </div>
      <Text as="h2" align="center" size={500} weight="semibold" className={styles.title}>
        {t("scoring.empty.title")}
      </Text>
      <Text align="center" className={styles.body}>
        {t("scoring.empty.body")}
      </Text>
      <Text align="center" weight="semibold" className={styles.body} data-testid="scoring-empty-counts" data-enough={enough}>
        {enough ? t("scoring.empty.enough", counts) : t("scoring.empty.notEnough", counts)}
      </Text>
      <Button appearance="primary" icon={<Add20Regular />} onClick={onAdd} data-testid="scoring-empty-add">
        {t("scoring.addModel")}
      </Button>
    </Card>
  );
}
