// Deterministic Partner Center leads for the UI tests: a few hundred referrals of fictional
// companies, as the backend holds them at NOW, with a handful of named leads the tests act on.
// The records carry what LeadRow and LeadDetail are made of (src/bindings.ts); leadMock.mjs
// derives the rows, the time-dependent columns (deadline, hours left, flame) and the overview
// from them as crates/engine/src/leads does.

/** The backend's clock in the tests. */
export const NOW = "2025-04-02T08:15:42Z";
export const LEAD_EXPORT_PATH = "/home/ana/Documents/leads-2025-04-02.csv";

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

const COUNTRIES = [
  { code: "ES", currency: "EUR", cities: ["Madrid", "Sevilla", "Valencia"], phone: "+34 612 345 678", tld: "es" },
  { code: "FR", currency: "EUR", cities: ["Lyon", "Nantes", "Toulouse"], phone: "+33 6 12 34 56 78", tld: "fr" },
  { code: "PL", currency: "PLN", cities: ["Kraków", "Gdańsk", "Wrocław"], phone: "+48 601 234 567", tld: "pl" },
  { code: "GB", currency: "GBP", cities: ["Leeds", "Bristol", "Glasgow"], phone: "+44 7700 900123", tld: "co.uk" },
  { code: "US", currency: "USD", cities: ["Denver", "Boston", "Austin"], phone: "+1 303 555 0142", tld: "com" },
];
const COMPANIES = [
  "Northwind Traders", "Adventure Works", "Tailspin Toys", "Wingtip Toys", "Litware", "Proseware", "Woodgrove Bank",
  "Alpine Ski House", "Coho Winery", "Lucerne Publishing", "Margie's Travel", "Trey Research", "Fourth Coffee",
  "Blue Yonder Airlines", "Humongous Insurance", "A. Datum", "Relecloud", "Café Zürich", "Łódź Logistyka",
  "Société Générale du Nord", "Peña Asesores", "Graphic Design Institute", "VanArsdel", "Southridge Video",
  "Bellows College", "City Power & Light", "Consolidated Messenger", "First Up Consultants", "Lamna Healthcare",
  "Nod Publishers", "Olympia", "Munson's Pickles", "Best For You Organics", "Boulangerie Lefèvre", "Wingtip Construcción",
];
const FIRST = ["Ana", "Lucía", "Camille", "Piotr", "Sam", "Jonas", "Marta", "Élodie", "Tomasz", "Grace", "Diego", "Hannah"];
const LAST = ["García", "Martin", "Nowak", "Smith", "Kowalska", "Dubois", "López", "Wiśniewski", "Brown", "Moreau", "Fernández", "Taylor"];
const INDUSTRIES = ["Retail", "Manufacturing", "Professional services", "Healthcare", "Education", "Financial services", "Hospitality"];
const SIZES = ["1to9employees", "10to50employees", "51to250employees", "251to1000employees", "1001to5000employees", "Morethan20000employees"];
const OFFERS = [
  "Northwind Managed Microsoft 365",
  "Northwind Secure Modern Workplace",
  "Copilot Readiness Assessment",
  "Business Central Quick Start",
  "Azure Landing Zone in 5 Days",
];
const PROFILE = "Northwind Cloud Solutions";
const SELLERS = ["Alex Morgan", "Lucía Fernández", "Camille Laurent", "Piotr Wiśniewski"];
const DECLINE = ["Project budget isn't adequate", "Customer requirement not met", "Not a customer", "Others"];
const LOST = ["Customer chose another vendor", "Project budget isn't adequate", "Customer didn't respond"];

