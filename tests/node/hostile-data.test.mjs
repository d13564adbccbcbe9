// The hostile corpus as data (tests/hostile/*.json) against the built
// package, as crates/followup-engine/tests/support/hostile.rs runs it
// natively (that file describes the format): each case's expected response,
// error, notes and texts no draft may hold, and what every response must
// keep. Every drafted HTML body of the corpus, and of the kept fuzz
// templates, is then parsed with parse5 and must hold no script, no event
// handler and no link or image outside https:, http: and mailto:, as
// WHATWG's URL parser reads it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { parse } from "parse5";
import * as api from "case-followup";

const root = new URL("../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const jsonFiles = (folder) =>
  readdirSync(new URL(folder, root)).filter((name) => name.endsWith(".json")).sort();

function merge(target, patch) {
  if (patch === null || patch === undefined) return target;
  if (typeof patch !== "object" || Array.isArray(patch)) return structuredClone(patch);
  const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [key, change] of Object.entries(patch)) {
    if (change === null) delete out[key];
    else out[key] = merge(out[key], change);
  }
  return out;
}

function expand(value) {
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === "object") {
    if ("$repeat" in value) {
      const times = value.times ?? 1;
      return typeof value.$repeat === "string"
        ? value.$repeat.repeat(times)
        : Array.from({ length: times }, () => expand(value.$repeat));
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expand(item)]));
  }
  return value;
}

/** `scenario::compare`: what `expected` names, `actual` holds. */
function compare(expected, actual, path = "", out = []) {
  const mismatch = () => out.push(`${path || "."}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)?.slice(0, 300)}`);
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0] === "$contains") {
      if (typeof actual !== "string" || !actual.includes(expected.$contains)) mismatch();
    } else if (actual && typeof actual === "object" && !Array.isArray(actual)) {
      for (const key of keys) compare(expected[key], actual[key], path ? `${path}.${key}` : key, out);
    } else mismatch();
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) mismatch();
    else expected.forEach((item, index) => compare(item, actual[index], `${path}[${index}]`, out));
  } else if (expected === null) {
    if (actual !== null && actual !== undefined) mismatch();
  } else if (actual !== expected) mismatch();
  return out;
}

function call(name, input) {
  const { config, caseRecord, timeline, request, current, now } = input;
  try {
    switch (name) {
      case "evaluateRules":
        return { type: "success", decision: api.evaluateRules(config, caseRecord, timeline, now) };
      case "draftEmail":
        return { type: "success", email: api.draftEmail(config, caseRecord, timeline, request, now) };
      case "fillResolution":
        return { type: "success", resolution: api.fillResolution(config, caseRecord, timeline, current, now) };
      case "validateConfig":
        return api.validateConfig(config);
      default:
        throw new Error(`no entry point ${name}`);
    }
  } catch (error) {
    if (error?.name !== "FollowupError") throw error;
    return { type: "failure", errors: error.errors };
  }
}

function draftsOf(response) {
  const drafts = [];
  if (response.email) drafts.push(response.email);
  const decision = response.decision ?? {};
  for (const holder of [...(decision.actions ?? []), ...(decision.card?.items ?? [])]) {
    if (holder.email) drafts.push(holder.email);
  }
  return drafts;
}

const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b\ufeff]/u;

function always(response, drafts) {
  const problems = [];
  if (JSON.stringify(response).includes("\\u0000")) problems.push("a NUL in the response");
  for (const draft of drafts) {
    if (!draft.to?.length) problems.push(`a draft without recipients: ${JSON.stringify(draft).slice(0, 200)}`);
    for (const address of [...(draft.to ?? []), ...(draft.cc ?? [])]) {
      if (!address.includes("@") || HIDDEN.test(address) || /[\s,;<>]/u.test(address)) {
        problems.push(`a recipient that is not one plain address: ${JSON.stringify(address)}`);
      }
    }
    if ([...draft.subject].length > 200 || HIDDEN.test(draft.subject)) {
      problems.push(`a subject that is not one plain line of at most 200 characters: ${JSON.stringify(draft.subject)}`);
    }
  }
  return problems;
}

function check(hostile, response) {
  const problems = [];
  if (hostile.expect) {
    const mismatches = compare(hostile.expect, response);
    problems.push(...mismatches);
    if (mismatches.length && response.type === "failure") problems.push(`the response: ${JSON.stringify(response).slice(0, 400)}`);
  }
  if (hostile.error) {
    const found = (response.errors ?? []).some((error) => compare(hostile.error, error).length === 0);
    if (!found) problems.push(`expected an error ${JSON.stringify(hostile.error)}, got ${JSON.stringify(response).slice(0, 400)}`);
  }
  const notes = response.decision?.explanation?.notes ?? [];
  for (const wanted of hostile.notes ?? []) {
    if (!notes.some((note) => note.includes(wanted))) problems.push(`no note contains ${JSON.stringify(wanted)}: ${JSON.stringify(notes)}`);
  }
  const drafts = draftsOf(response);
  for (const excluded of hostile.draftsExclude ?? []) {
    for (const draft of drafts) {
      for (const key of ["to", "cc", "subject", "htmlBody", "textBody"]) {
        if (JSON.stringify(draft[key]).includes(excluded)) problems.push(`a draft's ${key} holds ${JSON.stringify(excluded)}`);
      }
    }
  }
  problems.push(...always(response, drafts));
  return { problems, drafts };
}

