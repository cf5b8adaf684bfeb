import type { AcceptForm_Deserialize, LeadContact_Serialize, LeadDetail_Serialize } from "../../bindings";
import { parseIsoDate } from "../../forms/isoDate";
import type { MessageKey } from "../../i18n/en";
import { utcDay } from "../query";

/**
 * The accept (and edit) form as typed, and its checks: the same rules as the engine's
 * `AcceptForm::problems`, so that a refused form is explained field by field before it is sent.
 */

/** Longest deal name, team member, campaign and CRM ID (the engine's MAX_DEAL_NAME). */
export const MAX_SHORT_TEXT = 200;
/** Longest notes (the engine's MAX_TEXT). */
export const MAX_NOTES = 2000;

/** Currencies offered in the list (any ISO 4217 code may be typed). */
export const COMMON_CURRENCIES = ["EUR", "USD", "GBP", "PLN", "CHF", "SEK", "NOK", "DKK", "CZK", "HUF", "RON", "CAD", "AUD", "JPY", "INR", "BRL", "MXN"] as const;

const EURO_COUNTRIES = new Set([
  "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK",
]);

const COUNTRY_CURRENCIES: Readonly<Record<string, string>> = {
  PL: "PLN", GB: "GBP", US: "USD", CH: "CHF", SE: "SEK", NO: "NOK", DK: "DKK", CZ: "CZK", HU: "HUF", RO: "RON",
  CA: "CAD", AU: "AUD", JP: "JPY", IN: "INR", BR: "BRL", MX: "MXN",
};

/** The currency a lead's deal is most likely in: its country's (EUR for the euro area), else USD. */
export function currencyForCountry(country: string): string {
  const code = country.trim().toUpperCase();
  if (EURO_COUNTRIES.has(code)) return "EUR";
  return COUNTRY_CURRENCIES[code] ?? "USD";
}

export interface ContactDraft {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export interface AcceptDraft {
  dealName: string;
  /** As typed, in the user's locale. */
  value: string;
  currency: string;
  team: string[];
  /** YYYY-MM-DD as typed. */
  close: string;
  notes: string;
  campaign: string;
  crm: string;
  contacts: ContactDraft[];
}

export type AcceptField =
  | "dealName"
  | "estimatedValue"
  | "currency"
  | "teamMembers"
  | "estimatedClose"
  | "notes"
  | "marketingCampaignId"
  | "crmId"
  | "moreContacts";

/** A field's problem: a message key and its parameters. */
export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type AcceptProblems = Partial<Record<AcceptField, FieldProblem>>;

/** Separators of a locale's numbers. */
function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
  };
}

/**
 * A non-negative amount typed in `locale` ("12,500.50", "12 500,50", "12.500,50"), or null when
 * it is not one. A point is always read as a decimal point when the locale's decimal is a comma
 * and no comma was typed ("12500.5" in Polish).
 */
export function parseAmount(text: string, locale: string): number | null {
  const { group, decimal } = separators(locale);
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return null;
  const pointAsDecimal = decimal === "," && group === "." && !s.includes(",") && /^\d+\.\d{1,2}$/.test(s);
  if (!pointAsDecimal && group.trim() !== "") s = s.split(group).join("");
  if (decimal !== ".") s = s.replace(decimal, ".");
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

/** An amount as the form shows it for editing: no grouping, up to two decimals. */
export function amountText(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 2 }).format(value);
}

/** The accept form of a received lead: the deal named "<customer>: <offer>", its country's currency, one empty team member. */
export function acceptDraft(detail: LeadDetail_Serialize): AcceptDraft {
  const row = detail.row;
  return {
    dealName: `${row.customerName}: ${row.offerName}`,
    value: "",
    currency: currencyForCountry(row.country),
    team: [""],
    close: "",
    notes: "",
    campaign: "",
    crm: "",
    contacts: [],
  };
}

