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

use followup_corpus::{NativeHost, Scenario, check_key, digest, run_check};
use followup_engine::api::{EvaluateResponse, evaluate_rules};
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
            for check in case.checks.iter().filter(|check| check.is_evaluation()) {
                checks += 1;
                let mismatches = run_check(&NativeHost, &scenario.config, &case.case, &case.timeline, check);
                if !mismatches.is_empty() {
                    let lines: Vec<String> = mismatches.iter().map(|m| format!("    {m}")).collect();
                    failures.push(format!(
                        "{file} / {} / {:?} at {}:\n{}",
                        case.name,
                        check.call,
                        check.at,
                        lines.join("\n")
                    ));
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
            for check in case.checks.iter().filter(|check| check.is_evaluation()) {
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
            for check in case.checks.iter().filter(|check| check.is_evaluation()) {
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
            for check in case.checks.iter().filter(|check| check.is_evaluation()) {
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
                .filter(|check| check.is_evaluation())
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
                    Err(errors) => {
                        // A case the corpus means to refuse: refused alike.
                        let response = serde_json::to_value(EvaluateResponse::Failure { errors }).unwrap();
                        if split == items.len() {
                            for expected in &expected {
                                assert_eq!(&response, expected, "{label}");
                            }
                        }
                        continue;
                    }
                };
                for check in case.checks.iter().filter(|check| check.is_evaluation()) {
                    let _ = engine.evaluate_open(&open, &json!(check.at));
                }
                let added = open.add_timeline_items(&engine, Value::Array(items[split..].to_vec()));
                for (check, expected) in case.checks.iter().filter(|check| check.is_evaluation()).zip(&expected) {
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
    let options = followup_engine::api::EngineOptions {
        decision: followup_engine::decision::DecisionOptions { explain_rules: false, ..Default::default() },
        ..Default::default()
    };
    for (file, scenario) in scenarios() {
        let Some(engine) = engine_of(&scenario) else { continue };
        let brief = engine.clone().with_options(options);
        for case in &scenario.cases {
            for check in case.checks.iter().filter(|check| check.is_evaluation()) {
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
    let problem = &open.update_case(json!({"statecode": 9})).unwrap_err()[0];
    assert_eq!(
        (problem.code, problem.path.as_str()),
        (followup_engine::ProblemCode::InvalidValue, "changes.statecode")
    );
    let problem = &open.update_case(json!(["statuscode", 2])).unwrap_err()[0];
    assert_eq!((problem.code, problem.path.as_str()), (followup_engine::ProblemCode::InvalidType, "changes"));
    let unreadable = json!([{"type": "statusChange", "at": "2026-11-07T00:00:00Z", "statusReason": 1},
                            {"type": "statusChange", "at": "last Tuesday", "statusReason": 2}]);
    let problem = &open.add_timeline_items(&engine, unreadable).unwrap_err()[0];
    assert_eq!((problem.code, problem.path.as_str()), (followup_engine::ProblemCode::InvalidDateTime, "items[1].at"));
    assert_eq!(open, before, "on a problem nothing is added");
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
    // Back On Hold, a new cycle begins: the earlier cycle's follow-ups do
    // not count, so follow-up 1 of the new cycle waits its 48 hours.
    assert_eq!(states, ["followUpDue", "stopped", "waiting"], "the steps exercise the state machine");
}

/// A config's decisions with its rule index, and with an empty index (every
/// rule evaluated in turn): they must be the same, explanations included.
/// And without explanations, the same decision with the rule list empty.
/// Returns how many rules the index passed over.
fn assert_shortcuts_change_nothing(
    label: &str,
    engine: &followup_engine::api::Engine,
    case: &Value,
    timeline: &Value,
    at: &str,
) -> usize {
    use followup_engine::decision::{DecisionOptions, evaluate, evaluate_with};
    let indexed = engine.config();
    let unindexed = indexed.without_rule_index();
    let Ok(record) = followup_engine::CaseRecord::from_json(case.clone(), "case") else { return 0 };
    let Ok(items) = followup_engine::Timeline::from_json(timeline.clone(), "timeline", indexed.statuses()) else {
        return 0;
    };
    let Ok(now) = followup_engine::parse_timestamp(at) else { return 0 };
    let with_index = serde_json::to_value(evaluate(indexed, &record, &items, now).unwrap()).unwrap();
    let without = serde_json::to_value(evaluate(&unindexed, &record, &items, now).unwrap()).unwrap();
    assert_eq!(with_index, without, "{label} at {at}");
    // Without explanations, rule selection keeps no verdicts and stops at
    // the rule in charge: only the explanations may differ.
    let brief = DecisionOptions { explain_rules: false, ..Default::default() };
    let mut expected = with_index;
    if let Some(rules) = expected.pointer_mut("/explanation/rules") {
        *rules = json!([]);
    }
    let short = serde_json::to_value(evaluate_with(indexed, &record, &items, now, brief).unwrap()).unwrap();
    assert_eq!(short, expected, "{label} at {at}, without explanations");
    indexed.rules_passed_over(&record)
}

#[test]
fn the_rule_index_changes_no_decision_in_the_corpus() {
    let mut compared = 0;
    for (file, scenario) in scenarios() {
        let Some(engine) = engine_of(&scenario) else { continue };
        for case in &scenario.cases {
            for check in case.checks.iter().filter(|check| check.is_evaluation()) {
                let label = format!("{file} / {}", case.name);
                let _ = assert_shortcuts_change_nothing(&label, &engine, &case.case, &case.timeline, &check.at);
                compared += 1;
            }
        }
    }
    assert!(compared >= 60, "only {compared} decisions compared");
}

/// Rule sets split by one field, as the index expects, and rule sets that
/// defeat it (the same text twice, labels and values, numbers, booleans,
/// letter case, empty fields, rules without conditions or led by `any`):
/// the index changes no decision of any of 2,000 generated cases.
#[test]
fn the_rule_index_changes_no_decision_of_generated_rule_sets() {
    // A small deterministic generator (xorshift): no dependency, same cases every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % bound as u64).unwrap()
    };
    let mut passed_over = 0;
    let texts = ["Line 1", "line 1", "LINE 2", "Line 3", "2", "true", "High", "high", ""];
    let fields = ["new_productline", "prioritycode", "isescalated", "title"];
    for set in 0..40 {
        let mut rules = Vec::new();
        for index in 0..=next(12) {
            let first =
                json!({"field": fields[next(fields.len())], "operator": "eq", "value": texts[next(texts.len())]});
            let conditions = match next(6) {
                0 => None,
                1 => Some(json!({"any": [first, {"field": "caseAge", "operator": "gt", "value": "P3D"}]})),
                2 => Some(first),
                _ => Some(
                    json!({"all": [first, {"field": "caseAge", "operator": "gt", "value": format!("P{}D", next(9))}]}),
                ),
            };
            let automation = ["full", "confirm"][next(2)];
            let mut rule = json!({"id": format!("r{index}"), "automation": automation, "triggerStatusReasons": ["On Hold"],
                "followUps": {"count": 2, "waitTimes": "PT48H"}});
            if let Some(conditions) = conditions {
                rule["conditions"] = conditions;
            }
            rules.push(rule);
        }
        let engine = followup_engine::api::Engine::new(&json!({"rules": rules})).unwrap();
        for number in 0..50 {
            let mut case = json!({"incidentid": format!("c{set}-{number}"), "statecode": 0, "statuscode": 2,
                "createdon": "2026-11-01T09:00:00Z", "title": texts[next(texts.len())]});
            match next(4) {
                0 => case["new_productline"] = json!(texts[next(texts.len())]),
                1 => case["new_productline"] = json!(null),
                _ => {}
            }
            case["prioritycode"] = json!(next(4));
            if next(2) == 0 {
                case["prioritycode@OData.Community.Display.V1.FormattedValue"] = json!(texts[next(texts.len())]);
            }
            case["isescalated"] = json!(next(2) == 0);
            let timeline = json!([
                {"type": "statusChange", "at": "2026-11-02T09:00:00Z", "statusReason": 2},
                {"type": "email", "id": "e1", "direction": "outgoing", "to": ["a@fabrikam.com"],
                 "subject": "About your case", "body": "Does it work now?", "sentAt": "2026-11-02T10:00:00Z"}
            ]);
            let at = ["2026-11-03T09:00:00Z", "2026-11-06T12:00:00Z"][next(2)];
            passed_over +=
                assert_shortcuts_change_nothing(&format!("set {set}, case {number}"), &engine, &case, &timeline, at);
        }
    }
    assert!(passed_over > 2_000, "the index passed over only {passed_over} rules: the sets do not exercise it");
}
