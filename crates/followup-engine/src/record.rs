//! The case record, read as the Dataverse Web API returns an `incident`:
//! logical names, `_x_value` lookups, integer option sets and their
//! `FormattedValue` labels. Every field stays available to conditions and
//! templates; the few the state machine needs are checked up front.
//!
//! The record keeps the JSON object it was given (moved in, never copied).
//! Conditions do not look fields up by name on every test: a config binds
//! the fields its rules read once per evaluation (see
//! [`crate::conditions::FieldTable::bind`]).

use serde_json::{Map, Value};

use crate::fields::{FORMATTED_VALUE_SUFFIX, Fields, json_kind};
use crate::problem::{Problem, ProblemCode};
use crate::status::CaseState;
use crate::time::Timestamp;

/// The suffix Dataverse adds to a lookup for the table it points to.
pub const LOOKUP_LOGICAL_NAME_SUFFIX: &str = "@Microsoft.Dynamics.CRM.lookuplogicalname";

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
    fields: Map<String, Value>,
}

/// A field of the case as conditions and templates see it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FieldValue<'a> {
    /// The value as sent (`null` and absent both give `None`).
    pub raw: Option<&'a Value>,
    /// The display label sent beside it, if any.
    pub label: Option<&'a str>,
    /// For a lookup, the table it points to (`contact`, `account`).
    pub lookup_table: Option<&'a str>,
}

impl FieldValue<'_> {
    /// Whether the field holds no value.
    #[must_use]
    pub fn is_null(&self) -> bool {
        self.raw.is_none()
    }
}

impl CaseRecord {
    /// Reads a case from JSON (taking it over); problems are reported under
    /// `path`.
    pub fn from_json(value: Value, path: &str) -> Result<Self, Problem> {
        let mut value = value;
        let fields = Fields::new(&value, path, "the case")?;
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
        let ticket_number = fields.text("ticketnumber")?.map(str::to_owned);
        let title = fields.text("title")?.map(str::to_owned);
        let map = match value.take() {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        Ok(Self { id, ticket_number, title, state, status_reason, created_on, fields: map })
    }

    /// The record with the columns in `changes` (an object, under `path`)
    /// set to their new values; a `null` clears a column. A changed column's
    /// annotations (`statuscode@OData.Community.Display.V1.FormattedValue`)
    /// go with its old value unless `changes` gives them too. The result is
    /// read again like a new record, so a change that breaks a field the
    /// engine relies on is refused and `self` stays as it was.
    pub fn updated(&self, changes: Value, path: &str) -> Result<Self, Problem> {
        let Value::Object(changes) = changes else {
            return Err(Problem::new(
                ProblemCode::InvalidType,
                path,
                format!("the changes must be an object of columns and their new values, not {}", json_kind(&changes)),
            ));
        };
        // Copied by inserting rather than `retain`, which would link the
        // B-tree's removal code into the wasm module (4 KB) for this alone.
        let mut fields = Map::new();
        for (key, value) in &self.fields {
            if key.split_once('@').is_none_or(|(column, _)| !changes.contains_key(column)) {
                fields.insert(key.clone(), value.clone());
            }
        }
        for (key, value) in changes {
            fields.insert(key, value);
        }
        Self::from_json(Value::Object(fields), path)
    }

    /// The key a field is stored under: its name, or `_name_value` for a
    /// lookup named plainly.
    fn key(&self, name: &str) -> Option<(&String, &Value)> {
        self.fields.get_key_value(name).or_else(|| {
            let mut lookup = String::with_capacity(name.len() + "__value".len());
            lookup.push('_');
            lookup.push_str(name);
            lookup.push_str("_value");
            self.fields.get_key_value(lookup.as_str())
        })
    }

    /// A field by logical name. A lookup may be named plainly (`customerid`)
    /// or as the Web API sends it (`_customerid_value`).
    #[must_use]
    pub fn field(&self, name: &str) -> FieldValue<'_> {
        let Some((key, raw)) = self.key(name) else {
            return FieldValue::default();
        };
        // This runs for every condition of every rule: one buffer for the
        // annotation names rather than a `format!` each.
        let mut annotated = String::with_capacity(key.len() + FORMATTED_VALUE_SUFFIX.len());
        let mut annotation = |suffix: &str| {
            annotated.clear();
            annotated.push_str(key);
            annotated.push_str(suffix);
            self.fields.get(annotated.as_str()).and_then(Value::as_str)
        };
        let label = annotation(FORMATTED_VALUE_SUFFIX);
        // Only lookups (`_name_value`) carry the table they point to.
        let is_lookup = key.starts_with('_') && key.ends_with("_value");
        let lookup_table = if is_lookup { annotation(LOOKUP_LOGICAL_NAME_SUFFIX) } else { None };
        FieldValue { raw: (!raw.is_null()).then_some(raw), label, lookup_table }
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
        let case = CaseRecord::from_json(contoso(), "case").unwrap();
        assert_eq!(case.ticket_number.as_deref(), Some("CAS-01001-C0F3E3"));
        assert_eq!(case.state, CaseState::Active);
        assert_eq!(case.status_reason, 2);
        assert_eq!(case.customer_name().as_deref(), Some("Alex Wu"));
        assert_eq!(case.owner_name().as_deref(), Some("Sam Rivera"));
        assert_eq!(case.field("statuscode").label, Some("On Hold"));
        assert_eq!(case.field("customerid").raw, Some(&json!("c0ffee00-0000-0000-0000-000000000001")));
        assert_eq!(case.field("customerid").lookup_table, Some("contact"));
        assert_eq!(case.field("_customerid_value").label, Some("Alex Wu"));
        assert!(case.field("new_custom").is_null());
        assert!(case.field("nothing").is_null());
        assert_eq!(case.display("prioritycode").as_deref(), Some("1"));
        assert_eq!(case.display("statuscode").as_deref(), Some("On Hold"));
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
            let error = CaseRecord::from_json(value, "case").unwrap_err();
            assert_eq!((error.code, error.path.as_str()), (code, format!("case.{field}").as_str()));
        }
        let mut value = contoso();
        value["createdon"] = json!("yesterday");
        assert_eq!(CaseRecord::from_json(value, "case").unwrap_err().code, ProblemCode::InvalidDateTime);
        let mut value = contoso();
        value["statecode"] = json!(7);
        assert!(CaseRecord::from_json(value, "case").unwrap_err().message.contains("`7` is not a case state"));
        assert_eq!(CaseRecord::from_json(json!("x"), "case").unwrap_err().code, ProblemCode::InvalidType);
    }
}
