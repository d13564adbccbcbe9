#!/usr/bin/env bash
# Builds the npm package in pkg/: the wasm module with its wasm-bindgen ES
# module (pkg/web/), the browser and Node entries, the TypeScript
# declarations, package.json, README and licences; then checks the size
# budget. Needs: the wasm32 target, wasm-bindgen-cli at the Cargo.lock
# version (`scripts/setup.sh` installs it), Node (wasm-opt comes from npm).
#
# Each step is a function; a new output of the package (a bundle, say) is
# one more function called at the end, reading what the earlier ones wrote.
set -euo pipefail
cd "$(dirname "$0")/.."

template=crates/followup-wasm/package

# The wasm module, optimised, and its ES module: pkg/web/followup.js,
# followup_bg.wasm, their declarations and the snippets they import.
build_module() {
  local profile=wasm-release
  cargo build --locked -p followup-wasm --lib --target wasm32-unknown-unknown --profile "$profile"
  local wasm="target/wasm32-unknown-unknown/$profile/followup_wasm.wasm"
  mkdir -p pkg/.build
  # wasm-opt is binaryen 132, pinned in crates/followup-wasm/tools (npm):
  # about 1 KB gzipped smaller than Debian's 108 on this module. It runs on
  # the compiler's output, before wasm-bindgen, with the post-MVP features
  # the Rust toolchain emits named (every feature would let it use encodings
  # wasm-bindgen cannot read).
  (cd crates/followup-wasm/tools && npm ci --no-audit --no-fund --loglevel=error)
  local features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-reference-types --enable-multivalue --enable-mutable-globals)
  # `--converge` repeats -Oz until the module stops shrinking (475 bytes
  # gzipped fewer than one round, with the languages of issue 21).
  node crates/followup-wasm/tools/node_modules/binaryen/bin/wasm-opt -Oz --converge --strip-debug --strip-producers \
    "${features[@]}" "$wasm" -o pkg/.build/followup.wasm
  wasm-bindgen --remove-name-section --remove-producers-section --target web \
    --out-dir pkg/web --out-name followup pkg/.build/followup.wasm
  rm -rf pkg/.build pkg/web/.gitignore
}

# The entries (web/index.js, node/index.js and their declarations), the
# types, package.json, README and licences.
build_package() {
  cp "$template/web/index.js" "$template/web/index.d.ts" pkg/web/
  mkdir -p pkg/node
  cp "$template/node/index.js" "$template/node/index.d.ts" pkg/node/
  # The entries export the FollowupError class that the wasm module
  # throws: js/error.js as wasm-bindgen copied it, under a folder named
  # after the crate and its version.
  local snippets=(pkg/web/snippets/*/js/error.js)
  if [ ${#snippets[@]} -ne 1 ] || [ ! -f "${snippets[0]}" ]; then
    echo "build-pkg: expected one js/error.js among pkg/web/snippets, found: ${snippets[*]}" >&2
    exit 1
  fi
  echo "export { FollowupError } from \"./${snippets[0]#pkg/web/}\";" > pkg/web/error.js
  mkdir -p pkg/types
  cp crates/followup-wasm/types/*.d.ts pkg/types/
  local version
  version=$(cargo metadata --no-deps --format-version 1 | node -e '
    let input = ""; process.stdin.on("data", d => input += d).on("end", () => {
      const pkg = JSON.parse(input).packages.find(p => p.name === "followup-wasm");
      process.stdout.write(pkg.version);
    });')
  sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" "$template/package.json" > pkg/package.json
  cp "$template/README.md" "$template/LICENSE-MIT" "$template/LICENSE-APACHE" pkg/
  build_languages
}

# The German, French and Spanish texts and reply lexicons, which the wasm
# module does not carry (the engine's `builtin-languages` feature is off in
# followup-wasm): pkg/languages/<code>.js, each `export default "<the
# language/<code>.txt without its comment lines>"` and `export const
# lexicon = "<the replies/lexicon/<code>.txt without its comment and blank
# lines>"`, JSON-escaped, installed by the entries (web/index.js after
# `init()`, node/index.js at load) and bundled into the Dynamics web resource.
build_languages() {
  mkdir -p pkg/languages
  local code
  for code in de fr es; do
    node -e '
      const [source, lexiconSource, target] = process.argv.slice(1);
      const fs = require("node:fs");
      // Without the comment lines between entries, as build.rs leaves them
      // out of the module: they are for translators.
      let inBlock = false;
      const text = fs.readFileSync(source, "utf8").split(/(?<=\n)/).filter((line) => {
        const bare = line.replace(/\n$/, "");
        if (inBlock) { inBlock = bare !== "."; return true; }
        if (bare.startsWith("#")) return false;
        inBlock = bare.endsWith(":") && !bare.includes(": ");
        return true;
      }).join("");
      // The lexicon without its comment and blank lines, which the engine
      // skips (replies/lexicon.rs).
      const lexicon = fs.readFileSync(lexiconSource, "utf8").split("\n")
        .filter((line) => line.trim() !== "" && !line.trim().startsWith("#")).map((line) => line + "\n").join("");
      fs.writeFileSync(target, "// Generated by scripts/build-pkg.sh from " + source + " and " + lexiconSource + "\n" +
        "export default " + JSON.stringify(text) + ";\n" + "export const lexicon = " + JSON.stringify(lexicon) + ";\n");
    ' "crates/followup-engine/src/language/$code.txt" "crates/followup-engine/src/replies/lexicon/$code.txt" \
      "pkg/languages/$code.js"
  done
}

# Dynamics 365: the web resource, the form library and the sweep:
# pkg/dynamics/case-followup.js (one classic script, the wasm inlined),
# pkg/form/ (`case-followup/form`) and pkg/sweep/ (`case-followup-sweep`),
# bundled by esbuild from crates/followup-wasm/dynamics/, with the web
# resource's own size check. See crates/followup-wasm/dynamics/build.mjs.
build_dynamics() {
  crates/followup-wasm/dynamics/build.sh
}

rm -rf pkg
build_module
build_package
node scripts/check-size.mjs pkg/web/followup_bg.wasm crates/followup-wasm/size-budget.json
build_dynamics
