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
//! - `installLanguage(code, text, lexicon)`: German, French or Spanish
//!   texts and reply lexicon, which the module does not carry; the
//!   package's entries install them.
//! - `new Engine(config, options?)`: the config checked once, for many calls.
//! - `engine.openCase(caseRecord, timeline)` → `OpenCase`: the case read
//!   once; decide again after each change, passing on only what changed.

mod convert;
mod surrogates;
mod utf8;

use followup_engine::api::{
    self, DraftResponse, EngineOptions, EvaluateManyResponse, EvaluateResponse, ResolutionResponse, ValidateResponse,
};
use followup_engine::input::Shape;
use followup_engine::language::Lang;
use followup_engine::{Problem, ProblemCode};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use convert::{Batch, batch_input, case_inputs, config_input, failure, now, output};
use std::borrow::Cow;

// The types live in `types/*.d.ts` (copied into the package); the generated
// declarations import the ones the signatures name and re-export them all.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"import type { CaseInput, CaseRecord, CurrentResolution, Decision, DraftRequest, EmailDraft, EngineOptions, EvaluateResponse, FollowupConfig, ResolutionDraft, TimelineItem, ValidateResponse } from "../types/index.js";
export type * from "../types/index.js";"#;

/// The allocator: talc instead of the standard library's dlmalloc, 2.7 KB
/// gzipped smaller for 1.01x to 1.09x the time per call (bench/README.md).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Runs when the module loads: installs the panic hook.
///
/// A panic is a bug (every bad input gets a `FollowupError`), but if one
/// happens the caller gets a JS `Error` that says where and why
/// (`case-followup panicked at crates/...:12:5: ...`), thrown instead of
/// wasm's bare `unreachable`. The module should be reloaded after it.
/// (`console_error_panic_hook` only logs: the caller would still get
/// `unreachable`.)
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map_or_else(String::new, |location| format!(" at {location}"));
        wasm_bindgen::throw_str(&format!("case-followup panicked{at}"));
    }));
}

/// The package version.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    api::version().to_owned()
}

/// Installs a language the module does not carry: `code` is `de`, `fr` or
/// `es`, `text` the content of its `language/<code>.txt` and `lexicon` of
/// its `replies/lexicon/<code>.txt` (the package's `languages/<code>.js`
/// exports both). Once, before the first call that reads a reply: the
/// package's entries install all three when they load. The same pack
/// again changes nothing; throws a `FollowupError` for another code (path
/// `code`), a text unlike the English one (`text.<key>`), a lexicon unlike
/// the engine's files (`lexicon`), or a lexicon installed after
/// replies were read (`lexicon`).
#[wasm_bindgen(js_name = installLanguage)]
pub fn install_language(
    #[wasm_bindgen(unchecked_param_type = "string")] code: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] lexicon: &JsValue,
) -> Result<(), JsValue> {
    let code = code.as_string().unwrap_or_default();
    let lang = Lang::ALL.into_iter().find(|lang| lang.code() == code);
    let lang = lang.ok_or_else(|| {
        failure(&[Problem::new(ProblemCode::InvalidValue, "code", "`code` is `de`, `fr` or `es`, the language's code")])
    })?;
    let text = text.as_string().ok_or_else(|| {
        failure(&[Problem::new(ProblemCode::InvalidType, "text", "`text` is the language's texts, a string")])
    })?;
    let lexicon = lexicon.as_string().ok_or_else(|| {
        failure(&[Problem::new(
            ProblemCode::InvalidType,
            "lexicon",
            "`lexicon` is the language's reply lexicon, a string",
        )])
    })?;
    with_problems(followup_engine::api::install_language(lang, &text, &lexicon))
}

/// A config checked and compiled once, for many calls.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    // Shared with the cases it opens, which outlive no engine of their own.
    inner: Rc<api::Engine>,
}

fn with_problems<T>(result: Result<T, Problem>) -> Result<T, JsValue> {
    result.map_err(|problem| failure(&[problem]))
}

fn with_all_problems<T>(result: Result<T, Vec<Problem>>) -> Result<T, JsValue> {
    result.map_err(|problems| failure(&problems))
}

fn compile(config: &JsValue, options: EngineOptions) -> Result<api::Engine, JsValue> {
    let value = with_problems(config_input(&options.limits, config, "config", Shape::Whole))?;
    api::Engine::new(&value).map(|engine| engine.with_options(options)).map_err(|problems| {
        let problems: Vec<Problem> = problems.into_iter().map(|problem| problem.under("config")).collect();
        failure(&problems)
    })
}

