//! Languages: the four the engine writes in (English, German, French,
//! Spanish), how a case's language is read from a field, and dates for
//! people in each.

mod dates;
pub(crate) mod settings;
mod texts;

pub use dates::{date_time, describe_wait, long_date};
pub use settings::{LanguageSettings, RawLanguageSettings};
pub(crate) use texts::install_texts;
pub use texts::{available, check, fill, nth_word, text};

use serde::Serialize;
use serde_json::Value;

/// A language the engine writes customer emails and cards in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Self; 4] = [Self::En, Self::De, Self::Fr, Self::Es];

    /// The ISO 639-1 code: `en`, `de`, `fr`, `es`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
        }
    }

    /// `self` when its texts are available ([`available`]: built in or
    /// installed), else English.
    #[must_use]
    pub fn or_english(self) -> Self {
        if available(self) { self } else { Self::En }
    }

    /// Reads a language tag (`de`, `de-DE`, `de_AT`, `DE`), a language's
    /// own or English name (`Deutsch`, `German`), or a Windows/Dataverse
    /// language code (`1031`, `3079`): any variant of one of the four
    /// languages is that language.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Ok(code) = text.parse::<u32>() {
            return Self::from_lcid(code);
        }
        let primary = text.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" | "eng" | "english" => Some(Self::En),
            "de" | "deu" | "ger" | "german" | "deutsch" => Some(Self::De),
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Self::Fr),
            "es" | "spa" | "spanish" | "español" | "espanol" => Some(Self::Es),
            _ => None,
        }
    }

    /// A Windows language code (LCID) as Dataverse stores it: its low ten
    /// bits name the language whatever the country (1031 and 3079 are
    /// German, 1036 and 3084 French, 3082 and 2058 Spanish).
    #[must_use]
    pub fn from_lcid(code: u32) -> Option<Self> {
        match code & 0x3ff {
            0x09 => Some(Self::En),
            0x07 => Some(Self::De),
            0x0c => Some(Self::Fr),
            0x0a => Some(Self::Es),
            _ => None,
        }
    }

    /// Reads a field's value: text as [`Lang::parse`], a whole number as a
    /// language code.
    #[must_use]
    pub fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::String(text) => Self::parse(text),
            Value::Number(number) => {
                number.as_u64().and_then(|code| u32::try_from(code).ok()).and_then(Self::from_lcid)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn tags_names_and_codes_name_a_language() {
        for (text, lang) in [
            ("de", Lang::De),
            ("de-DE", Lang::De),
            ("de_AT", Lang::De),
            ("DE-ch", Lang::De),
            ("Deutsch", Lang::De),
            ("fr-CA", Lang::Fr),
            ("French", Lang::Fr),
            ("es-MX", Lang::Es),
            ("en-GB", Lang::En),
            ("1031", Lang::De),
            (" 3084 ", Lang::Fr),
        ] {
            assert_eq!(Lang::parse(text), Some(lang), "{text}");
        }
        for text in ["", "it", "nl-NL", "1043", "deutschland"] {
            assert_eq!(Lang::parse(text), None, "{text}");
        }
        assert_eq!(Lang::from_value(&json!(1031)), Some(Lang::De));
        assert_eq!(Lang::from_value(&json!(3079)), Some(Lang::De));
        assert_eq!(Lang::from_value(&json!(2058)), Some(Lang::Es));
        assert_eq!(Lang::from_value(&json!(1033)), Some(Lang::En));
        assert_eq!(Lang::from_value(&json!(1040)), None);
        assert_eq!(Lang::from_value(&json!(true)), None);
    }
}
