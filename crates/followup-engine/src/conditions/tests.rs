#![expect(clippy::needless_pass_by_value, reason = "test helpers take `json!` values by value so calls read plainly")]

use serde_json::{Value, json};

use super::*;
use crate::problem::{Problem, ProblemCode};
use crate::record::CaseRecord;
use crate::time::parse_timestamp;

fn case() -> CaseRecord {
    CaseRecord::from_json(
        json!({
            "incidentid": "a1", "ticketnumber": "CAS-01001-C0F3E3", "title": "Contoso Coffee",
            "statecode": 0, "statuscode": 2,
            "statuscode@OData.Community.Display.V1.FormattedValue": "On Hold",
            "createdon": "2026-11-01T12:00:00Z",
            "prioritycode": 1, "prioritycode@OData.Community.Display.V1.FormattedValue": "High",
            "_customerid_value": "c0ffee00-0000-0000-0000-000000000001",
            "_customerid_value@OData.Community.Display.V1.FormattedValue": "Alex Wu",
            "isescalated": false, "new_score": 4.5, "description": null,
            "followupby": "2026-11-05T00:00:00Z", "new_tags": ["a"]
        }),
        "case",
    )
    .unwrap()
}

fn at(text: &str) -> Timestamp {
    parse_timestamp(text).unwrap()
}

fn compiled(value: Value) -> Result<(Condition, FieldTable), Vec<Problem>> {
    let mut problems = Vec::new();
    let Some(raw) = RawCondition::read(&value, "rules[0].conditions", &mut problems, 0) else {
        return Err(problems);
    };
    let mut table = FieldTable::default();
    compile(&raw, "rules[0].conditions", &mut table, &mut problems).map(|condition| (condition, table)).ok_or(problems)
}

fn holds_at(value: Value, now: &str) -> bool {
    let (condition, table) = compiled(value).unwrap();
    let case = case();
    condition.holds(&table.bind(&case), at(now)).unwrap()
}

fn holds(value: Value) -> bool {
    holds_at(value, "2026-11-08T12:00:00Z")
}

#[test]
fn text_equality_ignores_case() {
    assert!(holds(json!({"field": "title", "operator": "eq", "value": "contoso coffee"})));
    assert!(!holds(json!({"field": "title", "operator": "eq", "value": "Contoso"})));
    assert!(holds(json!({"field": "title", "operator": "ne", "value": "Fabrikam"})));
}

#[test]
fn option_sets_match_by_value_or_label() {
    assert!(holds(json!({"field": "statuscode", "operator": "eq", "value": 2})));
    assert!(holds(json!({"field": "statuscode", "operator": "eq", "value": "on hold"})));
    assert!(holds(json!({"field": "statuscode", "operator": "eq", "value": "2"})));
    assert!(holds(json!({"field": "prioritycode", "operator": "in", "value": ["Normal", "High"]})));
    assert!(holds(json!({"field": "prioritycode", "operator": "not-in", "value": [2, 3]})));
    assert!(!holds(json!({"field": "prioritycode", "operator": "eq", "value": "Low"})));
}

#[test]
fn lookups_by_plain_name_and_label() {
    assert!(holds(json!({"field": "customerid", "operator": "eq", "value": "Alex Wu"})));
    assert!(holds(
        json!({"field": "_customerid_value", "operator": "eq", "value": "C0FFEE00-0000-0000-0000-000000000001"})
    ));
    assert!(holds(json!({"field": "customerid", "operator": "begins-with", "value": "alex"})));
}

#[test]
fn text_patterns() {
    assert!(holds(json!({"field": "title", "operator": "like", "value": "%coffee%"})));
    assert!(holds(json!({"field": "title", "operator": "not-like", "value": "%tea%"})));
    assert!(holds(json!({"field": "ticketnumber", "operator": "begins-with", "value": "cas-"})));
    assert!(holds(json!({"field": "ticketnumber", "operator": "ends-with", "value": "c0f3e3"})));
    assert!(!holds(json!({"field": "ticketnumber", "operator": "ends-with", "value": "x"})));
}

