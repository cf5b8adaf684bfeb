import type { OpportunitySettings, OpportunitySettings_Deserialize } from "../../bindings";
import type { MessageKey } from "../../i18n/en";

/** The thresholds the form edits (the learners' seed is kept as loaded, never shown). */
export type ThresholdField =
  | "high"
  | "medium"
  | "minProbability"
  | "horizonMonths"
  | "trendTolerancePoints"
  | "smbThreshold"
  | "smbMinWorkloads"
  | "smbMinAssigned"
  | "smbMaxEmployees"
  | "trialWindowDays";

/** What the user typed, field by field. */
export type ThresholdValues = Readonly<Record<ThresholdField, string>>;

/**
 * How a field is typed: a percentage (a share 0–1 in the contract, 0–100 on screen), points
 * (a number as is) or a whole number, with the range the form accepts.
 */
type FieldSpec = { kind: "percent" } | { kind: "points"; max: number } | { kind: "whole"; min: number; max: number };

export const FIELD_SPECS: Readonly<Record<ThresholdField, FieldSpec>> = {
  high: { kind: "percent" },
  medium: { kind: "percent" },
  minProbability: { kind: "percent" },
  horizonMonths: { kind: "whole", min: 1, max: 24 },
  trendTolerancePoints: { kind: "points", max: 100 },
  smbThreshold: { kind: "percent" },
  smbMinWorkloads: { kind: "whole", min: 1, max: 5 },
  smbMinAssigned: { kind: "whole", min: 0, max: 100_000 },
  smbMaxEmployees: { kind: "whole", min: 1, max: 1_000_000 },
  trialWindowDays: { kind: "whole", min: 1, max: 365 },
};

/** SPEC §3's defaults (the backend's `OpportunitySettings::default`), without the seed. */
export const DEFAULT_THRESHOLDS: Readonly<Omit<Required<OpportunitySettings_Deserialize>, "seed">> = {
  high: 0.6,
  medium: 0.3,
  minProbability: 0.15,
  horizonMonths: 6,
  trendTolerancePoints: 5,
  smbThreshold: 0.5,
  smbMinWorkloads: 3,
  smbMinAssigned: 5,
  smbMaxEmployees: 299,
  trialWindowDays: 30,
};

/** The backend's seed when a workspace has none stored. */
const DEFAULT_SEED = 7;

export interface FieldError {
  key: MessageKey;
  params?: Readonly<Record<string, number>>;
}

/** A number as the form shows it: locale decimal separator, no grouping, at most 4 decimals. */
function shown(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 4, useGrouping: false }).format(value);
}

/** The settings as the form shows them (shares as percentages). */
export function toValues(settings: Partial<OpportunitySettings>, locale: string): ThresholdValues {
  const entries = (Object.keys(FIELD_SPECS) as ThresholdField[]).map((field) => {
    const value = settings[field] ?? null;
    const scaled = value !== null && FIELD_SPECS[field].kind === "percent" ? Math.round(value * 100 * 1e4) / 1e4 : value;
    return [field, shown(scaled, locale)] as const;
  });
  return Object.fromEntries(entries) as Record<ThresholdField, string>;
}

/** A plain decimal number typed with a dot or a comma; null when it is not one. */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(",", ".");
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function checkField(field: ThresholdField, text: string): FieldError | null {
  const spec = FIELD_SPECS[field];
  const n = parseNumber(text);
  switch (spec.kind) {
    case "percent":
      return n === null || n > 100 ? { key: "opp.models.invalid.percent" } : null;
    case "points":
      return n === null || n > spec.max ? { key: "opp.models.invalid.points", params: { max: spec.max } } : null;
    case "whole":
      return n === null || !Number.isInteger(n) || n < spec.min || n > spec.max
        ? { key: "opp.models.invalid.whole", params: { min: spec.min, max: spec.max } }
        : null;
  }
}

export type Checked =
  | { ok: true; settings: OpportunitySettings_Deserialize }
  | { ok: false; errors: Partial<Record<ThresholdField, FieldError>> };

/**
 * Checks the form as the backend will (0 ≤ Medium ≤ High ≤ 1, shares in 0–1, horizon ≥ 1, 1–5
 * SMB workloads) and within the form's ranges; when it passes, the settings to send, with shares
 * as fractions and the seed as loaded.
 */
export function checkValues(values: ThresholdValues, seed: number | undefined): Checked {
  const errors: Partial<Record<ThresholdField, FieldError>> = {};
  for (const field of Object.keys(FIELD_SPECS) as ThresholdField[]) {
    const error = checkField(field, values[field]);
    if (error) errors[field] = error;
  }
  const high = parseNumber(values.high);
  const medium = parseNumber(values.medium);
  if (!errors.high && !errors.medium && high !== null && medium !== null && medium > high) {
    errors.medium = { key: "opp.models.invalid.mediumAboveHigh" };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const number = (field: ThresholdField) => parseNumber(values[field]) ?? 0;
  const share = (field: ThresholdField) => number(field) / 100;
  return {
    ok: true,
    settings: {
      high: share("high"),
      medium: share("medium"),
      minProbability: share("minProbability"),
      horizonMonths: number("horizonMonths"),
      trendTolerancePoints: number("trendTolerancePoints"),
      smbThreshold: share("smbThreshold"),
      smbMinWorkloads: number("smbMinWorkloads"),
      smbMinAssigned: number("smbMinAssigned"),
      smbMaxEmployees: number("smbMaxEmployees"),
      trialWindowDays: number("trialWindowDays"),
      seed: seed ?? DEFAULT_SEED,
    },
  };
}
