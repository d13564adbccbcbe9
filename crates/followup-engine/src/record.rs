//! The case record, read as the Dataverse Web API returns an `incident`:
//! logical names, `_x_value` lookups, integer option sets and their
//! `FormattedValue` labels. Every field stays available to conditions and
//! templates; the few the state machine needs are checked up front.
//!
//! Fields are indexed once when the record is read, with their labels
//! attached and lookups reachable by their plain name (`customerid` as well
//! as `_customerid_value`), so a condition reads a field without building
//! strings. Derived forms (folded text, a parsed date) are computed on first
//! use and kept, so many rules and many evaluations of one record pay once.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde_json::Value;

use crate::fields::{FORMATTED_VALUE_SUFFIX, Fields};
use crate::problem::{Problem, ProblemCode};
use crate::status::CaseState;
use crate::time::{Timestamp, parse_date_or_timestamp};

/// The suffix Dataverse adds to a lookup for the table it points to.
pub const LOOKUP_LOGICAL_NAME_SUFFIX: &str = "@Microsoft.Dynamics.CRM.lookuplogicalname";

/// One field of a case: its value, its label, and forms derived on demand.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldEntry {
    raw: Value,
    label: Option<String>,
    lookup_table: Option<String>,
    folded_label: OnceCell<String>,
    folded_raw: OnceCell<Option<String>>,
    instant: OnceCell<Option<Timestamp>>,
}

impl FieldEntry {
    fn new(raw: Value, label: Option<String>, lookup_table: Option<String>) -> Self {
        Self {
            raw,
            label,
            lookup_table,
            folded_label: OnceCell::new(),
            folded_raw: OnceCell::new(),
            instant: OnceCell::new(),
        }
    }

    /// The value as sent; `None` for JSON `null`.
    #[must_use]
    pub fn raw(&self) -> Option<&Value> {
        (!self.raw.is_null()).then_some(&self.raw)
    }

    /// The display label Dataverse sent beside the value, if any.
    #[must_use]
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// For a lookup, the table it points to (`contact`, `account`).
    #[must_use]
    pub fn lookup_table(&self) -> Option<&str> {
        self.lookup_table.as_deref()
    }

    /// The label, folded for comparison without regard to case.
    #[must_use]
    pub fn folded_label(&self) -> Option<&str> {
        let label = self.label.as_deref()?;
        Some(self.folded_label.get_or_init(|| crate::text::fold(label)).as_str())
    }

    /// The value as text (text, number or boolean), folded.
    #[must_use]
    pub fn folded_raw(&self) -> Option<&str> {
        self.folded_raw
            .get_or_init(|| match &self.raw {
                Value::String(text) => Some(crate::text::fold(text)),
                Value::Number(number) => Some(crate::text::number_text(number)),
                Value::Bool(flag) => Some(flag.to_string()),
                _ => None,
            })
            .as_deref()
    }

    /// The value read as a date-time, if it is one.
    #[must_use]
    pub fn instant(&self) -> Option<Timestamp> {
        *self.instant.get_or_init(|| self.raw.as_str().and_then(|text| parse_date_or_timestamp(text).ok()))
    }
}

/// A case, with the fields the engine relies on checked and every field kept.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRecord {
    /// `incidentid`: the case's GUID.
    pub id: String,
    /// `ticketnumber` (`CAS-01234-X1Y2Z3`), when the host sent it.
    pub ticket_number: Option<String>,
    /// `title`, when the host sent it.
    pub title: Option<String>,
    /// `statecode` as a state.
    pub state: CaseState,
    /// `statuscode`: the Status Reason value.
    pub status_reason: i64,
    /// `createdon`: when the case was opened.
    pub created_on: Timestamp,
    entries: BTreeMap<String, FieldEntry>,
}

/// A field of the case as conditions and templates see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldValue<'a> {
    /// The value as sent (`null` and absent both give `None`).
    pub raw: Option<&'a Value>,
    /// The display label sent beside it, if any.
    pub label: Option<&'a str>,
    /// The indexed entry, for derived forms.
    pub entry: Option<&'a FieldEntry>,
}

impl FieldValue<'_> {
    /// Whether the field holds no value.
    #[must_use]
    pub fn is_null(&self) -> bool {
        self.raw.is_none()
    }
}

