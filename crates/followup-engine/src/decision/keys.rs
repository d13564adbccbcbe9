//! Idempotency keys (`docs/behaviour.md`, 9): one stable key per step, so
//! a host that evaluates twice (a form reload, a retried timer), or two
//! hosts, never send or resolve twice.
//!
//! A key is built only from facts every host has: the case, the rule, the
//! step and the activity the step follows, by id (by its time when it has
//! none): `<incidentid>/<ruleId>/followUp-2/after-<activityid>`. Status
//! changes and cycle starts are left out: a host may not record them.

use crate::analysis::cycle::Anchor;
use crate::analysis::{Analysis, Step};
use crate::config::Rule;
use crate::drafting::ReplyTarget;
use crate::time::format_timestamp;

/// The activity the steps of `rule` follow: the latest email to the
/// customer or response; a customer-confirmed resolution follows the
/// favorable response.
fn anchor<'a>(analysis: &'a Analysis<'_>, rule: &Rule) -> Option<Anchor<'a>> {
    let in_charge = analysis.rule.is_some_and(|current| current.id == rule.id);
    let running = analysis.running().filter(|_| in_charge)?;
    match (&running.step, &running.view.open_response) {
        (Step::Favorable, Some(response)) => Some(Anchor { id: response.activity_id, at: response.at }),
        _ => running.view.anchor,
    }
}

fn after(anchor: Option<Anchor<'_>>) -> String {
    match anchor {
        Some(Anchor { id: Some(id), .. }) => format!("after-{id}"),
        Some(Anchor { id: None, at }) => format!("after-{}", format_timestamp(at)),
        None => "after-created".to_owned(),
    }
}

fn key(analysis: &Analysis<'_>, rule_id: &str, step: &str, anchor: Option<Anchor<'_>>) -> String {
    format!("{}/{rule_id}/{step}/{}", analysis.case.id, after(anchor))
}

/// The key of follow-up `number` under `rule`.
pub(crate) fn follow_up_key(analysis: &Analysis<'_>, rule: &Rule, number: u32) -> String {
    key(analysis, &rule.id, &format!("followUp-{number}"), anchor(analysis, rule))
}

/// The key of resolving the case under `rule`.
pub(crate) fn resolve_key(analysis: &Analysis<'_>, rule: &Rule) -> String {
    key(analysis, &rule.id, "resolve", anchor(analysis, rule))
}

/// The key of reopening the case for the customer's response at `at`.
pub(crate) fn reopen_key(analysis: &Analysis<'_>, rule: &Rule, id: Option<&str>, at: crate::time::Timestamp) -> String {
    key(analysis, &rule.id, "reopen", Some(Anchor { id, at }))
}

/// The key of replying to the customer message `target`.
pub(crate) fn reply_key(analysis: &Analysis<'_>, rule: Option<&Rule>, target: &ReplyTarget<'_>) -> String {
    let anchor = Anchor { id: target.activity_id, at: target.at };
    key(analysis, rule.map_or("-", |rule| rule.id.as_str()), "reply", Some(anchor))
}
