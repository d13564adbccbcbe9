// Runs one benchmark task with tinybench and returns its median, p99 and
// mean per call, in microseconds. tinybench runs at least `iterations`
// calls (64 by default) however long they take: lower it for slow tasks.
import { Bench } from "tinybench";

export async function measure(name, fn, { time = 1500, warmupTime = 300, iterations = 64 } = {}) {
  const bench = new Bench({ time, warmupTime, iterations });
  bench.add(name, fn);
  await bench.run();
  const { latency } = bench.tasks[0].result;
  return {
    name,
    median: latency.p50 * 1000,
    p99: latency.p99 * 1000,
    mean: latency.mean * 1000,
    samples: latency.samplesCount,
  };
}

export const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Measures several tasks in `rounds` interleaved rounds (a, b, a, b, ...)
 * and gives each the median of its rounds' figures. On a shared machine the
 * load drifts over seconds; interleaving lets every task see the same
 * drift, and the median of rounds drops a round that a pause spoiled.
 */
export async function measureInterleaved(tasks, { rounds = 5, time = 600, warmupTime = 200 } = {}) {
  const runs = tasks.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, [name, fn]] of tasks.entries()) {
      runs[index].push(await measure(name, fn, { time, warmupTime }));
    }
  }
  return runs.map((results) => ({
    name: results[0].name,
    median: middle(results.map((result) => result.median)),
    p99: middle(results.map((result) => result.p99)),
    mean: middle(results.map((result) => result.mean)),
    rounds: results.map((result) => result.median),
  }));
}

/**
 * The ratio `peer / plugin` of two tasks measured together by
 * `measureInterleaved`, round by round: the median of the rounds' ratios.
 * A round of one task and the same round of the other ran one after the
 * other, so a change in the machine's speed between rounds (on this VM, by
 * half or more at times) cancels out of each round's ratio; the ratio of the
 * two medians of rounds can pair a fast round of one with a slow one of
 * the other.
 */
export function pairedRatio(peer, plugin) {
  return middle(peer.rounds.map((median, round) => median / plugin.rounds[round]));
}

export const us = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1)).padStart(8) + " µs";
export const ratio = (peer, plugin) => `${(peer / plugin).toFixed(1)}x`;
