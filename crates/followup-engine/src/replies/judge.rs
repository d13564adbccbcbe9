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
//! 1. the problem persists: negative, unless a contrast settles it (`It
//!    was broken, but now it works`);
//! 2. a fix taken back in the same sentence (`Works on my laptop but not
//!    on the server`): negative;
//! 3. a question, with or without `?`: question;
//! 4. `still` after a contrast (`Thanks. However, the VAT is still ...`):
//!    negative;
//! 5. the problem solved, or a closing request: favorable;
//! 6. the customer will come back, sends files, hands over: other;
//! 7. thanks alone: favorable;
//! 8. `still` alone: negative;
//! 9. nothing: other.

use super::lexicon::Family;
use super::matcher::{Hit, Matcher, is_word, matcher};
use super::tokens::{Boundary, Tokens};
use super::{Classification, CueSource, ReplyKind};

/// How many words before a cue a negation may stand (`did not really help`).
const NEGATION_REACH: usize = 3;
/// How many words after a cue a trailing negation may stand
/// (`funktioniert es immer noch nicht`).
const NEGATION_REACH_AFTER: usize = 4;
/// A question shown as a cue is cut to this many characters.
const MAX_QUESTION_CUE: usize = 100;
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

/// The first hit of `family`.
fn first_of(hits: &[Hit], family: Family) -> Option<&Hit> {
    hits.iter().find(|hit| hit.family == family)
}

/// A delivery failure told by the body's wording (when sender, headers and
/// subject said nothing).
pub(super) fn bounce(tokens: &Tokens<'_>, hits: &[Hit]) -> Option<Classification> {
    let hit = first_of(hits, Family::BounceBody)?;
    Some(found(ReplyKind::Bounce, CueSource::Body, tokens.source(hit.start, hit.end).to_owned()))
}

/// An automatic reply told by the body: unmistakable machine wording, or
/// an absence (`out of the office`) with what out-of-office notices add
/// (`until`, `limited access`) or with the weak header, and no question.
pub(super) fn automatic(tokens: &Tokens<'_>, hits: &[Hit], weak_header: Option<&str>) -> Option<Classification> {
    if let Some(hit) = first_of(hits, Family::Automatic) {
        return Some(found(ReplyKind::AutoReply, CueSource::Body, tokens.source(hit.start, hit.end).to_owned()));
    }
    let absence = first_of(hits, Family::Absence)?;
    let detail = first_of(hits, Family::AbsenceDetail).is_some();
    if first_mark(tokens, 0, '?').is_some() || !(detail || weak_header.is_some()) {
        return None;
    }
    let mut cue = tokens.source(absence.start, absence.end).to_owned();
    if let (Some(header), false) = (weak_header, detail) {
        cue.push_str(" (");
        cue.push_str(header);
        cue.push(')');
    }
    Some(found(ReplyKind::AutoReply, CueSource::Body, cue))
}

/// The first `mark` from token `from` on.
fn first_mark(tokens: &Tokens<'_>, from: usize, mark: char) -> Option<usize> {
    (from..tokens.len()).find(|&at| tokens.mark(at) == Some(mark))
}

/// What the customer's own words say.
#[must_use]
pub(super) fn words(tokens: &Tokens<'_>, hits: &[Hit]) -> Classification {
    if !tokens.has_letters() {
        return found(ReplyKind::Other, CueSource::Default, NO_WORDS.to_owned());
    }
    let matcher = matcher();
    let mut signals = Vec::with_capacity(hits.len() + 4);
    for hit in hits {
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
        let polar =
            matches!(signal.reading, Reading::Solved | Reading::Unsolved | Reading::Thanks | Reading::Persisting);
        let asked = kept.iter().any(|question| {
            question.reading == Reading::Question
                && (tokens.clause_of(question.start) == clause
                    || tokens.clause_of(question.end.saturating_sub(1)) == clause)
        });
        if !polar || !asked {
            signals.push(*signal);
        }
    }
    decide(tokens, &signals)
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

/// Picks the kind and the cue from the counted signals.
fn decide(tokens: &Tokens<'_>, signals: &[Signal]) -> Classification {
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
    let unsolved_after = contrast.and_then(|at| first(signals, Reading::Unsolved, Some(at)));

    // `It was broken, but now it works`: the contrast settles it.
    let resolved_by_contrast = solved_after && unsolved_after.is_none();
    if !resolved_by_contrast
        && let Some(unsolved) = unsolved_after.or_else(|| longest(signals, Reading::Unsolved, None))
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
        return body(ReplyKind::Favorable, solved);
    }
    for (reading, kind) in [
        (Reading::Pending, ReplyKind::Other),
        (Reading::Thanks, ReplyKind::Favorable),
        (Reading::Persisting, ReplyKind::Negative),
    ] {
        if let Some(signal) = first(signals, reading, None) {
            return body(kind, signal);
        }
    }
    found(ReplyKind::Other, CueSource::Default, String::new())
}

/// A question's cue: the phrase that opened it, or for a question mark the
/// question itself (its sentence), cut to a readable length.
fn question_cue(tokens: &Tokens<'_>, question: &Signal) -> Classification {
    let (mut start, mut end) = (question.start, question.end);
    match tokens.mark(start) {
        Some('?') => {
            let sentence = tokens.sentence_of(start);
            while start.checked_sub(1).is_some_and(|before| tokens.sentence_of(before) == sentence) {
                start -= 1;
            }
        }
        Some(_) => end = first_mark(tokens, start, '?').map_or(tokens.len(), |at| at + 1),
        None => {}
    }
    let text = tokens.source(start, end);
    let mut cue = String::with_capacity(text.len() + 3);
    for (count, ch) in text.chars().enumerate() {
        if count == MAX_QUESTION_CUE {
            cue.push('\u{2026}');
            break;
        }
        cue.push(ch);
    }
    found(ReplyKind::Question, CueSource::Body, cue)
}

fn found(kind: ReplyKind, source: CueSource, cue: String) -> Classification {
    Classification { kind, source, cue }
}
