//! What the case analysis finds that a decision shows as it is: how each
//! rule fared, how the cycle's start was found, who wrote a message.

use serde::Serialize;

/// How a rule fared in rule selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum RuleOutcomeKind {
    /// The rule's conditions hold: it is the rule for this case.
    Matched,
    /// The rule is switched off.
    Inactive,
    /// A condition did not hold.
    ConditionsNotMet,
    /// A condition could not apply to this case's data.
    ConditionError,
    /// An earlier rule matched first.
    NotEvaluated,
}

/// Why a rule did or did not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct RuleOutcome {
    /// The rule's id.
    pub rule_id: String,
    /// What happened.
    pub outcome: RuleOutcomeKind,
    /// The config path of the condition that decided, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub condition_path: Option<String>,
    /// What that condition saw.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub detail: Option<String>,
    /// For the rule in charge, the comparisons that held and what the case
    /// has for each (`` `title` like %Contoso Coffee% held: the case has
    /// `Contoso Coffee grinder` ``); empty for a rule without conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub held: Option<Vec<String>>,
}

/// How the cycle's start was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum CycleStartSource {
    /// The timeline records the Status Reason becoming a trigger.
    StatusChange,
    /// The timeline's last change is not into a trigger though the case is
    /// in one: the case's `modifiedon` is used.
    ModifiedOn,
    /// The timeline has no status change: the case's `createdon` is used.
    CreatedOn,
}

/// Who wrote an incoming message, as the engine sees it
/// (`docs/behaviour.md`, 1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum SenderRole {
    /// The case's customer.
    Customer,
    /// One of the organisation's own addresses (`ownAddresses`): a copy,
    /// never a response.
    OurAddress,
    /// Someone who is neither us nor the customer: noted, never a response.
    ThirdParty,
    /// A delivery failure, read whoever sent it.
    MailSystem,
}
