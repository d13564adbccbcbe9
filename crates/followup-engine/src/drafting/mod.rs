//! Drafting emails: the follow-up for step k of N, and the reply to a
//! customer's message, from the rule's templates, else the config's, else
//! the built-in ones.

mod naming;
mod values;

use serde::Serialize;
use serde_json::Value;

pub use naming::{language_name, template_name};
pub(crate) use values::field_label;
pub(crate) use values::{DraftValues, FollowUpFacts, ReplyFacts};

use crate::template::{EmailTemplate, Filled, Slot, built_in};

use crate::address::EmailAddress;
use crate::analysis::cycle::Response;
use crate::analysis::{Analysis, Step, case_address, projected_resolution};
use crate::config::Rule;
use crate::language::Lang;
use crate::mail::address::normalize;
use crate::mail::{BODY_READ_LIMIT, html_to_text, own_words, strip_sign_off};
use crate::problem::{Problem, ProblemCode};
use crate::reader::Reader;
use crate::text;
use crate::time::{Timestamp, clip};
use crate::timeline::{Direction, Email, TimelineItem};

/// Longest subject line produced, in characters: Dataverse's `subject`
/// column of an email holds 200.
pub const MAX_SUBJECT_CHARS: usize = 200;

/// Which kind of email a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum DraftKind {
    /// A follow-up in the sequence.
    FollowUp,
    /// A reply to a customer's message.
    Reply,
}

/// A drafted email, ready to review or send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct EmailDraft {
    /// Follow-up or reply.
    pub kind: DraftKind,
    /// Recipients: checked addresses, never empty.
    #[cfg_attr(feature = "typescript", ts(as = "Vec<String>"))]
    pub to: Vec<EmailAddress>,
    /// Copy recipients: checked addresses.
    #[cfg_attr(feature = "typescript", ts(as = "Vec<String>"))]
    pub cc: Vec<EmailAddress>,
    /// Subject line: one line, the case number included.
    pub subject: String,
    /// HTML body; every inserted value is escaped.
    pub html_body: String,
    /// Plain-text body.
    pub text_body: String,
    /// The template used, as an id for machines (`rule:contoso:final`,
    /// `global:next`, `builtIn:de:first`).
    pub template: String,
    /// The template used, in words for the representative, in their
    /// language (`the rule's final follow-up template`).
    pub template_name: String,
    /// The language the email is written in (the customer's).
    pub language: Lang,
    /// The follow-up's number, for follow-ups.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub follow_up_number: Option<u32>,
    /// Internet message id of the email this one follows or answers, so the
    /// host can thread it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub in_reply_to: Option<String>,
    /// Activity id of the email this one follows or answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub regarding_activity_id: Option<String>,
    /// The case (`incidentid`) the email is about.
    pub case_id: String,
    /// Stable key for the step: sending twice with the same key is a bug.
    pub idempotency_key: String,
}

/// What `draftEmail` is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftRequest {
    /// A follow-up: by default the next one due, under the rule in charge.
    FollowUp {
        /// Which follow-up (1 to N).
        number: Option<u32>,
        /// The rule whose templates to use, if not the one in charge.
        rule_id: Option<String>,
    },
    /// A reply: by default to the customer's latest response.
    Reply {
        /// The incoming message's activity id.
        activity_id: Option<String>,
    },
}

impl DraftRequest {
    /// The fields of a request, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["kind", "followUpNumber", "ruleId", "activityId"];

