// The bundler recipes of the package README, run: a small app importing the
// package's web build is bundled by esbuild and by Vite, the wasm found by
// the bundler (never copied by hand), then served and run in headless
// Chromium, where it decides the Contoso case.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { build as viteBuild } from "vite";

import { launchChromium } from "./chromium.mjs";
import { startServer } from "./server.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = mkdtempSync(join(tmpdir(), "case-followup-bundlers-"));
let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

/** Serves `root` and reports the state the app decided, and what went wrong on the page. */
async function run(root) {
  const server = await startServer({ root });
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("requestfailed", (request) => problems.push(`${request.url()} failed`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.url()}: ${response.status()}`);
  });
  await page.goto(`${server.origin}/index.html`);
  await page.waitForFunction(() => document.body.dataset.state, null, { timeout: 30_000 }).catch(() => {});
  const state = await page.evaluate(() => document.body.dataset.state ?? null);
  await context.close();
  await server.close();
  return { state, problems };
}

test("esbuild: the `file` loader emits the wasm beside the bundle and gives its URL to init()", async () => {
  const dir = join(out, "esbuild");
  await esbuild.build({
    entryPoints: [here("bundlers/esbuild/main.js")],
    bundle: true,
    format: "esm",
    outdir: dir,
    loader: { ".wasm": "file" },
    logLevel: "warning",
  });
  copyFileSync(here("bundlers/esbuild/index.html"), join(dir, "index.html"));
  assert.ok(readdirSync(dir).some((name) => /^followup_bg-.*\.wasm$/.test(name)), "esbuild emitted the wasm");
  const { state, problems } = await run(dir);
  assert.deepEqual(problems, []);
  assert.equal(state, "followUpDue");
});

test("Vite: `?url` makes the wasm an asset of the build, hashed, and gives its URL to init()", async () => {
  const dir = join(out, "vite");
  await viteBuild({ root: here("bundlers/vite"), logLevel: "warn", build: { outDir: dir, emptyOutDir: true } });
  assert.ok(readdirSync(join(dir, "assets")).some((name) => /^followup_bg-.*\.wasm$/.test(name)), "Vite emitted the wasm");
  const { state, problems } = await run(dir);
  assert.deepEqual(problems, []);
  assert.equal(state, "followUpDue");
});
