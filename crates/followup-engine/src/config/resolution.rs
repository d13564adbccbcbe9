//! Resolution settings: the config's defaults and each rule's own.

use serde::Serialize;
use serde_json::Value;

use crate::reader::{Reader, json_kind, schema, whole_number_at};

use crate::problem::{Problem, ProblemCode, field_path, index_path};
use crate::status::{CaseState, StatusCatalog};
use crate::template::{Slot, Template, compile_text};
use crate::time::clip;

/// A field of the Case Resolution dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ResolutionField {
    /// Resolution Type.
    ResolutionType,
    /// Resolution (the text).
    Resolution,
    /// Remarks.
    Remarks,
    /// Billable Time.
    BillableTime,
}

impl ResolutionField {
    /// Every field.
    pub const ALL: [Self; 4] = [Self::ResolutionType, Self::Resolution, Self::Remarks, Self::BillableTime];

    /// The field's name in JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::ResolutionType => "resolutionType",
            Self::Resolution => "resolution",
            Self::Remarks => "remarks",
            Self::BillableTime => "billableTime",
        }
    }
}

schema! {
    /// One source of remarks as written: exactly one of its fields.
    #[derive(Debug, Clone)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "RemarksSource"))]
    pub struct RawDataSource {
        /// A case field (`description`), shown as `Label: value`.
        "field" field: Option<String>,
        /// The label for `field`.
        "label" label: Option<String>,
        /// The last N emails, one line each.
        "lastEmails" last_emails: Option<i64>,
        /// A text template.
        "text" text: Option<String>,
        /// The follow-ups sent and the customer's last response.
        "followUpHistory" follow_up_history: Option<bool>,
    }
}

impl RawDataSource {
    fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "a remarks source", Self::FIELDS, problems)?;
        Some(Self {
            field: reader.text("field"),
            label: reader.text("label"),
            last_emails: reader.integer("lastEmails"),
            text: reader.text("text"),
            follow_up_history: reader.bool("followUpHistory"),
        })
    }
}

schema! {
    /// The config's `resolution` section as written.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "ResolutionConfig"))]
    pub struct RawResolutionSettings {
        /// Whether the agent fills the dialog (default true).
        "fill" fill: Option<bool>,
        /// Default resolution type, label or value (default Problem Solved).
        #[cfg_attr(feature = "typescript", ts(type = "string | number", optional))]
        "type" resolution_type: Option<Value>,
        /// Template for the Resolution text.
        "text" text: Option<String>,
        /// Where remarks come from, in order.
        "remarks" remarks: Option<Vec<RawDataSource>>,
        /// Whether open activities are closed with the case (default true).
        "closeOpenActivities" close_open_activities: Option<bool>,
    }
}

impl RawResolutionSettings {
    /// Reads the `resolution` section at `path`.
    pub fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the resolution settings", Self::FIELDS, problems)?;
        let remarks = reader.array("remarks").map(|items| {
            let path = reader.path_of("remarks");
            items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| RawDataSource::read(item, &index_path(&path, index), reader.problems()))
                .collect()
        });
        Some(Self {
            fill: reader.bool("fill"),
            resolution_type: reader.value("type").cloned(),
            text: reader.text("text"),
            remarks,
            close_open_activities: reader.bool("closeOpenActivities"),
        })
    }
}

schema! {
    /// A rule's `resolution` section as written.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "RuleResolutionConfig"))]
    pub struct RawRuleResolution {
        /// Resolution type for this rule's cases.
        #[cfg_attr(feature = "typescript", ts(type = "string | number", optional))]
        "type" resolution_type: Option<Value>,
        /// Template for the Resolution text.
        "text" text: Option<String>,
        /// The dialog fields the agent fills (default all).
        #[cfg_attr(feature = "typescript", ts(as = "Option<Vec<ResolutionField>>"))]
        "fields" fields: Option<Vec<String>>,
    }
}

impl RawRuleResolution {
    /// Reads a rule's `resolution` section at `path`.
    pub fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the rule's resolution", Self::FIELDS, problems)?;
        Some(Self {
            resolution_type: reader.value("type").cloned(),
            text: reader.text("text"),
            fields: reader.texts("fields"),
        })
    }
}

/// A checked source of remarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// A case field.
    Field {
        /// Logical name.
        name: String,
        /// Label shown before the value.
        label: Option<String>,
    },
    /// The last N emails.
    LastEmails(u32),
    /// A text template.
    Text(Template),
    /// The follow-ups sent and the customer's last response.
    FollowUpHistory,
}

/// Checked resolution defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionSettings {
    /// Whether the agent fills the dialog.
    pub fill: bool,
    /// Default resolution type value.
    pub resolution_type: i64,
    /// Resolution text template.
    pub text: Option<Template>,
    /// Remarks sources.
    pub remarks: Vec<DataSource>,
    /// Whether open activities are closed with the case.
    pub close_open_activities: bool,
}

impl Default for ResolutionSettings {
    fn default() -> Self {
        Self {
            fill: true,
            resolution_type: PROBLEM_SOLVED,
            text: None,
            remarks: vec![DataSource::FollowUpHistory, DataSource::LastEmails(1)],
            close_open_activities: true,
        }
    }
}

/// A rule's checked resolution settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleResolution {
    /// Resolution type for this rule's cases.
    pub resolution_type: Option<i64>,
    /// Resolution text template.
    pub text: Option<Template>,
    /// Fields the agent fills.
    pub fields: Vec<ResolutionField>,
}

impl Default for RuleResolution {
    fn default() -> Self {
        Self { resolution_type: None, text: None, fields: ResolutionField::ALL.to_vec() }
    }
}

