//! Removing a closing sign-off (`Best regards,` and the name and title
//! under it) from the customer's own words.

use super::fold::{fold, push_folded};
use super::markers::{GREETINGS, SIGN_OFFS};

/// How many non-empty lines at the end are searched for a sign-off.
const TAIL: usize = 7;
/// Lines under a sign-off (name, title, phone) are short.
const MAX_UNDER: usize = 70;
/// No sign-off line is longer than this (in bytes).
const MAX_SIGN_OFF: usize = 48;
/// A name on the sign-off line (`Cheers, Dave`) has at most this many words.
const MAX_NAME_WORDS: usize = 3;

/// See [`crate::mail::strip_sign_off`].
#[must_use]
pub(crate) fn strip_sign_off(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let content: Vec<usize> =
        (0..lines.len()).filter(|&at| lines.get(at).is_some_and(|line| !line.trim().is_empty())).collect();
    let Some(cut) = sign_off_start(&lines, &content) else {
        return text.trim().to_owned();
    };
    let before = lines.get(..cut).unwrap_or_default();
    if before.iter().all(|line| line.trim().is_empty() || is_greeting(line)) {
        // Nothing but a greeting above: the "sign-off" is the message.
        return text.trim().to_owned();
    }
    before.join("\n").trim().to_owned()
}

/// The line where the closing sign-off starts, if the text ends with one:
/// the last sign-off line among the final few, with only short lines
/// under it, extended up over sign-off lines right above it
/// (`Thanks again,` / `Best regards,`).
fn sign_off_start(lines: &[&str], content: &[usize]) -> Option<usize> {
    let last = *content.last()?;
    let mut found = None;
    for (rank, &at) in content.iter().rev().take(TAIL).enumerate() {
        let line = lines.get(at)?;
        if is_sign_off(line) || (at == last && is_sign_off_with_name(line)) {
            found = Some(rank);
            break;
        }
        if line.trim().chars().count() > MAX_UNDER || line.trim_end().ends_with('?') {
            return None;
        }
    }
    let rank = found?;
    let mut start = content.len().checked_sub(rank + 1)?;
    while let Some(previous) = start.checked_sub(1) {
        if content.get(previous).and_then(|&at| lines.get(at)).is_some_and(|line| is_sign_off(line)) {
            start = previous;
        } else {
            break;
        }
    }
    content.get(start).copied()
}

/// A whole line that is a sign-off (`Best regards,`, `Mit freundlichen
/// Grüßen`, `Merci !`).
fn is_sign_off(line: &str) -> bool {
    let line = line.trim();
    if line.len() > MAX_SIGN_OFF {
        return false;
    }
    let folded = fold(line);
    is_sign_off_phrase(trim_closing(&folded))
}

/// A sign-off followed by a name on the same line (`Cheers, Dave`,
/// `Gruß Petra`): at most three capitalised words after the phrase.
fn is_sign_off_with_name(line: &str) -> bool {
    if line.trim().len() > MAX_SIGN_OFF * 2 {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut phrase = String::with_capacity(line.len() + 8);
    for (split, word) in words.iter().enumerate().take(words.len().saturating_sub(1)) {
        if split > 0 {
            phrase.push(' ');
        }
        for ch in word.chars() {
            push_folded(ch, &mut phrase);
        }
        if is_sign_off_phrase(trim_closing(&phrase)) && is_name(words.get(split + 1..).unwrap_or_default()) {
            return true;
        }
    }
    false
}

/// Whether a folded phrase is a sign-off. A linear scan: candidates are
/// short lines only, and comparing slices of other lengths is one check.
fn is_sign_off_phrase(phrase: &str) -> bool {
    !phrase.is_empty() && phrase.len() <= MAX_SIGN_OFF && SIGN_OFFS.contains(&phrase)
}

/// Words that read as a name: one to three, each capitalised (or an
/// initial), no sentence punctuation.
fn is_name(words: &[&str]) -> bool {
    !words.is_empty()
        && words.len() <= MAX_NAME_WORDS
        && words.iter().all(|word| {
            let word = word.trim_end_matches([',', '.']);
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(|ch| ch.is_alphabetic() || matches!(ch, '-' | '\'' | '.'))
        })
}

/// A greeting line (`Hi,`, `Dear Maria,`, `Bonjour Madame Laurent,`): a
/// greeting word and a few more, nothing after a comma.
fn is_greeting(line: &str) -> bool {
    let folded = fold(line.trim());
    let phrase = trim_closing(&folded);
    phrase.split_whitespace().count() <= 4
        && !phrase.contains([',', '.', '?'])
        && GREETINGS.iter().any(|greeting| {
            phrase == *greeting || phrase.strip_prefix(greeting).is_some_and(|rest| rest.starts_with(' '))
        })
}

/// The line without the punctuation and emoticons people close it with.
fn trim_closing(folded: &str) -> &str {
    folded.trim_end_matches([',', '.', '!', ';', ':', '-', ')', '(', ' ', '~']).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_off_lines() {
        assert!(is_sign_off("Best regards,"));
        assert!(is_sign_off("Mit freundlichen Grüßen"));
        assert!(is_sign_off("Viele Gruesse"));
        assert!(is_sign_off("Merci !"));
        assert!(!is_sign_off("Thanks, it works now"));
        assert!(is_sign_off_with_name("Cheers, Dave"));
        assert!(is_sign_off_with_name("Gruß Petra"));
        assert!(!is_sign_off_with_name("Thanks, it works now"));
        assert!(is_greeting("Dear Maria,"));
        assert!(!is_greeting("Hello, the export still fails"));
    }
}
