//! Crossing the boundary: JS values in, plain JS objects out, problems as a
//! thrown `FollowupError`.

use followup_engine::api::EvaluateResponse;
use followup_engine::{Decision, Problem, ProblemCode};
use followup_output::JsonText;
use serde::Serialize;
use serde_json::{Number, Value};
use wasm_bindgen::prelude::wasm_bindgen;
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
    from_text(value.json_text(), js_sys::JSON::parse)
}

#[wasm_bindgen(module = "/src/rows.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = decisionFromRow)]
    fn decision_from_row(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = responsesFromRows)]
    fn responses_from_rows(text: &str) -> Result<JsValue, JsValue>;
}

/// Writes a decision as a plain JS object, as [`output`] does, from its
/// row ([`followup_output::DecisionRow`]): the JS side builds the object
/// far faster from a row than `JSON.parse` builds it from the object's text.
pub fn output_decision(decision: &Decision) -> Result<JsValue, JsValue> {
    from_text(followup_output::decision_row(decision), decision_from_row)
}

/// Writes `evaluateMany`'s results as a JS array, each decision built from
/// its row as in [`output_decision`].
pub fn output_responses(responses: &[EvaluateResponse]) -> Result<JsValue, JsValue> {
    from_text(followup_output::response_rows(responses), responses_from_rows)
}

/// Hands the text written to `parse` (`JSON.parse` or one of the row
/// readers), and either failure to the caller as a `FollowupError`. Not
/// generic, so every result type shares one copy.
fn from_text(
    text: Result<String, serde_json::Error>,
    parse: fn(&str) -> Result<JsValue, JsValue>,
) -> Result<JsValue, JsValue> {
    let cannot = |why: String| {
        failure(&[Problem::new(ProblemCode::InvalidValue, "", format!("cannot write the result: {why}"))])
    };
    let text = text.map_err(|error| cannot(error.to_string()))?;
    parse(&text).map_err(|error| cannot(describe_js_error(&error)))
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

#[cfg(test)]
mod tests {
    use followup_output::DECISION_FIELDS;

    /// The properties `rowToDecision` in `rows.js` sets, in order, each
    /// with what it reads from the row (`row[3]`).
    fn js_properties() -> Vec<(String, String)> {
        let source = include_str!("rows.js");
        let body = source.split("function rowToDecision(row) {").nth(1).expect("rows.js defines rowToDecision");
        let literal = body.split("return {").nth(1).and_then(|rest| rest.split("\n  };").next()).expect("one literal");
        literal
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (name, value) = line.trim_end_matches(',').split_once(": ").expect("`name: value`");
                (name.to_owned(), value.to_owned())
            })
            .collect()
    }

    #[test]
    fn the_js_side_reads_rows_in_the_order_they_are_written() {
        let properties = js_properties();
        let names: Vec<&str> = properties.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, DECISION_FIELDS);
        for (at, (name, value)) in properties.iter().enumerate() {
            let expected = if name == "explanation" {
                format!("{{ rules: row[{at}][0], notes: row[{at}][1] }}")
            } else {
                format!("row[{at}]")
            };
            assert_eq!(value, &expected, "{name}");
        }
    }
}
