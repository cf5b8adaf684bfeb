/**
 * A section of the Settings page to bring into view, asked for from another page (the Sync
 * page's "Open Settings"). The Settings page takes it once, when it shows.
 */
export type SettingsSectionId = "credentials" | "sync-settings";

let pending: SettingsSectionId | null = null;

/** Asks the Settings page to scroll to `section` when it opens. */
export function requestSettingsSection(section: SettingsSectionId): void {
  pending = section;
}

/** The section asked for, if any. */
export function pendingSettingsSection(): SettingsSectionId | null {
  return pending;
}

/** The request was handled. */
export function clearSettingsSection(): void {
  pending = null;
}
