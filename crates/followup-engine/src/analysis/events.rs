//! The timeline as the state machine reads it (`docs/behaviour.md`, 1):
//! duplicates left out, each item read as one event (who wrote it, what it
//! is) and the events in effective-time order, with the documented order
//! at the same instant.

use std::cmp::Ordering;

use chrono::TimeDelta;

use crate::config::Config;
use crate::mail::address::{normalize, normalizes_to};
use crate::mail::lists::{self, Test};
use crate::record::CaseRecord;
use crate::replies::ReplyKind;
use crate::text::counted;
use crate::time::{Timestamp, format_timestamp};
use crate::timeline::{Activity, ActivityState, Delivery, Direction, Email, TimelineItem};

use super::cycle::Response;

/// What one timeline item is for the state machine.
#[derive(Debug, Clone)]
pub(crate) enum EventKind<'a> {
    /// A Status Reason change to this value.
    Status(i64),
    /// A sent email with the customer among its recipients; `agent` when it
    /// carries a `followUpKey`.
    ToCustomer { email: &'a Email, agent: bool },
    /// A delivery failure; `names_customer` is whether its failed
    /// recipients include the customer (`None`: it names none).
    Bounce { email: &'a Email, names_customer: Option<bool> },
    /// A response from the customer (an email or logged contact).
    Response(Response<'a>),
    /// An automatic reply (a delay notice, an out-of-office, ...): never a
    /// response; only the customer's may give a return date.
    AutoReply { email: &'a Email, from_customer: bool },
    /// A sent email that does not go to the customer.
    Internal,
    /// Incoming mail from one of our own addresses.
    OwnCopy { email: &'a Email },
    /// Incoming mail from someone who is neither us nor the customer.
    ThirdParty { from: String, email: &'a Email },
    /// Nothing the state machine reads (drafts, tasks, ...).
    Ignored,
}

/// One event, at its effective time.
#[derive(Debug, Clone)]
pub(crate) struct Event<'a> {
    pub at: Timestamp,
    pub kind: EventKind<'a>,
}

/// The events of a timeline and the facts found while reading it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reading<'a> {
    /// The customer's address, normalised (`docs/behaviour.md`, 1.5).
    pub customer: Option<String>,
    /// The events, in the order the state machine reads them.
    pub events: Vec<Event<'a>>,
    /// Notes for the decision (duplicates, internal mail, bad input, ...).
    pub notes: Vec<String>,
}

/// An item with the time it is ordered by and its place in the list of
/// event kinds (one type for both sorts, so the sort is built once).
type Keyed<'a> = (Timestamp, &'a TimelineItem, usize);

/// Reads the visible `items` of `case`: `tolerance` is the rule's
/// `followUps.replyTolerance`.
pub(crate) fn read_events<'a>(
    config: &Config,
    case: &CaseRecord,
    items: &'a [TimelineItem],
    tolerance: TimeDelta,
) -> Reading<'a> {
    // Drafts and failed sends never count: left out before duplicates are
    // looked for, so that a draft never hides the sent email of its key.
    let ordered: Vec<Keyed<'a>> =
        items.iter().filter(|item| !is_unsent(item)).map(|item| (item.at(), item, 0)).collect();
    let ordered = sorted(ordered);
    let (mut unique, duplicates) = without_duplicates(ordered);
    let mut reading = Reading { customer: customer_address(config, case, &unique), ..Reading::default() };
    if duplicates > 0 {
        reading.notes.push(format!(
            "{} counted once",
            counted(duplicates, "duplicate timeline item", "duplicate timeline items")
        ));
    }
    let mut counts = Counts::default();
    let mut kinds: Vec<Option<EventKind<'a>>> = Vec::with_capacity(unique.len());
    for (position, (_, item, index)) in unique.iter_mut().enumerate() {
        *index = position;
        kinds.push(Some(event_of(config, reading.customer.as_deref(), item, &mut counts)));
    }
    shift_for_tolerance(&mut unique, &kinds, tolerance);
    reading.events = sorted(unique)
        .into_iter()
        .filter_map(|(at, _, index)| kinds.get_mut(index).and_then(Option::take).map(|kind| Event { at, kind }))
        .collect();
    counts.write(&mut reading.notes);
    reading
}

/// Whether `item` is an email that was never sent or received.
fn is_unsent(item: &TimelineItem) -> bool {
    matches!(item, TimelineItem::Email(email) if matches!(email.delivery, Delivery::Draft | Delivery::Failed))
}

/// Counts of the items read but left out, for the notes.
#[derive(Debug, Default)]
struct Counts {
    internal: usize,
    own_copies: usize,
    auto_replies: usize,
    bad: Vec<String>,
}

impl Counts {
    fn write(self, notes: &mut Vec<String>) {
        if self.internal > 0 {
            let emails = counted(self.internal, "email", "emails");
            notes.push(format!("{emails} not counted as a follow-up: the customer was not among the recipients"));
        }
        if self.own_copies > 0 {
            let emails = counted(self.own_copies, "incoming email", "incoming emails");
            notes.push(format!("{emails} not counted as a response: sent from our own addresses"));
        }
        if self.auto_replies > 0 {
            notes.push(format!("{} not counted", counted(self.auto_replies, "automatic reply", "automatic replies")));
        }
        notes.extend(self.bad);
    }
}

