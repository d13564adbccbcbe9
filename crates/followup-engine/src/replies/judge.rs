//! Judging the customer's own words: which cues count after negation,
//! conditions, contrast and questions, and which one decides.
//!
//! First, what each cue counts as: a negation turns it around (`not
//! fixed`, `funktioniert nicht`, `doesn't crash anymore`), a condition
//! mutes it (`if it doesn't work, ...`), a question holds it (`is this the
//! same issue as ...?` asks, it does not state), and a question that asks
//! to close the case (`Can you close the case?`) is a closing request.
//!
//! Then the order of judgement, first match wins:
//! 1. the problem persists or came back (`still broken`, `again`, `once
//!    more`, `sadly`): negative, unless a contrast settles it (`It was
//!    broken again, but now it works`); weighed before any thanks;
//! 2. a fix taken back in the same sentence (`Works on my laptop but not
//!    on the server`): negative;
//! 3. a question, with or without `?`: question;
//! 4. `still` after a contrast (`Thanks. However, the VAT is still ...`):
//!    negative;
//! 5. the problem solved, or a closing request: favorable, when every
//!    sentence holds a cue (see `account`), else other;
//! 6. the customer will come back, sends files, hands over: other;
//! 7. thanks alone: favorable, when every word is a cue, a greeting or a
//!    name, else other;
//! 8. `still` alone: negative;
//! 9. nothing: other.
//!
//! Words in no language the engine reads are never favorable.

use super::account;
use super::lexicon::Family;
use super::matcher::{Hit, Matcher, is_word, matcher};
use super::tokens::{Boundary, Tokens};
use super::{Classification, CueSource, ReplyKind};

/// How many words before a cue a negation may stand (`did not really help`).
const NEGATION_REACH: usize = 3;
/// How many words after a cue a trailing negation may stand
/// (`funktioniert es immer noch nicht`).
const NEGATION_REACH_AFTER: usize = 4;
/// A question longer than this many characters is shown from the start
/// of its clause rather than of its sentence (whole words either way).
const LONG_QUESTION: usize = 160;
/// A question shown from its clause shows at most this many tokens
/// before its `?` (whole words: a run-on clause of pasted text has no
/// end to show).
const LONG_QUESTION_TOKENS: usize = 24;
/// The cue of a reply without words.
const NO_WORDS: &str = "no words of the customer's own";

/// What a cue counts as once negation and conditions are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// The problem is solved.
    Solved,
    /// A request to close the case.
    Closing,
    /// Thanks or praise.
    Thanks,
    /// The problem persists, or the customer is unhappy.
    Unsolved,
    /// The problem came back or goes on (`again`, `sadly`).
    Returned,
    /// `still`: negative after a contrast or alone.
    Persisting,
    /// Not done yet: tests to come, files sent, handed over.
    Pending,
    /// `but`, `however`: what follows counts more.
    Contrast,
    /// A contrast followed by a negation (`but not`, `aber nicht`).
    TakenBack,
    /// A verb of the fix taking effect, not negated (`works on my laptop`):
    /// says nothing alone, but can be taken back.
    Effect,
    /// A question (a `?`, an opener, a phrase).
    Question,
}

/// A counted cue: its reading and the tokens to show for it.
#[derive(Debug, Clone, Copy)]
struct Signal {
    reading: Reading,
    start: usize,
    end: usize,
}

impl Signal {
    fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
}

/// The hits not covered by a longer hit (`not fixed` hides `fixed`, `come
/// back to you` hides `come back`). A neutral verb hides nothing (`fixed it`
/// does not hide `fixed`).
#[must_use]
pub(super) fn outermost(hits: &[Hit]) -> Vec<Hit> {
    let mut kept = Vec::with_capacity(hits.len());
    'hits: for hit in hits {
        for other in hits {
            if other.family != Family::Effect && hit.is_inside(other) {
                continue 'hits;
            }
        }
        kept.push(*hit);
    }
    kept
}

