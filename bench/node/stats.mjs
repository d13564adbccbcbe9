// Runs one benchmark task with tinybench and returns its median and p99
// per call, in microseconds.
import { Bench } from "tinybench";

export async function measure(name, fn, { time = 1500, warmupTime = 300 } = {}) {
  const bench = new Bench({ time, warmupTime });
  bench.add(name, fn);
  await bench.run();
  const { latency } = bench.tasks[0].result;
  return { name, median: latency.p50 * 1000, p99: latency.p99 * 1000, samples: latency.samplesCount };
}

export const us = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1)).padStart(8) + " µs";
export const ratio = (peer, plugin) => `${(peer / plugin).toFixed(1)}x`;
