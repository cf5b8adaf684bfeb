// The lead details drawer (SPEC §4): contact with quick-copy (hidden once expired), the validity
// checks next to the notice that Microsoft does not verify referrals, facts, deal and history, and
// the lifecycle: accept (checked field by field before it is sent), edit, won, lost, decline, and
// what a refusal from the backend looks like.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { expectedOverview, openLead, openLeads, settled, shownRows } from "./support/leads.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const overview = expectedOverview();

test("a received lead: header, contact, validity with the not-verified notice, facts, history and its two actions", async () => {
  const { page, problems } = await openLeads(harness);
  const drawer = await openLead(page, "lead-cooled-tailspin");
  assert.equal(await drawer.getByTestId("lead-drawer-customer").innerText(), "Tailspin Toys UK");
  assert.match(plain(await drawer.getByTestId("lead-drawer-status").innerText()), /^Received\s+9 days left to answer$/);
  assert.equal(await drawer.getByTestId("flame-cooled").getAttribute("aria-label"), "Contact me: the customer asked to be contacted more than 3 days ago.");
  assert.equal(await drawer.getByTestId("lead-contact-name").innerText(), "Hannah Brown");
  assert.equal(await drawer.getByTestId("copy-email").count(), 1);
  // Partner Center says the phone is invalid: it is still shown (as received) and can be copied.
  assert.equal(await drawer.getByTestId("copy-phone").count(), 1);

  assert.equal(
    await drawer.getByTestId("lead-not-verified").innerText(),
    "Microsoft does not verify a referral's identity or legitimacy. Check the contact before you share anything.",
  );
  assert.equal(await drawer.getByTestId("lead-check-phone-reason").innerText(), "Too few digits for a phone number of its country.");
  assert.equal(await drawer.getByTestId("lead-check-phone-source").innerText(), "Partner Center's verdict");
  assert.equal(await drawer.getByTestId("lead-check-email-reason").innerText(), "A well-formed address on a routable domain.");

  assert.equal(plain(await drawer.getByTestId("lead-fact-classification").innerText()), "Classification\nSales qualified");
  assert.equal(plain(await drawer.getByTestId("lead-fact-where").innerText()), "City, country/region\nLeeds, United Kingdom");
  assert.equal(plain(await drawer.getByTestId("lead-fact-size").innerText()), "Company size\n10–50 employees");
  assert.deepEqual(await drawer.getByTestId("lead-actions").locator("button").allInnerTexts(), ["Accept", "Decline"]);
  assert.equal(await drawer.getByTestId("history-entry").count(), 1);
  assert.match(plain(await drawer.getByTestId("history-entry").innerText()), /Arrived: Received\s+Microsoft/);
  assert.equal(await drawer.getByTestId("lead-deal").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("quick-copy puts the e-mail address on the clipboard and says Copied", async () => {
  const { page, problems } = await openLeads(harness);
  await page.evaluate(() => {
    window.__COPIED__ = [];
    navigator.clipboard.writeText = async (text) => {
      window.__COPIED__.push(text);
    };
  });
  const drawer = await openLead(page, "lead-hot-fabrikam");
  await drawer.getByTestId("copy-email").click();
  await drawer.getByTestId("copy-email").getByText("Copied").waitFor();
  await drawer.getByTestId("copy-phone").click();
  assert.deepEqual(await page.evaluate(() => window.__COPIED__), ["zofia.nowak@fabrikam.pl", "+48 601 234 567"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an expired lead hides its contact details, offers no copy and no action, and says it is archived", async () => {
  const { page, problems } = await openLeads(harness);
  await page.getByTestId("lead-search").fill("Wide World");
  await page.locator('[data-testid="lead-row"][data-id="lead-expired-wideworld"]').waitFor();
  await settled(page);
  const row = (await shownRows(page)).find((r) => r.id === "lead-expired-wideworld");
  assert.equal(row.cells[3], "Hidden (expired)");
  assert.equal(row.cells[9], "Expired");
  const drawer = await openLead(page, "lead-expired-wideworld");
  assert.equal(await drawer.getByTestId("lead-contact-hidden").innerText(), "Contact details hidden (expired)");
  assert.equal(await drawer.getByTestId("copy-email").count(), 0);
  assert.equal(await drawer.getByTestId("copy-phone").count(), 0);
  assert.equal(await drawer.getByText("diego@wideworldimporters.es").count(), 0);
  assert.match(plain(await drawer.getByTestId("lead-archived").innerText()), /^Archived: Expired\s*This lead is read-only\.$/);
  assert.equal(await drawer.getByTestId("lead-actions").count(), 0);
  assert.match(plain(await drawer.getByTestId("history-entry").nth(1).innerText()), /Received\s*Expired\s+Time rule\s+No answer within 14 days/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an informational lead says no action is needed and still offers Accept and Decline; spam and low quality are flagged", async () => {
  const { page, problems } = await openLeads(harness);
  let drawer = await openLead(page, "lead-info-proseware");
  assert.match(await drawer.getByTestId("lead-informational").innerText(), /No action needed: informational lead, archived 6 months after it arrived/);
  assert.deepEqual(await drawer.getByTestId("lead-actions").locator("button").allInnerTexts(), ["Accept", "Decline"]);
  assert.match(plain(await drawer.getByTestId("lead-fact-deadline").innerText()), /^Archived on\nSep 13, 2025/);
  await drawer.getByTestId("lead-drawer-close").click();
  await drawer.waitFor({ state: "hidden" });

  drawer = await openLead(page, "lead-spam-seo");
  assert.equal(await drawer.getByTestId("lead-check-email").locator("[data-validity]").getAttribute("data-validity"), "Spam");
  assert.equal(await drawer.getByTestId("lead-check-email-reason").innerText(), "The domain is a known disposable e-mail service.");
  assert.equal(await drawer.getByTestId("lead-spam-warning").innerText(), "The e-mail address or its domain is a known spam or disposable one.");
  assert.equal(await drawer.getByTestId("lead-low-quality").innerText(), "Microsoft rates this lead's quality Low: potential spam.");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Accept: each field is checked before sending; a valid form sends exactly the AcceptForm; then Mark won archives it", async () => {
  const { page, problems } = await openLeads(harness);
  const drawer = await openLead(page, "lead-hot-fabrikam");
  await drawer.getByTestId("lead-action-accept").click();
  const dialog = page.getByTestId("accept-dialog");
  await dialog.waitFor();
  assert.equal(await dialog.getByTestId("accept-dealName").inputValue(), "Fabrikam Polska: Northwind Cloud Solutions");
  assert.equal(await dialog.getByTestId("accept-currency").inputValue(), "PLN", "the currency of the lead's country");

  // Empty deal name, a currency that is not a code, no team member, no value, no date.
  await dialog.getByTestId("accept-dealName").fill("  ");
  await dialog.getByTestId("accept-currency").fill("ZLOTY");
  await dialog.getByTestId("accept-submit").click();
  for (const message of [
    "Enter a deal name.",
    "Enter the estimated value: a number of 0 or more.",
    "Enter a three-letter ISO 4217 code, such as EUR, USD or PLN.",
    "Enter the estimated purchase date.",
    "Add at least one team member.",
  ]) {
    await dialog.getByText(message, { exact: true }).waitFor();
  }
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "accept-dealName", "focus goes to the first field to fix");
  assert.equal(await dialog.locator('[aria-invalid="true"]').count(), 5);
  assert.deepEqual(await ipcCalls(page, "act_on_lead"), [], "nothing is sent");

  // A purchase date before the lead arrived is refused too; fixing a field clears its message.
  await dialog.getByTestId("accept-close").fill("2025-03-01");
  await dialog.getByText("The purchase date cannot be before the lead arrived (2025-04-02).", { exact: true }).waitFor();
  await dialog.getByTestId("accept-dealName").fill("Fabrikam Polska: Modern Workplace");
  await dialog.getByText("Enter a deal name.", { exact: true }).waitFor({ state: "detached" });

  await dialog.getByTestId("accept-currency").fill("pln");
  await dialog.getByTestId("accept-value").fill("12,500.50");
  await dialog.getByText("Reads as PLN 12,500.50").waitFor();
  await dialog.getByTestId("accept-team-member").fill("Alex Morgan");
  await dialog.getByTestId("accept-team-add").click();
  await dialog.getByTestId("accept-team-member").nth(1).fill(" Sam Patel ");
  await dialog.getByTestId("accept-team-add").click();
  await dialog.getByTestId("accept-close").fill("2025-06-30");
  await dialog.getByTestId("accept-notes").fill("Discovery call booked for Monday.");
  await dialog.getByTestId("accept-crm").fill("CRM-00991");
  await dialog.getByTestId("accept-contact-add").click();
  const contact = dialog.getByTestId("accept-contact");
  await contact.getByRole("textbox").nth(0).fill("Jan");
  await contact.getByRole("textbox").nth(1).fill("Kowalski");
  await contact.getByRole("textbox").nth(2).fill("jan.kowalski@fabrikam.pl");
  await dialog.getByTestId("accept-submit").click();
  await dialog.waitFor({ state: "detached" });

  assert.deepEqual((await ipcCalls(page, "act_on_lead")).map((c) => c.args), [
    {
      id: "lead-hot-fabrikam",
      action: {
        kind: "accept",
        form: {
          dealName: "Fabrikam Polska: Modern Workplace",
          estimatedValue: 12500.5,
          currency: "PLN",
          teamMembers: ["Alex Morgan", "Sam Patel"],
          estimatedClose: "2025-06-30",
          notes: "Discovery call booked for Monday.",
          marketingCampaignId: null,
          crmId: "CRM-00991",
          moreContacts: [{ firstName: "Jan", lastName: "Kowalski", email: "jan.kowalski@fabrikam.pl", phone: "" }],
        },
      },
    },
  ]);
  // The drawer shows the answer; the list and the action centre reload; a message says so.
  await drawer.getByTestId("lead-drawer-status").getByText("Accepted").waitFor();
  await page.getByTestId("lead-action-toast").getByText("Fabrikam Polska: lead accepted.").waitFor();
  assert.equal(plain(await drawer.getByTestId("lead-fact-value").innerText()), "Estimated value\nPLN 12,500.50");
  assert.equal(plain(await drawer.getByTestId("lead-fact-team").innerText()), "Team members\nAlex Morgan, Sam Patel");
  assert.equal(plain(await drawer.getByTestId("lead-fact-close").innerText()), "Estimated purchase date\nJun 30, 2025");
  assert.deepEqual(await drawer.getByTestId("lead-actions").locator("button").allInnerTexts(), ["Edit", "Mark won", "Mark lost"]);
  const accepted = drawer.getByTestId("history-entry").nth(1);
  assert.match(plain(await accepted.innerText()), /Received\s*Accepted\s+You\s+Fabrikam Polska: Modern Workplace/);
  assert.match(plain(await accepted.getByTestId("history-fields").innerText()), /Estimated value\s+12,500\.5\s+Currency\s+PLN\s+Team members\s+Alex Morgan, Sam Patel\s+Estimated purchase date\s+Jun 30, 2025/);
  await page.getByTestId("action-needs-response-value").getByText(String(overview.needsResponse - 1), { exact: true }).waitFor();
  await page.locator('[data-testid="lead-row"][data-id="lead-hot-fabrikam"] [data-substatus="Accepted"]').waitFor();

  // Mark won: the final value may stay empty (the estimate is kept).
  await drawer.getByTestId("lead-action-win").click();
  const won = page.getByTestId("win-dialog");
  await won.getByText("Leave empty to keep the estimate of PLN 12,500.50.").waitFor();
  await won.getByTestId("close-notes").fill("Signed for 40 seats.");
  await won.getByTestId("close-submit").click();
  await won.waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "act_on_lead")).at(-1).args, {
    id: "lead-hot-fabrikam",
    action: { kind: "win", form: { finalValue: null, notes: "Signed for 40 seats." } },
  });
  assert.match(plain(await drawer.getByTestId("lead-archived").innerText()), /^Archived: Won\s*This lead is read-only\.$/);
  assert.equal(await drawer.getByTestId("lead-actions").count(), 0);
  assert.equal(await drawer.getByTestId("history-entry").count(), 3);
  await page.getByTestId("lead-action-toast").getByText("Fabrikam Polska: marked as won.").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("Decline needs one of Partner Center's reasons and sends it with the notes", async () => {
  const { page, problems } = await openLeads(harness);
  const drawer = await openLead(page, "lead-cooled-tailspin");
  await drawer.getByTestId("lead-action-decline").click();
  const dialog = page.getByTestId("decline-dialog");
  await dialog.getByTestId("close-submit").click();
  await dialog.getByText("Choose a reason.", { exact: true }).waitFor();
  await dialog.getByTestId("close-reason").click();
  const options = await page.getByRole("option").allInnerTexts();
  assert.deepEqual(options, [
    "Project budget isn't adequate",
    "Customer didn't respond",
    "Customer chose another vendor",
    "Customer requirement not met",
    "Not a customer",
    "Proposed time line was too short",
    "Report as abuse, spam, or phishing",
    "Others",
  ]);
  await page.getByTestId("close-reason-5").click();
  await dialog.getByTestId("close-notes").fill("A competitor's test account.");
  await dialog.getByTestId("close-submit").click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "act_on_lead")).map((c) => c.args), [
    { id: "lead-cooled-tailspin", action: { kind: "decline", form: { reason: "Not a customer", notes: "A competitor's test account." } } },
  ]);
  assert.match(plain(await drawer.getByTestId("lead-archived").innerText()), /^Archived: Declined/);
  assert.equal(plain(await drawer.getByTestId("lead-fact-reason").innerText()), "Reason\nNot a customer");
  await page.getByTestId("lead-action-toast").getByText("Tailspin Toys UK: lead declined.").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("Edit opens the accept form with the deal as it is; Mark lost sends the reason", async () => {
  const { page, problems } = await openLeads(harness);
  const drawer = await openLead(page, "lead-accepted-contoso");
  assert.equal(plain(await drawer.getByTestId("lead-fact-value").innerText()), "Estimated value\n$48,000.00");
  assert.equal(plain(await drawer.getByTestId("lead-fact-contacts").innerText()), "More contacts\nRavi Shah · ravi.shah@contoso.com · +1 303 555 0123");
  await drawer.getByTestId("lead-action-edit").click();
  const dialog = page.getByTestId("accept-dialog");
  assert.equal(await dialog.getByTestId("accept-dealName").inputValue(), "Contoso Pharmaceuticals: Azure Landing Zone in 5 Days");
  assert.equal(await dialog.getByTestId("accept-value").inputValue(), "48000");
  assert.equal(await dialog.getByTestId("accept-currency").inputValue(), "USD");
  assert.deepEqual(await dialog.getByTestId("accept-team-member").evaluateAll((inputs) => inputs.map((i) => i.value)), ["Alex Morgan", "Sam Patel"]);
  assert.equal(await dialog.getByTestId("accept-close").inputValue(), "2025-06-30");
  assert.equal(await dialog.getByTestId("accept-campaign").inputValue(), "CMP-2025-Q1-AZ");
  await dialog.getByTestId("accept-value").fill("52000");
  await dialog.getByTestId("accept-submit").click();
  await dialog.waitFor({ state: "detached" });
  const edit = (await ipcCalls(page, "act_on_lead")).at(-1).args;
  assert.equal(edit.action.kind, "edit");
  assert.deepEqual(edit.action.form, {
    dealName: "Contoso Pharmaceuticals: Azure Landing Zone in 5 Days",
    estimatedValue: 52000,
    currency: "USD",
    teamMembers: ["Alex Morgan", "Sam Patel"],
    estimatedClose: "2025-06-30",
    notes: "Pilot with 10 users first.",
    marketingCampaignId: "CMP-2025-Q1-AZ",
    crmId: "CRM-00417",
    moreContacts: [{ firstName: "Ravi", lastName: "Shah", email: "ravi.shah@contoso.com", phone: "+1 303 555 0123" }],
  });
  await drawer.getByTestId("lead-fact-value").getByText("$52,000.00").waitFor();

  await drawer.getByTestId("lead-action-lose").click();
  const lost = page.getByTestId("lose-dialog");
  await lost.getByTestId("close-reason").click();
  await page.getByTestId("close-reason-3").click();
  await lost.getByTestId("close-submit").click();
  await lost.waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "act_on_lead")).at(-1).args.action, { kind: "lose", form: { reason: "Customer chose another vendor", notes: "" } });
  assert.match(plain(await drawer.getByTestId("lead-archived").innerText()), /^Archived: Lost/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a lead that expired meanwhile: the refusal (notAllowed) is shown and the lead reloads as it is now", async () => {
  const { page, problems } = await openLeads(harness);
  const drawer = await openLead(page, "lead-cooled-tailspin");
  // The time rules archive it while the drawer is open.
  await page.evaluate(() => {
    const lead = window.__PA_LEADS__.leads.find((l) => l.id === "lead-cooled-tailspin");
    lead.substatus = "Expired";
    lead.history.push({ at: "2025-04-02T08:15:42Z", from: "Received", to: "Expired", actor: "System", note: "No answer within 14 days", fields: [] });
  });
  await drawer.getByTestId("lead-action-decline").click();
  const dialog = page.getByTestId("decline-dialog");
  await dialog.getByTestId("close-reason").click();
  await page.getByTestId("close-reason-8").click();
  await dialog.getByTestId("close-submit").click();
  await dialog.waitFor({ state: "detached" });
  const bar = drawer.locator('[data-error-code="notAllowed"]');
  await bar.waitFor();
  assert.match(
    plain(await bar.innerText()),
    /The lead changed meanwhile, so this could not be done\. It now shows as it is\.[\s\S]*not allowed in the record's current state\.[\s\S]*this lead is archived \(Expired\) and can no longer be changed/,
  );
  await drawer.getByTestId("lead-contact-hidden").waitFor();
  assert.match(plain(await drawer.getByTestId("lead-archived").innerText()), /^Archived: Expired/);
  assert.equal(await drawer.getByTestId("lead-actions").count(), 0);
  await page.locator('[data-testid="lead-row"][data-id="lead-cooled-tailspin"] [data-substatus="Expired"]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("the heart in the drawer follows the list", async () => {
  const { page, problems } = await openLeads(harness);
  const drawer = await openLead(page, "lead-hot-fabrikam");
  const heart = drawer.getByTestId("drawer-heart");
  assert.equal(await heart.getAttribute("aria-pressed"), "false");
  await heart.click();
  assert.equal(await heart.getAttribute("aria-pressed"), "true");
  assert.deepEqual((await ipcCalls(page, "set_lead_favourite")).map((c) => c.args), [{ id: "lead-hot-fabrikam", favourite: true }]);
  await page.locator('[data-testid="lead-row"][data-id="lead-hot-fabrikam"] [data-testid="heart"][aria-pressed="true"]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
