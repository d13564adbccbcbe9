// The like-for-like comparison the targets are set on, shared by
// evaluate.bench.mjs and spread.bench.mjs: the plugin's whole decision on
// an open case without per-rule explanations against json-logic-js
// deciding the same conditions on facts worked out from the same case.
import jsonLogic from "json-logic-js";

import { NOW, facts } from "./fixtures.mjs";
import { measureInterleaved, pairedRatio } from "./stats.mjs";

/** The id of the first json-logic-js rule that holds for `data`, or null. */
export function firstLogicMatch(rules, data) {
  for (const rule of rules) {
    if (jsonLogic.apply(rule.logic, data)) return rule.id;
  }
  return null;
}

/** Exits when `actual` names another rule than `expected` for some case. */
export function check(name, expected, actual) {
  const wrong = expected.findIndex((id, index) => id !== actual[index]);
  if (wrong >= 0) {
    console.error(`${name} disagrees on case ${wrong}: plugin ${expected[wrong]}, ${name} ${actual[wrong]}`);
    process.exit(1);
  }
}

/**
 * Times `openBrief` (open cases of an engine made with `explainRules:
 * false`) against json-logic-js's `logic` rules over the same `data`, in
 * interleaved rounds; `logicPaired` is json-logic-js/plugin by the rounds'
 * own ratios (see pairedRatio).
 */
export async function measureLikeForLike(openBrief, logic, data) {
  let briefTurn = 0;
  let logicTurn = 0;
  const [pluginBrief, logicTime] = await measureInterleaved([
    ["plugin, open case, explainRules: false", () => openBrief[briefTurn++ % openBrief.length].evaluateRules(NOW)],
    ["json-logic-js", () => firstLogicMatch(logic, facts(data[logicTurn++ % data.length].case))],
  ]);
  return { pluginBrief, logicTime, logicPaired: pairedRatio(logicTime, pluginBrief) };
}
