//! The case timeline: emails, other activities and Status Reason changes, in
//! time order. Items are accepted in our own shape (`{"type": "email", ...}`)
//! or as the Dataverse Web API returns `email` and other activity rows.

use std::cell::OnceCell;

use serde_json::Value;

use crate::fields::json_kind;
use crate::problem::{Problem, ProblemCode, index_path};
use crate::replies::{Classification, CueSource, IncomingMessage, ReplyKind, classify};
use crate::status::StatusCatalog;
use crate::time::{Timestamp, format_timestamp};

/// Which way a message travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the customer (or anyone outside) to the organisation.
    Incoming,
    /// From the organisation to the customer.
    Outgoing,
}

/// Where an email stands in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Sent, sending or queued to send: it counts as contact.
    Sent,
    /// Received from outside.
    Received,
    /// A draft: never sent, does not count.
    Draft,
    /// Sending failed or was canceled: does not count.
    Failed,
}

/// One email on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    /// `activityid`, when known.
    pub id: Option<String>,
    /// Incoming or outgoing (`directioncode`: true is outgoing).
    pub direction: Direction,
    /// Sender address (`sender`).
    pub from: Option<String>,
    /// Recipient addresses (`torecipients`, split on `;`).
    pub to: Vec<String>,
    /// Copy recipients (`ccrecipients`).
    pub cc: Vec<String>,
    /// Subject line.
    pub subject: String,
    /// Body as sent (`description` is HTML in Dataverse).
    pub body: String,
    /// When it was sent or received.
    pub at: Timestamp,
    /// Delivery state.
    pub delivery: Delivery,
    /// Message headers the host passed along (name, value).
    pub headers: Vec<(String, String)>,
    /// A classification the host made itself; it wins over ours.
    pub classification: Option<ReplyKind>,
    /// The idempotency key of the follow-up this email carried out, when the
    /// host recorded one: marks the email as an agent follow-up.
    pub follow_up_key: Option<String>,
    /// Internet message id, for threading replies.
    pub message_id: Option<String>,
    /// Time spent on it, in minutes (`actualdurationminutes`).
    pub duration_minutes: Option<i64>,
    /// What the email means, read once on first use (see [`Email::reading`]).
    reading: OnceCell<Classification>,
}

impl Email {
    /// An email with only its direction and time set; fill in the rest.
    #[must_use]
    pub fn new(direction: Direction, at: Timestamp) -> Self {
        Self {
            id: None,
            direction,
            from: None,
            to: Vec::new(),
            cc: Vec::new(),
            subject: String::new(),
            body: String::new(),
            at,
            delivery: if direction == Direction::Outgoing { Delivery::Sent } else { Delivery::Received },
            headers: Vec::new(),
            classification: None,
            follow_up_key: None,
            message_id: None,
            duration_minutes: None,
            reading: OnceCell::new(),
        }
    }

    /// What the email means as a customer message: the host's own
    /// classification when it gave one, else the engine's reading of the
    /// headers, sender, subject and words. Read once and kept, so replays
    /// that evaluate one timeline many times read each message once (change
    /// an email's text after reading it and the old reading stays).
    pub fn reading(&self) -> &Classification {
        self.reading.get_or_init(|| match self.classification {
            Some(kind) => host_classification(kind),
            None => classify(&IncomingMessage {
                from: self.from.as_deref(),
                subject: &self.subject,
                body: &self.body,
                headers: &self.headers,
            }),
        })
    }
}

fn host_classification(kind: ReplyKind) -> Classification {
    Classification { kind, source: CueSource::Host, cue: "classification supplied by the host".to_owned() }
}

/// State of a non-email activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityState {
    /// Still to do (`statecode` 0).
    Open,
    /// Done (`statecode` 1).
    Completed,
    /// Canceled (`statecode` 2).
    Canceled,
}

/// A phone call, task, appointment or other activity on the case.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// `activityid`, when known.
    pub id: Option<String>,
    /// `activitytypecode` (`phonecall`, `task`, ...).
    pub activity_type: String,
    /// Incoming or outgoing, for activities that have a direction.
    pub direction: Option<Direction>,
    /// When it happened (or was created, while open).
    pub at: Timestamp,
    /// Open, completed or canceled.
    pub state: ActivityState,
    /// Time spent, in minutes (`actualdurationminutes`).
    pub duration_minutes: Option<i64>,
    /// Subject line.
    pub subject: String,
    /// Description or notes.
    pub description: String,
    /// A classification the host made itself.
    pub classification: Option<ReplyKind>,
    /// What the activity means, read once on first use.
    reading: OnceCell<Classification>,
}

