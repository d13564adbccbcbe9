//! A rule's life after resolution: `reopenWindow` and `reopenStatusReason`
//! (docs/behaviour.md 7.1).

use serde_json::Value;

use crate::problem::{Problem, ProblemCode, field_path};
use crate::reader::json_kind;
use crate::status::{CaseState, StatusCatalog};
use crate::time::{IsoDuration, clip};

use super::model::Reopen;

/// The Status Reason a case is reopened into when the rule names none:
/// In Progress.
pub const DEFAULT_REOPEN_STATUS_REASON: i64 = 1;

/// Compiles the rule's reopen options at `path` (the rule's path); `None`
/// without a `reopenWindow`.
pub(super) fn compile(
    window: Option<&str>,
    status_reason: Option<&Value>,
    path: &str,
    statuses: &StatusCatalog,
    problems: &mut Vec<Problem>,
) -> Option<Reopen> {
    let status_reason = status_reason.map_or(Some(DEFAULT_REOPEN_STATUS_REASON), |value| {
        let found = match value {
            Value::String(label) => statuses.by_label(label),
            Value::Number(number) => number.as_i64().and_then(|code| statuses.by_value(code)),
            _ => None,
        };
        let message = match (found, value) {
            (Some(reason), _) if reason.state == CaseState::Active => return Some(reason.value),
            (Some(reason), _) => {
                format!("`{}` is not an active Status Reason: a case is reopened into one", reason.label)
            }
            (None, Value::String(label)) => format!("`{}` names no Status Reason", clip(label)),
            (None, Value::Number(number)) => {
                format!("`{}` names no Status Reason", crate::text::number_text(number))
            }
            (None, other) => format!("a Status Reason label or value, not {}", json_kind(other)),
        };
        problems.push(Problem::new(ProblemCode::InvalidValue, field_path(path, "reopenStatusReason"), message));
        None
    });
    let window = match IsoDuration::parse(window?) {
        Ok(duration) if duration.delta > chrono::TimeDelta::zero() => duration,
        Ok(_) => {
            problems.push(Problem::new(
                ProblemCode::InvalidDuration,
                field_path(path, "reopenWindow"),
                "the window must be longer than zero",
            ));
            return None;
        }
        Err(message) => {
            problems.push(Problem::new(ProblemCode::InvalidDuration, field_path(path, "reopenWindow"), message));
            return None;
        }
    };
    Some(Reopen { window, status_reason: status_reason? })
}
