//! The first half of a decision: which rule is in charge, whether its
//! cycle runs, and which step comes next. Shared by `evaluate`,
//! `draft_email` and `fill_resolution`, so all three see the same facts.

use chrono::TimeDelta;

use crate::address::{EmailAddress, Mailbox};
use crate::config::{Config, Rule};
use crate::language::Lang;
use crate::problem::Problem;
use crate::record::CaseRecord;
use crate::replies::ReplyKind;
use crate::status::CaseState;
use crate::text;
use crate::time::{Timestamp, add, format_timestamp};
use crate::timeline::{Timeline, TimelineItem};

mod away;
pub(crate) mod cycle;
pub(crate) mod events;
mod outcome;
mod reopen;

pub use outcome::{CycleStartSource, RuleOutcome, RuleOutcomeKind, SenderRole};

use crate::conditions::Failure;
use cycle::{CycleStart, CycleView, find_cycle_start, read_cycle};
use events::read_events;

/// The next step of a running cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// An email bounced: wait for a person.
    Paused,
    /// The customer answered favorably: stop (or resolve, when the rule
    /// asks for customer-confirmed resolution).
    Favorable,
    /// Nothing can be sent: the customer has no address to write to.
    NoAddress,
    /// The customer answered; a person must reply.
    NeedsReply,
    /// Follow-up `number` is due at `due` (`None`: never, no working time).
    FollowUp { number: u32, due: Option<Timestamp> },
    /// Resolution is due at `due`.
    Resolution { due: Option<Timestamp> },
}

/// A cycle that runs.
#[derive(Debug, Clone)]
pub(crate) struct Running<'a> {
    pub start: Timestamp,
    pub source: CycleStartSource,
    pub view: CycleView<'a>,
    pub step: Step,
    /// When an automatic reply's return date moved the step's due time
    /// there (see `away`).
    pub postponed_to: Option<Timestamp>,
}

/// Where the process stands before any output is built.
#[derive(Debug, Clone)]
pub(crate) enum Stage<'a> {
    AutomationOff,
    CaseNotActive,
    NoRuleMatched,
    StatusNotTrigger,
    StatusLeft {
        at: Timestamp,
        to: i64,
    },
    /// The case is in a trigger status the timeline does not show it enter.
    StartUnknown {
        at: Timestamp,
        to: i64,
    },
    Running(Box<Running<'a>>),
    /// The case is resolved and the customer responded within the rule's
    /// reopen window (docs/behaviour.md 7.1): the latest such response.
    Reopen(Box<cycle::Response<'a>>),
}

/// How one rule fared in rule selection; its text is written only when a
/// full decision is built.
#[derive(Debug, Clone)]
pub(crate) struct Verdict<'a> {
    pub rule: &'a Rule,
    pub kind: RuleOutcomeKind,
    pub failure: Option<Failure<'a>>,
    pub error: Option<Problem>,
}

impl Verdict<'_> {
    /// The verdict as the decision explains it.
    pub fn outcome(&self, config: &Config, case: &CaseRecord, now: Timestamp) -> RuleOutcome {
        let (path, detail) = match (&self.failure, &self.error) {
            (Some(failure), _) => (Some(failure.path().to_owned()), Some(failure.describe(case, now))),
            (None, Some(problem)) => (Some(problem.path.clone()), Some(problem.message.clone())),
            (None, None) => (None, None),
        };
        let held = match (&self.rule.conditions, self.kind) {
            (Some(condition), RuleOutcomeKind::Matched) => Some(condition.held(&config.fields.bind(case), now)),
            _ => None,
        };
        RuleOutcome { rule_id: self.rule.id.clone(), outcome: self.kind, condition_path: path, detail, held }
    }
}

/// Everything the engine worked out about one case at one instant.
#[derive(Debug, Clone)]
pub(crate) struct Analysis<'a> {
    pub config: &'a Config,
    pub case: &'a CaseRecord,
    /// Timeline items up to `now`.
    pub items: &'a [TimelineItem],
    pub now: Timestamp,
    pub rule: Option<&'a Rule>,
    pub verdicts: Vec<Verdict<'a>>,
    pub warnings: Vec<Problem>,
    pub notes: Vec<String>,
    /// The earliest instant after `now` at which a time-based condition of a
    /// rule that could take charge changes.
    pub condition_boundary: Option<Timestamp>,
    /// The customer's address, normalised, once a rule is in charge.
    pub customer: Option<String>,
    /// The zone working time is read in: the customer's or the calendar's.
    pub zone: crate::zone::Zone,
    pub stage: Stage<'a>,
    /// The language the customer is written to in (`language` in the config).
    pub lang: Lang,
    /// The language the representative reads the card in (an option).
    pub rep_lang: Lang,
}

