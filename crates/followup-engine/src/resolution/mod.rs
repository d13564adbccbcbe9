//! Filling the Case Resolution dialog: resolution type, resolution text,
//! remarks from the configured data sources, time spent, and the open
//! activities to close. What the representative already typed stays.
//! The result maps directly onto Dataverse's `CloseIncident` action.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

pub use crate::config::resolution::{
    DataSource, RawDataSource, RawResolutionSettings, RawRuleResolution, ResolutionField, ResolutionSettings,
    RuleResolution,
};

use crate::analysis::{Analysis, Step};
use crate::config::resolution::resolved_status;
use crate::drafting::DraftValues;
use crate::mail::{BODY_READ_LIMIT, html_to_text, own_words};
use crate::problem::{Problem, ProblemCode};
use crate::reader::Reader;
use crate::replies::ReplyKind;
use crate::status::StatusCatalog;
use crate::template::render_text_of;
use crate::text;
use crate::timeline::{ActivityState, Delivery, Direction, TimelineItem};

/// Longest resolution text (`subject` of an `incidentresolution`).
pub const MAX_RESOLUTION_CHARS: usize = 200;
/// Longest remarks (`description`).
pub const MAX_REMARKS_CHARS: usize = 4_000;

/// A Status Reason by value and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct StatusRef {
    /// The integer value (`5`).
    pub value: i64,
    /// The label (`Problem Solved`).
    pub label: String,
}

/// The `incidentresolution` record of a `CloseIncident` call, with
/// Dataverse's own field names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct IncidentResolution {
    /// Always `Microsoft.Dynamics.CRM.incidentresolution`.
    #[serde(rename = "@odata.type")]
    pub odata_type: String,
    /// The Resolution field.
    pub subject: String,
    /// The Remarks field.
    pub description: String,
    /// Billable time in minutes.
    pub timespent: i64,
    /// The case, as `/incidents(<id>)`.
    #[serde(rename = "incidentid@odata.bind")]
    pub incident: String,
}

/// The body of a `CloseIncident` Web API call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CloseIncident {
    /// The resolution record.
    #[serde(rename = "IncidentResolution")]
    pub incident_resolution: IncidentResolution,
    /// The resolved Status Reason value.
    #[serde(rename = "Status")]
    pub status: i64,
}

/// The filled Case Resolution dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ResolutionDraft {
    /// The case's `incidentid`.
    pub case_id: String,
    /// Resolution type: a Status Reason of resolved cases.
    pub resolution_type: StatusRef,
    /// The Resolution text.
    pub resolution: String,
    /// Remarks.
    pub remarks: String,
    /// Billable time, in minutes.
    pub billable_time_minutes: i64,
    /// Time spent on the case's completed activities, in minutes.
    pub total_time_minutes: i64,
    /// Open activities to close with the case.
    pub close_activity_ids: Vec<String>,
    /// Fields the agent filled.
    pub filled_fields: Vec<ResolutionField>,
    /// Fields the representative had filled, kept as they were.
    pub kept_fields: Vec<ResolutionField>,
    /// Ready-to-send body for Dataverse's `CloseIncident` action; `null`
    /// when the case's id is not a GUID (then the case is not a Dataverse
    /// row, and its id must not reach an OData bind).
    pub close_incident: Option<CloseIncident>,
}

/// What the representative already entered in the dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CurrentResolution {
    /// Resolution type chosen.
    pub resolution_type: Option<i64>,
    /// Resolution text typed.
    pub resolution: Option<String>,
    /// Remarks typed.
    pub remarks: Option<String>,
    /// Billable time entered.
    pub billable_time_minutes: Option<i64>,
}

impl CurrentResolution {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["resolutionType", "resolution", "remarks", "billableTimeMinutes"];

