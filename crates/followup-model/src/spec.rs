//! `docs/behaviour.md` in code: the decision for one case at one instant,
//! by one forward walk over the events seen so far, oldest first. Each
//! function names the statement of behaviour.md it follows.

use crate::history::{CASE_ID, COLLEAGUE, CUSTOMER, History, Item, Kind, RULE_ID, SENDER, rfc3339};

/// A response recorded up to this long before an agent follow-up is still
/// open: the follow-up does not answer it.
pub const TOLERANCE: i64 = 5 * 60;

/// An event the walk reads: a recorded item, or what the host did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A recorded timeline item.
    Recorded(Item),
    /// A follow-up the host sent, with its key.
    Sent {
        /// When.
        at: i64,
        /// Its key.
        key: String,
        /// Its activity id.
        id: String,
    },
    /// A reply the representative wrote.
    Replied {
        /// When.
        at: i64,
        /// Its activity id.
        id: String,
    },
}

impl Event {
    /// When it happened.
    #[must_use]
    pub fn at(&self) -> i64 {
        match self {
            Self::Recorded(item) => item.at(),
            Self::Sent { at, .. } | Self::Replied { at, .. } => *at,
        }
    }
}

/// Where the process stands, as the decision says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No rule runs (status never a trigger).
    NotEligible,
    /// The status left the trigger.
    StatusChanged,
    /// Favorable answer: the chase ended.
    Favorable,
    /// A bounce: paused.
    Paused,
    /// A person must reply.
    ReplyNeeded,
    /// Follow-up `number` is due at `due`.
    FollowUp {
        /// Its number.
        number: u32,
        /// When.
        due: i64,
    },
    /// Resolution due at `due`.
    Resolution {
        /// When.
        due: i64,
    },
}

/// The decision at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Where the process stands.
    pub standing: Standing,
    /// The due step's key.
    pub key: Option<String>,
    /// When the latest response needing a person arrived (the reply's key).
    pub open_response_at: Option<i64>,
}

impl Decision {
    /// `(state, reason)` as the engine names them, at `now`.
    #[must_use]
    pub fn names(&self, now: i64) -> (&'static str, &'static str) {
        match self.standing {
            Standing::NotEligible => ("notEligible", "statusNotTrigger"),
            Standing::StatusChanged => ("stopped", "statusChanged"),
            Standing::Favorable => ("stopped", "favorableResponse"),
            Standing::Paused => ("paused", "deliveryFailed"),
            Standing::ReplyNeeded => ("replyNeeded", "responseNeedsReply"),
            Standing::FollowUp { due, .. } | Standing::Resolution { due } if due > now => {
                ("waiting", "awaitingResponse")
            }
            Standing::FollowUp { .. } => ("followUpDue", "followUpDue"),
            Standing::Resolution { .. } => ("resolutionDue", "followUpsUnanswered"),
        }
    }
}

/// Who an incoming message is from, for the cycle (behaviour.md: own
/// addresses, the customer, anyone else).
fn from_customer(from: &str) -> bool {
    from.eq_ignore_ascii_case(CUSTOMER)
}

fn is_own(address: &str) -> bool {
    address.eq_ignore_ascii_case(SENDER) || address.eq_ignore_ascii_case(COLLEAGUE)
}

/// The walk's state.
#[derive(Debug, Default)]
struct Walk {
    /// The latest Status Reason change seen.
    status: Option<i64>,
    /// When the current cycle started (the status entered a trigger).
    cycle_start: Option<i64>,
    /// When the status last left the trigger.
    left_at: Option<i64>,
    /// The representative's email to the customer outside a cycle, while unanswered.
    waiting_email: Option<i64>,
    /// Follow-ups counted in the current sequence (times).
    follow_ups: Vec<i64>,
    /// When the current sequence started.
    sequence_start: i64,
    /// The latest real response from the customer.
    last_response: Option<i64>,
    /// A response after the last follow-up that needs a person.
    open_response: Option<i64>,
    /// A favorable answer in this cycle.
    favorable: bool,
    /// A bounce of an email sent after the latest response.
    paused: bool,
    /// Whether an email went to the customer since the latest response.
    emailed_since_response: bool,
    /// Activity ids and keys already counted.
    seen: Vec<String>,
}

/// The decision at `now` over `events` (those at or before `now`, oldest
/// first as the host holds them).
#[must_use]
pub fn decide(history: &History, events: &[Event], now: i64) -> Decision {
    let rule = &history.rule;
    let mut walk = Walk::default();
    let mut ordered: Vec<&Event> = events.iter().filter(|event| event.at() <= now).collect();
    // Same-instant items: a documented order, never the input's.
    ordered.sort_by_key(|event| (event.at(), tie_rank(event)));
    for event in ordered {
        walk.step(history, event);
    }
    let current = walk.status.unwrap_or(history.record_status);
    let in_trigger = rule.triggers.contains(&current);
    let none = |standing| Decision { standing, key: None, open_response_at: None };
    let Some(start) = walk.cycle_start.filter(|_| in_trigger) else {
        if walk.left_at.is_some() {
            return none(Standing::StatusChanged);
        }
        if in_trigger {
            // No change into the trigger on the timeline: the cycle runs from createdon.
            return decide_cycle(history, &walk, history.created_on.max(i64::MIN), now);
        }
        return none(Standing::NotEligible);
    };
    decide_cycle(history, &walk, start, now)
}

