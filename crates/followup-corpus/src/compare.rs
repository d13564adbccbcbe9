//! Comparing an output with a partial expectation. An expected object names
//! only the fields it cares about; arrays are compared element by element
//! and must have the same length; numbers compare by value. A field the
//! expectation names must be in the output (`null` matches only a field
//! that is there and null). Matchers, objects of one `$` key:
//!
//! - `{"$contains": "text"}`: text containing it;
//! - `{"$notContains": "text"}`: text (or every text of an array) not
//!   containing it; an absent field holds too;
//! - `{"$absent": true}`: the field is not in the output;
//! - `{"$some": {...}}`: an array with at least one element matching;
//! - `{"$unordered": [...]}`: an array with exactly these elements in any
//!   order, each compared partially.

use serde_json::{Map, Value};

use followup_engine::problem::{field_path, index_path};

/// One difference between an expectation and what came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Where, as a JSON path into the output.
    pub path: String,
    /// What was expected.
    pub expected: String,
    /// What came out.
    pub actual: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            if self.path.is_empty() { "." } else { &self.path },
            self.expected,
            self.actual
        )
    }
}

impl Mismatch {
    /// The same mismatch under `prefix` (`steps[2]`).
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = followup_engine::problem::join_path(prefix, &self.path);
        self
    }
}

/// Compares `actual` with the partial expectation `expected`.
#[must_use]
pub fn compare(expected: &Value, actual: &Value) -> Vec<Mismatch> {
    let mut mismatches = Vec::new();
    compare_at(expected, Some(actual), "", &mut mismatches);
    mismatches
}

/// Whether `actual` matches `expected` (the same rules as [`compare`]).
#[must_use]
pub fn matches(expected: &Value, actual: &Value) -> bool {
    compare(expected, actual).is_empty()
}

fn show(value: Option<&Value>) -> String {
    match value {
        None => "nothing".to_owned(),
        Some(value) => {
            let text = value.to_string();
            if text.chars().count() > 200 { format!("{}…", text.chars().take(200).collect::<String>()) } else { text }
        }
    }
}

/// The matcher an expected object stands for, if it is one.
fn matcher(wanted: &Map<String, Value>) -> Option<(&str, &Value)> {
    let mut entries = wanted.iter();
    match (entries.next(), entries.next()) {
        (Some((key, value)), None) if key.starts_with('$') => Some((key.as_str(), value)),
        _ => None,
    }
}

fn compare_at(expected: &Value, actual: Option<&Value>, path: &str, out: &mut Vec<Mismatch>) {
    let mismatch = |out: &mut Vec<Mismatch>, expected: String| {
        out.push(Mismatch { path: path.to_owned(), expected, actual: show(actual) });
    };
    match expected {
        Value::Object(wanted) => {
            if let Some((name, argument)) = matcher(wanted) {
                compare_matcher(name, argument, actual, path, out);
                return;
            }
            match actual {
                Some(Value::Object(got)) => {
                    for (key, want) in wanted {
                        compare_at(want, got.get(key), &field_path(path, key), out);
                    }
                }
                _ => mismatch(out, show(Some(expected))),
            }
        }
        Value::Array(wanted) => match actual {
            Some(Value::Array(got)) if got.len() == wanted.len() => {
                for (index, (want, have)) in wanted.iter().zip(got).enumerate() {
                    compare_at(want, Some(have), &index_path(path, index), out);
                }
            }
            _ => mismatch(out, show(Some(expected))),
        },
        Value::Null => match actual {
            Some(Value::Null) => {}
            None => mismatch(out, "null (use {\"$absent\": true} for a field that is not there)".to_owned()),
            Some(_) => mismatch(out, "null".to_owned()),
        },
        Value::Number(wanted) => {
            if actual.and_then(Value::as_f64) != wanted.as_f64() {
                mismatch(out, show(Some(expected)));
            }
        }
        scalar => {
            if actual != Some(scalar) {
                mismatch(out, show(Some(expected)));
            }
        }
    }
}

fn compare_matcher(name: &str, argument: &Value, actual: Option<&Value>, path: &str, out: &mut Vec<Mismatch>) {
    let mut fail = |expected: String| out.push(Mismatch { path: path.to_owned(), expected, actual: show(actual) });
    let needle = argument.as_str().unwrap_or_default();
    match name {
        "$contains" => {
            if !actual.and_then(Value::as_str).is_some_and(|text| text.contains(needle)) {
                fail(format!("text containing {argument}"));
            }
        }
        "$notContains" => {
            let holds = match actual {
                None | Some(Value::Null) => true,
                Some(Value::String(text)) => !text.contains(needle),
                Some(Value::Array(items)) => {
                    items.iter().all(|item| item.as_str().is_none_or(|text| !text.contains(needle)))
                }
                Some(_) => false,
            };
            if !holds {
                fail(format!("no text containing {argument}"));
            }
        }
        "$absent" => {
            if actual.is_some() {
                fail("no such field".to_owned());
            }
        }
        "$some" => {
            let found =
                actual.and_then(Value::as_array).is_some_and(|items| items.iter().any(|item| matches(argument, item)));
            if !found {
                fail(format!("an array with an element matching {}", show(Some(argument))));
            }
        }
        "$unordered" => {
            let wanted = argument.as_array().map_or(&[][..], Vec::as_slice);
            let holds =
                actual.and_then(Value::as_array).is_some_and(|got| got.len() == wanted.len() && assign(wanted, got));
            if !holds {
                fail(format!("these elements in any order: {}", show(Some(argument))));
            }
        }
        other => fail(format!(
            "a known matcher (`{other}` is not one: `$contains`, `$notContains`, `$absent`, `$some`, `$unordered`)"
        )),
    }
}

