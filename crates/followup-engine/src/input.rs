//! Bounded input: how much JSON text an engine accepts, checked on the text
//! before it is parsed, and parsing that keeps the memory it takes within a
//! small multiple of the text.
//!
//! Every host hands the engine JSON text (the wasm module writes each JS
//! value with `JSON.stringify`; the `*_json` entry points take a request's
//! text), so an input's size is known before a byte of it is parsed. The
//! text is then read into [`serde_json::Value`] under a memory budget:
//! many small arrays and objects take far more memory parsed than as text
//! (`{"a":1}` is 7 bytes of text and a few hundred bytes as a map), and an
//! input whose reading would pass the budget is refused where it passes it.
//! Records are read as the engine uses them: an array or object in a case
//! column or in a field of a timeline item is kept as an empty one of its
//! kind, since the engine only ever asks whether a field holds one, except
//! in the fields the timeline reader reads items from ([`LISTED_FIELDS`]).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::problem::{Problem, ProblemCode};

/// The default of [`InputLimits::case_bytes`]: 8 MiB.
pub const DEFAULT_CASE_BYTES: usize = 8 << 20;
/// The default of [`InputLimits::batch_bytes`]: 64 MiB.
pub const DEFAULT_BATCH_BYTES: usize = 64 << 20;
/// The default of [`InputLimits::config_bytes`]: 4 MiB.
pub const DEFAULT_CONFIG_BYTES: usize = 4 << 20;
/// The largest limit an engine option may set: 512 MiB (about the longest
/// string a JS engine can hold).
pub const MAX_LIMIT_BYTES: usize = 512 << 20;
/// The memory a case's input may take read (records, timelines, requests):
/// this many times its text, plus [`PARSE_SLACK_BYTES`]. A Web API row or a
/// timeline of real emails takes two to four times its text, one of
/// nothing but Status Reason changes about six.
pub const RECORD_MEMORY_FACTOR: usize = 8;
/// The memory a config may take read: this many times its text, plus
/// [`PARSE_SLACK_BYTES`]. A config of small conditions takes about ten.
pub const CONFIG_MEMORY_FACTOR: usize = 16;
/// The memory any input may take parsed, whatever its size (1 MiB).
pub const PARSE_SLACK_BYTES: usize = 1 << 20;

/// How much JSON text an engine accepts, in bytes of UTF-8, each input
/// measured before it is parsed. Set with the engine options
/// `maxCaseBytes`, `maxBatchBytes` and `maxConfigBytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputLimits {
    /// One case: its record and its timeline together, with the request
    /// or current resolution of the call; also each change passed to an
    /// open case.
    pub case_bytes: usize,
    /// All the cases of one `evaluateMany` call together (each case is
    /// also held to `case_bytes`).
    pub batch_bytes: usize,
    /// The config.
    pub config_bytes: usize,
}

impl Default for InputLimits {
    fn default() -> Self {
        Self { case_bytes: DEFAULT_CASE_BYTES, batch_bytes: DEFAULT_BATCH_BYTES, config_bytes: DEFAULT_CONFIG_BYTES }
    }
}

/// The size of an input's JSON text: exact, or a lower bound (a host that
/// sees a text longer than a limit in UTF-16 units knows it is over without
/// encoding it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSize {
    /// Exactly this many bytes of UTF-8.
    Exact(usize),
    /// At least this many bytes of UTF-8.
    AtLeast(usize),
}

impl TextSize {
    /// The number of bytes (exact or at least).
    #[must_use]
    pub fn bytes(self) -> usize {
        match self {
            Self::Exact(bytes) | Self::AtLeast(bytes) => bytes,
        }
    }
}

impl fmt::Display for TextSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exact(bytes) => write!(f, "{bytes} bytes"),
            Self::AtLeast(bytes) => write!(f, "at least {bytes} bytes"),
        }
    }
}

impl InputLimits {
    /// Refuses a case whose inputs (`parts`: each input's path and size)
    /// take more than [`InputLimits::case_bytes`] together. The problem
    /// names the largest part.
    pub fn check_case(&self, parts: &[(&str, TextSize)]) -> Result<(), Problem> {
        let total = parts.iter().map(|(_, size)| size.bytes()).fold(0, usize::saturating_add);
        if total <= self.case_bytes {
            return Ok(());
        }
        let at_least = parts.iter().any(|(_, size)| matches!(size, TextSize::AtLeast(_)));
        let total = if at_least { TextSize::AtLeast(total) } else { TextSize::Exact(total) };
        let largest = parts.iter().max_by_key(|(_, size)| size.bytes()).map_or("", |(path, _)| *path);
        let what = if let [(path, _)] = parts {
            format!("`{path}` takes {total} as JSON")
        } else {
            let each: Vec<String> = parts.iter().map(|(path, size)| format!("`{path}` {size}")).collect();
            format!("the case takes {total} as JSON ({})", each.join(", "))
        };
        Err(too_large(largest, &what, self.case_bytes, "maxCaseBytes"))
    }

