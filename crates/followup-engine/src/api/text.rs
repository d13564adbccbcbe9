//! The entry points over JSON text. A request's parts are found in its
//! text without being parsed (`serde_json`'s `RawValue`), measured against
//! the engine's limits, and only then read, each within the memory budget
//! of [`crate::input`]; so are the cases of `evaluateMany`, one by one.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::{
    Engine, EngineOptions, EvaluateManyResponse, EvaluateResponse, MAX_CASES_PER_CALL, ValidateResponse, case_entry,
    config_problems, decided, missing, parts, read_options, validate_config,
};
use crate::input::{self, InputLimits, Shape, TextSize};
use crate::problem::{Problem, ProblemCode, index_path};
use crate::reader::{json_kind, unknown_field};

/// The parts of a JSON object (`what`), found in its text: each part's
/// name and its text, unread. Refuses anything but an object, and reports
/// each part not in `known`.
fn raw_parts<'a>(
    text: &'a str,
    path: &str,
    what: &str,
    known: &[&str],
) -> Result<BTreeMap<String, &'a RawValue>, Vec<Problem>> {
    match serde_json::from_str::<BTreeMap<String, &RawValue>>(text) {
        Ok(found) => {
            let unknown: Vec<Problem> = found
                .keys()
                .filter(|key| !known.contains(&key.as_str()))
                .map(|key| unknown_field(path, key, known))
                .collect();
            if unknown.is_empty() { Ok(found) } else { Err(unknown) }
        }
        // Not an object, or not JSON: reading it whole says which.
        Err(error) => {
            let value = input::parse(text, path, Shape::Whole).map_err(|problem| vec![problem])?;
            parts(&value, path, what, known)?;
            Err(vec![Problem::new(ProblemCode::InvalidJson, path, format!("cannot read this object: {error}"))])
        }
    }
}

fn size(raw: Option<&RawValue>) -> TextSize {
    TextSize::Exact(raw.map_or(0, |raw| raw.get().len()))
}

fn read(raw: Option<&RawValue>, path: &str, shape: Shape) -> Result<Value, Problem> {
    raw.map_or(Ok(Value::Null), |raw| input::parse(raw.get(), path, shape))
}

impl Engine {
    /// `evaluateMany` over the JSON text of its cases (`[{case, timeline},
    /// ...]`, already held to [`InputLimits::batch_bytes`]): see
    /// [`Engine::evaluate_each_text`].
    #[must_use]
    pub fn evaluate_many_text(&self, cases: &str, now: &Value) -> EvaluateManyResponse {
        let Ok(entries) = serde_json::from_str::<Vec<&RawValue>>(cases) else {
            let problem = match input::parse(cases, "cases", Shape::Whole) {
                Ok(value) => not_a_list(&value),
                Err(problem) => problem,
            };
            return EvaluateManyResponse::Failure { errors: vec![problem] };
        };
        self.evaluate_each_text(entries.iter().map(|entry| Ok(Cow::Borrowed(entry.get()))), now)
    }

    /// `evaluateMany` over each case's JSON text (`{case, timeline}`), or
    /// the problem a host found with it: each case is held to
    /// [`InputLimits::case_bytes`] and read only when its turn comes, so
    /// one case's values are in memory at a time.
    #[must_use]
    pub fn evaluate_each_text<'t>(
        &self,
        entries: impl ExactSizeIterator<Item = Result<Cow<'t, str>, Problem>>,
        now: &Value,
    ) -> EvaluateManyResponse {
        let fail = |problem| EvaluateManyResponse::Failure { errors: vec![problem] };
        let now = match super::parse_now(now) {
            Ok(now) => now,
            Err(problem) => return fail(problem),
        };
        if let Err(problem) = check_case_count(entries.len()) {
            return fail(problem);
        }
        let results = entries
            .enumerate()
            .map(|(index, entry)| {
                let path = index_path("cases", index);
                let entry = entry.map_err(|problem| vec![problem]);
                decided(entry.and_then(|text| self.case_text(&text, &path)).and_then(|(case, timeline)| {
                    let (case, timeline) = self.read_case(case, timeline, &path)?;
                    self.evaluate_record(&case, &timeline, now).map_err(|problem| vec![problem])
                }))
            })
            .collect();
        EvaluateManyResponse::Success { results }
    }

    /// One `{case, timeline}` entry of `evaluateMany`, measured and read.
    fn case_text(&self, text: &str, path: &str) -> Result<(Value, Value), Vec<Problem>> {
        self.options.limits.check_case(&[(path, TextSize::Exact(text.len()))]).map_err(|problem| vec![problem])?;
        let mut entry = input::parse(text, path, Shape::Entry).map_err(|problem| vec![problem])?;
        case_entry(&mut entry, path)
    }
}

/// The problem with `evaluateMany`'s cases when they are not a list.
#[must_use]
pub(crate) fn not_a_list(cases: &Value) -> Problem {
    Problem::new(
        ProblemCode::InvalidType,
        "cases",
        format!("`cases` must be an array of `{{case, timeline}}` objects, not {}", json_kind(cases)),
    )
}

/// Refuses more than [`MAX_CASES_PER_CALL`] cases in one call.
pub fn check_case_count(count: usize) -> Result<(), Problem> {
    if count > MAX_CASES_PER_CALL {
        return Err(Problem::new(
            ProblemCode::TooLarge,
            "cases",
            format!("{count} cases in one call; the limit is {MAX_CASES_PER_CALL}"),
        ));
    }
    Ok(())
}

