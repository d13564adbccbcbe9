//! The organisation's calendar: the fixed UTC offset dates are shown in, the
//! days and hours in which the agent may send, and the human forms of dates.
//!
//! A fixed offset, not a time-zone database: the database would add hundreds
//! of kilobytes to the wasm file. Hosts in zones with daylight saving pass
//! the offset in force (a form script knows it from `Date`).

use chrono::{Datelike, FixedOffset, NaiveTime, Offset, TimeDelta, Timelike, Weekday};

use crate::language::Lang;
use crate::time::{Timestamp, add};

/// When and how the agent deals with time, compiled from the config's
/// `calendar` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Offset from UTC used for every date shown to people and for working
    /// hours.
    pub offset: FixedOffset,
    /// A name shown after times (`UTC`, `CET`); defaults to `UTC±hh:mm`.
    pub zone_name: String,
    /// Days on which due steps may happen, Monday first.
    pub working_days: [bool; 7],
    /// Local start and end of the working day, in minutes after midnight;
    /// `None` when any hour will do.
    pub working_hours: Option<(u32, u32)>,
}

impl Default for Calendar {
    fn default() -> Self {
        Self { offset: utc(), zone_name: "UTC".to_owned(), working_days: [true; 7], working_hours: None }
    }
}

fn utc() -> FixedOffset {
    chrono::Utc.fix()
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

impl Calendar {
    /// Whether anything restricts when steps may happen.
    #[must_use]
    pub fn is_restricted(&self) -> bool {
        self.working_hours.is_some() || self.working_days.iter().any(|open| !open)
    }

    /// The first instant at or after `due` that falls on a working day within
    /// working hours: a follow-up due on Saturday night goes out on Monday
    /// morning. `None` only when no day is a working day or the result leaves
    /// the supported years.
    #[must_use]
    pub fn next_working_instant(&self, due: Timestamp) -> Option<Timestamp> {
        if !self.is_restricted() {
            return Some(due);
        }
        let local = due.with_timezone(&self.offset);
        let (start, end) = self.working_hours.unwrap_or((0, 24 * 60));
        let minute_of_day = local.hour() * 60 + local.minute();
        for days_ahead in 0..8_i64 {
            let day = local.date_naive().checked_add_signed(TimeDelta::days(days_ahead))?;
            if !self.is_working_day(day.weekday()) {
                continue;
            }
            if days_ahead == 0 && minute_of_day >= start && minute_of_day < end {
                return Some(due);
            }
            if days_ahead == 0 && minute_of_day >= end {
                continue;
            }
            let opening = NaiveTime::from_hms_opt(start / 60, start % 60, 0)?;
            let local_opening = day.and_time(opening);
            let utc_opening = local_opening.checked_sub_offset(self.offset)?.and_utc();
            return add(utc_opening, TimeDelta::zero());
        }
        None
    }

    fn is_working_day(&self, weekday: Weekday) -> bool {
        self.working_days.get(weekday.num_days_from_monday() as usize).copied().unwrap_or(false)
    }

    /// The local date and time of `at` in the calendar's zone.
    #[must_use]
    pub fn local_time(&self, at: Timestamp) -> chrono::NaiveDateTime {
        at.with_timezone(&self.offset).naive_local()
    }

    /// A date for people: `Monday, 23 November 2026`.
    #[must_use]
    pub fn long_date(&self, at: Timestamp) -> String {
        self.long_date_in(Lang::En, at)
    }

    /// A date for people in `lang` (`Montag, 23. November 2026`).
    #[must_use]
    pub fn long_date_in(&self, lang: Lang, at: Timestamp) -> String {
        crate::language::long_date(lang, self.local_time(at).date())
    }

    /// A date and time for people: `23 Nov 2026, 14:00 UTC`.
    #[must_use]
    pub fn date_time(&self, at: Timestamp) -> String {
        self.date_time_in(Lang::En, at)
    }

    /// A date and time for people in `lang` (`23. Nov. 2026, 14:00 UTC`).
    #[must_use]
    pub fn date_time_in(&self, lang: Lang, at: Timestamp) -> String {
        crate::language::date_time(lang, self.local_time(at), &self.zone_name)
    }
}

/// The default zone name for an offset: `UTC`, `UTC+01:00`, `UTC-05:30`.
#[must_use]
pub fn offset_name(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    if seconds == 0 {
        return "UTC".to_owned();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Parses `+01:00`, `-05:30` or `Z` into an offset.
pub fn parse_offset(text: &str) -> Result<FixedOffset, String> {
    let bad = || format!("`{}` is not a UTC offset such as `+01:00` or `-05:30`", crate::time::clip(text));
    if text == "Z" || text == "+00:00" || text == "-00:00" {
        return Ok(utc());
    }
    let mut chars = text.chars();
    let sign = match chars.next() {
        Some('+') => 1,
        Some('-') => -1,
        _ => return Err(bad()),
    };
    let rest: String = chars.collect();
    let (hours, minutes) = rest.split_once(':').ok_or_else(bad)?;
    if hours.len() != 2 || minutes.len() != 2 {
        return Err(bad());
    }
    let hours: i32 = hours.parse().map_err(|_| bad())?;
    let minutes: i32 = minutes.parse().map_err(|_| bad())?;
    if hours > 14 || minutes > 59 {
        return Err(bad());
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or_else(bad)
}

/// Parses a local time of day `HH:MM` into minutes after midnight; `24:00`
/// is accepted as the end of the day.
pub fn parse_time_of_day(text: &str) -> Result<u32, String> {
    let bad = || format!("`{}` is not a time of day such as `09:00`", crate::time::clip(text));
    let (hours, minutes) = text.split_once(':').ok_or_else(bad)?;
    if hours.len() != 2 || minutes.len() != 2 {
        return Err(bad());
    }
    let hours: u32 = hours.parse().map_err(|_| bad())?;
    let minutes: u32 = minutes.parse().map_err(|_| bad())?;
    if minutes > 59 || hours > 24 || (hours == 24 && minutes != 0) {
        return Err(bad());
    }
    Ok(hours * 60 + minutes)
}

/// Parses a weekday name (`mon`, `Monday`, any case) into its index, Monday 0.
#[must_use]
pub fn parse_weekday(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let short = lower.get(..3)?;
    let index = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().position(|day| *day == short)?;
    let full = WEEKDAYS.get(index)?.to_ascii_lowercase();
    (lower.len() == 3 || lower == full).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{format_timestamp, parse_timestamp};

    fn office() -> Calendar {
        Calendar {
            offset: parse_offset("+01:00").unwrap(),
            zone_name: "CET".to_owned(),
            working_days: [true, true, true, true, true, false, false],
            working_hours: Some((9 * 60, 17 * 60)),
        }
    }

    fn next(calendar: &Calendar, at: &str) -> String {
        format_timestamp(calendar.next_working_instant(parse_timestamp(at).unwrap()).unwrap())
    }

    #[test]
    fn unrestricted_calendar_changes_nothing() {
        let calendar = Calendar::default();
        assert_eq!(next(&calendar, "2026-11-21T03:00:00Z"), "2026-11-21T03:00:00Z");
    }

    #[test]
    fn steps_move_into_working_hours() {
        let calendar = office();
        // Monday 10:00 local: inside.
        assert_eq!(next(&calendar, "2026-11-23T09:00:00Z"), "2026-11-23T09:00:00Z");
        // Monday 07:00 local: wait for 09:00 local.
        assert_eq!(next(&calendar, "2026-11-23T06:00:00Z"), "2026-11-23T08:00:00Z");
        // Monday 17:00 local (end is exclusive): Tuesday 09:00.
        assert_eq!(next(&calendar, "2026-11-23T16:00:00Z"), "2026-11-24T08:00:00Z");
        // Saturday noon: Monday 09:00.
        assert_eq!(next(&calendar, "2026-11-21T11:00:00Z"), "2026-11-23T08:00:00Z");
        // Friday 23:30 UTC is Saturday 00:30 local: Monday.
        assert_eq!(next(&calendar, "2026-11-20T23:30:00Z"), "2026-11-23T08:00:00Z");
    }

    #[test]
    fn no_working_day_means_never() {
        let calendar = Calendar { working_days: [false; 7], ..Calendar::default() };
        assert!(calendar.next_working_instant(parse_timestamp("2026-11-21T03:00:00Z").unwrap()).is_none());
    }

    #[test]
    fn dates_read_well_in_the_local_offset() {
        let calendar = office();
        let at = parse_timestamp("2026-11-22T23:30:00Z").unwrap();
        assert_eq!(calendar.long_date(at), "Monday, 23 November 2026");
        assert_eq!(calendar.date_time(at), "23 Nov 2026, 00:30 CET");
        assert_eq!(Calendar::default().date_time(at), "22 Nov 2026, 23:30 UTC");
    }

    #[test]
    fn offsets_times_and_weekdays_parse() {
        assert_eq!(offset_name(parse_offset("-05:30").unwrap()), "UTC-05:30");
        assert_eq!(offset_name(parse_offset("Z").unwrap()), "UTC");
        assert!(parse_offset("+1").is_err());
        assert!(parse_offset("+15:00").is_err());
        assert_eq!(parse_time_of_day("09:30").unwrap(), 570);
        assert_eq!(parse_time_of_day("24:00").unwrap(), 1440);
        assert!(parse_time_of_day("24:01").is_err());
        assert!(parse_time_of_day("9:00").is_err());
        assert_eq!(parse_weekday("Sat"), Some(5));
        assert_eq!(parse_weekday("sunday"), Some(6));
        assert_eq!(parse_weekday("sundae"), None);
        assert_eq!(parse_weekday("s"), None);
    }
}
