//! The config as written: serde types that mirror the JSON exactly. Unknown
//! fields are refused, so a typo in a rule cannot pass silently. Values that
//! need more than a type check (durations, statuses, operators) stay as
//! written here and are checked by [`super::compile`], which reports every
//! problem at once.

use serde::Deserialize;
use serde_json::Value;

use crate::conditions::RawCondition;
use crate::drafting::RawTemplateSet;
use crate::resolution::RawRuleResolution;

/// How far the agent goes on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Automation {
    /// The agent sends follow-ups and resolves cases itself.
    Full,
    /// The agent drafts; a representative confirms each step.
    Confirm,
}

/// One rule as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawRule {
    /// Stable id, used in idempotency keys and explanations.
    pub id: String,
    /// Name shown to people; defaults to the id.
    pub name: Option<String>,
    /// Whether the rule is switched on; defaults to true.
    pub active: Option<bool>,
    /// When the rule applies; absent means always.
    pub conditions: Option<RawCondition>,
    /// Full automation or representative confirmation.
    pub automation: Automation,
    /// Status Reasons (labels or integer values) that start the process.
    pub trigger_status_reasons: Vec<Value>,
    /// The follow-up plan.
    pub follow_ups: RawFollowUps,
    /// How this rule's cases are resolved.
    pub resolution: Option<RawRuleResolution>,
}

/// The follow-up plan as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawFollowUps {
    /// Number of follow-ups N before the case is resolved.
    pub count: i64,
    /// One ISO 8601 duration per follow-up, or one for all.
    pub wait_times: Value,
    /// Whether the representative's own unanswered email counts as the first
    /// follow-up (the current product behaviour, default true). False keeps
    /// the older reading: the agent sends all N itself.
    pub representative_email_counts: Option<bool>,
    /// Email templates for this rule (first, next, final, reply).
    pub templates: Option<RawTemplateSet>,
    /// Case fields the drafted emails refer to.
    pub fields: Option<Vec<String>>,
}

/// A custom Status Reason as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawStatusReason {
    /// The integer option value.
    pub value: i64,
    /// The label.
    pub label: String,
    /// `active` (default), `resolved` or `canceled`.
    pub state: Option<String>,
}

/// The calendar as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawCalendar {
    /// UTC offset for dates shown to people and for working hours.
    pub utc_offset: Option<String>,
    /// Name shown after times.
    pub zone_name: Option<String>,
    /// Days on which steps may happen (`mon` ... `sun`).
    pub working_days: Option<Vec<String>>,
    /// Hours in which steps may happen.
    pub working_hours: Option<RawWorkingHours>,
}

/// Working hours as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorkingHours {
    /// Opening time, `HH:MM`.
    pub start: String,
    /// Closing time, `HH:MM` (exclusive).
    pub end: String,
}

/// Who the agent's emails come from, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSender {
    /// Display name (`Contoso Support`).
    pub name: Option<String>,
    /// Mailbox address (`support@contoso.com`).
    pub address: Option<String>,
}
