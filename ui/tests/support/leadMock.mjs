// Installed with page.addInitScript after opportunityMock.mjs: plays the Rust side of the leads
// commands (src-tauri/src/commands/leads.rs over crates/engine/src/leads) over the fixture
// records of leadFixtures.mjs, honestly: sections, the nine filters, search ignoring case and
// accents, every sort with the engine's tie-break (newest first, then id), windows of at most
// 500 rows, the time rules at a fixed clock (deadline, hours left, flame), the overview with its
// action centre and responsiveness, the lifecycle with the forms' checks (invalidInput listing
// "field: problem"), refusals (notAllowed) and the history, the heart, and export. A workspace
// whose counts hold no leads lists none (the Data page can switch to such a workspace).
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installLeadMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const fail = (code, message, details = null) => Promise.reject({ code, message, details });
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const now = () => Date.parse(state.now);
  const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
  const EMAIL_ORDER = { Valid: 0, Unknown: 1, Invalid: 2, Spam: 3 };
  const PHONE_ORDER = { Valid: 0, Unknown: 1, Invalid: 2 };
  const STATUS_ORDER = { Pending: 0, Received: 1, Accepted: 2, Won: 3, Lost: 4, Declined: 5, Expired: 6 };
  const CTA_ORDER = { "Get it now": 0, "Free trial": 1, "Test drive": 2, "Contact me": 3 };
  const SOURCE_ORDER = { AppSource: 0, "Azure Marketplace": 1, "Azure portal": 2, "Business profile": 3 };
  const REASONS = [
    "Project budget isn't adequate",
    "Customer didn't respond",
    "Customer chose another vendor",
    "Customer requirement not met",
    "Not a customer",
    "Proposed time line was too short",
    "Report as abuse, spam, or phishing",
    "Others",
  ];

  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ł/g, "l")
      .replace(/Ł/g, "L")
      .toLowerCase();

  function failure(cmd) {
    const error = state.failures[cmd];
    return error ? Promise.reject(error) : null;
  }

  /** The open workspace's leads: none when its counts say it holds none. */
  function leads() {
    const workspace = window.__PA_CURRENT_WORKSPACE__?.();
    return workspace && workspace.counts.leads === 0 ? [] : state.leads;
  }

  const find = (id) => leads().find((l) => l.id === id) ?? null;
  const statusOf = (l) => (l.substatus === "Pending" || l.substatus === "Received" ? "New" : l.substatus === "Accepted" ? "Active" : "Closed");
  const archived = (l) => statusOf(l) === "Closed";
  const informational = (l) => l.leadType === "Offer" && ["Get it now", "Free trial", "Test drive"].includes(l.callToAction);
  const contactName = (l) => `${l.contactFirstName} ${l.contactLastName}`.trim();

  function deadline(l) {
    if (l.substatus !== "Received") return null;
    const created = new Date(l.createdAt);
    if (informational(l)) {
      const d = new Date(created);
      d.setUTCMonth(d.getUTCMonth() + 6);
      return d.getTime();
    }
    return created.getTime() + 14 * DAY;
  }

  function flame(l) {
    if (l.callToAction !== "Contact me" || archived(l) || l.substatus === "Pending") return null;
    return now() < Date.parse(l.createdAt) + 72 * HOUR ? "hot" : "cooled";
  }

  function rowOf(l) {
    const hidden = l.substatus === "Expired";
    const due = deadline(l);
    return {
      id: l.id,
      customerName: l.customerName,
      contactName: hidden ? null : contactName(l),
      email: hidden ? null : l.email,
      phone: hidden ? null : l.phone,
      contactHidden: hidden,
      emailValidity: l.emailValidity,
      phoneValidity: l.phoneValidity,
      spam: l.emailValidity === "Spam",
      leadType: l.leadType,
      classification: l.classification,
      source: l.source,
      callToAction: l.callToAction,
      offerName: l.offerName,
      quality: l.quality,
      status: statusOf(l),
      substatus: l.substatus,
      archived: archived(l),
      country: l.country,
      industry: l.industry,
      createdAt: l.createdAt,
      updatedAt: l.updatedAt,
      deadline: due === null ? null : iso(due),
      hoursLeft: due === null ? null : Math.ceil(Math.max(0, Math.floor((due - now()) / 60000)) / 60),
      flame: flame(l),
      favourite: l.favourite,
      dealValue: l.dealValue,
      currency: l.currency,
      score: l.score ?? null,
    };
  }

  function inSection(l, section) {
    switch (section) {
      case "all":
        return true;
      case "marketplace":
        return l.classification === "Customer inquiry";
      case "qualified":
        return l.classification !== "Customer inquiry";
      case "favourites":
        return l.favourite;
      default:
        throw new Error(`unknown section ${section}`);
    }
  }

  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  function matching(query) {
    const f = query.filters;
    for (const [what, day] of [["created from", f.createdFrom], ["created to", f.createdTo]]) {
      if (day && !DATE.test(day.trim())) return { error: `${what} '${day}' is not a date (YYYY-MM-DD)` };
    }
    const countries = (f.countries ?? []).map((c) => c.trim().toUpperCase());
    const customer = fold((f.customerName ?? "").trim());
    const needle = fold(query.search.trim());
    const any = (list, value) => !list || list.length === 0 || list.includes(value);
    let sectionTotal = 0;
    const hits = [];
    for (const l of leads()) {
      if (!inSection(l, query.section)) continue;
      sectionTotal += 1;
      const day = l.createdAt.slice(0, 10);
      const text = fold(`${l.customerName} ${contactName(l)} ${l.email} ${l.offerName} ${l.id} ${l.deal.name ?? ""}`);
      const ok =
        (f.callToAction?.length ? l.callToAction !== null && f.callToAction.includes(l.callToAction) : true) &&
        any(countries, l.country) &&
        any(f.sources, l.source) &&
        any(f.leadTypes, l.leadType) &&
        any(f.qualities, l.quality) &&
        any(f.statuses, l.substatus) &&
        any(f.emailValidity, l.emailValidity) &&
        any(f.phoneValidity, l.phoneValidity) &&
        (!f.createdFrom || day >= f.createdFrom) &&
        (!f.createdTo || day <= f.createdTo) &&
        (!customer || fold(l.customerName).includes(customer)) &&
        (!needle || text.includes(needle));
      if (ok) hits.push(l);
    }
    return { sectionTotal, hits: sorted(hits, query.sort, query.descending) };
  }

  function sorted(hits, sort, descending) {
    const cmpText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    const key = (l) => {
      switch (sort) {
        case "created":
          return Date.parse(l.createdAt);
        case "customer":
          return fold(l.customerName);
        case "contact":
          return fold(contactName(l));
        case "emailValidity":
          return EMAIL_ORDER[l.emailValidity];
        case "phoneValidity":
          return PHONE_ORDER[l.phoneValidity];
        case "status":
          return STATUS_ORDER[l.substatus];
        case "callToAction":
          return l.callToAction === null ? 9 : CTA_ORDER[l.callToAction];
        case "source":
          return SOURCE_ORDER[l.source];
        case "quality":
          return l.quality === "High" ? 0 : 1;
        case "country":
          return l.country;
        case "value":
          return l.dealValue === null ? -Infinity : l.dealValue;
        case "timeLeft": {
          const d = deadline(l);
          return d === null ? Infinity : d - now();
        }
        case "score":
          return l.score ? l.score.score : -1;
        default:
          throw new Error(`unknown sort ${sort}`);
      }
    };
    // Ties fall back to newest first, then id, whatever the direction (as the engine's sort).
    const tie = (a, b) => cmpText(b.createdAt, a.createdAt) || cmpText(a.id, b.id);
    return [...hits].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const ord = typeof ka === "string" ? cmpText(ka, kb) : ka < kb ? -1 : ka > kb ? 1 : 0;
      return (descending ? -ord : ord) || tie(a, b);
    });
  }

  function firstAnswer(l) {
    return l.history.find((e) => e.from === "Received" && (e.to === "Accepted" || e.to === "Declined"))?.at ?? null;
  }

  function overview() {
    const all = leads();
    const o = {
      total: all.length,
      marketplace: 0,
      qualified: 0,
      favourites: 0,
      needsResponse: 0,
      hot: 0,
      stale: 0,
      actionItems: [],
      responsiveness: { medianHoursToRespond: null, answered: 0, expired: 0, accepted: 0, acceptedComplete: 0 },
      countries: [],
    };
    const countries = new Set();
    const hot = [];
    const waiting = [];
    const stale = [];
    const hours = [];
    for (const l of all) {
      if (inSection(l, "marketplace")) o.marketplace += 1;
      else o.qualified += 1;
      if (l.favourite) o.favourites += 1;
      if (l.country) countries.add(l.country);
      if (flame(l) === "hot" && l.substatus === "Received") hot.push(l);
      if (l.substatus === "Received" && !informational(l)) waiting.push(l);
      if (l.substatus === "Accepted" && now() - Date.parse(l.updatedAt) >= 30 * DAY) stale.push(l);
      const answered = firstAnswer(l);
      if (answered) {
        o.responsiveness.answered += 1;
        hours.push(Math.max(0, Math.floor((Date.parse(answered) - Date.parse(l.createdAt)) / 60000)) / 60);
      }
      if (l.substatus === "Expired") o.responsiveness.expired += 1;
      if (["Accepted", "Won", "Lost"].includes(l.substatus)) {
        o.responsiveness.accepted += 1;
        if (l.dealValue !== null && l.deal.estimatedClose !== null && statusOf(l) === "Closed") o.responsiveness.acceptedComplete += 1;
      }
    }
    o.needsResponse = waiting.length;
    o.hot = hot.length;
    o.stale = stale.length;
    if (hours.length > 0) {
      hours.sort((a, b) => a - b);
      const n = hours.length;
      const median = n % 2 === 1 ? hours[(n - 1) / 2] : (hours[n / 2 - 1] + hours[n / 2]) / 2;
      o.responsiveness.medianHoursToRespond = Math.round(median * 10) / 10;
    }
    o.countries = [...countries].sort();
    hot.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    waiting.sort((a, b) => deadline(a) - deadline(b));
    stale.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));
    const seen = new Set();
    for (const [list, kind] of [[hot, "hotContactMe"], [waiting, "needsResponse"], [stale, "stale"]]) {
      for (const l of list) {
        if (o.actionItems.length >= 25) break;
        if (seen.has(l.id)) continue;
        seen.add(l.id);
        const row = rowOf(l);
        o.actionItems.push({
          id: l.id,
          customerName: l.customerName,
          kind,
          hoursLeft: row.hoursLeft,
          daysIdle: kind === "stale" ? Math.floor((now() - Date.parse(l.updatedAt)) / DAY) : null,
        });
      }
    }
    return o;
  }

  function check(validity, value, kind, fromPartnerCenter) {
    const email = {
      Valid: ["valid", "a well-formed address on a routable domain"],
      Invalid: value.includes("@") ? ["dotlessDomain", "the domain has no dot"] : ["missingAt", "has no @"],
      Spam: ["disposableDomain", "the domain is a known disposable e-mail service"],
      Unknown: ["empty", "no address given"],
    };
    const phone = {
      Valid: ["valid", "a valid phone number"],
      Invalid: ["tooShort", "too few digits for a phone number of its country"],
      Unknown: ["empty", "no number given"],
    };
    const [reason, explanation] = (kind === "email" ? email : phone)[validity];
    return { validity, fromPartnerCenter, reason, explanation };
  }

  const ACTIONS = { Received: ["accept", "decline"], Accepted: ["edit", "win", "lose"] };

  function detailOf(l) {
    const hidden = l.substatus === "Expired";
    return {
      row: rowOf(l),
      contactFirstName: hidden ? null : l.contactFirstName,
      contactLastName: hidden ? null : l.contactLastName,
      city: l.city,
      companySize: l.companySize,
      engagementId: l.engagementId,
      deal: JSON.parse(JSON.stringify(l.deal)),
      statusReason: l.statusReason,
      emailCheck: check(l.emailValidity, l.email, "email", l.fromPartnerCenter),
      phoneCheck: check(l.phoneValidity, l.phone, "phone", l.fromPartnerCenter),
      phoneInternational: hidden || l.phoneValidity !== "Valid" ? null : l.phone,
      actions: ACTIONS[l.substatus] ?? [],
      informational: informational(l),
      history: JSON.parse(JSON.stringify(l.history)),
    };
  }

  const chars = (text) => Array.from(text).length;

  /** AcceptForm::problems and the close forms' checks, in the engine's words. */
  function problems(kind, form, l) {
    const out = [];
    const tooLong = (field, text, max) => {
      if (chars(text) > max) out.push(`${field}: at most ${max} characters`);
    };
    if (kind === "accept" || kind === "edit") {
      if (!form.dealName.trim()) out.push("dealName: a deal name is required");
      tooLong("dealName", form.dealName, 200);
      if (typeof form.estimatedValue !== "number" || !Number.isFinite(form.estimatedValue) || form.estimatedValue < 0) {
        out.push("estimatedValue: the estimated value must be a number of zero or more");
      }
      if (!/^[A-Z]{3}$/.test(form.currency)) out.push("currency: the currency must be an ISO 4217 code such as EUR, USD or PLN");
      if (form.teamMembers.every((m) => !m.trim())) out.push("teamMembers: add at least one team member");
      for (const m of form.teamMembers) tooLong("teamMembers", m, 200);
      const created = l.createdAt.slice(0, 10);
      if (!DATE.test(form.estimatedClose)) return [`estimatedClose: '${form.estimatedClose}' is not a date`];
      if (form.estimatedClose < created) out.push(`estimatedClose: the estimated purchase date cannot be before the lead arrived (${created})`);
      tooLong("notes", form.notes, 2000);
      for (const field of ["marketingCampaignId", "crmId"]) if (form[field]) tooLong(field, form[field], 200);
      for (const c of form.moreContacts) if (!c.firstName.trim() && !c.lastName.trim()) out.push("moreContacts: each contact needs a name");
    } else {
      if (kind !== "win" && !REASONS.includes(form.reason)) return [`reason: unknown close reason '${form.reason}'`];
      tooLong("notes", form.notes, 2000);
      if (kind === "win" && form.finalValue !== null && form.finalValue !== undefined && !(form.finalValue >= 0)) {
        out.push("finalValue: the final value must be a number of zero or more");
      }
    }
    return out;
  }

  const PAST = { accept: "accepted", edit: "edited", decline: "declined", win: "marked as won", lose: "marked as lost" };
  const TO = { accept: "Accepted", edit: "Accepted", decline: "Declined", win: "Won", lose: "Lost" };

  /** The form's fields as (field, value) pairs, empty ones left out (engine: flatten_fields). */
  function fields(form) {
    const out = [];
    for (const [key, value] of Object.entries(form)) {
      if (value === null || value === undefined) continue;
      if (typeof value === "string" && !value.trim()) continue;
      if (Array.isArray(value)) {
        if (value.length === 0) continue;
        out.push([key, value.map((v) => (typeof v === "string" ? v : Object.values(v).filter(Boolean).join(" "))).join(", ")]);
      } else if (typeof value === "number") {
        out.push([key, Number.isInteger(value) ? `${value}.0` : String(value)]);
      } else {
        out.push([key, String(value)]);
      }
    }
    return out;
  }

  function act(l, action) {
    const { kind, form } = action;
    if (archived(l)) return fail("notAllowed", `this lead is archived (${l.substatus}) and can no longer be changed`);
    if (!(ACTIONS[l.substatus] ?? []).includes(kind)) return fail("notAllowed", `a ${l.substatus} lead cannot be ${PAST[kind]}`);
    const found = problems(kind, form, l);
    if (found.length > 0) return fail("invalidInput", `the form has problems: ${found.join("; ")}`);
    const at = iso(Math.max(now(), Date.parse(l.updatedAt)));
    const from = l.substatus;
    let note = null;
    if (kind === "accept" || kind === "edit") {
      l.dealValue = form.estimatedValue;
      l.currency = form.currency;
      l.deal = {
        name: form.dealName.trim() || null,
        estimatedClose: form.estimatedClose,
        teamMembers: form.teamMembers.map((m) => m.trim()).filter(Boolean),
        notes: form.notes.trim() || null,
        marketingCampaignId: form.marketingCampaignId?.trim() || null,
        crmId: form.crmId?.trim() || null,
        moreContacts: form.moreContacts,
      };
      note = kind === "accept" ? form.dealName.trim() : "Deal details edited";
    } else if (kind === "win") {
      if (form.finalValue !== null && form.finalValue !== undefined) l.dealValue = form.finalValue;
      note = form.notes.trim() || null;
    } else {
      l.statusReason = form.reason;
      note = kind === "decline" ? form.reason : form.notes.trim() || null;
    }
    l.substatus = TO[kind];
    l.updatedAt = at;
    l.history.push({ at, from, to: l.substatus, actor: "Partner", note, fields: fields(form) });
    return detailOf(l);
  }

  window.__PA_LEADS__ = state;
  window.__PA_MOCK_COMMANDS__ = {
    ...(window.__PA_MOCK_COMMANDS__ ?? {}),
    leads_overview: () => failure("leads_overview") ?? overview(),
    query_leads: ({ query }) => {
      const failed = failure("query_leads");
      if (failed) return failed;
      if (query.limit > 500) return fail("invalidInput", "at most 500 rows per window");
      const found = matching(query);
      if (found.error) return fail("invalidInput", found.error);
      return {
        sectionTotal: found.sectionTotal,
        matched: found.hits.length,
        offset: query.offset,
        rows: found.hits.slice(query.offset, query.offset + query.limit).map(rowOf),
      };
    },
    lead_detail: ({ id }) => {
      const failed = failure("lead_detail");
      if (failed) return failed;
      const l = find(id);
      return l ? detailOf(l) : fail("notFound", `lead ${id}`);
    },
    act_on_lead: ({ id, action }) => {
      const failed = failure("act_on_lead");
      if (failed) return failed;
      const l = find(id);
      if (!l) return fail("notFound", `lead ${id}`);
      const outcome = act(l, action);
      // Even a refused action may have recorded an expiry: the backend always says the leads changed.
      window.__PA_EMIT__("data-changed", { area: "leads" });
      return outcome;
    },
    set_lead_favourite: ({ id, favourite }) => {
      const failed = failure("set_lead_favourite");
      if (failed) return failed;
      const l = find(id);
      if (!l) return fail("notFound", `lead ${id}`);
      l.favourite = favourite;
      return rowOf(l);
    },
    export_leads: ({ query, path }) => {
      const failed = failure("export_leads");
      if (failed) return failed;
      if (state.exportCancelled && path === null) return null;
      const found = matching(query);
      if (found.error) return fail("invalidInput", found.error);
      return { path: path ?? state.exportPath, rows: found.hits.length };
    },
  };
}
