#!/usr/bin/env bash
# Runs every libFuzzer target for a while (default 120 s each) on the
# nightly toolchain, seeded with tests/fuzz-corpus/<target>. New inputs go
# to fuzz/corpus/<target> (not committed); a crash is written to
# fuzz/artifacts/<target>: fix it, then keep the input in tests/fuzz-corpus.
#   fuzz/run.sh [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-120}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(config evaluate template classify story)
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "corpus/$target" "../tests/fuzz-corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+.*(DONE|NEW)|stat::|==|SUMMARY|Done)|panicked|ERROR" | tail -8
done
