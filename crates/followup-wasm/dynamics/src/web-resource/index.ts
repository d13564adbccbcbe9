/**
 * The Dynamics 365 web resource: one classic script that defines
 * `globalThis.CaseFollowup` with the package's exports, `ready` and the form
 * library as `form`. Built by `build.mjs` (esbuild, an IIFE with the wasm
 * bytes inlined).
 */
import * as form from "../form/index.js";
import { exports, ready } from "./engine.js";

form.configure({ whenReady: () => ready });
// An unhandled rejection would be reported by the browser on every page
// the script is on; the form shows the failure when a handler runs.
ready.catch(() => {});

const CaseFollowup = Object.freeze({ ...exports, ready, form });
(globalThis as { CaseFollowup?: unknown }).CaseFollowup = CaseFollowup;
