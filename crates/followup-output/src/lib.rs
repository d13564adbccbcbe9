//! Writes the engine's results as JSON text, for the wasm module to hand to
//! `JSON.parse`.
//!
//! A crate of its own so that the wasm build can compile it for speed while
//! everything else is compiled for size: writing JSON with `serde_json` is
//! a chain of small generic calls (a key, its quotes, the `:`, the value),
//! which a size-optimised build leaves as calls. Here each result type's
//! writer is instantiated (the impls are not generic), so this crate's
//! `opt-level` decides how they are compiled (see the workspace
//! `Cargo.toml`): writing a decision takes a quarter of the time it takes
//! in the size-optimised build.

use followup_engine::Decision;
use followup_engine::api::{EvaluateResponse, ValidateResponse};
use followup_engine::drafting::EmailDraft;
use followup_engine::resolution::ResolutionDraft;

/// A result the wasm module returns, written as JSON text.
pub trait JsonText {
    /// The value as compact JSON text.
    fn json_text(&self) -> Result<String, serde_json::Error>;
}

macro_rules! json_text {
    ($($ty:ty),*) => {$(
        impl JsonText for $ty {
            fn json_text(&self) -> Result<String, serde_json::Error> {
                serde_json::to_string(self)
            }
        }
    )*};
}

json_text!(Decision, [EvaluateResponse], EmailDraft, ResolutionDraft, ValidateResponse);
