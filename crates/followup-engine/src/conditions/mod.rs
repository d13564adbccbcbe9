//! Rule conditions: trees of `all` / `any` / `not` over leaves
//! `{field, operator, value}`, checked when the config is compiled and
//! evaluated against a case at `now`.
//!
//! Semantics follow Dataverse: text compares without regard to case, option
//! sets and lookups match by value or by their label, and an empty field
//! matches nothing but `null` (so `ne` and `not-like` do not match it either).
//! The virtual field `caseAge` is the time since `createdon`.

mod like;
mod operator;

use std::cmp::Ordering;

use chrono::TimeDelta;
use serde::Deserialize;
use serde_json::Value;

pub use like::LikePattern;
pub use operator::{OPERATORS, Operator};

use crate::fields::json_kind;
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::record::{CaseRecord, FieldValue};
use crate::text::{eq_fold, fold};
use crate::time::{IsoDuration, Timestamp, clip, parse_date_or_timestamp, parse_timestamp};

/// The name of the virtual case-age field. Dataverse logical names are all
/// lowercase, so this camelCase name cannot collide with a real column.
pub const CASE_AGE_FIELD: &str = "caseAge";

/// Deepest nesting of `all` / `any` / `not` accepted.
pub const MAX_DEPTH: usize = 32;

/// A condition as written in the config, before checking.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// Holds when every child holds.
    pub all: Option<Vec<RawCondition>>,
    /// Holds when at least one child holds.
    pub any: Option<Vec<RawCondition>>,
    /// Holds when the child does not.
    pub not: Option<Box<RawCondition>>,
    /// Leaf: the case field's logical name, or `caseAge`.
    pub field: Option<String>,
    /// Leaf: the FetchXML operator name.
    pub operator: Option<String>,
    /// Leaf: the value to compare with (absent for `null` / `not-null`).
    pub value: Option<Value>,
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
    Case(String),
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

/// Why a condition did not hold: the node that failed and what it saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The config path of the failing node.
    pub path: String,
    /// What was compared and what the case holds.
    pub detail: String,
}

/// Compiles a raw condition found at `path`, adding every problem to
/// `problems`. Returns `None` when it has problems.
pub fn compile(raw: &RawCondition, path: &str, problems: &mut Vec<Problem>) -> Option<Condition> {
    compile_node(raw, path, 0, problems)
}

fn compile_node(raw: &RawCondition, path: &str, depth: usize, problems: &mut Vec<Problem>) -> Option<Condition> {
    if depth > MAX_DEPTH {
        problems.push(Problem::new(
            ProblemCode::ConditionShape,
            path,
            format!("conditions are nested more than {MAX_DEPTH} levels deep"),
        ));
        return None;
    }
    let is_leaf = raw.field.is_some() || raw.operator.is_some() || raw.value.is_some();
    let forms = [raw.all.is_some(), raw.any.is_some(), raw.not.is_some(), is_leaf];
    if forms.iter().filter(|present| **present).count() != 1 {
        problems.push(Problem::new(
            ProblemCode::ConditionShape,
            path,
            "a condition is exactly one of `all: [...]`, `any: [...]`, `not: {...}` or `{field, operator, value}`",
        ));
        return None;
    }
    if let Some(children) = &raw.all {
        let compiled = compile_children(children, &field_path(path, "all"), depth, problems)?;
        return Some(Condition::All(compiled));
    }
    if let Some(children) = &raw.any {
        let any_path = field_path(path, "any");
        if children.is_empty() {
            problems.push(Problem::new(ProblemCode::ConditionShape, any_path, "an empty `any` never holds"));
            return None;
        }
        let compiled = compile_children(children, &any_path, depth, problems)?;
        return Some(Condition::Any { children: compiled, path: any_path });
    }
    if let Some(child) = &raw.not {
        let not_path = field_path(path, "not");
        let compiled = compile_node(child, &not_path, depth + 1, problems)?;
        return Some(Condition::Not { child: Box::new(compiled), path: not_path });
    }
    compile_leaf(raw, path, problems).map(Condition::Leaf)
}

