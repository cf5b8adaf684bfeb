import type { MessageKey } from "../i18n/en";
import type { ReportColumnGroup, ReportKind, SavedReportStatus, ScheduleCadence } from "./types";

/** The four clusters of the 4×4 map (SPEC §6.1), best first. */
export type ClusterLetter = "A" | "B" | "C" | "D";
export const CLUSTER_LETTERS: readonly ClusterLetter[] = ["A", "B", "C", "D"];

/** Every cell code, A1 … D4. */
export const CLUSTER_CODES: readonly string[] = CLUSTER_LETTERS.flatMap((letter) => [1, 2, 3, 4].map((rank) => `${letter}${rank}`));

export const CLUSTER_LABELS: Readonly<Record<ClusterLetter, MessageKey>> = {
  A: "propensity.cluster.A",
  B: "propensity.cluster.B",
  C: "propensity.cluster.C",
  D: "propensity.cluster.D",
};

export const CLUSTER_HINTS: Readonly<Record<ClusterLetter, MessageKey>> = {
  A: "propensity.cluster.A.hint",
  B: "propensity.cluster.B.hint",
  C: "propensity.cluster.C.hint",
  D: "propensity.cluster.D.hint",
};

/** A cell code's cluster, or null when the text is not a code. */
export function clusterOf(code: string): ClusterLetter | null {
  const match = /^([A-D])[1-4]$/.exec(code.trim());
  return match ? (match[1] as ClusterLetter) : null;
}

/** The fit and intent bands, in the map's order (High first). */
export const BANDS: readonly MessageKey[] = ["propensity.band.high", "propensity.band.medium", "propensity.band.low", "propensity.band.veryLow"];

/** A short name of each report, for default report names ("M365 propensity 2026-11-24"). */
export const KIND_SHORT: Readonly<Record<ReportKind, MessageKey>> = {
  renewal: "propensity.kind.renewal",
  azure: "propensity.kind.azure",
  d365: "propensity.kind.d365",
  m365: "propensity.kind.m365",
  security: "propensity.kind.security",
  surface: "propensity.kind.surface",
};

export const GROUP_LABELS: Readonly<Record<ReportColumnGroup, MessageKey>> = {
  firmographic: "propensity.group.firmographic",
  play: "propensity.group.play",
  score: "propensity.group.score",
  signals: "propensity.group.signals",
  revenue: "propensity.group.revenue",
  flag: "propensity.group.flag",
  renewal: "propensity.group.renewal",
  workload: "propensity.group.workload",
  transacted: "propensity.group.transacted",
};

export const STATUS_LABELS: Readonly<Record<SavedReportStatus, MessageKey>> = {
  running: "propensity.status.running",
  completed: "propensity.status.completed",
  failed: "propensity.status.failed",
  cancelled: "propensity.status.cancelled",
};

export const CADENCE_LABELS: Readonly<Record<ScheduleCadence, MessageKey>> = {
  monthly: "propensity.cadence.monthly",
  afterImport: "propensity.cadence.afterImport",
};

/** Today in the user's time zone as YYYY-MM-DD. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
