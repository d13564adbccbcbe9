//! Reading a condition tree from the config's JSON, before it is checked.

use serde_json::Value;

use super::{MAX_DEPTH, RawCondition};
use crate::problem::{Problem, ProblemCode, index_path};
use crate::reader::Reader;

impl RawCondition {
    /// Reads a condition tree at `path`, at most [`MAX_DEPTH`] deep.
    pub(crate) fn read(value: &Value, path: &str, problems: &mut Vec<Problem>, depth: usize) -> Option<Self> {
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
                        Self::read(item, &index_path(&path, index), reader.problems(), depth + 1)
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let all = children(&mut reader, "all");
        let any = children(&mut reader, "any");
        let not = reader.value("not").and_then(|value| {
            let path = reader.path_of("not");
            Self::read(value, &path, reader.problems(), depth + 1).map(Box::new)
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
