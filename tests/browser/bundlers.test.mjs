// The bundler recipes of the package README, run as written: its esbuild
// and Vite snippets build a small app importing the package's web build
// (the wasm found by the bundler, never copied by hand), which is then
// served and run in headless Chromium, where it decides the Contoso case.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build as viteBuild } from "vite";

import { snippets } from "../dynamics/snippets.mjs";
import { launchChromium } from "./chromium.mjs";
import { startServer } from "./server.mjs";

const README = snippets("crates/followup-wasm/package/README.md");
// Inside tests/browser, so that the snippets' imports (esbuild, case-followup) resolve to its node_modules.
const out = fileURLToPath(new URL("./artifacts/bundlers/", import.meta.url));
let browser;
before(async () => {
  rmSync(out, { recursive: true, force: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The module the snippets import their example data from. */
const CONTOSO = `export const config = {
  rules: [{
    id: "contoso-coffee",
    conditions: { field: "title", operator: "like", value: "%Contoso Coffee%" },
    automation: "confirm",
    triggerStatusReasons: ["On Hold"],
    followUps: { count: 3, waitTimes: "PT48H" },
  }],
};
export const incident = {
  incidentid: "11111111-0000-4000-8000-000000000001", ticketnumber: "CAS-01001-C0F3E3",
  title: "Contoso Coffee grinder jams", statecode: 0, statuscode: 2, createdon: "2026-10-20T09:00:00Z",
  emailaddress: "alex@fabrikam.com",
};
export const timeline = [
  { type: "statusChange", at: "2026-11-02T13:00:00Z", statusReason: "On Hold" },
  { type: "email", direction: "outgoing", from: "support@contoso.com", to: "alex@fabrikam.com", subject: "Your grinder", sentAt: "2026-11-02T14:00:00Z" },
];
`;
const INDEX = (script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title></head>
<body><script type="module" src="${script}"></script></body></html>\n`;

/** A folder holding the app: the README's main.js, the example data and a page. */
function app(name, mainSnippet, pageScript) {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.js"), README.get(mainSnippet).code);
  writeFileSync(join(dir, "contoso.js"), CONTOSO);
  writeFileSync(join(dir, "index.html"), INDEX(pageScript));
  return dir;
}

/** Serves `root`, opens its page and returns what the app logged and what went wrong. */
async function run(root) {
  const server = await startServer({ root });
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const logged = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.url()}: ${response.status()}`);
  });
  const summary = new Promise((resolve) => page.on("console", (message) => {
    logged.push(message.text());
    if (message.type() === "log") resolve(message.text());
  }));
  await page.goto(`${server.origin}/index.html`);
  const first = await Promise.race([summary, new Promise((resolve) => setTimeout(() => resolve(null), 30_000))]);
  await context.close();
  await server.close();
  return { summary: first, problems, logged };
}

test("esbuild: the README's build script with the `file` loader emits the wasm beside the bundle", async () => {
  const dir = app("esbuild", "esbuild-app", "./dist/main.js");
  writeFileSync(join(dir, "build.mjs"), README.get("esbuild-build").code);
  await new Promise((resolve, reject) => execFile(process.execPath, ["build.mjs"], { cwd: dir }, (error, stdout, stderr) =>
    (error ? reject(new Error(stderr)) : resolve())));
  assert.ok(readdirSync(join(dir, "dist")).some((file) => /^followup_bg-.*\.wasm$/.test(file)), "esbuild emitted the wasm");
  const { summary, problems } = await run(dir);
  assert.deepEqual(problems, []);
  assert.match(summary, /Follow-up 2 of 3 is due now/);
});

test("Vite: the README's app with `?url` builds with no configuration; the wasm is an asset of the build", async () => {
  const dir = app("vite", "vite-app", "./main.js");
  await viteBuild({ root: dir, logLevel: "warn", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
  assert.ok(readdirSync(join(dir, "dist/assets")).some((file) => /^followup_bg-.*\.wasm$/.test(file)), "Vite emitted the wasm");
  const { summary, problems } = await run(join(dir, "dist"));
  assert.deepEqual(problems, []);
  assert.match(summary, /Follow-up 2 of 3 is due now/);
});
