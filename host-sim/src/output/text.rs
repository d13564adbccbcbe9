//! The terminal view: each case as a block of aligned lines, one per
//! recorded event, decision change, suggestion and action,
//! then a line saying how the case ended; times in the config calendar's zone.

use followup_engine::Zone;
use std::fmt::Write as _;

use followup_engine::decision::{ProcessState, Reason};
use followup_engine::replies::ReplyKind;

use crate::replay::entry::{
    ActionEntry, ActionKind, Actor, CaseReplay, DecisionEntry, Recorded, RecordedKind, SuggestionEntry, What,
};

use crate::timefmt::{local, span};

/// Width of the actor column.
const ACTOR_WIDTH: usize = 14;
/// Width of the "what" column.
const VERB_WIDTH: usize = 18;

/// The lines the text output starts with: the zone times are shown in and
/// the representative policy.
#[must_use]
pub fn header(zone: &str, policy: &str) -> String {
    format!("host-sim · times in {zone} · policy {policy}\n\n")
}

/// Writes one replayed case as a block of lines into `out`, times in `offset`.
pub fn render_case(out: &mut String, file: &str, name: Option<&str>, replay: &CaseReplay, offset: Zone) {
    let title = replay.title.as_deref().unwrap_or("(no title)");
    let _ = writeln!(out, "{} · {title}", replay.label);
    let mut origin = file.to_owned();
    if let Some(name) = name {
        let _ = write!(origin, " · {name}");
    }
    let _ = writeln!(out, "  {origin}");
    for [at, actor, verb, detail] in rows(replay, offset) {
        let _ = writeln!(out, "  {at}  {actor:<ACTOR_WIDTH$}  {verb:<VERB_WIDTH$}  {detail}");
    }
    let _ = writeln!(out, "  ⇒ {}", ending(replay, offset));
    out.push('\n');
}

/// A case's timeline as rows of time, who, what and details: the lines a
/// reader wants (recorded events, changes of decision, suggestions,
/// actions, notes), times in `offset`.
#[must_use]
pub fn rows(replay: &CaseReplay, offset: Zone) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    let mut after_resolution = false;
    for (index, entry) in replay.entries.iter().enumerate() {
        let next = replay.entries.get(index + 1);
        let (actor, verb, detail) = match &entry.what {
            What::Recorded(recorded) => recorded_line(recorded),
            What::Decision(decision) if decision.changed && !said_by_next(entry, next) && !after_resolution => {
                decision_line(decision, offset)
            }
            What::Decision(_) => continue,
            What::Suggestion(suggestion) => suggestion_line(suggestion, offset),
            What::Action(action) => {
                after_resolution = matches!(action.kind, ActionKind::ResolveCase { .. });
                action_line(action)
            }
            What::Note(text) => ("host-sim".to_owned(), "note".to_owned(), text.clone()),
        };
        rows.push([local(entry.at, offset), actor, verb, detail]);
    }
    rows
}

/// Whether the entry after a decision says the same thing better: a due
/// step performed at once.
fn said_by_next(entry: &crate::replay::entry::Entry, next: Option<&crate::replay::entry::Entry>) -> bool {
    let What::Decision(decision) = &entry.what else {
        return false;
    };
    matches!(decision.state, ProcessState::FollowUpDue | ProcessState::ResolutionDue)
        && next.is_some_and(|next| next.at == entry.at && matches!(next.what, What::Action(_)))
}

fn reply_label(kind: ReplyKind) -> &'static str {
    match kind {
        ReplyKind::Favorable => "favorable",
        ReplyKind::Negative => "negative",
        ReplyKind::Question => "question",
        ReplyKind::Other => "unclear",
        ReplyKind::AutoReply => "auto reply",
        ReplyKind::Bounce => "bounce",
    }
}

