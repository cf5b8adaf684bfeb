// Lead scoring for the UI tests (scoringMock.mjs): the models the mock trains when the page loads,
// and a lead history with a real signal to learn from. The leads of leadFixtures.mjs have random
// outcomes (a model learns nothing from them); HISTORY_LEADS are closed leads of the same kind whose
// outcome follows industry, company size, call to action, Microsoft's quality and the e-mail's
// validity, as a partner's history does, so that a trained version has a believable ROC AUC.
import { LEADS, NOW } from "./leadFixtures.mjs";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const nowMs = Date.parse(NOW);
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

/** mulberry32: the same numbers on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];

const INDUSTRY_EFFECT = {
  "Financial services": 1.1,
  Healthcare: 0.6,
  Manufacturing: 0.3,
  "Professional services": 0,
  Retail: -0.3,
  Education: -0.7,
  Hospitality: -1.0,
};
const SIZE_EFFECT = {
  "1to9employees": -0.9,
  "10to50employees": -0.3,
  "51to250employees": 0.3,
  "251to1000employees": 0.6,
  "1001to5000employees": 0.5,
  "Morethan20000employees": 0.1,
};
const CTA_EFFECT = { "Contact me": 0.9, "Test drive": 0.2, "Free trial": -0.3, "Get it now": -0.6 };
const COUNTRIES = [
  { code: "ES", currency: "EUR", city: "Madrid", tld: "es" },
  { code: "FR", currency: "EUR", city: "Lyon", tld: "fr" },
  { code: "PL", currency: "PLN", city: "Gdańsk", tld: "pl" },
  { code: "GB", currency: "GBP", city: "Bristol", tld: "co.uk" },
  { code: "US", currency: "USD", city: "Denver", tld: "com" },
];
const COMPANIES = ["Contoso", "Fabrikam", "Litware", "Proseware", "Woodgrove", "Relecloud", "VanArsdel", "Adatum", "Trey", "Lamna"];
const KINDS = ["Holdings", "Group", "Partners", "Systems", "Labs", "Solutions"];
const OFFERS = ["Northwind Managed Microsoft 365", "Northwind Secure Modern Workplace", "Copilot Readiness Assessment", "Business Central Quick Start"];

/** `n` closed leads of the last 23 months, their outcome drawn from a latent propensity. */
export function historyLeads(n = 640, seed = 5150) {
  const r = random(seed);
  const out = [];
  for (let i = 0; i < n; i += 1) {
    const createdMs = nowMs - Math.floor((20 + r() * 680) * DAY);
    const createdAt = iso(createdMs);
    const country = pick(r, COUNTRIES);
    const industry = pick(r, Object.keys(INDUSTRY_EFFECT));
    const companySize = pick(r, Object.keys(SIZE_EFFECT));
    const offer = r() < 0.6;
    const callToAction = offer ? pick(r, ["Get it now", "Free trial", "Test drive", "Contact me"]) : "Contact me";
    const emailValidity = r() < 0.78 ? "Valid" : pick(r, ["Invalid", "Spam", "Unknown"]);
    const quality = emailValidity === "Valid" ? (r() < 0.88 ? "High" : "Low") : r() < 0.7 ? "Low" : "High";
    const logit =
      -0.35 +
      INDUSTRY_EFFECT[industry] +
      SIZE_EFFECT[companySize] +
      CTA_EFFECT[callToAction] +
      (quality === "High" ? 0.4 : -0.9) +
      (emailValidity === "Valid" ? 0.3 : emailValidity === "Spam" ? -1.4 : -0.6) +
      (r() - 0.5) * 1.2;
    const qualified = r() < 1 / (1 + Math.exp(-logit));
    const company = `${pick(r, COMPANIES)} ${pick(r, KINDS)} ${country.city}`;
    const slug = company.toLowerCase().replace(/[^a-z]+/g, "");
    const answeredMs = createdMs + Math.floor((6 + r() * 120) * HOUR);
    const lead = {
      id: `lead-h${String(i + 1).padStart(4, "0")}`,
      customerName: company,
      contactFirstName: "Alex",
      contactLastName: `Reyes ${i + 1}`,
      email: emailValidity === "Valid" ? `alex.reyes@${slug}.${country.tld}` : emailValidity === "Spam" ? `alex${i}@mailinator.com` : "",
      phone: r() < 0.7 ? "+34 612 345 678" : "",
      emailValidity,
      phoneValidity: "Valid",
      fromPartnerCenter: false,
      leadType: offer ? "Offer" : "Profile",
      classification: pick(r, ["Customer inquiry", "Customer inquiry", "Marketing qualified", "Sales qualified"]),
      source: offer ? pick(r, ["AppSource", "Azure Marketplace"]) : "Business profile",
      callToAction,
      offerName: offer ? pick(r, OFFERS) : "Northwind Cloud Solutions",
      quality,
      substatus: "Received",
      country: country.code,
      city: country.city,
      industry,
      companySize,
      engagementId: null,
      createdAt,
      updatedAt: createdAt,
      favourite: false,
      dealValue: null,
      currency: null,
      deal: { name: null, estimatedClose: null, teamMembers: [], notes: null, marketingCampaignId: null, crmId: null, moreContacts: [] },
      statusReason: null,
      history: [{ at: createdAt, from: null, to: "Received", actor: "Microsoft", note: null, fields: [] }],
      score: null,
    };
    const at = iso(Math.min(answeredMs, nowMs - HOUR));
    if (qualified) {
      lead.substatus = r() < 0.5 ? "Won" : "Accepted";
      lead.dealValue = 500 * Math.round(4 + r() * 40);
      lead.currency = country.currency;
      lead.deal = { ...lead.deal, name: `${company}: ${lead.offerName}`, estimatedClose: iso(answeredMs + 60 * DAY).slice(0, 10), teamMembers: ["Alex Morgan"] };
      lead.history.push({ at, from: "Received", to: "Accepted", actor: "Partner", note: lead.deal.name, fields: [] });
      if (lead.substatus === "Won") {
        const won = iso(Math.min(answeredMs + 40 * DAY, nowMs - HOUR));
        lead.history.push({ at: won, from: "Accepted", to: "Won", actor: "Partner", note: null, fields: [] });
      }
    } else if (r() < 0.55) {
      lead.substatus = "Declined";
      lead.statusReason = "Customer requirement not met";
      lead.history.push({ at, from: "Received", to: "Declined", actor: "Partner", note: lead.statusReason, fields: [["reason", lead.statusReason]] });
    } else {
      lead.substatus = "Expired";
      lead.history.push({ at: iso(createdMs + 14 * DAY), from: "Received", to: "Expired", actor: "System", note: "No answer within 14 days", fields: [] });
    }
    lead.updatedAt = lead.history.at(-1).at;
    out.push(lead);
  }
  return out;
}

