//! The JSON-shaped entry points every host goes through: the wasm exports
//! convert JS values to [`serde_json::Value`] and call these; `host-sim` and
//! other native hosts call them directly or through the `*_json` twins that
//! take and return JSON text. One serde path for every host, so native and
//! wasm decide alike.
//!
//! Every output is a tagged union: `{"type": "success", ...}` or
//! `{"type": "failure", "errors": [{code, path, message}, ...]}`. Paths
//! name the argument first (`config.rules[0].followUps.waitTimes[1]`,
//! `case.createdon`, `timeline[3].senton`, `now`).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::decision::{self, Decision, DecisionOptions};
use crate::drafting::{DraftRequest, EmailDraft};
use crate::fields::json_kind;
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::record::CaseRecord;
use crate::resolution::{CurrentResolution, ResolutionDraft};
use crate::time::{Timestamp, parse_timestamp, timestamp_from_millis};
use crate::timeline::Timeline;

/// Most cases accepted by one `evaluate_many` call.
pub const MAX_CASES_PER_CALL: usize = 100_000;

/// The answer of `evaluateRules`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum EvaluateResponse {
    /// The decision.
    Success {
        /// What happens next.
        decision: Box<Decision>,
    },
    /// The input could not be read.
    Failure {
        /// Every problem found.
        errors: Vec<Problem>,
    },
}

/// The answer of `draftEmail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum DraftResponse {
    /// The drafted email.
    Success {
        /// The email.
        email: Box<EmailDraft>,
    },
    /// The input could not be read or the request cannot be served.
    Failure {
        /// Every problem found.
        errors: Vec<Problem>,
    },
}

/// The answer of `fillResolution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ResolutionResponse {
    /// The filled dialog.
    Success {
        /// The resolution.
        resolution: Box<ResolutionDraft>,
    },
    /// The input could not be read.
    Failure {
        /// Every problem found.
        errors: Vec<Problem>,
    },
}

/// The answer of `validateConfig`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ValidateResponse {
    /// The config is valid.
    #[serde(rename_all = "camelCase")]
    Success {
        /// Number of rules.
        rules: usize,
        /// Number of active rules.
        active_rules: usize,
    },
    /// The config has problems.
    Failure {
        /// Every problem found, with paths relative to the config.
        errors: Vec<Problem>,
    },
}

/// The answer of `evaluateMany`: one result per case, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum EvaluateManyResponse {
    /// Every case was looked at; each has its own result.
    Success {
        /// One result per case; a bad case does not spoil the others.
        results: Vec<EvaluateResponse>,
    },
    /// The config, the list or `now` could not be read.
    Failure {
        /// Every problem found.
        errors: Vec<Problem>,
    },
}

/// A config compiled once and used for many calls (the wasm `Engine`
/// class, `host-sim`'s replay loop), with the options of its decisions.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    options: DecisionOptions,
}

/// The engine options a host may pass beside the config
/// (`{"explainRules": false}`); every key is optional.
pub const ENGINE_OPTION_FIELDS: &[&str] = &["explainRules"];

/// Reads the engine options (`null` gives the defaults); problems name
/// `options.<key>`.
pub fn read_options(value: &Value) -> Result<DecisionOptions, Problem> {
    let mut options = DecisionOptions::default();
    if value.is_null() {
        return Ok(options);
    }
    let map = parts(value, "options", ENGINE_OPTION_FIELDS)?;
    if let Some(explain) = map.get("explainRules") {
        options.explain_rules = explain.as_bool().ok_or_else(|| {
            Problem::new(
                ProblemCode::InvalidType,
                "options.explainRules",
                format!("`explainRules` is `true` or `false`, not {}", json_kind(explain)),
            )
        })?;
    }
    Ok(options)
}

impl Engine {
    /// Compiles a config; problems have paths relative to the config.
    pub fn new(config: &Value) -> Result<Self, Vec<Problem>> {
        Config::from_json(config).map(|config| Self { config, options: DecisionOptions::default() })
    }

    /// The engine with its decisions written as `options` ask.
    #[must_use]
    pub fn with_options(self, options: DecisionOptions) -> Self {
        Self { options, ..self }
    }

    /// The compiled config.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads a case and its timeline (taking them over) with paths under
    /// `prefix` (`""` for a request's own `case` and `timeline`).
    pub fn read_case(&self, case: Value, timeline: Value, prefix: &str) -> Result<(CaseRecord, Timeline), Problem> {
        let record = CaseRecord::from_json(case, &field_path(prefix, "case"))?;
        let timeline = if timeline.is_null() {
            Timeline::default()
        } else {
            Timeline::from_json(timeline, &field_path(prefix, "timeline"), &self.config.statuses)?
        };
        Ok((record, timeline))
    }

