//! The cue lists compiled once into an index by first word, and matched
//! against a text's tokens: per text, one look-up per word plus a check
//! of the few phrases that start with it.
//!
//! The index is a `BTreeMap` over words borrowed from the lexicon text
//! (entries are already folded), as patterns borrow it instead of owning
//! copies; the phrase and pattern indexes are bounded from the data
//! files' bytes (see [`super::lexicon`]), so no cue is ever left out.
//!
//! Every phrase knows its language: a scan finds the cues of all
//! languages, [`Matcher::language_of`] tells which language a text is in
//! (its common words and its cues), and [`only`] keeps the cues that
//! apply to it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::lexicon::{Family, Lang, Line, Section, files_for_matcher, lines};
use super::tokens::{Kind, Tokens};

/// One element of a compiled phrase.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    /// A whole word.
    Word(&'static str),
    /// A word starting with this (`crash*`).
    Prefix(&'static str),
    /// A punctuation mark.
    Mark(char),
}

/// A compiled cue: `len` patterns from `first` in [`Matcher::patterns`].
#[derive(Debug)]
struct Phrase {
    first: u16,
    len: u16,
    family: Family,
    lang: Lang,
    /// Whether the phrase negates itself (`doesn't work`, `ya no aparece`):
    /// then a negation before it does not turn it around.
    negated: bool,
    /// The next phrase (index + 1, 0 for none) with the same first word.
    next: u16,
}

/// Where a cue matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub(super) family: Family,
    /// The language of the cue.
    pub(super) lang: Lang,
    /// First token.
    pub(super) start: usize,
    /// One past the last token.
    pub(super) end: usize,
    /// Whether the phrase itself holds a negation.
    pub(super) negated: bool,
}

impl Hit {
    /// How many tokens it covers.
    pub(super) fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether `other` covers this hit and more.
    pub(super) fn is_inside(&self, other: &Self) -> bool {
        other.start <= self.start && self.end <= other.end && other.len() > self.len()
    }
}

/// What a word is in the lists: bits of [`Word::classes`].
const NEGATOR: u8 = 1;
const NEGATOR_AFTER: u8 = 2;
const CONDITIONAL: u8 = 4;
const FILLER: u8 = 8;

/// A word of the index: the classes it belongs to and the phrases that
/// start with it (a chain through [`Phrase::next`]).
#[derive(Debug, Default)]
struct Word {
    classes: u8,
    /// The languages it is a common word of ([`Lang::bit`]s).
    stopword_of: u8,
    /// First and last phrase (index + 1, 0 for none).
    head: u16,
    tail: u16,
}

/// The compiled cue lists.
pub(super) struct Matcher {
    patterns: Vec<Pattern>,
    phrases: Vec<Phrase>,
    /// Every word the lists name, borrowed from the lexicon text.
    words: BTreeMap<&'static str, Word>,
    /// Phrases (index + 1) whose first pattern is a prefix or a mark
    /// (checked at every token), in list order.
    unanchored: Vec<u16>,
}

/// The matcher, compiled on first use from the built-in lexicons and the
/// ones installed before (none can be after).
pub(super) fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(Matcher::compile)
}

impl Matcher {
    fn compile() -> Self {
        let files = files_for_matcher();
        // A pattern takes a byte at least.
        let patterns = files.iter().map(|file| file.text.len()).sum::<usize>();
        let mut matcher = Self {
            patterns: Vec::with_capacity(patterns),
            phrases: Vec::with_capacity(2048),
            words: BTreeMap::new(),
            unanchored: Vec::new(),
        };
        for file in &files {
            for line in lines(file.text) {
                let Line::Entry(Some(section), entry) = line else {
                    continue;
                };
                let class = match section {
                    Section::Negators => NEGATOR,
                    Section::NegatorsAfter => NEGATOR_AFTER,
                    Section::Conditionals => CONDITIONAL,
                    Section::Fillers => FILLER,
                    Section::Stopwords => {
                        matcher.word_mut(entry).stopword_of |= file.lang.bit();
                        continue;
                    }
                    Section::Cues(_) => continue,
                };
                matcher.word_mut(entry).classes |= class;
            }
        }
        for file in &files {
            for line in lines(file.text) {
                if let Line::Entry(Some(Section::Cues(family)), entry) = line {
                    matcher.add(family, file.lang, entry);
                }
            }
        }
        matcher
    }

    /// The entry of `word`, added if new.
    fn word_mut(&mut self, word: &'static str) -> &mut Word {
        self.words.entry(word).or_default()
    }

