//! Time zones: a fixed UTC offset, or a zone with daylight saving time read
//! from its rule.
//!
//! The rules are evaluated by tz-rs (`tz-rs` on crates.io), from the POSIX
//! TZ string that ends every `TZif` file of the IANA database: the zone's
//! rule as it stands today, which is all the engine needs (it places steps
//! within weeks of `now`; a zone's history before its latest rule change is
//! not carried). The build carries the rules of the zones in [`table`]; any
//! other is given by its rule. Why this and not a crate with the database
//! (the wasm cost of each, measured): bench/README.md, "Time zones".

mod posix;
mod table;

use chrono::{DateTime, NaiveDateTime, TimeDelta};
use tz::TimeZoneRef;
use tz::timezone::{LocalTimeType, TransitionRule};

use crate::time::Timestamp;

/// The carried zones: `(IANA name, POSIX TZ string)`.
fn zones() -> impl Iterator<Item = (&'static str, &'static str)> {
    table::ZONES.lines().filter_map(|line| line.split_once(' '))
}

/// A time zone: a fixed offset or a rule with daylight saving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    rule: TransitionRule,
}

impl Default for Zone {
    fn default() -> Self {
        Self::utc()
    }
}

impl Zone {
    /// UTC.
    #[must_use]
    pub fn utc() -> Self {
        Self { rule: TransitionRule::Fixed(LocalTimeType::utc()) }
    }

    /// A fixed offset east of UTC, in seconds; `None` beyond ±25 hours.
    #[must_use]
    pub fn fixed(seconds_east: i32) -> Option<Self> {
        (seconds_east.abs() < 25 * 3600).then_some(())?;
        LocalTimeType::with_ut_offset(seconds_east).ok().map(|local| Self { rule: TransitionRule::Fixed(local) })
    }

    /// The zone this build carries under the IANA name `name` (exact
    /// spelling, as `Europe/Paris`); `UTC` and `Etc/UTC` too.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        if name == "Etc/UTC" {
            return Some(Self::utc());
        }
        let (_, rule) = zones().find(|(known, _)| *known == name)?;
        posix::parse(rule).ok().map(|rule| Self { rule })
    }

    /// A zone from its POSIX TZ string (`CET-1CEST,M3.5.0,M10.5.0/3`).
    pub fn from_rule(text: &str) -> Result<Self, String> {
        posix::parse(text.trim()).map(|rule| Self { rule })
    }

    /// The IANA names of the zones this build carries.
    pub fn carried() -> impl Iterator<Item = &'static str> {
        zones().map(|(name, _)| name)
    }

    fn local_type(&self, at: i64) -> LocalTimeType {
        let types = [LocalTimeType::utc()];
        let rule = Some(self.rule);
        match TimeZoneRef::new(&[], &types, &[], &rule).and_then(|zone| zone.find_local_time_type(at).copied()) {
            Ok(local) => local,
            // Only an instant beyond the years tz-rs computes (none the
            // engine accepts): read it as UTC.
            Err(_) => LocalTimeType::utc(),
        }
    }

    /// The offset east of UTC in force at `at`, in seconds.
    #[must_use]
    pub fn offset_at(&self, at: Timestamp) -> i32 {
        self.local_type(at.timestamp()).ut_offset()
    }

    /// The zone's abbreviation at `at` (`CET`, `CEST`), when it has one made
    /// of letters (zones such as `<-03>` have none).
    #[must_use]
    pub fn abbreviation_at(&self, at: Timestamp) -> Option<String> {
        let local = self.local_type(at.timestamp());
        let name = local.time_zone_designation();
        (!name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphabetic())).then(|| name.to_owned())
    }

    /// The local date and time at `at`.
    #[must_use]
    pub fn local(&self, at: Timestamp) -> NaiveDateTime {
        let naive = at.naive_utc();
        naive.checked_add_signed(TimeDelta::seconds(i64::from(self.offset_at(at)))).unwrap_or(naive)
    }

    /// The instant a local date and time names. A time that occurs twice
    /// (the hour the clocks go back) is the earlier; a time the clocks skip
    /// (the hour they go forward) is read with the offset before the change,
    /// so it lands as far after the change as it was after the hour skipped
    /// (`02:30` becomes `03:30`), as JavaScript's `Temporal` does by default.
    #[must_use]
    pub fn to_utc(&self, local: NaiveDateTime) -> Option<Timestamp> {
        let as_utc = local.and_utc();
        let around = |days: i64| as_utc.checked_add_signed(TimeDelta::days(days)).map_or(0, |at| self.offset_at(at));
        let candidate = |offset: i32| as_utc.checked_sub_signed(TimeDelta::seconds(i64::from(offset)));
        let valid = |at: &DateTime<chrono::Utc>| self.local(*at) == local;
        let before = candidate(around(-1))?;
        let after = candidate(around(1))?;
        Some(match (valid(&before), valid(&after)) {
            (true, true) => before.min(after),
            (false, true) => after,
            _ => before,
        })
    }
}

#[cfg(test)]
mod tests;
