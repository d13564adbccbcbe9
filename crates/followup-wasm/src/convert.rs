//! Crossing the boundary, one way in and one way out.
//!
//! In: every input is written as JSON text by `JSON.stringify`, in the JS
//! engine; its length is held to the engine's limits before the text is
//! copied into the module, and the engine reads it within its memory
//! budget ([`followup_engine::input`]). As with `JSON.stringify`, `Date`s
//! become ISO strings, `NaN` becomes `null` and `undefined` properties are
//! left out; half of a surrogate pair becomes `�` (see
//! [`crate::surrogates`]).
//!
//! Out: every result (decisions, drafts, resolutions, reports, the
//! problems of an error) is written as plain JS objects by
//! serde-wasm-bindgen (`json_compatible`: no `Map`s, 64-bit numbers as JS
//! numbers), and problems are thrown as a `FollowupError` (`js/error.js`).

use followup_engine::input::{self, InputLimits, Shape, TextSize};
use followup_engine::problem::index_path;
use followup_engine::{Problem, ProblemCode};
use serde::Serialize;
use serde_json::{Number, Value};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// `now` is refused past this many characters without being read.
const MAX_NOW_CHARS: u32 = 100;

/// An input as JSON text, still in the JS heap; `None` for `undefined`
/// and `null`.
struct Written<'a> {
    path: &'a str,
    text: Option<js_sys::JsString>,
}

impl<'a> Written<'a> {
    fn new(value: &JsValue, path: &'a str) -> Result<Self, Problem> {
        if value.is_undefined() || value.is_null() {
            return Ok(Self { path, text: None });
        }
        let refused = |why: String| {
            Problem::new(ProblemCode::InvalidValue, path, format!("cannot read this value from JS: {why}"))
        };
        let text = js_sys::JSON::stringify(value).map_err(|error| refused(describe_js_error(&error)))?;
        if !text.is_string() {
            return Err(refused("it has no JSON form (a function or a symbol?)".to_owned()));
        }
        Ok(Self { path, text: Some(text) })
    }

    /// A lower bound of the UTF-8 size: a JS string's length counts UTF-16
    /// units, and each takes at least one byte.
    fn size(&self) -> (&'a str, TextSize) {
        let units = self.text.as_ref().map_or(0, |text| text.length() as usize);
        (self.path, TextSize::AtLeast(units))
    }

    /// The text copied into the module.
    fn copy(self) -> Copied<'a> {
        Copied { path: self.path, text: self.text.as_ref().and_then(crate::utf8::copy) }
    }
}

/// An input's JSON text in the module.
struct Copied<'a> {
    path: &'a str,
    text: Option<String>,
}

impl<'a> Copied<'a> {
    fn size(&self) -> (&'a str, TextSize) {
        (self.path, TextSize::Exact(self.text.as_ref().map_or(0, String::len)))
    }

    fn read(&self, shape: Shape) -> Result<Value, Problem> {
        let Some(text) = &self.text else { return Ok(Value::Null) };
        input::parse(text, self.path, shape).or_else(|problem| {
            if problem.code != ProblemCode::InvalidJson {
                return Err(problem);
            }
            match crate::surrogates::repair(text) {
                Some(repaired) => input::parse(&repaired, self.path, shape),
                None => Err(problem),
            }
        })
    }
}

/// Reads the inputs of one case's call (`(value, path, shape)`: the
/// record, the timeline, a request...), held together to the case limit.
pub fn case_inputs<const N: usize>(
    limits: &InputLimits,
    inputs: [(&JsValue, &str, Shape); N],
) -> Result<[Value; N], Problem> {
    let mut written = Vec::with_capacity(N);
    for (value, path, _) in &inputs {
        written.push(Written::new(value, path)?);
    }
    limits.check_case(&written.iter().map(Written::size).collect::<Vec<_>>())?;
    let copied: Vec<Copied<'_>> = written.into_iter().map(Written::copy).collect();
    limits.check_case(&copied.iter().map(Copied::size).collect::<Vec<_>>())?;
    let mut values = [(); N].map(|()| Value::Null);
    for ((value, copied), (_, _, shape)) in values.iter_mut().zip(&copied).zip(inputs) {
        *value = copied.read(shape)?;
    }
    Ok(values)
}

