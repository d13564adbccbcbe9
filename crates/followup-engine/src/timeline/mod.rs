//! The case timeline: emails, other activities and Status Reason changes, in
//! time order. Items are accepted in our own shape (`{"type": "email", ...}`)
//! or as the Dataverse Web API returns `email` and other activity rows.

use std::cell::OnceCell;

use serde_json::Value;

use crate::address::EmailAddress;
use crate::problem::{Problem, ProblemCode, index_path};
use crate::reader::json_kind;
use crate::replies::{Classification, CueSource, IncomingMessage, ReplyKind, classify};
use crate::status::StatusCatalog;
use crate::time::Timestamp;

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
    /// Sender address (`sender`), its display name left out.
    pub(crate) from: Option<EmailAddress>,
    /// The sender's display name, when the `from` text gave one.
    pub(crate) from_name: Option<String>,
    /// The `from` text when it is not an address (the null sender `<>` of
    /// a delivery report, say): never written to, but evidence for reading
    /// the message.
    pub(crate) refused_from: Option<String>,
    /// Recipient addresses (`torecipients`, split on `;`).
    pub to: Vec<EmailAddress>,
    /// Copy recipients (`ccrecipients`).
    pub cc: Vec<EmailAddress>,
    /// Addresses given for this email that are not email addresses, left
    /// out: one sentence each, for the decision's notes.
    pub refused_addresses: Vec<String>,
    /// Subject line.
    pub(crate) subject: String,
    /// Body as sent (`description` is HTML in Dataverse).
    pub(crate) body: String,
    /// When it was sent or received.
    pub at: Timestamp,
    /// Delivery state.
    pub delivery: Delivery,
    /// Message headers the host passed along (name, value).
    pub(crate) headers: Vec<(String, String)>,
    /// A classification the host made itself; it wins over ours.
    pub(crate) classification: Option<ReplyKind>,
    /// The idempotency key of the follow-up this email carried out, when the
    /// host recorded one: marks the email as an agent follow-up.
    pub follow_up_key: Option<String>,
    /// Internet message id, for threading replies.
    pub message_id: Option<String>,
    /// Time spent on it, in minutes (`actualdurationminutes`).
    pub duration_minutes: Option<i64>,
    /// What the email means, read once on first use (see [`Email::reading`]);
    /// the setters of what it is read from empty it.
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
            from_name: None,
            refused_from: None,
            to: Vec::new(),
            cc: Vec::new(),
            refused_addresses: Vec::new(),
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
    /// that evaluate one timeline many times read each message once; the
    /// setters below, the only way to change what it is read from, forget it.
    pub fn reading(&self) -> &Classification {
        self.reading.get_or_init(|| match self.classification {
            Some(kind) => host_classification(kind),
            None => classify(&IncomingMessage {
                from: self.sender_text().as_deref(),
                subject: &self.subject,
                body: &self.body,
                headers: &self.headers,
            }),
        })
    }
}

impl Email {
    /// The sender as a `From` header shows it: `Name <address>`, or the
    /// bare address.
    fn sender_text(&self) -> Option<String> {
        let Some(address) = self.from.as_ref() else {
            return self.refused_from.clone();
        };
        Some(match &self.from_name {
            Some(name) => format!("{name} <{address}>"),
            None => address.to_string(),
        })
    }
}

impl Email {
    /// The sender's address (`sender`), its display name left out.
    #[must_use]
    pub fn from(&self) -> Option<&EmailAddress> {
        self.from.as_ref()
    }

    /// The sender's display name, when the `from` text gave one.
    #[must_use]
    pub fn from_name(&self) -> Option<&str> {
        self.from_name.as_deref()
    }

    /// The `from` text when it is not an address (the null sender `<>` of a
    /// delivery report, say).
    #[must_use]
    pub fn refused_from(&self) -> Option<&str> {
        self.refused_from.as_deref()
    }

    /// The subject line.
    #[must_use]
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The body as sent (HTML in Dataverse).
    #[must_use]
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The message headers the host passed along (name, value).
    #[must_use]
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The classification the host made itself, if any.
    #[must_use]
    pub fn classification(&self) -> Option<ReplyKind> {
        self.classification
    }

