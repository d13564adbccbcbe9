//! The replay loop on small cases, and rule plans against generated ones.

use serde_json::{Value, json};

use super::*;
use crate::timefmt::parse_instant;

fn engine(automation: &str) -> Engine {
    Engine::new(&json!({"rules": [{
        "id": "r", "automation": automation, "triggerStatusReasons": ["On Hold"],
        "followUps": {"count": 2, "waitTimes": "PT24H"}
    }]}))
    .unwrap()
}

fn case() -> Value {
    json!({"incidentid": "c1", "statecode": 0, "statuscode": 2, "createdon": "2026-11-01T00:00:00Z",
        "emailaddress": "a@b.c"})
}

fn start() -> Vec<Value> {
    vec![
        json!({"type": "email", "id": "rep", "direction": "outgoing", "to": "a@b.c", "subject": "Hi",
            "sentAt": "2026-11-02T10:00:00Z"}),
        json!({"type": "statusChange", "at": "2026-11-02T10:00:00Z", "statusReason": 2}),
    ]
}

fn replay(engine: &Engine, timeline: Vec<Value>, policy: Policy, until: Option<&str>) -> CaseReplay {
    let (record, timeline) = engine.read_case(case(), Value::Array(timeline), "").unwrap();
    let settings = Settings { until: until.map(|at| parse_instant(at).unwrap()), policy, ..Settings::default() };
    let plans = RulePlans::new(engine.config());
    let planned = replay_case(engine, Some(&plans), record.clone(), timeline.clone(), &settings);
    let plain = replay_case(engine, None, record, timeline, &settings);
    assert_eq!(planned, plain, "rule plans never change what happens");
    plain
}

fn actions(replay: &CaseReplay) -> Vec<(String, &'static str, Actor)> {
    replay.actions().map(|(at, action)| (crate::timefmt::rfc3339(at), action.kind.name(), action.by)).collect()
}

#[test]
fn full_automation_sends_then_resolves() {
    let replay = replay(&engine("full"), start(), Policy::Never, None);
    assert_eq!(
        actions(&replay),
        vec![
            ("2026-11-03T10:00:00Z".to_owned(), "sendFollowUp", Actor::Agent),
            ("2026-11-04T10:00:00Z".to_owned(), "resolveCase", Actor::Agent)
        ]
    );
    assert_eq!(replay.outcome.state, ProcessState::NotEligible);
    assert_eq!(replay.outcome.follow_ups_sent, 1);
    assert!(replay.outcome.resolved.is_some() && replay.outcome.late_reply_at.is_none());
}

#[test]
fn a_step_recorded_later_is_not_done_twice() {
    let mut timeline = start();
    timeline.push(json!({"type": "email", "direction": "outgoing", "to": "a@b.c", "sentAt": "2026-11-03T11:00:00Z",
        "followUpKey": "c1/r/followUp-2/after-rep"}));
    let replay = replay(&engine("full"), timeline, Policy::Never, None);
    assert_eq!(actions(&replay), vec![("2026-11-04T11:00:00Z".to_owned(), "resolveCase", Actor::Agent)]);
    assert!(
        replay.entries.iter().any(|entry| matches!(&entry.what, What::Note(text) if text.contains("not sent twice")))
    );
}

#[test]
fn confirm_mode_waits_for_the_representative() {
    let never = replay(&engine("confirm"), start(), Policy::Never, None);
    assert!(actions(&never).is_empty());
    let suggestions = never.entries.iter().filter(|entry| matches!(entry.what, What::Suggestion(_))).count();
    assert_eq!(suggestions, 1, "shown once, not at every evaluation");

    let accepting = replay(&engine("confirm"), start(), Policy::parse("after:PT2H").unwrap(), None);
    assert_eq!(
        actions(&accepting),
        vec![
            ("2026-11-03T12:00:00Z".to_owned(), "sendFollowUp", Actor::Representative),
            ("2026-11-04T14:00:00Z".to_owned(), "resolveCase", Actor::Representative)
        ]
    );
}

#[test]
fn a_reply_after_the_resolution_means_resolved_too_early() {
    let mut timeline = start();
    timeline.push(json!({"type": "email", "direction": "incoming", "from": "a@b.c", "subject": "RE: Hi",
        "body": "It is still broken", "sentAt": "2026-11-06T09:00:00Z"}));
    let replay = replay(&engine("full"), timeline, Policy::Never, None);
    assert_eq!(replay.outcome.late_reply_at, Some(parse_instant("2026-11-06T09:00:00Z").unwrap()));
    assert_eq!(replay.outcome.replies_by_kind, [0, 1, 0, 0, 0, 0]);
}

#[test]
fn the_clock_stops_at_until_and_replies_go_through_the_policy() {
    let mut timeline = start();
    timeline.push(json!({"type": "email", "id": "q", "direction": "incoming", "from": "a@b.c", "subject": "RE: Hi",
        "body": "Which part do I need?", "sentAt": "2026-11-02T12:00:00Z"}));
    let replay = replay(&engine("full"), timeline, Policy::parse("after:PT1H").unwrap(), Some("2026-11-03T00:00:00Z"));
    assert_eq!(actions(&replay), vec![("2026-11-02T13:00:00Z".to_owned(), "replyToCustomer", Actor::Representative)]);
    assert_eq!(replay.outcome.state, ProcessState::Waiting);
    assert!(replay.outcome.resolved.is_none());
}

mod plans {
    use serde_json::Value;

    use super::*;

    #[test]
    fn rule_plans_never_change_a_generated_replay() {
        let config: Value = serde_json::from_str(crate::generate::CONFIG).unwrap();
        let engine = Engine::new(&config).unwrap();
        let plans = RulePlans::new(engine.config());
        let mut rng = crate::generate::Rng::new(11);
        let settings = Settings { policy: Policy::AcceptAfter(chrono::TimeDelta::hours(4)), ..Settings::default() };
        for number in 0..400 {
            let mut line = String::new();
            crate::generate::case_line(&mut line, &mut rng, number);
            let mut value: Value = serde_json::from_str(&line).unwrap();
            let (record, timeline) = engine.read_case(value["case"].take(), value["timeline"].take(), "").unwrap();
            let planned = replay_case(&engine, Some(&plans), record.clone(), timeline.clone(), &settings);
            let plain = replay_case(&engine, None, record, timeline, &settings);
            assert_eq!(planned, plain, "case {number}: {line}");
        }
    }
}
