// The plugin's whole decision (evaluateRules through an Engine, from pkg/)
// against json-rules-engine and json-logic-js deciding the same conditions
// alone, for 1, 10 and 50 rules and timelines of 5 and 50 items; then
// evaluateMany over 1,000 cases per call. Every engine must agree on which
// rule matches each case before anything is timed.
//
// The plugin is timed three ways: per call (the record and the timeline
// cross the boundary and are read on every call), on an open case
// (`engine.openCase`, read once, as a form that stays open uses it), and on
// an open case with `explainRules: false` (no per-rule explanation written
// and parsed). The peers are given their facts ready-made, so the open case
// without explanations is the like-for-like comparison; the targets are
// checked on it, and the per-call figures are printed beside it.
//   cd bench/node && npm install && node evaluate.bench.mjs
import { Engine as RulesEngine } from "json-rules-engine";
import { Engine, evaluateRules } from "case-followup";

import { NOW, cases, facts, jsonLogicRules, pluginConfig, rulesEngineRules } from "./fixtures.mjs";
import { check, firstLogicMatch, measureLikeForLike } from "./likeforlike.mjs";
import { measure, ratio, us } from "./stats.mjs";

const CASES = 200;

async function firstRulesEngineMatch(engine, data) {
  const { events } = await engine.run(data);
  // Events come in priority order: the highest priority is the first rule.
  return events.length ? events[0].type : null;
}

const rows = [];
for (const ruleCount of [1, 10, 50]) {
  for (const items of [5, 50]) {
    const config = pluginConfig(ruleCount);
    const engine = new Engine(config);
    const brief = new Engine(config, { explainRules: false });
    const rulesEngine = new RulesEngine(rulesEngineRules(ruleCount), { allowUndefinedFacts: true });
    const logic = jsonLogicRules(ruleCount);
    const data = cases(CASES, ruleCount, items);

    // Agreement first: the same rule for every case, or none.
    const expected = data.map((entry) => engine.evaluateRules(entry.case, entry.timeline, NOW).rule?.id ?? null);
    check("json-logic-js", expected, data.map((entry) => firstLogicMatch(logic, facts(entry.case))));
    const fromRulesEngine = [];
    for (const entry of data) fromRulesEngine.push(await firstRulesEngineMatch(rulesEngine, facts(entry.case)));
    check("json-rules-engine", expected, fromRulesEngine);
    const matched = expected.filter(Boolean).length;
    const open = data.map((entry) => engine.openCase(entry.case, entry.timeline));
    const openBrief = data.map((entry) => brief.openCase(entry.case, entry.timeline));
    check("the plugin's open case", expected, open.map((entry) => entry.evaluateRules(NOW).rule?.id ?? null));
    check("the plugin's open case without explanations", expected,
      openBrief.map((entry) => entry.evaluateRules(NOW).rule?.id ?? null));

    let turn = 0;
    const pick = () => data[turn++ % data.length];
    const plugin = await measure("plugin", () => {
      const entry = pick();
      engine.evaluateRules(entry.case, entry.timeline, NOW);
    });
    let opened = 0;
    const pickOpen = (cases) => cases[opened++ % cases.length];
    const pluginOpen = await measure("plugin, open case", () => {
      pickOpen(open).evaluateRules(NOW);
    });
    const pluginCompiling = await measure("plugin, config per call", () => {
      const entry = pick();
      evaluateRules(config, entry.case, entry.timeline, NOW);
    });
    // The like-for-like pair, in interleaved rounds (see measureInterleaved).
    const { pluginBrief, logicTime, logicPaired } = await measureLikeForLike(openBrief, logic, data);
    const rulesEngineTime = await measure("json-rules-engine", async () => {
      await firstRulesEngineMatch(rulesEngine, facts(pick().case));
    });
    for (const entry of [...open, ...openBrief]) entry.free();
    engine.free();
    brief.free();
    rows.push({ ruleCount, items, matched, plugin, pluginOpen, pluginBrief, pluginCompiling, logicTime, logicPaired, rulesEngineTime });
  }
}