    /// Reads a case and its timeline once, for many calls (see [`OpenCase`]).
    pub fn open_case(&self, case: Value, timeline: Value) -> Result<OpenCase, Problem> {
        self.read_case(case, timeline, "").map(|(record, timeline)| OpenCase { record, timeline })
    }

    /// `evaluateRules` for one case.
    #[must_use]
    pub fn evaluate(&self, case: Value, timeline: Value, now: &Value) -> EvaluateResponse {
        decided(parse_now(now).and_then(|now| {
            let (case, timeline) = self.read_case(case, timeline, "")?;
            self.evaluate_record(&case, &timeline, now)
        }))
    }

    /// `evaluateRules` for a case already read (host-sim's hot loop).
    pub fn evaluate_record(&self, case: &CaseRecord, timeline: &Timeline, now: Timestamp) -> Result<Decision, Problem> {
        decision::evaluate_with(&self.config, case, timeline, now, self.options)
    }

    /// `evaluateRules` for an open case.
    #[must_use]
    pub fn evaluate_open(&self, open: &OpenCase, now: &Value) -> EvaluateResponse {
        decided(parse_now(now).and_then(|now| self.evaluate_record(&open.record, &open.timeline, now)))
    }

    /// `draftEmail` for an open case.
    #[must_use]
    pub fn draft_email_open(&self, open: &OpenCase, request: &Value, now: &Value) -> DraftResponse {
        drafted(parse_now(now).and_then(|now| {
            let request = DraftRequest::from_json(request, "request")?;
            decision::draft_email(&self.config, &open.record, &open.timeline, &request, now)
        }))
    }

    /// `fillResolution` for an open case.
    #[must_use]
    pub fn fill_resolution_open(&self, open: &OpenCase, current: &Value, now: &Value) -> ResolutionResponse {
        filled(parse_now(now).and_then(|now| {
            let current = CurrentResolution::from_json(current, "current", &self.config.statuses)?;
            decision::fill_resolution(&self.config, &open.record, &open.timeline, &current, now)
        }))
    }

    /// `evaluateMany`: every case in `cases` (`[{case, timeline}, ...]`).
    #[must_use]
    pub fn evaluate_many(&self, cases: Value, now: &Value) -> EvaluateManyResponse {
        let now = match parse_now(now) {
            Ok(now) => now,
            Err(problem) => return EvaluateManyResponse::Failure { errors: vec![problem] },
        };
        let Value::Array(entries) = cases else {
            return EvaluateManyResponse::Failure {
                errors: vec![Problem::new(
                    ProblemCode::InvalidType,
                    "cases",
                    format!("`cases` must be an array of `{{case, timeline}}` objects, not {}", json_kind(&cases)),
                )],
            };
        };
        if entries.len() > MAX_CASES_PER_CALL {
            return EvaluateManyResponse::Failure {
                errors: vec![Problem::new(
                    ProblemCode::TooLarge,
                    "cases",
                    format!("{} cases in one call; the limit is {MAX_CASES_PER_CALL}", entries.len()),
                )],
            };
        }
        let results = entries
            .into_iter()
            .enumerate()
            .map(|(index, mut entry)| {
                let path = index_path("cases", index);
                let result = parts(&entry, &path, &["case", "timeline"]).map(|_| ()).and_then(|()| {
                    let case = entry.get_mut("case").map(Value::take).ok_or_else(|| missing(&path, "case"))?;
                    let timeline = entry.get_mut("timeline").map_or(Value::Null, Value::take);
                    let (case, timeline) = self.read_case(case, timeline, &path)?;
                    self.evaluate_record(&case, &timeline, now)
                });
                decided(result)
            })
            .collect();
        EvaluateManyResponse::Success { results }
    }

    /// `draftEmail`.
    #[must_use]
    pub fn draft_email(&self, case: Value, timeline: Value, request: &Value, now: &Value) -> DraftResponse {
        match self.open_case(case, timeline) {
            Ok(open) => self.draft_email_open(&open, request, now),
            Err(problem) => DraftResponse::Failure { errors: vec![problem] },
        }
    }

    /// `fillResolution`.
    #[must_use]
    pub fn fill_resolution(&self, case: Value, timeline: Value, current: &Value, now: &Value) -> ResolutionResponse {
        match self.open_case(case, timeline) {
            Ok(open) => self.fill_resolution_open(&open, current, now),
            Err(problem) => ResolutionResponse::Failure { errors: vec![problem] },
        }
    }
}

/// A case read once and kept for many calls: a form that stays open decides
/// again on every Status Reason change without reading the record and the
/// timeline again, and passes on only what changed ([`OpenCase::update_case`],
/// [`OpenCase::add_timeline_items`]). Each email is classified on first use
/// and the reading kept, so a later call reads only new messages.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenCase {
    record: CaseRecord,
    timeline: Timeline,
}

