//! Reading scenarios: one JSON file in the shared corpus format, or a
//! config file plus JSON Lines of cases, streamed in chunks of lines so
//! memory does not grow with the number of cases.

use std::io::{BufRead, BufReader, Read};
use std::ops::Range;

use followup_corpus::Check;
use serde_json::{Map, Value};

use crate::error::{InputError, Place};

/// One case history to replay, as written.
#[derive(Debug, Clone)]
pub struct CaseInput {
    /// Short name, if given.
    pub name: Option<String>,
    /// The case record.
    pub case: Value,
    /// The recorded timeline (`null` when absent).
    pub timeline: Value,
    /// Decisions expected at given instants.
    pub checks: Vec<Check>,
    /// Replay settings and expectations (see the README).
    pub replay: Option<Value>,
}

/// A case to replay with where it came from.
#[derive(Debug, Clone)]
pub struct Job {
    /// The line in a JSON Lines file (`Place::File` in a scenario file).
    pub place: Place,
    /// The JSON path of the case entry in its file (`cases[2]`), or empty.
    pub prefix: String,
    /// The file it came from, when not the source's own (joined exports).
    pub file: Option<String>,
    /// The case, or why it cannot be read.
    pub input: Result<CaseInput, InputError>,
}

/// A scenario file: a config and the raw case entries.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFile {
    /// Its name.
    pub name: String,
    /// What it shows.
    pub description: String,
    /// The config, as written.
    pub config: Value,
    /// The case entries, each read on its own so one bad case spoils nothing else.
    pub cases: Vec<Value>,
    /// The instant `t0` stands for in the cases' times.
    pub t0: Option<chrono::DateTime<chrono::Utc>>,
}

const SCENARIO_FIELDS: [&str; 6] = ["$schema", "name", "description", "t0", "config", "cases"];
const CASE_FIELDS: [&str; 6] = ["name", "t0", "case", "timeline", "checks", "replay"];

/// The name that stands for standard input.
pub const STDIN: &str = "-";

/// Reads a whole file (`-`: standard input), naming it in the error.
pub fn read_text(file: &str) -> Result<String, InputError> {
    let read = if file == STDIN {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(file)
    };
    read.map_err(|error| InputError::file(file, "io", format!("cannot read the file: {error}")))
}

/// Opens a file for streaming (`-`: standard input).
pub fn open(file: &str) -> Result<Box<dyn Read + Send>, InputError> {
    if file == STDIN {
        return Ok(Box::new(std::io::stdin()));
    }
    std::fs::File::open(file)
        .map(|opened| Box::new(opened) as Box<dyn Read + Send>)
        .map_err(|error| InputError::file(file, "io", format!("cannot open the file: {error}")))
}

/// Parses JSON text, naming the file and position in the error.
pub fn parse_json(file: &str, text: &str) -> Result<Value, InputError> {
    serde_json::from_str(text).map_err(|error| InputError::invalid_json(file, 1, &error))
}

/// Reads a scenario file's top level.
pub fn scenario(file: &str, value: Value) -> Result<ScenarioFile, InputError> {
    let Value::Object(mut map) = value else {
        return Err(InputError::file(
            file,
            "invalid-type",
            format!("a scenario is a JSON object with `{}`", SCENARIO_FIELDS.join("`, `")),
        ));
    };
    check_fields(file, &map, "", &SCENARIO_FIELDS)?;
    let name = optional_text(file, &map, "", "name")?.unwrap_or_else(|| file.to_owned());
    let description = optional_text(file, &map, "", "description")?.unwrap_or_default();
    let t0 = match optional_text(file, &map, "", "t0")? {
        Some(text) => Some(
            followup_corpus::relative::parse_t0(&text, "t0")
                .map_err(|problem| InputError::from_problem(file, Place::File, "", &problem))?,
        ),
        None => None,
    };
    let config = map.remove("config").ok_or_else(|| missing(file, "", "config"))?;
    let cases = match map.remove("cases") {
        Some(Value::Array(cases)) => cases,
        Some(_) => return Err(problem(file, "cases", "invalid-type", "`cases` must be an array of case entries")),
        None => return Err(missing(file, "", "cases")),
    };
    Ok(ScenarioFile { name, description, config, cases, t0 })
}

