//! Errors as data: every problem with an input names where it is (a JSON
//! path), what kind of problem it is (a stable code) and what is wrong (a
//! plain message, lowercase, no final period, user input in backticks).

use std::fmt;

use serde::Serialize;

/// A stable, machine-readable name for a kind of problem.
///
/// Serialized in kebab-case (`invalid-duration`); hosts may match on it, so a
/// code is never renamed once published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename_all = "kebab-case"))]
pub enum ProblemCode {
    /// The text is not JSON at all.
    InvalidJson,
    /// A value has the wrong JSON type (a string where a number belongs).
    InvalidType,
    /// A value has the right type but is not one of the accepted values.
    InvalidValue,
    /// An object carries a field that is not part of the format.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A date-time is not RFC 3339 or is out of the supported range.
    InvalidDateTime,
    /// A duration is not ISO 8601 or is out of the supported range.
    InvalidDuration,
    /// The number of follow-ups is zero or above the maximum.
    FollowUpCount,
    /// There are more or fewer wait times than follow-ups.
    WaitTimeCount,
    /// A condition names an operator that does not exist.
    UnknownOperator,
    /// A condition node is neither `all`, `any`, `not` nor a leaf.
    ConditionShape,
    /// A condition's value does not fit its operator.
    ConditionValue,
    /// A condition cannot apply to the value the field holds.
    ConditionNotApplicable,
    /// A status reason named by label or value is not known.
    UnknownStatusReason,
    /// A rule has no trigger status reason.
    EmptyTrigger,
    /// Two rules share an id.
    DuplicateRuleId,
    /// A rule id is empty or has characters outside `A-Z a-z 0-9 - _ .`.
    InvalidRuleId,
    /// A timeline item's kind cannot be told.
    UnknownTimelineItem,
    /// A template names a placeholder that does not exist.
    UnknownPlaceholder,
    /// A template's syntax is broken (an unclosed `{{`, say).
    TemplateSyntax,
    /// An HTML template could run code or puts a value inside a tag.
    UnsafeTemplate,
    /// An input or output is over a size limit.
    TooLarge,
    /// A text that must be an email address is not one.
    InvalidAddress,
    /// An email cannot be drafted: no valid address of the customer's is known.
    NoRecipient,
    /// The request cannot be served (an email asked for a step that does
    /// not exist, a reply to a message that is not on the timeline).
    InvalidRequest,
    /// The wasm module was called before it was loaded (`await init()`
    /// first); thrown by the package's JS, never by the engine.
    NotInitialized,
}

impl ProblemCode {
    /// The code as it appears in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidJson => "invalid-json",
            Self::InvalidType => "invalid-type",
            Self::InvalidValue => "invalid-value",
            Self::UnknownField => "unknown-field",
            Self::MissingField => "missing-field",
            Self::InvalidDateTime => "invalid-date-time",
            Self::InvalidDuration => "invalid-duration",
            Self::FollowUpCount => "follow-up-count",
            Self::WaitTimeCount => "wait-time-count",
            Self::UnknownOperator => "unknown-operator",
            Self::ConditionShape => "condition-shape",
            Self::ConditionValue => "condition-value",
            Self::ConditionNotApplicable => "condition-not-applicable",
            Self::UnknownStatusReason => "unknown-status-reason",
            Self::EmptyTrigger => "empty-trigger",
            Self::DuplicateRuleId => "duplicate-rule-id",
            Self::InvalidRuleId => "invalid-rule-id",
            Self::UnknownTimelineItem => "unknown-timeline-item",
            Self::UnknownPlaceholder => "unknown-placeholder",
            Self::TemplateSyntax => "template-syntax",
            Self::UnsafeTemplate => "unsafe-template",
            Self::TooLarge => "too-large",
            Self::InvalidAddress => "invalid-address",
            Self::NoRecipient => "no-recipient",
            Self::InvalidRequest => "invalid-request",
            Self::NotInitialized => "not-initialized",
        }
    }
}

// Written as its `as_str` rather than derived: the derived serializer is a
// second copy of every name and 1 KB of wasm.
impl Serialize for ProblemCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with an input: where, what kind, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Problem {
    /// Stable code for the kind of problem.
    pub code: ProblemCode,
    /// JSON path of the offending value, such as `rules[0].followUps.waitTimes[1]`;
    /// empty for the input as a whole.
    pub path: String,
    /// What is wrong, for a person.
    pub message: String,
}

impl Problem {
    /// A problem of kind `code` at `path`.
    pub fn new(code: ProblemCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code, path: path.into(), message: message.into() }
    }

    /// The same problem, with `prefix` put in front of its path (used when an
    /// input is nested in a larger request).
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{}: {}: {}", self.path, self.code, self.message)
        }
    }
}

impl std::error::Error for Problem {}

/// Joins a parent path and a child path (`rules[0]` + `name`, or + `[1]`).
#[must_use]
pub fn join_path(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_owned()
    } else if child.is_empty() {
        parent.to_owned()
    } else if child.starts_with('[') {
        format!("{parent}{child}")
    } else {
        format!("{parent}.{child}")
    }
}

/// The path of field `key` inside the object at `parent`.
#[must_use]
pub fn field_path(parent: &str, key: &str) -> String {
    join_path(parent, key)
}

/// The path of element `index` inside the array at `parent`.
#[must_use]
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_fields_and_indexes() {
        assert_eq!(join_path("", "rules"), "rules");
        assert_eq!(join_path("rules", "[0]"), "rules[0]");
        assert_eq!(join_path("rules[0]", "followUps"), "rules[0].followUps");
        assert_eq!(index_path("rules[0].followUps.waitTimes", 1), "rules[0].followUps.waitTimes[1]");
        assert_eq!(join_path("config", ""), "config");
    }

    #[test]
    fn problems_print_path_code_and_message() {
        let problem = Problem::new(ProblemCode::InvalidDuration, "rules[0]", "`x` is not a duration");
        assert_eq!(problem.to_string(), "rules[0]: invalid-duration: `x` is not a duration");
        assert_eq!(problem.under("config").path, "config.rules[0]");
    }

    #[test]
    fn codes_serialize_as_their_published_names() {
        for code in [ProblemCode::InvalidJson, ProblemCode::WaitTimeCount, ProblemCode::UnknownStatusReason] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
