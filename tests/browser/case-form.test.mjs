// End-to-end tests of the case form (examples/case-form/) in headless
// Chromium: the page loads the built plugin from pkg/ over a local server,
// and a person's actions are replayed on it. Time is the form's own clock,
// started from the data file and moved by its buttons: nothing here depends
// on the real time.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

import { launchChromium, openCaseForm } from "./chromium.mjs";
import { startServer } from "./server.mjs";

const ARTIFACTS = new URL("./artifacts/", import.meta.url);
mkdirSync(ARTIFACTS, { recursive: true });
const artifact = (name) => new URL(name, ARTIFACTS).pathname;

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the form; the page is closed and checked for errors when the test ends. */
async function open(t, options) {
  const form = await openCaseForm(browser, server.origin, options);
  t.after(async () => {
    await form.close();
    assert.deepEqual(form.problems, [], "no page errors, console errors or alerts");
  });
  return form.page;
}

const text = async (locator) => ((await locator.textContent()) ?? "").trim();
const card = (page) => page.locator("#suggested-actions");
const cardItems = (page) => page.locator("#suggested-actions .card-item");
const agentState = (page) => page.locator("#agent-status .state-badge");
const clock = (page) => page.locator("#clock-now");
const newestTimelineEntry = (page) => page.locator("#timeline > li").first();

/** Opens the first card item's email, checks it is the agent's draft, and sends it (optionally with a new subject). */
async function reviewAndSend(page, { subject } = {}) {
  await cardItems(page).first().getByRole("button", { name: "Review and send email" }).click();
  const dialog = page.locator("#email-dialog");
  assert.ok(await dialog.isVisible(), "the draft opens");
  assert.equal(await page.inputValue("#email-to"), "alex@fabrikam.com");
  assert.match(await page.inputValue("#email-body"), /^Hello Alex,/);
  if (subject !== undefined) await page.fill("#email-subject", subject);
  const sentSubject = await page.inputValue("#email-subject");
  await dialog.getByRole("button", { name: "Send" }).click();
  assert.equal(await dialog.isVisible(), false, "the dialog closes when sent");
  return sentSubject;
}

