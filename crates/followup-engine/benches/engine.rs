//! Native benchmarks of the engine's entry points on the Contoso Coffee
//! scenario with 50 rules (the matching rule last, so every condition is
//! evaluated) and 30 timeline items. Run with `cargo bench -p followup-engine`.
#![expect(clippy::unwrap_used, reason = "benchmark setup on fixed fixtures: a broken fixture should stop the run")]
#![expect(missing_docs, reason = "criterion's macros generate the undocumented entry functions")]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use followup_engine::api::{self, Engine};
use followup_engine::drafting::DraftRequest;
use followup_engine::resolution::CurrentResolution;
use followup_engine::{assess, draft_email, evaluate, fill_resolution};
use serde_json::{Value, json};

/// 49 rules that do not match the case, then the Contoso Coffee rule.
fn config() -> Value {
    let mut rules: Vec<Value> = (0..49)
        .map(|index| {
            json!({
                "id": format!("rule-{index}"),
                "conditions": {"all": [
                    {"field": "title", "operator": "like", "value": format!("%Product {index}%")},
                    {"field": "prioritycode", "operator": "in", "value": [1, 2]},
                    {"any": [
                        {"field": "caseorigincode", "operator": "eq", "value": "Phone"},
                        {"field": "createdon", "operator": "olderthan-x-days", "value": 3}
                    ]}
                ]},
                "automation": if index % 2 == 0 { "full" } else { "confirm" },
                "triggerStatusReasons": ["On Hold", "Waiting for Details"],
                "followUps": {"count": 3, "waitTimes": "PT48H"}
            })
        })
        .collect();
    rules.push(json!({
        "id": "contoso-coffee",
        "name": "Contoso Coffee follow-up and closure",
        "conditions": {"all": [
            {"field": "title", "operator": "like", "value": "%Contoso Coffee%"},
            {"field": "caseAge", "operator": "gt", "value": "P7D"}
        ]},
        "automation": "full",
        "triggerStatusReasons": ["On Hold"],
        "followUps": {"count": 3, "waitTimes": ["PT48H", "PT48H", "PT48H"], "fields": ["title", "prioritycode"]}
    }));
    json!({"sender": {"name": "Contoso Support", "address": "support@contoso.com"}, "rules": rules})
}

fn case() -> Value {
    json!({
        "incidentid": "11111111-0000-4000-8000-000000000001", "ticketnumber": "CAS-01001-C0F3E3",
        "title": "Contoso Coffee grinder jams", "statecode": 0, "statuscode": 2,
        "statuscode@OData.Community.Display.V1.FormattedValue": "On Hold",
        "prioritycode": 3, "prioritycode@OData.Community.Display.V1.FormattedValue": "Low",
        "caseorigincode": 2, "caseorigincode@OData.Community.Display.V1.FormattedValue": "Email",
        "createdon": "2026-10-20T09:00:00Z", "emailaddress": "alex@fabrikam.com",
        "_customerid_value": "c", "_customerid_value@OData.Community.Display.V1.FormattedValue": "Alex Wu",
        "_ownerid_value": "o", "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Sam Rivera"
    })
}

/// 30 items: earlier back-and-forth, then the cycle with one unanswered
/// email; evaluated when follow-up 2 is due.
fn timeline() -> Value {
    let mut items = Vec::new();
    for day in 0..9 {
        let date = format!("2026-10-{:02}", 21 + day);
        items.push(json!({"type": "email", "id": format!("out-{day}"), "direction": "outgoing", "to": ["alex@fabrikam.com"],
            "subject": "About your grinder", "body": "<p>Could you try the following steps and tell us?</p>", "sentAt": format!("{date}T09:00:00Z")}));
        items.push(json!({"type": "email", "id": format!("in-{day}"), "direction": "incoming", "from": "alex@fabrikam.com",
            "subject": "RE: About your grinder", "body": "<p>Still jams after step 3, see the photo.</p><div>On Mon Support wrote:</div><blockquote>Could you try</blockquote>",
            "sentAt": format!("{date}T15:00:00Z")}));
        items.push(
            json!({"type": "phonecall", "id": format!("call-{day}"), "direction": "outgoing", "state": "completed",
            "durationMinutes": 10, "subject": "Call", "at": format!("{date}T16:00:00Z")}),
        );
    }
    items.push(
        json!({"type": "email", "id": "rep", "direction": "outgoing", "to": ["alex@fabrikam.com"], "subject": "Fixed?",
        "body": "We replaced the burr set. Does it work now?", "sentAt": "2026-11-02T14:00:00Z"}),
    );
    items.push(json!({"type": "statusChange", "at": "2026-11-02T14:05:00Z", "statusReason": 2}));
    items.push(
        json!({"type": "task", "id": "task", "state": "open", "at": "2026-11-02T15:00:00Z", "subject": "Order burrs"}),
    );
    assert_eq!(items.len(), 30);
    Value::Array(items)
}

const NOW: &str = "2026-11-04T14:00:00Z";

fn benches(c: &mut Criterion) {
    let config_json = config();
    let (case_json, timeline_json, now_json) = (case(), timeline(), json!(NOW));
    let engine = Engine::new(&config_json).unwrap();
    let (record, timeline) = engine.read_case(case_json.clone(), timeline_json.clone(), "").unwrap();
    let now = followup_engine::parse_timestamp(NOW).unwrap();
    let decision = evaluate(engine.config(), &record, &timeline, now).unwrap();
    assert_eq!(serde_json::to_value(decision.state).unwrap(), "followUpDue");
    let request = DraftRequest::FollowUp { number: None, rule_id: None };
    let current = CurrentResolution::default();
    let json_request =
        json!({"config": config_json, "case": case_json, "timeline": timeline_json, "now": NOW}).to_string();

    let mut group = c.benchmark_group("contoso-50-rules-30-items");
    group.bench_function("evaluate (decision with drafts)", |b| {
        b.iter(|| evaluate(black_box(engine.config()), black_box(&record), black_box(&timeline), now));
    });
    group.bench_function("assess (decision without drafts)", |b| {
        b.iter(|| assess(black_box(engine.config()), black_box(&record), black_box(&timeline), now));
    });
    group.bench_function("draft_email", |b| {
        b.iter(|| draft_email(black_box(engine.config()), &record, &timeline, black_box(&request), now));
    });
    group.bench_function("fill_resolution", |b| {
        b.iter(|| fill_resolution(black_box(engine.config()), &record, &timeline, black_box(&current), now));
    });
    group.bench_function("Engine::evaluate (read case + timeline JSON, decide)", |b| {
        b.iter(|| engine.evaluate(black_box(case_json.clone()), black_box(timeline_json.clone()), &now_json));
    });
    group.bench_function("Engine::new (compile 50 rules)", |b| b.iter(|| Engine::new(black_box(&config_json))));
    group.bench_function("evaluate_rules_json (parse, compile, decide, write)", |b| {
        b.iter(|| api::evaluate_rules_json(black_box(&json_request)));
    });
    group.finish();
}

criterion_group!(engine_benches, benches);
criterion_main!(engine_benches);
