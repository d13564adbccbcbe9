// Hostile inputs: what a buggy form script, a corrupted record or a
// deliberately odd value can hand the module. Each case names the input,
// why it is worth trying, and what must come back: a result, or a
// `FollowupError` with the given code and path. Whatever happens, the
// module must keep working afterwards (the runner checks that after every
// case). Run by tests/node/hostile.test.mjs against the built package.
//
// `fixture` is the Contoso Coffee scenario: { config, caseRecord,
// timeline, now }.

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
function incoming(body, subject = "RE: grinder") {
  return {
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

export const cases = [
  {
    name: "an object nested 100,000 levels deep in the case",
    why: "JSON.stringify runs out of JS stack; that must become an error, not a crash",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, extra: nested(100_000) }, timeline, now),
    expect: { error: { code: "invalid-value", path: "case" } },
  },
  {
    name: "an object nested 200 levels deep in the case",
    why: "deeper than serde_json's recursion limit, so it can never exhaust the wasm stack",
    run: (api, { config, caseRecord, timeline, now }) =>
      api.evaluateRules(config, { ...caseRecord, extra: nested(200) }, timeline, now),
    expect: { error: { code: "invalid-value", path: "case" } },
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
    why: "only the start of a body is read; reading all of it once took hours",
    run: (api, { config, caseRecord, timeline }) =>
      api.evaluateRules(
        config,
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
      api.draftEmail(
        config,
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
      api.draftEmail(
        config,
        { ...caseRecord, title: "Grinder ".repeat(1 << 20) },
        timeline,
        { kind: "followUp", ruleId: config.rules[0].id },
        now,
      ),
    expect: { result: (draft) => draft.textBody.includes("Grinder Grinder") },
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
    why: "the largest accepted timeline is read in one pass",
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
      return api.evaluateRules(config, caseRecord, items, new Date(start + 100_001 * 1000));
    },
    expect: { result: (decision) => typeof decision.state === "string" },
  },
  {
    name: "a timeline of 100,001 items",
    why: "past the limit: refused with too-large before any work",
    run: (api, { config, caseRecord }) => {
      const item = { type: "task", id: "x", at: "2026-11-02T14:00:00Z", state: "completed", subject: "x" };
      return api.evaluateRules(config, caseRecord, new Array(100_001).fill(item), "2026-11-04T14:00:00Z");
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
