//! The differential test: each generated history is replayed through
//! host-sim (the engine) and walked by the model; any difference is shrunk
//! to a small history and written out as a ready scenario file.

use serde_json::{Map, Value, json};

use crate::engine;
use crate::generate;
use crate::history::{History, Item, rfc3339};
use crate::model;
use crate::run::Run;

/// A history on which the engine and the model disagree.
#[derive(Debug, Clone)]
pub struct Mismatch {
    /// The seed of the history first found.
    pub seed: u64,
    /// The shrunk history.
    pub history: History,
    /// What differs, in words (model expected, engine got).
    pub difference: String,
    /// What the model does (the expected replay).
    pub expected: Run,
}

/// Compares the engine and the model on one history: the difference in
/// words, if any (the engine refusing the input counts as one).
#[must_use]
pub fn compare(history: &History) -> Option<String> {
    let expected = model::walk(history);
    match engine::replay(history) {
        Ok(found) => expected.difference(&found),
        Err(problem) => Some(problem),
    }
}

/// Runs the histories of seeds `seeds`: the seeds that disagree, with
/// what differs.
pub fn failing_seeds(seeds: impl Iterator<Item = u64>) -> Vec<(u64, String)> {
    seeds.filter_map(|seed| compare(&generate::history(seed)).map(|difference| (seed, difference))).collect()
}

/// The history of `seed`, shrunk while it still disagrees.
#[must_use]
pub fn shrunk(seed: u64) -> Mismatch {
    let history = shrink(generate::history(seed));
    let difference = compare(&history).unwrap_or_default();
    Mismatch { seed, expected: model::walk(&history), history, difference }
}

/// Makes a failing history smaller while it still fails: items dropped one
/// at a time, then the rule and the representative made plainer.
#[must_use]
pub fn shrink(mut history: History) -> History {
    loop {
        let before = history.clone();
        let mut index = history.items.len();
        while index > 0 {
            index -= 1;
            let mut smaller = history.clone();
            smaller.items.remove(index);
            if compare(&smaller).is_some() {
                history = smaller;
            }
        }
        for simpler in simplifications(&history) {
            if compare(&simpler).is_some() {
                history = simpler;
            }
        }
        if history == before {
            return history;
        }
    }
}

fn simplifications(history: &History) -> Vec<History> {
    let mut out = Vec::new();
    let mut push = |change: &dyn Fn(&mut History)| {
        let mut simpler = history.clone();
        change(&mut simpler);
        if simpler != *history {
            out.push(simpler);
        }
    };
    push(&|h| h.accept_after = None);
    push(&|h| h.rule.full = true);
    push(&|h| h.rule.representative_counts = true);
    push(&|h| h.rule.triggers.truncate(1));
    push(&|h| h.rule.waits.truncate(1));
    push(&|h| {
        h.rule.count = h.rule.count.saturating_sub(1).max(1);
        if h.rule.waits.len() > 1 {
            h.rule.waits.truncate(usize::try_from(h.rule.count).unwrap_or(1));
        }
    });
    push(&|h| h.rule.tolerance = None);
    push(&|h| h.rule.resolve_on_favorable = false);
    push(&|h| h.own_domain = false);
    push(&|h| h.customer_on_record = true);
    push(&|h| h.modified_on = None);
    push(&|h| {
        for item in &mut h.items {
            if let Item::Mail(mail) = item {
                mail.host_classified = false;
            }
        }
    });
    out
}

/// The shrunk history as a scenario file of `tests/scenarios`: the replay
/// expectations are what the model (`docs/behaviour.md`) does; the checks
/// are the states the model holds at recorded instants before its first
/// action (a check evaluates the recorded timeline alone).
#[must_use]
pub fn scenario(mismatches: &[Mismatch]) -> Value {
    let Some(first) = mismatches.first() else {
        return Value::Null;
    };
    let cases: Vec<Value> = mismatches.iter().map(case_json).collect();
    json!({
        "$schema": "../../schemas/scenario.schema.json",
        "name": "differential-found",
        "description": "Histories on which the engine and the reference model (crates/followup-model) disagreed, shrunk; the expectations are what docs/behaviour.md says.",
        "config": first.history.config_json(),
        "cases": cases,
    })
}

fn case_json(mismatch: &Mismatch) -> Value {
    let history = &mismatch.history;
    let expected = &mismatch.expected;
    let first_action = expected.actions.first().map_or(i64::MAX, |action| action.at);
    let checks: Vec<Value> = expected
        .states
        .iter()
        .filter(|(at, _)| *at < first_action)
        .map(|(at, state)| json!({"at": rfc3339(*at), "expect": {"state": state.state, "reason": state.reason}}))
        .collect();
    let actions: Vec<Value> = expected
        .actions
        .iter()
        .map(|action| {
            let mut map = Map::new();
            map.insert("at".into(), rfc3339(action.at).into());
            map.insert("action".into(), action.action.into());
            map.insert("by".into(), action.by.into());
            if let Some(number) = action.number {
                map.insert("followUpNumber".into(), number.into());
            }
            if let Some(key) = &action.key {
                map.insert("idempotencyKey".into(), key.clone().into());
            }
            Value::Object(map)
        })
        .collect();
    let mut last = Map::new();
    if let Some(state) = &expected.last {
        last.insert("state".into(), state.state.clone().into());
        last.insert("reason".into(), state.reason.clone().into());
    }
    last.insert("resolved".into(), expected.resolved_at.is_some().into());
    last.insert("resolvedAt".into(), expected.resolved_at.map(rfc3339).into());
    let mut case = Map::new();
    case.insert("name".into(), format!("seed {}: {}", mismatch.seed, mismatch.difference).into());
    case.insert("case".into(), history.case_json());
    case.insert("timeline".into(), history.timeline_json());
    if !checks.is_empty() {
        case.insert("checks".into(), checks.into());
    }
    case.insert(
        "replay".into(),
        json!({"policy": history.policy(), "expect": {"actions": actions, "final": Value::Object(last)}}),
    );
    Value::Object(case)
}