    /// Reads what the representative entered, from JSON under `path`
    /// (`null` or absent means nothing entered; empty text counts as
    /// nothing entered).
    pub fn from_json(value: &Value, path: &str, statuses: &StatusCatalog) -> Result<Self, Vec<Problem>> {
        if value.is_null() {
            return Ok(Self::default());
        }
        let mut problems = Vec::new();
        let current = Reader::object(value, path, "the current resolution", Self::FIELDS, &mut problems)
            .map(|mut reader| Self::read(&mut reader, statuses));
        match current {
            Some(current) if problems.is_empty() => Ok(current),
            _ if !problems.is_empty() => Err(problems),
            _ => Err(vec![Problem::new(ProblemCode::InvalidType, path, "the current resolution must be an object")]),
        }
    }

    fn read(reader: &mut Reader<'_, '_>, statuses: &StatusCatalog) -> Self {
        let type_key = "resolutionType";
        let chosen = reader.value(type_key).filter(|value| value.as_str().is_none_or(|text| !text.trim().is_empty()));
        let resolution_type =
            chosen.and_then(|value| match resolved_status(value, &reader.path_of(type_key), type_key, statuses) {
                Ok(status) => Some(status),
                Err(problem) => {
                    reader.problems().push(problem);
                    None
                }
            });
        let minutes_key = "billableTimeMinutes";
        let billable_time_minutes = reader.integer(minutes_key).filter(|minutes| {
            let plausible = (0..=1_000_000).contains(minutes);
            if !plausible {
                reader.report(minutes_key, ProblemCode::InvalidValue, format!("`{minutes}` minutes is out of range"));
            }
            plausible
        });
        let filled = |text: Option<String>| text.filter(|text| !text.trim().is_empty());
        Self {
            resolution_type,
            resolution: filled(reader.text("resolution")),
            remarks: filled(reader.text("remarks")),
            billable_time_minutes,
        }
    }
}

/// Fills the resolution for the case in `analysis`, keeping what
/// `current` already holds.
pub(crate) fn fill(analysis: &Analysis<'_>, current: &CurrentResolution) -> Result<ResolutionDraft, Problem> {
    let settings = &analysis.config.resolution;
    let rule_resolution = analysis.rule.map(|rule| &rule.resolution);
    let may_fill = |field: ResolutionField| {
        settings.fill && rule_resolution.is_none_or(|resolution| resolution.fields.contains(&field))
    };
    let mut filled = Vec::new();
    let mut kept = Vec::new();
    let values = draft_values(analysis);

    let resolution_type = if let Some(value) = current.resolution_type {
        kept.push(ResolutionField::ResolutionType);
        value
    } else {
        // The type is needed to close the case at all, so it is always set;
        // it counts as filled only when the agent may fill it.
        if may_fill(ResolutionField::ResolutionType) {
            filled.push(ResolutionField::ResolutionType);
        }
        rule_resolution.and_then(|resolution| resolution.resolution_type).unwrap_or(settings.resolution_type)
    };
    let resolution = match &current.resolution {
        Some(text) => {
            kept.push(ResolutionField::Resolution);
            text.clone()
        }
        None if may_fill(ResolutionField::Resolution) => {
            filled.push(ResolutionField::Resolution);
            let template = rule_resolution.and_then(|resolution| resolution.text.as_ref()).or(settings.text.as_ref());
            let text = match template {
                Some(template) => render_text_of(template, &values)?,
                None => built_in_resolution_text(analysis),
            };
            one_line(&text, MAX_RESOLUTION_CHARS)
        }
        None => String::new(),
    };
    let remarks = match &current.remarks {
        Some(text) => {
            kept.push(ResolutionField::Remarks);
            text.clone()
        }
        None if may_fill(ResolutionField::Remarks) => {
            filled.push(ResolutionField::Remarks);
            remarks(analysis, &values)?
        }
        None => String::new(),
    };
    // NUL ends a string for many of the systems a resolution reaches.
    let (resolution, remarks) = (resolution.replace('\0', ""), remarks.replace('\0', ""));
    let total_time_minutes = time_spent(analysis);
    let billable_time_minutes = match current.billable_time_minutes {
        Some(minutes) => {
            kept.push(ResolutionField::BillableTime);
            minutes
        }
        None if may_fill(ResolutionField::BillableTime) => {
            filled.push(ResolutionField::BillableTime);
            total_time_minutes
        }
        None => 0,
    };
    let close_activity_ids = if settings.close_open_activities { open_activity_ids(analysis) } else { Vec::new() };
    let case_id = analysis.case.id.clone();
    Ok(ResolutionDraft {
        resolution_type: StatusRef {
            value: resolution_type,
            label: analysis.config.statuses.label_of(resolution_type),
        },
        close_incident: incident_bind(&case_id).map(|incident| CloseIncident {
            incident_resolution: IncidentResolution {
                odata_type: "Microsoft.Dynamics.CRM.incidentresolution".to_owned(),
                subject: resolution.clone(),
                description: remarks.clone(),
                timespent: billable_time_minutes,
                incident,
            },
            status: resolution_type,
        }),
        case_id,
        resolution,
        remarks,
        billable_time_minutes,
        total_time_minutes,
        close_activity_ids,
        filled_fields: filled,
        kept_fields: kept,
    })
}

