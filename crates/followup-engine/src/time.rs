//! Instants and durations as they cross the boundary: RFC 3339 date-times in,
//! ISO 8601 durations in, and the text forms that go back out.
//!
//! The duration parser is written here rather than taken from a crate: the
//! subset we accept (weeks, days, hours, minutes, seconds) is small, and the
//! crates that parse all of ISO 8601 cost wasm size for calendar units we
//! reject anyway (a month has no fixed length, so a wait of `P1M` is refused).

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};

/// Quoted user input is clipped by [`crate::text::clip`]; this path stays
/// until calendar, config, timeline and zone import it from there.
pub(crate) use crate::text::clip;

/// A point in time, always in UTC inside the engine.
pub type Timestamp = DateTime<Utc>;

/// Earliest year accepted in any date-time input.
pub const MIN_YEAR: i32 = 1000;
/// Latest year accepted in any date-time input.
pub const MAX_YEAR: i32 = 9999;
/// Longest duration accepted anywhere: ten years of days.
pub const MAX_DURATION_DAYS: i64 = 3650;

/// Cap on any single amount while parsing, in milliseconds: twice the
/// maximum duration, so the exact check after parsing has the last word.
const PARSE_LIMIT_MILLIS: f64 = 2.0 * 3650.0 * 86_400_000.0;

/// Parses an RFC 3339 date-time (`2026-11-02T14:00:00Z`, any offset) into
/// UTC. The error message says what is wrong, for a [`crate::Problem`].
pub fn parse_timestamp(text: &str) -> Result<Timestamp, String> {
    let trimmed = text.trim();
    let bad =
        |why: &str| format!("`{}` is not an RFC 3339 date-time such as `2026-11-02T14:00:00Z`: {why}", clip(text));
    let (date, rest) = split_date(trimmed).ok_or_else(|| bad("the date must be `YYYY-MM-DD`"))?;
    let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(|| bad("a time must follow the date after `T`"))?;
    let (time, offset_seconds) = parse_time_and_offset(rest).map_err(&bad)?;
    let local = date.and_time(time);
    // Most times come in UTC (`Z`), which need no shift.
    let utc = match offset_seconds {
        0 => local,
        _ => local
            .checked_sub_signed(TimeDelta::seconds(i64::from(offset_seconds)))
            .ok_or_else(|| bad("it is out of range"))?,
    };
    check_year(utc.year(), text)?;
    Ok(utc.and_utc())
}

/// Parses either an RFC 3339 date-time or a plain date (`2026-11-02`, read
/// as midnight UTC); condition values may be written either way.
pub fn parse_date_or_timestamp(text: &str) -> Result<Timestamp, String> {
    let trimmed = text.trim();
    if trimmed.len() == 10 {
        if let Some((date, "")) = split_date(trimmed) {
            check_year(date.year(), text)?;
            return Ok(date.and_time(NaiveTime::MIN).and_utc());
        }
    }
    parse_timestamp(text)
}

// RFC 3339 is read here rather than by chrono's `parse_from_rfc3339`
// (0.4.45 reads it with a small fixed-format parser too, not the generic
// one): with it, and the hand code that words which part is wrong, the
// module was 1,420 bytes gzipped larger (measured 2 Dec 2026), with no room
// under its hard budget. A test checks that chrono reads the same.

/// The number written by the first `count` (at most 9) ASCII digits of
/// `text`, and the rest. Summed while the digits are checked, rather than
/// checked and then handed to `str::parse` to be read a second time.
fn digits(text: &str, count: usize) -> Option<(u32, &str)> {
    let head = text.get(..count)?;
    let mut number = 0u32;
    for byte in head.bytes() {
        if !byte.is_ascii_digit() {
            return None;
        }
        number = number * 10 + u32::from(byte - b'0');
    }
    Some((number, text.get(count..)?))
}

