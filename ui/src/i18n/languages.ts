import type { Language } from "../bindings";

/** The UI languages, in the order the settings list them. */
export const LANGUAGES: readonly Language[] = ["en", "es", "fr", "pl"];

/** Each language's name in its own language (how a language picker should show it). */
export const NATIVE_LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: "English",
  es: "Español",
  fr: "Français",
  pl: "Polski",
};

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Turns an OS or browser locale ("pl_PL.UTF-8", "es-MX", "fr", "C") into a BCP 47 tag that
 * Intl accepts, or null.
 */
export function normalizeLocale(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const tag = raw.split(/[.@]/)[0]?.replace(/_/g, "-").trim() ?? "";
  if (!tag || tag === "C" || tag === "POSIX") return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The UI language a locale asks for, if the app has it. */
export function languageOfLocale(locale: string | null): Language | null {
  if (!locale) return null;
  const primary = locale.split("-")[0]?.toLowerCase() ?? "";
  return isLanguage(primary) ? primary : null;
}

export interface SystemLocale {
  /** The UI language the system asks for (English when it asks for one the app lacks). */
  language: Language;
  /** The system's full locale when it matches `language` (regional formats), else `language`. */
  locale: string;
}

/** The OS locale from the backend first, then the webview's, else English. */
export function systemLocale(osLocale: string | null, navigatorLanguages: readonly string[]): SystemLocale {
  for (const candidate of [osLocale, ...navigatorLanguages]) {
    const locale = normalizeLocale(candidate);
    const language = languageOfLocale(locale);
    if (locale && language) return { language, locale };
  }
  return { language: "en", locale: "en" };
}

/**
 * The locale used for numbers and dates: the system's own when it is in the chosen language (so
 * es-MX keeps Mexican formats), otherwise the chosen language.
 */
export function formattingLocale(language: Language, system: SystemLocale): string {
  return system.language === language ? system.locale : language;
}
