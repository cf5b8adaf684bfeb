import { Gauge20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { UpcomingCapabilityPage } from "./UpcomingCapabilityPage";

/** Predictive lead scoring (SPEC §5): not built yet. */
export function LeadScoringPage() {
  const { t } = useI18n();
  const { counts } = useWorkspace().workspace;
  return (
    <UpcomingCapabilityPage
      id="lead-scoring"
      title={t("page.leadScoring.title")}
      notAvailable={t("page.leadScoring.notAvailable")}
      aboutHeading={t("page.upcoming.heading")}
      about={t("page.leadScoring.about")}
      facts={t("page.leadScoring.facts", { leads: counts.leads })}
      icon={Gauge20Regular}
    />
  );
}