fn split_date(text: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = digits(text, 4)?;
    let (month, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some((date, rest))
}

fn parse_time_and_offset(text: &str) -> Result<(NaiveTime, i32), &'static str> {
    const TIME: &str = "the time must be `HH:MM:SS` with an optional fraction";
    const OFFSET: &str = "the time zone must be `Z` or an offset such as `+01:00`";
    let (hour, rest) = digits(text, 2).ok_or(TIME)?;
    let (minute, rest) = digits(rest.strip_prefix(':').ok_or(TIME)?, 2).ok_or(TIME)?;
    let (second, mut rest) = digits(rest.strip_prefix(':').ok_or(TIME)?, 2).ok_or(TIME)?;
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let length = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if length == 0 {
            return Err(TIME);
        }
        let (kept, after) = (fraction.get(..length).ok_or(TIME)?, fraction.get(length..).ok_or(TIME)?);
        for (index, byte) in kept.bytes().take(9).enumerate() {
            let power = 8u32.saturating_sub(u32::try_from(index).map_err(|_| TIME)?);
            nanos += u32::from(byte - b'0') * 10u32.pow(power);
        }
        rest = after;
    }
    // A leap second (:60) is read as the last nanosecond run of :59.
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000 + nanos)
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    }
    .ok_or("the time is out of range")?;
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(..1) {
                Some("+") => 1,
                Some("-") => -1,
                _ => return Err(OFFSET),
            };
            let (hours, after) = digits(rest.get(1..).ok_or(OFFSET)?, 2).ok_or(OFFSET)?;
            let (minutes, after) = digits(after.strip_prefix(':').ok_or(OFFSET)?, 2).ok_or(OFFSET)?;
            if !after.is_empty() || hours > 23 || minutes > 59 {
                return Err(OFFSET);
            }
            sign * i32::try_from(hours * 3600 + minutes * 60).map_err(|_| OFFSET)?
        }
    };
    Ok((time, offset))
}

/// Converts milliseconds since the Unix epoch (a JS `Date`'s value) to a
/// timestamp, refusing values outside the supported years.
pub fn timestamp_from_millis(millis: f64) -> Result<Timestamp, String> {
    if !millis.is_finite() {
        return Err("the date is not a finite time (an invalid `Date`?)".to_owned());
    }
    // Saturating float-to-int cast is intended: out-of-range values are
    // rejected just below by the year check.
    #[expect(clippy::cast_possible_truncation, reason = "range is checked right after")]
    let whole = millis.floor() as i64;
    let timestamp = DateTime::from_timestamp_millis(whole)
        .ok_or_else(|| format!("`{}` milliseconds is outside the supported range", crate::text::float_text(millis)))?;
    check_year(timestamp.year(), &crate::text::float_text(millis))?;
    Ok(timestamp)
}

fn check_year(year: i32, text: &str) -> Result<(), String> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(format!("`{}` is outside the supported years {MIN_YEAR} to {MAX_YEAR}", clip(text)))
    }
}

/// The canonical text of a timestamp: RFC 3339 in UTC with a `Z`, with
/// fractional seconds only when there are any (3, 6 or 9 digits, the
/// fewest that hold them), and a leap second as `:60`.
///
/// Written here rather than with chrono's `to_rfc3339_opts`, which gives
/// the same text (a test compares the two) through its general formatting
/// machinery, which costs 0.2 KB gzipped in the wasm module.
#[must_use]
pub fn format_timestamp(timestamp: Timestamp) -> String {
    let (date, time) = (timestamp.date_naive(), timestamp.time());
    let (mut second, mut nanos) = (time.second(), time.nanosecond());
    if nanos >= 1_000_000_000 {
        second += 1;
        nanos -= 1_000_000_000;
    }
    let mut text = String::with_capacity(30);
    // Years past 9999 (outside what the engine accepts) get a sign, as
    // chrono writes them.
    if date.year() > 9999 {
        text.push('+');
    }
    push_year(&mut text, date.year());
    for (separator, value) in
        [('-', date.month()), ('-', date.day()), ('T', time.hour()), (':', time.minute()), (':', second)]
    {
        text.push(separator);
        push_digits(&mut text, value, 2);
    }
    let (fraction, width) = match nanos {
        0 => (0, 0),
        _ if nanos % 1_000_000 == 0 => (nanos / 1_000_000, 3),
        _ if nanos % 1_000 == 0 => (nanos / 1_000, 6),
        _ => (nanos, 9),
    };
    if width > 0 {
        text.push('.');
        push_digits(&mut text, fraction, width);
    }
    text.push('Z');
    text
}