/** What is wrong with an HTML body, as parse5 and WHATWG's URL parser read it. */
function unsafeHtml(html) {
  const problems = [];
  const walk = (node) => {
    if (node.tagName) {
      if (["script", "iframe", "object", "embed", "base", "link", "meta", "style", "form", "svg", "math"].includes(node.tagName)) {
        problems.push(`<${node.tagName}>`);
      }
      for (const { name, value } of node.attrs ?? []) {
        if (name.startsWith("on")) problems.push(`${name} on <${node.tagName}>`);
        if (["href", "src", "action", "formaction", "xlink:href", "background"].includes(name)) {
          let protocol;
          try {
            protocol = new URL(value).protocol;
          } catch {
            protocol = "relative";
          }
          const allowed = name === "href" ? ["https:", "http:", "mailto:"] : ["https:", "http:"];
          if (!allowed.includes(protocol)) problems.push(`${name}=${JSON.stringify(value)} (${protocol}) on <${node.tagName}>`);
        }
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parse(html));
  return problems;
}

const scenarios = Object.fromEntries(jsonFiles("scenarios/").map((name) => [name, JSON.parse(read(`scenarios/${name}`))]));
const bodies = [];
const classes = new Set();

for (const file of jsonFiles("hostile/")) {
  const corpus = JSON.parse(read(`hostile/${file}`));
  const base = scenarios[corpus.base ?? "contoso-coffee.json"];
  for (const hostile of corpus.cases) {
    classes.add(hostile.class);
    test(`${file}: ${hostile.name}`, { timeout: 120_000 }, () => {
      let config = merge(base.config, expand(hostile.config));
      if (hostile.rule) config = { ...config, rules: [merge(config.rules[0], expand(hostile.rule)), ...config.rules.slice(1)] };
      const caseRecord = merge(base.cases[0].case, expand(hostile.case));
      let timeline = hostile.timeline ? expand(hostile.timeline) : base.cases[0].timeline;
      if (hostile.timelineAppend) timeline = [...timeline, ...expand(hostile.timelineAppend).flat()];
      const input = {
        config, caseRecord, timeline,
        request: expand(hostile.request) ?? null,
        current: expand(hostile.current) ?? null,
        now: hostile.now ?? "2026-11-04T14:00:00Z",
      };
      const response = call(hostile.call ?? "evaluateRules", input);
      const { problems, drafts } = check(hostile, response);
      assert.deepEqual(problems, []);
      bodies.push(...drafts.map((draft) => [hostile.name, draft.htmlBody]));
    });
  }
}

test("the corpus holds at least 60 attack classes", () => {
  assert.ok(classes.size >= 60, `only ${classes.size}`);
});

test("every kept fuzz template renders safe HTML, as an HTML and as a text template", () => {
  const folder = new URL("fuzz-corpus/template/", root);
  const base = scenarios["contoso-coffee.json"];
  let rendered = 0;
  for (const name of readdirSync(folder).sort()) {
    const text = readFileSync(new URL(name, folder), "utf8");
    const [source, value = "<b onclick=x>'\"&</b><script>alert(1)</script>javascript:alert(1)"] = text.split("\u0000");
    for (const template of [{ subject: "s", body: "b", html: source }, { subject: "s", body: source }]) {
      const config = { ...base.config, templates: { first: template } };
      if (api.validateConfig(config).type !== "success") continue;
      const caseRecord = { ...base.cases[0].case, title: `Contoso Coffee ${value}` };
      const email = api.draftEmail(config, caseRecord, base.cases[0].timeline, { kind: "followUp" }, "2026-11-04T14:00:00Z");
      bodies.push([`fuzz-corpus/template/${name}`, email.htmlBody]);
      rendered += 1;
    }
  }
  assert.ok(rendered > 0, "no kept template rendered");
});

test("every drafted HTML body holds no script, no event handler and no other scheme (parse5)", () => {
  assert.ok(bodies.length >= 20, `only ${bodies.length} bodies`);
  const unsafe = bodies.flatMap(([name, html]) => unsafeHtml(html).map((problem) => `${name}: ${problem}`));
  assert.deepEqual(unsafe, []);
  // The check itself finds what it looks for.
  assert.deepEqual(unsafeHtml('<a href=" java\tscript:x">a</a><svg><a xlink:href="data:x"></a></svg><p onclick="x">'), [
    'href=" java\\tscript:x" (javascript:) on <a>', "<svg>", 'xlink:href="data:x" (data:) on <a>', "onclick on <p>",
  ]);
});
