import { Button } from "@fluentui/react-components";
import { Add20Regular, Gauge24Regular } from "@fluentui/react-icons";
import type { ScoringOverview_Serialize as ScoringOverview } from "../bindings";
import { EmptyStateCard, EmptyStateText } from "../feedback/EmptyStateCard";
import { useI18n } from "../i18n/I18nContext";
import { enoughToTrain } from "./TrainingDataSummary";

/** No model yet: what a model does, whether the closed leads allow one, and Add model. */
export function ScoringEmptyState({ overview, onAdd }: { overview: ScoringOverview; onAdd: () => void }) {
  const { t } = useI18n();
  const enough = enoughToTrain(overview.qualified, overview.disqualified, overview.minPerOutcome);
  const counts = { qualified: overview.qualified, disqualified: overview.disqualified, min: overview.minPerOutcome };
  return (
    <EmptyStateCard
      testId="scoring-empty"
      icon={<Gauge24Regular />}
      title={t("scoring.empty.title")}
      action={
        <Button appearance="primary" icon={<Add20Regular />} onClick={onAdd} data-testid="scoring-empty-add">
          {t("scoring.addModel")}
        </Button>
      }
    >
      <EmptyStateText>{t("scoring.empty.body")}</EmptyStateText>
      <EmptyStateText strong data-testid="scoring-empty-counts" data-enough={enough}>
        {enough ? t("scoring.empty.enough", counts) : t("scoring.empty.notEnough", counts)}
      </EmptyStateText>
    </EmptyStateCard>
  );
}
