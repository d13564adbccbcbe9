//! Reading timeline items from JSON: our own shape and Dataverse Web API
//! rows, every problem named by its JSON path.

use serde_json::Value;

use super::{ACTIVITY_TYPES, Activity, ActivityState, Delivery, Direction, Email, StatusChange, TimelineItem};
use crate::fields::{Fields, as_text, json_kind};
use crate::problem::{Problem, ProblemCode, index_path};
use crate::replies::ReplyKind;
use crate::status::StatusCatalog;

pub(super) fn read_item(mut value: Value, path: &str, statuses: &StatusCatalog) -> Result<TimelineItem, Problem> {
    let fields = Fields::new(&value, path, "a timeline item")?;
    let declared = fields.text("type")?.or(fields.text("activitytypecode")?);
    match declared {
        Some("email") => read_email(&mut value, path).map(TimelineItem::Email),
        Some("statusChange") => read_status_change(&fields, statuses).map(TimelineItem::StatusChange),
        Some(kind) if ACTIVITY_TYPES.contains(&kind) || fields.get("type").is_none() => {
            let kind = kind.to_owned();
            read_activity(&mut value, path, &kind).map(TimelineItem::Activity)
        }
        Some(kind) => Err(Problem::new(
            ProblemCode::UnknownTimelineItem,
            fields.path_of("type"),
            format!(
                "`{}` is not a timeline item type: use `email`, `statusChange` or an activity type such as `phonecall`",
                crate::time::clip(kind)
            ),
        )),
        None if fields.get("directioncode").is_some()
            && fields.first_of(&["sender", "torecipients", "senton", "messageid"]).is_some() =>
        {
            read_email(&mut value, path).map(TimelineItem::Email)
        }
        None => Err(Problem::new(
            ProblemCode::UnknownTimelineItem,
            path,
            "cannot tell what this item is: give `type` (`email`, `statusChange`, `phonecall`, ...) or `activitytypecode`",
        )),
    }
}

fn read_direction(fields: &Fields<'_>, required: bool) -> Result<Option<Direction>, Problem> {
    if let Some(text) = fields.text("direction")? {
        return match text {
            "incoming" => Ok(Some(Direction::Incoming)),
            "outgoing" => Ok(Some(Direction::Outgoing)),
            other => Err(Problem::new(
                ProblemCode::InvalidValue,
                fields.path_of("direction"),
                format!("`{}` is not a direction: use `incoming` or `outgoing`", crate::time::clip(other)),
            )),
        };
    }
    if let Some(value) = fields.get("directioncode") {
        return match value {
            Value::Bool(true) => Ok(Some(Direction::Outgoing)),
            Value::Bool(false) => Ok(Some(Direction::Incoming)),
            other => Err(Problem::new(
                ProblemCode::InvalidType,
                fields.path_of("directioncode"),
                format!("`directioncode` must be true (outgoing) or false (incoming), not {}", json_kind(other)),
            )),
        };
    }
    if required {
        Err(Problem::new(
            ProblemCode::MissingField,
            fields.path_of("direction"),
            "an email needs `direction` (`incoming` or `outgoing`) or `directioncode`",
        ))
    } else {
        Ok(None)
    }
}

fn read_addresses(fields: &Fields<'_>, keys: &[&'static str]) -> Result<Vec<String>, Problem> {
    let Some((key, value)) = fields.first_of(keys) else {
        return Ok(Vec::new());
    };
    let split = |text: &str| -> Vec<String> {
        text.split([';', ',']).map(str::trim).filter(|address| !address.is_empty()).map(str::to_owned).collect()
    };
    match value {
        Value::String(text) => Ok(split(text)),
        Value::Array(entries) => {
            let mut addresses = Vec::with_capacity(entries.len());
            for (index, entry) in entries.iter().enumerate() {
                let text = entry.as_str().ok_or_else(|| {
                    Problem::new(
                        ProblemCode::InvalidType,
                        index_path(&fields.path_of(key), index),
                        format!("expected an address as text, found {}", json_kind(entry)),
                    )
                })?;
                addresses.extend(split(text));
            }
            Ok(addresses)
        }
        other => Err(Problem::new(
            ProblemCode::InvalidType,
            fields.path_of(key),
            format!("expected addresses as text or an array of text, found {}", json_kind(other)),
        )),
    }
}