    /// The entry of `word`, if the lists know it.
    fn word(&self, word: &str) -> Option<&Word> {
        self.words.get(word)
    }

    /// Compiles `text` with the tokenizer texts go through, so a phrase
    /// splits exactly as the text it should match. Entries are folded, so
    /// a word's source text is its folded text.
    fn add(&mut self, family: Family, lang: Lang, text: &'static str) {
        let tokens = Tokens::new(text);
        let first = self.patterns.len();
        let mut negated = false;
        let mut index = 0;
        while index < tokens.len() {
            let star = tokens.mark(index + 1) == Some('*');
            let word = tokens.source(index, index + 1);
            let pattern = match tokens.mark(index) {
                None if star => Pattern::Prefix(word),
                None => Pattern::Word(word),
                Some(mark) => Pattern::Mark(mark),
            };
            self.patterns.push(pattern);
            index += if star { 2 } else { 1 };
        }
        for at in 0..tokens.len() {
            if tokens.word(at).is_some_and(|word| self.is_negator(word)) {
                negated = true;
            }
        }
        let (Ok(first_u16), Ok(len), Ok(id)) =
            (u16::try_from(first), u16::try_from(self.patterns.len() - first), u16::try_from(self.phrases.len() + 1))
        else {
            return;
        };
        let previous = match self.patterns.get(first) {
            Some(Pattern::Word(word)) => {
                let entry = self.word_mut(word);
                let tail = entry.tail;
                entry.tail = id;
                if entry.head == 0 {
                    entry.head = id;
                }
                tail
            }
            Some(Pattern::Prefix(_) | Pattern::Mark(_)) => {
                self.unanchored.push(id);
                0
            }
            None => return,
        };
        if let Some(phrase) = usize::from(previous).checked_sub(1).and_then(|at| self.phrases.get_mut(at)) {
            phrase.next = id;
        }
        self.phrases.push(Phrase { first: first_u16, len, family, lang, negated, next: 0 });
    }

    /// Every cue matching in `tokens`, in text order.
    pub(super) fn scan(&self, tokens: &Tokens<'_>) -> Vec<Hit> {
        let mut hits = Vec::with_capacity(16);
        for start in 0..tokens.len() {
            let mut id = tokens.word(start).and_then(|word| self.word(word)).map_or(0, |word| word.head);
            while let Some(phrase) = usize::from(id).checked_sub(1).and_then(|at| self.phrases.get(at)) {
                self.try_phrase(phrase, tokens, start, &mut hits);
                id = phrase.next;
            }
            for &id in &self.unanchored {
                if let Some(phrase) = usize::from(id).checked_sub(1).and_then(|at| self.phrases.get(at)) {
                    self.try_phrase(phrase, tokens, start, &mut hits);
                }
            }
        }
        hits
    }

    /// Adds a hit if `phrase` matches from token `start`.
    fn try_phrase(&self, phrase: &Phrase, tokens: &Tokens<'_>, start: usize, hits: &mut Vec<Hit>) {
        let first = usize::from(phrase.first);
        let Some(patterns) = self.patterns.get(first..first + usize::from(phrase.len)) else {
            return;
        };
        let mut at = start;
        for pattern in patterns {
            let matches = match *pattern {
                Pattern::Word(word) => tokens.word(at) == Some(word),
                Pattern::Prefix(prefix) => tokens.word(at).is_some_and(|word| word.starts_with(prefix)),
                Pattern::Mark(mark) => tokens.mark(at) == Some(mark),
            };
            if !matches {
                return;
            }
            at += 1;
        }
        hits.push(Hit { family: phrase.family, lang: phrase.lang, start, end: at, negated: phrase.negated });
    }

