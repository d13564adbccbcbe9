//! A case bound to the fields a config's conditions read: each field looked
//! up once per evaluation, and the forms comparisons need worked out once.

use std::cell::OnceCell;

use serde_json::Value;

use crate::record::{CaseRecord, FieldValue};
use crate::text::fold;
use crate::time::{Timestamp, parse_date_or_timestamp};

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

    /// Binds `case` to the table: each field the conditions read is looked
    /// up once for this evaluation, when a condition first reads it (rules
    /// passed over by the [`RuleIndex`](super::RuleIndex) read nothing).
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
    pub(super) fn field(&self, id: usize) -> Option<&BoundField<'_>> {
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

    pub(super) fn raw(&self) -> Option<&'a Value> {
        self.value.raw
    }

    /// The label, folded for comparison without regard to case.
    pub(super) fn folded_label(&self) -> Option<&str> {
        self.folded_label.get_or_init(|| self.value.label.map(fold)).as_deref()
    }

    /// The value as text (text, number or boolean), folded.
    pub(super) fn folded_raw(&self) -> Option<&str> {
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
    pub(super) fn instant(&self) -> Option<Timestamp> {
        *self.instant.get_or_init(|| self.value.raw?.as_str().and_then(|text| parse_date_or_timestamp(text).ok()))
    }
}
