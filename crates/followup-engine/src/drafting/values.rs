//! The values a template can insert, worked out from the case, the timeline
//! and the step being drafted.

use std::fmt::Write as _;

use chrono::TimeDelta;

use crate::calendar::Calendar;
use crate::config::{Config, Rule};
use crate::language::{Lang, describe_wait};
use crate::record::CaseRecord;
use crate::template::{Insert, Values, escape_multiline};
use crate::time::{Timestamp, parse_timestamp};

/// Longest text inserted for one value; longer values are cut with `…`.
pub const MAX_VALUE_CHARS: usize = 2_000;
/// Longest quoted customer message inserted in a reply.
pub const MAX_QUOTE_CHARS: usize = 10_000;

/// Facts about the follow-up being drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpFacts {
    /// Its number (1-based).
    pub number: u32,
    /// Follow-ups in the plan.
    pub total: u32,
    /// Follow-ups already sent in the sequence.
    pub sent: u32,
    /// The wait after it.
    pub wait: Option<TimeDelta>,
    /// Whether it is the first the agent drafts.
    pub is_first: bool,
    /// Whether it is the last.
    pub is_final: bool,
}

/// Facts about the customer message a reply answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyFacts {
    /// The customer's own words, quoted history and signature removed.
    pub words: String,
    /// When the message arrived.
    pub at: Timestamp,
    /// Its subject.
    pub subject: String,
}

/// Everything a template may draw on.
#[derive(Debug, Clone)]
pub struct DraftValues<'a> {
    /// The config (sender).
    pub config: &'a Config,
    /// The rule in charge, if any.
    pub rule: Option<&'a Rule>,
    /// The case.
    pub case: &'a CaseRecord,
    /// The instant of drafting.
    pub now: Timestamp,
    /// The follow-up being drafted, if it is one.
    pub follow_up: Option<FollowUpFacts>,
    /// When the case will be resolved if nobody answers.
    pub resolution_at: Option<Timestamp>,
    /// When the customer last responded.
    pub last_reply_at: Option<Timestamp>,
    /// When the organisation last wrote to the customer.
    pub last_contact_at: Option<Timestamp>,
    /// The customer's address.
    pub customer_email: Option<crate::address::EmailAddress>,
    /// The message a reply answers.
    pub reply: Option<ReplyFacts>,
    /// Whether this is an email: then only the config's `templateFields`
    /// of the case are read.
    pub email: bool,
    /// The language dates, lengths of time and labels are written in.
    pub lang: Lang,
}

/// The label people know a case column by (`prioritycode` is `Priority`).
pub(crate) fn field_label(name: &str) -> &str {
    field_label_in(Lang::En, name)
}

/// The label of a case column in `lang` (`prioritycode` is `Priorität`):
/// the entry `label.<column>` of the language's text file, for the common
/// `incident` columns; the column's name for the others.
pub(crate) fn field_label_in(lang: Lang, name: &str) -> &str {
    match crate::language::text(lang, &format!("label.{name}")) {
        "" => name,
        label => label,
    }
}

fn first_word(name: &str) -> Option<String> {
    name.split_whitespace().next().map(str::to_owned)
}

