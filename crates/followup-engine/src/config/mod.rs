//! The config: the global switch, the ordered rules, custom Status Reasons
//! and the calendar. [`Config::from_json`] checks everything and reports
//! every problem it finds, each at its JSON path.

mod calendar;
mod follow_ups;
mod model;
mod raw;
mod reopen;
pub(crate) mod resolution;
mod settle;

use std::collections::BTreeSet;

use serde_json::Value;

#[cfg(feature = "typescript")]
pub use crate::conditions::ConditionFormat;
pub use crate::conditions::{Condition, OPERATORS, Operator, RawCondition};
pub use crate::template::DEFAULT_TEMPLATE_FIELDS;
use follow_ups::compile_follow_ups;
pub use model::{Automation, Config, FollowUpPlan, Reopen, Rule, Sender};
#[cfg(feature = "typescript")]
pub use raw::Weekday;
pub use raw::{RawCalendar, RawConfig, RawFollowUps, RawRule, RawSender, RawStatusReason, RawWorkingHours};
pub use reopen::DEFAULT_REOPEN_STATUS_REASON;
pub use settle::{Settled, Settling};

use crate::address::{EmailAddress, breaks_line, check_display_name};
use crate::conditions::{self, FieldTable, RuleIndex};
use crate::language::{LanguageSettings, RawLanguageSettings};
use crate::mail::address::{OwnAddresses, check_own_entry, normalize};
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::reader::Reader;
use crate::reader::json_kind;
use crate::status::{CaseState, StatusCatalog, StatusReason};
use crate::template::{RawTemplateSet, TemplateSet, compile_set};
use crate::time::clip;
use resolution::{RawResolutionSettings, compile_rule_resolution, compile_settings};

/// Most follow-ups a rule may ask for.
pub const MAX_FOLLOW_UPS: i64 = 10;
/// Most rules a config may hold.
pub const MAX_RULES: usize = 10_000;
/// Shortest wait accepted between steps.
pub const MIN_WAIT_SECONDS: i64 = 60;
/// The default `followUps.replyTolerance`, in minutes.
pub const DEFAULT_REPLY_TOLERANCE_MINUTES: i64 = 5;
/// Longest rule id accepted.
pub const MAX_RULE_ID_LEN: usize = 64;

impl Config {
    /// Checks a config given as JSON and compiles it. On failure, returns
    /// every problem found, each with its path relative to the config.
    pub fn from_json(value: &Value) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let Some(mut reader) = Reader::object(value, "", "the config", RawConfig::FIELDS, &mut problems) else {
            return Err(problems);
        };
        let enabled = reader.bool("enabled").unwrap_or(true);
        let statuses = reader.array("statusReasons").map(|items| {
            items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| {
                    RawStatusReason::read(item, &index_path("statusReasons", index), reader.problems())
                })
                .collect::<Vec<_>>()
        });
        let calendar = part(&mut reader, "calendar", RawCalendar::read);
        let sender = part(&mut reader, "sender", RawSender::read);
        let own_entries = reader.texts("ownAddresses");
        let templates = part(&mut reader, "templates", RawTemplateSet::read);
        let template_fields = reader.texts("templateFields");
        let resolution = part(&mut reader, "resolution", RawResolutionSettings::read);
        let language = part(&mut reader, "language", RawLanguageSettings::read);
        let rules = reader.array("rules");

        let statuses = compile_statuses(statuses.unwrap_or_default(), &mut problems);
        let calendar = calendar.map(|raw| calendar::compile(&raw, &mut problems)).unwrap_or_default();
        let sender = sender.map(|raw| compile_sender(raw, &mut problems)).unwrap_or_default();
        let own_addresses = compile_own_addresses(own_entries, &sender, &mut problems);
        let template_fields = compile_template_fields(template_fields, &mut problems);
        let templates = templates
            .map(|raw| compile_set(&raw, "templates", "global", &template_fields, &mut problems))
            .unwrap_or_default();
        let resolution = resolution.map(|raw| compile_settings(&raw, &statuses, &mut problems)).unwrap_or_default();
        let language =
            language.map(|raw| LanguageSettings::compile(&raw, "language", &mut problems)).unwrap_or_default();
        let mut fields = FieldTable::default();
        let rules = compile_rules(rules.unwrap_or_default(), &statuses, &template_fields, &mut fields, &mut problems);
        if problems.is_empty() {
            Ok(Self {
                enabled,
                rule_index: RuleIndex::new(rules.iter().map(|rule| rule.conditions.as_ref())),
                rules,
                statuses,
                calendar,
                sender,
                own_addresses,
                templates,
                template_fields,
                resolution,
                language,
                fields,
            })
        } else {
            Err(problems)
        }
    }

    /// The rule with id `id`.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id == id)
    }
}

