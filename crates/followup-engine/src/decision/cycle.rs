//! Reading the timeline for one rule: when the cycle started, which
//! outgoing emails count as follow-ups, and what the customer said since.

use crate::config::Rule;
use crate::replies::{Classification, ReplyKind};
use crate::time::Timestamp;
use crate::timeline::{Delivery, Direction, Email, TimelineItem};

use super::model::CycleStartSource;

/// Where the cycle starts, or why it does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CycleStart {
    /// The Status Reason is a trigger: the cycle runs from this instant.
    Running { at: Timestamp, source: CycleStartSource },
    /// The Status Reason left the trigger at this instant: the process stopped.
    Left { at: Timestamp, to: i64 },
    /// The Status Reason is not a trigger and never was on the timeline.
    NeverStarted,
}

/// Finds the cycle start from the Status Reason changes on the timeline
/// (visible items only) and the Status Reason at `now`.
pub(crate) fn find_cycle_start(
    rule: &Rule,
    status_reason: i64,
    created_on: Timestamp,
    items: &[TimelineItem],
) -> CycleStart {
    let is_trigger = |value: i64| rule.triggers.contains(&value);
    let mut entered_at: Option<Timestamp> = None;
    let mut left: Option<(Timestamp, i64)> = None;
    let mut last_change: Option<Timestamp> = None;
    for item in items {
        if let TimelineItem::StatusChange(change) = item {
            last_change = Some(change.at);
            if is_trigger(change.status_reason) {
                // A move between two trigger values keeps the cycle going.
                entered_at.get_or_insert(change.at);
            } else {
                if entered_at.is_some() {
                    left = Some((change.at, change.status_reason));
                }
                entered_at = None;
            }
        }
    }
    if is_trigger(status_reason) {
        return match (entered_at, last_change) {
            (Some(at), _) => CycleStart::Running { at, source: CycleStartSource::StatusChange },
            (None, Some(at)) => CycleStart::Running { at, source: CycleStartSource::LastStatusChange },
            (None, None) => CycleStart::Running { at: created_on, source: CycleStartSource::CreatedOn },
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
    /// The outgoing email it bounced, when known.
    pub bounced: Option<&'a Email>,
}

/// What the timeline says about the current cycle.
#[derive(Debug, Clone)]
pub(crate) struct CycleView<'a> {
    /// When the current sequence of follow-ups began (cycle start, or the
    /// customer's last response in the cycle).
    pub sequence_start: Timestamp,
    /// Outgoing emails counted as follow-ups in the current sequence.
    pub follow_ups: Vec<&'a Email>,
    /// The latest outgoing email in the sequence, counted or not: waits run
    /// from it.
    pub last_outgoing: Option<&'a Email>,
    /// The customer's latest real response, in the cycle or before it.
    pub last_response: Option<Response<'a>>,
    /// A response that came after the last outgoing email of the cycle:
    /// it decides the state.
    pub open_response: Option<Response<'a>>,
    /// A bounce after the last outgoing email: the process is paused.
    pub bounce: Option<Bounce<'a>>,
    /// Automatic replies that were not counted as responses.
    pub ignored_auto_replies: usize,
}

/// Walks the visible timeline for a cycle that started at `start`.
pub(crate) fn read_cycle<'a>(rule: &Rule, start: Timestamp, items: &'a [TimelineItem]) -> CycleView<'a> {
    let counts_representative = rule.follow_ups.representative_email_counts;
    let mut view = CycleView {
        sequence_start: start,
        follow_ups: Vec::new(),
        last_outgoing: None,
        last_response: None,
        open_response: None,
        bounce: None,
        ignored_auto_replies: 0,
    };
    // The representative's last email before the status change, while it is
    // unanswered: it is follow-up 1 (current product behaviour).
    let mut before_cycle: Option<&'a Email> = None;
    let mut entered = false;
    for item in items {
        if !entered && item.at() >= start {
            entered = true;
            enter_cycle(&mut view, before_cycle.take(), counts_representative);
        }
        match item {
            TimelineItem::Email(email) if email.direction == Direction::Outgoing => {
                if email.delivery != Delivery::Sent {
                    continue;
                }
                if !entered {
                    before_cycle = Some(email);
                    continue;
                }
                if counts_representative || email.follow_up_key.is_some() {
                    view.follow_ups.push(email);
                }
                view.last_outgoing = Some(email);
                view.open_response = None;
                view.bounce = None;
            }
            TimelineItem::Email(email) => {
                let classification = email.reading();
                match classification.kind {
                    ReplyKind::AutoReply => view.ignored_auto_replies += usize::from(entered),
                    ReplyKind::Bounce if entered => {
                        let bounced = view.last_outgoing;
                        if let (Some(bounced), Some(last)) = (bounced, view.follow_ups.last()) {
                            if std::ptr::eq(bounced, *last) {
                                view.follow_ups.pop();
                            }
                        }
                        view.bounce = Some(Bounce { at: email.at, classification, bounced });
                    }
                    ReplyKind::Bounce => before_cycle = None,
                    _ => {
                        let response = Response {
                            at: email.at,
                            activity_id: email.id.as_deref(),
                            classification,
                            email: Some(email),
                        };
                        note_response(&mut view, response, entered, &mut before_cycle);
                    }
                }
            }
            TimelineItem::Activity(activity) if activity.direction == Some(Direction::Incoming) => {
                let classification = activity.reading();
                if classification.kind.is_response() {
                    let response =
                        Response { at: activity.at, activity_id: activity.id.as_deref(), classification, email: None };
                    note_response(&mut view, response, entered, &mut before_cycle);
                }
            }
            TimelineItem::Activity(_) | TimelineItem::StatusChange(_) => {}
        }
    }
    if !entered {
        enter_cycle(&mut view, before_cycle, counts_representative);
    }
    view
}

fn enter_cycle<'a>(view: &mut CycleView<'a>, before_cycle: Option<&'a Email>, counts_representative: bool) {
    if let (Some(email), true) = (before_cycle, counts_representative) {
        view.follow_ups.push(email);
        view.last_outgoing = Some(email);
    }
}

fn note_response<'a>(
    view: &mut CycleView<'a>,
    response: Response<'a>,
    in_cycle: bool,
    before_cycle: &mut Option<&'a Email>,
) {
    if in_cycle {
        view.follow_ups.clear();
        view.last_outgoing = None;
        view.bounce = None;
        view.sequence_start = response.at;
        view.open_response = Some(response.clone());
    } else {
        *before_cycle = None;
    }
    view.last_response = Some(response);
}
