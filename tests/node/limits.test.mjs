// The size limits (hostile cases marked `limit`), each in a fresh process:
// the wasm memory it leaves behind (wasm memory never shrinks) stays under
// the case's `memory` bound, and the module still decides afterwards.
// Times and memory are printed as diagnostics; they are not asserted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

import { cases } from "../hostile/cases.mjs";

const MB = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

for (const hostile of cases.filter((one) => one.limit)) {
  test(`limits: ${hostile.name}`, { timeout: 120_000 }, (t) => {
    const output = execFileSync(process.execPath, [new URL("limits/measure.mjs", import.meta.url).pathname, hostile.name], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const measured = JSON.parse(output);
    t.diagnostic(`${measured.ms} ms, wasm memory +${MB(measured.wasmGrowth)} (now ${MB(measured.wasmBytes)}), ` +
      `peak RSS +${MB(measured.peakRssGrowth)}, ${measured.outcome}`);
    const expected = hostile.expect.error ? `${hostile.expect.error.code} ${hostile.expect.error.path}` : "result";
    assert.equal(measured.outcome, expected);
    assert.ok(measured.stillWorks, "the module keeps deciding afterwards");
    assert.ok(measured.wasmGrowth <= hostile.memory,
      `the wasm memory grew by ${MB(measured.wasmGrowth)}, more than ${MB(hostile.memory)}`);
  });
}
