// The package's Node entry: the browser entry with its wasm module loaded
// from disk when this file is imported. `init()` and `initSync()` are
// there so that the same lines run in Node and in the browser
// (`import init, { Engine } from "case-followup"; await init();`); here
// they have nothing left to do. Loading installs the German, French and
// Spanish texts into the module, as the browser entry's `initSync()` does.
import { readFileSync } from "node:fs";

import { initSync as load } from "../web/index.js";

load({ module: readFileSync(new URL("../web/followup_bg.wasm", import.meta.url)) });

export {
  Engine,
  FollowupError,
  OpenCase,
  draftEmail,
  evaluateMany,
  evaluateRules,
  fillResolution,
  validateConfig,
  version,
} from "../web/index.js";

/** Does nothing: the Node build is loaded when imported. */
export default async function init() {}

/** Does nothing: the Node build is loaded when imported. */
export function initSync() {}
