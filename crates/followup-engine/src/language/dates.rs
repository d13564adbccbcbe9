//! Dates and lengths of time for people, in each language, as support
//! emails there write them: `Monday, 2 November 2026`, `Montag,
//! 2. November 2026`, `lundi 2 novembre 2026`, `lunes, 2 de noviembre de
//! 2026`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike};

use super::Lang;
use crate::time::{push_digits, push_year};

const WEEKDAYS: [[&str; 7]; 4] = [
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
];

const MONTHS: [[&str; 12]; 4] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
];

/// Short month names, as written before a year in a date and time.
const SHORT_MONTHS: [[&str; 12]; 4] = [
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
];

fn index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::De => 1,
        Lang::Fr => 2,
        Lang::Es => 3,
    }
}

fn weekday(lang: Lang, date: NaiveDate) -> &'static str {
    WEEKDAYS
        .get(index(lang))
        .and_then(|names| names.get(date.weekday().num_days_from_monday() as usize))
        .map_or("", |name| name)
}

fn month(table: &[[&'static str; 12]; 4], lang: Lang, date: NaiveDate) -> &'static str {
    table.get(index(lang)).and_then(|names| names.get(date.month0() as usize)).map_or("", |name| name)
}

/// A date for people, with its weekday and year.
#[must_use]
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    let mut text = String::with_capacity(36);
    text.push_str(weekday(lang, date));
    text.push_str(if lang == Lang::Fr { " " } else { ", " });
    push_digits(&mut text, date.day(), 1);
    text.push_str(match lang {
        Lang::De => ". ",
        Lang::Es => " de ",
        Lang::En | Lang::Fr => " ",
    });
    text.push_str(month(&MONTHS, lang, date));
    text.push_str(if lang == Lang::Es { " de " } else { " " });
    push_year(&mut text, date.year());
    text
}

/// A date and time for people, then the zone's name: `23 Nov 2026, 14:00
/// UTC`, `23. Nov. 2026, 14:00 UTC`, `23 nov. 2026, 14:00 UTC`, `23 nov
/// 2026, 14:00 UTC`.
#[must_use]
pub fn date_time(lang: Lang, local: NaiveDateTime, zone: &str) -> String {
    let date = local.date();
    let mut text = String::with_capacity(24 + zone.len());
    push_digits(&mut text, date.day(), 1);
    text.push_str(if lang == Lang::De { ". " } else { " " });
    text.push_str(month(&SHORT_MONTHS, lang, date));
    text.push(' ');
    push_year(&mut text, date.year());
    text.push_str(", ");
    push_digits(&mut text, local.hour(), 2);
    text.push(':');
    push_digits(&mut text, local.minute(), 2);
    text.push(' ');
    text.push_str(zone);
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
    crate::text::join(&parts, " ")
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Hour,
    Minute,
    Second,
}

fn unit(lang: Lang, count: i64, unit: Unit) -> String {
    let (one, many) = match (lang, unit) {
        (Lang::En, Unit::Day) => ("day", "days"),
        (Lang::En, Unit::Hour) => ("hour", "hours"),
        (Lang::En | Lang::Fr, Unit::Minute) => ("minute", "minutes"),
        (Lang::En, Unit::Second) => ("second", "seconds"),
        (Lang::De, Unit::Day) => ("Tag", "Tage"),
        (Lang::De, Unit::Hour) => ("Stunde", "Stunden"),
        (Lang::De, Unit::Minute) => ("Minute", "Minuten"),
        (Lang::De, Unit::Second) => ("Sekunde", "Sekunden"),
        (Lang::Fr, Unit::Day) => ("jour", "jours"),
        (Lang::Fr, Unit::Hour) => ("heure", "heures"),
        (Lang::Fr, Unit::Second) => ("seconde", "secondes"),
        (Lang::Es, Unit::Day) => ("día", "días"),
        (Lang::Es, Unit::Hour) => ("hora", "horas"),
        (Lang::Es, Unit::Minute) => ("minuto", "minutos"),
        (Lang::Es, Unit::Second) => ("segundo", "segundos"),
    };
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
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
                "lunes, 2 de noviembre de 2026"
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
