//! Reading config objects out of JSON, every problem reported at its path.
//!
//! Written here rather than derived with serde: derived readers for the
//! config's types, with the path tracking the error messages need, were a
//! fifth of the wasm file. This reader also keeps going after a problem, so
//! one call reports every mistake in a rule (serde stops at the first).

use serde_json::{Map, Value};

use crate::fields::{json_kind, whole_number};
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::time::clip;

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
/// shared list; getters return `None` for absent or broken values.
pub(crate) struct Reader<'a, 'p> {
    map: &'a Map<String, Value>,
    path: String,
    problems: &'p mut Vec<Problem>,
}

impl<'a, 'p> Reader<'a, 'p> {
    /// Reads `value` at `path` as an object whose fields are `allowed`,
    /// reporting a non-object or each unknown field.
    pub fn object(
        value: &'a Value,
        path: String,
        what: &str,
        allowed: &[&str],
        problems: &'p mut Vec<Problem>,
    ) -> Option<Self> {
        let Value::Object(map) = value else {
            problems.push(Problem::new(
                ProblemCode::InvalidType,
                path,
                format!("{what} must be a JSON object, not {}", json_kind(value)),
            ));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                problems.push(unknown_field(&path, key, allowed));
            }
        }
        Some(Self { map, path, problems })
    }

    /// The problems list, for nested readers.
    pub fn problems(&mut self) -> &mut Vec<Problem> {
        self.problems
    }

    /// The path of field `key`.
    pub fn path_of(&self, key: &str) -> String {
        field_path(&self.path, key)
    }

    /// Adds a problem at field `key`.
    pub fn report(&mut self, key: &str, code: ProblemCode, message: impl Into<String>) {
        let path = self.path_of(key);
        self.problems.push(Problem::new(code, path, message));
    }

    /// The value of `key`; JSON `null` counts as absent.
    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    fn expect<T>(&mut self, key: &str, what: &str, read: impl Fn(&'a Value) -> Option<T>) -> Option<T> {
        let value = self.value(key)?;
        let found = read(value);
        if found.is_none() {
            let message = format!("`{key}` must be {what}, not {}", json_kind(value));
            self.report(key, ProblemCode::InvalidType, message);
        }
        found
    }

    /// A required field: reports it when absent.
    pub fn required<T>(&mut self, key: &str, read: impl FnOnce(&mut Self, &str) -> Option<T>) -> Option<T> {
        if self.value(key).is_none() {
            self.report(key, ProblemCode::MissingField, format!("`{key}` is required"));
            return None;
        }
        read(self, key)
    }

    /// A boolean field.
    pub fn bool(&mut self, key: &str) -> Option<bool> {
        self.expect(key, "true or false", Value::as_bool)
    }

    /// A text field.
    pub fn text(&mut self, key: &str) -> Option<String> {
        self.expect(key, "text", |value| value.as_str().map(str::to_owned))
    }

    /// A whole-number field.
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
                None => self.problems.push(Problem::new(
                    ProblemCode::InvalidType,
                    index_path(&path, index),
                    format!("expected text, not {}", json_kind(item)),
                )),
            }
        }
        Some(texts)
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
        let mut reader = Reader::object(value, path, what, allowed, self.problems)?;
        Some(read(&mut reader))
    }
}

/// The problem for an unknown field, with a suggestion when a known one is
/// a typo away.
fn unknown_field(parent: &str, key: &str, allowed: &[&str]) -> Problem {
    let suggestion = allowed
        .iter()
        .map(|known| (edit_distance(key, known), known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map_or_else(String::new, |(_, known)| format!(": did you mean `{known}`?"));
    let message = if suggestion.is_empty() {
        format!("unknown field `{}`, expected one of `{}`", clip(key), crate::text::join(allowed, "`, `"))
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
        let reader = Reader::object(&value, "rules[0].followUps".into(), "x", &["count", "waitTimes"], &mut problems);
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
        let mut reader = Reader::object(&value, String::new(), "x", &["a", "b", "c", "d", "e"], &mut problems).unwrap();
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
    fn edit_distances() {
        assert_eq!(edit_distance("waitTime", "waitTimes"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
