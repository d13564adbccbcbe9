//! A case history as the generator writes it and the model reads it: the
//! rule, the case record and the recorded timeline, in plain terms (times
//! in seconds after [`T0`]), and how it is written out as the JSON a host
//! sends the engine and as a scenario file of `tests/scenarios`.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Map, Value, json};

/// The instant times are counted from: 2026-11-02T09:00:00Z.
pub const T0: i64 = 1_793_610_000;

/// The organisation's sending address.
pub const SENDER: &str = "support@contoso.com";
/// A colleague of the representative (the organisation's own domain).
pub const COLLEAGUE: &str = "tech@contoso.com";
/// The case's customer address.
pub const CUSTOMER: &str = "alex@fabrikam.com";
/// Someone who is neither the organisation nor the customer.
pub const THIRD_PARTY: &str = "pat@northwind.example";
/// Where delivery failures come from.
pub const MAIL_SYSTEM: &str = "mailer-daemon@fabrikam.com";

/// The subject of every recorded outgoing email.
pub const OUTGOING_SUBJECT: &str = "Your case";
/// The body of every recorded outgoing email.
pub const OUTGOING_BODY: &str = "We replaced the burr set. Does the grinder work now?";
/// The subject of every phone call.
pub const CALL_SUBJECT: &str = "Call with Alex";
/// The notes of a call that reached a voicemail.
pub const VOICEMAIL_NOTES: &str = "Left a message on the voicemail.";

/// The case's id.
pub const CASE_ID: &str = "d1ff0000-0000-4000-8000-000000000001";
/// The rule's id.
pub const RULE_ID: &str = "differential";

/// Status Reason values the histories use (Dataverse's built-in ones).
pub mod status {
    /// In Progress (active, never a trigger here).
    pub const IN_PROGRESS: i64 = 1;
    /// On Hold (active, always a trigger).
    pub const ON_HOLD: i64 = 2;
    /// Waiting for Details (active, a trigger when the rule has two).
    pub const WAITING: i64 = 3;
    /// Problem Solved (resolved).
    pub const PROBLEM_SOLVED: i64 = 5;
}

/// What an incoming message means, as the engine's classifier reads its
/// wording (or as the host classified it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Solved, thanks.
    Favorable,
    /// Still broken.
    Negative,
    /// A question.
    Question,
    /// Something no rule reads with confidence.
    Other,
    /// Out of office.
    AutoReply,
    /// A delivery failure.
    Bounce,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Self; 6] =
        [Self::Favorable, Self::Negative, Self::Question, Self::Other, Self::AutoReply, Self::Bounce];

    /// The kind's name in JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Favorable => "favorable",
            Self::Negative => "negative",
            Self::Question => "question",
            Self::Other => "other",
            Self::AutoReply => "autoReply",
            Self::Bounce => "bounce",
        }
    }

    /// Whether a person got in touch (not a mail system).
    #[must_use]
    pub fn is_response(self) -> bool {
        !matches!(self, Self::AutoReply | Self::Bounce)
    }

    /// Subject, body and headers that the engine's classifier reads as this
    /// kind (checked by a test of this crate).
    #[must_use]
    pub fn wording(self) -> (&'static str, &'static str, &'static [(&'static str, &'static str)]) {
        match self {
            Self::Favorable => ("RE: Your case", "That fixed it, thank you. You can close the case.", &[]),
            Self::Negative => ("RE: Your case", "It still jams every morning, nothing has changed.", &[]),
            Self::Question => ("RE: Your case", "Do I need to restart the machine before I try again?", &[]),
            Self::Other => ("RE: Your case", "My colleague Sam will take over this topic from now on.", &[]),
            Self::AutoReply => (
                "Automatic reply: Your case",
                "I am out of the office with limited access to email.",
                &[("Auto-Submitted", "auto-replied")],
            ),
            Self::Bounce => (
                "Undeliverable: Your case",
                "Delivery has failed to these recipients or groups: the mailbox was not found.",
                &[],
            ),
        }
    }
}

/// An email on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Its activity id, if recorded.
    pub id: Option<String>,
    /// When it was sent or received.
    pub at: i64,
    /// Outgoing (from the organisation) or incoming.
    pub outgoing: bool,
    /// The sender (`None`: bad input, an incoming email without one).
    pub from: Option<String>,
    /// Recipients.
    pub to: Vec<String>,
    /// Copy recipients.
    pub cc: Vec<String>,
    /// Incoming: what its wording means.
    pub kind: Kind,
    /// Incoming: whether the host supplied the classification itself.
    pub host_classified: bool,
    /// Outgoing: the follow-up key a host recorded on it.
    pub key: Option<String>,
    /// Outgoing: a draft that was never sent.
    pub draft: bool,
    /// A bounce's `X-Failed-Recipients` header, when it has one.
    pub failed_recipients: Option<String>,
}

