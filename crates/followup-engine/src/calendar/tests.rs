use super::*;
use crate::time::{format_timestamp, parse_timestamp};

fn office() -> Calendar {
    Calendar {
        zone: Zone::fixed(3600).unwrap(),
        zone_name: Some("CET".to_owned()),
        working_days: [true, true, true, true, true, false, false],
        working_hours: Some((9 * 60, 17 * 60)),
        ..Calendar::default()
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

fn paris() -> Calendar {
    Calendar {
        zone: Zone::named("Europe/Paris").unwrap(),
        zone_id: Some("Europe/Paris".to_owned()),
        zone_name: None,
        holidays: vec![
            Holiday::Yearly(12, 25),
            Holiday::Yearly(5, 1),
            Holiday::Date(NaiveDate::from_ymd_opt(2027, 3, 29).unwrap()),
            Holiday::Date(NaiveDate::from_ymd_opt(2026, 11, 11).unwrap()),
        ],
        ..office()
    }
}

#[test]
fn working_hours_follow_the_clock_changes() {
    let calendar = paris();
    // Friday 27 March 2026, 18:00 CET: Monday 30 March 09:00 CEST (07:00Z).
    assert_eq!(next(&calendar, "2026-03-27T17:00:00Z"), "2026-03-30T07:00:00Z");
    // Friday 23 October 2026 after hours: Monday 26 October 09:00 CET (08:00Z).
    assert_eq!(next(&calendar, "2026-10-23T16:30:00Z"), "2026-10-26T08:00:00Z");
    // Monday 26 October 2026, 08:30 CET is before opening; 07:30Z was 08:30 CEST the week before.
    assert_eq!(next(&calendar, "2026-10-26T07:30:00Z"), "2026-10-26T08:00:00Z");
    // Thursday 29 October 2026, 16:30 CET (15:30Z) is inside; 16:00Z is 17:00 CET, closed.
    assert_eq!(next(&calendar, "2026-10-29T15:30:00Z"), "2026-10-29T15:30:00Z");
    assert_eq!(next(&calendar, "2026-10-29T16:00:00Z"), "2026-10-30T08:00:00Z");
    // In summer time 16:00Z is 18:00 CEST: closed too.
    assert_eq!(next(&calendar, "2026-07-01T16:00:00Z"), "2026-07-02T07:00:00Z");
    let zone_label = |at: &str| calendar.date_time(parse_timestamp(at).unwrap());
    assert_eq!(zone_label("2026-07-01T07:00:00Z"), "1 Jul 2026, 09:00 CEST");
    assert_eq!(zone_label("2026-12-01T08:00:00Z"), "1 Dec 2026, 09:00 CET");
}

#[test]
fn holidays_move_a_step_to_the_next_working_time() {
    let calendar = paris();
    // Christmas 2026 is a Friday: a step due that morning waits for Monday 28.
    assert_eq!(next(&calendar, "2026-12-25T09:00:00Z"), "2026-12-28T08:00:00Z");
    // Thursday 24 December after hours: Friday is a holiday, then the weekend.
    assert_eq!(next(&calendar, "2026-12-24T17:00:00Z"), "2026-12-28T08:00:00Z");
    // A dated holiday: Easter Monday 2027 (29 March, the day after the change to CEST).
    assert_eq!(next(&calendar, "2027-03-27T10:00:00Z"), "2027-03-30T07:00:00Z");
    // Wednesday 11 November 2026: Thursday 12.
    assert_eq!(next(&calendar, "2026-11-11T10:00:00Z"), "2026-11-12T08:00:00Z");
    // A yearly holiday recurs: 1 May 2027 is a Saturday anyway, 1 May 2026 a Friday.
    assert_eq!(next(&calendar, "2026-05-01T08:00:00Z"), "2026-05-04T07:00:00Z");
    assert!(calendar.is_holiday(NaiveDate::from_ymd_opt(2031, 12, 25).unwrap()));
    // Holidays alone restrict a calendar.
    let only_holidays = Calendar { holidays: vec![Holiday::Yearly(12, 25)], ..Calendar::default() };
    assert_eq!(next(&only_holidays, "2026-12-25T09:00:00Z"), "2026-12-26T00:00:00Z");
}

#[test]
fn working_hours_in_another_zone() {
    let calendar = paris();
    let new_york = Zone::named("America/New_York").unwrap();
    let next_in =
        |at: &str| format_timestamp(calendar.next_working_instant_in(&new_york, parse_timestamp(at).unwrap()).unwrap());
    // 10:00 in Paris on Monday 2 November 2026 is 04:00 in New York: 09:00 EST is 14:00Z.
    assert_eq!(next_in("2026-11-02T09:00:00Z"), "2026-11-02T14:00:00Z");
    // Across New York's change on 14 March 2027: Friday 12 March 17:30 EST, then Monday 15 at 09:00 EDT (13:00Z).
    assert_eq!(next_in("2027-03-12T22:30:00Z"), "2027-03-15T13:00:00Z");
}