    /// Sets the sender: an address and its display name (a refused `from`
    /// text is forgotten).
    pub fn set_from(&mut self, address: Option<EmailAddress>, name: Option<String>) {
        (self.from, self.from_name, self.refused_from) = (address, name, None);
        self.reading = OnceCell::new();
    }

    /// Sets the subject line.
    pub fn set_subject(&mut self, subject: impl Into<String>) {
        self.subject = subject.into();
        self.reading = OnceCell::new();
    }

    /// Sets the body (HTML or text).
    pub fn set_body(&mut self, body: impl Into<String>) {
        self.body = body.into();
        self.reading = OnceCell::new();
    }

    /// Sets the message headers (name, value).
    pub fn set_headers(&mut self, headers: Vec<(String, String)>) {
        self.headers = headers;
        self.reading = OnceCell::new();
    }

    /// Sets the host's own classification, which wins over the engine's.
    pub fn set_classification(&mut self, classification: Option<ReplyKind>) {
        self.classification = classification;
        self.reading = OnceCell::new();
    }
}

fn host_classification(kind: ReplyKind) -> Classification {
    Classification::new(kind, CueSource::Host, "classification supplied by the host".to_owned())
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
    pub(crate) subject: String,
    /// Description or notes.
    pub(crate) description: String,
    /// A classification the host made itself.
    pub(crate) classification: Option<ReplyKind>,
    /// What the activity means, read once on first use; the setters of what
    /// it is read from empty it.
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
                Classification::new(ReplyKind::Other, CueSource::Default, String::new())
            }
        })
    }
}

impl Activity {
    /// The subject line.
    #[must_use]
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The description or notes.
    #[must_use]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The classification the host made itself, if any.
    #[must_use]
    pub fn classification(&self) -> Option<ReplyKind> {
        self.classification
    }

    /// Sets the subject line.
    pub fn set_subject(&mut self, subject: impl Into<String>) {
        self.subject = subject.into();
        self.reading = OnceCell::new();
    }

    /// Sets the description or notes.
    pub fn set_description(&mut self, description: impl Into<String>) {
        self.description = description.into();
        self.reading = OnceCell::new();
    }

    /// Sets the host's own classification, which wins over the engine's.
    pub fn set_classification(&mut self, classification: Option<ReplyKind>) {
        self.classification = classification;
        self.reading = OnceCell::new();
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
    /// Reason labels with `statuses`. The items may come in any order; they
    /// are kept oldest first (`docs/behaviour.md` 1.1). Every item's
    /// problems are reported.
    pub fn from_json(value: Value, path: &str, statuses: &StatusCatalog) -> Result<Self, Vec<Problem>> {
        let mut timeline = Self::default();
        timeline.append_json(value, path, statuses)?;
        Ok(timeline)
    }

    /// Adds the items of a JSON array under `path` (what happened on the
    /// case since it was read, or what a late sync brought in), in any
    /// order and of any age, and keeps the whole timeline oldest first.
    /// Either every item is added or, on a problem, none; every item's
    /// problems are reported.
    pub fn append_json(&mut self, value: Value, path: &str, statuses: &StatusCatalog) -> Result<(), Vec<Problem>> {
        let Value::Array(entries) = value else {
            return Err(vec![Problem::new(
                ProblemCode::InvalidType,
                path,
                format!("the timeline must be an array of items, not {}", json_kind(&value)),
            )]);
        };
        let total = self.items.len().saturating_add(entries.len());
        if total > MAX_TIMELINE_ITEMS {
            return Err(vec![Problem::new(
                ProblemCode::TooLarge,
                path,
                format!("the timeline would have {total} items; the limit is {MAX_TIMELINE_ITEMS}"),
            )]);
        }
        let mut added = Vec::with_capacity(entries.len());
        let mut problems = Vec::new();
        for (index, entry) in entries.into_iter().enumerate() {
            if let Some(item) = read::read_item(entry, &index_path(path, index), statuses, &mut problems) {
                added.push(item);
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        self.items.append(&mut added);
        // Stable: items of the same instant keep their input order here; the
        // decision orders them by docs/behaviour.md 1.2, never by input order.
        let items = std::mem::take(&mut self.items);
        self.items = crate::order::stable_sorted(items, |left, right| left.at().cmp(&right.at()));
        Ok(())
    }
}

mod read;
#[cfg(test)]
mod tests;
