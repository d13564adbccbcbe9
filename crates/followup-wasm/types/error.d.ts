// The error class (js/error.js in followup-wasm): written by hand, as the
// Rust types cannot describe a JS class. tests/node/types/ checks it
// against the generated `Problem`.
import type { Problem, ProblemCode } from "./engine.js";

/**
 * The error every call throws for input it cannot use: the first problem's
 * `code` and `path`, and every problem found in `errors`. The module keeps
 * working afterwards.
 */
export declare class FollowupError extends Error {
  constructor(message: string, errors: Problem[]);
  name: "FollowupError";
  /** The first problem's code. */
  code: ProblemCode;
  /** The first problem's path (`config.rules[0].followUps.waitTimes[1]`); empty for the input as a whole. */
  path: string;
  /** Every problem found. */
  errors: Problem[];
}
