//! The follow-up decision for one case at one instant: the state machine of
//! the product (see `DESIGN.md`, Behaviour), from rule selection to the
//! actions, the card and the summary.

pub(crate) mod keys;
mod model;
mod summary;

pub use model::{
    Action, Card, CardItem, CardItemKind, CustomerMessage, Cycle, Decision, Explanation, FollowUpProgress,
    MessageReading, ProcessState, Reason, RuleRef,
};

pub use crate::analysis::{CycleStartSource, RuleOutcome, RuleOutcomeKind, SenderRole};

use crate::analysis::cycle;
use crate::analysis::{Analysis, Running, Stage, Step, Verdicts, analyse, earliest, projected_resolution};

use crate::config::{Automation, Config, Rule};
use crate::drafting::{self, DraftRequest, EmailDraft, ReplyTarget};
use crate::language::{Lang, fill, text};
use crate::problem::{Problem, ProblemCode};
use crate::record::CaseRecord;
use crate::resolution::{self, CurrentResolution, ResolutionDraft};
use crate::time::{Timestamp, format_timestamp};
use crate::timeline::Timeline;

/// How much a decision writes out besides what happens next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionOptions {
    /// Whether `explanation.rules` gives every rule's outcome, with the
    /// condition that failed and what the case held (the default). Off, the
    /// list is empty and nothing else changes: rule selection, the state,
    /// the actions and the card are the same. A form that only acts on the
    /// decision then no longer pays, on every call, for writing and reading
    /// one explanation per rule of a large config.
    pub explain_rules: bool,
    /// The language the representative reads the summary and the card in
    /// (`representativeLanguage`), whatever the customer's.
    pub representative_language: Lang,
}

impl Default for DecisionOptions {
    fn default() -> Self {
        Self { explain_rules: true, representative_language: Lang::En }
    }
}

/// Decides what happens next for `case` at `now`.
pub fn evaluate(config: &Config, case: &CaseRecord, timeline: &Timeline, now: Timestamp) -> Result<Decision, Problem> {
    evaluate_with(config, case, timeline, now, DecisionOptions::default())
}

/// [`evaluate`], writing out what `options` ask for.
pub fn evaluate_with(
    config: &Config,
    case: &CaseRecord,
    timeline: &Timeline,
    now: Timestamp,
    options: DecisionOptions,
) -> Result<Decision, Problem> {
    let verdicts = if options.explain_rules { Verdicts::Keep } else { Verdicts::Skip };
    let mut analysis = analyse(config, case, timeline, now, verdicts);
    analysis.rep_lang = options.representative_language;
    build(&analysis, options)
}

/// Drafts the email `request` asks for, with the same view of the case as
/// [`evaluate`].
pub fn draft_email(
    config: &Config,
    case: &CaseRecord,
    timeline: &Timeline,
    request: &DraftRequest,
    now: Timestamp,
) -> Result<EmailDraft, Problem> {
    draft_email_with(config, case, timeline, request, now, DecisionOptions::default())
}

/// [`draft_email`], naming the template in the representative's language
/// of `options`.
pub fn draft_email_with(
    config: &Config,
    case: &CaseRecord,
    timeline: &Timeline,
    request: &DraftRequest,
    now: Timestamp,
    options: DecisionOptions,
) -> Result<EmailDraft, Problem> {
    let mut analysis = analyse(config, case, timeline, now, Verdicts::Skip);
    analysis.rep_lang = options.representative_language;
    drafting::draft(&analysis, request)
}

/// Fills the Case Resolution dialog, keeping what `current` holds.
pub fn fill_resolution(
    config: &Config,
    case: &CaseRecord,
    timeline: &Timeline,
    current: &CurrentResolution,
    now: Timestamp,
) -> Result<ResolutionDraft, Problem> {
    let analysis = analyse(config, case, timeline, now, Verdicts::Skip);
    resolution::fill(&analysis, current)
}

