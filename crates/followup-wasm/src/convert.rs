//! Crossing the boundary: JS values in, plain JS objects out, problems as a
//! thrown `FollowupError`.

use followup_engine::{Problem, ProblemCode};
use followup_output::JsonText;
use serde::Serialize;
use serde_json::{Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Reads a JS value (what `JSON.parse` or `Xrm.WebApi` gives) as JSON.
/// `undefined` and `null` become JSON `null`; problems name `path`.
///
/// The value crosses as JSON text: `JSON.stringify` (native in the JS
/// engine) and `serde_json` on this side cost a fraction of walking the
/// object property by property across the boundary, and `serde_json`'s
/// depth limit refuses nesting that would otherwise exhaust the wasm stack.
/// As with `JSON.stringify`, `Date`s become ISO strings, `NaN` becomes
/// `null` and `undefined` properties are left out; half of a surrogate
/// pair becomes `�` (see [`crate::surrogates`]).
pub fn input(value: &JsValue, path: &str) -> Result<Value, Problem> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    let refused =
        |why: String| Problem::new(ProblemCode::InvalidValue, path, format!("cannot read this value from JS: {why}"));
    let text = js_sys::JSON::stringify(value)
        .map_err(|error| refused(describe_js_error(&error)))?
        .as_string()
        .ok_or_else(|| refused("it has no JSON form (a function or a symbol?)".to_owned()))?;
    serde_json::from_str(&text).or_else(|error| {
        crate::surrogates::repair(&text)
            .and_then(|repaired| serde_json::from_str(&repaired).ok())
            .ok_or_else(|| refused(error.to_string()))
    })
}

fn describe_js_error(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map_or_else(|| "JSON.stringify failed".to_owned(), |error| String::from(error.message()))
}

/// Reads `now`: an ISO 8601 string, or a JS `Date` (as its milliseconds).
pub fn now(value: &JsValue) -> Result<Value, Problem> {
    // A string is taken as it is: `now` comes with every call, and the
    // round trip through JSON text would cost more than the decision's rules.
    if let Some(text) = value.as_string() {
        return Ok(Value::String(text));
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        let millis = date.get_time();
        return Number::from_f64(millis)
            .map(Value::Number)
            .ok_or_else(|| Problem::new(ProblemCode::InvalidDateTime, "now", "`now` is an invalid `Date`"));
    }
    input(value, "now")
}

/// Writes a result as plain JS objects (no `Map`s), through JSON text and
/// the JS engine's own `JSON.parse`, which builds objects far faster than
/// setting their properties one by one across the boundary.
pub fn output<T: JsonText + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    parsed(value.json_text())
}

/// The part of [`output`] that does not depend on `T`, kept out of it so
/// the five result types share one copy (inlined, it costs 32 bytes more
/// than the budget leaves).
fn parsed(text: Result<String, serde_json::Error>) -> Result<JsValue, JsValue> {
    let cannot = |why: String| {
        failure(&[Problem::new(ProblemCode::InvalidValue, "", format!("cannot write the result: {why}"))])
    };
    let text = text.map_err(|error| cannot(error.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|error| cannot(describe_js_error(&error)))
}

/// The error thrown for problems: an `Error` named `FollowupError` that
/// carries `code`, `path` and `message` of the first problem and `errors`,
/// every problem.
#[must_use]
pub fn failure(problems: &[Problem]) -> JsValue {
    let message = match problems {
        [] => "the input could not be used".to_owned(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    };
    let error = js_sys::Error::new(&message);
    error.set_name("FollowupError");
    let target: &JsValue = error.as_ref();
    if let Some(first) = problems.first() {
        set(target, "code", &JsValue::from_str(first.code.as_str()));
        set(target, "path", &JsValue::from_str(&first.path));
    }
    let errors = problems
        .iter()
        .map(ProblemObject)
        .collect::<Vec<_>>()
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| js_sys::Array::new().into());
    set(target, "errors", &errors);
    error.into()
}

/// A problem written as a map rather than a struct: serde-wasm-bindgen
/// keeps a hash map of the JS strings for struct field names, which would
/// link a hash table into the module (1.5 KB gzipped) to cache three names
/// on an error path.
struct ProblemObject<'a>(&'a Problem);

impl Serialize for ProblemObject<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("code", self.0.code.as_str())?;
        map.serialize_entry("path", &self.0.path)?;
        map.serialize_entry("message", &self.0.message)?;
        map.end()
    }
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh `Error` cannot fail; if it ever did,
    // the error would still carry its message.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}