/// Where an item goes among items of the same instant: status changes,
/// outgoing emails, other activities, incoming emails.
fn rank(item: &TimelineItem) -> u8 {
    match item {
        TimelineItem::StatusChange(_) => 0,
        TimelineItem::Email(email) if email.direction == Direction::Outgoing => 1,
        TimelineItem::Activity(_) => 2,
        TimelineItem::Email(_) => 3,
    }
}

/// The order of `docs/behaviour.md` 1.2: time, rank, activity id, content.
fn order(left: &Keyed<'_>, right: &Keyed<'_>) -> Ordering {
    let ((left_at, left, _), (right_at, right, _)) = (left, right);
    left_at
        .cmp(right_at)
        .then_with(|| rank(left).cmp(&rank(right)))
        .then_with(|| left.activity_id().cmp(&right.activity_id()))
        .then_with(|| match (left, right) {
            (TimelineItem::Email(left), TimelineItem::Email(right)) => {
                (&left.from, &left.to, &left.cc, &left.subject, &left.body, &left.follow_up_key).cmp(&(
                    &right.from,
                    &right.to,
                    &right.cc,
                    &right.subject,
                    &right.body,
                    &right.follow_up_key,
                ))
            }
            (TimelineItem::Activity(left), TimelineItem::Activity(right)) => (
                &left.activity_type,
                &left.subject,
                &left.description,
            )
                .cmp(&(&right.activity_type, &right.subject, &right.description)),
            (TimelineItem::StatusChange(left), TimelineItem::StatusChange(right)) => {
                left.status_reason.cmp(&right.status_reason)
            }
            _ => Ordering::Equal,
        })
}

/// `items` in [`order`], equal items kept in their order.
fn sorted(items: Vec<Keyed<'_>>) -> Vec<Keyed<'_>> {
    crate::order::stable_sorted(items, order)
}

/// The items with a repeated activity id or `followUpKey` left out (the
/// first kept), and how many were.
fn without_duplicates(ordered: Vec<Keyed<'_>>) -> (Vec<Keyed<'_>>, usize) {
    // Sorted lists searched by halving: small code for what is usually a
    // handful of ids.
    let mut ids: Vec<&str> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    let mut duplicates = 0;
    let mut unique = Vec::with_capacity(ordered.len());
    for keyed in ordered {
        let item = keyed.1;
        let key = match item {
            TimelineItem::Email(email) => email.follow_up_key.as_deref(),
            _ => None,
        };
        let seen = |list: &[&str], value: Option<&str>| value.is_some_and(|value| list.binary_search(&value).is_ok());
        if seen(&ids, item.activity_id()) || seen(&keys, key) {
            duplicates += 1;
            continue;
        }
        for (list, value) in [(&mut ids, item.activity_id()), (&mut keys, key)] {
            if let Some(value) = value {
                let position = list.partition_point(|existing| *existing < value);
                list.insert(position, value);
            }
        }
        unique.push(keyed);
    }
    (unique, duplicates)
}

/// The customer's address: the record's `emailaddress`, else the sender of
/// the first incoming email that is not ours and not a delivery failure.
fn customer_address(config: &Config, case: &CaseRecord, items: &[Keyed<'_>]) -> Option<String> {
    if let Some(Ok(address)) = super::case_address(case) {
        let address = crate::text::fold(address.as_str());
        return Some(address);
    }
    items.iter().find_map(|(_, item, _)| match item {
        TimelineItem::Email(email) if email.direction == Direction::Incoming => {
            let from = email.from.as_deref().and_then(normalize)?;
            let external = !config.own_addresses.contains(&from);
            (external && email.reading().kind != ReplyKind::Bounce).then_some(from)
        }
        _ => None,
    })
}

/// How an item is named in a note: its activity id, else its time.
fn label(email: &Email) -> String {
    email.id.clone().unwrap_or_else(|| format_timestamp(email.at))
}

fn event_of<'a>(config: &Config, customer: Option<&str>, item: &'a TimelineItem, counts: &mut Counts) -> EventKind<'a> {
    match item {
        TimelineItem::StatusChange(change) => EventKind::Status(change.status_reason),
        TimelineItem::Email(email) if email.direction == Direction::Outgoing => {
            if email.delivery != Delivery::Sent {
                return EventKind::Ignored;
            }
            if email.to.is_empty() && email.cc.is_empty() {
                counts.bad.push(format!("the outgoing email {} has no recipients: it was not read", label(email)));
                return EventKind::Ignored;
            }
            let to_customer = customer.is_some_and(|customer| {
                email.to.iter().chain(&email.cc).any(|address| normalizes_to(address, customer))
            });
            if to_customer {
                EventKind::ToCustomer { email, agent: email.follow_up_key.as_deref().is_some_and(is_follow_up_key) }
            } else {
                counts.internal += 1;
                EventKind::Internal
            }
        }
        TimelineItem::Email(email) => incoming_email(config, customer, email, counts),
        TimelineItem::Activity(activity) => contact(activity).map_or(EventKind::Ignored, EventKind::Response),
    }
}

