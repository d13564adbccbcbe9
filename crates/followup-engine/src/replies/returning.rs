//! The day an automatic reply says its sender is back: after `until`,
//! `back on`, `bis zum`, `jusqu'au`, `hasta el` (the `return-date` cues),
//! a date as people write it: `12 November`, `November 12th, 2026`,
//! `Monday 12 November`, `20.11.`, `20.11.2026`, `2026-11-12`,
//! `12 de noviembre`, `le 12 novembre`. Slashed dates (`11/12/2026`) are
//! read only when they cannot be taken both ways (a part over 12).

use serde::Serialize;

use super::lexicon::Family;
use super::matcher::Hit;
use super::tokens::Tokens;

/// How many tokens after the cue the date may start (`until Monday, 12`).
const DATE_REACH: usize = 4;

/// A day of the year as an automatic reply gives it; the year may be left
/// out (the next such day after the message is meant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ReturnDate {
    /// Day of the month, 1 to 31.
    pub day: u32,
    /// Month, 1 to 12.
    pub month: u32,
    /// The year, when the message gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub year: Option<i32>,
}

/// Month names and their abbreviations in the four languages, folded.
const MONTHS: [(&str, u32); 58] = [
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("mrz", 3),
];

/// Words that may stand between the cue and the date (`until Monday, the
/// 12th`, `bis Montag, den 20.11.`, `jusqu'au lundi 12`, `hasta el lunes`).
const SKIPPED: [&str; 44] = [
    "the",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "den",
    "dem",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "einschliesslich",
    "le",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "inclus",
    "el",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "including",
    "and",
    "zum",
];

/// The return date after the first `return-date` cue that has one.
pub(super) fn return_date(tokens: &Tokens<'_>, hits: &[Hit]) -> Option<ReturnDate> {
    hits.iter().filter(|hit| hit.family == Family::ReturnDate).find_map(|hit| date_from(tokens, hit.end))
}

/// A date starting within a few tokens of `from`.
fn date_from(tokens: &Tokens<'_>, from: usize) -> Option<ReturnDate> {
    let mut at = from;
    for _ in 0..DATE_REACH {
        match tokens.word(at) {
            Some(word) if SKIPPED.contains(&word) => at += 1,
            Some(_) => return date_at(tokens, at),
            None if matches!(tokens.mark(at), Some(',' | '.')) => at += 1,
            None => return None,
        }
    }
    date_at(tokens, at)
}

/// A date whose first token is `at`.
fn date_at(tokens: &Tokens<'_>, at: usize) -> Option<ReturnDate> {
    let word = tokens.word(at)?;
    if let Some(month) = month(word) {
        // November 12th[,] [2026]
        let day = day(tokens.word(at + 1)?)?;
        let year = year_after(tokens, at + 2);
        return valid(day, month, year);
    }
    if word.len() == 4 {
        // 2026-11-12
        let year = word.parse::<i32>().ok()?;
        let month = number(tokens.word(at + 1)?)?;
        let day = number(tokens.word(at + 2)?)?;
        return valid(day, month, Some(year));
    }
    let first = day(word)?;
    let mut next = at + 1;
    let separator = tokens.mark(next);
    if matches!(separator, Some('.' | '/')) {
        next += 1;
    }
    // `12 de noviembre`
    if tokens.word(next) == Some("de") {
        next += 1;
    }
    let second = tokens.word(next)?;
    if let Some(month) = month(second) {
        let mut after = next + 1;
        if tokens.word(after) == Some("de") {
            after += 1;
        }
        return valid(first, month, year_after(tokens, after));
    }
    let second_number = number(second)?;
    let after = next + 1;
    let year = match tokens.mark(after) {
        Some('.' | '/') => tokens.word(after + 1).and_then(year_word),
        _ => None,
    };
    if separator == Some('/') {
        // 11/12 either way: read only when one part cannot be a month.
        return match (first > 12, second_number > 12) {
            (true, false) => valid(first, second_number, year),
            (false, true) => valid(second_number, first, year),
            _ => None,
        };
    }
    if separator == Some('.') {
        return valid(first, second_number, year);
    }
    None
}

/// The year after a day or a month (`, 2026`, ` 2026`), if any.
fn year_after(tokens: &Tokens<'_>, at: usize) -> Option<i32> {
    let at = if tokens.mark(at) == Some(',') { at + 1 } else { at };
    tokens.word(at).and_then(year_word)
}

fn year_word(word: &str) -> Option<i32> {
    (word.len() == 4).then(|| word.parse::<i32>().ok()).flatten().filter(|year| (2000..=2100).contains(year))
}

fn month(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(name, _)| *name == word).map(|(_, month)| *month)
}

/// A day of the month: `12`, `12th`, `1st`, `2nd`, `3rd`, `1er`.
fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|ch: char| ch.is_ascii_alphabetic());
    let suffix = word.get(digits.len()..).unwrap_or_default();
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "o") {
        return None;
    }
    number(digits).filter(|day| (1..=31).contains(day))
}

fn number(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

fn valid(day: u32, month: u32, year: Option<i32>) -> Option<ReturnDate> {
    let days = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(ReturnDate { day, month, year })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replies::lexicon::Lang;
    use crate::replies::matcher::{matcher, only};

    fn date(text: &str, lang: Lang) -> Option<(u32, u32, Option<i32>)> {
        let tokens = Tokens::new(text);
        let hits = only(matcher().scan(&tokens), Some(lang));
        return_date(&tokens, &hits).map(|date| (date.day, date.month, date.year))
    }

    #[test]
    fn dates_as_people_write_them() {
        assert_eq!(date("I am out of the office until 12 November.", Lang::En), Some((12, 11, None)));
        assert_eq!(date("out until Monday, November 16th, 2026", Lang::En), Some((16, 11, Some(2026))));
        assert_eq!(date("I will be back on 2026-11-20.", Lang::En), Some((20, 11, Some(2026))));
        assert_eq!(date("away until 11/12/2026", Lang::En), None);
        assert_eq!(date("away until 11/23/2026", Lang::En), Some((23, 11, Some(2026))));
        assert_eq!(date("Ich bin bis zum 20.11. nicht im Büro.", Lang::De), Some((20, 11, None)));
        assert_eq!(date("bis Freitag, den 20. November 2026 im Urlaub", Lang::De), Some((20, 11, Some(2026))));
        assert_eq!(date("Je suis absente jusqu'au lundi 16 novembre.", Lang::Fr), Some((16, 11, None)));
        assert_eq!(date("Estaré fuera hasta el 12 de noviembre de 2026.", Lang::Es), Some((12, 11, Some(2026))));
        assert_eq!(date("until further notice", Lang::En), None);
        assert_eq!(date("until 31 February", Lang::En), None);
    }
}