/// Reads one case entry (`{name, t0, case, timeline, checks, replay}`),
/// its times relative to `t0` (its own, or the scenario's `t0`) resolved;
/// paths in errors start with `prefix`.
pub fn case_entry(
    file: &str,
    mut value: Value,
    prefix: &str,
    t0: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<CaseInput, InputError> {
    if value.is_object() {
        if let Some(map) = value.as_object() {
            check_fields(file, map, prefix, &CASE_FIELDS)?;
        }
        followup_corpus::prepare_entry(&mut value, t0, prefix)
            .map_err(|problem| InputError::from_problem(file, Place::File, "", &problem))?;
    }
    let Value::Object(mut map) = value else {
        return Err(problem(
            file,
            prefix,
            "invalid-type",
            "a case entry is a JSON object with `case` and optionally `timeline`, `name`, `checks`, `replay`",
        ));
    };
    check_fields(file, &map, prefix, &CASE_FIELDS)?;
    let name = optional_text(file, &map, prefix, "name")?;
    let case = map.remove("case").ok_or_else(|| missing(file, prefix, "case"))?;
    let timeline = map.remove("timeline").unwrap_or(Value::Null);
    let checks = match map.remove("checks") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let path = format!("{}[{index}]", join(prefix, "checks"));
                followup_corpus::read_check(&item, &path)
                    .map_err(|problem| InputError::from_problem(file, Place::File, "", &problem))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(problem(file, &join(prefix, "checks"), "invalid-type", "`checks` must be an array")),
    };
    let replay = map.remove("replay").filter(|value| !value.is_null());
    Ok(CaseInput { name, case, timeline, checks, replay })
}

fn check_fields(file: &str, map: &Map<String, Value>, prefix: &str, known: &[&str]) -> Result<(), InputError> {
    match map.keys().find(|key| !known.contains(&key.as_str())) {
        Some(unknown) => Err(problem(
            file,
            &join(prefix, unknown),
            "unknown-field",
            format!("unknown field `{unknown}`, expected one of `{}`", known.join("`, `")),
        )),
        None => Ok(()),
    }
}

fn optional_text(file: &str, map: &Map<String, Value>, prefix: &str, key: &str) -> Result<Option<String>, InputError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(problem(file, &join(prefix, key), "invalid-type", format!("`{key}` must be text"))),
    }
}

fn join(prefix: &str, key: &str) -> String {
    followup_engine::problem::field_path(prefix, key)
}

fn problem(file: &str, path: &str, code: &str, message: impl Into<String>) -> InputError {
    InputError { path: path.to_owned(), ..InputError::file(file, code, message) }
}

fn missing(file: &str, prefix: &str, key: &str) -> InputError {
    problem(file, &join(prefix, key), "missing-field", format!("`{key}` is required"))
}

/// Longest JSON Lines line read by default: far above any real case
/// history, far below what would strain memory.
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

static MAX_LINE_BYTES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

/// Sets the longest line read for this process (`--max-line-bytes`).
pub fn set_max_line_bytes(bytes: usize) {
    let _ = MAX_LINE_BYTES.set(bytes);
}

/// The longest line read.
#[must_use]
pub fn max_line_bytes() -> usize {
    MAX_LINE_BYTES.get().copied().unwrap_or(DEFAULT_MAX_LINE_BYTES)
}

/// One line of a chunk: its text, or only its length when it was longer
/// than the limit (its bytes were never kept).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    Text(Range<usize>),
    TooLong(u64),
}

/// A line as handed to the workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line<'a> {
    /// The line's bytes, without the line break.
    Text(&'a [u8]),
    /// A line over the limit, skipped: its length in bytes.
    TooLong(u64),
}

/// A run of lines of a JSON Lines file, read together.
#[derive(Debug, Default)]
pub struct LineChunk {
    data: Vec<u8>,
    lines: Vec<(u64, Slot)>,
    /// Bytes of the file this chunk covers.
    pub bytes: u64,
}

impl LineChunk {
    /// The lines with their 1-based numbers.
    pub fn lines(&self) -> impl Iterator<Item = (u64, Line<'_>)> {
        self.lines.iter().map(|(number, slot)| {
            let line = match slot {
                Slot::Text(range) => Line::Text(self.data.get(range.clone()).unwrap_or_default()),
                Slot::TooLong(bytes) => Line::TooLong(*bytes),
            };
            (*number, line)
        })
    }

    /// Whether it holds no line.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Empties the chunk, keeping its buffers for the next lines.
    pub fn clear(&mut self) {
        self.data.clear();
        self.lines.clear();
        self.bytes = 0;
    }
}

