#![expect(clippy::needless_pass_by_value, reason = "test helpers take `json!` values by value so calls read plainly")]

use serde_json::{Value, json};

use crate::api;

fn config(resolution: Value, rule_resolution: Value) -> Value {
    let mut rule = json!({"id": "r", "automation": "confirm", "triggerStatusReasons": [2],
        "followUps": {"count": 2, "waitTimes": "PT24H"}});
    if !rule_resolution.is_null() {
        rule["resolution"] = rule_resolution;
    }
    let mut config = json!({"rules": [rule]});
    if !resolution.is_null() {
        config["resolution"] = resolution;
    }
    config
}

fn case() -> Value {
    json!({"incidentid": "9e1c", "ticketnumber": "CAS-77", "title": "Scanner", "statecode": 0, "statuscode": 2,
        "createdon": "2026-10-01T00:00:00Z", "emailaddress": "a@b.c", "description": "<p>Scanner <b>stops</b> at page 2</p>",
        "prioritycode": 1, "prioritycode@OData.Community.Display.V1.FormattedValue": "High"})
}

fn timeline() -> Value {
    json!([
        {"type": "statusChange", "at": "2026-11-02T09:00:00Z", "statusReason": 2},
        {"type": "email", "id": "e1", "direction": "outgoing", "to": ["a@b.c"], "subject": "Scanner fix",
         "body": "Try the new driver.", "sentAt": "2026-11-02T09:00:00Z", "durationMinutes": 10},
        {"type": "phonecall", "id": "p1", "direction": "outgoing", "at": "2026-11-02T10:00:00Z", "state": "completed", "durationMinutes": 25,
         "subject": "Left a voicemail"},
        {"type": "task", "id": "t1", "at": "2026-11-02T11:00:00Z", "state": "open", "durationMinutes": 60},
        {"type": "appointment", "id": "a1", "at": "2026-11-02T12:00:00Z", "state": "canceled", "durationMinutes": 30},
        {"type": "email", "id": "d1", "direction": "outgoing", "to": ["a@b.c"], "subject": "draft", "body": "", "sentAt": "2026-11-02T13:00:00Z", "status": "draft"},
        {"type": "email", "id": "e2", "direction": "outgoing", "to": ["a@b.c"], "subject": "Checking in", "body": "Any news?", "sentAt": "2026-11-03T09:00:00Z"}
    ])
}

fn fill(config: &Value, current: Value) -> Value {
    let response = api::fill_resolution(config, case(), timeline(), &current, &json!("2026-11-04T09:00:00Z"));
    serde_json::to_value(response).unwrap()
}

fn resolution(config: &Value, current: Value) -> Value {
    let response = fill(config, current);
    assert_eq!(response["type"], "success", "{response}");
    response["resolution"].clone()
}

#[test]
fn everything_is_filled_when_the_representative_typed_nothing() {
    let filled = resolution(&config(Value::Null, Value::Null), Value::Null);
    assert_eq!(filled["resolutionType"], json!({"value": 5, "label": "Problem Solved"}));
    assert_eq!(filled["resolution"], "No response from the customer after 2 follow-up emails.");
    assert_eq!(filled["totalTimeMinutes"], 35);
    assert_eq!(filled["billableTimeMinutes"], 35);
    assert_eq!(filled["closeActivityIds"], json!(["t1", "d1"]));
    assert_eq!(filled["filledFields"], json!(["resolutionType", "resolution", "remarks", "billableTime"]));
    assert_eq!(filled["keptFields"], json!([]));
    assert_eq!(
        filled["remarks"],
        "Follow-up emails sent: 2 (2 Nov 2026, 09:00 UTC; 3 Nov 2026, 09:00 UTC). The customer has not responded.\n\nLast emails:\n3 Nov 2026, 09:00 UTC (to the customer): Checking in - Any news?"
    );
    assert_eq!(
        filled["closeIncident"],
        json!({"Status": 5, "IncidentResolution": {
            "@odata.type": "Microsoft.Dynamics.CRM.incidentresolution",
            "subject": "No response from the customer after 2 follow-up emails.",
            "description": filled["remarks"],
            "timespent": 35,
            "incidentid@odata.bind": "/incidents(9e1c)"
        }})
    );
}

#[test]
fn what_the_representative_typed_is_never_overwritten() {
    let current = json!({"resolutionType": "Information Provided", "remarks": "Customer moved to the new model.",
        "resolution": "  ", "billableTimeMinutes": 90});
    let filled = resolution(&config(Value::Null, Value::Null), current);
    assert_eq!(filled["resolutionType"], json!({"value": 1000, "label": "Information Provided"}));
    assert_eq!(filled["remarks"], "Customer moved to the new model.");
    assert_eq!(filled["billableTimeMinutes"], 90);
    assert_eq!(filled["totalTimeMinutes"], 35);
    assert_eq!(filled["resolution"], "No response from the customer after 2 follow-up emails.");
    assert_eq!(filled["filledFields"], json!(["resolution"]));
    assert_eq!(filled["keptFields"], json!(["resolutionType", "remarks", "billableTime"]));
    assert_eq!(filled["closeIncident"]["Status"], 1000);
    assert_eq!(filled["closeIncident"]["IncidentResolution"]["timespent"], 90);
}