/// Reads a config (or the options beside it), held to the config limit.
pub fn config_input(limits: &InputLimits, value: &JsValue, path: &str, shape: Shape) -> Result<Value, Problem> {
    let written = Written::new(value, path)?;
    let (_, size) = written.size();
    limits.check_config(path, size)?;
    let copied = written.copy();
    limits.check_config(path, copied.size().1)?;
    copied.read(shape)
}

/// `evaluateMany`'s cases: each case's JSON text (or the problem with
/// it), all of them held to the batch limit and each to the case limit,
/// for the engine to read one at a time; or, when `cases` is not an
/// array, the value itself, for the engine to say what is wrong.
pub enum Batch {
    /// One JSON text per case.
    Cases(Vec<Result<String, Problem>>),
    /// Not an array.
    Other(Value),
}

/// Writes `evaluateMany`'s cases (see [`Batch`]).
pub fn batch_input(limits: &InputLimits, cases: &JsValue) -> Result<Batch, Problem> {
    let Some(array) = cases.dyn_ref::<js_sys::Array>() else {
        return config_like(limits, cases).map(Batch::Other);
    };
    followup_engine::api::check_case_count(array.length() as usize)?;
    let paths: Vec<String> = (0..array.length()).map(|index| index_path("cases", index as usize)).collect();
    let written: Vec<Result<Written<'_>, Problem>> =
        array.iter().zip(&paths).map(|(case, path)| Written::new(&case, path)).collect();
    let total = written.iter().flatten().map(|case| case.size().1).map(TextSize::bytes).sum();
    limits.check_batch("cases", TextSize::AtLeast(total))?;
    let texts = written.into_iter().map(|case| {
        let case = case?;
        limits.check_case(&[case.size()])?;
        // The engine reads each case on its own: lone surrogates are
        // replaced in each text first.
        let text = case.copy().text.unwrap_or_else(|| "null".to_owned());
        Ok(crate::surrogates::repair(&text).unwrap_or(text))
    });
    Ok(Batch::Cases(texts.collect()))
}

/// `cases` that are not an array, read whole (held to the batch limit).
fn config_like(limits: &InputLimits, cases: &JsValue) -> Result<Value, Problem> {
    let written = Written::new(cases, "cases")?;
    limits.check_batch("cases", written.size().1)?;
    written.copy().read(Shape::Whole)
}

fn describe_js_error(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map_or_else(|| "JSON.stringify failed".to_owned(), |error| String::from(error.message()))
}

/// Reads `now`: an ISO 8601 string, or a JS `Date` (as its milliseconds).
pub fn now(value: &JsValue) -> Result<Value, Problem> {
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        let millis = date.get_time();
        return Number::from_f64(millis)
            .map(Value::Number)
            .ok_or_else(|| Problem::new(ProblemCode::InvalidDateTime, "now", "`now` is an invalid `Date`"));
    }
    // A string is taken as it is, and not read at all when it is too long
    // to be a date-time.
    let written = if value.is_string() {
        Written { path: "now", text: Some(value.unchecked_ref::<js_sys::JsString>().clone()) }
    } else {
        Written::new(value, "now")?
    };
    let units = written.text.as_ref().map_or(0, js_sys::JsString::length);
    if units > MAX_NOW_CHARS {
        let what = if value.is_string() { "text" } else { "value" };
        return Err(Problem::new(
            ProblemCode::InvalidDateTime,
            "now",
            format!("`now` is a {what} of {units} characters, not an RFC 3339 date-time or a JS `Date`"),
        ));
    }
    if value.is_string() {
        return Ok(Value::String(written.text.map(String::from).unwrap_or_default()));
    }
    written.copy().read(Shape::Whole)
}

/// Writes a result as plain JS objects.
pub fn output<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|error| {
        failure(&[Problem::new(ProblemCode::InvalidValue, "", format!("cannot write the result: {error}"))])
    })
}

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// `FollowupError` (`js/error.js`), the error class the package exports.
    #[wasm_bindgen(extends = js_sys::Error)]
    type FollowupError;

    #[wasm_bindgen(constructor)]
    fn new(message: &str, errors: &JsValue) -> FollowupError;
}

/// The error thrown for problems: a `FollowupError` whose `code` and
/// `path` are the first problem's and whose `errors` are all of them.
#[must_use]
pub fn failure(problems: &[Problem]) -> JsValue {
    let message = match problems {
        [] => "the input could not be used".to_owned(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    };
    let errors = problems
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| js_sys::Array::new().into());
    FollowupError::new(&message, &errors).into()
}
