#!/usr/bin/env bash
# The browser end-to-end tests and the Dynamics 365 form script sample:
# installs the pinned tools (npm ci), compiles the sample with tsc (strict),
# then runs the sample against its fake Xrm and the case form in headless
# Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
# Needs pkg/ built first (scripts/build-pkg.sh); scripts/test.sh does that.
set -euo pipefail
cd "$(dirname "$0")"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
for built in ../../pkg/web/followup_bg.wasm ../../pkg/node/index.js; do
  if [ ! -f "$built" ]; then
    echo "tests/browser: $built is missing; build the package first: scripts/build-pkg.sh" >&2
    exit 1
  fi
done
if [ ! -x "$chromium" ]; then
  echo "tests/browser: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM_PATH)" >&2
  exit 1
fi

npm ci --no-audit --no-fund
./node_modules/.bin/tsc -p dynamics-sample/tsconfig.json
node --test --test-reporter=spec --test-timeout=120000 dynamics-sample.test.mjs case-form.test.mjs
