//! The checked config the engine runs on.

use chrono::TimeDelta;

use super::resolution::{ResolutionSettings, RuleResolution};
use crate::calendar::Calendar;
use crate::conditions::{Condition, FieldTable, RuleIndex};
use crate::mail::address::OwnAddresses;
use crate::status::StatusCatalog;
use crate::template::TemplateSet;
use crate::time::IsoDuration;

pub use super::raw::Automation;

/// A checked, ready-to-run config, made by [`Config::from_json`]. Its
/// parts are read through accessors: the rule index derived from the rules
/// stays in step with them ([`Config::with_rules_settled`] changes rules
/// and index together).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The global switch: when off, nothing happens.
    pub(crate) enabled: bool,
    /// Rules in evaluation order.
    pub(crate) rules: Vec<Rule>,
    /// Known Status Reasons (built-in and custom).
    pub(crate) statuses: StatusCatalog,
    /// Offset, working days and hours.
    pub(crate) calendar: Calendar,
    /// Who the emails come from.
    pub(crate) sender: Sender,
    /// The organisation's own addresses and domains (`ownAddresses`, else
    /// the sender's address).
    pub(crate) own_addresses: OwnAddresses,
    /// Default email templates for every rule.
    pub(crate) templates: TemplateSet,
    /// The case columns email templates may read (`case.<column>` and a
    /// rule's `followUps.fields`); nothing else of the case reaches an email.
    pub(crate) template_fields: Vec<String>,
    /// How cases are resolved.
    pub(crate) resolution: ResolutionSettings,
    /// Which language each customer is written to in.
    pub(crate) language: crate::language::LanguageSettings,
    /// The case fields the rules' conditions read, interned.
    pub(crate) fields: FieldTable,
    /// The rules by the text their first comparison wants.
    pub(crate) rule_index: RuleIndex,
}

impl Config {
    /// The global switch: when off, nothing happens.
    #[must_use]
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The rules, in evaluation order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The known Status Reasons (built-in and custom).
    #[must_use]
    pub fn statuses(&self) -> &StatusCatalog {
        &self.statuses
    }

    /// The calendar: offset or time zone, working days and hours.
    #[must_use]
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Who the emails come from.
    #[must_use]
    pub fn sender(&self) -> &Sender {
        &self.sender
    }

    /// How cases are resolved.
    #[must_use]
    pub fn resolution(&self) -> &ResolutionSettings {
        &self.resolution
    }
}

/// Who the agent's emails come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sender {
    /// Display name.
    pub name: Option<String>,
    /// Mailbox address.
    pub address: Option<crate::address::EmailAddress>,
}

/// A checked rule.
#[derive(Debug, Clone, PartialEq)]
#[expect(clippy::struct_excessive_bools, reason = "independent switches, each a config field of its own")]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Position in the config (`rules[index]`).
    pub index: usize,
    /// Whether the rule is switched on.
    pub active: bool,
    /// When the rule applies; `None` means always.
    pub conditions: Option<Condition>,
    /// Whether the conditions depend on `now` (case age, relative dates).
    pub time_based: bool,
    /// Full automation or representative confirmation.
    pub automation: Automation,
    /// Status Reason values that run the process.
    pub triggers: Vec<i64>,
    /// The follow-up plan.
    pub follow_ups: FollowUpPlan,
    /// Whether a favorable reply makes the case due for resolution
    /// (customer-confirmed resolution) instead of only stopping the chase.
    pub resolve_on_favorable_reply: bool,
    /// Life after resolution: a customer response within the window after
    /// the case was resolved suggests reopening it (`reopenWindow`).
    pub reopen: Option<Reopen>,
    /// This rule's email templates.
    pub templates: TemplateSet,
    /// How this rule's cases are resolved.
    pub resolution: RuleResolution,
    /// Whether a favorable reading needs explicit resolution wording:
    /// thanks or praise alone counts as `other` under this rule.
    pub favorable_needs_resolution_wording: bool,
}

/// How many follow-ups and how long to wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpPlan {
    /// Follow-ups N before resolution (1 to [`super::MAX_FOLLOW_UPS`]).
    pub count: u32,
    /// Wait after each follow-up: `waits[k-1]` follows follow-up k; the last
    /// one is the silence after the final follow-up before resolution.
    pub waits: Vec<IsoDuration>,
    /// Whether the representative's unanswered email is follow-up 1.
    pub representative_email_counts: bool,
    /// How long before an agent follow-up a customer reply may be recorded
    /// and still be read as arriving after it.
    pub reply_tolerance: TimeDelta,
    /// Case fields the drafted emails refer to.
    pub fields: Vec<String>,
}

impl FollowUpPlan {
    /// The wait after follow-up `k` (1-based); for `k` 0 (nothing sent yet)
    /// the first wait, counted from the cycle start.
    #[must_use]
    pub fn wait_after(&self, k: u32) -> TimeDelta {
        let index = k.max(1).min(self.count).saturating_sub(1) as usize;
        self.waits.get(index).or(self.waits.last()).map_or_else(TimeDelta::zero, |wait| wait.delta)
    }
}

impl Rule {
    /// The config path of this rule (`rules[2]`).
    #[must_use]
    pub fn path(&self) -> String {
        format!("rules[{}]", self.index)
    }
}

/// A rule's life after resolution (docs/behaviour.md 7.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopen {
    /// How long after the resolution a customer response reopens the case.
    pub window: IsoDuration,
    /// The Status Reason (an active one) the case is reopened into.
    pub status_reason: i64,
}