    /// Reads a request from JSON under `path`.
    pub fn from_json(value: &Value, path: &str) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let request = Reader::object(value, path, "the request", Self::FIELDS, &mut problems)
            .and_then(|mut reader| Self::read(&mut reader));
        match request {
            Some(request) if problems.is_empty() => Ok(request),
            _ if !problems.is_empty() => Err(problems),
            _ => Err(vec![Problem::new(ProblemCode::InvalidRequest, path, "the request could not be read")]),
        }
    }

    fn read(reader: &mut Reader<'_, '_>) -> Option<Self> {
        let kind = reader.required("kind", Reader::text)?;
        let number = reader.integer("followUpNumber");
        let rule_id = reader.text("ruleId");
        let activity_id = reader.text("activityId");
        let misplaced = |reader: &mut Reader<'_, '_>, field: &str| {
            reader.report(
                field,
                ProblemCode::InvalidRequest,
                format!("`{field}` does not apply to a `{kind}` request"),
            );
        };
        match kind.as_str() {
            "followUp" => {
                if activity_id.is_some() {
                    misplaced(reader, "activityId");
                }
                let number = match number {
                    Some(number) => {
                        let Some(valid) = u32::try_from(number).ok().filter(|number| *number >= 1) else {
                            reader.report(
                                "followUpNumber",
                                ProblemCode::InvalidRequest,
                                format!("`{number}` is not a follow-up number: they count from 1"),
                            );
                            return None;
                        };
                        Some(valid)
                    }
                    None => None,
                };
                Some(Self::FollowUp { number, rule_id })
            }
            "reply" => {
                if number.is_some() {
                    misplaced(reader, "followUpNumber");
                }
                if rule_id.is_some() {
                    misplaced(reader, "ruleId");
                }
                Some(Self::Reply { activity_id })
            }
            other => {
                let message = format!("`{}` is not a kind of email: use `followUp` or `reply`", clip(other));
                reader.report("kind", ProblemCode::InvalidRequest, message);
                None
            }
        }
    }
}

/// Drafts what `request` asks for.
pub(crate) fn draft(analysis: &Analysis<'_>, request: &DraftRequest) -> Result<EmailDraft, Problem> {
    match request {
        DraftRequest::FollowUp { number, rule_id } => {
            let rule = match rule_id {
                Some(id) => analysis.config.rule(id).ok_or_else(|| {
                    Problem::new(
                        ProblemCode::InvalidRequest,
                        "request.ruleId",
                        format!("no rule has the id `{}`", clip(id)),
                    )
                })?,
                None => analysis.rule.ok_or_else(|| {
                    Problem::new(
                        ProblemCode::InvalidRequest,
                        "request",
                        "no rule applies to this case: name the rule whose templates to use with `ruleId`",
                    )
                })?,
            };
            let in_charge = analysis.rule.is_some_and(|current| current.id == rule.id);
            let sent =
                if in_charge { analysis.running().map_or(0, |running| running.view.follow_ups.len()) } else { 0 };
            let sent = u32::try_from(sent).unwrap_or(u32::MAX);
            let number = number.unwrap_or_else(|| sent.saturating_add(1).min(rule.follow_ups.count));
            if number > rule.follow_ups.count {
                return Err(Problem::new(
                    ProblemCode::InvalidRequest,
                    "request.followUpNumber",
                    format!(
                        "rule `{}` sends {} follow-ups, so there is no follow-up {number}",
                        rule.id, rule.follow_ups.count
                    ),
                ));
            }
            let key = super::decision::keys::follow_up_key(analysis, rule, number);
            follow_up(analysis, rule, number, key)
        }
        DraftRequest::Reply { activity_id } => {
            let target = match activity_id {
                Some(id) => find_message(analysis, id).ok_or_else(|| {
                    Problem::new(
                        ProblemCode::InvalidRequest,
                        "request.activityId",
                        format!("no incoming message with activity id `{}` is on the timeline", clip(id)),
                    )
                })?,
                None => latest_response(analysis).ok_or_else(|| {
                    Problem::new(ProblemCode::InvalidRequest, "request", "the customer has sent no message to reply to")
                })?,
            };
            let key = super::decision::keys::reply_key(analysis, analysis.rule, &target);
            reply(analysis, &target, key)
        }
    }
}

