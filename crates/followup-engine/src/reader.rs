//! The one reader of JSON input: the config, the case record, timeline
//! items, engine options and the parts of a request. Every problem is
//! reported at its JSON path, worded one way for each kind (a wrong type,
//! a missing field, an unknown field with a suggestion, a bad date-time),
//! and reading goes on after a problem, so one call reports every mistake
//! of an input.
//!
//! Written here rather than derived with serde: derived readers for the
//! config's types, with the path tracking the error messages need, were a
//! fifth of the wasm file, and records (Dataverse rows, timeline items)
//! carry any number of extra fields, give the same fact under different
//! names (`sentAt` in our own format, `senton` from the Web API) and come
//! with label annotations beside their option sets.

use serde_json::{Map, Value};

use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::text::clip;
use crate::time::{Timestamp, parse_timestamp};

/// The suffix Dataverse adds to a field name for its display label.
pub(crate) const FORMATTED_VALUE_SUFFIX: &str = "@OData.Community.Display.V1.FormattedValue";

/// Declares an object of the JSON format once: the struct the engine reads
/// it into, with the JSON name of each field, and `FIELDS`, those names in
/// order, which the reader checks for unknown fields. With the `typescript`
/// feature the struct also derives serde's `Deserialize` (refusing unknown
/// fields) and ts-rs's `TS`, each field renamed to its JSON name: the npm
/// package's declarations come from the same list.
///
/// ```ignore
/// schema! {
///     /// Who the agent's emails come from, as written.
///     #[derive(Debug, Clone, Default)]
///     #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "SenderConfig"))]
///     pub struct RawSender {
///         /// Display name.
///         "name" name: Option<String>,
///     }
/// }
/// ```
macro_rules! schema {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[$field_attr:meta])*
                $json:literal $field:ident: $ty:ty
            ),* $(,)?
        }
    ) => {
        #[cfg_attr(feature = "typescript", derive(serde::Deserialize, ts_rs::TS), serde(deny_unknown_fields))]
        $(#[$attr])*
        $vis struct $name {
            $(
                $(#[$field_attr])*
                #[cfg_attr(feature = "typescript", serde(rename = $json))]
                pub $field: $ty,
            )*
        }

        impl $name {
            /// The fields, as the JSON names them.
            pub const FIELDS: &'static [&'static str] = &[$($json),*];
        }
    };
}
pub(crate) use schema;

/// One JSON object being read, with the path it sits at. Problems go to the
/// shared list; getters return `None` for absent or broken values. The
/// path of a field is written only for a problem: reading a large timeline
/// builds no string per field.
pub(crate) struct Reader<'a, 'p> {
    map: &'a Map<String, Value>,
    path: &'p str,
    problems: &'p mut Vec<Problem>,
}

impl<'a, 'p> Reader<'a, 'p> {
    /// Reads `value` at `path` as an object whose fields are `allowed`,
    /// reporting a non-object or each unknown field.
    pub fn object(
        value: &'a Value,
        path: &'p str,
        what: &str,
        allowed: &[&str],
        problems: &'p mut Vec<Problem>,
    ) -> Option<Self> {
        let reader = Self::record(value, path, what, problems)?;
        for key in reader.map.keys() {
            if !allowed.contains(&key.as_str()) {
                reader.problems.push(unknown_field(path, key, allowed));
            }
        }
        Some(reader)
    }

    /// Reads `value` at `path` as an open record (a case, a timeline item):
    /// any other fields may be there too.
    pub fn record(value: &'a Value, path: &'p str, what: &str, problems: &'p mut Vec<Problem>) -> Option<Self> {
        let Value::Object(map) = value else {
            problems.push(not_an_object(path, what, value));
            return None;
        };
        Some(Self { map, path, problems })
    }

    /// The problems list, for nested readers.
    pub fn problems(&mut self) -> &mut Vec<Problem> {
        self.problems
    }

