//! Without the `builtin-languages` feature (the wasm module's build), only
//! English is built in: a case whose customer reads German gets the
//! fallback language until the German texts are installed, a text unlike
//! English is refused and leaves the language unavailable, and once
//! installed German is written as natively (docs/behaviour.md 12.10).
//! Runs with `cargo test -p followup-engine --no-default-features --test
//! languages_installed`; with the default features it has nothing to test.
#![cfg(not(feature = "builtin-languages"))]
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a broken fixture should stop the run loudly"
)]

use std::path::Path;

use followup_engine::api::{DraftResponse, Engine, EvaluateResponse, draft_email, read_options};
use followup_engine::language::{Lang, available, install};
use serde_json::{Value, json};

const GERMAN: &str = include_str!("../src/language/de.txt");

/// The contoso-coffee scenario's config (fallback `fallback`), its first
/// case for a customer who reads German, and its timeline.
fn contoso(fallback: &str) -> (Value, Value, Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/contoso-coffee.json");
    let scenario: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut config = scenario["config"].clone();
    config["language"] = json!({"field": "new_preferredlanguage", "fallback": fallback});
    let first = &scenario["cases"][0];
    let mut case = first["case"].clone();
    case["new_preferredlanguage"] = json!("de-DE");
    (config, case, first["timeline"].clone())
}

fn follow_up(fallback: &str) -> Value {
    let (config, case, timeline) = contoso(fallback);
    let request = json!({"kind": "followUp"});
    match draft_email(&config, case, timeline, &request, &json!("2026-11-04T14:00:00Z")) {
        DraftResponse::Success { email } => serde_json::to_value(email).unwrap(),
        DraftResponse::Failure { errors } => panic!("{errors:?}"),
    }
}

fn summary_for_a_german_representative() -> String {
    let (config, case, timeline) = contoso("en");
    let options = read_options(&json!({"representativeLanguage": "de"})).unwrap();
    let engine = Engine::new(&config).unwrap().with_options(options);
    match engine.evaluate(case, timeline, &json!("2026-11-04T14:00:00Z")) {
        EvaluateResponse::Success { decision } => decision.summary,
        EvaluateResponse::Failure { errors } => panic!("{errors:?}"),
    }
}

#[test]
fn german_is_available_once_installed_and_only_then() {
    assert!(available(Lang::En));
    assert!(!available(Lang::De));
    for fallback in ["en", "de"] {
        let email = follow_up(fallback);
        assert_eq!(email["language"], "en", "{fallback}");
        assert!(email["subject"].as_str().unwrap().starts_with("Checking in on your case"), "{email}");
    }
    assert!(summary_for_a_german_representative().starts_with("The customer"));

    let broken = GERMAN.replace("summary.or: {} oder {}", "summary.or: {} oder");
    assert_eq!(install(Lang::De, &broken).map_err(|problem| problem.path), Err("text.summary.or".to_owned()));
    assert!(!available(Lang::De));
    assert_eq!(follow_up("en")["language"], "en");

    install(Lang::De, GERMAN).unwrap();
    assert!(available(Lang::De));
    let email = follow_up("en");
    assert_eq!(email["language"], "de");
    assert_eq!(email["templateName"], "the built-in first follow-up template (German)");
    assert!(summary_for_a_german_representative().starts_with("Der Kunde"));
    assert_eq!(install(Lang::De, GERMAN), Ok(()));
    assert!(install(Lang::De, &GERMAN.replace("Guten Tag", "Hallo")).is_err());
    assert!(!available(Lang::Fr));
}
