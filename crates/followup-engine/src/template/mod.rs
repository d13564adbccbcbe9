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

use crate::language::{Lang, settings::parse_code};
use crate::problem::{Problem, ProblemCode, field_path};
use crate::reader::{Reader, schema};
use crate::text;

schema! {
    /// An email template as written in the config.
    #[derive(Debug, Clone)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "EmailTemplate"))]
    pub struct RawEmailTemplate {
        /// Subject line template.
        "subject" subject: String,
        /// Plain-text body template; the HTML body is made from it unless
        /// `html` is given.
        "body" body: String,
        /// Optional HTML body template.
        "html" html: Option<String>,
    }
}

schema! {
    /// A set of templates as written: one per step.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "TemplateSet"))]
    pub struct RawTemplateSet {
        /// The first follow-up the agent drafts.
        "first" first: Option<RawEmailTemplate>,
        /// Later follow-ups.
        "next" next: Option<RawEmailTemplate>,
        /// The last follow-up.
        "final" last: Option<RawEmailTemplate>,
        /// Replies to a customer's message.
        "reply" reply: Option<RawEmailTemplate>,
        /// The same templates in other languages, by code (`de`, `fr`, `es`,
        /// `en`): a customer whose language is one of them gets these.
        #[cfg_attr(
            feature = "typescript",
            ts(optional, type = "Partial<Record<\"en\" | \"de\" | \"fr\" | \"es\", TemplateSet>>")
        )]
        #[cfg_attr(feature = "typescript", serde(default, deserialize_with = "languages_map"))]
        "languages" languages: Option<Vec<(String, RawTemplateSet)>>,
    }
}

/// Reads `languages` as the JSON object it is, for the typed check of the
/// TypeScript declarations.
#[cfg(feature = "typescript")]
fn languages_map<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<(String, RawTemplateSet)>>, D::Error> {
    let map: Option<std::collections::BTreeMap<String, RawTemplateSet>> =
        serde::Deserialize::deserialize(deserializer)?;
    Ok(map.map(|map| map.into_iter().collect()))
}

impl RawTemplateSet {
    /// Reads a template set at `path`.
    pub fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
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
        let first = template("first");
        let next = template("next");
        let last = template("final");
        let reply = template("reply");
        let languages = reader.value("languages").and_then(|value| {
            let path = reader.path_of("languages");
            let Some(map) = value.as_object() else {
                reader.report(
                    "languages",
                    ProblemCode::InvalidType,
                    "`languages` maps language codes (`de`) to templates",
                );
                return None;
            };
            let mut sets = Vec::with_capacity(map.len());
            for (code, set) in map {
                let path = field_path(&path, code);
                if set.get("languages").is_some() {
                    let message = "templates in a language cannot have languages of their own";
                    reader.problems().push(Problem::new(
                        ProblemCode::InvalidValue,
                        field_path(&path, "languages"),
                        message,
                    ));
                    continue;
                }
                if let Some(set) = Self::read(set, &path, reader.problems()) {
                    sets.push((code.clone(), set));
                }
            }
            Some(sets)
        });
        Some(Self { first, next, last, reply, languages })
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
    /// Where it came from (`rule:contoso:final`, `global:de:next`,
    /// `builtIn:first`).
    pub origin: String,
    /// Which level of the config it comes from.
    pub source: TemplateSource,
    /// Which step it is for.
    pub slot: Slot,
    /// The language it was given for; `None` for the templates given
    /// without one (written in the config's fallback language).
    pub language: Option<Lang>,
}

/// Which level of the config a template comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateSource {
    /// The rule's own `followUps.templates`.
    Rule,
    /// The config's `templates`.
    Global,
    /// The engine's built-in templates.
    BuiltIn,
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
    /// The sets given per language.
    pub languages: Vec<(Lang, TemplateSet)>,
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

    /// The template for `slot` in `lang`: the set given for `lang`, else,
    /// when `lang` is `base` (the language of the templates given without
    /// one), the set's own.
    #[must_use]
    pub fn get_in(&self, slot: Slot, lang: Lang, base: Lang) -> Option<&EmailTemplate> {
        self.languages
            .iter()
            .find(|(language, _)| *language == lang)
            .and_then(|(_, set)| set.get(slot))
            .or_else(|| if lang == base { self.get(slot) } else { None })
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
    compile_in(raw, path, origin, None, fields, problems)
}

