// The like-for-like comparison of evaluate.bench.mjs (an open case
// without explanations against json-logic-js, 50 rules, 5 and 50 items),
// repeated in several fresh Node processes.
//
// On the development VM each engine's per-call median settles, process by
// process, at one of two levels apart by up to half, json-logic-js's as
// much as the plugin's, and the two do not move together; the ratio of
// one process can therefore be well above or below the next one's with the
// same build. Each process measures both engines (so each ratio comes from
// one run); the 2x json-logic-js target is judged on the median over the
// processes, of the rounds' own ratios and of the ratios of medians.
//   cd bench/node && node spread.bench.mjs [processes: default 7; an odd count,
//   so that the median is one of the processes' figures]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { Engine } from "case-followup";

import { NOW, cases, facts, jsonLogicRules, pluginConfig } from "./fixtures.mjs";
import { check, firstLogicMatch, measureLikeForLike } from "./likeforlike.mjs";
import { middle } from "./stats.mjs";

const RULES = 50;
const SIZES = [5, 50];
const TARGET = 2;

/** One process's measurements: a line of JSON per timeline size. */
async function child() {
  for (const items of SIZES) {
    const brief = new Engine(pluginConfig(RULES), { explainRules: false });
    const logic = jsonLogicRules(RULES);
    const data = cases(200, RULES, items);
    const openBrief = data.map((entry) => brief.openCase(entry.case, entry.timeline));
    check("json-logic-js", openBrief.map((entry) => entry.evaluateRules(NOW).rule?.id ?? null),
      data.map((entry) => firstLogicMatch(logic, facts(entry.case))));
    const { pluginBrief, logicTime, logicPaired } = await measureLikeForLike(openBrief, logic, data);
    for (const entry of openBrief) entry.free();
    brief.free();
    console.log(JSON.stringify({ items, plugin: pluginBrief.median, logic: logicTime.median, paired: logicPaired }));
  }
}

function parent(processes) {
  const script = fileURLToPath(import.meta.url);
  const runs = [];
  for (let index = 0; index < processes; index++) {
    const run = spawnSync(process.execPath, [script, "--child"], { encoding: "utf8" });
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      process.exit(run.status ?? 1);
    }
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    runs.push(lines);
    console.log(`process ${index + 1}: ` + lines.map((line) =>
      `${line.items} items plugin ${line.plugin.toFixed(1)} µs, json-logic-js ${line.logic.toFixed(1)} µs, ` +
      `${line.paired.toFixed(2)}x (${(line.logic / line.plugin).toFixed(2)}x)`).join("; "));
  }
  console.log(`\njson-logic-js/plugin at ${RULES} rules over ${processes} processes (Node ${process.version}); ` +
    "each process's figure is the median of its rounds' own ratios, and in brackets the ratio of its two medians:");
  const verdicts = SIZES.map((items, at) => {
    const ratios = runs.map((lines) => lines[at].paired);
    const ofMedians = runs.map((lines) => lines[at].logic / lines[at].plugin);
    const median = middle(ratios);
    const medianOfMedians = middle(ofMedians);
    console.log(`  ${String(items).padStart(2)} items: median ${median.toFixed(2)}x (${medianOfMedians.toFixed(2)}x), ` +
      `lowest ${Math.min(...ratios).toFixed(2)}x (${Math.min(...ofMedians).toFixed(2)}x), ` +
      `highest ${Math.max(...ratios).toFixed(2)}x (${Math.max(...ofMedians).toFixed(2)}x), ` +
      `${ratios.filter((ratio) => ratio >= TARGET).length} of ${processes} processes at ${TARGET}x or more ` +
      `(${ofMedians.filter((ratio) => ratio >= TARGET).length})`);
    return { paired: median >= TARGET, ofMedians: medianOfMedians >= TARGET };
  });
  const verdict = (by) => (verdicts.every((met) => met[by]) ? "met" : "not met");
  console.log(`target ${TARGET}x by the median over processes: ${verdict("paired")} by the rounds' own ratios, ` +
    `${verdict("ofMedians")} by the ratios of medians`);
}

if (process.argv.includes("--child")) {
  await child();
} else {
  parent(Number(process.argv[2] ?? 7));
}
