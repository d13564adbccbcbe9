//! `docs/behaviour.md` in code: the decision for one case at one instant,
//! by one forward walk over the events seen so far. Section numbers (`§4.2`)
//! are the document's.

use crate::history::{CASE_ID, CUSTOMER, Call, CallState, History, Item, Kind, Mail, RULE_ID, SENDER, rfc3339};

/// The default `followUps.replyTolerance` (§1.3).
pub const DEFAULT_TOLERANCE: i64 = 5 * 60;

/// An event the walk reads: a recorded item, or what the host did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A recorded timeline item.
    Recorded(Item),
    /// An email the host sent: a follow-up (with its key) or a reply.
    Sent {
        /// When.
        at: i64,
        /// Its activity id.
        id: String,
        /// The follow-up's key (`None`: the representative's reply).
        key: Option<String>,
        /// Its recipients.
        to: Vec<String>,
    },
}

impl Event {
    fn at(&self) -> i64 {
        match self {
            Self::Recorded(item) => item.at(),
            Self::Sent { at, .. } => *at,
        }
    }
}

/// Where the process stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not in a trigger status, and the timeline does not show it left one (§2.4).
    NotEligible,
    /// The status left the trigger (§2.4).
    StatusChanged,
    /// The change into the trigger is missing and `modifiedon` does not help (§3.3).
    CycleStartUnknown,
    /// The latest open response is favorable (§5.2).
    Favorable,
    /// A delivery failure (§6.2).
    Paused,
    /// The customer's message needs a person (§5.1).
    ReplyNeeded,
    /// A step fell due but nobody is known to write to (§4.6).
    NoCustomerAddress,
    /// Follow-up `number` is due at `due` (§4.5).
    FollowUp {
        /// Its number.
        number: u32,
        /// When.
        due: i64,
    },
    /// Resolution for silence is due at `due` (§4.5).
    Resolution {
        /// When.
        due: i64,
    },
    /// Customer-confirmed resolution (§7).
    ConfirmedResolution,
}

/// The decision at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Where the process stands.
    pub standing: Standing,
    /// The due step's idempotency key (§9).
    pub key: String,
    /// Who a follow-up goes to (§4.6).
    pub customer: Option<String>,
}

impl Decision {
    /// `(state, reason)` as the engine names them, at `now`.
    #[must_use]
    pub fn names(&self, now: i64) -> (&'static str, &'static str) {
        match self.standing {
            Standing::NotEligible => ("notEligible", "statusNotTrigger"),
            Standing::StatusChanged => ("stopped", "statusChanged"),
            Standing::CycleStartUnknown => ("paused", "cycleStartUnknown"),
            Standing::Favorable => ("stopped", "favorableResponse"),
            Standing::Paused => ("paused", "deliveryFailed"),
            Standing::ReplyNeeded => ("replyNeeded", "responseNeedsReply"),
            Standing::NoCustomerAddress => ("paused", "noCustomerAddress"),
            Standing::FollowUp { due, .. } | Standing::Resolution { due } if due > now => {
                ("waiting", "awaitingResponse")
            }
            Standing::FollowUp { .. } => ("followUpDue", "followUpDue"),
            Standing::Resolution { .. } => ("resolutionDue", "followUpsUnanswered"),
            Standing::ConfirmedResolution => ("resolutionDue", "favorableResponse"),
        }
    }

    /// When to decide again if nothing happens (§8.3).
    #[must_use]
    pub fn next_check(&self, now: i64) -> Option<i64> {
        match self.standing {
            Standing::FollowUp { due, .. } | Standing::Resolution { due } if due > now => Some(due),
            _ => None,
        }
    }
}

/// What an item is for the follow-up rules (§1.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    StatusChange(i64),
    /// An email to the customer; `agent` when it carries a `followUpKey`.
    ToCustomer {
        agent: bool,
    },
    DeliveryFailure {
        /// Whether its `X-Failed-Recipients` names others but not the customer.
        not_about_customer: bool,
        /// Whether its `X-Failed-Recipients` names the customer.
        names_customer: bool,
    },
    Response {
        kind: Kind,
        /// An email from the customer (not logged contact).
        email: bool,
    },
    Ignored,
}

