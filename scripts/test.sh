#!/usr/bin/env bash
# Every test: installs what is missing, then formatting and lints (native
# and wasm32), the native suites (engine, scenario corpus, golden digests,
# properties, host-sim), the TypeScript declarations, the npm package build
# with its size budget, the wasm suites in Node and in headless Chromium,
# the package's Node tests (every code block of the READMEs among them:
# tests/node/readme-blocks.test.mjs) and type check.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

scripts/setup.sh

say "formatting"
cargo fmt --all --check

say "clippy (native, all targets)"
cargo clippy --locked --workspace --all-targets -- -D warnings

say "clippy (wasm32)"
cargo clippy --locked -p followup-wasm --target wasm32-unknown-unknown -- -D warnings

say "native tests"
cargo test --locked --workspace

say "the engine without builtin-languages (the wasm module's build): languages installed, and only then available"
cargo test --locked -p followup-engine --no-default-features --lib --test languages_installed --test drafts_in_languages

say "the engine against the reference model: 20,000 random histories (release)"
scripts/differential.sh 20000

say "TypeScript declarations match the Rust types"
cargo test --locked -p followup-engine --features typescript --test typescript

say "building pkg/ (size budget checked)"
scripts/build-pkg.sh

say "wasm tests in Node and in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked -p followup-wasm --target wasm32-unknown-unknown

say "the npm package in Node (and every README code block), and its TypeScript types"
(cd tests/node && npm ci --no-audit --no-fund && npm test && npm run typecheck)

if [ -x tests/browser/run.sh ]; then
  say "browser end-to-end tests"
  # The report test runs host-sim through `cargo run`: built here, so that
  # compiling it never eats into a test's timeout.
  cargo build --locked -q -p host-sim
  tests/browser/run.sh
fi

say "all tests passed"
