#!/usr/bin/env bash
# Benchmark of `host-sim replay`: builds in release, generates seeded
# synthetic case histories, replays them under /usr/bin/time -v and prints
# cases per second and peak memory (max RSS).
#
#   bench/replay.sh                 # 100,000 and 1,000,000 cases
#   bench/replay.sh 250000          # any counts
#   JOBS=1 bench/replay.sh 100000   # one worker thread
#
# Generated files go to $BENCH_DIR (default target/bench) and are reused
# when they already exist for the same count and seed.
set -euo pipefail

cd "$(dirname "$0")/.."
SEED="${SEED:-7}"
BENCH_DIR="${BENCH_DIR:-${CARGO_TARGET_DIR:-target}/bench}"
COUNTS=("$@")
if [ ${#COUNTS[@]} -eq 0 ]; then
  COUNTS=(100000 1000000)
fi

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (Debian package 'time')" >&2
  apt-get install -y time >/dev/null
fi

cargo build --release -p host-sim -j2 >&2
BIN="${CARGO_TARGET_DIR:-target}/release/host-sim"
JOB_FLAGS=()
if [ -n "${JOBS:-}" ]; then
  JOB_FLAGS=(--jobs "$JOBS")
fi

echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%10s  %8s  %8s  %12s  %10s  %s\n' cases wall_s cpu_s cases_per_s max_rss_mb cpu_use
for cases in "${COUNTS[@]}"; do
  dir="$BENCH_DIR/$cases-seed$SEED"
  if [ ! -s "$dir/cases.jsonl" ]; then
    "$BIN" generate --cases "$cases" --seed "$SEED" --out "$dir" >&2
  fi
  # Read the file once so the first run does not measure the disk.
  cat "$dir/cases.jsonl" >/dev/null
  report="$dir/time.txt"
  /usr/bin/time -v -o "$report" "$BIN" replay "${JOB_FLAGS[@]}" --config "$dir/config.json" "$dir/cases.jsonl" \
    --format summary >"$dir/summary.txt"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$report" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(awk -F': ' '/User time/ {print $2}' "$report")
  sys=$(awk -F': ' '/System time/ {print $2}' "$report")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$report")
  awk -v n="$cases" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v c="$cpu" \
    'BEGIN { printf "%10d  %8.2f  %8.2f  %12.0f  %10.1f  %s\n", n, w, u + s, n / w, r / 1024, c }'
done
