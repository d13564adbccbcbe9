//! The run's summary: cases seen, matched per rule, follow-ups sent, cases
//! resolved and resolved too early, replies by kind, median time to
//! resolution. Memory stays flat: times to resolution are kept as a count
//! per minute, not one value per case.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use followup_engine::Rule;
use followup_engine::replies::ReplyKind;
use serde_json::{Value, json};

use crate::replay::entry::{Actor, Outcome};
use crate::timefmt::span;

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
    /// Resolved cases per whole minute from opening to resolution.
    minutes_to_resolution: BTreeMap<i64, u64>,
}

impl Summary {
    /// Counts one replayed case; `rules` names the rule indices.
    pub fn add(&mut self, outcome: &Outcome, rules: &[Rule]) {
        self.cases_seen += 1;
        if outcome.matched_rules.is_empty() {
            self.no_rule += 1;
        }
        for index in &outcome.matched_rules {
            if let Some(rule) = rules.get(*index) {
                match self.matched.get_mut(rule.id.as_str()) {
                    Some(count) => *count += 1,
                    None => {
                        self.matched.insert(rule.id.clone(), 1);
                    }
                }
            }
        }
        let by_representative = u64::from(outcome.follow_ups_by_representative);
        self.follow_ups_by_representative += by_representative;
        self.follow_ups_by_agent += u64::from(outcome.follow_ups_sent).saturating_sub(by_representative);
        self.replies_written += u64::from(outcome.replies_sent);
        if let Some((at, by)) = outcome.resolved {
            if by == Actor::Agent {
                self.resolved_by_agent += 1;
            } else {
                self.resolved_by_representative += 1;
            }
            *self.minutes_to_resolution.entry((at - outcome.opened_at).num_minutes()).or_default() += 1;
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
        let total: u64 = self.minutes_to_resolution.values().sum();
        if total == 0 {
            return None;
        }
        let wanted = total.div_ceil(2);
        let mut seen = 0;
        self.minutes_to_resolution.iter().find_map(|(minutes, count)| {
            seen += count;
            (seen >= wanted).then_some(*minutes)
        })
    }

    /// The summary block for the terminal.
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = String::new();
        let row = |out: &mut String, label: &str, value: String| {
            let _ = writeln!(out, "  {label:<27}{value}");
        };
        out.push_str("Summary\n");
        row(&mut out, "cases seen", self.cases_seen.to_string());
        let mut first = true;
        let width = self.matched.keys().map(String::len).max().unwrap_or(0).max("(no rule)".len());
        for (rule, count) in &self.matched {
            row(&mut out, if first { "matched per rule" } else { "" }, format!("{rule:<width$}  {count}"));
            first = false;
        }
        row(
            &mut out,
            if first { "matched per rule" } else { "" },
            format!("{:<width$}  {}", "(no rule)", self.no_rule),
        );
        row(
            &mut out,
            "follow-ups sent",
            with_split(self.follow_ups(), self.follow_ups_by_agent, self.follow_ups_by_representative),
        );
        row(
            &mut out,
            "cases resolved",
            with_split(self.resolved(), self.resolved_by_agent, self.resolved_by_representative),
        );
        row(&mut out, "resolved too early", self.resolved_too_early.to_string());
        row(&mut out, "replies written", self.replies_written.to_string());
        let kinds: Vec<String> = ReplyKind::ALL
            .iter()
            .zip(self.replies_by_kind)
            .filter(|(_, count)| *count > 0)
            .map(|(kind, count)| format!("{} {count}", kind.as_str()))
            .collect();
        row(&mut out, "replies by kind", if kinds.is_empty() { "none".to_owned() } else { kinds.join(" · ") });
        let median =
            self.median_minutes_to_resolution().map_or_else(|| "-".to_owned(), |m| span(chrono::TimeDelta::minutes(m)));
        row(&mut out, "median time to resolution", median);
        row(&mut out, "skipped (bad input)", self.skipped.to_string());
        if self.truncated > 0 {
            row(&mut out, "stopped at the limit", self.truncated.to_string());
        }
        out
    }

    /// The summary as a JSON Lines record's fields (its `type` is `summary`).
    #[must_use]
    pub fn json(&self) -> Value {
        let kinds: serde_json::Map<String, Value> = ReplyKind::ALL
            .iter()
            .zip(self.replies_by_kind)
            .map(|(kind, count)| (kind.as_str().to_owned(), count.into()))
            .collect();
        let median = self.median_minutes_to_resolution();
        json!({
            "casesSeen": self.cases_seen,
            "skipped": self.skipped,
            "matchedPerRule": self.matched,
            "noRule": self.no_rule,
            "followUpsSent": self.follow_ups(),
            "followUpsByAgent": self.follow_ups_by_agent,
            "followUpsByRepresentative": self.follow_ups_by_representative,
            "casesResolved": self.resolved(),
            "resolvedByAgent": self.resolved_by_agent,
            "resolvedByRepresentative": self.resolved_by_representative,
            "resolvedTooEarly": self.resolved_too_early,
            "repliesWritten": self.replies_written,
            "repliesByKind": kinds,
            "medianMinutesToResolution": median,
            "medianTimeToResolution": median.map(|m| span(chrono::TimeDelta::minutes(m))),
            "stoppedAtLimit": self.truncated,
        })
    }
}

fn with_split(total: u64, agent: u64, representative: u64) -> String {
    match (agent, representative) {
        (_, 0) if total > 0 => format!("{total}  (agent)"),
        (0, _) if total > 0 => format!("{total}  (representative)"),
        (0, 0) => "0".to_owned(),
        _ => format!("{total}  (agent {agent}, representative {representative})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_counts() {
        let mut summary = Summary::default();
        assert_eq!(summary.median_minutes_to_resolution(), None);
        for (minutes, count) in [(10, 1), (20, 2), (30, 1)] {
            summary.minutes_to_resolution.insert(minutes, count);
        }
        assert_eq!(summary.median_minutes_to_resolution(), Some(20));
        summary.minutes_to_resolution.insert(40, 3);
        assert_eq!(summary.median_minutes_to_resolution(), Some(30));
    }

    #[test]
    fn splits_say_who() {
        assert_eq!(with_split(0, 0, 0), "0");
        assert_eq!(with_split(3, 3, 0), "3  (agent)");
        assert_eq!(with_split(3, 1, 2), "3  (agent 1, representative 2)");
    }
}
