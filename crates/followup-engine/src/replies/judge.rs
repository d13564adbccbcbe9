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

/// The hits not covered by a longer hit (`not fixed` hides `fixed`, `come
/// back to you` hides `come back`). A neutral verb hides nothing (`fixed it`
/// does not hide `fixed`).
#[must_use]
pub(super) fn outermost(hits: &[Hit]) -> Vec<Hit> {
    let mut kept = Vec::with_capacity(hits.len());
    for hit in hits {
        if !hits.iter().any(|other| other.family != Family::Effect && hit.is_inside(other)) {
            kept.push(*hit);
        }
    }
    kept
}

/// A delivery failure told by the body's wording (when sender, headers and
/// subject said nothing).
pub(super) fn bounce(tokens: &Tokens<'_>, hits: &[Hit]) -> Option<Classification> {
    let hit = hits.iter().find(|hit| hit.family == Family::BounceBody)?;
    Some(found(ReplyKind::Bounce, CueSource::Body, tokens.source(hit.start, hit.end).to_owned()))
}

/// An automatic reply told by the body: unmistakable machine wording, or
/// an absence (`out of the office`) with what out-of-office notices add
/// (`until`, `limited access`) or with the weak header, and no question.
pub(super) fn automatic(tokens: &Tokens<'_>, hits: &[Hit], weak_header: Option<&str>) -> Option<Classification> {
    if let Some(hit) = hits.iter().find(|hit| hit.family == Family::Automatic) {
        return Some(found(ReplyKind::AutoReply, CueSource::Body, tokens.source(hit.start, hit.end).to_owned()));
    }
    let absence = hits.iter().find(|hit| hit.family == Family::Absence)?;
    let asks = (0..tokens.len()).any(|index| tokens.mark(index) == Some('?'));
    let detail = hits.iter().any(|hit| hit.family == Family::AbsenceDetail);
    if asks || !(detail || weak_header.is_some()) {
        return None;
    }
    let phrase = tokens.source(absence.start, absence.end);
    let cue = match weak_header {
        Some(header) if !detail => format!("{phrase} ({header})"),
        _ => phrase.to_owned(),
    };
    Some(found(ReplyKind::AutoReply, CueSource::Body, cue))
}

/// What the customer's own words say.
#[must_use]
pub(super) fn words(tokens: &Tokens<'_>, hits: &[Hit]) -> Classification {
    if !tokens.has_letters() {
        return found(ReplyKind::Other, CueSource::Default, NO_WORDS.to_owned());
    }
    let layout = Layout::new(tokens);
    let matcher = matcher();
    let mut signals: Vec<Signal> = hits.iter().filter_map(|hit| read(tokens, &layout, matcher, hit)).collect();
    signals.extend(question_marks(tokens));
    drop_questions_that_close(&layout, &mut signals);
    drop_polarity_inside_questions(&layout, &mut signals);
    decide(tokens, &layout, &signals)
}

/// Where sentences and clauses of a text start.
struct Layout {
    /// Sentence number of each token.
    sentence: Vec<usize>,
    /// Clause number of each token (clauses never span sentences).
    clause: Vec<usize>,
}

impl Layout {
    fn new(tokens: &Tokens<'_>) -> Self {
        let mut sentence = Vec::with_capacity(tokens.len());
        let mut clause = Vec::with_capacity(tokens.len());
        let (mut sentences, mut clauses) = (0usize, 0usize);
        for (index, token) in tokens.iter().enumerate() {
            if index > 0 && token.boundary == Boundary::Sentence {
                sentences += 1;
            }
            if index > 0 && token.boundary >= Boundary::Clause {
                clauses += 1;
            }
            sentence.push(sentences);
            clause.push(clauses);
        }
        Self { sentence, clause }
    }

    fn sentence_of(&self, index: usize) -> Option<usize> {
        self.sentence.get(index).copied()
    }

    fn clause_of(&self, index: usize) -> Option<usize> {
        self.clause.get(index).copied()
    }

    /// The first token of the clause holding `index`.
    fn clause_start(&self, index: usize) -> usize {
        let clause = self.clause_of(index);
        (0..=index).rev().take_while(|&at| self.clause_of(at) == clause).last().unwrap_or(index)
    }

    /// The first token of the sentence holding `index`.
    fn sentence_start(&self, index: usize) -> usize {
        let sentence = self.sentence_of(index);
        (0..=index).rev().take_while(|&at| self.sentence_of(at) == sentence).last().unwrap_or(index)
    }
}