/// The decision without drafts, card or text: what a replay loop needs to
/// move its virtual clock, at a fraction of the cost of [`evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment<'a> {
    /// Where the process stands.
    pub state: ProcessState,
    /// Why.
    pub reason: Reason,
    /// The rule in charge.
    pub rule: Option<&'a Rule>,
    /// Follow-ups sent in the current sequence.
    pub follow_ups_sent: u32,
    /// The follow-up that is due or awaited next, if the next step is one.
    pub next_follow_up: Option<u32>,
    /// When the next step is (or was) due.
    pub due_at: Option<Timestamp>,
    /// When to evaluate again if nothing happens.
    pub next_check_at: Option<Timestamp>,
    /// What the customer's latest real response meant.
    pub last_response: Option<crate::replies::ReplyKind>,
    /// The idempotency key of the due step (follow-up or resolution).
    pub step_key: Option<String>,
    /// The customer's address, as a follow-up or a reply would be sent to
    /// it (`docs/behaviour.md`, 1.5), once a rule is in charge.
    pub customer_address: Option<String>,
}

/// Assesses `case` at `now` like [`evaluate`], without drafting anything.
#[must_use]
pub fn assess<'a>(config: &'a Config, case: &CaseRecord, timeline: &Timeline, now: Timestamp) -> Assessment<'a> {
    let analysis = analyse(config, case, timeline, now, Verdicts::Skip);
    let (state, reason) = state_and_reason(&analysis);
    let running = analysis.running();
    let due_at = running.and_then(|running| running_due(&analysis, running));
    let rule = analysis.rule;
    let step_key = match (rule, running.map(|running| running.step), state) {
        (Some(rule), Some(Step::FollowUp { number, .. }), ProcessState::FollowUpDue) => {
            Some(keys::follow_up_key(&analysis, rule, number))
        }
        (Some(rule), _, ProcessState::ResolutionDue) => Some(keys::resolve_key(&analysis, rule)),
        (Some(rule), _, ProcessState::ReopenSuggested) => match &analysis.stage {
            Stage::Reopen(response) => Some(keys::reopen_key(&analysis, rule, response.activity_id, response.at)),
            _ => None,
        },
        _ => None,
    };
    Assessment {
        state,
        reason,
        // The analysis borrows the rule for the shorter of the inputs'
        // lifetimes; the same rule is taken again from the config by index.
        rule: rule.and_then(|found| config.rules.get(found.index)),
        follow_ups_sent: running.map_or(0, |running| u32::try_from(running.view.follow_ups.len()).unwrap_or(u32::MAX)),
        next_follow_up: match running.map(|running| running.step) {
            Some(Step::FollowUp { number, .. }) => Some(number),
            _ => None,
        },
        due_at,
        next_check_at: next_check(&analysis, state, due_at),
        last_response: running
            .and_then(|running| running.view.last_response.as_ref())
            .map(|response| response.classification.kind),
        step_key,
        customer_address: analysis.customer.clone(),
    }
}

fn next_check(analysis: &Analysis<'_>, state: ProcessState, due_at: Option<Timestamp>) -> Option<Timestamp> {
    match (&analysis.stage, state) {
        (Stage::AutomationOff | Stage::CaseNotActive | Stage::StartUnknown { .. } | Stage::Reopen(_), _) => None,
        (_, ProcessState::Waiting) => earliest(due_at, analysis.condition_boundary),
        _ => analysis.condition_boundary,
    }
}

