//! Times and lengths of time as host-sim shows them: instants in UTC to the
//! minute for the terminal, RFC 3339 for tools, ISO 8601 durations parsed
//! from flags.

use followup_engine::Zone;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDateTime, TimeDelta, Timelike};
use followup_engine::{IsoDuration, Timestamp, format_timestamp, parse_timestamp};

/// An instant for the terminal: `2026-11-02 14:05` (UTC).
#[must_use]
pub fn short(at: Timestamp) -> String {
    to_the_minute(at.naive_utc())
}

/// An instant in a calendar's zone: `2026-11-02 15:05`.
#[must_use]
pub fn local(at: Timestamp, offset: Zone) -> String {
    to_the_minute(offset.local(at))
}

/// `2026-11-02 15:05`, written from the date's fields: a replay writes
/// one for every line of every case, and chrono's `format` reads its
/// pattern again on each call (a tenth of a replay's time, profiled).
fn to_the_minute(at: NaiveDateTime) -> String {
    format!("{:04}-{:02}-{:02} {:02}:{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute())
}

/// The zone a config's calendar shows times in: `UTC`, `UTC+01:00 (Paris)`,
/// `Europe/Paris`.
#[must_use]
pub fn zone(calendar: &followup_engine::Calendar) -> String {
    if let Some(id) = &calendar.zone_id {
        return id.clone();
    }
    let offset = offset_name(calendar.offset_at(Timestamp::UNIX_EPOCH).local_minus_utc());
    match &calendar.zone_name {
        Some(name) if *name != offset => format!("{offset} ({name})"),
        _ => offset,
    }
}

/// A fixed offset as the engine names it: `UTC`, `UTC+01:00`, `UTC-05:30`.
fn offset_name(seconds_east: i32) -> String {
    if seconds_east == 0 {
        return "UTC".to_owned();
    }
    let sign = if seconds_east < 0 { '-' } else { '+' };
    let minutes = seconds_east.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// An ISO 8601 duration for a whole number of minutes or more (`PT4H`, `P1DT2H`, `PT0S`).
#[must_use]
pub fn iso_duration(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let mut text = String::from("P");
    if days > 0 {
        let _ = write!(text, "{days}D");
    }
    if hours > 0 || mins > 0 || days == 0 {
        text.push('T');
        if hours > 0 {
            let _ = write!(text, "{hours}H");
        }
        if mins > 0 {
            let _ = write!(text, "{mins}M");
        }
        if hours == 0 && mins == 0 {
            text.push_str("0S");
        }
    }
    text
}

/// An instant for tools: RFC 3339 in UTC (`2026-11-02T14:05:00Z`).
#[must_use]
pub fn rfc3339(at: Timestamp) -> String {
    format_timestamp(at)
}

/// Reads an RFC 3339 instant given on the command line or in a scenario.
pub fn parse_instant(text: &str) -> Result<Timestamp, String> {
    parse_timestamp(text)
}

/// Reads an ISO 8601 duration (`PT4H`, `P1D`).
pub fn parse_duration(text: &str) -> Result<TimeDelta, String> {
    IsoDuration::parse(text).map(|duration| duration.delta)
}

/// A length of time for people, in its two largest units: `19d 5h`,
/// `4h 30m`, `45m`.
#[must_use]
pub fn span(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_instants_and_spans() {
        let at = parse_instant("2026-11-02T14:05:30+01:00").unwrap();
        assert_eq!(short(at), "2026-11-02 13:05");
        assert_eq!(rfc3339(at), "2026-11-02T13:05:30Z");
        assert_eq!(span(TimeDelta::minutes(19 * 1440 + 5 * 60 + 7)), "19d 5h");
        assert_eq!(span(TimeDelta::minutes(270)), "4h 30m");
        assert_eq!(span(TimeDelta::minutes(45)), "45m");
        assert_eq!(span(TimeDelta::hours(3)), "3h");
        assert_eq!(span(TimeDelta::days(2)), "2d");
        assert_eq!(parse_duration("PT4H").unwrap(), TimeDelta::hours(4));
        assert!(parse_duration("soon").is_err());
    }
}