fn compile_children(
    children: &[RawCondition],
    path: &str,
    depth: usize,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Condition>> {
    let before = problems.len();
    let compiled: Vec<Condition> = children
        .iter()
        .enumerate()
        .filter_map(|(index, child)| compile_node(child, &index_path(path, index), depth + 1, problems))
        .collect();
    (problems.len() == before).then_some(compiled)
}

fn compile_leaf(raw: &RawCondition, path: &str, problems: &mut Vec<Problem>) -> Option<Leaf> {
    let before = problems.len();
    let field = match raw.field.as_deref().map(str::trim) {
        Some("") => {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                field_path(path, "field"),
                "the field name is empty",
            ));
            None
        }
        Some(name) if name == CASE_AGE_FIELD => Some(FieldRef::CaseAge),
        Some(name) => Some(FieldRef::Case(name.to_owned())),
        None => {
            problems.push(Problem::new(ProblemCode::MissingField, field_path(path, "field"), "`field` is required"));
            None
        }
    };
    let operator_path = field_path(path, "operator");
    let operator = if let Some(name) = raw.operator.as_deref() {
        Operator::parse(name).or_else(|| {
            let hint = match Operator::suggest(name) {
                Some(guess) => format!("did you mean `{}`?", guess.name()),
                None => format!("use one of {}", OPERATORS.map(|(name, _)| name).join(", ")),
            };
            problems.push(Problem::new(
                ProblemCode::UnknownOperator,
                operator_path,
                format!("`{}` is not an operator: {hint}", clip(name)),
            ));
            None
        })
    } else {
        problems.push(Problem::new(ProblemCode::MissingField, operator_path, "`operator` is required"));
        None
    };
    let (Some(field), Some(operator)) = (field, operator) else {
        return None;
    };
    let value_path = field_path(path, "value");
    let value = raw.value.as_ref().filter(|value| !value.is_null());
    let operand = match compile_operand(&field, operator, value) {
        Ok(operand) => operand,
        Err((code, message)) => {
            problems.push(Problem::new(code, value_path, message));
            return None;
        }
    };
    let written = value.map_or_else(String::new, |value| match value {
        Value::String(text) => format!("`{}`", clip(text)),
        other => format!("`{}`", clip(&other.to_string())),
    });
    (problems.len() == before).then(|| Leaf { path: path.to_owned(), field, operator, operand, written })
}

type CompileError = (ProblemCode, String);

fn compile_operand(field: &FieldRef, operator: Operator, value: Option<&Value>) -> Result<Operand, CompileError> {
    let name = operator.name();
    if operator.is_unary() {
        return match value {
            None => Ok(Operand::None),
            Some(_) => Err((ProblemCode::ConditionValue, format!("`{name}` takes no value"))),
        };
    }
    let value = value.ok_or_else(|| (ProblemCode::ConditionValue, format!("`{name}` needs a value")))?;
    if *field == FieldRef::CaseAge {
        if !(matches!(operator, Operator::Eq | Operator::Ne) || operator.is_ordering()) {
            return Err((
                ProblemCode::ConditionNotApplicable,
                format!("`{CASE_AGE_FIELD}` is compared with eq, ne, gt, ge, lt or le, not `{name}`"),
            ));
        }
        return case_age_operand(value).map(Operand::Scalar);
    }
    match operator {
        Operator::OlderThanXHours | Operator::LastXHours => amount(value, name, TimeDelta::try_hours),
        Operator::OlderThanXDays | Operator::LastXDays => amount(value, name, TimeDelta::try_days),
        Operator::Like | Operator::NotLike => Ok(Operand::Pattern(LikePattern::new(text_value(value, name)?))),
        Operator::BeginsWith | Operator::EndsWith => Ok(Operand::Text(fold(text_value(value, name)?))),
        Operator::In | Operator::NotIn => {
            let Value::Array(items) = value else {
                return Err((
                    ProblemCode::ConditionValue,
                    format!("`{name}` needs an array of values, not {}", json_kind(value)),
                ));
            };
            if items.is_empty() {
                return Err((ProblemCode::ConditionValue, format!("`{name}` needs at least one value")));
            }
            items.iter().map(|item| scalar(item, name)).collect::<Result<_, _>>().map(Operand::List)
        }
        _ => {
            let scalar = scalar(value, name)?;
            if operator.is_ordering() && matches!(scalar, Scalar::Bool(_)) {
                return Err((ProblemCode::ConditionValue, format!("`{name}` cannot order true and false")));
            }
            Ok(Operand::Scalar(scalar))
        }
    }
}