fn draft_values<'a>(analysis: &'a Analysis<'_>) -> DraftValues<'a> {
    let running = analysis.running();
    let view = running.map(|running| &running.view);
    let sent = view.map_or(0, |view| u32::try_from(view.follow_ups.len()).unwrap_or(u32::MAX));
    DraftValues {
        config: analysis.config,
        rule: analysis.rule,
        case: analysis.case,
        now: analysis.now,
        follow_up: analysis.rule.map(|rule| crate::drafting::FollowUpFacts {
            number: sent,
            total: rule.follow_ups.count,
            sent,
            wait: None,
            is_first: false,
            is_final: false,
        }),
        resolution_at: None,
        last_reply_at: view.and_then(|view| view.last_response.as_ref()).map(|response| response.at),
        last_contact_at: view.and_then(|view| view.last_outgoing).map(|email| email.at),
        customer_email: None,
        reply: None,
        email: false,
        // The resolution is the organisation's record, written in the
        // config's language like the templates given without one.
        lang: analysis.config.language.fallback(),
    }
}

fn built_in_resolution_text(analysis: &Analysis<'_>) -> String {
    let Some(running) = analysis.running() else {
        return "Case resolved.".to_owned();
    };
    match running.step {
        Step::Resolution { .. } => {
            let sent = running.view.follow_ups.len();
            let plural = if sent == 1 { "" } else { "s" };
            format!("No response from the customer after {sent} follow-up email{plural}.")
        }
        Step::Favorable => "The customer confirmed that the issue is resolved.".to_owned(),
        _ => "Case resolved.".to_owned(),
    }
}

fn remarks(analysis: &Analysis<'_>, values: &DraftValues<'_>) -> Result<String, Problem> {
    let settings = &analysis.config.resolution;
    let mut paragraphs = Vec::new();
    for source in &settings.remarks {
        let paragraph = match source {
            DataSource::FollowUpHistory => follow_up_history(analysis),
            DataSource::LastEmails(count) => last_emails(analysis, *count),
            DataSource::Field { name, label } => analysis.case.display(name).map(|value| {
                let label = label.clone().unwrap_or_else(|| crate::drafting::field_label(name).to_owned());
                format!("{label}: {}", html_to_text(&value).trim())
            }),
            DataSource::Text(template) => Some(render_text_of(template, values)?),
        };
        if let Some(paragraph) = paragraph.filter(|text| !text.trim().is_empty()) {
            paragraphs.push(paragraph.trim().to_owned());
        }
    }
    let joined = paragraphs.join("\n\n");
    Ok(clip_chars(&joined, MAX_REMARKS_CHARS))
}

