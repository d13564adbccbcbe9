//! Synthetic case histories for load tests: a config with four rules
//! (full and confirm automation, conditions on title, priority and age)
//! and a JSON Lines file of cases with mixed stories: silence, every kind of
//! reply, automatic replies, bounces, late replies, status changes and
//! manual resolutions. Seeded and deterministic: the same seed writes the
//! same bytes.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};

/// The files written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The config.
    pub config: PathBuf,
    /// The cases, one per line.
    pub cases: PathBuf,
}

/// The generated config: four rules, in evaluation order.
pub const CONFIG: &str = r#"{
  "sender": {"name": "Contoso Support", "address": "support@contoso.com"},
  "rules": [
    {"id": "vip", "name": "High-priority cases",
     "conditions": {"field": "prioritycode", "operator": "eq", "value": 1},
     "automation": "full", "triggerStatusReasons": ["On Hold", "Waiting for Details"],
     "followUps": {"count": 2, "waitTimes": ["PT24H", "PT72H"]}},
    {"id": "contoso-coffee", "name": "Contoso Coffee follow-up and closure",
     "conditions": {"all": [
       {"field": "title", "operator": "like", "value": "%Contoso Coffee%"},
       {"field": "caseAge", "operator": "gt", "value": "P7D"}]},
     "automation": "full", "triggerStatusReasons": ["On Hold"],
     "followUps": {"count": 3, "waitTimes": "PT48H"},
     "resolution": {"type": "Problem Solved"}},
    {"id": "printers", "name": "Printer cases (confirm)",
     "conditions": {"field": "title", "operator": "begins-with", "value": "Printer"},
     "automation": "confirm", "triggerStatusReasons": ["Waiting for Details"],
     "followUps": {"count": 2, "waitTimes": "PT24H"}},
    {"id": "catch-all", "name": "Everything else",
     "automation": "full", "triggerStatusReasons": ["Waiting for Details"],
     "followUps": {"count": 3, "waitTimes": "P2D", "representativeEmailCounts": false},
     "resolution": {"type": "Information Provided"}}
  ]
}
"#;

/// `SplitMix64`: small, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let index = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(index).copied().unwrap_or("")
    }
}

