import type {
  ActionKind,
  CallToAction,
  CloseReason,
  EmailValidity,
  LeadActor,
  LeadClassification,
  LeadQuality,
  LeadSection,
  LeadSort,
  LeadSource,
  LeadSubstatus,
  LeadType,
  PhoneValidity,
} from "../bindings";
import type { MessageKey } from "../i18n/en";
import type { ListFilter } from "./query";

/** Message keys of the contract's enumerations (their values are Partner Center's wire names). */

export const SECTION_LABELS: Readonly<Record<LeadSection, MessageKey>> = {
  all: "leads.section.all",
  marketplace: "leads.section.marketplace",
  qualified: "leads.section.qualified",
  favourites: "leads.section.favourites",
};

export const CTA_LABELS: Readonly<Record<CallToAction, MessageKey>> = {
  "Get it now": "leads.cta.getItNow",
  "Free trial": "leads.cta.freeTrial",
  "Test drive": "leads.cta.testDrive",
  "Contact me": "leads.cta.contactMe",
};

export const SOURCE_LABELS: Readonly<Record<LeadSource, MessageKey>> = {
  AppSource: "leads.source.appSource",
  "Azure Marketplace": "leads.source.azureMarketplace",
  "Azure portal": "leads.source.azurePortal",
  "Business profile": "leads.source.businessProfile",
};

export const TYPE_LABELS: Readonly<Record<LeadType, MessageKey>> = {
  Offer: "leads.type.offer",
  Profile: "leads.type.profile",
};

export const QUALITY_LABELS: Readonly<Record<LeadQuality, MessageKey>> = {
  High: "leads.quality.high",
  Low: "leads.quality.low",
};

export const CLASSIFICATION_LABELS: Readonly<Record<LeadClassification, MessageKey>> = {
  "Customer inquiry": "leads.classification.customerInquiry",
  "Marketing qualified": "leads.classification.marketingQualified",
  "Sales qualified": "leads.classification.salesQualified",
};

export const SUBSTATUS_LABELS: Readonly<Record<LeadSubstatus, MessageKey>> = {
  Pending: "leads.status.pending",
  Received: "leads.status.received",
  Accepted: "leads.status.accepted",
  Won: "leads.status.won",
  Lost: "leads.status.lost",
  Declined: "leads.status.declined",
  Expired: "leads.status.expired",
};

export const EMAIL_VALIDITY_LABELS: Readonly<Record<EmailValidity, MessageKey>> = {
  Valid: "leads.validity.valid",
  Invalid: "leads.validity.invalid",
  Spam: "leads.validity.spam",
  Unknown: "leads.validity.unknown",
};

export const PHONE_VALIDITY_LABELS: Readonly<Record<PhoneValidity, MessageKey>> = {
  Valid: "leads.validity.valid",
  Invalid: "leads.validity.invalid",
  Unknown: "leads.validity.unknown",
};

export const ACTOR_LABELS: Readonly<Record<LeadActor, MessageKey>> = {
  Partner: "leads.actor.partner",
  System: "leads.actor.system",
  Import: "leads.actor.import",
  Microsoft: "leads.actor.microsoft",
};

export const ACTION_LABELS: Readonly<Record<ActionKind, MessageKey>> = {
  accept: "leads.action.accept",
  edit: "leads.action.edit",
  decline: "leads.action.decline",
  win: "leads.action.win",
  lose: "leads.action.lose",
};

/** What the success message says after each action. */
export const ACTION_DONE: Readonly<Record<ActionKind, MessageKey>> = {
  accept: "leads.done.accept",
  edit: "leads.done.edit",
  decline: "leads.done.decline",
  win: "leads.done.win",
  lose: "leads.done.lose",
};

/** Partner Center's eight decline and lost reasons, in its order. */
export const CLOSE_REASONS: readonly CloseReason[] = [
  "Project budget isn't adequate",
  "Customer didn't respond",
  "Customer chose another vendor",
  "Customer requirement not met",
  "Not a customer",
  "Proposed time line was too short",
  "Report as abuse, spam, or phishing",
  "Others",
];