impl Activity {
    /// An activity with only its type and time set; fill in the rest.
    #[must_use]
    pub fn new(activity_type: impl Into<String>, at: Timestamp) -> Self {
        Self {
            id: None,
            activity_type: activity_type.into(),
            direction: None,
            at,
            state: ActivityState::Open,
            duration_minutes: None,
            subject: String::new(),
            description: String::new(),
            classification: None,
            reading: OnceCell::new(),
        }
    }

    /// What an incoming activity means. A call or chat cannot bounce or
    /// auto-reply: whatever the words, the customer got in touch, so a
    /// reading of either becomes `other`.
    pub fn reading(&self) -> &Classification {
        self.reading.get_or_init(|| {
            if let Some(kind) = self.classification {
                return host_classification(kind);
            }
            let classification = classify(&IncomingMessage {
                from: None,
                subject: &self.subject,
                body: &self.description,
                headers: &[],
            });
            if classification.kind.is_response() {
                classification
            } else {
                Classification { kind: ReplyKind::Other, source: CueSource::Default, cue: String::new() }
            }
        })
    }
}

/// A change of the case's Status Reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// When the status changed.
    pub at: Timestamp,
    /// The new Status Reason value.
    pub status_reason: i64,
}

/// One timeline item.
#[derive(Debug, Clone, PartialEq)]
pub enum TimelineItem {
    /// An email.
    Email(Email),
    /// Any other activity.
    Activity(Activity),
    /// A Status Reason change.
    StatusChange(StatusChange),
}

impl TimelineItem {
    /// When the item happened.
    #[must_use]
    pub fn at(&self) -> Timestamp {
        match self {
            Self::Email(email) => email.at,
            Self::Activity(activity) => activity.at,
            Self::StatusChange(change) => change.at,
        }
    }

    /// The activity id, for items that have one.
    #[must_use]
    pub fn activity_id(&self) -> Option<&str> {
        match self {
            Self::Email(email) => email.id.as_deref(),
            Self::Activity(activity) => activity.id.as_deref(),
            Self::StatusChange(_) => None,
        }
    }
}

/// Activity types Dataverse ships, accepted as a `type` of their own.
const ACTIVITY_TYPES: [&str; 9] =
    ["activity", "phonecall", "task", "appointment", "letter", "fax", "serviceappointment", "socialactivity", "chat"];

/// Most timeline items accepted in one call.
pub const MAX_TIMELINE_ITEMS: usize = 100_000;

/// A case's timeline, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// The items, oldest first.
    pub items: Vec<TimelineItem>,
}

impl Timeline {
    /// Reads a timeline from a JSON array under `path`, resolving Status
    /// Reason labels with `statuses`. Items must be oldest first.
    pub fn from_json(value: Value, path: &str, statuses: &StatusCatalog) -> Result<Self, Problem> {
        let mut timeline = Self::default();
        timeline.append_json(value, path, statuses)?;
        Ok(timeline)
    }

    /// Adds the items of a JSON array under `path`, oldest first and none
    /// older than the latest item already held (what happened on the case
    /// since it was read). Either every item is added or, on a problem, none.
    pub fn append_json(&mut self, value: Value, path: &str, statuses: &StatusCatalog) -> Result<(), Problem> {
        let Value::Array(entries) = value else {
            return Err(Problem::new(
                ProblemCode::InvalidType,
                path,
                format!("the timeline must be an array of items, not {}", json_kind(&value)),
            ));
        };
        let total = self.items.len().saturating_add(entries.len());
        if total > MAX_TIMELINE_ITEMS {
            return Err(Problem::new(
                ProblemCode::TooLarge,
                path,
                format!("the timeline would have {total} items; the limit is {MAX_TIMELINE_ITEMS}"),
            ));
        }
        let mut added = Vec::with_capacity(entries.len());
        let mut previous = self.items.last().map(TimelineItem::at);
        for (index, entry) in entries.into_iter().enumerate() {
            let item_path = index_path(path, index);
            let item = read::read_item(entry, &item_path, statuses)?;
            if let Some(before) = previous.filter(|before| item.at() < *before) {
                let above = if index == 0 { "the latest item already on the timeline" } else { "the item above it" };
                return Err(Problem::new(
                    ProblemCode::TimelineOrder,
                    item_path,
                    format!(
                        "this item happened at {}, before {above} ({}): list the timeline oldest first",
                        format_timestamp(item.at()),
                        format_timestamp(before)
                    ),
                ));
            }
            previous = Some(item.at());
            added.push(item);
        }
        self.items.append(&mut added);
        Ok(())
    }
}

mod read;
#[cfg(test)]
mod tests;
