//! Whether a favorable reading accounts for everything the customer
//! wrote. Favorable stops the chase with no card, so it needs evidence and
//! nothing unexplained:
//!
//! - wording of a resolution (`works now`, `please close`) must leave no
//!   sentence without a cue (`That fixed it. The water is dripping from
//!   the base.` has a sentence the classifier cannot read: a person does);
//! - thanks or praise alone must leave no word outside a cue, but for a
//!   name after a greeting or thanks (`Hi Maria`, `Thanks Tom`): so
//!   `Brilliant, another fix that fixes nothing.` is not thanks.
//!
//! The customer's name under the reply (a last line of one to three
//! capitalised words) is not content.

use super::matcher::{Hit, is_word};
use super::tokens::Tokens;

/// How many words a greeting or thanks may leave for a name (`Dear Mr
/// Smith`).
const NAME_WORDS: usize = 2;
/// How many words the closing name line may have (`Anna Maria Lopez`).
const NAME_LINE_WORDS: usize = 3;

/// Whether every sentence with letters holds a cue, but the closing name.
pub(super) fn every_sentence(tokens: &Tokens<'_>, hits: &[Hit]) -> bool {
    let name = closing_name(tokens);
    let mut at = 0;
    while at < tokens.len() {
        let sentence = tokens.sentence_of(at);
        let end = (at..tokens.len()).find(|&next| tokens.sentence_of(next) != sentence).unwrap_or(tokens.len());
        let has_letters = (at..end).any(|index| has_letters(tokens, index));
        let has_cue = hits.iter().any(|hit| hit.start < end && hit.end > at);
        if has_letters && !has_cue && name.is_none_or(|name| at < name) {
            return false;
        }
        at = end;
    }
    true
}

/// Whether every word is inside a cue, but a name after a greeting or
/// thanks that opens its clause, and the closing name.
pub(super) fn every_word(tokens: &Tokens<'_>, hits: &[Hit]) -> bool {
    let name = closing_name(tokens);
    let mut at = 0;
    while at < tokens.len() {
        let clause = tokens.clause_of(at);
        let end = (at..tokens.len()).find(|&next| tokens.clause_of(next) != clause).unwrap_or(tokens.len());
        if name.is_some_and(|name| at >= name) {
            break;
        }
        let covered = |index: usize| hits.iter().any(|hit| hit.start <= index && index < hit.end);
        let loose = (at..end).filter(|&index| has_letters(tokens, index) && !covered(index)).count();
        let first_word = (at..end).find(|&index| is_word(tokens, index));
        let opened_by_cue = first_word.is_some_and(covered);
        if loose > 0 && !(opened_by_cue && loose <= NAME_WORDS) {
            return false;
        }
        at = end;
    }
    true
}

/// Whether the token is a word with a letter in it.
fn has_letters(tokens: &Tokens<'_>, index: usize) -> bool {
    tokens.word(index).is_some_and(|word| word.chars().any(char::is_alphabetic))
}

/// The first token of the last sentence when it is a name: one to three
/// words, each capitalised as written, nothing else.
fn closing_name(tokens: &Tokens<'_>) -> Option<usize> {
    let last = tokens.len().checked_sub(1)?;
    let sentence = tokens.sentence_of(last);
    let start = (0..=last).rev().take_while(|&at| tokens.sentence_of(at) == sentence).last()?;
    if start == 0 {
        return None;
    }
    let mut words = 0;
    for index in start..=last {
        if !is_word(tokens, index) {
            return None;
        }
        let written = tokens.source(index, index + 1);
        if !written.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        words += 1;
    }
    (words <= NAME_LINE_WORDS).then_some(start)
}
