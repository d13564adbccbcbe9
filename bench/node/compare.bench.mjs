// Same-process A/B of two or more builds of the package: each build is
// loaded from its own directory (its own wasm instance), and the calls a
// user makes are timed in interleaved rounds, so that every build sees the
// same drift of this shared machine. Prints each task's median per call for
// each build and, for every build after the first, the median of the
// rounds' own ratios to the first (below 1.00x: faster than the first).
//   cd bench/node && npm install
//   node compare.bench.mjs BEFORE_PKG AFTER_PKG [MORE_PKG ...]
// where each argument is a package directory (pkg/ as scripts/build-pkg.sh
// writes it, or any directory with a Node build in node/followup.js).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { NOW, cases, pluginConfig } from "./fixtures.mjs";
import { measure, middle, us } from "./stats.mjs";

const dirs = process.argv.slice(2).map((dir) => resolve(dir));
if (dirs.length < 2) {
  console.error("usage: node compare.bench.mjs BEFORE_PKG AFTER_PKG [MORE_PKG ...]");
  process.exit(2);
}

/** The Node entry of the package in `dir`. */
function entry(dir) {
  const manifest = join(dir, "package.json");
  if (existsSync(manifest)) {
    const exported = JSON.parse(readFileSync(manifest, "utf8")).exports?.["."]?.node;
    const file = typeof exported === "string" ? exported : exported?.default ?? exported?.import;
    if (file) return join(dir, file);
  }
  return join(dir, "node", "followup.js");
}

const builds = [];
for (const dir of dirs) builds.push({ dir, api: await import(pathToFileURL(entry(dir)).href) });

const scenario = JSON.parse(readFileSync(new URL("../../tests/scenarios/contoso-coffee.json", import.meta.url), "utf8"));
const { config } = scenario;
const { case: caseRecord, timeline } = scenario.cases[0];
const CONTOSO_NOW = "2026-11-04T14:00:00Z";
const rules50 = pluginConfig(50);
const data5 = cases(200, 50, 5);
const data50 = cases(200, 50, 50);
const batch = cases(1000, 50, 5, 11).map((one) => ({ case: one.case, timeline: one.timeline }));

/** The tasks for one build, and the objects to free afterwards. */
function tasks(api) {
  const engine = new api.Engine(config);
  const open = engine.openCase(caseRecord, timeline);
  const many = new api.Engine(rules50);
  const brief = new api.Engine(rules50, { explainRules: false });
  const open5 = data5.map((one) => many.openCase(one.case, one.timeline));
  const brief5 = data5.map((one) => brief.openCase(one.case, one.timeline));
  let turn = 0;
  const next = (list) => list[turn++ % list.length];
  return {
    free: [engine, open, many, brief, ...open5, ...brief5],
    list: [
      ["Contoso, evaluateRules(config, ...)", () => api.evaluateRules(config, caseRecord, timeline, CONTOSO_NOW)],
      ["Contoso, Engine.evaluateRules", () => engine.evaluateRules(caseRecord, timeline, CONTOSO_NOW)],
      ["Contoso, open case", () => open.evaluateRules(CONTOSO_NOW)],
      ["Contoso, draftEmail(config, ...)", () =>
        api.draftEmail(config, caseRecord, timeline, { kind: "followUp", followUpNumber: 3 }, CONTOSO_NOW)],
      ["50 rules, open case", () => next(open5).evaluateRules(NOW)],
      ["50 rules, open case, explainRules: false", () => next(brief5).evaluateRules(NOW)],
      ["50 rules, 50 items, per call", () => {
        const one = next(data50);
        many.evaluateRules(one.case, one.timeline, NOW);
      }],
      ["evaluateMany, 1,000 cases", () => many.evaluateMany(batch, NOW)],
    ],
  };
}

const perBuild = builds.map((build) => tasks(build.api));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const names = perBuild[0].list.map(([name]) => name);
const medians = names.map(() => builds.map(() => []));
for (let round = 0; round < ROUNDS; round++) {
  for (const [task, name] of names.entries()) {
    const slow = name.startsWith("evaluateMany");
    const options = slow ? { time: 1500, warmupTime: 300, iterations: 5 } : { time: 400, warmupTime: 150 };
    for (const [index, build] of perBuild.entries()) {
      const { median } = await measure(name, build.list[task][1], options);
      medians[task][index].push(median);
    }
  }
}

console.log(`\nSame-process A/B, Node ${process.version}, ${ROUNDS} interleaved rounds; builds:`);
dirs.forEach((dir, index) => console.log(`  [${index}] ${dir}`));
console.log(`\n${"task".padEnd(42)}${builds.map((_, index) => `[${index}] median`.padStart(14)).join("")}` +
  `${builds.slice(1).map((_, index) => `[${index + 1}]/[0]`.padStart(10)).join("")}`);
for (const [task, name] of names.entries()) {
  const rounds = medians[task];
  const cells = rounds.map((values) => us(middle(values)).padStart(14)).join("");
  const ratios = rounds.slice(1).map((values) =>
    `${middle(values.map((value, round) => value / rounds[0][round])).toFixed(2)}x`.padStart(10)).join("");
  console.log(`${name.padEnd(42)}${cells}${ratios}`);
}
for (const build of perBuild) for (const object of build.free) object.free();
