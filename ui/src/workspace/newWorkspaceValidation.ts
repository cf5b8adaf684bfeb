import type { KeyMode } from "../bindings";

export const NAME_MAX_LENGTH = 80;
export const PASSPHRASE_MIN_LENGTH = 10;

export interface NewWorkspaceForm {
  name: string;
  withDemoData: boolean;
  keyMode: KeyMode;
  passphrase: string;
  confirm: string;
}

export type NewWorkspaceProblem =
  | "nameRequired"
  | "nameTooLong"
  | "passphraseRequired"
  | "passphraseTooShort"
  | "passphraseMismatch";

export interface NewWorkspaceProblems {
  name?: NewWorkspaceProblem;
  passphrase?: NewWorkspaceProblem;
  confirm?: NewWorkspaceProblem;
}

/** Client-side checks before createWorkspace; the backend validates again. */
export function validateNewWorkspace(form: NewWorkspaceForm): NewWorkspaceProblems {
  const problems: NewWorkspaceProblems = {};
  const name = form.name.trim();
  if (!name) problems.name = "nameRequired";
  else if (Array.from(name).length > NAME_MAX_LENGTH) problems.name = "nameTooLong";
  if (form.keyMode === "passphrase") {
    if (!form.passphrase) problems.passphrase = "passphraseRequired";
    else if (Array.from(form.passphrase).length < PASSPHRASE_MIN_LENGTH) problems.passphrase = "passphraseTooShort";
    if (form.passphrase && form.confirm !== form.passphrase) problems.confirm = "passphraseMismatch";
  }
  return problems;
}