/// What the customer's own words say; `known_language` is whether they
/// are in a language the engine reads (if not, never favorable).
#[must_use]
pub(super) fn words(tokens: &Tokens<'_>, hits: &[Hit], known_language: bool) -> Classification {
    if !tokens.has_letters() {
        return found(ReplyKind::Other, CueSource::Default, NO_WORDS.to_owned());
    }
    let matcher = matcher();
    let mut signals = Vec::with_capacity(hits.len() + 4);
    for hit in hits {
        // `back online`, `funktioniert jetzt wieder`: a return that is part
        // of a fix (overlapping it, or right after it) is the fix's.
        let part_of_fix = hit.family == Family::Returned
            && hits.iter().any(|fix| fix.family == Family::Solved && fix.start < hit.end && hit.start <= fix.end);
        if part_of_fix {
            continue;
        }
        if let Some(signal) = read(tokens, matcher, hit) {
            signals.push(signal);
        }
    }
    // Question marks (`?` ending a question, a Spanish `¿`).
    for index in 0..tokens.len() {
        if let Some('?' | '\u{bf}') = tokens.mark(index) {
            signals.push(Signal { reading: Reading::Question, start: index, end: index + 1 });
        }
    }
    // A question that asks to close the case (`Can you close the case?`)
    // is a closing request, not a question.
    let mut kept = Vec::with_capacity(signals.len());
    for signal in &signals {
        let closes = signal.reading == Reading::Question
            && signals.iter().any(|other| {
                other.reading == Reading::Closing && tokens.sentence_of(other.start) == tokens.sentence_of(signal.start)
            });
        if !closes {
            kept.push(*signal);
        }
    }
    // A cue inside a question (`is this the same issue as ...?`, `Is it
    // fixed in 2.3?`) asks, it does not state: only the question counts.
    signals.clear();
    for signal in &kept {
        let clause = tokens.clause_of(signal.start);
        let polar = matches!(
            signal.reading,
            Reading::Solved | Reading::Unsolved | Reading::Returned | Reading::Thanks | Reading::Persisting
        );
        let asked = kept.iter().any(|question| {
            question.reading == Reading::Question
                && (tokens.clause_of(question.start) == clause
                    || tokens.clause_of(question.end.saturating_sub(1)) == clause)
        });
        if !polar || !asked {
            signals.push(*signal);
        }
    }
    let mut found = decide(tokens, hits, &signals);
    if found.kind == ReplyKind::Favorable && !known_language {
        found = Classification::new(ReplyKind::Other, CueSource::Default, format!("{} (language not read)", found.cue));
    }
    found
}

/// What a hit counts as, or `None` when it does not count (a neutral
/// verb, a cue inside a condition, `no thanks`).
fn read(tokens: &Tokens<'_>, matcher: &Matcher, hit: &Hit) -> Option<Signal> {
    let (start, end) = (hit.start, hit.end);
    let polar = matches!(
        hit.family,
        Family::Solved
            | Family::SolvedAlone
            | Family::Closing
            | Family::Thanks
            | Family::Unsolved
            | Family::Returned
            | Family::Effect
            | Family::Persisting
    );
    if polar && in_condition(tokens, matcher, start) {
        return None;
    }
    let negation = if hit.negated || !polar { None } else { negation(tokens, matcher, hit) };
    // What the cue reads as, and as what when it is negated.
    let (plain, negated) = match hit.family {
        Family::Solved | Family::Effect => {
            (if hit.family == Family::Solved { Reading::Solved } else { Reading::Effect }, Some(Reading::Unsolved))
        }
        // `Don't close the case (yet)`: not done, but not said to fail.
        Family::Closing => (Reading::Closing, Some(Reading::Pending)),
        Family::Unsolved => (Reading::Unsolved, Some(Reading::Solved)),
        // `It has not come back`: solved.
        Family::Returned => (Reading::Returned, Some(Reading::Solved)),
        Family::SolvedAlone if is_whole_sentence(tokens, hit) => (Reading::Solved, None),
        Family::Thanks => (Reading::Thanks, None),
        Family::Persisting => return Some(Signal { reading: Reading::Persisting, start, end }),
        Family::Pending => return Some(Signal { reading: Reading::Pending, start, end }),
        // `Works on my laptop, but not on the server`: a negated contrast
        // takes back what came before it.
        Family::Contrast => {
            let taken_back = tokens.word(end).is_some_and(|word| matcher.is_negator(word));
            return Some(if taken_back {
                Signal { reading: Reading::TakenBack, start, end: end + 1 }
            } else {
                Signal { reading: Reading::Contrast, start, end }
            });
        }
        Family::QuestionPhrase => return Some(Signal { reading: Reading::Question, start, end }),
        Family::QuestionOpener if opens_sentence(tokens, matcher, start) => {
            return Some(Signal { reading: Reading::Question, start, end });
        }
        _ => return None,
    };
    match negation {
        None => Some(Signal { reading: plain, start, end }),
        Some((start, end)) => negated.map(|reading| Signal { reading, start, end }),
    }
}

