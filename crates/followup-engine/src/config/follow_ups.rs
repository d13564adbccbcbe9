//! A rule's `followUps`: how many, the waits between them, the reply
//! tolerance and the case fields the emails list.

use chrono::TimeDelta;
use serde_json::Value;

use super::raw::RawFollowUps;
use super::{DEFAULT_REPLY_TOLERANCE_MINUTES, FollowUpPlan, MAX_FOLLOW_UPS, MIN_WAIT_SECONDS};
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::reader::json_kind;
use crate::time::{IsoDuration, clip};

pub(super) fn compile_follow_ups(
    raw: &RawFollowUps,
    path: &str,
    template_fields: &[String],
    problems: &mut Vec<Problem>,
) -> Option<FollowUpPlan> {
    let before = problems.len();
    let count = raw.count.and_then(|count| {
        let valid = u32::try_from(count).ok().filter(|count| (1..=MAX_FOLLOW_UPS).contains(&i64::from(*count)));
        if valid.is_none() {
            problems.push(Problem::new(
                ProblemCode::FollowUpCount,
                field_path(path, "count"),
                format!("`{count}` follow-ups: a rule sends 1 to {MAX_FOLLOW_UPS}"),
            ));
        }
        valid
    });
    let waits_path = field_path(path, "waitTimes");
    let waits = match raw.wait_times.as_ref().unwrap_or(&Value::Null) {
        Value::Null => None,
        Value::String(text) => {
            let one = parse_wait(text, &waits_path, problems);
            one.map(|wait| vec![wait; count.unwrap_or(1) as usize])
        }
        Value::Array(items) => {
            if let Some(count) = count {
                if items.len() != count as usize {
                    problems.push(Problem::new(
                        ProblemCode::WaitTimeCount,
                        waits_path.clone(),
                        format!(
                            "{} wait times for {count} follow-ups: give one per follow-up, or a single duration for all",
                            items.len()
                        ),
                    ));
                }
            }
            let mut waits = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                let item_path = index_path(&waits_path, index);
                match item {
                    Value::String(text) => waits.extend(parse_wait(text, &item_path, problems)),
                    other => problems.push(Problem::new(
                        ProblemCode::InvalidDuration,
                        item_path,
                        format!("a wait time is an ISO 8601 duration such as `PT48H`, not {}", json_kind(other)),
                    )),
                }
            }
            Some(waits)
        }
        other => {
            problems.push(Problem::new(
                ProblemCode::InvalidDuration,
                waits_path,
                format!(
                    "wait times are ISO 8601 durations (one per follow-up, or one for all), not {}",
                    json_kind(other)
                ),
            ));
            None
        }
    };
    let reply_tolerance = compile_reply_tolerance(raw.reply_tolerance.as_deref(), path, problems);
    let fields = compile_rule_fields(raw.fields.clone().unwrap_or_default(), path, template_fields, problems);
    if problems.len() != before {
        return None;
    }
    Some(FollowUpPlan {
        count: count?,
        waits: waits?,
        representative_email_counts: raw.representative_email_counts.unwrap_or(true),
        reply_tolerance: reply_tolerance?,
        fields,
    })
}

fn parse_wait(text: &str, path: &str, problems: &mut Vec<Problem>) -> Option<IsoDuration> {
    match IsoDuration::parse(text) {
        Ok(wait) if wait.delta.num_seconds() < MIN_WAIT_SECONDS => {
            problems.push(Problem::new(
                ProblemCode::InvalidDuration,
                path,
                format!("`{}` is too short: a wait is at least one minute (`PT1M`)", clip(text)),
            ));
            None
        }
        Ok(wait) => Some(wait),
        Err(message) => {
            problems.push(Problem::new(ProblemCode::InvalidDuration, path, message));
            None
        }
    }
}

/// A rule's `followUps.replyTolerance`: default five minutes, at most a day.
fn compile_reply_tolerance(text: Option<&str>, path: &str, problems: &mut Vec<Problem>) -> Option<TimeDelta> {
    let tolerance_path = field_path(path, "replyTolerance");
    match text {
        None => Some(TimeDelta::minutes(DEFAULT_REPLY_TOLERANCE_MINUTES)),
        Some(text) => match IsoDuration::parse(text) {
            Ok(tolerance) if tolerance.delta <= TimeDelta::days(1) => Some(tolerance.delta),
            Ok(_) => {
                problems.push(Problem::new(
                    ProblemCode::InvalidDuration,
                    tolerance_path,
                    format!("`{}` is too long: a reply tolerance is at most one day (`P1D`)", clip(text)),
                ));
                None
            }
            Err(message) => {
                problems.push(Problem::new(ProblemCode::InvalidDuration, tolerance_path, message));
                None
            }
        },
    }
}

/// A rule's `followUps.fields`: each a case column templates may read.
fn compile_rule_fields(
    fields: Vec<String>,
    path: &str,
    template_fields: &[String],
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    for (index, field) in fields.iter().enumerate() {
        if field.trim().is_empty() {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                index_path(&field_path(path, "fields"), index),
                "the field name is empty",
            ));
        } else if !template_fields.iter().any(|allowed| allowed == field) {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                index_path(&field_path(path, "fields"), index),
                crate::template::field_not_allowed(field),
            ));
        }
    }
    fields
}
