//! Which template a draft came from, in words for the representative
//! (`the rule's final follow-up template`), never an internal id.

use crate::language::{Lang, fill, nth_word};
use crate::template::{EmailTemplate, Slot, TemplateSource};

/// The template's name in `lang`, the representative's language.
#[must_use]
pub fn template_name(template: &EmailTemplate, lang: Lang) -> String {
    let step = match template.slot {
        Slot::First => "name.first",
        Slot::Next => "name.next",
        Slot::Final => "name.final",
        Slot::Reply | Slot::Resolution => "name.reply",
    };
    let level = match template.source {
        TemplateSource::Rule => "name.rule",
        TemplateSource::Global => "name.global",
        TemplateSource::BuiltIn => "name.builtIn",
    };
    let name = fill(lang, level, &[&fill(lang, step, &[])]);
    match template.language {
        Some(written) => format!("{name} ({})", language_name(written, lang)),
        None => name,
    }
}

/// The name of language `named` written in language `lang` (`German`,
/// `Deutsch`, `allemand`, `alemán`).
#[must_use]
pub fn language_name(named: Lang, lang: Lang) -> &'static str {
    nth_word(lang, "name.languages", named as usize)
}

#[cfg(all(test, feature = "builtin-languages"))]
mod tests {
    use super::*;
    use crate::drafting::built_in;

    #[test]
    fn templates_are_named_in_words() {
        let final_de = built_in(Lang::De).unwrap().get(Slot::Final).unwrap();
        assert_eq!(template_name(final_de, Lang::En), "the built-in final follow-up template (German)");
        assert_eq!(template_name(final_de, Lang::De), "die mitgelieferte Vorlage für die letzte Nachfrage (Deutsch)");
        assert_eq!(template_name(final_de, Lang::Fr), "le modèle de dernière relance intégré (allemand)");
        assert_eq!(template_name(final_de, Lang::Es), "la plantilla de último seguimiento integrada (alemán)");
    }
}