/// A message a reply answers.
#[derive(Debug, Clone)]
pub(crate) struct ReplyTarget<'a> {
    pub at: Timestamp,
    pub activity_id: Option<&'a str>,
    pub email: Option<&'a Email>,
    pub subject: &'a str,
    pub body: &'a str,
}

impl<'a> ReplyTarget<'a> {
    /// The target for a classified response.
    pub fn from_response(response: &Response<'a>) -> Self {
        Self {
            at: response.at,
            activity_id: response.activity_id,
            email: response.email,
            subject: response.email.map_or("", |email| email.subject.as_str()),
            body: response.email.map_or("", |email| email.body.as_str()),
        }
    }
}

fn find_message<'a>(analysis: &Analysis<'a>, id: &str) -> Option<ReplyTarget<'a>> {
    analysis.items.iter().find_map(|item| match item {
        TimelineItem::Email(email) if email.direction == Direction::Incoming && email.id.as_deref() == Some(id) => {
            Some(ReplyTarget {
                at: email.at,
                activity_id: email.id.as_deref(),
                email: Some(email),
                subject: &email.subject,
                body: &email.body,
            })
        }
        TimelineItem::Activity(activity) if activity.id.as_deref() == Some(id) => Some(ReplyTarget {
            at: activity.at,
            activity_id: activity.id.as_deref(),
            email: None,
            subject: &activity.subject,
            body: &activity.description,
        }),
        _ => None,
    })
}

fn latest_response<'a>(analysis: &Analysis<'a>) -> Option<ReplyTarget<'a>> {
    if let Some(running) = analysis.running() {
        if let Some(response) = running.view.open_response.as_ref().or(running.view.last_response.as_ref()) {
            return Some(ReplyTarget::from_response(response));
        }
    }
    analysis.items.iter().rev().find_map(|item| match item {
        TimelineItem::Email(email) if email.direction == Direction::Incoming => {
            let kind = email.reading().kind;
            let ours = email
                .from
                .as_deref()
                .and_then(normalize)
                .is_none_or(|from| analysis.config.own_addresses.contains(&from));
            (kind.is_response() && !ours).then(|| ReplyTarget {
                at: email.at,
                activity_id: email.id.as_deref(),
                email: Some(email),
                subject: &email.subject,
                body: &email.body,
            })
        }
        _ => None,
    })
}

/// The template slot for follow-up `number`: the last is `final`; the first
/// one the agent drafts is `first`; the rest are `next`.
fn slot_for(analysis: &Analysis<'_>, rule: &Rule, number: u32) -> Slot {
    if number >= rule.follow_ups.count {
        return Slot::Final;
    }
    let agent_sent_before = analysis
        .running()
        .is_some_and(|running| running.view.follow_ups.iter().any(|email| email.follow_up_key.is_some()));
    let first_agent_number = if rule.follow_ups.representative_email_counts { 2 } else { 1 };
    if !agent_sent_before && number <= first_agent_number { Slot::First } else { Slot::Next }
}

/// The template for `slot` in the customer's language: the rule's, else
/// the config's, else the built-in one. Templates given without a language
/// are in the config's `language.fallback`; a customer who reads another
/// language gets the next template written in theirs.
fn choose<'a>(analysis: &'a Analysis<'_>, rule: Option<&'a Rule>, slot: Slot) -> Option<&'a EmailTemplate> {
    let (lang, base) = (analysis.lang, analysis.config.language.fallback());
    rule.and_then(|rule| rule.templates.get_in(slot, lang, base))
        .or_else(|| analysis.config.templates.get_in(slot, lang, base))
        .or_else(|| built_in(lang).or_else(|| built_in(Lang::En))?.get(slot))
}

fn no_template(slot: Slot) -> Problem {
    Problem::new(ProblemCode::InvalidRequest, "", format!("no `{}` template is available", slot.name()))
}

