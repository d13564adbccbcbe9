//! Invariants over raw bytes: each entry point takes any input without
//! panicking and answers with JSON that reads back to the same value.

use followup_engine::api;
use followup_engine::replies::{IncomingMessage, classify};
use followup_engine::template::{Filled, Insert, Slot, Values, compile_text};
use serde_json::Value;

/// Parses an entry point's answer, failing loudly when it is not JSON or
/// does not say whether it succeeded.
fn answer(text: &str) -> Value {
    let value: Value =
        serde_json::from_str(text).unwrap_or_else(|error| panic!("the answer is not JSON ({error}): {text}"));
    let kind = value.get("type").and_then(Value::as_str);
    assert!(matches!(kind, Some("success" | "failure")), "the answer has no type: {text}");
    if kind == Some("failure") {
        let errors =
            value.get("errors").and_then(Value::as_array).unwrap_or_else(|| panic!("a failure without errors: {text}"));
        assert!(!errors.is_empty(), "a failure with no error: {text}");
        for error in errors {
            for key in ["code", "path", "message"] {
                assert!(error.get(key).and_then(Value::as_str).is_some(), "an error without `{key}`: {text}");
            }
        }
    }
    // The answer survives a round trip through JSON text.
    let again: Value = serde_json::from_str(&serde_json::to_string(&value).unwrap_or_default()).unwrap_or_default();
    assert_eq!(again, value, "the answer does not round-trip");
    value
}

/// `validateConfig` on any bytes: never panics; a config it accepts is one
/// the engine can run.
pub fn check_config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = answer(&api::validate_config_json(text));
    if report["type"] == "success" {
        let config: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        assert!(api::Engine::new(&config).is_ok(), "validateConfig accepted a config the engine refuses");
    }
}

/// `evaluateRules` on any request text: never panics, answers JSON, and a
/// decision never asks to look again in the past.
pub fn check_evaluate_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let first = api::evaluate_rules_json(text);
    assert_eq!(first, api::evaluate_rules_json(text), "the same request gave two answers");
    let response = answer(&first);
    if response["type"] == "success" {
        let decision = &response["decision"];
        if let (Some(next), Some(at)) = (decision["nextCheckAt"].as_str(), decision["evaluatedAt"].as_str()) {
            let (next, at) = (followup_engine::parse_timestamp(next), followup_engine::parse_timestamp(at));
            if let (Ok(next), Ok(at)) = (next, at) {
                assert!(next > at, "nextCheckAt {next} is not after {at}");
            }
        }
    }
}

/// Values for template checks: each named value is the marker text, which
/// carries characters HTML must never see raw.
struct Hostile(String);

impl Values for Hostile {
    fn value(&self, name: &str) -> Option<Insert> {
        (!name.is_empty()).then(|| Insert::text(self.0.clone()))
    }
}

/// Any template text: parsing never panics; a template that parses renders,
/// and its HTML never carries a value's markup unescaped.
pub fn check_template(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (source, value) = text.split_once('\u{0}').unwrap_or((text, "<b onclick=x>'\"&</b>"));
    let mut problems = Vec::new();
    let Some(template) = compile_text(source, "t", Slot::Reply, &mut problems) else {
        assert!(!problems.is_empty(), "a refused template with no problem");
        return;
    };
    let values = Hostile(format!("<v>{value}"));
    let filled = Filled::new(&template, &values);
    let (Ok(html), Ok(_)) = (filled.html_from_text(), filled.text()) else {
        return;
    };
    // A plain-text template's HTML holds no `<` but the engine's own tags.
    let mut rest = html.as_str();
    while let Some(at) = rest.find('<') {
        let tail = rest.get(at..).unwrap_or("");
        let own = ["<p>", "</p>", "<br>"].iter().any(|tag| tail.starts_with(tag));
        assert!(own, "unescaped markup in HTML output: {html}");
        rest = tail.get(1..).unwrap_or("");
    }
}

/// Any message: classification never panics and gives the same answer twice.
pub fn check_classify(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\u{1}');
    let from = parts.next().unwrap_or("");
    let subject = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("");
    let header = parts.next().unwrap_or("");
    let headers: Vec<(String, String)> =
        header.split_once(':').map(|(name, value)| vec![(name.to_owned(), value.to_owned())]).unwrap_or_default();
    let message = IncomingMessage { from: Some(from), subject, body, headers: &headers };
    let first = classify(&message);
    assert_eq!(first, classify(&message), "the same message read two ways");
    let _ = followup_engine::mail::own_words(&followup_engine::mail::html_to_text(body));
}
