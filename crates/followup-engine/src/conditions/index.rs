//! Passing over rules that cannot apply without evaluating them.
//!
//! Rule sets for case follow-up are usually split by one field: each rule
//! is for one product line, queue or case type, and tests it first. The
//! index maps those tested texts to the rules that test for them, so a case
//! is evaluated only against the rules whose first comparison can hold
//! (what Rete-style engines call alpha memory). A rule passed over gets the
//! verdict evaluating it would have given: its conditions failed on that
//! first comparison, which depends neither on time nor can raise an error.

use crate::text::fnv1a;

use super::{BoundCase, Condition, FieldRef, Leaf, Operand, Operator, Scalar};

/// The rules of a config, by the text their first comparison wants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleIndex {
    /// One per gated rule, in config order. Searched from end to end:
    /// comparing a hash per rule costs a fraction of evaluating the rule,
    /// and a sorted table would link a sort into the wasm module (+3 KB
    /// gzipped) to save nanoseconds.
    entries: Vec<Gate>,
    /// Per rule position: `true` for a rule that is not in `entries`, which
    /// must always be evaluated.
    ungated: Vec<bool>,
}

/// What a gated rule's first comparison wants: a case field equal to a
/// text (folded), which its hash finds without comparing the texts of
/// every other rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Gate {
    field: usize,
    hash: u32,
    text: String,
    position: usize,
}

/// A case field's folded text with its hash, as the index compares it.
type Hashed<'a> = Option<(u32, &'a str)>;

fn hashed(text: Option<&str>) -> Hashed<'_> {
    text.map(|text| (fnv1a(text), text))
}

fn matches(gate: &Gate, text: Hashed<'_>) -> bool {
    text.is_some_and(|(hash, text)| hash == gate.hash && text == gate.text)
}

impl RuleIndex {
    /// Indexes the rules whose conditions are given in config order (`None`
    /// for a rule without conditions).
    #[must_use]
    pub fn new<'c>(conditions: impl IntoIterator<Item = Option<&'c Condition>>) -> Self {
        let mut index = Self::default();
        for (position, condition) in conditions.into_iter().enumerate() {
            let gate = condition.and_then(Condition::gate).and_then(gate_text);
            index.ungated.push(gate.is_none());
            if let Some((field, text)) = gate {
                index.entries.push(Gate { field, hash: fnv1a(text), text: text.to_owned(), position });
            }
        }
        index
    }

    /// Which rules must be evaluated for `case`: `false` at a position means
    /// the rule's first comparison does not hold, so its conditions fail
    /// there (the leaf is [`Condition::gate`]).
    #[must_use]
    pub fn candidates(&self, case: &BoundCase<'_>) -> Vec<bool> {
        let mut wanted = self.ungated.clone();
        // The field's texts, read again only when the field changes: rules
        // split by one field read it once.
        let mut read: Option<(usize, Hashed<'_>, Hashed<'_>)> = None;
        for gate in &self.entries {
            let (label, raw) = match read {
                Some((id, label, raw)) if id == gate.field => (label, raw),
                _ => {
                    // Equality needs a value: an empty field matches no
                    // text, even through a label.
                    let entry = case.field(gate.field).filter(|entry| entry.raw().is_some());
                    let (label, raw) =
                        entry.map_or((None, None), |entry| (hashed(entry.folded_label()), hashed(entry.folded_raw())));
                    read = Some((gate.field, label, raw));
                    (label, raw)
                }
            };
            if matches(gate, label) || matches(gate, raw) {
                if let Some(slot) = wanted.get_mut(gate.position) {
                    *slot = true;
                }
            }
        }
        wanted
    }
}

/// The text an `eq` leaf wants of a case field, when the index can serve
/// it: text that is not a date (a date also matches the same instant written
/// another way, which comparing text cannot find). With the field's id.
fn gate_text(leaf: &Leaf) -> Option<(usize, &str)> {
    match (&leaf.field, &leaf.operand, leaf.operator) {
        (FieldRef::Case { id, .. }, Operand::Scalar(Scalar::Text { folded, instant: None }), Operator::Eq) => {
            Some((*id, folded))
        }
        _ => None,
    }
}

impl Condition {
    /// The leaf evaluation starts with, when a failure there is the failure
    /// of the whole condition: the condition itself, or the first child of
    /// an `all` (at any depth). `any` and `not` have no such leaf.
    #[must_use]
    pub fn gate(&self) -> Option<&Leaf> {
        match self {
            Self::Leaf(leaf) => Some(leaf),
            Self::All(children) => children.first()?.gate(),
            Self::Any { .. } | Self::Not { .. } => None,
        }
    }
}
