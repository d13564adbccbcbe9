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

use followup_engine::api::{EvaluateResponse, evaluate_rules};
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

/// The scenario's engine, or `None` for a config the corpus means to refuse.
fn engine_of(scenario: &Scenario) -> Option<followup_engine::api::Engine> {
    followup_engine::api::Engine::new(&scenario.config).ok()
}

/// An open case decides exactly as the per-call path, at every check, and
/// keeps doing so when its timeline arrives in two parts at any split, with
/// decisions in between (so readings kept from earlier calls are reused).
#[test]
fn an_open_case_decides_as_the_per_call_path_however_its_timeline_arrives() {
    let mut compared = 0;
    for (file, scenario) in scenarios() {
        let Some(engine) = engine_of(&scenario) else { continue };
        for case in &scenario.cases {
            let expected: Vec<Value> = case
                .checks
                .iter()
                .map(|check| {
                    let now = json!(check.at);
                    serde_json::to_value(engine.evaluate(case.case.clone(), case.timeline.clone(), &now)).unwrap()
                })
                .collect();
            let items = case.timeline.as_array().cloned().unwrap_or_default();
            for split in 0..=items.len() {
                let label = format!("{file} / {} / first {split} items", case.name);
                let opened = engine.open_case(case.case.clone(), Value::Array(items[..split].to_vec()));
                let mut open = match opened {
                    Ok(open) => open,
                    Err(problem) => {
                        // A case the corpus means to refuse: refused alike.
                        let response =
                            serde_json::to_value(EvaluateResponse::Failure { errors: vec![problem] }).unwrap();
                        if split == items.len() {
                            for expected in &expected {
                                assert_eq!(&response, expected, "{label}");
                            }
                        }
                        continue;
                    }
                };
                for check in &case.checks {
                    let _ = engine.evaluate_open(&open, &json!(check.at));
                }
                let added = open.add_timeline_items(&engine, Value::Array(items[split..].to_vec()));
                for (check, expected) in case.checks.iter().zip(&expected) {
                    if added.is_err() {
                        // The timeline is refused either way (the same
                        // problem, found in the part that was added).
                        assert_eq!(expected["type"], "failure", "{label}: refused only in parts");
                        continue;
                    }
                    let actual = serde_json::to_value(engine.evaluate_open(&open, &json!(check.at))).unwrap();
                    assert_eq!(&actual, expected, "{label} at {}", check.at);
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 300, "only {compared} decisions compared");
}

/// `explainRules: false` leaves out the rule explanations and nothing else.
#[test]
fn without_rule_explanations_only_the_explanations_go() {
    let options = followup_engine::decision::DecisionOptions { explain_rules: false };
    for (file, scenario) in scenarios() {
        let Some(engine) = engine_of(&scenario) else { continue };
        let brief = engine.clone().with_options(options);
        for case in &scenario.cases {
            for check in &case.checks {
                let now = json!(check.at);
                let mut full =
                    serde_json::to_value(engine.evaluate(case.case.clone(), case.timeline.clone(), &now)).unwrap();
                let short =
                    serde_json::to_value(brief.evaluate(case.case.clone(), case.timeline.clone(), &now)).unwrap();
                if let Some(rules) = full.pointer_mut("/decision/explanation/rules") {
                    *rules = json!([]);
                }
                assert_eq!(short, full, "{file} / {} at {}", case.name, check.at);
            }
        }
    }
}

fn contoso() -> (followup_engine::api::Engine, Value, Value) {
    let (_, scenario) = scenarios().into_iter().find(|(file, _)| file == "contoso-coffee.json").unwrap();
    let case = scenario.cases.first().unwrap();
    (engine_of(&scenario).unwrap(), case.case.clone(), case.timeline.clone())
}

/// Changed columns replace the old ones (with their labels); a change that
/// breaks the record, or an item older than the timeline, changes nothing.
#[test]
fn an_open_case_takes_changes_whole_or_not_at_all() {
    let (engine, case, timeline) = contoso();
    let mut open = engine.open_case(case.clone(), timeline.clone()).unwrap();
    let label = "statuscode@OData.Community.Display.V1.FormattedValue";

    open.update_case(json!({"statuscode": 1, label: "In Progress"})).unwrap();
    let mut merged = case.clone();
    merged["statuscode"] = json!(1);
    merged[label] = json!("In Progress");
    assert_eq!(open, engine.open_case(merged, timeline.clone()).unwrap());

    open.update_case(json!({"statuscode": 2})).unwrap();
    assert_eq!(open.record().status_reason, 2);
    assert_eq!(open.record().field("statuscode").label, None, "the old label went with the old value");

    let before = open.clone();
    let problem = open.update_case(json!({"statecode": 9})).unwrap_err();
    assert_eq!(
        (problem.code, problem.path.as_str()),
        (followup_engine::ProblemCode::InvalidValue, "changes.statecode")
    );
    let problem = open.update_case(json!(["statuscode", 2])).unwrap_err();
    assert_eq!((problem.code, problem.path.as_str()), (followup_engine::ProblemCode::InvalidType, "changes"));
    let older = json!([{"type": "statusChange", "at": "2026-11-07T00:00:00Z", "statusReason": 1},
                       {"type": "statusChange", "at": "2026-10-01T00:00:00Z", "statusReason": 2}]);
    let problem = open.add_timeline_items(&engine, older).unwrap_err();
    assert_eq!((problem.code, problem.path.as_str()), (followup_engine::ProblemCode::TimelineOrder, "items[1]"));
    let problem = open
        .add_timeline_items(&engine, json!([{"type": "statusChange", "at": "2026-11-01T00:00:00Z", "statusReason": 1}]))
        .unwrap_err();
    assert!(problem.message.contains("the latest item already on the timeline"), "{}", problem.message);
    assert_eq!(open, before);
}

/// A form's life: the case is opened On Hold, follow-ups go out, the
/// customer answers, the representative moves the case; each step passes
/// on only what changed, and every decision equals a fresh read of the
/// whole record and timeline.
#[test]
fn an_open_case_follows_a_form_through_status_changes() {
    let (engine, case, timeline) = contoso();
    let items = timeline.as_array().unwrap().clone();
    let (first, rest) = items.split_at(items.len() / 2);
    let mut open = engine.open_case(case.clone(), Value::Array(first.to_vec())).unwrap();
    let mut whole_case = case;
    let mut whole_timeline = first.to_vec();
    let steps = [
        (json!({}), rest.to_vec(), "2026-11-06T14:01:00Z"),
        (
            json!({"statuscode": 1, "statuscode@OData.Community.Display.V1.FormattedValue": "In Progress"}),
            vec![json!({"type": "statusChange", "at": "2026-11-07T09:00:00Z", "statusReason": 1})],
            "2026-11-07T10:00:00Z",
        ),
        (
            json!({"statuscode": 2, "statuscode@OData.Community.Display.V1.FormattedValue": "On Hold"}),
            vec![json!({"type": "statusChange", "at": "2026-11-08T09:00:00Z", "statusReason": 2})],
            "2026-11-09T10:00:00Z",
        ),
    ];
    let mut states = Vec::new();
    for (changes, added, now) in steps {
        open.update_case(changes.clone()).unwrap();
        open.add_timeline_items(&engine, Value::Array(added.clone())).unwrap();
        for (key, value) in changes.as_object().unwrap() {
            whole_case[key] = value.clone();
        }
        whole_timeline.extend(added);
        let now = json!(now);
        let incremental = serde_json::to_value(engine.evaluate_open(&open, &now)).unwrap();
        let fresh =
            serde_json::to_value(engine.evaluate(whole_case.clone(), Value::Array(whole_timeline.clone()), &now))
                .unwrap();
        assert_eq!(incremental, fresh, "at {now}");
        states.push(incremental["decision"]["state"].as_str().unwrap().to_owned());
    }
    assert_eq!(states, ["followUpDue", "stopped", "followUpDue"], "the steps exercise the state machine");
}
