//! Random case histories, deterministic from a seed: status toggles in and
//! out of the trigger, the representative's emails before and after it,
//! internal emails, the organisation's own copies, third parties, replies
//! of every kind, bounces, automatic replies, phone calls, clock skew,
//! same-instant ties, duplicates and records that disagree with the
//! timeline.

use crate::history::{
    COLLEAGUE, CUSTOMER, Call, CallState, History, Item, Kind, MAIL_SYSTEM, Mail, Rule, SENDER, THIRD_PARTY, status,
};

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// The generator's random numbers: host-sim's `SplitMix64`, with the two
/// draws the histories need on top.
#[derive(Debug, Clone)]
pub struct Rng(host_sim::generate::Rng);

impl Rng {
    /// A generator for `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(host_sim::generate::Rng::new(seed))
    }

    /// A number below `bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.0.below(bound)
    }

    /// `true` with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `choices` (the first when empty is impossible: callers pass some).
    pub fn pick<T: Copy>(&mut self, choices: &[T]) -> Option<T> {
        let index = usize::try_from(self.below(choices.len() as u64)).ok()?;
        choices.get(index).copied()
    }
}

/// The history for `seed`.
#[must_use]
pub fn history(seed: u64) -> History {
    let mut rng = Rng::new(seed);
    let rule = rule(&mut rng);
    let created_on = -i64::try_from(rng.below(10) + 1).unwrap_or(1) * DAY;
    let mut writer = Writer { rng, items: Vec::new(), at: 0, next_id: 1, rule: rule.clone() };
    let length = writer.rng.below(13);
    // Most cases start in progress, with a change into the trigger soon.
    if writer.rng.chance(85) {
        writer.items.push(Item::Status { at: -DAY, value: status::IN_PROGRESS });
    }
    for _ in 0..length {
        writer.advance();
        writer.event();
    }
    // Hosts list the timeline oldest first (docs/behaviour.md 1.1): a skewed
    // item goes to its place; items of one instant keep their order.
    writer.items.sort_by_key(Item::at);
    let last_change = writer.items.iter().rev().find_map(|item| match item {
        Item::Status { value, .. } => Some(*value),
        _ => None,
    });
    let mut rng = writer.rng;
    let record_status = match last_change {
        // A record that disagrees with its timeline (a change not logged).
        Some(_) if rng.chance(8) => rng.pick(&[status::IN_PROGRESS, status::ON_HOLD, status::WAITING]),
        Some(value) => Some(value),
        None => rng.pick(&[status::ON_HOLD, status::ON_HOLD, status::IN_PROGRESS]),
    }
    .unwrap_or(status::ON_HOLD);
    let accept_after = if rng.chance(70) { None } else { rng.pick(&[0, 4 * HOUR, DAY]) };
    // `modifiedon`: mostly the latest item's time, sometimes later, sometimes missing.
    let latest = writer.items.last().map_or(created_on, Item::at);
    let modified_on = match rng.below(4) {
        0 => None,
        1 => Some(latest + rng.pick(&[HOUR, DAY]).unwrap_or(HOUR)),
        _ => Some(latest),
    };
    History {
        seed,
        rule,
        created_on,
        record_status,
        modified_on,
        customer_on_record: rng.chance(92),
        own_domain: rng.chance(30),
        items: writer.items,
        accept_after,
    }
}

fn rule(rng: &mut Rng) -> Rule {
    let count = u32::try_from(rng.below(3) + 1).unwrap_or(1);
    let waits = if rng.chance(70) {
        vec![rng.pick(&[48 * HOUR, DAY, 2 * HOUR]).unwrap_or(DAY)]
    } else {
        (0..count).map(|_| rng.pick(&[HOUR, DAY, 48 * HOUR]).unwrap_or(DAY)).collect()
    };
    let triggers = if rng.chance(75) { vec![status::ON_HOLD] } else { vec![status::ON_HOLD, status::WAITING] };
    let tolerance = match rng.below(6) {
        0 => Some(0),
        1 => Some(10 * MINUTE),
        _ => None,
    };
    Rule {
        full: rng.chance(75),
        triggers,
        waits,
        count,
        representative_counts: rng.chance(85),
        tolerance,
        resolve_on_favorable: rng.chance(15),
    }
}

struct Writer {
    rng: Rng,
    items: Vec<Item>,
    at: i64,
    next_id: u32,
    rule: Rule,
}

impl Writer {
    /// Moves the clock on: often by hours or days, sometimes not at all (a
    /// tie) or by a second or a few minutes (clock skew between systems).
    fn advance(&mut self) {
        let wait = self.rule.wait_after(1);
        let step = match self.rng.below(12) {
            0 => 0,
            1 => 1,
            2 => self.rng.pick(&[MINUTE, 4 * MINUTE, 6 * MINUTE]).unwrap_or(MINUTE),
            3 | 4 => self.rng.pick(&[HOUR, 5 * HOUR]).unwrap_or(HOUR),
            // Just before or just after a step falls due.
            5 => wait - self.rng.pick(&[1, MINUTE]).unwrap_or(1),
            6 => wait + self.rng.pick(&[0, 1]).unwrap_or(0),
            _ => self.rng.pick(&[DAY, 2 * DAY, 3 * DAY]).unwrap_or(DAY),
        };
        self.at += step.max(0);
    }

    fn id(&mut self) -> Option<String> {
        if self.rng.chance(5) {
            return None;
        }
        let id = format!("a{}", self.next_id);
        self.next_id += 1;
        Some(id)
    }

