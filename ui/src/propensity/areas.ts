import type { MessageKey } from "../i18n/en";
import type { Translate } from "../i18n/I18nContext";

/** The solution areas by their report column prefix (`M365Cluster`, `D365BCFit`, …), in the reports' order. */
export const AREA_LABELS: Readonly<Record<string, MessageKey>> = {
  M365: "solutionArea.M365",
  Surface: "solutionArea.Surface",
  Azure: "solutionArea.Azure",
  D365BC: "solutionArea.D365BC",
  D365CE: "solutionArea.D365CE",
  D365FO: "solutionArea.D365FO",
  PowerApps: "solutionArea.PowerApps",
  Security: "solutionArea.Security",
};

/** An area's name in the UI language; the prefix itself when the app does not know it. */
export function areaLabel(t: Translate, prefix: string): string {
  const key = AREA_LABELS[prefix];
  return key ? t(key) : prefix;
}
