//! The host around the model: the same virtual clock as host-sim's replay
//! loop (decide at every recorded instant and whenever a step falls due,
//! perform what is due, let the representative act after the policy's
//! delay), written again here so the comparison covers the whole run.

use crate::history::{History, Item, Kind};
use crate::run::{Action, Run, State};
use crate::spec::{Decision, Event, Standing, decide};

/// Most decisions at one instant (each follows an action), as host-sim.
const MAX_STEPS_PER_INSTANT: u32 = 16;
/// Most decisions for one case, as host-sim.
const MAX_DECISIONS: u32 = 10_000;

/// A step to carry out.
struct Step {
    number: Option<u32>,
    key: Option<String>,
    resolve: bool,
}

/// A suggestion waiting for the representative.
struct Pending {
    key: String,
    acts_at: Option<i64>,
}

struct Host<'h> {
    history: &'h History,
    events: Vec<Event>,
    arrived: usize,
    run: Run,
    pending: Option<Pending>,
    /// The latest incoming message host-sim counts as a response (its reply key).
    last_response: Option<i64>,
    sent: u32,
    decisions: u32,
}

/// Replays `history` through the model.
#[must_use]
pub fn walk(history: &History) -> Run {
    let mut host = Host {
        history,
        // The engine is given the whole recorded timeline and reads what is
        // at or before `now`; the host adds what it does.
        events: history.items.iter().cloned().map(Event::Recorded).collect(),
        arrived: 0,
        run: Run::default(),
        pending: None,
        last_response: None,
        sent: 0,
        decisions: 0,
    };
    let first_change = history.items.iter().find_map(|item| match item {
        Item::Status { at, .. } => Some(*at),
        _ => None,
    });
    let mut now = first_change.unwrap_or_else(|| {
        history.items.first().map_or(history.created_on, |first| first.at().min(history.created_on))
    });
    loop {
        host.receive(now);
        let next_check = if host.run.resolved_at.is_none() { host.settle(now) } else { None };
        let next_arrival = history.items.get(host.arrived).map(Item::at);
        let pending = host.pending.as_ref().and_then(|pending| pending.acts_at);
        let next = [next_arrival, next_check.filter(|at| *at > now), pending.filter(|at| *at > now)]
            .into_iter()
            .flatten()
            .min();
        match next {
            Some(at) => now = at,
            None => break,
        }
        if host.decisions >= MAX_DECISIONS {
            break;
        }
    }
    host.run
}

impl Host<'_> {
    fn receive(&mut self, now: i64) {
        while let Some(item) = self.history.items.get(self.arrived) {
            if item.at() > now {
                break;
            }
            self.arrived += 1;
            let response = match item {
                Item::Mail(mail) => !mail.outgoing && mail.kind.is_response(),
                // host-sim's reading: a host's `autoReply` or `bounce` on
                // an activity is no response (§5.5).
                Item::Call(call) => !call.outgoing && call.host_kind.is_none_or(Kind::is_response),
                Item::Status { .. } => false,
            };
            if response && self.run.resolved_at.is_none_or(|resolved| item.at() <= resolved) {
                self.last_response = Some(item.at());
            }
        }
    }

    /// Decides and acts until nothing more is due at `now`; the next check.
    fn settle(&mut self, now: i64) -> Option<i64> {
        let mut next_check = None;
        for _ in 0..MAX_STEPS_PER_INSTANT {
            let decision = decide(self.history, &self.events, now);
            self.decisions += 1;
            self.observe(now, &decision);
            next_check = decision.next_check(now);
            if !self.respond(now, &decision) {
                break;
            }
            if self.run.resolved_at.is_some() {
                self.run.last = Some(State { state: "notEligible".to_owned(), reason: "caseNotActive".to_owned() });
                return None;
            }
        }
        next_check
    }

    fn observe(&mut self, now: i64, decision: &Decision) {
        let (state, reason) = decision.names(now);
        let state = State { state: state.to_owned(), reason: reason.to_owned() };
        if self.history.items.iter().any(|item| item.at() == now) {
            match self.run.states.last_mut() {
                Some((when, last)) if *when == now => *last = state.clone(),
                _ => self.run.states.push((now, state.clone())),
            }
        }
        self.run.last = Some(state);
    }

    /// Performs what is due; `true` when the case changed.
    fn respond(&mut self, now: i64, decision: &Decision) -> bool {
        let (state, _) = decision.names(now);
        let key = &decision.key;
        match state {
            "followUpDue" | "resolutionDue" => {
                let follow_up = match decision.standing {
                    Standing::FollowUp { number, .. } => Some(number),
                    _ => None,
                };
                if follow_up.is_some() && self.key_recorded(key) {
                    return false;
                }
                let step = Step { number: follow_up, key: Some(key.clone()), resolve: state == "resolutionDue" };
                if self.history.rule.full {
                    self.perform(now, "agent", decision, step);
                    true
                } else {
                    self.through_policy(now, key, decision, step)
                }
            }
            // §5.1: with no address nothing is drafted, nobody is answered.
            "replyNeeded" if decision.customer.is_none() => {
                self.pending = None;
                false
            }
            "replyNeeded" => {
                let key = self.last_response.map_or_else(|| "reply".to_owned(), |at| format!("reply@{at}"));
                self.through_policy(now, &key, decision, Step { number: None, key: None, resolve: false })
            }
            _ => {
                self.pending = None;
                false
            }
        }
    }

    fn through_policy(&mut self, now: i64, pending_key: &str, decision: &Decision, step: Step) -> bool {
        if let Some(pending) = self.pending.as_ref().filter(|pending| pending.key == pending_key) {
            if pending.acts_at.is_some_and(|at| at <= now) {
                self.pending = None;
                self.perform(now, "representative", decision, step);
                return true;
            }
            return false;
        }
        let acts_at = self.history.accept_after.map(|delay| now + delay);
        self.pending = Some(Pending { key: pending_key.to_owned(), acts_at });
        if acts_at.is_some_and(|at| at <= now) {
            self.pending = None;
            self.perform(now, "representative", decision, step);
            return true;
        }
        false
    }

    fn perform(&mut self, now: i64, by: &'static str, decision: &Decision, step: Step) {
        let Step { number, key, resolve } = step;
        if resolve {
            self.run.resolved_at = Some(now);
            self.pending = None;
            self.run.actions.push(Action { at: now, action: "resolveCase", by, number: None, key });
            return;
        }
        self.sent += 1;
        let id = format!("host-sim-{}", self.sent);
        // The drafted email goes to the customer (§4.6).
        let to: Vec<String> = decision.customer.iter().cloned().collect();
        let action = if number.is_some() { "sendFollowUp" } else { "replyToCustomer" };
        self.events.push(Event::Sent { at: now, id, key: key.clone(), to });
        self.run.actions.push(Action { at: now, action, by, number, key });
    }

    /// Whether an outgoing email anywhere on the timeline (recorded later
    /// included) carries `key`.
    fn key_recorded(&self, key: &str) -> bool {
        let recorded = self.history.items.iter().any(|item| match item {
            Item::Mail(mail) => mail.outgoing && mail.key.as_deref() == Some(key),
            _ => false,
        });
        recorded || self.events.iter().any(|event| matches!(event, Event::Sent { key: Some(sent), .. } if sent == key))
    }
}