/// Appends `value` in decimal, zero-padded to at least `width` digits.
/// Dates for people and for machines are written with this rather than
/// `format!` with padded arguments: the same text in less wasm code.
pub(crate) fn push_digits(text: &mut String, value: u32, width: u32) {
    // Filled from the right: a `u32` has at most 10 digits.
    let mut digits = [b'0'; 10];
    let mut rest = value;
    let mut used = 0;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        rest /= 10;
        used += 1;
        if rest == 0 && used >= width {
            break;
        }
    }
    for &digit in digits.iter().skip(digits.len() - used as usize) {
        text.push(char::from(digit));
    }
}

/// Appends a year in decimal: four digits at least, with a `-` before a
/// year before 1 BCE.
pub(crate) fn push_year(text: &mut String, year: i32) {
    if year < 0 {
        text.push('-');
    }
    push_digits(text, year.unsigned_abs(), 4);
}

/// Adds `delta` to `timestamp`, or `None` when the result leaves the
/// supported years.
#[must_use]
pub fn add(timestamp: Timestamp, delta: TimeDelta) -> Option<Timestamp> {
    timestamp.checked_add_signed(delta).filter(|sum| (MIN_YEAR..=MAX_YEAR).contains(&sum.year()))
}

/// A length of time written as an ISO 8601 duration, keeping the text it
/// was written as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsoDuration {
    /// The duration as written in the input (`PT48H`).
    pub text: String,
    /// The length of time it stands for.
    pub delta: TimeDelta,
}

impl IsoDuration {
    /// Parses an ISO 8601 duration made of weeks, days, hours, minutes and
    /// seconds (`P2D`, `PT48H`, `P1DT12H`, `PT1.5H`). Years and months are
    /// refused: they have no fixed length.
    pub fn parse(text: &str) -> Result<Self, String> {
        let millis = parse_duration_millis(text)?;
        if millis > MAX_DURATION_DAYS * 86_400_000 {
            return Err(format!("`{}` is longer than the maximum of {MAX_DURATION_DAYS} days", clip(text)));
        }
        let delta = TimeDelta::try_milliseconds(millis).ok_or_else(|| format!("`{}` is out of range", clip(text)))?;
        Ok(Self { text: text.to_owned(), delta })
    }

    /// The duration for people: `48 hours`, `2 days`, `1 day 12 hours`.
    #[must_use]
    pub fn describe(&self) -> String {
        describe_delta(self.delta)
    }
}

/// Describes a length of time for people, in its two largest whole units
/// (`2 days 4 hours`, `45 minutes`). Whole days are shown as days unless the
/// total is under three days and a multiple of hours reads more naturally.
#[must_use]
pub fn describe_delta(delta: TimeDelta) -> String {
    let total_minutes = delta.num_minutes().max(0);
    let days = total_minutes / 1440;
    let hours = (total_minutes % 1440) / 60;
    let minutes = total_minutes % 60;
    let mut parts: Vec<String> = Vec::new();
    if days > 0 && days < 3 && minutes == 0 {
        // "48 hours" reads better than "2 days" for a short wait set in hours.
        return unit(days * 24 + hours, "hour");
    }
    if days > 0 {
        parts.push(unit(days, "day"));
    }
    if hours > 0 {
        parts.push(unit(hours, "hour"));
    }
    if minutes > 0 && days == 0 {
        parts.push(unit(minutes, "minute"));
    }
    if parts.is_empty() {
        let seconds = delta.num_seconds().max(0);
        return unit(seconds, "second");
    }
    parts.join(" ")
}

