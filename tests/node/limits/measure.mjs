// Runs one hostile case (tests/hostile/cases.mjs, by name) in this fresh
// process and prints what it cost as JSON: its time, how much the wasm
// memory grew, the peak RSS, and what it gave. Used by limits.test.mjs;
// also by hand: node limits/measure.mjs "a 200 MB timeline"
import { readFileSync } from "node:fs";

import * as api from "case-followup";
import { initSync } from "case-followup/web";
import { cases } from "../../hostile/cases.mjs";

const scenario = JSON.parse(readFileSync(new URL("../../scenarios/contoso-coffee.json", import.meta.url), "utf8"));
const fixture = Object.freeze({
  config: scenario.config,
  caseRecord: scenario.cases[0].case,
  timeline: scenario.cases[0].timeline,
  now: "2026-11-04T14:00:00Z",
});
const hostile = cases.find((one) => one.name === process.argv[2]);
if (!hostile) throw new Error(`no hostile case named ${process.argv[2]}`);

// The module is loaded already: initSync hands back its exports, memory included.
const { memory } = initSync({ module: readFileSync(new URL("../node_modules/case-followup/web/followup_bg.wasm", import.meta.url)) });
const wasmBefore = memory.buffer.byteLength;
const rssBefore = process.resourceUsage().maxRSS * 1024;
const started = performance.now();
let outcome;
try {
  hostile.run(api, fixture);
  outcome = "result";
} catch (error) {
  outcome = `${error.code} ${error.path}`;
}
const ms = performance.now() - started;
const stillWorks = api.evaluateRules(fixture.config, fixture.caseRecord, fixture.timeline, fixture.now).state === "followUpDue";
console.log(JSON.stringify({
  ms: Math.round(ms),
  wasmGrowth: memory.buffer.byteLength - wasmBefore,
  wasmBytes: memory.buffer.byteLength,
  peakRssGrowth: process.resourceUsage().maxRSS * 1024 - rssBefore,
  outcome,
  stillWorks,
}));