#[test]
fn numbers_booleans_and_ordering() {
    assert!(holds(json!({"field": "new_score", "operator": "gt", "value": 4})));
    assert!(holds(json!({"field": "new_score", "operator": "le", "value": 4.5})));
    assert!(!holds(json!({"field": "new_score", "operator": "lt", "value": 4.5})));
    assert!(holds(json!({"field": "isescalated", "operator": "eq", "value": false})));
    assert!(holds(json!({"field": "title", "operator": "gt", "value": "Abc"})));
    assert!(holds(json!({"field": "followupby", "operator": "lt", "value": "2026-11-06"})));
    assert!(holds(json!({"field": "followupby", "operator": "eq", "value": "2026-11-05T01:00:00+01:00"})));
}

#[test]
fn empty_fields_match_only_null() {
    for operator in ["eq", "ne", "like", "not-like", "begins-with"] {
        let condition = json!({"field": "description", "operator": operator, "value": "x"});
        assert!(!holds(condition), "{operator}");
    }
    assert!(!holds(json!({"field": "description", "operator": "not-in", "value": ["x"]})));
    assert!(holds(json!({"field": "description", "operator": "null"})));
    assert!(holds(json!({"field": "nonexistent", "operator": "null"})));
    assert!(holds(json!({"field": "title", "operator": "not-null"})));
}

#[test]
fn relative_dates() {
    // Created 2026-11-01T12:00Z; now 2026-11-08T12:00Z: exactly 7 days.
    assert!(!holds(json!({"field": "createdon", "operator": "olderthan-x-days", "value": 7})));
    assert!(holds(json!({"field": "createdon", "operator": "olderthan-x-days", "value": "6"})));
    assert!(holds(json!({"field": "createdon", "operator": "olderthan-x-hours", "value": 167})));
    assert!(holds(json!({"field": "createdon", "operator": "last-x-days", "value": 7})));
    assert!(!holds(json!({"field": "createdon", "operator": "last-x-hours", "value": 24})));
}

#[test]
fn case_age_boundaries() {
    let older_than_7_days = json!({"field": "caseAge", "operator": "gt", "value": "P7D"});
    assert!(!holds_at(older_than_7_days.clone(), "2026-11-08T12:00:00Z"));
    assert!(holds_at(older_than_7_days, "2026-11-08T12:00:01Z"));
    let at_least_7_days = json!({"field": "caseAge", "operator": "ge", "value": 7});
    assert!(holds_at(at_least_7_days.clone(), "2026-11-08T12:00:00Z"));
    assert!(!holds_at(at_least_7_days, "2026-11-08T11:59:59Z"));
    assert!(holds(json!({"field": "caseAge", "operator": "lt", "value": 7.5})));
}

#[test]
fn trees_and_their_explanations() {
    let rule = json!({"all": [
        {"field": "title", "operator": "eq", "value": "Contoso Coffee"},
        {"any": [
            {"field": "prioritycode", "operator": "eq", "value": "Low"},
            {"not": {"field": "isescalated", "operator": "eq", "value": false}}
        ]}
    ]});
    let (condition, table) = compiled(rule).unwrap();
    let (case, now) = (case(), at("2026-11-08T12:00:00Z"));
    let failure = condition.check(&table.bind(&case), now).unwrap().unwrap();
    assert_eq!(failure.path(), "rules[0].conditions.all[1].any");
    assert_eq!(
        failure.describe(&case, now),
        "none of the `any` alternatives held (first: `prioritycode` eq `Low` did not hold: the case has `High`)"
    );
    let (simple, table) =
        compiled(json!({"all": [{"field": "title", "operator": "eq", "value": "Fabrikam"}]})).unwrap();
    let failure = simple.check(&table.bind(&case), now).unwrap().unwrap();
    assert_eq!(failure.path(), "rules[0].conditions.all[0]");
    assert_eq!(failure.describe(&case, now), "`title` eq `Fabrikam` did not hold: the case has `Contoso Coffee`");
    assert!(holds(json!({"all": []})));
    assert!(holds(json!({"not": {"field": "title", "operator": "null"}})));
}

