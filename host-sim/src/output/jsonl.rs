//! JSON Lines for tools: one object per line for every recorded event,
//! decision, suggestion and action, then the case's outcome; errors and the
//! run's summary have lines of their own. Every line has a `type`.

use followup_engine::replies::ReplyKind;
use serde_json::{Map, Value, json};

use crate::error::{InputError, Place};
use crate::replay::entry::{ActionEntry, ActionKind, CaseReplay, DecisionEntry, Recorded, RecordedKind, What};
use crate::timefmt::rfc3339;

/// Writes the lines of one replayed case into `out`.
pub fn render_case(out: &mut String, file: &str, name: Option<&str>, replay: &CaseReplay) {
    for entry in &replay.entries {
        let mut line = Map::new();
        let at = Value::String(rfc3339(entry.at));
        let kind = match &entry.what {
            What::Recorded(_) => "event",
            What::Decision(_) => "decision",
            What::Suggestion(_) => "suggestion",
            What::Action(_) => "action",
            What::Note(_) => "note",
        };
        match &entry.what {
            What::Recorded(recorded) => {
                line.insert("case".into(), replay.case_id.clone().into());
                line.insert("at".into(), at);
                recorded_fields(&mut line, recorded);
            }
            What::Decision(decision) => {
                line.insert("case".into(), replay.case_id.clone().into());
                line.insert("at".into(), at);
                decision_fields(&mut line, decision);
            }
            What::Suggestion(suggestion) => {
                line.insert("case".into(), replay.case_id.clone().into());
                line.insert("at".into(), at);
                action_kind_fields(&mut line, &suggestion.kind);
                line.insert("acceptAt".into(), suggestion.accept_at.map(rfc3339).into());
            }
            What::Action(action) => {
                line.insert("case".into(), replay.case_id.clone().into());
                if let Value::Object(fields) = action_json(entry.at, action) {
                    line.extend(fields);
                }
            }
            What::Note(text) => {
                line.insert("case".into(), replay.case_id.clone().into());
                line.insert("at".into(), at);
                line.insert("text".into(), text.clone().into());
            }
        }
        push_typed(out, kind, line);
    }
    let mut line = Map::new();
    line.insert("case".into(), replay.case_id.clone().into());
    line.insert("ticket".into(), replay.label.clone().into());
    line.insert("file".into(), file.into());
    if let Some(name) = name {
        line.insert("name".into(), name.into());
    }
    if let Value::Object(fields) = outcome_json(replay) {
        line.extend(fields);
    }
    push_typed(out, "outcome", line);
}

/// The line for a case or file that could not be read.
pub fn render_error(out: &mut String, error: &InputError) {
    let (line, column) = match error.place {
        Place::File => (None, None),
        Place::Line { line, column } => (Some(line), column),
    };
    let fields = json!({
        "file": error.file, "line": line, "column": column,
        "path": error.path, "code": error.code, "message": error.message,
    });
    if let Value::Object(fields) = fields {
        push_typed(out, "error", fields);
    }
}

/// Appends a line whose `type` comes first, then `fields` in name order.
pub fn push_typed(out: &mut String, kind: &str, fields: Map<String, Value>) {
    out.push_str("{\"type\":");
    out.push_str(&Value::String(kind.to_owned()).to_string());
    let rest = Value::Object(fields).to_string();
    if let Some(body) = rest.strip_prefix('{').filter(|body| *body != "}") {
        out.push(',');
        out.push_str(body);
    } else {
        out.push('}');
    }
    out.push('\n');
}

fn recorded_fields(line: &mut Map<String, Value>, recorded: &Recorded) {
    line.insert("actor".into(), recorded.actor.as_str().into());
    match &recorded.kind {
        RecordedKind::EmailOut { follow_up } => {
            line.insert("event".into(), "emailOut".into());
            line.insert("followUp".into(), (*follow_up).into());
        }
        RecordedKind::Incoming { channel, kind } => {
            line.insert("event".into(), "incoming".into());
            line.insert("channel".into(), channel.clone().into());
            line.insert("kind".into(), kind.as_str().into());
            line.insert("afterResolution".into(), recorded.after_resolution.into());
        }
        RecordedKind::StatusChange { value, label } => {
            line.insert("event".into(), "statusChange".into());
            line.insert("statusReason".into(), json!({"value": value, "label": label}));
        }
        RecordedKind::Activity { activity_type } => {
            line.insert("event".into(), "activity".into());
            line.insert("activityType".into(), activity_type.clone().into());
        }
    }
    if let Some(id) = &recorded.activity_id {
        line.insert("activityId".into(), id.clone().into());
    }
    line.insert("text".into(), recorded.text.clone().into());
}

