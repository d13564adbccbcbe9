// One evaluateRules call for the seeds' Contoso Coffee case (the shared
// corpus's first case: 6 timeline items, follow-up 2 due), from Node: with
// the config compiled once (`Engine`) and with the config passed per call.
//   cd bench/node && npm install && node contoso.bench.mjs
import { readFileSync } from "node:fs";
import { Engine, evaluateRules } from "case-followup";

import { measure, us } from "./stats.mjs";

const scenario = JSON.parse(readFileSync(new URL("../../tests/scenarios/contoso-coffee.json", import.meta.url), "utf8"));
const { config } = scenario;
const { case: caseRecord, timeline } = scenario.cases[0];
const NOW = "2026-11-04T14:00:00Z";
const engine = new Engine(config);

const expected = engine.evaluateRules(caseRecord, timeline, NOW);
if (expected.state !== "followUpDue") throw new Error(`unexpected decision: ${expected.state}`);

console.log(`\nevaluateRules, Contoso Coffee case (${timeline.length} items, ${expected.state}), Node ${process.version}\n`);
for (const [name, call] of [
  ["Engine.evaluateRules", () => engine.evaluateRules(caseRecord, timeline, NOW)],
  ["evaluateRules(config, ...)", () => evaluateRules(config, caseRecord, timeline, NOW)],
]) {
  const { median, p99 } = await measure(name, call, { time: 3000 });
  console.log(`${name.padEnd(28)} ${us(median)} median / ${us(p99)} p99`);
}
