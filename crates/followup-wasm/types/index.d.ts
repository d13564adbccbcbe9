// The package's types: generated from the Rust types (engine.d.ts) and the
// input shapes read from open JSON records (inputs.d.ts). The error class
// is declared in error.d.ts and exported by the entries as a value.
export * from "./engine.js";
export * from "./inputs.js";

// wasm-bindgen declares `[Symbol.dispose]()` on the classes (the runtime
// sets it only where `Symbol.dispose` exists). Declared here so that a
// consumer's `lib` needs neither `ESNext.Disposable` nor `esnext`; the same
// declaration as TypeScript's own, which it merges with.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
