//! Runs every scenario in the shared corpus (`tests/scenarios/*.json` at the
//! repository root) through the JSON entry point and compares each decision
//! with its expectation. The wasm suites run the same files.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions: a broken corpus file should stop the run loudly"
)]

use std::path::{Path, PathBuf};

use followup_engine::api::evaluate_rules;
use followup_engine::scenario::{Scenario, check_key, compare, digest};
use serde_json::{Value, json};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios")
}

fn scenarios() -> Vec<(String, Scenario)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("the corpus folder exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let scenario = Scenario::from_json(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.file_name().unwrap().to_string_lossy().into_owned(), scenario)
        })
        .collect()
}

#[test]
fn every_scenario_check_holds() {
    let mut failures = Vec::new();
    let mut checks = 0;
    for (file, scenario) in scenarios() {
        for case in &scenario.cases {
            for check in &case.checks {
                checks += 1;
                let response = serde_json::to_value(evaluate_rules(
                    &scenario.config,
                    case.case.clone(),
                    case.timeline.clone(),
                    &json!(check.at),
                ))
                .unwrap();
                let actual = if check.expect.get("type").is_some() {
                    response.clone()
                } else {
                    response.get("decision").cloned().unwrap_or(response.clone())
                };
                let mismatches = compare(&check.expect, &actual);
                if !mismatches.is_empty() {
                    let lines: Vec<String> = mismatches.iter().map(|m| format!("    {m}")).collect();
                    failures.push(format!("{file} / {} / at {}:\n{}", case.name, check.at, lines.join("\n")));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checks} checks failed:\n{}", failures.len(), failures.join("\n"));
    assert!(checks >= 60, "the corpus should hold at least 60 checks, found {checks}");
}

#[test]
fn the_same_input_gives_the_same_output_byte_for_byte() {
    for (_, scenario) in scenarios() {
        for case in &scenario.cases {
            for check in &case.checks {
                let request =
                    json!({"config": scenario.config, "case": case.case, "timeline": case.timeline, "now": check.at});
                let text = request.to_string();
                let first = followup_engine::api::evaluate_rules_json(&text);
                let second = followup_engine::api::evaluate_rules_json(&text);
                assert_eq!(first, second);
            }
        }
    }
}

/// The golden file: for every check of every scenario, the decision's state
/// and a digest of the whole response. The wasm suites (Node and Chromium)
/// reproduce these digests through the JS exports. Rewrite with
/// `UPDATE_GOLDEN=1 cargo test -p followup-engine --test corpus`.
#[test]
fn the_golden_digests_are_current() {
    let mut golden = serde_json::Map::new();
    for (file, scenario) in scenarios() {
        let mut entries = serde_json::Map::new();
        for case in &scenario.cases {
            for check in &case.checks {
                let response = serde_json::to_value(evaluate_rules(
                    &scenario.config,
                    case.case.clone(),
                    case.timeline.clone(),
                    &json!(check.at),
                ))
                .unwrap();
                let state = response["decision"]["state"].as_str().unwrap_or("failure").to_owned();
                entries.insert(check_key(case, check), json!({"state": state, "digest": digest(&response)}));
            }
        }
        golden.insert(file, Value::Object(entries));
    }
    let text = serde_json::to_string_pretty(&Value::Object(golden)).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/decisions.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "tests/golden/decisions.json is out of date: check the change, then run `UPDATE_GOLDEN=1 cargo test -p followup-engine --test corpus`"
    );
}

/// Every key a host receives is camelCase, except the names Dataverse's
/// `CloseIncident` action requires as they are.
#[test]
fn output_keys_are_camel_case() {
    const DATAVERSE_NAMES: [&str; 7] =
        ["IncidentResolution", "Status", "@odata.type", "incidentid@odata.bind", "subject", "description", "timespent"];
    fn walk(value: &Value, path: &str, bad: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let camel = key.chars().next().is_some_and(|ch| ch.is_ascii_lowercase())
                        && key.chars().all(|ch| ch.is_ascii_alphanumeric());
                    if !camel && !DATAVERSE_NAMES.contains(&key.as_str()) {
                        bad.push(format!("{path}.{key}"));
                    }
                    walk(child, &format!("{path}.{key}"), bad);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, path, bad)),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    for (file, scenario) in scenarios() {
        for case in &scenario.cases {
            for check in &case.checks {
                let response = serde_json::to_value(evaluate_rules(
                    &scenario.config,
                    case.case.clone(),
                    case.timeline.clone(),
                    &json!(check.at),
                ))
                .unwrap();
                walk(&response, &file, &mut bad);
            }
        }
    }
    let validate = serde_json::to_value(followup_engine::api::validate_config(&json!({}))).unwrap();
    walk(&validate, "validate", &mut bad);
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "keys that are not camelCase: {bad:?}");
}