impl OpenCase {
    /// The case as it stands.
    #[must_use]
    pub fn record(&self) -> &CaseRecord {
        &self.record
    }

    /// The timeline as it stands.
    #[must_use]
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Sets the columns in `changes` (`{"statuscode": 3, ...}`; problems
    /// name `changes.<column>`); on a problem nothing changes. See
    /// [`CaseRecord::updated`].
    pub fn update_case(&mut self, changes: Value) -> Result<(), Problem> {
        self.record = self.record.updated(changes, "changes")?;
        Ok(())
    }

    /// Adds what happened since the case was read (`items[i]` in problems):
    /// oldest first, none older than the latest item held; on a problem
    /// nothing is added.
    pub fn add_timeline_items(&mut self, engine: &Engine, items: Value) -> Result<(), Problem> {
        self.timeline.append_json(items, "items", &engine.config.statuses)
    }
}

fn decided(result: Result<Decision, Problem>) -> EvaluateResponse {
    match result {
        Ok(decision) => EvaluateResponse::Success { decision: Box::new(decision) },
        Err(problem) => EvaluateResponse::Failure { errors: vec![problem] },
    }
}

fn drafted(result: Result<EmailDraft, Problem>) -> DraftResponse {
    match result {
        Ok(email) => DraftResponse::Success { email: Box::new(email) },
        Err(problem) => DraftResponse::Failure { errors: vec![problem] },
    }
}

fn filled(result: Result<ResolutionDraft, Problem>) -> ResolutionResponse {
    match result {
        Ok(resolution) => ResolutionResponse::Success { resolution: Box::new(resolution) },
        Err(problem) => ResolutionResponse::Failure { errors: vec![problem] },
    }
}

fn config_problems(problems: Vec<Problem>) -> Vec<Problem> {
    problems.into_iter().map(|problem| problem.under("config")).collect()
}

/// Reads `now`: an RFC 3339 string, or milliseconds since the Unix epoch
/// (what a JS `Date` holds).
pub fn parse_now(now: &Value) -> Result<Timestamp, Problem> {
    let fail = |message: String| Problem::new(ProblemCode::InvalidDateTime, "now", message);
    match now {
        Value::String(text) => parse_timestamp(text).map_err(fail),
        Value::Number(number) => number
            .as_f64()
            .ok_or_else(|| fail(format!("`{number}` is not a time")))
            .and_then(|millis| timestamp_from_millis(millis).map_err(fail)),
        Value::Null => {
            Err(Problem::new(ProblemCode::MissingField, "now", "`now` is required: the instant to decide for"))
        }
        other => Err(fail(format!("`now` is an RFC 3339 date-time or a JS `Date`, not {}", json_kind(other)))),
    }
}

/// `validateConfig`: every problem at once.
#[must_use]
pub fn validate_config(config: &Value) -> ValidateResponse {
    match Config::from_json(config) {
        Ok(config) => ValidateResponse::Success {
            rules: config.rules.len(),
            active_rules: config.rules.iter().filter(|rule| rule.active).count(),
        },
        Err(errors) => ValidateResponse::Failure { errors },
    }
}

/// `evaluateRules`: compiles `config` and decides for one case.
#[must_use]
pub fn evaluate_rules(config: &Value, case: Value, timeline: Value, now: &Value) -> EvaluateResponse {
    match Engine::new(config) {
        Ok(engine) => engine.evaluate(case, timeline, now),
        Err(errors) => EvaluateResponse::Failure { errors: config_problems(errors) },
    }
}

/// `evaluateMany`: compiles `config` once and decides for every case.
#[must_use]
pub fn evaluate_many(config: &Value, cases: Value, now: &Value) -> EvaluateManyResponse {
    match Engine::new(config) {
        Ok(engine) => engine.evaluate_many(cases, now),
        Err(errors) => EvaluateManyResponse::Failure { errors: config_problems(errors) },
    }
}

/// `draftEmail`.
#[must_use]
pub fn draft_email(config: &Value, case: Value, timeline: Value, request: &Value, now: &Value) -> DraftResponse {
    match Engine::new(config) {
        Ok(engine) => engine.draft_email(case, timeline, request, now),
        Err(errors) => DraftResponse::Failure { errors: config_problems(errors) },
    }
}

/// `fillResolution`.
#[must_use]
pub fn fill_resolution(
    config: &Value,
    case: Value,
    timeline: Value,
    current: &Value,
    now: &Value,
) -> ResolutionResponse {
    match Engine::new(config) {
        Ok(engine) => engine.fill_resolution(case, timeline, current, now),
        Err(errors) => ResolutionResponse::Failure { errors: config_problems(errors) },
    }
}

fn missing(parent: &str, key: &str) -> Problem {
    Problem::new(ProblemCode::MissingField, field_path(parent, key), format!("`{key}` is required"))
}

/// Reads a request object's named parts, refusing unknown ones.
fn parts<'a>(value: &'a Value, path: &str, known: &[&str]) -> Result<&'a Map<String, Value>, Problem> {
    let Value::Object(map) = value else {
        return Err(Problem::new(
            ProblemCode::InvalidType,
            path,
            format!("expected an object with `{}`, not {}", crate::text::join(known, "`, `"), json_kind(value)),
        ));
    };
    if let Some(unknown) = map.keys().find(|key| !known.contains(&key.as_str())) {
        return Err(Problem::new(
            ProblemCode::UnknownField,
            field_path(path, unknown),
            format!(
                "unknown field `{}`, expected one of `{}`",
                crate::time::clip(unknown),
                crate::text::join(known, "`, `")
            ),
        ));
    }
    Ok(map)
}