fn decide_cycle(history: &History, walk: &Walk, start: i64, now: i64) -> Decision {
    let rule = &history.rule;
    let none = |standing| Decision { standing, key: None, open_response_at: None };
    if walk.paused {
        return none(Standing::Paused);
    }
    if walk.favorable {
        return none(Standing::Favorable);
    }
    if let Some(at) = walk.open_response {
        return Decision { standing: Standing::ReplyNeeded, key: None, open_response_at: Some(at) };
    }
    let sent = u32::try_from(walk.follow_ups.len()).unwrap_or(u32::MAX);
    let anchor = walk.follow_ups.last().copied().unwrap_or(walk.sequence_start.max(start));
    let due = anchor + rule.wait_after(sent);
    let sequence = walk.sequence_start.max(start);
    let (standing, step) = if sent < rule.count {
        (Standing::FollowUp { number: sent + 1, due }, format!("followUp-{}", sent + 1))
    } else {
        (Standing::Resolution { due }, "resolve".to_owned())
    };
    let key = (due <= now).then(|| format!("{CASE_ID}/{RULE_ID}/{}/{step}", rfc3339(sequence)));
    Decision { standing, key, open_response_at: None }
}

/// The order of same-instant events: status changes first, then what the
/// organisation sent, then what came in.
fn tie_rank(event: &Event) -> u8 {
    match event {
        Event::Recorded(Item::Status { .. }) => 0,
        Event::Recorded(Item::Mail(mail)) if mail.outgoing => 1,
        Event::Sent { .. } | Event::Replied { .. } => 1,
        Event::Recorded(Item::Call(_)) | Event::Recorded(Item::Mail(_)) => 2,
    }
}

impl Walk {
    fn step(&mut self, history: &History, event: &Event) {
        match event {
            Event::Recorded(Item::Status { at, value }) => self.status_change(history, *at, *value),
            Event::Recorded(Item::Mail(mail)) if mail.outgoing => {
                let to_customer = mail.to.iter().chain(&mail.cc).any(|address| address.eq_ignore_ascii_case(CUSTOMER));
                if mail.draft || !to_customer || !self.first_time(mail.id.as_deref(), mail.key.as_deref()) {
                    return;
                }
                self.email_out(history, mail.at, mail.key.is_some());
            }
            Event::Recorded(Item::Mail(mail)) => {
                if is_own(&mail.from) || !self.first_time(mail.id.as_deref(), None) {
                    return;
                }
                match mail.kind {
                    Kind::Bounce => self.bounce(),
                    Kind::AutoReply => {}
                    kind if from_customer(&mail.from) => self.response(mail.at, kind),
                    _ => {}
                }
            }
            Event::Recorded(Item::Call(call)) => {
                if call.completed && self.first_time(call.id.as_deref(), None) {
                    self.response(call.at, Kind::Other);
                }
            }
            Event::Sent { at, key, id } => {
                if self.first_time(Some(id), Some(key)) {
                    self.email_out(history, *at, true);
                }
            }
            Event::Replied { at, id } => {
                if self.first_time(Some(id), None) {
                    self.email_out(history, *at, false);
                }
            }
        }
    }

    /// The same activity id or follow-up key twice counts once.
    fn first_time(&mut self, id: Option<&str>, key: Option<&str>) -> bool {
        let names: Vec<String> =
            id.map(|id| format!("id:{id}")).into_iter().chain(key.map(|key| format!("key:{key}"))).collect();
        if names.iter().any(|name| self.seen.contains(name)) {
            return false;
        }
        self.seen.extend(names);
        true
    }

    fn in_cycle(&self) -> bool {
        self.cycle_start.is_some()
    }

    fn status_change(&mut self, history: &History, at: i64, value: i64) {
        let triggers = &history.rule.triggers;
        let was = self.status.is_some_and(|old| triggers.contains(&old));
        let is = triggers.contains(&value);
        self.status = Some(value);
        if is && !was {
            // A new cycle: nothing from an earlier one counts.
            self.cycle_start = Some(at);
            self.sequence_start = at;
            self.follow_ups.clear();
            self.open_response = None;
            self.favorable = false;
            self.paused = false;
            if let (Some(email), true) = (self.waiting_email, history.rule.representative_counts) {
                self.follow_ups.push(email);
            }
            self.waiting_email = None;
        } else if was && !is {
            self.cycle_start = None;
            self.left_at = Some(at);
            self.waiting_email = None;
        }
    }

    fn email_out(&mut self, history: &History, at: i64, agent: bool) {
        if !self.in_cycle() {
            if !agent {
                self.waiting_email = Some(at);
            }
            self.emailed_since_response = true;
            return;
        }
        if self.favorable {
            return;
        }
        if let Some(response) = self.open_response {
            if agent && response >= at - TOLERANCE {
                return;
            }
            self.open_response = None;
        }
        if agent || history.rule.representative_counts {
            self.follow_ups.push(at);
        }
        self.paused = false;
        self.emailed_since_response = true;
    }

    fn bounce(&mut self) {
        if !self.in_cycle() {
            self.waiting_email = None;
            return;
        }
        if self.emailed_since_response {
            self.paused = true;
        }
    }

    fn response(&mut self, at: i64, kind: Kind) {
        self.last_response = Some(at);
        self.emailed_since_response = false;
        self.waiting_email = None;
        if !self.in_cycle() {
            return;
        }
        self.follow_ups.clear();
        self.sequence_start = at;
        self.paused = false;
        if kind == Kind::Favorable {
            self.favorable = true;
        } else {
            self.open_response = Some(at);
        }
    }
}