impl<'a> Analysis<'a> {
    /// The running cycle, if any.
    pub fn running(&self) -> Option<&Running<'a>> {
        match &self.stage {
            Stage::Running(running) => Some(running),
            _ => None,
        }
    }
}

/// Whether an analysis keeps every rule's [`Verdict`]: only a decision that
/// explains its rules reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdicts {
    /// Keep one per rule, in config order.
    Keep,
    /// Keep none, and stop at the rule that takes charge.
    Skip,
}

/// A note for every address that was left out because it is not one.
fn refused_address_notes(notes: &mut Vec<String>, case: &CaseRecord, items: &[TimelineItem]) {
    if let Some(Err(note)) = case_address(case) {
        notes.push(note.clone());
    }
    for item in items {
        if let TimelineItem::Email(email) = item {
            notes.extend(email.refused_addresses.iter().cloned());
        }
    }
}

/// Works out the rule, the cycle and the next step.
pub(crate) fn analyse<'a>(
    config: &'a Config,
    case: &'a CaseRecord,
    timeline: &'a Timeline,
    now: Timestamp,
    verdicts: Verdicts,
) -> Analysis<'a> {
    // A form decides at the present, after everything on its timeline: the
    // latest item settles that without a search through the rest.
    let visible = match timeline.items.last() {
        Some(latest) if latest.at() <= now => timeline.items.len(),
        _ => timeline.items.partition_point(|item| item.at() <= now),
    };
    let items = timeline.items.get(..visible).unwrap_or(&timeline.items);
    let mut analysis = Analysis {
        config,
        case,
        items,
        now,
        rule: None,
        verdicts: Vec::with_capacity(if verdicts == Verdicts::Keep { config.rules.len() } else { 0 }),
        warnings: Vec::new(),
        notes: Vec::new(),
        condition_boundary: None,
        customer: None,
        zone: config.calendar.zone,
        stage: Stage::AutomationOff,
        lang: config.language.of(case),
        rep_lang: Lang::En,
    };
    refused_address_notes(&mut analysis.notes, case, items);
    let hidden = timeline.items.len() - visible;
    if hidden > 0 {
        let items = crate::text::counted(hidden, "timeline item", "timeline items");
        analysis.notes.push(format!("{items} not considered: later than {}", format_timestamp(now)));
    }
    if !config.enabled {
        return analysis;
    }
    let (state, status_reason) = status_at_now(config, case, &timeline.items, visible);
    if state != CaseState::Active {
        analysis.stage = Stage::CaseNotActive;
        if state == CaseState::Resolved && config.rules.iter().any(|rule| rule.reopen.is_some()) {
            reopen::check(&mut analysis, verdicts);
        }
        return analysis;
    }
    select_rule(&mut analysis, verdicts);
    let Some(rule) = analysis.rule else {
        analysis.stage = Stage::NoRuleMatched;
        return analysis;
    };
    let (zone, zone_note) = config.calendar.zone_for(case);
    analysis.zone = zone;
    analysis.notes.extend(zone_note);
    let reading = read_events(config, case, items, rule.follow_ups.reply_tolerance);
    analysis.notes.extend(reading.notes);
    analysis.customer = reading.customer;
    let events = reading.events;
    analysis.stage = match find_cycle_start(rule, status_reason, case, &events, now) {
        CycleStart::NeverStarted => Stage::StatusNotTrigger,
        CycleStart::Left { at, to } => Stage::StatusLeft { at, to },
        CycleStart::Unknown { at, to } => {
            analysis.notes.push(format!(
                "the timeline's last Status Reason change ({}, to “{}”) is not a trigger, but the case is “{}”: the change into it is missing and the case has no later `modifiedon`, so the cycle start is not known",
                format_timestamp(at),
                config.statuses.label_of(to),
                config.statuses.label_of(status_reason)
            ));
            Stage::StartUnknown { at, to }
        }
        CycleStart::Running { at, source } => {
            match source {
                CycleStartSource::StatusChange => {}
                CycleStartSource::CreatedOn => analysis.notes.push(format!(
                    "no change into a trigger Status Reason is on the timeline; the cycle is taken to start at {}",
                    format_timestamp(at)
                )),
                CycleStartSource::ModifiedOn => analysis.notes.push(format!(
                    "the timeline's last Status Reason change is not a trigger, but the case is “{}”: the change into it is missing; the cycle is taken to start at the case's modifiedon ({})",
                    config.statuses.label_of(status_reason),
                    format_timestamp(at)
                )),
            }
            let due = |anchor: Timestamp, wait: TimeDelta| step_due(&analysis, anchor, wait);
            let mut view = read_cycle(rule, at, &events, &due);
            analysis.notes.append(&mut view.notes);
            let (step, postponed_to) = postpone(&analysis, next_step(&analysis, rule, at, &view), &view);
            Stage::Running(Box::new(Running { start: at, source, view, step, postponed_to }))
        }
    };
    analysis
}

