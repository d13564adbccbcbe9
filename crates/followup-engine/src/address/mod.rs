//! Email addresses: every recipient and sender the engine reads or writes is
//! an [`EmailAddress`], checked once where it enters. A display name
//! (`Alex Wu <alex@fabrikam.com>`) is kept apart in a [`Mailbox`], so no
//! text that is not an address can reach a `To` or `Cc` header. Addresses
//! are compared [`normalize`]d (bare and lowercased), and mail from the
//! organisation is told apart by its [`OwnAddresses`].
//!
//! The grammar is the dot-atom form of RFC 5322's addr-spec, with UTF-8
//! allowed as RFC 6532 does: `local@domain`, the local part atoms of
//! `atext` joined by single dots, the domain two or more labels of letters,
//! digits and inner hyphens. Hand-written rather than the `email_address`
//! crate, which also accepts quoted local parts and domain literals: those
//! carry spaces, `;` and `,` that Dataverse's `;`-separated recipient lists
//! cannot hold, and no customer address needs them.

mod compare;

use std::fmt;

use serde::Serialize;

pub use crate::text::{breaks_line, is_invisible};
pub(crate) use compare::check_own_entry;
pub use compare::{OwnAddresses, normalize, normalizes_to};

/// Longest address accepted, in bytes (RFC 5321's path limit less `<>`).
pub const MAX_ADDRESS_BYTES: usize = 254;
/// Longest local part, in bytes.
pub const MAX_LOCAL_BYTES: usize = 64;
/// Longest domain label, in bytes.
pub const MAX_LABEL_BYTES: usize = 63;
/// Longest display name accepted, in characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 256;

/// A checked email address (an RFC 5322 addr-spec in its dot-atom form).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

/// A display name and its address, as a `From` header carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The display name, if the text gave one (`Alex Wu`).
    pub name: Option<String>,
    /// The address.
    pub address: EmailAddress,
}

/// Why a text is not an email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressError {
    /// The text is empty.
    Empty,
    /// The text holds a character no address may hold (a line break, a
    /// control or bidi character, a space, `;`, `,`, `<`, `"`).
    Character(char),
    /// There is no `@`, or more than one.
    NoSingleAt,
    /// The part before the `@` is empty, too long, or has empty atoms.
    LocalPart,
    /// The part after the `@` is not a domain name of two or more labels.
    Domain,
    /// The address is longer than 254 bytes.
    TooLong,
    /// A display name is not one line, or `<` `>` are unbalanced.
    DisplayName,
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("it is empty"),
            Self::Character(ch) if ch.is_control() || is_invisible(*ch) => {
                write!(f, "it holds the character U+{:04X}", u32::from(*ch))
            }
            Self::Character(ch) => write!(f, "it holds `{ch}`"),
            Self::NoSingleAt => f.write_str("an address has exactly one `@`"),
            Self::LocalPart => f.write_str("the part before the `@` is not a mailbox name"),
            Self::Domain => f.write_str("the part after the `@` is not a domain name such as `contoso.com`"),
            Self::TooLong => write!(f, "it is longer than {MAX_ADDRESS_BYTES} bytes"),
            Self::DisplayName => f.write_str("write one address, or `Name <address>` on one line"),
        }
    }
}

/// RFC 5322 `atext`, with any other non-ASCII character allowed (RFC 6532).
fn is_atext(ch: char) -> bool {
    // ASCII punctuation but RFC 5322's specials: a test, not a search of a
    // string of the allowed characters for every character (which showed in
    // the profile of `host-sim replay`).
    if ch.is_ascii() {
        ch.is_ascii_alphanumeric()
            || (ch.is_ascii_punctuation()
                && !matches!(ch, '"' | '(' | ')' | ',' | '.' | ':' | ';' | '<' | '>' | '@' | '[' | '\\' | ']'))
    } else {
        !breaks_line(ch)
    }
}

fn check_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL_BYTES
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || (!ch.is_ascii() && ch.is_alphanumeric()))
}

impl EmailAddress {
    /// Checks `text` (surrounding spaces ignored) as an address.
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        let text = text.trim_matches(|ch: char| ch == ' ' || ch == '\t');
        if text.is_empty() {
            return Err(AddressError::Empty);
        }
        if let Some(bad) = text.chars().find(|ch| *ch != '@' && *ch != '.' && !is_atext(*ch)) {
            return Err(AddressError::Character(bad));
        }
        if text.len() > MAX_ADDRESS_BYTES {
            return Err(AddressError::TooLong);
        }
        let mut parts = text.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(AddressError::NoSingleAt);
        };
        if local.is_empty() || local.len() > MAX_LOCAL_BYTES || local.split('.').any(str::is_empty) {
            return Err(AddressError::LocalPart);
        }
        if !domain.contains('.') || !domain.split('.').all(check_label) {
            return Err(AddressError::Domain);
        }
        Ok(Self(text.to_owned()))
    }

    /// The address as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether two addresses name the same mailbox as mail systems match
    /// them in practice: letters compared without case.
    #[must_use]
    pub fn same_mailbox(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other.trim())
    }
}

