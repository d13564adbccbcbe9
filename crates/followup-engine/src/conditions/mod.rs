//! Rule conditions: trees of `all` / `any` / `not` over leaves
//! `{field, operator, value}`, checked when the config is compiled and
//! evaluated against a case at `now`.
//!
//! Semantics follow Dataverse: text compares without regard to case, option
//! sets and lookups match by value or by their label, and an empty field
//! matches nothing but `null` (so `ne` and `not-like` do not match it either).
//! The virtual field `caseAge` is the time since `createdon`.

mod held;
mod index;
mod like;
mod operator;

use std::cmp::Ordering;

use chrono::TimeDelta;
use serde_json::Value;

pub use index::RuleIndex;
pub use like::LikePattern;
pub use operator::{OPERATORS, Operator};

use crate::config::read::Reader;
use crate::fields::json_kind;
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use std::cell::OnceCell;

use crate::record::{CaseRecord, FieldValue};
use crate::text::fold;
use crate::time::{IsoDuration, Timestamp, clip, parse_date_or_timestamp, parse_timestamp};

/// The name of the virtual case-age field. Dataverse logical names are all
/// lowercase, so this camelCase name cannot collide with a real column.
pub const CASE_AGE_FIELD: &str = "caseAge";

/// Deepest nesting of `all` / `any` / `not` accepted.
pub const MAX_DEPTH: usize = 32;

/// A condition as written in the config, before checking.
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "typescript", derive(serde::Deserialize), serde(deny_unknown_fields))]
pub struct RawCondition {
    /// Holds when every child holds.
    pub all: Option<Vec<RawCondition>>,
    /// Holds when at least one child holds.
    pub any: Option<Vec<RawCondition>>,
    /// Holds when the child does not.
    pub not: Option<Box<RawCondition>>,
    /// Leaf: the case field's logical name, or `caseAge`.
    pub field: Option<String>,
    /// Leaf: the `FetchXML` operator name.
    pub operator: Option<String>,
    /// Leaf: the value to compare with (absent for `null` / `not-null`).
    pub value: Option<Value>,
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

impl RawCondition {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["all", "any", "not", "field", "operator", "value"];

    /// Reads a condition tree at `path`, at most [`MAX_DEPTH`] deep.
    pub fn read(value: &Value, path: String, problems: &mut Vec<Problem>, depth: usize) -> Option<Self> {
        if depth > MAX_DEPTH {
            problems.push(Problem::new(
                ProblemCode::ConditionShape,
                path,
                format!("conditions are nested more than {MAX_DEPTH} levels deep"),
            ));
            return None;
        }
        let before = problems.len();
        let mut reader = Reader::object(value, path, "a condition", Self::FIELDS, problems)?;
        let children = |reader: &mut Reader<'_, '_>, key: &str| {
            let items = reader.array(key)?;
            let path = reader.path_of(key);
            Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(index, item)| {
                        Self::read(item, index_path(&path, index), reader.problems(), depth + 1)
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let all = children(&mut reader, "all");
        let any = children(&mut reader, "any");
        let not = reader.value("not").and_then(|value| {
            let path = reader.path_of("not");
            Self::read(value, path, reader.problems(), depth + 1).map(Box::new)
        });
        let field = reader.text("field");
        let operator = reader.text("operator");
        let value = reader.value("value").cloned();
        if reader.problems().len() != before {
            return None;
        }
        Some(Self { all, any, not, field, operator, value })
    }
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

/// The distinct case fields a config's conditions read, each with an id.
/// A record is bound to the table once per evaluation, so each leaf reads
/// its field by id instead of looking up its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldTable {
    names: Vec<String>,
}

impl FieldTable {
    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> usize {
        if let Some(id) = self.names.iter().position(|known| known == name) {
            return id;
        }
        self.names.push(name.to_owned());
        self.names.len() - 1
    }

    /// The names, by id.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Binds `case` to the table: each field the conditions read is looked
    /// up once for this evaluation, when a condition first reads it (rules
    /// passed over by the [`RuleIndex`] read nothing).
    #[must_use]
    pub fn bind<'a>(&'a self, case: &'a CaseRecord) -> BoundCase<'a> {
        BoundCase { case, table: self, fields: self.names.iter().map(|_| OnceCell::new()).collect() }
    }
}

/// A case bound to a [`FieldTable`]: what conditions evaluate against.
#[derive(Debug, Clone)]
pub struct BoundCase<'a> {
    /// The case.
    pub case: &'a CaseRecord,
    table: &'a FieldTable,
    fields: Vec<OnceCell<BoundField<'a>>>,
}

impl BoundCase<'_> {
    fn field(&self, id: usize) -> Option<&BoundField<'_>> {
        let name = self.table.names.get(id)?;
        Some(self.fields.get(id)?.get_or_init(|| BoundField::new(self.case.field(name))))
    }
}