export const CLOSE_REASON_LABELS: Readonly<Record<CloseReason, MessageKey>> = {
  "Project budget isn't adequate": "leads.reason.budget",
  "Customer didn't respond": "leads.reason.noResponse",
  "Customer chose another vendor": "leads.reason.otherVendor",
  "Customer requirement not met": "leads.reason.requirementNotMet",
  "Not a customer": "leads.reason.notACustomer",
  "Proposed time line was too short": "leads.reason.timelineTooShort",
  "Report as abuse, spam, or phishing": "leads.reason.spam",
  Others: "leads.reason.others",
};

export const SORT_LABELS: Readonly<Record<LeadSort, MessageKey>> = {
  created: "leads.col.created",
  customer: "leads.col.customer",
  contact: "leads.col.contact",
  emailValidity: "leads.col.emailValidity",
  phoneValidity: "leads.col.phoneValidity",
  status: "leads.col.status",
  callToAction: "leads.col.callToAction",
  source: "leads.col.source",
  quality: "leads.col.quality",
  country: "leads.col.country",
  value: "leads.col.value",
  timeLeft: "leads.col.timeLeft",
  score: "leads.col.score",
};

export const FILTER_LABELS: Readonly<Record<ListFilter | "customerName" | "createdFrom" | "createdTo", MessageKey>> = {
  callToAction: "leads.filter.callToAction",
  countries: "leads.filter.country",
  customerName: "leads.filter.customerName",
  sources: "leads.filter.source",
  leadTypes: "leads.filter.leadType",
  qualities: "leads.filter.quality",
  statuses: "leads.filter.status",
  emailValidity: "leads.filter.emailValidity",
  phoneValidity: "leads.filter.phoneValidity",
  createdFrom: "leads.filter.createdFrom",
  createdTo: "leads.filter.createdTo",
};

/** The app's reasons for an e-mail verdict (ContactCheck.reason); an unknown one falls back to the English explanation. */
export const EMAIL_REASON_LABELS: Readonly<Record<string, MessageKey>> = {
  valid: "leads.check.email.valid",
  empty: "leads.check.email.empty",
  displayName: "leads.check.email.displayName",
  whitespace: "leads.check.email.whitespace",
  missingAt: "leads.check.email.missingAt",
  multipleAt: "leads.check.email.multipleAt",
  missingLocalPart: "leads.check.email.missingLocalPart",
  invalidLocalPart: "leads.check.email.invalidLocalPart",
  localPartTooLong: "leads.check.email.localPartTooLong",
  missingDomain: "leads.check.email.missingDomain",
  domainLiteral: "leads.check.email.domainLiteral",
  invalidDomain: "leads.check.email.invalidDomain",
  dotlessDomain: "leads.check.email.dotlessDomain",
  invalidTopLevelDomain: "leads.check.email.invalidTopLevelDomain",
  reservedDomain: "leads.check.email.reservedDomain",
  tooLong: "leads.check.email.tooLong",
  disposableDomain: "leads.check.email.disposableDomain",
};

/** The app's reasons for a phone verdict. */
export const PHONE_REASON_LABELS: Readonly<Record<string, MessageKey>> = {
  valid: "leads.check.phone.valid",
  empty: "leads.check.phone.empty",
  notANumber: "leads.check.phone.notANumber",
  missingCountry: "leads.check.phone.missingCountry",
  invalidCountryCode: "leads.check.phone.invalidCountryCode",
  tooShort: "leads.check.phone.tooShort",
  tooLong: "leads.check.phone.tooLong",
  invalidLength: "leads.check.phone.invalidLength",
  invalidForRegion: "leads.check.phone.invalidForRegion",
};

/** The form fields a history entry lists (AcceptForm, DeclineForm, WonForm, LostForm). */
export const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  dealName: "leads.form.dealName",
  estimatedValue: "leads.form.estimatedValue",
  currency: "leads.form.currency",
  teamMembers: "leads.form.teamMembers",
  estimatedClose: "leads.form.estimatedClose",
  notes: "leads.form.notes",
  marketingCampaignId: "leads.form.campaignId",
  crmId: "leads.form.crmId",
  moreContacts: "leads.form.moreContacts",
  reason: "leads.form.reason",
  finalValue: "leads.form.finalValue",
  industry: "leads.detail.industry",
  companySize: "leads.detail.companySize",
};
