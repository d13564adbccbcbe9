//! Properties of the state machine, checked over random case histories
//! replayed by a host that does what the decisions say.

use chrono::TimeDelta;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::api::Engine;
use crate::time::{Timestamp, format_timestamp, parse_timestamp};

const CASE_ID: &str = "prop-case";

#[derive(Debug, Clone)]
enum World {
    /// The customer writes, already classified by the host.
    Customer(&'static str),
    /// The representative writes (only right after a customer message).
    Representative,
    /// The Status Reason changes (true: into the trigger).
    Status(bool),
}

fn kind() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("favorable"), Just("negative"), Just("question"), Just("other"), Just("autoReply"), Just("bounce")]
}

fn world_event() -> impl Strategy<Value = World> {
    prop_oneof![
        6 => kind().prop_map(World::Customer),
        1 => any::<bool>().prop_map(World::Status),
    ]
}

#[derive(Debug, Clone)]
struct Setup {
    count: u32,
    waits_hours: Vec<i64>,
    representative_counts: bool,
    starts_with_email: bool,
    events: Vec<(i64, World)>,
    extra_checks: Vec<i64>,
}

fn setup() -> impl Strategy<Value = Setup> {
    (1u32..=4)
        .prop_flat_map(|count| {
            (
                Just(count),
                proptest::collection::vec(1i64..=96, count as usize),
                any::<bool>(),
                any::<bool>(),
                proptest::collection::vec((1i64..=20 * 24 * 60, world_event()), 0..8),
                proptest::collection::vec(0i64..=25 * 24 * 60, 0..6),
            )
        })
        .prop_map(|(count, waits_hours, representative_counts, starts_with_email, events, extra_checks)| {
            let mut events = events;
            events.sort_by_key(|(minute, _)| *minute);
            // A representative answers every customer message an hour later.
            let mut with_answers = Vec::new();
            for (minute, event) in events {
                let answers = matches!(event, World::Customer(kind) if kind != "autoReply" && kind != "bounce");
                with_answers.push((minute, event));
                if answers {
                    with_answers.push((minute + 60, World::Representative));
                }
            }
            with_answers.sort_by_key(|(minute, _)| *minute);
            Setup { count, waits_hours, representative_counts, starts_with_email, events: with_answers, extra_checks }
        })
}

fn start() -> Timestamp {
    parse_timestamp("2026-11-02T00:00:00Z").unwrap()
}

fn at(minute: i64) -> Timestamp {
    start() + TimeDelta::minutes(minute)
}

fn engine(setup: &Setup) -> Engine {
    let waits: Vec<String> = setup.waits_hours.iter().map(|hours| format!("PT{hours}H")).collect();
    Engine::new(&json!({"rules": [{
        "id": "prop", "automation": "full", "triggerStatusReasons": [3],
        "followUps": {"count": setup.count, "waitTimes": waits, "representativeEmailCounts": setup.representative_counts}
    }]}))
    .unwrap()
}

fn world_item(minute: i64, event: &World, index: usize) -> Value {
    let when = format_timestamp(at(minute));
    match event {
        World::Customer(kind) => json!({"type": "email", "id": format!("in-{index}"), "direction": "incoming",
            "subject": "RE", "body": "...", "sentAt": when, "classification": kind}),
        World::Representative => json!({"type": "email", "id": format!("rep-{index}"), "direction": "outgoing",
            "to": ["c@x.com"], "subject": "RE", "body": "...", "sentAt": when}),
        World::Status(into) => json!({"type": "statusChange", "at": when, "statusReason": if *into { 3 } else { 1 }}),
    }
}

struct Replay {
    items: Vec<(Timestamp, Value)>,
}

impl Replay {
    fn timeline(&self) -> Value {
        let mut items = self.items.clone();
        items.sort_by_key(|(when, _)| *when);
        Value::Array(items.into_iter().map(|(_, item)| item).collect())
    }
}