/// Whether every expected element matches a different actual element (a
/// matching found by augmenting paths: the arrays are short).
fn assign(wanted: &[Value], got: &[Value]) -> bool {
    let fits: Vec<Vec<usize>> = wanted
        .iter()
        .map(|want| got.iter().enumerate().filter(|(_, have)| matches(want, have)).map(|(index, _)| index).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; got.len()];
    (0..wanted.len()).all(|item| place(item, &fits, &mut owner, &mut vec![false; got.len()]))
}

/// Places expected element `item` on a free actual element, moving earlier
/// placements along when that frees one (Kuhn's augmenting path).
fn place(item: usize, fits: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &slot in fits.get(item).map_or(&[][..], Vec::as_slice) {
        if seen.get(slot).copied().unwrap_or(true) {
            continue;
        }
        if let Some(flag) = seen.get_mut(slot) {
            *flag = true;
        }
        let previous = owner.get(slot).copied().flatten();
        if previous.is_none_or(|other| place(other, fits, owner, seen)) {
            if let Some(entry) = owner.get_mut(slot) {
                *entry = Some(item);
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn partial_objects_match_what_they_name() {
        let actual = json!({"state": "waiting", "followUps": {"sent": 1, "total": 3}, "card": null, "list": [1, 2]});
        assert!(compare(&json!({"state": "waiting", "followUps": {"sent": 1}}), &actual).is_empty());
        assert!(compare(&json!({"card": null, "missing": {"$absent": true}}), &actual).is_empty());
        assert!(compare(&json!({"list": [1, 2.0]}), &actual).is_empty());
    }

    #[test]
    fn null_does_not_match_a_missing_field() {
        let found = compare(&json!({"nextChekAt": null}), &json!({"nextCheckAt": null}));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].to_string(),
            "nextChekAt: expected null (use {\"$absent\": true} for a field that is not there), got nothing"
        );
    }

    #[test]
    fn mismatches_name_their_path() {
        let actual =
            json!({"state": "waiting", "followUps": {"sent": 1}, "list": [1, 2], "summary": "Follow-up 2 of 3"});
        let found = compare(
            &json!({"state": "followUpDue", "followUps": {"sent": 2}, "list": [1], "summary": {"$contains": "of 4"}, "x": 1}),
            &actual,
        );
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            vec![
                "followUps.sent: expected 2, got 1",
                "list: expected [1], got [1,2]",
                "state: expected \"followUpDue\", got \"waiting\"",
                "summary: expected text containing \"of 4\", got \"Follow-up 2 of 3\"",
                "x: expected 1, got nothing",
            ]
        );
    }

    #[test]
    fn matchers() {
        let actual = json!({"to": ["a@b.c", "d@e.f"], "body": "Hello Alex", "actions": [{"type": "sendFollowUp", "n": 2}, {"type": "resolveCase"}]});
        assert!(matches(
            &json!({"body": {"$notContains": "Bcc:"}, "to": {"$notContains": "\n"}, "cc": {"$notContains": "x"}}),
            &actual
        ));
        assert!(!matches(&json!({"body": {"$notContains": "Alex"}}), &actual));
        assert!(matches(&json!({"actions": {"$some": {"type": "resolveCase"}}}), &actual));
        assert!(!matches(&json!({"actions": {"$some": {"type": "replyToCustomer"}}}), &actual));
        assert!(matches(&json!({"to": {"$unordered": ["d@e.f", "a@b.c"]}}), &actual));
        assert!(!matches(&json!({"to": {"$unordered": ["d@e.f"]}}), &actual));
        assert!(!matches(&json!({"to": {"$unordered": ["d@e.f", "d@e.f"]}}), &actual));
        assert!(matches(&json!({"actions": {"$unordered": [{"type": "resolveCase"}, {}]}}), &actual));
        assert!(!matches(&json!({"body": {"$absent": true}}), &actual));
        let unknown = compare(&json!({"body": {"$startsWith": "Hello"}}), &actual);
        assert!(unknown[0].expected.contains("`$startsWith` is not one"), "{unknown:?}");
    }
}