fn recorded_line(recorded: &Recorded) -> (String, String, String) {
    let actor = recorded.actor.as_str().to_owned();
    match &recorded.kind {
        RecordedKind::EmailOut { follow_up: true } => (actor, "follow-up sent".into(), quoted(&recorded.text)),
        RecordedKind::EmailOut { follow_up: false } => (actor, "email sent".into(), quoted(&recorded.text)),
        RecordedKind::Incoming { channel, kind } => {
            let verb = match (channel.as_str(), kind) {
                ("email", ReplyKind::AutoReply | ReplyKind::Bounce) => reply_label(*kind).to_owned(),
                ("email", _) => format!("reply: {}", reply_label(*kind)),
                (other, _) => format!("{other}: {}", reply_label(*kind)),
            };
            let mut detail = quoted(&recorded.text);
            if recorded.after_resolution {
                detail.push_str("  ← after the resolution: resolved too early");
            }
            (actor, verb, detail)
        }
        RecordedKind::StatusChange { value, label } => {
            let detail = if label == &value.to_string() { label.clone() } else { format!("{label} ({value})") };
            (actor, "status".into(), detail)
        }
        RecordedKind::Activity { activity_type } => (actor, activity_type.clone(), quoted(&recorded.text)),
    }
}

fn quoted(text: &str) -> String {
    if text.is_empty() { String::new() } else { format!("“{text}”") }
}

fn state_label(state: ProcessState) -> &'static str {
    match state {
        ProcessState::NotEligible => "not eligible",
        ProcessState::Waiting => "waiting",
        ProcessState::FollowUpDue => "follow-up due",
        ProcessState::ReplyNeeded => "reply needed",
        ProcessState::ResolutionDue => "resolution due",
        ProcessState::Stopped => "stopped",
        ProcessState::Paused => "paused",
        ProcessState::ReopenSuggested => "reopen suggested",
    }
}

fn decision_line(decision: &DecisionEntry, offset: Zone) -> (String, String, String) {
    let rule = decision.rule.as_deref().unwrap_or("-");
    let total = decision.follow_ups_total;
    let detail = match (decision.state, decision.reason) {
        (ProcessState::NotEligible, Reason::AutomationOff) => "automation is switched off".to_owned(),
        (ProcessState::NotEligible, Reason::CaseNotActive) => "the case is not active".to_owned(),
        (ProcessState::NotEligible, Reason::NoRuleMatched) => "no rule applies".to_owned(),
        (ProcessState::NotEligible, _) => format!("rule {rule}: Status Reason is not a trigger"),
        (ProcessState::Waiting, _) => match (decision.next_follow_up, decision.due_at) {
            (_, None) => format!("rule {rule}: no working time left for the next step"),
            (Some(number), Some(due)) => {
                format!("rule {rule}: follow-up {number} of {total} due {}", local(due, offset))
            }
            (None, Some(due)) => format!("rule {rule}: resolution due {}", local(due, offset)),
        },
        (ProcessState::FollowUpDue, _) => {
            format!("rule {rule}: follow-up {} of {total}", decision.next_follow_up.unwrap_or(0))
        }
        (ProcessState::ResolutionDue, _) => format!("rule {rule}: all {total} follow-ups unanswered"),
        (ProcessState::ReplyNeeded, _) => format!("rule {rule}: a person must answer the customer"),
        (ProcessState::Stopped, Reason::FavorableResponse) => format!("rule {rule}: the customer answered favorably"),
        (ProcessState::Stopped, _) => format!("rule {rule}: the Status Reason left the trigger"),
        (ProcessState::Paused, _) => format!("rule {rule}: an email bounced; the representative is told"),
        (ProcessState::ReopenSuggested, _) => format!("rule {rule}: the customer wrote after the resolution"),
    };
    (Actor::Engine.as_str().to_owned(), state_label(decision.state).to_owned(), detail)
}

fn action_words(kind: &ActionKind) -> (String, String) {
    match kind {
        ActionKind::SendFollowUp { number, of, .. } => ("sent follow-up".into(), format!("{number} of {of}")),
        ActionKind::ResolveCase { label, resolution_type, .. } => {
            ("resolved case".into(), format!("{label} ({resolution_type})"))
        }
        ActionKind::ReopenCase { label, status_reason, .. } => {
            ("reopened case".into(), format!("as {label} ({status_reason})"))
        }
        ActionKind::ReplyToCustomer { kind, .. } => (
            "replied".into(),
            kind.map_or_else(|| "to the customer".to_owned(), |kind| format!("to the {} reply", reply_label(kind))),
        ),
    }
}