test("a whole cycle: On Hold, follow-up, next follow-up, then Resolve case with the dialog filled", async (t) => {
  const page = await open(t);
  assert.equal(await text(clock(page)), "Mon, 2 Nov 2026, 14:05 UTC", "the clock starts at the data file's startAt");
  assert.equal(await text(page.locator("#case-title")), "Contoso Coffee grinder jams");
  assert.equal(await card(page).isHidden(), true, "In Progress: no card");
  assert.equal(await text(agentState(page)), "Not running");

  // The representative puts the case On Hold: the agent starts and waits.
  await page.selectOption("#field-status-reason", { label: "On Hold" });
  assert.equal(await text(newestTimelineEntry(page).locator(".timeline-heading")), "Status Reason changed from In Progress to On Hold");
  assert.equal(await text(agentState(page)), "Waiting for the customer");
  assert.match(await text(page.locator("#agent-status .agent-summary")), /Follow-up 2 of 3 is due on 4 Nov 2026, 14:00 UTC/);
  assert.equal(await card(page).isHidden(), true);

  // A day later nothing is due yet; two days later the card asks for follow-up 2.
  await page.click("#clock-plus-day");
  assert.equal(await text(clock(page)), "Tue, 3 Nov 2026, 14:05 UTC");
  assert.equal(await card(page).isHidden(), true);
  await page.click("#clock-plus-day");
  assert.equal(await card(page).isVisible(), true);
  assert.equal(await text(card(page).locator("h2")), "Suggested actions");
  assert.match(await text(card(page).locator(".card-summary-text")),
    /^The customer last responded on 29 Oct 2026, 10:00 UTC\. Follow-up 2 of 3 is due now/);
  assert.equal(await cardItems(page).count(), 1);
  assert.equal(await text(cardItems(page).locator("h3")), "Send follow-up");
  await card(page).screenshot({ path: artifact("suggested-actions-card.png") });
  await page.screenshot({ path: artifact("case-form-follow-up-due.png"), fullPage: true });

  // Feedback and the summary's hide/expand.
  await card(page).getByRole("button", { name: "Thumbs up" }).click();
  assert.equal(await card(page).getByRole("button", { name: "Thumbs up" }).getAttribute("aria-pressed"), "true");
  assert.equal(await text(card(page).locator(".feedback-thanks")), "Thanks for your feedback.");
  await card(page).getByRole("button", { name: "Hide summary" }).click();
  assert.equal(await card(page).locator(".card-summary").isHidden(), true);
  await card(page).getByRole("button", { name: "Show summary" }).click();
  assert.equal(await card(page).locator(".card-summary").isVisible(), true);

  // Review and send: the draft is editable, and the sent email joins the timeline.
  const sent = await reviewAndSend(page, { subject: "Checking in on your grinder (CAS-01001-C0F3E3)" });
  assert.equal(await text(newestTimelineEntry(page).locator(".timeline-heading")), `Email sent: ${sent}`);
  assert.equal(await text(newestTimelineEntry(page).locator(".badge")), "Follow-up 2, drafted by the agent");
  assert.equal(await card(page).isHidden(), true, "sent: the card goes away");
  assert.match(await text(page.locator("#agent-status")), /2 of 3 sent/);

  // The clock jumps to the agent's next check: follow-up 3 is "Send next follow-up".
  await page.click("#clock-next-check");
  assert.equal(await text(clock(page)), "Fri, 6 Nov 2026, 14:05 UTC");
  assert.equal(await text(cardItems(page).locator("h3")), "Send next follow-up");
  await card(page).screenshot({ path: artifact("suggested-actions-next-follow-up.png") });
  assert.match(await reviewAndSend(page), /^Final follow-up on your case CAS-01001-C0F3E3/);
  assert.match(await text(page.locator("#agent-status")), /3 of 3 sent/);

  // Two days of silence after the last follow-up: Resolve case.
  await page.click("#clock-next-check");
  assert.equal(await text(clock(page)), "Sun, 8 Nov 2026, 14:05 UTC");
  assert.equal(await text(agentState(page)), "Resolution due");
  assert.equal(await text(cardItems(page).locator("h3")), "Resolve case");
  await cardItems(page).getByRole("button", { name: "Resolve case" }).click();

  const dialog = page.locator("#resolution-dialog");
  assert.equal(await dialog.isVisible(), true);
  assert.equal(await page.inputValue("#resolution-type"), "5");
  assert.equal(await text(page.locator("#resolution-type option:checked")), "Problem Solved");
  assert.equal(await page.inputValue("#resolution-text"), "No response from the customer after 3 follow-up emails.");
  const remarks = await page.inputValue("#resolution-remarks");
  assert.match(remarks, /^Follow-up emails sent: 3 \(2 Nov 2026, 14:00 UTC; 4 Nov 2026, 14:05 UTC; 6 Nov 2026, 14:05 UTC\)\. The customer last responded on 29 Oct 2026, 10:00 UTC/);
  assert.match(remarks, /Problem: The burr grinder of the Contoso Coffee C2 jams/);
  assert.equal(await page.inputValue("#resolution-billable"), "25", "the completed diagnosis call");
  assert.equal(await text(page.locator("#resolution-total")), "25 min");
  assert.deepEqual(await page.locator("#resolution-activities li").allTextContents(), ["Order spare burrs for the C2"]);
  assert.equal(await text(page.locator("#resolution-filled-note")), "Filled by the agent: Resolution Type, Resolution, Remarks, Billable Time.");
  await dialog.screenshot({ path: artifact("case-resolution-dialog.png") });

  await dialog.getByRole("button", { name: "Resolve", exact: true }).click();
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await text(page.locator("#header-status")), "Resolved");
  assert.equal(await text(page.locator("#header-status-reason")), "Problem Solved");
  assert.equal(await page.locator("#field-status-reason").isDisabled(), true, "a resolved case is read-only");
  assert.equal(await card(page).isHidden(), true);
  assert.equal(await text(agentState(page)), "Not running");
  const resolved = newestTimelineEntry(page);
  assert.equal(await text(resolved.locator(".timeline-heading")), "Case resolved: Problem Solved");
  const closeIncident = JSON.parse(await text(resolved.locator("pre")));
  assert.equal(closeIncident.Status, 5);
  assert.equal(closeIncident.IncidentResolution["incidentid@odata.bind"], "/incidents(11111111-0000-4000-8000-000000000001)");
  assert.equal(closeIncident.IncidentResolution.timespent, 25);
  assert.equal(await text(page.locator('#timeline li[data-id="t-spares"] .timeline-meta')), "Closed", "the open task is closed with the case");
  await page.screenshot({ path: artifact("case-form-resolved.png"), fullPage: true });
});

