//! The short summary shown on the card: when the customer last responded,
//! and what happens next and when, in the representative's language
//! (`representativeLanguage`), whatever the customer's. Each sentence is an
//! entry of the language's text file (`summary.…`), filled by
//! [`fill`].

use crate::analysis::cycle::CycleView;
use crate::analysis::{Analysis, Running, Stage, Step};
use crate::config::Automation;
use crate::language::fill;
use crate::replies::ReplyKind;
use crate::status::CaseState;
use crate::time::Timestamp;

/// The summary of the situation `analysis` describes.
pub(crate) fn summary(analysis: &Analysis<'_>, projected: Option<Timestamp>) -> String {
    let lang = analysis.rep_lang;
    let when = |at: Timestamp| analysis.config.calendar.date_time_in(lang, at);
    let label = |value: i64| analysis.config.statuses.label_of(value);
    match &analysis.stage {
        Stage::AutomationOff => fill(lang, "summary.automationOff", &[]),
        Stage::CaseNotActive => {
            let state = match analysis.case.state {
                CaseState::Active => "summary.active",
                CaseState::Resolved => "summary.resolved",
                CaseState::Canceled => "summary.canceled",
            };
            fill(lang, "summary.notActive", &[&fill(lang, state, &[])])
        }
        Stage::NoRuleMatched => match analysis.condition_boundary {
            Some(at) => fill(lang, "summary.noRuleYet", &[&when(at)]),
            None => fill(lang, "summary.noRule", &[]),
        },
        Stage::StatusNotTrigger => {
            let Some(rule) = analysis.rule else {
                return String::new();
            };
            let labels: Vec<String> =
                rule.triggers.iter().map(|value| fill(lang, "summary.quoted", &[&label(*value)])).collect();
            let labels = match labels.as_slice() {
                [rest @ .., last] if !rest.is_empty() => fill(lang, "summary.or", &[&rest.join(", "), last]),
                _ => labels.join(""),
            };
            fill(lang, "summary.startsWhen", &[&rule.name, &labels])
        }
        Stage::StatusLeft { at, to } => fill(lang, "summary.stopped", &[&when(*at), &label(*to)]),
        Stage::StartUnknown { at, to } => {
            fill(lang, "summary.startUnknown", &[&label(analysis.case.status_reason), &when(*at), &label(*to)])
        }
        Stage::Running(running) => running_summary(analysis, running, projected),
        Stage::Reopen(response) => {
            let full = analysis.rule.is_some_and(|rule| rule.automation == Automation::Full);
            fill(lang, if full { "summary.reopenAgent" } else { "summary.reopenToAnswer" }, &[&when(response.at)])
        }
    }
}

fn cue_of(cue: &str) -> String {
    if cue.is_empty() { String::new() } else { format!(" (“{cue}”)") }
}

fn running_summary(analysis: &Analysis<'_>, running: &Running<'_>, projected: Option<Timestamp>) -> String {
    let lang = analysis.rep_lang;
    let when = |at: Timestamp| analysis.config.calendar.date_time_in(lang, at);
    let Some(rule) = analysis.rule else {
        return String::new();
    };
    let view = &running.view;
    let history = match (&view.last_response, view.follow_ups.first()) {
        (Some(response), _) => fill(lang, "summary.lastResponded", &[&when(response.at)]),
        (None, Some(first)) => fill(lang, "summary.silentSince", &[&when(first.at)]),
        (None, None) => fill(lang, "summary.notYet", &[]),
    };
    let full = rule.automation == Automation::Full;
    let total = rule.follow_ups.count.to_string();
    let next = match running.step {
        Step::Paused => return paused_summary(analysis, view, &when),
        Step::NoAddress => return format!("{history} {}", fill(lang, "summary.noAddress", &[])),
        Step::Favorable => {
            let response = view.open_response.as_ref();
            let cue = cue_of(response.map(|response| response.classification.cue.as_str()).unwrap_or_default());
            let at = when(response.map_or(analysis.now, |response| response.at));
            let then = match (rule.resolve_on_favorable_reply, full) {
                (true, true) => "summary.agentResolves",
                (true, false) => "summary.canResolve",
                (false, _) => "summary.followUpsStopped",
            };
            return fill(lang, "summary.favorable", &[&at, &cue]) + &fill(lang, then, &[]);
        }
        Step::NeedsReply => {
            let Some(response) = &view.open_response else {
                return history;
            };
            let what = match response.classification.kind {
                ReplyKind::Negative => "summary.negative",
                ReplyKind::Question => "summary.question",
                _ => "summary.unread",
            };
            let cue = cue_of(&response.classification.cue);
            return fill(lang, "summary.replied", &[&when(response.at), &fill(lang, what, &[]), &cue]);
        }
        Step::FollowUp { number, due: Some(due) } => {
            let then = projected.map(|at| fill(lang, "summary.resolvedAtEarliest", &[&when(at)])).unwrap_or_default();
            let number = number.to_string();
            if due > analysis.now {
                fill(lang, "summary.followUpOn", &[&number, &total, &when(due), &then])
            } else if full {
                fill(lang, "summary.followUpSentByAgent", &[&number, &total, &then])
            } else {
                fill(lang, "summary.followUpToSend", &[&number, &total, &then])
            }
        }
        Step::Resolution { due: Some(due) } => {
            // One follow-up reads in the singular; the phrases for one keep
            // a hole for the count so that all take the same values.
            let count = view.follow_ups.len();
            let sent = if count == 1 { String::new() } else { count.to_string() };
            let phrases = match (due > analysis.now, full, count == 1) {
                (true, _, false) => "summary.allSent",
                (true, _, true) => "summary.oneSent",
                (false, true, false) => "summary.noResponseAgent",
                (false, true, true) => "summary.oneNoResponseAgent",
                (false, false, false) => "summary.noResponse",
                (false, false, true) => "summary.oneNoResponse",
            };
            fill(lang, phrases, &[&sent, &when(due)])
        }
        Step::FollowUp { due: None, .. } | Step::Resolution { due: None } => fill(lang, "summary.noWorkingTime", &[]),
    };
    match (running.postponed_to, view.away) {
        (Some(_), Some((at, _))) => format!("{history} {} {next}", fill(lang, "summary.away", &[&when(at)])),
        _ => format!("{history} {next}"),
    }
}

/// The sentence for a case paused by a delivery failure: the address that
/// failed, never the mail system that reported it (`MAILER-DAEMON@…`):
/// follow-ups go to the customer only.
fn paused_summary(analysis: &Analysis<'_>, view: &CycleView<'_>, when: &dyn Fn(Timestamp) -> String) -> String {
    let lang = analysis.rep_lang;
    let (at, cue) = view.bounce.as_ref().map_or((analysis.now, ""), |bounce| {
        (bounce.bounced.map_or(bounce.at, |email| email.at), bounce.classification.cue.as_str())
    });
    // The cue is the report's wording, or the address of the mail system
    // that sent it: said as such, never quoted as a reason.
    let cue = if cue.contains('@') && !cue.contains(char::is_whitespace) {
        fill(lang, "summary.reportedBy", &[cue])
    } else {
        cue_of(cue)
    };
    let to = analysis.customer.as_deref().map(|to| fill(lang, "summary.to", &[to])).unwrap_or_default();
    fill(lang, "summary.bounced", &[&when(at), &to, &cue])
}
