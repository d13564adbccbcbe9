//! The cue lists compiled once into an index by first word, and matched
//! against a text's tokens: per text, one look-up per word plus a check
//! of the few phrases that start with it.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::lexicon::{Family, LANGUAGES, entries};
use super::tokens::{Kind, Tokens};

/// One element of a compiled phrase.
#[derive(Debug)]
enum Pattern {
    /// A whole word.
    Word(String),
    /// A word starting with this (`crash*`).
    Prefix(String),
    /// A punctuation mark.
    Mark(char),
}

impl Pattern {
    fn matches(&self, tokens: &Tokens<'_>, index: usize) -> bool {
        match self {
            Self::Word(word) => tokens.word(index) == Some(word.as_str()),
            Self::Prefix(prefix) => tokens.word(index).is_some_and(|word| word.starts_with(prefix.as_str())),
            Self::Mark(mark) => tokens.mark(index) == Some(*mark),
        }
    }
}

/// A compiled cue.
#[derive(Debug)]
struct Phrase {
    patterns: Vec<Pattern>,
    family: Family,
    /// Whether the phrase negates itself (`doesn't work`, `ya no aparece`):
    /// then a negation before it does not turn it around.
    negated: bool,
}

/// Where a cue matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub(super) family: Family,
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

/// FNV-1a: the index is looked up once per word of every message, with
/// short keys the engine chose itself, so the default DoS-resistant hash
/// would only cost time. (Written out here rather than taken from a crate:
/// the wasm size budget has no room for one more dependency.)
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Hash maps and sets keyed by words.
type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// The compiled cue lists.
pub(super) struct Matcher {
    phrases: Vec<Phrase>,
    /// Phrases by their first word.
    by_first: WordMap<Vec<usize>>,
    /// Phrases whose first pattern is a prefix (checked at every word).
    by_prefix: Vec<usize>,
    negators: WordSet,
    negators_after: WordSet,
    conditionals: WordSet,
    fillers: WordSet,
}

/// The matcher, compiled on first use.
pub(super) fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(Matcher::compile)
}

impl Matcher {
    fn compile() -> Self {
        let mut matcher = Self {
            phrases: Vec::new(),
            by_first: WordMap::default(),
            by_prefix: Vec::new(),
            negators: WordSet::default(),
            negators_after: WordSet::default(),
            conditionals: WordSet::default(),
            fillers: WordSet::default(),
        };
        for language in LANGUAGES {
            matcher.negators.extend(entries(language.negators));
            matcher.negators_after.extend(entries(language.negators_after));
            matcher.conditionals.extend(entries(language.conditionals));
            matcher.fillers.extend(entries(language.fillers));
        }
        for language in LANGUAGES {
            for (family, phrases) in language.cues {
                for text in entries(phrases) {
                    matcher.add(*family, text);
                }
            }
        }
        matcher
    }

    /// Compiles `text` with the tokenizer texts go through, so a phrase
    /// splits exactly as the text it should match.
    fn add(&mut self, family: Family, text: &str) {
        let tokens = Tokens::new(text);
        let mut patterns = Vec::with_capacity(tokens.len());
        let mut index = 0;
        while index < tokens.len() {
            let star = tokens.mark(index + 1) == Some('*');
            let pattern = match (tokens.word(index), tokens.mark(index)) {
                (Some(word), _) if star => Pattern::Prefix(word.to_owned()),
                (Some(word), _) => Pattern::Word(word.to_owned()),
                (None, Some(mark)) => Pattern::Mark(mark),
                (None, None) => break,
            };
            patterns.push(pattern);
            index += if star { 2 } else { 1 };
        }
        let negated = (0..tokens.len()).filter_map(|at| tokens.word(at)).any(|word| self.negators.contains(word));
        let id = self.phrases.len();
        match patterns.first() {
            Some(Pattern::Word(first)) => self.by_first.entry(first.clone()).or_default().push(id),
            Some(Pattern::Prefix(_) | Pattern::Mark(_)) => self.by_prefix.push(id),
            None => return,
        }
        self.phrases.push(Phrase { patterns, family, negated });
    }

    /// Every cue matching in `tokens`, in text order.
    pub(super) fn scan(&self, tokens: &Tokens<'_>) -> Vec<Hit> {
        let mut hits = Vec::with_capacity(16);
        for start in 0..tokens.len() {
            let exact =
                tokens.word(start).and_then(|word| self.by_first.get(word)).map(Vec::as_slice).unwrap_or_default();
            for &id in exact.iter().chain(&self.by_prefix) {
                let Some(phrase) = self.phrases.get(id) else {
                    continue;
                };
                if let Some(end) = Self::match_at(phrase, tokens, start) {
                    hits.push(Hit { family: phrase.family, start, end, negated: phrase.negated });
                }
            }
        }
        hits
    }

    /// Where `phrase` ends if it matches from token `start`.
    fn match_at(phrase: &Phrase, tokens: &Tokens<'_>, start: usize) -> Option<usize> {
        let mut at = start;
        for pattern in &phrase.patterns {
            if !pattern.matches(tokens, at) {
                return None;
            }
            at += 1;
        }
        Some(at)
    }

    /// Whether `word` negates what follows (`not`, `nicht`, `pas`, `no`).
    pub(super) fn is_negator(&self, word: &str) -> bool {
        self.negators.contains(word)
    }

    /// Whether `word` negates what comes before it (`funktioniert nicht`).
    pub(super) fn is_negator_after(&self, word: &str) -> bool {
        self.negators_after.contains(word)
    }

    /// Whether `word` makes its clause a condition (`if`, `falls`, `si`).
    pub(super) fn is_conditional(&self, word: &str) -> bool {
        self.conditionals.contains(word)
    }

    /// Whether `word` may come before a question opener (`and`, `also`).
    pub(super) fn is_filler(&self, word: &str) -> bool {
        self.fillers.contains(word)
    }
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
