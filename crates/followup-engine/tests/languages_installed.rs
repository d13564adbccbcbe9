//! Without the `builtin-languages` feature (the wasm module's build), only
//! English is built in: a case whose customer reads German gets the
//! fallback language and a German reply is not read (never favorable)
//! until the German pack (texts and reply lexicon) is installed, which
//! can be only before the first reply is read; a text unlike English or
//! a lexicon unlike the files is refused and leaves the language
//! unavailable; once installed German is written and read as natively
//! (docs/behaviour.md 12.10).
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

use followup_engine::api::install_language as install;
use followup_engine::api::{DraftResponse, Engine, EvaluateResponse, draft_email, read_options};
use followup_engine::language::{Lang, available};
use followup_engine::replies::{IncomingMessage, ReplyKind, classify};
use serde_json::{Value, json};

const GERMAN: &str = include_str!("../src/language/de.txt");
const GERMAN_LEXICON: &str = include_str!("../src/replies/lexicon/de.txt");
const FRENCH: &str = include_str!("../src/language/fr.txt");
const FRENCH_LEXICON: &str = include_str!("../src/replies/lexicon/fr.txt");

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

/// How a German reply in the customer's words is read.
fn german_reply() -> (ReplyKind, Option<&'static str>) {
    let body = "Danke, es funktioniert jetzt wieder einwandfrei.";
    let message = IncomingMessage { from: Some("alex@fabrikam.com"), subject: "AW: Ihr Fall", body, headers: &[] };
    let found = classify(&message);
    (found.kind, found.language)
}

/// Set in the process that runs [`before_any_install`].
const BEFORE: &str = "FOLLOWUP_TEST_BEFORE_INSTALL";

/// Before German is installed: the case gets the fallback, a German reply
/// is in no language read (never favorable), and once a reply was read
/// no lexicon can be installed any more, nor the texts with it.
fn before_any_install() {
    assert!(available(Lang::En));
    assert!(!available(Lang::De));
    for fallback in ["en", "de"] {
        let email = follow_up(fallback);
        assert_eq!(email["language"], "en", "{fallback}");
        assert!(email["subject"].as_str().unwrap().starts_with("Checking in on your case"), "{email}");
    }
    assert!(summary_for_a_german_representative().starts_with("The customer"));
    assert_eq!(german_reply(), (ReplyKind::Other, None));

    let late = install(Lang::De, GERMAN, GERMAN_LEXICON).unwrap_err();
    assert_eq!(late.path, "lexicon");
    assert!(late.message.ends_with("install languages before the first call"), "{}", late.message);
    assert!(!available(Lang::De));
    assert_eq!(follow_up("en")["language"], "en");
}

#[test]
fn german_is_available_once_installed_and_only_then() {
    if std::env::var_os(BEFORE).is_some() {
        before_any_install();
        return;
    }
    // The engine reads replies once with the lexicons it has: what comes
    // before the install runs in a process of its own, this test alone.
    let name = "german_is_available_once_installed_and_only_then";
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--test-threads=1"])
        .env(BEFORE, "1")
        .status()
        .unwrap();
    assert!(status.success(), "before the install: {status}");

    let broken = GERMAN.replace("summary.or: {} oder {}", "summary.or: {} oder");
    assert_eq!(
        install(Lang::De, &broken, GERMAN_LEXICON).map_err(|problem| problem.path),
        Err("text.summary.or".to_owned())
    );
    assert!(!available(Lang::De));
    let unfolded = GERMAN_LEXICON.replace("[solved]\n", "[solved]\nGelöst\n");
    assert_eq!(install(Lang::De, GERMAN, &unfolded).map_err(|problem| problem.path), Err("lexicon".to_owned()));
    assert!(!available(Lang::De));

    install(Lang::De, GERMAN, GERMAN_LEXICON).unwrap();
    assert!(available(Lang::De));
    let email = follow_up("en");
    assert_eq!(email["language"], "de");
    assert_eq!(email["templateName"], "the built-in first follow-up template (German)");
    assert!(summary_for_a_german_representative().starts_with("Der Kunde"));
    assert_eq!(german_reply(), (ReplyKind::Favorable, Some("de")));
    assert_eq!(install(Lang::De, GERMAN, GERMAN_LEXICON), Ok(()));
    assert!(install(Lang::De, &GERMAN.replace("Guten Tag", "Hallo"), GERMAN_LEXICON).is_err());
    let other = GERMAN_LEXICON.replace("[solved]\n", "[solved]\nalles prima\n");
    assert_eq!(install(Lang::De, GERMAN, &other).map_err(|problem| problem.path), Err("lexicon".to_owned()));
    // Replies were read: French comes too late.
    assert!(!available(Lang::Fr));
    assert_eq!(install(Lang::Fr, FRENCH, FRENCH_LEXICON).map_err(|problem| problem.path), Err("lexicon".to_owned()));
    assert!(!available(Lang::Fr));
}