    /// How many patterns were compiled.
    #[cfg(test)]
    pub(super) fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// How many phrases were compiled.
    #[cfg(test)]
    pub(super) fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    /// The language `tokens` are written in, from its common words and the
    /// cues found in it (`hits`, of all languages): the one of the four
    /// read with the most, or `None` when none has any, two tie, or the
    /// common words of languages not read are as many.
    pub(super) fn language_of(&self, tokens: &Tokens<'_>, hits: &[Hit]) -> Option<Lang> {
        let mut scores = [0u32; 4];
        for index in 0..tokens.len() {
            let Some(bits) = tokens.word(index).and_then(|word| self.word(word)).map(|word| word.stopword_of) else {
                continue;
            };
            for (score, lang) in scores.iter_mut().zip(Lang::READ) {
                *score += u32::from(bits & lang.bit() != 0);
            }
        }
        let common_words = scores.iter().copied().max().unwrap_or_default();
        for hit in hits {
            if let Some(at) = Lang::READ.iter().position(|lang| *lang == hit.lang)
                && let Some(score) = scores.get_mut(at)
            {
                *score += 1;
            }
        }
        let best = scores.iter().copied().max().unwrap_or_default();
        // Words of the languages not read (`nao`, `het`, `grazie`) as many
        // as the common words of the best: no language read (Portuguese is
        // not Spanish, though `funciona` is a Spanish cue).
        let others = (0..tokens.len())
            .filter(|&index| {
                tokens
                    .word(index)
                    .and_then(|word| self.word(word))
                    .is_some_and(|word| word.stopword_of & Lang::Others.bit() != 0)
            })
            .count();
        if others > 0 && u32::try_from(others).unwrap_or(u32::MAX) >= common_words {
            return None;
        }
        let mut leaders = Lang::READ.iter().zip(scores).filter(|(_, score)| *score == best);
        match (best, leaders.next(), leaders.next()) {
            (1.., Some((lang, _)), None) => Some(*lang),
            _ => None,
        }
    }

    /// Whether `word` is in the lists of `class`.
    fn is(&self, word: &str, class: u8) -> bool {
        self.word(word).is_some_and(|word| word.classes & class != 0)
    }

    /// Whether `word` negates what follows (`not`, `nicht`, `pas`, `no`).
    pub(super) fn is_negator(&self, word: &str) -> bool {
        self.is(word, NEGATOR)
    }

    /// Whether `word` negates what comes before it (`funktioniert nicht`).
    pub(super) fn is_negator_after(&self, word: &str) -> bool {
        self.is(word, NEGATOR_AFTER)
    }

    /// Whether `word` makes its clause a condition (`if`, `falls`, `si`).
    pub(super) fn is_conditional(&self, word: &str) -> bool {
        self.is(word, CONDITIONAL)
    }

    /// Whether `word` may come before a question opener (`and`, `also`).
    pub(super) fn is_filler(&self, word: &str) -> bool {
        self.is(word, FILLER)
    }
}

/// The hits whose cues apply to a text in `lang`: that language's and the
/// neutral ones; for a text in no language read, the neutral ones and the
/// machine wording of other languages.
pub(super) fn only(hits: Vec<Hit>, lang: Option<Lang>) -> Vec<Hit> {
    let allowed = match lang {
        Some(lang) => lang.bit() | Lang::Neutral.bit(),
        None => Lang::Neutral.bit() | Lang::Others.bit(),
    };
    let mut hits = hits;
    hits.retain(|hit| hit.lang.bit() & allowed != 0);
    hits
}

/// Whether token `index` is a word (not a mark).
pub(super) fn is_word(tokens: &Tokens<'_>, index: usize) -> bool {
    tokens.get(index).is_some_and(|token| token.kind == Kind::Word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families(text: &str) -> Vec<(Family, String)> {
        let tokens = Tokens::new(text);
        matcher().scan(&tokens).iter().map(|hit| (hit.family, tokens.source(hit.start, hit.end).to_owned())).collect()
    }

    #[test]
    fn phrases_match_whole_folded_words() {
        assert!(families("Ça marche !").contains(&(Family::Solved, "Ça marche".to_owned())));
        assert!(families("The issue is FIXED.").contains(&(Family::Solved, "FIXED".to_owned())));
        assert!(!families("prefixed").iter().any(|(family, _)| *family == Family::Solved));
        assert!(families("It keeps crashing").contains(&(Family::Unsolved, "crashing".to_owned())));
        assert!(families("L'erreur n'apparaît plus").contains(&(Family::Solved, "n'apparaît plus".to_owned())));
    }

    #[test]
    fn marks_are_part_of_phrases() {
        assert!(
            families("Delivery Status Notification (Failure)")
                .contains(&(Family::BounceSubject, "Delivery Status Notification (Failure)".to_owned()))
        );
        assert!(families("AUTO: Kim is out").contains(&(Family::AutoSubjectStart, "AUTO:".to_owned())));
        assert!(!families("Auto insurance").iter().any(|(family, _)| *family == Family::AutoSubjectStart));
    }

    #[test]
    fn negated_phrases_are_known() {
        let tokens = Tokens::new("doesn't work");
        let hits = matcher().scan(&tokens);
        assert!(hits.iter().any(|hit| hit.family == Family::Unsolved && hit.negated));
        assert!(matcher().is_negator("nicht"));
        assert!(matcher().is_negator_after("pas"));
        assert!(!matcher().is_negator_after("not"));
    }
}
