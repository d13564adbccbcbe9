// Checks a file of the package against its size budget and prints its raw
// and gzipped sizes. Exits 1 when the budget is exceeded.
// Usage: node scripts/check-size.mjs FILE BUDGET.json
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [filePath, budgetPath] = process.argv.slice(2);
const bytes = readFileSync(filePath);
const budget = JSON.parse(readFileSync(budgetPath, "utf8"));
const gzipped = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${filePath}: ${kb(bytes.length)} raw, ${kb(gzipped)} gzipped (${gzipped} bytes; ` +
  `budget ${kb(budget.maxGzippedBytes)} gzipped)`);
if (gzipped > budget.maxGzippedBytes) {
  console.error(`size budget exceeded: ${gzipped} > ${budget.maxGzippedBytes} bytes gzipped`);
  process.exit(1);
}