    /// How many problems have been reported so far, this reader's and
    /// others'.
    pub fn problem_count(&self) -> usize {
        self.problems.len()
    }

    /// The path of field `key`.
    pub fn path_of(&self, key: &str) -> String {
        field_path(self.path, key)
    }

    /// Adds a problem at field `key`.
    pub fn report(&mut self, key: &str, code: ProblemCode, message: impl Into<String>) {
        let path = self.path_of(key);
        self.problems.push(Problem::new(code, path, message));
    }

    /// Adds a problem at the object itself.
    pub fn report_here(&mut self, code: ProblemCode, message: impl Into<String>) {
        self.problems.push(Problem::new(code, self.path, message));
    }

    /// The value of `key`; JSON `null` counts as absent.
    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    /// The first of `keys` that is present, with its name.
    pub fn first_of(&self, keys: &[&'static str]) -> Option<(&'static str, &'a Value)> {
        keys.iter().find_map(|key| self.value(key).map(|value| (*key, value)))
    }

    fn expect<T>(&mut self, key: &str, what: &str, read: impl Fn(&'a Value) -> Option<T>) -> Option<T> {
        let value = self.value(key)?;
        self.check(key, value, what, read)
    }

    /// `read` of `value`, the value of `key`; a problem when it gives none.
    fn check<T>(
        &mut self,
        key: &str,
        value: &'a Value,
        what: &str,
        read: impl Fn(&'a Value) -> Option<T>,
    ) -> Option<T> {
        let found = read(value);
        if found.is_none() {
            let problem = wrong_type(&self.path_of(key), key, what, value);
            self.problems.push(problem);
        }
        found
    }

    /// `value`, found at `key` (by [`Reader::value`] or
    /// [`Reader::first_of`]), as text.
    pub fn str_of(&mut self, key: &str, value: &'a Value) -> Option<&'a str> {
        self.check(key, value, "text", Value::as_str)
    }

    /// `value`, found at `key`, as a whole number.
    pub fn integer_of(&mut self, key: &str, value: &'a Value) -> Option<i64> {
        self.check(key, value, "a whole number", whole_number)
    }

    /// A required field: reports it when absent.
    pub fn required<T>(&mut self, key: &str, read: impl FnOnce(&mut Self, &str) -> Option<T>) -> Option<T> {
        if self.value(key).is_none() {
            self.missing(key);
            return None;
        }
        read(self, key)
    }

    /// Reports that the required field `key` is absent.
    pub fn missing(&mut self, key: &str) {
        self.report(key, ProblemCode::MissingField, format!("`{key}` is required"));
    }

    /// A boolean field.
    pub fn bool(&mut self, key: &str) -> Option<bool> {
        self.expect(key, "true or false", Value::as_bool)
    }

    /// A text field, borrowed from the input.
    pub fn str(&mut self, key: &str) -> Option<&'a str> {
        self.expect(key, "text", Value::as_str)
    }

    /// A text field.
    pub fn text(&mut self, key: &str) -> Option<String> {
        self.str(key).map(str::to_owned)
    }

    /// Which of `keys` holds the text, checking that it is text: for moving
    /// the text out of the record afterwards instead of copying it.
    pub fn text_key(&mut self, keys: &[&'static str]) -> Option<&'static str> {
        let (key, value) = self.first_of(keys)?;
        self.str_of(key, value).map(|_| key)
    }

    /// A whole-number field (`1.0` counts, `1.5` does not).
    pub fn integer(&mut self, key: &str) -> Option<i64> {
        self.expect(key, "a whole number", whole_number)
    }

    /// An array field.
    pub fn array(&mut self, key: &str) -> Option<&'a [Value]> {
        self.expect(key, "an array", |value| value.as_array().map(Vec::as_slice))
    }

    /// An array of text.
    pub fn texts(&mut self, key: &str) -> Option<Vec<String>> {
        let items = self.array(key)?;
        let path = self.path_of(key);
        let mut texts = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(text) => texts.push(text.to_owned()),
                None => self.problems.push(not_text(&index_path(&path, index), item)),
            }
        }
        Some(texts)
    }

    /// An RFC 3339 date-time field.
    pub fn timestamp(&mut self, key: &str) -> Option<Timestamp> {
        let value = self.value(key)?;
        self.timestamp_of(key, value)
    }

    /// `value`, found at `key`, as an RFC 3339 date-time.
    pub fn timestamp_of(&mut self, key: &str, value: &Value) -> Option<Timestamp> {
        let read = match value.as_str() {
            Some(text) => parse_timestamp(text),
            None => Err(format!("`{key}` must be an RFC 3339 date-time, not {}", json_kind(value))),
        };
        read.map_err(|message| self.report(key, ProblemCode::InvalidDateTime, message)).ok()
    }

    /// The first present date-time among `keys`, or a problem naming them all.
    pub fn required_timestamp_of(&mut self, keys: &[&'static str]) -> Option<Timestamp> {
        if let Some((key, value)) = self.first_of(keys) {
            return self.timestamp_of(key, value);
        }
        let names = keys.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>();
        let message = format!("a date-time is required: give one of {}", names.join(", "));
        self.report_here(ProblemCode::MissingField, message);
        None
    }

    /// A nested object field, read by `read` with its own reader.
    pub fn nested<T>(
        &mut self,
        key: &str,
        what: &str,
        allowed: &[&str],
        read: impl FnOnce(&mut Reader<'a, '_>) -> T,
    ) -> Option<T> {
        let value = self.value(key)?;
        let path = self.path_of(key);
        let mut reader = Reader::object(value, &path, what, allowed, self.problems)?;
        Some(read(&mut reader))
    }
}

/// The problem for a value at `path` that is not an object.
pub(crate) fn not_an_object(path: &str, what: &str, value: &Value) -> Problem {
    Problem::new(ProblemCode::InvalidType, path, format!("{what} must be a JSON object, not {}", json_kind(value)))
}

/// The problem for field `key` (at `path`) that is not `what`.
pub(crate) fn wrong_type(path: &str, key: &str, what: &str, value: &Value) -> Problem {
    Problem::new(ProblemCode::InvalidType, path, format!("`{}` must be {what}, not {}", clip(key), json_kind(value)))
}

/// The problem for an array item at `path` that is not text.
pub(crate) fn not_text(path: &str, value: &Value) -> Problem {
    Problem::new(ProblemCode::InvalidType, path, format!("expected text, not {}", json_kind(value)))
}

/// Reads the whole number of field `key` at `path`, or words the problem.
pub(crate) fn whole_number_at(value: &Value, path: &str, key: &str) -> Result<i64, Problem> {
    whole_number(value).ok_or_else(|| wrong_type(path, key, "a whole number", value))
}

/// The whole number a JSON number holds: an integer, or a float with no
/// fraction (`3.0`, as JavaScript may write it) within 9e15.
#[must_use]
pub(crate) fn whole_number(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| {
        value.as_f64().filter(|float| float.fract() == 0.0 && float.abs() < 9.0e15).map(|float| {
            #[expect(clippy::cast_possible_truncation, reason = "whole and in range, checked just above")]
            let whole = float as i64;
            whole
        })
    })
}

/// Names a JSON value's kind for messages: `a number`, `an object`.
#[must_use]
pub(crate) fn json_kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("the boolean `{flag}`"),
        Value::Number(number) => format!("the number `{}`", crate::text::number_text(number)),
        Value::String(text) => format!("the text `{}`", clip(text)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The problem for an unknown field, with a suggestion when a known one is
/// a typo away.
pub(crate) fn unknown_field(parent: &str, key: &str, allowed: &[&str]) -> Problem {
    let suggestion = allowed
        .iter()
        .map(|known| (edit_distance(key, known), known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map_or_else(String::new, |(_, known)| format!(": did you mean `{known}`?"));
    let message = if suggestion.is_empty() {
        format!("unknown field `{}`, expected one of `{}`", clip(key), allowed.join("`, `"))
    } else {
        format!("unknown field `{}`{suggestion}", clip(key))
    };
    Problem::new(ProblemCode::UnknownField, field_path(parent, key), message)
}

/// Levenshtein distance, for short field names only (bounded input).
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    if left.chars().count() > 64 || right.len() > 64 {
        return usize::MAX;
    }
    let mut row: Vec<usize> = (0..=right.len()).collect();
    for (i, left_char) in left.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, right_char) in right.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left_cell = row.get(j).copied().unwrap_or(usize::MAX);
            let cost = usize::from(left_char != *right_char);
            let value = (above + 1).min(left_cell + 1).min(diagonal + cost);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unknown_fields_get_suggestions() {
        let mut problems = Vec::new();
        let value = json!({"waitTime": "PT1H", "colour": 1, "count": 1});
        let reader = Reader::object(&value, "rules[0].followUps", "x", &["count", "waitTimes"], &mut problems);
        assert!(reader.is_some());
        let messages: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                ("rules[0].followUps.colour", "unknown field `colour`, expected one of `count`, `waitTimes`"),
                ("rules[0].followUps.waitTime", "unknown field `waitTime`: did you mean `waitTimes`?"),
            ]
        );
    }

    #[test]
    fn typed_getters_report_and_continue() {
        let mut problems = Vec::new();
        let value = json!({"a": "x", "b": 1.5, "c": [1, "y"], "d": null});
        let mut reader = Reader::object(&value, "", "x", &["a", "b", "c", "d", "e"], &mut problems).unwrap();
        assert_eq!(reader.bool("a"), None);
        assert_eq!(reader.integer("b"), None);
        assert_eq!(reader.texts("c"), Some(vec!["y".to_owned()]));
        assert_eq!(reader.text("d"), None);
        assert_eq!(reader.required("e", Reader::text), None);
        let seen: Vec<(&str, ProblemCode)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
        assert_eq!(
            seen,
            vec![
                ("a", ProblemCode::InvalidType),
                ("b", ProblemCode::InvalidType),
                ("c[0]", ProblemCode::InvalidType),
                ("e", ProblemCode::MissingField),
            ]
        );
    }

    #[test]
    fn records_are_read_with_the_same_wording() {
        let mut problems = Vec::new();
        let value = json!({"a": "x", "n": 3.0, "f": 1.5, "t": "2026-11-02T14:00:00Z", "z": null, "d": 1});
        let mut fields = Reader::record(&value, "case", "the case", &mut problems).unwrap();
        assert_eq!(fields.str("a"), Some("x"));
        assert_eq!(fields.integer("n"), Some(3));
        assert_eq!(fields.first_of(&["z", "a"]).map(|(key, _)| key), Some("a"));
        assert_eq!(fields.text_key(&["missing", "a"]), Some("a"));
        assert!(fields.timestamp("t").is_some());
        assert_eq!(fields.str("z"), None);
        assert_eq!(fields.integer("f"), None);
        assert_eq!(fields.timestamp("d"), None);
        assert_eq!(fields.required_timestamp_of(&["senton", "createdon"]), None);
        let seen: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
        assert_eq!(
            seen,
            vec![
                ("case.f", "`f` must be a whole number, not the number `1.5`"),
                ("case.d", "`d` must be an RFC 3339 date-time, not the number `1`"),
                ("case", "a date-time is required: give one of `senton`, `createdon`"),
            ]
        );
        assert_eq!(problems[1].code, ProblemCode::InvalidDateTime);
        let mut problems = Vec::new();
        assert!(Reader::record(&json!([1]), "timeline[0]", "a timeline item", &mut problems).is_none());
        assert_eq!(problems[0].message, "a timeline item must be a JSON object, not an array");
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("waitTime", "waitTimes"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