/// Drafts follow-up `number` of `rule`.
pub(crate) fn follow_up(analysis: &Analysis<'_>, rule: &Rule, number: u32, key: String) -> Result<EmailDraft, Problem> {
    let slot = slot_for(analysis, rule, number);
    let template = choose(analysis, Some(rule), slot).ok_or_else(|| no_template(slot))?;
    let running = analysis.running().filter(|_| analysis.rule.is_some_and(|current| current.id == rule.id));
    let view = running.map(|running| &running.view);
    let sent = view.map_or(0, |view| u32::try_from(view.follow_ups.len()).unwrap_or(u32::MAX));
    let resolution_at = match running {
        Some(running) if matches!(running.step, Step::FollowUp { number: due_number, .. } if due_number == number) => {
            projected_resolution(analysis, rule, running.step)
        }
        _ => projected_resolution(analysis, rule, Step::FollowUp { number, due: Some(analysis.now) }),
    };
    let last_outgoing = view.and_then(|view| view.last_outgoing);
    let values = DraftValues {
        config: analysis.config,
        rule: Some(rule),
        case: analysis.case,
        now: analysis.now,
        follow_up: Some(FollowUpFacts {
            number,
            total: rule.follow_ups.count,
            sent,
            wait: Some(rule.follow_ups.wait_after(number)),
            is_first: slot == Slot::First,
            is_final: slot == Slot::Final,
        }),
        resolution_at,
        last_reply_at: view.and_then(|view| view.last_response.as_ref()).map(|response| response.at),
        last_contact_at: last_outgoing.map(|email| email.at),
        customer_email: customer_email(analysis),
        reply: None,
        email: true,
        lang: template.language.unwrap_or(analysis.config.language.fallback()),
    };
    // A follow-up goes to the customer's current address only: never to
    // another email's recipients, never to an address that bounced (4.6).
    let bounced = view.is_some_and(|view| view.customer_bounced);
    let to: Vec<EmailAddress> = values.customer_email.iter().filter(|_| !bounced).cloned().collect();
    let mut draft = render(&values, template, to, Vec::new(), key)?;
    draft.template_name = template_name(template, analysis.rep_lang);
    draft.kind = DraftKind::FollowUp;
    draft.follow_up_number = Some(number);
    draft.in_reply_to = last_outgoing.and_then(|email| email.message_id.clone());
    draft.regarding_activity_id = last_outgoing.and_then(|email| email.id.clone());
    Ok(draft)
}

