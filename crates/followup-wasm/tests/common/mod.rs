//! The wasm suites' test bodies, shared by the Node and Chromium runs: the
//! whole scenario corpus through the JS-facing exports, compared with the
//! native digests, and bad input of each kind reaching JS as a structured
//! error after which the module keeps working.
#![expect(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code: failures should stop loudly")]

use followup_engine::scenario::{Scenario, check_key, compare, digest};
use serde::Serialize;
use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};

include!(concat!(env!("OUT_DIR"), "/corpus.rs"));

/// A JSON value as a plain JS object, as `JSON.parse` would give it.
pub fn js(value: &Value) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

/// A JS result back as JSON.
pub fn json_of(value: &JsValue) -> Value {
    serde_wasm_bindgen::from_value(value.clone()).unwrap()
}

/// The response a thrown `FollowupError` stands for.
pub fn failure_of(error: &JsValue) -> Value {
    let error = error.dyn_ref::<js_sys::Error>().expect("a JS Error is thrown");
    assert_eq!(String::from(error.name()), "FollowupError");
    let errors = js_sys::Reflect::get(error, &JsValue::from_str("errors")).unwrap();
    json!({"type": "failure", "errors": json_of(&errors)})
}

fn response(result: Result<JsValue, JsValue>) -> Value {
    match result {
        Ok(decision) => json!({"type": "success", "decision": json_of(&decision)}),
        Err(error) => failure_of(&error),
    }
}

/// Runs every check of the corpus through `evaluateRules` and compares
/// each response with the native digest and with its expectation.
pub fn corpus_matches_native_decisions() {
    let golden: Value = serde_json::from_str(GOLDEN).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, text) in SCENARIOS {
        let scenario = Scenario::from_json(&serde_json::from_str(text).unwrap()).unwrap();
        let config = js(&scenario.config);
        for case in &scenario.cases {
            let (record, timeline) = (js(&case.case), js(&case.timeline));
            for check in &case.checks {
                checked += 1;
                let result = followup_wasm::evaluate_rules(&config, &record, &timeline, &JsValue::from_str(&check.at));
                let response = response(result);
                let key = check_key(case, check);
                let expected = &golden[*file][&key]["digest"];
                if expected.as_str() != Some(digest(&response).as_str()) {
                    failures.push(format!("{file} / {key}: differs from the native decision:\n{response}"));
                }
                let actual = if check.expect.get("type").is_some() { &response } else { &response["decision"] };
                for mismatch in compare(&check.expect, actual) {
                    failures.push(format!("{file} / {key}: {mismatch}"));
                }
            }
        }
    }
    assert!(checked >= 60, "only {checked} checks ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn contoso() -> (Value, Value, Value) {
    let text = SCENARIOS.iter().find(|(name, _)| *name == "contoso-coffee.json").unwrap().1;
    let scenario: Value = serde_json::from_str(text).unwrap();
    let case = &scenario["cases"][0];
    (scenario["config"].clone(), case["case"].clone(), case["timeline"].clone())
}

/// Bad input of each kind throws a `FollowupError` with the right path,
/// and the module keeps deciding afterwards.
pub fn bad_input_throws_structured_errors_and_the_module_keeps_working() {
    let (config, case, timeline) = contoso();
    let now = JsValue::from_str("2026-11-04T14:00:00Z");
    let mut no_createdon = case.clone();
    no_createdon.as_object_mut().unwrap().remove("createdon");
    let mut bad_wait = config.clone();
    bad_wait["rules"][0]["followUps"]["waitTimes"][1] = json!("PT48X");
    let mut zero = config.clone();
    zero["rules"][0]["followUps"]["count"] = json!(0);
    let mut operator = config.clone();
    operator["rules"][0]["conditions"]["all"][0]["operator"] = json!("contains");
    let mut out_of_order = timeline.clone();
    out_of_order.as_array_mut().unwrap().swap(0, 2);
    let cases: Vec<(Value, Value, Value, JsValue, &str, &str)> = vec![
        (
            bad_wait,
            case.clone(),
            timeline.clone(),
            now.clone(),
            "invalid-duration",
            "config.rules[0].followUps.waitTimes[1]",
        ),
        (zero, case.clone(), timeline.clone(), now.clone(), "follow-up-count", "config.rules[0].followUps.count"),
        (
            operator,
            case.clone(),
            timeline.clone(),
            now.clone(),
            "unknown-operator",
            "config.rules[0].conditions.all[0].operator",
        ),
        (config.clone(), no_createdon, timeline.clone(), now.clone(), "missing-field", "case.createdon"),
        (config.clone(), case.clone(), out_of_order, now.clone(), "timeline-order", "timeline[1]"),
        (config.clone(), case.clone(), timeline.clone(), JsValue::from_str("soon"), "invalid-date-time", "now"),
        (
            config.clone(),
            case.clone(),
            timeline.clone(),
            js_sys::Date::new(&JsValue::from_f64(f64::NAN)).into(),
            "invalid-date-time",
            "now",
        ),
        (config.clone(), json!("CAS-1"), timeline.clone(), now.clone(), "invalid-type", "case"),
    ];
    for (config, case, timeline, now, code, path) in cases {
        let error = followup_wasm::evaluate_rules(&js(&config), &js(&case), &js(&timeline), &now).unwrap_err();
        let error_object = error.dyn_ref::<js_sys::Error>().unwrap();
        let get = |key: &str| js_sys::Reflect::get(error_object, &JsValue::from_str(key)).unwrap().as_string();
        assert_eq!(get("code").as_deref(), Some(code), "{path}");
        assert_eq!(get("path").as_deref(), Some(path));
        assert!(String::from(error_object.message()).contains(path));
        // The module still works after each error.
        let good = followup_wasm::evaluate_rules(
            &js(&contoso().0),
            &js(&contoso().1),
            &js(&contoso().2),
            &JsValue::from_str("2026-11-04T14:00:00Z"),
        );
        assert_eq!(json_of(&good.unwrap())["state"], "followUpDue");
    }
}