/// Writes `config.json` and `cases.jsonl` into `out`.
pub fn write(out: &Path, cases: u64, seed: u64) -> Result<Written, String> {
    std::fs::create_dir_all(out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    let config = out.join("config.json");
    std::fs::write(&config, CONFIG).map_err(|error| format!("cannot write {}: {error}", config.display()))?;
    let cases_path = out.join("cases.jsonl");
    let file = File::create(&cases_path).map_err(|error| format!("cannot write {}: {error}", cases_path.display()))?;
    let mut writer = BufWriter::with_capacity(1 << 20, file);
    let mut rng = Rng::new(seed);
    let mut line = String::with_capacity(2048);
    for number in 0..cases {
        line.clear();
        case_line(&mut line, &mut rng, number);
        writer.write_all(line.as_bytes()).map_err(|error| format!("cannot write {}: {error}", cases_path.display()))?;
    }
    writer.flush().map_err(|error| format!("cannot write {}: {error}", cases_path.display()))?;
    Ok(Written { config, cases: cases_path })
}

const PROBLEMS: [&str; 8] = [
    "grinder jams",
    "milk frother noisy",
    "leaks water",
    "shows error E42",
    "will not start",
    "app cannot connect",
    "invoice is wrong",
    "delivery is late",
];
const PRODUCTS: [&str; 4] = ["Fabrikam Kettle", "Adatum Router", "Litware Scale", "Northwind Blender"];
const FAVORABLE: [&str; 3] = ["Thanks, it works now!", "All solved, thank you.", "Fixed after the reset, thanks"];
const NEGATIVE: [&str; 3] = ["It is still broken.", "Not working after the update.", "The fix didn't fix it"];
const QUESTION: [&str; 2] = ["Which part number should I order?", "Can you send a technician?"];
const UNCLEAR: [&str; 2] = ["See attached.", "Hmm."];

/// The story a case tells after the status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    Silence,
    Reply(&'static str, &'static [&'static str]),
    AutoReply,
    Bounce,
    LateReply,
    LeavesTrigger,
    ResolvedByHand,
}

fn story(rng: &mut Rng) -> Story {
    match rng.below(100) {
        0..30 => Story::Silence,
        30..50 => Story::Reply("favorable", &FAVORABLE),
        50..62 => Story::Reply("negative", &NEGATIVE),
        62..70 => Story::Reply("question", &QUESTION),
        70..75 => Story::Reply("other", &UNCLEAR),
        75..83 => Story::AutoReply,
        83..88 => Story::Bounce,
        88..94 => Story::LateReply,
        94..97 => Story::LeavesTrigger,
        _ => Story::ResolvedByHand,
    }
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn minutes(count: u64) -> TimeDelta {
    TimeDelta::minutes(i64::try_from(count).unwrap_or(0))
}

/// Appends one case as a JSON line.
pub(crate) fn case_line(out: &mut String, rng: &mut Rng, number: u64) {
    let base = DateTime::from_timestamp(1_767_571_200, 0).unwrap_or_default(); // 2026-01-05T00:00:00Z
    let created = base + minutes(rng.below(300 * 1440));
    let problem = rng.pick(&PROBLEMS);
    let (title, trigger) = match rng.below(100) {
        0..40 => (format!("Contoso Coffee {problem}"), 2),
        40..65 => (format!("Printer {problem}"), 3),
        _ => (format!("{} {problem}", rng.pick(&PRODUCTS)), 3),
    };
    let priority = if rng.below(100) < 12 { 1 } else { 2 };
    let email = format!("customer{number}@example.com");
    let ticket = format!("CAS-{:07}-{:04X}", number, rng.below(0x10000));
    let id = format!("{:08x}-0000-4000-8000-{:012x}", number >> 16, number);

    let mut items: Vec<String> = Vec::with_capacity(8);
    let eligible = rng.below(100) < 88;
    let change_at = created + minutes(60 + rng.below(12 * 1440));
    if rng.below(100) < 80 {
        items.push(format!(
            r#"{{"type":"email","id":"rep-{number}","direction":"outgoing","from":"support@contoso.com","to":["{email}"],"subject":"About your case {ticket}","body":"Please try the steps below and tell us if it helps.","sentAt":"{}"}}"#,
            stamp(change_at - TimeDelta::minutes(5))
        ));
    }
    // (statecode, statuscode) at the end of the history.
    let mut status = (0, 4);
    if eligible {
        items.push(format!(r#"{{"type":"statusChange","at":"{}","statusReason":{trigger}}}"#, stamp(change_at)));
        status = (0, trigger);
        let reply_at = change_at + minutes(30 + rng.below(60 * 60));
        let incoming = |subject: &str, body: &str, from: &str, at: DateTime<Utc>, extra: &str| {
            format!(
                r#"{{"type":"email","id":"in-{number}-{}","direction":"incoming","from":"{from}","to":["support@contoso.com"],"subject":"{subject}","body":"{body}","sentAt":"{}"{extra}}}"#,
                at.timestamp() % 1000,
                stamp(at)
            )
        };
        match story(rng) {
            Story::Silence => {}
            Story::Reply(kind, words) => {
                // Some hosts classify messages themselves; their reading wins.
                let extra = if rng.below(100) < 5 { format!(r#","classification":"{kind}""#) } else { String::new() };
                items.push(incoming(&format!("RE: {ticket}"), rng.pick(words), &email, reply_at, &extra));
            }
            Story::AutoReply => items.push(incoming(
                &format!("Automatic reply: {ticket}"),
                "I am out of the office until Monday.",
                &email,
                reply_at,
                "",
            )),
            Story::Bounce => items.push(incoming(
                &format!("Undeliverable: {ticket}"),
                "Delivery has failed to these recipients.",
                "MAILER-DAEMON@example.com",
                reply_at,
                "",
            )),
            Story::LateReply => {
                let late = change_at + minutes((12 + rng.below(10)) * 1440);
                items.push(incoming(
                    &format!("RE: {ticket}"),
                    "Sorry for the delay: it is still broken.",
                    &email,
                    late,
                    "",
                ));
            }
            Story::LeavesTrigger => {
                items.push(format!(r#"{{"type":"statusChange","at":"{}","statusReason":1}}"#, stamp(reply_at)));
                status = (0, 1);
            }
            Story::ResolvedByHand => {
                items.push(format!(
                    r#"{{"type":"phonecall","id":"call-{number}","direction":"outgoing","at":"{}","state":"completed","durationMinutes":15,"subject":"Walked the customer through the fix"}}"#,
                    stamp(reply_at)
                ));
                items.push(format!(r#"{{"type":"statusChange","at":"{}","statusReason":5}}"#, stamp(reply_at)));
                status = (1, 5);
            }
        }
    } else {
        items.push(format!(r#"{{"type":"statusChange","at":"{}","statusReason":4}}"#, stamp(change_at)));
    }
    let _ = write!(
        out,
        r#"{{"case":{{"incidentid":"{id}","ticketnumber":"{ticket}","title":"{title}","statecode":{},"statuscode":{},"createdon":"{}","prioritycode":{priority},"emailaddress":"{email}"}},"timeline":[{}]}}"#,
        status.0,
        status.1,
        stamp(created),
        items.join(",")
    );
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_lines() {
        let lines = |seed| {
            let mut rng = Rng::new(seed);
            let mut out = String::new();
            for number in 0..200 {
                case_line(&mut out, &mut rng, number);
            }
            out
        };
        assert_eq!(lines(7), lines(7));
        assert_ne!(lines(7), lines(8));
        for line in lines(7).lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(value["case"]["incidentid"].is_string());
        }
    }

    #[test]
    fn the_config_compiles() {
        let value: serde_json::Value = serde_json::from_str(CONFIG).unwrap();
        let engine = followup_engine::api::Engine::new(&value).unwrap();
        assert_eq!(engine.config().rules().len(), 4);
    }
}
