//! Reading the timeline for one rule: when the cycle started, which
//! outgoing emails count as follow-ups, and what the customer said since.

use crate::config::Rule;
use crate::replies::{Classification, ReplyKind, ReturnDate};
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
    /// The latest automatic reply after the last outgoing email that gives
    /// a return date: when it came, and the day its sender is back.
    pub away: Option<(Timestamp, ReturnDate)>,
    /// Every incoming message of the cycle, oldest first, with its reading.
    pub messages: Vec<(Timestamp, Option<&'a str>, &'a Classification)>,
}

/// Walks the visible timeline for a cycle that started at `start`;
/// `counts_representative` is the rule's `representativeEmailCounts`.
pub(crate) fn read_cycle(counts_representative: bool, start: Timestamp, items: &[TimelineItem]) -> CycleView<'_> {
    let mut view = CycleView {
        sequence_start: start,
        follow_ups: Vec::new(),
        last_outgoing: None,
        last_response: None,
        open_response: None,
        bounce: None,
        ignored_auto_replies: 0,
        away: None,
        messages: Vec::new(),
    };
    // The timeline is oldest first: the cycle's items start at `entry`.
    let entry = items.partition_point(|item| item.at() < start);
    let (before, during) = items.split_at_checked(entry).unwrap_or((items, &[]));
    // The representative's last email before the status change, while it is
    // unanswered: it is follow-up 1 (current product behaviour).
    if let (Some(email), true) = (read_before_cycle(&mut view, before), counts_representative) {
        view.follow_ups.push(email);
        view.last_outgoing = Some(email);
    }
    for item in during {
        if let TimelineItem::Email(email) = item {
            if email.direction == Direction::Outgoing {
                if email.delivery == Delivery::Sent {
                    if counts_representative || email.follow_up_key.is_some() {
                        view.follow_ups.push(email);
                    }
                    view.last_outgoing = Some(email);
                    view.open_response = None;
                    view.bounce = None;
                    view.away = None;
                }
                continue;
            }
        }
        let incoming = incoming(item);
        if let Some(reading) = incoming.as_ref().map(Incoming::reading) {
            view.messages.push((item.at(), item_id(item), reading));
        }
        match incoming {
            Some(Incoming::AutoReply { at, classification }) => {
                view.ignored_auto_replies += 1;
                if let Some(date) = classification.return_date {
                    view.away = Some((at, date));
                }
            }
            Some(Incoming::Bounce { at, classification }) => {
                let bounced = view.last_outgoing;
                if let (Some(bounced), Some(last)) = (bounced, view.follow_ups.last()) {
                    if std::ptr::eq(bounced, *last) {
                        view.follow_ups.pop();
                    }
                }
                view.bounce = Some(Bounce { at, classification, bounced });
            }
            Some(Incoming::Response(response)) => note_response(&mut view, response),
            None => {}
        }
    }
    view
}

/// What the items before the cycle leave behind: the customer's latest
/// response (into `view`), and the representative's last sent email when
/// no response or bounce followed it (returned).
///
/// Read newest first and stopped at the latest response: older messages
/// cannot change either, and reading a message is most of what a decision
/// costs, so a long history is not read at all.
fn read_before_cycle<'a>(view: &mut CycleView<'a>, before: &'a [TimelineItem]) -> Option<&'a Email> {
    let last_sent = before.iter().rposition(|item| {
        matches!(item, TimelineItem::Email(email)
            if email.direction == Direction::Outgoing && email.delivery == Delivery::Sent)
    });
    let mut answered = false;
    for (index, item) in before.iter().enumerate().rev() {
        let after_last_sent = last_sent.is_some_and(|sent| index > sent);
        match incoming(item) {
            Some(Incoming::Bounce { .. }) => answered |= after_last_sent,
            Some(Incoming::Response(response)) => {
                answered |= after_last_sent;
                view.last_response = Some(response);
                break;
            }
            Some(Incoming::AutoReply { .. }) | None => {}
        }
    }
    if answered {
        return None;
    }
    match before.get(last_sent?) {
        Some(TimelineItem::Email(email)) => Some(email),
        _ => None,
    }
}

