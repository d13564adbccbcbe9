//! Folding text for matching: lowercase, accents dropped, German umlauts
//! and `ß` spelled out (`ü` → `ue`, `ß` → `ss`, as people type them on
//! keyboards without them), typographic apostrophes made plain.
//!
//! Cue lists are written in folded form, so `Grüße`, `GRÜSSE` and
//! `gruesse` all match `gruesse`, and `ça marche` matches `ca marche`.

/// Appends the folded form of `ch` to `out`.
#[inline]
pub(crate) fn push_folded(ch: char, out: &mut String) {
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    let lower = crate::text::lowercase::lower_char(ch);
    match fold_lower(lower) {
        Folded::Same => out.push(lower),
        Folded::One(replacement) => out.push(replacement),
        Folded::Two(first, second) => {
            out.push(first);
            out.push(second);
        }
        Folded::Drop => {}
    }
}

/// The folded form of a punctuation mark or any single character that
/// folds to one character (`’` → `'`); others come back as they are.
#[must_use]
pub(crate) fn fold_mark(ch: char) -> char {
    if ch.is_ascii() {
        return ch.to_ascii_lowercase();
    }
    match fold_lower(ch) {
        Folded::One(replacement) => replacement,
        Folded::Same | Folded::Two(..) | Folded::Drop => ch,
    }
}

/// Folds `text` into `out`, replacing what `out` held (to reuse one buffer
/// over many lines).
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    for ch in text.chars() {
        push_folded(ch, out);
    }
}

/// The folded form of `text` (see the module documentation).
#[must_use]
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        push_folded(ch, &mut out);
    }
    out
}

/// What a lowercase non-ASCII character folds to.
enum Folded {
    Same,
    One(char),
    Two(char, char),
    Drop,
}

/// Folds one lowercase non-ASCII character.
fn fold_lower(ch: char) -> Folded {
    match ch {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ą' => Folded::One('a'),
        'ä' | 'æ' => Folded::Two('a', 'e'),
        'ç' | 'ć' | 'č' => Folded::One('c'),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => Folded::One('e'),
        'ì' | 'í' | 'î' | 'ï' | 'ı' => Folded::One('i'),
        'ñ' | 'ń' | 'ň' => Folded::One('n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' => Folded::One('o'),
        'ö' | 'œ' => Folded::Two('o', 'e'),
        'ù' | 'ú' | 'û' | 'ū' | 'ů' => Folded::One('u'),
        'ü' => Folded::Two('u', 'e'),
        'ý' | 'ÿ' => Folded::One('y'),
        'ß' => Folded::Two('s', 's'),
        'ł' => Folded::One('l'),
        'š' | 'ś' => Folded::One('s'),
        'ž' | 'ź' | 'ż' => Folded::One('z'),
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{00b4}' | '`' => Folded::One('\''),
        '\u{00a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' => Folded::One(' '),
        // Zero-width characters, soft hyphens and combining diacritics
        // (decomposed text: `e` + U+0301).
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{00ad}' | '\u{0300}'..='\u{036f}' => Folded::Drop,
        _ => Folded::Same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_umlauts_and_apostrophes() {
        assert_eq!(fold("Ça ne MARCHE pas"), "ca ne marche pas");
        assert_eq!(fold("Grüße"), "gruesse");
        assert_eq!(fold("GRÜSSE"), "gruesse");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("escribió"), "escribio");
        assert_eq!(fold("doesn\u{2019}t"), "doesn't");
        assert_eq!(fold("e\u{301}crit"), "ecrit");
        assert_eq!(fold("a\u{a0}b"), "a b");
        assert_eq!(fold("日本"), "日本");
    }
}