/// A phone call on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Its activity id, if recorded.
    pub id: Option<String>,
    /// When it happened.
    pub at: i64,
    /// The representative called (`true`) or the customer did.
    pub outgoing: bool,
    /// Open, completed or canceled.
    pub state: CallState,
    /// What was said (its notes read as this kind; never a bounce or automatic reply).
    pub kind: Kind,
    /// The notes say the call reached a voicemail.
    pub voicemail: bool,
    /// A classification the host supplied (it wins).
    pub host_kind: Option<Kind>,
}

/// Where a call stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallState {
    /// Planned or going on.
    Open,
    /// Done.
    Completed,
    /// Canceled.
    Canceled,
}

/// One recorded timeline item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A Status Reason change.
    Status {
        /// When.
        at: i64,
        /// The new value.
        value: i64,
    },
    /// An email.
    Mail(Mail),
    /// A phone call.
    Call(Call),
}

impl Item {
    /// When it happened.
    #[must_use]
    pub fn at(&self) -> i64 {
        match self {
            Self::Status { at, .. } => *at,
            Self::Mail(mail) => mail.at,
            Self::Call(call) => call.at,
        }
    }
}

/// The rule the history runs under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Full automation (`true`) or confirm.
    pub full: bool,
    /// Trigger Status Reason values.
    pub triggers: Vec<i64>,
    /// Waits after each follow-up, in seconds (one per follow-up, or one for all).
    pub waits: Vec<i64>,
    /// N.
    pub count: u32,
    /// `representativeEmailCounts`.
    pub representative_counts: bool,
    /// `followUps.replyTolerance` in seconds; `None`: the default (5 minutes).
    pub tolerance: Option<i64>,
    /// `resolveOnFavorableReply`.
    pub resolve_on_favorable: bool,
}

impl Rule {
    /// The wait after `sent` follow-ups (the last wait repeats).
    #[must_use]
    pub fn wait_after(&self, sent: u32) -> i64 {
        let index = usize::try_from(sent.saturating_sub(1)).unwrap_or(usize::MAX);
        self.waits.get(index).or(self.waits.last()).copied().unwrap_or(0)
    }
}

/// A generated case history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The seed it was generated from.
    pub seed: u64,
    /// The one rule.
    pub rule: Rule,
    /// `createdon`.
    pub created_on: i64,
    /// The record's `statuscode` (the current Status Reason, as the host read it).
    pub record_status: i64,
    /// The record's `modifiedon`, when sent.
    pub modified_on: Option<i64>,
    /// Whether the record holds the customer's address (`emailaddress`).
    pub customer_on_record: bool,
    /// Whether the config lists `ownAddresses` (the sender and `@contoso.com`);
    /// otherwise only the sender is ours.
    pub own_domain: bool,
    /// The recorded timeline, oldest first (ties in any order).
    pub items: Vec<Item>,
    /// How long after a suggestion the replayed representative acts; `None`: never.
    pub accept_after: Option<i64>,
}

