#!/usr/bin/env bash
# The browser end-to-end tests: installs the pinned tools (npm ci), then
# runs the sweep against the fake Dataverse Web API, the README snippets
# and the bundler recipes (tests/dynamics/run.sh), then, in Node and in
# headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core),
# the Dynamics web resource against its fake Xrm and the case form.
# Needs pkg/ built first (scripts/build-pkg.sh); scripts/test.sh does that.
set -euo pipefail
cd "$(dirname "$0")"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
for built in ../../pkg/web/followup_bg.wasm ../../pkg/node/index.js ../../pkg/dynamics/case-followup.js; do
  if [ ! -f "$built" ]; then
    echo "tests/browser: $built is missing; build the package first: scripts/build-pkg.sh" >&2
    exit 1
  fi
done
if [ ! -x "$chromium" ]; then
  echo "tests/browser: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM_PATH)" >&2
  exit 1
fi

npm ci --no-audit --no-fund --loglevel=error
../dynamics/run.sh
node --test --test-reporter=spec --test-timeout=180000 \
  dynamics-form.test.mjs dynamics-web-resource.test.mjs bundlers.test.mjs case-form.test.mjs report.test.mjs