impl<'a> From<Option<&'a FieldEntry>> for FieldValue<'a> {
    fn from(entry: Option<&'a FieldEntry>) -> Self {
        Self { raw: entry.and_then(FieldEntry::raw), label: entry.and_then(FieldEntry::label), entry }
    }
}

impl CaseRecord {
    /// Reads a case from JSON; problems are reported under `path`.
    pub fn from_json(value: &Value, path: &str) -> Result<Self, Problem> {
        let fields = Fields::new(value, path, "the case")?;
        let id = fields.required_text("incidentid")?.to_owned();
        if id.trim().is_empty() {
            return Err(Problem::new(ProblemCode::InvalidValue, fields.path_of("incidentid"), "`incidentid` is empty"));
        }
        let state_code = fields.required_integer("statecode")?;
        let state = CaseState::from_code(state_code).ok_or_else(|| {
            Problem::new(
                ProblemCode::InvalidValue,
                fields.path_of("statecode"),
                format!("`{state_code}` is not a case state: expected 0 (Active), 1 (Resolved) or 2 (Canceled)"),
            )
        })?;
        let status_reason = fields.required_integer("statuscode")?;
        let created_on = fields.timestamp("createdon")?.ok_or_else(|| fields.missing("createdon"))?;
        Ok(Self {
            id,
            ticket_number: fields.text("ticketnumber")?.map(str::to_owned),
            title: fields.text("title")?.map(str::to_owned),
            state,
            status_reason,
            created_on,
            entries: index(&fields),
        })
    }

    /// The indexed entry for a logical name. A lookup may be named plainly
    /// (`customerid`) or as the Web API sends it (`_customerid_value`).
    #[must_use]
    pub fn entry(&self, name: &str) -> Option<&FieldEntry> {
        self.entries.get(name)
    }

    /// A field by logical name.
    #[must_use]
    pub fn field(&self, name: &str) -> FieldValue<'_> {
        FieldValue::from(self.entry(name))
    }

    /// A field's text as people would read it: the label when there is one,
    /// else the value itself (`None` when absent).
    #[must_use]
    pub fn display(&self, name: &str) -> Option<String> {
        let field = self.field(name);
        if let Some(label) = field.label {
            return Some(label.to_owned());
        }
        match field.raw? {
            Value::String(text) => Some(text.clone()),
            Value::Bool(flag) => Some(if *flag { "Yes" } else { "No" }.to_owned()),
            Value::Number(number) => Some(crate::text::number_text(number)),
            _ => None,
        }
    }

    /// The customer's name (`_customerid_value` label), if sent.
    #[must_use]
    pub fn customer_name(&self) -> Option<String> {
        self.field("customerid").label.map(str::to_owned)
    }

    /// The owning representative's name (`_ownerid_value` label), if sent.
    #[must_use]
    pub fn owner_name(&self) -> Option<String> {
        self.field("ownerid").label.map(str::to_owned)
    }
}