fn state_and_reason(analysis: &Analysis<'_>) -> (ProcessState, Reason) {
    match &analysis.stage {
        Stage::AutomationOff => (ProcessState::NotEligible, Reason::AutomationOff),
        Stage::CaseNotActive => (ProcessState::NotEligible, Reason::CaseNotActive),
        Stage::Reopen(_) => (ProcessState::ReopenSuggested, Reason::ResponseAfterResolution),
        Stage::NoRuleMatched => (ProcessState::NotEligible, Reason::NoRuleMatched),
        Stage::StatusNotTrigger => (ProcessState::NotEligible, Reason::StatusNotTrigger),
        Stage::StatusLeft { .. } => (ProcessState::Stopped, Reason::StatusChanged),
        Stage::StartUnknown { .. } => (ProcessState::Paused, Reason::CycleStartUnknown),
        Stage::Running(running) => match running.step {
            Step::Paused => (ProcessState::Paused, Reason::DeliveryFailed),
            Step::NoAddress => (ProcessState::Paused, Reason::NoCustomerAddress),
            Step::Favorable if analysis.rule.is_some_and(|rule| rule.resolve_on_favorable_reply) => {
                (ProcessState::ResolutionDue, Reason::FavorableResponse)
            }
            Step::Favorable => (ProcessState::Stopped, Reason::FavorableResponse),
            Step::NeedsReply => (ProcessState::ReplyNeeded, Reason::ResponseNeedsReply),
            Step::FollowUp { due: None, .. } | Step::Resolution { due: None } => {
                (ProcessState::Waiting, Reason::NoWorkingTime)
            }
            Step::FollowUp { due: Some(due), .. } if due > analysis.now => {
                (ProcessState::Waiting, Reason::AwaitingResponse)
            }
            Step::Resolution { due: Some(due) } if due > analysis.now => {
                (ProcessState::Waiting, Reason::AwaitingResponse)
            }
            Step::FollowUp { .. } => (ProcessState::FollowUpDue, Reason::FollowUpDue),
            Step::Resolution { .. } => (ProcessState::ResolutionDue, Reason::FollowUpsUnanswered),
        },
    }
}

fn due_of(step: Step) -> Option<Timestamp> {
    match step {
        Step::FollowUp { due, .. } | Step::Resolution { due } => due,
        Step::Paused | Step::Favorable | Step::NeedsReply | Step::NoAddress => None,
    }
}

/// When the running step is due: a customer-confirmed resolution is due
/// when the favorable response arrived.
fn running_due(analysis: &Analysis<'_>, running: &Running<'_>) -> Option<Timestamp> {
    match running.step {
        Step::Favorable if analysis.rule.is_some_and(|rule| rule.resolve_on_favorable_reply) => {
            running.view.open_response.as_ref().map(|response| response.at)
        }
        step => due_of(step),
    }
}

fn build(analysis: &Analysis<'_>, options: DecisionOptions) -> Result<Decision, Problem> {
    let (state, reason) = state_and_reason(analysis);
    let running = analysis.running();
    let rule = analysis.rule;
    let projected = match (rule, running) {
        (Some(rule), Some(running)) => projected_resolution(analysis, rule, running.step),
        _ => None,
    };
    let due_at = running.and_then(|running| running_due(analysis, running));
    let next_check_at = next_check(analysis, state, due_at);
    let lang = analysis.rep_lang;
    let (actions, card) = match (rule, running) {
        (Some(rule), Some(running)) => steps(analysis, rule, running, state)?,
        (Some(rule), None) if matches!(analysis.stage, Stage::Reopen(_)) => reopen_steps(analysis, rule),
        _ if matches!(analysis.stage, Stage::StartUnknown { .. }) => {
            (Vec::new(), Some(card(lang, Vec::new(), Some(text(lang, "card.startUnknownNotice").to_owned()))))
        }
        _ => (Vec::new(), None),
    };
    let card = match (card, running.and_then(|running| running.view.third_party.as_ref())) {
        (card, Some((from, at))) => {
            let notice =
                fill(lang, "card.thirdPartyNotice", &[from, &analysis.config.calendar.date_time_in(lang, *at)]);
            let mut card = card.unwrap_or_else(|| self::card(lang, Vec::new(), None));
            card.notice = Some(match card.notice.take() {
                Some(existing) => format!("{existing} {notice}"),
                None => notice,
            });
            Some(card)
        }
        (card, None) => card,
    };
    let summary = summary::summary(analysis, projected);
    let card = card.map(|mut card: Card| {
        card.summary.clone_from(&summary);
        card
    });
    Ok(Decision {
        case_id: analysis.case.id.clone(),
        evaluated_at: format_timestamp(analysis.now),
        state,
        reason,
        rule: rule.map(|rule| RuleRef { id: rule.id.clone(), name: rule.name.clone(), automation: rule.automation }),
        cycle: running.map(|running| Cycle {
            started_at: format_timestamp(running.start),
            start_source: running.source,
            sequence_started_at: format_timestamp(running.view.sequence_start),
        }),
        follow_ups: rule.zip(running).map(|(rule, running)| progress(rule, running)),
        last_customer_response: running
            .and_then(|running| running.view.last_response.as_ref())
            .or(match &analysis.stage {
                Stage::Reopen(response) => Some(&**response),
                _ => None,
            })
            .map(|response| CustomerMessage {
                at: format_timestamp(response.at),
                activity_id: response.activity_id.map(str::to_owned),
                kind: response
                    .classification
                    .kind_for(rule.is_some_and(|rule| rule.favorable_needs_resolution_wording)),
                source: response.classification.source,
                cue: response.classification.cue.clone(),
            }),
        messages: running.map(|running| messages(&running.view)).unwrap_or_default(),
        due_at: due_at.map(format_timestamp),
        next_check_at: next_check_at.map(format_timestamp),
        projected_resolution_at: projected.map(format_timestamp),
        actions,
        card,
        summary,
        explanation: Explanation {
            rules: if options.explain_rules {
                analysis
                    .verdicts
                    .iter()
                    .map(|verdict| verdict.outcome(analysis.config, analysis.case, analysis.now))
                    .collect()
            } else {
                Vec::new()
            },
            notes: analysis.notes.clone(),
        },
        warnings: analysis.warnings.clone(),
    })
}

