import { createContext, useContext } from "react";
import type { AppInfo, IpcError, Language } from "../bindings";
import type { MessageKey } from "./en";
import type { MessageParams } from "./messageFormat";
import type { SystemLocale } from "./languages";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface I18nValue {
  /** The language the UI is shown in. */
  language: Language;
  /** BCP 47 locale for Intl (numbers, dates, plural rules). */
  locale: string;
  /** The saved choice: a language, or null to follow the system. */
  preference: Language | null;
  /** What the system asks for. */
  system: SystemLocale;
  /** appInfo() as read at start-up, when it could be read. */
  appInfo: AppInfo | null;
  t: Translate;
  /** Saves the choice with setLanguage and switches at once; resolves to the error, if any. */
  choose: (preference: Language | null) => Promise<IpcError | null>;
}

export const I18nContext = createContext<I18nValue | null>(null);

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