    /// Refuses a config over [`InputLimits::config_bytes`].
    pub fn check_config(&self, path: &str, size: TextSize) -> Result<(), Problem> {
        check_one(path, size, self.config_bytes, "maxConfigBytes")
    }

    /// Refuses `evaluateMany`'s cases over [`InputLimits::batch_bytes`].
    pub fn check_batch(&self, path: &str, size: TextSize) -> Result<(), Problem> {
        check_one(path, size, self.batch_bytes, "maxBatchBytes")
    }
}

fn check_one(path: &str, size: TextSize, limit: usize, option: &str) -> Result<(), Problem> {
    if size.bytes() <= limit {
        return Ok(());
    }
    let name = if path.is_empty() { "the input".to_owned() } else { format!("`{path}`") };
    Err(too_large(path, &format!("{name} takes {size} as JSON"), limit, option))
}

fn too_large(path: &str, what: &str, limit: usize, option: &str) -> Problem {
    Problem::new(ProblemCode::TooLarge, path, format!("{what}; the limit is {limit} bytes (engine option `{option}`)"))
}

/// The fields of a timeline item whose array or object the timeline
/// reader reads (addresses, headers): kept with their text, as every
/// other field is. (`crate::timeline`'s `read_addresses` and
/// `read_headers`; a test reads the corpus both ways.)
pub const LISTED_FIELDS: &[&str] = &["to", "torecipients", "cc", "ccrecipients", "headers"];

/// How an input's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A case record, or changes to one: an object of columns, each array
    /// or object in a column kept as an empty one of its kind.
    Record,
    /// A timeline, or items for one: an array of records.
    Timeline,
    /// One case of `evaluateMany`, `{case, timeline}`: its `case` read as
    /// a [`Shape::Record`], its `timeline` as a [`Shape::Timeline`].
    Entry,
    /// Any JSON value, kept whole (a config).
    Whole,
}

impl Shape {
    fn memory_factor(self) -> usize {
        if self == Self::Whole { CONFIG_MEMORY_FACTOR } else { RECORD_MEMORY_FACTOR }
    }
}

/// Reads the JSON text of the input at `path` within the memory budget
/// (see the module documentation): the budget is an estimate, the same on
/// every platform, of what the value takes in the wasm module, so that an
/// input is accepted or refused alike natively and in wasm. Problems: `invalid-json` for text that
/// is not JSON, `invalid-value` for nesting deeper than 128 levels,
/// `too-large` past the budget.
pub fn parse(text: &str, path: &str, shape: Shape) -> Result<Value, Problem> {
    let allowed = text.len().saturating_mul(shape.memory_factor()).saturating_add(PARSE_SLACK_BYTES);
    let mut budget = Budget { left: allowed, exceeded: false };
    let mut reader = serde_json::Deserializer::from_str(text);
    let keep = match shape {
        Shape::Record => Keep::Columns,
        Shape::Timeline => Keep::Records,
        Shape::Entry => Keep::Entry,
        Shape::Whole => Keep::All,
    };
    let seed = ValueSeed { budget: &mut budget, keep };
    let value = seed.deserialize(&mut reader).and_then(|value| reader.end().map(|()| value));
    value.map_err(|error| {
        let name = if path.is_empty() { "the input".to_owned() } else { format!("`{path}`") };
        if budget.exceeded {
            return Problem::new(
                ProblemCode::TooLarge,
                path,
                format!(
                    "{name} holds too many small values: read, its {} bytes of JSON would take more than {allowed} bytes of memory",
                    text.len()
                ),
            );
        }
        let message = error.to_string();
        if message.starts_with("recursion limit exceeded") {
            Problem::new(ProblemCode::InvalidValue, path, format!("{name} is nested more than 128 levels deep"))
        } else {
            Problem::new(ProblemCode::InvalidJson, path, format!("{name} is not JSON: {message}"))
        }
    })
}

/// Memory left for the value being read, in bytes (an estimate).
struct Budget {
    left: usize,
    exceeded: bool,
}

