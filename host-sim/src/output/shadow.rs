//! The terminal view of a shadow run: per case, the rule's would-be steps
//! beside what the recorded history did.

use followup_engine::Zone;
use std::fmt::Write as _;

use crate::replay::entry::CaseReplay;
use crate::timefmt::{local, span};

/// Writes one case's comparison into `out` (nothing when no rule was in charge).
pub fn render_case(out: &mut String, file: &str, name: Option<&str>, replay: &CaseReplay, offset: Zone) {
    let Some(shadow) = replay.outcome.shadow.as_deref().filter(|shadow| shadow.in_charge) else {
        return;
    };
    let title = replay.title.as_deref().unwrap_or("(no title)");
    let _ = writeln!(out, "{} · {title}", replay.label);
    let _ = writeln!(out, "  {file}{}", name.map(|name| format!(" · {name}")).unwrap_or_default());
    for step in &shadow.steps {
        let what = match step.follow_up {
            Some(number) => format!("follow-up {number} due"),
            None => "resolution due".to_owned(),
        };
        let done = match (step.done_at, step.follow_up) {
            (Some(at), Some(_)) => format!("a representative emailed the customer {} later", span(at - step.at)),
            (Some(at), None) => format!("the case was closed {} later", span(at - step.at)),
            (None, Some(_)) => "nobody sent it".to_owned(),
            (None, None) => "the case was not closed then".to_owned(),
        };
        let _ = writeln!(out, "  {}  rule would: {what:<22}  recorded: {done}", local(step.at, offset));
    }
    if let Some(at) = shadow.answered_after_would_resolve {
        let _ =
            writeln!(out, "  {}  the customer answered after the rule would have resolved the case", local(at, offset));
    }
    let verdict = if shadow.agrees() { "agree" } else { "differ" };
    let _ = writeln!(out, "  ⇒ rule and representatives {verdict}\n");
}
