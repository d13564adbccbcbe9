// Folds wasm-bindgen's JS snippets (`snippets/<crate>-<hash>/...`, the
// crate's own JS, imported by `#[wasm_bindgen(module = ...)]`) into the
// generated glue, so each target of the package stays one JS file and one
// wasm file. A CRM hosts the plugin as web resources, one file each; and the
// Node build is CommonJS, which cannot `require` the snippet's ES module on
// every Node 20.
// Usage: node scripts/inline-snippets.mjs pkg/web/followup.js pkg/node/followup.js
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

// `import { a, b } from './snippets/...';` (web) or
// `const { a, b } = require(String.raw`./snippets/...`);` (nodejs).
const SNIPPET_IMPORT =
  /^(?:import \{ ([\w, ]+) \} from '(\.\/snippets\/[^']+)';|const \{ ([\w, ]+) \} = require\(String\.raw`(\.\/snippets\/[^`]+)`\);)$/gm;

function fail(message) {
  console.error(`inline-snippets: ${message}`);
  process.exit(1);
}

for (const gluePath of process.argv.slice(2)) {
  const dir = dirname(gluePath);
  let inlined = 0;
  const glue = readFileSync(gluePath, "utf8").replace(SNIPPET_IMPORT, (_, webNames, webPath, nodeNames, nodePath) => {
    const names = (webNames ?? nodeNames).split(",").map((name) => name.trim());
    const snippet = readFileSync(join(dir, webPath ?? nodePath), "utf8");
    if (/^\s*import\b|\brequire\(/m.test(snippet)) fail(`${webPath ?? nodePath} imports other modules`);
    const body = snippet.replace(/^export (?=(?:async )?function |const |let |class )/gm, "");
    for (const name of names) {
      if (!new RegExp(`^(?:(?:async )?function|const|let|class) ${name}\\b`, "m").test(body)) {
        fail(`${webPath ?? nodePath} does not define ${name}`);
      }
    }
    inlined += 1;
    return body.trimEnd();
  });
  if (glue.includes("./snippets/")) fail(`${gluePath} still refers to a snippet it could not fold in`);
  writeFileSync(gluePath, glue);
  rmSync(join(dir, "snippets"), { recursive: true, force: true });
  console.log(`${gluePath}: ${inlined} snippet(s) folded in`);
}