/// What a value's slot costs in its array or object (a `Value` in wasm32).
const SLOT: usize = 24;
/// What an object's entry costs besides its key's text (a `String` and a
/// `Value` in wasm32).
const ENTRY: usize = 12 + SLOT;
/// Entries in one node of the B-tree that holds an object's fields; a
/// node takes room for all of them however few it holds.
const NODE_ENTRIES: usize = 11;
/// What a text costs besides its bytes (the allocator's share).
const TEXT: usize = 8;

impl Budget {
    fn spend<E: de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        if let Some(left) = self.left.checked_sub(bytes) {
            self.left = left;
            Ok(())
        } else {
            self.exceeded = true;
            Err(E::custom("the input takes too much memory"))
        }
    }
}

/// What a value keeps of what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Everything.
    All,
    /// Its fields, each array or object among them kept as [`Keep::Kind`]
    /// except in [`LISTED_FIELDS`] ([`Keep::Texts`]).
    Columns,
    /// Its members, each array or object among them kept as [`Keep::Kind`].
    Texts,
    /// Its members as [`Keep::Columns`].
    Records,
    /// Only its kind: an array or an object is kept empty.
    Kind,
    /// Its `case` as [`Keep::Columns`], its `timeline` as
    /// [`Keep::Records`], the rest as [`Keep::All`].
    Entry,
}

