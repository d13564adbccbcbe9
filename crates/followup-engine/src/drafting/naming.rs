//! Which template a draft came from, in words for the representative
//! (`the rule's final follow-up template`), never an internal id.

use super::templates::{EmailTemplate, TemplateSource};
use super::vocabulary::Slot;
use crate::language::Lang;

/// The template's name in `lang`, the representative's language.
#[must_use]
pub fn template_name(template: &EmailTemplate, lang: Lang) -> String {
    let step = step(template.slot, lang);
    let name = match (lang, template.source) {
        (Lang::En, TemplateSource::Rule) => format!("the rule's {step} template"),
        (Lang::En, TemplateSource::Global) => format!("the configured default {step} template"),
        (Lang::En, TemplateSource::BuiltIn) => format!("the built-in {step} template"),
        (Lang::De, TemplateSource::Rule) => format!("die Vorlage der Regel für {step}"),
        (Lang::De, TemplateSource::Global) => format!("die konfigurierte Standardvorlage für {step}"),
        (Lang::De, TemplateSource::BuiltIn) => format!("die mitgelieferte Vorlage für {step}"),
        (Lang::Fr, TemplateSource::Rule) => format!("le modèle de {step} de la règle"),
        (Lang::Fr, TemplateSource::Global) => format!("le modèle de {step} configuré par défaut"),
        (Lang::Fr, TemplateSource::BuiltIn) => format!("le modèle de {step} intégré"),
        (Lang::Es, TemplateSource::Rule) => format!("la plantilla de {step} de la regla"),
        (Lang::Es, TemplateSource::Global) => format!("la plantilla de {step} predeterminada de la configuración"),
        (Lang::Es, TemplateSource::BuiltIn) => format!("la plantilla de {step} integrada"),
    };
    match template.language {
        Some(written) => format!("{name} ({})", language_name(written, lang)),
        None => name,
    }
}

fn step(slot: Slot, lang: Lang) -> &'static str {
    match (lang, slot) {
        (Lang::En, Slot::First) => "first follow-up",
        (Lang::En, Slot::Next) => "next follow-up",
        (Lang::En, Slot::Final) => "final follow-up",
        (Lang::En, Slot::Reply | Slot::Resolution) => "reply",
        (Lang::De, Slot::First) => "die erste Nachfrage",
        (Lang::De, Slot::Next) => "weitere Nachfragen",
        (Lang::De, Slot::Final) => "die letzte Nachfrage",
        (Lang::De, Slot::Reply | Slot::Resolution) => "Antworten",
        (Lang::Fr, Slot::First) => "première relance",
        (Lang::Fr, Slot::Next) => "relance suivante",
        (Lang::Fr, Slot::Final) => "dernière relance",
        (Lang::Fr, Slot::Reply | Slot::Resolution) => "réponse",
        (Lang::Es, Slot::First) => "primer seguimiento",
        (Lang::Es, Slot::Next) => "seguimiento siguiente",
        (Lang::Es, Slot::Final) => "último seguimiento",
        (Lang::Es, Slot::Reply | Slot::Resolution) => "respuesta",
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
