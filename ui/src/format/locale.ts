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
    dateTime: (rfc3339) => {
      const date = new Date(rfc3339);
      return Number.isNaN(date.getTime()) ? rfc3339 : dateTimeFormat.format(date);
    },
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
  };
  cache.set(locale, format);
  return format;
}
