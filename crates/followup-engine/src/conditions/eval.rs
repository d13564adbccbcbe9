//! Evaluating a checked condition against a bound case at `now`, and
//! saying, when someone asks, why it did not hold.

use std::cmp::Ordering;

use chrono::TimeDelta;
use serde_json::Value;

use super::{BoundCase, BoundField, CASE_AGE_FIELD, Condition, FieldRef, Leaf, Operand, Operator, Scalar};
use crate::problem::{Problem, ProblemCode};
use crate::reader::json_kind;
use crate::record::CaseRecord;
use crate::text::clip;
use crate::time::Timestamp;

/// Why a condition did not hold: the node that failed. Its text is only
/// written when someone asks, so rule selection stays cheap.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure<'c> {
    /// A comparison did not hold.
    Leaf(&'c Leaf),
    /// None of the alternatives of an `any` held.
    Any {
        /// The `any` node's path.
        path: &'c str,
        /// Why its first alternative failed.
        first: Box<Failure<'c>>,
    },
    /// The condition under a `not` held.
    Not {
        /// The `not` node's path.
        path: &'c str,
    },
}

impl Failure<'_> {
    /// The config path of the failing node.
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            Self::Leaf(leaf) => &leaf.path,
            Self::Any { path, .. } | Self::Not { path } => path,
        }
    }

    /// What was compared and what the case holds, for people.
    #[must_use]
    pub fn describe(&self, case: &CaseRecord, now: Timestamp) -> String {
        match self {
            Self::Leaf(leaf) => leaf.describe_failure(case, now),
            Self::Any { first, .. } => {
                format!("none of the `any` alternatives held (first: {})", first.describe(case, now))
            }
            Self::Not { .. } => "the condition under `not` held".to_owned(),
        }
    }
}

impl Condition {
    /// Evaluates the condition for a case at `now`: `Ok(None)` when it holds,
    /// `Ok(Some(failure))` naming the node that failed when it does not, and
    /// `Err` when a leaf cannot apply to the value the case holds.
    pub fn check<'c>(&'c self, case: &BoundCase<'_>, now: Timestamp) -> Result<Option<Failure<'c>>, Problem> {
        match self {
            Self::All(children) => {
                for child in children {
                    if let Some(failure) = child.check(case, now)? {
                        return Ok(Some(failure));
                    }
                }
                Ok(None)
            }
            Self::Any { children, path } => {
                let mut first_failure = None;
                for child in children {
                    match child.check(case, now)? {
                        None => return Ok(None),
                        Some(failure) => {
                            first_failure.get_or_insert(failure);
                        }
                    }
                }
                Ok(first_failure.map(|first| Failure::Any { path, first: Box::new(first) }))
            }
            Self::Not { child, path } => match child.check(case, now)? {
                Some(_) => Ok(None),
                None => Ok(Some(Failure::Not { path })),
            },
            Self::Leaf(leaf) => Ok((!leaf.holds(case, now)?).then_some(Failure::Leaf(leaf))),
        }
    }

    /// Whether the condition holds (a leaf that cannot apply is an error).
    pub fn holds(&self, case: &BoundCase<'_>, now: Timestamp) -> Result<bool, Problem> {
        self.check(case, now).map(|failure| failure.is_none())
    }

    /// The earliest instant after `now` at which a time-based leaf (case age,
    /// `olderthan-x-*`, `last-x-*`) changes its answer, if any: the host
    /// should evaluate again then, because a rule may start or stop applying
    /// without anything happening on the case.
    #[must_use]
    pub fn next_boundary(&self, case: &BoundCase<'_>, now: Timestamp) -> Option<Timestamp> {
        match self {
            Self::All(children) | Self::Any { children, .. } => {
                children.iter().filter_map(|child| child.next_boundary(case, now)).min()
            }
            Self::Not { child, .. } => child.next_boundary(case, now),
            Self::Leaf(leaf) => leaf.next_boundary(case, now),
        }
    }

    /// Whether any leaf depends on `now` (case age or a relative date).
    #[must_use]
    pub fn depends_on_time(&self) -> bool {
        match self {
            Self::All(children) | Self::Any { children, .. } => children.iter().any(Self::depends_on_time),
            Self::Not { child, .. } => child.depends_on_time(),
            Self::Leaf(leaf) => leaf.depends_on_time(),
        }
    }
}

