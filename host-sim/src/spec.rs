//! A case's `replay` field: the settings of its replay (end time,
//! representative policy) and what the replay is expected to do.
//!
//! ```json
//! "replay": {
//!   "until": "2026-12-01T00:00:00Z",
//!   "policy": "after:PT4H",
//!   "expect": {
//!     "actions": [{"at": "2026-11-04T14:05:00Z", "action": "sendFollowUp", "by": "agent", "followUpNumber": 2}],
//!     "final": {"resolved": true, "resolvedTooEarly": false}
//!   }
//! }
//! ```

use followup_engine::Timestamp;
use serde_json::Value;

use crate::replay::policy::Policy;
use crate::timefmt::parse_instant;

/// The fields a `replay` object may hold.
const FIELDS: [&str; 3] = ["until", "policy", "expect"];
/// The fields an `expect` object may hold.
const EXPECT_FIELDS: [&str; 3] = ["actions", "final", "error"];

/// A case's replay settings and expectations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplaySpec {
    /// End of the virtual clock for this case.
    pub until: Option<Timestamp>,
    /// The representative's policy for this case.
    pub policy: Option<Policy>,
    /// What the replay should do (`{actions, final}` or `{error}`), compared partially.
    pub expect: Option<Value>,
}

/// A problem in a `replay` field: the path under the case entry and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecProblem {
    /// The path (`replay.until`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Reads a case's `replay` field (absent gives the defaults).
pub fn read_spec(value: Option<&Value>) -> Result<ReplaySpec, SpecProblem> {
    let Some(value) = value else {
        return Ok(ReplaySpec::default());
    };
    let fail = |path: &str, message: String| SpecProblem { path: format!("replay{path}"), message };
    let Value::Object(map) = value else {
        return Err(fail("", "`replay` must be an object with `until`, `policy` and/or `expect`".to_owned()));
    };
    if let Some(unknown) = map.keys().find(|key| !FIELDS.contains(&key.as_str())) {
        return Err(fail(
            &format!(".{unknown}"),
            format!("unknown field `{unknown}`, expected one of `{}`", FIELDS.join("`, `")),
        ));
    }
    let until = match map.get("until") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(parse_instant(text).map_err(|message| fail(".until", message))?),
        Some(_) => return Err(fail(".until", "`until` must be an RFC 3339 date-time".to_owned())),
    };
    let policy = match map.get("policy") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(Policy::parse(text).map_err(|message| fail(".policy", message))?),
        Some(_) => return Err(fail(".policy", "`policy` must be `never` or `after:<duration>`".to_owned())),
    };
    let expect = match map.get("expect") {
        None | Some(Value::Null) => None,
        Some(Value::Object(expect)) => {
            if let Some(unknown) = expect.keys().find(|key| !EXPECT_FIELDS.contains(&key.as_str())) {
                return Err(fail(
                    &format!(".expect.{unknown}"),
                    format!("unknown field `{unknown}`, expected one of `{}`", EXPECT_FIELDS.join("`, `")),
                ));
            }
            Some(Value::Object(expect.clone()))
        }
        Some(_) => {
            return Err(fail(".expect", "`expect` must be an object with `actions`, `final` or `error`".to_owned()));
        }
    };
    Ok(ReplaySpec { until, policy, expect })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_settings_and_expectations() {
        let spec =
            read_spec(Some(&json!({"until": "2026-12-01T00:00:00Z", "policy": "never", "expect": {"final": {}}})))
                .unwrap();
        assert_eq!(spec.policy, Some(Policy::Never));
        assert!(spec.until.is_some() && spec.expect.is_some());
        assert_eq!(read_spec(None).unwrap(), ReplaySpec::default());
    }

    #[test]
    fn problems_have_paths() {
        let error = read_spec(Some(&json!({"until": "soon"}))).unwrap_err();
        assert_eq!(error.path, "replay.until");
        let error = read_spec(Some(&json!({"expect": {"final": {}, "actoins": []}}))).unwrap_err();
        assert_eq!(error.path, "replay.expect.actoins");
        let error = read_spec(Some(&json!({"polcy": "never"}))).unwrap_err();
        assert_eq!(error.path, "replay.polcy");
    }
}
