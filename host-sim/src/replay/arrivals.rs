//! The recorded timeline items as arrivals on the virtual clock. Each
//! incoming message is read through the engine's own cached reading
//! (`Email::reading`, `Activity::reading`: a host's classification wins over
//! the engine's), so it is read once, here, and every later evaluation of
//! the same timeline reuses that reading.

use followup_engine::Timestamp;
use followup_engine::config::Config;
use followup_engine::replies::ReplyKind;
use followup_engine::timeline::{Direction, Timeline, TimelineItem};

use super::entry::{Actor, Recorded, RecordedKind};

/// A recorded item, as the clock needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// When it arrives.
    pub at: Timestamp,
    /// What an incoming message means (`None` for anything else).
    pub reply: Option<ReplyKind>,
    /// What else it is, for shadow runs: a recorded email to the customer
    /// or a Status Reason change that closes the case.
    pub recorded: RecordedAct,
    /// How to show it (only when the replay records its lines).
    pub shown: Option<Recorded>,
}

/// What a recorded item did, as shadow runs compare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordedAct {
    /// Nothing a rule would do.
    None,
    /// A representative's email out (not one carrying a follow-up key).
    EmailOut,
    /// A Status Reason change to a state that is not active.
    Closes,
}

/// Lists the items of `timeline` as arrivals, oldest first, with what each
/// incoming message means; with `describe`, how to show each.
#[must_use]
pub fn arrivals(config: &Config, timeline: &Timeline, describe: bool) -> Vec<Arrival> {
    timeline
        .items
        .iter()
        .map(|item| {
            let reply = reply_kind(item);
            let recorded = match item {
                TimelineItem::Email(email)
                    if email.direction == Direction::Outgoing && email.follow_up_key.is_none() =>
                {
                    RecordedAct::EmailOut
                }
                TimelineItem::StatusChange(change)
                    if config
                        .statuses()
                        .by_value(change.status_reason)
                        .is_some_and(|reason| reason.state != followup_engine::CaseState::Active) =>
                {
                    RecordedAct::Closes
                }
                _ => RecordedAct::None,
            };
            Arrival { at: item.at(), reply, recorded, shown: describe.then(|| describe_item(config, item, reply)) }
        })
        .collect()
}

/// What an incoming message means, as the engine reads it.
fn reply_kind(item: &TimelineItem) -> Option<ReplyKind> {
    match item {
        TimelineItem::Email(email) if email.direction == Direction::Incoming => Some(email.reading().kind),
        TimelineItem::Activity(activity) if activity.direction == Some(Direction::Incoming) => {
            Some(activity.reading().kind)
        }
        _ => None,
    }
}

fn describe_item(config: &Config, item: &TimelineItem, reply: Option<ReplyKind>) -> Recorded {
    let activity_id = item.activity_id().map(str::to_owned);
    let (actor, kind, text) = match item {
        TimelineItem::Email(email) => {
            if let (Direction::Incoming, Some(kind)) = (email.direction, reply) {
                let actor = if kind.is_response() { Actor::Customer } else { Actor::MailSystem };
                let text = if kind.is_response() {
                    snippet(&followup_engine::mail::html_to_text(email.body()))
                } else {
                    snippet(email.subject())
                };
                (actor, RecordedKind::Incoming { channel: "email".to_owned(), kind }, text)
            } else {
                let follow_up = email.follow_up_key.is_some();
                let actor = if follow_up { Actor::Agent } else { Actor::Representative };
                (actor, RecordedKind::EmailOut { follow_up }, snippet(email.subject()))
            }
        }
        TimelineItem::Activity(activity) => match reply {
            Some(kind) => (
                Actor::Customer,
                RecordedKind::Incoming { channel: activity.activity_type.clone(), kind },
                snippet(activity.subject()),
            ),
            None => (
                Actor::Record,
                RecordedKind::Activity { activity_type: activity.activity_type.clone() },
                snippet(activity.subject()),
            ),
        },
        TimelineItem::StatusChange(change) => {
            let label = config.statuses().label_of(change.status_reason);
            (Actor::Record, RecordedKind::StatusChange { value: change.status_reason, label: label.clone() }, label)
        }
    };
    Recorded { actor, kind, activity_id, text, after_resolution: false }
}

/// Longest snippet of a message shown on one line.
const SNIPPET_CHARS: usize = 48;

/// The first words of `text` on one line, cut at [`SNIPPET_CHARS`].
#[must_use]
pub fn snippet(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SNIPPET_CHARS {
        flat
    } else {
        let cut: String = flat.chars().take(SNIPPET_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_one_short_line() {
        assert_eq!(snippet("  Thanks,\n it   works now! "), "Thanks, it works now!");
        let long = "word ".repeat(30);
        let cut = snippet(&long);
        assert!(cut.chars().count() <= SNIPPET_CHARS);
        assert!(cut.ends_with('…'));
    }
}
