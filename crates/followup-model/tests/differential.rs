//! The engine (through host-sim's replay loop) and the reference model
//! agree on 20,000 generated histories (`DIFFERENTIAL_HISTORIES` for
//! another count; `scripts/differential.sh N` runs any number in release).

use followup_model::differential::{check_seeds, scenario};

#[test]
fn engine_and_model_agree_on_random_histories() {
    let count: u64 = std::env::var("DIFFERENTIAL_HISTORIES").ok().and_then(|text| text.parse().ok()).unwrap_or(20_000);
    let mismatches = check_seeds(0..count);
    if let Some(first) = mismatches.first() {
        let file = serde_json::to_string_pretty(&scenario(&mismatches[..mismatches.len().min(5)])).unwrap_or_default();
        panic!(
            "{} of {count} histories disagree; first, seed {}: {}\nas a scenario file:\n{file}",
            mismatches.len(),
            first.seed,
            first.difference
        );
    }
}
