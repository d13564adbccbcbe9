//! A generated case history ("story") replayed by a host that does what the
//! decisions say, with the state machine's properties checked at every
//! step: never more than N follow-ups in a sequence, never a resolution
//! when the customer wrote after the last follow-up, nothing due before its
//! wait, the same input the same decision, `nextCheckAt` never in the past,
//! and no step due twice.

use arbitrary::Arbitrary;
use followup_engine::api::Engine;
use followup_engine::{Timestamp, format_timestamp, parse_timestamp};
use serde_json::{Value, json};

/// What the customer's message means, as the host classified it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum Kind {
    /// Solved.
    Favorable,
    /// Still broken.
    Negative,
    /// A question.
    Question,
    /// Needs reading.
    Other,
    /// Out of office.
    AutoReply,
    /// Delivery failure.
    Bounce,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Favorable => "favorable",
            Self::Negative => "negative",
            Self::Question => "question",
            Self::Other => "other",
            Self::AutoReply => "autoReply",
            Self::Bounce => "bounce",
        }
    }

    fn is_response(self) -> bool {
        !matches!(self, Self::AutoReply | Self::Bounce)
    }
}

/// Something that happens to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum Event {
    /// The customer writes (a representative answers an hour later when
    /// the message is a real response).
    Customer(Kind),
    /// The Status Reason changes: into the trigger, or out of it.
    Status(bool),
}

/// A generated case history and the instants to look at it.
#[derive(Debug, Clone, Arbitrary)]
pub struct Story {
    count: u8,
    waits: [u8; 4],
    representative_counts: bool,
    starts_with_email: bool,
    events: Vec<(u16, Event)>,
    looks: Vec<u16>,
}

const MINUTE: i64 = 60_000;
const TRIGGER: i64 = 3;

impl Story {
    fn follow_ups(&self) -> u32 {
        u32::from(self.count % 4) + 1
    }

    fn wait_hours(&self, index: u32) -> i64 {
        let at = usize::try_from(index).unwrap_or(0).min(3);
        i64::from(self.waits.get(at).copied().unwrap_or(1) % 96) + 1
    }

    fn config(&self) -> Value {
        let waits: Vec<String> = (0..self.follow_ups()).map(|index| format!("PT{}H", self.wait_hours(index))).collect();
        json!({"rules": [{"id": "story", "automation": "full", "triggerStatusReasons": [TRIGGER],
            "followUps": {"count": self.follow_ups(), "waitTimes": waits, "representativeEmailCounts": self.representative_counts}}]})
    }

    /// The recorded history: the status change that starts the cycle, the
    /// representative's email, and the events with the answers they get.
    fn history(&self) -> Vec<(Timestamp, Value)> {
        let mut items = vec![(start(), status_item(start(), true))];
        if self.starts_with_email {
            items.push((at_minute(1), email_item(at_minute(1), "outgoing", "rep-0", None, None)));
        }
        for (index, (minute, event)) in self.events.iter().take(12).enumerate() {
            let when = at_minute(i64::from(*minute) * 2);
            match event {
                Event::Customer(kind) => {
                    items.push((when, email_item(when, "incoming", &format!("in-{index}"), Some(*kind), None)));
                    if kind.is_response() {
                        let answer = when + chrono::TimeDelta::hours(1);
                        items.push((answer, email_item(answer, "outgoing", &format!("rep-{index}"), None, None)));
                    }
                }
                Event::Status(into) => items.push((when, status_item(when, *into))),
            }
        }
        items
    }
}

fn start() -> Timestamp {
    parse_timestamp("2026-11-02T00:00:00Z").unwrap_or_default()
}

fn at_minute(minute: i64) -> Timestamp {
    start() + chrono::TimeDelta::milliseconds(minute * MINUTE)
}

fn status_item(at: Timestamp, into: bool) -> Value {
    json!({"type": "statusChange", "at": format_timestamp(at), "statusReason": if into { TRIGGER } else { 1 }})
}

