//! Writes the engine's results as JSON text, for the wasm module to hand to
//! `JSON.parse`, and decisions as rows (see [`DecisionRow`]) for its JS side
//! to put into object literals.
//!
//! A crate of its own so that the wasm build can compile it for speed while
//! everything else is compiled for size: writing JSON with `serde_json` is
//! a chain of small generic calls (a key, its quotes, the `:`, the value),
//! which a size-optimised build leaves as calls. Here each result type's
//! writer is instantiated (the impls are not generic), so this crate's
//! `opt-level` decides how they are compiled (see the workspace
//! `Cargo.toml`): writing a decision takes a quarter of the time it takes
//! in the size-optimised build.

use followup_engine::Decision;
use followup_engine::api::{EvaluateResponse, ValidateResponse};
use followup_engine::drafting::EmailDraft;
use followup_engine::resolution::ResolutionDraft;
use serde::ser::{Serialize, SerializeMap as _, Serializer};

/// A result the wasm module returns, written as JSON text.
pub trait JsonText {
    /// The value as compact JSON text.
    fn json_text(&self) -> Result<String, serde_json::Error>;
}

macro_rules! json_text {
    ($($ty:ty),*) => {$(
        impl JsonText for $ty {
            fn json_text(&self) -> Result<String, serde_json::Error> {
                serde_json::to_string(self)
            }
        }
    )*};
}

json_text!(EmailDraft, ResolutionDraft, ValidateResponse);

/// The names of a decision's fields, in the order a decision row lists
/// their values. The JS side of the wasm module spells the same names in
/// an object literal (`crates/followup-wasm/src/rows.js`).
pub const DECISION_FIELDS: [&str; 16] = [
    "caseId",
    "evaluatedAt",
    "state",
    "reason",
    "rule",
    "cycle",
    "followUps",
    "lastCustomerResponse",
    "dueAt",
    "nextCheckAt",
    "projectedResolutionAt",
    "actions",
    "card",
    "summary",
    "explanation",
    "warnings",
];

/// A decision written as a row: the JSON array of its field values, in the
/// order of [`DECISION_FIELDS`] (the explanation as `[rules, notes]`),
/// which the wasm module's JS side puts into an object literal.
///
/// Rows rather than objects because `JSON.parse` gives each object it
/// builds its properties one at a time, about 40 ns each in V8: a
/// decision's 18 keys cost more than the rest of a call that matches no
/// rule, while an object literal with fixed keys costs a tenth of that.
/// Deeper objects are left to `JSON.parse`: they come only with a rule in
/// charge, when drafting dwarfs them.
pub struct DecisionRow<'a>(pub &'a Decision);

impl Serialize for DecisionRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        (
            &d.case_id,
            &d.evaluated_at,
            &d.state,
            &d.reason,
            &d.rule,
            &d.cycle,
            &d.follow_ups,
            &d.last_customer_response,
            &d.due_at,
            &d.next_check_at,
            &d.projected_resolution_at,
            &d.actions,
            &d.card,
            &d.summary,
            (&d.explanation.rules, &d.explanation.notes),
            &d.warnings,
        )
            .serialize(serializer)
    }
}

/// One `evaluateMany` result as a row: a success as its decision's row, a
/// failure as the object `EvaluateResponse` writes (`{"type": "failure",
/// "errors": [...]}`), which the JS side passes on as it is.
pub struct ResponseRow<'a>(pub &'a EvaluateResponse);

impl Serialize for ResponseRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            EvaluateResponse::Success { decision } => DecisionRow(decision).serialize(serializer),
            // Written by hand: the derived impl would link the decision's
            // object writer too.
            EvaluateResponse::Failure { errors } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("type", "failure")?;
                map.serialize_entry("errors", errors)?;
                map.end()
            }
        }
    }
}

/// A decision's row as JSON text.
pub fn decision_row(decision: &Decision) -> Result<String, serde_json::Error> {
    serde_json::to_string(&DecisionRow(decision))
}

/// `evaluateMany`'s results as a JSON array of [`ResponseRow`]s.
pub fn response_rows(results: &[EvaluateResponse]) -> Result<String, serde_json::Error> {
    serde_json::to_string(&results.iter().map(ResponseRow).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use followup_corpus::Scenario;
    use followup_engine::api::evaluate_rules;
    use serde_json::{Value, json};

    /// A decision row read back with [`DECISION_FIELDS`], as the JS side
    /// reads it.
    fn object_from_row(row: Value) -> Value {
        let Value::Array(values) = row else { panic!("a row is an array: {row}") };
        assert_eq!(values.len(), DECISION_FIELDS.len());
        let object = DECISION_FIELDS.iter().zip(values).map(|(name, value)| {
            let value = match (*name, value) {
                ("explanation", Value::Array(parts)) => json!({ "rules": parts[0], "notes": parts[1] }),
                (_, value) => value,
            };
            ((*name).to_owned(), value)
        });
        Value::Object(object.collect())
    }

    /// Every response of every check in the shared corpus, and one failure.
    fn corpus_responses() -> Vec<EvaluateResponse> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios");
        let mut responses = vec![evaluate_rules(&json!({"rules": []}), json!(null), json!(null), &json!("bad"))];
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let scenario = Scenario::from_json(&serde_json::from_str(&text).unwrap()).unwrap();
            for case in &scenario.cases {
                for check in &case.checks {
                    let now = json!(check.at);
                    responses.push(evaluate_rules(&scenario.config, case.case.clone(), case.timeline.clone(), &now));
                }
            }
        }
        responses
    }

    #[test]
    fn rows_read_back_with_the_field_names_give_the_decisions_objects() {
        let responses = corpus_responses();
        let decisions: Vec<&Decision> = responses
            .iter()
            .filter_map(|response| match response {
                EvaluateResponse::Success { decision } => Some(decision.as_ref()),
                EvaluateResponse::Failure { .. } => None,
            })
            .collect();
        assert!(decisions.len() > 60, "the corpus has {} decisions", decisions.len());
        for decision in decisions {
            let row = serde_json::from_str(&decision_row(decision).unwrap()).unwrap();
            assert_eq!(object_from_row(row), serde_json::to_value(decision).unwrap());
        }
    }

    #[test]
    fn response_rows_keep_failures_as_objects() {
        let responses = corpus_responses();
        let Value::Array(rows) = serde_json::from_str(&response_rows(&responses).unwrap()).unwrap() else {
            panic!("response rows are an array")
        };
        assert_eq!(rows.len(), responses.len());
        let mut failures = 0;
        for (row, response) in rows.into_iter().zip(&responses) {
            let read_back = match row {
                Value::Array(_) => json!({"type": "success", "decision": object_from_row(row)}),
                failure => {
                    failures += 1;
                    failure
                }
            };
            assert_eq!(read_back, serde_json::to_value(response).unwrap());
        }
        assert!(failures > 0);
    }
}