fn text_value<'a>(value: &'a Value, name: &str) -> Result<&'a str, CompileError> {
    value
        .as_str()
        .ok_or_else(|| (ProblemCode::ConditionValue, format!("`{name}` needs text, not {}", json_kind(value))))
}

fn scalar(value: &Value, name: &str) -> Result<Scalar, CompileError> {
    match value {
        Value::String(text) => Ok(Scalar::Text { folded: fold(text), instant: parse_timestamp(text).ok() }),
        Value::Number(number) => number
            .as_f64()
            .filter(|float| float.is_finite())
            .map(Scalar::Number)
            .ok_or_else(|| (ProblemCode::ConditionValue, format!("`{number}` is not a usable number"))),
        Value::Bool(flag) => Ok(Scalar::Bool(*flag)),
        other => Err((
            ProblemCode::ConditionValue,
            format!("`{name}` compares with text, a number or a boolean, not {}", json_kind(other)),
        )),
    }
}

fn case_age_operand(value: &Value) -> Result<Scalar, CompileError> {
    let bad = || {
        (
            ProblemCode::ConditionValue,
            format!(
                "`{CASE_AGE_FIELD}` compares with a duration such as `P7D` or a number of days, not {}",
                json_kind(value)
            ),
        )
    };
    match value {
        Value::String(text) => IsoDuration::parse(text)
            .map(|duration| Scalar::Duration(duration.delta))
            .map_err(|message| (ProblemCode::InvalidDuration, message)),
        Value::Number(number) => {
            let days = number.as_f64().filter(|days| days.is_finite() && days.abs() <= 36_500.0).ok_or_else(bad)?;
            // Bounded just above, so the product fits easily.
            #[expect(clippy::cast_possible_truncation, reason = "bounded to 100 years above")]
            let millis = (days * 86_400_000.0).round() as i64;
            TimeDelta::try_milliseconds(millis).map(Scalar::Duration).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

fn amount(value: &Value, name: &str, unit: fn(i64) -> Option<TimeDelta>) -> Result<Operand, CompileError> {
    let count = match value {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse::<i64>().ok(),
        _ => None,
    };
    match count {
        Some(count) if (1..=36_500).contains(&count) => unit(count)
            .map(Operand::Amount)
            .ok_or_else(|| (ProblemCode::ConditionValue, format!("`{count}` is out of range"))),
        _ => Err((
            ProblemCode::ConditionValue,
            format!("`{name}` needs a whole number from 1 to 36500, not {}", json_kind(value)),
        )),
    }
}

impl Condition {
    /// Evaluates the condition for `case` at `now`: `Ok(None)` when it
    /// holds, `Ok(Some(failure))` saying why when it does not, and `Err` when
    /// a leaf cannot apply to the value the case holds.
    pub fn check(&self, case: &CaseRecord, now: Timestamp) -> Result<Option<Failure>, Problem> {
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
                let detail = first_failure.map_or_else(String::new, |failure| format!(" (first: {})", failure.detail));
                Ok(Some(Failure { path: path.clone(), detail: format!("none of the `any` alternatives held{detail}") }))
            }
            Self::Not { child, path } => match child.check(case, now)? {
                Some(_) => Ok(None),
                None => Ok(Some(Failure { path: path.clone(), detail: "the condition under `not` held".to_owned() })),
            },
            Self::Leaf(leaf) => {
                if leaf.holds(case, now)? {
                    Ok(None)
                } else {
                    Ok(Some(Failure { path: leaf.path.clone(), detail: leaf.describe_failure(case, now) }))
                }
            }
        }
    }

    /// The earliest instant after `now` at which a time-based leaf (case age,
    /// `olderthan-x-*`, `last-x-*`) changes its answer, if any: the host
    /// should evaluate again then, because a rule may start or stop applying
    /// without anything happening on the case.
    #[must_use]
    pub fn next_boundary(&self, case: &CaseRecord, now: Timestamp) -> Option<Timestamp> {
        match self {
            Self::All(children) | Self::Any { children, .. } => {
                children.iter().filter_map(|child| child.next_boundary(case, now)).min()
            }
            Self::Not { child, .. } => child.next_boundary(case, now),
            Self::Leaf(leaf) => leaf.next_boundary(case, now),
        }
    }

    /// Whether the condition holds (a leaf that cannot apply is an error).
    pub fn holds(&self, case: &CaseRecord, now: Timestamp) -> Result<bool, Problem> {
        self.check(case, now).map(|failure| failure.is_none())
    }
}

impl Leaf {
    fn field_name(&self) -> &str {
        match &self.field {
            FieldRef::Case(name) => name,
            FieldRef::CaseAge => CASE_AGE_FIELD,
        }
    }

    fn next_boundary(&self, case: &CaseRecord, now: Timestamp) -> Option<Timestamp> {
        // A strict comparison flips just after the boundary: one second
        // later is the first instant a host sees the new answer.
        let second = TimeDelta::seconds(1);
        let candidates: Vec<Timestamp> = match (&self.field, &self.operand) {
            (FieldRef::CaseAge, Operand::Scalar(Scalar::Duration(limit))) => {
                let at = case.created_on.checked_add_signed(*limit)?;
                vec![at, at.checked_add_signed(second)?]
            }
            (FieldRef::Case(name), Operand::Amount(amount)) => {
                let text = case.field(name).raw.and_then(Value::as_str)?;
                let at = parse_date_or_timestamp(text).ok()?.checked_add_signed(*amount)?;
                vec![at, at.checked_add_signed(second)?]
            }
            _ => return None,
        };
        candidates.into_iter().filter(|at| *at > now).min()
    }

    fn not_applicable(&self, what: &str) -> Problem {
        Problem::new(
            ProblemCode::ConditionNotApplicable,
            &self.path,
            format!("`{}` cannot apply to field `{}`: {what}", self.operator.name(), self.field_name()),
        )
    }

    fn describe_failure(&self, case: &CaseRecord, now: Timestamp) -> String {
        let actual = match &self.field {
            FieldRef::CaseAge => crate::time::describe_delta(now.signed_duration_since(case.created_on)),
            FieldRef::Case(name) => {
                let field = case.field(name);
                match (field.raw, field.label) {
                    (None, _) => "empty".to_owned(),
                    (Some(_), Some(label)) => format!("`{}`", clip(label)),
                    (Some(Value::String(text)), None) => format!("`{}`", clip(text)),
                    (Some(other), None) => format!("`{}`", clip(&other.to_string())),
                }
            }
        };
        let expected = if self.written.is_empty() { String::new() } else { format!(" {}", self.written) };
        format!("`{}` {}{expected} did not hold: the case has {actual}", self.field_name(), self.operator.name())
    }

    fn holds(&self, case: &CaseRecord, now: Timestamp) -> Result<bool, Problem> {
        let name = match &self.field {
            FieldRef::CaseAge => {
                let age = now.signed_duration_since(case.created_on);
                let Operand::Scalar(Scalar::Duration(limit)) = &self.operand else {
                    return Err(self.not_applicable("the case age compares with a duration"));
                };
                return Ok(ordering_holds(self.operator, age.cmp(limit)));
            }
            FieldRef::Case(name) => name,
        };
        let field = case.field(name);
        match self.operator {
            Operator::Null => return Ok(field.is_null()),
            Operator::NotNull => return Ok(!field.is_null()),
            _ if field.is_null() => return Ok(false),
            _ => {}
        }
        match (&self.operand, self.operator) {
            (Operand::Scalar(scalar), Operator::Eq) => Ok(equals(field, scalar)),
            (Operand::Scalar(scalar), Operator::Ne) => Ok(!equals(field, scalar)),
            (Operand::Scalar(scalar), operator) => {
                let ordering = self.compare(field, scalar)?;
                Ok(ordering_holds(operator, ordering))
            }
            (Operand::List(items), Operator::In) => Ok(items.iter().any(|item| equals(field, item))),
            (Operand::List(items), _) => Ok(!items.iter().any(|item| equals(field, item))),
            (Operand::Pattern(pattern), operator) => {
                let texts = self.texts(field)?;
                let matched = texts.iter().any(|text| pattern.matches(text));
                Ok(matched == (operator == Operator::Like))
            }
            (Operand::Text(affix), operator) => {
                let texts = self.texts(field)?;
                let begins = operator == Operator::BeginsWith;
                Ok(texts.iter().any(|text| {
                    let folded = fold(text);
                    if begins { folded.starts_with(affix.as_str()) } else { folded.ends_with(affix.as_str()) }
                }))
            }
            (Operand::Amount(amount), operator) => {
                let when = self.date(field)?;
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

    /// The texts a field offers to text operators: its label and its value.
    fn texts<'a>(&self, field: FieldValue<'a>) -> Result<Vec<std::borrow::Cow<'a, str>>, Problem> {
        let mut texts = Vec::with_capacity(2);
        if let Some(label) = field.label {
            texts.push(std::borrow::Cow::Borrowed(label));
        }
        match field.raw {
            Some(Value::String(text)) => texts.push(std::borrow::Cow::Borrowed(text.as_str())),
            Some(Value::Number(number)) => texts.push(std::borrow::Cow::Owned(number.to_string())),
            Some(Value::Bool(flag)) => texts.push(std::borrow::Cow::Owned(flag.to_string())),
            Some(other) => {
                return Err(self.not_applicable(&format!("it holds {}", json_kind(other))));
            }
            None => {}
        }
        Ok(texts)
    }

    fn date(&self, field: FieldValue<'_>) -> Result<Timestamp, Problem> {
        let text = field.raw.and_then(Value::as_str).ok_or_else(|| self.not_applicable("it does not hold a date"))?;
        parse_date_or_timestamp(text).map_err(|_| self.not_applicable(&format!("`{}` is not a date", clip(text))))
    }

    fn compare(&self, field: FieldValue<'_>, scalar: &Scalar) -> Result<Ordering, Problem> {
        let raw = field.raw.ok_or_else(|| self.not_applicable("it is empty"))?;
        match scalar {
            Scalar::Number(wanted) => {
                let actual = number_of(raw).ok_or_else(|| self.not_applicable("it does not hold a number"))?;
                actual.partial_cmp(wanted).ok_or_else(|| self.not_applicable("the numbers cannot be ordered"))
            }
            Scalar::Text { instant: Some(wanted), .. } => Ok(self.date(field)?.cmp(wanted)),
            Scalar::Text { folded, .. } => {
                let text =
                    field.label.or_else(|| raw.as_str()).ok_or_else(|| self.not_applicable("it does not hold text"))?;
                Ok(fold(text).cmp(folded))
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
        Value::String(text) => text.trim().parse::<f64>().ok().filter(|float| float.is_finite()),
        _ => None,
    }
}

fn equals(field: FieldValue<'_>, scalar: &Scalar) -> bool {
    let Some(raw) = field.raw else {
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
            if field.label.is_some_and(|label| eq_fold(label, folded)) {
                return true;
            }
            match raw {
                Value::String(text) => {
                    if let (Some(wanted), Ok(actual)) = (instant, parse_timestamp(text)) {
                        return actual == *wanted;
                    }
                    eq_fold(text, folded)
                }
                Value::Number(number) => number.to_string() == *folded,
                Value::Bool(flag) => flag.to_string() == *folded,
                _ => false,
            }
        }
    }
}

#[cfg(test)]
mod tests;
