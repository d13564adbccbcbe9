//! The config as written: plain structs that mirror the JSON, read by
//! [`super::read::Reader`] with every problem at its path. Unknown fields
//! are refused, so a typo in a rule cannot pass silently. Values that need
//! more than a type check (durations, statuses, operators) stay as written
//! here and are checked by the compile step, which reports every problem.
//!
//! With the `typescript` feature the same structs derive serde and ts-rs:
//! the npm package's declarations come from them, and a test checks that
//! the reader's field lists match serde's.

use serde_json::Value;

use super::resolution::RawRuleResolution;
use crate::conditions::RawCondition;
use crate::problem::{Problem, ProblemCode};
use crate::reader::Reader;
use crate::template::RawTemplateSet;

/// How far the agent goes on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "typescript", derive(serde::Deserialize, ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Automation {
    /// The agent sends follow-ups and resolves cases itself.
    Full,
    /// The agent drafts; a representative confirms each step.
    Confirm,
}

impl Automation {
    /// Reads the automation level at `key`.
    fn read(reader: &mut Reader<'_, '_>, key: &str) -> Option<Self> {
        match reader.text(key)?.as_str() {
            "full" => Some(Self::Full),
            "confirm" => Some(Self::Confirm),
            other => {
                let message =
                    format!("`{}` is not an automation level: use `full` or `confirm`", crate::time::clip(other));
                reader.report(key, ProblemCode::InvalidValue, message);
                None
            }
        }
    }
}

/// A rule's fields, as the JSON names them.
pub const RULE_FIELDS: &[&str] = &[
    "id",
    "name",
    "active",
    "conditions",
    "automation",
    "triggerStatusReasons",
    "followUps",
    "resolveOnFavorableReply",
    "resolution",
    "favorableNeedsResolutionWording",
    "reopenWindow",
    "reopenStatusReason",
];

/// A follow-up plan's fields, as the JSON names them.
pub const FOLLOW_UP_FIELDS: &[&str] =
    &["count", "waitTimes", "representativeEmailCounts", "replyTolerance", "templates", "fields"];

/// One rule as written: the format, for the TypeScript declarations. The
/// engine reads rules into [`RuleParts`], which keeps whatever could be read
/// so that every problem of a rule is reported at once.
#[cfg(feature = "typescript")]
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(optional_fields, rename = "Rule")]
pub struct RawRule {
    /// Stable id, used in idempotency keys and explanations.
    pub id: String,
    /// Name shown to people; defaults to the id.
    pub name: Option<String>,
    /// Whether the rule is switched on; defaults to true.
    pub active: Option<bool>,
    /// When the rule applies; absent means always.
    #[ts(as = "Option<crate::conditions::ConditionFormat>")]
    pub conditions: Option<RawCondition>,
    /// Full automation or representative confirmation.
    pub automation: Automation,
    /// Status Reasons (labels or integer values) that start the process.
    #[ts(type = "Array<string | number>")]
    pub trigger_status_reasons: Vec<Value>,
    /// The follow-up plan.
    pub follow_ups: RawFollowUps,
    /// Customer-confirmed resolution: after a favorable reply, offer
    /// "Resolve case" (confirm) or resolve (full automation). Default false.
    pub resolve_on_favorable_reply: Option<bool>,
    /// How this rule's cases are resolved.
    pub resolution: Option<RawRuleResolution>,
    /// Whether a favorable reading needs explicit resolution wording
    /// (`solved`, `fixed`, `please close`): thanks or praise alone is then
    /// `other`, and a person reads it. Default false.
    pub favorable_needs_resolution_wording: Option<bool>,
    /// Life after resolution: how long after the case is resolved a
    /// customer response suggests reopening it, an ISO 8601 duration
    /// (`P7D`). Absent: never.
    pub reopen_window: Option<String>,
    /// The Status Reason (label or value, an active one) a reopened case
    /// gets; default In Progress (1).
    #[ts(optional, type = "string | number")]
    pub reopen_status_reason: Option<Value>,
}

/// The follow-up plan as written: the format, for the TypeScript
/// declarations (the engine reads it into [`FollowUpParts`]).
#[cfg(feature = "typescript")]
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(optional_fields, rename = "FollowUpsConfig")]
pub struct RawFollowUps {
    /// Number of follow-ups N before the case is resolved.
    pub count: i64,
    /// One ISO 8601 duration per follow-up, or one for all.
    #[ts(type = "string | Array<string>")]
    pub wait_times: Value,
    /// Whether the representative's own unanswered email counts as the first
    /// follow-up (the current product behaviour, default true). False keeps
    /// the older reading: the agent sends all N itself.
    pub representative_email_counts: Option<bool>,
    /// How long before an agent follow-up a customer reply may be recorded
    /// and still count as unanswered by it (clock skew), an ISO 8601
    /// duration; default `PT5M`.
    pub reply_tolerance: Option<String>,
    /// Email templates for this rule (first, next, final, reply).
    pub templates: Option<RawTemplateSet>,
    /// Case fields the drafted emails refer to.
    pub fields: Option<Vec<String>>,
}