/** The edit form of an accepted lead: what it holds now. */
export function editDraft(detail: LeadDetail_Serialize, locale: string): AcceptDraft {
  const row = detail.row;
  const deal = detail.deal;
  const contacts = deal.moreContacts.map((c: LeadContact_Serialize) => ({ firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone }));
  return {
    dealName: deal.name ?? `${row.customerName}: ${row.offerName}`,
    value: row.dealValue === null ? "" : amountText(row.dealValue, locale),
    currency: row.currency ?? currencyForCountry(row.country),
    team: deal.teamMembers.length > 0 ? [...deal.teamMembers] : [""],
    close: deal.estimatedClose ?? "",
    notes: deal.notes ?? "",
    campaign: deal.marketingCampaignId ?? "",
    crm: deal.crmId ?? "",
    contacts,
  };
}

/** Characters as the engine counts them (Unicode scalar values). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

function tooLong(text: string, max: number): FieldProblem | null {
  return charCount(text) > max ? { key: "leads.form.error.tooLong", params: { max } } : null;
}

/**
 * Every problem with the draft, by field (empty when it can be sent), and the form to send.
 * `createdAt` is the lead's creation instant: the purchase date cannot be before that day (UTC,
 * as the engine counts it).
 */
export function checkAccept(draft: AcceptDraft, createdAt: string, locale: string): { problems: AcceptProblems; form: AcceptForm_Deserialize | null } {
  const problems: AcceptProblems = {};
  const set = (field: AcceptField, problem: FieldProblem | null) => {
    if (problem) problems[field] = problem;
  };
  const dealName = draft.dealName.trim();
  set("dealName", dealName ? tooLong(dealName, MAX_SHORT_TEXT) : { key: "leads.form.error.dealName" });

  const value = parseAmount(draft.value, locale);
  if (value === null) set("estimatedValue", { key: "leads.form.error.value" });

  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) set("currency", { key: "leads.form.error.currency" });

  const team = draft.team.map((m) => m.trim()).filter((m) => m !== "");
  set("teamMembers", team.length === 0 ? { key: "leads.form.error.team" } : (team.map((m) => tooLong(m, MAX_SHORT_TEXT)).find((p) => p !== null) ?? null));

  const created = utcDay(createdAt);
  const close = parseIsoDate(draft.close);
  if (close.kind === "empty") set("estimatedClose", { key: "leads.form.error.closeRequired" });
  else if (close.kind === "invalid") set("estimatedClose", { key: "common.dateInvalid" });
  else if (close.iso < created) set("estimatedClose", { key: "leads.form.error.closeBefore", params: { date: created } });

  set("notes", tooLong(draft.notes, MAX_NOTES));
  set("marketingCampaignId", tooLong(draft.campaign.trim(), MAX_SHORT_TEXT));
  set("crmId", tooLong(draft.crm.trim(), MAX_SHORT_TEXT));
  if (draft.contacts.some((c) => !c.firstName.trim() && !c.lastName.trim())) {
    set("moreContacts", { key: "leads.form.error.contactName" });
  }

  if (Object.keys(problems).length > 0 || value === null || close.kind !== "date") return { problems, form: null };
  return {
    problems,
    form: {
      dealName,
      estimatedValue: value,
      currency,
      teamMembers: team,
      estimatedClose: close.iso,
      notes: draft.notes.trim(),
      marketingCampaignId: draft.campaign.trim() || null,
      crmId: draft.crm.trim() || null,
      moreContacts: draft.contacts.map((c) => ({
        firstName: c.firstName.trim(),
        lastName: c.lastName.trim(),
        email: c.email.trim(),
        phone: c.phone.trim(),
      })),
    },
  };
}

/** The final value of a won deal: empty keeps the estimate. */
export function checkFinalValue(text: string, locale: string): { problem: FieldProblem | null; value: number | null } {
  if (text.trim() === "") return { problem: null, value: null };
  const value = parseAmount(text, locale);
  return value === null ? { problem: { key: "leads.form.error.finalValue" }, value: null } : { problem: null, value };
}