#[test]
fn conditions_that_cannot_apply_are_typed_errors() {
    let cases = [
        json!({"field": "title", "operator": "olderthan-x-days", "value": 3}),
        json!({"field": "title", "operator": "gt", "value": 3}),
        json!({"field": "new_tags", "operator": "like", "value": "%a%"}),
        json!({"field": "isescalated", "operator": "lt", "value": "x"}),
    ];
    for value in cases {
        let (condition, table) = compiled(value.clone()).unwrap();
        let case = case();
        let error = condition.holds(&table.bind(&case), at("2026-11-08T12:00:00Z")).unwrap_err();
        assert_eq!(error.code, ProblemCode::ConditionNotApplicable, "{value}");
        assert_eq!(error.path, "rules[0].conditions");
    }
}

#[test]
fn config_problems_are_all_reported_with_paths() {
    let problems = compiled(json!({"all": [
        {"field": "title", "operator": "equals", "value": "x"},
        {"field": "title", "operator": "null", "value": "x"},
        {"field": "createdon", "operator": "olderthan-x-days", "value": 0},
        {"field": "title", "operator": "in", "value": []},
        {"field": "title", "operator": "in", "value": "x"},
        {"field": "caseAge", "operator": "like", "value": "x"},
        {"field": "caseAge", "operator": "gt", "value": "P1M"},
        {"field": "isescalated", "operator": "gt", "value": true},
        {"field": "", "operator": "eq", "value": 1},
        {"operator": "eq", "value": 1},
        {"field": "title", "value": 1},
        {"field": "title", "operator": "eq", "value": {"a": 1}},
        {"field": "title", "operator": "eq"},
        {"field": "title", "operator": "like", "value": 5},
        {"any": []},
        {"all": [], "field": "title"}
    ]}))
    .unwrap_err();
    let seen: Vec<(String, ProblemCode)> = problems.iter().map(|p| (p.path.clone(), p.code)).collect();
    let expected = [
        ("rules[0].conditions.all[0].operator", ProblemCode::UnknownOperator),
        ("rules[0].conditions.all[1].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[2].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[3].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[4].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[5].value", ProblemCode::ConditionNotApplicable),
        ("rules[0].conditions.all[6].value", ProblemCode::InvalidDuration),
        ("rules[0].conditions.all[7].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[8].field", ProblemCode::InvalidValue),
        ("rules[0].conditions.all[9].field", ProblemCode::MissingField),
        ("rules[0].conditions.all[10].operator", ProblemCode::MissingField),
        ("rules[0].conditions.all[11].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[12].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[13].value", ProblemCode::ConditionValue),
        ("rules[0].conditions.all[14].any", ProblemCode::ConditionShape),
        ("rules[0].conditions.all[15]", ProblemCode::ConditionShape),
    ];
    let expected: Vec<(String, ProblemCode)> = expected.iter().map(|(p, c)| ((*p).to_owned(), *c)).collect();
    assert_eq!(seen, expected);
    assert_eq!(problems[0].message, "`equals` is not an operator: did you mean `eq`?");
}

#[test]
fn nesting_is_bounded() {
    let mut value = json!({"field": "title", "operator": "null"});
    for _ in 0..40 {
        value = json!({"not": value});
    }
    let problems = compiled(value).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, ProblemCode::ConditionShape);
}

