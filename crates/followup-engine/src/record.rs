//! The case record, read as the Dataverse Web API returns an `incident`:
//! logical names, `_x_value` lookups, integer option sets and their
//! `FormattedValue` labels. Every field stays available to conditions and
//! templates; the few the state machine needs are checked up front.
//!
//! The record keeps every field of the JSON object it was given (moved in,
//! never copied), with each field's label and lookup table paired with it
//! when the record is read (see `Columns`). Conditions do not look fields
//! up by name on every test: a config binds the fields its rules read once
//! per evaluation (see [`crate::conditions::FieldTable::bind`]).

use std::cell::OnceCell;

use serde_json::{Map, Value};

use crate::address::EmailAddress;
use crate::problem::{Problem, ProblemCode};
use crate::reader::{FORMATTED_VALUE_SUFFIX, Reader, not_an_object};
use crate::status::CaseState;
use crate::text::fnv1a;
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
    /// `modifiedon`: when the record last changed, when the host sent it
    /// (the latest its Status Reason can have changed).
    pub modified_on: Option<Timestamp>,
    columns: Columns,
    /// The `emailaddress` column read as an address, once, on first use
    /// (see [`CaseRecord::email_address`]).
    email_address: AddressOnce,
}

/// What the `emailaddress` column holds: the address, or the note that says
/// why it was left out (`None`: no text).
pub(crate) type CaseAddress = Option<Result<EmailAddress, String>>;

/// A [`CaseAddress`] worked out once. It follows from the columns, which
/// never change once read, so records compare by their columns alone.
#[derive(Debug, Clone, Default)]
struct AddressOnce(OnceCell<CaseAddress>);

impl PartialEq for AddressOnce {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Every field of a case as sent, in the order of their names, with the
/// annotations each field comes with paired to it.
///
/// Not the `serde_json` map the record arrives as: a B-tree lookup compares
/// the name with several keys, each a string elsewhere on the heap, and a
/// field's label took a second lookup under a built name
/// (`prioritycode@OData.Community.Display.V1.FormattedValue`). Binding a
/// config's fields, on every evaluation, took an eighth of a call that
/// matches no rule. Here a record of usual size is searched through the
/// names' hashes, a few contiguous words, and one name compared; a large
/// one by halving, as the names are in order.
#[derive(Debug, Clone, PartialEq)]
struct Columns {
    /// The fields, annotations included, in the order of their names.
    entries: Vec<Column>,
    /// `fnv1a` of each entry's name, in the same order.
    hashes: Vec<u32>,
}

/// One field of the case, with the positions of its annotations.
#[derive(Debug, Clone, PartialEq)]
struct Column {
    name: String,
    value: Value,
    /// The position of the field's text `FormattedValue` annotation.
    label: Option<usize>,
    /// The position of the field's text `lookuplogicalname` annotation.
    lookup_table: Option<usize>,
}

/// Records with up to this many fields are searched by hash, one word
/// after the other; larger ones by halving, so that no record, however
/// large or however its names collide, makes a lookup cost more than a few
/// comparisons of names.
const SCAN_LIMIT: usize = 64;

impl Columns {
    fn new(fields: Map<String, Value>) -> Self {
        let mut columns = Self { entries: Vec::with_capacity(fields.len()), hashes: Vec::with_capacity(fields.len()) };
        for (name, value) in fields {
            columns.hashes.push(fnv1a(&name));
            columns.entries.push(Column { name, value, label: None, lookup_table: None });
        }
        // Each text annotation goes to the field it annotates; the table
        // only to lookups. Annotations stay fields of their own as well.
        for position in 0..columns.entries.len() {
            let Some((of, is_label)) = columns.annotated(position) else { continue };
            let Some(column) = columns.entries.get_mut(of) else { continue };
            if is_label {
                column.label = Some(position);
            } else {
                column.lookup_table = Some(position);
            }
        }
        columns
    }

    /// For a text annotation at `position` that the engine reads, the
    /// position of the field it annotates and whether it is its label.
    fn annotated(&self, position: usize) -> Option<(usize, bool)> {
        let column = self.entries.get(position).filter(|column| column.value.is_string())?;
        let name = &column.name;
        let (field, is_label) = match name.strip_suffix(FORMATTED_VALUE_SUFFIX) {
            Some(field) => (field, true),
            None => (name.strip_suffix(LOOKUP_LOGICAL_NAME_SUFFIX)?, false),
        };
        let wanted = is_label || (field.starts_with('_') && field.ends_with("_value"));
        Some((self.position(field).filter(|_| wanted)?, is_label))
    }

    /// The position of the field named exactly `name`.
    fn position(&self, name: &str) -> Option<usize> {
        if self.entries.len() > SCAN_LIMIT {
            return self.entries.binary_search_by(|column| column.name.as_str().cmp(name)).ok();
        }
        let hash = fnv1a(name);
        self.hashes.iter().zip(&self.entries).position(|(&other, column)| other == hash && column.name == name)
    }

