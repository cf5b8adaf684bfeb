import type { QueueState, UsagePeriod } from "../bindings";
import type { MessageKey } from "../i18n/en";

/** The codes of SyncOutcome.errorCode (src-tauri/src/sync_runner.rs). */
export const SYNC_ERROR_CODES = [
  "offline",
  "timeout",
  "missingCredentials",
  "badCredentials",
  "missingPermission",
  "throttled",
  "server",
  "malformed",
  "refused",
  "cancelled",
  "local",
  "busy",
  "noWorkspace",
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number] | "unknown";

export function isSyncErrorCode(value: string): value is (typeof SYNC_ERROR_CODES)[number] {
  return (SYNC_ERROR_CODES as readonly string[]).includes(value);
}

export const ERROR_TITLES: Readonly<Record<SyncErrorCode, MessageKey>> = {
  offline: "sync.error.offline.title",
  timeout: "sync.error.timeout.title",
  missingCredentials: "sync.error.missingCredentials.title",
  badCredentials: "sync.error.badCredentials.title",
  missingPermission: "sync.error.missingPermission.title",
  throttled: "sync.error.throttled.title",
  server: "sync.error.server.title",
  malformed: "sync.error.malformed.title",
  refused: "sync.error.refused.title",
  cancelled: "sync.error.cancelled.title",
  local: "sync.error.local.title",
  busy: "sync.error.busy.title",
  noWorkspace: "sync.error.noWorkspace.title",
  unknown: "sync.error.unknown.title",
};

export const ERROR_BODIES: Readonly<Record<SyncErrorCode, MessageKey>> = {
  offline: "sync.error.offline.body",
  timeout: "sync.error.timeout.body",
  missingCredentials: "sync.error.missingCredentials.body",
  badCredentials: "sync.error.badCredentials.body",
  missingPermission: "sync.error.missingPermission.body",
  throttled: "sync.error.throttled.body",
  server: "sync.error.server.body",
  malformed: "sync.error.malformed.body",
  refused: "sync.error.refused.body",
  cancelled: "sync.error.cancelled.body",
  local: "sync.error.local.body",
  busy: "sync.error.busy.body",
  noWorkspace: "sync.error.noWorkspace.body",
  unknown: "sync.error.unknown.body",
};

export const QUEUE_STATE_LABELS: Readonly<Record<QueueState, MessageKey>> = {
  pending: "sync.queue.state.pending",
  conflict: "sync.queue.state.conflict",
  refused: "sync.queue.state.refused",
};

export const RUN_STATUS_LABELS: Readonly<Record<string, MessageKey>> = {
  running: "sync.runs.status.running",
  completed: "sync.runs.status.completed",
  failed: "sync.runs.status.failed",
  cancelled: "sync.runs.status.cancelled",
};

export const USAGE_PERIODS: readonly { value: UsagePeriod; days: number }[] = [
  { value: "D7", days: 7 },
  { value: "D30", days: 30 },
  { value: "D90", days: 90 },
  { value: "D180", days: 180 },
];

/** The intervals offered; a saved value outside them (1–168) is offered too. */
export const EVERY_HOURS = [1, 2, 4, 8, 12, 24] as const;

/** Microsoft's own addresses (crates/engine/src/sync/settings.rs). */
export const MICROSOFT_URLS = {
  loginUrl: "https://login.microsoftonline.com",
  partnerCenterUrl: "https://api.partner.microsoft.com",
  graphUrl: "https://graph.microsoft.com",
} as const;
