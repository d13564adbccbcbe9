//! The customer's own words in a reply: quoted history, `>` lines,
//! signatures, mobile footers and disclaimers cut away.

use super::fold::fold;
use super::markers::{
    ATTRIBUTION_ENDINGS, ATTRIBUTION_OPENERS, ATTRIBUTION_VERBS, DISCLAIMER_STARTS, FOOTER_START_END, FOOTER_STARTS,
    FROM_LABELS, HEADER_LABELS, ORIGINAL_MESSAGE,
};

/// An attribution line longer than this is a paragraph, not an attribution.
const MAX_ATTRIBUTION: usize = 300;
/// A footer (`Sent from my iPhone`) is a short line.
const MAX_FOOTER: usize = 90;
/// How many lines after `From:` may hold the next header label.
const HEADER_BLOCK_SPAN: usize = 4;

/// See [`crate::mail::own_words`].
#[must_use]
pub(crate) fn own_words(text: &str) -> String {
    let text = normalise_newlines(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        if let Some(length) = attribution_length(&lines, index) {
            // Plain-text quoting (`>` lines) may have the answer below it;
            // anything else after an attribution is history.
            if next_content_is_quoted(&lines, index + length) {
                index += length;
                continue;
            }
            break;
        }
        if is_history_start(&lines, index) {
            break;
        }
        if is_quoted(line) {
            index += 1;
            continue;
        }
        if ends_own_words(line) {
            break;
        }
        kept.push(line);
        index += 1;
    }
    tidy(&kept)
}

/// `\r\n` and lone `\r` become `\n`.
pub(crate) fn normalise_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// How many lines (1 to 3) form an attribution starting at `index`
/// (`On Tue, Nov 3, 2026 at 9:12 AM Support <` / `support@c.com> wrote:`).
fn attribution_length(lines: &[&str], index: usize) -> Option<usize> {
    let first = fold(lines.get(index)?.trim());
    if is_attribution(&first) {
        return Some(1);
    }
    if !ATTRIBUTION_OPENERS.iter().any(|opener| first.starts_with(opener)) {
        return None;
    }
    let mut joined = first;
    for extra in 1..=2 {
        let next = lines.get(index + extra)?.trim();
        if next.is_empty() || joined.len() > MAX_ATTRIBUTION {
            return None;
        }
        joined.push(' ');
        joined.push_str(&fold(next));
        if is_attribution(&joined) {
            return Some(extra + 1);
        }
    }
    None
}

/// Whether a folded line is an attribution: it ends like `wrote:` (or is a
/// German `Am ... schrieb X:`) and names a date or an address.
fn is_attribution(folded: &str) -> bool {
    if folded.len() > MAX_ATTRIBUTION || !folded.chars().any(|ch| ch.is_ascii_digit() || ch == '@') {
        return false;
    }
    ATTRIBUTION_ENDINGS.iter().any(|ending| folded.ends_with(ending))
        || (folded.ends_with(':')
            && ATTRIBUTION_OPENERS.iter().any(|opener| folded.starts_with(opener))
            && ATTRIBUTION_VERBS.iter().any(|verb| folded.contains(verb)))
}

/// Whether the first non-empty line from `from` on is `>` quoted.
fn next_content_is_quoted(lines: &[&str], from: usize) -> bool {
    lines.iter().skip(from).find(|line| !line.trim().is_empty()).is_some_and(|line| is_quoted(line))
}

/// Whether the quoted history starts at `index`: an `-----Original
/// Message-----` line, an Outlook header block, or a separator line
/// (underscores, dashes) right above one.
fn is_history_start(lines: &[&str], index: usize) -> bool {
    let Some(line) = lines.get(index) else {
        return false;
    };
    if is_original_message(line) || is_header_block(lines, index) {
        return true;
    }
    if !is_separator(line) {
        return false;
    }
    let next = lines.iter().enumerate().skip(index + 1).find(|(_, line)| !line.trim().is_empty());
    next.is_some_and(|(next, line)| is_original_message(line) || is_header_block(lines, next))
}

/// `-----Original Message-----` and its translations.
fn is_original_message(line: &str) -> bool {
    let trimmed = line.trim();
    let dashed = trimmed.starts_with("---") || trimmed.starts_with("___") || trimmed.starts_with("===");
    let folded = fold(trimmed);
    let named = ORIGINAL_MESSAGE.iter().any(|name| folded.contains(name));
    named && (dashed || folded.starts_with("begin forwarded") || folded.starts_with("anfang der weitergeleiteten"))
}