    fn event(&mut self) {
        let at = self.at;
        let item = match self.rng.below(20) {
            0..=2 => {
                let value = if self.rng.chance(55) {
                    self.rng.pick(&self.rule.triggers.clone()).unwrap_or(status::ON_HOLD)
                } else {
                    self.rng.pick(&[status::IN_PROGRESS, status::WAITING]).unwrap_or(status::IN_PROGRESS)
                };
                // Two changes in one second have no documented order: never generated.
                if self.items.last().is_some_and(|last| matches!(last, Item::Status { at: when, .. } if *when == at)) {
                    self.at += 1;
                }
                Item::Status { at: self.at, value }
            }
            3..=5 => self.outgoing(vec![CUSTOMER.to_owned()]),
            6 => {
                let to = self.rng.pick(&[COLLEAGUE, THIRD_PARTY]).unwrap_or(COLLEAGUE);
                self.outgoing(vec![to.to_owned()])
            }
            7 => self.recorded_follow_up(),
            8..=11 => {
                let kind = self.rng.pick(&[Kind::Favorable, Kind::Negative, Kind::Question, Kind::Other]);
                self.incoming(CUSTOMER, kind.unwrap_or(Kind::Other))
            }
            12 => self.incoming(CUSTOMER, Kind::AutoReply),
            13 => {
                let mut item = self.incoming(MAIL_SYSTEM, Kind::Bounce);
                if let Item::Mail(mail) = &mut item {
                    mail.host_classified = false;
                    mail.failed_recipients = match self.rng.below(4) {
                        0 => Some(CUSTOMER.to_owned()),
                        1 => Some(COLLEAGUE.to_owned()),
                        _ => None,
                    };
                }
                item
            }
            14 => {
                let kind = self.rng.pick(&Kind::ALL[..4]).unwrap_or(Kind::Other);
                let from = self.rng.pick(&[SENDER, COLLEAGUE]).unwrap_or(SENDER);
                self.incoming(from, kind)
            }
            15 => {
                let kind = self.rng.pick(&Kind::ALL[..4]).unwrap_or(Kind::Other);
                self.incoming(THIRD_PARTY, kind)
            }
            16 => self.call(),
            17 => {
                // A duplicate: the same record listed twice.
                match self.items.last().cloned() {
                    Some(Item::Status { .. }) | None => self.outgoing(vec![CUSTOMER.to_owned()]),
                    Some(mut last) => {
                        set_at(&mut last, at);
                        last
                    }
                }
            }
            _ => {
                let mut item = self.outgoing(vec![CUSTOMER.to_owned()]);
                if let Item::Mail(mail) = &mut item {
                    match self.rng.below(5) {
                        0 | 1 => mail.draft = true,
                        2 => mail.cc.push(COLLEAGUE.to_owned()),
                        3 => std::mem::swap(&mut mail.to, &mut mail.cc),
                        // Bad input: an email that went to nobody, or came from nobody.
                        _ if self.rng.chance(50) => mail.to.clear(),
                        _ => {
                            mail.outgoing = false;
                            mail.from = None;
                            mail.to = vec![SENDER.to_owned()];
                            mail.kind = Kind::Negative;
                        }
                    }
                }
                item
            }
        };
        // A tie may list the newer item first; the timeline stays oldest first.
        self.items.push(item);
        if self.rng.chance(10) {
            let len = self.items.len();
            if len >= 2 && self.items.get(len - 2).map(Item::at) == Some(at) {
                self.items.swap(len - 2, len - 1);
            }
        }
    }

    fn outgoing(&mut self, to: Vec<String>) -> Item {
        let id = self.id();
        Item::Mail(Mail {
            id,
            at: self.at,
            outgoing: true,
            from: Some(SENDER.to_owned()),
            to,
            cc: Vec::new(),
            kind: Kind::Other,
            host_classified: false,
            key: None,
            draft: false,
            failed_recipients: None,
        })
    }

    fn call(&mut self) -> Item {
        let id = self.id();
        let outgoing = self.rng.chance(50);
        let state = match self.rng.below(10) {
            0 => CallState::Canceled,
            1 | 2 => CallState::Open,
            _ => CallState::Completed,
        };
        let kind = self.rng.pick(&[Kind::Negative, Kind::Question, Kind::Favorable]).unwrap_or(Kind::Negative);
        let voicemail = outgoing && self.rng.chance(25);
        // A host's `bounce` on a call: docs/behaviour.md does not say (left out).
        let host_kind = if voicemail || !self.rng.chance(15) { None } else { self.rng.pick(&Kind::ALL[..5]) };
        Item::Call(Call { id, at: self.at, outgoing, state, kind, voicemail, host_kind })
    }

    /// A follow-up another host sent and recorded with a key of its own.
    fn recorded_follow_up(&mut self) -> Item {
        let mut item = self.outgoing(vec![CUSTOMER.to_owned()]);
        if let Item::Mail(mail) = &mut item {
            mail.key = Some(format!("other-host/followUp-{}", self.rng.below(3) + 1));
        }
        item
    }

    fn incoming(&mut self, from: &str, kind: Kind) -> Item {
        let id = self.id();
        Item::Mail(Mail {
            id,
            at: self.at,
            outgoing: false,
            from: Some(from.to_owned()),
            to: vec![SENDER.to_owned()],
            cc: Vec::new(),
            kind,
            host_classified: self.rng.chance(15),
            key: None,
            draft: false,
            failed_recipients: None,
        })
    }
}

fn set_at(item: &mut Item, at: i64) {
    match item {
        Item::Status { at: when, .. } => *when = at,
        Item::Mail(mail) => mail.at = at,
        Item::Call(call) => call.at = at,
    }
}
