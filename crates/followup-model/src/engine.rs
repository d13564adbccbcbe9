//! The other side of the comparison: a history replayed through host-sim's
//! replay loop, which calls the engine at every recorded item and at every
//! `nextCheckAt`, performs what is due and appends it to the timeline.

use followup_engine::Timestamp;
use followup_engine::api::Engine;
use host_sim::replay::entry::{ActionKind, What};
use host_sim::replay::policy::Policy;
use host_sim::replay::{Settings, replay_case};
use serde_json::Value;

use crate::history::{History, T0};
use crate::run::{Action, Run, State};

/// Replays `history` through host-sim; `Err` when the engine refuses the
/// input (a generator bug, or an engine that rejects what it should read).
pub fn replay(history: &History) -> Result<Run, String> {
    let engine = Engine::new(&history.config_json()).map_err(|problems| format!("config refused: {problems:?}"))?;
    let (record, timeline) =
        engine.read_case(history.case_json(), history.timeline_json(), "").map_err(|problems| {
            format!("case refused: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
        })?;
    let policy = Policy::parse(&history.policy())?;
    let settings = Settings { policy, ..Settings::default() };
    let replay = replay_case(&engine, None, record, timeline, &settings);
    let mut run = Run::default();
    let recorded: Vec<i64> = history.items.iter().map(crate::history::Item::at).collect();
    for entry in &replay.entries {
        let at = seconds(entry.at);
        match &entry.what {
            What::Action(action) => {
                let by = action.by.as_str();
                let (name, number, key) = match &action.kind {
                    ActionKind::SendFollowUp { number, key, .. } => ("sendFollowUp", Some(*number), Some(key.clone())),
                    ActionKind::ResolveCase { key, .. } => {
                        run.resolved_at = Some(at);
                        ("resolveCase", None, Some(key.clone()))
                    }
                    ActionKind::ReopenCase { key, .. } => ("reopenCase", None, Some(key.clone())),
                    ActionKind::ReplyToCustomer { .. } => ("replyToCustomer", None, None),
                };
                run.actions.push(Action { at, action: name, by, number, key });
            }
            What::Decision(decision) => {
                let state = State { state: name_of(decision.state), reason: name_of(decision.reason) };
                if recorded.contains(&at) {
                    match run.states.last_mut() {
                        Some((when, last)) if *when == at => *last = state.clone(),
                        _ => run.states.push((at, state.clone())),
                    }
                }
                run.last = Some(state);
            }
            _ => {}
        }
    }
    if replay.outcome.resolved.is_some() {
        run.last = Some(State { state: name_of(replay.outcome.state), reason: name_of(replay.outcome.reason) });
    }
    Ok(run)
}

fn seconds(at: Timestamp) -> i64 {
    at.timestamp() - T0
}

fn name_of<T: serde::Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        other => format!("{other:?}"),
    }
}
