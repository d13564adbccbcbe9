// The npm package as a user gets it: installed from pkg/ and imported by
// name, in Node's own test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import init, {
  Engine,
  FollowupError,
  draftEmail,
  evaluateMany,
  evaluateRules,
  fillResolution,
  validateConfig,
  version,
} from "case-followup";

const scenario = JSON.parse(readFileSync(new URL("../scenarios/contoso-coffee.json", import.meta.url), "utf8"));
const { config } = scenario;
const { case: caseRecord, timeline } = scenario.cases[0];

test("evaluateRules decides the Contoso case with a drafted follow-up", () => {
  const decision = evaluateRules(config, caseRecord, timeline, "2026-11-04T14:00:00Z");
  assert.equal(decision.state, "followUpDue");
  assert.equal(decision.actions[0].type, "sendFollowUp");
  assert.equal(decision.actions[0].followUpNumber, 2);
  assert.match(decision.actions[0].email.subject, /CAS-01001-C0F3E3/);
  assert.equal(Object.getPrototypeOf(decision), Object.prototype, "a plain object, not a Map");
});

test("now may be a Date", () => {
  const decision = evaluateRules(config, caseRecord, timeline, new Date("2026-11-02T15:00:00Z"));
  assert.equal(decision.state, "waiting");
  assert.equal(decision.nextCheckAt, "2026-11-04T14:00:00Z");
});

test("draftEmail drafts each follow-up and a reply", () => {
  const final = draftEmail(config, caseRecord, timeline, { kind: "followUp", followUpNumber: 3 }, "2026-11-04T14:00:00Z");
  assert.equal(final.template, "builtIn:en:final");
  assert.match(final.textBody, /last follow-up/);
  const withReply = [
    ...timeline,
    { type: "email", id: "in-1", direction: "incoming", from: "alex@fabrikam.com", subject: "RE: grinder",
      body: "Still jams.\n\nOn Mon, 2 Nov 2026 Contoso wrote:\n> Does it work?", sentAt: "2026-11-07T09:00:00Z" },
  ];
  const reply = draftEmail(config, caseRecord, withReply, { kind: "reply" }, "2026-11-07T10:00:00Z");
  assert.equal(reply.kind, "reply");
  assert.match(reply.textBody, /> Still jams\./);
  assert.doesNotMatch(reply.textBody, /Does it work/);
});

test("fillResolution keeps what the representative typed", () => {
  const resolution = fillResolution(config, caseRecord, timeline, { remarks: "Replaced the grinder." }, "2026-11-08T14:02:00Z");
  assert.equal(resolution.remarks, "Replaced the grinder.");
  assert.deepEqual(resolution.keptFields, ["remarks"]);
  assert.equal(resolution.closeIncident.Status, 5);
  assert.equal(resolution.closeIncident.IncidentResolution["incidentid@odata.bind"], `/incidents(${caseRecord.incidentid})`);
});

test("bad input throws a FollowupError with code, path and every problem; the module keeps working", () => {
  const broken = structuredClone(config);
  broken.rules[0].followUps.count = 0;
  broken.rules[0].followUps.waitTimes = ["PT48H", "2 days"];
  assert.throws(
    () => evaluateRules(broken, caseRecord, timeline, "2026-11-04T14:00:00Z"),
    (error) => {
      assert.ok(error instanceof Error);
      assert.ok(error instanceof FollowupError, "an instance of the exported class");
      assert.equal(error.name, "FollowupError");
      assert.equal(error.code, "follow-up-count");
      assert.equal(error.path, "config.rules[0].followUps.count");
      assert.deepEqual(error.errors.map((problem) => problem.path), [
        "config.rules[0].followUps.count",
        "config.rules[0].followUps.waitTimes[1]",
      ]);
      return true;
    },
  );
  assert.throws(() => evaluateRules(config, { ...caseRecord, createdon: undefined }, timeline, "2026-11-04T14:00:00Z"),
    { name: "FollowupError", path: "case.createdon" });
  assert.equal(evaluateRules(config, caseRecord, timeline, "2026-11-04T14:00:00Z").state, "followUpDue");
});