test("the resolution dialog never overwrites what the representative typed", async (t) => {
  const page = await open(t, { query: "?data=/tests/browser/fixtures/resolution-due.json" });
  assert.equal(await text(cardItems(page).locator("h3")), "Resolve case", "due when the form opens");
  await cardItems(page).getByRole("button", { name: "Resolve case" }).click();

  await page.fill("#resolution-remarks", "Alex confirmed by phone that the grinder works.");
  await page.fill("#resolution-text", "");
  await page.click("#resolution-refill");
  assert.equal(await page.inputValue("#resolution-remarks"), "Alex confirmed by phone that the grinder works.");
  assert.equal(await page.inputValue("#resolution-text"), "No response from the customer after 3 follow-up emails.", "the emptied field is filled again");
  assert.match(await text(page.locator("#resolution-filled-note")), /Kept as you typed: Remarks\.$/);

  // Closed without resolving (Escape), then opened from the command bar: the typed remark is still there.
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#resolution-dialog").isVisible(), false);
  await page.click("#command-resolve");
  assert.equal(await page.inputValue("#resolution-remarks"), "Alex confirmed by phone that the grinder works.");
  assert.equal(await page.inputValue("#resolution-type"), "5");
  await page.selectOption("#resolution-type", { label: "Information Provided" });
  await page.locator("#resolution-dialog").getByRole("button", { name: "Resolve", exact: true }).click();

  assert.equal(await text(page.locator("#header-status-reason")), "Information Provided");
  const closeIncident = JSON.parse(await text(newestTimelineEntry(page).locator("pre")));
  assert.equal(closeIncident.Status, 1000);
  assert.equal(closeIncident.IncidentResolution.description, "Alex confirmed by phone that the grinder works.");
});

test("a customer's negative reply asks for Reply to customer; the drafted reply quotes it", async (t) => {
  const page = await open(t);
  await page.selectOption("#field-status-reason", { label: "On Hold" });
  await page.click("#clock-plus-hour");
  await page.fill("#customer-reply-text", "It still jams after fitting the new burrs.");
  await page.click("#customer-reply-send");
  assert.equal(await text(newestTimelineEntry(page).locator(".timeline-heading")), "Email received: RE: Your grinder: CAS-01001-C0F3E3");
  assert.equal(await text(agentState(page)), "Reply needed");
  assert.equal(await text(cardItems(page).locator("h3")), "Reply to customer");

  // The representative answers the next day: an email in the same second as
  // the customer's is read before it (docs/behaviour.md 1.2), so the demo's
  // frozen clock moves on first.
  await page.click("#clock-plus-day");
  assert.equal(await text(agentState(page)), "Reply needed");
  await cardItems(page).getByRole("button", { name: "Draft reply" }).click();
  assert.equal(await text(page.locator("#email-dialog-title")), "Draft reply");
  assert.match(await page.inputValue("#email-body"), /> It still jams after fitting the new burrs\./);
  // Edited text replaces the formatted draft.
  await page.fill("#email-body", "Hello Alex,\n\nSorry to hear that. A technician will call you tomorrow.\n\nSam");
  assert.equal(await page.locator("#email-edited-note").isVisible(), true);
  assert.equal(await page.locator("#email-preview").isHidden(), true);
  await page.locator("#email-dialog").getByRole("button", { name: "Send" }).click();

  const reply = newestTimelineEntry(page);
  assert.equal(await text(reply.locator(".badge")), "Reply drafted by the agent");
  assert.match(await text(reply.locator(".timeline-body")), /A technician will call you tomorrow/);
  assert.equal(await text(agentState(page)), "Waiting for the customer", "the reply starts a new run of follow-ups");
});

