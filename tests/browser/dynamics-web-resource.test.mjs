// The web resource (pkg/dynamics/case-followup.js) in headless Chromium,
// loaded as a classic <script> on a page without a module loader, beside
// the fake Xrm: `await CaseFollowup.ready`, then the form's OnLoad and the
// Status Reason's OnChange produce the Contoso case's card.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { launchChromium } from "./chromium.mjs";
import { scenario } from "./dynamics-fixtures.mjs";
import { startServer } from "./server.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with the fake Xrm holding `options`, the clock at `now`. */
async function openPage(options, now) {
  const context = await browser.newContext({ locale: "en-GB", timezoneId: "UTC" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${server.origin}/tests/browser/dynamics-page.html`);
  await page.evaluate(async ({ options, now }) => {
    const fake = FakeXrm.create(options);
    window.fake = fake;
    window.Xrm = fake.Xrm;
    window.fetch = fake.fetch;
    await CaseFollowup.ready;
    CaseFollowup.form.configure({
      now: () => now,
    });
  }, { options, now });
  return { page, problems, close: () => context.close() };
}

test("a classic script: CaseFollowup is defined without a module loader, and calls before ready throw a FollowupError", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Stop the page before the module finishes starting: the script runs, `ready` is still pending.
  await page.goto(`${server.origin}/tests/browser/dynamics-page.html`, { waitUntil: "commit" });
  await page.waitForFunction(() => typeof window.CaseFollowup === "object");
  const early = await page.evaluate(() => {
    const started = { ready: CaseFollowup.ready instanceof Promise, exports: Object.keys(CaseFollowup).sort() };
    return CaseFollowup.ready.then(() => ({ ...started, version: CaseFollowup.version() }));
  });
  assert.equal(early.ready, true);
  for (const name of ["Engine", "draftEmail", "evaluateMany", "evaluateRules", "fillResolution", "form", "ready", "validateConfig", "version"]) {
    assert.ok(early.exports.includes(name), name);
  }
  assert.match(early.version, /^\d+\.\d+\.\d+/);
  const tooEarly = await page.evaluate(() => {
    // A fresh copy of the script in a new frame, called synchronously after it runs.
    const frame = document.createElement("iframe");
    document.body.append(frame);
    return fetch("/pkg/dynamics/case-followup.js").then((response) => response.text()).then((code) => {
      frame.contentWindow.eval(code);
      try {
        frame.contentWindow.CaseFollowup.version();
        return null;
      } catch (error) {
        return { name: error.name, code: error.code, message: error.message };
      }
    });
  });
  assert.equal(tooEarly.name, "FollowupError");
  assert.equal(tooEarly.code, "not-ready");
  await context.close();
});

test("onLoad shows the Contoso case's Send follow-up card", async () => {
  const { page, problems, close } = await openPage(scenario(), "2026-11-04T14:05:00Z");
  const shown = await page.evaluate(async () => {
    await CaseFollowup.form.onLoad(fake.executionContext);
    return fake.snapshot();
  });
  const form = new Map(shown.form);
  const control = new Map(shown.control);
  assert.match(form.get("case-followup.summary").message, /^Suggested actions: The customer last responded on 29 Oct 2026, 10:00 UTC\. Follow-up 2 of 3 is due now/);
  assert.equal(control.get("case-followup.sendFollowUp").button, "Review and send email");
  assert.deepEqual(problems, []);
  await close();
});

test("onStatusReasonChange: putting the case on hold on the form shows the card", async () => {
  const { page, problems, close } = await openPage(scenario({ onHold: false }), "2026-11-04T14:05:00Z");
  const shown = await page.evaluate(async () => {
    await CaseFollowup.form.onLoad(fake.executionContext);
    const before = fake.snapshot();
    await fake.change("statuscode", 2, "On Hold");
    return { before, after: fake.snapshot() };
  });
  assert.deepEqual(shown.before.control, [], "In Progress: no card");
  const after = new Map(shown.after.control);
  assert.match(after.get("case-followup.sendFollowUp").messages[0], /^Send follow-up: /);
  assert.deepEqual(problems, []);
  await close();
});

/** Opens the page with a content security policy header on it. */
async function openWithPolicy(policy) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route("**/dynamics-page.html", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
  });
  await page.goto(`${server.origin}/tests/browser/dynamics-page.html`);
  return { page, close: () => context.close() };
}

test("a content security policy without 'wasm-unsafe-eval': ready rejects saying so, and the form shows it as an ERROR", async () => {
  const { page, close } = await openWithPolicy("script-src 'self' 'unsafe-inline'");
  const outcome = await page.evaluate(async (options) => {
    const fake = FakeXrm.create(options);
    window.Xrm = fake.Xrm;
    window.fetch = fake.fetch;
    const ready = await CaseFollowup.ready.then(() => null, (error) => ({ name: error.name, code: error.code, message: error.message }));
    await CaseFollowup.form.onLoad(fake.executionContext);
    return { ready, notifications: fake.snapshot().form };
  }, scenario());
  assert.equal(outcome.ready.name, "FollowupError");
  assert.match(outcome.ready.message, /^case-followup could not start: the page's content security policy does not allow WebAssembly: its script-src needs 'wasm-unsafe-eval'/);
  const error = new Map(outcome.notifications).get("case-followup.error");
  assert.equal(error.level, "ERROR");
  assert.match(error.message, /content security policy does not allow WebAssembly/);
  await close();
});

test("with 'wasm-unsafe-eval' in script-src, the same page starts", async () => {
  const { page, close } = await openWithPolicy("script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'");
  const version = await page.evaluate(() => CaseFollowup.ready.then(() => CaseFollowup.version()));
  assert.match(version, /^\d+\.\d+\.\d+/);
  await close();
});
