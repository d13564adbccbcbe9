// The package's browser entry. The classes and functions are declared by
// wasm-bindgen from the Rust exports (followup.d.ts); the input and output
// types come from ../types. Each export throws a `FollowupError`
// (`not-initialized`) until `init()` has finished.
export {
  Engine,
  OpenCase,
  draftEmail,
  evaluateMany,
  evaluateRules,
  fillResolution,
  initSync,
  validateConfig,
  version,
} from "./followup.js";
export type { InitInput, InitOutput, SyncInitInput } from "./followup.js";
export { default } from "./followup.js";
export type * from "../types/index.js";
export { FollowupError } from "../types/error.js";
