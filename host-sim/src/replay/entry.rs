//! What a replay records for one case: recorded events as they arrive, the
//! engine's decisions, the actions performed and the case's outcome. The
//! output formats read these; they never call the engine themselves.

use followup_engine::Decision;
use followup_engine::Timestamp;
use followup_engine::decision::{ProcessState, Reason};
use followup_engine::replies::ReplyKind;

/// Who did something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The customer (a reply, a call).
    Customer,
    /// A mail system (a bounce, an automatic reply).
    MailSystem,
    /// A representative (recorded emails, accepted suggestions, replies).
    Representative,
    /// The agent acting on its own (full automation).
    Agent,
    /// The engine deciding.
    Engine,
    /// The case record itself (a Status Reason change, an activity).
    Record,
}

impl Actor {
    /// The actor's name in output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::MailSystem => "mail system",
            Self::Representative => "representative",
            Self::Agent => "agent",
            Self::Engine => "engine",
            Self::Record => "record",
        }
    }
}

/// A recorded timeline item, as it arrives on the virtual clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// Who it came from.
    pub actor: Actor,
    /// What it is.
    pub kind: RecordedKind,
    /// Its activity id, when recorded.
    pub activity_id: Option<String>,
    /// Its subject or a snippet of what it says.
    pub text: String,
    /// Whether it arrived after the replay resolved the case.
    pub after_resolution: bool,
}

/// The kinds of recorded items.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordedKind {
    /// An email to the customer; `follow_up` when it carries a follow-up key.
    EmailOut {
        /// Whether a host recorded it as an agent follow-up.
        follow_up: bool,
    },
    /// An incoming email or activity and what it means.
    Incoming {
        /// `email`, `phonecall`, ...
        channel: String,
        /// Its meaning.
        kind: ReplyKind,
    },
    /// A Status Reason change.
    StatusChange {
        /// The new value.
        value: i64,
        /// Its label.
        label: String,
    },
    /// Any other activity (a task, an outgoing call).
    Activity {
        /// `task`, `phonecall`, ...
        activity_type: String,
    },
}

/// The engine's view at one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionEntry {
    /// Where the process stands.
    pub state: ProcessState,
    /// Why.
    pub reason: Reason,
    /// The rule in charge (id), if any.
    pub rule: Option<String>,
    /// Follow-ups sent so far in the sequence.
    pub follow_ups_sent: u32,
    /// Follow-ups in the rule's plan.
    pub follow_ups_total: u32,
    /// The follow-up due or awaited next.
    pub next_follow_up: Option<u32>,
    /// When the next step is due.
    pub due_at: Option<Timestamp>,
    /// When the engine asked to be called again.
    pub next_check_at: Option<Timestamp>,
    /// The idempotency key of the due step.
    pub step_key: Option<String>,
    /// Whether anything a reader cares about changed since the last decision.
    pub changed: bool,
    /// The full decision with drafts (`--drafts` only).
    pub full: Option<Box<Decision>>,
}

/// Something the replay did on the case.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionEntry {
    /// Who did it: the agent (full automation) or the representative.
    pub by: Actor,
    /// When the suggestion appeared, for accepted suggestions and replies.
    pub suggested_at: Option<Timestamp>,
    /// What was done.
    pub kind: ActionKind,
}

/// The actions a replay performs.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionKind {
    /// A follow-up email was sent (appended to the timeline).
    SendFollowUp {
        /// Its number.
        number: u32,
        /// Follow-ups in the plan.
        of: u32,
        /// Its idempotency key (recorded on the email).
        key: String,
    },
    /// The case was resolved.
    ResolveCase {
        /// The resolution's idempotency key.
        key: String,
        /// The resolution type (Status Reason value).
        resolution_type: i64,
        /// Its label.
        label: String,
    },
    /// The resolved case was reopened after the customer wrote.
    ReopenCase {
        /// The reopening's idempotency key.
        key: String,
        /// The Status Reason it was reopened into.
        status_reason: i64,
        /// Its label.
        label: String,
    },
    /// The representative answered a customer message.
    ReplyToCustomer {
        /// The activity id of the message answered, when recorded.
        regarding: Option<String>,
        /// What the message meant.
        kind: Option<ReplyKind>,
    },
}

impl ActionKind {
    /// The action's name in JSON (`sendFollowUp`).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::SendFollowUp { .. } => "sendFollowUp",
            Self::ResolveCase { .. } => "resolveCase",
            Self::ReopenCase { .. } => "reopenCase",
            Self::ReplyToCustomer { .. } => "replyToCustomer",
        }
    }
}

/// A suggestion shown to the representative, and what the policy does with it.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionEntry {
    /// What is suggested (an action not yet done).
    pub kind: ActionKind,
    /// When the policy acts on it; `None`: never.
    pub accept_at: Option<Timestamp>,
}

/// One line of a case's replay.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// A recorded item arrived.
    Recorded(Recorded),
    /// The engine decided.
    Decision(DecisionEntry),
    /// The replay acted.
    Action(ActionEntry),
    /// A suggestion appeared (confirm mode, or a reply a person must write).
    Suggestion(SuggestionEntry),
    /// Something worth knowing that is neither (a step already recorded).
    Note(String),
}

/// One timed line of a case's replay.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// When (virtual clock).
    pub at: Timestamp,
    /// What happened.
    pub what: What,
}

