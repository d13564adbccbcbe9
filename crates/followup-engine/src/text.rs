//! Small text helpers shared by conditions, classification and drafting.

pub mod lowercase;

/// Lowercases for comparisons without regard to case, as Dataverse compares
/// text (ASCII fast path, Unicode otherwise; see [`lowercase`]).
#[must_use]
pub fn fold(text: &str) -> String {
    if text.is_ascii() { text.to_ascii_lowercase() } else { text.chars().map(lowercase::lower_char).collect() }
}

/// The longest start of `text` that is at most `max_bytes` long and ends
/// on a character boundary.
#[must_use]
pub fn prefix(text: &str, max_bytes: usize) -> &str {
    let mut end = max_bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// The words of `text` on one line, separated by single spaces: it is cut
/// at whitespace and wherever `breaks` says (pass `char::is_whitespace` for
/// whitespace alone), and the empty pieces are dropped.
#[must_use]
pub fn one_line(text: &str, breaks: fn(char) -> bool) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split(|ch: char| ch.is_whitespace() || breaks(ch)).filter(|word| !word.is_empty()) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// Characters that are never part of an address or a one-line name: line
/// and paragraph separators, NEL, bidi embeddings, overrides and isolates,
/// zero-width characters and the byte-order mark. They are invisible, or
/// reorder or break the text around them.
#[must_use]
pub fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{0085}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whether `ch` may not appear in one line of text shown to people: a
/// control character or one of [`is_invisible`]'s.
#[must_use]
pub fn breaks_line(ch: char) -> bool {
    ch.is_control() || is_invisible(ch)
}

/// Shortens user input quoted in a message so a huge value cannot flood it.
#[must_use]
pub fn clip(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    if text.len() <= MAX_CHARS || text.chars().count() <= MAX_CHARS {
        text.to_owned()
    } else {
        let mut clipped: String = text.chars().take(MAX_CHARS).collect();
        clipped.push('…');
        clipped
    }
}

/// `text` as it may be quoted in a message: clipped like
/// [`clip`], with line breaks, controls and bidi characters
/// written as escapes (`\r`, `\u{202e}`) so they cannot break or reorder
/// the message around it.
#[must_use]
pub fn visible(text: &str) -> String {
    let clipped = clip(text);
    if !clipped.contains(breaks_line) {
        return clipped;
    }
    let mut shown = String::with_capacity(clipped.len() + 8);
    for ch in clipped.chars() {
        if breaks_line(ch) {
            shown.extend(ch.escape_debug());
        } else {
            shown.push(ch);
        }
    }
    shown
}

/// FNV-1a (32 bits) of `text`: for tables of short keys the engine or the
/// config chose, where a DoS-resistant hash would only cost time, and for
/// short lists searched one hash after the other, where a collision costs
/// one more comparison of names.
#[must_use]
pub fn fnv1a(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    hash
}

/// Whether two texts are equal without regard to case.
#[must_use]
pub fn eq_fold(left: &str, right: &str) -> bool {
    left.eq_ignore_ascii_case(right) || (!(left.is_ascii() && right.is_ascii()) && fold(left) == fold(right))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_in_the_right_number() {
        assert_eq!(counted(1, "reply", "replies"), "1 reply was");
        assert_eq!(counted(0, "reply", "replies"), "0 replies were");
        assert_eq!(counted(2, "email", "emails"), "2 emails were");
    }

    use super::*;

    #[test]
    fn one_line_joins_the_words_with_single_spaces() {
        assert_eq!(one_line("  a\tb \r\n c\u{2003}d  ", char::is_whitespace), "a b c d");
        assert_eq!(one_line("a\u{200B}b|c", |ch| ch == '\u{200B}'), "a b|c");
        assert_eq!(one_line(" \n ", char::is_whitespace), "");
    }

    #[test]
    fn folding_handles_ascii_and_unicode() {
        assert_eq!(fold("Contoso COFFEE"), "contoso coffee");
        assert!(eq_fold("Straße", "STRASSE") == (fold("Straße") == fold("STRASSE")));
        assert!(eq_fold("ÉCLAIR", "éclair"));
        assert!(eq_fold("On Hold", "on hold"));
        assert!(!eq_fold("On Hold", "On Hol"));
    }

    #[test]
    fn prefixes_end_on_character_boundaries() {
        assert_eq!(prefix("Grüße", 3), "Gr");
        assert_eq!(prefix("Grüße", 4), "Grü");
        assert_eq!(prefix("Grüße", 100), "Grüße");
        assert_eq!(prefix("😀", 3), "");
        assert_eq!(prefix("", 0), "");
    }
}

/// A number as people read it: integers exactly, other values with up to
/// six decimals. (Written here so the wasm file carries neither
/// `serde_json`'s writer nor the float formatting tables for messages.)
#[must_use]
pub fn number_text(number: &serde_json::Number) -> String {
    if let Some(integer) = number.as_i64() {
        return integer.to_string();
    }
    if let Some(integer) = number.as_u64() {
        return integer.to_string();
    }
    float_text(number.as_f64().unwrap_or(f64::NAN))
}

/// A float as people read it: whole values exactly, others rounded to six
/// decimals with trailing zeros dropped.
#[must_use]
pub fn float_text(value: f64) -> String {
    const LIMIT: f64 = 9.0e15;
    if !value.is_finite() {
        return "NaN".to_owned();
    }
    if value.abs() >= LIMIT / 1e6 {
        if value.fract() == 0.0 && value.abs() < 9.0e18 {
            // Whole and within `i64`: the conversion is exact.
            #[expect(clippy::cast_possible_truncation, reason = "whole and within i64, checked above")]
            return (value as i64).to_string();
        }
        return if value < 0.0 { "a very large negative number" } else { "a very large number" }.to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let scaled = (value.abs() * 1e6).round();
    // In range: bounded by LIMIT just above, and never negative.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "bounded and non-negative, checked above"
    )]
    let scaled = scaled as u64;
    let (whole, fraction) = (scaled / 1_000_000, scaled % 1_000_000);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:06}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// A JSON value, short, for messages: scalars as written, arrays and