impl Leaf {
    /// Whether this comparison depends on `now`.
    #[must_use]
    pub fn depends_on_time(&self) -> bool {
        self.field == FieldRef::CaseAge || matches!(self.operand, Operand::Amount(_))
    }

    fn field_name(&self) -> &str {
        match &self.field {
            FieldRef::Case { name, .. } => name,
            FieldRef::CaseAge => CASE_AGE_FIELD,
        }
    }

    fn next_boundary(&self, case: &BoundCase<'_>, now: Timestamp) -> Option<Timestamp> {
        // A strict comparison flips just after the boundary: one second
        // later is the first instant a host sees the new answer.
        let second = TimeDelta::seconds(1);
        let at = match (&self.field, &self.operand) {
            (FieldRef::CaseAge, Operand::Scalar(Scalar::Duration(limit))) => {
                case.case.created_on.checked_add_signed(*limit)?
            }
            (FieldRef::Case { id, .. }, Operand::Amount(amount)) => {
                case.field(*id)?.instant()?.checked_add_signed(*amount)?
            }
            _ => return None,
        };
        [at, at.checked_add_signed(second)?].into_iter().filter(|candidate| *candidate > now).min()
    }

    fn not_applicable(&self, what: &str) -> Problem {
        Problem::new(
            ProblemCode::ConditionNotApplicable,
            &self.path,
            format!("`{}` cannot apply to field `{}`: {what}", self.operator.name(), self.field_name()),
        )
    }

    fn describe_failure(&self, case: &CaseRecord, now: Timestamp) -> String {
        self.describe_outcome(case, now, " did not hold: the case has ")
    }

    /// The comparison, then `verdict`, then what the case holds.
    pub(super) fn describe_outcome(&self, case: &CaseRecord, now: Timestamp, verdict: &str) -> String {
        // Written with pushes rather than `format!`: a decision describes
        // every rule that did not apply, so this runs once per rule.
        let mut text = String::with_capacity(96);
        text.push('`');
        text.push_str(self.field_name());
        text.push_str("` ");
        text.push_str(self.operator.name());
        if !self.written.is_empty() {
            text.push(' ');
            text.push_str(&self.written);
        }
        text.push_str(verdict);
        let quoted = |text: &mut String, value: &str| {
            text.push('`');
            text.push_str(&clip(value));
            text.push('`');
        };
        match &self.field {
            FieldRef::CaseAge => {
                text.push_str(&crate::time::describe_delta(now.signed_duration_since(case.created_on)));
            }
            FieldRef::Case { name, .. } => {
                let field = case.field(name);
                match (field.raw, field.label) {
                    (None, _) => text.push_str("empty"),
                    (Some(_), Some(label)) => quoted(&mut text, label),
                    (Some(Value::String(value)), None) => quoted(&mut text, value),
                    (Some(other), None) => quoted(&mut text, &crate::text::json_text(other)),
                }
            }
        }
        text
    }

    fn holds(&self, case: &BoundCase<'_>, now: Timestamp) -> Result<bool, Problem> {
        let id = match &self.field {
            FieldRef::CaseAge => {
                let age = now.signed_duration_since(case.case.created_on);
                let Operand::Scalar(Scalar::Duration(limit)) = &self.operand else {
                    return Err(self.not_applicable("the case age compares with a duration"));
                };
                return Ok(ordering_holds(self.operator, age.cmp(limit)));
            }
            FieldRef::Case { id, .. } => *id,
        };
        let entry = case.field(id).filter(|entry| entry.raw().is_some());
        match self.operator {
            Operator::Null => return Ok(entry.is_none()),
            Operator::NotNull => return Ok(entry.is_some()),
            _ => {}
        }
        let Some(entry) = entry else {
            return Ok(false);
        };
        match (&self.operand, self.operator) {
            (Operand::Scalar(scalar), Operator::Eq) => Ok(equals(entry, scalar)),
            (Operand::Scalar(scalar), Operator::Ne) => Ok(!equals(entry, scalar)),
            (Operand::Scalar(scalar), operator) => {
                let ordering = self.compare(entry, scalar)?;
                Ok(ordering_holds(operator, ordering))
            }
            (Operand::List(items), Operator::In) => Ok(items.iter().any(|item| equals(entry, item))),
            (Operand::List(items), _) => Ok(!items.iter().any(|item| equals(entry, item))),
            (Operand::Pattern(pattern), operator) => {
                let matched = self.any_text(entry, |text| pattern.matches_folded(text))?;
                Ok(matched == (operator == Operator::Like))
            }
            (Operand::Text(affix), operator) => {
                let begins = operator == Operator::BeginsWith;
                self.any_text(entry, |text| {
                    if begins { text.starts_with(affix.as_str()) } else { text.ends_with(affix.as_str()) }
                })
            }
            (Operand::Amount(amount), operator) => {
                let when = entry.instant().ok_or_else(|| self.not_applicable("it does not hold a date"))?;
                let boundary =
                    now.checked_sub_signed(*amount).ok_or_else(|| self.not_applicable("date out of range"))?;
                Ok(match operator {
                    Operator::OlderThanXHours | Operator::OlderThanXDays => when < boundary,
                    _ => when >= boundary && when <= now,
                })
            }
            (Operand::None, _) => Ok(false),
        }
    }

