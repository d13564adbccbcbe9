//! The virtual clock: one case replayed against the engine. The engine is
//! called at every recorded event and at every `nextCheckAt` it asks for, up
//! to the end time; due actions are performed (full automation) or go
//! through the representative's policy (confirm mode, and every reply a
//! person must write), and their results are appended to the timeline so
//! the next evaluation sees them.

pub mod arrivals;
pub mod entry;
pub mod policy;
pub mod rules;
mod shadow;

use followup_engine::CaseState;
use followup_engine::Timestamp;
use followup_engine::api::Engine;
use followup_engine::config::Config;
use followup_engine::decision::ProcessState;
use followup_engine::replies::ReplyKind;
use followup_engine::timeline::{Direction, Email, StatusChange, Timeline, TimelineItem};
use followup_engine::{Assessment, Automation, CaseRecord, assess};

use arrivals::{Arrival, arrivals};
use entry::{ActionEntry, ActionKind, Actor, CaseReplay, DecisionEntry, Entry, Outcome, SuggestionEntry, What};
use policy::Policy;
use rules::{Plan, RulePlans};
use shadow::{note_would_be, watch};

/// Most engine evaluations for one case: a guard against a clock that
/// would never settle.
pub const MAX_EVALUATIONS: u32 = 10_000;
/// Most evaluations at one instant (each follows an action).
const MAX_STEPS_PER_INSTANT: u32 = 16;

/// How to replay. Build with `Settings { record: false, ..Settings::default() }`
/// so that new settings keep their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The end of the virtual clock; `None`: until the engine asks for
    /// nothing more and every recorded event has arrived.
    pub until: Option<Timestamp>,
    /// What the representative does.
    pub policy: Policy,
    /// Whether to keep the timed lines (for text, JSON Lines and checks).
    pub record: bool,
    /// Whether each decision also carries the engine's full decision with
    /// its drafts (slower).
    pub drafts: bool,
    /// A shadow run: the rules watch the recorded history and note their
    /// due steps ([`entry::Shadow`]); each would-be follow-up goes out as the
    /// agent's (whatever the rule's automation), so later steps can be
    /// projected; the would-be resolution is noted, never performed.
    pub shadow: bool,
}

impl Default for Settings {
    /// Until the engine asks for nothing more, the representative doing
    /// only what is recorded, lines kept, no drafts, not a shadow run.
    fn default() -> Self {
        Self { until: None, policy: policy::DEFAULT_POLICY, record: true, drafts: false, shadow: false }
    }
}

/// Replays one case, already read by the engine, on the virtual clock: the
/// one call a test needs (`Settings::default()` replays recorded replies
/// only, keeping every line). With `plans`, rule selection that cannot
/// change for this case is worked out once (see [`rules`]); `None` gives the
/// same replay, slower.
#[must_use]
pub fn replay_case(
    engine: &Engine,
    plans: Option<&RulePlans<'_>>,
    record: CaseRecord,
    timeline: Timeline,
    settings: &Settings,
) -> CaseReplay {
    let arrivals = arrivals(engine.config(), &timeline, settings.record);
    let start = first_instant(&record, &timeline, &arrivals);
    let start = settings.until.map_or(start, |until| start.min(until));
    let mut clock = Clock::new(engine, plans, settings, record, timeline, arrivals);
    clock.run(start);
    clock.finish()
}

/// The first instant worth asking the engine about. The engine takes a
/// case whose timeline records Status Reason changes to be in no trigger
/// status before the first of them, so nothing can happen earlier: the
/// clock starts there (saving the evaluations of a case's quiet first days).
/// Without recorded changes, it starts when the case was opened.
fn first_instant(record: &CaseRecord, timeline: &Timeline, arrivals: &[Arrival]) -> Timestamp {
    let first_change = timeline.items.iter().find_map(|item| match item {
        TimelineItem::StatusChange(change) => Some(change.at),
        _ => None,
    });
    first_change.unwrap_or_else(|| arrivals.first().map_or(record.created_on, |first| first.at.min(record.created_on)))
}

/// A suggestion waiting for the representative.
#[derive(Debug, Clone)]
struct Pending {
    key: String,
    shown_at: Timestamp,
    acts_at: Option<Timestamp>,
}