fn email_item(at: Timestamp, direction: &str, id: &str, kind: Option<Kind>, key: Option<&str>) -> Value {
    let mut item = json!({"type": "email", "id": id, "direction": direction, "to": ["c@x.com"], "subject": "RE", "body": "…",
        "sentAt": format_timestamp(at)});
    if let Some(kind) = kind {
        item["classification"] = json!(kind.name());
    }
    if let Some(key) = key {
        item["followUpKey"] = json!(key);
    }
    item
}

/// The history as a timeline, oldest first (the engine itself ignores the
/// items after `now`).
fn timeline(items: &[(Timestamp, Value)]) -> Value {
    let mut sorted: Vec<&(Timestamp, Value)> = items.iter().collect();
    sorted.sort_by_key(|(when, _)| *when);
    Value::Array(sorted.into_iter().map(|(_, item)| item.clone()).collect())
}

fn decide(engine: &Engine, items: &[(Timestamp, Value)], now: Timestamp) -> Value {
    // Like a real host, the record carries the Status Reason in force now.
    let status = items
        .iter()
        .filter(|(when, item)| *when <= now && item["type"] == "statusChange")
        .max_by_key(|(when, _)| *when)
        .map_or(json!(TRIGGER), |(_, item)| item["statusReason"].clone());
    let case =
        json!({"incidentid": "story", "statecode": 0, "statuscode": status, "createdon": "2026-10-01T00:00:00Z"});
    let response = serde_json::to_value(engine.evaluate(case, timeline(items), &json!(format_timestamp(now))))
        .unwrap_or(Value::Null);
    assert_eq!(response["type"], "success", "{response}");
    response["decision"].clone()
}

fn time_of(value: &Value) -> Option<Timestamp> {
    value.as_str().and_then(|text| parse_timestamp(text).ok())
}

fn is_response(item: &Value) -> bool {
    !matches!(item["classification"].as_str(), Some("autoReply" | "bounce"))
}