/// Indexes a record's fields by logical name, attaching labels and lookup
/// tables, and making `_x_value` lookups reachable as `x` too.
fn index(fields: &Fields<'_>) -> BTreeMap<String, FieldEntry> {
    let map = fields.map();
    // Inserted one by one: `collect` into a map sorts first, which links a
    // sort the wasm file does not otherwise need.
    let mut entries: BTreeMap<String, FieldEntry> = BTreeMap::new();
    for (key, raw) in map.iter().filter(|(key, _)| !key.contains('@')) {
        entries.insert(key.clone(), FieldEntry::new(raw.clone(), None, None));
    }
    for (key, value) in map {
        let Some((base, annotation)) = key.split_once('@') else {
            continue;
        };
        let (Some(entry), Some(text)) = (entries.get_mut(base), value.as_str()) else {
            continue;
        };
        if Some(annotation) == FORMATTED_VALUE_SUFFIX.strip_prefix('@') {
            entry.label = Some(text.to_owned());
        } else if Some(annotation) == LOOKUP_LOGICAL_NAME_SUFFIX.strip_prefix('@') {
            entry.lookup_table = Some(text.to_owned());
        }
    }
    let aliases: Vec<(String, FieldEntry)> = entries
        .iter()
        .filter_map(|(key, entry)| {
            let plain = key.strip_prefix('_')?.strip_suffix("_value")?;
            (!plain.is_empty() && !entries.contains_key(plain)).then(|| (plain.to_owned(), entry.clone()))
        })
        .collect();
    for (alias, entry) in aliases {
        entries.insert(alias, entry);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn contoso() -> Value {
        json!({
            "@odata.etag": "W/\"1234\"",
            "incidentid": "a1b2c3d4-0000-0000-0000-000000000001",
            "ticketnumber": "CAS-01001-C0F3E3",
            "title": "Contoso Coffee machine leaks",
            "statecode": 0,
            "statecode@OData.Community.Display.V1.FormattedValue": "Active",
            "statuscode": 2,
            "statuscode@OData.Community.Display.V1.FormattedValue": "On Hold",
            "createdon": "2026-10-20T09:00:00Z",
            "prioritycode": 1,
            "_customerid_value": "c0ffee00-0000-0000-0000-000000000001",
            "_customerid_value@OData.Community.Display.V1.FormattedValue": "Alex Wu",
            "_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "contact",
            "_ownerid_value": "0a0a0a0a-0000-0000-0000-000000000001",
            "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Sam Rivera",
            "new_custom": null
        })
    }

    #[test]
    fn reads_a_web_api_incident() {
        let case = CaseRecord::from_json(&contoso(), "case").unwrap();
        assert_eq!(case.ticket_number.as_deref(), Some("CAS-01001-C0F3E3"));
        assert_eq!(case.state, CaseState::Active);
        assert_eq!(case.status_reason, 2);
        assert_eq!(case.customer_name().as_deref(), Some("Alex Wu"));
        assert_eq!(case.owner_name().as_deref(), Some("Sam Rivera"));
        assert_eq!(case.field("statuscode").label, Some("On Hold"));
        assert_eq!(case.field("customerid").raw, Some(&json!("c0ffee00-0000-0000-0000-000000000001")));
        assert_eq!(case.entry("customerid").unwrap().lookup_table(), Some("contact"));
        assert_eq!(case.entry("_customerid_value").unwrap().label(), Some("Alex Wu"));
        assert!(case.field("new_custom").is_null());
        assert!(case.field("nothing").is_null());
        assert!(case.field("@odata.etag").is_null());
        assert_eq!(case.display("prioritycode").as_deref(), Some("1"));
        assert_eq!(case.display("statuscode").as_deref(), Some("On Hold"));
    }

    #[test]
    fn derived_forms_are_computed_once() {
        let case = CaseRecord::from_json(&contoso(), "case").unwrap();
        let title = case.entry("title").unwrap();
        assert_eq!(title.folded_raw(), Some("contoso coffee machine leaks"));
        assert_eq!(case.entry("statuscode").unwrap().folded_label(), Some("on hold"));
        assert_eq!(case.entry("prioritycode").unwrap().folded_raw(), Some("1"));
        assert!(case.entry("createdon").unwrap().instant().is_some());
        assert!(title.instant().is_none());
    }

    #[test]
    fn required_fields_are_reported_at_their_path() {
        for (field, code) in [
            ("createdon", ProblemCode::MissingField),
            ("incidentid", ProblemCode::MissingField),
            ("statecode", ProblemCode::MissingField),
            ("statuscode", ProblemCode::MissingField),
        ] {
            let mut value = contoso();
            value.as_object_mut().unwrap().remove(field);
            let error = CaseRecord::from_json(&value, "case").unwrap_err();
            assert_eq!((error.code, error.path.as_str()), (code, format!("case.{field}").as_str()));
        }
        let mut value = contoso();
        value["createdon"] = json!("yesterday");
        assert_eq!(CaseRecord::from_json(&value, "case").unwrap_err().code, ProblemCode::InvalidDateTime);
        value = contoso();
        value["statecode"] = json!(7);
        assert!(CaseRecord::from_json(&value, "case").unwrap_err().message.contains("`7` is not a case state"));
        assert_eq!(CaseRecord::from_json(&json!("x"), "case").unwrap_err().code, ProblemCode::InvalidType);
    }
}
