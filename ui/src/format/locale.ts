/**
 * Numbers, dates and sizes formatted with Intl for one locale. Formatters are cached per
 * locale because constructing Intl objects is comparatively slow.
 */

export interface LocaleFormat {
  locale: string;
  /** 3000 → "3,000" (en), "3000" (pl, below 10 000), "3 000" (fr). */
  number: (value: number) => string;
  /** A calendar date "YYYY-MM-DD" (no time zone) → "Mar 31, 2025" / "31 mar 2025". */
  date: (isoDate: string) => string;
  /** An RFC 3339 instant → date and time in the user's time zone. */
  dateTime: (rfc3339: string) => string;
  /** A byte count → "18.4 MB" / "18,4 MB" (decimal units, as macOS and most disks use). */
  bytes: (value: number) => string;
  /** Whole percent → "82%" (en), "82 %" (fr, with a narrow no-break space). */
  percent: (wholePercent: number) => string;
  /** An amount in an ISO 4217 currency → "€12,500.00" (en), "12 500,00 zł" (pl); the code when Intl does not know it. */
  money: (value: number, currency: string) => string;
  /** A duration in hours → "18.5 hr" / "18,5 godz." (short unit, at most one decimal). */
  hours: (value: number) => string;
  /** A duration in days → "2.5 days" / "2,5 dnia" (short unit, at most one decimal). */
  days: (value: number) => string;
  /** An ISO 3166 region code → its name in the locale ("PL" → "Poland" / "Polonia"); the code when unknown. */
  region: (code: string) => string;
  /** A time of day of an RFC 3339 instant, in the user's time zone → "10:15 AM" / "10:15". */
  time: (rfc3339: string) => string;
  /** A calendar day of an RFC 3339 instant, in the user's time zone → "Mar 31, 2025". */
  day: (rfc3339: string) => string;
  /** How long ago (or how soon) an RFC 3339 instant is from `now` → "2 hours ago" / "2 godziny temu". */
  relative: (rfc3339: string, now?: number) => string;
  /** A duration in milliseconds → "850 ms", "42 sec", "3.5 min", "1.2 hr" (short unit). */
  duration: (ms: number) => string;
}

const cache = new Map<string, LocaleFormat>();

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

function parseCalendarDate(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function localeFormat(locale: string): LocaleFormat {
  const cached = cache.get(locale);
  if (cached) return cached;

  const numberFormat = new Intl.NumberFormat(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const hoursFormat = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "short", maximumFractionDigits: 1 });
  const daysFormat = new Intl.NumberFormat(locale, { style: "unit", unit: "day", unitDisplay: "short", maximumFractionDigits: 1 });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const regionNames = new Intl.DisplayNames(locale, { type: "region", fallback: "code" });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const durationFormats = (["millisecond", "second", "minute", "hour"] as const).map(
    (unit) => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: unit === "millisecond" || unit === "second" ? 0 : 1 }),
  );
  const moneyFormats = new Map<string, Intl.NumberFormat | null>();
  const moneyFormat = (currency: string): Intl.NumberFormat | null => {
    let cached = moneyFormats.get(currency);
    if (cached === undefined) {
      try {
        cached = new Intl.NumberFormat(locale, { style: "currency", currency });
      } catch {
        cached = null;
      }
      moneyFormats.set(currency, cached);
    }
    return cached;
  };
  const instant = (rfc3339: string, formatter: Intl.DateTimeFormat) => {
    const date = new Date(rfc3339);
    return Number.isNaN(date.getTime()) ? rfc3339 : formatter.format(date);
  };
  const byteFormats = BYTE_UNITS.map(
    (unit) =>
      new Intl.NumberFormat(locale, {
        style: "unit",
        unit,
        unitDisplay: "short",
        maximumFractionDigits: unit === "byte" ? 0 : 1,
      }),
  );

  const format: LocaleFormat = {
    locale,
    number: (value) => numberFormat.format(value),
    date: (isoDate) => {
      const date = parseCalendarDate(isoDate);
      return date ? dateFormat.format(date) : isoDate;
    },
    dateTime: (rfc3339) => instant(rfc3339, dateTimeFormat),
    bytes: (value) => {
      let unit = 0;
      let scaled = value;
      while (scaled >= 1000 && unit < BYTE_UNITS.length - 1) {
        scaled /= 1000;
        unit += 1;
      }
      const formatter = byteFormats[unit] ?? numberFormat;
      return formatter.format(scaled);
    },
    percent: (wholePercent) => percentFormat.format(wholePercent / 100),
    money: (value, currency) => moneyFormat(currency)?.format(value) ?? `${numberFormat.format(value)} ${currency}`,
    hours: (value) => hoursFormat.format(value),
    days: (value) => daysFormat.format(value),
    region: (code) => {
      try {
        return regionNames.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
    time: (rfc3339) => instant(rfc3339, timeFormat),
    day: (rfc3339) => instant(rfc3339, dayFormat),
    relative: (rfc3339, now = Date.now()) => {
      const then = new Date(rfc3339).getTime();
      if (Number.isNaN(then)) return rfc3339;
      const seconds = Math.round((then - now) / 1000);
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ["year", 365 * 86400],
        ["month", 30 * 86400],
        ["week", 7 * 86400],
        ["day", 86400],
        ["hour", 3600],
        ["minute", 60],
      ];
      for (const [unit, size] of steps) {
        if (Math.abs(seconds) >= size) return relativeFormat.format(Math.trunc(seconds / size), unit);
      }
      return relativeFormat.format(0, "second");
    },
    duration: (ms) => {
      const [milli, second, minute, hour] = durationFormats as [Intl.NumberFormat, Intl.NumberFormat, Intl.NumberFormat, Intl.NumberFormat];
      if (ms < 1000) return milli.format(Math.max(0, Math.round(ms)));
      if (ms < 60_000) return second.format(Math.round(ms / 1000));
      if (ms < 3_600_000) return minute.format(ms / 60_000);
      return hour.format(ms / 3_600_000);
    },
  };
  cache.set(locale, format);
  return format;
}
