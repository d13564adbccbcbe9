//! # followup-fuzz
//!
//! What must hold for any input, checked by the fuzz targets in `fuzz/`
//! (libFuzzer, nightly) and by this crate's tests on the stable toolchain,
//! which replay every input kept in `tests/fuzz-corpus/` (seeds, and inputs
//! that once broke an invariant) and a fixed run of generated inputs.
//!
//! Each check panics when an invariant breaks: that is how a fuzzer learns
//! it found something. Bad input is not a failure; a panic in the engine,
//! an answer that is not JSON, or a broken property is.
#![expect(
    clippy::panic,
    clippy::missing_panics_doc,
    reason = "a broken invariant must panic: that is how a fuzzer learns it found something"
)]
#![expect(clippy::indexing_slicing, reason = "indexing a serde_json::Value yields Null when absent; it does not panic")]

mod invariants;
mod structured;

pub use invariants::{check_classify, check_config, check_evaluate_json, check_template};
pub use structured::{Mutation, Replacement, Story, check_mutated, check_story};
