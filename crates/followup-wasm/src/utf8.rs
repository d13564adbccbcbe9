//! Copying a JS string's text into the module as UTF-8.
//!
//! wasm-bindgen's own copy (`JsString::as_string`) writes the string into
//! the module one character at a time in a JS loop while it is ASCII; for
//! the JSON text of a case (tens of kilobytes) that loop was the largest
//! single cost of a sweep in Node (about a sixth of `evaluateMany`,
//! profiled with `perf` and `--perf-basic-prof`). `TextEncoder.encode`
//! encodes the string natively, and `Uint8Array.prototype.set` copies the
//! bytes into the module's memory at once; the module allocates exactly
//! the text's size, as before.

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// The JS engine's UTF-8 encoder.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Encoder;

    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Encoder;

    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Encoder, text: &JsString) -> Uint8Array;
}

thread_local! {
    static ENCODER: Encoder = Encoder::new();
}

/// `text` as a Rust string. `None` only if the encoder gave bytes that are
/// not UTF-8, which it never does: a lone surrogate becomes U+FFFD (and
/// the JSON text of `JSON.stringify` has none: it escapes them).
pub fn copy(text: &JsString) -> Option<String> {
    let bytes = ENCODER.with(|encoder| encoder.encode(text));
    let mut copied = vec![0; bytes.length() as usize];
    bytes.copy_to(&mut copied);
    String::from_utf8(copied).ok()
}
