//! The JSON-shaped entry points every host goes through: the wasm exports
//! write JS values as JSON text, which [`crate::input`] measures and reads,
//! and call these; `host-sim` and other native hosts call them directly or
//! through the `*_json` twins that take and return JSON text. One serde
//! path for every host, so native and wasm decide alike.
//!
//! Every output is a tagged union: `{"type": "success", ...}` or
//! `{"type": "failure", "errors": [{code, path, message}, ...]}`. Paths
//! name the argument first (`config.rules[0].followUps.waitTimes[1]`,
//! `case.createdon`, `timeline[3].senton`, `now`).

mod text;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::decision::{self, Decision, DecisionOptions};
use crate::drafting::{DraftRequest, EmailDraft};
use crate::input::{InputLimits, MAX_LIMIT_BYTES};
use crate::language::Lang;
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::reader::{Reader, json_kind};
use crate::record::CaseRecord;
use crate::resolution::{CurrentResolution, ResolutionDraft};
use crate::time::{Timestamp, parse_timestamp, timestamp_from_millis};
use crate::timeline::Timeline;

/// Most cases accepted by one `evaluate_many` call.
pub const MAX_CASES_PER_CALL: usize = 100_000;

pub(crate) use text::not_a_list;
pub use text::{
    check_case_count, draft_email_json, evaluate_many_json, evaluate_rules_json, fill_resolution_json,
    validate_config_json,
};

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
/// class, `host-sim`'s replay loop), with the options of its decisions and
/// the limits of its input.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    options: EngineOptions,
}

/// What a host may set beside the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EngineOptions {
    /// What decisions write out.
    pub decision: DecisionOptions,
    /// How much input the engine accepts.
    pub limits: InputLimits,
}

crate::reader::schema! {
    /// The engine options as written (`{"explainRules": false,
    /// "maxCaseBytes": 16777216}`), every key optional: the format, for the
    /// TypeScript declarations ([`read_options`] reads them).
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "EngineOptions"))]
    pub struct RawEngineOptions {
        /// Whether `explanation.rules` gives every rule's outcome (default
        /// `true`). `false` leaves the list empty and changes nothing else:
        /// less to write and read on every call when a config has many rules.
        "explainRules" explain_rules: Option<bool>,
        /// The language the representative reads the summary, the card and
        /// the drafts' template names in: `en` (the default), `de`, `fr` or
        /// `es` (a tag such as `de-DE` is read as its language). The customer's
        /// emails follow the config's `language` instead.
        "representativeLanguage" representative_language: Option<String>,
        /// The most bytes of JSON one case may take: its record and its
        /// timeline together, and each change passed to an open case
        /// (default 8 MiB).
        "maxCaseBytes" max_case_bytes: Option<u32>,
        /// The most bytes of JSON the cases of one `evaluateMany` call may take
        /// together (default 64 MiB).
        "maxBatchBytes" max_batch_bytes: Option<u32>,
        /// The most bytes of JSON the config may take (default 4 MiB).
        "maxConfigBytes" max_config_bytes: Option<u32>,
    }
}

/// Reads the engine options (`null` gives the defaults); every problem is
/// reported, each at `options.<key>`.
pub fn read_options(value: &Value) -> Result<EngineOptions, Vec<Problem>> {
    let mut options = EngineOptions::default();
    if value.is_null() {
        return Ok(options);
    }
    let mut problems = Vec::new();
    let Some(mut reader) = Reader::object(value, "options", "the options", RawEngineOptions::FIELDS, &mut problems)
    else {
        return Err(problems);
    };
    if let Some(explain) = reader.bool("explainRules") {
        options.decision.explain_rules = explain;
    }
    let key = "representativeLanguage";
    if let Some(language) = reader.value(key) {
        if let Some(lang) = language.as_str().and_then(Lang::parse) {
            options.decision.representative_language = lang.or_english();
        } else {
            let message = format!("`{key}` is `en`, `de`, `fr` or `es`, not {}", json_kind(language));
            reader.report(key, ProblemCode::InvalidValue, message);
        }
    }
    let limits = &mut options.limits;
    for (key, limit) in [
        ("maxCaseBytes", &mut limits.case_bytes),
        ("maxBatchBytes", &mut limits.batch_bytes),
        ("maxConfigBytes", &mut limits.config_bytes),
    ] {
        let Some(value) = reader.value(key) else { continue };
        let bytes = value
            .as_u64()
            .and_then(|bytes| usize::try_from(bytes).ok())
            .filter(|bytes| (1..=MAX_LIMIT_BYTES).contains(bytes));
        if let Some(bytes) = bytes {
            *limit = bytes;
        } else {
            let message =
                format!("`{key}` is a whole number of bytes from 1 to {MAX_LIMIT_BYTES}, not {}", json_kind(value));
            reader.report(key, ProblemCode::InvalidValue, message);
        }
    }
    if problems.is_empty() { Ok(options) } else { Err(problems) }
}