/// What a reader of the text output would call a change of decision.
type Seen = (ProcessState, followup_engine::decision::Reason, Option<usize>, Option<Timestamp>, u32);

/// The customer's latest real response, as the clock saw it arrive.
#[derive(Debug, Clone)]
struct LastResponse {
    at: Timestamp,
    activity_id: Option<String>,
    kind: ReplyKind,
}

struct Clock<'e> {
    engine: &'e Engine,
    /// The config as written (statuses, resolution settings).
    config: &'e Config,
    plans: Option<&'e RulePlans<'e>>,
    /// The config the engine decides with (rules fixed for this case).
    plan: Plan,
    /// Whether `plan` has been worked out once.
    planned: bool,
    settings: &'e Settings,
    record: CaseRecord,
    timeline: Timeline,
    arrivals: Vec<Arrival>,
    next_arrival: usize,
    entries: Vec<Entry>,
    pending: Option<Pending>,
    seen: Option<Seen>,
    last_response: Option<LastResponse>,
    noted_keys: Vec<String>,
    /// The rule (config index) whose step is being performed.
    acting_rule: usize,
    /// The customer's address as the latest assessment found it: where
    /// the replay's sends go.
    customer_address: Option<String>,
    outcome: Outcome,
}

impl<'e> Clock<'e> {
    fn new(
        engine: &'e Engine,
        plans: Option<&'e RulePlans<'e>>,
        settings: &'e Settings,
        record: CaseRecord,
        timeline: Timeline,
        arrivals: Vec<Arrival>,
    ) -> Self {
        let outcome = Outcome {
            state: ProcessState::NotEligible,
            reason: followup_engine::decision::Reason::NoRuleMatched,
            rule: None,
            matched_rules: Vec::new(),
            follow_ups_sent: 0,
            follow_ups_by_representative: 0,
            replies_sent: 0,
            reopened: 0,
            resolved: None,
            late_reply_at: None,
            opened_at: record.created_on,
            replies_by_kind: [0; 6],
            evaluations: 0,
            truncated: false,
            sends: Vec::new(),
            resolved_rule: None,
            shadow: settings.shadow.then(Box::default),
        };
        Self {
            engine,
            config: engine.config(),
            plans,
            plan: Plan::default(),
            planned: false,
            settings,
            record,
            timeline,
            arrivals,
            next_arrival: 0,
            entries: Vec::new(),
            pending: None,
            seen: None,
            last_response: None,
            noted_keys: Vec::new(),
            acting_rule: 0,
            customer_address: None,
            outcome,
        }
    }

    fn run(&mut self, start: Timestamp) {
        let mut now = start;
        loop {
            self.receive_arrivals(now);
            let mut next_check = None;
            // A resolved case is asked again only when a rule may reopen it
            // (docs/behaviour.md 7.1).
            if self.outcome.resolved.is_none() || self.config.rules().iter().any(|rule| rule.reopen.is_some()) {
                next_check = self.settle(now);
            }
            let next_arrival = self.arrivals.get(self.next_arrival).map(|arrival| arrival.at);
            let pending = self.pending.as_ref().and_then(|pending| pending.acts_at);
            let next = [next_arrival, next_check.filter(|at| *at > now), pending.filter(|at| *at > now)]
                .into_iter()
                .flatten()
                .min();
            match next {
                Some(at) if self.settings.until.is_none_or(|until| at <= until) => now = at,
                _ => break,
            }
            if self.outcome.evaluations >= MAX_EVALUATIONS {
                self.outcome.truncated = true;
                self.note(now, format!("stopped after {MAX_EVALUATIONS} evaluations: the clock did not settle"));
                break;
            }
        }
    }

    fn finish(mut self) -> CaseReplay {
        if let Some(shadow) = &mut self.outcome.shadow {
            shadow.in_charge = !self.outcome.matched_rules.is_empty();
        }
        let label = self.record.ticket_number.clone().unwrap_or_else(|| self.record.id.clone());
        CaseReplay {
            case_id: self.record.id,
            label,
            title: self.record.title,
            entries: self.entries,
            outcome: self.outcome,
        }
    }