/// One bound field: its value and label, and the forms comparisons need,
/// each worked out on first use (a field many rules test is folded once).
#[derive(Debug, Clone)]
pub struct BoundField<'a> {
    value: FieldValue<'a>,
    folded_label: OnceCell<Option<String>>,
    folded_raw: OnceCell<Option<String>>,
    instant: OnceCell<Option<Timestamp>>,
}

impl<'a> BoundField<'a> {
    fn new(value: FieldValue<'a>) -> Self {
        Self { value, folded_label: OnceCell::new(), folded_raw: OnceCell::new(), instant: OnceCell::new() }
    }

    fn raw(&self) -> Option<&'a Value> {
        self.value.raw
    }

    /// The label, folded for comparison without regard to case.
    fn folded_label(&self) -> Option<&str> {
        self.folded_label.get_or_init(|| self.value.label.map(fold)).as_deref()
    }

    /// The value as text (text, number or boolean), folded.
    fn folded_raw(&self) -> Option<&str> {
        self.folded_raw
            .get_or_init(|| match self.value.raw? {
                Value::String(text) => Some(fold(text)),
                Value::Number(number) => Some(crate::text::number_text(number)),
                Value::Bool(flag) => Some(flag.to_string()),
                _ => None,
            })
            .as_deref()
    }

    /// The value read as a date-time, if it is one.
    fn instant(&self) -> Option<Timestamp> {
        *self.instant.get_or_init(|| self.value.raw?.as_str().and_then(|text| parse_date_or_timestamp(text).ok()))
    }
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

/// Compiles a raw condition found at `path`, interning the fields it reads
/// in `fields` and adding every problem to `problems`. Returns `None` when
/// it has problems.
pub fn compile(
    raw: &RawCondition,
    path: &str,
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Option<Condition> {
    compile_node(raw, path, 0, fields, problems)
}

fn compile_node(
    raw: &RawCondition,
    path: &str,
    depth: usize,
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Option<Condition> {
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
        let compiled = compile_children(children, &field_path(path, "all"), depth, fields, problems)?;
        return Some(Condition::All(compiled));
    }
    if let Some(children) = &raw.any {
        let any_path = field_path(path, "any");
        if children.is_empty() {
            problems.push(Problem::new(ProblemCode::ConditionShape, any_path, "an empty `any` never holds"));
            return None;
        }
        let compiled = compile_children(children, &any_path, depth, fields, problems)?;
        return Some(Condition::Any { children: compiled, path: any_path });
    }
    if let Some(child) = &raw.not {
        let not_path = field_path(path, "not");
        let compiled = compile_node(child, &not_path, depth + 1, fields, problems)?;
        return Some(Condition::Not { child: Box::new(compiled), path: not_path });
    }
    compile_leaf(raw, path, fields, problems).map(Condition::Leaf)
}

fn compile_children(
    children: &[RawCondition],
    path: &str,
    depth: usize,
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Condition>> {
    let before = problems.len();
    let compiled: Vec<Condition> = children
        .iter()
        .enumerate()
        .filter_map(|(index, child)| compile_node(child, &index_path(path, index), depth + 1, fields, problems))
        .collect();
    (problems.len() == before).then_some(compiled)
}

fn compile_leaf(raw: &RawCondition, path: &str, fields: &mut FieldTable, problems: &mut Vec<Problem>) -> Option<Leaf> {
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
        Some(name) => Some(FieldRef::Case { id: fields.intern(name), name: name.to_owned() }),
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
                None => format!("use one of {}", crate::text::join(&OPERATORS.map(|(name, _)| name), ", ")),
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
        other => format!("`{}`", clip(&crate::text::json_text(other))),
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
        Value::Number(number) => {
            number.as_f64().filter(|float| float.is_finite()).map(Scalar::Number).ok_or_else(|| {
                (ProblemCode::ConditionValue, format!("`{}` is not a usable number", crate::text::number_text(number)))
            })
        }
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
    fn describe_outcome(&self, case: &CaseRecord, now: Timestamp, verdict: &str) -> String {
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

#[cfg(test)]
mod tests;
