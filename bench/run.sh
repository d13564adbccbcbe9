#!/usr/bin/env bash
# The three figures of bench/README.md, then the peer table:
#   1. the Dynamics web resource's cold start in headless Chromium
#      (bench/dynamics/cold-start.bench.mjs);
#   2. the sweep, wasm against native (bench/node/sweep.bench.mjs with
#      bench/native's followup-bench);
#   3. replay against the parsing limit (bench/replay.sh);
#   4. the peer table against json-logic-js (bench/node/evaluate.bench.mjs).
#
#   bench/run.sh            # 20 contexts; 10,000 cases, 3 rounds; 1,000,000 cases, 3 rounds; the peer table
#   bench/run.sh --quick    # a smoke run: 2 contexts; 100 cases; 2,000 cases; no peer table
#
# Builds the package (scripts/build-pkg.sh; SKIP_BUILD=1 keeps pkg/ as it
# is) and the release binaries first. Needs Chromium at /usr/bin/chromium
# (or CHROMIUM_PATH); never `npx playwright install`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--quick" ]; then
  contexts=2 sweep_cases=100 sweep_rounds=1 replay_cases=2000 replay_rounds=1 peers=false
else
  contexts=20 sweep_cases=10000 sweep_rounds=3 replay_cases=1000000 replay_rounds=3 peers=true
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  scripts/build-pkg.sh >&2
fi
cargo build --release -p followup-bench -p host-sim >&2
for dir in bench/dynamics bench/node; do
  [ -d "$dir/node_modules" ] || (cd "$dir" && npm ci --no-audit --no-fund >&2)
done

echo "machine: $(nproc) cores, $(uname -m), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), Node $(node --version), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "== 1. form cold start"
(cd bench/dynamics && node cold-start.bench.mjs "$contexts")
echo
echo "== 2. the sweep, wasm against native"
(cd bench/node && node --max-old-space-size=6144 sweep.bench.mjs "$sweep_cases" "$sweep_rounds")
echo
echo "== 3. replay against the parsing limit"
bench/replay.sh "$replay_cases" "$replay_rounds" 2>/dev/null
if $peers; then
  echo
  echo "== 4. peer table"
  (cd bench/node && node evaluate.bench.mjs)
fi