/// Reads the top-level part `key` with `read`.
fn part<'a, T>(
    reader: &mut Reader<'a, '_>,
    key: &str,
    read: impl FnOnce(&'a Value, &str, &mut Vec<Problem>) -> Option<T>,
) -> Option<T> {
    let value = reader.value(key)?;
    read(value, key, reader.problems())
}

fn compile_statuses(raw: Vec<RawStatusReason>, problems: &mut Vec<Problem>) -> StatusCatalog {
    let mut catalog = StatusCatalog::default();
    for (index, reason) in raw.into_iter().enumerate() {
        let path = index_path("statusReasons", index);
        let state = match reason.state.as_deref().unwrap_or("active") {
            "active" => CaseState::Active,
            "resolved" => CaseState::Resolved,
            "canceled" => CaseState::Canceled,
            other => {
                problems.push(Problem::new(
                    ProblemCode::InvalidValue,
                    field_path(&path, "state"),
                    format!("`{}` is not a case state: use `active`, `resolved` or `canceled`", clip(other)),
                ));
                continue;
            }
        };
        if reason.label.contains(breaks_line) {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                field_path(&path, "label"),
                format!("`{}` is not one line of visible text", crate::text::visible(&reason.label)),
            ));
            continue;
        }
        if reason.label.trim().is_empty() {
            problems.push(Problem::new(ProblemCode::InvalidValue, field_path(&path, "label"), "the label is empty"));
            continue;
        }
        catalog.insert(StatusReason { value: reason.value, label: reason.label.trim().to_owned(), state });
    }
    catalog
}

fn compile_sender(raw: RawSender, problems: &mut Vec<Problem>) -> Sender {
    let name = raw.name.and_then(|name| match check_display_name(&name) {
        Ok(name) => name,
        Err(why) => {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                "sender.name",
                format!("the sender name must be one line of visible text: {why}"),
            ));
            None
        }
    });
    let address = raw.address.filter(|address| !address.trim().is_empty()).and_then(|address| {
        EmailAddress::parse(&address)
            .map_err(|why| {
                problems.push(Problem::new(
                    ProblemCode::InvalidAddress,
                    "sender.address",
                    format!("`{}` is not an email address: {why}", crate::text::visible(&address)),
                ));
            })
            .ok()
    });
    Sender { name, address }
}

/// The case columns email templates may read: each a logical name.
fn compile_template_fields(raw: Option<Vec<String>>, problems: &mut Vec<Problem>) -> Vec<String> {
    let Some(raw) = raw else {
        return DEFAULT_TEMPLATE_FIELDS.map(str::to_owned).to_vec();
    };
    let mut fields = Vec::with_capacity(raw.len());
    for (index, field) in raw.into_iter().enumerate() {
        let valid =
            !field.is_empty() && field.len() <= 128 && field.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
        if valid {
            fields.push(field);
        } else {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                index_path("templateFields", index),
                format!("`{}` is not a column's logical name, such as `title`", crate::text::visible(&field)),
            ));
        }
    }
    fields
}

/// The `ownAddresses` entries checked, or the sender's address.
fn compile_own_addresses(entries: Option<Vec<String>>, sender: &Sender, problems: &mut Vec<Problem>) -> OwnAddresses {
    let Some(entries) = entries else {
        return OwnAddresses::new(sender.address.as_deref().and_then(normalize).into_iter().collect());
    };
    let mut checked = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        match check_own_entry(entry) {
            Ok(entry) => checked.push(entry),
            Err(problem) => problems.push(Problem::new(
                ProblemCode::InvalidValue,
                index_path("ownAddresses", index),
                format!("`{}` {problem}", clip(entry)),
            )),
        }
    }
    OwnAddresses::new(checked)
}

fn compile_rules(
    entries: &[Value],
    statuses: &StatusCatalog,
    template_fields: &[String],
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Vec<Rule> {
    if entries.len() > MAX_RULES {
        problems.push(Problem::new(
            ProblemCode::TooLarge,
            "rules",
            format!("there are {} rules; the limit is {MAX_RULES}", entries.len()),
        ));
        return Vec::new();
    }
    let mut rules = Vec::with_capacity(entries.len());
    let mut seen_ids = BTreeSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let path = index_path("rules", index);
        // Each rule is read on its own, so a mistake in one rule does not
        // hide the mistakes in the others.
        let Some(parts) = RawRule::read(entry, &path, problems) else {
            continue;
        };
        if let Some(id) = &parts.id {
            if !seen_ids.insert(id.clone()) {
                problems.push(Problem::new(
                    ProblemCode::DuplicateRuleId,
                    field_path(&path, "id"),
                    format!("another rule already has the id `{}`", clip(id)),
                ));
            }
        }
        if let Some(rule) = compile_rule(parts, index, &path, statuses, template_fields, fields, problems) {
            rules.push(rule);
        }
    }
    rules
}

