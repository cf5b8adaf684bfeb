import { AboutSection } from "../settings/AboutSection";
import { CredentialsSection } from "../settings/CredentialsSection";
import { LanguageSection } from "../settings/LanguageSection";
import { useI18n } from "../i18n/I18nContext";
import { PageLayout } from "./PageLayout";

/** Language, partner credentials and what this installation is. */
export function SettingsPage() {
  const { t } = useI18n();
  return (
    <PageLayout id="settings" title={t("page.settings.title")}>
      <LanguageSection />
      <CredentialsSection />
      <AboutSection />
    </PageLayout>
  );
}
