use super::*;
use crate::time::{format_timestamp, parse_timestamp};

fn at(text: &str) -> Timestamp {
    parse_timestamp(text).unwrap()
}

fn local(zone: &Zone, text: &str) -> String {
    zone.local(at(text)).format("%Y-%m-%d %H:%M").to_string()
}

fn utc(zone: &Zone, local: &str) -> String {
    let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
    format_timestamp(zone.to_utc(naive).unwrap())
}

/// Each change of 2026 and 2027 (from Python's zoneinfo over tzdata 2025b):
/// the second before it, in the old offset, the change itself in the new.
#[test]
fn daylight_saving_changes_of_2026_and_2027_in_three_zones() {
    let changes: &[(&str, &str, i32, i32, &str)] = &[
        ("Europe/Paris", "2026-03-29T01:00:00Z", 3600, 7200, "CEST"),
        ("Europe/Paris", "2026-10-25T01:00:00Z", 7200, 3600, "CET"),
        ("Europe/Paris", "2027-03-28T01:00:00Z", 3600, 7200, "CEST"),
        ("Europe/Paris", "2027-10-31T01:00:00Z", 7200, 3600, "CET"),
        ("America/New_York", "2026-03-08T07:00:00Z", -5 * 3600, -4 * 3600, "EDT"),
        ("America/New_York", "2026-11-01T06:00:00Z", -4 * 3600, -5 * 3600, "EST"),
        ("America/New_York", "2027-03-14T07:00:00Z", -5 * 3600, -4 * 3600, "EDT"),
        ("America/New_York", "2027-11-07T06:00:00Z", -4 * 3600, -5 * 3600, "EST"),
        ("Australia/Sydney", "2026-04-04T16:00:00Z", 11 * 3600, 10 * 3600, "AEST"),
        ("Australia/Sydney", "2026-10-03T16:00:00Z", 10 * 3600, 11 * 3600, "AEDT"),
        ("Australia/Sydney", "2027-04-03T16:00:00Z", 11 * 3600, 10 * 3600, "AEST"),
        ("Australia/Sydney", "2027-10-02T16:00:00Z", 10 * 3600, 11 * 3600, "AEDT"),
    ];
    for (name, change, before, after, abbreviation) in changes {
        let zone = Zone::named(name).unwrap();
        let change = at(change);
        let just_before = change - TimeDelta::seconds(1);
        assert_eq!(zone.offset_at(just_before), *before, "{name} before {change}");
        assert_eq!(zone.offset_at(change), *after, "{name} at {change}");
        assert_eq!(zone.abbreviation_at(change).as_deref(), Some(*abbreviation), "{name} at {change}");
    }
}

#[test]
fn local_times_skipped_or_repeated_by_a_change() {
    let paris = Zone::named("Europe/Paris").unwrap();
    // Spring: 02:30 does not exist; it is read as 03:30 CEST.
    assert_eq!(utc(&paris, "2026-03-29 02:30"), "2026-03-29T01:30:00Z");
    assert_eq!(utc(&paris, "2026-03-29 09:00"), "2026-03-29T07:00:00Z");
    assert_eq!(utc(&paris, "2026-03-28 09:00"), "2026-03-28T08:00:00Z");
    // Autumn: 02:30 happens twice; the first (CEST) is taken.
    assert_eq!(utc(&paris, "2026-10-25 02:30"), "2026-10-25T00:30:00Z");
    assert_eq!(local(&paris, "2026-10-25T00:30:00Z"), "2026-10-25 02:30");
    assert_eq!(local(&paris, "2026-10-25T01:30:00Z"), "2026-10-25 02:30");
    let new_york = Zone::named("America/New_York").unwrap();
    assert_eq!(utc(&new_york, "2027-03-14 02:30"), "2027-03-14T07:30:00Z");
    assert_eq!(utc(&new_york, "2027-11-07 01:30"), "2027-11-07T05:30:00Z");
    let sydney = Zone::named("Australia/Sydney").unwrap();
    assert_eq!(utc(&sydney, "2027-10-03 02:30"), "2027-10-02T16:30:00Z");
    assert_eq!(utc(&sydney, "2027-04-04 02:30"), "2027-04-03T15:30:00Z");
}

#[test]
fn fixed_offsets_names_and_rules() {
    let fixed = Zone::fixed(-5 * 3600 - 1800).unwrap();
    assert_eq!(fixed.offset_at(at("2026-07-01T00:00:00Z")), -19800);
    assert_eq!(fixed.abbreviation_at(at("2026-07-01T00:00:00Z")), None);
    assert!(Zone::fixed(26 * 3600).is_none());
    assert_eq!(Zone::named("UTC").unwrap().abbreviation_at(at("2026-07-01T00:00:00Z")).as_deref(), Some("UTC"));
    assert_eq!(Zone::named("Etc/UTC"), Some(Zone::utc()));
    assert_eq!(Zone::named("europe/paris"), None);
    assert_eq!(Zone::named("Asia/Kathmandu"), None);
    let kathmandu = Zone::from_rule("<+0545>-5:45").unwrap();
    assert_eq!(kathmandu.offset_at(at("2026-07-01T00:00:00Z")), 5 * 3600 + 45 * 60);
    assert_eq!(kathmandu.abbreviation_at(at("2026-07-01T00:00:00Z")), None);
    let dublin = Zone::named("Europe/Dublin").unwrap();
    assert_eq!(dublin.offset_at(at("2026-07-01T00:00:00Z")), 3600);
    assert_eq!(dublin.offset_at(at("2026-12-01T00:00:00Z")), 0);
    let santiago = Zone::named("America/Santiago").unwrap();
    assert_eq!(santiago.offset_at(at("2026-12-01T00:00:00Z")), -3 * 3600);
    for bad in
        ["", "CET", "CET-1CEST", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0", "CE-1", "CET-1CEST,M3.5.0,M10.5.0/3x"]
    {
        assert!(Zone::from_rule(bad).is_err(), "{bad}");
    }
    assert_eq!(
        Zone::from_rule("CET-1CEST").unwrap_err(),
        "`CET-1CEST` is not a POSIX TZ string such as `CET-1CEST,M3.5.0,M10.5.0/3`: the start of daylight saving is not `,Mm.w.d[/time]`"
    );
}

#[test]
fn every_carried_zone_reads_and_the_table_is_in_order() {
    let names: Vec<&str> = Zone::carried().collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    for name in names {
        assert!(Zone::named(name).is_some(), "{name}");
    }
}

/// The table against the machine's tzdata, when there is one: a zone whose
/// rule changed there needs its line updated (and the tzdata version in
/// `table.rs`).
#[test]
fn table_matches_the_system_tzdata() {
    for (name, rule) in zones() {
        let Ok(bytes) = std::fs::read(format!("/usr/share/zoneinfo/{name}")) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let footer = text.trim_end_matches('\n').rsplit('\n').next().unwrap_or("");
        assert_eq!(footer, rule, "{name}: the system tzdata has `{footer}`");
    }
}