/// One item as read: what it is, with what ordering and keys need.
#[derive(Debug, Clone)]
struct Read {
    what: What,
    /// The recorded time.
    at: i64,
    /// The effective time (§1.3).
    effective: i64,
    /// 1: status, 2: outgoing email, 3: other activity, 4: incoming email (§1.2).
    rank: u8,
    id: Option<String>,
    /// Sender, recipients, subject and body, for the last tie-break (§1.2).
    content: String,
    follow_up_key: Option<String>,
}

impl Read {
    /// How the item is named in a key (§9).
    fn anchor(&self) -> String {
        self.id.clone().unwrap_or_else(|| rfc3339(self.at))
    }
}

fn same_address(left: &str, right: &str) -> bool {
    left.trim().eq_ignore_ascii_case(right.trim())
}

/// Our own addresses (§1.5): the sender, or the configured list.
fn is_own(history: &History, address: &str) -> bool {
    same_address(address, SENDER)
        || (history.own_domain && address.trim().to_ascii_lowercase().ends_with("@contoso.com"))
}

/// The customer's address (§1.5): the record's, else the sender of the
/// first incoming email visible at `now` (by time, then activity id) that
/// is not ours, not a draft and not a delivery failure.
fn customer(history: &History, now: i64) -> Option<String> {
    if history.customer_on_record {
        return Some(CUSTOMER.to_owned());
    }
    history
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Mail(mail) if !mail.outgoing && !mail.draft && mail.kind != Kind::Bounce && mail.at <= now => {
                let from = mail.from.as_ref().filter(|from| !is_own(history, from))?;
                Some((mail.at, mail.id.clone(), from.clone()))
            }
            _ => None,
        })
        .min()
        .map(|(_, _, from)| from)
}

/// What an item is (§1.6), tested in the document's order.
fn classify(history: &History, customer: Option<&str>, event: &Event) -> What {
    let is_customer = |address: &str| customer.is_some_and(|c| same_address(c, address));
    match event {
        Event::Recorded(Item::Status { value, .. }) => What::StatusChange(*value),
        Event::Sent { key, to, .. } => {
            if to.iter().any(|address| is_customer(address)) {
                What::ToCustomer { agent: key.is_some() }
            } else {
                What::Ignored
            }
        }
        Event::Recorded(Item::Mail(mail)) if mail.outgoing => {
            let recipients = || mail.to.iter().chain(&mail.cc);
            if mail.draft || recipients().next().is_none() || !recipients().any(|address| is_customer(address)) {
                What::Ignored
            } else {
                What::ToCustomer { agent: mail.key.is_some() }
            }
        }
        Event::Recorded(Item::Mail(mail)) => incoming(history, mail, &is_customer),
        Event::Recorded(Item::Call(call)) => contact(call),
    }
}

fn incoming(history: &History, mail: &Mail, is_customer: &dyn Fn(&str) -> bool) -> What {
    let Some(from) = mail.from.as_deref() else {
        return What::Ignored;
    };
    if mail.kind == Kind::Bounce {
        let named: Vec<&str> = mail
            .failed_recipients
            .as_deref()
            .map(|named| named.split([',', ';']).map(str::trim).filter(|part| !part.is_empty()).collect())
            .unwrap_or_default();
        let names_customer = named.iter().any(|address| is_customer(address));
        return What::DeliveryFailure { not_about_customer: !named.is_empty() && !names_customer, names_customer };
    }
    if is_own(history, from) || !is_customer(from) || mail.kind == Kind::AutoReply {
        // An own copy, a third party's message, an automatic reply.
        return What::Ignored;
    }
    What::Response { kind: mail.kind, email: true }
}

/// Logged contact (§5.5): an incoming activity, or a completed call that
/// reached the customer; a host's `autoReply` means no contact.
fn contact(call: &Call) -> What {
    let reached = !call.outgoing || (call.state == CallState::Completed && !call.voicemail);
    if call.state == CallState::Canceled || call.host_kind == Some(Kind::AutoReply) || !reached {
        return What::Ignored;
    }
    match call.host_kind.unwrap_or(call.kind) {
        Kind::AutoReply | Kind::Bounce => What::Response { kind: Kind::Other, email: false },
        kind => What::Response { kind, email: false },
    }
}