/// What could be read of a rule: each part that was present and of the
/// right type. Missing or mistyped parts were reported while reading.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleParts {
    pub id: Option<String>,
    pub name: Option<String>,
    pub active: Option<bool>,
    pub conditions: Option<RawCondition>,
    pub automation: Option<Automation>,
    pub triggers: Option<Vec<Value>>,
    pub follow_ups: Option<FollowUpParts>,
    pub resolve_on_favorable_reply: Option<bool>,
    pub resolution: Option<RawRuleResolution>,
    pub favorable_needs_resolution_wording: Option<bool>,
    pub reopen_window: Option<String>,
    pub reopen_status_reason: Option<Value>,
}

impl RuleParts {
    /// Reads a rule at `path`, reporting every problem and keeping every
    /// part that could be read.
    pub fn read(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Self> {
        // Parts are read in the order they are written, so problems come
        // out in that order too.
        let mut reader = Reader::object(value, path, "a rule", RULE_FIELDS, problems)?;
        let id = reader.required("id", Reader::text);
        let name = reader.text("name");
        let active = reader.bool("active");
        let conditions = reader.value("conditions").and_then(|value| {
            let path = reader.path_of("conditions");
            RawCondition::read(value, path, reader.problems(), 0)
        });
        let automation = reader.required("automation", |reader, key| Automation::read(reader, key));
        let triggers = reader.required("triggerStatusReasons", |reader, key| reader.array(key).map(<[Value]>::to_vec));
        let follow_ups = reader.required("followUps", |reader, key| {
            let value = reader.value(key)?;
            let path = reader.path_of(key);
            FollowUpParts::read(value, path, reader.problems())
        });
        let resolve_on_favorable_reply = reader.bool("resolveOnFavorableReply");
        let resolution = reader.value("resolution").and_then(|value| {
            let path = reader.path_of("resolution");
            RawRuleResolution::read(value, path, reader.problems())
        });
        let favorable_needs_resolution_wording = reader.bool("favorableNeedsResolutionWording");
        let reopen_window = reader.text("reopenWindow");
        let reopen_status_reason = reader.value("reopenStatusReason").cloned();
        Some(Self {
            id,
            name,
            active,
            conditions,
            automation,
            triggers,
            follow_ups,
            resolve_on_favorable_reply,
            resolution,
            favorable_needs_resolution_wording,
            reopen_window,
            reopen_status_reason,
        })
    }
}

/// What could be read of a follow-up plan.
#[derive(Debug, Clone, Default)]
pub(crate) struct FollowUpParts {
    pub count: Option<i64>,
    pub wait_times: Option<Value>,
    pub representative_email_counts: Option<bool>,
    pub reply_tolerance: Option<String>,
    pub templates: Option<RawTemplateSet>,
    pub fields: Option<Vec<String>>,
}

impl FollowUpParts {
    /// Reads a follow-up plan at `path`.
    pub fn read(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the follow-up plan", FOLLOW_UP_FIELDS, problems)?;
        let templates = reader.value("templates").and_then(|value| {
            let path = reader.path_of("templates");
            RawTemplateSet::read(value, path, reader.problems())
        });
        Some(Self {
            count: reader.required("count", Reader::integer),
            wait_times: reader.required("waitTimes", |reader, key| reader.value(key).cloned()),
            representative_email_counts: reader.bool("representativeEmailCounts"),
            reply_tolerance: reader.text("replyTolerance"),
            templates,
            fields: reader.texts("fields"),
        })
    }
}

/// A custom Status Reason as written.
#[derive(Debug, Clone)]
#[cfg_attr(
    feature = "typescript",
    derive(serde::Deserialize, ts_rs::TS),
    serde(deny_unknown_fields, rename_all = "camelCase"),
    ts(optional_fields, rename = "StatusReasonConfig")
)]
pub struct RawStatusReason {
    /// The integer option value.
    pub value: i64,
    /// The label.
    pub label: String,
    /// `active` (default), `resolved` or `canceled`.
    #[cfg_attr(feature = "typescript", ts(as = "Option<crate::status::CaseState>"))]
    pub state: Option<String>,
}

impl RawStatusReason {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["value", "label", "state"];

    /// Reads a custom Status Reason at `path`.
    pub fn read(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "a Status Reason", Self::FIELDS, problems)?;
        let value = reader.required("value", Reader::integer);
        let label = reader.required("label", Reader::text);
        let state = reader.text("state");
        Some(Self { value: value?, label: label?, state })
    }
}

