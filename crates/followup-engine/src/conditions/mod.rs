//! Rule conditions: trees of `all` / `any` / `not` over leaves
//! `{field, operator, value}`, checked when the config is compiled and
//! evaluated against a case at `now`.
//!
//! Semantics follow Dataverse: text compares without regard to case, option
//! sets and lookups match by value or by their label, and an empty field
//! matches nothing but `null` (so `ne` and `not-like` do not match it either).
//! The virtual field `caseAge` is the time since `createdon`.

mod bound;
mod compile;
mod eval;
mod held;
mod index;
mod like;
mod operator;
mod read;

use chrono::TimeDelta;
use serde_json::Value;

pub use bound::{BoundCase, BoundField, FieldTable};
pub use compile::compile;
pub use eval::Failure;
pub use index::RuleIndex;
pub use like::LikePattern;
pub use operator::{OPERATORS, Operator};

use crate::time::Timestamp;

/// The name of the virtual case-age field. Dataverse logical names are all
/// lowercase, so this camelCase name cannot collide with a real column.
pub const CASE_AGE_FIELD: &str = "caseAge";

/// Deepest nesting of `all` / `any` / `not` accepted.
pub const MAX_DEPTH: usize = 32;

crate::reader::schema! {
    /// A condition as written in the config, before checking (declared for
    /// TypeScript as `ConditionFormat`, which tells the node kinds apart).
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(as = "ConditionFormat"))]
    pub struct RawCondition {
        /// Holds when every child holds.
        "all" all: Option<Vec<RawCondition>>,
        /// Holds when at least one child holds.
        "any" any: Option<Vec<RawCondition>>,
        /// Holds when the child does not.
        "not" not: Option<Box<RawCondition>>,
        /// Leaf: the case field's logical name, or `caseAge`.
        "field" field: Option<String>,
        /// Leaf: the `FetchXML` operator name.
        "operator" operator: Option<String>,
        /// Leaf: the value to compare with (absent for `null` / `not-null`).
        "value" value: Option<Value>,
    }
}

/// A condition: a group (`all`, `any` or `not`) or a leaf, never two of
/// them at once. The format, for the TypeScript declarations: the engine
/// reads [`RawCondition`] and reports a node that mixes them.
#[cfg(feature = "typescript")]
#[derive(ts_rs::TS)]
#[ts(rename = "Condition", untagged)]
pub enum ConditionFormat {
    /// Holds when every child holds.
    All {
        /// The children.
        all: Vec<ConditionFormat>,
        /// Not beside `all`.
        #[ts(optional, type = "never")]
        any: Option<()>,
        /// Not beside `all`.
        #[ts(optional, type = "never")]
        not: Option<()>,
        /// Not beside `all`.
        #[ts(optional, type = "never")]
        field: Option<()>,
    },
    /// Holds when at least one child holds.
    Any {
        /// The children.
        any: Vec<ConditionFormat>,
        /// Not beside `any`.
        #[ts(optional, type = "never")]
        all: Option<()>,
        /// Not beside `any`.
        #[ts(optional, type = "never")]
        not: Option<()>,
        /// Not beside `any`.
        #[ts(optional, type = "never")]
        field: Option<()>,
    },
    /// Holds when the child does not.
    Not {
        /// The child.
        not: Box<ConditionFormat>,
        /// Not beside `not`.
        #[ts(optional, type = "never")]
        all: Option<()>,
        /// Not beside `not`.
        #[ts(optional, type = "never")]
        any: Option<()>,
        /// Not beside `not`.
        #[ts(optional, type = "never")]
        field: Option<()>,
    },
    /// A comparison of one case field.
    Leaf {
        /// The case field's logical name, or `caseAge`.
        field: String,
        /// The `FetchXML` operator.
        operator: Operator,
        /// The value to compare with (absent for `null` / `not-null`).
        #[ts(optional, type = "string | number | boolean | Array<string | number | boolean> | null")]
        value: Option<Value>,
        /// Not in a leaf.
        #[ts(optional, type = "never")]
        all: Option<()>,
        /// Not in a leaf.
        #[ts(optional, type = "never")]
        any: Option<()>,
        /// Not in a leaf.
        #[ts(optional, type = "never")]
        not: Option<()>,
    },
}

/// A checked condition, ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Every child holds.
    All(Vec<Condition>),
    /// At least one child holds.
    Any {
        /// The alternatives.
        children: Vec<Condition>,
        /// Where this node is in the config.
        path: String,
    },
    /// The child does not hold.
    Not {
        /// The negated condition.
        child: Box<Condition>,
        /// Where this node is in the config.
        path: String,
    },
    /// A comparison of one field.
    Leaf(Leaf),
}

/// One comparison: a field, an operator and what it compares with.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    /// Where this leaf is in the config.
    pub path: String,
    field: FieldRef,
    operator: Operator,
    operand: Operand,
    /// The value as written, for explanations.
    written: String,
}

#[derive(Debug, Clone, PartialEq)]
enum FieldRef {
    /// A case field: its interned id in the config's [`FieldTable`], and its name.
    Case {
        id: usize,
        name: String,
    },
    CaseAge,
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    None,
    Scalar(Scalar),
    List(Vec<Scalar>),
    Pattern(LikePattern),
    Text(String),
    Amount(TimeDelta),
}

#[derive(Debug, Clone, PartialEq)]
enum Scalar {
    Text { folded: String, instant: Option<Timestamp> },
    Number(f64),
    Bool(bool),
    Duration(TimeDelta),
}

#[cfg(test)]
mod tests;
