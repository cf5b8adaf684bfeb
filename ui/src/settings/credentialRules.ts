import type { CredentialKind } from "../bindings";
import type { MessageKey } from "../i18n/en";

/** The credentials, in the order the settings show them, with their labels. */
export const CREDENTIALS: ReadonlyArray<{ kind: CredentialKind; label: MessageKey }> = [
  { kind: "entraTenantId", label: "settings.credentials.entraTenantId" },
  { kind: "entraClientId", label: "settings.credentials.entraClientId" },
  { kind: "entraClientSecret", label: "settings.credentials.entraClientSecret" },
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The value to store, or the message key of what is wrong with it. */
export function checkCredential(kind: CredentialKind, raw: string): { value: string } | { problem: MessageKey } {
  const value = raw.trim();
  if (!value) return { problem: "settings.credentials.required" };
  switch (kind) {
    case "entraTenantId":
      return GUID.test(value) || DOMAIN.test(value) ? { value } : { problem: "settings.credentials.notTenant" };
    case "entraClientId":
      return GUID.test(value) ? { value } : { problem: "settings.credentials.notGuid" };
    case "entraClientSecret":
      return { value };
  }
}