/// A resolved case the customer wrote about within the reopen window: under
/// full automation a `reopenCase` action, else a card asking to reopen.
fn reopen_steps(analysis: &Analysis<'_>, rule: &Rule) -> (Vec<Action>, Option<Card>) {
    let (Stage::Reopen(response), Some(reopen)) = (&analysis.stage, rule.reopen.as_ref()) else {
        return (Vec::new(), None);
    };
    let status_label = analysis.config.statuses.label_of(reopen.status_reason);
    if rule.automation == Automation::Full {
        let action = Action::ReopenCase {
            idempotency_key: keys::reopen_key(analysis, rule, response.activity_id, response.at),
            status_reason: reopen.status_reason,
            status_label,
            response_at: format_timestamp(response.at),
        };
        return (vec![action], None);
    }
    let lang = analysis.rep_lang;
    let notice = fill(lang, "card.reopenNotice", &[&status_label]);
    (Vec::new(), Some(card(lang, Vec::new(), Some(notice))))
}

/// The readings of the cycle's incoming messages.
fn messages(view: &cycle::CycleView<'_>) -> Vec<MessageReading> {
    view.messages
        .iter()
        .map(|&cycle::Message { at, activity_id, sender, reading }| MessageReading {
            at: format_timestamp(at),
            activity_id: activity_id.map(str::to_owned),
            sender,
            kind: reading.kind,
            source: reading.source,
            cue: reading.cue.clone(),
            language: reading.language.map(str::to_owned),
            return_date: reading.return_date,
        })
        .collect()
}

fn progress(rule: &Rule, running: &Running<'_>) -> FollowUpProgress {
    let sent = u32::try_from(running.view.follow_ups.len()).unwrap_or(u32::MAX);
    FollowUpProgress {
        sent,
        remaining: rule.follow_ups.count.saturating_sub(sent),
        total: rule.follow_ups.count,
        last_sent_at: running.view.follow_ups.last().map(|email| format_timestamp(email.at)),
        email_ids: running.view.follow_ups.iter().filter_map(|email| email.id.clone()).collect(),
    }
}

fn card(lang: Lang, items: Vec<CardItem>, notice: Option<String>) -> Card {
    Card { title: text(lang, "card.title").to_owned(), summary: String::new(), items, notice }
}

/// The card when an email is due but no address of the customer's is valid:
/// nothing is drafted or sent, and the card says why.
fn no_recipient(lang: Lang) -> (Vec<Action>, Option<Card>) {
    (Vec::new(), Some(card(lang, Vec::new(), Some(text(lang, "card.noRecipientNotice").to_owned()))))
}