    /// Recorded items up to `now` arrive.
    fn receive_arrivals(&mut self, now: Timestamp) {
        while let Some(arrival) = self.arrivals.get_mut(self.next_arrival) {
            if arrival.at > now {
                break;
            }
            self.next_arrival += 1;
            let at = arrival.at;
            if let Some(shadow) = &mut self.outcome.shadow {
                watch(shadow, arrival, !self.outcome.matched_rules.is_empty());
            }
            if let Some(kind) = arrival.reply {
                if let Some(count) = ReplyKind::ALL
                    .iter()
                    .position(|known| *known == kind)
                    .and_then(|index| self.outcome.replies_by_kind.get_mut(index))
                {
                    *count += 1;
                }
                if kind.is_response() {
                    match self.outcome.resolved {
                        Some((resolved_at, _)) if at > resolved_at => {
                            self.outcome.late_reply_at.get_or_insert(at);
                            if let Some(shown) = &mut arrival.shown {
                                shown.after_resolution = true;
                            }
                        }
                        _ => {
                            let activity_id = arrival.shown.as_ref().and_then(|shown| shown.activity_id.clone());
                            self.last_response = Some(LastResponse { at, activity_id, kind });
                        }
                    }
                }
            }
            if let Some(shown) = arrival.shown.take() {
                self.entries.push(Entry { at, what: What::Recorded(shown) });
            }
        }
    }

    /// Evaluates at `now`, acting until nothing more is due at this
    /// instant. Returns when the engine asks to be called again.
    fn settle(&mut self, now: Timestamp) -> Option<Timestamp> {
        if let Some(plans) = self.plans {
            if !self.planned || self.plan.revisit_at.is_some_and(|at| now >= at) {
                self.plan = plans.for_case(&self.record, now);
                self.planned = true;
            }
        }
        // A handle of its own, so the assessment does not borrow the clock.
        let plan = self.plan.config.clone();
        let config = plan.as_deref().unwrap_or(self.config);
        let mut next_check = None;
        for _ in 0..MAX_STEPS_PER_INSTANT {
            let assessment = assess(config, &self.record, &self.timeline, now);
            self.outcome.evaluations += 1;
            self.observe(now, &assessment);
            next_check = assessment.next_check_at;
            if !self.respond(now, &assessment) {
                break;
            }
            if self.outcome.resolved.is_some() {
                // A resolved case is not active: the engine's first rule says
                // no action, so it is not asked again.
                self.outcome.state = ProcessState::NotEligible;
                self.outcome.reason = followup_engine::decision::Reason::CaseNotActive;
                return None;
            }
        }
        next_check
    }

    /// Keeps what the outcome and the output need from an assessment.
    fn observe(&mut self, now: Timestamp, assessment: &Assessment<'_>) {
        let rule_index = assessment.rule.map(|rule| rule.index);
        if let Some(index) = rule_index {
            if !self.outcome.matched_rules.contains(&index) {
                self.outcome.matched_rules.push(index);
            }
        }
        self.outcome.state = assessment.state;
        self.outcome.reason = assessment.reason;
        if self.outcome.rule.as_deref() != assessment.rule.map(|rule| rule.id.as_str()) {
            self.outcome.rule = assessment.rule.map(|rule| rule.id.clone());
        }
        if !self.settings.record {
            return;
        }
        let seen = (assessment.state, assessment.reason, rule_index, assessment.due_at, assessment.follow_ups_sent);
        let changed = self.seen != Some(seen);
        self.seen = Some(seen);
        let full = if self.settings.drafts {
            match self.engine.evaluate_record(&self.record, &self.timeline, now) {
                Ok(decision) => Some(Box::new(decision)),
                Err(problem) => {
                    self.note(now, format!("the engine could not draft this decision: {problem}"));
                    None
                }
            }
        } else {
            None
        };
        self.entries.push(Entry {
            at: now,
            what: What::Decision(DecisionEntry {
                state: assessment.state,
                reason: assessment.reason,
                rule: assessment.rule.map(|rule| rule.id.clone()),
                follow_ups_sent: assessment.follow_ups_sent,
                follow_ups_total: assessment.rule.map_or(0, |rule| rule.follow_ups.count),
                next_follow_up: assessment.next_follow_up,
                due_at: assessment.due_at,
                next_check_at: assessment.next_check_at,
                step_key: assessment.step_key.clone(),
                changed,
                full,
            }),
        });
    }