fn follow_up_history(analysis: &Analysis<'_>) -> Option<String> {
    let running = analysis.running()?;
    let calendar = &analysis.config.calendar;
    let sent: Vec<String> = running.view.follow_ups.iter().map(|email| calendar.date_time(email.at)).collect();
    let mut text = if sent.is_empty() {
        "No follow-up email was sent.".to_owned()
    } else {
        format!("Follow-up emails sent: {} ({}).", sent.len(), sent.join("; "))
    };
    match &running.view.last_response {
        Some(response) => {
            // Writing to a String cannot fail.
            let _ = write!(
                text,
                " The customer last responded on {} ({}).",
                calendar.date_time(response.at),
                kind_words(response.classification.kind)
            );
        }
        None => text.push_str(" The customer has not responded."),
    }
    Some(text)
}

fn kind_words(kind: ReplyKind) -> &'static str {
    match kind {
        ReplyKind::Favorable => "favorable",
        ReplyKind::Negative => "negative",
        ReplyKind::Question => "a question",
        ReplyKind::Other => "needs reading",
        ReplyKind::AutoReply => "automatic reply",
        ReplyKind::Bounce => "delivery failure",
    }
}

fn last_emails(analysis: &Analysis<'_>, count: u32) -> Option<String> {
    let calendar = &analysis.config.calendar;
    let lines: Vec<String> = analysis
        .items
        .iter()
        .rev()
        .filter_map(|item| match item {
            TimelineItem::Email(email) if email.delivery != Delivery::Draft && email.delivery != Delivery::Failed => {
                let who = if email.direction == Direction::Outgoing { "to the customer" } else { "from the customer" };
                let words = own_words(&html_to_text(text::prefix(&email.body, BODY_READ_LIMIT)));
                let excerpt = one_line(&words, 300);
                Some(format!(
                    "{} ({who}): {}{}",
                    calendar.date_time(email.at),
                    one_line(&email.subject, 120),
                    if excerpt.is_empty() { String::new() } else { format!(" - {excerpt}") }
                ))
            }
            _ => None,
        })
        .take(count as usize)
        .collect();
    if lines.is_empty() {
        return None;
    }
    let mut lines = lines;
    lines.reverse();
    Some(format!("Last emails:\n{}", lines.join("\n")))
}

/// Minutes spent on the case: the durations of completed activities and of
/// sent or received emails.
fn time_spent(analysis: &Analysis<'_>) -> i64 {
    analysis
        .items
        .iter()
        .filter_map(|item| match item {
            TimelineItem::Activity(activity) if activity.state == ActivityState::Completed => activity.duration_minutes,
            TimelineItem::Email(email) if matches!(email.delivery, Delivery::Sent | Delivery::Received) => {
                email.duration_minutes
            }
            _ => None,
        })
        .fold(0_i64, i64::saturating_add)
        .min(MAX_MINUTES)
}

/// Most minutes a Dataverse whole-number column (`timespent`) holds.
pub const MAX_MINUTES: i64 = i32::MAX as i64;

/// The `/incidents(<id>)` bind of the `CloseIncident` body, when the id is
/// a GUID: any other text could reach another table or path.
fn incident_bind(case_id: &str) -> Option<String> {
    crate::record::is_guid(case_id).then(|| format!("/incidents({case_id})"))
}

/// Activities still open on the case (and unsent email drafts).
fn open_activity_ids(analysis: &Analysis<'_>) -> Vec<String> {
    analysis
        .items
        .iter()
        .filter_map(|item| match item {
            TimelineItem::Activity(activity) if activity.state == ActivityState::Open => activity.id.clone(),
            TimelineItem::Email(email) if email.delivery == Delivery::Draft => email.id.clone(),
            _ => None,
        })
        .collect()
}

fn one_line(text: &str, max_chars: usize) -> String {
    let line = crate::text::one_line(text, char::is_whitespace);
    clip_chars(&line, max_chars)
}

fn clip_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

#[cfg(test)]
mod tests;