fn parse_request(text: &str) -> Result<Value, Vec<Problem>> {
    serde_json::from_str(text)
        .map_err(|error| vec![Problem::new(ProblemCode::InvalidJson, "", format!("the request is not JSON: {error}"))])
}

fn to_json<T: Serialize>(response: &T) -> String {
    // Our response types serialize without fail (string keys only, no
    // custom serializers); keep a valid answer even if that ever changes.
    serde_json::to_string(response).unwrap_or_else(|error| {
        format!(
            "{{\"type\":\"failure\",\"errors\":[{{\"code\":\"invalid-value\",\"path\":\"\",\"message\":{}}}]}}",
            Value::String(format!("the response could not be written: {error}"))
        )
    })
}

fn failure_json(errors: Vec<Problem>) -> String {
    to_json(&EvaluateResponse::Failure { errors })
}

/// A parsed JSON request, checked to hold only `known` parts, whose parts
/// can be taken out one by one.
struct Request {
    value: Value,
}

impl Request {
    fn parse(text: &str, known: &[&str]) -> Result<Self, Vec<Problem>> {
        let value = parse_request(text)?;
        parts(&value, "", known).map_err(|problem| vec![problem])?;
        Ok(Self { value })
    }

    fn take(&mut self, key: &str) -> Value {
        self.value.get_mut(key).map_or(Value::Null, Value::take)
    }

    fn required(&mut self, key: &str) -> Result<Value, Vec<Problem>> {
        match self.take(key) {
            Value::Null => Err(vec![missing("", key)]),
            value => Ok(value),
        }
    }
}

fn answer<T: Serialize>(result: Result<T, Vec<Problem>>) -> String {
    match result {
        Ok(response) => to_json(&response),
        Err(errors) => failure_json(errors),
    }
}

/// `evaluateRules` over JSON text: `{"config", "case", "timeline", "now"}`
/// in, a tagged response out.
#[must_use]
pub fn evaluate_rules_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "case", "timeline", "now"]).and_then(|mut request| {
        let config = request.required("config")?;
        let case = request.required("case")?;
        let (timeline, now) = (request.take("timeline"), request.take("now"));
        Ok(evaluate_rules(&config, case, timeline, &now))
    }))
}

/// `evaluateMany` over JSON text: `{"config", "cases", "now"}`.
#[must_use]
pub fn evaluate_many_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "cases", "now"]).and_then(|mut request| {
        let config = request.required("config")?;
        let cases = request.required("cases")?;
        Ok(evaluate_many(&config, cases, &request.take("now")))
    }))
}

/// `draftEmail` over JSON text: `{"config", "case", "timeline", "request", "now"}`.
#[must_use]
pub fn draft_email_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "case", "timeline", "request", "now"]).and_then(|mut request| {
        let config = request.required("config")?;
        let case = request.required("case")?;
        let draft = request.required("request")?;
        let (timeline, now) = (request.take("timeline"), request.take("now"));
        Ok(draft_email(&config, case, timeline, &draft, &now))
    }))
}

/// `fillResolution` over JSON text: `{"config", "case", "timeline", "current", "now"}`.
#[must_use]
pub fn fill_resolution_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "case", "timeline", "current", "now"]).and_then(|mut request| {
        let config = request.required("config")?;
        let case = request.required("case")?;
        let (timeline, current, now) = (request.take("timeline"), request.take("current"), request.take("now"));
        Ok(fill_resolution(&config, case, timeline, &current, &now))
    }))
}

/// `validateConfig` over JSON text: the config itself.
#[must_use]
pub fn validate_config_json(config: &str) -> String {
    match parse_request(config) {
        Ok(value) => to_json(&validate_config(&value)),
        Err(errors) => to_json(&ValidateResponse::Failure { errors }),
    }
}

/// The engine's version, as the package reports it.
#[must_use]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