test("a favorable reply stops the agent", async (t) => {
  const page = await open(t);
  await page.selectOption("#field-status-reason", { label: "On Hold" });
  await page.click("#clock-plus-day");
  await page.fill("#customer-reply-text", "Thanks, it works now!");
  await page.click("#customer-reply-send");
  assert.equal(await text(agentState(page)), "Stopped");
  assert.equal(await card(page).isHidden(), true);
  assert.match(await text(page.locator("#agent-status .agent-summary")), /responded favorably/);
});

test("a hostile case renders as text: no markup, no script ran (checked without the page's CSP)", async (t) => {
  const page = await open(t, { query: "?data=/tests/browser/fixtures/hostile-title.json", bypassCSP: true });
  const title = "Contoso Coffee <img src=x onerror=\"window.__pwned=(window.__pwned||0)+1;alert('img')\"><script>window.__pwned=(window.__pwned||0)+1;alert('script')</script>";
  assert.equal(await text(page.locator("#case-title")), title, "the title is shown exactly as typed");
  assert.equal(await page.inputValue("#field-title"), title);
  assert.match(await text(page.locator("#field-customer")), /^<img src=x onerror=/);
  assert.match(await text(page.locator("#header-owner")), /^<svg onload=/);
  assert.match(await text(page.locator("#timeline")), /<script>window\.__pwned/);

  // The drafted follow-up carries the title: escaped in the HTML, shown in a sandbox without scripts.
  await cardItems(page).getByRole("button", { name: "Review and send email" }).click();
  assert.match(await page.inputValue("#email-subject"), /Contoso Coffee <img src=x/);
  const frame = page.locator("#email-preview-frame");
  assert.equal(await frame.getAttribute("sandbox"), "", "a sandbox with no allowances: no scripts, no same origin");
  const srcdoc = await frame.evaluate((element) => element.srcdoc);
  assert.match(srcdoc, /&lt;img src=x onerror=/);
  assert.doesNotMatch(srcdoc, /<img|<script/i);
  const framed = page.frameLocator("#email-preview-frame");
  assert.match(await text(framed.locator("body")), /Contoso Coffee <img src=x onerror=/);
  assert.equal(await framed.locator("img, script, svg").count(), 0);
  await page.locator("#email-dialog").getByRole("button", { name: "Send" }).click();

  const outcome = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    injected: document.querySelectorAll("img, svg:not(.icon), [onerror], [onload]").length,
    scripts: [...document.scripts].map((script) => new URL(script.src || "inline:", location.href).pathname),
  }));
  assert.deepEqual(outcome, { pwned: null, injected: 0, scripts: ["/examples/case-form/main.js"] });
  // The open() hook also fails the test on any alert() the payloads would have raised.
});

test("the test server serves the plugin's wasm as application/wasm and nothing outside the repository", async () => {
  const wasm = await fetch(`${server.origin}/pkg/web/followup_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.ok(WebAssembly.validate(new Uint8Array(await wasm.arrayBuffer())));
  const escape = await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`);
  assert.equal(escape.status, 404);
});
