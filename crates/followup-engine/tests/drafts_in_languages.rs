//! The Contoso case's drafts in each language, kept as golden text
//! (`tests/golden/drafts-contoso.txt`) so that a change to any built-in
//! template or date format shows in review: the next follow-up, the final
//! follow-up and the reply to a customer's message, for a customer whose
//! preferred language is English, German, French or Spanish (written as a
//! tag, a tag with a region, or a Dataverse language code).
//! `UPDATE_GOLDEN=1 cargo test -p followup-engine --test drafts_in_languages`
//! rewrites the file. The German, French and Spanish texts are installed
//! first, as the wasm package does: built in (the default features), that
//! changes nothing; without `builtin-languages` the drafts must come out
//! the same (`cargo test -p followup-engine --no-default-features --test
//! drafts_in_languages`). With them their reply lexicons are installed,
//! and a German, French or Spanish reply is read as natively.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a broken fixture should stop the run loudly"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use followup_engine::api::{DraftResponse, draft_email};
use followup_engine::replies::{IncomingMessage, ReplyKind, classify};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The contoso-coffee scenario's config and its first case, with the
/// customer's language in `new_preferredlanguage`.
fn contoso(language: &Value) -> (Value, Value, Vec<Value>) {
    let text = std::fs::read_to_string(root().join("tests/scenarios/contoso-coffee.json")).unwrap();
    let scenario: Value = serde_json::from_str(&text).unwrap();
    let mut config = scenario["config"].clone();
    config["language"] = json!({"field": "new_preferredlanguage", "fallback": "en"});
    let first = &scenario["cases"][0];
    let mut case = first["case"].clone();
    case["new_preferredlanguage"] = language.clone();
    let timeline = first["timeline"].as_array().unwrap().clone();
    (config, case, timeline)
}

fn drafted(config: &Value, case: &Value, timeline: Vec<Value>, request: &Value, now: &str) -> Value {
    match draft_email(config, case.clone(), Value::Array(timeline), request, &json!(now)) {
        DraftResponse::Success { email } => serde_json::to_value(email).unwrap(),
        DraftResponse::Failure { errors } => panic!("{errors:?}"),
    }
}

fn write_draft(out: &mut String, what: &str, email: &Value) {
    let _ = write!(
        out,
        "--- {what} ({}, {}) ---\nSubject: {}\n\n{}\n\n",
        email["template"].as_str().unwrap(),
        email["templateName"].as_str().unwrap(),
        email["subject"].as_str().unwrap(),
        email["textBody"].as_str().unwrap()
    );
}

fn install_languages() {
    use followup_engine::api::install_language as install;
    use followup_engine::language::Lang;
    for (lang, text, lexicon) in [
        (Lang::De, include_str!("../src/language/de.txt"), include_str!("../src/replies/lexicon/de.txt")),
        (Lang::Fr, include_str!("../src/language/fr.txt"), include_str!("../src/replies/lexicon/fr.txt")),
        (Lang::Es, include_str!("../src/language/es.txt"), include_str!("../src/replies/lexicon/es.txt")),
    ] {
        install(lang, text, lexicon).unwrap();
    }
}

/// How a reply in the customer's words is read.
fn read(body: &str) -> (ReplyKind, Option<&'static str>) {
    let message = IncomingMessage { from: Some("alex@fabrikam.com"), subject: "AW: Ihr Fall", body, headers: &[] };
    let found = classify(&message);
    (found.kind, found.language)
}

fn drafts() -> String {
    install_languages();
    // The packs installed before the first reply is read (the only test
    // here), their lexicons read replies as the built-in ones do.
    assert_eq!(read("Danke, es funktioniert jetzt wieder einwandfrei."), (ReplyKind::Favorable, Some("de")));
    assert_eq!(read("Merci, ça marche maintenant."), (ReplyKind::Favorable, Some("fr")));
    assert_eq!(read("Gracias, ya funciona todo."), (ReplyKind::Favorable, Some("es")));
    assert_eq!(read("Leider funktioniert es immer noch nicht."), (ReplyKind::Negative, Some("de")));
    let mut out = String::new();
    for (code, language) in [("en", json!("en")), ("de", json!("de-DE")), ("fr", json!("fr_FR")), ("es", json!(3082))] {
        let (config, case, timeline) = contoso(&language);
        let _ = writeln!(out, "===== {code}: new_preferredlanguage = {language} =====\n");
        let next = drafted(&config, &case, timeline.clone(), &json!({"kind": "followUp"}), "2026-11-04T14:00:00Z");
        assert_eq!(next["language"], code);
        write_draft(&mut out, "follow-up 2 of 3", &next);
        let last = drafted(&config, &case, timeline.clone(), &json!({"kind": "followUp"}), "2026-11-06T14:01:00Z");
        write_draft(&mut out, "follow-up 3 of 3", &last);
        let mut with_reply = timeline;
        let message = json!({"type": "email", "id": "e-alex", "direction": "incoming", "from": "alex@fabrikam.com",
            "to": ["support@contoso.com"], "subject": "RE: Checking in on your case CAS-01001-C0F3E3",
            "body": "It still jams after I fitted the new burr set.\n\nAlex", "sentAt": "2026-11-05T09:00:00Z"});
        with_reply.insert(3, message);
        let reply = drafted(&config, &case, with_reply, &json!({"kind": "reply"}), "2026-11-05T10:00:00Z");
        write_draft(&mut out, "reply", &reply);
    }
    out
}

#[test]
fn the_contoso_drafts_in_each_language_are_current() {
    let path = root().join("tests/golden/drafts-contoso.txt");
    let drafts = drafts();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &drafts).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == drafts,
        "tests/golden/drafts-contoso.txt is out of date: read the new drafts, then run `UPDATE_GOLDEN=1 cargo test -p followup-engine --test drafts_in_languages`\n{drafts}"
    );
}
