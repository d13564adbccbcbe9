//! Problems with the input, as values that say where they are: the file,
//! the line (JSON Lines) or the case (`cases[2]`), and the JSON path inside.

use std::fmt;

use followup_engine::Problem;

/// Where in an input file something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line and, when known, a column (JSON text, JSON Lines).
    Line {
        /// 1-based line number.
        line: u64,
        /// 1-based column, when known.
        column: Option<u64>,
    },
}

/// A problem with an input: a file that cannot be read, text that is not
/// JSON, or a value the engine refuses, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file, as named on the command line.
    pub file: String,
    /// The line (and column) in the file, when known.
    pub place: Place,
    /// JSON path of the offending value (`cases[2].case.createdon`), or empty.
    pub path: String,
    /// Stable code of the kind of problem (`missing-field`, `invalid-json`, `io`).
    pub code: String,
    /// What is wrong, for a person.
    pub message: String,
}

impl InputError {
    /// A problem with the file as a whole.
    pub fn file(file: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            place: Place::File,
            path: String::new(),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The first of the engine problems found in `file` at `place` (a
    /// replay names one), its path put under `prefix`.
    #[must_use]
    pub fn from_problems(file: &str, place: Place, prefix: &str, problems: &[Problem]) -> Self {
        match problems.first() {
            Some(problem) => Self::from_problem(file, place, prefix, problem),
            None => Self { place, ..Self::file(file, "invalid-value", "the case could not be read") },
        }
    }

    /// An engine problem found in `file` at `place`, its path put under `prefix`.
    #[must_use]
    pub fn from_problem(file: &str, place: Place, prefix: &str, problem: &Problem) -> Self {
        Self {
            file: file.to_owned(),
            place,
            path: followup_engine::problem::join_path(prefix, &problem.path),
            code: problem.code.as_str().to_owned(),
            message: problem.message.clone(),
        }
    }

    /// Text that is not JSON, with the position serde found.
    #[must_use]
    pub fn invalid_json(file: &str, first_line: u64, error: &serde_json::Error) -> Self {
        // serde's line is 1-based within the text it was given.
        let line = first_line + (error.line() as u64).saturating_sub(1);
        let column = (error.column() > 0).then_some(error.column() as u64);
        Self {
            file: file.to_owned(),
            place: Place::Line { line, column },
            path: String::new(),
            code: "invalid-json".to_owned(),
            message: format!("not valid JSON: {}", strip_position(&error.to_string())),
        }
    }

    /// The same problem on line `line` (a JSON Lines record).
    #[must_use]
    pub fn on_line(mut self, line: u64) -> Self {
        if self.place == Place::File {
            self.place = Place::Line { line, column: None };
        }
        self
    }
}

/// serde's messages end with ` at line L column C`; the position is shown
/// before the message instead.
fn strip_position(message: &str) -> &str {
    message.find(" at line ").map_or(message, |index| message.get(..index).unwrap_or(message))
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        match self.place {
            Place::File => {}
            Place::Line { line, column: None } => write!(f, ":{line}")?,
            Place::Line { line, column: Some(column) } => write!(f, ":{line}:{column}")?,
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {} ({})", self.message, self.code)
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_file_line_and_path() {
        let problem =
            Problem::new(followup_engine::ProblemCode::MissingField, "case.createdon", "`createdon` is required");
        let error = InputError::from_problem("cases.jsonl", Place::Line { line: 3, column: None }, "", &problem);
        assert_eq!(error.to_string(), "cases.jsonl:3: case.createdon: `createdon` is required (missing-field)");
        let nested = InputError::from_problem("s.json", Place::File, "cases[2]", &problem);
        assert_eq!(nested.to_string(), "s.json: cases[2].case.createdon: `createdon` is required (missing-field)");
    }

    #[test]
    fn json_errors_carry_their_position() {
        let error = serde_json::from_str::<serde_json::Value>("{\n  \"a\": 1,,\n}").unwrap_err();
        let shown = InputError::invalid_json("x.json", 1, &error).to_string();
        assert!(shown.starts_with("x.json:2:"), "{shown}");
        assert!(shown.ends_with("(invalid-json)"), "{shown}");
        assert!(!shown.contains(" at line "), "{shown}");
    }
}
