// The package's types: generated from the Rust types (engine.d.ts) and the
// input shapes read from open JSON records (inputs.d.ts).
export * from "./engine.js";
export * from "./inputs.js";