/// An Outlook header block: `From:` (`Von:`, `De :`) followed within a few
/// lines by `Sent:`, `To:` or `Subject:` (and their translations).
fn is_header_block(lines: &[&str], index: usize) -> bool {
    let is_from =
        lines.get(index).and_then(|line| header_label(line)).is_some_and(|label| FROM_LABELS.contains(&label.as_str()));
    is_from
        && lines
            .iter()
            .skip(index + 1)
            .take(HEADER_BLOCK_SPAN)
            .filter_map(|line| header_label(line))
            .any(|label| HEADER_LABELS.contains(&label.as_str()))
}

/// The folded label of a `Label: value` line (`De :` gives `de`), if the
/// line looks like one.
fn header_label(line: &str) -> Option<String> {
    let trimmed = line.trim().trim_start_matches(['*', '>']).trim_start();
    let colon = trimmed.find(':')?;
    let label = trimmed.get(..colon)?.trim_end_matches(['*', ' ', '\u{a0}']);
    if label.is_empty() || label.len() > 16 || label.split_whitespace().count() > 2 {
        return None;
    }
    Some(fold(label))
}

/// A line of underscores, dashes or equals signs (5 or more, nothing else).
fn is_separator(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.chars().count() >= 5 && trimmed.chars().all(|ch| matches!(ch, '_' | '-' | '=' | '\u{2014}' | '\u{2013}'))
}

/// A `>` quoted line.
fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// A line from which nothing is the customer's own words any more: the
/// signature delimiter `-- `, a mobile footer, a legal disclaimer.
fn ends_own_words(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed == "--" || trimmed == "\u{2014}" {
        return true;
    }
    if trimmed.len() > MAX_FOOTER * 4 {
        return false;
    }
    let folded = fold(trimmed);
    let footer = folded.len() <= MAX_FOOTER
        && (FOOTER_STARTS.iter().any(|start| folded.starts_with(start))
            || FOOTER_START_END.iter().any(|(start, end)| folded.starts_with(start) && folded.ends_with(end)));
    footer || DISCLAIMER_STARTS.iter().any(|start| folded.starts_with(start))
}

/// Joins kept lines: trailing spaces and separator lines dropped, at most
/// one empty line in a row, none at either end.
fn tidy(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.trim_end();
        if line.trim().is_empty() || is_separator(line) {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank {
                out.push('\n');
            }
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_lines_in_four_languages() {
        for line in [
            "On Tue, Nov 3, 2026 at 9:12 AM Contoso Support <support@contoso.com> wrote:",
            "Am Di., 3. Nov. 2026 um 09:12 Uhr schrieb Contoso Support <support@contoso.com>:",
            "Le mar. 3 nov. 2026 à 09:12, Contoso Support <support@contoso.com> a écrit :",
            "El mar, 3 nov 2026 a las 9:12, Contoso Support (<support@contoso.com>) escribió:",
            "Am 03.11.2026 um 09:12 schrieb Contoso Support:",
        ] {
            assert_eq!(attribution_length(&[line, "> x"], 0), Some(1), "{line}");
        }
        assert_eq!(attribution_length(&["As I wrote:", "> x"], 0), None);
        let wrapped = ["On Tue, Nov 3, 2026 at 9:12 AM Contoso Support <", "support@contoso.com> wrote:"];
        assert_eq!(attribution_length(&wrapped, 0), Some(2));
    }

    #[test]
    fn header_labels_are_read_in_any_language() {
        assert_eq!(header_label("De : Contoso").as_deref(), Some("de"));
        assert_eq!(header_label("*From:* Contoso").as_deref(), Some("from"));
        assert_eq!(header_label("Enviado el: martes").as_deref(), Some("enviado el"));
        assert_eq!(header_label("This is a long sentence: with a colon"), None);
    }

    #[test]
    fn separators_footers_and_disclaimers() {
        assert!(is_separator("________________________________"));
        assert!(!is_separator("___"));
        assert!(ends_own_words("-- "));
        assert!(ends_own_words("Von meinem iPhone gesendet"));
        assert!(ends_own_words("Envoyé de mon iPhone"));
        assert!(ends_own_words("This email and any attachments are confidential."));
        assert!(!ends_own_words("I sent from my laptop and it failed"));
    }
}
