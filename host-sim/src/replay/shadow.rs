//! Shadow runs: the rules watch a recorded history and their would-be
//! steps are set beside what representatives did (see [`Shadow`]).

use followup_engine::Assessment;
use followup_engine::Timestamp;
use followup_engine::decision::ProcessState;
use followup_engine::replies::ReplyKind;

use super::arrivals::{Arrival, RecordedAct};
use super::entry::{Shadow, ShadowStep};

/// A shadow run notes a due step once: a follow-up per number, the
/// resolution once.
pub(super) fn note_would_be(shadow: &mut Shadow, now: Timestamp, assessment: &Assessment<'_>) {
    let follow_up = match assessment.state {
        ProcessState::FollowUpDue => Some(assessment.next_follow_up.unwrap_or(assessment.follow_ups_sent + 1)),
        ProcessState::ResolutionDue => None,
        _ => return,
    };
    let open = shadow.steps.last().is_some_and(|step| !step.settled && step.follow_up == follow_up);
    let resolved_before = follow_up.is_none() && shadow.would_resolve_at().is_some();
    if !open && !resolved_before {
        // A new step: whatever came before it is no longer open.
        for step in &mut shadow.steps {
            step.settled = true;
        }
        shadow.steps.push(ShadowStep { at: now, follow_up, done_at: None, settled: false });
    }
}

/// A shadow run sets each recorded item beside the rule's would-be steps:
/// a representative's email does the open follow-up, a closing does the
/// resolution (or ends whatever was open), a customer response after the
/// would-be resolution means the rule would have closed too early.
pub(super) fn watch(shadow: &mut Shadow, arrival: &Arrival, in_charge: bool) {
    let open = shadow.steps.iter_mut().rev().find(|step| !step.settled);
    match arrival.recorded {
        RecordedAct::EmailOut if in_charge => {
            shadow.recorded_emails += 1;
            if let Some(step) = open.filter(|step| step.follow_up.is_some()) {
                step.done_at = Some(arrival.at);
                step.settled = true;
            }
        }
        RecordedAct::Closes if shadow.recorded_closed_at.is_none() => {
            shadow.recorded_closed_at = Some(arrival.at);
            for step in &mut shadow.steps {
                if step.follow_up.is_none() {
                    step.done_at = Some(arrival.at);
                }
                step.settled = true;
            }
        }
        _ => {}
    }
    if arrival.reply.is_some_and(ReplyKind::is_response) {
        if let Some(would) = shadow.would_resolve_at() {
            if arrival.at > would {
                shadow.answered_after_would_resolve.get_or_insert(arrival.at);
            }
        }
        // The customer answered: what was due is no longer, done or not.
        for step in &mut shadow.steps {
            step.settled = true;
        }
    }
}
