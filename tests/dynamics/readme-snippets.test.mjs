// The snippets of the READMEs about the Dynamics hosts, run: the form
// script against the fake Xrm with the web resource loaded, the config
// checked by the engine, the shell commands against the fake Dataverse Web
// API (tests/dynamics/fake-dataverse.mjs) with a stand-in `az` that prints
// the fake's token. The bundler snippets run in tests/browser/bundlers.test.mjs.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

import { validateConfig } from "case-followup";

import { scenario } from "../browser/dynamics-fixtures.mjs";
import { buildOrganisation, NOW, OTHER_PRODUCT, TOKEN } from "./contoso-org.mjs";
import { startFakeDataverse } from "./fake-dataverse.mjs";
import { codeBlockCount, snippets } from "./snippets.mjs";

const PACKAGE_README = "crates/followup-wasm/package/README.md";
const GUIDE = "examples/dynamics-form/README.md";
const ORG_URL = "https://contoso.crm.dynamics.com";
const here = fileURLToPath(new URL(".", import.meta.url));
const read = (path) => readFileSync(new URL(path, import.meta.url), "utf8");

const scratch = mkdtempSync(join(tmpdir(), "case-followup-snippets-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("every code block of the deployment guide is a marked, run snippet", () => {
  assert.equal(snippets(GUIDE).size, codeBlockCount(GUIDE));
});

test("package README: the form-script snippet runs on the fake form after case-followup.js", async () => {
  const snippet = snippets(PACKAGE_README).get("form-script");
  const context = vm.createContext({ console, TextEncoder, TextDecoder });
  vm.runInContext(read("../browser/fake-xrm.js"), context);
  const fake = context.FakeXrm.create(scenario());
  Object.assign(context, { Xrm: fake.Xrm, fetch: fake.fetch });
  vm.runInContext(read("../../pkg/dynamics/case-followup.js"), context);
  await context.CaseFollowup.ready;
  // A fixed clock.
  context.CaseFollowup.form.configure({ now: () => "2026-11-04T14:05:00Z" });
  vm.runInContext(snippet.code, context, { filename: `${PACKAGE_README}#form-script` });
  await context[snippet.settings.call](fake.executionContext);
  const shown = fake.formNotifications.get("my-follow-up");
  assert.equal(shown.level, "INFO");
  assert.match(shown.message, /Follow-up 2 of 3 is due now/);
});

test("deployment guide: the config snippet is a valid config", () => {
  const config = JSON.parse(snippets(GUIDE).get("config").code);
  assert.deepEqual(validateConfig(config), { type: "success", rules: 1, activeRules: 1 });
});

/** Runs a shell snippet in `cwd` with a stand-in `az` and the fake organisation's URL in place of Contoso's. */
function runShell(code, { url, cwd = here, env = {} }) {
  const bin = join(scratch, "bin");
  rmSync(bin, { recursive: true, force: true });
  mkdirSync(bin, { recursive: true });
  // The stand-in for the Azure CLI: prints the fake's token when asked for one for the fake's URL.
  writeFileSync(join(bin, "az"), `#!/bin/sh\n[ "$1 $2" = "account get-access-token" ] && [ "$4" = "${url}" ] && printf '%s\\n' ${TOKEN} && exit 0\necho "az stand-in: unexpected arguments: $*" >&2; exit 1\n`);
  chmodSync(join(bin, "az"), 0o755);
  const script = code.replaceAll(ORG_URL, url);
  return new Promise((resolve) => {
    execFile("/bin/bash", ["-euo", "pipefail", "-c", script], {
      cwd, env: { PATH: `${bin}:${join(here, "node_modules/.bin")}:${process.env.PATH}`, HOME: scratch, npm_config_yes: "true", ...env },
    }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

test("deployment guide: the validate snippet prints the engine's verdict on config.json", async () => {
  const dir = join(scratch, "validate");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), snippets(GUIDE).get("config").code);
  const result = await runShell(snippets(GUIDE).get("validate").code, {
    url: ORG_URL, cwd: dir, env: { NODE_PATH: join(here, "node_modules") },
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { type: "success", rules: 1, activeRules: 1 });
});

for (const [readme, name, execute] of [[PACKAGE_README, "sweep", false], [GUIDE, "sweep-dry-run", false], [GUIDE, "sweep-execute", true]]) {
  test(`${readme}: the ${name} snippet sweeps the fake organisation`, async () => {
    // Histories in time order, so that the command runs with the engine as it is (see sweep.test.mjs).
    const organisation = buildOrganisation({ cases: 4, kinds: ["firstFollowUpDue", OTHER_PRODUCT] });
    organisation.tables.environmentvariabledefinitions[0].environmentvariabledefinition_environmentvariablevalue[0].value =
      JSON.stringify(JSON.parse(snippets(GUIDE).get("config").code.replace('"confirm"', '"full"')));
    const server = await startFakeDataverse({ ...organisation, token: TOKEN, now: () => NOW });
    try {
      const result = await runShell(snippets(readme).get(name).code, { url: server.url });
      assert.equal(result.code, 0, result.stderr + result.stdout);
      const sends = server.requests.filter((request) => request.path.endsWith("SendEmail")).length;
      assert.equal(sends, execute ? 2 : 0, "a dry run sends nothing; --execute sends the two due follow-ups");
      assert.match(result.stdout, /4 case\(s\), 0 failure\(s\)|"cases":4,"failures":0/);
    } finally {
      await server.close();
    }
  });
}