fn incoming_email<'a>(config: &Config, customer: Option<&str>, email: &'a Email, counts: &mut Counts) -> EventKind<'a> {
    if email.delivery == Delivery::Draft || email.delivery == Delivery::Failed {
        return EventKind::Ignored;
    }
    // A delivery failure counts whoever sent it, even nobody: a case is
    // never resolved for a silence the customer could not break.
    let classification = email.reading();
    if classification.kind == ReplyKind::Bounce {
        return EventKind::Bounce { email, names_customer: names_customer(email, customer) };
    }
    let Some(from) = email.from.as_deref().and_then(normalize) else {
        counts.bad.push(format!("the incoming email {} has no sender: it was not read", label(email)));
        return EventKind::Ignored;
    };
    if config.own_addresses.contains(&from) {
        counts.own_copies += 1;
        return EventKind::OwnCopy { email };
    }
    // Machine mail from anyone is not a person writing: counted, not noted
    // as a third party's message.
    let from_customer = customer == Some(from.as_str());
    if classification.kind == ReplyKind::AutoReply {
        counts.auto_replies += 1;
        return EventKind::AutoReply { email, from_customer };
    }
    if !from_customer {
        return EventKind::ThirdParty { from, email };
    }
    EventKind::Response(Response { at: email.at, activity_id: email.id.as_deref(), classification, email: Some(email) })
}

/// Whether a `followUpKey` is a follow-up's: a drafted reply's key
/// (`<case>/<rule>/reply/after-<...>`) marks the representative's answer,
/// which closes the customer's message like any email of theirs (5.3).
fn is_follow_up_key(key: &str) -> bool {
    !key.contains("/reply/after-")
}

/// Whether a bounce's `X-Failed-Recipients` include the customer; `None`
/// when it names no address.
fn names_customer(email: &Email, customer: Option<&str>) -> Option<bool> {
    let failed: Vec<String> = email
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("x-failed-recipients"))
        .flat_map(|(_, value)| value.split([',', ';']).filter_map(normalize).collect::<Vec<_>>())
        .collect();
    if failed.is_empty() {
        return None;
    }
    Some(customer.is_some_and(|customer| failed.iter().any(|address| address == customer)))
}

/// Activity types whose completed record means the customer was reached.
const CONTACT_TYPES: &str = "phonecall|appointment|chat|socialactivity";

/// Words in a call's notes that say the customer was not reached.
const NOT_REACHED: &str =
    "voicemail|no answer|left a message|left message|did not answer|didn't answer|not reachable|unreachable";

/// The response an activity stands for, if it is logged contact with the
/// customer (`docs/behaviour.md`, 5.5).
fn contact(activity: &Activity) -> Option<Response<'_>> {
    let incoming = activity.direction == Some(Direction::Incoming) && activity.state != ActivityState::Canceled;
    let completed_contact = activity.state == ActivityState::Completed
        && lists::any(CONTACT_TYPES, Test::IsIgnoringCase, &activity.activity_type)
        && !not_reached(activity);
    if !(incoming || completed_contact) {
        return None;
    }
    let classification = activity.reading();
    classification.kind.is_response().then_some(Response {
        at: activity.at,
        activity_id: activity.id.as_deref(),
        classification,
        email: None,
    })
}

fn not_reached(activity: &Activity) -> bool {
    let words = crate::text::fold(&format!("{} {}", activity.subject, activity.description));
    lists::any(NOT_REACHED, Test::Contains, &words)
}

/// Gives each customer response recorded up to `tolerance` before an
/// agent follow-up the time of the latest such follow-up (1.3).
fn shift_for_tolerance(items: &mut [Keyed<'_>], kinds: &[Option<EventKind<'_>>], tolerance: TimeDelta) {
    if tolerance <= TimeDelta::zero() {
        return;
    }
    let kind_of = |index: usize| kinds.get(index).and_then(Option::as_ref);
    let agent_times: Vec<Timestamp> = items
        .iter()
        .filter(|(_, _, index)| matches!(kind_of(*index), Some(EventKind::ToCustomer { agent: true, .. })))
        .map(|(at, _, _)| *at)
        .collect();
    if agent_times.is_empty() {
        return;
    }
    for (at, _, index) in items.iter_mut() {
        if !matches!(kind_of(*index), Some(EventKind::Response(_))) {
            continue;
        }
        let limit = crate::time::add(*at, tolerance).unwrap_or(*at);
        // The agent times are in time order: the latest within the window.
        let after = agent_times.partition_point(|agent_at| *agent_at <= limit);
        if let Some(latest) = after.checked_sub(1).and_then(|found| agent_times.get(found)) {
            if *latest > *at {
                *at = *latest;
            }
        }
    }
}
