//! Dataverse Web API exports as input: JSON Lines of rows exactly as the
//! Web API returns them (`value[]` of each page, one row per line), from
//! any number of files, in any order:
//!
//! - `incident` rows (`incidentid` and no `activityid`): the case records;
//! - activity rows (`activityid`, `_regardingobjectid_value` naming the
//!   incident): `activitypointer`, `email`, `phonecall`, `task`, ... rows,
//!   which the engine reads as they are (rows about another table, by their
//!   `lookuplogicalname` annotation, are left out);
//! - `audit` rows (`auditid`, `_objectid_value`, `changedata`): each change
//!   of `statuscode` becomes a Status Reason change on the timeline.
//!
//! Rows are joined by incident id and each case's timeline is put in time
//! order. The join holds the export in memory (about the size of its JSON);
//! `host-sim replay --from cases` streams instead, for sets too large for that.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::error::{InputError, Place};
use crate::input::{self, CaseInput, Job, Line};

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Incident,
    Activity,
    Audit,
}

/// The rows of one incident.
#[derive(Debug, Default)]
struct Joined {
    incident: Option<(Value, Place, String)>,
    /// Timeline items with the instant they sort by.
    items: Vec<(String, Value)>,
}

/// The joined cases, in incident id order, and the rows that could not be read.
#[derive(Debug, Default)]
pub struct Export {
    /// One job per incident.
    pub jobs: Vec<Job>,
    /// Rows skipped, with why.
    pub bad_rows: Vec<InputError>,
    /// Rows read.
    pub rows: u64,
}

/// Reads and joins the rows of `files`.
pub fn read(files: &[String], max_line: usize) -> Result<Export, InputError> {
    let mut joined: BTreeMap<String, Joined> = BTreeMap::new();
    let mut export = Export::default();
    for file in files {
        let reader = input::open(file)?;
        input::stream_lines(
            file,
            reader,
            4096,
            max_line,
            || None,
            |chunk| {
                for (number, line) in chunk.lines() {
                    export.rows += 1;
                    let place = Place::Line { line: number, column: None };
                    match row(file, number, line) {
                        Ok((kind, value)) => {
                            if let Err(error) = add(&mut joined, kind, value, file, &place) {
                                export.bad_rows.push(error);
                            }
                        }
                        Err(error) => export.bad_rows.push(error),
                    }
                }
                true
            },
        )?;
    }
    for (id, mut case) in joined {
        let Some((incident, place, file)) = case.incident.take() else {
            let rows = match case.items.len() {
                1 => "1 row is".to_owned(),
                count => format!("{count} rows are"),
            };
            export.bad_rows.push(InputError::file(
                files.first().map_or("-", String::as_str),
                "missing-incident",
                format!("{rows} about incident `{id}`, which no file holds: its activities are skipped"),
            ));
            continue;
        };
        // A stable sort: rows at the same instant keep the order they were read in.
        case.items.sort_by(|a, b| a.0.cmp(&b.0));
        let timeline = Value::Array(case.items.into_iter().map(|(_, item)| item).collect());
        let name = incident.get("ticketnumber").and_then(Value::as_str).map(str::to_owned);
        export.jobs.push(Job {
            place,
            prefix: String::new(),
            file: Some(file),
            input: Ok(CaseInput { name, case: incident, timeline, checks: Vec::new(), replay: None }),
        });
    }
    Ok(export)
}

fn row(file: &str, number: u64, line: Line<'_>) -> Result<(Row, Value), InputError> {
    let text = match line {
        Line::Text(text) => text,
        Line::TooLong(bytes) => {
            return Err(InputError {
                place: Place::Line { line: number, column: None },
                ..InputError::file(
                    file,
                    "line-too-long",
                    format!("the row is {bytes} bytes long, over the limit: skipped"),
                )
            });
        }
    };
    let value: Value = serde_json::from_slice(text).map_err(|error| InputError::invalid_json(file, number, &error))?;
    let fail = |code: &str, message: &str| InputError {
        place: Place::Line { line: number, column: None },
        ..InputError::file(file, code, message)
    };
    let Value::Object(map) = &value else {
        return Err(fail("invalid-type", "a Dataverse row is a JSON object"));
    };
    let kind = if map.contains_key("auditid") {
        Row::Audit
    } else if map.contains_key("activityid") {
        Row::Activity
    } else if map.contains_key("incidentid") {
        Row::Incident
    } else {
        return Err(fail(
            "unknown-row",
            "cannot tell what this row is: expected an incident (`incidentid`), an activity (`activityid`) or an audit row (`auditid`)",
        ));
    };
    Ok((kind, value))
}

