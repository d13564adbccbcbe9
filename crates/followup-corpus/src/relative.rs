//! Times relative to a scenario's `t0`: any text in a case, its timeline,
//! its checks or its replay that reads `t0`, `t0+PT48H` or `t0-P1D` is the
//! instant `t0` plus or minus that ISO 8601 duration, so a scenario states
//! its story once and needs no generator.

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use followup_engine::problem::{Problem, ProblemCode, field_path, index_path};
use serde_json::Value;

/// Reads an RFC 3339 instant for `t0`.
pub fn parse_t0(text: &str, path: &str) -> Result<DateTime<Utc>, Problem> {
    DateTime::parse_from_rfc3339(text).map(|at| at.with_timezone(&Utc)).map_err(|error| {
        Problem::new(ProblemCode::InvalidDateTime, path, format!("`{text}` is not an RFC 3339 date-time: {error}"))
    })
}

/// Replaces every `t0…` text inside `value` by the instant it stands for;
/// problems name the path under `path`.
pub fn resolve(value: &mut Value, t0: Option<DateTime<Utc>>, path: &str) -> Result<(), Problem> {
    match value {
        Value::String(text) if text == "t0" || text.starts_with("t0+") || text.starts_with("t0-") => {
            let at = instant(text, t0, path)?;
            *text = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                resolve(item, t0, &index_path(path, index))?;
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                resolve(item, t0, &field_path(path, key))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn instant(text: &str, t0: Option<DateTime<Utc>>, path: &str) -> Result<DateTime<Utc>, Problem> {
    let fail = |message: String| Problem::new(ProblemCode::InvalidDateTime, path, message);
    let Some(t0) = t0 else {
        return Err(fail(format!("`{text}` is relative to `t0`: give the scenario (or the case) a `t0`")));
    };
    let rest = text.get(2..).unwrap_or_default();
    if rest.is_empty() {
        return Ok(t0);
    }
    let (sign, duration) = match rest.split_at_checked(1) {
        Some(("+", duration)) => (1, duration),
        Some(("-", duration)) => (-1, duration),
        _ => return Err(fail(format!("`{text}` is not a time relative to `t0`: write `t0+PT48H` or `t0-P1D`"))),
    };
    let delta = delta(duration).map_err(|message| fail(format!("`{text}`: {message}")))?;
    let delta = if sign < 0 { -delta } else { delta };
    t0.checked_add_signed(delta).ok_or_else(|| fail(format!("`{text}` is out of range")))
}

/// An ISO 8601 duration of fixed length (weeks, days, hours, minutes,
/// seconds; months and years have no fixed length).
fn delta(text: &str) -> Result<TimeDelta, String> {
    let parsed =
        iso8601::duration(text).map_err(|_| format!("`{text}` is not an ISO 8601 duration such as `PT48H`"))?;
    match parsed {
        iso8601::Duration::Weeks(weeks) => Ok(TimeDelta::weeks(i64::from(weeks))),
        iso8601::Duration::YMDHMS { year: 0, month: 0, day, hour, minute, second, millisecond } => {
            Ok(TimeDelta::days(i64::from(day))
                + TimeDelta::hours(i64::from(hour))
                + TimeDelta::minutes(i64::from(minute))
                + TimeDelta::seconds(i64::from(second))
                + TimeDelta::milliseconds(i64::from(millisecond)))
        }
        iso8601::Duration::YMDHMS { .. } => Err("months and years have no fixed length: use days (`P30D`)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn texts_relative_to_t0_become_instants() {
        let t0 = parse_t0("2026-11-02T14:00:00Z", "t0").unwrap();
        let mut value = json!({"at": "t0+PT48H", "list": ["t0", "t0-P1DT2H", "t0 is a name", 5], "sentAt": "t0+P1W"});
        resolve(&mut value, Some(t0), "").unwrap();
        assert_eq!(
            value,
            json!({"at": "2026-11-04T14:00:00Z", "list": ["2026-11-02T14:00:00Z", "2026-11-01T12:00:00Z", "t0 is a name", 5],
                   "sentAt": "2026-11-09T14:00:00Z"})
        );
    }

    #[test]
    fn problems_name_their_path() {
        let t0 = parse_t0("2026-11-02T14:00:00Z", "t0").unwrap();
        let mut value = json!({"timeline": [{"at": "t0+P1M"}]});
        let problem = resolve(&mut value, Some(t0), "cases[0]").unwrap_err();
        assert_eq!(problem.path, "cases[0].timeline[0].at");
        assert!(problem.message.contains("no fixed length"), "{}", problem.message);
        let problem = resolve(&mut json!("t0+soon"), Some(t0), "x").unwrap_err();
        assert!(problem.message.contains("not an ISO 8601 duration"), "{}", problem.message);
        let problem = resolve(&mut json!("t0"), None, "x").unwrap_err();
        assert!(problem.message.contains("give the scenario (or the case) a `t0`"), "{}", problem.message);
    }
}
