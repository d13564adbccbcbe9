//! The recorded timeline items as arrivals on the virtual clock: each
//! incoming message is classified once, up front (the classification is
//! stored on the item, where the host's reading wins over the engine's, so
//! the engine does not read the same text again at every evaluation).

use followup_engine::config::Config;
use followup_engine::replies::{IncomingMessage, ReplyKind, classify};
use followup_engine::time::Timestamp;
use followup_engine::timeline::{Direction, Timeline, TimelineItem};

use super::entry::{Actor, Recorded, RecordedKind};

/// A recorded item, as the clock needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// When it arrives.
    pub at: Timestamp,
    /// What an incoming message means (`None` for anything else).
    pub reply: Option<ReplyKind>,
    /// How to show it (only when the replay records its lines).
    pub shown: Option<Recorded>,
}

/// Classifies every incoming message of `timeline` once and lists the items
/// as arrivals, oldest first. With `store`, each classification is written
/// on its item so the engine reuses it (its decisions then name the host as
/// the source of the reading); without, the items are left as recorded.
pub fn arrivals(config: &Config, timeline: &mut Timeline, store: bool, describe: bool) -> Vec<Arrival> {
    timeline
        .items
        .iter_mut()
        .map(|item| {
            let reply = classify_item(item, store);
            Arrival { at: item.at(), reply, shown: describe.then(|| describe_item(config, item, reply)) }
        })
        .collect()
}

fn classify_item(item: &mut TimelineItem, store: bool) -> Option<ReplyKind> {
    match item {
        TimelineItem::Email(email) if email.direction == Direction::Incoming => {
            let kind = email.classification.unwrap_or_else(|| {
                classify(&IncomingMessage {
                    from: email.from.as_deref(),
                    subject: &email.subject,
                    body: &email.body,
                    headers: &email.headers,
                })
                .kind
            });
            if store {
                email.classification = Some(kind);
            }
            Some(kind)
        }
        TimelineItem::Activity(activity) if activity.direction == Some(Direction::Incoming) => {
            let kind = activity.classification.unwrap_or_else(|| {
                let read = classify(&IncomingMessage {
                    from: None,
                    subject: &activity.subject,
                    body: &activity.description,
                    headers: &[],
                })
                .kind;
                // As the engine reads it: a call or chat cannot bounce or
                // auto-reply; whatever the words, the customer got in touch.
                if read.is_response() { read } else { ReplyKind::Other }
            });
            if store {
                activity.classification = Some(kind);
            }
            Some(kind)
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
                    snippet(&followup_engine::mail::html_to_text(&email.body))
                } else {
                    snippet(&email.subject)
                };
                (actor, RecordedKind::Incoming { channel: "email".to_owned(), kind }, text)
            } else {
                let follow_up = email.follow_up_key.is_some();
                let actor = if follow_up { Actor::Agent } else { Actor::Representative };
                (actor, RecordedKind::EmailOut { follow_up }, snippet(&email.subject))
            }
        }
        TimelineItem::Activity(activity) => match reply {
            Some(kind) => (
                Actor::Customer,
                RecordedKind::Incoming { channel: activity.activity_type.clone(), kind },
                snippet(&activity.subject),
            ),
            None => (
                Actor::Record,
                RecordedKind::Activity { activity_type: activity.activity_type.clone() },
                snippet(&activity.subject),
            ),
        },
        TimelineItem::StatusChange(change) => {
            let label = config.statuses.label_of(change.status_reason);
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
