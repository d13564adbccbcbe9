#!/usr/bin/env bash
# Replay against the parsing limit: `host-sim replay` over generated cases
# against `followup-bench parse-only` (the same JSON Lines read by
# host-sim's reader and parsed with serde_json on the same worker threads,
# nothing else: the least any replay must do), same file, same cores, in
# interleaved rounds (parse-only, replay, parse-only, replay, ...), each
# under /usr/bin/time -v. Prints each round, then the medians of the rounds'
# own ratios replay / parse-only (wall time and CPU time) and both peak RSS.
#
#   bench/replay.sh                  # 1,000,000 cases, 3 rounds
#   bench/replay.sh 2000 1           # any count and rounds (bench/run.sh --quick)
#   JOBS=1 bench/replay.sh 100000    # one worker thread each
#
# Generated files go to $BENCH_DIR (default target/bench) and are reused
# when they already exist for the same count and seed.
set -euo pipefail

cd "$(dirname "$0")/.."
CASES="${1:-1000000}"
ROUNDS="${2:-3}"
SEED="${SEED:-7}"
TARGET="${CARGO_TARGET_DIR:-target}"
BENCH_DIR="${BENCH_DIR:-$TARGET/bench}"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (Debian package 'time')" >&2
  apt-get install -y time >/dev/null
fi

cargo build --release -p host-sim -p followup-bench >&2
HOST_SIM="$TARGET/release/host-sim"
PARSE="$TARGET/release/followup-bench"
JOB_FLAGS=()
if [ -n "${JOBS:-}" ]; then
  JOB_FLAGS=(--jobs "$JOBS")
fi

dir="$BENCH_DIR/$CASES-seed$SEED"
if [ ! -s "$dir/cases.jsonl" ]; then
  "$HOST_SIM" generate --cases "$CASES" --seed "$SEED" --out "$dir" >&2
fi
# Read the file once so the first run does not measure the disk.
cat "$dir/cases.jsonl" >/dev/null

# Runs a command under /usr/bin/time -v; prints "wall cpu max_rss_kb".
timed() {
  local report="$dir/time.txt"
  /usr/bin/time -v -o "$report" "$@" >/dev/null
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident set size/ { rss = $2 }
    END { printf "%.2f %.2f %d\n", wall, user + sys, rss }' "$report"
}

div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b > 0) ? a / b : 0 }'; }

bytes=$(stat -c %s "$dir/cases.jsonl")
echo "replay against parse-only: $CASES cases ($((bytes / 1000000)) MB of JSON Lines), $(nproc) cores, $(uname -m), ${JOBS:-all} worker threads"
printf '%5s  %-10s  %8s  %8s  %10s  %s\n' round run wall_s cpu_s max_rss_mb load
ratios_wall=()
ratios_cpu=()
rss_parse=0
rss_replay=0
for round in $(seq 1 "$ROUNDS"); do
  read -r pw pc pr < <(timed "$PARSE" parse-only "${JOB_FLAGS[@]}" "$dir/cases.jsonl")
  printf '%5d  %-10s  %8.2f  %8.2f  %10.1f  %s\n' "$round" parse-only "$pw" "$pc" "$(div "$pr" 1024)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  read -r rw rc rr < <(timed "$HOST_SIM" replay "${JOB_FLAGS[@]}" --config "$dir/config.json" "$dir/cases.jsonl" --format summary)
  printf '%5d  %-10s  %8.2f  %8.2f  %10.1f  %s\n' "$round" replay "$rw" "$rc" "$(div "$rr" 1024)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  ratios_wall+=("$(div "$rw" "$pw")")
  ratios_cpu+=("$(div "$rc" "$pc")")
  rss_parse=$((pr > rss_parse ? pr : rss_parse))
  rss_replay=$((rr > rss_replay ? rr : rss_replay))
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf 'replay / parse-only, median of %d rounds: wall %.2fx, CPU %.2fx; peak RSS: parse-only %.1f MB, replay %.1f MB\n' \
  "$ROUNDS" "$(median "${ratios_wall[@]}")" "$(median "${ratios_cpu[@]}")" "$(div "$rss_parse" 1024)" "$(div "$rss_replay" 1024)"