/// Input JS cannot express as JSON, or nested too deep, is refused cleanly.
pub fn hostile_js_values_are_refused_cleanly() {
    let (config, case, timeline) = contoso();
    let mut deep = json!("leaf");
    for _ in 0..200 {
        deep = json!([deep]);
    }
    let mut nested = case.clone();
    nested["new_blob"] = deep;
    let error = followup_wasm::evaluate_rules(
        &js(&config),
        &js(&nested),
        &js(&timeline),
        &JsValue::from_str("2026-11-04T14:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(failure_of(&error)["errors"][0]["path"], "case");
    // A function where a value belongs.
    let function = js_sys::Function::new_no_args("return 1");
    let error = followup_wasm::evaluate_rules(
        &js(&config),
        &function.into(),
        &js(&timeline),
        &JsValue::from_str("2026-11-04T14:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(failure_of(&error)["errors"][0]["path"], "case");
    // NaN and Infinity read as null, as JSON.stringify writes them.
    let record = js(&case);
    js_sys::Reflect::set(&record, &JsValue::from_str("new_score"), &JsValue::from_f64(f64::NAN)).unwrap();
    js_sys::Reflect::set(&record, &JsValue::from_str("new_other"), &JsValue::from_f64(f64::INFINITY)).unwrap();
    let decision = followup_wasm::evaluate_rules(
        &js(&config),
        &record,
        &js(&timeline),
        &JsValue::from_str("2026-11-04T14:00:00Z"),
    )
    .unwrap();
    assert_eq!(json_of(&decision)["state"], "followUpDue");
}

/// `now` may be a `Date`; `evaluateMany`, `draftEmail`, `fillResolution`,
/// `validateConfig`, `version` and the `Engine` class work through JS.
pub fn every_export_works_through_js() {
    let (config, case, timeline) = contoso();
    let date = js_sys::Date::new(&JsValue::from_str("2026-11-04T14:00:00Z"));
    let decision = followup_wasm::evaluate_rules(&js(&config), &js(&case), &js(&timeline), &date.into()).unwrap();
    assert_eq!(json_of(&decision)["evaluatedAt"], "2026-11-04T14:00:00Z");
    let engine = followup_wasm::WasmEngine::new(&js(&config)).unwrap();
    let cases = json!([{"case": case, "timeline": timeline}, {"case": {"incidentid": "x"}, "timeline": []}]);
    let results = json_of(&engine.evaluate_many(&js(&cases), &JsValue::from_str("2026-11-08T14:02:00Z")).unwrap());
    assert_eq!(results[0]["type"], "success");
    assert_eq!(results[0]["decision"]["state"], "resolutionDue");
    assert_eq!(results[1]["type"], "failure");
    assert_eq!(results[1]["errors"][0]["path"], "cases[1].case.statecode");
    let email = json_of(
        &engine
            .draft_email(
                &js(&case),
                &js(&timeline),
                &js(&json!({"kind": "followUp", "followUpNumber": 3})),
                &JsValue::from_str("2026-11-04T14:00:00Z"),
            )
            .unwrap(),
    );
    assert_eq!(email["template"], "builtIn:final");
    let resolution = json_of(
        &engine
            .fill_resolution(
                &js(&case),
                &js(&timeline),
                &js(&json!({"remarks": "typed"})),
                &JsValue::from_str("2026-11-08T14:02:00Z"),
            )
            .unwrap(),
    );
    assert_eq!(resolution["remarks"], "typed");
    assert_eq!(resolution["closeIncident"]["Status"], 5);
    let report = json_of(&followup_wasm::validate_config(&js(&json!({"rules": [{"id": "a"}]}))).unwrap());
    assert_eq!(report["type"], "failure");
    assert_eq!(report["errors"].as_array().unwrap().len(), 3);
    assert_eq!(json_of(&followup_wasm::validate_config(&js(&config)).unwrap())["type"], "success");
    assert_eq!(followup_wasm::version(), env!("CARGO_PKG_VERSION"));
    // Outputs are plain objects, never Maps.
    assert!(!decision.is_instance_of::<js_sys::Map>());
    let explanation = js_sys::Reflect::get(&decision, &JsValue::from_str("explanation")).unwrap();
    assert!(explanation.is_object() && !explanation.is_instance_of::<js_sys::Map>());
}