fn decide(engine: &Engine, replay: &Replay, now: Timestamp) -> Value {
    // Like a real host, the record carries the Status Reason in force now.
    let status = replay
        .items
        .iter()
        .filter(|(when, item)| *when <= now && item["type"] == "statusChange")
        .max_by_key(|(when, _)| *when)
        .map_or(json!(3), |(_, item)| item["statusReason"].clone());
    let case =
        json!({"incidentid": CASE_ID, "statecode": 0, "statuscode": status, "createdon": "2026-10-01T00:00:00Z"});
    let response = engine.evaluate(case, replay.timeline(), &json!(format_timestamp(now)));
    let value = serde_json::to_value(&response).unwrap();
    assert_eq!(value["type"], "success", "{value}");
    value["decision"].clone()
}

fn time_of(value: &Value) -> Option<Timestamp> {
    value.as_str().map(|text| parse_timestamp(text).unwrap())
}

fn is_response(item: &Value) -> bool {
    !matches!(item["classification"].as_str(), Some("autoReply" | "bounce"))
}

/// The state-machine properties that must hold for every decision.
fn check_invariants(setup: &Setup, replay: &Replay, decision: &Value, now: Timestamp) {
    let count = setup.count;
    // nextCheckAt is never in the past.
    if let Some(next) = time_of(&decision["nextCheckAt"]) {
        assert!(next > now, "nextCheckAt {next} is not after now {now}");
    }
    let state = decision["state"].as_str().unwrap();
    if decision["followUps"].is_object() {
        let sent = u32::try_from(decision["followUps"]["sent"].as_u64().unwrap()).unwrap();
        // The agent never proposes more than N follow-ups in a sequence
        // (representatives may write more emails themselves; those count).
        if state == "followUpDue" {
            assert!(sent < count, "follow-up due with {sent} of {count} already sent: {decision}");
            for action in decision["actions"].as_array().unwrap() {
                let number = u32::try_from(action["followUpNumber"].as_u64().unwrap()).unwrap();
                assert!(number <= count, "follow-up {number} of {count} proposed: {decision}");
            }
        }
        // Nothing is due before its wait time after the last email out.
        if state == "followUpDue" || state == "resolutionDue" {
            let wait = TimeDelta::hours(*setup.waits_hours.get(sent.clamp(1, count) as usize - 1).unwrap());
            // Waits run from the last email out that the customer has not
            // answered (the engine may start later, never earlier).
            let sequence_start = time_of(&decision["cycle"]["sequenceStartedAt"]).unwrap();
            let last_answer = replay
                .items
                .iter()
                .filter(|(when, item)| *when <= now && item["direction"] == "incoming" && is_response(item))
                .map(|(when, _)| *when)
                .max();
            let last_out = replay
                .items
                .iter()
                .filter(|(when, item)| {
                    *when <= now && item["direction"] == "outgoing" && last_answer.is_none_or(|answer| *when >= answer)
                })
                .map(|(when, _)| *when)
                .max();
            let anchor = last_out.unwrap_or(sequence_start);
            assert!(now - anchor >= wait, "{state} at {now}, only {} after {anchor}", now - anchor);
        }
    }
    // Never resolve when the customer's last message came after the last follow-up.
    if state == "resolutionDue" {
        let last_out =
            replay.items.iter().filter(|(w, i)| *w <= now && i["direction"] == "outgoing").map(|(w, _)| *w).max();
        let last_in = replay
            .items
            .iter()
            .filter(|(w, i)| *w <= now && i["direction"] == "incoming" && is_response(i))
            .map(|(w, _)| *w)
            .max();
        if let (Some(last_in), Some(last_out)) = (last_in, last_out) {
            assert!(last_in < last_out, "resolution due although the customer wrote at {last_in} after {last_out}");
        }
    }
}

