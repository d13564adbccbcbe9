//! The config's `language` part: which case column holds the customer's
//! language, and the language used when it holds none the engine writes.

use serde_json::Value;

use super::Lang;
use crate::problem::{Problem, ProblemCode};
use crate::reader::{Reader, schema};
use crate::record::CaseRecord;
use crate::time::clip;

schema! {
    /// The `language` part as written.
    #[derive(Debug, Clone, Default)]
    #[cfg_attr(feature = "typescript", ts(optional_fields, rename = "LanguageSettings"))]
    pub struct RawLanguageSettings {
        /// The case column that holds the customer's language: a tag (`de`,
        /// `de-DE`, `de_AT`), a language's name, or a Dataverse language code
        /// (`1031`).
        "field" field: Option<String>,
        /// The language when the field is empty or names another language, and
        /// the language of templates given without one: `en` (the default),
        /// `de`, `fr` or `es`.
        "fallback" fallback: Option<String>,
    }
}

impl RawLanguageSettings {
    /// Reads the part at `path`.
    pub fn read(value: &Value, path: &str, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut reader = Reader::object(value, path, "the language settings", Self::FIELDS, problems)?;
        Some(Self { field: reader.text("field"), fallback: reader.text("fallback") })
    }
}

/// The checked `language` part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageSettings {
    /// The case column holding the customer's language, if any.
    pub field: Option<String>,
    /// The language when the column names none of the four, as written:
    /// [`LanguageSettings::fallback`] is the one used.
    pub fallback: Lang,
}

impl LanguageSettings {
    /// Checks the part found at `path`.
    pub fn compile(raw: &RawLanguageSettings, path: &str, problems: &mut Vec<Problem>) -> Self {
        let fallback = match raw.fallback.as_deref() {
            None => Lang::En,
            Some(text) => parse_code(text, &crate::problem::field_path(path, "fallback"), problems).unwrap_or_default(),
        };
        let field = raw.field.as_ref().map(|field| field.trim().to_owned());
        if field.as_deref().is_some_and(|field| field.is_empty() || !field.chars().all(is_column_char)) {
            problems.push(Problem::new(
                ProblemCode::InvalidValue,
                crate::problem::field_path(path, "field"),
                "`field` is a case column's logical name, such as `new_preferredlanguage`",
            ));
        }
        Self { field, fallback }
    }

    /// The fallback language: the configured one when its texts are
    /// available, else English (docs/behaviour.md 12.10).
    #[must_use]
    pub fn fallback(&self) -> Lang {
        self.fallback.or_english()
    }

    /// The language to write to the customer of `case` in: the configured
    /// column's language when it names one of the four and its texts are
    /// available, else the fallback.
    #[must_use]
    pub fn of(&self, case: &CaseRecord) -> Lang {
        let Some(field) = &self.field else {
            return self.fallback();
        };
        let value = case.field(field);
        value
            .raw
            .and_then(Lang::from_value)
            .or_else(|| value.label.and_then(Lang::parse))
            .filter(|lang| super::available(*lang))
            .unwrap_or_else(|| self.fallback())
    }
}

fn is_column_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '@')
}

/// Reads one of the four language codes written in the config at `path`.
pub(crate) fn parse_code(text: &str, path: &str, problems: &mut Vec<Problem>) -> Option<Lang> {
    let lang = Lang::parse(text);
    if lang.is_none() {
        problems.push(Problem::new(
            ProblemCode::InvalidValue,
            path,
            format!("`{}` is not a language the engine writes: use `en`, `de`, `fr` or `es`", clip(text)),
        ));
    }
    lang
}
