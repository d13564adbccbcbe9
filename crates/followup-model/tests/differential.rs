//! The engine (through host-sim's replay loop) and the reference model
//! agree on 20,000 generated histories (`DIFFERENTIAL_HISTORIES` for
//! another count; `scripts/differential.sh N` runs any number in release).

use followup_model::differential::{failing_seeds, scenario, shrunk};

#[test]
fn engine_and_model_agree_on_random_histories() {
    let count: u64 = std::env::var("DIFFERENTIAL_HISTORIES").ok().and_then(|text| text.parse().ok()).unwrap_or(20_000);
    let mismatches = failing_seeds(0..count);
    if let Some((seed, _)) = mismatches.first() {
        let first = shrunk(*seed);
        let file = serde_json::to_string_pretty(&scenario(std::slice::from_ref(&first))).unwrap_or_default();
        panic!(
            "{} of {count} histories disagree; the first, seed {seed}, shrunk: {}\nas a scenario file:\n{file}",
            mismatches.len(),
            first.difference
        );
    }
}
