import { useEffect } from "react";
import { AboutSection } from "../settings/AboutSection";
import { CredentialsSection } from "../settings/CredentialsSection";
import { LanguageSection } from "../settings/LanguageSection";
import { SyncSettingsSection } from "../settings/SyncSettingsSection";
import { clearSettingsSection, pendingSettingsSection } from "../settings/settingsFocus";
import { useI18n } from "../i18n/I18nContext";
import { PageLayout } from "./PageLayout";

/** Language, partner credentials, sync and what this installation is. */
export function SettingsPage() {
  const { t } = useI18n();
  useEffect(() => {
    // Another page asked for a section (the Sync page's "Open Settings").
    const section = pendingSettingsSection();
    if (section === null) return;
    const frame = window.requestAnimationFrame(() => {
      clearSettingsSection();
      document.querySelector<HTMLElement>(`[data-testid="${section}"]`)?.scrollIntoView({ block: "start" });
    });
    return () => window.cancelAnimationFrame(frame);
  }, []);
  return (
    <PageLayout id="settings" title={t("page.settings.title")}>
      <LanguageSection />
      <CredentialsSection />
      <SyncSettingsSection />
      <AboutSection />
    </PageLayout>
  );
}
