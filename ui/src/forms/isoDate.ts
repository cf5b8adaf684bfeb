/**
 * Calendar dates typed by hand as year-month-day (the one order the backend reads, and the one
 * that no locale misreads). Text inputs are used instead of `type=date` because WebKitGTK, the
 * desktop app's webview, paints an empty date input with today's date, so that an unset date
 * looks set.
 */

export type IsoDateInput =
  /** Nothing typed: no date. */
  | { kind: "empty" }
  /** A real calendar date, normalised to YYYY-MM-DD. */
  | { kind: "date"; iso: string }
  /** Something that is not a date (or not a real one, such as 2025-02-30). */
  | { kind: "invalid" };

/** A year of four digits, then month and day of one or two digits, separated by - / or . */
const PATTERN = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** Reads what the user typed: empty, a date (normalised to YYYY-MM-DD), or invalid. */
export function parseIsoDate(text: string): IsoDateInput {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  const match = PATTERN.exec(trimmed);
  if (!match) return { kind: "invalid" };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return { kind: "invalid" };
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { kind: "invalid" };
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return { kind: "date", iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}
