//! The JSON Schemas in `schemas/` against the corpus and the engine: every
//! scenario file validates against `scenario.schema.json` (a config the
//! engine refuses is refused by the schema too, and only there); every
//! valid config validates against `config.schema.json`; and the output
//! types the scenario schema lists are the engine's: every field the engine
//! writes over the corpus is declared, and every declared field is written
//! somewhere.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: failures should stop loudly"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use followup_corpus::{Call, Host, NativeHost, Scenario, fields};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn scenario_files() -> Vec<(String, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("tests/scenarios"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths.into_iter().map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), read(&path))).collect()
}

fn validator(schema: &str) -> jsonschema::Validator {
    let config = read(&root().join("schemas/config.schema.json"));
    let id = config["$id"].as_str().unwrap().to_owned();
    let registry = jsonschema::Registry::new()
        .add(id, config)
        .expect("a valid id")
        .prepare()
        .expect("the config schema is a schema");
    // The validator borrows its registry; a test process can keep it.
    let registry: &'static jsonschema::Registry<'static> = Box::leak(Box::new(registry));
    jsonschema::options()
        .with_registry(registry)
        .build(&read(&root().join("schemas").join(schema)))
        .expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<(String, String)> {
    validator.iter_errors(value).map(|error| (error.instance_path().to_string(), error.to_string())).collect()
}

#[test]
fn every_scenario_file_validates_against_the_scenario_schema() {
    let validator = validator("scenario.schema.json");
    let mut refused_configs = 0;
    for (file, value) in scenario_files() {
        let found = errors(&validator, &value);
        if followup_engine::api::Engine::new(&value["config"]).is_ok() {
            assert!(found.is_empty(), "{file}: {found:#?}");
        } else {
            refused_configs += 1;
            assert!(!found.is_empty(), "{file}: the engine refuses the config, the schema should too");
            assert!(found.iter().all(|(path, _)| path.starts_with("/config")), "{file}: {found:#?}");
        }
        assert!(
            value["$schema"] == json!("../../schemas/scenario.schema.json"),
            "{file} points editors at the schema with `$schema`"
        );
    }
    assert!(refused_configs > 0, "the corpus holds a refused config");
}

#[test]
fn the_schema_refuses_what_the_corpus_reader_refuses() {
    let validator = validator("scenario.schema.json");
    let (_, mut value) = scenario_files().into_iter().find(|(file, _)| file == "contoso-coffee.json").unwrap();
    assert!(errors(&validator, &value).is_empty());
    value["cases"][0]["checks"][0]["expect"]["nextChekAt"] = Value::Null;
    assert!(!errors(&validator, &value).is_empty(), "a misspelt expectation field");
    assert!(Scenario::from_json(&value).is_err());
    value["cases"][0]["checks"][0]["expect"] = json!({"summary": {"$contains": "due", "$absent": true}});
    assert!(!errors(&validator, &value).is_empty(), "a matcher has one key");
}

#[test]
fn every_config_the_engine_accepts_validates_against_the_config_schema() {
    let validator = validator("config.schema.json");
    let mut configs: Vec<(String, Value)> =
        scenario_files().into_iter().map(|(file, value)| (file, value["config"].clone())).collect();
    configs.push(("dataverse fixture".into(), read(&root().join("host-sim/tests/fixtures/dataverse/config.json"))));
    let mut checked = 0;
    for (label, mut config) in configs {
        let found = errors(&validator, &config);
        if let Some(map) = config.as_object_mut() {
            map.remove("$schema");
        }
        match followup_engine::api::Engine::new(&config) {
            Ok(_) => {
                assert!(found.is_empty(), "{label}: {found:#?}");
                checked += 1;
            }
            Err(_) => assert!(!found.is_empty(), "{label}: refused by the engine, not by the schema"),
        }
    }
    assert!(checked > 8);
    for (bad, why) in [
        (
            json!({"rules": [{"id": "a", "automation": "full", "triggerStatusReasons": [2], "followUps": {"count": 2, "waitTimes": "PT1H"}, "condition": {}}]}),
            "a misspelt rule field",
        ),
        (
            json!({"rules": [{"id": "a", "automation": "sometimes", "triggerStatusReasons": [2], "followUps": {"count": 2, "waitTimes": "PT1H"}}]}),
            "an unknown automation level",
        ),
        (
            json!({"rules": [{"id": "a", "automation": "full", "triggerStatusReasons": [2], "followUps": {"count": 0, "waitTimes": "PT1H"}}]}),
            "no follow-up",
        ),
        (json!({"enabeld": true}), "a misspelt top-level field"),
    ] {
        assert!(!errors(&validator, &bad).is_empty(), "{why}");
        assert!(followup_engine::api::Engine::new(&bad).is_err(), "{why}: the engine refuses it too");
    }
}

/// Every object key in `value`, as `Type.field` paths through the schema,
/// found by walking the value as if it were an expectation.
fn keys(value: &Value, out: &mut BTreeSet<String>, prefix: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                out.insert(format!("{prefix}.{key}"));
                keys(child, out, &format!("{prefix}.{key}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|item| keys(item, out, &format!("{prefix}[]"))),
        _ => {}
    }
}

#[test]
fn the_output_types_in_the_schema_are_the_engines() {
    let mut outputs: Vec<(Call, Value)> = Vec::new();
    for (_, value) in scenario_files() {
        let scenario = Scenario::from_json(&value).unwrap();
        for case in &scenario.cases {
            for check in &case.checks {
                let at = if check.at.is_empty() { "2026-11-08T14:02:00Z" } else { check.at.as_str() };
                let evaluated = NativeHost.evaluate_rules(&scenario.config, &case.case, &case.timeline, at);
                outputs.push((Call::EvaluateRules, evaluated));
                for number in 1..=3 {
                    let request = json!({"kind": "followUp", "followUpNumber": number});
                    let draft = NativeHost.draft_email(&scenario.config, &case.case, &case.timeline, &request, at);
                    outputs.push((Call::DraftEmail, draft));
                }
                let filled = NativeHost.fill_resolution(&scenario.config, &case.case, &case.timeline, &Value::Null, at);
                outputs.push((Call::FillResolution, filled));
            }
        }
        outputs.push((Call::ValidateConfig, NativeHost.validate_config(&value["config"])));
    }
    let mut written = BTreeSet::new();
    for (call, output) in &outputs {
        let problems = fields::unknown_fields(output, call.expectation(), "");
        assert!(problems.is_empty(), "{call:?}: the engine writes fields the schema does not declare: {problems:#?}");
        keys(output, &mut written, &format!("{call:?}"));
    }
    // Every field the schema declares for a decision, a draft and a
    // resolution is written somewhere in the corpus, but for these, which no
    // scenario produces yet (each is checked to be really absent, so the
    // list shrinks as the corpus grows).
    let declared = |name: &str| -> Vec<String> {
        fields::definition(name).unwrap()["properties"].as_object().unwrap().keys().cloned().collect()
    };
    let missing: Vec<String> = [
        ("EvaluateRules.decision", "Decision"),
        ("DraftEmail.email", "EmailDraft"),
        ("FillResolution.resolution", "ResolutionDraft"),
    ]
    .iter()
    .flat_map(|(prefix, name)| declared(name).into_iter().map(move |field| format!("{prefix}.{field}")))
    .filter(|path| !written.contains(path))
    .collect();
    assert_eq!(missing, Vec::<String>::new(), "declared in the schema but never written by the engine");
}
