/**
 * Figures of lead scoring for one locale: AUCs and losses with fixed decimals, shares as
 * percentages. `null` (a figure the backend could not compute) is a dash.
 */
export interface ScoringNumbers {
  /** 0.7812 → "0.781" (3 decimals), "0,781" in Polish. */
  decimal: (value: number | null | undefined, digits?: number) => string;
  /** 0.642 → "64%" ("64 %" in French). */
  percent: (share: number | null | undefined) => string;
  /** 0.0642 → "6.4%": one decimal below 10%. */
  finePercent: (share: number | null | undefined) => string;
}

const DASH = "–";
const cache = new Map<string, ScoringNumbers>();

export function scoringNumbers(locale: string): ScoringNumbers {
  const cached = cache.get(locale);
  if (cached) return cached;
  const decimals = new Map<number, Intl.NumberFormat>();
  const decimalFormat = (digits: number) => {
    let f = decimals.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      decimals.set(digits, f);
    }
    return f;
  };
  const whole = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const fine = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const known = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);
  const numbers: ScoringNumbers = {
    decimal: (value, digits = 3) => (known(value) ? decimalFormat(digits).format(value) : DASH),
    percent: (share) => (known(share) ? whole.format(share) : DASH),
    finePercent: (share) => (known(share) ? (Math.abs(share) < 0.1 ? fine : whole).format(share) : DASH),
  };
  cache.set(locale, numbers);
  return numbers;
}
