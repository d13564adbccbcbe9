//! Reads a POSIX TZ string (`CET-1CEST,M3.5.0,M10.5.0/3`) into the rule
//! tz-rs evaluates. tz-rs has a reader of its own, but only behind the one
//! that opens `TZif` files from the file system, which the wasm build has no
//! use for.
//!
//! Accepted, as in POSIX and the `TZif` footer extension: names of 3 or more
//! letters or `<+05>`; offsets `[+-]hh[:mm[:ss]]` (west of UTC positive, as
//! POSIX writes them); rules `Mm.w.d`, `Jn` or `n`, each with an optional
//! `/time` of up to ±167 hours. A daylight-saving name needs its rule.

use tz::timezone::{
    AlternateTime, Julian0WithLeap, Julian1WithoutLeap, LocalTimeType, MonthWeekDay, RuleDay, TransitionRule,
};

/// Reads `text`; the error says what is wrong, for a [`crate::Problem`].
pub(super) fn parse(text: &str) -> Result<TransitionRule, String> {
    let mut reader = Cursor { rest: text.as_bytes() };
    let bad = |why: &str| {
        format!("`{}` is not a POSIX TZ string such as `CET-1CEST,M3.5.0,M10.5.0/3`: {why}", crate::time::clip(text))
    };
    let std_name = reader.name().ok_or_else(|| bad("it must start with a zone name such as `CET` or `<+03>`"))?;
    let std_offset = reader.offset(24).ok_or_else(|| bad("the name must be followed by an offset such as `-1`"))?;
    let std = local_type(-std_offset, false, std_name).ok_or_else(|| bad("the offset is out of range"))?;
    if reader.rest.is_empty() {
        return Ok(TransitionRule::Fixed(std));
    }
    let dst_name = reader.name().ok_or_else(|| bad("a daylight-saving zone name must follow the offset"))?;
    let dst_offset = if matches!(reader.rest.first(), None | Some(&b',')) {
        std_offset - 3600
    } else {
        reader.offset(24).ok_or_else(|| bad("the daylight-saving offset is not `[+-]hh[:mm[:ss]]`"))?
    };
    let dst =
        local_type(-dst_offset, true, dst_name).ok_or_else(|| bad("the daylight-saving offset is out of range"))?;
    let (start, start_time) =
        reader.rule_day().ok_or_else(|| bad("the start of daylight saving is not `,Mm.w.d[/time]`"))?;
    let (end, end_time) = reader.rule_day().ok_or_else(|| bad("the end of daylight saving is not `,Mm.w.d[/time]`"))?;
    if !reader.rest.is_empty() {
        return Err(bad("something follows the end of daylight saving"));
    }
    AlternateTime::new(std, dst, start, start_time, end, end_time)
        .map(TransitionRule::Alternate)
        .map_err(|_| bad("its daylight-saving rule is inconsistent"))
}

fn local_type(offset: i32, is_dst: bool, name: &[u8]) -> Option<LocalTimeType> {
    (offset.abs() < 26 * 3600).then_some(())?;
    LocalTimeType::new(offset, is_dst, Some(name)).ok()
}

struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn take_while(&mut self, keep: impl Fn(u8) -> bool) -> &'a [u8] {
        let length = self.rest.iter().position(|&byte| !keep(byte)).unwrap_or(self.rest.len());
        let (head, tail) = self.rest.split_at(length);
        self.rest = tail;
        head
    }

    fn eat(&mut self, byte: u8) -> bool {
        match self.rest.split_first() {
            Some((&first, tail)) if first == byte => {
                self.rest = tail;
                true
            }
            _ => false,
        }
    }

    /// `CET` or `<+0330>`: 3 to 7 characters.
    fn name(&mut self) -> Option<&'a [u8]> {
        let name = if self.eat(b'<') {
            let name = self.take_while(|byte| byte.is_ascii_alphanumeric() || byte == b'+' || byte == b'-');
            self.eat(b'>').then_some(name)?
        } else {
            self.take_while(|byte| byte.is_ascii_alphabetic())
        };
        (3..=7).contains(&name.len()).then_some(name)
    }

    fn number(&mut self, max_digits: usize) -> Option<i32> {
        let digits = self.take_while(|byte| byte.is_ascii_digit());
        if digits.is_empty() || digits.len() > max_digits {
            return None;
        }
        Some(digits.iter().fold(0, |total, digit| total * 10 + i32::from(digit - b'0')))
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, hours at most `max_hours`.
    fn offset(&mut self, max_hours: i32) -> Option<i32> {
        let sign = if self.eat(b'-') {
            -1
        } else {
            self.eat(b'+');
            1
        };
        let hours = self.number(3).filter(|hours| *hours <= max_hours)?;
        let mut seconds = hours * 3600;
        for scale in [60, 1] {
            if !self.eat(b':') {
                break;
            }
            seconds += self.number(2).filter(|part| *part < 60)? * scale;
        }
        Some(sign * seconds)
    }

    /// `,Mm.w.d[/time]`, `,Jn[/time]` or `,n[/time]`; the time defaults to
    /// 02:00.
    fn rule_day(&mut self) -> Option<(RuleDay, i32)> {
        if !self.eat(b',') {
            return None;
        }
        let day = if self.eat(b'M') {
            let month = self.number(2)?;
            let week = self.eat(b'.').then(|| self.number(1)).flatten()?;
            let weekday = self.eat(b'.').then(|| self.number(1)).flatten()?;
            RuleDay::MonthWeekDay(MonthWeekDay::new(small(month)?, small(week)?, small(weekday)?).ok()?)
        } else if self.eat(b'J') {
            RuleDay::Julian1WithoutLeap(Julian1WithoutLeap::new(u16::try_from(self.number(3)?).ok()?).ok()?)
        } else {
            RuleDay::Julian0WithLeap(Julian0WithLeap::new(u16::try_from(self.number(3)?).ok()?).ok()?)
        };
        let time = if self.eat(b'/') { self.offset(167)? } else { 7200 };
        Some((day, time))
    }
}

fn small(number: i32) -> Option<u8> {
    u8::try_from(number).ok()
}
