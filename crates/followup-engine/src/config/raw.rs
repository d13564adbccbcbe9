//! The config as written: plain structs that mirror the JSON, read by
//! [`Reader`] with every problem at its path. Unknown fields
//! are refused, so a typo in a rule cannot pass silently. Values that need
//! more than a type check (durations, statuses, operators) stay as written
//! here and are checked by the compile step, which reports every problem.
//!
//! Each is declared once with `reader::schema!`: its
//! fields, their JSON names (which the reader checks for unknown fields)
//! and, with the `typescript` feature, the npm package's declarations.

use serde_json::Value;

use super::resolution::RawRuleResolution;
use crate::conditions::RawCondition;
use crate::problem::{Problem, ProblemCode};
use crate::reader::{Reader, schema};
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

schema! {
    /// One rule as written. What could be read of each part is kept (a
    /// part absent or of the wrong type is `None`, and was reported), so
    /// that every problem of a rule is reported at once; for the TypeScript
    /// declarations the required parts are declared as required.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "Rule"))]
    pub struct RawRule {
        /// Stable id, used in idempotency keys and explanations.
        #[cfg_attr(feature = "typescript", ts(as = "String"))]
        "id" id: Option<String>,
        /// Name shown to people; defaults to the id.
        "name" name: Option<String>,
        /// Whether the rule is switched on; defaults to true.
        "active" active: Option<bool>,
        /// When the rule applies; absent means always.
        #[cfg_attr(feature = "typescript", ts(as = "Option<crate::conditions::ConditionFormat>"))]
        "conditions" conditions: Option<RawCondition>,
        /// Full automation or representative confirmation.
        #[cfg_attr(feature = "typescript", ts(as = "Automation"))]
        "automation" automation: Option<Automation>,
        /// Status Reasons (labels or integer values) that start the process.
        #[cfg_attr(feature = "typescript", ts(type = "Array<string | number>"))]
        "triggerStatusReasons" triggers: Option<Vec<Value>>,
        /// The follow-up plan.
        #[cfg_attr(feature = "typescript", ts(as = "RawFollowUps"))]
        "followUps" follow_ups: Option<RawFollowUps>,
        /// Customer-confirmed resolution: after a favorable reply, offer
        /// "Resolve case" (confirm) or resolve (full automation). Default false.
        "resolveOnFavorableReply" resolve_on_favorable_reply: Option<bool>,
        /// How this rule's cases are resolved.
        "resolution" resolution: Option<RawRuleResolution>,
        /// Whether a favorable reading needs explicit resolution wording
        /// (`solved`, `fixed`, `please close`): thanks or praise alone is then
        /// `other`, and a person reads it. Default false.
        "favorableNeedsResolutionWording" favorable_needs_resolution_wording: Option<bool>,
        /// Life after resolution: how long after the case is resolved a
        /// customer response suggests reopening it, an ISO 8601 duration
        /// (`P7D`). Absent: never.
        "reopenWindow" reopen_window: Option<String>,
        /// The Status Reason (label or value, an active one) a reopened case
        /// gets; default In Progress (1).
        #[cfg_attr(feature = "typescript", ts(optional, type = "string | number"))]
        "reopenStatusReason" reopen_status_reason: Option<Value>,
    }
}

schema! {
    /// The follow-up plan as written; like [`RawRule`], what could be read.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "FollowUpsConfig"))]
    pub struct RawFollowUps {
        /// Number of follow-ups N before the case is resolved.
        #[cfg_attr(feature = "typescript", ts(as = "i64"))]
        "count" count: Option<i64>,
        /// One ISO 8601 duration per follow-up, or one for all.
        #[cfg_attr(feature = "typescript", ts(type = "string | Array<string>"))]
        "waitTimes" wait_times: Option<Value>,
        /// Whether the representative's own unanswered email counts as the first
        /// follow-up (the current product behaviour, default true). False keeps
        /// the older reading: the agent sends all N itself.
        "representativeEmailCounts" representative_email_counts: Option<bool>,
        /// How long before an agent follow-up a customer reply may be recorded
        /// and still count as unanswered by it (clock skew), an ISO 8601
        /// duration; default `PT5M`.
        "replyTolerance" reply_tolerance: Option<String>,
        /// Email templates for this rule (first, next, final, reply).
        "templates" templates: Option<RawTemplateSet>,
        /// Case fields the drafted emails refer to.
        "fields" fields: Option<Vec<String>>,
    }
}