    /// Whether the field's label or value (folded) passes `test`; a field
    /// holding an array or object cannot be read as text.
    fn any_text(&self, entry: &BoundField<'_>, test: impl Fn(&str) -> bool) -> Result<bool, Problem> {
        if matches!(entry.raw(), Some(Value::Array(_) | Value::Object(_))) {
            let kind = entry.raw().map_or_else(String::new, json_kind);
            return Err(self.not_applicable(&format!("it holds {kind}")));
        }
        Ok(entry.folded_label().is_some_and(&test) || entry.folded_raw().is_some_and(&test))
    }

    fn compare(&self, entry: &BoundField<'_>, scalar: &Scalar) -> Result<Ordering, Problem> {
        let raw = entry.raw().ok_or_else(|| self.not_applicable("it is empty"))?;
        match scalar {
            Scalar::Number(wanted) => {
                let actual = number_of(raw).ok_or_else(|| self.not_applicable("it does not hold a number"))?;
                actual.partial_cmp(wanted).ok_or_else(|| self.not_applicable("the numbers cannot be ordered"))
            }
            Scalar::Text { instant: Some(wanted), .. } => {
                let actual = entry.instant().ok_or_else(|| self.not_applicable("it does not hold a date"))?;
                Ok(actual.cmp(wanted))
            }
            Scalar::Text { folded, .. } => {
                let text = entry
                    .folded_label()
                    .or_else(|| raw.as_str().and(entry.folded_raw()))
                    .ok_or_else(|| self.not_applicable("it does not hold text"))?;
                Ok(text.cmp(folded.as_str()))
            }
            Scalar::Bool(_) | Scalar::Duration(_) => Err(self.not_applicable("the value cannot be ordered")),
        }
    }
}

fn ordering_holds(operator: Operator, ordering: Ordering) -> bool {
    match operator {
        Operator::Eq => ordering == Ordering::Equal,
        Operator::Ne => ordering != Ordering::Equal,
        Operator::Gt => ordering == Ordering::Greater,
        Operator::Ge => ordering != Ordering::Less,
        Operator::Lt => ordering == Ordering::Less,
        Operator::Le => ordering != Ordering::Greater,
        _ => false,
    }
}

fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => crate::text::parse_decimal(text.trim()),
        _ => None,
    }
}

fn equals(entry: &BoundField<'_>, scalar: &Scalar) -> bool {
    let Some(raw) = entry.raw() else {
        return false;
    };
    match scalar {
        Scalar::Number(wanted) => number_of(raw) == Some(*wanted),
        Scalar::Bool(wanted) => match raw {
            Value::Bool(flag) => flag == wanted,
            Value::Number(number) => number.as_f64() == Some(if *wanted { 1.0 } else { 0.0 }),
            _ => false,
        },
        Scalar::Duration(_) => false,
        Scalar::Text { folded, instant } => {
            if entry.folded_label() == Some(folded.as_str()) {
                return true;
            }
            // The field is read as a date only for a text that is one.
            if let Some(wanted) = instant
                && raw.is_string()
                && let Some(actual) = entry.instant()
            {
                return actual == *wanted;
            }
            entry.folded_raw() == Some(folded.as_str())
        }
    }
}
