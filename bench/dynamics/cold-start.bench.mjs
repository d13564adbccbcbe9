// The web resource's cold start in headless Chromium: from the moment its
// <script> tag is reached to the first decision shown on the form (the
// Contoso case's card, OnLoad against the fake Xrm), each in a fresh
// browser context (no cache, no compiled-code cache), median of N; then the
// same with the CPU slowed 4x (CDP Emulation.setCPUThrottlingRate).
// It includes downloading the script from a local server, parsing it,
// decoding and compiling the wasm, instantiating it, reading the config and
// the case's history from the fake Xrm, and deciding.
//
//   cd bench/dynamics && npm ci && node cold-start.bench.mjs [runs]   (after scripts/build-pkg.sh)
import { readFileSync } from "node:fs";

import { chromium } from "playwright-core";

import { CASE_ID, scenario } from "../../tests/browser/dynamics-fixtures.mjs";
import { startServer } from "../../tests/browser/server.mjs";

const RUNS = Number(process.argv[2] ?? 20);
/** Items on the timeline of the first decision. */
const TIMELINE_ITEMS = 30;

/** The `number`th earlier email of the case, between 21 October and 1 November (Web API row). */
function earlierEmail(number) {
  const outgoing = number % 2 === 1;
  const senton = new Date(Date.parse("2026-10-21T09:00:00Z") + number * 9 * 3_600_000).toISOString().replace(".000Z", "Z");
  return {
    "@odata.etag": `W/"44${String(number).padStart(5, "0")}"`,
    activityid: `e1000000-0000-4000-8000-${String(number).padStart(12, "0")}`,
    activitytypecode: "email",
    subject: outgoing ? "RE: Grinder jams after two weeks" : "RE: Your grinder: CAS-01001-C0F3E3",
    description: outgoing
      ? "<p>Hello Alex,</p><p>Could you try the coarser setting for a day and tell us how it goes?</p><p>Sam</p>"
      : "<div>It still jams on the fine setting. I cleaned the burrs as you said.</div><div>Alex</div>",
    directioncode: outgoing,
    sender: outgoing ? "support@contoso.com" : "alex@fabrikam.com",
    torecipients: outgoing ? "alex@fabrikam.com;" : "support@contoso.com;",
    ccrecipients: null,
    senton,
    actualend: senton,
    createdon: senton,
    statecode: 1,
    statuscode: outgoing ? 3 : 4,
    messageid: `<earlier-${number}@${outgoing ? "contoso.com" : "fabrikam.com"}>`,
    actualdurationminutes: outgoing ? 5 : null,
    "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "incident",
    _regardingobjectid_value: CASE_ID,
    cf_followupkey: null,
  };
}
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function coldStart(browser, origin, throttle, options) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  await page.addInitScript((options) => {
    window.__scenario = options;
  }, options);
  await page.goto(`${origin}/bench/dynamics/cold-start.html`);
  await page.waitForFunction(() => window.__decided !== undefined, null, { timeout: 120_000 });
  const times = await page.evaluate(() => ({
    evaluated: window.__scriptEvaluated - window.__scriptStart,
    ready: window.__ready - window.__scriptStart,
    engine: window.__phases.engine,
    evaluate: window.__phases.evaluate,
    decided: window.__decided - window.__scriptStart,
    card: window.__card,
    items: window.__timelineItems,
  }));
  await context.close();
  if (!times.card?.startsWith("Suggested actions:")) throw new Error(`no card shown: ${times.card}`);
  return times;
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: ARGS });
try {
  // The browser's own first start, not counted; it also tells how many
  // timeline items the fixture's rows give, and earlier emails make up 30.
  const { items } = await coldStart(browser, server.origin, 1, scenario());
  const extraEmails = Array.from({ length: TIMELINE_ITEMS - items }, (_, number) => earlierEmail(number));
  const options = scenario({ extraEmails });
  // Plain and throttled runs alternate, so both see the same load.
  const runs = { 1: [], 4: [] };
  for (let run = 0; run < RUNS; run += 1) {
    for (const throttle of [1, 4]) {
      const times = await coldStart(browser, server.origin, throttle, options);
      if (times.items !== TIMELINE_ITEMS) throw new Error(`the first decision had ${times.items} timeline items, not ${TIMELINE_ITEMS}`);
      runs[throttle].push(times);
    }
  }
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  for (const [throttle, times] of Object.entries(runs)) {
    const ready = median(times.map((entry) => entry.ready));
    const decided = median(times.map((entry) => entry.decided));
    const span = times.map((entry) => entry.decided);
    console.log(`CPU ${throttle}x: script start to CaseFollowup.ready ${ready.toFixed(1)} ms, to first decision ${decided.toFixed(1)} ms ` +
      `(median of ${RUNS} fresh contexts; min ${Math.min(...span).toFixed(1)}, max ${Math.max(...span).toFixed(1)}; ` +
      `${TIMELINE_ITEMS} timeline items; load average ${load})`);
    const part = (name) => median(times.map((entry) => entry[name])).toFixed(1);
    console.log(`  medians: script loaded and run ${part("evaluated")} ms (the wasm bytes decoded), ready ${part("ready")} ms ` +
      `(compiled and instantiated); then new Engine(config) ${part("engine")} ms, evaluateRules ${part("evaluate")} ms; ` +
      `the rest of the ${decided.toFixed(1)} ms is the form library (reading the form and the Web API, the card)`);
  }
} finally {
  await browser.close();
  await server.close();
}