console.log(`\nevaluateRules per call (median / p99), ${CASES} cases per fixture, Node ${process.version}`);
console.log("The open case without explanations and json-logic-js: median of 5 interleaved rounds; logic/plugin is");
console.log("the median of the 5 rounds' own ratios (see pairedRatio in stats.mjs).\n");
console.log("rules items matched | open case, no explanations | json-logic-js          | json-rules-engine       | logic/plugin | rules-engine/plugin | open case      | per call (Engine) | per call, config each time");
for (const row of rows) {
  console.log(
    `${String(row.ruleCount).padStart(5)} ${String(row.items).padStart(5)} ${String(row.matched).padStart(7)} |` +
      `${us(row.pluginBrief.median)} /${us(row.pluginBrief.p99)}    |` +
      `${us(row.logicTime.median)} /${us(row.logicTime.p99)} |` +
      `${us(row.rulesEngineTime.median)} /${us(row.rulesEngineTime.p99)} |` +
      `${`${row.logicPaired.toFixed(1)}x`.padStart(13)} |` +
      `${ratio(row.rulesEngineTime.median, row.pluginBrief.median).padStart(20)} |` +
      `${us(row.pluginOpen.median)}      |${us(row.plugin.median)}          |${us(row.pluginCompiling.median)}`,
  );
}

// Medians describe the typical case: in these fixtures most cases match no
// rule. Means weigh in the cases where the plugin also drafts the due
// follow-up email, which the peers do not do.
console.log("\nmeans per call: rules items | open case, no explanations | json-logic-js | logic/plugin | per-round medians: open case; json-logic-js");
for (const row of rows) {
  console.log(
    `               ${String(row.ruleCount).padStart(5)} ${String(row.items).padStart(5)} |` +
      `${us(row.pluginBrief.mean)}                |${us(row.logicTime.mean)}   |` +
      `${ratio(row.logicTime.mean, row.pluginBrief.mean).padStart(13)} | ` +
      row.pluginBrief.rounds.map((median) => median.toFixed(1)).join(", ") + "; " +
      row.logicTime.rounds.map((median) => median.toFixed(1)).join(", "),
  );
}

// evaluateMany: one boundary crossing for 1,000 cases.
const manyConfig = pluginConfig(50);
const manyEngine = new Engine(manyConfig);
const batch = cases(1000, 50, 5, 11).map((entry) => ({ case: entry.case, timeline: entry.timeline }));
const many = await measure("evaluateMany(1,000 cases)", () => manyEngine.evaluateMany(batch, NOW), { time: 3000 });
const manyBriefEngine = new Engine(manyConfig, { explainRules: false });
const manyBrief = await measure("evaluateMany(1,000 cases), explainRules: false",
  () => manyBriefEngine.evaluateMany(batch, NOW), { time: 3000 });
manyBriefEngine.free();
const logic50 = jsonLogicRules(50);
const manyLogic = await measure("json-logic-js over 1,000 cases", () => {
  for (const entry of batch) firstLogicMatch(logic50, facts(entry.case));
}, { time: 3000 });
console.log(`\nevaluateMany, 50 rules, 1,000 cases of 5 items per call: ${us(many.median)} per call ` +
  `(${(many.median / 1000).toFixed(2)} µs per case); json-logic-js conditions alone over the same 1,000 cases: ` +
  `${us(manyLogic.median)} (${ratio(manyLogic.median, many.median)} plugin); with explainRules: false ` +
  `${(manyBrief.median / 1000).toFixed(2)} µs per case`);
manyEngine.free();

const at50 = rows.filter((row) => row.ruleCount === 50);
const worst = (peer, plugin) => Math.min(...at50.map((row) => row[peer].median / row[plugin].median));
const worstPaired = Math.min(...at50.map((row) => row.logicPaired));
const target = (name, peer, wanted) =>
  `${name}/plugin >= ${wanted}x: open case without explanations ${worst(peer, "pluginBrief").toFixed(1)}x, ` +
  `open case ${worst(peer, "pluginOpen").toFixed(1)}x, per call ${worst(peer, "plugin").toFixed(1)}x`;
const worstMean = Math.min(...at50.map((row) => row.logicTime.mean / row.pluginBrief.mean));
console.log(`\ntargets at 50 rules (the worse of 5 and 50 items):\n  ${target("json-rules-engine", "rulesEngineTime", 20)}` +
  `\n  ${target("json-logic-js", "logicTime", 2)}` +
  `\n  (json-logic-js/plugin by the rounds' own ratios: open case without explanations ${worstPaired.toFixed(1)}x)` +
  `\n  (json-logic-js/plugin by means: open case without explanations ${worstMean.toFixed(1)}x)`);
