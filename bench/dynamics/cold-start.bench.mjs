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
import { chromium } from "playwright-core";

import { scenario } from "../../tests/browser/dynamics-fixtures.mjs";
import { startServer } from "../../tests/browser/server.mjs";

const RUNS = Number(process.argv[2] ?? 20);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function coldStart(browser, origin, throttle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  await page.addInitScript((options) => {
    window.__scenario = options;
  }, scenario());
  await page.goto(`${origin}/bench/dynamics/cold-start.html`);
  await page.waitForFunction(() => window.__decided !== undefined, null, { timeout: 120_000 });
  const times = await page.evaluate(() => ({
    ready: window.__ready - window.__scriptStart,
    decided: window.__decided - window.__scriptStart,
    card: window.__card,
  }));
  await context.close();
  if (!times.card?.startsWith("Suggested actions:")) throw new Error(`no card shown: ${times.card}`);
  return times;
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: ARGS });
try {
  await coldStart(browser, server.origin, 1); // the browser's own first start, not counted
  for (const throttle of [1, 4]) {
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await coldStart(browser, server.origin, throttle));
    const ready = median(runs.map((times) => times.ready));
    const decided = median(runs.map((times) => times.decided));
    console.log(`CPU ${throttle}x: script start to CaseFollowup.ready ${ready.toFixed(1)} ms, to first decision ${decided.toFixed(1)} ms ` +
      `(median of ${RUNS} fresh contexts; min ${Math.min(...runs.map((t) => t.decided)).toFixed(1)}, max ${Math.max(...runs.map((t) => t.decided)).toFixed(1)})`);
  }
} finally {
  await browser.close();
  await server.close();
}
