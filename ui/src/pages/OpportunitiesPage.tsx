import { ArrowTrendingLines20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { UpcomingCapabilityPage } from "./UpcomingCapabilityPage";

/** Sales Advisor opportunities (SPEC §3): not built yet. */
export function OpportunitiesPage() {
  const { t } = useI18n();
  const { counts } = useWorkspace().workspace;
  return (
    <UpcomingCapabilityPage
      id="opportunities"
      title={t("page.opportunities.title")}
      notAvailable={t("page.opportunities.notAvailable")}
      aboutHeading={t("page.upcoming.heading")}
      about={t("page.opportunities.about")}
      facts={t("page.opportunities.facts", {
        customers: counts.customers,
        subscriptions: counts.subscriptions,
        snapshots: counts.snapshots,
      })}
      icon={ArrowTrendingLines20Regular}
    />
  );
}
