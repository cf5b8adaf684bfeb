import { DocumentData20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { UpcomingCapabilityPage } from "./UpcomingCapabilityPage";

/** CloudAscent propensity reports (SPEC §6): not built yet. */
export function PropensityPage() {
  const { t } = useI18n();
  const { counts } = useWorkspace().workspace;
  return (
    <UpcomingCapabilityPage
      id="propensity"
      title={t("page.propensity.title")}
      notAvailable={t("page.propensity.notAvailable")}
      aboutHeading={t("page.upcoming.heading")}
      about={t("page.propensity.about")}
      facts={t("page.propensity.facts", { customers: counts.customers })}
      icon={DocumentData20Regular}
    />
  );
}
