#!/usr/bin/env bash
# Installs the pinned build tools (npm ci: esbuild, TypeScript, @types/xrm),
# type-checks the sources and builds the Dynamics parts of pkg/ (build.mjs).
# Needs pkg/web and pkg/node built first: scripts/build-pkg.sh runs this last.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
./node_modules/.bin/tsc -p tsconfig.json
node build.mjs
