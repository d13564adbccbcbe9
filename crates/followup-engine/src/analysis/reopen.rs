//! Life after resolution (docs/behaviour.md 7.1): a customer response within
//! the rule's `reopenWindow` after the case was resolved suggests reopening
//! it.

use crate::status::CaseState;
use crate::time::{Timestamp, add};
use crate::timeline::TimelineItem;

use super::cycle::Response;
use super::events::{EventKind, read_events};
use super::{Analysis, Stage, Verdicts, select_rule};

/// For a resolved case: the rule in charge and, when its window holds a
/// customer response, [`Stage::Reopen`]; else the case stays not active,
/// with no rule named.
pub(crate) fn check(analysis: &mut Analysis<'_>, verdicts: Verdicts) {
    select_rule(analysis, verdicts);
    if let Some((customer, response)) = latest_response(analysis) {
        analysis.customer = customer;
        analysis.stage = Stage::Reopen(Box::new(response));
    } else {
        analysis.rule = None;
        analysis.verdicts.clear();
    }
}

fn latest_response<'a>(analysis: &Analysis<'a>) -> Option<(Option<String>, Response<'a>)> {
    let rule = analysis.rule?;
    let window = rule.reopen.as_ref()?.window.delta;
    let resolved = resolved_at(analysis)?;
    let end = add(resolved, window)?;
    let reading = read_events(analysis.config, analysis.case, analysis.items, rule.follow_ups.reply_tolerance);
    let response = reading.events.into_iter().rev().find_map(|event| match event.kind {
        EventKind::Response(response) if event.at > resolved && event.at <= end => Some(response),
        _ => None,
    })?;
    Some((reading.customer, response))
}

/// The latest change to a resolved Status Reason on the timeline, else the
/// record's `modifiedon`.
fn resolved_at(analysis: &Analysis<'_>) -> Option<Timestamp> {
    let statuses = &analysis.config.statuses;
    analysis
        .items
        .iter()
        .rev()
        .find_map(|item| match item {
            TimelineItem::StatusChange(change)
                if statuses
                    .by_value(change.status_reason)
                    .is_some_and(|reason| reason.state == CaseState::Resolved) =>
            {
                Some(change.at)
            }
            _ => None,
        })
        .or(analysis.case.modified_on)
}