fn add(
    joined: &mut BTreeMap<String, Joined>,
    kind: Row,
    value: Value,
    file: &str,
    place: &Place,
) -> Result<(), InputError> {
    let fail = |path: &str, code: &str, message: String| InputError {
        place: place.clone(),
        path: path.to_owned(),
        ..InputError::file(file, code, message)
    };
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_lowercase);
    match kind {
        Row::Incident => {
            let id = text("incidentid")
                .ok_or_else(|| fail("incidentid", "invalid-type", "`incidentid` must be text".into()))?;
            let entry = joined.entry(id.clone()).or_default();
            if entry.incident.is_some() {
                return Err(fail(
                    "incidentid",
                    "duplicate-row",
                    format!("incident `{id}` is exported twice: the first row is kept"),
                ));
            }
            entry.incident = Some((value, place.clone(), file.to_owned()));
        }
        Row::Activity => {
            // An export of every activity holds some about accounts or contacts: not a case's.
            let regarding = value.get("_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname");
            if regarding.and_then(Value::as_str).is_some_and(|table| table != "incident") {
                return Ok(());
            }
            let Some(id) = text("_regardingobjectid_value") else {
                return Err(fail(
                    "_regardingobjectid_value",
                    "missing-field",
                    "an activity row needs `_regardingobjectid_value`, the incident it is about".into(),
                ));
            };
            let at = ["senton", "actualend", "createdon"]
                .iter()
                .find_map(|key| value.get(*key).and_then(Value::as_str))
                .map(str::to_owned)
                .ok_or_else(|| {
                    fail(
                        "createdon",
                        "missing-field",
                        "an activity row needs `senton`, `actualend` or `createdon`".into(),
                    )
                })?;
            joined.entry(id).or_default().items.push((sort_key(&at), value));
        }
        Row::Audit => {
            let Some(id) = text("_objectid_value") else {
                return Err(fail(
                    "_objectid_value",
                    "missing-field",
                    "an audit row needs `_objectid_value`, the incident it is about".into(),
                ));
            };
            let at = value
                .get("createdon")
                .and_then(Value::as_str)
                .ok_or_else(|| fail("createdon", "missing-field", "an audit row needs `createdon`".into()))?
                .to_owned();
            if let Some(status) =
                status_change(&value).map_err(|message| fail("changedata", "invalid-value", message))?
            {
                let item = json!({"type": "statusChange", "at": at, "statusReason": status});
                joined.entry(id).or_default().items.push((sort_key(&at), item));
            }
        }
    }
    Ok(())
}

/// The new Status Reason an audit row records, if it records one. Its
/// `changedata` is JSON text: `{"changedAttributes": [{"logicalName":
/// "statuscode", "oldValue": "1", "newValue": "2"}, ...]}`.
fn status_change(row: &Value) -> Result<Option<i64>, String> {
    let Some(text) = row.get("changedata").and_then(Value::as_str) else {
        return Ok(None);
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    let data: Map<String, Value> = serde_json::from_str(text)
        .map_err(|error| format!("`changedata` is not the JSON Dataverse writes: {error}"))?;
    let changed = data.get("changedAttributes").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let Some(change) =
        changed.iter().find(|change| change.get("logicalName").and_then(Value::as_str) == Some("statuscode"))
    else {
        return Ok(None);
    };
    match change.get("newValue") {
        Some(Value::String(value)) => {
            value.trim().parse().map(Some).map_err(|_| format!("`{value}` is not a Status Reason value"))
        }
        Some(Value::Number(value)) => {
            value.as_i64().map(Some).ok_or_else(|| format!("`{value}` is not a Status Reason value"))
        }
        // Cleared: nothing to replay.
        _ => Ok(None),
    }
}

/// Instants sort as text once they share one shape: Dataverse writes
/// `2026-11-02T14:05:44Z`; seconds fractions and offsets are rare, and a
/// value the engine cannot read is reported by the engine with its path.
fn sort_key(at: &str) -> String {
    followup_engine::parse_timestamp(at).map_or_else(|_| at.to_owned(), crate::timefmt::rfc3339)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_about_an_incident_no_file_holds_are_counted_in_words() {
        let activity = |id: &str| {
            format!(
                r#"{{"activityid": "{id}", "_regardingobjectid_value": "gone", "activitytypecode": "email", "createdon": "2026-11-02T14:00:00Z"}}"#
            )
        };
        let messages = |rows: &[String]| {
            let file = std::env::temp_dir().join(format!(
                "host-sim-missing-incident-{}-{}.jsonl",
                std::process::id(),
                rows.len()
            ));
            std::fs::write(&file, rows.join("\n")).unwrap();
            let export = read(&[file.display().to_string()], 1 << 20).unwrap();
            std::fs::remove_file(&file).unwrap();
            export.bad_rows.into_iter().map(|error| error.message).collect::<Vec<_>>()
        };
        let one = "1 row is about incident `gone`, which no file holds: its activities are skipped";
        assert_eq!(messages(&[activity("a")]), [one]);
        let two = "2 rows are about incident `gone`, which no file holds: its activities are skipped";
        assert_eq!(messages(&[activity("a"), activity("b")]), [two]);
    }

    #[test]
    fn audit_rows_give_status_changes() {
        let row = json!({"auditid": "a", "_objectid_value": "c", "createdon": "2026-11-02T14:05:44Z",
            "changedata": "{\"changedAttributes\":[{\"logicalName\":\"prioritycode\",\"oldValue\":\"2\",\"newValue\":\"1\"},{\"logicalName\":\"statuscode\",\"oldValue\":\"1\",\"newValue\":\"2\"}]}"});
        assert_eq!(status_change(&row), Ok(Some(2)));
        let other = json!({"changedata": "{\"changedAttributes\":[{\"logicalName\":\"title\",\"oldValue\":\"a\",\"newValue\":\"b\"}]}"});
        assert_eq!(status_change(&other), Ok(None));
        assert!(status_change(&json!({"changedata": "statuscode~1~2"})).unwrap_err().contains("not the JSON"));
    }
}