fn compile_in(
    raw: &RawTemplateSet,
    path: &str,
    origin: &str,
    language: Option<Lang>,
    fields: &[String],
    problems: &mut Vec<Problem>,
) -> TemplateSet {
    let source = match origin {
        "builtIn" => TemplateSource::BuiltIn,
        _ if origin.starts_with("rule:") => TemplateSource::Rule,
        _ => TemplateSource::Global,
    };
    let named = language.map_or_else(|| origin.to_owned(), |lang| format!("{origin}:{}", lang.code()));
    let mut compile = |template: &Option<RawEmailTemplate>, slot: Slot| {
        template.as_ref().and_then(|template| {
            let mut compiled = compile_email(
                template,
                &field_path(path, slot.name()),
                &format!("{named}:{}", slot.name()),
                (slot, fields),
                problems,
            )?;
            (compiled.source, compiled.slot, compiled.language) = (source, slot, language);
            Some(compiled)
        })
    };
    let mut set = TemplateSet {
        first: compile(&raw.first, Slot::First),
        next: compile(&raw.next, Slot::Next),
        last: compile(&raw.last, Slot::Final),
        reply: compile(&raw.reply, Slot::Reply),
        languages: Vec::new(),
    };
    for (code, nested) in raw.languages.iter().flatten() {
        let nested_path = field_path(&field_path(path, "languages"), code);
        let Some(lang) = parse_code(code, &nested_path, problems) else {
            continue;
        };
        if set.languages.iter().any(|(known, _)| *known == lang) {
            let message = format!("`{}` names a language given already", crate::time::clip(code));
            problems.push(Problem::new(ProblemCode::InvalidValue, nested_path, message));
            continue;
        }
        let compiled = compile_in(nested, &nested_path, origin, Some(lang), fields, problems);
        set.languages.push((lang, compiled));
    }
    set
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
    Some(EmailTemplate {
        subject: subject?,
        body: body?,
        html,
        origin: origin.to_owned(),
        source: TemplateSource::Global,
        slot: slot.0,
        language: None,
    })
}

/// The built-in templates, used when neither the rule nor the config sets
/// one, in each language, written as support emails there read (Sie in
/// German, vous in French, usted in Spanish), not word for word. Every
/// optional value sits in a section, so an empty case number or title
/// leaves no separator behind, and the final follow-up dates the silence
/// from the customer's latest message, never from ours. They are checked by the same parser as any other
/// template, once per process: every config shares them.
#[must_use]
pub(crate) fn built_in(lang: Lang) -> Option<&'static TemplateSet> {
    static BUILT_IN: [std::sync::OnceLock<TemplateSet>; 4] = [const { std::sync::OnceLock::new() }; 4];
    if !crate::language::available(lang) {
        return None;
    }
    let cell = BUILT_IN.get(lang as usize)?;
    // A test checks that the built-ins have no problems (and
    // `api::install_language` that an installed language's have none), so none
    // are dropped.
    Some(cell.get_or_init(|| parse_built_in(lang, &|key| crate::language::text(lang, key), &mut Vec::new())))
}

/// Checks the built-in templates of `lang` written as `text` gives them
/// (an installed language's, before it is installed).
///
/// # Errors
/// The first problem of the templates, at `builtIn.<slot>.<part>`.
pub(crate) fn check_built_in<'a>(lang: Lang, text: &dyn Fn(&str) -> &'a str) -> Result<(), Problem> {
    let mut problems = Vec::new();
    parse_built_in(lang, text, &mut problems);
    problems.into_iter().next().map_or(Ok(()), Err)
}

/// The built-in templates of `lang`: each language's text file holds
/// `first.subject`, `first.body`, and so on for `next`, `final` and
/// `reply`. Named `builtIn:<code>:<slot>`, in `lang`.
fn parse_built_in<'a>(lang: Lang, text: &dyn Fn(&str) -> &'a str, problems: &mut Vec<Problem>) -> TemplateSet {
    let raw = |step: &str| {
        let part = |part: &str| text(&format!("{step}.{part}")).to_owned();
        Some(RawEmailTemplate { subject: part("subject"), body: part("body"), html: None })
    };
    let set = RawTemplateSet {
        first: raw("first"),
        next: raw("next"),
        last: raw("final"),
        reply: raw("reply"),
        languages: None,
    };
    let fields = DEFAULT_TEMPLATE_FIELDS.map(str::to_owned);
    compile_in(&set, "builtIn", "builtIn", Some(lang), &fields, problems)
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
        assert!(built_in(Lang::En).is_some());
        for lang in Lang::ALL.into_iter().filter(|lang| crate::language::available(*lang)) {
            let set = built_in(lang).unwrap();
            for slot in [Slot::First, Slot::Next, Slot::Final, Slot::Reply] {
                let template = set.get(slot).unwrap();
                assert_eq!(template.origin, format!("builtIn:{}:{}", lang.code(), slot.name()));
                assert_eq!((template.source, template.language), (TemplateSource::BuiltIn, Some(lang)));
            }
        }
    }

    #[test]
    fn problems_carry_their_paths() {
        let set = RawTemplateSet {
            first: Some(raw("{{case.number}}", "{{custmer.name}}", None)),
            next: Some(raw("{{reply.quote}}", "ok", None)),
            last: Some(raw("x", "{{#if a}}", None)),
            reply: Some(raw("x", "{{reply.quote}}", None)),
            languages: None,
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
