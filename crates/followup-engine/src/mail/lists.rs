//! Word lists as one `|`-separated string literal each, read by one
//! function. A slice of `&str` costs 8 bytes per entry in the wasm module
//! (a pointer and a length) and each way of searching it its own loop;
//! here a list is its text, and every search is the same small loop.

/// How an entry of a list is compared with a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Test {
    /// The text is the entry, ignoring ASCII case.
    IsIgnoringCase,
    /// The text contains the entry.
    Contains,
}

/// Whether any entry of `list` passes test `how` against `text`.
#[must_use]
pub(crate) fn any(list: &str, how: Test, text: &str) -> bool {
    for entry in list.split('|') {
        let passes = match how {
            Test::IsIgnoringCase => text.eq_ignore_ascii_case(entry),
            Test::Contains => text.contains(entry),
        };
        if passes {
            return true;
        }
    }
    false
}