/// A negation of the hit in its clause: a negator up to three words
/// before it (`did not help`, `n'est pas résolu`, `no funciona`), or one
/// after it in languages that put it there (`funktioniert nicht`). Returns
/// the tokens to show, negation included.
fn negation(tokens: &Tokens<'_>, matcher: &Matcher, hit: &Hit) -> Option<(usize, usize)> {
    // A negator in the same clause, at most three words before the hit.
    let mut at = hit.start;
    for _ in 0..NEGATION_REACH {
        if starts_clause(tokens, at) {
            break;
        }
        let Some(before) = at.checked_sub(1) else {
            break;
        };
        at = before;
        match tokens.word(at) {
            Some(word) if matcher.is_negator(word) => return Some((at, hit.end)),
            Some(_) => {}
            None => break,
        }
    }
    // A negator that stands after what it negates, in the same clause, at
    // most four words from the hit's end on.
    let mut at = hit.end;
    while at < hit.end + NEGATION_REACH_AFTER && !starts_clause(tokens, at) {
        if tokens.word(at).is_some_and(|word| matcher.is_negator_after(word)) {
            return Some((hit.start, at + 1));
        }
        at += 1;
    }
    None
}

/// Whether the hit's words are all the words of its sentence (`Works!`).
fn is_whole_sentence(tokens: &Tokens<'_>, hit: &Hit) -> bool {
    let sentence = tokens.sentence_of(hit.start);
    let (mut in_sentence, mut in_hit) = (0usize, 0usize);
    for at in 0..tokens.len() {
        if is_word(tokens, at) {
            in_sentence += usize::from(tokens.sentence_of(at) == sentence);
            in_hit += usize::from((hit.start..hit.end).contains(&at));
        }
    }
    in_sentence == in_hit
}

/// Whether token `index` starts a clause (or is a mark, which ends one).
fn starts_clause(tokens: &Tokens<'_>, index: usize) -> bool {
    tokens.get(index).is_none_or(|token| token.boundary != Boundary::None || !is_word(tokens, index))
}

/// Whether the clause holding `index` is a condition (`if it fails`,
/// `falls es nicht klappt`, `si ça ne marche pas`) up to `index`.
fn in_condition(tokens: &Tokens<'_>, matcher: &Matcher, index: usize) -> bool {
    let clause = tokens.clause_of(index);
    let mut at = index;
    while let Some(before) = at.checked_sub(1) {
        if tokens.clause_of(before) != clause {
            break;
        }
        at = before;
        if tokens.word(at).is_some_and(|word| matcher.is_conditional(word)) {
            return true;
        }
    }
    false
}

/// Whether a question opener at `index` starts its sentence, maybe after
/// a filler (`Thanks, could you`, `And is there`).
fn opens_sentence(tokens: &Tokens<'_>, matcher: &Matcher, index: usize) -> bool {
    let Some(token) = tokens.get(index) else {
        return false;
    };
    if token.boundary == Boundary::Sentence {
        return true;
    }
    let Some(previous) = (0..index).rev().find(|&at| is_word(tokens, at)) else {
        return false;
    };
    tokens.get(previous).is_some_and(|token| token.boundary == Boundary::Sentence)
        && tokens.word(previous).is_some_and(|word| matcher.is_filler(word))
}

/// The first signal read as `reading`, after token `after` if given.
fn first(signals: &[Signal], reading: Reading, after: Option<usize>) -> Option<&Signal> {
    signals.iter().find(|signal| signal.reading == reading && after.is_none_or(|at| signal.start > at))
}

/// The signal read as `reading` covering the most tokens (the first of
/// equals), if longer than `best`.
fn longest<'s>(signals: &'s [Signal], reading: Reading, mut best: Option<&'s Signal>) -> Option<&'s Signal> {
    for signal in signals {
        if signal.reading == reading && best.is_none_or(|best| best.len() < signal.len()) {
            best = Some(signal);
        }
    }
    best
}

