//! The wasm suites' test bodies, shared by the Node and Chromium runs: the
//! whole scenario corpus through the JS-facing exports, compared with the
//! native digests, and bad input of each kind reaching JS as a structured
//! error after which the module keeps working. The module carries English
//! only: each body first installs German, French and Spanish from the
//! engine's language files, as the package's entries do.
#![expect(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code: failures should stop loudly")]

use followup_corpus::{Host, Scenario, check_key, compare, digest, run_check};
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
    assert_eq!(error.constructor().name(), "FollowupError", "thrown as the class js/error.js exports");
    let errors = js_sys::Reflect::get(error, &JsValue::from_str("errors")).unwrap();
    json!({"type": "failure", "errors": json_of(&errors)})
}

fn response(result: Result<JsValue, JsValue>) -> Value {
    match result {
        Ok(decision) => json!({"type": "success", "decision": json_of(&decision)}),
        Err(error) => failure_of(&error),
    }
}

/// The JS-facing exports as a corpus [`Host`], so the wasm suites run every
/// kind of check the native tests and `host-sim check` run.
struct WasmHost;

fn now_js(now: &str) -> JsValue {
    JsValue::from_str(now)
}

fn changed(result: Result<(), JsValue>) -> Value {
    match result {
        Ok(()) => json!({"type": "success"}),
        Err(error) => failure_of(&error),
    }
}

fn answer(key: &str, result: Result<JsValue, JsValue>) -> Value {
    match result {
        Ok(value) => json!({"type": "success", key: json_of(&value)}),
        Err(error) => failure_of(&error),
    }
}

impl Host for WasmHost {
    type Open = followup_wasm::OpenCase;

    fn evaluate_rules(&self, config: &Value, case: &Value, timeline: &Value, now: &str) -> Value {
        response(followup_wasm::evaluate_rules(&js(config), &js(case), &js(timeline), &now_js(now)))
    }

    fn draft_email(&self, config: &Value, case: &Value, timeline: &Value, request: &Value, now: &str) -> Value {
        answer("email", followup_wasm::draft_email(&js(config), &js(case), &js(timeline), &js(request), &now_js(now)))
    }

    fn fill_resolution(&self, config: &Value, case: &Value, timeline: &Value, current: &Value, now: &str) -> Value {
        let result = followup_wasm::fill_resolution(&js(config), &js(case), &js(timeline), &js(current), &now_js(now));
        answer("resolution", result)
    }

    fn validate_config(&self, config: &Value) -> Value {
        followup_wasm::validate_config(&js(config)).map_or_else(|error| failure_of(&error), |value| json_of(&value))
    }

    fn open_case(&self, config: &Value, case: &Value, timeline: &Value) -> Result<Self::Open, Value> {
        let engine =
            followup_wasm::WasmEngine::new(&js(config), &JsValue::UNDEFINED).map_err(|error| failure_of(&error))?;
        engine.open_case(&js(case), &js(timeline)).map_err(|error| failure_of(&error))
    }

    fn update_case(&self, open: &mut Self::Open, changes: &Value) -> Value {
        changed(open.update_case(&js(changes)))
    }

    fn add_timeline_items(&self, open: &mut Self::Open, items: &Value) -> Value {
        changed(open.add_timeline_items(&js(items)))
    }

    fn evaluate_open(&self, open: &Self::Open, now: &str) -> Value {
        response(open.evaluate_rules(&now_js(now)))
    }

    fn draft_email_open(&self, open: &Self::Open, request: &Value, now: &str) -> Value {
        answer("email", open.draft_email(&js(request), &now_js(now)))
    }

    fn fill_resolution_open(&self, open: &Self::Open, current: &Value, now: &str) -> Value {
        answer("resolution", open.fill_resolution(&js(current), &now_js(now)))
    }
}

