//! wasm-bindgen exports of the case-followup engine (built in a later step).