#[test]
fn a_rule_fills_only_its_fields_with_its_own_type_and_text() {
    let rule = json!({"type": 1000, "text": "Closed after {{followUp.sent}} follow-ups on {{case.number}}", "fields": ["resolutionType", "resolution"]});
    let filled = resolution(&config(Value::Null, rule), Value::Null);
    assert_eq!(filled["resolutionType"]["value"], 1000);
    assert_eq!(filled["resolution"], "Closed after 2 follow-ups on CAS-77");
    assert_eq!(filled["remarks"], "");
    assert_eq!(filled["billableTimeMinutes"], 0);
    assert_eq!(filled["filledFields"], json!(["resolutionType", "resolution"]));
}

#[test]
fn remarks_come_from_the_configured_sources_in_order() {
    let settings = json!({"type": "Problem Solved", "remarks": [
        {"text": "Closed by the follow-up agent for {{case.number}}."},
        {"field": "description", "label": "Issue"},
        {"field": "prioritycode"},
        {"field": "new_missing"},
        {"lastEmails": 2},
        {"followUpHistory": true}
    ]});
    let filled = resolution(&config(settings, Value::Null), Value::Null);
    assert_eq!(
        filled["remarks"],
        "Closed by the follow-up agent for CAS-77.\n\nIssue: Scanner stops at page 2\n\nPriority: High\n\nLast emails:\n2 Nov 2026, 09:00 UTC (to the customer): Scanner fix - Try the new driver.\n3 Nov 2026, 09:00 UTC (to the customer): Checking in - Any news?\n\nFollow-up emails sent: 2 (2 Nov 2026, 09:00 UTC; 3 Nov 2026, 09:00 UTC). The customer has not responded."
    );
}

#[test]
fn switching_filling_off_leaves_the_dialog_to_the_representative() {
    let filled = resolution(&config(json!({"fill": false, "closeOpenActivities": false}), Value::Null), Value::Null);
    assert_eq!(filled["filledFields"], json!([]));
    assert_eq!(filled["resolution"], "");
    assert_eq!(filled["remarks"], "");
    assert_eq!(filled["closeActivityIds"], json!([]));
    assert_eq!(filled["resolutionType"]["value"], 5);
}

#[test]
fn a_favorable_answer_reads_as_confirmed() {
    let config = config(Value::Null, Value::Null);
    let mut timeline = timeline();
    timeline.as_array_mut().unwrap().push(
        json!({"type": "email", "id": "in", "direction": "incoming", "from": "a@b.c", "subject": "RE", "body": "Thanks, solved!", "sentAt": "2026-11-03T12:00:00Z"}),
    );
    let response = api::fill_resolution(&config, case(), timeline, &Value::Null, &json!("2026-11-04T09:00:00Z"));
    let filled = serde_json::to_value(response).unwrap();
    assert_eq!(filled["resolution"]["resolution"], "The customer confirmed that the issue is resolved.");
}

#[test]
fn bad_current_values_are_named() {
    let config = config(Value::Null, Value::Null);
    let cases = [
        (json!({"resolutionType": "On Hold"}), "current.resolutionType", "invalid-value"),
        (json!({"resolutionType": "Fixed-ish"}), "current.resolutionType", "unknown-status-reason"),
        (json!({"resolutionType": true}), "current.resolutionType", "invalid-type"),
        (json!({"billableTimeMinutes": -5}), "current.billableTimeMinutes", "invalid-value"),
        (json!({"billableTimeMinutes": "ten"}), "current.billableTimeMinutes", "invalid-type"),
        (json!({"remark": "typo"}), "current.remark", "unknown-field"),
        (json!([]), "current", "invalid-type"),
    ];
    for (current, path, code) in cases {
        let response = fill(&config, current.clone());
        assert_eq!(response["type"], "failure", "{current}");
        assert_eq!(
            (response["errors"][0]["path"].as_str(), response["errors"][0]["code"].as_str()),
            (Some(path), Some(code)),
            "{current}: {response}"
        );
    }
}

#[test]
fn bad_resolution_settings_are_config_errors() {
    let settings = json!({"type": "Waiting for Details", "text": "{{nope}}", "remarks": [{"lastEmails": 0}, {"field": "a", "text": "b"}, {"label": "x"}]});
    let rule = json!({"fields": ["remarks", "notes"], "type": 3});
    let response = serde_json::to_value(api::validate_config(&config(settings, rule))).unwrap();
    let seen: Vec<(String, String)> = response["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| (error["path"].as_str().unwrap().to_owned(), error["code"].as_str().unwrap().to_owned()))
        .collect();
    let expected = [
        ("resolution.type", "invalid-value"),
        ("resolution.text", "unknown-placeholder"),
        ("resolution.remarks[0].lastEmails", "invalid-value"),
        ("resolution.remarks[1]", "invalid-value"),
        ("resolution.remarks[2]", "invalid-value"),
        ("rules[0].resolution.type", "invalid-value"),
        ("rules[0].resolution.fields[1]", "invalid-value"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(p, c)| ((*p).to_owned(), (*c).to_owned())).collect();
    assert_eq!(seen, expected);
}
