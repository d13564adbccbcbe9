#!/usr/bin/env bash
# The differential test at any size: N generated histories (default
# 1000000) replayed through host-sim's replay loop (the engine) and through
# the reference model (crates/followup-model), in release, on every core.
# The first 20 mismatches are shrunk into target/differential-found.json,
# a ready scenario file. Usage: scripts/differential.sh [N] [FIRST_SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --locked -q -p followup-model --bin differential -- "${1:-1000000}" "${2:-0}"
