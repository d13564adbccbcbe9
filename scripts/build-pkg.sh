#!/usr/bin/env bash
# Builds the npm package in pkg/: the wasm module for browsers (ES module,
# `--target web`) and for Node (`--target nodejs`), optimised with wasm-opt,
# with TypeScript declarations, package.json and README. Then checks the
# size budget. Needs: the wasm32 target, wasm-bindgen-cli at the Cargo.lock
# version, wasm-opt (binaryen). `scripts/setup.sh` installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=wasm-release
cargo build --locked -p followup-wasm --lib --target wasm32-unknown-unknown --profile "$profile"
wasm="target/wasm32-unknown-unknown/$profile/followup_wasm.wasm"

rm -rf pkg
mkdir -p pkg/.build
# wasm-opt runs on the compiler's output, before wasm-bindgen: Debian's
# wasm-opt 108 turns the externref table wasm-bindgen adds into a funcref
# table, which fails at load. wasm-opt 108 also needs the post-MVP features
# the Rust toolchain emits named explicitly.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-reference-types --enable-multivalue --enable-mutable-globals)
# `--low-memory-unused` lets wasm-opt fold address arithmetic into load and
# store offsets. It assumes nothing lives in the lowest
# 1 KB of memory: Rust puts the 1 MB stack there, growing down, so only a
# call stack 1 MB deep would reach it, and the engine's recursion is bounded
# (JSON nesting 128, conditions 32 deep). Emscripten assumes the same in
# every optimised build. `--converge` repeats the passes while they still
# shrink the module. Together: -0.9 KB gzipped. (`--ignore-implicit-traps`
# would save 0.15 KB more, but it lets wasm-opt move a load above the check
# that guards it: the case form in Chromium then failed with "memory access
# out of bounds".) The second `-Oz`: one more round after the converged
# ones still takes 0.25 KB gzipped off (measured, no slower); a third does
# nothing.
wasm-opt -Oz --low-memory-unused --converge --strip-debug --strip-producers -Oz "${features[@]}" "$wasm" \
  -o pkg/.build/followup.wasm
# The name and producers sections wasm-bindgen would add name only its own
# glue (1 KB raw, 0.3 KB gzipped); stack traces keep the JS side's names.
wasm-bindgen --remove-name-section --remove-producers-section --target web --out-dir pkg/web --out-name followup pkg/.build/followup.wasm
wasm-bindgen --remove-name-section --remove-producers-section --target nodejs --out-dir pkg/node --out-name followup pkg/.build/followup.wasm
rm -rf pkg/.build
node scripts/inline-snippets.mjs pkg/web/followup.js pkg/node/followup.js

version=$(cargo metadata --no-deps --format-version 1 | node -e '
  let input = ""; process.stdin.on("data", d => input += d).on("end", () => {
    const pkg = JSON.parse(input).packages.find(p => p.name === "followup-wasm");
    process.stdout.write(pkg.version);
  });')
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" crates/followup-wasm/package/package.json > pkg/package.json
cp crates/followup-wasm/package/README.md pkg/README.md
mkdir -p pkg/types
cp crates/followup-wasm/types/*.d.ts pkg/types/
# The Node build is CommonJS inside an ES-module package.
echo '{"type": "commonjs"}' > pkg/node/package.json
rm -f pkg/web/.gitignore pkg/node/.gitignore

node scripts/check-size.mjs pkg/web/followup_bg.wasm crates/followup-wasm/size-budget.json

# --- Dynamics 365: the web resource, the form library and the sweep -------
# pkg/dynamics/case-followup.js (one classic script, the wasm inlined),
# pkg/form/ (`case-followup/form`) and pkg/sweep/ (`case-followup-sweep`),
# bundled by esbuild from crates/followup-wasm/dynamics/; checks the web
# resource's size budget. See crates/followup-wasm/dynamics/build.mjs.
crates/followup-wasm/dynamics/build.sh
