// The hostile-input corpus (tests/hostile/cases.mjs) against the built
// package: each input gives its expected result or FollowupError, and the
// module still decides the Contoso case correctly afterwards. The timeout
// is a hang guard for inputs that once took minutes, not a speed test
// (speed is measured in bench/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import * as api from "case-followup";
import { cases } from "../hostile/cases.mjs";

const scenario = JSON.parse(readFileSync(new URL("../scenarios/contoso-coffee.json", import.meta.url), "utf8"));
const fixture = Object.freeze({
  config: scenario.config,
  caseRecord: scenario.cases[0].case,
  timeline: scenario.cases[0].timeline,
  now: "2026-11-04T14:00:00Z",
});

function stillWorks() {
  const decision = api.evaluateRules(fixture.config, fixture.caseRecord, fixture.timeline, fixture.now);
  assert.equal(decision.state, "followUpDue", "the module keeps working after a hostile input");
}

for (const hostile of cases) {
  test(hostile.name, { timeout: 120_000 }, (t) => {
    const started = performance.now();
    let outcome;
    try {
      outcome = { result: hostile.run(api, fixture) };
    } catch (error) {
      outcome = { error };
    }
    t.diagnostic(`${(performance.now() - started).toFixed(0)} ms: ${hostile.why}`);
    if (hostile.expect.error) {
      const { error } = outcome;
      assert.ok(error, `expected a FollowupError, got a result: ${JSON.stringify(outcome.result)?.slice(0, 300)}`);
      assert.equal(error.name, "FollowupError", `not a FollowupError: ${error}`);
      assert.equal(error.code, hostile.expect.error.code, error.message);
      assert.equal(error.path, hostile.expect.error.path, error.message);
      assert.ok(Array.isArray(error.errors) && error.errors.length > 0, "errors lists every problem");
      if (hostile.expect.error.message) assert.match(error.message, hostile.expect.error.message);
    } else {
      assert.ok(!outcome.error, `expected a result, got: ${outcome.error?.message ?? outcome.error}`);
      assert.ok(hostile.expect.result(outcome.result), `unexpected result: ${JSON.stringify(outcome.result).slice(0, 500)}`);
    }
    stillWorks();
  });
}
