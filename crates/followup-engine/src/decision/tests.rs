//! Unit checks of the decision's keys and bounce handling. The state
//! machine's properties over generated histories are checked by
//! `crates/followup-fuzz` (proptest on stable, libFuzzer on nightly).

use serde_json::{Value, json};

use crate::api::Engine;

fn engine(count: u32) -> Engine {
    Engine::new(&json!({"rules": [{"id": "prop", "automation": "full", "triggerStatusReasons": [3],
        "followUps": {"count": count, "waitTimes": "PT24H"}}]}))
    .unwrap()
}

fn decide(engine: &Engine, timeline: &Value, now: &str) -> Value {
    let case = json!({"incidentid": "prop-case", "statecode": 0, "statuscode": 3, "createdon": "2026-10-01T00:00:00Z",
        "emailaddress": "c@x.com"});
    let response = serde_json::to_value(engine.evaluate(case, timeline.clone(), &json!(now))).unwrap();
    assert_eq!(response["type"], "success", "{response}");
    response["decision"].clone()
}

fn history(extra: &[Value]) -> Value {
    let mut items = vec![
        json!({"type": "statusChange", "at": "2026-11-02T00:00:00Z", "statusReason": 3}),
        json!({"type": "email", "id": "rep", "direction": "outgoing", "to": ["c@x.com"], "subject": "RE", "body": "…",
            "sentAt": "2026-11-02T00:01:00Z"}),
    ];
    items.extend_from_slice(extra);
    Value::Array(items)
}

#[test]
fn idempotency_keys_stay_the_same_while_a_step_waits() {
    let engine = engine(3);
    let early = decide(&engine, &history(&[]), "2026-11-03T00:01:00Z");
    let late = decide(&engine, &history(&[]), "2026-11-07T00:00:00Z");
    assert_eq!(early["state"], "followUpDue");
    assert_eq!(early["actions"][0]["idempotencyKey"], late["actions"][0]["idempotencyKey"]);
    assert_eq!(early["actions"][0]["idempotencyKey"], "prop-case/prop/followUp-2/after-rep");
}

#[test]
fn a_bounced_follow_up_does_not_count() {
    let bounce = json!({"type": "email", "id": "ndr", "direction": "incoming", "subject": "Undeliverable", "body": "",
        "sentAt": "2026-11-02T00:30:00Z", "classification": "bounce"});
    let decision = decide(&engine(2), &history(&[bounce]), "2026-11-05T00:00:00Z");
    assert_eq!(decision["state"], "paused");
    assert_eq!(decision["followUps"]["sent"], 0);
    assert_eq!(decision["nextCheckAt"], Value::Null);
}

#[test]
fn items_after_now_are_not_considered() {
    let answer = json!({"type": "email", "id": "answer", "direction": "incoming", "from": "c@x.com", "subject": "RE: RE",
        "body": "Thanks, it works now.", "sentAt": "2026-11-04T00:00:00Z"});
    let closed = json!({"type": "statusChange", "at": "2026-11-04T00:05:00Z", "statusReason": 5});
    let timeline = history(&[answer, closed]);
    let before = decide(&engine(3), &timeline, "2026-11-03T12:00:00Z");
    assert_eq!(before["state"], "followUpDue", "{before}");
    assert_eq!(
        before["explanation"]["notes"][0],
        "2 timeline items were not considered: later than 2026-11-03T12:00:00Z"
    );
    // An item at `now` itself has happened.
    let at_answer = decide(&engine(3), &timeline, "2026-11-04T00:00:00Z");
    assert_eq!(at_answer["state"], "stopped", "{at_answer}");
    assert_eq!(
        at_answer["explanation"]["notes"][0],
        "1 timeline item was not considered: later than 2026-11-04T00:00:00Z"
    );
    // Nor is the latest item hidden when `now` is its instant.
    let after = decide(&engine(3), &timeline, "2026-11-04T00:05:00Z");
    let notes = after["explanation"]["notes"].as_array().unwrap();
    assert!(notes.iter().all(|note| !note.as_str().unwrap().contains("not considered")), "{after}");
}

/// Items of the same instant are read in the documented order
/// (`docs/behaviour.md`, 1.2), never in input order: a reply and an agent
/// follow-up in the same second decide alike in either order, and the
/// reply still needs a person.
#[test]
fn same_instant_items_decide_alike_in_either_input_order() {
    let reply = json!({"type": "email", "id": "r1", "direction": "incoming", "from": "c@x.com", "subject": "RE",
        "body": "It still fails.", "sentAt": "2026-11-03T00:01:00Z", "classification": "negative"});
    let follow_up = json!({"type": "email", "id": "f2", "direction": "outgoing", "to": ["c@x.com"], "subject": "RE",
        "body": "Checking in.", "sentAt": "2026-11-03T00:01:00Z", "followUpKey": "prop-case/prop/followUp-2/after-rep"});
    let engine = engine(3);
    let first = decide(&engine, &history(&[reply.clone(), follow_up.clone()]), "2026-11-05T00:00:00Z");
    let second = decide(&engine, &history(&[follow_up, reply]), "2026-11-05T00:00:00Z");
    assert_eq!(first, second);
    assert_eq!(first["state"], "replyNeeded", "{first}");
}

#[cfg(feature = "builtin-languages")] // German, French and Spanish built in
#[test]
fn the_card_follows_the_representatives_language_and_the_email_the_customers() {
    let config = json!({"language": {"field": "new_language"}, "rules": [{"id": "prop", "automation": "confirm",
        "triggerStatusReasons": [3], "followUps": {"count": 3, "waitTimes": "PT24H"}}]});
    let options = crate::api::read_options(&json!({"representativeLanguage": "de-DE"})).unwrap();
    let engine = Engine::new(&config).unwrap().with_options(options);
    let case = json!({"incidentid": "prop-case", "statecode": 0, "statuscode": 3, "createdon": "2026-10-01T00:00:00Z",
        "emailaddress": "c@x.com", "new_language": 1036});
    let response = serde_json::to_value(engine.evaluate(case, history(&[]), &json!("2026-11-03T00:01:00Z"))).unwrap();
    let decision = &response["decision"];
    assert_eq!(
        decision["summary"],
        "Der Kunde hat seit dem 2. Nov. 2026, 00:01 UTC nicht geantwortet. Nachfrage 2 von 3 ist jetzt fällig: Prüfen und senden Sie sie; ohne Antwort wird der Fall frühestens am 5. Nov. 2026, 00:01 UTC gelöst."
    );
    let card = &decision["card"];
    assert_eq!(card["title"], "Vorgeschlagene Aktionen");
    assert_eq!(card["items"][0]["label"], "Nachfrage senden");
    assert_eq!(card["items"][0]["button"], "E-Mail prüfen und senden");
    let email = &card["items"][0]["email"];
    assert_eq!(email["language"], "fr");
    assert_eq!(email["templateName"], "die mitgelieferte Vorlage für die erste Nachfrage (Französisch)");
    assert!(email["textBody"].as_str().unwrap().starts_with("Bonjour,\n\nNous revenons vers vous"), "{email}");
    assert!(email["subject"].as_str().unwrap().starts_with("Suivi de votre demande"), "{email}");
}

#[test]
fn representative_languages_are_checked() {
    let problem = crate::api::read_options(&json!({"representativeLanguage": "it"})).unwrap_err();
    assert_eq!(problem.path, "options.representativeLanguage");
}