export const HISTORY_LEADS = historyLeads();

/** The fixture leads and the history, newest first (as the backend lists them). */
export const SCORING_LEADS = [...LEADS, ...HISTORY_LEADS].sort((a, b) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1,
);

/**
 * The demo's model: every lead, trained twice (24 and 31 March), version 2 published. Open
 * leads are scored at each publication, so they have a score history and a trend.
 */
export const DEFAULT_MODEL = {
  name: "LeadScoring_202503240930",
  filter: [],
  attributes: null,
  autoRetrain: true,
  trendTolerance: 5,
  grades: { aMin: 75, bMin: 50, cMin: 25 },
  trainedAt: ["2025-03-24T09:30:00Z", "2025-03-31T09:30:00Z"],
  published: [1, 2],
};

/** A second model for the leads of Poland, trained once and never published. */
export const POLAND_MODEL = {
  name: "Poland leads",
  filter: [{ attribute: "country", values: ["PL"] }],
  attributes: ["industry", "company_size", "call_to_action", "quality"],
  autoRetrain: false,
  trendTolerance: 3,
  grades: { aMin: 70, bMin: 45, cMin: 20 },
  trainedAt: [],
  published: [],
};

/** The lead scoring mock's state: models to set up (trained and published in order), failures by command, training time. */
export function scoringState({ models = [DEFAULT_MODEL], failures = {}, trainDelayMs = 250 } = {}) {
  return { now: NOW, models: JSON.parse(JSON.stringify(models)), failures, trainDelayMs };
}
