//! Repairing lone UTF-16 surrogates in JSON text from `JSON.stringify`.
//!
//! A JS string may hold half of a surrogate pair (a truncated emoji, text
//! cut at a UTF-16 index). `JSON.stringify` writes it as an escape such as
//! `\ud83d`, which is not Unicode text, and `serde_json` rightly refuses
//! it, which would refuse the whole case for one broken character. Such
//! escapes become `\ufffd` (the replacement character `�`), as a browser
//! does when it encodes the string as UTF-8.

/// `text` with every lone surrogate escape replaced by `\ufffd`, or `None`
/// when it has none (the caller then keeps its first error).
#[must_use]
pub fn repair(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut repaired = String::with_capacity(text.len());
    let mut copied = 0;
    let mut changed = false;
    let mut at = 0;
    while let Some(offset) = bytes.get(at..).and_then(|rest| rest.iter().position(|&byte| byte == b'\\')) {
        let escape = at + offset;
        match surrogate_at(bytes, escape) {
            Some(0xd800..=0xdbff) if surrogate_at(bytes, escape + 6).is_some_and(is_low) => at = escape + 12,
            Some(_) => {
                repaired.push_str(text.get(copied..escape)?);
                repaired.push_str("\\ufffd");
                copied = escape + 6;
                changed = true;
                at = escape + 6;
            }
            // Any other escape: skip the backslash and the character it
            // escapes, so `\\ud800` (a backslash, then text) stays as it is.
            None => at = escape + 2,
        }
    }
    if !changed {
        return None;
    }
    repaired.push_str(text.get(copied..)?);
    Some(repaired)
}

/// The surrogate code unit escaped at `at` (`\udXXX`), if there is one.
fn surrogate_at(bytes: &[u8], at: usize) -> Option<u16> {
    let escape = bytes.get(at..at + 6)?;
    let (prefix, digits) = escape.split_at(2);
    if prefix != b"\\u" {
        return None;
    }
    let digits = std::str::from_utf8(digits).ok()?;
    let unit = u16::from_str_radix(digits, 16).ok()?;
    (0xd800..=0xdfff).contains(&unit).then_some(unit)
}

fn is_low(unit: u16) -> bool {
    (0xdc00..=0xdfff).contains(&unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> String {
        let repaired = repair(text).unwrap_or_else(|| text.to_owned());
        serde_json::from_str::<String>(&repaired).unwrap_or_else(|error| format!("refused: {error}"))
    }

    #[test]
    fn lone_halves_become_replacement_characters() {
        assert_eq!(parsed(r#""a\ud800b""#), "a\u{fffd}b");
        assert_eq!(parsed(r#""\udfff""#), "\u{fffd}");
        assert_eq!(parsed(r#""thanks \ud83d it works""#), "thanks \u{fffd} it works");
        assert_eq!(parsed(r#""end \ud83d""#), "end \u{fffd}");
        assert_eq!(parsed(r#""\ud83d\ud83d\ude00""#), "\u{fffd}\u{1f600}");
        assert_eq!(parsed(r#""\ude00\ud83d""#), "\u{fffd}\u{fffd}");
    }

    #[test]
    fn pairs_and_other_escapes_are_left_alone() {
        assert_eq!(repair(r#""\ud83d\ude00 ok""#), None);
        assert_eq!(repair(r#""\\ud800 is text""#), None);
        assert_eq!(repair(r#""a \" \\ \n \u00e9""#), None);
        assert_eq!(repair(r#""\\\ud800""#).as_deref(), Some(r#""\\\ufffd""#));
        assert_eq!(repair("plain"), None);
        assert_eq!(repair("\\"), None);
        assert_eq!(repair("\\ud8"), None);
    }
}
