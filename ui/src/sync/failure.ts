import type { SyncOutcome, SyncRunView } from "../bindings";
import { isSyncErrorCode, type SyncErrorCode } from "./labels";

/** Why a sync did not complete: its code and the back end's sentence (English, never a secret). */
export interface SyncFailure {
  code: SyncErrorCode;
  message: string;
  /** The stage the run was in when it stopped, when this window followed it. */
  stage: string | null;
}

export function failureOfOutcome(outcome: SyncOutcome, stage: string | null): SyncFailure | null {
  if (!outcome.errorCode) return null;
  return {
    code: isSyncErrorCode(outcome.errorCode) ? outcome.errorCode : "unknown",
    message: outcome.error ?? "",
    stage,
  };
}

/**
 * The code of a run recorded in the workspace. SyncRunView keeps the sentence only (not the
 * code), so a run this window did not start (a scheduled one, one from an earlier session) is
 * recognised by the sentences of crates/sync/src/error.rs; anything else is `unknown`.
 */
export function failureOfRun(run: SyncRunView): SyncFailure | null {
  if (run.status === "cancelled") return { code: "cancelled", message: "", stage: null };
  if (run.status !== "failed") return null;
  const message = run.error ?? "";
  const code: SyncErrorCode =
    run.errorCode && isSyncErrorCode(run.errorCode) ? run.errorCode : codeOfSentence(message);
  return { code, message, stage: null };
}

const SENTENCES: readonly [RegExp, SyncErrorCode][] = [
  [/^you are offline\b/i, "offline"],
  [/did not answer in time/i, "timeout"],
  [/^sync needs the Microsoft Entra app registration/i, "missingCredentials"],
  [/^Microsoft Entra refused the app registration/i, "badCredentials"],
  [/^missing permission\b/i, "missingPermission"],
  [/is throttling requests/i, "throttled"],
  [/ failed \(HTTP \d+\)/i, "server"],
  [/sent something the app cannot read/i, "malformed"],
  [/refused the request \(HTTP \d+\)/i, "refused"],
  [/^cancelled$/i, "cancelled"],
  [/^the app closed before the sync finished/i, "local"],
];

function codeOfSentence(message: string): SyncErrorCode {
  for (const [pattern, code] of SENTENCES) if (pattern.test(message)) return code;
  return "unknown";
}

/** Codes whose back-end sentence helps (a permission's name, Entra's reason, an HTTP status). */
export function showsMessage(failure: SyncFailure): boolean {
  if (!failure.message.trim()) return false;
  switch (failure.code) {
    case "cancelled":
    case "busy":
    case "noWorkspace":
      return false;
    default:
      return true;
  }
}

/** Codes the partner fixes in Settings. */
export function fixedInSettings(code: SyncErrorCode): boolean {
  return code === "missingCredentials" || code === "badCredentials" || code === "missingPermission" || code === "refused" || code === "malformed";
}
