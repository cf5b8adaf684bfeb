/**
 * The propensity reports' IPC types (SPEC §6) as the page holds them: the answers' shapes
 * (`_Serialize`, every field present) of the generated bindings, under short names, and the
 * column groups in the order the chooser shows them.
 */
import type {
  ReportColumnGroup,
  ReportPreview_Serialize,
  ReportSchedule_Serialize,
  ReportSpec_Serialize,
  SavedReport_Serialize,
} from "../bindings";

export type {
  PropensitySettings,
  ReportColumnGroup,
  ReportColumnInfo,
  ReportKind,
  ReportKindInfo,
  SavedReportStatus,
  ScheduleCadence,
} from "../bindings";

/** What to generate: `columns` empty means all of them, `months` null means Lifetime. */
export type ReportSpec = ReportSpec_Serialize;
export type ReportPreview = ReportPreview_Serialize;
export type SavedReport = SavedReport_Serialize;
export type ReportSchedule = ReportSchedule_Serialize;

export const COLUMN_GROUPS: readonly ReportColumnGroup[] = ["firmographic", "play", "score", "signals", "revenue", "flag", "renewal", "workload", "transacted"];
