//! Folded words and punctuation of a text, with where each came from, so
//! cues match folded text (`ca marche` matches `Ça marche`) but are shown
//! as the customer wrote them.
//!
//! Words are runs of letters and digits. An apostrophe inside a word stays
//! in it (`doesn't`), except after a French elision (`n'`, `l'`, `qu'`),
//! which is a word of its own, so `n'apparaît` reads as `n'` `apparait`.
//! A hyphen between letters separates words (`pouvez-vous`, `e-mail`).

use crate::mail::fold::{fold_mark, push_folded};

/// French (and Italian) elided words that end at their apostrophe.
const ELISIONS: [&str; 14] =
    ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Boundary {
    /// Only spaces (or nothing).
    None,
    /// A comma, dash or bracket: a new clause.
    Clause,
    /// The start of the text or of a line, or `.`, `!`, `?`, `;`, `:`: a new
    /// sentence.
    Sentence,
}

/// A word or a punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    /// A punctuation mark, folded (`’` is `'`). A `?` that does not end a
    /// question (`?p=1` in an address) is `#`.
    Mark(char),
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) kind: Kind,
    /// Bytes of the folded text.
    folded_start: usize,
    folded_end: usize,
    /// Bytes of the source text.
    pub(super) source_start: usize,
    pub(super) source_end: usize,
    /// What separates it from the token before.
    pub(super) boundary: Boundary,
    /// Sentence number (from 0).
    sentence: u32,
    /// Clause number (from 0; clauses never span sentences).
    clause: u32,
}

/// The tokens of one text.
pub(super) struct Tokens<'a> {
    source: &'a str,
    folded: String,
    list: Vec<Token>,
}

impl<'a> Tokens<'a> {
    /// Splits `source` into folded tokens (one pass, two allocations).
    pub(super) fn new(source: &'a str) -> Self {
        let mut builder = Builder {
            source,
            folded: String::with_capacity(source.len() + source.len() / 4 + 8),
            tokens: Vec::with_capacity(source.len() / 4),
            word: None,
            pending: Boundary::Sentence,
            sentence: 0,
            clause: 0,
        };
        let mut chars = source.char_indices().peekable();
        while let Some((at, ch)) = chars.next() {
            let next = chars.peek().map(|&(_, next)| next);
            builder.feed(at, ch, next);
        }
        builder.end_word();
        Self { source, folded: builder.folded, list: builder.tokens }
    }

    /// How many tokens there are.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    /// The token at `index`.
    pub(super) fn get(&self, index: usize) -> Option<&Token> {
        self.list.get(index)
    }

    /// All tokens.
    #[cfg(test)]
    pub(super) fn iter(&self) -> impl Iterator<Item = &Token> {
        self.list.iter()
    }

    /// The folded text of the word at `index` (`None` for marks).
    pub(super) fn word(&self, index: usize) -> Option<&str> {
        let token = self.list.get(index)?;
        match token.kind {
            Kind::Word => self.folded.get(token.folded_start..token.folded_end),
            Kind::Mark(_) => None,
        }
    }

    /// The mark at `index` (`None` for words).
    pub(super) fn mark(&self, index: usize) -> Option<char> {
        match self.list.get(index)?.kind {
            Kind::Mark(mark) => Some(mark),
            Kind::Word => None,
        }
    }

    /// The source text of tokens `start..end`, as written.
    pub(super) fn source(&self, start: usize, end: usize) -> &'a str {
        let first = self.list.get(start);
        let last = end.checked_sub(1).and_then(|last| self.list.get(last));
        match (first, last) {
            (Some(first), Some(last)) if first.source_start <= last.source_end => {
                self.source.get(first.source_start..last.source_end).unwrap_or_default()
            }
            _ => "",
        }
    }

    /// Whether any word has a letter in it.
    pub(super) fn has_letters(&self) -> bool {
        for index in 0..self.list.len() {
            if self.word(index).is_some_and(|word| word.chars().any(char::is_alphabetic)) {
                return true;
            }
        }
        false
    }

    /// The sentence number of token `index` (from 0).
    pub(super) fn sentence_of(&self, index: usize) -> Option<u32> {
        self.list.get(index).map(|token| token.sentence)
    }

    /// The clause number of token `index` (from 0).
    pub(super) fn clause_of(&self, index: usize) -> Option<u32> {
        self.list.get(index).map(|token| token.clause)
    }
}

/// State while splitting.
struct Builder<'a> {
    source: &'a str,
    folded: String,
    tokens: Vec<Token>,
    /// The word being read: its folded start and source start.
    word: Option<(usize, usize)>,
    /// The boundary before the next token.
    pending: Boundary,
    /// Sentence and clause numbers of the last token.
    sentence: u32,
    clause: u32,
}

