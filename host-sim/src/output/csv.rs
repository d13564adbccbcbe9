//! CSV for spreadsheets: one row per case, with how it ended, who did what
//! and, for shadow runs, the comparison with the recorded history.

use crate::replay::entry::{Actor, CaseReplay};
use crate::summary::outcome_kind;
use crate::timefmt::rfc3339;
use followup_engine::Zone;

/// The header row.
pub const COLUMNS: [&str; 21] = [
    "file",
    "case",
    "ticket",
    "name",
    "ruleSet",
    "rule",
    "outcome",
    "state",
    "resolvedAt",
    "resolvedBy",
    "minutesToResolution",
    "followUpsByAgent",
    "followUpsByRepresentative",
    "repliesWritten",
    "resolvedTooEarly",
    "lateReplyAt",
    "evaluations",
    "shadowWouldResolveAt",
    "shadowRecordedClosedAt",
    "shadowUnsentFollowUps",
    "shadowAgrees",
];

/// The header line.
#[must_use]
pub fn header() -> String {
    line(COLUMNS.iter().map(|column| (*column).to_owned()))
}

/// One case's row.
#[must_use]
pub fn row(file: &str, name: Option<&str>, set: Option<&str>, replay: &CaseReplay, _offset: Zone) -> String {
    let outcome = &replay.outcome;
    let by_representative = outcome.follow_ups_by_representative;
    let (resolved_at, resolved_by, minutes) = match outcome.resolved {
        Some((at, by)) => (
            rfc3339(at),
            if by == Actor::Agent { "agent" } else { "representative" }.to_owned(),
            (at - outcome.opened_at).num_minutes().to_string(),
        ),
        None => (String::new(), String::new(), String::new()),
    };
    let shadow = outcome.shadow.as_deref();
    line(
        [
            file.to_owned(),
            replay.case_id.clone(),
            replay.label.clone(),
            name.unwrap_or_default().to_owned(),
            set.unwrap_or_default().to_owned(),
            outcome.rule.clone().unwrap_or_default(),
            outcome_kind(outcome).to_owned(),
            serde_json::to_value(outcome.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            resolved_at,
            resolved_by,
            minutes,
            (outcome.follow_ups_sent - by_representative).to_string(),
            by_representative.to_string(),
            outcome.replies_sent.to_string(),
            outcome.late_reply_at.is_some().to_string(),
            outcome.late_reply_at.map(rfc3339).unwrap_or_default(),
            outcome.evaluations.to_string(),
            shadow.and_then(crate::replay::entry::Shadow::would_resolve_at).map(rfc3339).unwrap_or_default(),
            shadow.and_then(|s| s.recorded_closed_at).map(rfc3339).unwrap_or_default(),
            shadow.map(|s| s.unsent_follow_ups().to_string()).unwrap_or_default(),
            shadow.filter(|s| s.in_charge).map(|s| s.agrees().to_string()).unwrap_or_default(),
        ]
        .into_iter(),
    )
}

/// One CSV line (RFC 4180 quoting, by the `csv` crate).
fn line(fields: impl Iterator<Item = String>) -> String {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = writer.write_record(fields);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_they_need_it() {
        assert_eq!(line(["a".to_owned(), "b, \"c\"".to_owned()].into_iter()), "a,\"b, \"\"c\"\"\"\n");
        assert_eq!(header().split(',').count(), COLUMNS.len());
    }
}