/// Drafts a reply to `target`.
pub(crate) fn reply(analysis: &Analysis<'_>, target: &ReplyTarget<'_>, key: String) -> Result<EmailDraft, Problem> {
    let template = choose(analysis, analysis.rule, Slot::Reply).ok_or_else(|| no_template(Slot::Reply))?;
    let words = strip_sign_off(&own_words(&html_to_text(text::prefix(target.body, BODY_READ_LIMIT))));
    let subject = target.subject.trim();
    let subject = strip_reply_prefixes(subject);
    let values = DraftValues {
        config: analysis.config,
        rule: analysis.rule,
        case: analysis.case,
        now: analysis.now,
        follow_up: None,
        resolution_at: None,
        last_reply_at: Some(target.at),
        last_contact_at: analysis.running().and_then(|running| running.view.last_outgoing).map(|email| email.at),
        customer_email: target.email.and_then(|email| email.from.clone()).or_else(|| customer_email(analysis)),
        reply: Some(ReplyFacts { words, at: target.at, subject: subject.to_owned() }),
        email: true,
        lang: template.language.unwrap_or(analysis.config.language.fallback()),
    };
    let to: Vec<EmailAddress> = values.customer_email.iter().cloned().collect();
    let own = &analysis.config.own_addresses;
    let cc = target
        .email
        .map(|email| {
            email
                .cc
                .iter()
                .filter(|address| normalize(address).is_none_or(|address| !own.contains(&address)))
                .cloned()
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let mut draft = render(&values, template, to, cc, key)?;
    draft.template_name = template_name(template, analysis.rep_lang);
    draft.kind = DraftKind::Reply;
    draft.in_reply_to = target.email.and_then(|email| email.message_id.clone());
    draft.regarding_activity_id = target.activity_id.map(str::to_owned);
    Ok(draft)
}

fn strip_reply_prefixes(subject: &str) -> &str {
    let mut rest = subject;
    loop {
        let lower = rest.get(..4).map(str::to_ascii_lowercase);
        match lower.as_deref() {
            Some("re: " | "re :" | "aw: " | "fw: " | "wg: " | "tr: " | "rv: ") => {
                rest = rest.get(4..).unwrap_or("").trim_start();
            }
            _ => return rest,
        }
    }
}

fn render(
    values: &DraftValues<'_>,
    template: &EmailTemplate,
    to: Vec<EmailAddress>,
    cc: Vec<EmailAddress>,
    key: String,
) -> Result<EmailDraft, Problem> {
    if to.is_empty() {
        return Err(Problem::new(
            ProblemCode::NoRecipient,
            "",
            "no valid email address of the customer's is known (the case's `emailaddress` or the sender of the customer's first message) that has not bounced: no email can be drafted",
        ));
    }
    let subject = Filled::new(&template.subject, values).line()?;
    let body = Filled::new(&template.body, values);
    let text_body = body.text()?;
    let html_body = match &template.html {
        Some(html) => Filled::new(html, values).html()?,
        None => body.html_from_text()?,
    };
    Ok(EmailDraft {
        kind: DraftKind::FollowUp,
        to,
        cc,
        subject: finish_subject(&subject, values.case.ticket_number.as_deref()),
        html_body,
        text_body,
        template: template.origin.clone(),
        template_name: String::new(),
        language: values.lang,
        follow_up_number: None,
        in_reply_to: None,
        regarding_activity_id: None,
        case_id: values.case.id.clone(),
        idempotency_key: key,
    })
}

/// The customer's address (`docs/behaviour.md`, 1.5): as the analysis
/// found it, else the case's own. Only checked addresses count.
fn customer_email(analysis: &Analysis<'_>) -> Option<EmailAddress> {
    analysis.customer.as_deref().and_then(|address| EmailAddress::parse(address).ok()).or_else(|| {
        match case_address(analysis.case) {
            Some(Ok(address)) => Some(address.clone()),
            _ => None,
        }
    })
}

/// Makes a subject safe and threadable: one line (no CR, LF, NUL, line or
/// paragraph separators, or other control and bidi-override characters),
/// at most [`MAX_SUBJECT_CHARS`], and carrying the case number.
#[must_use]
pub(crate) fn finish_subject(subject: &str, case_number: Option<&str>) -> String {
    let mut line = text::one_line(subject, is_unsafe_in_subject);
    let number = case_number
        .map(|number| number.replace(is_unsafe_in_subject, ""))
        .map(|number| number.trim().to_owned())
        .filter(|number| !number.is_empty());
    let suffix = match &number {
        Some(number) if !line.contains(number.as_str()) => format!(" [{number}]"),
        _ => String::new(),
    };
    let room = MAX_SUBJECT_CHARS.saturating_sub(suffix.chars().count());
    if line.chars().count() > room {
        let kept: String = line.chars().take(room.saturating_sub(1)).collect();
        kept.trim_end().clone_into(&mut line);
        line.push('…');
        if let Some(number) = &number {
            if !line.contains(number.as_str()) && suffix.is_empty() {
                // The number was cut off: put it back at the end.
                let keep = MAX_SUBJECT_CHARS.saturating_sub(number.chars().count() + 4);
                line = line.chars().take(keep).collect::<String>();
                line.push_str("… [");
                line.push_str(number);
                line.push(']');
            }
        }
    }
    line.push_str(&suffix);
    line.trim().to_owned()
}

fn is_unsafe_in_subject(ch: char) -> bool {
    crate::address::breaks_line(ch)
}

#[cfg(test)]
mod tests;