/// The case's state and Status Reason at `now`. The record holds the
/// current values; but when the timeline records Status Reason changes
/// after `now` (a replay, or a check of the past), the record is ahead of
/// `now` and the last change at or before `now` tells the status instead.
/// Before the first recorded change, the case is taken not to be in any
/// trigger status: a timeline that records changes starts with the first.
fn status_at_now(config: &Config, case: &CaseRecord, items: &[TimelineItem], visible: usize) -> (CaseState, i64) {
    let is_change = |item: &TimelineItem| matches!(item, TimelineItem::StatusChange(_));
    let hidden_change = items.get(visible..).is_some_and(|hidden| hidden.iter().any(is_change));
    if !hidden_change {
        return (case.state, case.status_reason);
    }
    // The last change in the order of 1.2: at the latest instant, the
    // highest value (never the input order of changes at one instant).
    let last_visible = items
        .get(..visible)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| match item {
            TimelineItem::StatusChange(change) => Some((change.at, change.status_reason)),
            _ => None,
        })
        .max()
        .map(|(_, value)| value);
    match last_visible {
        Some(value) => {
            let state = config.statuses.by_value(value).map_or(CaseState::Active, |reason| reason.state);
            (state, value)
        }
        // No trigger uses a value below zero: Dataverse option values are positive.
        None => (CaseState::Active, -1),
    }
}

pub(crate) fn select_rule(analysis: &mut Analysis<'_>, verdicts: Verdicts) {
    let (config, case, now) = (analysis.config, analysis.case, analysis.now);
    let bound = config.fields.bind(case);
    let candidates = config.rule_index.candidates(&bound);
    let mut boundary: Option<Timestamp> = None;
    let keep = verdicts == Verdicts::Keep;
    let mut record = |rule, kind, failure, error| {
        if keep {
            analysis.verdicts.push(Verdict { rule, kind, failure, error });
        }
    };
    for (position, rule) in config.rules.iter().enumerate() {
        if analysis.rule.is_some() {
            if !keep {
                break;
            }
            record(rule, RuleOutcomeKind::NotEvaluated, None, None);
            continue;
        }
        if !rule.active {
            record(rule, RuleOutcomeKind::Inactive, None, None);
            continue;
        }
        let Some(condition) = &rule.conditions else {
            record(rule, RuleOutcomeKind::Matched, None, None);
            analysis.rule = Some(rule);
            continue;
        };
        // Passed over by the index: the first comparison fails, as
        // evaluating would find, and it does not depend on time. (The index
        // is built from `gate`, so a rule it passes over always has one.)
        if candidates.get(position) == Some(&false) {
            if keep {
                let failure = condition.gate().map(Failure::Leaf);
                record(rule, RuleOutcomeKind::ConditionsNotMet, failure, None);
            }
            continue;
        }
        let result = condition.check(&bound, now);
        // A rule whose conditions failed on a leaf that does not depend on
        // time cannot start to apply by time alone: only look for the
        // instant a time-based leaf flips when that can matter.
        let time_can_flip = match &result {
            Ok(Some(Failure::Leaf(leaf))) => leaf.depends_on_time(),
            Ok(_) => true,
            Err(_) => false,
        };
        if rule.time_based && time_can_flip {
            boundary = earliest(boundary, condition.next_boundary(&bound, now));
        }
        match result {
            Ok(None) => {
                record(rule, RuleOutcomeKind::Matched, None, None);
                analysis.rule = Some(rule);
            }
            Ok(Some(failure)) => record(rule, RuleOutcomeKind::ConditionsNotMet, Some(failure), None),
            Err(problem) => {
                analysis.warnings.push(problem.clone());
                record(rule, RuleOutcomeKind::ConditionError, None, Some(problem));
            }
        }
    }
    analysis.condition_boundary = boundary;
}

