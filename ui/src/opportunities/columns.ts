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

/**
 * The dismissed list: a labelled Restore button (wide enough for "Restaurar") takes the place of
 * the Feedback column and of the Dismiss icon, so that the recommendation keeps its width.
 */
export const DISMISSED_COLUMNS: readonly Column[] = COLUMNS.filter((column) => column.id !== "feedback").map((column) =>
  column.id === "actions" ? { ...column, width: "124px" } : column,
);

/** Every row has one height (two lines of text), so the table can be windowed exactly. */
export const ROW_HEIGHT = 56;
