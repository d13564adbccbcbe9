// The sweep: `evaluateMany` from Node (the package, wasm) over 10,000
// generated cases (sweep-cases.mjs: 50 rules, 30 Dataverse rows per
// timeline), with explanations and without (`explainRules: false`),
// against the native engine deciding the same cases from the same file in
// the same run (`followup-bench sweep`, a child process that waits for a
// command per batch). Rounds alternate native and wasm batch by batch, so
// both see the same drift of a shared machine; each round's ratio is wasm / native per case,
// and the median of the rounds' ratios is reported. Both must tally the
// same rule and state for every case before a figure is printed.
//
//   cargo build --release -p followup-bench
//   cd bench/node && npm install && node --max-old-space-size=6144 sweep.bench.mjs [cases] [rounds]
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { Engine } from "case-followup";

import { writeSweep } from "./sweep-cases.mjs";
import { middle } from "./stats.mjs";

const CASES = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const root = fileURLToPath(new URL("../..", import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? `${root}target`;
const dir = `${target}/bench/sweep-${CASES}`;
const native = process.env.FOLLOWUP_BENCH ?? `${target}/release/followup-bench`;

if (!existsSync(`${dir}/cases.jsonl`)) await writeSweep(dir, CASES);
const meta = JSON.parse(readFileSync(`${dir}/meta.json`, "utf8"));
const config = JSON.parse(readFileSync(`${dir}/config.json`, "utf8"));
// A sweep pages through its cases: each batch's objects are made from
// their text (untimed) just before the call and dropped after it, so the
// JS heap holds one page of objects, as a sweep's would.
const lines = readFileSync(`${dir}/cases.jsonl`, "utf8").split("\n").filter(Boolean);
const batches = [];
for (let start = 0; start < lines.length; start += meta.batch) batches.push(lines.slice(start, start + meta.batch));
const page = (index) => batches[index].map((line) => JSON.parse(line));

const engines = { explain: new Engine(config), brief: new Engine(config, { explainRules: false }) };

/** One pass of the wasm engine over every batch: seconds in `evaluateMany`, and the tally. */
function wasmRun(mode) {
  const engine = engines[mode];
  const tallies = {};
  let seconds = 0;
  for (const index of batches.keys()) {
    const batch = page(index);
    const start = process.hrtime.bigint();
    const results = engine.evaluateMany(batch, meta.now);
    seconds += Number(process.hrtime.bigint() - start) / 1e9;
    for (const result of results) {
      const key = result.type === "success" ? `${result.decision.rule?.id ?? "-"}/${result.decision.state}` : "error";
      tallies[key] = (tallies[key] ?? 0) + 1;
    }
  }
  return { seconds, tallies };
}

/** Seconds the wasm engine takes over batch `index`. */
function wasmBatch(mode, index) {
  const batch = page(index);
  const start = process.hrtime.bigint();
  engines[mode].evaluateMany(batch, meta.now);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The native process, loaded and waiting for commands. */
const child = spawn(native, ["sweep", dir], { stdio: ["pipe", "pipe", "inherit"] });
const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const nextReply = async () => {
  const { value, done } = await replies.next();
  if (done) throw new Error(`${native} stopped`);
  return JSON.parse(value);
};
const ready = await nextReply();
if (ready.cases !== lines.length) throw new Error(`native read ${ready.cases} cases, Node ${lines.length}`);
async function nativeRun(mode) {
  child.stdin.write(`${mode}\n`);
  return nextReply();
}

const sorted = (tallies) => JSON.stringify(Object.entries(tallies).sort(([a], [b]) => a.localeCompare(b)));
const perCase = (seconds) => (seconds / lines.length) * 1e6;
const rows = {};
try {
  // A first pass of each, untimed: the wasm functions compiled, the caches warm.
  for (const mode of ["explain", "brief"]) {
    const [fromNative, fromWasm] = [await nativeRun(mode), wasmRun(mode)];
    if (sorted(fromNative.tallies) !== sorted(fromWasm.tallies)) {
      throw new Error(`native and wasm disagree (${mode}):\n${sorted(fromNative.tallies)}\n${sorted(fromWasm.tallies)}`);
    }
    if (fromWasm.tallies.error) throw new Error(`${fromWasm.tallies.error} cases failed`);
    rows[mode] = { native: [], wasm: [], ratios: [], tallies: fromWasm.tallies };
  }
  // Each round alternates native and wasm batch by batch (a second or so
  // each), so both see the same load even when it moves within a round.
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ["explain", "brief"]) {
      let native = 0;
      let wasm = 0;
      for (const index of batches.keys()) {
        native += (await nativeRun(`${mode} ${index}`)).seconds;
        wasm += wasmBatch(mode, index);
      }
      rows[mode].native.push(perCase(native));
      rows[mode].wasm.push(perCase(wasm));
      rows[mode].ratios.push(wasm / native);
    }
  }
} finally {
  child.stdin.end();
}

const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`sweep: ${lines.length} cases, ${meta.rules} rules, ${meta.items} timeline rows each, ` +
  `evaluateMany in batches of ${meta.batch}; median of ${ROUNDS} interleaved rounds; load average ${load}`);
console.log("| explanations | native per case | wasm per case | wasm / native |");
console.log("|---|---|---|---|");
for (const [mode, row] of Object.entries(rows)) {
  console.log(`| ${mode === "explain" ? "on" : "off (`explainRules: false`)"} | ${middle(row.native).toFixed(1)} µs | ` +
    `${middle(row.wasm).toFixed(1)} µs | ${middle(row.ratios).toFixed(2)}x |`);
}
const matched = Object.entries(rows.explain.tallies).filter(([key]) => !key.startsWith("-/")).reduce((sum, [, n]) => sum + n, 0);
console.log(`(${matched} of ${lines.length} cases matched a rule; native and wasm tallied the same rule and state for every case)`);
