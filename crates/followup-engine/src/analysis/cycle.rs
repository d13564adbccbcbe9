//! Reading the events for one rule (`docs/behaviour.md`, 3 to 6): when the
//! cycle started, which emails to the customer count as follow-ups, and
//! what the customer said since.

use chrono::TimeDelta;

use crate::config::Rule;
use crate::record::CaseRecord;
use crate::replies::{Classification, ReplyKind, ReturnDate};
use crate::time::{Timestamp, format_timestamp};
use crate::timeline::Email;

use super::events::{Event, EventKind};
use super::{CycleStartSource, SenderRole};

/// Where the cycle starts, or why it does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CycleStart {
    /// The Status Reason is a trigger: the cycle runs from `at`.
    Running { at: Timestamp, source: CycleStartSource },
    /// The Status Reason left the trigger at this instant: the process stopped.
    Left { at: Timestamp, to: i64 },
    /// The Status Reason is not a trigger and never was on the timeline.
    NeverStarted,
    /// The case is in a trigger status, but the timeline's last change
    /// (at `at`, to `to`) is not into one and nothing says when it entered.
    Unknown { at: Timestamp, to: i64 },
}

/// Finds the cycle start from the Status Reason changes among `events`
/// and the case's Status Reason at `now` (3.1 to 3.3).
pub(crate) fn find_cycle_start(
    rule: &Rule,
    status_reason: i64,
    case: &CaseRecord,
    events: &[Event<'_>],
    now: Timestamp,
) -> CycleStart {
    let is_trigger = |value: i64| rule.triggers.contains(&value);
    let mut entered_at: Option<Timestamp> = None;
    let mut left: Option<(Timestamp, i64)> = None;
    let mut last_change: Option<(Timestamp, i64)> = None;
    for event in events {
        if let EventKind::Status(value) = event.kind {
            last_change = Some((event.at, value));
            if is_trigger(value) {
                // A move between two trigger values keeps the cycle going.
                entered_at.get_or_insert(event.at);
            } else {
                if entered_at.is_some() {
                    left = Some((event.at, value));
                }
                entered_at = None;
            }
        }
    }
    if is_trigger(status_reason) {
        return match (entered_at, last_change) {
            (Some(at), _) => CycleStart::Running { at, source: CycleStartSource::StatusChange },
            (None, Some((at, to))) => match case.modified_on.filter(|modified| *modified > at && *modified <= now) {
                Some(modified) => CycleStart::Running { at: modified, source: CycleStartSource::ModifiedOn },
                None => CycleStart::Unknown { at, to },
            },
            (None, None) => CycleStart::Running { at: case.created_on, source: CycleStartSource::CreatedOn },
        };
    }
    match left {
        Some((at, to)) => CycleStart::Left { at, to },
        None => CycleStart::NeverStarted,
    }
}

/// A customer message with its meaning.
#[derive(Debug, Clone)]
pub(crate) struct Response<'a> {
    /// When it was recorded.
    pub at: Timestamp,
    pub activity_id: Option<&'a str>,
    pub classification: &'a Classification,
    /// The email itself, when the response is an email (reply drafts quote it).
    pub email: Option<&'a Email>,
}

/// A bounce that paused the process.
#[derive(Debug, Clone)]
pub(crate) struct Bounce<'a> {
    pub at: Timestamp,
    pub classification: &'a Classification,
    /// The email to the customer it concerns.
    pub bounced: Option<&'a Email>,
}

/// One incoming message of the cycle and how it was read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Message<'a> {
    pub at: Timestamp,
    pub activity_id: Option<&'a str>,
    pub sender: SenderRole,
    pub reading: &'a Classification,
}

/// The activity a step follows, for its idempotency key: its id, else its
/// recorded time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchor<'a> {
    pub id: Option<&'a str>,
    pub at: Timestamp,
}

/// What the events say about the current cycle.
#[derive(Debug, Clone)]
pub(crate) struct CycleView<'a> {
    /// When the current sequence of follow-ups began (cycle start, or the
    /// customer's last response in the cycle).
    pub sequence_start: Timestamp,
    /// Emails to the customer counted as follow-ups in the current sequence.
    pub follow_ups: Vec<&'a Email>,
    /// The latest email to the customer in the sequence, counted or not:
    /// waits run from it.
    pub last_outgoing: Option<&'a Email>,
    /// The customer's latest response, in the cycle or before it.
    pub last_response: Option<Response<'a>>,
    /// A response no email from the representative has answered yet: it
    /// decides the state.
    pub open_response: Option<Response<'a>>,
    /// A bounce of an email sent since the latest response: paused.
    pub bounce: Option<Bounce<'a>>,
    /// Whether a bounce named the customer's address after the customer's
    /// latest email: no follow-up is drafted to it.
    pub customer_bounced: bool,
    /// The latest third-party message in the current sequence.
    pub third_party: Option<(String, Timestamp)>,
    /// The latest email to the customer or response on the timeline.
    pub anchor: Option<Anchor<'a>>,
    /// Facts for the decision's notes.
    pub notes: Vec<String>,
    /// The latest automatic reply since the last email to the customer
    /// that gives a return date: when it came, and the day its sender is
    /// back.
    pub away: Option<(Timestamp, ReturnDate)>,
    /// Every message of the customer's in the cycle (responses, automatic
    /// replies, bounces), oldest first: when, its activity id, its reading.
    pub messages: Vec<Message<'a>>,
}

