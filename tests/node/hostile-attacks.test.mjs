// The hostile-input corpus as data (tests/hostile/attacks.json over
// tests/hostile/base.json) against the built package: each attack's call
// gives its expected result or FollowupError code and path, every HTML body
// the package drafts on the way is parsed with parse5 (the HTML standard's
// parser) and holds no script, no event handler and no URL of another
// scheme than https, http and mailto, and the module keeps working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFragment } from "parse5";

import * as api from "case-followup";

const read = (name) => JSON.parse(readFileSync(new URL(`../hostile/${name}`, import.meta.url), "utf8"));
const base = read("base.json");
const { attacks } = read("attacks.json");

/** RFC 7386 merge patch. */
function merge(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = merge(out[key], value);
  }
  return out;
}

const t0 = Date.parse(base.t0);
/** `t0`, `t0+PT48H`, `t0-P10D` as an instant; other values as they are. */
function instant(text) {
  const match = /^t0(?:([+-])P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)?$/.exec(text);
  if (!match) return text;
  const [, sign, d = 0, h = 0, m = 0, s = 0] = match;
  const offset = (((+d * 24 + +h) * 60 + +m) * 60 + +s) * 1000 * (sign === "-" ? -1 : 1);
  return new Date(t0 + offset).toISOString().replace(".000Z", "Z");
}
function resolve(value) {
  if (typeof value === "string") return instant(value);
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  return value;
}

/** The scenario matchers: partial objects, `$contains`, `$notContains`, `$some`, `$absent`, `$unordered`. */
function matches(expected, actual) {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if ("$contains" in expected) return typeof actual === "string" && actual.includes(expected.$contains);
    if ("$notContains" in expected) return typeof actual === "string" && !actual.includes(expected.$notContains);
    if ("$some" in expected) return Array.isArray(actual) && actual.some((item) => matches(expected.$some, item));
    if ("$absent" in expected) return actual === undefined;
    if ("$unordered" in expected) {
      return Array.isArray(actual) && actual.length === expected.$unordered.length &&
        expected.$unordered.every((item) => actual.some((value) => matches(item, value)));
    }
    return actual !== null && typeof actual === "object" &&
      Object.entries(expected).every(([key, value]) => matches(value, actual[key]));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matches(item, actual[i]));
  }
  return expected === actual;
}

const FORBIDDEN = new Set(["script", "style", "iframe", "frame", "object", "embed", "base", "link", "meta", "form", "svg", "math", "template", "noscript"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "background", "srcset"]);
/** What parse5 finds in `html` that could run code or leave for another scheme. */
function unsafeMarkup(html) {
  const found = [];
  const visit = (node) => {
    if (node.tagName && FORBIDDEN.has(node.tagName)) found.push(`<${node.tagName}>`);
    for (const { name, value } of node.attrs ?? []) {
      if (name.startsWith("on")) found.push(`${name}=`);
      if (URL_ATTRIBUTES.has(name)) {
        const url = value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "").toLowerCase();
        const scheme = /^([^:/?#]+):/.exec(url)?.[1];
        if (scheme && !["https", "http", "mailto"].includes(scheme)) found.push(`${name}="${value}"`);
      }
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(parseFragment(html));
  return found;
}

/** Every email draft in a result. */
function drafts(value, found = []) {
  if (Array.isArray(value)) value.forEach((item) => drafts(item, found));
  else if (value && typeof value === "object") {
    if (typeof value.htmlBody === "string" && Array.isArray(value.to)) found.push(value);
    Object.values(value).forEach((item) => drafts(item, found));
  }
  return found;
}

function call(attack) {
  const config = merge(base.config, attack.config ?? {});
  const caseRecord = resolve(merge(base.case, attack.case ?? {}));
  const timeline = resolve([...(attack.timeline ?? base.timeline), ...(attack.append ?? [])]);
  const check = resolve(attack.check);
  switch (check.call) {
    case "validateConfig":
      return api.validateConfig(config);
    case "draftEmail":
      return api.draftEmail(config, caseRecord, timeline, check.request, check.at);
    case "fillResolution":
      return api.fillResolution(config, caseRecord, timeline, check.current ?? null, check.at);
    default:
      return api.evaluateRules(config, caseRecord, timeline, check.at);
  }
}

assert.ok(new Set(attacks.map((attack) => attack.class)).size >= 60, "at least 60 attack classes");

for (const attack of attacks) {
  test(`${attack.class}: ${attack.name}`, () => {
    const expect = resolve(attack.check.expect);
    let response;
    try {
      const result = call(attack);
      response = attack.check.call === "validateConfig" ? result : { type: "success", value: result };
    } catch (error) {
      assert.equal(error.name, "FollowupError", `not a FollowupError: ${error}`);
      response = { type: "failure", errors: error.errors };
    }
    if (expect?.type) {
      assert.ok(matches(expect, response), `expected ${JSON.stringify(expect)}, got ${JSON.stringify(response).slice(0, 600)}`);
    } else {
      assert.equal(response.type, "success", JSON.stringify(response).slice(0, 600));
      const value = response.value ?? response;
      assert.ok(matches(expect, value), `expected ${JSON.stringify(expect)}, got ${JSON.stringify(value).slice(0, 800)}`);
    }
    for (const draft of drafts(response)) {
      assert.deepEqual(unsafeMarkup(draft.htmlBody), [], draft.htmlBody);
      assert.ok(!/[\r\n\u0000\u2028\u2029\u0085]/.test(draft.subject) && [...draft.subject].length <= 200, draft.subject);
      for (const address of [...draft.to, ...draft.cc]) assert.match(address, /^[^\s,;<>"@]+@[^\s,;<>"@]+$/);
    }
    const decision = api.evaluateRules(base.config, resolve(base.case), resolve(base.timeline), instant("t0+PT48H"));
    assert.equal(decision.state, "followUpDue", "the module keeps working");
  });
}