fn read_classification(fields: &Fields<'_>) -> Result<Option<ReplyKind>, Problem> {
    let Some(text) = fields.text("classification")? else {
        return Ok(None);
    };
    ReplyKind::parse(text).map(Some).ok_or_else(|| {
        Problem::new(
            ProblemCode::InvalidValue,
            fields.path_of("classification"),
            format!(
                "`{}` is not a reply kind: use one of {}",
                crate::time::clip(text),
                crate::text::join(
                    &ReplyKind::ALL.iter().map(|kind| format!("`{}`", kind.as_str())).collect::<Vec<_>>(),
                    ", "
                )
            ),
        )
    })
}

fn read_headers(fields: &Fields<'_>) -> Result<Vec<(String, String)>, Problem> {
    let Some(value) = fields.get("headers") else {
        return Ok(Vec::new());
    };
    let path = fields.path_of("headers");
    let Value::Object(map) = value else {
        return Err(Problem::new(
            ProblemCode::InvalidType,
            path,
            format!("headers must be an object of header name to text, not {}", json_kind(value)),
        ));
    };
    map.iter()
        .map(|(name, value)| {
            let text = as_text(value, &crate::problem::field_path(&path, name))?;
            Ok((name.clone(), text.to_owned()))
        })
        .collect()
}

/// Moves the text at `key` out of the record (already checked to be text).
fn take_text(value: &mut Value, key: Option<&str>) -> Option<String> {
    match value.get_mut(key?)?.take() {
        Value::String(text) => Some(text),
        _ => None,
    }
}

fn read_email(value: &mut Value, path: &str) -> Result<Email, Problem> {
    // Everything is checked first; the texts are then moved out of the
    // record rather than copied (bodies can be long).
    let (mut email, keys) = {
        let fields = Fields::new(value, path, "a timeline item")?;
        let direction = read_direction(&fields, true)?.unwrap_or(Direction::Incoming);
        let delivery = read_email_delivery(&fields, direction)?;
        let keys = [
            fields.text_key(&["id", "activityid"])?,
            fields.text_key(&["from", "sender"])?,
            fields.text_key(&["subject"])?,
            fields.text_key(&["body", "description"])?,
            fields.text_key(&["followUpKey"])?,
            fields.text_key(&["messageId", "messageid"])?,
        ];
        let mut email =
            Email::new(direction, fields.required_timestamp_of(&["sentAt", "senton", "actualend", "createdon"])?);
        email.delivery = delivery;
        email.to = read_addresses(&fields, &["to", "torecipients"])?;
        email.cc = read_addresses(&fields, &["cc", "ccrecipients"])?;
        email.headers = read_headers(&fields)?;
        email.classification = read_classification(&fields)?;
        email.duration_minutes = read_duration(&fields)?;
        (email, keys)
    };
    let [id, from, subject, body, follow_up_key, message_id] = keys;
    email.id = take_text(value, id);
    email.from = take_text(value, from);
    email.subject = take_text(value, subject).unwrap_or_default();
    email.body = take_text(value, body).unwrap_or_default();
    email.follow_up_key = take_text(value, follow_up_key);
    email.message_id = take_text(value, message_id);
    Ok(email)
}

fn read_email_delivery(fields: &Fields<'_>, direction: Direction) -> Result<Delivery, Problem> {
    if let Some(text) = fields.text("status")? {
        return match text {
            "sent" | "pendingSend" | "sending" => Ok(Delivery::Sent),
            "received" => Ok(Delivery::Received),
            "draft" => Ok(Delivery::Draft),
            "failed" | "canceled" => Ok(Delivery::Failed),
            other => Err(Problem::new(
                ProblemCode::InvalidValue,
                fields.path_of("status"),
                format!(
                    "`{}` is not an email status: use `sent`, `received`, `draft`, `pendingSend`, `sending`, `failed` or `canceled`",
                    crate::time::clip(other)
                ),
            )),
        };
    }
    // Dataverse email statuscode: 1 Draft, 2 Completed, 3 Sent, 4 Received,
    // 5 Canceled, 6 Pending Send, 7 Sending, 8 Failed.
    match fields.integer("statuscode")? {
        None | Some(2) => Ok(if direction == Direction::Incoming { Delivery::Received } else { Delivery::Sent }),
        Some(3 | 6 | 7) => Ok(Delivery::Sent),
        Some(4) => Ok(Delivery::Received),
        Some(1) => Ok(Delivery::Draft),
        Some(5 | 8) => Ok(Delivery::Failed),
        Some(other) => Err(Problem::new(
            ProblemCode::InvalidValue,
            fields.path_of("statuscode"),
            format!("`{other}` is not an email status reason: expected 1 to 8"),
        )),
    }
}

