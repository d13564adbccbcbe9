//! The calls a check makes and how their answers are compared. Every runner
//! (the native tests, the wasm suites in Node and Chromium, `host-sim
//! check`) implements [`Host`] over its own entry points and runs the same
//! checks with [`run_check`].
//!
//! A check is `{"at", "expect"}` (an `evaluateRules` call), or names its
//! `call`: `draftEmail` (with `request`), `fillResolution` (with `current`),
//! `validateConfig`, or `openCase` with `steps` (`updateCase` with
//! `changes`, `addTimelineItems` with `items`, `evaluateRules`,
//! `draftEmail`, `fillResolution`), each step with an optional `expect`.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::compare::{Mismatch, compare};

/// The entry point a check calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Call {
    /// `evaluateRules(config, case, timeline, at)`.
    #[default]
    EvaluateRules,
    /// `draftEmail(config, case, timeline, request, at)`.
    DraftEmail,
    /// `fillResolution(config, case, timeline, current, at)`.
    FillResolution,
    /// `validateConfig(config)`.
    ValidateConfig,
    /// `Engine.openCase(case, timeline)`, then `steps` on the open case.
    OpenCase,
    /// On an open case: `updateCase(changes)`.
    UpdateCase,
    /// On an open case: `addTimelineItems(items)`.
    AddTimelineItems,
}

impl Call {
    /// Its name in scenario files (`draftEmail`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::EvaluateRules => "evaluateRules",
            Self::DraftEmail => "draftEmail",
            Self::FillResolution => "fillResolution",
            Self::ValidateConfig => "validateConfig",
            Self::OpenCase => "openCase",
            Self::UpdateCase => "updateCase",
            Self::AddTimelineItems => "addTimelineItems",
        }
    }

    /// The schema definition its expectation follows.
    #[must_use]
    pub fn expectation(self) -> &'static str {
        match self {
            Self::EvaluateRules | Self::OpenCase => "EvaluateExpectation",
            Self::DraftEmail => "DraftExpectation",
            Self::FillResolution => "ResolutionExpectation",
            Self::ValidateConfig => "ValidateExpectation",
            Self::UpdateCase | Self::AddTimelineItems => "ChangeExpectation",
        }
    }

    /// The field of a success holding the answer (`None`: the whole response).
    fn payload(self) -> Option<&'static str> {
        match self {
            Self::EvaluateRules => Some("decision"),
            Self::DraftEmail => Some("email"),
            Self::FillResolution => Some("resolution"),
            _ => None,
        }
    }
}

/// One call on an open case.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Step {
    /// What it calls.
    pub call: Call,
    /// `now`, for the calls that decide.
    #[serde(default)]
    pub at: String,
    /// `draftEmail`'s request.
    #[serde(default)]
    pub request: Value,
    /// `fillResolution`'s `current`.
    #[serde(default)]
    pub current: Value,
    /// `updateCase`'s changes.
    #[serde(default)]
    pub changes: Value,
    /// `addTimelineItems`' items.
    #[serde(default)]
    pub items: Value,
    /// What it answers, partially; without it a failure is a mismatch.
    #[serde(default)]
    pub expect: Option<Value>,
}

/// A call made on a case, and what it is expected to answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Check {
    /// What it calls (default `evaluateRules`).
    #[serde(default)]
    pub call: Call,
    /// The instant (`now`).
    #[serde(default)]
    pub at: String,
    /// `draftEmail`'s request.
    #[serde(default)]
    pub request: Value,
    /// `fillResolution`'s `current`.
    #[serde(default)]
    pub current: Value,
    /// `openCase`'s steps.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// The expected answer, partially: only the fields named are compared.
    /// Compared with the success's payload (the decision, email or
    /// resolution), or with the whole response when it holds `type`.
    #[serde(default)]
    pub expect: Value,
}

impl Check {
    /// An `evaluateRules` check at `at`.
    #[must_use]
    pub fn evaluate(at: &str, expect: Value) -> Self {
        Self {
            call: Call::EvaluateRules,
            at: at.to_owned(),
            request: Value::Null,
            current: Value::Null,
            steps: Vec::new(),
            expect,
        }
    }

    /// Whether it is an `evaluateRules` check (the golden digests cover those).
    #[must_use]
    pub fn is_evaluation(&self) -> bool {
        self.call == Call::EvaluateRules
    }
}

