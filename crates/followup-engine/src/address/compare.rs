//! Addresses as the engine compares them: without a display name, without
//! case, and the organisation's own addresses and domains.

/// The bare address in `text`, lowercased: the part inside `<...>` when a
/// display name is given (`Alex <alex@fabrikam.com>`), else the whole text
/// trimmed; `None` when it holds no `@`.
#[must_use]
pub fn normalize(text: &str) -> Option<String> {
    let address = bare(text);
    address.contains('@').then(|| crate::text::fold(address))
}

/// Whether [`normalize`] gives `normalized` for `text`, without building
/// it (the recipients of every email, on every evaluation).
#[must_use]
pub fn normalizes_to(text: &str, normalized: &str) -> bool {
    let address = bare(text);
    address.contains('@') && address.chars().map(crate::text::lowercase::lower_char).eq(normalized.chars())
}

/// The address part of `text`, before folding.
fn bare(text: &str) -> &str {
    let inner = match (text.rfind('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => text.get(open + 1..close).unwrap_or(text),
        _ => text,
    };
    inner.trim().trim_matches(|ch| ch == '"' || ch == '\'').trim()
}

/// The organisation's own addresses (`support@contoso.com`) and domains
/// (`@contoso.com`): mail from them is never the customer's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnAddresses {
    /// Lowercased entries; a domain entry starts with `@`.
    entries: Vec<String>,
}

impl OwnAddresses {
    /// The list from checked, lowercased entries.
    #[must_use]
    pub fn new(entries: Vec<String>) -> Self {
        Self { entries }
    }

    /// Whether `address` (already normalised) is one of ours.
    #[must_use]
    pub fn contains(&self, address: &str) -> bool {
        self.entries
            .iter()
            .any(|entry| if entry.starts_with('@') { address.ends_with(entry.as_str()) } else { address == entry })
    }
}

/// Checks one `ownAddresses` entry: an address, or a domain written `@domain`.
/// Returns the entry lowercased, or what is wrong with it.
pub(crate) fn check_own_entry(text: &str) -> Result<String, &'static str> {
    let entry = text.trim();
    let at_count = entry.matches('@').count();
    let plausible = at_count == 1
        && !entry.contains(char::is_whitespace)
        && !entry.chars().any(char::is_control)
        && !entry.ends_with('@')
        && !entry.contains(['<', '>', ';', ',']);
    if plausible {
        Ok(crate::text::fold(entry))
    } else {
        Err("is not an address (`support@contoso.com`) or a domain (`@contoso.com`)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_to_is_normalize_compared() {
        let texts = ["Alex <Alex@Fabrikam.com>", " 'kim@litware.com' ", "Support", "JÖRG@Müller.de", "a@b.c<", "x@y.z"];
        for text in texts {
            for normalized in ["alex@fabrikam.com", "kim@litware.com", "support", "jörg@müller.de", "x@y.z", "a@b.c<"]
            {
                assert_eq!(
                    normalizes_to(text, normalized),
                    normalize(text).as_deref() == Some(normalized),
                    "{text} {normalized}"
                );
            }
        }
    }

    #[test]
    fn addresses_compare_without_name_or_case() {
        assert_eq!(normalize("Alex <Alex@Fabrikam.com>").as_deref(), Some("alex@fabrikam.com"));
        assert_eq!(normalize("  kim@litware.com ").as_deref(), Some("kim@litware.com"));
        assert_eq!(normalize("Support"), None);
        let own = OwnAddresses::new(vec!["support@contoso.com".to_owned(), "@fabrikam.net".to_owned()]);
        assert!(own.contains("support@contoso.com"));
        assert!(own.contains("journal@fabrikam.net"));
        assert!(!own.contains("alex@fabrikam.com"));
        assert!(check_own_entry("@Contoso.com").is_ok_and(|entry| entry == "@contoso.com"));
        assert!(check_own_entry("contoso.com").is_err());
        assert!(check_own_entry("a@b@c").is_err());
    }
}