    /// The field stored under `name`, or under `_name_value` for a lookup
    /// named plainly.
    fn get(&self, name: &str) -> Option<&Column> {
        let position = self.position(name).or_else(|| {
            let mut lookup = String::with_capacity(name.len() + "__value".len());
            lookup.push('_');
            lookup.push_str(name);
            lookup.push_str("_value");
            self.position(&lookup)
        })?;
        self.entries.get(position)
    }

    /// The text of the annotation at `position`.
    fn text_at(&self, position: Option<usize>) -> Option<&str> {
        self.entries.get(position?)?.value.as_str()
    }
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

/// Whether `text` is a GUID as Dataverse writes them
/// (`8-4-4-4-12` hexadecimal digits, no braces).
#[must_use]
pub fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

impl CaseRecord {
    /// Reads a case from JSON (taking it over); every problem is reported,
    /// under `path`.
    pub fn from_json(value: Value, path: &str) -> Result<Self, Vec<Problem>> {
        let mut value = value;
        let mut problems = Vec::new();
        let read = Reader::record(&value, path, "the case", &mut problems).and_then(|mut fields| {
            let id = fields.required("incidentid", Reader::str);
            if id.is_some_and(|id| id.trim().is_empty()) {
                fields.report("incidentid", ProblemCode::InvalidValue, "`incidentid` is empty");
            }
            let state = fields.required("statecode", Reader::integer).and_then(|code| {
                let state = CaseState::from_code(code);
                if state.is_none() {
                    let message =
                        format!("`{code}` is not a case state: expected 0 (Active), 1 (Resolved) or 2 (Canceled)");
                    fields.report("statecode", ProblemCode::InvalidValue, message);
                }
                state
            });
            let status_reason = fields.required("statuscode", Reader::integer);
            let created_on = fields.required("createdon", Reader::timestamp);
            let modified_on = fields.timestamp("modifiedon");
            let ticket_number = fields.text("ticketnumber");
            let title = fields.text("title");
            let id = id?.to_owned();
            Some(Self {
                id,
                ticket_number,
                title,
                state: state?,
                status_reason: status_reason?,
                created_on: created_on?,
                modified_on,
                columns: Columns::new(Map::new()),
                email_address: AddressOnce::default(),
            })
        });
        match read {
            Some(mut record) if problems.is_empty() => {
                if let Value::Object(map) = value.take() {
                    record.columns = Columns::new(map);
                }
                Ok(record)
            }
            _ => Err(problems),
        }
    }

    /// The record with the columns in `changes` (an object, under `path`)
    /// set to their new values; a `null` clears a column. A changed column's
    /// annotations (`statuscode@OData.Community.Display.V1.FormattedValue`)
    /// go with its old value unless `changes` gives them too. The result is
    /// read again like a new record, so a change that breaks a field the
    /// engine relies on is refused and `self` stays as it was.
    pub fn updated(&self, changes: Value, path: &str) -> Result<Self, Vec<Problem>> {
        let Value::Object(changes) = changes else {
            return Err(vec![not_an_object(path, "the changes", &changes)]);
        };
        // Copied by inserting rather than `retain`, which would link the
        // B-tree's removal code into the wasm module (4 KB) for this alone.
        let mut fields = Map::new();
        for Column { name, value, .. } in &self.columns.entries {
            if name.split_once('@').is_none_or(|(column, _)| !changes.contains_key(column)) {
                fields.insert(name.clone(), value.clone());
            }
        }
        for (key, value) in changes {
            fields.insert(key, value);
        }
        Self::from_json(Value::Object(fields), path)
    }

    /// A field by logical name. A lookup may be named plainly (`customerid`)
    /// or as the Web API sends it (`_customerid_value`).
    #[must_use]
    pub fn field(&self, name: &str) -> FieldValue<'_> {
        let Some(column) = self.columns.get(name) else {
            return FieldValue::default();
        };
        let raw = &column.value;
        FieldValue {
            raw: (!raw.is_null()).then_some(raw),
            label: self.columns.text_at(column.label),
            lookup_table: self.columns.text_at(column.lookup_table),
        }
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

    /// The case's `emailaddress` as `read` finds it, read once and kept: a
    /// replay evaluates one record many times.
    pub(crate) fn email_address(
        &self,
        read: impl FnOnce(&Self) -> CaseAddress,
    ) -> Option<&Result<EmailAddress, String>> {
        self.email_address.0.get_or_init(|| read(self)).as_ref()
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
            let errors = CaseRecord::from_json(value, "case").unwrap_err();
            let [error] = errors.as_slice() else { panic!("{errors:?}") };
            assert_eq!((error.code, error.path.as_str()), (code, format!("case.{field}").as_str()));
        }
        let mut value = contoso();
        value["createdon"] = json!("yesterday");
        assert_eq!(CaseRecord::from_json(value, "case").unwrap_err()[0].code, ProblemCode::InvalidDateTime);
        let mut value = contoso();
        value["statecode"] = json!(7);
        assert!(CaseRecord::from_json(value, "case").unwrap_err()[0].message.contains("`7` is not a case state"));
        assert_eq!(CaseRecord::from_json(json!("x"), "case").unwrap_err()[0].code, ProblemCode::InvalidType);
    }

