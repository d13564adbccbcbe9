// Every code block of every README in the repository, run (as automerge
// runs its README's examples), so that none of them can rot. A block is
// handled by its language and by an HTML comment on the line just above it:
//
//   ```sh, ```js          run: sh with `bash -euo pipefail`, js as an ES
//                         module with `case-followup` importable; any other
//                         language must be tagged not-run (Node 20 runs no
//                         TypeScript);
//   ```json               parsed (each line, for JSON Lines);
//   ```text, plain ```    printed output or a layout: read, not run.
//
//   <!-- run: KEY=VALUE ... -->   how to run it: `given=contoso` defines
//       `config`, `caseRecord`, `incident` and `timeline` (the Contoso case of
//       tests/scenarios/contoso-coffee.json) for a js block; `with=generated`
//       runs a sh block beside `config.json` and `cases.jsonl` written by
//       `host-sim generate`; `in=DIR` runs it in a copy of DIR.
//   <!-- check: output -->        a text block: exactly what the run block
//       above it printed.
//   <!-- check: rule -->          a json block: a rule `validateConfig` accepts.
//   <!-- check: decision KEY=VALUE ... -->  a json block: part of the decision
//       of the rule above it on a scenario's first case at `at`.
//   <!-- snippet: NAME -->        run by tests/dynamics or tests/browser, which
//       fake what it needs (a Dynamics form, the Web API, a bundler): NAME
//       must be one those tests read.
//   <!-- not-run: REASON -->      not run, and the reason says why.
//
// sh blocks run in a scratch directory whose entries are links to the
// repository's top-level entries (so files they write land in the scratch
// directory), with target/debug (host-sim) first on the PATH.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { evaluateRules, validateConfig } from "case-followup";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../..");
const TIMEOUT_MS = 10 * 60 * 1000;

/** The README files git knows of, from the repository root. */
function readmes() {
  return execFileSync("git", ["ls-files", "*README.md", "README.md"], { cwd: root, encoding: "utf8" })
    .split("\n").filter(Boolean).sort();
}

/** A README's fenced blocks: language, code, the tag above (kind and settings), line. */
function blocks(path) {
  const lines = readFileSync(join(root, path), "utf8").split("\n");
  const found = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(\w*)$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const code = [];
    for (i += 1; i < lines.length && lines[i] !== "```"; i += 1) code.push(lines[i]);
    const tag = /^<!-- (run|check|snippet|not-run): ?(.*?) ?-->$/.exec(lines[start - 1] ?? "");
    const [kind, rest] = tag ? [tag[1], tag[2]] : [null, ""];
    const words = rest.split(/\s+/).filter(Boolean);
    const settings = Object.fromEntries(words.filter((word) => word.includes("=")).map((word) => word.split("=")));
    const name = kind === "not-run" ? undefined : words.find((word) => !word.includes("="));
    found.push({ path, line: start + 1, language: open[1], code: code.join("\n"), kind, name, reason: rest, settings });
  }
  return found;
}

