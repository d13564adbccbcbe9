//! How a browser reads a URL attribute: its character references decoded,
//! and its scheme once tabs and line breaks are removed.

use super::ALLOWED_SCHEMES;

/// What a URL's scheme is.
pub(super) enum Scheme {
    /// One of [`super::ALLOWED_SCHEMES`].
    Allowed,
    /// Another scheme.
    Refused(String),
    /// No scheme yet: a relative URL, or text a placeholder continues.
    Open,
}

/// The scheme of a URL as a browser reads it: tabs and line breaks removed
/// anywhere, controls and spaces trimmed from the start.
pub(super) fn url_scheme(url: &str) -> Scheme {
    let cleaned: String = url.chars().filter(|ch| !matches!(ch, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_start_matches(|ch: char| ch <= ' ');
    let Some(colon) = cleaned.find(':') else {
        return Scheme::Open;
    };
    let before = cleaned.get(..colon).unwrap_or_default();
    if before.contains(['/', '?', '#']) {
        return Scheme::Open;
    }
    let scheme = before.to_ascii_lowercase();
    if ALLOWED_SCHEMES.contains(&scheme.as_str()) { Scheme::Allowed } else { Scheme::Refused(scheme) }
}

/// Named references decoded in attribute values; any other named reference
/// is refused there.
const NAMED_REFERENCES: [(&str, char); 12] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{00A0}'),
    ("colon", ':'),
    ("tab", '\t'),
    ("newline", '\n'),
    ("sol", '/'),
    ("period", '.'),
    ("num", '#'),
];

/// An attribute value with its character references decoded; `None` if it
/// holds a named reference not in [`NAMED_REFERENCES`].
pub(super) fn decode_references(raw: &str) -> Option<String> {
    let mut decoded = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        if let Some(number) = after.strip_prefix('#') {
            let (hex, digits_from) = match number.strip_prefix(['x', 'X']) {
                Some(hex) => (true, hex),
                None => (false, number),
            };
            let digits =
                digits_from.chars().take_while(|ch| if hex { ch.is_ascii_hexdigit() } else { ch.is_ascii_digit() });
            let digits: String = digits.collect();
            let value = u32::from_str_radix(&digits, if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
            decoded.push(char::from_u32(value).filter(|ch| *ch != '\0').unwrap_or('\u{FFFD}'));
            let consumed = number.len() - digits_from.len() + digits.len();
            let tail = number.get(consumed..).unwrap_or_default();
            rest = tail.strip_prefix(';').unwrap_or(tail);
            continue;
        }
        let name_len = after.chars().take_while(char::is_ascii_alphanumeric).count();
        if name_len == 0 {
            decoded.push('&');
            rest = after;
            continue;
        }
        let name = after.get(..name_len).unwrap_or_default().to_ascii_lowercase();
        let (_, ch) = NAMED_REFERENCES.iter().find(|(known, _)| *known == name)?;
        decoded.push(*ch);
        let tail = after.get(name_len..).unwrap_or_default();
        rest = tail.strip_prefix(';').unwrap_or(tail);
    }
    decoded.push_str(rest);
    Some(decoded)
}
