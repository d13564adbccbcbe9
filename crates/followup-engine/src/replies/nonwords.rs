//! What in a customer's text is not words: web addresses, email
//! addresses, file paths, and lines of logs or code. They are blanked out
//! before the text is split into words, so `/how-it-works` is not read as
//! "it works" and `ERROR: not found` in a pasted log is not the customer
//! saying so.
//!
//! Blanking keeps every byte offset (each blanked byte becomes a space),
//! so a cue is still shown as the customer wrote it.

use std::borrow::Cow;

/// The text with addresses, paths and log or code lines blanked out.
pub(super) fn mask(text: &str) -> Cow<'_, str> {
    // Most replies have none of it: no need to look further.
    let suspect =
        |byte: &u8| matches!(byte, b'@' | b'/' | b'\\' | b':' | b'{' | b'}' | b';' | b'=' | b'[' | b'$' | b'#');
    if !text.as_bytes().iter().any(suspect) && !text.contains("www.") && !text.contains("\n ") {
        return Cow::Borrowed(text);
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        if is_log_or_code(line) {
            spans.push((line_start, line_end));
        } else {
            non_word_spans(line, line_start, &mut spans);
        }
        line_start = line_end;
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for (start, end) in spans {
        for byte in bytes.get_mut(start..end).into_iter().flatten() {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    // Whole characters were replaced byte by byte with spaces: still UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

/// Adds the spans of `line` (at byte `offset` of the text) that are
/// addresses or paths: whitespace-separated pieces, without the
/// punctuation that ends a sentence after them.
fn non_word_spans(line: &str, offset: usize, spans: &mut Vec<(usize, usize)>) {
    let mut at = 0;
    for piece in line.split_inclusive(char::is_whitespace) {
        let start = at;
        at += piece.len();
        let word = piece.trim_end().trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\'']);
        let word_start = word.len() - word.trim_start_matches(['(', '[', '<', '"', '\'']).len();
        let word = word.get(word_start..).unwrap_or_default();
        if is_non_word(word) {
            let begin = offset + start + word_start;
            spans.push((begin, begin + word.len()));
        }
    }
}

/// Whether a whitespace-separated piece is an address or a path.
fn is_non_word(word: &str) -> bool {
    if word.len() < 3 {
        return false;
    }
    let starts = |prefix: &str| word.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
    if word.contains("://") || starts("www.") || starts("mailto:") {
        return true;
    }
    // name@domain.tld
    if let Some((local, domain)) = word.split_once('@')
        && !local.is_empty()
        && domain.contains('.')
    {
        return true;
    }
    // /var/log, ~/x, ./run.sh, C:\Users, \\server\share, a/b/c
    let slashes = word.matches(['/', '\\']).count();
    let rooted = word.starts_with(['/', '\\', '~', '.']) && slashes >= 1 && word.len() > 2;
    let drive = word.get(1..3) == Some(":\\") || word.get(1..3) == Some(":/");
    rooted || drive || slashes >= 2
}

/// Whether a line is a pasted log line, stack frame or code: a timestamp
/// or log level at its start, a stack frame (`at Foo.Bar(...)`), a shell
/// prompt, or more code punctuation than prose has.
fn is_log_or_code(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.len() < 6 {
        return false;
    }
    let starts_with_time = {
        let head = trimmed.trim_start_matches(['[', '(']).as_bytes();
        let digits = head.iter().take_while(|byte| byte.is_ascii_digit()).count();
        // 2026-11-03, 12:03:44, 03.11.2026 12:00
        (digits == 4 && head.get(4).is_some_and(|byte| matches!(byte, b'-' | b'/' | b'.')))
            || (digits == 2 && head.get(2) == Some(&b':') && head.get(5) == Some(&b':'))
    };
    if starts_with_time {
        return true;
    }
    let first = trimmed.split_whitespace().next().unwrap_or_default();
    let level = first.trim_matches(['[', ']', ':']);
    if matches!(level, "ERROR" | "WARN" | "WARNING" | "INFO" | "DEBUG" | "TRACE" | "FATAL" | "CRITICAL")
        && first != level
    {
        return true;
    }
    if (first == "at" && trimmed.contains('(') && trimmed.ends_with(')') && trimmed.contains('.'))
        || matches!(first, "$" | "#" | ">>>" | "PS" | "Traceback" | "Exception:" | "Caused")
            && (first != "PS" || trimmed.contains(":\\"))
            && (first != "Caused" || trimmed.starts_with("Caused by:"))
    {
        return true;
    }
    let code =
        trimmed.chars().filter(|ch| matches!(ch, '{' | '}' | ';' | '=' | '<' | '>' | '(' | ')' | '[' | ']')).count();
    let letters = trimmed.chars().filter(|ch| ch.is_alphabetic()).count();
    code >= 4 && code * 4 >= letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_paths_are_blanked_in_place() {
        let text = "See https://example.com/how-it-works, or write to it-works@example.com.";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("works"), "{masked}");
        assert!(masked.starts_with("See ") && masked.ends_with('.'));
        assert!(!mask("The file /opt/app/it/works.log is empty").contains("works"));
        assert!(!mask(r"C:\Program Files\App\works fine.txt").contains("App"));
        assert_eq!(mask("It works now, and/or later."), "It works now, and/or later.");
    }

    #[test]
    fn log_and_code_lines_are_blanked() {
        let text = "Still broken:\n2026-11-03 12:00:01 ERROR sync fixed=false\n[ERROR] not resolved\n  at App.Sync(Job job)\nif (x) { y = 1; }\nThanks";
        let masked = mask(text);
        assert!(masked.contains("Still broken:") && masked.ends_with("Thanks"), "{masked}");
        for gone in ["ERROR", "resolved", "App.Sync", "y = 1"] {
            assert!(!masked.contains(gone), "{gone} in {masked}");
        }
        assert_eq!(mask("Works now (thanks)."), "Works now (thanks).");
    }

    #[test]
    fn odd_text_never_panics() {
        for text in ["", "@", "a@b", "://", "é@é.é", "[[[[", "\u{feff}/é/é", "12:3", "2026-"] {
            assert_eq!(mask(text).len(), text.len());
        }
    }
}
