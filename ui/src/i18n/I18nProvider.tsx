import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { commands, type AppInfo, type IpcError, type Language } from "../bindings";
import { settle } from "../ipc/settle";
import { CATALOGS } from "./catalogs";
import { formatMessage, type MessageParams } from "./messageFormat";
import { formattingLocale, systemLocale } from "./languages";
import { I18nContext, type I18nValue } from "./I18nContext";
import type { MessageKey } from "./en";

interface Loaded {
  appInfo: AppInfo | null;
}

/** Reads the saved language and the OS locale, then provides `t` and the active locale. */
export function I18nProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [preference, setPreference] = useState<Language | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([settle(commands.appInfo()), settle(commands.getSettings())]).then(([info, settings]) => {
      if (!live) return;
      setPreference(settings.status === "ok" ? settings.data.language : null);
      setLoaded({ appInfo: info.status === "ok" ? info.data : null });
    });
    return () => {
      live = false;
    };
  }, []);

  const system = useMemo(
    () => systemLocale(loaded?.appInfo?.osLocale ?? null, navigator.languages),
    [loaded],
  );
  const language: Language = preference ?? system.language;
  const locale = formattingLocale(language, system);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const t = useCallback(
    (key: MessageKey, params: MessageParams = {}) => formatMessage(CATALOGS[language][key], params, locale),
    [language, locale],
  );

  const preferenceRef = useRef(preference);
  useEffect(() => {
    preferenceRef.current = preference;
  }, [preference]);

  const choose = useCallback(async (next: Language | null): Promise<IpcError | null> => {
    const previous = preferenceRef.current;
    setPreference(next);
    const result = await settle(commands.setLanguage(next));
    if (result.status === "ok") {
      setPreference(result.data.language);
      return null;
    }
    setPreference(previous);
    return result.error;
  }, []);

  const value = useMemo<I18nValue>(
    () => ({ language, locale, preference, system, appInfo: loaded?.appInfo ?? null, t, choose }),
    [language, locale, preference, system, loaded, t, choose],
  );

  if (!loaded) return <>{fallback}</>;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