impl DraftValues<'_> {
    fn calendar(&self) -> &Calendar {
        &self.config.calendar
    }

    /// A case field as people read it: labels for option sets and lookups,
    /// long dates for date-times.
    fn case_field(&self, name: &str) -> Option<String> {
        if self.email && !crate::template::is_template_field(&self.config.template_fields, name) {
            return None;
        }
        let shown = self.case.display(name)?;
        // Only text that starts like `2026-` is tried as a date-time: a
        // failed parse writes its error message, and most fields are not
        // dates.
        let looks_dated = shown.len() >= 20 && shown.trim_start().as_bytes().get(4) == Some(&b'-');
        if looks_dated && self.case.field(name).label.is_none() {
            if let Ok(at) = parse_timestamp(&shown) {
                return Some(self.calendar().long_date_in(self.lang, at));
            }
        }
        Some(shown)
    }

    fn customer_name(&self) -> Option<String> {
        self.case.customer_name()
    }

    /// The person to greet: the case's primary contact, else the customer
    /// when the customer is a contact; never an account (`Fabrikam`).
    fn contact_name(&self) -> Option<String> {
        if let Some(contact) = self.case.field("primarycontactid").label {
            return Some(contact.to_owned());
        }
        let kind = self.case.field("customerid").lookup_table;
        // An account's name is no one's first name: the greeting stays neutral.
        let is_person = kind.is_none_or(|kind| kind == "contact");
        if is_person { self.customer_name() } else { None }
    }

    fn customer_first_name(&self) -> Option<String> {
        self.contact_name().as_deref().and_then(first_word)
    }

    fn case_details(&self) -> Option<Insert> {
        let fields = &self.rule?.follow_ups.fields;
        let rows: Vec<(String, String)> = fields
            .iter()
            .filter_map(|field| {
                self.case_field(field).map(|value| (field_label_in(self.lang, field).to_owned(), clip_value(&value)))
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let heading = crate::language::text(self.lang, "caseDetails");
        let mut text = String::from(heading);
        let mut html = format!("<p>{heading}</p>\n<ul>");
        for (label, value) in &rows {
            let row = |label: &str, value: &str| crate::language::fill(self.lang, "caseDetail", &[label, value]);
            // Writing to a String cannot fail.
            let _ = write!(text, "\n- {}", row(label, value));
            let _ = write!(html, "<li>{}</li>", row(&escape_multiline(label), &escape_multiline(value)));
        }
        html.push_str("</ul>");
        Some(Insert { text, html: Some(html), block: true })
    }

    fn quote(&self) -> Option<Insert> {
        let reply = self.reply.as_ref()?;
        let words: String = reply.words.chars().take(MAX_QUOTE_CHARS).collect();
        if words.trim().is_empty() {
            return None;
        }
        let text = words.lines().map(|line| if line.is_empty() { ">".to_owned() } else { format!("> {line}") });
        let html = format!(
            "<blockquote style=\"margin:0 0 0 .8ex;border-left:2px solid #ccc;padding-left:1ex\">{}</blockquote>",
            escape_multiline(&words)
        );
        Some(Insert { text: text.collect::<Vec<_>>().join("\n"), html: Some(html), block: true })
    }

    fn long_date(&self, at: Option<Timestamp>) -> Option<String> {
        at.map(|at| self.calendar().long_date_in(self.lang, at))
    }

    fn raw_value(&self, name: &str) -> Option<Insert> {
        if let Some(field) = name.strip_prefix("case.") {
            let value = match field {
                "number" if !self.email || crate::template::is_template_field(&self.config.template_fields, field) => {
                    self.case.ticket_number.clone()
                }
                "number" => None,
                _ => self.case_field(field),
            };
            return value.map(|value| Insert::text(clip_value(&value)));
        }
        let facts = self.follow_up;
        let text = match name {
            "customer.name" => self.customer_name(),
            "customer.firstName" => self.customer_first_name(),
            "customer.contactName" => self.contact_name(),
            "customer.email" => self.customer_email.as_ref().map(ToString::to_string),
            "representative.name" => self.case.owner_name(),
            "representative.firstName" => self.case.owner_name().as_deref().and_then(first_word),
            "sender.name" => self.config.sender.name.clone(),
            "sender.address" => self.config.sender.address.as_ref().map(ToString::to_string),
            "rule.name" => self.rule.map(|rule| rule.name.clone()),
            "caseDetails" => return self.case_details(),
            "followUp.number" => facts.map(|facts| facts.number.to_string()),
            "followUp.total" => facts
                .map(|facts| facts.total.to_string())
                .or_else(|| self.rule.map(|rule| rule.follow_ups.count.to_string())),
            "followUp.remaining" => facts.map(|facts| facts.total.saturating_sub(facts.number).to_string()),
            "followUp.sent" => facts.map(|facts| facts.sent.to_string()),
            "followUp.wait" => facts.and_then(|facts| facts.wait).map(|wait| describe_wait(self.lang, wait)),
            "followUp.isFirst" => facts.filter(|facts| facts.is_first).map(|_| "yes".to_owned()),
            "followUp.isFinal" => facts.filter(|facts| facts.is_final).map(|_| "yes".to_owned()),
            "dates.today" => self.long_date(Some(self.now)),
            "dates.resolution" => self.long_date(self.resolution_at),
            "dates.lastReply" => self.long_date(self.last_reply_at),
            "dates.lastContact" => self.long_date(self.last_contact_at),
            "dates.caseCreated" => self.long_date(Some(self.case.created_on)),
            "reply.quote" => return self.quote(),
            "reply.date" => self.long_date(self.reply.as_ref().map(|reply| reply.at)),
            "reply.subject" => self.reply.as_ref().map(|reply| reply.subject.clone()),
            _ => None,
        };
        text.map(|text| Insert::text(clip_value(&text)))
    }
}

impl Values for DraftValues<'_> {
    fn value(&self, name: &str) -> Option<Insert> {
        self.raw_value(name).filter(|insert| !insert.text.trim().is_empty())
    }
}

fn clip_value(text: &str) -> String {
    if text.chars().count() <= MAX_VALUE_CHARS {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(MAX_VALUE_CHARS).collect();
    clipped.push('…');
    clipped
}
