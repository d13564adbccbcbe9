//! The organisation's calendar: the time zone dates are shown in, the days
//! and hours in which the agent may send, the holidays, and the human forms
//! of dates.
//!
//! The zone is a fixed offset or a zone with daylight saving time
//! ([`crate::zone`]); working hours are local hours in it, across its clock
//! changes.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, Timelike, Weekday};

use serde_json::Value;

use crate::language::Lang;
use crate::record::CaseRecord;
use crate::time::{Timestamp, add};
use crate::zone::Zone;

/// How many days ahead the search for working time looks: a year and a
/// week, so that any list of holidays with a working day left in the year
/// is crossed.
const SEARCH_DAYS: i64 = 373;

/// A day off in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// One date (`2026-12-24`).
    Date(NaiveDate),
    /// The same day every year (`12-25`): month and day.
    Yearly(u32, u32),
}

impl Holiday {
    /// Whether `day` is this holiday.
    #[must_use]
    pub fn falls_on(self, day: NaiveDate) -> bool {
        match self {
            Self::Date(date) => date == day,
            Self::Yearly(month, of_month) => day.month() == month && day.day() == of_month,
        }
    }
}

/// When and how the agent deals with time, compiled from the config's
/// `calendar` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The zone every date shown to people and the working hours are in.
    pub zone: Zone,
    /// What the config named the zone by (`Europe/Paris`, a POSIX rule), for
    /// reports; `None` for a fixed offset.
    pub zone_id: Option<String>,
    /// A name shown after times (`CET`); `None`: the zone's abbreviation
    /// in force (`CET`, `CEST`), or `UTC±hh:mm`.
    pub zone_name: Option<String>,
    /// Days on which due steps may happen, Monday first.
    pub working_days: [bool; 7],
    /// Local start and end of the working day, in minutes after midnight;
    /// `None` when any hour will do.
    pub working_hours: Option<(u32, u32)>,
    /// Days on which no step happens, in the working-hours zone.
    pub holidays: Vec<Holiday>,
    /// The case field that gives the customer's time zone; when the case
    /// has one, working hours, days and holidays are read in it.
    pub customer_zone_field: Option<String>,
}