/// Runs every check of the corpus: each `evaluateRules` check through the
/// export, compared with the native digest and with its expectation; every
/// other check (`draftEmail`, `fillResolution`, `validateConfig`, `openCase`
/// sequences) through the same exports, compared with its expectation.
pub fn corpus_matches_native_decisions() {
    install_languages();
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
                if !check.is_evaluation() {
                    let mismatches = run_check(&WasmHost, &scenario.config, &case.case, &case.timeline, check);
                    for mismatch in mismatches {
                        failures.push(format!("{file} / {} / {}: {mismatch}", case.name, check.call.name()));
                    }
                    continue;
                }
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

/// Every attack of the hostile-input corpus through the JS-facing exports
/// gives its expected result or `FollowupError` code and path; in Chromium
/// every drafted HTML body is parsed by the browser's `DOMParser` and holds
/// nothing that runs code.
pub fn hostile_corpus_gets_its_answers() {
    install_languages();
    let mut failures = Vec::new();
    let mut attacks = 0;
    for (file, text) in HOSTILE {
        for attack in followup_corpus::hostile::read(HOSTILE_BASE, text).unwrap() {
            attacks += 1;
            let (response, mismatches) = attack.run(&WasmHost);
            for mismatch in mismatches {
                failures.push(format!("{file} / {}: {mismatch}", attack.class));
            }
            for problem in unsafe_html(&response) {
                failures.push(format!("{file} / {}: {problem}", attack.class));
            }
        }
    }
    assert!(attacks >= 60, "only {attacks} attacks ran");
    let has_dom =
        js_sys::Function::new_no_args("return typeof DOMParser !== 'undefined'").call0(&JsValue::NULL).unwrap();
    let probe =
        unsafe_html(&json!({"htmlBody": "<p>x</p><img src=x onerror=alert(1)><a href=\"jav&#x61;script:x\">y</a>"}));
    assert_eq!(
        probe.len(),
        if has_dom.is_truthy() { 2 } else { 0 },
        "the DOM check finds what it looks for: {probe:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where the page has a `DOMParser` (Chromium), what it finds in each
/// drafted HTML body of `response` that could run code: a script or other
/// active element, an event handler, a URL of another scheme than https,
/// http and mailto. Nothing in Node, which has no DOM.
fn unsafe_html(response: &Value) -> Vec<String> {
    const CHECK: &str = r#"
        if (typeof DOMParser === "undefined") return [];
        const found = [];
        const doc = new DOMParser().parseFromString(html, "text/html");
        for (const element of doc.querySelectorAll("script, style, iframe, frame, object, embed, base, link, meta, form, svg, math, template, noscript")) {
            found.push("<" + element.localName + ">");
        }
        for (const element of doc.querySelectorAll("*")) {
            for (const attribute of element.attributes) {
                if (attribute.name.startsWith("on")) found.push(attribute.name + "=");
                if (["href", "src", "action", "formaction", "xlink:href", "background"].includes(attribute.name)) {
                    const url = attribute.value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "").toLowerCase();
                    const scheme = /^([^:/?#]+):/.exec(url);
                    if (scheme && !["https", "http", "mailto"].includes(scheme[1])) found.push(attribute.name + "=" + attribute.value);
                }
            }
        }
        return found;"#;
    fn bodies<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                found.extend(map.get("htmlBody").and_then(Value::as_str));
                map.values().for_each(|value| bodies(value, found));
            }
            Value::Array(items) => items.iter().for_each(|value| bodies(value, found)),
            _ => {}
        }
    }
    let check = js_sys::Function::new_with_args("html", CHECK);
    let mut found = Vec::new();
    bodies(response, &mut found);
    found
        .into_iter()
        .flat_map(|html| {
            let problems = check.call1(&JsValue::NULL, &JsValue::from_str(html)).unwrap();
            let problems: Vec<String> = serde_wasm_bindgen::from_value(problems).unwrap();
            problems.into_iter().map(move |problem| format!("unsafe HTML body ({problem}): {html}"))
        })
        .collect()
}

/// The engine's German, French and Spanish texts and reply lexicons, which
/// the module does not carry.
const LANGUAGES: [(&str, &str, &str); 3] = [
    (
        "de",
        include_str!("../../../followup-engine/src/language/de.txt"),
        include_str!("../../../followup-engine/src/replies/lexicon/de.txt"),
    ),
    (
        "fr",
        include_str!("../../../followup-engine/src/language/fr.txt"),
        include_str!("../../../followup-engine/src/replies/lexicon/fr.txt"),
    ),
    (
        "es",
        include_str!("../../../followup-engine/src/language/es.txt"),
        include_str!("../../../followup-engine/src/replies/lexicon/es.txt"),
    ),
];

/// Installs German, French and Spanish through `installLanguage`, as the
/// package's entries do when they load (again: the same texts are accepted).
pub fn install_languages() {
    for (code, text, lexicon) in LANGUAGES {
        let (code, text, lexicon) = (JsValue::from_str(code), JsValue::from_str(text), JsValue::from_str(lexicon));
        followup_wasm::install_language(&code, &text, &lexicon).unwrap();
    }
}

/// `installLanguage` refuses an unknown code, a text or lexicon that is
/// not a string, a text unlike English, a lexicon unlike the files and
/// other texts for an installed language, each as a `FollowupError` at its
/// path; installed, German is written (and read: reply-reading.json's German,
/// French and Spanish replies match the native decisions).
pub fn languages_are_checked_when_installed() {
    let german_lexicon = LANGUAGES[0].2;
    let with_lexicon = |code: &JsValue, text: &JsValue, lexicon: &JsValue| {
        let error = followup_wasm::install_language(code, text, lexicon).unwrap_err();
        failure_of(&error)["errors"][0]["path"].as_str().unwrap().to_owned()
    };
    let error = |code: &JsValue, text: &JsValue| with_lexicon(code, text, &JsValue::from_str(german_lexicon));
    let german = LANGUAGES[0].1;
    assert_eq!(with_lexicon(&JsValue::from_str("de"), &JsValue::from_str(german), &JsValue::UNDEFINED), "lexicon");
    let unknown = format!("{german_lexicon}\n[nonsense]\nwort\n");
    let refused_lexicon =
        with_lexicon(&JsValue::from_str("de"), &JsValue::from_str(german), &JsValue::from_str(&unknown));
    // Unlike the files before German was installed, another lexicon after.
    assert_eq!(refused_lexicon, "lexicon");
    assert_eq!(error(&JsValue::from_str("it"), &JsValue::from_str(german)), "code");
    assert_eq!(error(&JsValue::from_str("de-DE"), &JsValue::from_str(german)), "code");
    assert_eq!(error(&JsValue::from_f64(1031.0), &JsValue::from_str(german)), "code");
    assert_eq!(error(&JsValue::from_str("de"), &JsValue::NULL), "text");
    let one_value = german.replace("summary.or: {} oder {}", "summary.or: {} oder");
    let refused = error(&JsValue::from_str("de"), &JsValue::from_str(&one_value));
    install_languages();
    // Refused before or after German was installed, depending on which
    // test ran first: at its key before, as other texts after.
    assert!(["text.summary.or", "text"].contains(&refused.as_str()), "{refused}");
    assert_eq!(error(&JsValue::from_str("de"), &JsValue::from_str(&one_value)), "text");
    let (mut config, mut case, timeline) = contoso();
    config["language"] = json!({"field": "new_preferredlanguage"});
    case["new_preferredlanguage"] = json!(1031);
    let request = json!({"kind": "followUp"});
    let email = followup_wasm::draft_email(
        &js(&config),
        &js(&case),
        &js(&timeline),
        &js(&request),
        &now_js("2026-11-04T14:00:00Z"),
    );
    let email = json_of(&email.unwrap());
    assert_eq!(email["language"], "de");
    assert_eq!(email["templateName"], "the built-in first follow-up template (German)");
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
    install_languages();
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
    // A timeline in another order is no error: the same decision.
    let mut reversed = timeline.clone();
    reversed.as_array_mut().unwrap().reverse();
    let decide = |timeline: &Value| {
        json_of(&followup_wasm::evaluate_rules(&js(&config), &js(&case), &js(timeline), &now).unwrap())
    };
    assert_eq!(decide(&reversed), decide(&timeline));
}

/// Input JS cannot express as JSON, or nested too deep, is refused cleanly.
pub fn hostile_js_values_are_refused_cleanly() {
    install_languages();
    let (config, case, timeline) = contoso();
    let mut deep = json!("leaf");
    for _ in 0..200 {
        deep = json!([deep]);
    }
    let mut nested = config.clone();
    nested["rules"][0]["name"] = deep;
    let error = followup_wasm::evaluate_rules(
        &js(&nested),
        &js(&case),
        &js(&timeline),
        &JsValue::from_str("2026-11-04T14:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(failure_of(&error)["errors"][0]["path"], "config");
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
    install_languages();
    let (config, case, timeline) = contoso();
    let date = js_sys::Date::new(&JsValue::from_str("2026-11-04T14:00:00Z"));
    let decision = followup_wasm::evaluate_rules(&js(&config), &js(&case), &js(&timeline), &date.into()).unwrap();
    assert_eq!(json_of(&decision)["evaluatedAt"], "2026-11-04T14:00:00Z");
    let engine = followup_wasm::WasmEngine::new(&js(&config), &JsValue::UNDEFINED).unwrap();
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
    assert_eq!(email["template"], "builtIn:en:final");
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

/// Every check of the corpus through `engine.openCase(...)`, its timeline
/// passed in two halves (`addTimelineItems`), gives the native digest; an
/// engine made with `explainRules: false` gives the same decision without
/// the rule explanations.
pub fn open_cases_match_native_decisions() {
    install_languages();
    let golden: Value = serde_json::from_str(GOLDEN).unwrap();
    let brief_options = js(&json!({"explainRules": false}));
    let mut checked = 0;
    for (file, text) in SCENARIOS {
        let scenario = Scenario::from_json(&serde_json::from_str(text).unwrap()).unwrap();
        let config = js(&scenario.config);
        let (Ok(engine), Ok(brief)) = (
            followup_wasm::WasmEngine::new(&config, &JsValue::UNDEFINED),
            followup_wasm::WasmEngine::new(&config, &brief_options),
        ) else {
            continue;
        };
        for case in &scenario.cases {
            let items = case.timeline.as_array().cloned().unwrap_or_default();
            let (first, rest) = items.split_at(items.len() / 2);
            let record = js(&case.case);
            let opened = engine.open_case(&record, &js(&Value::Array(first.to_vec()))).and_then(|mut open| {
                open.add_timeline_items(&js(&Value::Array(rest.to_vec())))?;
                Ok(open)
            });
            let brief_open = brief.open_case(&record, &js(&case.timeline));
            for check in case.checks.iter().filter(|check| check.is_evaluation()) {
                let now = JsValue::from_str(&check.at);
                let key = check_key(case, check);
                let expected = &golden[*file][&key]["digest"];
                let Ok(open) = &opened else {
                    // Refused when read in halves: refused whole too.
                    assert_eq!(golden[*file][&key]["state"], "failure", "{file} / {key}");
                    continue;
                };
                let full = response(open.evaluate_rules(&now));
                assert_eq!(expected.as_str(), Some(digest(&full).as_str()), "{file} / {key}: {full}");
                let mut short =
                    response(brief_open.as_ref().map_err(Clone::clone).and_then(|open| open.evaluate_rules(&now)));
                if let Some(rules) = short.pointer_mut("/decision/explanation/rules") {
                    assert_eq!(rules, &json!([]), "{file} / {key}");
                    *rules = full["decision"]["explanation"]["rules"].clone();
                }
                assert_eq!(short, full, "{file} / {key}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 60, "only {checked} checks ran");
}

/// An open case refuses a bad change or a late item with a `FollowupError`
/// naming it, changes nothing, and keeps deciding; a Status Reason change
/// passed on through it decides as a fresh read does.
pub fn an_open_case_refuses_bad_changes_and_keeps_deciding() {
    install_languages();
    let (config, case, timeline) = contoso();
    let engine = followup_wasm::WasmEngine::new(&js(&config), &JsValue::UNDEFINED).unwrap();
    let mut open = engine.open_case(&js(&case), &js(&timeline)).unwrap();
    let now = JsValue::from_str("2026-11-06T14:01:00Z");
    let before = response(open.evaluate_rules(&now));
    assert_eq!(before["decision"]["state"], "followUpDue");

    let error = failure_of(&open.update_case(&js(&json!({"statecode": 9}))).unwrap_err());
    assert_eq!(error["errors"][0]["path"], "changes.statecode");
    let unreadable = json!([{"type": "statusChange", "at": "last Tuesday", "statusReason": 1}]);
    let error = failure_of(&open.add_timeline_items(&js(&unreadable)).unwrap_err());
    assert_eq!(error["errors"][0]["code"], "invalid-date-time");
    assert_eq!(error["errors"][0]["path"], "items[0].at");
    assert_eq!(response(open.evaluate_rules(&now)), before, "nothing changed");

    let label = "statuscode@OData.Community.Display.V1.FormattedValue";
    let moved = json!([{"type": "statusChange", "at": "2026-11-06T17:00:00Z", "statusReason": 1}]);
    let later = JsValue::from_str("2026-11-06T18:00:00Z");
    open.update_case(&js(&json!({"statuscode": 1, label: "In Progress"}))).unwrap();
    open.add_timeline_items(&js(&moved)).unwrap();
    let mut whole_case = case;
    whole_case["statuscode"] = json!(1);
    whole_case[label] = json!("In Progress");
    let mut whole_timeline = timeline.as_array().unwrap().clone();
    whole_timeline.extend(moved.as_array().unwrap().iter().cloned());
    let fresh = response(engine.evaluate_rules(&js(&whole_case), &js(&Value::Array(whole_timeline)), &later));
    let incremental = response(open.evaluate_rules(&later));
    assert_eq!(incremental["decision"]["state"], "stopped");
    assert_eq!(incremental, fresh);
}