/// The earlier of two optional instants.
pub(crate) fn earliest(left: Option<Timestamp>, right: Option<Timestamp>) -> Option<Timestamp> {
    match (left, right) {
        (Some(left), Some(right)) => Some(left.min(right)),
        (left, right) => left.or(right),
    }
}

fn next_step(analysis: &Analysis<'_>, rule: &Rule, start: Timestamp, view: &CycleView<'_>) -> Step {
    // The customer's open response outranks a pause (6.3).
    if let Some(response) = &view.open_response {
        let kind = response.classification.kind_for(rule.favorable_needs_resolution_wording);
        return if kind == ReplyKind::Favorable { Step::Favorable } else { Step::NeedsReply };
    }
    if view.bounce.is_some() {
        return Step::Paused;
    }
    if analysis.customer.is_none() || view.customer_bounced {
        return Step::NoAddress;
    }
    let plan = &rule.follow_ups;
    let sent = u32::try_from(view.follow_ups.len()).unwrap_or(u32::MAX);
    let anchor = view.last_outgoing.map_or(view.sequence_start.max(start), |email| email.at);
    let due = step_due(analysis, anchor, plan.wait_after(sent));
    if sent >= plan.count { Step::Resolution { due } } else { Step::FollowUp { number: sent + 1, due } }
}

/// A due follow-up or resolution moved to when the sender of the latest
/// automatic reply with a return date is back, if that is later.
fn postpone(analysis: &Analysis<'_>, step: Step, view: &CycleView<'_>) -> (Step, Option<Timestamp>) {
    let calendar = &analysis.config.calendar;
    let Some(back) = view.away.and_then(|(at, date)| away::back_at(calendar, at, date)) else {
        return (step, None);
    };
    let moved = |due: Option<Timestamp>| match due {
        Some(due) if due < back => calendar.next_working_instant_in(&analysis.zone, back).map(|at| (at, true)),
        due => due.map(|due| (due, false)),
    };
    match step {
        Step::FollowUp { number, due } => match moved(due) {
            Some((due, true)) => (Step::FollowUp { number, due: Some(due) }, Some(due)),
            _ => (step, None),
        },
        Step::Resolution { due } => match moved(due) {
            Some((due, true)) => (Step::Resolution { due: Some(due) }, Some(due)),
            _ => (step, None),
        },
        Step::Paused | Step::NoAddress | Step::Favorable | Step::NeedsReply => (step, None),
    }
}

/// When a step waiting `wait` after `anchor` is due: the first working
/// instant at or after `anchor + wait`.
pub(crate) fn step_due(analysis: &Analysis<'_>, anchor: Timestamp, wait: TimeDelta) -> Option<Timestamp> {
    add(anchor, wait).and_then(|due| analysis.config.calendar.next_working_instant_in(&analysis.zone, due))
}

/// When the case would be resolved if nobody answers and each step happens
/// as soon as it is due.
pub(crate) fn projected_resolution(analysis: &Analysis<'_>, rule: &Rule, step: Step) -> Option<Timestamp> {
    match step {
        Step::Resolution { due } => due,
        Step::FollowUp { number, due } => {
            let mut at = due?.max(analysis.now);
            for sent in number..=rule.follow_ups.count {
                at = step_due(analysis, at, rule.follow_ups.wait_after(sent))?;
            }
            Some(at)
        }
        Step::Paused | Step::Favorable | Step::NeedsReply | Step::NoAddress => None,
    }
}

/// The case's `emailaddress` column, if it holds text: the address, or the
/// note that says why it was left out (read once per record).
pub(crate) fn case_address(case: &CaseRecord) -> Option<&Result<EmailAddress, String>> {
    case.email_address(read_case_address)
}

fn read_case_address(case: &CaseRecord) -> Option<Result<EmailAddress, String>> {
    let text = case.display("emailaddress")?;
    if text.trim().is_empty() {
        return None;
    }
    Some(Mailbox::parse(&text).map(|mailbox| mailbox.address).map_err(|why| {
        format!(
            "`{}` in the case's `emailaddress` is not an email address ({why}): it was left out",
            text::visible(&text)
        )
    }))
}
