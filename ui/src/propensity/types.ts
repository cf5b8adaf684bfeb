/**
 * The propensity reports' IPC contract (SPEC §6), declared here until `src/bindings.ts` is
 * regenerated from the Rust commands with these names. The calls go through `invoke` exactly as
 * the generated bindings do (command names in snake_case, arguments in camelCase) and resolve to
 * the same `{ status, data | error }` shape, so switching to `commands` from `../bindings` is a
 * change of import.
 */
import { invoke } from "@tauri-apps/api/core";
import type { IpcError, Language } from "../bindings";
import type { Result } from "../ipc/settle";

/** The six CloudAscent reports. */
export type ReportKind = "renewal" | "azure" | "d365" | "m365" | "security" | "surface";
export const REPORT_KINDS: readonly ReportKind[] = ["renewal", "azure", "d365", "m365", "security", "surface"];

/** What a report column holds, for grouping them in the column chooser. */
export type ReportColumnGroup = "firmographic" | "play" | "score" | "signals" | "revenue" | "flag" | "renewal" | "workload" | "transacted";
export const COLUMN_GROUPS: readonly ReportColumnGroup[] = ["firmographic", "play", "score", "signals", "revenue", "flag", "renewal", "workload", "transacted"];

export type ReportColumnInfo = { name: string; group: ReportColumnGroup };
/** A report as the catalogue describes it; `title` and `description` are already translated. */
export type ReportKindInfo = { kind: ReportKind; title: string; description: string; columns: ReportColumnInfo[] };
/** What to generate: `columns` empty means all of them, `months` null means Lifetime. */
export type ReportSpec = { kind: ReportKind; name: string; columns: string[]; months: number | null };
export type ReportPreview = {
  columns: string[];
  rows: string[][];
  /** The snapshot's date, YYYY-MM-DD. */
  asOf: string;
  /** Customers in the snapshot. */
  customers: number;
  /** Rows the whole report would have with this time range; null when not counted. */
  rowsInRange: number | null;
};
export type SavedReportStatus = "running" | "completed" | "failed" | "cancelled";
export type SavedReport = {
  id: number;
  name: string;
  kind: ReportKind;
  columns: string[];
  months: number | null;
  path: string;
  fileName: string;
  status: SavedReportStatus;
  rows: number | null;
  bytes: number | null;
  asOf: string | null;
  error: string | null;
  scheduleId: number | null;
  /** RFC 3339, UTC. */
  startedAt: string;
  finishedAt: string | null;
  fileExists: boolean;
};
export type ScheduleCadence = "monthly" | "afterImport";
export type ReportSchedule = {
  id: number;
  spec: ReportSpec;
  cadence: ScheduleCadence;
  createdAt: string;
  lastRunAt: string | null;
  /** Monthly: the next 25th; after each import: null. */
  nextRunAt: string | null;
  lastReportId: number | null;
};
export type PropensitySettings = {
  /** 4 rows (fit High, Medium, Low, Very low) × 4 columns (intent High … Very low). */
  clusterMap: string[][];
  defaultClusterMap: string[][];
  reportsFolder: string;
};

async function call<T>(command: string, args?: Record<string, unknown>): Promise<Result<T>> {
  try {
    return { status: "ok", data: await invoke<T>(command, args) };
  } catch (e) {
    // Like the generated bindings: a JavaScript error is rethrown (settle() turns it into
    // `internal`), anything else is the command's IpcError.
    if (e instanceof Error) throw e;
    return { status: "error", error: e as IpcError };
  }
}

/** The propensity commands, named as the regenerated `commands` of `../bindings` will name them. */
export const propensityCommands = {
  propensityCatalogue: (language: Language) => call<ReportKindInfo[]>("propensity_catalogue", { language }),
  previewPropensityReport: (language: Language, spec: ReportSpec, limit: number) =>
    call<ReportPreview>("preview_propensity_report", { language, spec, limit }),
  generatePropensityReport: (language: Language, spec: ReportSpec) => call<SavedReport>("generate_propensity_report", { language, spec }),
  savedReports: () => call<SavedReport[]>("saved_reports"),
  deleteSavedReport: (id: number, deleteFile: boolean) => call<null>("delete_saved_report", { id, deleteFile }),
  openSavedReport: (id: number) => call<null>("open_saved_report", { id }),
  revealSavedReport: (id: number) => call<null>("reveal_saved_report", { id }),
  reportSchedules: () => call<ReportSchedule[]>("report_schedules"),
  createReportSchedule: (language: Language, spec: ReportSpec, cadence: ScheduleCadence) =>
    call<ReportSchedule>("create_report_schedule", { language, spec, cadence }),
  deleteReportSchedule: (id: number) => call<null>("delete_report_schedule", { id }),
  propensitySettings: () => call<PropensitySettings>("propensity_settings"),
  setClusterMap: (cells: string[][]) => call<PropensitySettings>("set_cluster_map", { cells }),
  chooseReportsFolder: () => call<PropensitySettings | null>("choose_reports_folder"),
};
