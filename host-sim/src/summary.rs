//! The run's summary: cases seen, matched per rule, follow-ups sent, cases
//! resolved and resolved too early, replies by kind, times to resolution,
//! the same per rule, and the shadow comparison. Memory stays flat: times
//! are kept as counts per minute, not one value per case.

use followup_engine::Zone;
use std::collections::BTreeMap;

use chrono::{Datelike, Timelike};
use followup_engine::Rule;
use followup_engine::decision::{ProcessState, Reason};
use followup_engine::replies::ReplyKind;

use crate::replay::entry::{Actor, Outcome};

/// How a case ended, in the words of the report's outcome filter.
#[must_use]
pub fn outcome_kind(outcome: &Outcome) -> &'static str {
    if outcome.resolved.is_some() {
        return if outcome.late_reply_at.is_some() { "resolved too early" } else { "resolved" };
    }
    if outcome.matched_rules.is_empty() {
        return "no rule";
    }
    match (outcome.state, outcome.reason) {
        (ProcessState::Stopped, Reason::FavorableResponse) => "answered favorably",
        (ProcessState::Stopped | ProcessState::NotEligible, _) => "left the trigger",
        (ProcessState::Waiting, _) => "still waiting",
        (ProcessState::ReplyNeeded, _) => "needs a reply",
        (ProcessState::FollowUpDue | ProcessState::ResolutionDue | ProcessState::ReopenSuggested, _) => {
            "awaiting the representative"
        }
        (ProcessState::Paused, _) => "paused (bounce)",
    }
}

/// Every outcome kind, in the order reports list them.
pub const OUTCOME_KINDS: [&str; 9] = [
    "resolved",
    "resolved too early",
    "answered favorably",
    "needs a reply",
    "awaiting the representative",
    "still waiting",
    "paused (bounce)",
    "left the trigger",
    "no rule",
];

/// Minutes kept as a count per value, with order statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Minutes(BTreeMap<i64, u64>);

impl Minutes {
    /// Counts one value.
    pub fn add(&mut self, minutes: i64) {
        *self.0.entry(minutes).or_default() += 1;
    }

    /// How many values.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.0.values().sum()
    }

    /// The value at fraction `q` of the way (0.5: the lower median; 0.9: p90).
    #[must_use]
    pub fn quantile(&self, q: f64) -> Option<i64> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a rank among at most 2^53 counted values"
        )]
        let wanted = ((total as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        self.0.iter().find_map(|(minutes, count)| {
            seen += count;
            (seen >= wanted).then_some(*minutes)
        })
    }

    /// The values grouped into `width`-minute bins: `(bin start, count)`.
    #[must_use]
    pub fn bins(&self, width: i64) -> BTreeMap<i64, u64> {
        let mut bins = BTreeMap::new();
        for (minutes, count) in &self.0 {
            *bins.entry(minutes.div_euclid(width.max(1)) * width.max(1)).or_default() += count;
        }
        bins
    }
}

/// Figures for one rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleStats {
    /// The rule's name.
    pub name: String,
    /// Cases it was in charge of at some point.
    pub matched: u64,
    /// Follow-ups sent under it by the agent.
    pub follow_ups_by_agent: u64,
    /// Follow-ups sent under it by the representative.
    pub follow_ups_by_representative: u64,
    /// Cases it resolved.
    pub resolved: u64,
    /// Of those, cases the customer answered afterwards.
    pub resolved_too_early: u64,
    /// Recorded incoming messages of the cases it counts, by kind.
    pub replies_by_kind: [u64; 6],
    /// Time from opening to resolution of the cases it resolved.
    pub to_resolution: Minutes,
    /// The cases it counts, by outcome kind.
    pub outcomes: BTreeMap<&'static str, u64>,
}

/// The shadow comparison's totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShadowTotals {
    /// Cases a rule was in charge of, compared.
    pub compared: u64,
    /// Of those, cases where rule and representatives agree.
    pub agreed: u64,
    /// Cases the rule would have resolved before the recorded closing.
    pub resolved_earlier: u64,
    /// By how much earlier.
    pub earlier_by: Minutes,
    /// Cases the rule would have resolved that the customer answered afterwards.
    pub answered_after_resolving: u64,
    /// Follow-ups the rule would have sent.
    pub would_follow_ups: u64,
    /// Of those, follow-ups nobody sent.
    pub unsent_follow_ups: u64,
    /// Recorded emails to the customer while a rule was in charge.
    pub recorded_emails: u64,
    /// Cases the rule would have resolved.
    pub would_resolve: u64,
    /// Cases the history closed.
    pub recorded_closed: u64,
}

