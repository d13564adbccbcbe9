//! The `calendar` section: the zone, working days and hours, holidays and
//! the customer's zone field.

use chrono::NaiveDate;

use crate::address::breaks_line;
use crate::calendar::{Calendar, Holiday, parse_offset, parse_time_of_day, parse_weekday};
use crate::problem::{Problem, ProblemCode, index_path};
use crate::time::clip;
use crate::zone::Zone;

use super::RawCalendar;

pub(super) fn compile(raw: &RawCalendar, problems: &mut Vec<Problem>) -> Calendar {
    let mut calendar = Calendar::default();
    compile_zone(raw, &mut calendar, problems);
    if let Some(name) = raw.zone_name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        if name.contains(breaks_line) {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                "calendar.zoneName",
                format!("`{}` is not one line of visible text", crate::text::visible(name)),
            ));
        }
        calendar.zone_name = Some(clip(name));
    }
    if let Some(days) = &raw.working_days {
        let mut working = [false; 7];
        for (index, day) in days.iter().enumerate() {
            match parse_weekday(day) {
                Some(weekday) => {
                    if let Some(slot) = working.get_mut(weekday) {
                        *slot = true;
                    }
                }
                None => problems.push(Problem::new(
                    ProblemCode::InvalidValue,
                    index_path("calendar.workingDays", index),
                    format!("`{}` is not a weekday: use `mon`, `tue`, ... `sun`", clip(day)),
                )),
            }
        }
        if !working.contains(&true) {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                "calendar.workingDays",
                "at least one working day is needed",
            ));
        }
        calendar.working_days = working;
    }
    if let Some(hours) = &raw.working_hours {
        let start = parse_time_of_day(&hours.start).map_err(|message| {
            problems.push(Problem::new(ProblemCode::InvalidValue, "calendar.workingHours.start", message));
        });
        let end = parse_time_of_day(&hours.end).map_err(|message| {
            problems.push(Problem::new(ProblemCode::InvalidValue, "calendar.workingHours.end", message));
        });
        if let (Ok(start), Ok(end)) = (start, end) {
            if start >= end {
                problems.push(Problem::new(
                    ProblemCode::InvalidValue,
                    "calendar.workingHours",
                    format!(
                        "the working day must start before it ends (`{}` to `{}`)",
                        clip(&hours.start),
                        clip(&hours.end)
                    ),
                ));
            } else {
                calendar.working_hours = Some((start, end));
            }
        }
    }
    calendar.holidays = compile_holidays(raw.holidays.as_deref().unwrap_or_default(), problems);
    if let Some(field) = raw.customer_time_zone_field.as_deref().map(str::trim) {
        if field.is_empty() {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                "calendar.customerTimeZoneField",
                "the field name is empty",
            ));
        } else {
            calendar.customer_zone_field = Some(clip(field));
        }
    }
    calendar
}

/// The zone: one of `utcOffset`, `timeZone` and `timeZoneRule`.
fn compile_zone(raw: &RawCalendar, calendar: &mut Calendar, problems: &mut Vec<Problem>) {
    let given = [("utcOffset", &raw.utc_offset), ("timeZone", &raw.time_zone), ("timeZoneRule", &raw.time_zone_rule)];
    let mut named = given.iter().filter(|(_, value)| value.is_some()).map(|(name, _)| *name);
    if let (Some(first), Some(second)) = (named.next(), named.next()) {
        problems.push(Problem::new(
            ProblemCode::InvalidValue,
            format!("calendar.{second}"),
            format!("give one of `utcOffset`, `timeZone` and `timeZoneRule`, not both `{first}` and `{second}`"),
        ));
        return;
    }
    if let Some(text) = &raw.utc_offset {
        match parse_offset(text) {
            Ok(offset) => calendar.zone = Zone::fixed(offset.local_minus_utc()).unwrap_or_default(),
            Err(message) => problems.push(Problem::new(ProblemCode::InvalidValue, "calendar.utcOffset", message)),
        }
    }
    if let Some(name) = &raw.time_zone {
        match Zone::named(name.trim()) {
            Some(zone) => {
                calendar.zone = zone;
                calendar.zone_id = Some(clip(name.trim()));
            }
            None => problems.push(Problem::new(ProblemCode::InvalidValue, "calendar.timeZone", unknown_zone(name))),
        }
    }
    if let Some(rule) = &raw.time_zone_rule {
        match Zone::from_rule(rule) {
            Ok(zone) => {
                calendar.zone = zone;
                calendar.zone_id = Some(clip(rule.trim()));
            }
            Err(message) => problems.push(Problem::new(ProblemCode::InvalidValue, "calendar.timeZoneRule", message)),
        }
    }
}

/// What to say of a zone name this build does not carry.
pub(crate) fn unknown_zone(name: &str) -> String {
    let name = name.trim();
    if let Some(known) = Zone::carried().find(|known| known.eq_ignore_ascii_case(name)) {
        return format!("`{}` is not a time zone name: the IANA name is written `{known}`", clip(name));
    }
    format!(
        "`{}` is not one of the {} time zones this build carries (docs/behaviour.md 4.8 lists them): give the zone's rule \
         as `timeZoneRule`, the last line of its file in the IANA database (`tail -n1 /usr/share/zoneinfo/{}`, such as \
         `<+0545>-5:45` for Asia/Kathmandu), or a fixed `utcOffset`",
        clip(name),
        Zone::carried().count(),
        clip(name),
    )
}

/// `calendar.holidays`: `YYYY-MM-DD` for one date, `MM-DD` for every year.
fn compile_holidays(texts: &[String], problems: &mut Vec<Problem>) -> Vec<Holiday> {
    let mut holidays = Vec::with_capacity(texts.len());
    for (index, text) in texts.iter().enumerate() {
        match parse_holiday(text.trim()) {
            Some(holiday) => holidays.push(holiday),
            None => problems.push(Problem::new(
                ProblemCode::InvalidValue,
                index_path("calendar.holidays", index),
                format!("`{}` is not a date such as `2026-12-24` or, for every year, `12-25`", clip(text)),
            )),
        }
    }
    holidays
}

fn parse_holiday(text: &str) -> Option<Holiday> {
    let number = |part: &str, digits: usize| {
        (part.len() == digits && part.bytes().all(|byte| byte.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [month, day] => {
            let (month, day) = (number(month, 2)?, number(day, 2)?);
            // 2024 is a leap year: `02-29` is a holiday in leap years.
            NaiveDate::from_ymd_opt(2024, month, day).map(|_| Holiday::Yearly(month, day))
        }
        [year, month, day] => {
            let year = i32::try_from(number(year, 4)?).ok()?;
            NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?).map(Holiday::Date)
        }
        _ => None,
    }
}