impl Engine {
    /// Compiles a config; problems have paths relative to the config.
    pub fn new(config: &Value) -> Result<Self, Vec<Problem>> {
        Config::from_json(config).map(|config| Self { config, options: EngineOptions::default() })
    }

    /// The engine with the options a host set.
    #[must_use]
    pub fn with_options(self, options: EngineOptions) -> Self {
        Self { options, ..self }
    }

    /// How much input this engine accepts.
    #[must_use]
    pub fn limits(&self) -> &InputLimits {
        &self.options.limits
    }

    /// The compiled config.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads a case and its timeline (taking them over) with paths under
    /// `prefix` (`""` for a request's own `case` and `timeline`); every
    /// problem of the record and of the timeline's items is reported.
    pub fn read_case(
        &self,
        case: Value,
        timeline: Value,
        prefix: &str,
    ) -> Result<(CaseRecord, Timeline), Vec<Problem>> {
        let record = CaseRecord::from_json(case, &field_path(prefix, "case"));
        let timeline = if timeline.is_null() {
            Ok(Timeline::default())
        } else {
            Timeline::from_json(timeline, &field_path(prefix, "timeline"), &self.config.statuses)
        };
        match (record, timeline) {
            (Ok(record), Ok(timeline)) => Ok((record, timeline)),
            (record, timeline) => {
                let mut problems = record.err().unwrap_or_default();
                problems.extend(timeline.err().unwrap_or_default());
                Err(problems)
            }
        }
    }

    /// Reads a case and its timeline once, for many calls (see [`OpenCase`]).
    pub fn open_case(&self, case: Value, timeline: Value) -> Result<OpenCase, Vec<Problem>> {
        self.read_case(case, timeline, "").map(|(record, timeline)| OpenCase { record, timeline })
    }

    /// `evaluateRules` for one case.
    #[must_use]
    pub fn evaluate(&self, case: Value, timeline: Value, now: &Value) -> EvaluateResponse {
        decided(parse_now(now).map_err(|problem| vec![problem]).and_then(|now| {
            let (case, timeline) = self.read_case(case, timeline, "")?;
            self.evaluate_record(&case, &timeline, now).map_err(|problem| vec![problem])
        }))
    }

    /// `evaluateRules` for a case already read (host-sim's hot loop).
    pub fn evaluate_record(&self, case: &CaseRecord, timeline: &Timeline, now: Timestamp) -> Result<Decision, Problem> {
        decision::evaluate_with(&self.config, case, timeline, now, self.options.decision)
    }

    /// `evaluateRules` for an open case.
    #[must_use]
    pub fn evaluate_open(&self, open: &OpenCase, now: &Value) -> EvaluateResponse {
        decided(
            parse_now(now)
                .and_then(|now| self.evaluate_record(&open.record, &open.timeline, now))
                .map_err(|problem| vec![problem]),
        )
    }

    /// `draftEmail` for an open case.
    #[must_use]
    pub fn draft_email_open(&self, open: &OpenCase, request: &Value, now: &Value) -> DraftResponse {
        drafted(parse_now(now).map_err(|problem| vec![problem]).and_then(|now| {
            let request = DraftRequest::from_json(request, "request")?;
            decision::draft_email_with(&self.config, &open.record, &open.timeline, &request, now, self.options.decision)
                .map_err(|problem| vec![problem])
        }))
    }

