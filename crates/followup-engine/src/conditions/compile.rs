//! Checking a condition tree: every problem with its path, the fields it
//! reads interned, each operand read once for the operator it goes with.

use chrono::TimeDelta;
use serde_json::Value;

use super::{
    CASE_AGE_FIELD, Condition, FieldRef, FieldTable, Leaf, LikePattern, OPERATORS, Operand, Operator, RawCondition,
    Scalar,
};
use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::reader::json_kind;
use crate::text::{clip, fold};
use crate::time::{IsoDuration, parse_timestamp};

/// Compiles a raw condition found at `path`, interning the fields it reads
/// in `fields` and adding every problem to `problems`. Returns `None` when
/// it has problems. The tree is at most [`MAX_DEPTH`](super::MAX_DEPTH)
/// deep: its reader ([`RawCondition::read`]) refuses deeper ones.
pub fn compile(
    raw: &RawCondition,
    path: &str,
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Option<Condition> {
    compile_node(raw, path, fields, problems)
}

fn compile_node(
    raw: &RawCondition,
    path: &str,
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Option<Condition> {
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
        let compiled = compile_children(children, &field_path(path, "all"), fields, problems)?;
        return Some(Condition::All(compiled));
    }
    if let Some(children) = &raw.any {
        let any_path = field_path(path, "any");
        if children.is_empty() {
            problems.push(Problem::new(ProblemCode::ConditionShape, any_path, "an empty `any` never holds"));
            return None;
        }
        let compiled = compile_children(children, &any_path, fields, problems)?;
        return Some(Condition::Any { children: compiled, path: any_path });
    }
    if let Some(child) = &raw.not {
        let not_path = field_path(path, "not");
        let compiled = compile_node(child, &not_path, fields, problems)?;
        return Some(Condition::Not { child: Box::new(compiled), path: not_path });
    }
    compile_leaf(raw, path, fields, problems).map(Condition::Leaf)
}

fn compile_children(
    children: &[RawCondition],
    path: &str,
    fields: &mut FieldTable,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Condition>> {
    let before = problems.len();
    let compiled: Vec<Condition> = children
        .iter()
        .enumerate()
        .filter_map(|(index, child)| compile_node(child, &index_path(path, index), fields, problems))
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
