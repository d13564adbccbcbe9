// The peer table, a regression guard: the plugin's whole decision on an
// open case (`engine.openCase`, read once, as a form that stays open uses
// it) without per-rule explanations, against json-logic-js deciding the
// same conditions on facts worked out from the same case, for 1, 10 and 50
// rules and timelines of 5 and 50 items; the plugin's per-call figure
// (the record and the timeline cross the boundary on every call) beside
// it. Both must agree on which rule matches each case before anything is
// timed. The pair is timed in interleaved rounds; logic/plugin is the
// median of the rounds' own ratios (see pairedRatio in stats.mjs).
//   cd bench/node && npm install && node evaluate.bench.mjs
import jsonLogic from "json-logic-js";
import { Engine } from "case-followup";

import { NOW, cases, facts, jsonLogicRules, pluginConfig } from "./fixtures.mjs";
import { measure, measureInterleaved, pairedRatio, us } from "./stats.mjs";

const CASES = 200;

/** The id of the first json-logic-js rule that holds for `data`, or null. */
function firstLogicMatch(rules, data) {
  for (const rule of rules) {
    if (jsonLogic.apply(rule.logic, data)) return rule.id;
  }
  return null;
}

/** Exits when `actual` names another rule than `expected` for some case. */
function check(name, expected, actual) {
  const wrong = expected.findIndex((id, index) => id !== actual[index]);
  if (wrong >= 0) {
    console.error(`${name} disagrees on case ${wrong}: plugin ${expected[wrong]}, ${name} ${actual[wrong]}`);
    process.exit(1);
  }
}

const rows = [];
for (const ruleCount of [1, 10, 50]) {
  for (const items of [5, 50]) {
    const config = pluginConfig(ruleCount);
    const engine = new Engine(config);
    const brief = new Engine(config, { explainRules: false });
    const logic = jsonLogicRules(ruleCount);
    const data = cases(CASES, ruleCount, items);

    const expected = data.map((entry) => engine.evaluateRules(entry.case, entry.timeline, NOW).rule?.id ?? null);
    check("json-logic-js", expected, data.map((entry) => firstLogicMatch(logic, facts(entry.case))));
    const open = data.map((entry) => brief.openCase(entry.case, entry.timeline));
    check("the plugin's open case", expected, open.map((entry) => entry.evaluateRules(NOW).rule?.id ?? null));

    let turn = 0;
    const perCall = await measure("plugin, per call", () => {
      const entry = data[turn++ % data.length];
      engine.evaluateRules(entry.case, entry.timeline, NOW);
    });
    let openTurn = 0;
    let logicTurn = 0;
    const [plugin, peer] = await measureInterleaved([
      ["plugin, open case, explainRules: false", () => open[openTurn++ % open.length].evaluateRules(NOW)],
      ["json-logic-js", () => firstLogicMatch(logic, facts(data[logicTurn++ % data.length].case))],
    ]);
    for (const entry of open) entry.free();
    engine.free();
    brief.free();
    rows.push({ ruleCount, items, matched: expected.filter(Boolean).length, plugin, peer, paired: pairedRatio(peer, plugin), perCall });
  }
}

const load = (await import("node:fs")).readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`\nPeer table: evaluateRules, ${CASES} cases per fixture, Node ${process.version}, load average ${load}\n`);
console.log("| rules | items | matched | plugin, open case, no explanations | json-logic-js, conditions only | logic / plugin | plugin, per call |");
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) {
  console.log(`| ${row.ruleCount} | ${row.items} | ${row.matched} | ${us(row.plugin.median).trim()} | ${us(row.peer.median).trim()} | ` +
    `${row.paired.toFixed(1)}x | ${us(row.perCall.median).trim()} |`);
}