impl RawRule {
    /// Reads a rule at `path`, reporting every problem and keeping every
    /// part that could be read.
    pub(crate) fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        // Parts are read in the order they are written, so problems come
        // out in that order too.
        let mut reader = Reader::object(value, path, "a rule", Self::FIELDS, problems)?;
        let id = reader.required("id", Reader::text);
        let name = reader.text("name");
        let active = reader.bool("active");
        let conditions = reader.value("conditions").and_then(|value| {
            let path = reader.path_of("conditions");
            RawCondition::read(value, &path, reader.problems(), 0)
        });
        let automation = reader.required("automation", |reader, key| Automation::read(reader, key));
        let triggers = reader.required("triggerStatusReasons", |reader, key| reader.array(key).map(<[Value]>::to_vec));
        let follow_ups = reader.required("followUps", |reader, key| {
            let value = reader.value(key)?;
            let path = reader.path_of(key);
            RawFollowUps::read(value, &path, reader.problems())
        });
        let resolve_on_favorable_reply = reader.bool("resolveOnFavorableReply");
        let resolution = reader.value("resolution").and_then(|value| {
            let path = reader.path_of("resolution");
            RawRuleResolution::read(value, &path, reader.problems())
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

impl RawFollowUps {
    /// Reads a follow-up plan at `path`.
    pub(crate) fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the follow-up plan", Self::FIELDS, problems)?;
        let templates = reader.value("templates").and_then(|value| {
            let path = reader.path_of("templates");
            RawTemplateSet::read(value, &path, reader.problems())
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

schema! {
    /// A custom Status Reason as written.
    #[derive(Debug, Clone)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "StatusReasonConfig"))]
    pub struct RawStatusReason {
        /// The integer option value.
        "value" value: i64,
        /// The label.
        "label" label: String,
        /// `active` (default), `resolved` or `canceled`.
        #[cfg_attr(feature = "typescript", ts(as = "Option<crate::status::CaseState>"))]
        "state" state: Option<String>,
    }
}

impl RawStatusReason {
    /// Reads a custom Status Reason at `path`.
    pub fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "a Status Reason", Self::FIELDS, problems)?;
        let value = reader.required("value", Reader::integer);
        let label = reader.required("label", Reader::text);
        let state = reader.text("state");
        Some(Self { value: value?, label: label?, state })
    }
}

schema! {
    /// The calendar as written.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "CalendarConfig"))]
    pub struct RawCalendar {
        /// A fixed UTC offset for dates shown to people and for working hours
        /// (`+01:00`).
        "utcOffset" utc_offset: Option<String>,
        /// An IANA time zone with daylight saving time (`Europe/Paris`), one
        /// of those the build carries.
        "timeZone" time_zone: Option<String>,
        /// A zone by its rule, as a POSIX TZ string (`<+0545>-5:45`,
        /// `CET-1CEST,M3.5.0,M10.5.0/3`).
        "timeZoneRule" time_zone_rule: Option<String>,
        /// Name shown after times.
        "zoneName" zone_name: Option<String>,
        /// Days on which steps may happen (`mon` ... `sun`, or `monday` ...).
        #[cfg_attr(feature = "typescript", ts(as = "Option<Vec<Weekday>>"))]
        "workingDays" working_days: Option<Vec<String>>,
        /// Hours in which steps may happen.
        "workingHours" working_hours: Option<RawWorkingHours>,
        /// Days on which no step happens: `2026-12-24`, or `12-25` every year.
        "holidays" holidays: Option<Vec<String>>,
        /// The case field giving the customer's time zone (an IANA name, an
        /// offset such as `-05:00`, or minutes east of UTC); working hours are
        /// then the customer's.
        "customerTimeZoneField" customer_time_zone_field: Option<String>,
    }
}

impl RawCalendar {
    /// Reads the calendar at `path`.
    pub fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
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

schema! {
    /// Working hours as written.
    #[derive(Debug, Clone)]
    #[cfg_attr(feature = "typescript", ts(rename = "WorkingHours"))]
    pub struct RawWorkingHours {
        /// Opening time, `HH:MM`.
        "start" start: String,
        /// Closing time, `HH:MM` (exclusive).
        "end" end: String,
    }
}

schema! {
    /// Who the agent's emails come from, as written.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "SenderConfig"))]
    pub struct RawSender {
        /// Display name (`Contoso Support`).
        "name" name: Option<String>,
        /// Mailbox address (`support@contoso.com`).
        "address" address: Option<String>,
    }
}

impl RawSender {
    /// Reads the sender at `path`.
    pub fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the sender", Self::FIELDS, problems)?;
        Some(Self { name: reader.text("name"), address: reader.text("address") })
    }
}

schema! {
    /// The whole config as written. The engine reads each part on its own
    /// (so one broken part does not hide the problems of another, and each
    /// rule is read and checked in turn); this type declares the parts.
    #[derive(Debug, Clone)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "FollowupConfig"))]
    pub struct RawConfig {
        /// The global switch (default true).
        "enabled" enabled: Option<bool>,
        /// Rules in evaluation order.
        "rules" rules: Option<Vec<RawRule>>,
        /// The organisation's custom Status Reasons.
        "statusReasons" status_reasons: Option<Vec<RawStatusReason>>,
        /// Offset, working days and hours.
        "calendar" calendar: Option<RawCalendar>,
        /// Who the emails come from.
        "sender" sender: Option<RawSender>,
        /// The organisation's own addresses (`support@contoso.com`) and domains
        /// (`@contoso.com`): incoming mail from them is never a customer
        /// response. Default: the sender's address.
        "ownAddresses" own_addresses: Option<Vec<String>>,
        /// Default email templates.
        "templates" templates: Option<crate::template::RawTemplateSet>,
        /// The case columns (logical names) email templates may read, as
        /// `case.<column>` and in a rule's `followUps.fields`. Default: `title`,
        /// `ticketnumber`, `customerid` and `ownerid`.
        "templateFields" template_fields: Option<Vec<String>>,
        /// How cases are resolved.
        "resolution" resolution: Option<super::resolution::RawResolutionSettings>,
        /// Which case column holds the customer's language, and the fallback.
        "language" language: Option<crate::language::RawLanguageSettings>,
    }
}
