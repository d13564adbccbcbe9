//! Reading timeline items from JSON: our own shape and Dataverse Web API
//! rows, every problem named by its JSON path.

use serde_json::Value;

use super::{ACTIVITY_TYPES, Activity, ActivityState, Delivery, Direction, Email, StatusChange, TimelineItem};
use crate::address::{EmailAddress, Mailbox, split_list};
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::reader::{Reader, json_kind, not_an_object, not_text, wrong_type};
use crate::replies::ReplyKind;
use crate::status::StatusCatalog;
use crate::text::clip;

/// Reads one timeline item at `path`, reporting every problem it has.
pub(super) fn read_item(
    mut value: Value,
    path: &str,
    statuses: &StatusCatalog,
    problems: &mut Vec<Problem>,
) -> Option<TimelineItem> {
    let before = problems.len();
    let mut fields = Reader::record(&value, path, "a timeline item", problems)?;
    let declared = fields.str("type");
    let code = fields.str("activitytypecode");
    let declared = declared.or(code);
    if fields.problem_count() != before {
        return None;
    }
    match declared {
        Some("email") => read_email(&mut value, path, problems).map(TimelineItem::Email),
        Some("statusChange") => read_status_change(&mut fields, statuses).map(TimelineItem::StatusChange),
        Some(kind) if ACTIVITY_TYPES.contains(&kind) || fields.value("type").is_none() => {
            let kind = kind.to_owned();
            read_activity(&mut value, path, &kind, problems).map(TimelineItem::Activity)
        }
        Some(kind) => {
            let message = format!(
                "`{}` is not a timeline item type: use `email`, `statusChange` or an activity type such as `phonecall`",
                clip(kind)
            );
            fields.report("type", ProblemCode::UnknownTimelineItem, message);
            None
        }
        None if fields.value("directioncode").is_some()
            && fields.first_of(&["sender", "torecipients", "senton", "messageid"]).is_some() =>
        {
            read_email(&mut value, path, problems).map(TimelineItem::Email)
        }
        None => {
            fields.report_here(
                ProblemCode::UnknownTimelineItem,
                "cannot tell what this item is: give `type` (`email`, `statusChange`, `phonecall`, ...) or `activitytypecode`",
            );
            None
        }
    }
}

fn read_direction(fields: &mut Reader<'_, '_>, required: bool) -> Option<Direction> {
    if let Some(value) = fields.value("direction") {
        return match fields.str_of("direction", value)? {
            "incoming" => Some(Direction::Incoming),
            "outgoing" => Some(Direction::Outgoing),
            other => {
                let message = format!("`{}` is not a direction: use `incoming` or `outgoing`", clip(other));
                fields.report("direction", ProblemCode::InvalidValue, message);
                None
            }
        };
    }
    if let Some(value) = fields.value("directioncode") {
        return match value {
            Value::Bool(true) => Some(Direction::Outgoing),
            Value::Bool(false) => Some(Direction::Incoming),
            other => {
                let message =
                    format!("`directioncode` must be true (outgoing) or false (incoming), not {}", json_kind(other));
                fields.report("directioncode", ProblemCode::InvalidType, message);
                None
            }
        };
    }
    if required {
        fields.report(
            "direction",
            ProblemCode::MissingField,
            "an email needs `direction` (`incoming` or `outgoing`) or `directioncode`",
        );
    }
    None
}