/// What a hit counts as, or `None` when it does not count (a neutral
/// verb, a cue inside a condition, `no thanks`).
fn read(tokens: &Tokens<'_>, layout: &Layout, matcher: &Matcher, hit: &Hit) -> Option<Signal> {
    let signal = |reading, start, end| Some(Signal { reading, start, end });
    let plain = |reading| signal(reading, hit.start, hit.end);
    let negation = || if hit.negated { None } else { negation(tokens, matcher, hit) };
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
    if polar && in_condition(tokens, layout, matcher, hit.start) {
        return None;
    }
    match hit.family {
        Family::Solved => match negation() {
            Some((start, end)) => signal(Reading::Unsolved, start, end),
            None => plain(Reading::Solved),
        },
        // `Don't close the case (yet)`: not done, but not said to fail.
        Family::Closing => match negation() {
            Some((start, end)) => signal(Reading::Pending, start, end),
            None => plain(Reading::Closing),
        },
        Family::Unsolved => match negation() {
            Some((start, end)) => signal(Reading::Solved, start, end),
            None => plain(Reading::Unsolved),
        },
        Family::Effect => match negation() {
            Some((start, end)) => signal(Reading::Unsolved, start, end),
            None => plain(Reading::Effect),
        },
        Family::SolvedAlone if is_whole_sentence(tokens, layout, hit) => match negation() {
            Some(_) => None,
            None => plain(Reading::Solved),
        },
        Family::Thanks => negation().map_or_else(|| plain(Reading::Thanks), |_| None),
        Family::Persisting => plain(Reading::Persisting),
        Family::Pending => plain(Reading::Pending),
        // `Works on my laptop, but not on the server`: a negated contrast
        // takes back what came before it.
        Family::Contrast if tokens.word(hit.end).is_some_and(|word| matcher.is_negator(word)) => {
            signal(Reading::TakenBack, hit.start, hit.end + 1)
        }
        Family::Contrast => plain(Reading::Contrast),
        Family::QuestionPhrase => plain(Reading::Question),
        Family::QuestionOpener if opens_sentence(tokens, matcher, hit.start) => plain(Reading::Question),
        _ => None,
    }
}

/// A negation of the hit in its clause: a negator up to three words
/// before it (`did not help`, `n'est pas résolu`, `no funciona`), or one
/// after it in languages that put it there (`funktioniert nicht`). Returns
/// the tokens to show, negation included.
fn negation(tokens: &Tokens<'_>, matcher: &Matcher, hit: &Hit) -> Option<(usize, usize)> {
    negator_before(tokens, matcher, hit.start)
        .map(|at| (at, hit.end))
        .or_else(|| negator_after(tokens, matcher, hit.end).map(|at| (hit.start, at + 1)))
}

/// A negator in the same clause, at most three words before `start`.
fn negator_before(tokens: &Tokens<'_>, matcher: &Matcher, start: usize) -> Option<usize> {
    let mut at = start;
    for _ in 0..NEGATION_REACH {
        if starts_clause(tokens, at) {
            return None;
        }
        at = at.checked_sub(1)?;
        if matcher.is_negator(tokens.word(at)?) {
            return Some(at);
        }
    }
    None
}

/// A negator that stands after what it negates, in the same clause, at
/// most four words from `end` on.
fn negator_after(tokens: &Tokens<'_>, matcher: &Matcher, end: usize) -> Option<usize> {
    (end..end + NEGATION_REACH_AFTER)
        .take_while(|&at| !starts_clause(tokens, at))
        .find(|&at| tokens.word(at).is_some_and(|word| matcher.is_negator_after(word)))
}

/// Whether the hit's words are all the words of its sentence (`Works!`).
fn is_whole_sentence(tokens: &Tokens<'_>, layout: &Layout, hit: &Hit) -> bool {
    let sentence = layout.sentence_of(hit.start);
    let words_in_sentence =
        (0..tokens.len()).filter(|&at| is_word(tokens, at) && layout.sentence_of(at) == sentence).count();
    let words_in_hit = (hit.start..hit.end).filter(|&at| is_word(tokens, at)).count();
    words_in_sentence == words_in_hit
}

/// Whether token `index` starts a clause (or is a mark, which ends one).
fn starts_clause(tokens: &Tokens<'_>, index: usize) -> bool {
    tokens.get(index).is_none_or(|token| token.boundary != Boundary::None || !is_word(tokens, index))
}

/// Whether the clause holding `index` is a condition (`if it fails`,
/// `falls es nicht klappt`, `si ça ne marche pas`) up to `index`.
fn in_condition(tokens: &Tokens<'_>, layout: &Layout, matcher: &Matcher, index: usize) -> bool {
    let start = layout.clause_start(index);
    (start..index).filter_map(|at| tokens.word(at)).any(|word| matcher.is_conditional(word))
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
    let previous = (0..index).rev().find(|&at| is_word(tokens, at));
    previous.is_some_and(|at| {
        let sentence_start = tokens.get(at).is_some_and(|token| token.boundary == Boundary::Sentence);
        sentence_start && tokens.word(at).is_some_and(|word| matcher.is_filler(word))
    })
}

/// Question marks (`?` ending a question, a Spanish `¿`) as question
/// signals covering their sentence.
fn question_marks<'t>(tokens: &'t Tokens<'_>) -> impl Iterator<Item = Signal> + 't {
    (0..tokens.len()).filter_map(move |index| match tokens.mark(index) {
        Some('?' | '\u{bf}') => Some(Signal { reading: Reading::Question, start: index, end: index + 1 }),
        _ => None,
    })
}