fn unit(count: i64, name: &str) -> String {
    if count == 1 { format!("1 {name}") } else { format!("{count} {name}s") }
}

fn parse_duration_millis(text: &str) -> Result<i64, String> {
    let shown = clip(text);
    let bad = |why: &str| format!("`{shown}` is not an ISO 8601 duration such as `PT48H` or `P2D`: {why}");
    let body = text.strip_prefix('P').ok_or_else(|| bad("it must start with `P`"))?;
    if body.is_empty() || body == "T" {
        return Err(bad("it has no amount"));
    }
    let mut total: i64 = 0;
    let mut in_time = false;
    let mut number = String::new();
    let mut seen_fraction = false;
    let mut last_rank = 0u8;
    for ch in body.chars() {
        if ch.is_ascii_digit() || ch == '.' || ch == ',' {
            if seen_fraction {
                return Err(bad("only the last amount may have a fraction"));
            }
            number.push(if ch == ',' { '.' } else { ch });
            continue;
        }
        if ch == 'T' {
            if in_time || !number.is_empty() {
                return Err(bad("`T` is misplaced"));
            }
            in_time = true;
            continue;
        }
        let (rank, unit_millis) = match (in_time, ch) {
            (false, 'W') => (1, 604_800_000_u32),
            (false, 'D') => (2, 86_400_000),
            (true, 'H') => (3, 3_600_000),
            (true, 'M') => (4, 60_000),
            (true, 'S') => (5, 1_000),
            (false, 'Y' | 'M') => {
                return Err(format!(
                    "`{shown}` uses years or months, which have no fixed length: write days instead (`P30D`)"
                ));
            }
            (false, 'H' | 'S') => {
                return Err(bad("hours, minutes and seconds go after `T` (`PT48H`)"));
            }
            _ => return Err(bad(&format!("`{ch}` is not a duration unit"))),
        };
        if rank <= last_rank {
            return Err(bad("units must appear once each, largest first"));
        }
        last_rank = rank;
        if number.is_empty() {
            return Err(bad(&format!("`{ch}` has no amount before it")));
        }
        let long_number = number.bytes().filter(u8::is_ascii_digit).count() > 15 && !number.contains("..");
        if long_number {
            return Err(format!("`{shown}` is longer than the maximum of {MAX_DURATION_DAYS} days"));
        }
        let amount = crate::text::parse_decimal(&number).ok_or_else(|| bad(&format!("`{number}` is not a number")))?;
        if number.contains('.') {
            seen_fraction = true;
        }
        number.clear();
        let millis = amount * f64::from(unit_millis);
        if !millis.is_finite() || millis > PARSE_LIMIT_MILLIS {
            return Err(format!("`{shown}` is longer than the maximum of {MAX_DURATION_DAYS} days"));
        }
        // In range by the check above, and never negative: no sign is parsed.
        #[expect(clippy::cast_possible_truncation, reason = "bounded just above")]
        let part = millis.round() as i64;
        total = total.saturating_add(part);
    }
    if !number.is_empty() {
        return Err(bad(&format!("`{number}` has no unit after it")));
    }
    if in_time && last_rank < 3 {
        return Err(bad("`T` must be followed by hours, minutes or seconds"));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(text: &str) -> i64 {
        IsoDuration::parse(text).unwrap().delta.num_milliseconds()
    }

    #[test]
    fn durations_in_every_accepted_unit() {
        assert_eq!(millis("PT48H"), 48 * 3_600_000);
        assert_eq!(millis("P2D"), 2 * 86_400_000);
        assert_eq!(millis("P1W"), 7 * 86_400_000);
        assert_eq!(millis("P1DT12H"), 36 * 3_600_000);
        assert_eq!(millis("PT1.5H"), 90 * 60_000);
        assert_eq!(millis("PT1,5H"), 90 * 60_000);
        assert_eq!(millis("PT90M"), 90 * 60_000);
        assert_eq!(millis("PT0S"), 0);
        assert_eq!(millis("P1DT1H1M1S"), 86_400_000 + 3_600_000 + 60_000 + 1_000);
    }

    #[test]
    fn durations_refused_with_the_reason() {
        let cases = [
            ("48h", "must start with `P`"),
            ("P", "no amount"),
            ("PT", "no amount"),
            ("P1M", "no fixed length"),
            ("P1Y", "no fixed length"),
            ("P48H", "go after `T`"),
            ("PT48X", "`X` is not a duration unit"),
            ("PTH", "no amount before it"),
            ("PT5", "has no unit after it"),
            ("PT1H2H", "once each"),
            ("PT1M2H", "largest first"),
            ("PT1.5H30M", "only the last amount"),
            ("P1D2T", "`T` is misplaced"),
            ("P3651D", "maximum"),
            ("P99999999999999999999D", "maximum"),
            ("P-1D", "`-` is not a duration unit"),
            ("P1..5D", "not a number"),
        ];
        for (text, expected) in cases {
            let error = IsoDuration::parse(text).unwrap_err();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn timestamps_parse_with_any_offset_and_print_in_utc() {
        let t = parse_timestamp("2026-11-02T15:00:00+01:00").unwrap();
        assert_eq!(format_timestamp(t), "2026-11-02T14:00:00Z");
        let t = parse_timestamp("2026-11-02T14:00:00.250Z").unwrap();
        assert_eq!(format_timestamp(t), "2026-11-02T14:00:00.250Z");
        assert!(parse_timestamp("2026-11-02 14:00").is_err());
        assert!(parse_timestamp("2026-13-02T14:00:00Z").is_err());
        assert!(parse_timestamp("0001-01-01T00:00:00Z").unwrap_err().contains("supported years"));
        let d = parse_date_or_timestamp("2026-11-02").unwrap();
        assert_eq!(format_timestamp(d), "2026-11-02T00:00:00Z");
        let t = parse_timestamp("2026-11-02t14:00:00.123456789-05:30").unwrap();
        assert_eq!(format_timestamp(t), "2026-11-02T19:30:00.123456789Z");
        let t = parse_timestamp("2026-12-31T23:59:60Z").unwrap();
        assert_eq!(format_timestamp(t), "2026-12-31T23:59:60Z");
        let t = parse_timestamp("2027-01-01T00:30:00+01:00").unwrap();
        assert_eq!(format_timestamp(t), "2026-12-31T23:30:00Z");
        let date = "the date must be `YYYY-MM-DD`";
        let time = "the time must be `HH:MM:SS` with an optional fraction";
        let zone = "the time zone must be `Z` or an offset such as `+01:00`";
        for (bad, why) in [
            ("2026-11-02", "a time must follow the date after `T`"),
            ("2026-11-02T14:00Z", time),
            ("2026-11-02T14:00:00", zone),
            ("2026-11-02T14:00:00+0100", zone),
            ("2026-11-02T14:00:00+24:00", zone),
            ("2026-11-02T25:00:00Z", "the time is out of range"),
            ("2026-11-02T14:60:00+01:00", "the time is out of range"),
            ("2026-02-30T10:00:00Z", date),
            ("2026-11-02T14:00:00.Z", time),
            ("2026-11-02T14:00:00Zjunk", zone),
            ("２０２６-11-02T14:00:00Z", date),
            ("", date),
        ] {
            let message = parse_timestamp(bad).unwrap_err();
            assert!(message.ends_with(&format!("such as `2026-11-02T14:00:00Z`: {why}")), "{bad}: {message}");
        }
        assert!(parse_timestamp(" 2026-11-02T14:00:00Z ").is_ok());
        // chrono reads every text this parser takes as this parser does.
        for good in [
            "2026-11-02T15:00:00+01:00",
            "2026-11-02t14:00:00.123456789-05:30",
            "2026-12-31T23:59:60Z",
            "2026-11-02 14:00:00.5Z",
        ] {
            let chrono = chrono::DateTime::parse_from_rfc3339(good).map(|at| at.to_utc());
            assert_eq!(parse_timestamp(good), chrono.map_err(|_| String::new()), "{good}");
        }
    }

    #[test]
    fn numbers_are_padded_to_the_width_asked() {
        let written = |value, width| {
            let mut text = String::new();
            push_digits(&mut text, value, width);
            text
        };
        assert_eq!(written(7, 2), "07");
        assert_eq!(written(0, 1), "0");
        assert_eq!(written(0, 0), "0");
        assert_eq!(written(2026, 2), "2026");
        assert_eq!(written(u32::MAX, 4), "4294967295");
        assert_eq!(written(1_000_000_000, 1), "1000000000");
        let mut year = String::new();
        push_year(&mut year, -44);
        assert_eq!(year, "-0044");
    }

    #[test]
    fn timestamps_are_written_as_chrono_writes_them() {
        use chrono::SecondsFormat;
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let fractions = [0, 5_000_000, 123_000_000, 999_999_000, 1_000, 123_456_789, 7, 1_000_000_000, 1_999_999_999];
        for round in 0..20_000_u64 {
            // Years 1 to 9999, and a few outside chrono's four digits.
            let seconds = i64::try_from(next() % 315_537_897_600).unwrap() - 62_135_596_800;
            let seconds = match round % 1_000 {
                0 => -62_200_000_000 - seconds.abs(),
                500 => 253_402_300_800 + seconds.abs(),
                _ => seconds,
            };
            let fraction = fractions[usize::try_from(next() % 9).unwrap()];
            // A leap second is only valid at the last second of a minute.
            let seconds = if fraction >= 1_000_000_000 { seconds - seconds.rem_euclid(60) + 59 } else { seconds };
            let Some(at) = DateTime::from_timestamp(seconds, fraction) else { continue };
            assert_eq!(format_timestamp(at), at.to_rfc3339_opts(SecondsFormat::AutoSi, true), "{seconds} {fraction}");
        }
    }

    #[test]
    fn millis_from_js_dates() {
        let t = timestamp_from_millis(1_793_800_800_000.0).unwrap();
        assert_eq!(format_timestamp(t), "2026-11-04T14:00:00Z");
        assert!(timestamp_from_millis(f64::NAN).is_err());
        assert!(timestamp_from_millis(f64::INFINITY).is_err());
        assert!(timestamp_from_millis(8.64e15).is_err());
    }

    #[test]
    fn deltas_described_for_people() {
        assert_eq!(describe_delta(TimeDelta::hours(48)), "48 hours");
        assert_eq!(describe_delta(TimeDelta::hours(24)), "24 hours");
        assert_eq!(describe_delta(TimeDelta::days(7)), "7 days");
        assert_eq!(describe_delta(TimeDelta::hours(36)), "36 hours");
        assert_eq!(describe_delta(TimeDelta::hours(100)), "4 days 4 hours");
        assert_eq!(describe_delta(TimeDelta::minutes(45)), "45 minutes");
        assert_eq!(describe_delta(TimeDelta::minutes(61)), "1 hour 1 minute");
        assert_eq!(describe_delta(TimeDelta::seconds(5)), "5 seconds");
    }

    #[test]
    fn long_input_is_clipped_in_messages() {
        let long = "P".repeat(500);
        let error = IsoDuration::parse(&long).unwrap_err();
        assert!(error.len() < 300, "{error}");
    }
}