/// The index passes over a rule exactly when its first comparison fails:
/// for every `eq` it serves (labels, values, numbers, booleans, lookups,
/// in any letter case, empty and missing fields), its answer is the
/// comparison's own. Comparisons it cannot serve are always evaluated.
#[test]
fn the_rule_index_passes_over_a_rule_only_when_its_first_comparison_fails() {
    let served = [
        json!({"field": "prioritycode", "operator": "eq", "value": "high"}),
        json!({"field": "prioritycode", "operator": "eq", "value": "HIGH"}),
        json!({"field": "prioritycode", "operator": "eq", "value": "1"}),
        json!({"field": "prioritycode", "operator": "eq", "value": "Normal"}),
        json!({"field": "title", "operator": "eq", "value": "contoso COFFEE"}),
        json!({"field": "title", "operator": "eq", "value": "Contoso"}),
        json!({"field": "customerid", "operator": "eq", "value": "alex wu"}),
        json!({"field": "_customerid_value", "operator": "eq", "value": "c0ffee00-0000-0000-0000-000000000001"}),
        json!({"field": "isescalated", "operator": "eq", "value": "false"}),
        json!({"field": "new_score", "operator": "eq", "value": "4.5"}),
        json!({"field": "description", "operator": "eq", "value": "null"}),
        json!({"field": "new_missing", "operator": "eq", "value": "x"}),
        json!({"field": "new_tags", "operator": "eq", "value": "a"}),
    ];
    let not_served = [
        json!({"field": "prioritycode", "operator": "eq", "value": 1}),
        json!({"field": "followupby", "operator": "eq", "value": "2026-11-05T00:00:00Z"}),
        json!({"field": "prioritycode", "operator": "in", "value": ["High", "Low"]}),
        json!({"field": "title", "operator": "ne", "value": "Contoso"}),
        json!({"field": "caseAge", "operator": "gt", "value": "P1D"}),
        json!({"any": [{"field": "title", "operator": "eq", "value": "Contoso"}]}),
        json!({"not": {"field": "title", "operator": "eq", "value": "Contoso"}}),
    ];
    let case = case();
    let now = at("2026-11-08T12:00:00Z");
    let mut rules = Vec::new();
    for (first, served) in served.iter().map(|first| (first, true)).chain(not_served.iter().map(|first| (first, false)))
    {
        // The first comparison leads an `all`, which also holds a second.
        rules.push((json!({"all": [first, {"field": "title", "operator": "not-null"}]}), served));
        rules.push((first.clone(), served));
    }
    let mut table = FieldTable::default();
    let mut problems = Vec::new();
    let conditions: Vec<Condition> = rules
        .iter()
        .map(|(value, _)| {
            let raw = RawCondition::read(value, "c", &mut problems, 0).unwrap();
            compile(&raw, "c", &mut table, &mut problems).unwrap()
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let index = RuleIndex::new(conditions.iter().map(Some).chain([None]));
    let bound = table.bind(&case);
    let candidates = index.candidates(&bound);
    assert_eq!(candidates.len(), rules.len() + 1);
    assert_eq!(candidates.last(), Some(&true), "a rule without conditions is always evaluated");
    for ((condition, (value, served)), candidate) in conditions.iter().zip(&rules).zip(candidates) {
        let Some(gate) = condition.gate() else {
            assert!(!served && candidate, "{value} has no first comparison, so it is always evaluated");
            continue;
        };
        let gate_holds = Condition::Leaf(gate.clone()).holds(&bound, now).unwrap();
        if *served {
            assert_eq!(candidate, gate_holds, "{value}");
        } else {
            assert!(candidate, "{value} is not served, so it is always evaluated");
        }
        if !candidate {
            assert_eq!(condition.check(&bound, now).unwrap(), Some(Failure::Leaf(gate)), "{value}");
        }
    }
}

#[test]
fn too_deep_a_tree_is_refused_once_where_it_is_read() {
    let mut condition = json!({"field": "title", "operator": "eq", "value": "x"});
    for _ in 0..=MAX_DEPTH {
        condition = json!({"not": condition});
    }
    let config = json!({"rules": [{"id": "r", "conditions": condition, "automation": "full",
        "triggerStatusReasons": [2], "followUps": {"count": 1, "waitTimes": "PT1H"}}]});
    let problems = crate::Config::from_json(&config).unwrap_err();
    let deep: Vec<&Problem> = problems.iter().filter(|problem| problem.message.contains("nested more than")).collect();
    assert_eq!(deep.len(), 1, "{problems:?}");
    assert_eq!(deep[0].message, format!("conditions are nested more than {MAX_DEPTH} levels deep"));
    assert_eq!(deep[0].code, ProblemCode::ConditionShape);
}
