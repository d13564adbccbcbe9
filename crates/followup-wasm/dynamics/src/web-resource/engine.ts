/**
 * The package's exports inside the web resource: the web build's own
 * functions and classes, instantiated from the wasm bytes bundled with them,
 * each refusing to run before the module is ready with a `FollowupError`
 * that says to await `CaseFollowup.ready` (the bare glue would fail with a
 * `TypeError` deep inside itself).
 *
 * The form library imports `case-followup`; the web resource's build
 * points that name here. The module carries English only: the German,
 * French and Spanish texts and reply lexicons are bundled beside it and
 * installed before `CaseFollowup.ready` resolves (so before any call), as
 * the package's own entries do.
 */
import * as glue from "case-followup-web-glue";
import wasmBytes from "case-followup-web-glue/wasm";
import de, { lexicon as deLexicon } from "case-followup-languages/de";
import es, { lexicon as esLexicon } from "case-followup-languages/es";
import fr, { lexicon as frLexicon } from "case-followup-languages/fr";

const READY = "CaseFollowup.ready";
type Ready = { state: "starting" } | { state: "ready" } | { state: "failed"; reason: string };
let status: Ready = { state: "starting" };

/** The error of a call made too early, or after the module failed to start. */
function notReady(name: string): Error {
  const message = status.state === "failed"
    ? `case-followup could not start${name === READY ? "" : `, so \`${name}\` cannot run`}: ${status.reason}`
    : `case-followup is still starting: \`${name}\` was called before \`CaseFollowup.ready\` resolved; await it first`;
  const error = Object.assign(new Error(message), {
    code: "not-ready",
    path: "",
    errors: [{ code: "not-ready", path: "", message }],
  });
  error.name = "FollowupError";
  // The package's own error class, when this build of it has one, so that `instanceof` holds.
  const FollowupError = exports["FollowupError"];
  if (typeof FollowupError === "function") Object.setPrototypeOf(error, FollowupError.prototype as object);
  return error;
}

function assertReady(name: string): void {
  if (status.state !== "ready") throw notReady(name);
}

/**
 * Resolves once the module is instantiated; rejects, saying why, when it
 * cannot be (most often a content security policy without
 * `'wasm-unsafe-eval'`).
 */
export const ready: Promise<void> = glue.default({ module_or_path: wasmBytes }).then(() => {
  glue.installLanguage("de", de, deLexicon);
  glue.installLanguage("fr", fr, frLexicon);
  glue.installLanguage("es", es, esLexicon);
}).then(
  () => {
    status = { state: "ready" };
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // Chromium: "Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source ..."
    const blocked = /content security policy|unsafe-eval/i.test(message);
    const reason = blocked
      ? `the page's content security policy does not allow WebAssembly: its script-src needs 'wasm-unsafe-eval' (${message})`
      : message;
    status = { state: "failed", reason };
    throw notReady(READY);
  },
);

/** A function or class of the glue that first checks the module is ready. */
function guarded<T extends (...args: never[]) => unknown>(name: string, target: T): T {
  return new Proxy(target, {
    apply(fn, thisArg, args) {
      assertReady(name);
      return Reflect.apply(fn, thisArg, args);
    },
    construct(fn, args, newTarget) {
      assertReady(`new ${name}`);
      return Reflect.construct(fn, args, newTarget) as object;
    },
  });
}

/** Exports that are plain JS and need no module (the error class). */
const PLAIN = new Set(["FollowupError"]);
/**
 * Exports of the glue that only set it up (`start` runs by itself at
 * instantiation, `installLanguage` once it is ready): the web resource
 * does that itself.
 */
const SETUP = new Set(["default", "initSync", "start", "installLanguage"]);

/** Every export of the package, guarded where it needs the module. */
export const exports: Record<string, unknown> = {};
for (const [name, value] of Object.entries(glue)) {
  if (SETUP.has(name)) continue;
  exports[name] = typeof value === "function" && !PLAIN.has(name)
    ? guarded(name, value as (...args: never[]) => unknown)
    : value;
}

export const Engine = exports["Engine"] as typeof glue.Engine;
export const validateConfig = exports["validateConfig"] as typeof glue.validateConfig;