    /// `fillResolution` for an open case.
    #[must_use]
    pub fn fill_resolution_open(&self, open: &OpenCase, current: &Value, now: &Value) -> ResolutionResponse {
        filled(parse_now(now).map_err(|problem| vec![problem]).and_then(|now| {
            let current = CurrentResolution::from_json(current, "current", &self.config.statuses)?;
            decision::fill_resolution(&self.config, &open.record, &open.timeline, &current, now)
                .map_err(|problem| vec![problem])
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
            return EvaluateManyResponse::Failure { errors: vec![not_a_list(&cases)] };
        };
        if let Err(problem) = check_case_count(entries.len()) {
            return EvaluateManyResponse::Failure { errors: vec![problem] };
        }
        let results = entries
            .into_iter()
            .enumerate()
            .map(|(index, mut entry)| {
                let path = index_path("cases", index);
                let result = case_entry(&mut entry, &path).and_then(|(case, timeline)| {
                    let (case, timeline) = self.read_case(case, timeline, &path)?;
                    self.evaluate_record(&case, &timeline, now).map_err(|problem| vec![problem])
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
            Err(errors) => DraftResponse::Failure { errors },
        }
    }

    /// `fillResolution`.
    #[must_use]
    pub fn fill_resolution(&self, case: Value, timeline: Value, current: &Value, now: &Value) -> ResolutionResponse {
        match self.open_case(case, timeline) {
            Ok(open) => self.fill_resolution_open(&open, current, now),
            Err(errors) => ResolutionResponse::Failure { errors },
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
    pub fn update_case(&mut self, changes: Value) -> Result<(), Vec<Problem>> {
        self.record = self.record.updated(changes, "changes")?;
        Ok(())
    }

    /// Adds what happened since the case was read (`items[i]` in problems):
    /// oldest first, none older than the latest item held; on a problem
    /// nothing is added.
    pub fn add_timeline_items(&mut self, engine: &Engine, items: Value) -> Result<(), Vec<Problem>> {
        self.timeline.append_json(items, "items", &engine.config.statuses)
    }
}

fn decided(result: Result<Decision, Vec<Problem>>) -> EvaluateResponse {
    match result {
        Ok(decision) => EvaluateResponse::Success { decision: Box::new(decision) },
        Err(errors) => EvaluateResponse::Failure { errors },
    }
}

fn drafted(result: Result<EmailDraft, Vec<Problem>>) -> DraftResponse {
    match result {
        Ok(email) => DraftResponse::Success { email: Box::new(email) },
        Err(errors) => DraftResponse::Failure { errors },
    }
}

fn filled(result: Result<ResolutionDraft, Vec<Problem>>) -> ResolutionResponse {
    match result {
        Ok(resolution) => ResolutionResponse::Success { resolution: Box::new(resolution) },
        Err(errors) => ResolutionResponse::Failure { errors },
    }
}

/// The `case` and `timeline` of one `{case, timeline}` entry at `path`,
/// taken out of it.
pub(crate) fn case_entry(entry: &mut Value, path: &str) -> Result<(Value, Value), Vec<Problem>> {
    parts(entry, path, "a `{case, timeline}` entry", &["case", "timeline"])?;
    let case = entry.get_mut("case").map(Value::take).ok_or_else(|| vec![missing(path, "case")])?;
    let timeline = entry.get_mut("timeline").map_or(Value::Null, Value::take);
    Ok((case, timeline))
}

fn config_problems(problems: Vec<Problem>) -> Vec<Problem> {
    problems.into_iter().map(|problem| problem.under("config")).collect()
}

/// Reads `now`: an RFC 3339 string, or milliseconds since the Unix epoch
/// (what a JS `Date` holds).
pub(crate) fn parse_now(now: &Value) -> Result<Timestamp, Problem> {
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

pub(crate) fn missing(parent: &str, key: &str) -> Problem {
    Problem::new(ProblemCode::MissingField, field_path(parent, key), format!("`{key}` is required"))
}

/// Reads a request object's named parts (`what` names the object),
/// reporting each unknown one.
pub(crate) fn parts<'a>(
    value: &'a Value,
    path: &str,
    what: &str,
    known: &[&str],
) -> Result<&'a Map<String, Value>, Vec<Problem>> {
    let mut problems = Vec::new();
    let read = Reader::object(value, path, what, known, &mut problems).is_some();
    match value {
        Value::Object(map) if read && problems.is_empty() => Ok(map),
        _ => Err(problems),
    }
}

/// The engine's version, as the package reports it.
#[must_use]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Installs a language pack: the texts of `lang` (the content of its
/// `language/<code>.txt`) and its reply lexicon (the content of its
/// `replies/lexicon/<code>.txt`), both or neither, once. The texts are
/// checked as [`language::check`](crate::language::check) does and by parsing their built-in templates, the
/// lexicon as the built-in lexicons are (known sections, folded entries,
/// single words in the word lists, within the matcher's bounds); then
/// both are kept for the life of the process. A lexicon is installed only
/// before the engine first reads a reply (the package's entries install
/// the languages when they load). Installing the pack a language has
/// already (built in or installed before) is accepted and changes
/// nothing; other texts or another lexicon for it are refused. Problems
/// name `text.<key>` (`text` for the whole) or `lexicon`.
///
/// # Errors
/// The first problem of the lexicon or the texts, that the language has
/// others, or that replies were read already.
pub fn install_language(lang: Lang, text: &str, lexicon: &str) -> Result<(), Problem> {
    crate::replies::install_lexicon(lang, lexicon, || {
        crate::language::install_texts(lang, text, &crate::template::check_built_in)
    })
}