    #[test]
    fn every_problem_of_a_record_is_reported() {
        let mut value = contoso();
        value["incidentid"] = json!(" ");
        value["statecode"] = json!("active");
        value.as_object_mut().unwrap().remove("statuscode");
        value["createdon"] = json!(20_261_020);
        value["title"] = json!(["x"]);
        let errors = CaseRecord::from_json(value, "case").unwrap_err();
        let seen: Vec<(&str, &str)> = errors.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
        assert_eq!(
            seen,
            vec![
                ("case.incidentid", "`incidentid` is empty"),
                ("case.statecode", "`statecode` must be a whole number, not the text `active`"),
                ("case.statuscode", "`statuscode` is required"),
                ("case.createdon", "`createdon` must be an RFC 3339 date-time, not the number `20261020`"),
                ("case.title", "`title` must be text, not an array"),
            ]
        );
    }

    /// What `field` gives, for each name asked, on a record of any size.
    fn seen(case: &CaseRecord, names: &[&str]) -> Vec<(Option<Value>, Option<String>, Option<String>)> {
        names
            .iter()
            .map(|name| {
                let field = case.field(name);
                (field.raw.cloned(), field.label.map(str::to_owned), field.lookup_table.map(str::to_owned))
            })
            .collect()
    }

    #[test]
    fn fields_are_found_alike_in_small_and_large_records() {
        let names = [
            "statuscode",
            "customerid",
            "_customerid_value",
            "ownerid",
            "prioritycode",
            "new_custom",
            "nothing",
            "@odata.etag",
            "statuscode@OData.Community.Display.V1.FormattedValue",
            "new_orphan",
            "new_count",
        ];
        let mut small = contoso();
        // Annotations the engine does not read as labels: a label that is
        // not text, one of a field that is absent, a table of a non-lookup.
        small["new_count"] = json!(3);
        small["new_count@OData.Community.Display.V1.FormattedValue"] = json!(3);
        small["new_orphan@OData.Community.Display.V1.FormattedValue"] = json!("Orphan");
        small["prioritycode@Microsoft.Dynamics.CRM.lookuplogicalname"] = json!("priority");
        let mut large = small.clone();
        for index in 0..200 {
            large[format!("new_extra{index:03}")] = json!(index);
        }
        let (small, large) =
            (CaseRecord::from_json(small, "case").unwrap(), CaseRecord::from_json(large, "case").unwrap());
        assert!(small.columns.entries.len() <= SCAN_LIMIT && large.columns.entries.len() > SCAN_LIMIT);
        let expected = seen(&small, &names);
        assert_eq!(seen(&large, &names), expected);
        assert_eq!(
            expected[1],
            (
                Some(json!("c0ffee00-0000-0000-0000-000000000001")),
                Some("Alex Wu".to_owned()),
                Some("contact".to_owned())
            )
        );
        assert_eq!(expected[3].1.as_deref(), Some("Sam Rivera"));
        assert_eq!(expected[4], (Some(json!(1)), None, None));
        assert_eq!(expected[7], (Some(json!("W/\"1234\"")), None, None));
        assert_eq!(expected[8], (Some(json!("On Hold")), None, None));
        assert_eq!(expected[9], (None, None, None));
        assert_eq!(expected[10], (Some(json!(3)), None, None));
        assert_eq!(large.field("new_extra150").raw, Some(&json!(150)));
        assert_eq!(large.field("new_extra200").raw, None);
    }

    #[test]
    fn an_update_keeps_the_fields_and_pairs_new_labels() {
        let case = CaseRecord::from_json(contoso(), "case").unwrap();
        let changes = json!({"statuscode": 3, "statuscode@OData.Community.Display.V1.FormattedValue": "Waiting for Details",
            "prioritycode": 2});
        let updated = case.updated(changes, "changes").unwrap();
        assert_eq!(updated.status_reason, 3);
        assert_eq!(updated.field("statuscode").label, Some("Waiting for Details"));
        assert_eq!(updated.field("prioritycode").raw, Some(&json!(2)));
        assert_eq!(updated.customer_name().as_deref(), Some("Alex Wu"));
        assert_eq!(updated.field("customerid").lookup_table, Some("contact"));
        // A changed column's old label goes with its old value.
        let relabelled = case.updated(json!({"statuscode": 1}), "changes").unwrap();
        assert_eq!(relabelled.field("statuscode").label, None);
    }
}