fn utc() -> FixedOffset {
    chrono::Utc.fix()
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

impl Default for Calendar {
    /// UTC, every day and hour working, no holidays.
    fn default() -> Self {
        Self {
            zone: Zone::utc(),
            zone_id: None,
            zone_name: None,
            working_days: [true; 7],
            working_hours: None,
            holidays: Vec::new(),
            customer_zone_field: None,
        }
    }
}

impl Calendar {
    /// Whether anything restricts when steps may happen.
    #[must_use]
    pub fn is_restricted(&self) -> bool {
        self.working_hours.is_some() || self.working_days.iter().any(|open| !open) || !self.holidays.is_empty()
    }

    /// The offset from UTC in force at `at`.
    #[must_use]
    pub fn offset_at(&self, at: Timestamp) -> FixedOffset {
        FixedOffset::east_opt(self.zone.offset_at(at)).unwrap_or_else(utc)
    }

    /// The local date and time at `at`.
    #[must_use]
    pub fn local(&self, at: Timestamp) -> NaiveDateTime {
        self.zone.local(at)
    }

    /// The name shown after a time at `at`: the configured name, else the
    /// zone's abbreviation in force, else `UTC±hh:mm`.
    #[must_use]
    pub fn zone_label(&self, at: Timestamp) -> String {
        if let Some(name) = &self.zone_name {
            return name.clone();
        }
        self.zone.abbreviation_at(at).unwrap_or_else(|| offset_name(self.offset_at(at)))
    }

    /// The first instant at or after `due` that falls on a working day that
    /// is not a holiday, within working hours, in the calendar's zone: a
    /// follow-up due on Saturday night goes out on Monday morning.
    #[must_use]
    pub fn next_working_instant(&self, due: Timestamp) -> Option<Timestamp> {
        self.next_working_instant_in(&self.zone, due)
    }

    /// [`Self::next_working_instant`] with the working hours, days and
    /// holidays read in `zone` (the customer's). `None` only when no day in
    /// the year ahead is a working day or the result leaves the supported
    /// years.
    #[must_use]
    pub fn next_working_instant_in(&self, zone: &Zone, due: Timestamp) -> Option<Timestamp> {
        if !self.is_restricted() {
            return Some(due);
        }
        let local = zone.local(due);
        let (start, end) = self.working_hours.unwrap_or((0, 24 * 60));
        let minute_of_day = local.hour() * 60 + local.minute();
        for days_ahead in 0..SEARCH_DAYS {
            let day = local.date().checked_add_signed(TimeDelta::days(days_ahead))?;
            if !self.is_working_day(day.weekday()) || self.is_holiday(day) {
                continue;
            }
            if days_ahead == 0 && minute_of_day >= start && minute_of_day < end {
                return Some(due);
            }
            if days_ahead == 0 && minute_of_day >= end {
                continue;
            }
            let opening = NaiveTime::from_hms_opt(start / 60, start % 60, 0)?;
            return zone.to_utc(day.and_time(opening)).and_then(|at| add(at, TimeDelta::zero()));
        }
        None
    }

    /// The zone working time is read in for `case`: the customer's, when
    /// the calendar names a field for it (`customerTimeZoneField`) and the
    /// case gives one (an IANA name this build carries, an offset such as
    /// `-05:00`, or whole minutes east of UTC); else the calendar's. The
    /// note says why a value given could not be read.
    #[must_use]
    pub fn zone_for(&self, case: &CaseRecord) -> (Zone, Option<String>) {
        let Some(field) = &self.customer_zone_field else { return (self.zone, None) };
        let zone = match case.field(field).raw {
            None => return (self.zone, None),
            Some(Value::String(text)) => {
                let text = text.trim();
                Zone::named(text)
                    .or_else(|| parse_offset(text).ok().and_then(|offset| Zone::fixed(offset.local_minus_utc())))
            }
            Some(Value::Number(number)) => {
                number.as_i64().and_then(|minutes| i32::try_from(minutes.checked_mul(60)?).ok()).and_then(Zone::fixed)
            }
            Some(_) => None,
        };
        match zone {
            Some(zone) => (zone, None),
            None => (
                self.zone,
                Some(format!(
                    "the case's `{field}` does not name a time zone this build knows (an IANA name such as `Europe/Paris`, an offset such as `-05:00`, or minutes east of UTC): working hours are the calendar's"
                )),
            ),
        }
    }

    /// Whether `day` is one of the calendar's holidays.
    #[must_use]
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.holidays.iter().any(|holiday| holiday.falls_on(day))
    }

    fn is_working_day(&self, weekday: Weekday) -> bool {
        self.working_days.get(weekday.num_days_from_monday() as usize).copied().unwrap_or(false)
    }

    /// A date for people: `Monday, 23 November 2026`.
    #[must_use]
    pub fn long_date(&self, at: Timestamp) -> String {
        self.long_date_in(Lang::En, at)
    }

    /// A date for people in `lang` (`Montag, 23. November 2026`).
    #[must_use]
    pub fn long_date_in(&self, lang: Lang, at: Timestamp) -> String {
        crate::language::long_date(lang, self.local(at).date())
    }

    /// A date and time for people: `23 Nov 2026, 14:00 UTC`.
    #[must_use]
    pub fn date_time(&self, at: Timestamp) -> String {
        self.date_time_in(Lang::En, at)
    }

    /// A date and time for people in `lang` (`23. Nov. 2026, 14:00 MEZ`).
    #[must_use]
    pub fn date_time_in(&self, lang: Lang, at: Timestamp) -> String {
        crate::language::date_time(lang, self.local(at), &self.zone_label(at))
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
mod tests;