/// Reads `reader` in chunks of at most `lines_per_chunk` non-blank lines,
/// handing each to `deliver`; stops early when `deliver` returns `false`.
/// A line longer than `max_line` bytes is not kept: only its length is,
/// so memory stays bounded whatever the input. `recycle` may give back a
/// chunk already handled, whose buffers are reused (fresh multi-megabyte
/// buffers for every chunk cost page faults).
pub fn stream_lines<R: Read>(
    file: &str,
    reader: R,
    lines_per_chunk: usize,
    max_line: usize,
    mut recycle: impl FnMut() -> Option<LineChunk>,
    mut deliver: impl FnMut(LineChunk) -> bool,
) -> Result<(), InputError> {
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut fresh = || {
        let mut chunk = recycle().unwrap_or_default();
        chunk.clear();
        chunk
    };
    let mut chunk = fresh();
    let mut number = 0_u64;
    // The line being read: where it starts in the chunk, its length so far,
    // and whether it is over the limit (its bytes are then dropped).
    let mut start = 0;
    let mut length = 0_u64;
    let mut too_long = false;
    loop {
        let buffer = reader
            .fill_buf()
            .map_err(|error| InputError::file(file, "io", format!("cannot read line {}: {error}", number + 1)))?;
        let at_end = buffer.is_empty();
        let (piece, ends_line) = match memchr::memchr(b'\n', buffer) {
            Some(index) => (buffer.get(..=index).unwrap_or_default(), true),
            None => (buffer, at_end && length > 0),
        };
        let taken = piece.len();
        if at_end && length == 0 {
            break;
        }
        length += taken as u64;
        chunk.bytes += taken as u64;
        if !too_long {
            // Never more than the limit (and a line break) is kept of a line.
            let room = max_line.saturating_add(3).saturating_sub(chunk.data.len() - start);
            chunk.data.extend_from_slice(piece.get(..room.min(taken)).unwrap_or(piece));
            if chunk.data.len() - start > max_line.saturating_add(2) {
                chunk.data.truncate(start);
                too_long = true;
            }
        }
        reader.consume(taken);
        if !ends_line {
            continue;
        }
        number += 1;
        if too_long {
            chunk.lines.push((number, Slot::TooLong(length)));
        } else {
            let mut end = chunk.data.len();
            while end > start && matches!(chunk.data.get(end - 1), Some(b'\n' | b'\r')) {
                end -= 1;
            }
            let blank = chunk.data.get(start..end).is_none_or(|line| line.iter().all(u8::is_ascii_whitespace));
            if blank {
                chunk.data.truncate(start);
            } else if end - start > max_line {
                chunk.data.truncate(start);
                chunk.lines.push((number, Slot::TooLong(length)));
            } else {
                chunk.lines.push((number, Slot::Text(start..end)));
            }
        }
        (length, too_long) = (0, false);
        if chunk.lines.len() >= lines_per_chunk && !deliver(std::mem::replace(&mut chunk, fresh())) {
            return Ok(());
        }
        start = chunk.data.len();
        if at_end {
            break;
        }
    }
    if !chunk.is_empty() || chunk.bytes > 0 {
        deliver(chunk);
    }
    Ok(())
}

/// A JSON Lines record in the common shape, read straight into its parts
/// (no map of the record itself is built and taken apart).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LineRecord {
    #[serde(default)]
    name: Option<String>,
    case: Value,
    #[serde(default)]
    timeline: Value,
    #[serde(default)]
    checks: Option<Value>,
    #[serde(default)]
    replay: Option<Value>,
    #[serde(default)]
    t0: Option<Value>,
}

