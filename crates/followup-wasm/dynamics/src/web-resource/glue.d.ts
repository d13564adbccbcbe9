// The names the web resource's build gives the package's web build (see
// build.mjs): its glue, and its wasm module's bytes (esbuild's binary loader).
declare module "case-followup-web-glue" {
  export * from "case-followup";
  export { default } from "case-followup";
}
declare module "case-followup-web-glue/wasm" {
  const bytes: Uint8Array;
  export default bytes;
}
// The German, French and Spanish texts and reply lexicons the wasm module
// does not carry (pkg/languages/<code>.js): the content of the engine's
// language file, and of its reply lexicon.
declare module "case-followup-languages/de" {
  const text: string;
  export default text;
  export const lexicon: string;
}
declare module "case-followup-languages/fr" {
  const text: string;
  export default text;
  export const lexicon: string;
}
declare module "case-followup-languages/es" {
  const text: string;
  export default text;
  export const lexicon: string;
}