/// objects elided.
#[must_use]
pub fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_owned(),
        serde_json::Value::Bool(flag) => flag.to_string(),
        serde_json::Value::Number(number) => number_text(number),
        serde_json::Value::String(text) => format!("\"{text}\""),
        serde_json::Value::Array(_) => "[…]".to_owned(),
        serde_json::Value::Object(_) => "{…}".to_owned(),
    }
}

/// A count with its noun and verb in the right number: `counted(1, "reply",
/// "replies")` is `1 reply was`, `counted(3, ...)` is `3 replies were`.
#[must_use]
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 { format!("1 {one} was") } else { format!("{count} {many} were") }
}

/// Reads a plain decimal (`42`, `-3.5`, `+0.25`); no exponents, at most 15
/// significant digits. Field values and durations are written this way.
#[must_use]
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    if digits.ends_with('.') && fraction.is_empty() && whole.is_empty() {
        return None;
    }
    let significant = whole.trim_start_matches('0').len() + fraction.len();
    if significant > 15 {
        return None;
    }
    let mut mantissa: u64 = 0;
    for byte in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(byte - b'0'))?;
    }
    // Exact: at most 15 digits fit a float's mantissa.
    #[expect(clippy::cast_precision_loss, reason = "at most 15 significant digits, exact in an f64")]
    let value = mantissa as f64 / 10f64.powi(i32::try_from(fraction.len()).ok()?);
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod number_tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_read_and_write_plainly() {
        assert_eq!(number_text(&serde_json::Number::from(42)), "42");
        assert_eq!(float_text(4.5), "4.5");
        assert_eq!(float_text(-0.125), "-0.125");
        assert_eq!(float_text(1.0 / 3.0), "0.333333");
        assert_eq!(float_text(3.0), "3");
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(1.0e300), "a very large number");
        assert_eq!(float_text(8.64e15), "8640000000000000");
        assert_eq!(float_text(-8.64e15), "-8640000000000000");
        assert_eq!(json_text(&json!([1, 2])), "[…]");
        assert_eq!(json_text(&json!("x")), "\"x\"");
        assert_eq!(json_text(&json!(2.5)), "2.5");
        assert_eq!(parse_decimal("42"), Some(42.0));
        assert_eq!(parse_decimal("-3.5"), Some(-3.5));
        assert_eq!(parse_decimal("+0.25"), Some(0.25));
        assert_eq!(parse_decimal(".5"), Some(0.5));
        assert_eq!(parse_decimal("5."), Some(5.0));
        for bad in ["", "-", ".", "1e5", "1.2.3", "abc", " 1", "1234567890123456"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