/// The visible items, read, given their effective times (§1.3), in the
/// order of §1.2, duplicates left out (§1.4).
fn read_timeline(history: &History, events: &[Event], now: i64) -> Vec<Read> {
    let customer = customer(history, now);
    let mut items: Vec<Read> = events
        .iter()
        .filter(|event| event.at() <= now)
        .map(|event| {
            let what = classify(history, customer.as_deref(), event);
            let (rank, id, content, follow_up_key) = match event {
                Event::Recorded(Item::Status { value, .. }) => (1, None, value.to_string(), None),
                Event::Recorded(Item::Mail(mail)) => (
                    if mail.outgoing { 2 } else { 4 },
                    mail.id.clone(),
                    format!("{:?} {:?} {:?}", mail.from, mail.to, mail.cc),
                    mail.key.clone(),
                ),
                Event::Recorded(Item::Call(call)) => (3, call.id.clone(), String::new(), None),
                Event::Sent { id, key, to, .. } => (2, Some(id.clone()), format!("{SENDER:?} {to:?}"), key.clone()),
            };
            Read { what, at: event.at(), effective: event.at(), rank, id, content, follow_up_key }
        })
        .collect();
    // §1.2, §1.4: in recorded-time order, duplicates left out (the first
    // kept) before effective times are given.
    items.sort_by(|a, b| (a.at, a.rank, &a.id, &a.content).cmp(&(b.at, b.rank, &b.id, &b.content)));
    let mut ids: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    items.retain(|item| {
        let repeated = item.id.as_ref().is_some_and(|id| ids.contains(id))
            || item.follow_up_key.as_ref().is_some_and(|key| keys.contains(key));
        ids.extend(item.id.clone());
        keys.extend(item.follow_up_key.clone());
        !repeated
    });
    let tolerance = history.rule.tolerance.unwrap_or(DEFAULT_TOLERANCE);
    let agent_sends: Vec<i64> =
        items.iter().filter(|item| item.what == What::ToCustomer { agent: true }).map(|item| item.at).collect();
    for item in &mut items {
        if let What::Response { .. } = item.what {
            // Crossed in transit with an agent follow-up: read after it.
            if let Some(send) =
                agent_sends.iter().filter(|send| **send > item.at && **send - tolerance <= item.at).max()
            {
                item.effective = *send;
            }
        }
    }
    items.sort_by(|a, b| (a.effective, a.rank, &a.id, &a.content).cmp(&(b.effective, b.rank, &b.id, &b.content)));
    items
}

/// The Status Reason at `now` (§2.3): the record's, unless changes are
/// recorded after `now`.
fn status_now(history: &History, events: &[Event], items: &[Read], now: i64) -> Option<i64> {
    let hidden_change =
        events.iter().any(|event| matches!(event, Event::Recorded(Item::Status { at, .. }) if *at > now));
    if !hidden_change {
        return Some(history.record_status);
    }
    items.iter().rev().find_map(|item| match item.what {
        What::StatusChange(value) => Some(value),
        _ => None,
    })
}

