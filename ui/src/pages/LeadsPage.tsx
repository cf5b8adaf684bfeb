import { People20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { UpcomingCapabilityPage } from "./UpcomingCapabilityPage";

/** Partner Center referrals (SPEC §4): not built yet. */
export function LeadsPage() {
  const { t } = useI18n();
  const { counts } = useWorkspace().workspace;
  return (
    <UpcomingCapabilityPage
      id="leads"
      title={t("page.leads.title")}
      notAvailable={t("page.leads.notAvailable")}
      aboutHeading={t("page.upcoming.heading")}
      about={t("page.leads.about")}
      facts={t("page.leads.facts", { leads: counts.leads })}
      icon={People20Regular}
    />
  );
}