/// Walks `events` for a cycle that started at `start`. `due` gives the
/// instant a step waiting a given time after an anchor is due (the
/// calendar), to recognise a host's own sends under the older reading.
pub(crate) fn read_cycle<'a>(
    rule: &Rule,
    start: Timestamp,
    events: &[Event<'a>],
    due: &dyn Fn(Timestamp, TimeDelta) -> Option<Timestamp>,
) -> CycleView<'a> {
    let plan = &rule.follow_ups;
    let mut view = CycleView {
        sequence_start: start,
        follow_ups: Vec::new(),
        last_outgoing: None,
        last_response: None,
        open_response: None,
        bounce: None,
        customer_bounced: false,
        third_party: None,
        anchor: None,
        notes: Vec::new(),
        away: None,
        messages: Vec::new(),
    };
    let entry = cycle_entry(rule, start, events);
    let (before, during) = events.split_at_checked(entry).unwrap_or((events, &[]));
    let representative = read_before_cycle(rule, &mut view, before);
    if let (Some(email), true) = (representative, plan.representative_email_counts) {
        view.follow_ups.push(email);
        view.last_outgoing = Some(email);
    }
    let mut latest_third_party: Option<(String, Timestamp)> = None;
    // A favorable response ends the chase until the status next enters a
    // trigger, which starts another cycle (5.2).
    let mut chase_ended = false;
    for event in during {
        match &event.kind {
            EventKind::ToCustomer { email, agent } => {
                if chase_ended {
                    continue;
                }
                let counts = plan.representative_email_counts || *agent || is_host_send(plan, &view, start, email, due);
                if counts {
                    view.follow_ups.push(email);
                }
                view.last_outgoing = Some(email);
                view.away = None;
                view.anchor = Some(Anchor { id: email.id.as_deref(), at: email.at });
                // An agent follow-up never answers the customer (5.3).
                if !agent {
                    view.open_response = None;
                }
                view.bounce = None;
            }
            EventKind::Bounce { email, names_customer } => {
                view.messages.push(Message::of(event.at, email, SenderRole::MailSystem));
                note_bounce(&mut view, email, *names_customer, chase_ended);
            }
            EventKind::Response(response) => {
                view.messages.push(Message {
                    at: response.at,
                    activity_id: response.activity_id,
                    sender: SenderRole::Customer,
                    reading: response.classification,
                });
                chase_ended =
                    response.classification.kind_for(rule.favorable_needs_resolution_wording) == ReplyKind::Favorable;
                note_response(&mut view, response.clone());
            }
            EventKind::AutoReply { email, from_customer } => {
                let sender = if *from_customer { SenderRole::Customer } else { SenderRole::ThirdParty };
                view.messages.push(Message::of(event.at, email, sender));
                if let (true, Some(date)) = (*from_customer, email.reading().return_date) {
                    view.away = Some((event.at, date));
                }
            }
            EventKind::OwnCopy { email } => view.messages.push(Message::of(event.at, email, SenderRole::OurAddress)),
            EventKind::ThirdParty { from, email } => {
                view.messages.push(Message::of(event.at, email, SenderRole::ThirdParty));
                view.third_party = Some((from.clone(), event.at));
                latest_third_party = Some((from.clone(), event.at));
            }
            EventKind::Status(_) | EventKind::Internal | EventKind::Ignored => {}
        }
    }
    if let Some((from, at)) = latest_third_party {
        view.notes.push(third_party_note(&from, at));
    }
    view
}

impl<'a> Message<'a> {
    fn of(at: Timestamp, email: &'a Email, sender: SenderRole) -> Self {
        Self { at, activity_id: email.id.as_deref(), sender, reading: email.reading() }
    }
}

/// The sentence that names a third party's message, for notes and the card.
pub(crate) fn third_party_note(from: &str, at: Timestamp) -> String {
    format!(
        "A message from {from} on {} is not from the customer: it was not counted as a response.",
        format_timestamp(at)
    )
}