/// What an incoming message says for the cycle.
enum Incoming<'a> {
    /// An automatic reply: not a response (it may give a return date).
    AutoReply { at: Timestamp, classification: &'a Classification },
    /// A delivery failure.
    Bounce { at: Timestamp, classification: &'a Classification },
    /// A real response from the customer.
    Response(Response<'a>),
}

impl<'a> Incoming<'a> {
    /// How the message was read.
    fn reading(&self) -> &'a Classification {
        match self {
            Self::AutoReply { classification, .. } | Self::Bounce { classification, .. } => classification,
            Self::Response(response) => response.classification,
        }
    }
}

/// The activity id of an email or activity item.
fn item_id(item: &TimelineItem) -> Option<&str> {
    match item {
        TimelineItem::Email(email) => email.id.as_deref(),
        TimelineItem::Activity(activity) => activity.id.as_deref(),
        TimelineItem::StatusChange(_) => None,
    }
}

/// Reads `item` when it is an incoming message (an email, or an incoming
/// activity that is a response); `None` for anything else.
fn incoming(item: &TimelineItem) -> Option<Incoming<'_>> {
    match item {
        TimelineItem::Email(email) if email.direction == Direction::Incoming => {
            let classification = email.reading();
            Some(match classification.kind {
                ReplyKind::AutoReply => Incoming::AutoReply { at: email.at, classification },
                ReplyKind::Bounce => Incoming::Bounce { at: email.at, classification },
                _ => Incoming::Response(Response {
                    at: email.at,
                    activity_id: email.id.as_deref(),
                    classification,
                    email: Some(email),
                }),
            })
        }
        TimelineItem::Activity(activity) if activity.direction == Some(Direction::Incoming) => {
            let classification = activity.reading();
            classification.kind.is_response().then_some(Incoming::Response(Response {
                at: activity.at,
                activity_id: activity.id.as_deref(),
                classification,
                email: None,
            }))
        }
        _ => None,
    }
}

