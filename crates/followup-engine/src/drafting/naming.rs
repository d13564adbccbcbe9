//! Which template a draft came from, in words for the representative
//! (`the rule's final follow-up template`), never an internal id.

use super::templates::{EmailTemplate, TemplateSource};
use super::vocabulary::Slot;
use crate::language::{Lang, Phrase, fill};

const RULE: Phrase = [
    "the rule's {} template",
    "die Vorlage der Regel für {}",
    "le modèle de {} de la règle",
    "la plantilla de {} de la regla",
];
const GLOBAL: Phrase = [
    "the configured default {} template",
    "die konfigurierte Standardvorlage für {}",
    "le modèle de {} configuré par défaut",
    "la plantilla de {} predeterminada de la configuración",
];
const BUILT_IN: Phrase = [
    "the built-in {} template",
    "die mitgelieferte Vorlage für {}",
    "le modèle de {} intégré",
    "la plantilla de {} integrada",
];
const FIRST: Phrase = ["first follow-up", "die erste Nachfrage", "première relance", "primer seguimiento"];
const NEXT: Phrase = ["next follow-up", "weitere Nachfragen", "relance suivante", "seguimiento siguiente"];
const FINAL: Phrase = ["final follow-up", "die letzte Nachfrage", "dernière relance", "último seguimiento"];
const REPLY: Phrase = ["reply", "Antworten", "réponse", "respuesta"];

/// The template's name in `lang`, the representative's language.
#[must_use]
pub fn template_name(template: &EmailTemplate, lang: Lang) -> String {
    let step = match template.slot {
        Slot::First => &FIRST,
        Slot::Next => &NEXT,
        Slot::Final => &FINAL,
        Slot::Reply | Slot::Resolution => &REPLY,
    };
    let level = match template.source {
        TemplateSource::Rule => &RULE,
        TemplateSource::Global => &GLOBAL,
        TemplateSource::BuiltIn => &BUILT_IN,
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
    const NAMES: [[&str; 4]; 4] = [
        ["English", "German", "French", "Spanish"],
        ["Englisch", "Deutsch", "Französisch", "Spanisch"],
        ["anglais", "allemand", "français", "espagnol"],
        ["inglés", "alemán", "francés", "español"],
    ];
    let index = |lang: Lang| Lang::ALL.iter().position(|known| *known == lang).unwrap_or(0);
    NAMES.get(index(lang)).and_then(|names| names.get(index(named))).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafting::built_in;

    #[test]
    fn templates_are_named_in_words() {
        let set = built_in();
        let final_de = set.get_in(Slot::Final, Lang::De, Lang::En).unwrap();
        assert_eq!(template_name(final_de, Lang::En), "the built-in final follow-up template (German)");
        assert_eq!(template_name(final_de, Lang::De), "die mitgelieferte Vorlage für die letzte Nachfrage (Deutsch)");
        assert_eq!(template_name(final_de, Lang::Fr), "le modèle de dernière relance intégré (allemand)");
        assert_eq!(template_name(final_de, Lang::Es), "la plantilla de último seguimiento integrada (alemán)");
    }
}
