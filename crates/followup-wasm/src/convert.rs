//! Crossing the boundary: JS values in, plain JS objects out, problems as a
//! thrown `FollowupError`.

use followup_engine::{Problem, ProblemCode};
use serde::Serialize;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting of arrays and objects accepted from JS. Deeper input
/// would exhaust the wasm stack (a trap, not an error), so it is refused.
pub const MAX_DEPTH: usize = 128;

/// Reads a JS value (what `JSON.parse` or `Xrm.WebApi` gives) as JSON.
/// `undefined` and `null` become JSON `null`; problems name `path`.
pub fn input(value: &JsValue, path: &str) -> Result<Value, Problem> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    let deserializer = serde_wasm_bindgen::Deserializer::from(value.clone());
    Bounded { depth: 0 }.deserialize(deserializer).map_err(|error| {
        Problem::new(ProblemCode::InvalidValue, path, format!("cannot read this value from JS: {error}"))
    })
}

/// Reads `now`: an ISO 8601 string, or a JS `Date` (as its milliseconds).
pub fn now(value: &JsValue) -> Result<Value, Problem> {
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        let millis = date.get_time();
        return Number::from_f64(millis)
            .map(Value::Number)
            .ok_or_else(|| Problem::new(ProblemCode::InvalidDateTime, "now", "`now` is an invalid `Date`"));
    }
    input(value, "now")
}

/// Writes a result as plain JS objects (no `Map`s).
pub fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|error| {
        failure(&[Problem::new(ProblemCode::InvalidValue, "", format!("cannot write the result: {error}"))])
    })
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
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| js_sys::Array::new().into());
    set(target, "errors", &errors);
    error.into()
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh `Error` cannot fail; if it ever did,
    // the error would still carry its message.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// Builds a `serde_json::Value` like its own `Deserialize`, but refuses
/// nesting deeper than [`MAX_DEPTH`].
struct Bounded {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Bounded {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // NaN and the infinities have no JSON form: they read as null, as
        // `JSON.stringify` writes them.
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let depth = self.deeper::<A::Error>()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(Bounded { depth })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let depth = self.deeper::<A::Error>()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Bounded { depth })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

impl Bounded {
    fn deeper<E: serde::de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            Err(E::custom(format!("it is nested more than {MAX_DEPTH} levels deep")))
        } else {
            Ok(self.depth + 1)
        }
    }
}
