//! # followup-corpus
//!
//! Scenarios: a config plus case histories, with the decisions expected at
//! given instants. The one corpus format that the native tests, the wasm
//! tests (Node and Chromium) and `host-sim check` all read. Test
//! infrastructure, kept out of the engine: never published.
//!
//! Expectations are partial: an expected object names only the fields it
//! cares about, and a string may be matched by `{"$contains": "text"}`.

pub mod calls;
pub mod compare;
pub mod fields;
pub mod hostile;
pub mod relative;

pub use calls::{Call, Check, Host, NativeHost, Step, compare_response, run_check};
pub use compare::{Mismatch, compare, matches};

use serde::Deserialize;
use serde_json::Value;

use followup_engine::problem::{Problem, ProblemCode, field_path, index_path};

/// A scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Scenario {
    /// The schema editors complete the file with (`schemas/scenario.schema.json`).
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    /// Short name.
    pub name: String,
    /// What the scenario shows.
    #[serde(default)]
    pub description: String,
    /// The instant `t0` stands for in the scenario's times (`t0+PT48H`).
    #[serde(default)]
    pub t0: Option<String>,
    /// The config, as a host would pass it.
    pub config: Value,
    /// The cases, their `t0` times resolved.
    pub cases: Vec<ScenarioCase>,
}

/// One case history in a scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ScenarioCase {
    /// Short name of the case.
    pub name: String,
    /// This case's own `t0`, instead of the scenario's.
    #[serde(default)]
    pub t0: Option<String>,
    /// The case record.
    pub case: Value,
    /// The recorded timeline, oldest first.
    #[serde(default)]
    pub timeline: Value,
    /// Calls and what each is expected to answer.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// What a replay on a virtual clock is expected to do (`host-sim`).
    #[serde(default)]
    pub replay: Option<Value>,
}

impl Scenario {
    /// Reads a scenario from JSON: times relative to `t0` become instants,
    /// and an expectation naming a field the output does not have is a
    /// problem naming its path.
    pub fn from_json(value: &Value) -> Result<Self, Problem> {
        let mut value = value.clone();
        let t0 = match value.get("t0") {
            Some(Value::String(text)) => Some(relative::parse_t0(text, "t0")?),
            _ => None,
        };
        if let Some(Value::Array(cases)) = value.get_mut("cases") {
            for (index, entry) in cases.iter_mut().enumerate() {
                let prefix = index_path("cases", index);
                prepare_entry(entry, t0, &prefix)?;
            }
        }
        deserialize_at(&value, "")
    }
}

/// Readies one raw case entry (`{name, t0, case, timeline, checks,
/// replay}`) for reading: its times relative to `t0` (its own or the
/// scenario's) become instants, and its expectations' field names are
/// checked. Problems name paths under `prefix`.
pub fn prepare_entry(
    entry: &mut Value,
    scenario_t0: Option<chrono::DateTime<chrono::Utc>>,
    prefix: &str,
) -> Result<(), Problem> {
    let Value::Object(map) = entry else {
        return Ok(());
    };
    let t0 = match map.get("t0") {
        Some(Value::String(text)) => Some(relative::parse_t0(text, &field_path(prefix, "t0"))?),
        _ => scenario_t0,
    };
    for key in ["case", "timeline", "checks", "replay"] {
        if let Some(part) = map.get_mut(key) {
            relative::resolve(part, t0, &field_path(prefix, key))?;
        }
    }
    match expectation_problems(entry, prefix).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Reads one check, with problems at `path` (`cases[0].checks[2]`).
pub fn read_check(value: &Value, path: &str) -> Result<Check, Problem> {
    deserialize_at(value, path)
}

/// Every expectation field of a raw case entry that the output does not have.
#[must_use]
pub fn expectation_problems(entry: &Value, prefix: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let call_of = |value: &Value| {
        value.get("call").and_then(|call| serde_json::from_value::<Call>(call.clone()).ok()).unwrap_or_default()
    };
    for (index, check) in entry.get("checks").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let path = index_path(&field_path(prefix, "checks"), index);
        if let Some(expect) = check.get("expect") {
            let call = call_of(check);
            problems.extend(fields::unknown_fields(expect, call.expectation(), &field_path(&path, "expect")));
        }
        for (number, step) in check.get("steps").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if let Some(expect) = step.get("expect") {
                let step_path = field_path(&index_path(&field_path(&path, "steps"), number), "expect");
                problems.extend(fields::unknown_fields(expect, call_of(step).expectation(), &step_path));
            }
        }
    }
    if let Some(expect) = entry.get("replay").and_then(|replay| replay.get("expect")) {
        let path = field_path(&field_path(prefix, "replay"), "expect");
        for (index, action) in expect.get("actions").and_then(Value::as_array).into_iter().flatten().enumerate() {
            problems.extend(fields::unknown_fields(
                action,
                "replayAction",
                &index_path(&field_path(&path, "actions"), index),
            ));
        }
        if let Some(last) = expect.get("final") {
            problems.extend(fields::unknown_fields(last, "replayFinal", &field_path(&path, "final")));
        }
    }
    problems
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn scenarios_read_relative_times_and_refuse_unknown_expectation_fields() {
        let scenario = json!({"$schema": "../../schemas/scenario.schema.json", "name": "s", "t0": "2026-11-02T14:00:00Z",
            "config": {"rules": []},
            "cases": [{"name": "c", "case": {"createdon": "t0-P7D"},
                       "timeline": [{"type": "statusChange", "at": "t0", "statusReason": 2}],
                       "checks": [{"at": "t0+PT48H", "expect": {"dueAt": "t0+PT96H"}},
                                  {"call": "draftEmail", "at": "t0+PT48H", "request": {"kind": "followUp", "followUpNumber": 2},
                                   "expect": {"subject": {"$contains": "CAS"}}}]}]});
        let read = Scenario::from_json(&scenario).unwrap();
        let case = &read.cases[0];
        assert_eq!(case.case["createdon"], "2026-10-26T14:00:00Z");
        assert_eq!(case.checks[0].at, "2026-11-04T14:00:00Z");
        assert_eq!(case.checks[0].expect["dueAt"], "2026-11-06T14:00:00Z");
        assert_eq!(case.checks[1].call, Call::DraftEmail);

        let mut misspelt = scenario.clone();
        misspelt["cases"][0]["checks"][0]["expect"] = json!({"nextChekAt": null});
        let problem = Scenario::from_json(&misspelt).unwrap_err();
        assert_eq!(
            (problem.code, problem.path.as_str()),
            (ProblemCode::UnknownField, "cases[0].checks[0].expect.nextChekAt")
        );
        misspelt["cases"][0]["checks"][0]["expect"] = json!({});
        misspelt["cases"][0]["checks"][1]["expect"] = json!({"subjekt": "x"});
        let problem = Scenario::from_json(&misspelt).unwrap_err();
        assert_eq!(problem.path, "cases[0].checks[1].expect.subjekt");
        assert!(problem.message.contains("an email draft"), "{}", problem.message);
    }
}
