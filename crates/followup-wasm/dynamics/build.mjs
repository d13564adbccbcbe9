// Builds the Dynamics parts of the package into pkg/, after
// scripts/build-pkg.sh has built pkg/web and pkg/node:
// - pkg/dynamics/case-followup.js: the web resource, one classic script.
//   esbuild bundles the form library with the web build's glue into an
//   IIFE; the glue's wasm module is imported through esbuild's `binary`
//   loader, so its bytes travel inside the script (base64) and are handed
//   to the glue's `init({ module_or_path: bytes })`. No URL is ever
//   resolved, which is why the glue's `import.meta.url` (empty in an IIFE)
//   does not matter. The German, French and Spanish texts (pkg/languages/,
//   which the wasm module does not carry) are bundled beside it and
//   installed once the module is instantiated.
// - pkg/form/: the form library as an ES module (`case-followup/form`),
//   importing the engine from `case-followup`, with its declarations.
// - pkg/sweep/: `case-followup/sweep` and the `case-followup-sweep` command.
// Usage: node build.mjs  (from this folder; npm ci first)
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const pkg = here("../../../pkg/");
const { version } = JSON.parse(readFileSync(`${pkg}package.json`, "utf8"));

await esbuild.build({
  entryPoints: [here("src/web-resource/index.ts")],
  outfile: `${pkg}dynamics/case-followup.js`,
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "none",
  banner: { js: `/* case-followup ${version}: Dynamics 365 web resource (defines CaseFollowup). MIT OR Apache-2.0 */` },
  alias: {
    "case-followup": here("src/web-resource/engine.ts"),
    "case-followup-web-glue/wasm": `${pkg}web/followup_bg.wasm`,
    "case-followup-web-glue": `${pkg}web/followup.js`,
    "case-followup-languages/de": `${pkg}languages/de.js`,
    "case-followup-languages/fr": `${pkg}languages/fr.js`,
    "case-followup-languages/es": `${pkg}languages/es.js`,
  },
  loader: { ".wasm": "binary" },
  // The glue reads `import.meta.url` only to find the wasm file when it is
  // given none; the bytes are always given.
  logOverride: { "empty-import-meta": "silent" },
  logLevel: "warning",
});

await esbuild.build({
  entryPoints: [here("src/form/index.ts")],
  outfile: `${pkg}form/index.js`,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2020",
  external: ["case-followup"],
  logLevel: "warning",
});

await esbuild.build({
  entryPoints: [here("src/sweep/index.ts")],
  outfile: `${pkg}sweep/index.js`,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["case-followup"],
  logLevel: "warning",
});

await esbuild.build({
  entryPoints: [here("src/sweep/bin.ts")],
  outfile: `${pkg}sweep/case-followup-sweep.mjs`,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["case-followup", "case-followup/sweep"],
  logLevel: "warning",
});

// Declarations for `case-followup/form` and `case-followup/sweep`, written
// by tsc from the sources into pkg/types/dynamics/.
const declarations = `${pkg}types/dynamics/`;
rmSync(declarations, { recursive: true, force: true });
execFileSync(process.execPath, [
  here("node_modules/typescript/bin/tsc"), "-p", here("tsconfig.json"),
  "--noEmit", "false", "--declaration", "--emitDeclarationOnly", "--rootDir", here("src"),
  "--outDir", declarations,
], { stdio: "inherit" });
rmSync(`${declarations}web-resource`, { recursive: true, force: true });
rmSync(`${declarations}sweep/bin.d.ts`, { force: true });
writeFileSync(`${pkg}form/index.d.ts`, 'export * from "../types/dynamics/form/index.js";\n');
writeFileSync(`${pkg}sweep/index.d.ts`, 'export * from "../types/dynamics/sweep/index.js";\n');
// The web resource's size budget (size-budget.json, 300 KB gzipped): the
// wasm's bytes in base64 are most of it, then the German, French and
// Spanish language packs it installs (about 9 KB gzipped). The module's own
// 200 KB is the hard budget; this one is ours, a guard against growth (a
// Dynamics web resource may take megabytes).
const webResource = readFileSync(`${pkg}dynamics/case-followup.js`);
const budget = JSON.parse(readFileSync(here("size-budget.json"), "utf8"));
const gzipped = gzipSync(webResource, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`web resource size: ${kb(webResource.length)} raw, ${kb(gzipped)} gzipped ` +
  `(budget ${kb(budget.maxBytes)} raw, ${kb(budget.maxGzippedBytes)} gzipped)`);
if (webResource.length > budget.maxBytes || gzipped > budget.maxGzippedBytes) {
  console.error(`web resource over its size budget: ${webResource.length} bytes raw, ${gzipped} gzipped`);
  process.exit(1);
}
console.log("dynamics: pkg/dynamics/case-followup.js, pkg/form/, pkg/sweep/, pkg/types/dynamics/");