fn read_activity(value: &mut Value, path: &str, kind: &str) -> Result<Activity, Problem> {
    let (mut activity, keys) = {
        let fields = Fields::new(value, path, "a timeline item")?;
        let activity = read_activity_facts(&fields, kind)?;
        let keys = [
            fields.text_key(&["id", "activityid"])?,
            fields.text_key(&["subject"])?,
            fields.text_key(&["description", "body"])?,
        ];
        (activity, keys)
    };
    let [id, subject, description] = keys;
    activity.id = take_text(value, id);
    activity.subject = take_text(value, subject).unwrap_or_default();
    activity.description = take_text(value, description).unwrap_or_default();
    Ok(activity)
}

fn read_activity_facts(fields: &Fields<'_>, kind: &str) -> Result<Activity, Problem> {
    let activity_type = if kind == "activity" {
        fields.text("activityType")?.unwrap_or("activity").to_owned()
    } else {
        kind.to_owned()
    };
    let state = match fields.text("state")? {
        Some(text) => match text {
            "open" => ActivityState::Open,
            "completed" => ActivityState::Completed,
            "canceled" => ActivityState::Canceled,
            other => {
                return Err(Problem::new(
                    ProblemCode::InvalidValue,
                    fields.path_of("state"),
                    format!(
                        "`{}` is not an activity state: use `open`, `completed` or `canceled`",
                        crate::time::clip(other)
                    ),
                ));
            }
        },
        None => match fields.integer("statecode")? {
            None | Some(0) => ActivityState::Open,
            Some(1) => ActivityState::Completed,
            Some(2) => ActivityState::Canceled,
            Some(other) => {
                return Err(Problem::new(
                    ProblemCode::InvalidValue,
                    fields.path_of("statecode"),
                    format!("`{other}` is not an activity state: expected 0 (Open), 1 (Completed) or 2 (Canceled)"),
                ));
            }
        },
    };
    let mut activity = Activity::new(activity_type, fields.required_timestamp_of(&["at", "actualend", "createdon"])?);
    activity.direction = read_direction(fields, false)?;
    activity.state = state;
    activity.duration_minutes = read_duration(fields)?;
    activity.classification = read_classification(fields)?;
    Ok(activity)
}

fn read_duration(fields: &Fields<'_>) -> Result<Option<i64>, Problem> {
    let Some((key, value)) = fields.first_of(&["durationMinutes", "actualdurationminutes"]) else {
        return Ok(None);
    };
    let minutes = crate::fields::as_integer(value, &fields.path_of(key))?;
    if (0..=1_000_000).contains(&minutes) {
        Ok(Some(minutes))
    } else {
        Err(Problem::new(
            ProblemCode::InvalidValue,
            fields.path_of(key),
            format!("`{minutes}` minutes is not a plausible time spent (0 to 1000000)"),
        ))
    }
}

fn read_status_change(fields: &Fields<'_>, statuses: &StatusCatalog) -> Result<StatusChange, Problem> {
    let key = "statusReason";
    let value = fields.get(key).ok_or_else(|| fields.missing(key))?;
    let status_reason = match value {
        Value::String(label) => statuses.by_label(label).map(|reason| reason.value).ok_or_else(|| {
            Problem::new(
                ProblemCode::UnknownStatusReason,
                fields.path_of(key),
                format!("`{}` is not a known Status Reason label", crate::time::clip(label)),
            )
        })?,
        other => crate::fields::as_integer(other, &fields.path_of(key))?,
    };
    Ok(StatusChange { at: fields.required_timestamp_of(&["at"])?, status_reason })
}