/// Reads one value into a [`Value`], spending the budget on what it keeps.
/// Hand-written: `serde_json` has no bound on the memory a value may take.
struct ValueSeed<'a> {
    budget: &'a mut Budget,
    keep: Keep,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl ValueSeed<'_> {
    /// The seed of a value this one holds (under `key`, for an object).
    fn child(&mut self, key: Option<&str>) -> ValueSeed<'_> {
        let keep = match (self.keep, key) {
            (Keep::Columns, Some(key)) if LISTED_FIELDS.contains(&key) => Keep::Texts,
            (Keep::Columns | Keep::Texts | Keep::Kind, _) => Keep::Kind,
            (Keep::Records, _) | (Keep::Entry, Some("case")) => Keep::Columns,
            (Keep::Entry, Some("timeline")) => Keep::Records,
            (Keep::All | Keep::Entry, _) => Keep::All,
        };
        ValueSeed { budget: self.budget, keep }
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Value, E> {
        Ok(Value::Bool(flag))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Value, E> {
        Ok(Value::Number(number.into()))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Value, E> {
        Ok(Value::Number(number.into()))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Value, E> {
        Ok(Number::from_f64(number).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Value, E> {
        self.budget.spend(text.len() + TEXT)?;
        Ok(Value::String(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Value, E> {
        self.budget.spend(text.len() + TEXT)?;
        Ok(Value::String(text))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        if self.keep == Keep::Kind {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Value::Array(Vec::new()));
        }
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.child(None))? {
            let before = items.capacity();
            items.push(item);
            self.budget.spend((items.capacity() - before) * SLOT)?;
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        if self.keep == Keep::Kind {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Value::Object(Map::new()));
        }
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let node = if fields.len() % NODE_ENTRIES == 0 { NODE_ENTRIES * ENTRY } else { 0 };
            self.budget.spend(key.len() + TEXT + node)?;
            let value = map.next_value_seed(self.child(Some(&key)))?;
            fields.insert(key, value);
        }
        Ok(Value::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_read_as_serde_json_reads_them() {
        for text in [
            r#"{"a": [1, -2, 3.5, "x", true, null, {"b": {}}], "c": "\u00e9\ud83d\ude00"}"#,
            "[]",
            "\"text\"",
            "12345678901234567890",
            "-0.0",
        ] {
            assert_eq!(parse(text, "x", Shape::Whole).unwrap(), serde_json::from_str::<Value>(text).unwrap(), "{text}");
        }
    }

    #[test]
    fn a_record_keeps_only_the_kind_of_nested_columns() {
        let text = r#"{"title": "x", "n": 1, "blob": [{"a": 1}, [2]], "lookup": {"name": "y"}, "empty": null}"#;
        assert_eq!(
            parse(text, "case", Shape::Record).unwrap(),
            json!({"title": "x", "n": 1, "blob": [], "lookup": {}, "empty": null})
        );
    }

    #[test]
    fn many_small_objects_are_refused_past_the_budget() {
        let many = format!("[{}]", vec![r#"{"a":1}"#; 200_000].join(","));
        let problem = parse(&many, "timeline", Shape::Whole).unwrap_err();
        assert_eq!((problem.code, problem.path.as_str()), (ProblemCode::TooLarge, "timeline"));
        assert!(problem.message.starts_with("`timeline` holds too many small values"), "{}", problem.message);
        // In a case column they are never kept, so nothing is refused.
        let record = format!(r#"{{"blob": {many}}}"#);
        assert_eq!(parse(&record, "case", Shape::Record).unwrap(), json!({"blob": []}));
        let entry = format!(r#"{{"case": {record}, "timeline": [{{"a": [1]}}]}}"#);
        assert_eq!(
            parse(&entry, "cases[0]", Shape::Entry).unwrap(),
            json!({"case": {"blob": []}, "timeline": [{"a": []}]})
        );
    }

    #[test]
    fn timeline_items_keep_the_fields_the_reader_reads() {
        let text = r#"[{"type": "email", "to": ["a@x.test", ["b"]], "cc": "c@x.test", "headers": {"x-a": "1", "x-b": {}},
            "email_activity_parties": [{"addressused": "d@x.test"}], "body": "hi"}]"#;
        assert_eq!(
            parse(text, "timeline", Shape::Timeline).unwrap(),
            json!([{"type": "email", "to": ["a@x.test", []], "cc": "c@x.test", "headers": {"x-a": "1", "x-b": {}},
                "email_activity_parties": [], "body": "hi"}])
        );
    }

    /// Every check of the shared corpus decides alike from the values
    /// and from their text read as records and timelines.
    #[test]
    fn the_corpus_decides_alike_from_shaped_text() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let scenario = followup_corpus::Scenario::from_json(&serde_json::from_str(&text).unwrap()).unwrap();
            let Ok(engine) = crate::api::Engine::new(&scenario.config) else { continue };
            for case in &scenario.cases {
                let record = parse(&case.case.to_string(), "case", Shape::Record).unwrap();
                let timeline = parse(&case.timeline.to_string(), "timeline", Shape::Timeline).unwrap();
                for check in &case.checks {
                    let now = json!(check.at);
                    let whole = engine.evaluate(case.case.clone(), case.timeline.clone(), &now);
                    assert_eq!(engine.evaluate(record.clone(), timeline.clone(), &now), whole, "{}", check.at);
                    checked += 1;
                }
            }
        }
        assert!(checked > 60, "only {checked} checks");
    }

    #[test]
    fn bad_text_and_deep_nesting_are_named() {
        let problem = parse("{\"a\": ", "case", Shape::Whole).unwrap_err();
        assert_eq!(problem.code, ProblemCode::InvalidJson);
        assert!(problem.message.starts_with("`case` is not JSON: "), "{}", problem.message);
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let problem = parse(&deep, "timeline", Shape::Whole).unwrap_err();
        assert_eq!(
            (problem.code, problem.message.as_str()),
            (ProblemCode::InvalidValue, "`timeline` is nested more than 128 levels deep")
        );
        // Nesting inside a case column is skipped without recursion.
        let record = format!(r#"{{"blob": {deep}}}"#);
        assert_eq!(parse(&record, "case", Shape::Record).unwrap(), json!({"blob": []}));
    }

    #[test]
    fn limits_name_the_input_its_size_and_the_option() {
        let limits = InputLimits { case_bytes: 100, batch_bytes: 1000, config_bytes: 10 };
        assert!(limits.check_case(&[("case", TextSize::Exact(60)), ("timeline", TextSize::Exact(40))]).is_ok());
        let problem =
            limits.check_case(&[("case", TextSize::Exact(60)), ("timeline", TextSize::Exact(41))]).unwrap_err();
        assert_eq!((problem.code, problem.path.as_str()), (ProblemCode::TooLarge, "case"));
        assert_eq!(
            problem.message,
            "the case takes 101 bytes as JSON (`case` 60 bytes, `timeline` 41 bytes); the limit is 100 bytes (engine option `maxCaseBytes`)"
        );
        let problem = limits.check_case(&[("items", TextSize::AtLeast(500))]).unwrap_err();
        assert_eq!(
            problem.message,
            "`items` takes at least 500 bytes as JSON; the limit is 100 bytes (engine option `maxCaseBytes`)"
        );
        let problem = limits.check_config("config", TextSize::Exact(11)).unwrap_err();
        assert_eq!(
            problem.message,
            "`config` takes 11 bytes as JSON; the limit is 10 bytes (engine option `maxConfigBytes`)"
        );
        assert!(limits.check_batch("cases", TextSize::Exact(1000)).is_ok());
        assert_eq!(limits.check_batch("cases", TextSize::Exact(1001)).unwrap_err().path, "cases");
    }
}