/// A runner's entry points. Every answer is the tagged response as JSON:
/// `{"type": "success", ...}` or `{"type": "failure", "errors": [...]}`.
pub trait Host {
    /// An open case (the runner's `OpenCase`).
    type Open;
    /// `evaluateRules`.
    fn evaluate_rules(&self, config: &Value, case: &Value, timeline: &Value, now: &str) -> Value;
    /// `draftEmail`.
    fn draft_email(&self, config: &Value, case: &Value, timeline: &Value, request: &Value, now: &str) -> Value;
    /// `fillResolution`.
    fn fill_resolution(&self, config: &Value, case: &Value, timeline: &Value, current: &Value, now: &str) -> Value;
    /// `validateConfig`.
    fn validate_config(&self, config: &Value) -> Value;
    /// `new Engine(config).openCase(case, timeline)`, or the failure response.
    fn open_case(&self, config: &Value, case: &Value, timeline: &Value) -> Result<Self::Open, Value>;
    /// `open.updateCase(changes)`: `{"type": "success"}` or a failure.
    fn update_case(&self, open: &mut Self::Open, changes: &Value) -> Value;
    /// `open.addTimelineItems(items)`.
    fn add_timeline_items(&self, open: &mut Self::Open, items: &Value) -> Value;
    /// `open.evaluateRules(now)`.
    fn evaluate_open(&self, open: &Self::Open, now: &str) -> Value;
    /// `open.draftEmail(request, now)`.
    fn draft_email_open(&self, open: &Self::Open, request: &Value, now: &str) -> Value;
    /// `open.fillResolution(current, now)`.
    fn fill_resolution_open(&self, open: &Self::Open, current: &Value, now: &str) -> Value;
}

/// The answer's failure, for a diff: each error's code, path and message.
fn failure_text(response: &Value) -> String {
    let errors: Vec<String> = response
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|error| {
            let field = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
            format!("{} at `{}`: {}", field("code"), field("path"), field("message"))
        })
        .collect();
    format!("a failure: {}", errors.join("; "))
}

/// Compares a response with an expectation: with the success's payload, or
/// the whole response when the expectation holds `type`; a failure where a
/// success was expected shows the failure's errors.
#[must_use]
pub fn compare_response(call: Call, expect: Option<&Value>, response: &Value) -> Vec<Mismatch> {
    let failed = response.get("type").and_then(Value::as_str) == Some("failure");
    let Some(expect) = expect.filter(|expect| !expect.is_null()) else {
        return if failed {
            vec![Mismatch { path: String::new(), expected: "a success".to_owned(), actual: failure_text(response) }]
        } else {
            Vec::new()
        };
    };
    if expect.get("type").is_some() {
        return compare(expect, response);
    }
    if failed {
        return vec![Mismatch {
            path: String::new(),
            expected: "a success".to_owned(),
            actual: failure_text(response),
        }];
    }
    match call.payload() {
        Some(key) => compare(expect, response.get(key).unwrap_or(&Value::Null)),
        None => compare(expect, response),
    }
}

/// Runs one check of a case and compares its answers.
pub fn run_check<H: Host>(host: &H, config: &Value, case: &Value, timeline: &Value, check: &Check) -> Vec<Mismatch> {
    let expect = Some(&check.expect);
    match check.call {
        Call::EvaluateRules => {
            compare_response(check.call, expect, &host.evaluate_rules(config, case, timeline, &check.at))
        }
        Call::DraftEmail => {
            compare_response(check.call, expect, &host.draft_email(config, case, timeline, &check.request, &check.at))
        }
        Call::FillResolution => compare_response(
            check.call,
            expect,
            &host.fill_resolution(config, case, timeline, &check.current, &check.at),
        ),
        Call::ValidateConfig => compare_response(check.call, expect, &host.validate_config(config)),
        Call::OpenCase => {
            let mut open = match host.open_case(config, case, timeline) {
                Ok(open) => open,
                Err(failure) => {
                    return compare_response(Call::OpenCase, expect.filter(|e| e.get("type").is_some()), &failure);
                }
            };
            let mut mismatches = Vec::new();
            for (index, step) in check.steps.iter().enumerate() {
                let response = match step.call {
                    Call::UpdateCase => host.update_case(&mut open, &step.changes),
                    Call::AddTimelineItems => host.add_timeline_items(&mut open, &step.items),
                    Call::EvaluateRules => host.evaluate_open(&open, &step.at),
                    Call::DraftEmail => host.draft_email_open(&open, &step.request, &step.at),
                    Call::FillResolution => host.fill_resolution_open(&open, &step.current, &step.at),
                    Call::ValidateConfig | Call::OpenCase => json!({"type": "failure", "errors": [{
                        "code": "invalid-value", "path": "call", "message": "not a call on an open case"}]}),
                };
                let prefix = format!("steps[{index}]");
                mismatches.extend(
                    compare_response(step.call, step.expect.as_ref(), &response).into_iter().map(|m| m.under(&prefix)),
                );
            }
            mismatches
        }
        Call::UpdateCase | Call::AddTimelineItems => vec![Mismatch {
            path: "call".to_owned(),
            expected: "a call on a case (`updateCase` and `addTimelineItems` are steps of `openCase`)".to_owned(),
            actual: format!("`{}`", check.call.name()),
        }],
    }
}