/// A JSON request whose parts are found but not yet read.
struct Request<'a> {
    parts: BTreeMap<String, &'a RawValue>,
}

impl<'a> Request<'a> {
    fn parse(text: &'a str, known: &[&str]) -> Result<Self, Vec<Problem>> {
        if let Err(error) = serde_json::from_str::<&RawValue>(text) {
            let problem = Problem::new(ProblemCode::InvalidJson, "", format!("the request is not JSON: {error}"));
            return Err(vec![problem]);
        }
        raw_parts(text, "", "the request", known).map(|parts| Self { parts })
    }

    fn part(&self, key: &str) -> Option<&'a RawValue> {
        self.parts.get(key).copied().filter(|raw| raw.get() != "null")
    }

    /// The engine the request's `config` and `options` make.
    fn engine(&self) -> Result<Engine, Vec<Problem>> {
        let options = read(self.part("options"), "options", Shape::Record).map_err(|problem| vec![problem])?;
        let options = read_options(&options)?;
        let config = self.part("config").ok_or_else(|| vec![missing("", "config")])?;
        options.limits.check_config("config", size(Some(config))).map_err(|problem| vec![problem])?;
        let config = input::parse(config.get(), "config", Shape::Whole).map_err(|problem| vec![problem])?;
        Engine::new(&config).map(|engine| engine.with_options(options)).map_err(config_problems)
    }

    /// The parts of one case's call (`case`, `timeline`, `request`, ...),
    /// held to the case limit together and read; `required` ones must be
    /// there.
    fn case_parts<const N: usize>(
        &self,
        limits: &InputLimits,
        keys: [&str; N],
        required: &[&str],
    ) -> Result<[Value; N], Vec<Problem>> {
        let sizes = keys.map(|key| (key, size(self.part(key))));
        limits.check_case(&sizes).map_err(|problem| vec![problem])?;
        let mut values = keys.map(|_| Value::Null);
        for (key, value) in keys.iter().zip(&mut values) {
            let raw = self.part(key);
            if raw.is_none() && required.contains(key) {
                return Err(vec![missing("", key)]);
            }
            let shape = if *key == "timeline" { Shape::Timeline } else { Shape::Record };
            *value = read(raw, key, shape).map_err(|problem| vec![problem])?;
        }
        Ok(values)
    }
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

fn answer<T: Serialize>(result: Result<T, Vec<Problem>>) -> String {
    match result {
        Ok(response) => to_json(&response),
        Err(errors) => to_json(&EvaluateResponse::Failure { errors }),
    }
}

/// `evaluateRules` over JSON text: `{"config", "options", "case",
/// "timeline", "now"}` in (`options` and `timeline` may be left out), a
/// tagged response out.
#[must_use]
pub fn evaluate_rules_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "options", "case", "timeline", "now"]).and_then(|request| {
        let engine = request.engine()?;
        let [case, timeline, now] = request.case_parts(engine.limits(), ["case", "timeline", "now"], &["case"])?;
        Ok(engine.evaluate(case, timeline, &now))
    }))
}

/// `evaluateMany` over JSON text: `{"config", "options", "cases", "now"}`.
#[must_use]
pub fn evaluate_many_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "options", "cases", "now"]).and_then(|request| {
        let engine = request.engine()?;
        let cases = request.part("cases").ok_or_else(|| vec![missing("", "cases")])?;
        engine.limits().check_batch("cases", size(Some(cases))).map_err(|problem| vec![problem])?;
        let now = read(request.part("now"), "now", Shape::Whole).map_err(|problem| vec![problem])?;
        Ok(engine.evaluate_many_text(cases.get(), &now))
    }))
}

/// `draftEmail` over JSON text: `{"config", "options", "case", "timeline",
/// "request", "now"}`.
#[must_use]
pub fn draft_email_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "options", "case", "timeline", "request", "now"]).and_then(|request| {
        let engine = request.engine()?;
        let keys = ["case", "timeline", "request", "now"];
        let [case, timeline, draft, now] = request.case_parts(engine.limits(), keys, &["case", "request"])?;
        Ok(engine.draft_email(case, timeline, &draft, &now))
    }))
}

/// `fillResolution` over JSON text: `{"config", "options", "case",
/// "timeline", "current", "now"}`.
#[must_use]
pub fn fill_resolution_json(request: &str) -> String {
    answer(Request::parse(request, &["config", "options", "case", "timeline", "current", "now"]).and_then(|request| {
        let engine = request.engine()?;
        let keys = ["case", "timeline", "current", "now"];
        let [case, timeline, current, now] = request.case_parts(engine.limits(), keys, &["case"])?;
        Ok(engine.fill_resolution(case, timeline, &current, &now))
    }))
}

/// `validateConfig` over JSON text: the config itself, held to the default
/// config limit.
#[must_use]
pub fn validate_config_json(config: &str) -> String {
    let report = EngineOptions::default()
        .limits
        .check_config("", TextSize::Exact(config.len()))
        .and_then(|()| input::parse(config, "", Shape::Whole))
        .map_or_else(|problem| ValidateResponse::Failure { errors: vec![problem] }, |value| validate_config(&value));
    to_json(&report)
}
