//! # followup-corpus
//!
//! Scenarios: a config plus case histories, with the decisions expected at
//! given instants. The one corpus format that the native tests, the wasm
//! tests (Node and Chromium) and `host-sim check` all read. Test
//! infrastructure, kept out of the engine: never published.
//!
//! Expectations are partial: an expected object names only the fields it
//! cares about, and a string may be matched by `{"$contains": "text"}`.

use serde::Deserialize;
use serde_json::{Map, Value};

use followup_engine::problem::{Problem, ProblemCode, field_path, index_path};

/// A scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Scenario {
    /// Short name.
    pub name: String,
    /// What the scenario shows.
    #[serde(default)]
    pub description: String,
    /// The config, as a host would pass it.
    pub config: Value,
    /// The cases.
    pub cases: Vec<ScenarioCase>,
}

/// One case history in a scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ScenarioCase {
    /// Short name of the case.
    pub name: String,
    /// The case record.
    pub case: Value,
    /// The recorded timeline, oldest first.
    #[serde(default)]
    pub timeline: Value,
    /// Decisions expected at given instants, seeing the timeline up to then.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// What a replay on a virtual clock is expected to do (`host-sim`).
    #[serde(default)]
    pub replay: Option<Value>,
}

/// A decision expected at an instant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The instant (`now`).
    pub at: String,
    /// The expected decision, partially: only the fields named are compared.
    /// Compared with the `decision` of a success, or with the whole
    /// response when it holds `type`.
    pub expect: Value,
}

impl Scenario {
    /// Reads a scenario from JSON.
    pub fn from_json(value: &Value) -> Result<Self, Problem> {
        deserialize_at(value, "")
    }
}

/// Deserializes `value` as `T`, reporting the first structural problem with
/// its full path (`prefix` plus the path inside `value`).
fn deserialize_at<T: serde::de::DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, Problem> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let inner = error.inner().to_string();
        let path = error.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let code = if inner.starts_with("unknown field") {
            ProblemCode::UnknownField
        } else if inner.starts_with("missing field") {
            ProblemCode::MissingField
        } else if inner.starts_with("invalid type") {
            ProblemCode::InvalidType
        } else {
            ProblemCode::InvalidValue
        };
        Problem::new(code, followup_engine::problem::join_path(prefix, &path), inner)
    })
}

/// A short, stable fingerprint of a response (64-bit FNV-1a of its JSON
/// text, in hex): the golden file records one per check, so the wasm suites
/// can prove they decide exactly as the native engine does.
#[must_use]
pub fn digest(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The key of a check in the golden file: case name and instant.
#[must_use]
pub fn check_key(case: &ScenarioCase, check: &Check) -> String {
    format!("{} @ {}", case.name, check.at)
}

/// One difference between an expectation and what came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Where, as a JSON path into the output.
    pub path: String,
    /// What was expected.
    pub expected: String,
    /// What came out.
    pub actual: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            if self.path.is_empty() { "." } else { &self.path },
            self.expected,
            self.actual
        )
    }
}

/// Compares `actual` with the partial expectation `expected`.
#[must_use]
pub fn compare(expected: &Value, actual: &Value) -> Vec<Mismatch> {
    let mut mismatches = Vec::new();
    compare_at(expected, Some(actual), "", &mut mismatches);
    mismatches
}

fn show(value: Option<&Value>) -> String {
    match value {
        None => "nothing".to_owned(),
        Some(value) => {
            let text = value.to_string();
            if text.chars().count() > 200 { format!("{}…", text.chars().take(200).collect::<String>()) } else { text }
        }
    }
}

fn compare_at(expected: &Value, actual: Option<&Value>, path: &str, out: &mut Vec<Mismatch>) {
    let mismatch = |out: &mut Vec<Mismatch>| {
        out.push(Mismatch { path: path.to_owned(), expected: show(Some(expected)), actual: show(actual) });
    };
    match expected {
        Value::Object(wanted) if wanted.len() == 1 && wanted.contains_key("$contains") => {
            let needle = wanted.get("$contains").and_then(Value::as_str).unwrap_or("");
            if !actual.and_then(Value::as_str).is_some_and(|text| text.contains(needle)) {
                out.push(Mismatch {
                    path: path.to_owned(),
                    expected: format!("text containing {}", Value::String(needle.to_owned())),
                    actual: show(actual),
                });
            }
        }
        Value::Object(wanted) => match actual {
            Some(Value::Object(got)) => compare_objects(wanted, got, path, out),
            _ => mismatch(out),
        },
        Value::Array(wanted) => match actual {
            Some(Value::Array(got)) if got.len() == wanted.len() => {
                for (index, (want, have)) in wanted.iter().zip(got).enumerate() {
                    compare_at(want, Some(have), &index_path(path, index), out);
                }
            }
            _ => mismatch(out),
        },
        Value::Null => {
            if !matches!(actual, None | Some(Value::Null)) {
                mismatch(out);
            }
        }
        Value::Number(wanted) => {
            if actual.and_then(Value::as_f64) != wanted.as_f64() {
                mismatch(out);
            }
        }
        scalar => {
            if actual != Some(scalar) {
                mismatch(out);
            }
        }
    }
}

fn compare_objects(wanted: &Map<String, Value>, got: &Map<String, Value>, path: &str, out: &mut Vec<Mismatch>) {
    for (key, want) in wanted {
        compare_at(want, got.get(key), &field_path(path, key), out);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn partial_objects_match_what_they_name() {
        let actual = json!({"state": "waiting", "followUps": {"sent": 1, "total": 3}, "card": null, "list": [1, 2]});
        assert!(compare(&json!({"state": "waiting", "followUps": {"sent": 1}}), &actual).is_empty());
        assert!(compare(&json!({"card": null, "missing": null}), &actual).is_empty());
        assert!(compare(&json!({"list": [1, 2.0]}), &actual).is_empty());
    }

    #[test]
    fn mismatches_name_their_path() {
        let actual =
            json!({"state": "waiting", "followUps": {"sent": 1}, "list": [1, 2], "summary": "Follow-up 2 of 3"});
        let found = compare(
            &json!({"state": "followUpDue", "followUps": {"sent": 2}, "list": [1], "summary": {"$contains": "of 4"}, "x": 1}),
            &actual,
        );
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            vec![
                "followUps.sent: expected 2, got 1",
                "list: expected [1], got [1,2]",
                "state: expected \"followUpDue\", got \"waiting\"",
                "summary: expected text containing \"of 4\", got \"Follow-up 2 of 3\"",
                "x: expected 1, got nothing",
            ]
        );
    }
}
