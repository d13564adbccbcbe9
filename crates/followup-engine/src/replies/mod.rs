//! Reading customer replies: what an incoming message means for the
//! follow-up process (favorable, negative, a question, something a person
//! must read, an automatic reply, or a delivery failure), and why.

use serde::Serialize;

/// What an incoming message means for the follow-up process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ReplyKind {
    /// The customer says the problem is solved or thanks: follow-ups stop.
    Favorable,
    /// The customer says the problem persists or is unhappy: reply needed.
    Negative,
    /// The customer asks something: reply needed.
    Question,
    /// A response the agent cannot read with confidence: a person replies.
    Other,
    /// An automatic reply (out of office): not a response, the clock runs on.
    AutoReply,
    /// A delivery failure: the customer never got the email; pause.
    Bounce,
}

impl ReplyKind {
    /// Every kind, in a fixed order.
    pub const ALL: [Self; 6] =
        [Self::Favorable, Self::Negative, Self::Question, Self::Other, Self::AutoReply, Self::Bounce];

    /// The kind's name in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Favorable => "favorable",
            Self::Negative => "negative",
            Self::Question => "question",
            Self::Other => "other",
            Self::AutoReply => "autoReply",
            Self::Bounce => "bounce",
        }
    }

    /// The kind named `text` (as in JSON), if any.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// Whether the message is a real response from the customer (not an
    /// automatic reply or a bounce).
    #[must_use]
    pub fn is_response(self) -> bool {
        !matches!(self, Self::AutoReply | Self::Bounce)
    }

    /// Whether a person must answer it.
    #[must_use]
    pub fn needs_reply(self) -> bool {
        matches!(self, Self::Negative | Self::Question | Self::Other)
    }
}

/// Where a classification came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum CueSource {
    /// The host classified the message itself.
    Host,
    /// A message header (`Auto-Submitted`, `X-Autoreply`, ...).
    Header,
    /// The sender address (`mailer-daemon@...`).
    Sender,
    /// The subject line.
    Subject,
    /// The customer's own words in the body.
    Body,
    /// Nothing matched: the default.
    Default,
}

/// The kind found for a message and the cue that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    /// What the message means.
    pub kind: ReplyKind,
    /// Where the deciding cue was found.
    pub source: CueSource,
    /// The cue itself (`Auto-Submitted: auto-replied`, `still broken`).
    pub cue: String,
}

/// The parts of an incoming message that classification reads.
#[derive(Debug, Clone, Copy)]
pub struct IncomingMessage<'a> {
    /// Sender address.
    pub from: Option<&'a str>,
    /// Subject line.
    pub subject: &'a str,
    /// Body, HTML or plain text.
    pub body: &'a str,
    /// Headers the host passed along.
    pub headers: &'a [(String, String)],
}

/// Classifies an incoming message: delivery failures first (headers, sender,
/// subject), then automatic replies, then the customer's own words.
#[must_use]
pub fn classify(message: &IncomingMessage<'_>) -> Classification {
    let subject = crate::text::fold(message.subject);
    let body = crate::text::fold(message.body);
    if let Some(from) = message.from {
        let from = crate::text::fold(from);
        if from.starts_with("mailer-daemon") || from.starts_with("postmaster") {
            return found(ReplyKind::Bounce, CueSource::Sender, from);
        }
    }
    for (name, value) in message.headers {
        if name.eq_ignore_ascii_case("auto-submitted") && !value.eq_ignore_ascii_case("no") {
            return found(ReplyKind::AutoReply, CueSource::Header, format!("{name}: {value}"));
        }
    }
    for cue in ["undeliverable", "delivery status notification", "mail delivery failed"] {
        if subject.contains(cue) {
            return found(ReplyKind::Bounce, CueSource::Subject, cue.to_owned());
        }
    }
    for cue in ["out of office", "automatic reply", "auto-reply", "autoreply"] {
        if subject.contains(cue) {
            return found(ReplyKind::AutoReply, CueSource::Subject, cue.to_owned());
        }
    }
    for cue in ["not working", "still broken", "didn't fix", "not fixed", "still"] {
        if body.contains(cue) {
            return found(ReplyKind::Negative, CueSource::Body, cue.to_owned());
        }
    }
    if body.contains('?') {
        return found(ReplyKind::Question, CueSource::Body, "?".to_owned());
    }
    for cue in ["thank", "solved", "resolved", "works", "fixed"] {
        if body.contains(cue) {
            return found(ReplyKind::Favorable, CueSource::Body, cue.to_owned());
        }
    }
    found(ReplyKind::Other, CueSource::Default, String::new())
}

fn found(kind: ReplyKind, source: CueSource, cue: String) -> Classification {
    Classification { kind, source, cue }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(from: &str, subject: &str, body: &str) -> ReplyKind {
        classify(&IncomingMessage { from: Some(from), subject, body, headers: &[] }).kind
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in ReplyKind::ALL {
            assert_eq!(ReplyKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ReplyKind::parse("Favorable"), None);
    }

    #[test]
    fn simple_cues() {
        assert_eq!(kind("mailer-daemon@x.com", "failure", ""), ReplyKind::Bounce);
        assert_eq!(kind("a@b.c", "Automatic reply: away", ""), ReplyKind::AutoReply);
        assert_eq!(kind("a@b.c", "RE: case", "Thanks, all solved"), ReplyKind::Favorable);
        assert_eq!(kind("a@b.c", "RE: case", "It is still broken"), ReplyKind::Negative);
        assert_eq!(kind("a@b.c", "RE: case", "When will it ship?"), ReplyKind::Question);
        assert_eq!(kind("a@b.c", "RE: case", "Hmm."), ReplyKind::Other);
    }
}
