//! # followup-wasm
//!
//! The wasm-bindgen exports of case-followup, for CRM case forms: convert
//! JS values, call the engine, return plain JS objects or throw a
//! `FollowupError`. No logic of its own: the engine decides.
//!
//! - `evaluateRules(config, caseRecord, timeline, now)` → `Decision`
//! - `draftEmail(config, caseRecord, timeline, request, now)` → `EmailDraft`
//! - `fillResolution(config, caseRecord, timeline, current, now)` → `ResolutionDraft`
//! - `evaluateMany(config, cases, now)` → one result per case
//! - `validateConfig(config)` → every problem, with its path
//! - `version()`
//! - `new Engine(config)`: the config checked once, for many calls.

mod convert;
mod surrogates;

use followup_engine::Problem;
use followup_engine::api::{
    self, DraftResponse, EvaluateManyResponse, EvaluateResponse, ResolutionResponse, ValidateResponse,
};
use wasm_bindgen::prelude::*;

use convert::{failure, input, now, output};

// The types live in `types/*.d.ts` (copied into the package); the generated
// declarations import the ones the signatures name and re-export them all.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"import type { CaseInput, CaseRecord, CurrentResolution, Decision, DraftRequest, EmailDraft, EvaluateResponse, FollowupConfig, ResolutionDraft, TimelineItem, ValidateResponse } from "../types/index.js";
export type * from "../types/index.js";"#;

/// Runs when the module loads: installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

/// The package version.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    api::version().to_owned()
}

/// A config checked and compiled once, for many calls.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    inner: api::Engine,
}

fn with_problems<T>(result: Result<T, Problem>) -> Result<T, JsValue> {
    result.map_err(|problem| failure(&[problem]))
}

fn compile(config: &JsValue) -> Result<api::Engine, JsValue> {
    let value = with_problems(input(config, "config"))?;
    api::Engine::new(&value).map_err(|problems| {
        let problems: Vec<Problem> = problems.into_iter().map(|problem| problem.under("config")).collect();
        failure(&problems)
    })
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Checks and compiles `config`; throws a `FollowupError` listing every
    /// problem.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
    ) -> Result<WasmEngine, JsValue> {
        compile(config).map(|inner| WasmEngine { inner })
    }

    /// Decides what happens next for one case at `now`.
    #[wasm_bindgen(js_name = evaluateRules, unchecked_return_type = "Decision")]
    pub fn evaluate_rules(
        &self,
        #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (case_record, timeline, now_value) = read_case(case_record, timeline, now_value)?;
        match self.inner.evaluate(case_record, timeline, &now_value) {
            EvaluateResponse::Success { decision } => output(&decision),
            EvaluateResponse::Failure { errors } => Err(failure(&errors)),
        }
    }

    /// Decides for many cases in one call (a scheduled sweep): one result
    /// per case, in order; a bad case does not spoil the others.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "EvaluateResponse[]")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseInput[]")] cases: &JsValue,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let cases = with_problems(input(cases, "cases"))?;
        let now_value = with_problems(now(now_value))?;
        match self.inner.evaluate_many(cases, &now_value) {
            EvaluateManyResponse::Success { results } => output(&results),
            EvaluateManyResponse::Failure { errors } => Err(failure(&errors)),
        }
    }

    /// Drafts a follow-up or a reply.
    #[wasm_bindgen(js_name = draftEmail, unchecked_return_type = "EmailDraft")]
    pub fn draft_email(
        &self,
        #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "DraftRequest")] request: &JsValue,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (case_record, timeline, now_value) = read_case(case_record, timeline, now_value)?;
        let request = with_problems(input(request, "request"))?;
        match self.inner.draft_email(case_record, timeline, &request, &now_value) {
            DraftResponse::Success { email } => output(&email),
            DraftResponse::Failure { errors } => Err(failure(&errors)),
        }
    }

    /// Fills the Case Resolution dialog, keeping what `current` holds.
    #[wasm_bindgen(js_name = fillResolution, unchecked_return_type = "ResolutionDraft")]
    pub fn fill_resolution(
        &self,
        #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "CurrentResolution | null | undefined")] current: &JsValue,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (case_record, timeline, now_value) = read_case(case_record, timeline, now_value)?;
        let current = with_problems(input(current, "current"))?;
        match self.inner.fill_resolution(case_record, timeline, &current, &now_value) {
            ResolutionResponse::Success { resolution } => output(&resolution),
            ResolutionResponse::Failure { errors } => Err(failure(&errors)),
        }
    }
}

type CaseInputs = (serde_json::Value, serde_json::Value, serde_json::Value);

fn read_case(case_record: &JsValue, timeline: &JsValue, now_value: &JsValue) -> Result<CaseInputs, JsValue> {
    Ok((
        with_problems(input(case_record, "case"))?,
        with_problems(input(timeline, "timeline"))?,
        with_problems(now(now_value))?,
    ))
}

/// Decides what happens next for one case at `now` (compiles `config` on
/// each call; keep an `Engine` for repeated calls).
#[wasm_bindgen(js_name = evaluateRules, unchecked_return_type = "Decision")]
pub fn evaluate_rules(
    #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
    #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
    #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
) -> Result<JsValue, JsValue> {
    WasmEngine::new(config)?.evaluate_rules(case_record, timeline, now_value)
}

/// Decides for many cases in one call.
#[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "EvaluateResponse[]")]
pub fn evaluate_many(
    #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "CaseInput[]")] cases: &JsValue,
    #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
) -> Result<JsValue, JsValue> {
    WasmEngine::new(config)?.evaluate_many(cases, now_value)
}

/// Drafts a follow-up or a reply.
#[wasm_bindgen(js_name = draftEmail, unchecked_return_type = "EmailDraft")]
pub fn draft_email(
    #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
    #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "DraftRequest")] request: &JsValue,
    #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
) -> Result<JsValue, JsValue> {
    WasmEngine::new(config)?.draft_email(case_record, timeline, request, now_value)
}

/// Fills the Case Resolution dialog, keeping what `current` holds.
#[wasm_bindgen(js_name = fillResolution, unchecked_return_type = "ResolutionDraft")]
pub fn fill_resolution(
    #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
    #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "CurrentResolution | null | undefined")] current: &JsValue,
    #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
) -> Result<JsValue, JsValue> {
    WasmEngine::new(config)?.fill_resolution(case_record, timeline, current, now_value)
}

/// Checks a config and returns every problem, with its path (for an admin
/// UI). Never throws for a bad config: the report is the answer.
#[wasm_bindgen(js_name = validateConfig, unchecked_return_type = "ValidateResponse")]
pub fn validate_config(
    #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
) -> Result<JsValue, JsValue> {
    let report = match input(config, "") {
        Ok(value) => api::validate_config(&value),
        Err(problem) => ValidateResponse::Failure { errors: vec![problem] },
    };
    output(&report)
}
