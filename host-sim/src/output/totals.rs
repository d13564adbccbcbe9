//! The summary block for the terminal and the `summary` line of JSON Lines:
//! totals, figures per rule, and the shadow comparison when one ran.

use std::fmt::Write as _;

use chrono::TimeDelta;
use serde_json::{Map, Value, json};

use crate::summary::{Minutes, RuleStats, Summary};
use crate::timefmt::span;

/// What the run was, for every output: which policy ran, the zone times are
/// shown in, whether it was a shadow run and whether Ctrl-C stopped it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunInfo {
    /// The representative policy in a sentence.
    pub policy: String,
    /// The zone times are shown in.
    pub zone: String,
    /// Whether the shadow comparison ran.
    pub shadow: bool,
    /// Whether Ctrl-C stopped the run.
    pub interrupted: bool,
}

fn minutes(value: Option<i64>) -> String {
    value.map_or_else(|| "-".to_owned(), |m| span(TimeDelta::minutes(m)))
}

fn rate(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        #[expect(clippy::cast_precision_loss, reason = "a percentage for people")]
        let percent = part as f64 * 100.0 / whole as f64;
        format!("{percent:.1}%")
    }
}

/// The summary block for the terminal.
#[must_use]
pub fn text(summary: &Summary, run: &RunInfo) -> String {
    let mut out = String::new();
    let row = |out: &mut String, label: &str, value: String| {
        let _ = writeln!(out, "  {label:<27}{value}");
    };
    out.push_str(if run.interrupted { "Summary (interrupted: the cases above only)\n" } else { "Summary\n" });
    row(&mut out, "cases seen", summary.cases_seen.to_string());
    let mut first = true;
    let width = summary.matched.keys().map(String::len).max().unwrap_or(0).max("(no rule)".len());
    for (rule, count) in &summary.matched {
        row(&mut out, if first { "matched per rule" } else { "" }, format!("{rule:<width$}  {count}"));
        first = false;
    }
    row(&mut out, if first { "matched per rule" } else { "" }, format!("{:<width$}  {}", "(no rule)", summary.no_rule));
    row(
        &mut out,
        "follow-ups sent",
        with_split(summary.follow_ups(), summary.follow_ups_by_agent, summary.follow_ups_by_representative),
    );
    row(
        &mut out,
        "cases resolved",
        with_split(summary.resolved(), summary.resolved_by_agent, summary.resolved_by_representative),
    );
    row(&mut out, "resolved too early", summary.resolved_too_early.to_string());
    row(&mut out, "replies written", summary.replies_written.to_string());
    row(&mut out, "cases reopened", summary.reopened.to_string());
    let kinds: Vec<String> = Summary::kinds(&summary.replies_by_kind)
        .filter(|(_, count)| *count > 0)
        .map(|(kind, count)| format!("{kind} {count}"))
        .collect();
    row(&mut out, "replies by kind", if kinds.is_empty() { "none".to_owned() } else { kinds.join(" · ") });
    row(&mut out, "median time to resolution", minutes(summary.median_minutes_to_resolution()));
    row(&mut out, "p90 time to resolution", minutes(summary.to_resolution.quantile(0.9)));
    row(&mut out, "skipped (bad input)", summary.skipped.to_string());
    if summary.truncated > 0 {
        row(&mut out, "stopped at the limit", summary.truncated.to_string());
    }
    row(&mut out, "policy", run.policy.clone());
    if summary.rules.len() > 1 || summary.rules.values().any(|stats| stats.resolved > 0) {
        out.push_str(
            "\nPer rule                     matched  follow-ups (agent/rep)  resolved  too early  median  p90\n",
        );
        for (key, stats) in &summary.rules {
            let _ = writeln!(
                out,
                "  {key:<27}{:>7}  {:>10} / {:<10}  {:>8}  {:>9}  {:>6}  {}",
                stats.matched,
                stats.follow_ups_by_agent,
                stats.follow_ups_by_representative,
                stats.resolved,
                stats.resolved_too_early,
                minutes(stats.to_resolution.quantile(0.5)),
                minutes(stats.to_resolution.quantile(0.9)),
            );
        }
    }
    if run.shadow {
        let shadow = &summary.shadow;
        out.push_str("\nShadow (the rules watching the recorded history)\n");
        row(&mut out, "cases compared", shadow.compared.to_string());
        row(&mut out, "agreement", format!("{} ({} cases)", rate(shadow.agreed, shadow.compared), shadow.agreed));
        row(
            &mut out,
            "would resolve earlier",
            format!("{} cases, median {} earlier", shadow.resolved_earlier, minutes(shadow.earlier_by.quantile(0.5))),
        );
        row(&mut out, "answered after resolving", shadow.answered_after_resolving.to_string());
        row(
            &mut out,
            "follow-ups nobody sent",
            format!("{} of {} the rules would send", shadow.unsent_follow_ups, shadow.would_follow_ups),
        );
    }
    out
}