/// Totals over every replayed case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Case entries read, good or bad.
    pub cases_seen: u64,
    /// Entries skipped as bad input (a bad line, a bad case, a bad config).
    pub skipped: u64,
    /// Cases per rule that was in charge at some point.
    pub matched: BTreeMap<String, u64>,
    /// Cases no rule ever took.
    pub no_rule: u64,
    /// Follow-ups sent by the agent.
    pub follow_ups_by_agent: u64,
    /// Follow-ups sent by the representative (accepted suggestions).
    pub follow_ups_by_representative: u64,
    /// Replies the representative wrote.
    pub replies_written: u64,
    /// Cases reopened after the customer wrote within the reopen window.
    pub reopened: u64,
    /// Cases resolved by the agent.
    pub resolved_by_agent: u64,
    /// Cases resolved by the representative (accepted suggestions).
    pub resolved_by_representative: u64,
    /// Resolved cases the customer answered afterwards.
    pub resolved_too_early: u64,
    /// Recorded incoming messages by kind, in [`ReplyKind::ALL`] order.
    pub replies_by_kind: [u64; 6],
    /// Cases stopped at the evaluation limit.
    pub truncated: u64,
    /// Time from opening to resolution.
    pub to_resolution: Minutes,
    /// Figures per rule (`set/rule` when several rule sets run).
    pub rules: BTreeMap<String, RuleStats>,
    /// Cases by how many follow-ups the replay sent.
    pub follow_ups_per_case: BTreeMap<u32, u64>,
    /// Follow-ups sent per weekday (Monday first) and hour, in each case's calendar zone.
    pub sends_by_hour: [[u64; 24]; 7],
    /// Cases by outcome kind.
    pub outcomes: BTreeMap<&'static str, u64>,
    /// The shadow comparison (shadow runs).
    pub shadow: ShadowTotals,
}

/// What a case's figures are filed under.
#[derive(Debug, Clone, Copy)]
pub struct Filing<'a> {
    /// The rules of the case's config (names the rule indices).
    pub rules: &'a [Rule],
    /// The key each rule's figures are kept under ([`rule_key`]), by index.
    pub keys: &'a [String],
    /// The calendar zone of the case's config.
    pub offset: Zone,
}

impl<'a> Filing<'a> {
    /// The rule at `index` and its key.
    fn rule(&self, index: usize) -> Option<(&'a Rule, &'a String)> {
        Some((self.rules.get(index)?, self.keys.get(index)?))
    }
}

/// The keys of a config's rules: their ids, or `set/rule` when several rule sets run.
#[must_use]
pub fn rule_keys(set: Option<&str>, rules: &[Rule]) -> Vec<String> {
    rules.iter().map(|rule| rule_key(set, rule)).collect()
}

/// The key a rule's figures are kept under.
#[must_use]
pub fn rule_key(set: Option<&str>, rule: &Rule) -> String {
    match set {
        Some(set) => format!("{set}/{}", rule.id),
        None => rule.id.clone(),
    }
}

