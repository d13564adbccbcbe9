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

fn calendar_problems(calendar: &Value) -> Vec<(String, String)> {
    let value = json!({"calendar": calendar, "rules": []});
    match Config::from_json(&value) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.into_iter().map(|problem| (problem.path, problem.message)).collect(),
    }
}

#[test]
fn time_zones_holidays_and_the_customer_zone_field() {
    let value = json!({"calendar": {"timeZone": "Europe/Paris", "holidays": ["12-25", "2027-03-29", "02-29"],
        "customerTimeZoneField": "new_timezone"}, "rules": []});
    let config = Config::from_json(&value).unwrap();
    assert_eq!(config.calendar.zone_id.as_deref(), Some("Europe/Paris"));
    assert_eq!(config.calendar.holidays.len(), 3);
    assert_eq!(config.calendar.customer_zone_field.as_deref(), Some("new_timezone"));
    assert_eq!(
        calendar_problems(&json!({"timeZone": "Asia/Kathmandu"})),
        vec![(
            "calendar.timeZone".to_owned(),
            "`Asia/Kathmandu` is not one of the 62 time zones this build carries (docs/behaviour.md 4.8 lists them): give the zone's rule as `timeZoneRule`, the last line of its file in the IANA database (`tail -n1 /usr/share/zoneinfo/Asia/Kathmandu`, such as `<+0545>-5:45` for Asia/Kathmandu), or a fixed `utcOffset`".to_owned()
        )]
    );
    assert_eq!(
        calendar_problems(&json!({"timeZone": "europe/paris"})),
        vec![(
            "calendar.timeZone".to_owned(),
            "`europe/paris` is not a time zone name: the IANA name is written `Europe/Paris`".to_owned()
        )]
    );
    assert_eq!(
        calendar_problems(&json!({"timeZone": "Europe/Paris", "utcOffset": "+01:00"})),
        vec![(
            "calendar.timeZone".to_owned(),
            "give one of `utcOffset`, `timeZone` and `timeZoneRule`, not both `utcOffset` and `timeZone`".to_owned()
        )]
    );
    assert!(calendar_problems(&json!({"timeZoneRule": "<+0545>-5:45"})).is_empty());
    let paths: Vec<String> =
        calendar_problems(&json!({"timeZoneRule": "CET-1CEST", "holidays": ["25-12", "2026-02-30", "12/25", "12-25"],
        "customerTimeZoneField": " "}))
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        paths,
        [
            "calendar.timeZoneRule",
            "calendar.holidays[0]",
            "calendar.holidays[1]",
            "calendar.holidays[2]",
            "calendar.customerTimeZoneField"
        ]
    );
}

#[test]
fn reopen_options() {
    let rule = |extra: Value| {
        let mut rule = json!({"id": "r", "automation": "full", "triggerStatusReasons": [2],
            "followUps": {"count": 1, "waitTimes": "PT1H"}});
        if let (Some(rule), Some(extra)) = (rule.as_object_mut(), extra.as_object()) {
            rule.extend(extra.clone());
        }
        json!({"rules": [rule]})
    };
    let config = Config::from_json(&rule(json!({"reopenWindow": "P7D"}))).unwrap();
    let reopen = config.rules[0].reopen.as_ref().unwrap();
    assert_eq!((reopen.window.text.as_str(), reopen.status_reason), ("P7D", DEFAULT_REOPEN_STATUS_REASON));
    let config = Config::from_json(&rule(json!({"reopenWindow": "P2D", "reopenStatusReason": "Researching"}))).unwrap();
    assert_eq!(config.rules[0].reopen.as_ref().unwrap().status_reason, 4);
    assert!(Config::from_json(&rule(json!({}))).unwrap().rules[0].reopen.is_none());
    let problems = |extra: Value| -> Vec<(String, String)> {
        Config::from_json(&rule(extra))
            .unwrap_err()
            .into_iter()
            .map(|problem| (problem.path, problem.message))
            .collect()
    };
    assert_eq!(
        problems(json!({"reopenWindow": "P7D", "reopenStatusReason": "Problem Solved"})),
        [(
            "rules[0].reopenStatusReason".to_owned(),
            "`Problem Solved` is not an active Status Reason: a case is reopened into one".to_owned()
        )]
    );
    assert_eq!(
        problems(json!({"reopenWindow": "P7D", "reopenStatusReason": 77})),
        [("rules[0].reopenStatusReason".to_owned(), "`77` names no Status Reason".to_owned())]
    );
    assert_eq!(problems(json!({"reopenWindow": "PT0S"}))[0].0, "rules[0].reopenWindow");
    assert_eq!(problems(json!({"reopenWindow": "soon"}))[0].0, "rules[0].reopenWindow");
}