    /// Does what is due, if anything; `true` when the case changed.
    fn respond(&mut self, now: Timestamp, assessment: &Assessment<'_>) -> bool {
        self.customer_address.clone_from(&assessment.customer_address);
        let Some(rule) = assessment.rule else {
            self.pending = None;
            return false;
        };
        let watching = self.outcome.shadow.is_some();
        if let Some(shadow) = &mut self.outcome.shadow {
            note_would_be(shadow, now, assessment);
            // The rule's would-be follow-up goes out (so its later steps can
            // be projected); its would-be resolution is only noted: the
            // recorded history goes on.
            if assessment.state != ProcessState::FollowUpDue {
                return false;
            }
        }
        match assessment.state {
            ProcessState::FollowUpDue | ProcessState::ResolutionDue => {
                let Some(key) = assessment.step_key.as_deref() else {
                    return false;
                };
                self.acting_rule = rule.index;
                let action = if assessment.state == ProcessState::FollowUpDue {
                    let number = assessment.next_follow_up.unwrap_or(assessment.follow_ups_sent.saturating_add(1));
                    if let Some(recorded_at) = self.key_recorded(key) {
                        let text = format!(
                            "follow-up {number} is recorded at {} with this step's key: not sent twice",
                            crate::timefmt::short(recorded_at)
                        );
                        self.note_once(now, key, text);
                        return false;
                    }
                    ActionKind::SendFollowUp { number, of: rule.follow_ups.count, key: key.to_owned() }
                } else {
                    let value = rule.resolution.resolution_type.unwrap_or(self.config.resolution().resolution_type);
                    ActionKind::ResolveCase {
                        key: key.to_owned(),
                        resolution_type: value,
                        label: self.config.statuses().label_of(value),
                    }
                };
                let automation = if watching { Automation::Full } else { rule.automation };
                match automation {
                    Automation::Full => {
                        self.perform(now, Actor::Agent, None, action);
                        true
                    }
                    Automation::Confirm => self.through_policy(now, key, action),
                }
            }
            ProcessState::ReopenSuggested => {
                let (Some(key), Some(reopen)) = (assessment.step_key.as_deref(), rule.reopen.as_ref()) else {
                    return false;
                };
                self.acting_rule = rule.index;
                let action = ActionKind::ReopenCase {
                    key: key.to_owned(),
                    status_reason: reopen.status_reason,
                    label: self.config.statuses().label_of(reopen.status_reason),
                };
                match rule.automation {
                    Automation::Full => {
                        self.perform(now, Actor::Agent, None, action);
                        true
                    }
                    Automation::Confirm => self.through_policy(now, key, action),
                }
            }
            ProcessState::ReplyNeeded => {
                if self.customer_address.is_none() {
                    // No address: the engine drafts no reply (its card asks
                    // for the address), so nobody is answered.
                    self.pending = None;
                    let text = "the customer's message needs a reply, but no address of the customer's is known: nothing was sent".to_owned();
                    self.note_once(now, "reply/no-address", text);
                    return false;
                }
                let (key, regarding, kind) = match &self.last_response {
                    Some(response) => (
                        format!("reply@{}", crate::timefmt::rfc3339(response.at)),
                        response.activity_id.clone(),
                        Some(response.kind),
                    ),
                    None => ("reply".to_owned(), None, None),
                };
                self.through_policy(now, &key, ActionKind::ReplyToCustomer { regarding, kind })
            }
            _ => {
                self.pending = None;
                false
            }
        }
    }

    /// A suggestion for the representative: shown once, acted on when the
    /// policy says.
    fn through_policy(&mut self, now: Timestamp, key: &str, action: ActionKind) -> bool {
        if let Some(pending) = self.pending.as_ref().filter(|pending| pending.key == key) {
            let shown_at = pending.shown_at;
            if pending.acts_at.is_some_and(|at| at <= now) {
                self.pending = None;
                self.perform(now, Actor::Representative, Some(shown_at), action);
                return true;
            }
            return false;
        }
        let acts_at = self.settings.policy.acts_at(now);
        self.pending = Some(Pending { key: key.to_owned(), shown_at: now, acts_at });
        if acts_at.is_some_and(|at| at <= now) {
            self.pending = None;
            self.perform(now, Actor::Representative, Some(now), action);
            return true;
        }
        if self.settings.record {
            self.entries
                .push(Entry { at: now, what: What::Suggestion(SuggestionEntry { kind: action, accept_at: acts_at }) });
        }
        false
    }

