// Hostile inputs: what a buggy form script, a corrupted record or a
// deliberately odd value can hand the module. Each case names the input,
// why it is worth trying, and what must come back: a result, or a
// `FollowupError` with the given code and path. Whatever happens, the
// module must keep working afterwards (the runner checks that after every
// case). Run by tests/node/hostile.test.mjs against the built package.
//
// `fixture` is the Contoso Coffee scenario: { config, caseRecord,
// timeline, now }. Cases marked `limit` are about input size; the runner in
// tests/node/limits.test.mjs also runs each of them in a fresh process and
// checks how much the wasm memory grew (at most `memory` bytes).

/** An object nested `depth` levels deep: {a: {a: ...}}. */
function nested(depth) {
  let value = {};
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

/** An array nested `depth` levels deep: [[...]]. */
function nestedArray(depth) {
  let value = [];
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

/** An incoming customer email on the Contoso timeline. */
function incoming(body, subject = "RE: grinder", extra = {}) {
  return {
    ...extra,
    type: "email",
    id: "hostile-in",
    direction: "incoming",
    from: "alex@fabrikam.com",
    subject,
    body,
    sentAt: "2026-11-07T09:00:00Z",
  };
}

const AFTER_REPLY = "2026-11-07T10:00:00Z";
const MiB = 1 << 20;
/** The default of the engine option `maxCaseBytes`. */
const CASE_LIMIT = 8 * MiB;

/** The bytes of `value` as JSON (UTF-8). */
function jsonBytes(value) {
  return Buffer.byteLength(JSON.stringify(value) ?? "");
}

/** The Contoso case with a `new_notes` column that brings the case and its timeline to exactly `bytes` of JSON. */
function caseOfSize({ caseRecord, timeline }, bytes) {
  const padded = { ...caseRecord, new_notes: "" };
  const missing = bytes - jsonBytes(padded) - jsonBytes(timeline);
  return { ...padded, new_notes: "x".repeat(missing) };
}

/** `count` tiny objects: {"a":1} each, 8 bytes of JSON with its comma. */
function tinyObjects(count) {
  return Array.from({ length: count }, () => ({ a: 1 }));
}

/** A completed task on the Contoso timeline, after its last item. */
function task(extra = {}) {
  return { type: "task", id: "hostile-task", at: "2026-11-06T17:00:00Z", state: "completed", subject: "x", ...extra };
}

export const cases = [
  {
    name: "an object nested 100,000 levels deep in the case",
    why: "JSON.stringify runs out of JS stack; that must become an error, not a crash",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, extra: nested(100_000) }, timeline, now),
    expect: { error: { code: "invalid-value", path: "case" } },
  },
  {
    name: "an object nested 200 levels deep in a case column",
    why: "a column's array or object is kept only as its kind, skipped without recursion",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, extra: nested(200) }, timeline, now),
    expect: { result: (decision) => decision.state === "followUpDue" },
  },
  {
    name: "an array nested 200 levels deep in a timeline item",
    why: "a field the engine does not read is kept only as its kind, skipped without recursion",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, caseRecord, [...timeline, task({ extra: nestedArray(200) })], now),
    expect: { result: (decision) => decision.state === "followUpDue" },
  },
  {
    name: "an array nested 200 levels deep in the config",
    why: "deeper than the reader's 128 levels, so it can never exhaust the wasm stack",
    run: (api, { config }) => new api.Engine({ ...config, rules: [{ ...config.rules[0], name: nestedArray(200) }] }),
    expect: { error: { code: "invalid-value", path: "config", message: /nested more than 128 levels deep/ } },
  },
  {
    name: "conditions nested 5,000 arrays deep",
    why: "validateConfig reports, never throws",
    run: (api, { config }) =>
      api.validateConfig({ ...config, rules: [{ ...config.rules[0], conditions: nestedArray(5_000) }] }),
    expect: { result: (report) => report.type === "failure" && report.errors.length > 0 },
  },
  {
    name: "a 64 MB customer reply of real sentences",
    why: "past the default case limit: refused from its length, before it is copied into the module",
    limit: true,
    memory: 2 * MiB,
    run: (api, { config, caseRecord, timeline }) =>
      api.evaluateRules(
        config,
        caseRecord,
        [...timeline, incoming("Still broken after the fix. ".repeat(2_400_000))],
        AFTER_REPLY,
      ),
    expect: { error: { code: "too-large", path: "timeline", message: /at least 672\d{5} bytes as JSON .*maxCaseBytes/ } },
  },
  {
    name: "a 64 MB customer reply under a raised limit",
    why: "only the start of a body is read; reading all of it once took hours",
    run: (api, { config, caseRecord, timeline }) =>
      new api.Engine(config, { maxCaseBytes: 80 * MiB }).evaluateRules(
        caseRecord,
        [...timeline, incoming("Still broken after the fix. ".repeat(2_400_000))],
        AFTER_REPLY,
      ),
    expect: { result: (decision) => decision.state === "replyNeeded" },
  },
  {
    name: "a 16 MB reply drafted into an answer",
    why: "a reply draft quotes the customer's words: only the start of the body is read",
    run: (api, { config, caseRecord, timeline }) =>
      new api.Engine(config, { maxCaseBytes: 20 * MiB }).draftEmail(
        caseRecord,
        [...timeline, incoming("Why is it still broken? ".repeat(700_000))],
        { kind: "reply" },
        AFTER_REPLY,
      ),
    expect: { result: (draft) => typeof draft.textBody === "string" && draft.textBody.length < 1_000_000 },
  },
  {
    name: "an 8 MB case title in a follow-up draft",
    why: "a huge placeholder value is rendered, not refused or truncated mid-character",
    run: (api, { config, caseRecord, timeline, now }) =>
      new api.Engine(config, { maxCaseBytes: 10 * MiB }).draftEmail(
        { ...caseRecord, title: "Grinder ".repeat(1 << 20) },
        timeline,
        { kind: "followUp", ruleId: config.rules[0].id },
        now,
      ),
    expect: { result: (draft) => draft.textBody.includes("Grinder Grinder") },
  },
  {
    name: "a case and timeline of exactly the default case limit",
    why: "8 MiB of JSON is accepted",
    limit: true,
    memory: 3 * CASE_LIMIT,
    run: (api, fixture) =>
      api.evaluateRules(fixture.config, caseOfSize(fixture, CASE_LIMIT), fixture.timeline, fixture.now),
    expect: { result: (decision) => decision.state === "followUpDue" },
  },
  {
    name: "a case and timeline one byte past the default case limit",
    why: "refused with the sizes and the option to raise, before it is copied into the module",
    limit: true,
    memory: 2 * MiB,
    run: (api, fixture) =>
      api.evaluateRules(fixture.config, caseOfSize(fixture, CASE_LIMIT + 1), fixture.timeline, fixture.now),
    expect: {
      error: {
        code: "too-large",
        path: "case",
        message: /the case takes at least 8388609 bytes as JSON \(`case` at least \d+ bytes, `timeline` at least \d+ bytes\); the limit is 8388608 bytes \(engine option `maxCaseBytes`\)/,
      },
    },
  },
  {
    name: "one byte past a raised case limit, in text that is not ASCII",
    why: "the limit counts UTF-8 bytes: é takes two",
    run: (api, fixture) => {
      const limit = jsonBytes(fixture.caseRecord) + jsonBytes(fixture.timeline) + 20;
      const engine = new api.Engine(fixture.config, { maxCaseBytes: limit });
      const fits = engine.evaluateRules({ ...fixture.caseRecord, new_x: "éééé" }, fixture.timeline, fixture.now);
      if (fits.state !== "followUpDue") return fits;
      return engine.evaluateRules({ ...fixture.caseRecord, new_x: "ééééé" }, fixture.timeline, fixture.now);
    },
    expect: { error: { code: "too-large", path: "timeline", message: /the case takes \d+ bytes as JSON \(`case` \d+ bytes/ } },
  },
  {
    name: "a 200 MB timeline",
    why: "refused from its length alone: nothing is copied into the module",
    limit: true,
    memory: 2 * MiB,
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, caseRecord, [...timeline, task({ description: "x".repeat(200 * MiB) })], now),
    expect: { error: { code: "too-large", path: "timeline" } },
  },
  {
    name: "an open case refuses 200 MB of changes and of items, and keeps deciding",
    why: "a refused change changes nothing",
    limit: true,
    memory: 2 * MiB,
    run: (api, { config, caseRecord, timeline, now }) => {
      const open = new api.Engine(config).openCase(caseRecord, timeline);
      const refusals = [];
      for (const change of [
        () => open.updateCase({ new_notes: "x".repeat(200 * MiB) }),
        () => open.addTimelineItems([task({ description: "x".repeat(200 * MiB) })]),
      ]) {
        try {
          change();
        } catch (error) {
          refusals.push(`${error.code} ${error.path}`);
        }
      }
      const decision = open.evaluateRules(now);
      open.free();
      return { refusals, state: decision.state };
    },
    expect: {
      result: ({ refusals, state }) => refusals.join() === "too-large changes,too-large items" && state === "followUpDue",
    },
  },
  {
    name: "a 200 MB `now`",
    why: "a date-time is a few dozen characters: the text is not read",
    run: (api, { config, caseRecord, timeline }) => api.evaluateRules(config, caseRecord, timeline, "2".repeat(200 * MiB)),
    expect: { error: { code: "invalid-date-time", path: "now", message: /209715200 characters/ } },
  },
  {
    name: "a million small objects in one case column, at the case limit",
    why: "a column's array is kept only as its kind: this took 58 times its size in memory and minutes",
    limit: true,
    memory: 3 * CASE_LIMIT,
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, new_blob: tinyObjects(1_040_000) }, timeline, now),
    expect: { result: (decision) => decision.state === "followUpDue" },
  },
  {
    name: "a million small objects in a timeline item, at the case limit",
    why: "a field the engine does not read is kept only as its kind",
    limit: true,
    memory: 3 * CASE_LIMIT,
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, caseRecord, [...timeline, task({ extra: tinyObjects(1_040_000) })], now),
    expect: { result: (decision) => decision.state === "followUpDue" },
  },
  {
    name: "two million one-letter recipients, at the case limit",
    why: "small texts in a field the reader reads: refused once past the reading budget",
    limit: true,
    memory: 14 * CASE_LIMIT,
    run: (api, { config, caseRecord, timeline }) =>
      api.evaluateRules(config, caseRecord, [...timeline, incoming("Thanks, it works", "RE: grinder",
        { to: new Array(2_090_000).fill("a") })], AFTER_REPLY),
    expect: { error: { code: "too-large", path: "timeline", message: /holds too many small values/ } },
  },
  {
    name: "a million small objects in the config",
    why: "read whole they would take 58 times their size: refused once past the reading budget",
    limit: true,
    memory: 20 * 4 * MiB,
    run: (api, { config }) =>
      new api.Engine({ ...config, rules: [{ ...config.rules[0], name: tinyObjects(520_000) }] }),
    expect: { error: { code: "too-large", path: "config", message: /holds too many small values/ } },
  },
  {
    name: "evaluateMany over more than the batch limit",
    why: "the cases together are held to maxBatchBytes before any is read",
    run: (api, { config, caseRecord, timeline, now }) => {
      const engine = new api.Engine(config, { maxBatchBytes: 10_000 });
      return engine.evaluateMany(Array.from({ length: 10 }, () => ({ case: caseRecord, timeline })), now);
    },
    expect: { error: { code: "too-large", path: "cases", message: /maxBatchBytes/ } },
  },
  {
    name: "evaluateMany with one case past the case limit",
    why: "that case is refused on its own; the others are decided",
    run: (api, { config, caseRecord, timeline, now }) => {
      const engine = new api.Engine(config, { maxCaseBytes: 4_000 });
      const big = { case: { ...caseRecord, new_notes: "x".repeat(4_000) }, timeline };
      return engine.evaluateMany([{ case: caseRecord, timeline }, big, { case: caseRecord, timeline }], now);
    },
    expect: {
      result: (results) =>
        results.map((result) => result.type).join() === "success,failure,success" &&
        results[1].errors[0].code === "too-large" && results[1].errors[0].path === "cases[1]",
    },
  },
  {
    name: "a config of 100,000 rules",
    why: "past the default config limit (4 MiB): refused before it is read",
    limit: true,
    memory: 2 * MiB,
    run: (api, { config, caseRecord, timeline, now }) => {
      const rules = Array.from({ length: 100_000 }, (_, index) => ({ ...config.rules[0], id: `rule-${index}` }));
      return api.evaluateRules({ ...config, rules }, caseRecord, timeline, now);
    },
    expect: { error: { code: "too-large", path: "config", message: /maxConfigBytes/ } },
  },
  {
    name: "validateConfig of a config past the config limit",
    why: "reported, not thrown",
    run: (api, { config }) =>
      api.validateConfig({ ...config, rules: Array.from({ length: 20_000 }, (_, i) => ({ ...config.rules[0], id: `r${i}` })) }),
    expect: { result: (report) => report.type === "failure" && report.errors[0].code === "too-large" && report.errors[0].path === "" },
  },
  {
    name: "a limit option that is not a whole number of bytes",
    why: "options are checked like the config",
    run: (api, { config }) => new api.Engine(config, { maxCaseBytes: -1 }),
    expect: { error: { code: "invalid-value", path: "options.maxCaseBytes" } },
  },
  {
    name: "a lone surrogate in the case title",
    why: "JSON.stringify writes it as `\\ud800`, which is not Unicode; it becomes U+FFFD",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, title: "Grinder \ud800 jams" }, timeline, now),
    expect: { result: (decision) => typeof decision.state === "string" },
  },
  {
    name: "half an emoji in a customer reply",
    why: "text cut at a UTF-16 index must not cost the customer's words",
    run: (api, { config, caseRecord, timeline }) =>
      api.evaluateRules(config, caseRecord, [...timeline, incoming("Thanks \ud83d it works now", "\udfff")], AFTER_REPLY),
    expect: { result: (decision) => decision.reason === "favorableResponse" },
  },
  {
    name: "NaN and Infinity option sets",
    why: "JSON.stringify writes them as null: the required field is then missing",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, prioritycode: NaN, statuscode: Infinity }, timeline, now),
    expect: { error: { code: "missing-field", path: "case.statuscode" } },
  },
  {
    name: "a BigInt field",
    why: "JSON.stringify throws on BigInt",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, prioritycode: 10n }, timeline, now),
    expect: { error: { code: "invalid-value", path: "case" } },
  },
  {
    name: "a case that contains itself",
    why: "a cycle cannot be written as JSON",
    run: (api, { config, caseRecord, timeline, now }) => {
      const cyclic = { ...caseRecord };
      cyclic.self = cyclic;
      return api.evaluateRules(config, cyclic, timeline, now);
    },
    expect: { error: { code: "invalid-value", path: "case" } },
  },
  {
    name: "a getter that throws",
    why: "the exception surfaces as a FollowupError naming the input",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(
        config,
        {
          ...caseRecord,
          get title() {
            throw new Error("boom");
          },
        },
        timeline,
        now,
      ),
    expect: { error: { code: "invalid-value", path: "case" } },
  },
  {
    name: "a function as the case and a Symbol as now",
    why: "values with no JSON form",
    run: (api, { config, timeline, now }) => api.evaluateRules(config, () => 1, timeline, now),
    expect: { error: { code: "invalid-value", path: "case" } },
  },
  {
    name: "a Symbol as now",
    why: "values with no JSON form",
    run: (api, { config, caseRecord, timeline }) => api.evaluateRules(config, caseRecord, timeline, Symbol("now")),
    expect: { error: { code: "invalid-value", path: "now" } },
  },
  {
    name: "the largest JS Date as now",
    why: "8.64e15 ms is a valid Date but past the engine's years; the message shows the number",
    run: (api, { config, caseRecord, timeline }) => api.evaluateRules(config, caseRecord, timeline, new Date(8.64e15)),
    expect: { error: { code: "invalid-date-time", path: "now", message: /8640000000000000/ } },
  },
  {
    name: "an invalid Date as now",
    why: "new Date(NaN) is a Date object with no time",
    run: (api, { config, caseRecord, timeline }) => api.evaluateRules(config, caseRecord, timeline, new Date(NaN)),
    expect: { error: { code: "invalid-date-time", path: "now" } },
  },
  {
    name: "an expanded-year ISO string as now",
    why: "JS writes years past 9999 as +275760-...; RFC 3339 has no such form",
    run: (api, { config, caseRecord, timeline }) =>
      api.evaluateRules(config, caseRecord, timeline, "+275760-09-13T00:00:00.000Z"),
    expect: { error: { code: "invalid-date-time", path: "now" } },
  },
  {
    name: "a negative year in createdon",
    why: "years before 0001 are refused",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, createdon: "-000001-01-01T00:00:00Z" }, timeline, now),
    expect: { error: { code: "invalid-date-time", path: "case.createdon" } },
  },
  {
    name: "a wait of a trillion years",
    why: "durations with years cannot be measured exactly and are refused",
    run: (api, { config }) =>
      api.validateConfig({
        ...config,
        rules: [{ ...config.rules[0], followUps: { count: 3, waitTimes: "P999999999999Y" } }],
      }),
    expect: { result: (report) => report.errors.some((error) => error.code === "invalid-duration") },
  },
  {
    name: "a wait of a trillion days",
    why: "a wait that overflows any date is refused, not wrapped",
    run: (api, { config }) =>
      api.validateConfig({
        ...config,
        rules: [{ ...config.rules[0], followUps: { count: 3, waitTimes: "P999999999999D" } }],
      }),
    expect: { result: (report) => report.errors.some((error) => error.code === "invalid-duration") },
  },
  {
    name: "4,294,967,295 follow-ups",
    why: "counts are bounded before anything is allocated for them",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(
        { ...config, rules: [{ ...config.rules[0], followUps: { count: 4_294_967_295, waitTimes: "PT1S" } }] },
        caseRecord,
        timeline,
        now,
      ),
    expect: { error: { code: "follow-up-count", path: "config.rules[0].followUps.count" } },
  },
  {
    name: "10,000 rules, the last one matching",
    why: "rule selection stays linear",
    run: (api, { config, caseRecord, timeline, now }) => {
      const rules = [];
      for (let index = 0; index < 10_000; index += 1) {
        const title = index === 9_999 ? caseRecord.title : `not this case ${index}`;
        rules.push({ ...config.rules[0], id: `rule-${index}`, conditions: { all: [{ field: "title", operator: "eq", value: title }] } });
      }
      return api.evaluateRules({ ...config, rules }, caseRecord, timeline, now);
    },
    expect: { result: (decision) => decision.rule.id === "rule-9999" },
  },
  {
    name: "a timeline at its limit of 100,000 items",
    why: "the largest accepted timeline (under a raised byte limit) is read in one pass",
    run: (api, { config, caseRecord, timeline }) => {
      const items = [...timeline];
      const start = Date.parse(timeline.at(-1).at ?? timeline.at(-1).sentAt ?? "2026-11-02T15:00:00Z") + 60_000;
      for (let index = items.length; index < 100_000; index += 1) {
        const incomingMail = index % 2 === 1;
        items.push({
          type: "email",
          id: `bulk-${index}`,
          direction: incomingMail ? "incoming" : "outgoing",
          from: incomingMail ? "alex@fabrikam.com" : "support@contoso.com",
          subject: "RE: grinder",
          body: "Still jams after the fix, what now?",
          sentAt: new Date(start + index * 1000).toISOString(),
        });
      }
      const engine = new api.Engine(config, { maxCaseBytes: 32 * MiB });
      return engine.evaluateRules(caseRecord, items, new Date(start + 100_001 * 1000));
    },
    expect: { result: (decision) => typeof decision.state === "string" },
  },
  {
    name: "a timeline of 100,001 items",
    why: "past the limit: refused with too-large before any work",
    run: (api, { config, caseRecord }) => {
      const item = { type: "task", id: "x", at: "2026-11-02T14:00:00Z", state: "completed", subject: "x" };
      const engine = new api.Engine(config, { maxCaseBytes: 32 * MiB });
      return engine.evaluateRules(caseRecord, new Array(100_001).fill(item), "2026-11-04T14:00:00Z");
    },
    expect: { error: { code: "too-large", path: "timeline" } },
  },
  {
    name: "__proto__ as a key",
    why: "a JSON key like any other: it sets nothing on the engine's side",
    run: (api, { config, timeline, now }) =>
      api.evaluateRules(config, JSON.parse('{"__proto__": {"statecode": 1}, "incidentid": "x"}'), timeline, now),
    expect: { error: { code: "missing-field", path: "case.statecode" } },
  },
];