/// A question that asks to close the case (`Can you close the case?`) is a
/// closing request, not a question.
fn drop_questions_that_close(layout: &Layout, signals: &mut Vec<Signal>) {
    let closing: Vec<Option<usize>> = signals
        .iter()
        .filter(|signal| signal.reading == Reading::Closing)
        .map(|signal| layout.sentence_of(signal.start))
        .collect();
    signals
        .retain(|signal| signal.reading != Reading::Question || !closing.contains(&layout.sentence_of(signal.start)));
}

/// A cue inside a question (`is this the same issue as ...?`, `Is it
/// fixed in 2.3?`) asks, it does not state: only the question counts.
fn drop_polarity_inside_questions(layout: &Layout, signals: &mut Vec<Signal>) {
    let asking: Vec<Option<usize>> = signals
        .iter()
        .filter(|signal| signal.reading == Reading::Question)
        .flat_map(|signal| [layout.clause_of(signal.start), layout.clause_of(signal.end.saturating_sub(1))])
        .collect();
    signals.retain(|signal| {
        let polar =
            matches!(signal.reading, Reading::Solved | Reading::Unsolved | Reading::Thanks | Reading::Persisting);
        !polar || !asking.contains(&layout.clause_of(signal.start))
    });
}

/// Picks the kind and the cue from the counted signals.
fn decide(tokens: &Tokens<'_>, layout: &Layout, signals: &[Signal]) -> Classification {
    let body = |kind, signal: &Signal| found(kind, CueSource::Body, tokens.source(signal.start, signal.end).to_owned());
    let of = |reading: Reading| signals.iter().filter(move |signal| signal.reading == reading);
    let contrast = signals
        .iter()
        .rfind(|signal| matches!(signal.reading, Reading::Contrast | Reading::TakenBack))
        .map(|signal| signal.start);
    let after = |signal: &&Signal| contrast.is_some_and(|at| signal.start > at);
    let solved_after = of(Reading::Solved).chain(of(Reading::Closing)).any(|signal| after(&signal));
    let unsolved_after = of(Reading::Unsolved).find(after);

    // `It was broken, but now it works`: the contrast settles it.
    let resolved_by_contrast = solved_after && unsolved_after.is_none();
    if !resolved_by_contrast && let Some(unsolved) = unsolved_after.or_else(|| longest(of(Reading::Unsolved))) {
        return body(ReplyKind::Negative, unsolved);
    }
    // `Works on my laptop but not on the server`: something solved, then
    // taken back in the same sentence.
    let taken_back = of(Reading::TakenBack).find(|taken| {
        of(Reading::Solved)
            .chain(of(Reading::Effect))
            .any(|said| said.start < taken.start && layout.sentence_of(said.start) == layout.sentence_of(taken.start))
    });
    if let Some(taken) = taken_back {
        return body(ReplyKind::Negative, taken);
    }
    if let Some(question) = of(Reading::Question).next() {
        return question_cue(tokens, layout, question);
    }
    if let (Some(at), Some(persisting), false) = (contrast, of(Reading::Persisting).find(after), solved_after) {
        return found(ReplyKind::Negative, CueSource::Body, tokens.source(at, persisting.end).to_owned());
    }
    if let Some(solved) = longest(of(Reading::Solved).chain(of(Reading::Closing))) {
        return body(ReplyKind::Favorable, solved);
    }
    if let Some(pending) = of(Reading::Pending).next() {
        return body(ReplyKind::Other, pending);
    }
    if let Some(thanks) = of(Reading::Thanks).next() {
        return body(ReplyKind::Favorable, thanks);
    }
    if let Some(persisting) = of(Reading::Persisting).next() {
        return body(ReplyKind::Negative, persisting);
    }
    found(ReplyKind::Other, CueSource::Default, String::new())
}

/// The signal covering the most tokens (the first of equals).
fn longest<'s>(signals: impl Iterator<Item = &'s Signal>) -> Option<&'s Signal> {
    signals.fold(None, |best: Option<&Signal>, signal| match best {
        Some(best) if best.end.saturating_sub(best.start) >= signal.end.saturating_sub(signal.start) => Some(best),
        _ => Some(signal),
    })
}

/// A question's cue: the phrase that opened it, or for a question mark the
/// question itself (its sentence), cut to a readable length.
fn question_cue(tokens: &Tokens<'_>, layout: &Layout, question: &Signal) -> Classification {
    let is_mark = tokens.mark(question.start).is_some();
    let text = if is_mark && tokens.mark(question.start) == Some('?') {
        tokens.source(layout.sentence_start(question.start), question.end)
    } else if is_mark {
        let end =
            (question.start..tokens.len()).find(|&at| tokens.mark(at) == Some('?')).map_or(tokens.len(), |at| at + 1);
        tokens.source(question.start, end)
    } else {
        tokens.source(question.start, question.end)
    };
    let cut = text.char_indices().nth(MAX_QUESTION_CUE).map_or(text, |(at, _)| text.get(..at).unwrap_or(text));
    let cue = if cut.len() < text.len() { format!("{cut}\u{2026}") } else { cut.to_owned() };
    found(ReplyKind::Question, CueSource::Body, cue)
}

fn found(kind: ReplyKind, source: CueSource, cue: String) -> Classification {
    Classification { kind, source, cue }
}
