// The package's Node entry: the same exports as the browser entry, loaded
// when imported; `init()` and `initSync()` do nothing here.
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
export type * from "../types/index.js";

/** Does nothing: the Node build is loaded when imported. */
export default function init(options?: unknown): Promise<void>;

/** Does nothing: the Node build is loaded when imported. */
export function initSync(options?: unknown): void;
