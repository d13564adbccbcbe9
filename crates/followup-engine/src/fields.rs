//! Reading fields out of open-ended JSON records (Dataverse rows, timeline
//! items), with every problem reported at its JSON path.
//!
//! Case and activity records are read from a JSON map rather than derived
//! with serde: the same fact arrives under different names (`sentAt` in our
//! own format, `senton` from the Web API), records carry any number of extra
//! fields, and option sets come with label annotations beside them.

use serde_json::{Map, Value};

use crate::problem::{Problem, ProblemCode, field_path};
use crate::time::{Timestamp, parse_timestamp};

/// The suffix Dataverse adds to a field name for its display label.
pub const FORMATTED_VALUE_SUFFIX: &str = "@OData.Community.Display.V1.FormattedValue";

/// A JSON object being read, with the path it sits at.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Fields<'a> {
    /// Reads `value` as an object, or reports that it is not one.
    pub fn new(value: &'a Value, path: &'a str, what: &str) -> Result<Self, Problem> {
        match value {
            Value::Object(map) => Ok(Self { map, path }),
            other => Err(Problem::new(
                ProblemCode::InvalidType,
                path,
                format!("{what} must be a JSON object, not {}", json_kind(other)),
            )),
        }
    }

    /// The path of field `key`.
    #[must_use]
    pub fn path_of(&self, key: &str) -> String {
        field_path(self.path, key)
    }

    /// The value of `key`, treating JSON `null` as absent.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    /// The first of `keys` that is present, with its name.
    #[must_use]
    pub fn first_of(&self, keys: &[&'static str]) -> Option<(&'static str, &'a Value)> {
        keys.iter().find_map(|key| self.get(key).map(|value| (*key, value)))
    }

    /// A text field, if present. (Paths are written only for problems:
    /// reading a large timeline must not build a string per field.)
    pub fn text(&self, key: &str) -> Result<Option<&'a str>, Problem> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(type_problem(&self.path_of(key), "text", other)),
        }
    }

    /// Which of `keys` holds the text, checking that it is text. Used to
    /// move the text out of the record afterwards instead of copying it.
    pub fn text_key(&self, keys: &[&'static str]) -> Result<Option<&'static str>, Problem> {
        match self.first_of(keys) {
            None => Ok(None),
            Some((key, Value::String(_))) => Ok(Some(key)),
            Some((key, other)) => Err(type_problem(&self.path_of(key), "text", other)),
        }
    }

    /// A required text field.
    pub fn required_text(&self, key: &str) -> Result<&'a str, Problem> {
        self.text(key)?.ok_or_else(|| self.missing(key))
    }

    /// An integer field, if present (`1.0` counts, `1.5` does not).
    pub fn integer(&self, key: &str) -> Result<Option<i64>, Problem> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => match value.as_i64() {
                Some(integer) => Ok(Some(integer)),
                None => as_integer(value, &self.path_of(key)).map(Some),
            },
        }
    }

    /// A required integer field.
    pub fn required_integer(&self, key: &str) -> Result<i64, Problem> {
        self.integer(key)?.ok_or_else(|| self.missing(key))
    }

    /// A date-time field, if present.
    pub fn timestamp(&self, key: &str) -> Result<Option<Timestamp>, Problem> {
        self.get(key).map(|value| self.timestamp_at(key, value)).transpose()
    }

    fn timestamp_at(&self, key: &str, value: &Value) -> Result<Timestamp, Problem> {
        match value.as_str().map(parse_timestamp) {
            Some(Ok(timestamp)) => Ok(timestamp),
            _ => as_timestamp(value, &self.path_of(key)),
        }
    }

    /// The first present date-time among `keys`, or a problem naming them all.
    pub fn required_timestamp_of(&self, keys: &[&'static str]) -> Result<Timestamp, Problem> {
        match self.first_of(keys) {
            Some((key, value)) => self.timestamp_at(key, value),
            None => Err(Problem::new(
                ProblemCode::MissingField,
                self.path,
                format!("a date-time is required: give one of {}", quote_list(keys)),
            )),
        }
    }

    /// The problem for a required field that is absent.
    #[must_use]
    pub fn missing(&self, key: &str) -> Problem {
        Problem::new(ProblemCode::MissingField, self.path_of(key), format!("`{key}` is required"))
    }
}

/// Reads a JSON value as text.
pub fn as_text<'a>(value: &'a Value, path: &str) -> Result<&'a str, Problem> {
    value.as_str().ok_or_else(|| type_problem(path, "text", value))
}

fn type_problem(path: &str, expected: &str, found: &Value) -> Problem {
    Problem::new(ProblemCode::InvalidType, path, format!("expected {expected}, found {}", json_kind(found)))
}

/// Reads a JSON value as an integer.
pub fn as_integer(value: &Value, path: &str) -> Result<i64, Problem> {
    whole_number(value).ok_or_else(|| {
        Problem::new(ProblemCode::InvalidType, path, format!("expected a whole number, found {}", json_kind(value)))
    })
}

/// The whole number a JSON number holds: an integer, or a float with no
/// fraction (`3.0`, as JavaScript may write it) within 9e15. The one
/// whole-number check of the case, timeline and config readers.
#[must_use]
pub fn whole_number(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| {
        value.as_f64().filter(|float| float.fract() == 0.0 && float.abs() < 9.0e15).map(|float| {
            #[expect(clippy::cast_possible_truncation, reason = "whole and in range, checked just above")]
            let whole = float as i64;
            whole
        })
    })
}

/// Reads a JSON value as an RFC 3339 date-time.
pub fn as_timestamp(value: &Value, path: &str) -> Result<Timestamp, Problem> {
    let text = value.as_str().ok_or_else(|| {
        Problem::new(
            ProblemCode::InvalidDateTime,
            path,
            format!("expected an RFC 3339 date-time as text, found {}", json_kind(value)),
        )
    })?;
    parse_timestamp(text).map_err(|message| Problem::new(ProblemCode::InvalidDateTime, path, message))
}

/// Names a JSON value's kind for messages: `a number`, `an object`.
#[must_use]
pub fn json_kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("the boolean `{flag}`"),
        Value::Number(number) => format!("the number `{}`", crate::text::number_text(number)),
        Value::String(text) => format!("the text `{}`", crate::time::clip(text)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn quote_list(keys: &[&str]) -> String {
    crate::text::join(&keys.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>(), ", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_typed_fields_with_paths() {
        let value = json!({"a": "x", "n": 3.0, "f": 1.5, "t": "2026-11-02T14:00:00Z", "z": null});
        let fields = Fields::new(&value, "case", "the case").unwrap();
        assert_eq!(fields.text("a").unwrap(), Some("x"));
        assert_eq!(fields.integer("n").unwrap(), Some(3));
        assert_eq!(fields.integer("f").unwrap_err().path, "case.f");
        assert_eq!(fields.text("z").unwrap(), None);
        assert_eq!(fields.required_text("missing").unwrap_err().code, ProblemCode::MissingField);
        assert!(fields.timestamp("t").unwrap().is_some());
        let error = fields.timestamp("a").unwrap_err();
        assert_eq!((error.code, error.path.as_str()), (ProblemCode::InvalidDateTime, "case.a"));
        let error = fields.required_timestamp_of(&["senton", "createdon"]).unwrap_err();
        assert!(error.message.contains("`senton`, `createdon`"));
    }

    #[test]
    fn non_objects_are_refused() {
        let error = Fields::new(&json!([1]), "timeline[0]", "a timeline item").unwrap_err();
        assert_eq!(error.message, "a timeline item must be a JSON object, not an array");
    }
}