/// A response in the cycle: it ends the current sequence of follow-ups.
fn note_response<'a>(view: &mut CycleView<'a>, response: Response<'a>) {
    view.follow_ups.clear();
    view.last_outgoing = None;
    view.bounce = None;
    view.sequence_start = response.at;
    view.open_response = Some(response.clone());
    view.last_response = Some(response);
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::timeline::Activity;

    /// The forward walk `read_cycle` replaced, kept to check the new one:
    /// every item in order, each incoming message classified.
    fn reference<'a>(counts_representative: bool, start: Timestamp, items: &'a [TimelineItem]) -> CycleView<'a> {
        let mut view = CycleView {
            sequence_start: start,
            follow_ups: Vec::new(),
            last_outgoing: None,
            last_response: None,
            open_response: None,
            bounce: None,
            ignored_auto_replies: 0,
            away: None,
            messages: Vec::new(),
        };
        let mut before_cycle: Option<&'a Email> = None;
        let mut entered = false;
        let enter = |view: &mut CycleView<'a>, before: Option<&'a Email>| {
            if let (Some(email), true) = (before, counts_representative) {
                view.follow_ups.push(email);
                view.last_outgoing = Some(email);
            }
        };
        for item in items {
            if !entered && item.at() >= start {
                entered = true;
                enter(&mut view, before_cycle.take());
            }
            let response = match item {
                TimelineItem::Email(email) if email.direction == Direction::Outgoing => {
                    if email.delivery == Delivery::Sent {
                        if entered {
                            if counts_representative || email.follow_up_key.is_some() {
                                view.follow_ups.push(email);
                            }
                            view.last_outgoing = Some(email);
                            view.open_response = None;
                            view.bounce = None;
                        } else {
                            before_cycle = Some(email);
                        }
                    }
                    None
                }
                TimelineItem::Email(email) => {
                    let classification = email.reading();
                    match classification.kind {
                        ReplyKind::AutoReply => {
                            view.ignored_auto_replies += usize::from(entered);
                            None
                        }
                        ReplyKind::Bounce if entered => {
                            let bounced = view.last_outgoing;
                            if let (Some(bounced), Some(last)) = (bounced, view.follow_ups.last()) {
                                if std::ptr::eq(bounced, *last) {
                                    view.follow_ups.pop();
                                }
                            }
                            view.bounce = Some(Bounce { at: email.at, classification, bounced });
                            None
                        }
                        ReplyKind::Bounce => {
                            before_cycle = None;
                            None
                        }
                        _ => Some(Response {
                            at: email.at,
                            activity_id: email.id.as_deref(),
                            classification,
                            email: Some(email),
                        }),
                    }
                }
                TimelineItem::Activity(activity) if activity.direction == Some(Direction::Incoming) => {
                    let classification = activity.reading();
                    classification.kind.is_response().then_some(Response {
                        at: activity.at,
                        activity_id: activity.id.as_deref(),
                        classification,
                        email: None,
                    })
                }
                TimelineItem::Activity(_) | TimelineItem::StatusChange(_) => None,
            };
            if let Some(response) = response {
                if entered {
                    note_response(&mut view, response);
                } else {
                    before_cycle = None;
                    view.last_response = Some(response);
                }
            }
        }
        if !entered {
            enter(&mut view, before_cycle);
        }
        view
    }

    /// A comparable summary of a view: ids and instants.
    fn summary(view: &CycleView<'_>) -> String {
        let ids =
            |emails: &[&Email]| emails.iter().map(|email| email.id.clone().unwrap_or_default()).collect::<Vec<_>>();
        let response = |response: &Option<Response<'_>>| {
            response
                .as_ref()
                .map(|response| (response.at, response.activity_id.map(str::to_owned), response.classification.kind))
        };
        format!(
            "start {} follow-ups {:?} last out {:?} last {:?} open {:?} bounce {:?} auto {}",
            view.sequence_start,
            ids(&view.follow_ups),
            view.last_outgoing.map(|email| email.id.clone()),
            response(&view.last_response),
            response(&view.open_response),
            view.bounce.as_ref().map(|bounce| (bounce.at, bounce.bounced.map(|email| email.id.clone()))),
            view.ignored_auto_replies,
        )
    }

    /// A random timeline of `length` items an hour apart: sent, draft and
    /// agent emails, replies of every kind, calls, status changes.
    fn timeline(seed: u64, length: usize) -> Vec<TimelineItem> {
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let mut next = |bound: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % bound
        };
        let origin = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).single().unwrap_or_default();
        (0..length)
            .map(|index| {
                let at = origin + chrono::TimeDelta::hours(i64::try_from(index).unwrap_or(0));
                let id = Some(format!("item-{index}"));
                match next(8) {
                    0..=2 => {
                        let mut email = Email::new(Direction::Outgoing, at);
                        email.id = id;
                        email.delivery = [Delivery::Sent, Delivery::Sent, Delivery::Draft, Delivery::Failed]
                            [usize::try_from(next(4)).unwrap_or(0)];
                        if next(2) == 0 {
                            email.follow_up_key = Some(format!("key-{index}"));
                        }
                        TimelineItem::Email(email)
                    }
                    3..=5 => {
                        let mut email = Email::new(Direction::Incoming, at);
                        email.id = id;
                        email.classification = Some(
                            [
                                ReplyKind::Favorable,
                                ReplyKind::Negative,
                                ReplyKind::Question,
                                ReplyKind::Other,
                                ReplyKind::AutoReply,
                                ReplyKind::Bounce,
                            ][usize::try_from(next(6)).unwrap_or(0)],
                        );
                        TimelineItem::Email(email)
                    }
                    _ => {
                        let mut activity = Activity::new("phonecall", at);
                        activity.id = id;
                        activity.direction = Some(if next(2) == 0 { Direction::Incoming } else { Direction::Outgoing });
                        if next(2) == 0 {
                            activity.classification = Some(ReplyKind::AutoReply);
                        }
                        TimelineItem::Activity(activity)
                    }
                }
            })
            .collect()
    }

    #[test]
    fn reading_newest_first_before_the_cycle_changes_nothing() {
        for seed in 0..3_000 {
            let items = timeline(seed, usize::try_from(seed % 14).unwrap_or(0));
            let origin = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).single().unwrap_or_default();
            for start_hour in [-1, 0, 3, 7, 20] {
                let start = origin + chrono::TimeDelta::hours(start_hour);
                for counts in [true, false] {
                    let expected = summary(&reference(counts, start, &items));
                    let found = summary(&read_cycle(counts, start, &items));
                    assert_eq!(found, expected, "seed {seed}, cycle from hour {start_hour}, counts {counts}");
                }
            }
        }
    }
}
