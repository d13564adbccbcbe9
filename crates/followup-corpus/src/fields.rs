//! Expectations may name only fields the output has: a misspelt field
//! (`"nextChekAt": null`) is an error naming its path, not an expectation
//! that quietly holds. The fields are those of `schemas/scenario.schema.json`
//! (the schema editors complete scenario files with), walked here so the
//! error names the field; a test keeps the schema's output types in step
//! with what the engine writes.

use std::sync::OnceLock;

use followup_engine::problem::{Problem, ProblemCode, field_path, index_path};
use serde_json::Value;

/// The scenario schema, embedded.
pub const SCENARIO_SCHEMA: &str = include_str!("../../../schemas/scenario.schema.json");

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(SCENARIO_SCHEMA).unwrap_or(Value::Null))
}

/// The schema of a definition (`EvaluateExpectation`, `replayFinal`, ...).
#[must_use]
pub fn definition(name: &str) -> Option<&'static Value> {
    schema().get("$defs").and_then(|defs| defs.get(name))
}

/// Problems with the field names of `expect`, an expectation of the
/// definition `name`, with paths under `path`.
#[must_use]
pub fn unknown_fields(expect: &Value, name: &str, path: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(node) = definition(name) {
        walk(expect, node, name, path, &mut problems);
    }
    problems
}

/// Follows `$ref`s to the schema they name, with that definition's name.
fn resolve<'a>(mut node: &'a Value, mut name: &'a str) -> (&'a Value, &'a str) {
    for _ in 0..16 {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else { break };
        let Some(target) = reference.strip_prefix("#/$defs/") else { break };
        match definition(target) {
            Some(found) => (node, name) = (found, target),
            None => break,
        }
    }
    (node, name)
}

/// The branches of a node: its `anyOf` alternatives, or itself.
fn branches<'a>(node: &'a Value, name: &'a str) -> Vec<(&'a Value, &'a str)> {
    let (node, name) = resolve(node, name);
    match node.get("anyOf").and_then(Value::as_array) {
        Some(options) => options.iter().flat_map(|option| branches(option, name)).collect(),
        None => vec![(node, name)],
    }
}

fn walk(expect: &Value, node: &Value, name: &str, path: &str, out: &mut Vec<Problem>) {
    let options = branches(node, name);
    match expect {
        Value::Object(map) => {
            let mut entries = map.iter();
            if let (Some((key, argument)), None) = (entries.next(), entries.next()) {
                if key.starts_with('$') {
                    let items =
                        options.iter().find_map(|(option, name)| option.get("items").map(|items| (items, *name)));
                    match (key.as_str(), items) {
                        ("$some", Some((items, name))) => walk(argument, items, name, &field_path(path, key), out),
                        ("$unordered", Some((items, name))) => {
                            for (index, element) in argument.as_array().into_iter().flatten().enumerate() {
                                walk(element, items, name, &index_path(&field_path(path, key), index), out);
                            }
                        }
                        _ => {}
                    }
                    return;
                }
            }
            let Some((object, name)) = options.iter().find(|(option, _)| option.get("properties").is_some()) else {
                return;
            };
            let properties = object.get("properties").and_then(Value::as_object);
            let closed = object.get("additionalProperties") == Some(&Value::Bool(false));
            for (key, value) in map {
                match properties.and_then(|properties| properties.get(key)) {
                    Some(property) => walk(value, property, name, &field_path(path, key), out),
                    None if closed => {
                        let known: Vec<&str> = properties
                            .into_iter()
                            .flat_map(|properties| properties.keys())
                            .map(String::as_str)
                            .collect();
                        out.push(Problem::new(
                            ProblemCode::UnknownField,
                            field_path(path, key),
                            format!(
                                "`{key}` is not a field of {}: expected one of `{}`",
                                describe(name),
                                known.join("`, `")
                            ),
                        ));
                    }
                    None => {}
                }
            }
        }
        Value::Array(items) => {
            if let Some((schema, name)) =
                options.iter().find_map(|(option, name)| option.get("items").map(|items| (items, *name)))
            {
                for (index, item) in items.iter().enumerate() {
                    walk(item, schema, name, &index_path(path, index), out);
                }
            }
        }
        _ => {}
    }
}

/// A definition's name for people: `EvaluateExpectation` is a decision.
fn describe(name: &str) -> String {
    match name {
        "EvaluateExpectation" | "Decision" => "a decision".to_owned(),
        "DraftExpectation" | "EmailDraft" => "an email draft".to_owned(),
        "ResolutionExpectation" | "ResolutionDraft" => "a resolution draft".to_owned(),
        "ValidateExpectation" => "a `validateConfig` response".to_owned(),
        "ChangeExpectation" => "an `updateCase` or `addTimelineItems` response".to_owned(),
        "replayAction" => "a replay action".to_owned(),
        "replayFinal" => "a replay's final state".to_owned(),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_misspelt_field_is_named_with_its_path() {
        let problems = unknown_fields(
            &json!({"state": "waiting", "nextChekAt": null}),
            "EvaluateExpectation",
            "cases[0].checks[1].expect",
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "cases[0].checks[1].expect.nextChekAt");
        assert!(
            problems[0].message.starts_with("`nextChekAt` is not a field of a decision: expected one of `actions`"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn nested_fields_arrays_and_matchers_are_walked() {
        let expect = json!({
            "followUps": {"sent": 1, "sentt": 2},
            "actions": [{"type": "sendFollowUp", "email": {"subjekt": "x"}}],
            "card": {"items": {"$some": {"lable": "Resolve case"}}},
            "warnings": {"$unordered": [{"code": "x", "pth": "y"}]},
            "summary": {"$contains": "due"}
        });
        let paths: Vec<String> =
            unknown_fields(&expect, "EvaluateExpectation", "expect").into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            vec![
                "expect.actions[0].email.subjekt",
                "expect.card.items.$some.lable",
                "expect.followUps.sentt",
                "expect.warnings.$unordered[0].pth"
            ]
        );
        assert!(
            unknown_fields(&json!({"type": "failure", "errors": [{"code": "x"}]}), "EvaluateExpectation", "")
                .is_empty()
        );
        assert_eq!(unknown_fields(&json!({"resolvd": true}), "replayFinal", "final").len(), 1);
    }
}
