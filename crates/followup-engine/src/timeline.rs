//! The case timeline: emails, other activities and Status Reason changes, in
//! time order. Items are accepted in our own shape (`{"type": "email", ...}`)
//! or as the Dataverse Web API returns `email` and other activity rows.

use std::cell::OnceCell;

use serde_json::Value;

use crate::address::EmailAddress;
use crate::address::{Mailbox, split_list};
use crate::fields::{Fields, as_text, json_kind};
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
    /// Sender address (`sender`), its display name left out.
    pub from: Option<EmailAddress>,
    /// The sender's display name, when the `from` text gave one.
    pub from_name: Option<String>,
    /// Recipient addresses (`torecipients`, split on `;`).
    pub to: Vec<EmailAddress>,
    /// Copy recipients (`ccrecipients`).
    pub cc: Vec<EmailAddress>,
    /// Addresses given for this email that are not email addresses, left
    /// out: one sentence each, for the decision's notes.
    pub refused_addresses: Vec<String>,
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
            from_name: None,
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
    /// that evaluate one timeline many times read each message once (change
    /// an email's text after reading it and the old reading stays).
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
        let address = self.from.as_ref()?;
        Some(match &self.from_name {
            Some(name) => format!("{name} <{address}>"),
            None => address.to_string(),
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
            let item = read_item(entry, &item_path, statuses)?;
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

fn read_item(mut value: Value, path: &str, statuses: &StatusCatalog) -> Result<TimelineItem, Problem> {
    let fields = Fields::new(&value, path, "a timeline item")?;
    let declared = fields.text("type")?.or(fields.text("activitytypecode")?);
    match declared {
        Some("email") => read_email(&mut value, path).map(TimelineItem::Email),
        Some("statusChange") => read_status_change(&fields, statuses).map(TimelineItem::StatusChange),
        Some(kind) if ACTIVITY_TYPES.contains(&kind) || fields.get("type").is_none() => {
            let kind = kind.to_owned();
            read_activity(&mut value, path, &kind).map(TimelineItem::Activity)
        }
        Some(kind) => Err(Problem::new(
            ProblemCode::UnknownTimelineItem,
            fields.path_of("type"),
            format!(
                "`{}` is not a timeline item type: use `email`, `statusChange` or an activity type such as `phonecall`",
                crate::time::clip(kind)
            ),
        )),
        None if fields.get("directioncode").is_some()
            && fields.first_of(&["sender", "torecipients", "senton", "messageid"]).is_some() =>
        {
            read_email(&mut value, path).map(TimelineItem::Email)
        }
        None => Err(Problem::new(
            ProblemCode::UnknownTimelineItem,
            path,
            "cannot tell what this item is: give `type` (`email`, `statusChange`, `phonecall`, ...) or `activitytypecode`",
        )),
    }
}

fn read_direction(fields: &Fields<'_>, required: bool) -> Result<Option<Direction>, Problem> {
    if let Some(text) = fields.text("direction")? {
        return match text {
            "incoming" => Ok(Some(Direction::Incoming)),
            "outgoing" => Ok(Some(Direction::Outgoing)),
            other => Err(Problem::new(
                ProblemCode::InvalidValue,
                fields.path_of("direction"),
                format!("`{}` is not a direction: use `incoming` or `outgoing`", crate::time::clip(other)),
            )),
        };
    }
    if let Some(value) = fields.get("directioncode") {
        return match value {
            Value::Bool(true) => Ok(Some(Direction::Outgoing)),
            Value::Bool(false) => Ok(Some(Direction::Incoming)),
            other => Err(Problem::new(
                ProblemCode::InvalidType,
                fields.path_of("directioncode"),
                format!("`directioncode` must be true (outgoing) or false (incoming), not {}", json_kind(other)),
            )),
        };
    }
    if required {
        Err(Problem::new(
            ProblemCode::MissingField,
            fields.path_of("direction"),
            "an email needs `direction` (`incoming` or `outgoing`) or `directioncode`",
        ))
    } else {
        Ok(None)
    }
}

fn read_addresses(
    fields: &Fields<'_>,
    keys: &[&'static str],
    refused: &mut Vec<String>,
) -> Result<Vec<EmailAddress>, Problem> {
    let Some((key, value)) = fields.first_of(keys) else {
        return Ok(Vec::new());
    };
    let mut addresses = Vec::new();
    let mut add = |text: &str, path: &str| {
        for entry in split_list(text) {
            match Mailbox::parse(entry) {
                Ok(mailbox) => addresses.push(mailbox.address),
                Err(why) => refused.push(refused_address(entry, path, why)),
            }
        }
    };
    match value {
        Value::String(text) => add(text, &fields.path_of(key)),
        Value::Array(entries) => {
            for (index, entry) in entries.iter().enumerate() {
                let path = index_path(&fields.path_of(key), index);
                let text = entry.as_str().ok_or_else(|| {
                    Problem::new(
                        ProblemCode::InvalidType,
                        path.clone(),
                        format!("expected an address as text, found {}", json_kind(entry)),
                    )
                })?;
                add(text, &path);
            }
        }
        other => {
            return Err(Problem::new(
                ProblemCode::InvalidType,
                fields.path_of(key),
                format!("expected addresses as text or an array of text, found {}", json_kind(other)),
            ));
        }
    }
    Ok(addresses)
}

/// The note for an address left out.
fn refused_address(text: &str, path: &str, why: crate::address::AddressError) -> String {
    format!("`{}` at `{path}` is not an email address ({why}): it was left out", crate::text::visible(text))
}

fn read_classification(fields: &Fields<'_>) -> Result<Option<ReplyKind>, Problem> {
    let Some(text) = fields.text("classification")? else {
        return Ok(None);
    };
    ReplyKind::parse(text).map(Some).ok_or_else(|| {
        Problem::new(
            ProblemCode::InvalidValue,
            fields.path_of("classification"),
            format!(
                "`{}` is not a reply kind: use one of {}",
                crate::time::clip(text),
                crate::text::join(
                    &ReplyKind::ALL.iter().map(|kind| format!("`{}`", kind.as_str())).collect::<Vec<_>>(),
                    ", "
                )
            ),
        )
    })
}

fn read_headers(fields: &Fields<'_>) -> Result<Vec<(String, String)>, Problem> {
    let Some(value) = fields.get("headers") else {
        return Ok(Vec::new());
    };
    let path = fields.path_of("headers");
    let Value::Object(map) = value else {
        return Err(Problem::new(
            ProblemCode::InvalidType,
            path,
            format!("headers must be an object of header name to text, not {}", json_kind(value)),
        ));
    };
    map.iter()
        .map(|(name, value)| {
            let text = as_text(value, &crate::problem::field_path(&path, name))?;
            Ok((name.clone(), text.to_owned()))
        })
        .collect()
}

/// Moves the text at `key` out of the record (already checked to be text).
fn take_text(value: &mut Value, key: Option<&str>) -> Option<String> {
    match value.get_mut(key?)?.take() {
        Value::String(text) => Some(text),
        _ => None,
    }
}

fn read_email(value: &mut Value, path: &str) -> Result<Email, Problem> {
    // Everything is checked first; the texts are then moved out of the
    // record rather than copied (bodies can be long).
    let (mut email, keys) = {
        let fields = Fields::new(value, path, "a timeline item")?;
        let direction = read_direction(&fields, true)?.unwrap_or(Direction::Incoming);
        let delivery = read_email_delivery(&fields, direction)?;
        let keys = [
            fields.text_key(&["id", "activityid"])?,
            fields.text_key(&["from", "sender"])?,
            fields.text_key(&["subject"])?,
            fields.text_key(&["body", "description"])?,
            fields.text_key(&["followUpKey"])?,
            fields.text_key(&["messageId", "messageid"])?,
        ];
        let mut email =
            Email::new(direction, fields.required_timestamp_of(&["sentAt", "senton", "actualend", "createdon"])?);
        email.delivery = delivery;
        email.to = read_addresses(&fields, &["to", "torecipients"], &mut email.refused_addresses)?;
        email.cc = read_addresses(&fields, &["cc", "ccrecipients"], &mut email.refused_addresses)?;
        email.headers = read_headers(&fields)?;
        email.classification = read_classification(&fields)?;
        email.duration_minutes = read_duration(&fields)?;
        (email, keys)
    };
    let [id, from, subject, body, follow_up_key, message_id] = keys;
    email.id = take_text(value, id);
    if let Some(text) = take_text(value, from) {
        match Mailbox::parse(&text) {
            Ok(mailbox) => {
                email.from = Some(mailbox.address);
                email.from_name = mailbox.name;
            }
            Err(why) => {
                let path = crate::problem::field_path(path, from.unwrap_or("from"));
                email.refused_addresses.push(refused_address(&text, &path, why));
            }
        }
    }
    email.subject = take_text(value, subject).unwrap_or_default();
    email.body = take_text(value, body).unwrap_or_default();
    email.follow_up_key = take_text(value, follow_up_key);
    email.message_id = take_text(value, message_id);
    Ok(email)
}

fn read_email_delivery(fields: &Fields<'_>, direction: Direction) -> Result<Delivery, Problem> {
    if let Some(text) = fields.text("status")? {
        return match text {
            "sent" | "pendingSend" | "sending" => Ok(Delivery::Sent),
            "received" => Ok(Delivery::Received),
            "draft" => Ok(Delivery::Draft),
            "failed" | "canceled" => Ok(Delivery::Failed),
            other => Err(Problem::new(
                ProblemCode::InvalidValue,
                fields.path_of("status"),
                format!(
                    "`{}` is not an email status: use `sent`, `received`, `draft`, `pendingSend`, `sending`, `failed` or `canceled`",
                    crate::time::clip(other)
                ),
            )),
        };
    }
    // Dataverse email statuscode: 1 Draft, 2 Completed, 3 Sent, 4 Received,
    // 5 Canceled, 6 Pending Send, 7 Sending, 8 Failed.
    match fields.integer("statuscode")? {
        None | Some(2) => Ok(if direction == Direction::Incoming { Delivery::Received } else { Delivery::Sent }),
        Some(3 | 6 | 7) => Ok(Delivery::Sent),
        Some(4) => Ok(Delivery::Received),
        Some(1) => Ok(Delivery::Draft),
        Some(5 | 8) => Ok(Delivery::Failed),
        Some(other) => Err(Problem::new(
            ProblemCode::InvalidValue,
            fields.path_of("statuscode"),
            format!("`{other}` is not an email status reason: expected 1 to 8"),
        )),
    }
}

fn read_activity(value: &mut Value, path: &str, kind: &str) -> Result<Activity, Problem> {
    let (mut activity, keys) = {
        let fields = Fields::new(value, path, "a timeline item")?;
        let activity = read_activity_facts(&fields, kind)?;
        let keys = [
            fields.text_key(&["id", "activityid"])?,
            fields.text_key(&["subject"])?,
            fields.text_key(&["description", "body"])?,
        ];
        (activity, keys)
    };
    let [id, subject, description] = keys;
    activity.id = take_text(value, id);
    activity.subject = take_text(value, subject).unwrap_or_default();
    activity.description = take_text(value, description).unwrap_or_default();
    Ok(activity)
}

fn read_activity_facts(fields: &Fields<'_>, kind: &str) -> Result<Activity, Problem> {
    let activity_type = if kind == "activity" {
        fields.text("activityType")?.unwrap_or("activity").to_owned()
    } else {
        kind.to_owned()
    };
    let state = match fields.text("state")? {
        Some(text) => match text {
            "open" => ActivityState::Open,
            "completed" => ActivityState::Completed,
            "canceled" => ActivityState::Canceled,
            other => {
                return Err(Problem::new(
                    ProblemCode::InvalidValue,
                    fields.path_of("state"),
                    format!(
                        "`{}` is not an activity state: use `open`, `completed` or `canceled`",
                        crate::time::clip(other)
                    ),
                ));
            }
        },
        None => match fields.integer("statecode")? {
            None | Some(0) => ActivityState::Open,
            Some(1) => ActivityState::Completed,
            Some(2) => ActivityState::Canceled,
            Some(other) => {
                return Err(Problem::new(
                    ProblemCode::InvalidValue,
                    fields.path_of("statecode"),
                    format!("`{other}` is not an activity state: expected 0 (Open), 1 (Completed) or 2 (Canceled)"),
                ));
            }
        },
    };
    let mut activity = Activity::new(activity_type, fields.required_timestamp_of(&["at", "actualend", "createdon"])?);
    activity.direction = read_direction(fields, false)?;
    activity.state = state;
    activity.duration_minutes = read_duration(fields)?;
    activity.classification = read_classification(fields)?;
    Ok(activity)
}

fn read_duration(fields: &Fields<'_>) -> Result<Option<i64>, Problem> {
    let Some((key, value)) = fields.first_of(&["durationMinutes", "actualdurationminutes"]) else {
        return Ok(None);
    };
    let minutes = crate::fields::as_integer(value, &fields.path_of(key))?;
    if (0..=1_000_000).contains(&minutes) {
        Ok(Some(minutes))
    } else {
        Err(Problem::new(
            ProblemCode::InvalidValue,
            fields.path_of(key),
            format!("`{minutes}` minutes is not a plausible time spent (0 to 1000000)"),
        ))
    }
}

fn read_status_change(fields: &Fields<'_>, statuses: &StatusCatalog) -> Result<StatusChange, Problem> {
    let key = "statusReason";
    let value = fields.get(key).ok_or_else(|| fields.missing(key))?;
    let status_reason = match value {
        Value::String(label) => statuses.by_label(label).map(|reason| reason.value).ok_or_else(|| {
            Problem::new(
                ProblemCode::UnknownStatusReason,
                fields.path_of(key),
                format!("`{}` is not a known Status Reason label", crate::time::clip(label)),
            )
        })?,
        other => crate::fields::as_integer(other, &fields.path_of(key))?,
    };
    Ok(StatusChange { at: fields.required_timestamp_of(&["at"])?, status_reason })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: &Value) -> Result<Timeline, Problem> {
        Timeline::from_json(value.clone(), "timeline", &StatusCatalog::default())
    }

    #[test]
    fn reads_our_own_shape() {
        let timeline = read(&json!([
            {"type": "statusChange", "at": "2026-11-02T13:00:00Z", "statusReason": "On Hold"},
            {"type": "email", "id": "e1", "direction": "outgoing", "from": "support@contoso.com",
             "to": ["alex@fabrikam.com"], "subject": "Your case", "body": "Hello", "sentAt": "2026-11-02T14:00:00Z",
             "followUpKey": "k1"},
            {"type": "phonecall", "id": "p1", "at": "2026-11-03T10:00:00Z", "state": "completed", "durationMinutes": 15,
             "direction": "incoming", "subject": "Call", "classification": "favorable"}
        ]))
        .unwrap();
        assert_eq!(timeline.items.len(), 3);
        let TimelineItem::StatusChange(change) = &timeline.items[0] else { panic!() };
        assert_eq!(change.status_reason, 2);
        let TimelineItem::Email(email) = &timeline.items[1] else { panic!() };
        assert_eq!(email.direction, Direction::Outgoing);
        assert_eq!(email.delivery, Delivery::Sent);
        assert_eq!(email.follow_up_key.as_deref(), Some("k1"));
        let TimelineItem::Activity(call) = &timeline.items[2] else { panic!() };
        assert_eq!((call.state, call.duration_minutes), (ActivityState::Completed, Some(15)));
        assert_eq!(call.classification, Some(ReplyKind::Favorable));
    }

    #[test]
    fn reads_web_api_email_rows() {
        let timeline = read(&json!([
            {"@odata.etag": "W/\"1\"", "activityid": "e2", "directioncode": false, "sender": "alex@fabrikam.com",
             "torecipients": "support@contoso.com;", "subject": "RE: Your case", "description": "<p>Still broken</p>",
             "senton": "2026-11-04T08:00:00Z", "statuscode": 4, "messageid": "<m1@fabrikam.com>"},
            {"activitytypecode": "task", "activityid": "t1", "statecode": 0, "createdon": "2026-11-04T09:00:00Z"}
        ]))
        .unwrap();
        let TimelineItem::Email(email) = &timeline.items[0] else { panic!() };
        assert_eq!(email.direction, Direction::Incoming);
        assert_eq!(email.to, vec!["support@contoso.com".to_owned()]);
        assert_eq!(email.delivery, Delivery::Received);
        assert_eq!(email.message_id.as_deref(), Some("<m1@fabrikam.com>"));
        let TimelineItem::Activity(task) = &timeline.items[1] else { panic!() };
        assert_eq!((task.activity_type.as_str(), task.state), ("task", ActivityState::Open));
    }

    #[test]
    fn problems_name_the_item() {
        let cases = [
            (json!({"x": 1}), ProblemCode::InvalidType, "timeline"),
            (json!([{"subject": "?"}]), ProblemCode::UnknownTimelineItem, "timeline[0]"),
            (json!([{"type": "fax-machine"}]), ProblemCode::UnknownTimelineItem, "timeline[0].type"),
            (
                json!([{"type": "email", "sentAt": "2026-11-02T14:00:00Z"}]),
                ProblemCode::MissingField,
                "timeline[0].direction",
            ),
            (
                json!([{"type": "email", "direction": "out", "sentAt": "2026-11-02T14:00:00Z"}]),
                ProblemCode::InvalidValue,
                "timeline[0].direction",
            ),
            (json!([{"type": "email", "direction": "outgoing"}]), ProblemCode::MissingField, "timeline[0]"),
            (
                json!([{"type": "email", "direction": "outgoing", "sentAt": "soon"}]),
                ProblemCode::InvalidDateTime,
                "timeline[0].sentAt",
            ),
            (
                json!([{"type": "statusChange", "at": "2026-11-02T14:00:00Z", "statusReason": "Sleeping"}]),
                ProblemCode::UnknownStatusReason,
                "timeline[0].statusReason",
            ),
            (
                json!([{"type": "email", "direction": "incoming", "sentAt": "2026-11-02T14:00:00Z", "classification": "angry"}]),
                ProblemCode::InvalidValue,
                "timeline[0].classification",
            ),
            (
                json!([{"type": "task", "at": "2026-11-02T14:00:00Z", "durationMinutes": -5}]),
                ProblemCode::InvalidValue,
                "timeline[0].durationMinutes",
            ),
            (
                json!([{"type": "email", "direction": "incoming", "sentAt": "2026-11-02T14:00:00Z", "headers": {"X-Autoreply": 1}}]),
                ProblemCode::InvalidType,
                "timeline[0].headers.X-Autoreply",
            ),
            (
                json!([
                    {"type": "statusChange", "at": "2026-11-03T00:00:00Z", "statusReason": 2},
                    {"type": "statusChange", "at": "2026-11-02T00:00:00Z", "statusReason": 1}
                ]),
                ProblemCode::TimelineOrder,
                "timeline[1]",
            ),
        ];
        for (value, code, path) in cases {
            let error = read(&value).unwrap_err();
            assert_eq!((error.code, error.path.as_str()), (code, path), "{value}: {error}");
        }
    }
}
