use serde_json::{Value, json};

use super::*;

fn contoso() -> Value {
    json!({
        "enabled": true,
        "statusReasons": [{"value": 100_000_001, "label": "Awaiting customer confirmation"}],
        "calendar": {"utcOffset": "+01:00", "workingDays": ["mon", "tue", "wed", "thu", "fri"],
                     "workingHours": {"start": "08:00", "end": "18:00"}},
        "rules": [{
            "id": "contoso-coffee",
            "name": "Contoso Coffee follow-up and closure",
            "conditions": {"all": [
                {"field": "title", "operator": "eq", "value": "Contoso Coffee"},
                {"field": "caseAge", "operator": "gt", "value": "P7D"}
            ]},
            "automation": "full",
            "triggerStatusReasons": ["Awaiting customer confirmation", 2],
            "followUps": {"count": 3, "waitTimes": ["PT48H", "PT48H", "PT48H"]}
        }]
    })
}

fn problems(value: &Value) -> Vec<(String, ProblemCode)> {
    Config::from_json(value).unwrap_err().into_iter().map(|problem| (problem.path, problem.code)).collect()
}

#[test]
fn compiles_the_contoso_example() {
    let config = Config::from_json(&contoso()).unwrap();
    assert!(config.enabled);
    let rule = config.rule("contoso-coffee").unwrap();
    assert_eq!(rule.triggers, vec![100_000_001, 2]);
    assert_eq!(rule.follow_ups.count, 3);
    assert_eq!(rule.follow_ups.wait_after(0).num_hours(), 48);
    assert_eq!(rule.follow_ups.wait_after(3).num_hours(), 48);
    assert!(rule.follow_ups.representative_email_counts);
    assert!(rule.active);
    assert_eq!(rule.automation, Automation::Full);
    assert_eq!(config.calendar.zone_label(crate::time::parse_timestamp("2026-07-01T00:00:00Z").unwrap()), "UTC+01:00");
    assert_eq!(config.calendar.working_hours, Some((480, 1080)));
}

#[test]
fn one_wait_time_serves_every_follow_up() {
    let mut value = contoso();
    value["rules"][0]["followUps"] = json!({"count": 2, "waitTimes": "P1D", "representativeEmailCounts": false});
    let config = Config::from_json(&value).unwrap();
    let plan = &config.rules[0].follow_ups;
    assert_eq!(plan.waits.len(), 2);
    assert!(!plan.representative_email_counts);
}

#[test]
fn every_problem_is_reported_at_once() {
    let value = json!({
        "enabeld": true,
        "calendar": {"utcOffset": "CET", "workingDays": ["mon", "funday"], "workingHours": {"start": "18:00", "end": "08:00"}},
        "rules": [
            {"id": "a", "automation": "full", "triggerStatusReasons": [], "followUps": {"count": 0, "waitTimes": "PT48H"}},
            {"id": "b", "automation": "full", "triggerStatusReasons": ["Sleeping", 77, "Problem Solved"],
             "followUps": {"count": 3, "waitTimes": ["PT48H", "PT48X"]}},
            {"id": "b", "automation": "fully", "triggerStatusReasons": [2], "followUps": {"count": 1, "waitTimes": "PT1H"}},
            {"id": "c d", "automation": "confirm", "triggerStatusReasons": [2], "followUps": {"count": 1, "waitTime": "PT1H"}},
            {"id": "e", "automation": "confirm", "triggerStatusReasons": [2],
             "followUps": {"count": 2, "waitTimes": ["PT30S", 5]},
             "conditions": {"field": "title", "operator": "equals", "value": "x"}}
        ]
    });
    let expected = vec![
        ("enabeld", ProblemCode::UnknownField),
        ("calendar.utcOffset", ProblemCode::InvalidValue),
        ("calendar.workingDays[1]", ProblemCode::InvalidValue),
        ("calendar.workingHours", ProblemCode::InvalidValue),
        ("rules[0].triggerStatusReasons", ProblemCode::EmptyTrigger),
        ("rules[0].followUps.count", ProblemCode::FollowUpCount),
        ("rules[1].triggerStatusReasons[0]", ProblemCode::UnknownStatusReason),
        ("rules[1].triggerStatusReasons[1]", ProblemCode::UnknownStatusReason),
        ("rules[1].triggerStatusReasons[2]", ProblemCode::InvalidValue),
        ("rules[1].followUps.waitTimes", ProblemCode::WaitTimeCount),
        ("rules[1].followUps.waitTimes[1]", ProblemCode::InvalidDuration),
        ("rules[2].automation", ProblemCode::InvalidValue),
        ("rules[2].id", ProblemCode::DuplicateRuleId),
        ("rules[3].followUps.waitTime", ProblemCode::UnknownField),
        ("rules[3].followUps.waitTimes", ProblemCode::MissingField),
        ("rules[3].id", ProblemCode::InvalidRuleId),
        ("rules[4].followUps.waitTimes[0]", ProblemCode::InvalidDuration),
        ("rules[4].followUps.waitTimes[1]", ProblemCode::InvalidDuration),
        ("rules[4].conditions.operator", ProblemCode::UnknownOperator),
    ];
    let expected: Vec<(String, ProblemCode)> = expected.into_iter().map(|(p, c)| (p.to_owned(), c)).collect();
    assert_eq!(problems(&value), expected);
}

#[test]
fn duplicate_and_malformed_ids() {
    let rule = |id: &str| json!({"id": id, "automation": "full", "triggerStatusReasons": [2], "followUps": {"count": 1, "waitTimes": "PT1H"}});
    let value = json!({"rules": [rule("x"), rule("x"), rule(""), rule(&"y".repeat(65))]});
    assert_eq!(
        problems(&value),
        vec![
            ("rules[1].id".to_owned(), ProblemCode::DuplicateRuleId),
            ("rules[2].id".to_owned(), ProblemCode::InvalidRuleId),
            ("rules[3].id".to_owned(), ProblemCode::InvalidRuleId),
        ]
    );
}

#[test]
fn structural_problems_name_their_path() {
    assert_eq!(problems(&json!([])), vec![(String::new(), ProblemCode::InvalidType)]);
    assert_eq!(problems(&json!({"rules": {}})), vec![("rules".to_owned(), ProblemCode::InvalidType)]);
    assert_eq!(problems(&json!({"enabled": "yes"})), vec![("enabled".to_owned(), ProblemCode::InvalidType)]);
    assert_eq!(
        problems(&json!({"rules": [{"automation": "full"}]})),
        vec![
            ("rules[0].id".to_owned(), ProblemCode::MissingField),
            ("rules[0].triggerStatusReasons".to_owned(), ProblemCode::MissingField),
            ("rules[0].followUps".to_owned(), ProblemCode::MissingField),
        ]
    );
    assert_eq!(
        problems(
            &json!({"rules": [{"id": "a", "automation": "full", "triggerStatusReasons": [2], "followUps": {"count": "3", "waitTimes": "PT1H"}}]})
        ),
        vec![("rules[0].followUps.count".to_owned(), ProblemCode::InvalidType)]
    );
    let error = Config::from_json(&json!({"rules": [{"id": "a", "automation": "fully"}]})).unwrap_err();
    assert_eq!(error[0].message, "`fully` is not an automation level: use `full` or `confirm`");
}

#[test]
fn empty_config_is_valid_and_does_nothing() {
    let config = Config::from_json(&json!({})).unwrap();
    assert!(config.enabled);
    assert!(config.rules.is_empty());
}