    /// Carries out an action on the replayed case.
    fn perform(&mut self, now: Timestamp, by: Actor, suggested_at: Option<Timestamp>, action: ActionKind) {
        match &action {
            ActionKind::SendFollowUp { number, of, key } => {
                let subject = format!("Follow-up {number} of {of}");
                let email = self.outgoing(now, subject, Some(key.clone()));
                self.insert(TimelineItem::Email(email));
                self.outcome.follow_ups_sent += 1;
                self.outcome.sends.push((now, self.acting_rule, by));
                if by == Actor::Representative {
                    self.outcome.follow_ups_by_representative += 1;
                }
            }
            ActionKind::ResolveCase { resolution_type, .. } => {
                let state = self
                    .config
                    .statuses()
                    .by_value(*resolution_type)
                    .map_or(CaseState::Resolved, |reason| reason.state);
                self.insert(TimelineItem::StatusChange(StatusChange { at: now, status_reason: *resolution_type }));
                self.record.state = state;
                self.record.status_reason = *resolution_type;
                self.outcome.resolved = Some((now, by));
                self.outcome.resolved_rule = Some(self.acting_rule);
                self.pending = None;
            }
            ActionKind::ReopenCase { status_reason, .. } => {
                self.insert(TimelineItem::StatusChange(StatusChange { at: now, status_reason: *status_reason }));
                self.record.state = CaseState::Active;
                self.record.status_reason = *status_reason;
                self.outcome.resolved = None;
                self.outcome.reopened += 1;
                self.pending = None;
            }
            ActionKind::ReplyToCustomer { .. } => {
                let email = self.outgoing(now, "RE: your message".to_owned(), None);
                self.insert(TimelineItem::Email(email));
                self.outcome.replies_sent += 1;
            }
        }
        if self.settings.record {
            self.entries.push(Entry { at: now, what: What::Action(ActionEntry { by, suggested_at, kind: action }) });
        }
    }

    fn outgoing(&self, now: Timestamp, subject: String, follow_up_key: Option<String>) -> Email {
        let number = self.outcome.follow_ups_sent + self.outcome.replies_sent + 1;
        let mut email = Email::new(Direction::Outgoing, now);
        email.id = Some(format!("host-sim-{number}"));
        email.set_from(self.config.sender().address.clone(), None);
        // To whom the engine would write: the case's address, else the
        // address the customer wrote from (never a recipient of its own).
        email.to = self
            .customer_address
            .as_deref()
            .and_then(|text| followup_engine::Mailbox::parse(text).ok())
            .map(|mailbox| mailbox.address)
            .into_iter()
            .collect();
        email.set_subject(subject);
        email.follow_up_key = follow_up_key;
        email
    }

    /// Inserts an item at its time, after anything recorded at the same instant.
    fn insert(&mut self, item: TimelineItem) {
        let at = item.at();
        let index = self.timeline.items.partition_point(|existing| existing.at() <= at);
        self.timeline.items.insert(index, item);
    }

    /// When an outgoing email anywhere on the timeline (recorded later
    /// included) carries `key`: the step is done, never twice.
    fn key_recorded(&self, key: &str) -> Option<Timestamp> {
        self.timeline.items.iter().find_map(|item| match item {
            TimelineItem::Email(email)
                if email.direction == Direction::Outgoing && email.follow_up_key.as_deref() == Some(key) =>
            {
                Some(email.at)
            }
            _ => None,
        })
    }

    fn note_once(&mut self, now: Timestamp, key: &str, text: String) {
        if self.noted_keys.iter().any(|noted| noted == key) {
            return;
        }
        self.noted_keys.push(key.to_owned());
        self.note(now, text);
    }

    fn note(&mut self, now: Timestamp, text: String) {
        if self.settings.record {
            self.entries.push(Entry { at: now, what: What::Note(text) });
        }
    }
}

#[cfg(test)]
mod tests;
