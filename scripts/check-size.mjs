// Checks the optimised wasm module against the size budget and prints its
// raw and gzipped sizes. Exits 1 when the budget is exceeded.
// Usage: node scripts/check-size.mjs MODULE.wasm BUDGET.json
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [modulePath, budgetPath] = process.argv.slice(2);
const bytes = readFileSync(modulePath);
const budget = JSON.parse(readFileSync(budgetPath, "utf8"));
const gzipped = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`wasm size: ${kb(bytes.length)} raw, ${kb(gzipped)} gzipped ` +
  `(budget ${kb(budget.maxGzippedBytes)} gzipped, goal ${kb(budget.goalGzippedBytes)})`);
if (gzipped > budget.maxGzippedBytes) {
  console.error(`size budget exceeded: ${gzipped} > ${budget.maxGzippedBytes} bytes gzipped`);
  process.exit(1);
}