/// The decision at `now` over `events` (the recorded items that arrived and
/// what the host did).
#[must_use]
pub fn decide(history: &History, events: &[Event], now: i64) -> Decision {
    let items = read_timeline(history, events, now);
    let customer = customer(history, now);
    let decision = |standing| Decision { standing, key: String::new(), customer: customer.clone() };
    let triggers = &history.rule.triggers;
    let is_trigger = |value: i64| triggers.contains(&value);
    let changes: Vec<(usize, i64)> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| match item.what {
            What::StatusChange(value) => Some((index, value)),
            _ => None,
        })
        .collect();
    let current = status_now(history, events, &items, now);
    if !current.is_some_and(is_trigger) {
        // §2.4: the timeline shows it left a trigger.
        let left = changes
            .windows(2)
            .any(|pair| matches!(pair, [(_, from), (_, to)] if is_trigger(*from) && !is_trigger(*to)));
        return decision(if left { Standing::StatusChanged } else { Standing::NotEligible });
    }
    // §3.1, §3.3: where the cycle starts (index of the first item in it, and the instant).
    let (first, start) = match changes.last() {
        None => (items.partition_point(|item| item.effective < history.created_on), history.created_on),
        Some((_, value)) if is_trigger(*value) => {
            let mut entered = None;
            let mut before: Option<i64> = None;
            for (index, value) in &changes {
                if is_trigger(*value) && !before.is_some_and(is_trigger) {
                    entered = Some(*index);
                }
                before = Some(*value);
            }
            let index = entered.unwrap_or(0);
            (index + 1, items.get(index).map_or(history.created_on, |item| item.effective))
        }
        Some((index, _)) => {
            let last_change_at = items.get(*index).map_or(i64::MIN, |item| item.effective);
            // A `modifiedon` after `now` (a replay of the past) says nothing yet.
            match history.modified_on.filter(|modified| *modified > last_change_at && *modified <= now) {
                Some(modified) => (items.partition_point(|item| item.effective < modified).max(index + 1), modified),
                None => return decision(Standing::CycleStartUnknown),
            }
        }
    };
    let (before, during) = items.split_at(first.min(items.len()));
    let mut cycle = Cycle::new(history, start, representative_email(history, before));
    for item in during {
        cycle.read(item);
    }
    let mut found = decision(cycle.standing());
    found.key = key(history, &items, &cycle, &found.standing);
    // §4.6: before the waits, whether or not a step is due yet.
    let waiting = matches!(found.standing, Standing::FollowUp { .. } | Standing::Resolution { .. });
    if waiting && (customer.is_none() || customer_bounced(&items)) {
        found.standing = Standing::NoCustomerAddress;
    }
    found
}

/// §4.6: a delivery failure naming the customer's address came after the
/// customer's latest message.
fn customer_bounced(items: &[Read]) -> bool {
    let mut bounced = false;
    for item in items {
        match item.what {
            What::DeliveryFailure { names_customer: true, .. } => bounced = true,
            What::Response { email: true, .. } => bounced = false,
            _ => {}
        }
    }
    bounced
}

/// §4.2: the representative's unanswered email before the cycle that counts
/// as follow-up 1, if any.
fn representative_email<'r>(history: &History, before: &'r [Read]) -> Option<&'r Read> {
    if !history.rule.representative_counts {
        return None;
    }
    let mut candidate = None;
    let mut status: Option<i64> = None;
    for item in before {
        match item.what {
            What::StatusChange(value) => {
                // Before the first change the status is not known: a change
                // to a non-trigger value may be a change out of a trigger.
                let was_trigger = status.is_none_or(|old| history.rule.triggers.contains(&old));
                if was_trigger && !history.rule.triggers.contains(&value) {
                    candidate = None;
                }
                status = Some(value);
            }
            What::ToCustomer { agent: false } => candidate = Some(item),
            // A delivery failure that does not name only other addresses
            // clears the candidate, whichever email it concerns.
            What::DeliveryFailure { not_about_customer: false, .. } | What::Response { .. } => candidate = None,
            What::ToCustomer { agent: true } | What::DeliveryFailure { .. } | What::Ignored => {}
        }
    }
    candidate
}

/// The current cycle, read forward.
struct Cycle<'h> {
    history: &'h History,
    start: i64,
    /// When the current sequence began (the cycle start or the latest response).
    sequence_start: i64,
    /// Times of the emails counted as follow-ups in the sequence.
    follow_ups: Vec<i64>,
    /// The latest email to the customer in the sequence, counted or not (§4.5).
    anchor: Option<i64>,
    /// Whether that latest email is counted.
    anchor_counted: bool,
    /// The latest open response's kind (§5.1).
    open: Option<Kind>,
    /// A delivery failure of the anchor email (§6.2).
    paused: bool,
    /// The latest response read, for §7's key.
    last_response: Option<Read>,
}