function slug(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/gi, "l")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function weighted(r, pairs) {
  const total = pairs.reduce((n, [, w]) => n + w, 0);
  let x = r() * total;
  for (const [value, w] of pairs) {
    x -= w;
    if (x < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

const informational = (lead) => lead.leadType === "Offer" && ["Get it now", "Free trial", "Test drive"].includes(lead.callToAction);

/** A lead record; `overrides` replace any field. */
function lead(fields) {
  return {
    contactFirstName: "",
    contactLastName: "",
    email: "",
    phone: "",
    emailValidity: "Unknown",
    phoneValidity: "Unknown",
    fromPartnerCenter: false,
    leadType: "Offer",
    classification: "Customer inquiry",
    source: "AppSource",
    callToAction: null,
    offerName: OFFERS[0],
    quality: "High",
    substatus: "Received",
    country: "US",
    city: "Denver",
    industry: "Retail",
    companySize: "10to50employees",
    engagementId: null,
    favourite: false,
    dealValue: null,
    currency: null,
    deal: { name: null, estimatedClose: null, teamMembers: [], notes: null, marketingCampaignId: null, crmId: null, moreContacts: [] },
    statusReason: null,
    history: [],
    score: null,
    ...fields,
  };
}

function arrival(createdAt, to = "Received") {
  return { at: createdAt, from: null, to, actor: "Microsoft", note: null, fields: [] };
}

function acceptedEvent(at, l) {
  return {
    at,
    from: "Received",
    to: "Accepted",
    actor: "Partner",
    note: l.deal.name,
    fields: [
      ["dealName", l.deal.name],
      ["estimatedValue", `${l.dealValue}.0`],
      ["currency", l.currency],
      ["teamMembers", l.deal.teamMembers.join(", ")],
      ["estimatedClose", l.deal.estimatedClose],
    ],
  };
}

/** The named leads the tests act on. */
function namedLeads() {
  const hotAt = iso(nowMs - 5 * HOUR);
  const coolAt = iso(nowMs - 4 * DAY - 3 * HOUR);
  const expiredAt = iso(nowMs - 40 * DAY);
  const infoAt = iso(nowMs - 20 * DAY);
  const acceptedAt = iso(nowMs - 75 * DAY);
  const spamAt = iso(nowMs - 2 * DAY);
  const wonAt = iso(nowMs - 150 * DAY);
  const accepted = lead({
    id: "lead-accepted-contoso",
    customerName: "Contoso Pharmaceuticals",
    contactFirstName: "Grace",
    contactLastName: "Taylor",
    email: "grace.taylor@contoso.com",
    phone: "+1 303 555 0199",
    emailValidity: "Valid",
    phoneValidity: "Valid",
    source: "Azure Marketplace",
    callToAction: "Contact me",
    classification: "Sales qualified",
    offerName: "Azure Landing Zone in 5 Days",
    substatus: "Accepted",
    country: "US",
    city: "Boston",
    industry: "Healthcare",
    companySize: "1001to5000employees",
    engagementId: "eng-4f1c0a22",
    createdAt: acceptedAt,
    updatedAt: iso(nowMs - 70 * DAY),
    dealValue: 48000,
    currency: "USD",
    deal: {
      name: "Contoso Pharmaceuticals: Azure Landing Zone in 5 Days",
      estimatedClose: "2025-06-30",
      teamMembers: ["Alex Morgan", "Sam Patel"],
      notes: "Pilot with 10 users first.",
      marketingCampaignId: "CMP-2025-Q1-AZ",
      crmId: "CRM-00417",
      moreContacts: [{ firstName: "Ravi", lastName: "Shah", email: "ravi.shah@contoso.com", phone: "+1 303 555 0123" }],
    },
  });
  accepted.history = [arrival(acceptedAt), acceptedEvent(iso(nowMs - 70 * DAY), accepted)];
  const won = lead({
    id: "lead-won-fourth-coffee",
    customerName: "Fourth Coffee",
    contactFirstName: "Marta",
    contactLastName: "López",
    email: "marta.lopez@fourthcoffee.es",
    phone: "+34 612 345 678",
    emailValidity: "Valid",
    phoneValidity: "Valid",
    leadType: "Profile",
    source: "Business profile",
    callToAction: "Contact me",
    offerName: PROFILE,
    substatus: "Won",
    country: "ES",
    city: "Madrid",
    createdAt: wonAt,
    updatedAt: iso(nowMs - 60 * DAY),
    dealValue: 18500,
    currency: "EUR",
    favourite: true,
    deal: { name: "Fourth Coffee: Modern Workplace", estimatedClose: "2025-02-01", teamMembers: ["Lucía Fernández"], notes: null, marketingCampaignId: null, crmId: null, moreContacts: [] },
  });
  won.history = [
    arrival(wonAt),
    acceptedEvent(iso(nowMs - 148 * DAY), won),
    { at: iso(nowMs - 60 * DAY), from: "Accepted", to: "Won", actor: "Partner", note: "Signed for 40 seats.", fields: [["notes", "Signed for 40 seats."]] },
  ];
  const named = [
    lead({
      id: "lead-hot-fabrikam",
      customerName: "Fabrikam Polska",
      contactFirstName: "Zofia",
      contactLastName: "Nowak",
      email: "zofia.nowak@fabrikam.pl",
      phone: "+48 601 234 567",
      emailValidity: "Valid",
      phoneValidity: "Valid",
      leadType: "Profile",
      source: "Business profile",
      callToAction: "Contact me",
      offerName: PROFILE,
      country: "PL",
      city: "Kraków",
      industry: "Manufacturing",
      companySize: "51to250employees",
      engagementId: "eng-9b27d3c1",
      createdAt: hotAt,
      updatedAt: hotAt,
      history: [arrival(hotAt)],
    }),
    lead({
      id: "lead-cooled-tailspin",
      customerName: "Tailspin Toys UK",
      contactFirstName: "Hannah",
      contactLastName: "Brown",
      email: "hannah.brown@tailspintoys.co.uk",
      phone: "+44 7700 900123",
      emailValidity: "Valid",
      phoneValidity: "Invalid",
      fromPartnerCenter: true,
      source: "Azure Marketplace",
      callToAction: "Contact me",
      classification: "Sales qualified",
      offerName: "Copilot Readiness Assessment",
      country: "GB",
      city: "Leeds",
      createdAt: coolAt,
      updatedAt: coolAt,
      history: [arrival(coolAt)],
    }),
    lead({
      id: "lead-expired-wideworld",
      customerName: "Wide World Importers",
      contactFirstName: "Diego",
      contactLastName: "Fernández",
      email: "diego@wideworldimporters.es",
      phone: "+34 699 111 222",
      emailValidity: "Valid",
      phoneValidity: "Valid",
      source: "AppSource",
      callToAction: "Contact me",
      offerName: "Northwind Managed Microsoft 365",
      substatus: "Expired",
      country: "ES",
      city: "Sevilla",
      createdAt: expiredAt,
      updatedAt: iso(nowMs - 26 * DAY),
      history: [arrival(expiredAt), { at: iso(nowMs - 26 * DAY), from: "Received", to: "Expired", actor: "System", note: "No answer within 14 days", fields: [] }],
    }),
    lead({
      id: "lead-info-proseware",
      customerName: "Proseware France",
      contactFirstName: "Élodie",
      contactLastName: "Moreau",
      email: "elodie.moreau@proseware.fr",
      phone: "+33 6 12 34 56 78",
      emailValidity: "Valid",
      phoneValidity: "Valid",
      source: "AppSource",
      callToAction: "Free trial",
      offerName: "Business Central Quick Start",
      classification: "Marketing qualified",
      country: "FR",
      city: "Lyon",
      createdAt: infoAt,
      updatedAt: infoAt,
      history: [arrival(infoAt)],
    }),
    lead({
      id: "lead-spam-seo",
      customerName: "Best SEO Services",
      contactFirstName: "Test",
      contactLastName: "User",
      email: "test@mailinator.com",
      phone: "12",
      emailValidity: "Spam",
      phoneValidity: "Invalid",
      quality: "Low",
      source: "Azure portal",
      callToAction: "Contact me",
      offerName: "Northwind Secure Modern Workplace",
      country: "US",
      city: "Austin",
      createdAt: spamAt,
      updatedAt: spamAt,
      history: [arrival(spamAt)],
    }),
    accepted,
    won,
  ];
  return named;
}

/** `n` generated leads plus the named ones, newest first. */
export function makeLeads(n = 240, seed = 20250402) {
  const r = random(seed);
  const leads = [];
  for (let i = 0; i < n; i += 1) {
    const ageMs = i < 2 ? (2 + i * 10) * HOUR : Math.floor(Math.pow(r(), 1.3) * 330 * DAY) + HOUR;
    const createdMs = nowMs - ageMs;
    const createdAt = iso(createdMs);
    const country = pick(r, COUNTRIES);
    const company = `${pick(r, COMPANIES)} ${country.cities[i % 3]}`;
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    const domain = `${slug(company)}.${country.tld}`;
    const offer = r() < 0.65;
    const cta = offer
      ? weighted(r, [["Get it now", 30], ["Free trial", 30], ["Test drive", 15], ["Contact me", 25]])
      : r() < 0.7
        ? "Contact me"
        : null;
    const emailValidity = weighted(r, [["Valid", 70], ["Invalid", 8], ["Spam", 7], ["Unknown", 15]]);
    const phoneValidity = weighted(r, [["Valid", 75], ["Invalid", 10], ["Unknown", 15]]);
    const email =
      emailValidity === "Valid"
        ? `${slug(first)}.${slug(last)}@${domain}`
        : emailValidity === "Invalid"
          ? `${slug(first)}${slug(last)}.${domain}`
          : emailValidity === "Spam"
            ? `${slug(first)}@mailinator.com`
            : "";
    const phone = phoneValidity === "Valid" ? country.phone : phoneValidity === "Invalid" ? "+00 12" : "";
    const base = lead({
      id: `lead-${String(i + 1).padStart(4, "0")}`,
      customerName: company,
      contactFirstName: first,
      contactLastName: last,
      email,
      phone,
      emailValidity,
      phoneValidity,
      fromPartnerCenter: r() < 0.3,
      leadType: offer ? "Offer" : "Profile",
      classification: weighted(r, [["Customer inquiry", 60], ["Marketing qualified", 25], ["Sales qualified", 15]]),
      source: offer ? weighted(r, [["AppSource", 50], ["Azure Marketplace", 30], ["Azure portal", 20]]) : "Business profile",
      callToAction: cta,
      offerName: offer ? pick(r, OFFERS) : PROFILE,
      quality: emailValidity === "Spam" || emailValidity === "Invalid" ? (r() < 0.8 ? "Low" : "High") : r() < 0.12 ? "Low" : "High",
      country: country.code,
      city: country.cities[i % 3],
      industry: pick(r, INDUSTRIES),
      companySize: pick(r, SIZES),
      engagementId: r() < 0.5 ? `eng-${Math.floor(r() * 0xffffffff).toString(16).padStart(8, "0")}` : null,
      createdAt,
      updatedAt: createdAt,
      favourite: r() < 0.06,
    });
    base.history = [arrival(createdAt, i < 2 ? "Pending" : "Received")];
    const info = informational(base);
    const answerMs = createdMs + Math.min(13 * DAY, Math.floor((2 + r() * 70) * HOUR));
    const accept = (closed) => {
      base.dealValue = Math.round((2 + r() * 60)) * 500;
      base.currency = country.currency;
      base.deal = {
        name: `${company}: ${base.offerName}`,
        estimatedClose: iso(answerMs + Math.floor((20 + r() * 120) * DAY)).slice(0, 10),
        teamMembers: [pick(r, SELLERS)],
        notes: r() < 0.5 ? "Wants a quote for the next quarter." : null,
        marketingCampaignId: null,
        crmId: r() < 0.3 ? `CRM-${Math.floor(r() * 90000) + 10000}` : null,
        moreContacts: [],
      };
      base.substatus = "Accepted";
      base.updatedAt = iso(Math.min(answerMs, nowMs));
      base.history.push(acceptedEvent(base.updatedAt, base));
      if (closed) {
        const closeMs = Math.min(nowMs - HOUR, answerMs + Math.floor((15 + r() * 90) * DAY));
        const won = r() < 0.6;
        base.substatus = won ? "Won" : "Lost";
        base.updatedAt = iso(closeMs);
        const reason = won ? null : pick(r, LOST);
        base.statusReason = reason;
        // Some won deals never got a close date reported: the responsiveness figure counts them out.
        if (won && r() < 0.3) base.deal = { ...base.deal, estimatedClose: null };
        base.history.push({ at: base.updatedAt, from: "Accepted", to: base.substatus, actor: "Partner", note: reason, fields: reason ? [["reason", reason]] : [] });
      }
    };
    const decline = () => {
      const reason = emailValidity === "Spam" ? "Report as abuse, spam, or phishing" : pick(r, DECLINE);
      base.substatus = "Declined";
      base.statusReason = reason;
      base.updatedAt = iso(Math.min(answerMs, nowMs));
      base.history.push({ at: base.updatedAt, from: "Received", to: "Declined", actor: "Partner", note: reason, fields: [["reason", reason]] });
    };
    if (i < 2) {
      base.substatus = "Pending";
    } else if (ageMs < 14 * DAY) {
      const roll = r();
      if (answerMs < nowMs && roll < 0.3) accept(false);
      else if (answerMs < nowMs && roll < 0.42) decline();
    } else {
      const roll = r();
      if (info && ageMs < 182 * DAY && roll < 0.45) {
        // Informational: waits six months.
      } else if (info && ageMs >= 182 * DAY && roll < 0.45) {
        base.substatus = "Expired";
        base.updatedAt = iso(createdMs + 182 * DAY);
        base.history.push({ at: base.updatedAt, from: "Received", to: "Expired", actor: "System", note: "Archived six months after it arrived", fields: [] });
      } else if (roll < 0.62) {
        accept(ageMs > 40 * DAY && r() < 0.7);
      } else if (roll < 0.78) {
        decline();
      } else {
        base.substatus = "Expired";
        base.updatedAt = iso(createdMs + 14 * DAY);
        base.history.push({ at: base.updatedAt, from: "Received", to: "Expired", actor: "System", note: "No answer within 14 days", fields: [] });
      }
    }
    leads.push(base);
  }
  return [...namedLeads(), ...leads].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
}

export const LEADS = makeLeads();

/** The leads mock's state (leadMock.mjs): the records, the clock, and what the tests change. */
export function leadState({ leads = LEADS, failures = {}, exportCancelled = false } = {}) {
  return {
    now: NOW,
    leads: JSON.parse(JSON.stringify(leads)),
    failures,
    exportPath: LEAD_EXPORT_PATH,
    exportCancelled,
  };
}

/** Accent- and case-insensitive text, as the engine folds it for search. */
export function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase();
}