fn compile_rule(
    parts: RawRule,
    index: usize,
    path: &str,
    statuses: &StatusCatalog,
    template_fields: &[String],
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Option<Rule> {
    let before = problems.len();
    if let Some(id) = &parts.id {
        check_rule_id(id, &field_path(path, "id"), problems);
    }
    if let Some(name) = parts.name.as_deref().filter(|name| name.contains(breaks_line)) {
        problems.push(Problem::new(
            ProblemCode::InvalidValue,
            field_path(path, "name"),
            format!("`{}` is not one line of visible text", crate::text::visible(name)),
        ));
    }
    let triggers = parts
        .triggers
        .as_ref()
        .map(|triggers| compile_triggers(triggers, &field_path(path, "triggerStatusReasons"), statuses, problems));
    let follow_ups = parts
        .follow_ups
        .as_ref()
        .and_then(|plan| compile_follow_ups(plan, &field_path(path, "followUps"), template_fields, problems));
    let origin = format!("rule:{}", parts.id.as_deref().unwrap_or_default());
    let templates =
        parts.follow_ups.as_ref().and_then(|plan| plan.templates.as_ref()).map_or_else(TemplateSet::default, |set| {
            compile_set(set, &field_path(path, "followUps.templates"), &origin, template_fields, problems)
        });
    let resolution = parts
        .resolution
        .as_ref()
        .map(|resolution| compile_rule_resolution(resolution, &field_path(path, "resolution"), statuses, problems))
        .unwrap_or_default();
    let conditions = parts
        .conditions
        .as_ref()
        .and_then(|condition| conditions::compile(condition, &field_path(path, "conditions"), fields, problems));
    let reopen =
        reopen::compile(parts.reopen_window.as_deref(), parts.reopen_status_reason.as_ref(), path, statuses, problems);
    if problems.len() != before {
        return None;
    }
    let id = parts.id?;
    let name = parts.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or(&id).to_owned();
    Some(Rule {
        id,
        name,
        index,
        active: parts.active.unwrap_or(true),
        time_based: conditions.as_ref().is_some_and(conditions::Condition::depends_on_time),
        conditions,
        automation: parts.automation?,
        triggers: triggers?,
        follow_ups: follow_ups?,
        resolve_on_favorable_reply: parts.resolve_on_favorable_reply.unwrap_or(false),
        reopen,
        templates,
        resolution,
        favorable_needs_resolution_wording: parts.favorable_needs_resolution_wording.unwrap_or(false),
    })
}

fn check_rule_id(id: &str, path: &str, problems: &mut Vec<Problem>) {
    let valid_chars = id.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'));
    if id.is_empty() || id.len() > MAX_RULE_ID_LEN || !valid_chars {
        problems.push(Problem::new(
            ProblemCode::InvalidRuleId,
            path,
            format!("`{}` is not a rule id: use 1 to {MAX_RULE_ID_LEN} characters from `A-Z a-z 0-9 - _ .`", clip(id)),
        ));
    }
}

fn compile_triggers(values: &[Value], path: &str, statuses: &StatusCatalog, problems: &mut Vec<Problem>) -> Vec<i64> {
    if values.is_empty() {
        problems.push(Problem::new(
            ProblemCode::EmptyTrigger,
            path,
            "name at least one Status Reason that starts the follow-up process",
        ));
    }
    let mut triggers = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        let item_path = index_path(path, index);
        let reason = match value {
            Value::String(label) => statuses.by_label(label).ok_or_else(|| {
                format!(
                    "`{}` names no Status Reason: use a built-in label or declare it in `statusReasons`",
                    clip(label)
                )
            }),
            Value::Number(number) => number.as_i64().and_then(|code| statuses.by_value(code)).ok_or_else(|| {
                format!(
                    "`{}` names no Status Reason: declare custom values in `statusReasons`",
                    crate::text::number_text(number)
                )
            }),
            other => Err(format!("a trigger is a Status Reason label or value, not {}", json_kind(other))),
        };
        match reason {
            Ok(reason) if reason.state != CaseState::Active => problems.push(Problem::new(
                ProblemCode::InvalidValue,
                item_path,
                format!(
                    "`{}` belongs to {} cases; follow-ups run only on active cases",
                    reason.label,
                    reason.state.label().to_ascii_lowercase()
                ),
            )),
            Ok(reason) => triggers.push(reason.value),
            Err(message) => problems.push(Problem::new(ProblemCode::UnknownStatusReason, item_path, message)),
        }
    }
    triggers
}

#[cfg(test)]
mod tests;