impl Builder<'_> {
    /// Reads the character `ch` at byte `at`; `next` is the one after it.
    fn feed(&mut self, at: usize, ch: char, next: Option<char>) {
        let end = at + ch.len_utf8();
        if ch.is_alphanumeric() || is_combining(ch) {
            if self.word.is_none() {
                self.word = Some((self.folded.len(), at));
            }
            push_folded(ch, &mut self.folded);
            self.extend_word(end);
            return;
        }
        let inside_word = self.word.is_some() && next.is_some_and(char::is_alphanumeric);
        if is_apostrophe(ch) && inside_word {
            self.folded.push('\'');
            self.extend_word(end);
            if self
                .current_word()
                .is_some_and(|word| ELISIONS.iter().any(|elision| word.strip_suffix('\'') == Some(elision)))
            {
                self.end_word();
            }
            return;
        }
        self.end_word();
        if is_hyphen(ch) && inside_word {
            return;
        }
        if ch == '\n' {
            self.pending = Boundary::Sentence;
        } else if !ch.is_whitespace() && !is_invisible(ch) {
            self.mark(at, end, ch, next);
        }
    }

    /// Adds a punctuation mark and sets the boundary after it.
    fn mark(&mut self, at: usize, end: usize, ch: char, next: Option<char>) {
        let mut mark = fold_mark(ch);
        if mark == '?' && next.is_some_and(|next| next.is_alphanumeric() || next == '=') {
            mark = '#';
        }
        let start = self.folded.len();
        self.folded.push(mark);
        self.push(Kind::Mark(mark), start, at, end);
        let after = match mark {
            '.' | '!' | '?' | ';' | ':' | '\u{2026}' => Boundary::Sentence,
            ',' | '-' | '\u{2013}' | '\u{2014}' | '(' | ')' | '[' | ']' | '\u{bf}' | '\u{a1}' | '|' => Boundary::Clause,
            _ => Boundary::None,
        };
        self.pending = self.pending.max(after);
    }

    /// Moves the end of the current word's source to `end`.
    fn extend_word(&mut self, end: usize) {
        if let Some((folded_start, source_start)) = self.word
            && let Some(last) = self.tokens.last_mut()
            && last.kind == Kind::Word
            && last.folded_start == folded_start
            && last.source_start == source_start
        {
            last.folded_end = self.folded.len();
            last.source_end = end;
            return;
        }
        if let Some((folded_start, source_start)) = self.word {
            self.push(Kind::Word, folded_start, source_start, end);
        }
    }

    /// The folded text of the word being read.
    fn current_word(&self) -> Option<&str> {
        let (start, _) = self.word?;
        self.folded.get(start..)
    }

    /// Ends the word being read, if any.
    fn end_word(&mut self) {
        if self.word.take().is_some() {
            self.folded.push(' ');
        }
    }

    /// Adds a token with the pending boundary.
    fn push(&mut self, kind: Kind, folded_start: usize, source_start: usize, source_end: usize) {
        let first = self.tokens.is_empty();
        let boundary = if first { Boundary::Sentence } else { self.pending };
        if !first && boundary == Boundary::Sentence {
            self.sentence += 1;
        }
        if !first && boundary >= Boundary::Clause {
            self.clause += 1;
        }
        self.tokens.push(Token {
            kind,
            folded_start,
            folded_end: self.folded.len(),
            source_start,
            source_end,
            boundary,
            sentence: self.sentence,
            clause: self.clause,
        });
        self.pending = Boundary::None;
        debug_assert!(self.source.len() >= source_end);
    }
}

fn is_apostrophe(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{b4}')
}

fn is_hyphen(ch: char) -> bool {
    matches!(ch, '-' | '\u{2010}' | '\u{2011}')
}

fn is_combining(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036f}')
}

fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let tokens = Tokens::new(text);
        (0..tokens.len())
            .map(|index| tokens.word(index).map_or_else(|| format!("<{}>", tokens.mark(index).unwrap()), str::to_owned))
            .collect()
    }

    #[test]
    fn words_are_folded_and_marks_kept() {
        assert_eq!(words("Ça ne MARCHE pas !"), ["ca", "ne", "marche", "pas", "<!>"]);
        assert_eq!(words("Grüße, Jörg"), ["gruesse", "<,>", "joerg"]);
    }

    #[test]
    fn apostrophes_elisions_and_hyphens() {
        assert_eq!(words("It doesn\u{2019}t work"), ["it", "doesn't", "work"]);
        assert_eq!(words("L'erreur n'apparaît plus"), ["l'", "erreur", "n'", "apparait", "plus"]);
        assert_eq!(words("Pouvez-vous, est-ce qu'il"), ["pouvez", "vous", "<,>", "est", "ce", "qu'", "il"]);
        assert_eq!(words("'quoted' - dash"), ["<'>", "quoted", "<'>", "<->", "dash"]);
    }

    #[test]
    fn question_marks_in_addresses_are_not_questions() {
        assert_eq!(
            words("see https://x.com/?p=1 ok?"),
            ["see", "https", "<:>", "</>", "</>", "x", "<.>", "com", "</>", "<#>", "p", "<=>", "1", "ok", "<?>"]
        );
    }

    #[test]
    fn boundaries_and_sources() {
        let tokens = Tokens::new("Thanks, but\nstill broken. Why");
        let boundaries: Vec<Boundary> = tokens.iter().map(|token| token.boundary).collect();
        assert_eq!(
            boundaries,
            [
                Boundary::Sentence,
                Boundary::None,
                Boundary::Clause,
                Boundary::Sentence,
                Boundary::None,
                Boundary::None,
                Boundary::Sentence
            ]
        );
        assert_eq!(tokens.source(3, 5), "still broken");
        assert_eq!(tokens.source(5, 3), "");
        assert_eq!(Tokens::new("Grüße").source(0, 1), "Grüße");
        assert!(!Tokens::new("... 42 !").has_letters());
    }
}