test("validateConfig reports every problem without throwing", () => {
  const report = validateConfig({ rules: [{ id: "a", automation: "fully", triggerStatusReasons: [], followUps: { count: 0, waitTimes: "PT1H" } }] });
  assert.equal(report.type, "failure");
  assert.deepEqual(report.errors.map((problem) => problem.code), ["invalid-value", "empty-trigger", "follow-up-count"]);
  assert.deepEqual(validateConfig(config), { type: "success", rules: 1, activeRules: 1 });
});

test("Engine and evaluateMany sweep many cases in one call", () => {
  const engine = new Engine(config);
  const results = engine.evaluateMany([{ case: caseRecord, timeline }, { case: { incidentid: "x" } }], "2026-11-08T14:02:00Z");
  assert.equal(results.length, 2);
  assert.equal(results[0].decision.state, "resolutionDue");
  assert.equal(results[1].type, "failure");
  assert.equal(evaluateMany(config, [], "2026-11-08T14:02:00Z").length, 0);
  engine.free();
});

test("an open case decides on every change without the record and timeline sent again", () => {
  const engine = new Engine(config, { explainRules: false });
  const open = engine.openCase(caseRecord, timeline.slice(0, 2));
  open.addTimelineItems(timeline.slice(2));
  const at = "2026-11-04T14:00:00Z";
  const whole = new Engine(config).evaluateRules(caseRecord, timeline, at);
  assert.deepEqual(open.evaluateRules(at), { ...whole, explanation: { ...whole.explanation, rules: [] } });
  assert.equal(open.draftEmail({ kind: "followUp", followUpNumber: 3 }, at).template, "builtIn:en:final");
  assert.equal(open.fillResolution({ remarks: "Fixed." }, "2026-11-08T14:02:00Z").remarks, "Fixed.");

  assert.throws(() => open.updateCase({ statecode: 9 }), { name: "FollowupError", path: "changes.statecode" });
  assert.throws(() => open.addTimelineItems([{ type: "statusChange", at: "last Tuesday", statusReason: 1 }]),
    { name: "FollowupError", code: "invalid-date-time", path: "items[0].at" });
  assert.throws(() => new Engine(config, { explain: false }), { name: "FollowupError", path: "options.explain" });

  open.updateCase({ statuscode: 1, "statuscode@OData.Community.Display.V1.FormattedValue": "In Progress" });
  open.addTimelineItems([{ type: "statusChange", at: "2026-11-07T09:00:00Z", statusReason: 1 }]);
  const stopped = open.evaluateRules("2026-11-07T10:00:00Z");
  assert.equal(stopped.state, "stopped");
  assert.equal(stopped.reason, "statusChanged");
  open.free();
  engine.free();
});

test("the package installs German, French and Spanish, which the wasm module does not carry", async () => {
  const byLanguage = { ...config, language: { field: "new_preferredlanguage" } };
  const german = { ...caseRecord, new_preferredlanguage: "de-DE" };
  const draft = draftEmail(byLanguage, german, timeline, { kind: "followUp" }, "2026-11-04T14:00:00Z");
  assert.equal(draft.language, "de");
  assert.equal(draft.template, "builtIn:de:first");
  assert.equal(draft.subject, "Nachfrage zu Ihrem Anliegen CAS-01001-C0F3E3: Contoso Coffee grinder jams");
  assert.match(draft.textBody, /^Guten Tag Alex Wu,/);
  const spanish = draftEmail(byLanguage, { ...caseRecord, new_preferredlanguage: 3082 }, timeline,
    { kind: "followUp" }, "2026-11-04T14:00:00Z");
  assert.equal(spanish.subject, "Seguimiento de su caso CAS-01001-C0F3E3: Contoso Coffee grinder jams");
  const french = new Engine(config, { representativeLanguage: "fr" });
  assert.match(french.evaluateRules(caseRecord, timeline, "2026-11-04T14:00:00Z").summary, /^Le client/);
  french.free();
  // The browser entry, loaded again from the bytes, installs them too (the same texts again change nothing).
  const web = await import("case-followup/web");
  web.initSync({ module: readFileSync(new URL("./node_modules/case-followup/web/followup_bg.wasm", import.meta.url)) });
  assert.equal(web.draftEmail(byLanguage, german, timeline, { kind: "followUp" }, "2026-11-04T14:00:00Z").language, "de");
});