impl Summary {
    /// Counts one replayed case.
    pub fn add(&mut self, outcome: &Outcome, filing: &Filing<'_>) {
        self.cases_seen += 1;
        if outcome.matched_rules.is_empty() {
            self.no_rule += 1;
        }
        let kind = outcome_kind(outcome);
        *self.outcomes.entry(kind).or_default() += 1;
        for index in &outcome.matched_rules {
            if let Some((rule, key)) = filing.rule(*index) {
                match self.matched.get_mut(key) {
                    Some(count) => *count += 1,
                    None => {
                        self.matched.insert(key.clone(), 1);
                    }
                }
                if let Some(stats) = self.rule(key, rule) {
                    stats.matched += 1;
                }
            }
        }
        for (at, index, by) in &outcome.sends {
            let local = filing.offset.local(*at);
            if let Some(hours) = self.sends_by_hour.get_mut(local.weekday().num_days_from_monday() as usize) {
                if let Some(count) = hours.get_mut(local.hour() as usize) {
                    *count += 1;
                }
            }
            if let Some(stats) = filing.rule(*index).and_then(|(rule, key)| self.rule(key, rule)) {
                if *by == Actor::Agent {
                    stats.follow_ups_by_agent += 1;
                } else {
                    stats.follow_ups_by_representative += 1;
                }
            }
        }
        *self.follow_ups_per_case.entry(outcome.follow_ups_sent).or_default() += 1;
        let by_representative = u64::from(outcome.follow_ups_by_representative);
        self.follow_ups_by_representative += by_representative;
        self.follow_ups_by_agent += u64::from(outcome.follow_ups_sent).saturating_sub(by_representative);
        self.replies_written += u64::from(outcome.replies_sent);
        self.reopened += u64::from(outcome.reopened > 0);
        let counted = outcome.counted_rule(filing.rules).and_then(|index| filing.rule(index));
        if let Some(stats) = counted.and_then(|(rule, key)| self.rule(key, rule)) {
            *stats.outcomes.entry(kind).or_default() += 1;
            for (total, count) in stats.replies_by_kind.iter_mut().zip(outcome.replies_by_kind) {
                *total += u64::from(count);
            }
        }
        if let Some((at, by)) = outcome.resolved {
            if by == Actor::Agent {
                self.resolved_by_agent += 1;
            } else {
                self.resolved_by_representative += 1;
            }
            let minutes = (at - outcome.opened_at).num_minutes();
            self.to_resolution.add(minutes);
            let resolver = outcome.resolved_rule.and_then(|index| filing.rule(index));
            if let Some(stats) = resolver.and_then(|(rule, key)| self.rule(key, rule)) {
                stats.resolved += 1;
                stats.to_resolution.add(minutes);
                stats.resolved_too_early += u64::from(outcome.late_reply_at.is_some());
            }
        }
        if outcome.late_reply_at.is_some() {
            self.resolved_too_early += 1;
        }
        for (total, count) in self.replies_by_kind.iter_mut().zip(outcome.replies_by_kind) {
            *total += u64::from(count);
        }
        if outcome.truncated {
            self.truncated += 1;
        }
        if let Some(shadow) = outcome.shadow.as_deref().filter(|shadow| shadow.in_charge) {
            let totals = &mut self.shadow;
            totals.compared += 1;
            totals.agreed += u64::from(shadow.agrees());
            if let Some(earlier) = shadow.earlier_by() {
                totals.resolved_earlier += 1;
                totals.earlier_by.add(earlier.num_minutes());
            }
            totals.answered_after_resolving += u64::from(shadow.answered_after_would_resolve.is_some());
            totals.would_follow_ups += shadow.follow_ups().count() as u64;
            totals.unsent_follow_ups += shadow.unsent_follow_ups() as u64;
            totals.recorded_emails += u64::from(shadow.recorded_emails);
            totals.would_resolve += u64::from(shadow.would_resolve_at().is_some());
            totals.recorded_closed += u64::from(shadow.recorded_closed_at.is_some());
        }
    }

    /// A rule's figures, made when first needed (the key is copied once).
    fn rule(&mut self, key: &str, rule: &Rule) -> Option<&mut RuleStats> {
        if !self.rules.contains_key(key) {
            self.rules.insert(key.to_owned(), RuleStats { name: rule.name.clone(), ..RuleStats::default() });
        }
        self.rules.get_mut(key)
    }

    /// Counts an entry that could not be replayed.
    pub fn skip(&mut self) {
        self.cases_seen += 1;
        self.skipped += 1;
    }

    /// Cases resolved by anyone.
    #[must_use]
    pub fn resolved(&self) -> u64 {
        self.resolved_by_agent + self.resolved_by_representative
    }

    /// Follow-ups sent by anyone.
    #[must_use]
    pub fn follow_ups(&self) -> u64 {
        self.follow_ups_by_agent + self.follow_ups_by_representative
    }

    /// The median time from opening to resolution, in whole minutes (the
    /// lower median for an even count).
    #[must_use]
    pub fn median_minutes_to_resolution(&self) -> Option<i64> {
        self.to_resolution.quantile(0.5)
    }

    /// The replies of every kind, named.
    pub fn kinds(counts: &[u64; 6]) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        ReplyKind::ALL.iter().zip(counts).map(|(kind, count)| (kind.as_str(), *count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_counts() {
        let mut minutes = Minutes::default();
        assert_eq!(minutes.quantile(0.5), None);
        for (value, count) in [(10, 1), (20, 2), (30, 1)] {
            for _ in 0..count {
                minutes.add(value);
            }
        }
        assert_eq!(minutes.quantile(0.5), Some(20));
        for _ in 0..3 {
            minutes.add(40);
        }
        assert_eq!(minutes.quantile(0.5), Some(30));
        assert_eq!(minutes.quantile(0.9), Some(40));
        assert_eq!(minutes.bins(20), BTreeMap::from([(0, 1), (20, 3), (40, 3)]));
    }
}
