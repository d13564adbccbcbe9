//! Reading customer replies: what an incoming message means for the
//! follow-up process (favorable, negative, a question, something a person
//! must read, an automatic reply, or a delivery failure), and why.
//!
//! - `lexicon`: the cue lists, one data file per language in `lexicon/`
//!   (teach the engine a new phrasing there);
//! - `nonwords`: addresses, paths, log and code lines blanked out;
//! - `tokens`: a text as folded words and marks, with where each came from;
//! - `matcher`: the lists compiled once into an index, matched by word,
//!   and the language a text is in;
//! - `envelope`: sender, headers and subject;
//! - `machine`: delivery failures, notices and automatic replies, by
//!   evidence, strongest first;
//! - `returning`: the return date an automatic reply gives;
//! - `judge`: the customer's own words weighed (negation, conditions,
//!   contrast, questions), and `account`: whether a favorable reading
//!   accounts for every sentence.
//!
//! The labeled sets in `tests/replies/` at the repository root measure it:
//! `cargo test -p followup-engine --test replies -- --nocapture`.

mod account;
mod envelope;
mod judge;
mod lexicon;
mod machine;
mod matcher;
mod nonwords;
mod returning;
mod tokens;

use serde::Serialize;

use crate::{mail, text};
use envelope::Subject;
pub(crate) use lexicon::install as install_lexicon;
use matcher::{matcher, only};
pub use returning::ReturnDate;
use tokens::Tokens;

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
    /// The cue itself, whole (`Auto-Submitted: auto-replied`, `still
    /// broken`, the question asked).
    pub cue: String,
    /// The language the customer's words were read in (`en`, `de`, `fr`,
    /// `es`), `None` when none of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'static str>,
    /// For an automatic reply, the day it says its sender is back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_date: Option<ReturnDate>,
    /// Whether a favorable reading rests on thanks or praise alone, with no
    /// wording of a resolution (`solved`, `fixed`, `please close`): a rule
    /// that asks for that wording reads it as `other`.
    #[serde(skip)]
    pub thanks_only: bool,
}

impl Classification {
    /// A reading of `kind` by a cue found in `source`.
    #[must_use]
    pub fn new(kind: ReplyKind, source: CueSource, cue: String) -> Self {
        Self { kind, source, cue, language: None, return_date: None, thanks_only: false }
    }

    /// The kind under a rule that asks for resolution wording when
    /// `needs_resolution_wording`: a favorable reading of thanks alone is
    /// `other` there (a person reads it).
    #[must_use]
    pub fn kind_for(&self, needs_resolution_wording: bool) -> ReplyKind {
        if needs_resolution_wording && self.thanks_only { ReplyKind::Other } else { self.kind }
    }
}

/// How much of the customer's own words classification weighs, in bytes:
/// some 1,300 words of English.
pub const OWN_WORDS_LIMIT: usize = 8 * 1024;

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

/// Classifies an incoming message, in this order of judgement:
///
/// 1. Machine mail, by evidence, strongest first, a delivery failure's
///    before an automatic reply's (see the `machine` module): report
///    types, failure headers, delay notices, senders, subjects, the body's
///    failure wording, then automatic-reply headers (`Auto-Submitted`,
///    `X-Autoreply`, `Precedence`, `List-*`), senders, subjects and
///    wording, then the null sender. An automatic reply carries the
///    return date it gives, if any.
/// 2. The customer's own words: the body as text, quoted history, `>`
///    lines, signature and sign-off removed, addresses, paths, log and
///    code lines blanked out, the language found from its words (English,
///    German, French, Spanish or none), then weighed with that language's
///    cues: a persisting or returning problem first, negation,
///    conditions, contrast, questions, closing requests (see the `judge`
///    module). A favorable reading needs wording of a resolution or
///    thanks, and every other sentence accounted for (a greeting, a
///    sign-off); words in no language read are never favorable.
///
/// Only the start of a long message is read: its first
/// [`mail::BODY_READ_LIMIT`] bytes, and of the customer's words in them the first
/// [`OWN_WORDS_LIMIT`]. A reply longer than that is almost always pasted
/// logs or a forwarded thread, and reading all of it would let one huge
/// message hold up a form for seconds.
///
/// Pure and deterministic; never panics. The cue lists are compiled once,
/// on first use; each call folds the message's text once.
#[must_use]
pub fn classify(message: &IncomingMessage<'_>) -> Classification {
    let subject = Subject::new(message.subject);
    let text = mail::reply_text(text::prefix(message.body, mail::BODY_READ_LIMIT));
    let words = mail::strip_sign_off(text::prefix(&mail::own_words(&text), OWN_WORDS_LIMIT));
    let words = nonwords::mask(&words);
    let tokens = Tokens::new(&words);
    let matcher = matcher();
    let every_language = matcher.scan(&tokens);
    let language = matcher.language_of(&tokens, &every_language);
    let hits = judge::outermost(&only(every_language, language));
    let mut found = match machine::read(message, &subject, &tokens, &hits) {
        Some(mut machine) => {
            if machine.kind == ReplyKind::AutoReply {
                machine.return_date = returning::return_date(&tokens, &hits);
            }
            machine
        }
        None => judge::words(&tokens, &hits, language.is_some()),
    };
    found.language = language.map(lexicon::Lang::code);
    found
}

#[cfg(test)]
mod tests;
