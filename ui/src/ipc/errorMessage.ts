import type { ErrorCode, IpcError } from "../bindings";
import type { MessageKey } from "../i18n/en";
import type { Translate } from "../i18n/I18nContext";

const KEYS: Readonly<Record<ErrorCode, MessageKey>> = {
  workspaceNotFound: "error.workspaceNotFound",
  notAWorkspace: "error.notAWorkspace",
  wrongKey: "error.wrongKey",
  missingKey: "error.missingKey",
  newerVersion: "error.newerVersion",
  keychainUnavailable: "error.keychainUnavailable",
  passphraseRequired: "error.passphraseRequired",
  invalidInput: "error.invalidInput",
  cancelled: "error.cancelled",
  notFound: "error.notFound",
  notAllowed: "error.notAllowed",
  noWorkspaceOpen: "error.noWorkspaceOpen",
  io: "error.io",
  database: "error.database",
  internal: "error.internal",
};

/** The user-facing explanation of an error, chosen by its code (never by its text). */
export function errorMessage(t: Translate, error: IpcError): string {
  const key = KEYS[error.code] as MessageKey | undefined;
  return key ? t(key) : t("error.unexpected");
}

/** Codes for which the workspace can be unlocked with a passphrase. */
export function asksForPassphrase(error: IpcError): boolean {
  switch (error.code) {
    case "passphraseRequired":
    case "keychainUnavailable":
    case "wrongKey":
      return true;
    default:
      return false;
  }
}
