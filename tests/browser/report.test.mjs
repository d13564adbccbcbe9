// host-sim's HTML report in headless Chromium, opened from file:// as an
// administrator would open it: no console errors, no request but the file
// itself, the numbers on the page equal to the summary host-sim prints for
// the same run, the rule and outcome filter working, and a screenshot kept
// in artifacts/report.png.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { launchChromium } from "./chromium.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ARTIFACTS = new URL("./artifacts/", import.meta.url);
mkdirSync(ARTIFACTS, { recursive: true });

/** Runs host-sim from the workspace (built by cargo when needed). */
function hostSim(args) {
  return execFileSync("cargo", ["run", "--quiet", "--locked", "-p", "host-sim", "--", ...args], {
    cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"],
  });
}

const lastLine = (text) => JSON.parse(text.trimEnd().split("\n").at(-1));

let browser;
let run;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "host-sim-report-"));
  hostSim(["generate", "--cases", "3000", "--seed", "11", "--out", dir]);
  const inputs = ["--config", join(dir, "config.json"), join(dir, "cases.jsonl"), "--policy", "after:PT4H"];
  const report = join(dir, "report.html");
  hostSim(["report", ...inputs, "-o", report]);
  run = {
    report,
    summary: lastLine(hostSim(["replay", ...inputs, "--format", "jsonl"])),
    shadow: lastLine(hostSim(["shadow", ...inputs.slice(0, 3), "--format", "jsonl"])).shadow,
  };
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function openReport(t) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("request", (request) => requests.push(request.url()));
  const url = pathToFileURL(run.report).href;
  await page.goto(url);
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], "no page errors or console errors");
    assert.deepEqual(requests.filter((request) => request !== url), [], "no request but the report itself");
  });
  return page;
}

const figure = async (page, key) => (await page.locator(`[data-figure="${key}"]`).first().textContent())?.trim();

test("the report's numbers are the summary's, and it makes no request", async (t) => {
  const page = await openReport(t);
  const { summary, shadow } = run;
  assert.ok(summary.casesSeen === 3000 && summary.casesResolved > 0 && summary.resolvedTooEarly > 0, JSON.stringify(summary));
  for (const key of ["casesSeen", "followUpsByAgent", "followUpsByRepresentative", "casesResolved", "resolvedTooEarly",
    "repliesWritten", "noRule", "skipped"]) {
    assert.equal(await figure(page, key), String(summary[key]), key);
  }
  assert.equal(await figure(page, "medianTimeToResolution"), summary.medianTimeToResolution);
  assert.match(await figure(page, "policy"), /^`after:PT4H`/, "the report says which policy ran");
  assert.equal(await figure(page, "zone"), summary.zone);
  const rules = Object.entries(summary.rules);
  assert.equal(rules.length, 4);
  for (const [key, stats] of rules) {
    for (const name of ["matched", "followUpsByAgent", "followUpsByRepresentative", "resolved", "resolvedTooEarly"]) {
      assert.equal(await figure(page, `rules.${key}.${name}`), String(stats[name]), `${key} ${name}`);
    }
  }
  for (const name of ["compared", "agreed", "resolvedEarlier", "answeredAfterResolving", "unsentFollowUps", "wouldFollowUps"]) {
    assert.equal(await figure(page, `shadow.${name}`), String(shadow[name]), `shadow ${name}`);
  }
  assert.equal(await page.locator("figure svg").count(), 4, "four charts, drawn inline");
  await page.screenshot({ path: new URL("report.png", ARTIFACTS).pathname, fullPage: true });
  const bytes = statSync(run.report).size;
  assert.ok(bytes < 2_000_000, `the report stays small: ${bytes} bytes`);
  assert.doesNotMatch(readFileSync(run.report, "utf8"), /\b(src|href)=["']?(https?:)?\/\//, "no external reference");
});

test("the filter shows the cases of a rule and an outcome", async (t) => {
  const page = await openReport(t);
  const visible = () => page.locator("[data-case]:not(.hidden)").count();
  const shown = async () => Number(await page.locator("#shown").textContent());
  // The report opens on the cases resolved too early, each with its timeline.
  const early = Math.min(run.summary.resolvedTooEarly, 500);
  assert.equal(await visible(), early);
  assert.equal(await shown(), early);
  const first = page.locator("[data-case]:not(.hidden)").first();
  await first.locator("summary").click();
  assert.match(await first.textContent(), /resolved too early/);
  await page.selectOption("#filter-outcome", "");
  const all = await visible();
  assert.ok(all > early);
  const [rule] = Object.keys(run.summary.rules);
  await page.selectOption("#filter-rule", rule);
  const ofRule = await visible();
  assert.ok(ofRule > 0 && ofRule < all, `${ofRule} of ${all}`);
  assert.equal(await page.locator(`[data-case]:not(.hidden):not([data-rule="${rule}"])`).count(), 0);
  assert.equal(await shown(), ofRule);
});