fn decision_fields(line: &mut Map<String, Value>, decision: &DecisionEntry) {
    line.insert("state".into(), to_value(decision.state));
    line.insert("reason".into(), to_value(decision.reason));
    line.insert("rule".into(), decision.rule.clone().into());
    line.insert("followUpsSent".into(), decision.follow_ups_sent.into());
    line.insert("followUpsTotal".into(), decision.follow_ups_total.into());
    line.insert("nextFollowUp".into(), decision.next_follow_up.into());
    line.insert("dueAt".into(), decision.due_at.map(rfc3339).into());
    line.insert("nextCheckAt".into(), decision.next_check_at.map(rfc3339).into());
    line.insert("stepKey".into(), decision.step_key.clone().into());
    if let Some(full) = &decision.full {
        line.insert("decision".into(), to_value(full));
    }
}

fn action_kind_fields(line: &mut Map<String, Value>, kind: &ActionKind) {
    line.insert("action".into(), kind.name().into());
    match kind {
        ActionKind::SendFollowUp { number, of, key } => {
            line.insert("followUpNumber".into(), (*number).into());
            line.insert("followUpsTotal".into(), (*of).into());
            line.insert("idempotencyKey".into(), key.clone().into());
        }
        ActionKind::ResolveCase { key, resolution_type, label } => {
            line.insert("resolutionType".into(), json!({"value": resolution_type, "label": label}));
            line.insert("idempotencyKey".into(), key.clone().into());
        }
        ActionKind::ReopenCase { key, status_reason, label } => {
            line.insert("statusReason".into(), json!({"value": status_reason, "label": label}));
            line.insert("idempotencyKey".into(), key.clone().into());
        }
        ActionKind::ReplyToCustomer { regarding, kind } => {
            line.insert("regarding".into(), regarding.clone().into());
            line.insert("replyKind".into(), kind.map(ReplyKind::as_str).into());
        }
    }
}

/// An action as checks and tools see it:
/// `{at, action, by, suggestedAt?, ...what it did}`.
#[must_use]
pub fn action_json(at: followup_engine::Timestamp, action: &ActionEntry) -> Value {
    let mut line = Map::new();
    line.insert("at".into(), rfc3339(at).into());
    line.insert("by".into(), action.by.as_str().into());
    if let Some(suggested) = action.suggested_at {
        line.insert("suggestedAt".into(), rfc3339(suggested).into());
    }
    action_kind_fields(&mut line, &action.kind);
    Value::Object(line)
}

/// How the case ended, as checks and tools see it.
#[must_use]
pub fn outcome_json(replay: &CaseReplay) -> Value {
    let outcome = &replay.outcome;
    let (resolved_at, resolved_by) = match outcome.resolved {
        Some((at, by)) => (Some(rfc3339(at)), Some(by.as_str())),
        None => (None, None),
    };
    json!({
        "state": to_value(outcome.state),
        "reason": to_value(outcome.reason),
        "rule": outcome.rule,
        "followUpsSent": outcome.follow_ups_sent,
        "repliesSent": outcome.replies_sent,
        "reopened": outcome.reopened,
        "resolved": outcome.resolved.is_some(),
        "resolvedAt": resolved_at,
        "resolvedBy": resolved_by,
        "resolvedTooEarly": outcome.late_reply_at.is_some(),
        "lateReplyAt": outcome.late_reply_at.map(rfc3339),
        "evaluations": outcome.evaluations,
        "truncated": outcome.truncated,
    })
}

fn to_value<T: serde::Serialize>(value: T) -> Value {
    // Our enums and the engine's decision serialize without fail.
    serde_json::to_value(value).unwrap_or(Value::Null)
}