/** `actual` holds everything `expected` says: objects in part, arrays element by element. */
function assertPart(actual, expected, where = "decision") {
  if (expected !== null && typeof expected === "object") {
    assert.equal(typeof actual, "object", `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    if (Array.isArray(expected)) {
      assert.ok(Array.isArray(actual), `${where}: expected an array`);
      assert.equal(actual.length, expected.length, `${where}: expected ${expected.length} elements, got ${actual.length}`);
    }
    for (const [key, value] of Object.entries(expected)) assertPart(actual[key], value, `${where}.${key}`);
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

const scratch = mkdtempSync(join(tmpdir(), "case-followup-readmes-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
before(() => {
  // host-sim for the sh blocks (a no-op when scripts/test.sh has built it).
  execFileSync("cargo", ["build", "--locked", "-q", "-p", "host-sim"], { cwd: root, stdio: "inherit" });
});

let runs = 0;
/** A fresh directory of links to the repository's top-level entries. */
function mirror() {
  runs += 1;
  const dir = join(scratch, `run-${runs}`);
  mkdirSync(dir);
  for (const entry of readdirSync(root)) {
    if (entry !== ".git") symlinkSync(join(root, entry), join(dir, entry));
  }
  return dir;
}

/** Runs a sh block; returns its standard output, or fails with its standard error. */
function runSh(block) {
  const { settings } = block;
  let cwd = mirror();
  const env = { ...process.env, PATH: `${join(root, "target/debug")}:${process.env.PATH}` };
  if (settings.in) {
    const copy = join(cwd, `copy-of-${settings.in.replaceAll("/", "-")}`);
    cpSync(join(root, settings.in), copy, { recursive: true });
    cwd = copy;
  }
  if (settings.with === "generated") {
    execFileSync("host-sim", ["generate", "--cases", "50", "--seed", "7", "--out", "."], { cwd, env, stdio: "pipe" });
  } else if (settings.with) {
    assert.fail(`${block.path}:${block.line}: unknown setup with=${settings.with}`);
  }
  return runProcess("/bin/bash", ["-euo", "pipefail", "-c", block.code], cwd, env, block);
}

/** Runs a js block as an ES module beside tests/node's node_modules, from the repository root. */
function runJs(block) {
  runs += 1;
  const { given } = block.settings;
  assert.ok(given === undefined || given === "contoso", `${block.path}:${block.line}: unknown given=${given}`);
  const prelude = given === "contoso" ? 'import "./readme-blocks-contoso.mjs";\n' : "";
  // The module lives under tests/node so that `case-followup` resolves as it does for a user.
  const file = join(here, `.readme-block-${runs}.mjs`);
  writeFileSync(file, prelude + block.code + "\n");
  try {
    return runProcess(process.execPath, [file], root, process.env, block);
  } finally {
    rmSync(file, { force: true });
  }
}

function runProcess(command, args, cwd, env, block) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: TIMEOUT_MS, maxBuffer: 64 << 20 });
  assert.equal(result.status, 0,
    `${block.path}:${block.line}: the ${block.language} block exited with ${result.status ?? result.signal}\n${result.stderr}`);
  return result.stdout;
}

/** The tests of the snippets that tests/dynamics and tests/browser run by name. */
const snippetTests = ["tests/dynamics", "tests/browser"].flatMap((dir) =>
  readdirSync(join(root, dir)).filter((file) => file.endsWith(".mjs"))
    .map((file) => readFileSync(join(root, dir, file), "utf8"))).join("\n");

for (const path of readmes()) {
  describe(path, () => {
    let lastOutput = null;
    let lastRule = null;
    for (const block of blocks(path)) {
      const title = `line ${block.line}: ${block.language || "plain"}${block.kind ? ` (${block.kind}${block.name ? ` ${block.name}` : ""})` : ""}`;
      test(title, { timeout: TIMEOUT_MS }, () => {
        const where = `${path}:${block.line}`;
        if (block.kind === "not-run") {
          assert.ok(block.reason.length > 10, `${where}: a not-run block says why`);
          return;
        }
        if (block.kind === "snippet") {
          assert.ok(snippetTests.includes(`"${block.name}"`), `${where}: no test in tests/dynamics or tests/browser runs snippet ${block.name}`);
          return;
        }
        switch (block.language) {
          case "sh":
            lastOutput = runSh(block);
            return;
          case "js":
            lastOutput = runJs(block);
            return;
          case "json": {
            const value = block.code.includes("\n{")
              ? block.code.split("\n").map((line) => JSON.parse(line))
              : JSON.parse(block.code);
            if (block.kind === "check" && block.name === "rule") {
              assert.deepEqual(validateConfig({ rules: [value] }), { type: "success", rules: 1, activeRules: 1 }, where);
              lastRule = value;
            } else if (block.kind === "check" && block.name === "decision") {
              const { scenario, at } = block.settings;
              assert.ok(lastRule && scenario && at, `${where}: a decision check needs a rule above it, scenario= and at=`);
              const { config, cases } = JSON.parse(readFileSync(join(root, scenario), "utf8"));
              const { case: caseRecord, timeline } = cases[0];
              assertPart(evaluateRules({ ...config, rules: [lastRule] }, caseRecord, timeline, at), value);
            } else {
              assert.equal(block.kind, null, `${where}: unknown tag ${block.kind} ${block.name}`);
            }
            return;
          }
          case "text":
          case "":
            if (block.kind === "check" && block.name === "output") {
              assert.notEqual(lastOutput, null, `${where}: no run block above this output`);
              assert.equal(lastOutput.trimEnd(), block.code.trimEnd(), `${where}: the output of the block above changed`);
            } else {
              assert.equal(block.kind, null, `${where}: unknown tag ${block.kind} ${block.name}`);
            }
            return;
          default:
            assert.fail(`${where}: a ${block.language} block: run it here, or say why not (<!-- not-run: ... -->)`);
        }
      });
    }
  });
}
