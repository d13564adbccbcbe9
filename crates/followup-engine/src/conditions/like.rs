//! SQL `LIKE` patterns as Dataverse reads them: `%` is any text, `_` is one
//! character, `[abc]`, `[a-f]` and `[^abc]` are character sets. Matching is
//! without regard to case.

/// One piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// `%`: any run of characters, possibly empty.
    AnyRun,
    /// `_`: exactly one character.
    AnyOne,
    /// A literal character (already folded).
    Literal(char),
    /// `[...]`: one character from (or, negated, not from) the ranges.
    Set { negated: bool, ranges: Vec<(char, char)> },
}

/// A compiled `LIKE` pattern. The common shapes (`abc`, `abc%`, `%abc`,
/// `%abc%`) match with plain string searches; the rest run the general
/// matcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikePattern {
    shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    Exact(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
    General(Vec<Token>),
}

impl LikePattern {
    /// Compiles a pattern. An unclosed `[` is read as a literal `[`.
    #[must_use]
    pub fn new(pattern: &str) -> Self {
        let folded: Vec<char> = crate::text::fold(pattern).chars().collect();
        let mut tokens = Vec::new();
        let mut index = 0;
        while let Some(&ch) = folded.get(index) {
            index += 1;
            match ch {
                '%' => {
                    if tokens.last() != Some(&Token::AnyRun) {
                        tokens.push(Token::AnyRun);
                    }
                }
                '_' => tokens.push(Token::AnyOne),
                '[' => match parse_set(&folded, index) {
                    Some((token, next)) => {
                        tokens.push(token);
                        index = next;
                    }
                    None => tokens.push(Token::Literal('[')),
                },
                other => tokens.push(Token::Literal(other)),
            }
        }
        Self { shape: shape_of(tokens) }
    }

    /// Whether `folded` (text already folded for comparison without regard to case)
    /// matches the whole pattern.
    #[must_use]
    pub fn matches_folded(&self, folded: &str) -> bool {
        match &self.shape {
            Shape::Exact(literal) => folded == literal,
            Shape::Prefix(literal) => folded.starts_with(literal.as_str()),
            Shape::Suffix(literal) => folded.ends_with(literal.as_str()),
            Shape::Contains(literal) => folded.contains(literal.as_str()),
            Shape::General(tokens) => general_match(tokens, folded),
        }
    }
}

/// Picks the plain-search shape for literal-only patterns.
fn shape_of(tokens: Vec<Token>) -> Shape {
    let starts_open = tokens.first() == Some(&Token::AnyRun);
    let ends_open = tokens.len() > 1 && tokens.last() == Some(&Token::AnyRun);
    let inner =
        tokens.get(usize::from(starts_open)..tokens.len().saturating_sub(usize::from(ends_open))).unwrap_or(&[]);
    let literal: Option<String> = inner
        .iter()
        .map(|token| match token {
            Token::Literal(ch) => Some(*ch),
            _ => None,
        })
        .collect();
    match (literal, starts_open, ends_open) {
        (Some(literal), false, false) => Shape::Exact(literal),
        (Some(literal), false, true) => Shape::Prefix(literal),
        (Some(literal), true, false) => Shape::Suffix(literal),
        (Some(literal), true, true) => Shape::Contains(literal),
        (None, _, _) => Shape::General(tokens),
    }
}

fn general_match(tokens: &[Token], folded: &str) -> bool {
    let text: Vec<char> = folded.chars().collect();
    // Greedy matching with one backtrack point per `%`: linear in the
    // common cases and never exponential.
    let (mut t, mut p) = (0usize, 0usize);
    let mut backtrack: Option<(usize, usize)> = None;
    loop {
        match (tokens.get(p), text.get(t)) {
            (Some(Token::AnyRun), _) => {
                p += 1;
                backtrack = Some((p, t));
            }
            (Some(token), Some(&ch)) if token_matches(token, ch) => {
                p += 1;
                t += 1;
            }
            (None, None) => return true,
            _ => match backtrack {
                Some((bp, bt)) if bt < text.len() => {
                    p = bp;
                    t = bt + 1;
                    backtrack = Some((bp, bt + 1));
                }
                _ => return false,
            },
        }
    }
}

fn token_matches(token: &Token, ch: char) -> bool {
    match token {
        Token::AnyRun | Token::AnyOne => true,
        Token::Literal(literal) => *literal == ch,
        Token::Set { negated, ranges } => ranges.iter().any(|(low, high)| (*low..=*high).contains(&ch)) != *negated,
    }
}

fn parse_set(chars: &[char], start: usize) -> Option<(Token, usize)> {
    let mut index = start;
    let negated = chars.get(index) == Some(&'^');
    if negated {
        index += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let ch = *chars.get(index)?;
        if ch == ']' && !first {
            return Some((Token::Set { negated, ranges }, index + 1));
        }
        first = false;
        if chars.get(index + 1) == Some(&'-') {
            if let Some(&high) = chars.get(index + 2) {
                if high != ']' {
                    ranges.push((ch.min(high), ch.max(high)));
                    index += 3;
                    continue;
                }
            }
        }
        ranges.push((ch, ch));
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like(pattern: &str, text: &str) -> bool {
        LikePattern::new(pattern).matches_folded(&crate::text::fold(text))
    }

    #[test]
    fn wildcards() {
        assert!(like("%coffee%", "Contoso Coffee machine"));
        assert!(like("contoso%", "CONTOSO coffee"));
        assert!(!like("contoso%", "The Contoso"));
        assert!(like("%", ""));
        assert!(like("c_t", "cat"));
        assert!(!like("c_t", "cart"));
        assert!(like("%a%b%c%", "xxaxxbxxcxx"));
        assert!(!like("%a%b%c%", "xxcxxbxxaxx"));
        assert!(like("a%%b", "ab"));
        assert!(like("", ""));
        assert!(!like("", "x"));
    }

    #[test]
    fn sets_and_ranges() {
        assert!(like("CAS-[0-9]%", "CAS-01234"));
        assert!(!like("CAS-[0-9]%", "CAS-X1234"));
        assert!(like("[^x]%", "abc"));
        assert!(!like("[^x]%", "xbc"));
        assert!(like("[]]", "]"));
        assert!(like("a[", "a["));
        assert!(like("[a-]", "-"));
    }

    #[test]
    fn unicode_without_regard_to_case() {
        assert!(like("%ÉCLAIR%", "un éclair"));
        assert!(like("_", "é"));
    }

    #[test]
    fn pathological_patterns_stay_fast() {
        let text = "a".repeat(5_000);
        assert!(!like(&format!("{}b", "%a".repeat(50)), &text));
    }
}