test("version matches package.json", () => {
  const require = createRequire(import.meta.url);
  assert.equal(version(), require("case-followup/package.json").version);
});

test("the browser build loads too (initSync with the module bytes)", async () => {
  const web = await import("case-followup/web");
  const bytes = readFileSync(new URL("./node_modules/case-followup/web/followup_bg.wasm", import.meta.url));
  web.initSync({ module: bytes });
  assert.equal(web.evaluateRules(config, caseRecord, timeline, "2026-11-04T14:00:00Z").state, "followUpDue");
});

test("the same lines load the package in Node as in the browser: `await init()` does nothing here", async () => {
  assert.equal(await init(), undefined);
  const engine = new Engine(config);
  assert.equal(engine.evaluateRules(caseRecord, timeline, "2026-11-04T14:00:00Z").state, "followUpDue");
  engine.free();
});

test("each entry exports the API and nothing of the generated module's own", async () => {
  const api = ["Engine", "FollowupError", "OpenCase", "default", "draftEmail", "evaluateMany", "evaluateRules",
    "fillResolution", "initSync", "validateConfig", "version"];
  assert.deepEqual(Object.keys(await import("case-followup")).sort(), api);
  assert.deepEqual(Object.keys(await import("case-followup/web")).sort(), api);
});

test("every error is a FollowupError from the exported class, in both entries", async () => {
  const web = await import("case-followup/web");
  assert.equal(web.FollowupError, FollowupError);
  for (const call of [
    () => new Engine({ rules: "none" }),
    () => evaluateRules(config, caseRecord, timeline, "later"),
    () => new Engine(config).openCase(caseRecord, timeline).updateCase({ statecode: "open" }),
    () => evaluateMany(config, "cases", "2026-11-04T14:00:00Z"),
  ]) {
    assert.throws(call, (error) => error instanceof FollowupError && typeof error.code === "string" &&
      typeof error.path === "string" && error.errors.length > 0 && error.errors[0].code === error.code);
  }
});

test("the browser build used before init() throws a FollowupError that says to await init()", () => {
  // A fresh process: only the browser entry, never loaded.
  const script = `
    import { readFileSync } from "node:fs";
    import { FollowupError, Engine, evaluateRules, validateConfig, version, initSync } from "case-followup/web";
    const seen = [];
    for (const call of [() => new Engine({}), () => evaluateRules({}, {}, [], "2026-01-01T00:00:00Z"),
        () => validateConfig({}), () => version()]) {
      try { call(); seen.push("no error"); } catch (error) {
        seen.push(error instanceof FollowupError ? error.code + " | " + error.message : String(error));
      }
    }
    const bytes = readFileSync(new URL(import.meta.resolve("case-followup/web/followup_bg.wasm")));
    initSync({ module: bytes });
    seen.push(version());
    console.log(JSON.stringify(seen));`;
  const seen = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script],
    { cwd: new URL(".", import.meta.url), encoding: "utf8" }));
  const message = "not-initialized | not-initialized: the wasm module is not loaded yet: `await init()` before any other call";
  assert.deepEqual(seen.slice(0, 4), [message, message, message, message]);
  assert.equal(seen[4], version());
});

test("the package ships its licences", () => {
  const require = createRequire(import.meta.url);
  const manifest = require("case-followup/package.json");
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  const root = new URL("./node_modules/case-followup/", import.meta.url);
  assert.match(readFileSync(new URL("LICENSE-MIT", root), "utf8"), /Permission is hereby granted/);
  assert.match(readFileSync(new URL("LICENSE-APACHE", root), "utf8"), /Apache License\s+Version 2\.0/);
});
