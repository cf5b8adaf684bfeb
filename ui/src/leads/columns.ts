import type { LeadSort } from "../bindings";

/** The table's columns, in order; the contact column takes what the others leave. */
export interface LeadColumn {
  id: LeadSort | "marker";
  /** Fixed width, a share of the table, or "auto" (the contact takes what is left). */
  width: string;
}

export const LEAD_COLUMNS: readonly LeadColumn[] = [
  // The heart and the Contact-me flame.
  { id: "marker", width: "56px" },
  { id: "customer", width: "17%" },
  // The predictive score: grade, score and trend.
  { id: "score", width: "64px" },
  { id: "contact", width: "auto" },
  { id: "emailValidity", width: "84px" },
  { id: "phoneValidity", width: "84px" },
  { id: "callToAction", width: "96px" },
  // The source, with the lead type under it.
  { id: "source", width: "104px" },
  { id: "quality", width: "76px" },
  // The substatus, with the time left to answer under it.
  { id: "status", width: "104px" },
  { id: "created", width: "92px" },
];

/** Below this table width the validity columns show their verdict as an icon (named on hover). */
export const COMPACT_BELOW_PX = 1100;

/** Narrower widths when the table is `compact`, so the contact (which takes what is left) keeps room to be read. */
const COMPACT_WIDTHS: Partial<Record<LeadColumn["id"], string>> = {
  customer: "15%",
  emailValidity: "64px",
  phoneValidity: "64px",
  score: "64px",
  callToAction: "84px",
  source: "96px",
  quality: "72px",
  status: "96px",
  created: "100px",
};

/** The columns for a table of `compact` width: validity as icons, and the fixed columns narrower. */
export function leadColumns(compact: boolean): readonly LeadColumn[] {
  if (!compact) return LEAD_COLUMNS;
  return LEAD_COLUMNS.map((column) => {
    const width = COMPACT_WIDTHS[column.id];
    return width ? { ...column, width } : column;
  });
}

/** Every row has one height (two lines of text), so the table can be windowed exactly. */
export const LEAD_ROW_HEIGHT = 56;