/// Reads one JSON Lines record into a job.
#[must_use]
pub fn line_job(file: &str, number: u64, line: Line<'_>) -> Job {
    let place = Place::Line { line: number, column: None };
    let line = match line {
        Line::Text(text) => text,
        Line::TooLong(bytes) => {
            let message = format!("the line is {bytes} bytes long, over the limit of `--max-line-bytes`: skipped");
            return Job {
                place: place.clone(),
                prefix: String::new(),
                file: None,
                input: Err(InputError { place, ..InputError::file(file, "line-too-long", message) }),
            };
        }
    };
    let fast = serde_json::from_slice::<LineRecord>(line)
        .ok()
        .filter(|record| record.checks.is_none() && record.replay.is_none() && record.t0.is_none());
    let input = match fast {
        Some(record) => Ok(CaseInput {
            name: record.name,
            case: record.case,
            timeline: record.timeline,
            checks: Vec::new(),
            replay: None,
        }),
        // Anything else (checks to read, or a problem to report with its
        // path) takes the careful way.
        None => serde_json::from_slice::<Value>(line)
            .map_err(|error| InputError::invalid_json(file, number, &error))
            .and_then(|value| case_entry(file, value, "", None).map_err(|error| error.on_line(number))),
    };
    Job { place, prefix: String::new(), file: None, input }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn streams_lines_in_chunks_with_their_numbers() {
        let text = "{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}";
        let mut seen = Vec::new();
        stream_lines(
            "x.jsonl",
            text.as_bytes(),
            2,
            100,
            || None,
            |chunk| {
                seen.push(chunk.lines().map(|(n, l)| (n, shown(l))).collect::<Vec<_>>());
                true
            },
        )
        .unwrap();
        assert_eq!(
            seen,
            vec![vec![(1, "{\"a\":1}".to_owned()), (3, "{\"b\":2}".to_owned())], vec![(4, "{\"c\":3}".to_owned())]]
        );
    }

    fn shown(line: Line<'_>) -> String {
        match line {
            Line::Text(text) => String::from_utf8_lossy(text).into_owned(),
            Line::TooLong(bytes) => format!("<{bytes} bytes>"),
        }
    }

    #[test]
    fn lines_over_the_limit_are_counted_not_kept() {
        let long = "x".repeat(5000);
        let text = format!("{{\"a\":1}}\n{long}\n{{\"b\":2}}\n{long}");
        let mut seen = Vec::new();
        let mut largest = 0;
        // A reader that hands out 7 bytes at a time, so lines span reads.
        let reader = std::io::BufReader::with_capacity(7, text.as_bytes());
        stream_lines(
            "x.jsonl",
            reader,
            10,
            100,
            || None,
            |chunk| {
                largest = largest.max(chunk.data.capacity());
                seen.extend(chunk.lines().map(|(n, l)| (n, shown(l))));
                true
            },
        )
        .unwrap();
        assert_eq!(
            seen,
            vec![
                (1, "{\"a\":1}".to_owned()),
                (2, "<5001 bytes>".to_owned()),
                (3, "{\"b\":2}".to_owned()),
                (4, "<5000 bytes>".to_owned())
            ]
        );
        assert!(largest < 1000, "the long lines were held in memory ({largest} bytes)");
        let job = line_job("x.jsonl", 2, Line::TooLong(5001));
        assert_eq!(
            job.input.unwrap_err().to_string(),
            "x.jsonl:2: the line is 5001 bytes long, over the limit of `--max-line-bytes`: skipped (line-too-long)"
        );
    }

    #[test]
    fn bad_lines_name_file_line_and_path() {
        let job = line_job("c.jsonl", 7, Line::Text(b"{\"case\": {}, \"timelin\": []}"));
        assert_eq!(
            job.input.unwrap_err().to_string(),
            "c.jsonl:7: timelin: unknown field `timelin`, expected one of `name`, `t0`, `case`, `timeline`, `checks`, `replay` (unknown-field)"
        );
        let job = line_job("c.jsonl", 8, Line::Text(b"{\"case\": "));
        let shown = job.input.unwrap_err().to_string();
        assert!(shown.starts_with("c.jsonl:8:") && shown.contains("not valid JSON"), "{shown}");
    }

    #[test]
    fn case_entries_and_checks() {
        let entry = case_entry(
            "s.json",
            json!({"name": "n", "case": {}, "checks": [{"at": "2026-01-01T00:00:00Z", "expect": {}}], "replay": {"until": "x"}}),
            "cases[0]",
            None,
        )
        .unwrap();
        assert_eq!(entry.checks.len(), 1);
        assert!(entry.timeline.is_null());
        let error = case_entry("s.json", json!({"case": {}, "checks": [{"at": 5, "expect": {}}]}), "cases[1]", None)
            .unwrap_err();
        assert_eq!(error.path, "cases[1].checks[0].at");
        let error = scenario("s.json", json!({"name": "x", "config": {}})).unwrap_err();
        assert_eq!(error.to_string(), "s.json: cases: `cases` is required (missing-field)");
    }
}
