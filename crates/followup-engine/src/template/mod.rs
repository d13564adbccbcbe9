//! Email templates: per rule and per step (first, next, final, reply), the
//! global defaults, and the built-in defaults used when neither is set.

use serde_json::Value;

mod markup;
mod parse;
mod render;
mod vocabulary;

pub use parse::Template;
pub(crate) use render::escape_multiline;
pub use render::{Filled, Insert, Values};
pub use vocabulary::Slot;
use vocabulary::check_name;

use crate::problem::{Problem, field_path};
use crate::reader::Reader;
use crate::text;

/// An email template as written in the config.
#[derive(Debug, Clone)]
#[cfg_attr(
    feature = "typescript",
    derive(serde::Deserialize, ts_rs::TS),
    serde(deny_unknown_fields),
    ts(optional_fields, rename = "EmailTemplate")
)]
pub struct RawEmailTemplate {
    /// Subject line template.
    pub subject: String,
    /// Plain-text body template; the HTML body is made from it unless
    /// `html` is given.
    pub body: String,
    /// Optional HTML body template.
    pub html: Option<String>,
}

impl RawEmailTemplate {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["subject", "body", "html"];
}

/// A set of templates as written: one per step.
#[derive(Debug, Clone, Default)]
#[cfg_attr(
    feature = "typescript",
    derive(serde::Deserialize, ts_rs::TS),
    serde(deny_unknown_fields),
    ts(optional_fields, rename = "TemplateSet")
)]
pub struct RawTemplateSet {
    /// The first follow-up the agent drafts.
    pub first: Option<RawEmailTemplate>,
    /// Later follow-ups.
    pub next: Option<RawEmailTemplate>,
    /// The last follow-up.
    #[cfg_attr(feature = "typescript", serde(rename = "final"))]
    pub last: Option<RawEmailTemplate>,
    /// Replies to a customer's message.
    pub reply: Option<RawEmailTemplate>,
}

impl RawTemplateSet {
    /// The fields, as the JSON names them.
    pub const FIELDS: &'static [&'static str] = &["first", "next", "final", "reply"];

    /// Reads a template set at `path`.
    pub fn read(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "a set of templates", Self::FIELDS, problems)?;
        let mut template = |key: &str| {
            reader
                .nested(key, "an email template", RawEmailTemplate::FIELDS, |reader| {
                    let subject = reader.required("subject", Reader::text);
                    let body = reader.required("body", Reader::text);
                    let html = reader.text("html");
                    Some(RawEmailTemplate { subject: subject?, body: body?, html })
                })
                .flatten()
        };
        Some(Self {
            first: template("first"),
            next: template("next"),
            last: template("final"),
            reply: template("reply"),
        })
    }
}

/// A checked email template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTemplate {
    /// Subject line.
    pub subject: Template,
    /// Plain-text body.
    pub body: Template,
    /// HTML body, when the template has its own.
    pub html: Option<Template>,
    /// Where it came from (`rule:contoso:final`, `global:next`, `builtIn:first`).
    pub origin: String,
}

/// Checked templates, one per step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateSet {
    /// The first follow-up.
    pub first: Option<EmailTemplate>,
    /// Later follow-ups.
    pub next: Option<EmailTemplate>,
    /// The last follow-up.
    pub last: Option<EmailTemplate>,
    /// Replies.
    pub reply: Option<EmailTemplate>,
}

impl TemplateSet {
    /// The template for `slot`, if the set has one.
    #[must_use]
    pub fn get(&self, slot: Slot) -> Option<&EmailTemplate> {
        match slot {
            Slot::First => self.first.as_ref(),
            Slot::Next => self.next.as_ref(),
            Slot::Final => self.last.as_ref(),
            Slot::Reply => self.reply.as_ref(),
            Slot::Resolution => None,
        }
    }
}

/// Checks a set of templates found at `path`, naming each `{origin}:{slot}`.
/// Templates may read only the case columns in `fields`.
pub(crate) fn compile_set(
    raw: &RawTemplateSet,
    path: &str,
    origin: &str,
    fields: &[String],
    problems: &mut Vec<Problem>,
) -> TemplateSet {
    let mut compile = |template: &Option<RawEmailTemplate>, slot: Slot| {
        template.as_ref().and_then(|template| {
            compile_email(
                template,
                &field_path(path, slot.name()),
                &format!("{origin}:{}", slot.name()),
                (slot, fields),
                problems,
            )
        })
    };
    TemplateSet {
        first: compile(&raw.first, Slot::First),
        next: compile(&raw.next, Slot::Next),
        last: compile(&raw.last, Slot::Final),
        reply: compile(&raw.reply, Slot::Reply),
    }
}

