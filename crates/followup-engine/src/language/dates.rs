//! Dates and lengths of time for people, in each language, as support
//! emails there write them: `Monday, 2 November 2026`, `Montag,
//! 2. November 2026`, `lundi 2 novembre 2026`, `lunes 2 de noviembre de
//! 2026`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike};

use super::{Lang, fill, nth_word};
use crate::time::{push_digits, push_year};

/// A date for people, with its weekday and year.
#[must_use]
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    let weekday = nth_word(lang, "date.weekdays", date.weekday().num_days_from_monday() as usize);
    let month = nth_word(lang, "date.months", date.month0() as usize);
    fill(lang, "date.long", &[weekday, &day(date), month, &year(date)])
}

/// A date and time for people, then the zone's name: `23 Nov 2026, 14:00
/// UTC`, `23. Nov. 2026, 14:00 UTC`, `23 nov. 2026, 14:00 UTC`, `23 nov
/// 2026, 14:00 UTC`.
#[must_use]
pub fn date_time(lang: Lang, local: NaiveDateTime, zone: &str) -> String {
    let date = local.date();
    let month = nth_word(lang, "date.shortMonths", date.month0() as usize);
    let mut text = fill(lang, "date.short", &[&day(date), month, &year(date)]);
    text.push_str(", ");
    push_digits(&mut text, local.hour(), 2);
    text.push(':');
    push_digits(&mut text, local.minute(), 2);
    text.push(' ');
    text.push_str(zone);
    text
}

fn day(date: NaiveDate) -> String {
    let mut text = String::with_capacity(2);
    push_digits(&mut text, date.day(), 1);
    text
}

fn year(date: NaiveDate) -> String {
    let mut text = String::with_capacity(4);
    push_year(&mut text, date.year());
    text
}

/// A wait for people in `lang`, in its two largest whole units (`48
/// hours`, `2 Tage`, `1 jour 12 heures`, `45 minutos`): under three whole
/// days it reads in hours.
#[must_use]
pub fn describe_wait(lang: Lang, delta: TimeDelta) -> String {
    let total_minutes = delta.num_minutes().max(0);
    let (days, hours, minutes) = (total_minutes / 1440, (total_minutes % 1440) / 60, total_minutes % 60);
    if days > 0 && days < 3 && minutes == 0 {
        return unit(lang, days * 24 + hours, Unit::Hour);
    }
    let mut parts: Vec<String> = Vec::new();
    if days > 0 {
        parts.push(unit(lang, days, Unit::Day));
    }
    if hours > 0 {
        parts.push(unit(lang, hours, Unit::Hour));
    }
    if minutes > 0 && days == 0 {
        parts.push(unit(lang, minutes, Unit::Minute));
    }
    if parts.is_empty() {
        return unit(lang, delta.num_seconds().max(0), Unit::Second);
    }
    parts.join(" ")
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Hour,
    Minute,
    Second,
}

/// `count` and its unit: `date.units` holds each unit's singular and
/// plural in the order of [`Unit`].
fn unit(lang: Lang, count: i64, unit: Unit) -> String {
    let word = nth_word(lang, "date.units", unit as usize * 2 + usize::from(count != 1));
    format!("{count} {word}")
}

#[cfg(all(test, feature = "builtin-languages"))] // German, French and Spanish built in
mod tests {
    use super::*;

    #[test]
    fn long_dates_in_each_language() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let written: Vec<String> = Lang::ALL.iter().map(|lang| long_date(*lang, monday)).collect();
        assert_eq!(
            written,
            [
                "Monday, 2 November 2026",
                "Montag, 2. November 2026",
                "lundi 2 novembre 2026",
                "lunes 2 de noviembre de 2026"
            ]
        );
        let at = monday.and_hms_opt(9, 5, 0).unwrap();
        let written: Vec<String> = Lang::ALL.iter().map(|lang| date_time(*lang, at, "UTC")).collect();
        assert_eq!(
            written,
            ["2 Nov 2026, 09:05 UTC", "2. Nov. 2026, 09:05 UTC", "2 nov. 2026, 09:05 UTC", "2 nov 2026, 09:05 UTC"]
        );
    }

    #[test]
    fn waits_in_each_language() {
        let written: Vec<String> = Lang::ALL.iter().map(|lang| describe_wait(*lang, TimeDelta::hours(48))).collect();
        assert_eq!(written, ["48 hours", "48 Stunden", "48 heures", "48 horas"]);
        assert_eq!(describe_wait(Lang::De, TimeDelta::hours(4 * 24 + 1)), "4 Tage 1 Stunde");
        assert_eq!(describe_wait(Lang::Es, TimeDelta::days(7)), "7 días");
    }
}