fn suggestion_line(suggestion: &SuggestionEntry, offset: Zone) -> (String, String, String) {
    let (_, detail) = action_words(&suggestion.kind);
    let what = match &suggestion.kind {
        ActionKind::SendFollowUp { .. } => format!("send follow-up {detail}"),
        ActionKind::ResolveCase { .. } => format!("resolve the case as {detail}"),
        ActionKind::ReopenCase { .. } => format!("reopen the case {detail}"),
        ActionKind::ReplyToCustomer { .. } => format!("reply {detail}"),
    };
    let when = match suggestion.accept_at {
        Some(at) => format!("the representative acts at {}", local(at, offset)),
        None => "the representative never acts (policy)".to_owned(),
    };
    (Actor::Engine.as_str().to_owned(), "suggests".to_owned(), format!("{what}; {when}"))
}

fn action_line(action: &ActionEntry) -> (String, String, String) {
    let (verb, detail) = action_words(&action.kind);
    (action.by.as_str().to_owned(), verb, detail)
}

fn plural(count: u32, one: &str, many: &str) -> String {
    match count {
        0 => format!("no {one}"),
        1 => format!("1 {one}"),
        _ => format!("{count} {many}"),
    }
}

/// How an unresolved case stands at the end of the replay.
fn standing(state: ProcessState, reason: Reason) -> &'static str {
    match (state, reason) {
        (ProcessState::NotEligible, Reason::NoRuleMatched) => "no rule applies: nothing to do",
        (ProcessState::NotEligible, Reason::AutomationOff) => "automation is switched off: nothing to do",
        (ProcessState::NotEligible, Reason::CaseNotActive) => "the case is closed",
        (ProcessState::NotEligible, _) => "not resolved: the Status Reason is not a trigger",
        (ProcessState::Waiting, _) => "not resolved: still waiting for the customer when the replay ends",
        (ProcessState::FollowUpDue | ProcessState::ResolutionDue, _) => {
            "not resolved: a suggestion waits for the representative"
        }
        (ProcessState::ReplyNeeded, _) => "not resolved: a person must answer the customer",
        (ProcessState::Stopped, Reason::FavorableResponse) => "not resolved: stopped, the customer answered favorably",
        (ProcessState::Stopped, _) => "not resolved: stopped, the Status Reason left the trigger",
        (ProcessState::Paused, _) => "not resolved: paused, an email bounced and the representative is told",
        (ProcessState::ReopenSuggested, _) => "resolved, and the customer wrote since: a reopening waits",
    }
}

/// One sentence on how the case ended.
#[must_use]
pub fn ending(replay: &CaseReplay, offset: Zone) -> String {
    let outcome = &replay.outcome;
    let sent = plural(outcome.follow_ups_sent, "follow-up", "follow-ups");
    let mut text = match outcome.resolved {
        Some((at, by)) => format!(
            "resolved by the {} on {}, {} after it was opened; {sent} sent",
            by.as_str(),
            local(at, offset),
            span(at - outcome.opened_at)
        ),
        None if outcome.matched_rules.is_empty() => standing(outcome.state, outcome.reason).to_owned(),
        None => format!("{}; {sent} sent", standing(outcome.state, outcome.reason)),
    };
    if outcome.replies_sent > 0 {
        let _ = write!(text, "; {} by the representative", plural(outcome.replies_sent, "reply", "replies"));
    }
    if outcome.reopened > 0 {
        let _ = write!(text, "; reopened {}", plural(outcome.reopened, "time", "times"));
    }
    if let Some(late) = outcome.late_reply_at {
        let _ = write!(text, "; the customer wrote on {}: resolved too early", local(late, offset));
    }
    if outcome.truncated {
        text.push_str("; stopped at the evaluation limit");
    }
    text
}
