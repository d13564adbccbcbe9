#!/usr/bin/env bash
# The sweep's tests against the fake Dataverse Web API, the README snippets
# and the bundler recipes. Needs pkg/ built first (scripts/build-pkg.sh).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node --test --test-reporter=spec --test-timeout=300000 ./*.test.mjs