fn run(setup: &Setup) {
    let engine = engine(setup);
    let mut replay = Replay { items: vec![(start(), world_item(0, &World::Status(true), 0))] };
    if setup.starts_with_email {
        replay.items.push((at(1), world_item(1, &World::Representative, 0)));
    }
    for (index, (minute, event)) in setup.events.iter().enumerate() {
        replay.items.push((at(*minute), world_item(*minute, event, index + 1)));
    }
    let mut now = start();
    let end = at(30 * 24 * 60);
    let mut sent_keys = Vec::new();
    for _ in 0..200 {
        let decision = decide(&engine, &replay, now);
        // The same input gives the same decision.
        assert_eq!(decision, decide(&engine, &replay, now));
        check_invariants(setup, &replay, &decision, now);
        for action in decision["actions"].as_array().unwrap() {
            let key = action["idempotencyKey"].as_str().unwrap().to_owned();
            assert!(!sent_keys.contains(&key), "the same step came due twice: {key}");
            // Keys name the sequence: never more than N agent follow-ups in one.
            let sequence = key.rsplit_once('/').map_or("", |(sequence, _)| sequence).to_owned();
            let in_sequence =
                sent_keys.iter().filter(|sent| sent.starts_with(&sequence) && sent.contains("followUp-")).count();
            if action["type"] == "sendFollowUp" {
                assert!(in_sequence < setup.count as usize, "more than {} follow-ups in {sequence}", setup.count);
            }
            sent_keys.push(key.clone());
            if action["type"] == "sendFollowUp" {
                replay.items.push((
                    now,
                    json!({"type": "email", "id": format!("agent-{}", sent_keys.len()), "direction": "outgoing",
                        "to": ["c@x.com"], "subject": "FU", "body": "...", "sentAt": format_timestamp(now), "followUpKey": key}),
                ));
            }
        }
        if decision["state"] == "resolutionDue" {
            return;
        }
        let next_event = replay.items.iter().map(|(when, _)| *when).filter(|when| *when > now).min();
        let next = [next_event, time_of(&decision["nextCheckAt"])].into_iter().flatten().min();
        match next {
            Some(next) if next <= end => now = next,
            _ => return,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn replayed_histories_keep_the_state_machine_properties(setup in setup()) {
        run(&setup);
    }

    #[test]
    fn any_instant_keeps_the_properties(setup in setup()) {
        let engine = engine(&setup);
        let mut replay = Replay { items: vec![(start(), world_item(0, &World::Status(true), 0))] };
        for (index, (minute, event)) in setup.events.iter().enumerate() {
            replay.items.push((at(*minute), world_item(*minute, event, index + 1)));
        }
        for minute in &setup.extra_checks {
            let now = at(*minute);
            let decision = decide(&engine, &replay, now);
            check_invariants(&setup, &replay, &decision, now);
        }
    }
}

#[test]
fn idempotency_keys_stay_the_same_while_a_step_waits() {
    let setup = Setup {
        count: 3,
        waits_hours: vec![24, 24, 24],
        representative_counts: true,
        starts_with_email: true,
        events: Vec::new(),
        extra_checks: Vec::new(),
    };
    let engine = engine(&setup);
    let replay = Replay {
        items: vec![
            (start(), world_item(0, &World::Status(true), 0)),
            (at(1), world_item(1, &World::Representative, 0)),
        ],
    };
    let early = decide(&engine, &replay, at(24 * 60 + 1));
    let late = decide(&engine, &replay, at(5 * 24 * 60));
    assert_eq!(early["state"], "followUpDue");
    assert_eq!(early["actions"][0]["idempotencyKey"], late["actions"][0]["idempotencyKey"]);
    assert_eq!(early["actions"][0]["idempotencyKey"], "prop-case/prop/2026-11-02T00:00:00Z/followUp-2");
}

#[test]
fn a_bounced_follow_up_does_not_count() {
    let setup = Setup {
        count: 2,
        waits_hours: vec![24, 24],
        representative_counts: true,
        starts_with_email: true,
        events: vec![(30, World::Customer("bounce"))],
        extra_checks: Vec::new(),
    };
    let engine = engine(&setup);
    let mut replay = Replay { items: vec![(start(), world_item(0, &World::Status(true), 0))] };
    replay.items.push((at(1), world_item(1, &World::Representative, 0)));
    replay.items.push((at(30), world_item(30, &World::Customer("bounce"), 1)));
    let decision = decide(&engine, &replay, at(3 * 24 * 60));
    assert_eq!(decision["state"], "paused");
    assert_eq!(decision["followUps"]["sent"], 0);
    assert_eq!(decision["nextCheckAt"], Value::Null);
}
