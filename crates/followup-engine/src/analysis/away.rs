//! An automatic reply that gives a return date (`I am out of the office
//! until 12 November`) moves a due follow-up or resolution to the start of
//! the day after that date, in the organisation's calendar: no customer on
//! holiday should come back to a case closed for silence. The move is
//! bounded: at most [`MAX_POSTPONEMENT_DAYS`] after the automatic reply.

use chrono::{Datelike, Days, NaiveDate, TimeDelta};

use crate::calendar::Calendar;
use crate::replies::ReturnDate;
use crate::time::Timestamp;

/// The longest an automatic reply's return date may move the next step,
/// counted from the reply.
pub(crate) const MAX_POSTPONEMENT_DAYS: i64 = 30;

/// How far back a return date without a year may lie and still be this
/// year's (past, so no move).
const HALF_A_YEAR_DAYS: i64 = 183;

/// When the sender of an automatic reply received at `at` is back: the
/// start of the day after `date`, at most [`MAX_POSTPONEMENT_DAYS`] after
/// `at`; `None` when that day is not after `at`. Without a year, a day up
/// to half a year before the reply is past (an old notice left on), one
/// further back is next year's (`until 5 January`, sent in December).
pub(crate) fn back_at(calendar: &Calendar, at: Timestamp, date: ReturnDate) -> Option<Timestamp> {
    let local = calendar.local(at).date();
    let mut day = NaiveDate::from_ymd_opt(date.year.unwrap_or(local.year()), date.month, date.day)?;
    if date.year.is_none() && day < local && (local - day).num_days() > HALF_A_YEAR_DAYS {
        day = NaiveDate::from_ymd_opt(local.year() + 1, date.month, date.day)?;
    }
    let next = day.checked_add_days(Days::new(1))?;
    let back = calendar.zone.to_utc(next.and_hms_opt(0, 0, 0)?)?;
    let latest = at.checked_add_signed(TimeDelta::days(MAX_POSTPONEMENT_DAYS))?;
    (back > at).then_some(back.min(latest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn date(day: u32, month: u32, year: Option<i32>) -> ReturnDate {
        ReturnDate { day, month, year }
    }

    #[test]
    fn the_day_after_the_return_date_bounded() {
        let calendar = Calendar::default();
        let at = parse_timestamp("2026-11-03T09:00:00Z").unwrap();
        assert_eq!(back_at(&calendar, at, date(12, 11, None)), parse_timestamp("2026-11-13T00:00:00Z").ok());
        assert_eq!(back_at(&calendar, at, date(12, 11, Some(2026))), parse_timestamp("2026-11-13T00:00:00Z").ok());
        // A date just past is an old notice; one far back is next year's.
        assert_eq!(back_at(&calendar, at, date(1, 11, None)), None);
        assert_eq!(back_at(&calendar, at, date(1, 11, Some(2026))), None);
        assert_eq!(back_at(&calendar, at, date(5, 1, None)), parse_timestamp("2026-12-03T09:00:00Z").ok());
    }
}
