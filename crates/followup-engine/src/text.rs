//! Small text helpers shared by conditions, classification and drafting.

/// Lowercases for comparisons without regard to case, as Dataverse compares
/// text (ASCII fast path, full Unicode otherwise).
#[must_use]
pub fn fold(text: &str) -> String {
    if text.is_ascii() { text.to_ascii_lowercase() } else { text.to_lowercase() }
}

/// Whether two texts are equal without regard to case.
#[must_use]
pub fn eq_fold(left: &str, right: &str) -> bool {
    left.eq_ignore_ascii_case(right) || (!(left.is_ascii() && right.is_ascii()) && fold(left) == fold(right))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_handles_ascii_and_unicode() {
        assert_eq!(fold("Contoso COFFEE"), "contoso coffee");
        assert!(eq_fold("Straße", "STRASSE") == (fold("Straße") == fold("STRASSE")));
        assert!(eq_fold("ÉCLAIR", "éclair"));
        assert!(eq_fold("On Hold", "on hold"));
        assert!(!eq_fold("On Hold", "On Hol"));
    }
}
