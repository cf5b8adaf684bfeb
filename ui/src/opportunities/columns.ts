import type { OpportunitySort } from "../bindings";

/** The table's columns, in order; widths sum with the two flexible ones to the table's width. */
export interface Column {
  id: OpportunitySort | "actions";
  /** Fixed width; the customer and recommendation columns share the rest. */
  width: string;
  numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { id: "customer", width: "19%" },
  { id: "recommendation", width: "auto" },
  { id: "probability", width: "124px" },
  { id: "type", width: "116px" },
  { id: "seats", width: "84px", numeric: true },
  { id: "dateAdded", width: "112px" },
  { id: "feedback", width: "100px" },
  { id: "actions", width: "44px" },
];

/** Every row has one height (two lines of text), so the table can be windowed exactly. */
export const ROW_HEIGHT = 56;
