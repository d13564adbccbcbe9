//! Idempotency keys: one stable key per step, so a host that evaluates
//! twice (a form reload, a retried timer) never sends or resolves twice.
//!
//! A key names the case, the rule, the start of the current sequence of
//! follow-ups (the cycle start, or the customer's last response if later)
//! and the step: `<incidentid>/<ruleId>/<sequenceStart>/followUp-2`.

use super::analysis::Analysis;
use crate::config::Rule;
use crate::drafting::ReplyTarget;
use crate::time::{Timestamp, format_timestamp};

fn sequence_start(analysis: &Analysis<'_>, rule: &Rule) -> Timestamp {
    let in_charge = analysis.rule.is_some_and(|current| current.id == rule.id);
    match analysis.running() {
        Some(running) if in_charge => running.view.sequence_start,
        _ => analysis.case.created_on,
    }
}

fn key(analysis: &Analysis<'_>, rule_id: &str, anchor: Timestamp, step: &str) -> String {
    format!("{}/{rule_id}/{}/{step}", analysis.case.id, format_timestamp(anchor))
}

/// The key of follow-up `number` under `rule`.
pub(crate) fn follow_up_key(analysis: &Analysis<'_>, rule: &Rule, number: u32) -> String {
    key(analysis, &rule.id, sequence_start(analysis, rule), &format!("followUp-{number}"))
}

/// The key of resolving the case under `rule`.
pub(crate) fn resolve_key(analysis: &Analysis<'_>, rule: &Rule) -> String {
    key(analysis, &rule.id, sequence_start(analysis, rule), "resolve")
}

/// The key of replying to the customer message `target`.
pub(crate) fn reply_key(analysis: &Analysis<'_>, rule: Option<&Rule>, target: &ReplyTarget<'_>) -> String {
    let message = target.activity_id.unwrap_or("message");
    key(analysis, rule.map_or("-", |rule| rule.id.as_str()), target.at, &format!("reply-{message}"))
}
