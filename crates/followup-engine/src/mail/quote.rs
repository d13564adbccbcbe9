//! The customer's own words in a reply: quoted history, `>` lines,
//! signatures, mobile footers and disclaimers cut away.

use super::fold::{fold, fold_into};
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
    let mut lines = Cursor::new(&text);
    let mut kept: Vec<&str> = Vec::with_capacity(32);
    // Each line is folded once, into this buffer.
    let mut folded = String::with_capacity(128);
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let trimmed = line.trim();
        if is_quoted(line) {
            index += 1;
            continue;
        }
        if trimmed.is_empty() {
            kept.push(line);
            index += 1;
            continue;
        }
        fold_into(trimmed, &mut folded);
        if let Some(length) = attribution_length(&mut lines, index, &folded) {
            // Plain-text quoting (`>` lines) may have the answer below it;
            // anything else after an attribution is history.
            if next_content_is_quoted(&mut lines, index + length) {
                index += length;
                continue;
            }
            break;
        }
        if is_history_start(&mut lines, index, trimmed, &folded) || ends_own_words(trimmed, &folded) {
            break;
        }
        kept.push(line);
        index += 1;
    }
    tidy(&kept)
}

/// The lines of a text, split only as far as they are read: the quoted
/// history below the customer's words is usually never split.
struct Cursor<'a> {
    rest: std::str::Lines<'a>,
    read: Vec<&'a str>,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self { rest: text.lines(), read: Vec::with_capacity(32) }
    }

    /// Line `index`, if the text has that many.
    fn get(&mut self, index: usize) -> Option<&'a str> {
        while self.read.len() <= index {
            self.read.push(self.rest.next()?);
        }
        self.read.get(index).copied()
    }

    /// The first non-empty line from `from` on, and its index.
    fn next_content(&mut self, from: usize) -> Option<(usize, &'a str)> {
        (from..).map_while(|index| self.get(index).map(|line| (index, line))).find(|(_, line)| !line.trim().is_empty())
    }
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
/// (`On Tue, Nov 3, 2026 at 9:12 AM Support <` / `support@c.com> wrote:`);
/// `first` is that line, folded.
fn attribution_length(lines: &mut Cursor<'_>, index: usize, first: &str) -> Option<usize> {
    if is_attribution(first) {
        return Some(1);
    }
    if !ATTRIBUTION_OPENERS.iter().any(|opener| first.starts_with(opener)) {
        return None;
    }
    let mut joined = first.to_owned();
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
fn next_content_is_quoted(lines: &mut Cursor<'_>, from: usize) -> bool {
    lines.next_content(from).is_some_and(|(_, line)| is_quoted(line))
}

/// Whether the quoted history starts at line `index` (`trimmed`, and
/// `folded`): an `-----Original Message-----` line, an Outlook header
/// block, or a separator line (underscores, dashes) right above one.
fn is_history_start(lines: &mut Cursor<'_>, index: usize, trimmed: &str, folded: &str) -> bool {
    if is_original_message(trimmed, folded) || is_header_block(lines, index, folded) {
        return true;
    }
    if !is_separator(trimmed) {
        return false;
    }
    let Some((next, line)) = lines.next_content(index + 1) else {
        return false;
    };
    let folded = fold(line.trim());
    is_original_message(line.trim(), &folded) || is_header_block(lines, next, &folded)
}

/// `-----Original Message-----` and its translations.
fn is_original_message(trimmed: &str, folded: &str) -> bool {
    let dashed = trimmed.starts_with("---") || trimmed.starts_with("___") || trimmed.starts_with("===");
    let introduced =
        dashed || folded.starts_with("begin forwarded") || folded.starts_with("anfang der weitergeleiteten");
    introduced && ORIGINAL_MESSAGE.iter().any(|name| folded.contains(name))
}

/// An Outlook header block at line `index` (`folded`): `From:` (`Von:`,
/// `De :`) followed within a few lines by `Sent:`, `To:` or `Subject:` (and
/// their translations).
fn is_header_block(lines: &mut Cursor<'_>, index: usize, folded: &str) -> bool {
    let is_from = header_label(folded).is_some_and(|label| FROM_LABELS.contains(&label));
    is_from
        && (index + 1..=index + HEADER_BLOCK_SPAN)
            .map_while(|at| lines.get(at))
            .any(|line| header_label(&fold(line.trim())).is_some_and(|label| HEADER_LABELS.contains(&label)))
}

/// The label of a folded `Label: value` line (`de :` gives `de`), if the
/// line looks like one.
fn header_label(folded: &str) -> Option<&str> {
    let trimmed = folded.trim().trim_start_matches(['*', '>']).trim_start();
    let colon = trimmed.find(':')?;
    let label = trimmed.get(..colon)?.trim_end_matches(['*', ' ', '\u{a0}']);
    if label.is_empty() || label.len() > 16 || label.split_whitespace().count() > 2 {
        return None;
    }
    Some(label)
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

/// A line (`trimmed`, and `folded`) from which nothing is the customer's
/// own words any more: the signature delimiter `-- `, a mobile footer, a
/// legal disclaimer.
fn ends_own_words(trimmed: &str, folded: &str) -> bool {
    if trimmed == "--" || trimmed == "\u{2014}" {
        return true;
    }
    let footer = folded.len() <= MAX_FOOTER
        && (FOOTER_STARTS.iter().any(|start| folded.starts_with(start))
            || FOOTER_START_END.iter().any(|(start, end)| folded.starts_with(start) && folded.ends_with(end)));
    footer || DISCLAIMER_STARTS.iter().any(|start| folded.starts_with(start))
}

/// Joins kept lines: trailing spaces and separator lines dropped, at most
/// one empty line in a row, none at either end.
fn tidy(lines: &[&str]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|line| line.len() + 1).sum());
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
            let text = format!("{line}\n> x");
            assert_eq!(attribution_length(&mut Cursor::new(&text), 0, &fold(line)), Some(1), "{line}");
        }
        assert_eq!(attribution_length(&mut Cursor::new("As I wrote:\n> x"), 0, "as i wrote:"), None);
        let wrapped = "On Tue, Nov 3, 2026 at 9:12 AM Contoso Support <\nsupport@contoso.com> wrote:";
        let first = fold("On Tue, Nov 3, 2026 at 9:12 AM Contoso Support <");
        assert_eq!(attribution_length(&mut Cursor::new(wrapped), 0, &first), Some(2));
    }

    #[test]
    fn header_labels_are_read_in_any_language() {
        assert_eq!(header_label(&fold("De : Contoso")), Some("de"));
        assert_eq!(header_label(&fold("*From:* Contoso")), Some("from"));
        assert_eq!(header_label(&fold("Enviado el: martes")), Some("enviado el"));
        assert_eq!(header_label(&fold("This is a long sentence: with a colon")), None);
    }

    #[test]
    fn separators_footers_and_disclaimers() {
        assert!(is_separator("________________________________"));
        assert!(!is_separator("___"));
        let ends = |line: &str| ends_own_words(line.trim(), &fold(line.trim()));
        assert!(ends("-- "));
        assert!(ends("Von meinem iPhone gesendet"));
        assert!(ends("Envoyé de mon iPhone"));
        assert!(ends("This email and any attachments are confidential."));
        assert!(!ends("I sent from my laptop and it failed"));
    }
}
