// Launches Debian's Chromium (never a downloaded browser build: those
// downloads fail here), headless, with the flags that keep it quiet and
// offline, and opens the case form on a fresh page.

import assert from "node:assert/strict";
import { chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * Opens the case form in a new context and waits until it is ready.
 * Collects what must never happen: page errors, console errors, alerts.
 * @param {import("playwright-core").Browser} browser
 * @param {string} origin the test server's origin
 * @param {{query?: string, bypassCSP?: boolean}} [options] bypassCSP lets a test check the page's own escaping without the CSP's help
 */
export async function openCaseForm(browser, origin, { query = "", bypassCSP = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 }, locale: "en-GB", timezoneId: "UTC", bypassCSP,
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.goto(`${origin}/examples/case-form/${query}`);
  // The first launch on a fresh machine can be slow (font cache, wasm compile).
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
  assert.equal(await page.getAttribute("body", "data-ready"), "true", `the form started: ${problems.join("; ")}`);
  return { page, problems, close: () => context.close() };
}