/// Checks one text template of `slot` found at `path`.
pub fn compile_text(source: &str, path: &str, slot: Slot, problems: &mut Vec<Problem>) -> Option<Template> {
    compile_checked(source, path, &|name: &str| check_name(slot, name), problems)
}

/// Checks one email template of `slot` found at `path`: `case.<column>`
/// names only the columns in `fields`.
fn compile_email_text(
    source: &str,
    path: &str,
    (slot, fields): (Slot, &[String]),
    problems: &mut Vec<Problem>,
) -> Option<Template> {
    let check = |name: &str| {
        check_name(slot, name)?;
        match name.strip_prefix("case.") {
            Some(column) if !is_template_field(fields, column) => Err(field_not_allowed(column)),
            _ => Ok(()),
        }
    };
    compile_checked(source, path, &check, problems)
}

/// Whether `case.<column>` may be read by an email template (`case.number`
/// reads `ticketnumber`).
pub(crate) fn is_template_field(fields: &[String], column: &str) -> bool {
    let column = if column == "number" { "ticketnumber" } else { column };
    fields.iter().any(|field| field == column)
}

fn compile_checked(
    source: &str,
    path: &str,
    check: parse::NameCheck<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Template> {
    match Template::parse(source, path, check) {
        Ok(template) => Some(template),
        Err(found) => {
            problems.extend(found);
            None
        }
    }
}

fn compile_email(
    raw: &RawEmailTemplate,
    path: &str,
    origin: &str,
    slot: (Slot, &[String]),
    problems: &mut Vec<Problem>,
) -> Option<EmailTemplate> {
    let before = problems.len();
    let subject = compile_email_text(&raw.subject, &field_path(path, "subject"), slot, problems);
    let body = compile_email_text(&raw.body, &field_path(path, "body"), slot, problems);
    let html = raw.html.as_ref().and_then(|source| {
        let html_path = field_path(path, "html");
        let template = compile_email_text(source, &html_path, slot, problems)?;
        match markup::check(&template.nodes, &html_path) {
            Ok(nodes) => Some(Template { nodes }),
            Err(problem) => {
                problems.push(problem);
                None
            }
        }
    });
    if problems.len() != before {
        return None;
    }
    Some(EmailTemplate { subject: subject?, body: body?, html, origin: origin.to_owned() })
}

const BUILT_IN_FIRST: (&str, &str) = (
    "Checking in on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

We're checking in on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, \"{{case.title}}\"{{/if}}.{{#if dates.lastContact}} We last wrote to you on {{dates.lastContact}} and haven't heard back since.{{/if}}

Is the issue resolved, or do you still need help? Just reply to this email and we'll pick it up.

{{#if dates.resolution}}If we don't hear from you by {{dates.resolution}}, we'll assume the issue is resolved and close the case. You can reopen it any time by replying.{{/if}}

{{caseDetails}}

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

const BUILT_IN_NEXT: (&str, &str) = (
    "Following up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

We're following up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, \"{{case.title}}\"{{/if}}.{{#if dates.lastContact}} We haven't heard from you since our email of {{dates.lastContact}}.{{/if}}

Could you let us know whether the issue is resolved? If you still need help, reply to this email and tell us what you're seeing.

{{#if dates.resolution}}If we don't hear from you by {{dates.resolution}}, we'll close the case as resolved.{{/if}}

{{caseDetails}}

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

const BUILT_IN_FINAL: (&str, &str) = (
    "Final follow-up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

This is our last follow-up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, \"{{case.title}}\"{{/if}}.{{#if dates.lastReply}} We haven't heard from you since {{dates.lastReply}}.{{else}}{{#if dates.lastContact}} We haven't had a reply to our email of {{dates.lastContact}}.{{/if}}{{/if}}

{{#if dates.resolution}}If we don't hear from you by {{dates.resolution}}, we'll consider the issue resolved and close the case.{{else}}If we don't hear from you, we'll consider the issue resolved and close the case.{{/if}} If you still need help, just reply to this email, even after the case is closed.

{{caseDetails}}

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

const BUILT_IN_REPLY: (&str, &str) = (
    "RE: {{reply.subject | case.title | \"your case\"}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

Thank you for your reply{{#if reply.date}} of {{reply.date}}{{/if}}. You wrote:

{{reply.quote}}

We're looking into this and will get back to you shortly.

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

/// The built-in templates, used when neither the rule nor the config sets
/// one. They are checked by the same parser as any other template, once per
/// process: every config shares them.
#[must_use]
pub(crate) fn built_in() -> &'static TemplateSet {
    static BUILT_IN: std::sync::OnceLock<TemplateSet> = std::sync::OnceLock::new();
    BUILT_IN.get_or_init(parse_built_in)
}

fn parse_built_in() -> TemplateSet {
    let mut problems = Vec::new();
    let raw = |(subject, body): (&str, &str)| {
        Some(RawEmailTemplate { subject: subject.to_owned(), body: body.to_owned(), html: None })
    };
    let set = RawTemplateSet {
        first: raw(BUILT_IN_FIRST),
        next: raw(BUILT_IN_NEXT),
        last: raw(BUILT_IN_FINAL),
        reply: raw(BUILT_IN_REPLY),
    };
    // A test checks that the built-ins have no problems, so none are dropped.
    let fields = DEFAULT_TEMPLATE_FIELDS.map(str::to_owned);
    compile_set(&set, "builtIn", "builtIn", &fields, &mut problems)
}

/// The case columns email templates may read when the config names none:
/// the title, the case number, the customer's and the owner's names.
pub const DEFAULT_TEMPLATE_FIELDS: [&str; 4] = ["title", "ticketnumber", "customerid", "ownerid"];

/// Why an email may not read the case column `column`.
pub(crate) fn field_not_allowed(column: &str) -> String {
    format!(
        "email templates may read only the case columns listed in `templateFields`; add `{}` there if customers may see it",
        text::visible(column)
    )
}

/// Renders a text template (resolution text, remarks) with `values`.
pub(crate) fn render_text_of(template: &Template, values: &dyn Values) -> Result<String, Problem> {
    render::render_text(template, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemCode;

    fn fields() -> Vec<String> {
        DEFAULT_TEMPLATE_FIELDS.map(str::to_owned).to_vec()
    }

    fn raw(subject: &str, body: &str, html: Option<&str>) -> RawEmailTemplate {
        RawEmailTemplate { subject: subject.into(), body: body.into(), html: html.map(str::to_owned) }
    }

    #[test]
    fn built_ins_are_valid() {
        let set = built_in();
        for slot in [Slot::First, Slot::Next, Slot::Final, Slot::Reply] {
            assert_eq!(set.get(slot).unwrap().origin, format!("builtIn:{}", slot.name()));
        }
    }

    #[test]
    fn problems_carry_their_paths() {
        let set = RawTemplateSet {
            first: Some(raw("{{case.number}}", "{{custmer.name}}", None)),
            next: Some(raw("{{reply.quote}}", "ok", None)),
            last: Some(raw("x", "{{#if a}}", None)),
            reply: Some(raw("x", "{{reply.quote}}", None)),
        };
        let mut problems = Vec::new();
        let compiled = compile_set(&set, "rules[0].followUps.templates", "rule:r", &fields(), &mut problems);
        let seen: Vec<(&str, ProblemCode)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
        assert_eq!(
            seen,
            vec![
                ("rules[0].followUps.templates.first.body", ProblemCode::UnknownPlaceholder),
                ("rules[0].followUps.templates.next.subject", ProblemCode::UnknownPlaceholder),
                ("rules[0].followUps.templates.final.body", ProblemCode::TemplateSyntax),
            ]
        );
        assert_eq!(compiled.reply.unwrap().origin, "rule:r:reply");
    }

    #[test]
    fn unsafe_html_templates_are_refused() {
        let cases = [
            "<p>{{case.title}}</p><script>alert(1)</script>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=\"alert(1)\">",
            "<img src=x ONERROR = 'alert(1)'>",
            "<a href=\"{{case.title}}\">x</a>",
            "<p title={{case.title}}>x</p>",
        ];
        for html in cases {
            let mut problems = Vec::new();
            let set = RawTemplateSet { first: Some(raw("s", "b", Some(html))), ..RawTemplateSet::default() };
            compile_set(&set, "templates", "global", &fields(), &mut problems);
            assert_eq!(problems.len(), 1, "{html}");
            assert_eq!(problems[0].code, ProblemCode::UnsafeTemplate, "{html}");
            assert_eq!(problems[0].path, "templates.first.html");
        }
        let mut problems = Vec::new();
        let fine =
            "<p style=\"color: red\">Hello {{customer.name}}, about <b>{{case.title}}</b></p><p>Reason: online</p>";
        let set = RawTemplateSet { first: Some(raw("s", "b", Some(fine))), ..RawTemplateSet::default() };
        compile_set(&set, "templates", "global", &fields(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