impl<'h> Cycle<'h> {
    fn new(history: &'h History, start: i64, representative: Option<&Read>) -> Self {
        let mut cycle = Self {
            history,
            start,
            sequence_start: start,
            follow_ups: Vec::new(),
            anchor: None,
            anchor_counted: false,
            open: None,
            paused: false,
            last_response: None,
        };
        if let Some(email) = representative {
            cycle.follow_ups.push(email.at);
            cycle.anchor = Some(email.at);
            cycle.anchor_counted = true;
        }
        cycle
    }

    fn count(&self) -> u32 {
        u32::try_from(self.follow_ups.len()).unwrap_or(u32::MAX)
    }

    /// When the next step falls due with nothing more happening (§4.5).
    fn due(&self) -> i64 {
        self.anchor.unwrap_or(self.sequence_start.max(self.start)) + self.history.rule.wait_after(self.count())
    }

    fn read(&mut self, item: &Read) {
        match item.what {
            What::ToCustomer { agent } => self.email(item, agent),
            What::DeliveryFailure { not_about_customer, .. } => {
                // §6.1: only about an email sent since the customer's latest response.
                if !not_about_customer && self.anchor.is_some() && self.open != Some(Kind::Favorable) {
                    if self.anchor_counted && !self.paused {
                        self.follow_ups.pop();
                    }
                    self.paused = true;
                }
            }
            What::Response { kind, .. } => {
                // §5.1: the sequence begins again at the response.
                self.sequence_start = item.effective;
                self.follow_ups.clear();
                self.anchor = None;
                self.anchor_counted = false;
                self.paused = false;
                self.open = Some(kind);
                self.last_response = Some(item.clone());
            }
            What::StatusChange(_) | What::Ignored => {}
        }
    }

    fn email(&mut self, item: &Read, agent: bool) {
        match self.open {
            // §5.2: nothing after a favorable answer counts.
            Some(Kind::Favorable) => return,
            // §5.3: only the representative's own email closes a response.
            Some(_) if !agent => self.open = None,
            _ => {}
        }
        let rule = &self.history.rule;
        let counted = if rule.representative_counts {
            true
        } else {
            // §4.4: the host carrying out a due step, recognised by its time.
            agent || (self.count() < rule.count && item.effective >= self.due())
        };
        if counted {
            self.follow_ups.push(item.effective);
        }
        self.anchor = Some(item.effective);
        self.anchor_counted = counted;
        self.paused = false;
    }

    fn standing(&self) -> Standing {
        match self.open {
            Some(Kind::Favorable) if self.history.rule.resolve_on_favorable => return Standing::ConfirmedResolution,
            Some(Kind::Favorable) => return Standing::Favorable,
            Some(_) => return Standing::ReplyNeeded,
            None => {}
        }
        if self.paused {
            return Standing::Paused;
        }
        let due = self.due();
        if self.count() < self.history.rule.count {
            Standing::FollowUp { number: self.count() + 1, due }
        } else {
            Standing::Resolution { due }
        }
    }
}

/// The step's key (§9): `<incidentid>/<ruleId>/<step>/after-<anchor>`.
fn key(history: &History, items: &[Read], cycle: &Cycle<'_>, standing: &Standing) -> String {
    let _ = history;
    let (step, anchor) = match standing {
        Standing::FollowUp { number, .. } => (format!("followUp-{number}"), latest_contact(items)),
        Standing::Resolution { .. } => ("resolve".to_owned(), latest_contact(items)),
        Standing::ConfirmedResolution => ("resolve".to_owned(), cycle.last_response.as_ref().map(Read::anchor)),
        _ => return String::new(),
    };
    format!("{CASE_ID}/{RULE_ID}/{step}/after-{}", anchor.unwrap_or_else(|| "created".to_owned()))
}

/// The latest email to the customer or response on the read timeline.
fn latest_contact(items: &[Read]) -> Option<String> {
    items
        .iter()
        .rev()
        .find(|item| matches!(item.what, What::ToCustomer { .. } | What::Response { .. }))
        .map(Read::anchor)
}
