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
use followup_engine::scenario::{Scenario, compare};
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
                    &case.case,
                    &case.timeline,
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
