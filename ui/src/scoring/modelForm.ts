import type { ModelForm_Deserialize as ModelForm, ScoringModelSummary_Serialize as ScoringModelSummary } from "../bindings";
import type { MessageKey } from "../i18n/en";
import type { MessageParams } from "../i18n/messageFormat";

/** One filter condition as the form holds it (values as stored). */
export interface ConditionDraft {
  attribute: string;
  values: string[];
}

/** A model's settings as typed: text where the user types, the rest as chosen. */
export interface ModelDraft {
  name: string;
  filter: ConditionDraft[];
  /** "auto": the model selects its attributes; "chosen": the admin's list. */
  attributesMode: "auto" | "chosen";
  attributes: string[];
  autoRetrain: boolean;
  trendTolerance: string;
}

export type DraftField = "name" | "filter" | "attributes" | "trendTolerance";
export interface DraftProblem {
  key: MessageKey;
  params?: MessageParams;
}

/** The engine's limits (crates/engine/src/lead_scoring/mod.rs). */
export const MAX_NAME = 100;
export const DEFAULT_TOLERANCE = 5;

export function newDraft(): ModelDraft {
  return { name: "", filter: [], attributesMode: "auto", attributes: [], autoRetrain: true, trendTolerance: String(DEFAULT_TOLERANCE) };
}

/** The form filled with a model's settings; `selected` are the attributes its version reads (the starting list when the admin takes over). */
export function draftOf(model: ScoringModelSummary, selected: readonly string[] = []): ModelDraft {
  return {
    name: model.name,
    filter: model.filter.map((c) => ({ attribute: c.attribute, values: [...c.values] })),
    attributesMode: model.attributes ? "chosen" : "auto",
    attributes: model.attributes ? [...model.attributes] : [...selected],
    autoRetrain: model.autoRetrain,
    trendTolerance: String(model.trendTolerance),
  };
}

/** The form checked as the engine checks it: the ModelForm to send, or each field's problem. */
export function checkDraft(draft: ModelDraft, requireName: boolean): { ok: true; form: ModelForm } | { ok: false; problems: Partial<Record<DraftField, DraftProblem>> } {
  const problems: Partial<Record<DraftField, DraftProblem>> = {};
  const name = draft.name.trim();
  if (requireName && !name) problems.name = { key: "scoring.form.error.name" };
  if (Array.from(name).length > MAX_NAME) problems.name = { key: "scoring.form.error.nameLength", params: { max: MAX_NAME } };
  if (draft.filter.some((c) => c.values.length === 0)) problems.filter = { key: "scoring.form.error.filterValues" };
  if (draft.attributesMode === "chosen" && draft.attributes.length === 0) problems.attributes = { key: "scoring.form.error.attributes" };
  const tolerance = draft.trendTolerance.trim();
  if (!/^\d{1,3}$/.test(tolerance) || Number(tolerance) > 100) problems.trendTolerance = { key: "scoring.form.error.tolerance" };
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    form: {
      name,
      filter: draft.filter.map((c) => ({ attribute: c.attribute, values: [...c.values] })),
      attributes: draft.attributesMode === "auto" ? null : [...draft.attributes],
      autoRetrain: draft.autoRetrain,
      trendTolerance: Number(tolerance),
    },
  };
}