/// An instant as RFC 3339.
#[must_use]
pub fn rfc3339(at: i64) -> String {
    let instant = DateTime::<Utc>::from_timestamp(T0 + at, 0).unwrap_or_default();
    instant.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A duration in seconds as ISO 8601 (`PT48H`, `PT90S`).
#[must_use]
pub fn iso_duration(seconds: i64) -> String {
    let delta = TimeDelta::seconds(seconds);
    if seconds % 3600 == 0 {
        format!("PT{}H", delta.num_hours())
    } else if seconds % 60 == 0 {
        format!("PT{}M", delta.num_minutes())
    } else {
        format!("PT{seconds}S")
    }
}

impl History {
    /// The config JSON.
    #[must_use]
    pub fn config_json(&self) -> Value {
        let waits = match self.rule.waits.as_slice() {
            [one] => Value::from(iso_duration(*one)),
            many => many.iter().map(|wait| Value::from(iso_duration(*wait))).collect(),
        };
        let mut follow_ups = json!({
            "count": self.rule.count,
            "waitTimes": waits,
            "representativeEmailCounts": self.rule.representative_counts,
        });
        if let (Some(tolerance), Some(map)) = (self.rule.tolerance, follow_ups.as_object_mut()) {
            map.insert("replyTolerance".into(), iso_duration(tolerance).into());
        }
        let mut rule = json!({
            "id": RULE_ID,
            "automation": if self.rule.full { "full" } else { "confirm" },
            "triggerStatusReasons": self.rule.triggers,
            "followUps": follow_ups,
            "resolution": {"type": status::PROBLEM_SOLVED},
        });
        if let (true, Some(map)) = (self.rule.resolve_on_favorable, rule.as_object_mut()) {
            map.insert("resolveOnFavorableReply".into(), true.into());
        }
        let mut config = json!({"sender": {"name": "Contoso Support", "address": SENDER}, "rules": [rule]});
        if let (true, Some(map)) = (self.own_domain, config.as_object_mut()) {
            map.insert("ownAddresses".into(), json!([SENDER, "@contoso.com"]));
        }
        config
    }

    /// The case record JSON.
    #[must_use]
    pub fn case_json(&self) -> Value {
        let mut case = json!({
            "incidentid": CASE_ID,
            "ticketnumber": "CAS-09001-D1FF",
            "title": "Grinder jams",
            "statecode": 0,
            "statuscode": self.record_status,
            "createdon": rfc3339(self.created_on),
        });
        if let Some(map) = case.as_object_mut() {
            if let Some(modified) = self.modified_on {
                map.insert("modifiedon".into(), rfc3339(modified).into());
            }
            if self.customer_on_record {
                map.insert("emailaddress".into(), CUSTOMER.into());
            }
        }
        case
    }

    /// The timeline JSON.
    #[must_use]
    pub fn timeline_json(&self) -> Value {
        self.items.iter().map(item_json).collect()
    }

    /// The replay policy as host-sim writes it.
    #[must_use]
    pub fn policy(&self) -> String {
        match self.accept_after {
            Some(delay) => format!("after:{}", iso_duration(delay)),
            None => "never".to_owned(),
        }
    }
}

fn item_json(item: &Item) -> Value {
    match item {
        Item::Status { at, value } => json!({"type": "statusChange", "at": rfc3339(*at), "statusReason": value}),
        Item::Mail(mail) => mail_json(mail),
        Item::Call(call) => {
            let mut map = Map::new();
            map.insert("type".into(), "phonecall".into());
            if let Some(id) = &call.id {
                map.insert("id".into(), id.clone().into());
            }
            map.insert("direction".into(), if call.outgoing { "outgoing" } else { "incoming" }.into());
            map.insert("at".into(), rfc3339(call.at).into());
            let state = match call.state {
                CallState::Open => "open",
                CallState::Completed => "completed",
                CallState::Canceled => "canceled",
            };
            map.insert("state".into(), state.into());
            map.insert("subject".into(), CALL_SUBJECT.into());
            let notes = if call.voicemail { VOICEMAIL_NOTES } else { call.kind.wording().1 };
            map.insert("description".into(), notes.into());
            if let Some(kind) = call.host_kind {
                map.insert("classification".into(), kind.name().into());
            }
            Value::Object(map)
        }
    }
}

fn mail_json(mail: &Mail) -> Value {
    let mut map = Map::new();
    map.insert("type".into(), "email".into());
    if let Some(id) = &mail.id {
        map.insert("id".into(), id.clone().into());
    }
    map.insert("direction".into(), if mail.outgoing { "outgoing" } else { "incoming" }.into());
    if let Some(from) = &mail.from {
        map.insert("from".into(), from.clone().into());
    }
    map.insert("to".into(), mail.to.iter().cloned().map(Value::from).collect());
    if !mail.cc.is_empty() {
        map.insert("cc".into(), mail.cc.iter().cloned().map(Value::from).collect());
    }
    if mail.outgoing {
        map.insert("subject".into(), OUTGOING_SUBJECT.into());
        map.insert("body".into(), OUTGOING_BODY.into());
        map.insert("sentAt".into(), rfc3339(mail.at).into());
        if mail.draft {
            map.insert("status".into(), "draft".into());
        }
        if let Some(key) = &mail.key {
            map.insert("followUpKey".into(), key.clone().into());
        }
    } else {
        let (subject, body, headers) = mail.kind.wording();
        map.insert("subject".into(), subject.into());
        map.insert("body".into(), body.into());
        map.insert("sentAt".into(), rfc3339(mail.at).into());
        let mut headers: Map<String, Value> =
            headers.iter().map(|(name, value)| ((*name).to_owned(), Value::from(*value))).collect();
        if let Some(failed) = &mail.failed_recipients {
            headers.insert("X-Failed-Recipients".into(), failed.clone().into());
        }
        if !headers.is_empty() {
            map.insert("headers".into(), Value::Object(headers));
        }
        if mail.host_classified {
            map.insert("classification".into(), mail.kind.name().into());
        }
    }
    Value::Object(map)
}