impl WasmEngine {
    fn case_inputs<const N: usize>(
        &self,
        inputs: [(&JsValue, &str, Shape); N],
    ) -> Result<[serde_json::Value; N], Problem> {
        case_inputs(self.inner.limits(), inputs)
    }
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Checks and compiles `config`; throws a `FollowupError` listing every
    /// problem. `options.explainRules: false` leaves each rule's outcome out
    /// of `explanation.rules` (nothing else changes): less to write and read
    /// on every call when a config has many rules. `maxCaseBytes`,
    /// `maxBatchBytes` and `maxConfigBytes` set how much JSON the engine
    /// accepts (see `EngineOptions`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EngineOptions | null")] options: &JsValue,
    ) -> Result<WasmEngine, JsValue> {
        let defaults = EngineOptions::default();
        let options = with_problems(config_input(&defaults.limits, options, "options", Shape::Record))?;
        let options = with_all_problems(api::read_options(&options))?;
        compile(config, options).map(|engine| WasmEngine { inner: Rc::new(engine) })
    }

    /// Reads a case and its timeline once, for many calls: see `OpenCase`.
    #[wasm_bindgen(js_name = openCase)]
    pub fn open_case(
        &self,
        #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
    ) -> Result<OpenCase, JsValue> {
        let [case_record, timeline] = with_problems(
            self.case_inputs([(case_record, "case", Shape::Record), (timeline, "timeline", Shape::Timeline)]),
        )?;
        let inner = with_all_problems(self.inner.open_case(case_record, timeline))?;
        Ok(OpenCase { engine: Rc::clone(&self.inner), inner })
    }

    /// Decides what happens next for one case at `now`.
    #[wasm_bindgen(js_name = evaluateRules, unchecked_return_type = "Decision")]
    pub fn evaluate_rules(
        &self,
        #[wasm_bindgen(js_name = caseRecord, unchecked_param_type = "CaseRecord")] case_record: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "TimelineItem[] | null | undefined")] timeline: &JsValue,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let [case_record, timeline] = with_problems(
            self.case_inputs([(case_record, "case", Shape::Record), (timeline, "timeline", Shape::Timeline)]),
        )?;
        let now_value = with_problems(now(now_value))?;
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
        let cases = with_problems(batch_input(self.inner.limits(), cases))?;
        let now_value = with_problems(now(now_value))?;
        let response = match cases {
            Batch::Cases(texts) => {
                self.inner.evaluate_each_text(texts.into_iter().map(|text| text.map(Cow::Owned)), &now_value)
            }
            Batch::Other(value) => self.inner.evaluate_many(value, &now_value),
        };
        match response {
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
        let [case_record, timeline, request] = with_problems(self.case_inputs([
            (case_record, "case", Shape::Record),
            (timeline, "timeline", Shape::Timeline),
            (request, "request", Shape::Record),
        ]))?;
        let now_value = with_problems(now(now_value))?;
        match self.inner.draft_email(case_record, timeline, &request, &now_value) {
            DraftResponse::Success { email } => output(email.as_ref()),
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
        let [case_record, timeline, current] = with_problems(self.case_inputs([
            (case_record, "case", Shape::Record),
            (timeline, "timeline", Shape::Timeline),
            (current, "current", Shape::Record),
        ]))?;
        let now_value = with_problems(now(now_value))?;
        match self.inner.fill_resolution(case_record, timeline, &current, &now_value) {
            ResolutionResponse::Success { resolution } => output(resolution.as_ref()),
            ResolutionResponse::Failure { errors } => Err(failure(&errors)),
        }
    }
}

/// A case read once, for a form that stays open: decide again on every
/// Status Reason change without sending the record and the timeline again,
/// passing on only what changed (`updateCase`, `addTimelineItems`). Each
/// email is classified once and the reading kept. Decides exactly as the
/// `Engine` that opened it would for the whole record and timeline.

#[wasm_bindgen]
pub struct OpenCase {
    engine: Rc<api::Engine>,
    inner: api::OpenCase,
}

impl OpenCase {
    fn case_inputs<const N: usize>(
        &self,
        inputs: [(&JsValue, &str, Shape); N],
    ) -> Result<[serde_json::Value; N], Problem> {
        case_inputs(self.engine.limits(), inputs)
    }
}

