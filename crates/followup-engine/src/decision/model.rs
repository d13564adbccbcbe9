//! What a decision says, as the host receives it (camelCase JSON).

use serde::Serialize;

use crate::config::Automation;
use crate::problem::Problem;
use crate::replies::{CueSource, ReplyKind};

/// Where the follow-up process stands for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ProcessState {
    /// No rule runs for this case now (switch off, case closed, no rule
    /// matched, or the Status Reason is not a trigger).
    NotEligible,
    /// Waiting for the customer; the next step is due at `dueAt`.
    Waiting,
    /// A follow-up email is due.
    FollowUpDue,
    /// The customer answered and a person must reply.
    ReplyNeeded,
    /// Every follow-up went unanswered: the case is due for resolution.
    ResolutionDue,
    /// The process ended: the customer answered favorably or the Status
    /// Reason left the trigger.
    Stopped,
    /// Nothing happens until a person acts: an email bounced, the customer
    /// has no address, or the cycle's start is not known.
    Paused,
    /// The case is resolved and the customer wrote within the rule's
    /// reopen window: reopen it.
    ReopenSuggested,
}

/// Why the process stands where it does: a stable code for hosts and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Reason {
    /// The global switch is off.
    AutomationOff,
    /// The case is resolved or canceled.
    CaseNotActive,
    /// No active rule's conditions hold.
    NoRuleMatched,
    /// The matching rule's triggers do not include the case's Status Reason.
    StatusNotTrigger,
    /// The Status Reason left the trigger: the process stopped.
    StatusChanged,
    /// Waiting for the customer to respond.
    AwaitingResponse,
    /// A follow-up is due.
    FollowUpDue,
    /// Every follow-up went unanswered.
    FollowUpsUnanswered,
    /// The customer responded favorably.
    FavorableResponse,
    /// The customer responded in a way a person must answer.
    ResponseNeedsReply,
    /// An email to the customer bounced.
    DeliveryFailed,
    /// The calendar has no working time left in the supported range.
    NoWorkingTime,
    /// The case is in a trigger status the timeline does not show it
    /// enter, and nothing says when it did.
    CycleStartUnknown,
    /// There is no address to write to the customer at.
    NoCustomerAddress,
    /// The customer responded within the reopen window after the case was
    /// resolved.
    ResponseAfterResolution,
}

/// The rule a decision is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct RuleRef {
    /// The rule's id.
    pub id: String,
    /// The rule's name.
    pub name: String,
    /// Full automation or representative confirmation.
    pub automation: Automation,
}

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

/// The current follow-up cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Cycle {
    /// When the Status Reason became a trigger (as far as the input says).
    pub started_at: String,
    /// How that instant was found.
    pub start_source: CycleStartSource,
    /// When the current run of follow-ups began: the cycle start, or the
    /// customer's last response if later.
    pub sequence_started_at: String,
}

/// Follow-ups sent and to come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct FollowUpProgress {
    /// Follow-ups sent in this sequence (k).
    pub sent: u32,
    /// Follow-ups still to send before resolution.
    pub remaining: u32,
    /// Follow-ups in the plan (N).
    pub total: u32,
    /// When the last one was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub last_sent_at: Option<String>,
    /// Activity ids of the emails counted as follow-ups, oldest first.
    pub email_ids: Vec<String>,
}

/// A customer message and what it was read to mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CustomerMessage {
    /// When it arrived.
    pub at: String,
    /// Its activity id, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub activity_id: Option<String>,
    /// What it means.
    pub kind: ReplyKind,
    /// Where the deciding cue was found.
    pub source: CueSource,
    /// The cue.
    pub cue: String,
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

/// How one incoming message of the cycle was read: a response, an
/// automatic reply or a bounce, with the cue that decided, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct MessageReading {
    /// When it arrived.
    pub at: String,
    /// Its activity id, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub activity_id: Option<String>,
    /// Who wrote it.
    pub sender: SenderRole,
    /// What it means.
    pub kind: ReplyKind,
    /// Where the deciding cue was found.
    pub source: CueSource,
    /// The cue, whole (`Auto-Submitted: auto-replied`, `is back again`).
    pub cue: String,
    /// The language its words were read in (`en`, `de`, `fr`, `es`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub language: Option<String>,
    /// For an automatic reply, the day it says its sender is back.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub return_date: Option<crate::replies::ReturnDate>,
}

