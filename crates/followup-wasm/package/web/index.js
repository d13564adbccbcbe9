// The package's browser entry: the module wasm-bindgen writes
// (followup.js), whose exports read the wasm instance that `init()` loads.
// Each export here first checks that `init()` has finished, so a call made
// too early throws a FollowupError that says what to do instead of failing
// inside the generated code. The wasm module carries English only: once it
// is loaded, the German, French and Spanish texts and reply lexicons
// (languages/*.js, written by scripts/build-pkg.sh from the engine's
// files) are installed into it, before any call, so that every call sees
// all four languages.
import load, {
  Engine as LoadedEngine,
  OpenCase,
  draftEmail as loadedDraftEmail,
  evaluateMany as loadedEvaluateMany,
  evaluateRules as loadedEvaluateRules,
  fillResolution as loadedFillResolution,
  initSync as loadSync,
  installLanguage,
  validateConfig as loadedValidateConfig,
  version as loadedVersion,
} from "./followup.js";
// The class the wasm module throws: error.js re-exports it from where
// wasm-bindgen copied js/error.js (scripts/build-pkg.sh writes it).
import { FollowupError } from "./error.js";
import de, { lexicon as deLexicon } from "../languages/de.js";
import es, { lexicon as esLexicon } from "../languages/es.js";
import fr, { lexicon as frLexicon } from "../languages/fr.js";

export { FollowupError, OpenCase };

let loaded = false;

// Once per module, before any call (the engine takes lexicons only before
// it first reads a reply): installing the same pack again changes nothing,
// so a second `init()` is harmless.
function installLanguages() {
  installLanguage("de", de, deLexicon);
  installLanguage("fr", fr, frLexicon);
  installLanguage("es", es, esLexicon);
}

/**
 * Loads the wasm module: `followup_bg.wasm` beside this file, or what
 * `options.module_or_path` gives (a URL, a `Response`, the bytes or a
 * compiled `WebAssembly.Module`). Await it once before any other call.
 */
export default async function init(options) {
  const output = await load(options);
  installLanguages();
  loaded = true;
  return output;
}

/** Loads the wasm module from its bytes or a compiled module, at once. */
export function initSync(options) {
  const output = loadSync(options);
  installLanguages();
  loaded = true;
  return output;
}

function ready() {
  if (loaded) return;
  const message = "the wasm module is not loaded yet: `await init()` before any other call";
  throw new FollowupError(`not-initialized: ${message}`, [{ code: "not-initialized", path: "", message }]);
}

export class Engine extends LoadedEngine {
  constructor(config, options) {
    ready();
    super(config, options);
  }
}

export function evaluateRules(config, caseRecord, timeline, now) {
  ready();
  return loadedEvaluateRules(config, caseRecord, timeline, now);
}

export function evaluateMany(config, cases, now) {
  ready();
  return loadedEvaluateMany(config, cases, now);
}

export function draftEmail(config, caseRecord, timeline, request, now) {
  ready();
  return loadedDraftEmail(config, caseRecord, timeline, request, now);
}

export function fillResolution(config, caseRecord, timeline, current, now) {
  ready();
  return loadedFillResolution(config, caseRecord, timeline, current, now);
}

export function validateConfig(config) {
  ready();
  return loadedValidateConfig(config);
}

export function version() {
  ready();
  return loadedVersion();
}