/// The native engine's entry points, as the JSON twins of the wasm exports.
#[derive(Debug, Clone, Copy, Default)]
pub struct NativeHost;

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A native open case: the compiled config and the case.
#[derive(Debug)]
pub struct NativeOpen {
    engine: followup_engine::api::Engine,
    open: followup_engine::api::OpenCase,
}

impl Host for NativeHost {
    type Open = NativeOpen;

    fn evaluate_rules(&self, config: &Value, case: &Value, timeline: &Value, now: &str) -> Value {
        to_json(&followup_engine::api::evaluate_rules(config, case.clone(), timeline.clone(), &json!(now)))
    }

    fn draft_email(&self, config: &Value, case: &Value, timeline: &Value, request: &Value, now: &str) -> Value {
        to_json(&followup_engine::api::draft_email(config, case.clone(), timeline.clone(), request, &json!(now)))
    }

    fn fill_resolution(&self, config: &Value, case: &Value, timeline: &Value, current: &Value, now: &str) -> Value {
        to_json(&followup_engine::api::fill_resolution(config, case.clone(), timeline.clone(), current, &json!(now)))
    }

    fn validate_config(&self, config: &Value) -> Value {
        to_json(&followup_engine::api::validate_config(config))
    }

    fn open_case(&self, config: &Value, case: &Value, timeline: &Value) -> Result<NativeOpen, Value> {
        let engine = followup_engine::api::Engine::new(config).map_err(|errors| {
            let errors: Vec<_> = errors.into_iter().map(|problem| problem.under("config")).collect();
            json!({"type": "failure", "errors": to_json(&errors)})
        })?;
        let open = engine
            .open_case(case.clone(), timeline.clone())
            .map_err(|errors| json!({"type": "failure", "errors": to_json(&errors)}))?;
        Ok(NativeOpen { engine, open })
    }

    fn update_case(&self, open: &mut NativeOpen, changes: &Value) -> Value {
        changed(open.open.update_case(changes.clone()))
    }

    fn add_timeline_items(&self, open: &mut NativeOpen, items: &Value) -> Value {
        changed(open.open.add_timeline_items(&open.engine, items.clone()))
    }

    fn evaluate_open(&self, open: &NativeOpen, now: &str) -> Value {
        to_json(&open.engine.evaluate_open(&open.open, &json!(now)))
    }

    fn draft_email_open(&self, open: &NativeOpen, request: &Value, now: &str) -> Value {
        to_json(&open.engine.draft_email_open(&open.open, request, &json!(now)))
    }

    fn fill_resolution_open(&self, open: &NativeOpen, current: &Value, now: &str) -> Value {
        to_json(&open.engine.fill_resolution_open(&open.open, current, &json!(now)))
    }
}

fn changed(result: Result<(), Vec<followup_engine::Problem>>) -> Value {
    match result {
        Ok(()) => json!({"type": "success"}),
        Err(errors) => json!({"type": "failure", "errors": to_json(&errors)}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_where_a_success_was_expected_shows_its_errors() {
        let failure = json!({"type": "failure", "errors": [{"code": "missing-field", "path": "case.createdon", "message": "`createdon` is required"}]});
        let found = compare_response(Call::EvaluateRules, Some(&json!({"state": "stopped"})), &failure);
        assert_eq!(
            found[0].to_string(),
            ".: expected a success, got a failure: missing-field at `case.createdon`: `createdon` is required"
        );
        assert!(compare_response(Call::EvaluateRules, Some(&json!({"type": "failure"})), &failure).is_empty());
        let success = json!({"type": "success", "email": {"subject": "Hi"}});
        assert!(compare_response(Call::DraftEmail, Some(&json!({"subject": "Hi"})), &success).is_empty());
    }
}