/// The properties every decision must keep.
fn check_decision(story: &Story, items: &[(Timestamp, Value)], decision: &Value, now: Timestamp) {
    let count = story.follow_ups();
    if let Some(next) = time_of(&decision["nextCheckAt"]) {
        assert!(next > now, "nextCheckAt {next} is not after now {now}");
    }
    let state = decision["state"].as_str().unwrap_or_default();
    if decision["followUps"].is_object() {
        let sent = u32::try_from(decision["followUps"]["sent"].as_u64().unwrap_or(0)).unwrap_or(u32::MAX);
        if state == "followUpDue" {
            // The agent never proposes more than N follow-ups in a sequence
            // (representatives may write more themselves; those count).
            assert!(sent < count, "follow-up due with {sent} of {count} already sent: {decision}");
        }
        if state == "followUpDue" || state == "resolutionDue" {
            // Waits run from the last email out the customer has not
            // answered (the engine may start later, never earlier).
            let wait = chrono::TimeDelta::hours(story.wait_hours(sent.clamp(1, count) - 1));
            let sequence_start = time_of(&decision["cycle"]["sequenceStartedAt"]).unwrap_or(now);
            let last_answer = items
                .iter()
                .filter(|(when, item)| *when <= now && item["direction"] == "incoming" && is_response(item))
                .map(|(when, _)| *when)
                .max();
            let last_out = items
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
    if state == "resolutionDue" {
        let last_out = items.iter().filter(|(w, i)| *w <= now && i["direction"] == "outgoing").map(|(w, _)| *w).max();
        let last_in = items
            .iter()
            .filter(|(w, i)| *w <= now && i["direction"] == "incoming" && is_response(i))
            .map(|(w, _)| *w)
            .max();
        if let (Some(last_in), Some(last_out)) = (last_in, last_out) {
            assert!(last_in < last_out, "resolution due although the customer wrote at {last_in} after {last_out}");
        }
    }
}

/// Replays `story` with a host that sends each due follow-up and stops at
/// resolution, checking every decision; then looks at it at arbitrary
/// instants without acting.
pub fn check_story(story: &Story) {
    let Ok(engine) = Engine::new(&story.config()) else {
        panic!("the story's config is refused");
    };
    let mut items = story.history();
    let end = at_minute(30 * 24 * 60);
    let mut now = start();
    let mut sent_keys: Vec<String> = Vec::new();
    for _ in 0..200 {
        let decision = decide(&engine, &items, now);
        assert_eq!(decision, decide(&engine, &items, now), "the same input gave two decisions");
        check_decision(story, &items, &decision, now);
        for action in decision["actions"].as_array().map(Vec::as_slice).unwrap_or_default() {
            let key = action["idempotencyKey"].as_str().unwrap_or_default().to_owned();
            assert!(!sent_keys.contains(&key), "the same step came due twice: {key}");
            if action["type"] == "sendFollowUp" {
                let sequence = key.rsplit_once('/').map_or("", |(sequence, _)| sequence);
                let in_sequence = sent_keys.iter().filter(|sent| sent.starts_with(sequence)).count();
                assert!(in_sequence < story.follow_ups() as usize, "more than N follow-ups in {sequence}");
                items.push((now, email_item(now, "outgoing", &format!("agent-{}", sent_keys.len()), None, Some(&key))));
            }
            sent_keys.push(key);
        }
        if decision["state"] == "resolutionDue" {
            break;
        }
        let next_event = items.iter().map(|(when, _)| *when).filter(|when| *when > now).min();
        match [next_event, time_of(&decision["nextCheckAt"])].into_iter().flatten().min() {
            Some(next) if next <= end => now = next,
            _ => break,
        }
    }
    let history = story.history();
    for minute in story.looks.iter().take(8) {
        let now = at_minute(i64::from(*minute) * 2);
        check_decision(story, &history, &decide(&engine, &history, now), now);
    }
}

/// A value put in place of some node of a valid request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum Replacement {
    /// JSON `null`.
    Null,
    /// `""`.
    EmptyText,
    /// `-1`.
    MinusOne,
    /// `1e308`.
    Huge,
    /// `"NaN"`.
    NotANumber,
    /// A duration in months (`P1M`).
    CalendarDuration,
    /// The last instant of year 9999.
    FarFuture,
    /// Year 1.
    AncientDate,
    /// 100,000 characters.
    LongText,
    /// Arrays nested 200 deep.
    DeepArray,
    /// An empty object.
    EmptyObject,
    /// Bidi overrides, line separators and a NUL.
    HostileText,
}

impl Replacement {
    fn value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::EmptyText => json!(""),
            Self::MinusOne => json!(-1),
            Self::Huge => json!(1e308),
            Self::NotANumber => json!("NaN"),
            Self::CalendarDuration => json!("P1M"),
            Self::FarFuture => json!("9999-12-31T23:59:59Z"),
            Self::AncientDate => json!("0001-01-01T00:00:00Z"),
            Self::LongText => json!("x".repeat(100_000)),
            Self::DeepArray => {
                let mut value = json!(0);
                for _ in 0..200 {
                    value = json!([value]);
                }
                value
            }
            Self::EmptyObject => json!({}),
            Self::HostileText => json!("\u{202E}<script>\u{2028}\r\n\u{0}"),
        }
    }
}

/// Which node to replace (counted in document order) and with what.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct Mutation {
    node: u16,
    replacement: Replacement,
}

fn replace_nth(value: &mut Value, target: &mut usize, replacement: &Value) -> bool {
    if *target == 0 {
        *value = replacement.clone();
        return true;
    }
    *target -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|item| replace_nth(item, target, replacement)),
        Value::Object(map) => map.values_mut().any(|item| replace_nth(item, target, replacement)),
        _ => false,
    }
}

/// The story's request at one of its instants, with up to four nodes
/// replaced by hostile values, through the JSON entry point: whatever the
/// damage, an answer (decision or structured failure), never a panic.
pub fn check_mutated(story: &Story, look: u16, mutations: &[Mutation]) {
    let now = at_minute(i64::from(look) * 2);
    let case = json!({"incidentid": "story", "ticketnumber": "CAS-1", "title": "Story", "statecode": 0,
        "statuscode": TRIGGER, "createdon": "2026-10-01T00:00:00Z"});
    let mut request = json!({"config": story.config(), "case": case, "timeline": timeline(&story.history()), "now": format_timestamp(now)});
    for mutation in mutations.iter().take(4) {
        let mut target = usize::from(mutation.node);
        replace_nth(&mut request, &mut target, &mutation.replacement.value());
    }
    crate::check_evaluate_json(request.to_string().as_bytes());
}