fn with_split(total: u64, agent: u64, representative: u64) -> String {
    match (agent, representative) {
        (_, 0) if total > 0 => format!("{total}  (agent)"),
        (0, _) if total > 0 => format!("{total}  (representative)"),
        (0, 0) => "0".to_owned(),
        _ => format!("{total}  (agent {agent}, representative {representative})"),
    }
}

fn minutes_json(value: &Minutes) -> Value {
    json!({
        "count": value.count(),
        "medianMinutes": value.quantile(0.5),
        "p90Minutes": value.quantile(0.9),
    })
}

fn kinds_json(counts: &[u64; 6]) -> Value {
    Value::Object(Summary::kinds(counts).map(|(kind, count)| (kind.to_owned(), count.into())).collect())
}

fn rule_json(stats: &RuleStats) -> Value {
    json!({
        "name": stats.name,
        "matched": stats.matched,
        "followUpsByAgent": stats.follow_ups_by_agent,
        "followUpsByRepresentative": stats.follow_ups_by_representative,
        "resolved": stats.resolved,
        "resolvedTooEarly": stats.resolved_too_early,
        "repliesByKind": kinds_json(&stats.replies_by_kind),
        "timeToResolution": minutes_json(&stats.to_resolution),
        "outcomes": stats.outcomes,
    })
}

/// The summary as a JSON Lines record's fields (its `type` is `summary`).
#[must_use]
pub fn json(summary: &Summary, run: &RunInfo) -> Map<String, Value> {
    let median = summary.median_minutes_to_resolution();
    let rules: Map<String, Value> = summary.rules.iter().map(|(key, stats)| (key.clone(), rule_json(stats))).collect();
    let value = json!({
        "casesSeen": summary.cases_seen,
        "skipped": summary.skipped,
        "matchedPerRule": summary.matched,
        "noRule": summary.no_rule,
        "followUpsSent": summary.follow_ups(),
        "followUpsByAgent": summary.follow_ups_by_agent,
        "followUpsByRepresentative": summary.follow_ups_by_representative,
        "casesResolved": summary.resolved(),
        "resolvedByAgent": summary.resolved_by_agent,
        "resolvedByRepresentative": summary.resolved_by_representative,
        "resolvedTooEarly": summary.resolved_too_early,
        "repliesWritten": summary.replies_written,
        "casesReopened": summary.reopened,
        "repliesByKind": kinds_json(&summary.replies_by_kind),
        "medianMinutesToResolution": median,
        "medianTimeToResolution": median.map(|m| span(TimeDelta::minutes(m))),
        "p90MinutesToResolution": summary.to_resolution.quantile(0.9),
        "stoppedAtLimit": summary.truncated,
        "outcomes": summary.outcomes,
        "rules": rules,
        "policy": run.policy,
        "zone": run.zone,
        "interrupted": run.interrupted,
    });
    let mut map = match value {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    if run.shadow {
        let shadow = &summary.shadow;
        map.insert(
            "shadow".into(),
            json!({
                "compared": shadow.compared,
                "agreed": shadow.agreed,
                "resolvedEarlier": shadow.resolved_earlier,
                "earlierBy": minutes_json(&shadow.earlier_by),
                "answeredAfterResolving": shadow.answered_after_resolving,
                "wouldFollowUps": shadow.would_follow_ups,
                "unsentFollowUps": shadow.unsent_follow_ups,
                "recordedEmails": shadow.recorded_emails,
                "wouldResolve": shadow.would_resolve,
                "recordedClosed": shadow.recorded_closed,
            }),
        );
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_say_who() {
        assert_eq!(with_split(0, 0, 0), "0");
        assert_eq!(with_split(3, 3, 0), "3  (agent)");
        assert_eq!(with_split(3, 1, 2), "3  (agent 1, representative 2)");
        assert_eq!(rate(1, 3), "33.3%");
        assert_eq!(rate(0, 0), "-");
    }
}
