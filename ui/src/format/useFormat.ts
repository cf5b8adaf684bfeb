import { useI18n } from "../i18n/I18nContext";
import { localeFormat, type LocaleFormat } from "./locale";

/** Formatters for the UI's active locale. */
export function useFormat(): LocaleFormat {
  return localeFormat(useI18n().locale);
}