/// `statuscode` 5, Problem Solved.
pub const PROBLEM_SOLVED: i64 = 5;
/// Most emails a `lastEmails` source may list.
pub const MAX_LAST_EMAILS: i64 = 20;

/// Checks the config's `resolution` section.
pub fn compile_settings(
    raw: &RawResolutionSettings,
    statuses: &StatusCatalog,
    problems: &mut Vec<Problem>,
) -> ResolutionSettings {
    let path = "resolution";
    let mut settings = ResolutionSettings {
        fill: raw.fill.unwrap_or(true),
        close_open_activities: raw.close_open_activities.unwrap_or(true),
        ..ResolutionSettings::default()
    };
    if let Some(value) = &raw.resolution_type {
        match resolved_status(value, &field_path(path, "type"), "type", statuses) {
            Ok(value) => settings.resolution_type = value,
            Err(problem) => problems.push(problem),
        }
    }
    settings.text =
        raw.text.as_ref().and_then(|text| compile_text(text, &field_path(path, "text"), Slot::Resolution, problems));
    if let Some(sources) = &raw.remarks {
        let sources_path = field_path(path, "remarks");
        settings.remarks = sources
            .iter()
            .enumerate()
            .filter_map(|(index, source)| compile_source(source, &index_path(&sources_path, index), problems))
            .collect();
    }
    settings
}

fn compile_source(raw: &RawDataSource, path: &str, problems: &mut Vec<Problem>) -> Option<DataSource> {
    let forms = [raw.field.is_some(), raw.last_emails.is_some(), raw.text.is_some(), raw.follow_up_history.is_some()];
    if forms.iter().filter(|present| **present).count() != 1 || (raw.label.is_some() && raw.field.is_none()) {
        problems.push(Problem::new(
            ProblemCode::InvalidValue,
            path,
            "a remarks source is exactly one of `{field, label?}`, `{lastEmails}`, `{text}` or `{followUpHistory: true}`",
        ));
        return None;
    }
    if let Some(name) = &raw.field {
        let valid = !name.is_empty() && name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
        if !valid {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                field_path(path, "field"),
                format!("`{}` is not a field's logical name", clip(name)),
            ));
            return None;
        }
        return Some(DataSource::Field { name: name.clone(), label: raw.label.clone() });
    }
    if let Some(count) = raw.last_emails {
        return match u32::try_from(count) {
            Ok(count) if (1..=MAX_LAST_EMAILS).contains(&i64::from(count)) => Some(DataSource::LastEmails(count)),
            _ => {
                problems.push(Problem::new(
                    ProblemCode::InvalidValue,
                    field_path(path, "lastEmails"),
                    format!("`{count}` emails: list 1 to {MAX_LAST_EMAILS}"),
                ));
                None
            }
        };
    }
    if let Some(text) = &raw.text {
        return compile_text(text, &field_path(path, "text"), Slot::Resolution, problems).map(DataSource::Text);
    }
    if raw.follow_up_history == Some(true) {
        Some(DataSource::FollowUpHistory)
    } else {
        problems.push(Problem::new(
            ProblemCode::InvalidValue,
            field_path(path, "followUpHistory"),
            "`followUpHistory` is `true` when present",
        ));
        None
    }
}

/// Checks a rule's `resolution` section found at `path`.
pub fn compile_rule_resolution(
    raw: &RawRuleResolution,
    path: &str,
    statuses: &StatusCatalog,
    problems: &mut Vec<Problem>,
) -> RuleResolution {
    let mut resolution = RuleResolution::default();
    if let Some(value) = &raw.resolution_type {
        match resolved_status(value, &field_path(path, "type"), "type", statuses) {
            Ok(value) => resolution.resolution_type = Some(value),
            Err(problem) => problems.push(problem),
        }
    }
    resolution.text =
        raw.text.as_ref().and_then(|text| compile_text(text, &field_path(path, "text"), Slot::Resolution, problems));
    if let Some(fields) = &raw.fields {
        let fields_path = field_path(path, "fields");
        resolution.fields = fields
            .iter()
            .enumerate()
            .filter_map(|(index, name)| {
                let found = ResolutionField::ALL.into_iter().find(|field| field.name() == name);
                if found.is_none() {
                    problems.push(Problem::new(
                        ProblemCode::InvalidValue,
                        index_path(&fields_path, index),
                        format!(
                            "`{}` is not a resolution field: use `resolutionType`, `resolution`, `remarks` or `billableTime`",
                            clip(name)
                        ),
                    ));
                }
                found
            })
            .collect();
    }
    resolution
}

/// Reads a resolution type (label or value, field `key` at `path`) that
/// must belong to resolved cases.
pub(crate) fn resolved_status(value: &Value, path: &str, key: &str, statuses: &StatusCatalog) -> Result<i64, Problem> {
    let reason = match value {
        Value::String(label) => statuses.by_label(label),
        Value::Number(_) => statuses.by_value(whole_number_at(value, path, key)?),
        other => {
            return Err(Problem::new(
                ProblemCode::InvalidType,
                path,
                format!("a resolution type is a Status Reason label or value, not {}", json_kind(other)),
            ));
        }
    };
    let shown = match value {
        Value::String(text) => clip(text),
        other => crate::text::json_text(other),
    };
    let reason = reason.ok_or_else(|| {
        Problem::new(ProblemCode::UnknownStatusReason, path, format!("`{shown}` names no Status Reason"))
    })?;
    if reason.state == CaseState::Resolved {
        Ok(reason.value)
    } else {
        Err(Problem::new(
            ProblemCode::InvalidValue,
            path,
            format!(
                "`{}` is not a resolution type: use a Status Reason of resolved cases such as `Problem Solved`",
                reason.label
            ),
        ))
    }
}