/// The calendar as written.
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    feature = "typescript",
    derive(serde::Deserialize, ts_rs::TS),
    serde(deny_unknown_fields, rename_all = "camelCase"),
    ts(optional_fields, rename = "CalendarConfig")
)]
pub struct RawCalendar {
    /// A fixed UTC offset for dates shown to people and for working hours
    /// (`+01:00`).
    pub utc_offset: Option<String>,
    /// An IANA time zone with daylight saving time (`Europe/Paris`), one
    /// of those the build carries.
    pub time_zone: Option<String>,
    /// A zone by its rule, as a POSIX TZ string (`<+0545>-5:45`,
    /// `CET-1CEST,M3.5.0,M10.5.0/3`).
    pub time_zone_rule: Option<String>,
    /// Name shown after times.
    pub zone_name: Option<String>,
    /// Days on which steps may happen (`mon` ... `sun`, or `monday` ...).
    #[cfg_attr(feature = "typescript", ts(as = "Option<Vec<Weekday>>"))]
    pub working_days: Option<Vec<String>>,
    /// Hours in which steps may happen.
    pub working_hours: Option<RawWorkingHours>,
    /// Days on which no step happens: `2026-12-24`, or `12-25` every year.
    pub holidays: Option<Vec<String>>,
    /// The case field giving the customer's time zone (an IANA name, an
    /// offset such as `-05:00`, or minutes east of UTC); working hours are
    /// then the customer's.
    pub customer_time_zone_field: Option<String>,
}

impl RawCalendar {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &[
        "utcOffset",
        "timeZone",
        "timeZoneRule",
        "zoneName",
        "workingDays",
        "workingHours",
        "holidays",
        "customerTimeZoneField",
    ];

    /// Reads the calendar at `path`.
    pub fn read(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the calendar", Self::FIELDS, problems)?;
        let working_hours = reader
            .nested("workingHours", "the working hours", RawWorkingHours::FIELDS, |reader| {
                let start = reader.required("start", Reader::text);
                let end = reader.required("end", Reader::text);
                Some(RawWorkingHours { start: start?, end: end? })
            })
            .flatten();
        Some(Self {
            utc_offset: reader.text("utcOffset"),
            time_zone: reader.text("timeZone"),
            time_zone_rule: reader.text("timeZoneRule"),
            zone_name: reader.text("zoneName"),
            working_days: reader.texts("workingDays"),
            working_hours,
            holidays: reader.texts("holidays"),
            customer_time_zone_field: reader.text("customerTimeZoneField"),
        })
    }
}

/// A weekday as the calendar reads it: the format, for the TypeScript
/// declarations (read by [`crate::calendar::parse_weekday`], which also
/// takes any case).
#[cfg(feature = "typescript")]
#[derive(Debug, Clone, Copy, ts_rs::TS)]
#[ts(rename_all = "lowercase")]
#[expect(missing_docs, reason = "the days name themselves")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// Working hours as written.
#[derive(Debug, Clone)]
#[cfg_attr(
    feature = "typescript",
    derive(serde::Deserialize, ts_rs::TS),
    serde(deny_unknown_fields),
    ts(rename = "WorkingHours")
)]
pub struct RawWorkingHours {
    /// Opening time, `HH:MM`.
    pub start: String,
    /// Closing time, `HH:MM` (exclusive).
    pub end: String,
}

impl RawWorkingHours {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["start", "end"];
}

/// Who the agent's emails come from, as written.
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    feature = "typescript",
    derive(serde::Deserialize, ts_rs::TS),
    serde(deny_unknown_fields),
    ts(optional_fields, rename = "SenderConfig")
)]
pub struct RawSender {
    /// Display name (`Contoso Support`).
    pub name: Option<String>,
    /// Mailbox address (`support@contoso.com`).
    pub address: Option<String>,
}

impl RawSender {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["name", "address"];

    /// Reads the sender at `path`.
    pub fn read(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the sender", Self::FIELDS, problems)?;
        Some(Self { name: reader.text("name"), address: reader.text("address") })
    }
}

/// The whole config as written. The engine reads each part on its own (so
/// one broken part does not hide the problems of another); this type
/// describes the shape for the TypeScript declarations.
#[cfg(feature = "typescript")]
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(optional_fields, rename = "FollowupConfig")]
pub struct RawConfig {
    /// The global switch (default true).
    pub enabled: Option<bool>,
    /// Rules in evaluation order.
    pub rules: Option<Vec<RawRule>>,
    /// The organisation's custom Status Reasons.
    pub status_reasons: Option<Vec<RawStatusReason>>,
    /// Offset, working days and hours.
    pub calendar: Option<RawCalendar>,
    /// Who the emails come from.
    pub sender: Option<RawSender>,
    /// The organisation's own addresses (`support@contoso.com`) and domains
    /// (`@contoso.com`): incoming mail from them is never a customer
    /// response. Default: the sender's address.
    pub own_addresses: Option<Vec<String>>,
    /// Default email templates.
    pub templates: Option<crate::template::RawTemplateSet>,
    /// The case columns (logical names) email templates may read, as
    /// `case.<column>` and in a rule's `followUps.fields`. Default: `title`,
    /// `ticketnumber`, `customerid` and `ownerid`.
    pub template_fields: Option<Vec<String>>,
    /// How cases are resolved.
    pub resolution: Option<super::resolution::RawResolutionSettings>,
    /// Which case column holds the customer's language, and the fallback.
    pub language: Option<crate::language::RawLanguageSettings>,
}