/// The actions (full automation) or the card (confirmation, or anything a
/// person must handle) for a running cycle.
fn steps(
    analysis: &Analysis<'_>,
    rule: &Rule,
    running: &Running<'_>,
    state: ProcessState,
) -> Result<(Vec<Action>, Option<Card>), Problem> {
    let full = rule.automation == Automation::Full;
    let lang = analysis.rep_lang;
    let due_at = running_due(analysis, running).map(format_timestamp).unwrap_or_default();
    match (state, running.step) {
        (ProcessState::FollowUpDue, Step::FollowUp { number, .. }) => {
            let key = keys::follow_up_key(analysis, rule, number);
            let email = match drafting::follow_up(analysis, rule, number, key.clone()) {
                Err(problem) if problem.code == ProblemCode::NoRecipient => return Ok(no_recipient(lang)),
                drafted => drafted?,
            };
            if full {
                return Ok((
                    vec![Action::SendFollowUp { follow_up_number: number, idempotency_key: key, due_at, email }],
                    None,
                ));
            }
            let follows_agent =
                number > 2 || running.view.follow_ups.last().is_some_and(|email| email.follow_up_key.is_some());
            let (kind, label, description) = if follows_agent {
                (CardItemKind::SendNextFollowUp, "card.sendNextFollowUp", "card.sendNextFollowUpWhy")
            } else {
                (CardItemKind::SendFollowUp, "card.sendFollowUp", "card.sendFollowUpWhy")
            };
            let item = CardItem {
                kind,
                label: text(lang, label).to_owned(),
                description: text(lang, description).to_owned(),
                button: text(lang, "card.reviewAndSend").to_owned(),
                idempotency_key: key,
                follow_up_number: Some(number),
                email: Some(email),
                resolution: None,
            };
            Ok((Vec::new(), Some(card(lang, vec![item], None))))
        }
        (ProcessState::ResolutionDue, _) => {
            let key = keys::resolve_key(analysis, rule);
            let resolution = resolution::fill(analysis, &CurrentResolution::default())?;
            if full {
                return Ok((vec![Action::ResolveCase { idempotency_key: key, due_at, resolution }], None));
            }
            let description =
                text(lang, if running.step == Step::Favorable { "card.confirmedWhy" } else { "card.silenceWhy" });
            let item = CardItem {
                kind: CardItemKind::ResolveCase,
                label: text(lang, "card.resolveCase").to_owned(),
                description: description.to_owned(),
                button: text(lang, "card.resolveCase").to_owned(),
                idempotency_key: key,
                follow_up_number: None,
                email: None,
                resolution: Some(resolution),
            };
            Ok((Vec::new(), Some(card(lang, vec![item], None))))
        }
        (ProcessState::ReplyNeeded, _) => {
            let Some(response) = &running.view.open_response else {
                return Ok((Vec::new(), None));
            };
            // Automation never answers a customer on its own: even under
            // full automation this is a suggestion for a person.
            let target = ReplyTarget::from_response(response);
            let key = keys::reply_key(analysis, Some(rule), &target);
            let email = match drafting::reply(analysis, &target, key.clone()) {
                Err(problem) if problem.code == ProblemCode::NoRecipient => return Ok(no_recipient(lang)),
                drafted => drafted?,
            };
            let item = CardItem {
                kind: CardItemKind::ReplyToCustomer,
                label: text(lang, "card.replyToCustomer").to_owned(),
                description: text(lang, "card.replyWhy").to_owned(),
                button: text(lang, "card.draftReply").to_owned(),
                idempotency_key: key,
                follow_up_number: None,
                email: Some(email),
                resolution: None,
            };
            Ok((Vec::new(), Some(card(lang, vec![item], None))))
        }
        (ProcessState::Paused, Step::NoAddress) => {
            Ok((Vec::new(), Some(card(lang, Vec::new(), Some(text(lang, "card.noAddressNotice").to_owned())))))
        }
        (ProcessState::Paused, _) => {
            let to = analysis.customer.as_deref().unwrap_or_else(|| text(lang, "card.theCustomer"));
            let notice = fill(lang, "card.bounceNotice", &[to]);
            Ok((Vec::new(), Some(card(lang, Vec::new(), Some(notice)))))
        }
        _ => Ok((Vec::new(), None)),
    }
}

#[cfg(test)]
mod tests;
