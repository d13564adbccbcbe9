//! The short summary shown on the card: when the customer last responded,
//! and what happens next and when.

use crate::analysis::cycle::CycleView;
use crate::analysis::{Analysis, Running, Stage, Step};
use crate::config::Automation;
use crate::replies::ReplyKind;
use crate::time::Timestamp;

/// The summary of the situation `analysis` describes.
pub(crate) fn summary(analysis: &Analysis<'_>, projected: Option<Timestamp>) -> String {
    let calendar = &analysis.config.calendar;
    let when = |at: Timestamp| calendar.date_time(at);
    match &analysis.stage {
        Stage::AutomationOff => "Automatic follow-up is turned off.".to_owned(),
        Stage::CaseNotActive => {
            format!("The case is {}: there is nothing to follow up.", analysis.case.state.label().to_ascii_lowercase())
        }
        Stage::NoRuleMatched => match analysis.condition_boundary {
            Some(at) => format!("No follow-up rule applies to this case yet; a rule may apply from {}.", when(at)),
            None => "No follow-up rule applies to this case.".to_owned(),
        },
        Stage::StatusNotTrigger => {
            let Some(rule) = analysis.rule else {
                return String::new();
            };
            let labels: Vec<String> =
                rule.triggers.iter().map(|value| format!("“{}”", analysis.config.statuses.label_of(*value))).collect();
            format!("Follow-up under “{}” starts when the Status Reason is set to {}.", rule.name, join_or(&labels))
        }
        Stage::StatusLeft { at, to } => format!(
            "Follow-up stopped on {}: the Status Reason changed to “{}”.",
            when(*at),
            analysis.config.statuses.label_of(*to)
        ),
        Stage::StartUnknown { at, to } => format!(
            "Follow-up is paused: the case is “{}”, but the timeline's last Status Reason change, on {}, was to “{}”, so it doesn't show when the follow-up cycle began.",
            analysis.config.statuses.label_of(analysis.case.status_reason),
            when(*at),
            analysis.config.statuses.label_of(*to)
        ),
        Stage::Running(running) => running_summary(analysis, running, projected),
        Stage::Reopen(response) => {
            let full = analysis.rule.is_some_and(|rule| rule.automation == Automation::Full);
            let next = if full { "the agent reopens the case" } else { "reopen the case to answer" };
            format!("The customer wrote on {}, after the case was resolved: {next}.", when(response.at))
        }
    }
}

fn running_summary(analysis: &Analysis<'_>, running: &Running<'_>, projected: Option<Timestamp>) -> String {
    let calendar = &analysis.config.calendar;
    let when = |at: Timestamp| calendar.date_time(at);
    let Some(rule) = analysis.rule else {
        return String::new();
    };
    let view = &running.view;
    let history = match (&view.last_response, view.follow_ups.first()) {
        (Some(response), _) => format!("The customer last responded on {}.", when(response.at)),
        (None, Some(first)) => format!("The customer has not responded since {}.", when(first.at)),
        (None, None) => "The customer has not responded yet.".to_owned(),
    };
    let full = rule.automation == Automation::Full;
    let total = rule.follow_ups.count;
    let next = match running.step {
        Step::Paused => return paused_summary(analysis, view, &when),
        Step::NoAddress => {
            return format!(
                "{history} Follow-ups are paused: the case has no email address for the customer to write to."
            );
        }
        Step::Favorable => {
            let cue =
                view.open_response.as_ref().map(|response| response.classification.cue.clone()).unwrap_or_default();
            let cue = quoted(&cue);
            let at = view.open_response.as_ref().map_or(analysis.now, |response| response.at);
            if rule.resolve_on_favorable_reply {
                let then = if full { "the agent resolves the case" } else { "the case can be resolved" };
                return format!("The customer responded favorably on {}{cue}: {then}.", when(at));
            }
            return format!("The customer responded favorably on {}{cue}. Follow-ups have stopped.", when(at));
        }
        Step::NeedsReply => {
            let Some(response) = &view.open_response else {
                return history;
            };
            let what = match response.classification.kind {
                ReplyKind::Negative => "a negative response",
                ReplyKind::Question => "a question",
                _ => "a message that needs a person to read it",
            };
            let cue = &response.classification.cue;
            let cue = quoted(cue);
            return format!("The customer replied on {} with {what}{cue}. Reply to the customer.", when(response.at));
        }
        Step::FollowUp { number, due: Some(due) } => {
            let resolution = projected
                .map(|at| format!("; without a reply the case will be resolved on {} at the earliest", when(at)))
                .unwrap_or_default();
            if due > analysis.now {
                format!("Follow-up {number} of {total} is due on {}{resolution}.", when(due))
            } else if full {
                format!("Follow-up {number} of {total} is due now; the agent sends it{resolution}.")
            } else {
                format!("Follow-up {number} of {total} is due now: review and send it{resolution}.")
            }
        }
        Step::Resolution { due: Some(due) } => {
            let sent = view.follow_ups.len();
            if due > analysis.now {
                format!(
                    "All {sent} follow-ups are sent; the case will be resolved on {} if the customer does not respond.",
                    when(due)
                )
            } else if full {
                format!("The customer has not responded to {sent} follow-ups; the agent resolves the case.")
            } else {
                format!("The customer has not responded to {sent} follow-ups: the case can be resolved.")
            }
        }
        Step::FollowUp { due: None, .. } | Step::Resolution { due: None } => {
            "The calendar leaves no working time for the next step.".to_owned()
        }
    };
    match (running.postponed_to, view.away) {
        (Some(_), Some((at, _))) => format!(
            "{history} The customer's automatic reply of {} says they are away; the next step waits until they are back. {next}",
            when(at)
        ),
        _ => format!("{history} {next}"),
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", crate::text::join(rest, ", ")),
    }
}

/// The sentence for a case paused by a delivery failure: the address that
/// failed, never the mail system that reported it (`MAILER-DAEMON@…`):
/// follow-ups go to the customer only.
fn paused_summary(analysis: &Analysis<'_>, view: &CycleView<'_>, when: &dyn Fn(Timestamp) -> String) -> String {
    let (at, cue) = view.bounce.as_ref().map_or((analysis.now, String::new()), |bounce| {
        (bounce.bounced.map_or(bounce.at, |email| email.at), bounce.classification.cue.clone())
    });
    // The cue is the report's wording, or the address of the mail system
    // that sent it: said as such, never quoted as a reason.
    let cue = if cue.contains('@') && !cue.contains(char::is_whitespace) {
        format!(" (reported by {cue})")
    } else {
        quoted(&cue)
    };
    let to = analysis.customer.as_deref().map(|address| format!(" to {address}")).unwrap_or_default();
    format!(
        "The email of {}{to} could not be delivered{cue}. Follow-ups are paused until an email reaches the customer: check the address and send again.",
        when(at)
    )
}

/// ` (“cue”)` after a sentence, or nothing for no cue.
fn quoted(cue: &str) -> String {
    if cue.is_empty() { String::new() } else { format!(" (“{cue}”)") }
}