/// How a case ended on the virtual clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The last decision's state.
    pub state: ProcessState,
    /// The last decision's reason.
    pub reason: Reason,
    /// The rule in charge at the last decision.
    pub rule: Option<String>,
    /// Every rule (config index) that was in charge at some evaluation.
    pub matched_rules: Vec<usize>,
    /// Follow-ups the replay sent (by the agent or the representative).
    pub follow_ups_sent: u32,
    /// Of those, follow-ups a representative sent by accepting a suggestion.
    pub follow_ups_by_representative: u32,
    /// Replies the representative wrote in the replay.
    pub replies_sent: u32,
    /// Times the resolved case was reopened after the customer wrote.
    pub reopened: u32,
    /// When the replay resolved the case and who did it.
    pub resolved: Option<(Timestamp, Actor)>,
    /// The first real customer reply recorded after that resolution.
    pub late_reply_at: Option<Timestamp>,
    /// When the case was opened (`createdon`).
    pub opened_at: Timestamp,
    /// Recorded incoming messages by kind, in [`ReplyKind::ALL`] order.
    pub replies_by_kind: [u32; 6],
    /// Engine evaluations made.
    pub evaluations: u32,
    /// Whether the replay stopped at its safety limit of evaluations.
    pub truncated: bool,
    /// Every follow-up the replay sent: when, under which rule (config
    /// index) and by whom.
    pub sends: Vec<(Timestamp, usize, Actor)>,
    /// The rule (config index) whose step resolved the case.
    pub resolved_rule: Option<usize>,
    /// What a shadow run saw (shadow runs only).
    pub shadow: Option<Box<Shadow>>,
}

impl Outcome {
    /// The rule a case counts for in per-rule figures: the one that resolved
    /// it, else the last in charge, else the first that ever was.
    #[must_use]
    pub fn counted_rule(&self, rules: &[followup_engine::Rule]) -> Option<usize> {
        self.resolved_rule
            .or_else(|| self.rule.as_ref().and_then(|id| rules.iter().position(|rule| &rule.id == id)))
            .or_else(|| self.matched_rules.first().copied())
    }
}

/// A step the rule would have taken in a shadow run, and what the recorded
/// history did about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShadowStep {
    /// When it was due.
    pub at: Timestamp,
    /// The follow-up's number, or `None` for the resolution.
    pub follow_up: Option<u32>,
    /// When a representative's recorded email (or, for the resolution, the
    /// recorded closing) came after it; `None`: nobody did it.
    pub done_at: Option<Timestamp>,
    /// Whether it is no longer due: done, or overtaken by a customer
    /// response or the case's closing.
    pub settled: bool,
}

/// A shadow run of a recorded history: the rule only watches, and its
/// would-be steps are set beside what representatives did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shadow {
    /// Whether a rule was in charge at some point (only then it compares).
    pub in_charge: bool,
    /// The rule's would-be steps, in order.
    pub steps: Vec<ShadowStep>,
    /// Recorded emails to the customer while a rule was in charge.
    pub recorded_emails: u32,
    /// When the recorded history closed the case, if it did.
    pub recorded_closed_at: Option<Timestamp>,
    /// The first real customer response after the rule's would-be resolution.
    pub answered_after_would_resolve: Option<Timestamp>,
}

impl Shadow {
    /// The rule's would-be follow-ups.
    pub fn follow_ups(&self) -> impl Iterator<Item = &ShadowStep> {
        self.steps.iter().filter(|step| step.follow_up.is_some())
    }

    /// When the rule would have resolved the case.
    #[must_use]
    pub fn would_resolve_at(&self) -> Option<Timestamp> {
        self.steps.iter().find(|step| step.follow_up.is_none()).map(|step| step.at)
    }

    /// Would-be follow-ups that nobody sent.
    #[must_use]
    pub fn unsent_follow_ups(&self) -> usize {
        self.follow_ups().filter(|step| step.done_at.is_none()).count()
    }

    /// How much earlier the rule would have resolved than the recorded
    /// closing, when it would have.
    #[must_use]
    pub fn earlier_by(&self) -> Option<chrono::TimeDelta> {
        match (self.would_resolve_at(), self.recorded_closed_at) {
            (Some(would), Some(closed)) if would < closed => Some(closed - would),
            _ => None,
        }
    }

    /// Whether the rule and the representatives agree: both resolved or
    /// neither did, and every follow-up the rule would have sent was sent.
    #[must_use]
    pub fn agrees(&self) -> bool {
        self.would_resolve_at().is_some() == self.recorded_closed_at.is_some() && self.unsent_follow_ups() == 0
    }
}

/// Everything a replay of one case produced.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseReplay {
    /// The case's `incidentid`.
    pub case_id: String,
    /// Ticket number, or the id when there is none.
    pub label: String,
    /// The case title, if any.
    pub title: Option<String>,
    /// The timed lines (empty unless recording was asked for).
    pub entries: Vec<Entry>,
    /// How it ended.
    pub outcome: Outcome,
}

impl CaseReplay {
    /// The actions performed, oldest first.
    pub fn actions(&self) -> impl Iterator<Item = (Timestamp, &ActionEntry)> {
        self.entries.iter().filter_map(|entry| match &entry.what {
            What::Action(action) => Some((entry.at, action)),
            _ => None,
        })
    }
}