/// Something for the host to do now (full automation).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Action {
    /// Send follow-up email number `followUpNumber`.
    #[serde(rename_all = "camelCase")]
    SendFollowUp {
        /// Which follow-up (1-based, of N).
        follow_up_number: u32,
        /// Stable key: the host must not send twice for the same key.
        idempotency_key: String,
        /// When it became due.
        due_at: String,
        /// The email to send.
        email: crate::drafting::EmailDraft,
    },
    /// Resolve the case.
    #[serde(rename_all = "camelCase")]
    ResolveCase {
        /// Stable key: the host must not resolve twice for the same key.
        idempotency_key: String,
        /// When it became due.
        due_at: String,
        /// The filled Case Resolution, ready for `CloseIncident`.
        resolution: crate::resolution::ResolutionDraft,
    },
    /// Reopen the resolved case: set `statecode` 0 (Active) and
    /// `statuscode` to `statusReason`.
    #[serde(rename_all = "camelCase")]
    ReopenCase {
        /// Stable key: the host must not reopen twice for the same key.
        idempotency_key: String,
        /// The Status Reason value to set (an active one).
        status_reason: i64,
        /// Its label.
        status_label: String,
        /// When the customer's response was recorded.
        response_at: String,
    },
}

/// What a card item proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum CardItemKind {
    /// The representative's own email went unanswered: send a follow-up.
    SendFollowUp,
    /// An earlier follow-up went unanswered: send the next one.
    SendNextFollowUp,
    /// The customer answered in a way a person must reply to.
    ReplyToCustomer,
    /// Every follow-up went unanswered: resolve the case.
    ResolveCase,
}

/// One suggestion on the card, with its draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CardItem {
    /// What it proposes.
    pub kind: CardItemKind,
    /// The item's title (`Send next follow-up`).
    pub label: String,
    /// One sentence on why.
    pub description: String,
    /// The button's text (`Review and send email`).
    pub button: String,
    /// Stable key for the step.
    pub idempotency_key: String,
    /// Which follow-up, for follow-up items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub follow_up_number: Option<u32>,
    /// The drafted email, for email items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub email: Option<crate::drafting::EmailDraft>,
    /// The filled resolution, for the resolve item.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub resolution: Option<crate::resolution::ResolutionDraft>,
}

/// The Suggested actions card for the representative.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Card {
    /// The card's title.
    pub title: String,
    /// When the customer last responded and what happens next.
    pub summary: String,
    /// The suggestions.
    pub items: Vec<CardItem>,
    /// Something the representative must know (a bounced email).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub notice: Option<String>,
}

/// Why the decision came out as it did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Explanation {
    /// Each rule's outcome, in config order; empty when the engine was made
    /// with `explainRules: false`.
    pub rules: Vec<RuleOutcome>,
    /// Other facts that shaped the decision.
    pub notes: Vec<String>,
}

/// The engine's answer for one case at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Decision {
    /// The case's `incidentid`.
    pub case_id: String,
    /// The instant the decision is for.
    pub evaluated_at: String,
    /// Where the process stands.
    pub state: ProcessState,
    /// Why.
    pub reason: Reason,
    /// The rule in charge, if any.
    pub rule: Option<RuleRef>,
    /// The current cycle, when the process runs or ran.
    pub cycle: Option<Cycle>,
    /// Follow-ups sent and to come, when the process runs.
    pub follow_ups: Option<FollowUpProgress>,
    /// The customer's latest real response (not an automatic reply).
    pub last_customer_response: Option<CustomerMessage>,
    /// Every incoming message of the current cycle, oldest first, and how
    /// it was read (responses, automatic replies and bounces alike);
    /// empty when no cycle runs.
    pub messages: Vec<MessageReading>,
    /// When the next step is (or was) due.
    pub due_at: Option<String>,
    /// When, at the latest, the host should evaluate again if nothing
    /// happens on the case; `null` when only an event can change the
    /// decision (or the host must act first).
    pub next_check_at: Option<String>,
    /// When the case would be resolved if nobody answers and every step
    /// happens on time.
    pub projected_resolution_at: Option<String>,
    /// Steps for the host to carry out now (full automation).
    pub actions: Vec<Action>,
    /// The Suggested actions card, when a person should act.
    pub card: Option<Card>,
    /// A short summary for people.
    pub summary: String,
    /// Why each rule did or did not apply, and other facts.
    pub explanation: Explanation,
    /// Problems that did not stop the decision (a condition that could not
    /// apply to this case's data).
    pub warnings: Vec<Problem>,
}