#[wasm_bindgen]
impl OpenCase {
    /// Decides what happens next at `now`.
    #[wasm_bindgen(js_name = evaluateRules, unchecked_return_type = "Decision")]
    pub fn evaluate_rules(
        &self,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let now_value = with_problems(now(now_value))?;
        match self.engine.evaluate_open(&self.inner, &now_value) {
            EvaluateResponse::Success { decision } => output(&decision),
            EvaluateResponse::Failure { errors } => Err(failure(&errors)),
        }
    }

    /// Drafts a follow-up or a reply.
    #[wasm_bindgen(js_name = draftEmail, unchecked_return_type = "EmailDraft")]
    pub fn draft_email(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DraftRequest")] request: &JsValue,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let [request] = with_problems(self.case_inputs([(request, "request", Shape::Record)]))?;
        let now_value = with_problems(now(now_value))?;
        match self.engine.draft_email_open(&self.inner, &request, &now_value) {
            DraftResponse::Success { email } => output(email.as_ref()),
            DraftResponse::Failure { errors } => Err(failure(&errors)),
        }
    }

    /// Fills the Case Resolution dialog, keeping what `current` holds.
    #[wasm_bindgen(js_name = fillResolution, unchecked_return_type = "ResolutionDraft")]
    pub fn fill_resolution(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CurrentResolution | null | undefined")] current: &JsValue,
        #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let [current] = with_problems(self.case_inputs([(current, "current", Shape::Record)]))?;
        let now_value = with_problems(now(now_value))?;
        match self.engine.fill_resolution_open(&self.inner, &current, &now_value) {
            ResolutionResponse::Success { resolution } => output(resolution.as_ref()),
            ResolutionResponse::Failure { errors } => Err(failure(&errors)),
        }
    }

    /// Sets the case columns in `changes` (`{statuscode: 3, ...}`); a
    /// changed column's old label goes with its old value. Throws a
    /// `FollowupError` (paths `changes.<column>`) and changes nothing when
    /// the result would not be a valid case.
    #[wasm_bindgen(js_name = updateCase)]
    pub fn update_case(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Partial<CaseRecord>")] changes: &JsValue,
    ) -> Result<(), JsValue> {
        let [changes] = with_problems(self.case_inputs([(changes, "changes", Shape::Record)]))?;
        with_all_problems(self.inner.update_case(changes))
    }

    /// Adds what happened since the case was read: oldest first, none older
    /// than the latest item held. Throws a `FollowupError` (paths
    /// `items[i]`) and adds nothing when an item is bad.
    #[wasm_bindgen(js_name = addTimelineItems)]
    pub fn add_timeline_items(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TimelineItem[]")] items: &JsValue,
    ) -> Result<(), JsValue> {
        let [items] = with_problems(self.case_inputs([(items, "items", Shape::Timeline)]))?;
        with_all_problems(self.inner.add_timeline_items(&self.engine, items))
    }
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
    WasmEngine::new(config, &JsValue::UNDEFINED)?.evaluate_rules(case_record, timeline, now_value)
}

/// Decides for many cases in one call.
#[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "EvaluateResponse[]")]
pub fn evaluate_many(
    #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "CaseInput[]")] cases: &JsValue,
    #[wasm_bindgen(js_name = now, unchecked_param_type = "string | Date")] now_value: &JsValue,
) -> Result<JsValue, JsValue> {
    WasmEngine::new(config, &JsValue::UNDEFINED)?.evaluate_many(cases, now_value)
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
    WasmEngine::new(config, &JsValue::UNDEFINED)?.draft_email(case_record, timeline, request, now_value)
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
    WasmEngine::new(config, &JsValue::UNDEFINED)?.fill_resolution(case_record, timeline, current, now_value)
}

/// Checks a config and returns every problem, with its path (for an admin
/// UI). Never throws for a bad config: the report is the answer.
#[wasm_bindgen(js_name = validateConfig, unchecked_return_type = "ValidateResponse")]
pub fn validate_config(
    #[wasm_bindgen(unchecked_param_type = "FollowupConfig")] config: &JsValue,
) -> Result<JsValue, JsValue> {
    let report = match config_input(&EngineOptions::default().limits, config, "", Shape::Whole) {
        Ok(value) => api::validate_config(&value),
        Err(problem) => ValidateResponse::Failure { errors: vec![problem] },
    };
    output(&report)
}