fn read_addresses(fields: &mut Reader<'_, '_>, keys: &[&'static str], refused: &mut Vec<String>) -> Vec<EmailAddress> {
    let Some((key, value)) = fields.first_of(keys) else {
        return Vec::new();
    };
    let mut addresses = Vec::new();
    let mut add = |text: &str, path: &str| {
        for entry in split_list(text) {
            match Mailbox::parse(entry) {
                Ok(mailbox) => addresses.push(mailbox.address),
                Err(why) => refused.push(refused_address(entry, path, why)),
            }
        }
    };
    match value {
        Value::String(text) => add(text, key),
        Value::Array(entries) => {
            for (index, entry) in entries.iter().enumerate() {
                if let Some(text) = entry.as_str() {
                    add(text, &index_path(key, index));
                } else {
                    let problem = not_text(&index_path(&fields.path_of(key), index), entry);
                    fields.problems().push(problem);
                }
            }
        }
        other => {
            let message = format!("`{key}` must be text or an array of text, not {}", json_kind(other));
            fields.report(key, ProblemCode::InvalidType, message);
        }
    }
    addresses
}

/// The note for an address left out, naming the email's field (`to[1]`);
/// the email itself is named once its id is read (`name_refused`). Notes
/// never carry the input's JSON path, which differs between a call's
/// `timeline` and an open case's `items`.
fn refused_address(text: &str, field: &str, why: crate::address::AddressError) -> String {
    format!("`{}` in `{field}` is not an email address ({why})", crate::text::visible(text))
}

/// Puts the email's name (its activity id, else its time) before each of
/// its refused-address notes.
fn name_refused(email: &mut Email) {
    let name = email.id.clone().unwrap_or_else(|| crate::time::format_timestamp(email.at));
    for note in &mut email.refused_addresses {
        *note = format!("email {name}: {note}: it was left out");
    }
}

fn read_classification(fields: &mut Reader<'_, '_>) -> Option<ReplyKind> {
    let text = fields.str("classification")?;
    let kind = ReplyKind::parse(text);
    if kind.is_none() {
        let kinds = ReplyKind::ALL.iter().map(|kind| format!("`{}`", kind.as_str())).collect::<Vec<_>>();
        let message = format!("`{}` is not a reply kind: use one of {}", clip(text), kinds.join(", "));
        fields.report("classification", ProblemCode::InvalidValue, message);
    }
    kind
}

fn read_headers(fields: &mut Reader<'_, '_>) -> Vec<(String, String)> {
    let Some(value) = fields.value("headers") else {
        return Vec::new();
    };
    let path = fields.path_of("headers");
    let Some(map) = value.as_object() else {
        fields.problems().push(not_an_object(&path, "`headers`", value));
        return Vec::new();
    };
    let mut headers = Vec::with_capacity(map.len());
    for (name, value) in map {
        match value.as_str() {
            Some(text) => headers.push((name.clone(), text.to_owned())),
            None => fields.problems().push(wrong_type(&field_path(&path, name), name, "text", value)),
        }
    }
    headers
}

/// Moves the text at `key` out of the record (already checked to be text).
fn take_text(value: &mut Value, key: Option<&str>) -> Option<String> {
    match value.get_mut(key?)?.take() {
        Value::String(text) => Some(text),
        _ => None,
    }
}

fn read_email(value: &mut Value, path: &str, problems: &mut Vec<Problem>) -> Option<Email> {
    // Everything is checked first; the texts are then moved out of the
    // record rather than copied (bodies can be long).
    let before = problems.len();
    let (mut email, keys) = {
        let mut fields = Reader::record(value, path, "a timeline item", problems)?;
        let direction = read_direction(&mut fields, true);
        let delivery = read_email_delivery(&mut fields, direction.unwrap_or(Direction::Incoming));
        let keys = [
            fields.text_key(&["id", "activityid"]),
            fields.text_key(&["from", "sender"]),
            fields.text_key(&["subject"]),
            fields.text_key(&["body", "description"]),
            fields.text_key(&["followUpKey"]),
            fields.text_key(&["messageId", "messageid"]),
        ];
        let at = fields.required_timestamp_of(&["sentAt", "senton", "actualend", "createdon"]);
        let mut refused = Vec::new();
        let to = read_addresses(&mut fields, &["to", "torecipients"], &mut refused);
        let cc = read_addresses(&mut fields, &["cc", "ccrecipients"], &mut refused);
        let headers = read_headers(&mut fields);
        let classification = read_classification(&mut fields);
        let duration_minutes = read_duration(&mut fields);
        if fields.problem_count() != before {
            return None;
        }
        let mut email = Email::new(direction?, at?);
        email.delivery = delivery?;
        email.to = to;
        email.cc = cc;
        email.refused_addresses = refused;
        email.headers = headers;
        email.classification = classification;
        email.duration_minutes = duration_minutes;
        (email, keys)
    };
    let [id, from, subject, body, follow_up_key, message_id] = keys;
    email.id = take_text(value, id);
    if let Some(text) = take_text(value, from) {
        match Mailbox::parse(&text) {
            Ok(mailbox) => {
                email.from = Some(mailbox.address);
                email.from_name = mailbox.name;
            }
            // The null sender of a delivery report is no address, and no
            // mistake either: kept as evidence, not noted.
            Err(_) if text.trim() == "<>" => email.refused_from = Some(text),
            Err(why) => {
                email.refused_addresses.push(refused_address(&text, from.unwrap_or("from"), why));
                email.refused_from = Some(text);
            }
        }
    }
    name_refused(&mut email);
    email.subject = take_text(value, subject).unwrap_or_default();
    email.body = take_text(value, body).unwrap_or_default();
    email.follow_up_key = take_text(value, follow_up_key);
    email.message_id = take_text(value, message_id);
    Some(email)
}

fn read_email_delivery(fields: &mut Reader<'_, '_>, direction: Direction) -> Option<Delivery> {
    if let Some(value) = fields.value("status") {
        return match fields.str_of("status", value)? {
            "sent" | "pendingSend" | "sending" => Some(Delivery::Sent),
            "received" => Some(Delivery::Received),
            "draft" => Some(Delivery::Draft),
            "failed" | "canceled" => Some(Delivery::Failed),
            other => {
                let message = format!(
                    "`{}` is not an email status: use `sent`, `received`, `draft`, `pendingSend`, `sending`, `failed` or `canceled`",
                    clip(other)
                );
                fields.report("status", ProblemCode::InvalidValue, message);
                None
            }
        };
    }
    // Dataverse email statuscode: 1 Draft, 2 Completed, 3 Sent, 4 Received,
    // 5 Canceled, 6 Pending Send, 7 Sending, 8 Failed.
    let code = match fields.value("statuscode") {
        Some(value) => Some(fields.integer_of("statuscode", value)?),
        None => None,
    };
    match code {
        None | Some(2) => Some(if direction == Direction::Incoming { Delivery::Received } else { Delivery::Sent }),
        Some(3 | 6 | 7) => Some(Delivery::Sent),
        Some(4) => Some(Delivery::Received),
        Some(1) => Some(Delivery::Draft),
        Some(5 | 8) => Some(Delivery::Failed),
        Some(other) => {
            let message = format!("`{other}` is not an email status reason: expected 1 to 8");
            fields.report("statuscode", ProblemCode::InvalidValue, message);
            None
        }
    }
}

fn read_activity(value: &mut Value, path: &str, kind: &str, problems: &mut Vec<Problem>) -> Option<Activity> {
    let before = problems.len();
    let (mut activity, keys) = {
        let mut fields = Reader::record(value, path, "a timeline item", problems)?;
        let activity = read_activity_facts(&mut fields, kind);
        let keys = [
            fields.text_key(&["id", "activityid"]),
            fields.text_key(&["subject"]),
            fields.text_key(&["description", "body"]),
        ];
        if fields.problem_count() != before {
            return None;
        }
        (activity?, keys)
    };
    let [id, subject, description] = keys;
    activity.id = take_text(value, id);
    activity.subject = take_text(value, subject).unwrap_or_default();
    activity.description = take_text(value, description).unwrap_or_default();
    Some(activity)
}

fn read_activity_facts(fields: &mut Reader<'_, '_>, kind: &str) -> Option<Activity> {
    let activity_type =
        if kind == "activity" { fields.str("activityType").unwrap_or("activity") } else { kind }.to_owned();
    let state = if let Some(value) = fields.value("state") {
        match fields.str_of("state", value) {
            Some("open") => Some(ActivityState::Open),
            Some("completed") => Some(ActivityState::Completed),
            Some("canceled") => Some(ActivityState::Canceled),
            Some(other) => {
                let message =
                    format!("`{}` is not an activity state: use `open`, `completed` or `canceled`", clip(other));
                fields.report("state", ProblemCode::InvalidValue, message);
                None
            }
            None => None,
        }
    } else {
        match fields.value("statecode").map(|value| fields.integer_of("statecode", value)) {
            None | Some(Some(0)) => Some(ActivityState::Open),
            Some(Some(1)) => Some(ActivityState::Completed),
            Some(Some(2)) => Some(ActivityState::Canceled),
            Some(Some(other)) => {
                let message =
                    format!("`{other}` is not an activity state: expected 0 (Open), 1 (Completed) or 2 (Canceled)");
                fields.report("statecode", ProblemCode::InvalidValue, message);
                None
            }
            Some(None) => None,
        }
    };
    let at = fields.required_timestamp_of(&["at", "actualend", "createdon"]);
    let direction = read_direction(fields, false);
    let duration_minutes = read_duration(fields);
    let classification = read_classification(fields);
    let mut activity = Activity::new(activity_type, at?);
    activity.direction = direction;
    activity.state = state?;
    activity.duration_minutes = duration_minutes;
    activity.classification = classification;
    Some(activity)
}

fn read_duration(fields: &mut Reader<'_, '_>) -> Option<i64> {
    let (key, value) = fields.first_of(&["durationMinutes", "actualdurationminutes"])?;
    let minutes = fields.integer_of(key, value)?;
    if (0..=1_000_000).contains(&minutes) {
        Some(minutes)
    } else {
        let message = format!("`{minutes}` minutes is not a plausible time spent (0 to 1000000)");
        fields.report(key, ProblemCode::InvalidValue, message);
        None
    }
}

fn read_status_change(fields: &mut Reader<'_, '_>, statuses: &StatusCatalog) -> Option<StatusChange> {
    let key = "statusReason";
    let status_reason = match fields.value(key) {
        None => {
            fields.missing(key);
            None
        }
        Some(Value::String(label)) => {
            let value = statuses.by_label(label).map(|reason| reason.value);
            if value.is_none() {
                let message = format!("`{}` is not a known Status Reason label", clip(label));
                fields.report(key, ProblemCode::UnknownStatusReason, message);
            }
            value
        }
        Some(value) => fields.integer_of(key, value),
    };
    let at = fields.required_timestamp_of(&["at"]);
    Some(StatusChange { at: at?, status_reason: status_reason? })
}