/// Under the older reading, whether an email to the customer without a
/// `followUpKey` is the host carrying out the due follow-up: sent at or
/// after the instant it was due (4.4).
fn is_host_send(
    plan: &crate::config::FollowUpPlan,
    view: &CycleView<'_>,
    start: Timestamp,
    email: &Email,
    due: &dyn Fn(Timestamp, TimeDelta) -> Option<Timestamp>,
) -> bool {
    let sent = u32::try_from(view.follow_ups.len()).unwrap_or(u32::MAX);
    if sent >= plan.count {
        return false;
    }
    let anchor = view.last_outgoing.map_or(view.sequence_start.max(start), |last| last.at);
    due(anchor, plan.wait_after(sent)).is_some_and(|due| email.at >= due)
}

/// Where the cycle's events begin: after everything before `start`, and
/// after the Status Reason changes at `start` ordered before the change
/// that began the cycle (1.2 orders same-instant changes by value; a
/// change to a non-trigger value there may be a change out of a trigger,
/// 4.2).
fn cycle_entry(rule: &Rule, start: Timestamp, events: &[Event<'_>]) -> usize {
    let mut entry = events.partition_point(|event| event.at < start);
    let mut scan = entry;
    while let Some(event) = events.get(scan).filter(|event| event.at == start) {
        let EventKind::Status(value) = event.kind else {
            break;
        };
        scan += 1;
        if !rule.triggers.contains(&value) {
            entry = scan;
        }
    }
    entry
}

/// What the events before the cycle leave behind: the customer's latest
/// response and the key anchor (into `view`), and the representative's
/// email that counts as follow-up 1 (returned): the latest email to the
/// customer without a `followUpKey`, sent since the status last left a
/// trigger and since the customer's latest response, with no delivery
/// failure about it (4.2).
fn read_before_cycle<'a>(rule: &Rule, view: &mut CycleView<'a>, before: &[Event<'a>]) -> Option<&'a Email> {
    let is_trigger = |value: i64| rule.triggers.contains(&value);
    let mut candidate: Option<&'a Email> = None;
    // Before the first change the status is not known: a change to a
    // non-trigger value then may be a change out of one.
    let mut status_was_trigger: Option<bool> = None;
    for event in before {
        match &event.kind {
            EventKind::Status(value) => {
                let now_trigger = is_trigger(*value);
                if !now_trigger && status_was_trigger != Some(false) {
                    candidate = None;
                }
                status_was_trigger = Some(now_trigger);
            }
            EventKind::ToCustomer { email, agent } => {
                view.anchor = Some(Anchor { id: email.id.as_deref(), at: email.at });
                if !agent {
                    candidate = Some(email);
                }
            }
            EventKind::Bounce { names_customer, .. } => {
                if *names_customer != Some(false) {
                    candidate = None;
                }
                if *names_customer == Some(true) {
                    view.customer_bounced = true;
                }
            }
            EventKind::Response(response) => {
                candidate = None;
                if response.email.is_some() {
                    view.customer_bounced = false;
                }
                view.anchor = Some(Anchor { id: response.activity_id, at: response.at });
                view.last_response = Some(response.clone());
            }
            EventKind::AutoReply { .. }
            | EventKind::Internal
            | EventKind::OwnCopy { .. }
            | EventKind::ThirdParty { .. }
            | EventKind::Ignored => {}
        }
    }
    candidate
}

/// A delivery failure in the cycle (6).
fn note_bounce<'a>(view: &mut CycleView<'a>, email: &'a Email, names_customer: Option<bool>, chase_ended: bool) {
    let at = format_timestamp(email.at);
    if names_customer == Some(false) {
        view.notes.push(format!(
            "the delivery failure of {at} names only addresses that are not the customer's: it was ignored"
        ));
        return;
    }
    if names_customer == Some(true) {
        view.customer_bounced = true;
    }
    let bounced = match view.last_outgoing {
        Some(bounced) if !chase_ended => bounced,
        _ => {
            view.notes.push(format!(
                "the delivery failure of {at} concerns no email to the customer sent since the customer's latest response: it was ignored"
            ));
            return;
        }
    };
    if view.follow_ups.last().is_some_and(|last| std::ptr::eq(*last, bounced)) {
        view.follow_ups.pop();
    }
    view.bounce = Some(Bounce { at: email.at, classification: email.reading(), bounced: Some(bounced) });
}

/// A response in the cycle: it ends the current sequence of follow-ups.
fn note_response<'a>(view: &mut CycleView<'a>, response: Response<'a>) {
    view.follow_ups.clear();
    view.last_outgoing = None;
    view.bounce = None;
    view.third_party = None;
    view.sequence_start = response.at;
    if response.email.is_some() {
        view.customer_bounced = false;
    }
    view.anchor = Some(Anchor { id: response.activity_id, at: response.at });
    view.open_response = Some(response.clone());
    view.last_response = Some(response);
}