impl std::ops::Deref for EmailAddress {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for EmailAddress {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for EmailAddress {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for EmailAddress {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl From<EmailAddress> for String {
    fn from(address: EmailAddress) -> Self {
        address.0
    }
}

/// Checks a display name: one line, no control or bidi characters, not too
/// long. Surrounding spaces and one pair of double quotes are removed.
pub fn check_display_name(text: &str) -> Result<Option<String>, AddressError> {
    let trimmed = text.trim();
    let unquoted = trimmed.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')).unwrap_or(trimmed).trim();
    if let Some(bad) = unquoted.chars().find(|ch| breaks_line(*ch)) {
        return Err(AddressError::Character(bad));
    }
    if unquoted.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(AddressError::DisplayName);
    }
    Ok(Some(unquoted.to_owned()).filter(|name| !name.is_empty()))
}

impl Mailbox {
    /// Reads `alex@fabrikam.com`, `<alex@fabrikam.com>` or
    /// `Alex Wu <alex@fabrikam.com>` (the name may be in double quotes).
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        let text = text.trim();
        let Some(open) = text.rfind('<') else {
            if text.contains('>') {
                return Err(AddressError::DisplayName);
            }
            return EmailAddress::parse(text).map(|address| Self { name: None, address });
        };
        let name = text.get(..open).unwrap_or_default();
        let inner = text.get(open + 1..).unwrap_or_default();
        let Some(address) = inner.strip_suffix('>') else {
            return Err(AddressError::DisplayName);
        };
        if name.contains(['<', '>']) {
            return Err(AddressError::DisplayName);
        }
        let address = EmailAddress::parse(address)?;
        Ok(Self { name: check_display_name(name)?, address })
    }
}

/// Splits a recipient list (`a@x.com; Wu, Alex <b@y.com>`) on `;` and `,`
/// outside double quotes and angle brackets. Empty entries are skipped.
#[must_use]
pub fn split_list(text: &str) -> Vec<&str> {
    let mut entries = Vec::new();
    let (mut quoted, mut angle, mut start) = (false, false, 0);
    for (index, ch) in text.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ';' | ',' if !quoted && !angle => {
                entries.push(text.get(start..index).unwrap_or_default());
                start = index + 1;
            }
            _ => {}
        }
    }
    entries.push(text.get(start..).unwrap_or_default());
    entries.into_iter().map(str::trim).filter(|entry| !entry.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atext_is_rfc_5322_atext() {
        for ch in (0..=0x7f_u8).map(char::from) {
            let atext = ch.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(ch);
            assert_eq!(is_atext(ch), atext, "{ch:?}");
        }
        assert!(is_atext('ö') && !is_atext('\u{2028}') && !is_atext('\u{202e}'));
    }

    #[test]
    fn addresses_in_dot_atom_form_are_accepted() {
        for text in ["alex@fabrikam.com", " a.b+tag@mail.contoso.co.uk ", "o'brien@x.ie", "jörg@müller.de", "x@a-b.io"]
        {
            assert_eq!(EmailAddress::parse(text).unwrap().as_str(), text.trim(), "{text}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_reason() {
        let cases = [
            ("", AddressError::Empty),
            ("alex@fabrikam.com\r\nBcc: attacker@evil.test", AddressError::Character('\r')),
            ("alex@fabrikam.com,eve@evil.test", AddressError::Character(',')),
            ("alex@fabrikam.com;eve@evil.test", AddressError::Character(';')),
            ("alex@fabrikam.com\0", AddressError::Character('\0')),
            ("alex\u{2028}@fabrikam.com", AddressError::Character('\u{2028}')),
            ("alex@fabrikam\u{202E}moc.com", AddressError::Character('\u{202E}')),
            ("alex @fabrikam.com", AddressError::Character(' ')),
            ("\"a b\"@fabrikam.com", AddressError::Character('"')),
            ("alex@[10.0.0.1]", AddressError::Character('[')),
            ("alex", AddressError::NoSingleAt),
            ("a@b@c.com", AddressError::NoSingleAt),
            ("@fabrikam.com", AddressError::LocalPart),
            ("a..b@fabrikam.com", AddressError::LocalPart),
            (".a@fabrikam.com", AddressError::LocalPart),
            ("alex@localhost", AddressError::Domain),
            ("alex@-x.com", AddressError::Domain),
            ("alex@x..com", AddressError::Domain),
            ("alex@x_y.com", AddressError::Domain),
        ];
        for (text, error) in cases {
            assert_eq!(EmailAddress::parse(text), Err(error), "{text:?}");
        }
        assert_eq!(EmailAddress::parse(&format!("{}@x.com", "a".repeat(65))), Err(AddressError::LocalPart));
        assert_eq!(EmailAddress::parse(&format!("a@{}.com", "b".repeat(250))), Err(AddressError::TooLong));
    }

    #[test]
    fn mailboxes_keep_the_name_apart() {
        let mailbox = Mailbox::parse("\"Wu, Alex\" <alex@fabrikam.com>").unwrap();
        assert_eq!(mailbox.name.as_deref(), Some("Wu, Alex"));
        assert_eq!(mailbox.address, "alex@fabrikam.com");
        assert_eq!(Mailbox::parse("<alex@fabrikam.com>").unwrap().name, None);
        assert_eq!(Mailbox::parse("alex@fabrikam.com").unwrap().name, None);
        assert_eq!(Mailbox::parse("Alex\r\nBcc: x@evil.test <a@b.com>"), Err(AddressError::Character('\r')));
        assert_eq!(Mailbox::parse("Alex <a@b.com"), Err(AddressError::DisplayName));
        assert_eq!(Mailbox::parse("a@b.com>"), Err(AddressError::DisplayName));
        assert_eq!(Mailbox::parse("A <x> <a@b.com>"), Err(AddressError::DisplayName));
    }

    #[test]
    fn lists_split_outside_quotes_and_brackets() {
        assert_eq!(
            split_list("a@x.com; \"Wu, Alex\" <b@y.com>,c@z.com;;"),
            vec!["a@x.com", "\"Wu, Alex\" <b@y.com>", "c@z.com"]
        );
    }
}