/// Picks the kind and the cue from the counted signals; `hits` are what
/// a favorable reading must account for the text with.
fn decide(tokens: &Tokens<'_>, hits: &[Hit], signals: &[Signal]) -> Classification {
    let body = |kind, signal: &Signal| found(kind, CueSource::Body, tokens.source(signal.start, signal.end).to_owned());
    let contrast = signals
        .iter()
        .rfind(|signal| matches!(signal.reading, Reading::Contrast | Reading::TakenBack))
        .map(|signal| signal.start);
    let mut solved_after = false;
    if let Some(at) = contrast {
        solved_after =
            first(signals, Reading::Solved, Some(at)).or(first(signals, Reading::Closing, Some(at))).is_some();
    }
    let unsolved_after = contrast.and_then(|at| {
        first(signals, Reading::Unsolved, Some(at)).or_else(|| first(signals, Reading::Returned, Some(at)))
    });

    // `It was broken, but now it works`: the contrast settles it.
    let resolved_by_contrast = solved_after && unsolved_after.is_none();
    if !resolved_by_contrast
        && let Some(unsolved) = unsolved_after
            .or_else(|| longest(signals, Reading::Unsolved, None))
            .or_else(|| first(signals, Reading::Returned, None))
    {
        return body(ReplyKind::Negative, unsolved);
    }
    // `Works on my laptop but not on the server`: something solved, then
    // taken back in the same sentence.
    for taken in signals {
        if taken.reading == Reading::TakenBack
            && signals.iter().any(|said| {
                matches!(said.reading, Reading::Solved | Reading::Effect)
                    && said.start < taken.start
                    && tokens.sentence_of(said.start) == tokens.sentence_of(taken.start)
            })
        {
            return body(ReplyKind::Negative, taken);
        }
    }
    if let Some(question) = first(signals, Reading::Question, None) {
        return question_cue(tokens, question);
    }
    if let (Some(at), Some(persisting), false) =
        (contrast, contrast.and_then(|at| first(signals, Reading::Persisting, Some(at))), solved_after)
    {
        return found(ReplyKind::Negative, CueSource::Body, tokens.source(at, persisting.end).to_owned());
    }
    if let Some(solved) = longest(signals, Reading::Closing, longest(signals, Reading::Solved, None)) {
        if account::every_sentence(tokens, hits) {
            return body(ReplyKind::Favorable, solved);
        }
        return unexplained(tokens, solved);
    }
    if let Some(pending) = first(signals, Reading::Pending, None) {
        return body(ReplyKind::Other, pending);
    }
    if let Some(thanks) = first(signals, Reading::Thanks, None) {
        if account::every_word(tokens, hits) {
            let mut favorable = body(ReplyKind::Favorable, thanks);
            favorable.thanks_only = true;
            return favorable;
        }
        return unexplained(tokens, thanks);
    }
    if let Some(persisting) = first(signals, Reading::Persisting, None) {
        return body(ReplyKind::Negative, persisting);
    }
    found(ReplyKind::Other, CueSource::Default, String::new())
}

/// A favorable cue with words beside it the classifier cannot account
/// for: other (a person reads it), the cue kept to say why.
fn unexplained(tokens: &Tokens<'_>, signal: &Signal) -> Classification {
    let cue = format!("{} (with words not accounted for)", tokens.source(signal.start, signal.end));
    found(ReplyKind::Other, CueSource::Body, cue)
}

/// A question's cue: the phrase that opened it, or for a question mark the
/// question itself (its sentence; a long one from its clause), whole.
fn question_cue(tokens: &Tokens<'_>, question: &Signal) -> Classification {
    let (mut start, mut end) = (question.start, question.end);
    let sentence = tokens.sentence_of(start);
    match tokens.mark(start) {
        Some('?') => {
            while start.checked_sub(1).is_some_and(|before| tokens.sentence_of(before) == sentence) {
                start -= 1;
            }
            if tokens.source(start, end).chars().count() > LONG_QUESTION {
                let clause = tokens.clause_of(question.start.saturating_sub(1));
                start = question.start;
                while start.checked_sub(1).is_some_and(|before| tokens.clause_of(before) == clause)
                    && question.start - start < LONG_QUESTION_TOKENS
                {
                    start -= 1;
                }
            }
        }
        Some(_) => {
            end = (start..tokens.len())
                .find(|&at| tokens.mark(at) == Some('?') || tokens.sentence_of(at) != sentence)
                .map_or(tokens.len(), |at| if tokens.mark(at) == Some('?') { at + 1 } else { at });
        }
        None => {}
    }
    found(ReplyKind::Question, CueSource::Body, tokens.source(start, end).to_owned())
}

fn found(kind: ReplyKind, source: CueSource, cue: String) -> Classification {
    Classification::new(kind, source, cue)
}
