//! The short summary shown on the card: when the customer last responded,
//! and what happens next and when, in the representative's language
//! (`representativeLanguage`), whatever the customer's.

use super::analysis::{Analysis, Running, Stage, Step};
use crate::config::Automation;
use crate::language::Lang;
use crate::replies::ReplyKind;
use crate::status::CaseState;
use crate::time::Timestamp;

/// The summary of the situation `analysis` describes.
pub(crate) fn summary(analysis: &Analysis<'_>, projected: Option<Timestamp>) -> String {
    let lang = analysis.rep_lang;
    let when = |at: Timestamp| analysis.config.calendar.date_time_in(lang, at);
    let label = |value: i64| analysis.config.statuses.label_of(value);
    match &analysis.stage {
        Stage::AutomationOff => match lang {
            Lang::En => "Automatic follow-up is turned off.",
            Lang::De => "Die automatische Nachverfolgung ist ausgeschaltet.",
            Lang::Fr => "Le suivi automatique est désactivé.",
            Lang::Es => "El seguimiento automático está desactivado.",
        }
        .to_owned(),
        Stage::CaseNotActive => {
            let state = state_name(lang, analysis.case.state);
            match lang {
                Lang::En => format!("The case is {state}: there is nothing to follow up."),
                Lang::De => format!("Der Fall ist {state}: Es gibt nichts nachzuverfolgen."),
                Lang::Fr => format!("La demande est {state} : il n'y a rien à suivre."),
                Lang::Es => format!("El caso está {state}: no hay nada que seguir."),
            }
        }
        Stage::NoRuleMatched => match (analysis.condition_boundary, lang) {
            (Some(at), Lang::En) => {
                format!("No follow-up rule applies to this case yet; a rule may apply from {}.", when(at))
            }
            (Some(at), Lang::De) => {
                format!("Noch gilt keine Nachverfolgungsregel für diesen Fall; ab {} kann eine gelten.", when(at))
            }
            (Some(at), Lang::Fr) => {
                format!(
                    "Aucune règle de suivi ne s'applique encore à cette demande ; une règle peut s'appliquer à partir du {}.",
                    when(at)
                )
            }
            (Some(at), Lang::Es) => {
                format!(
                    "Todavía no se aplica ninguna regla de seguimiento a este caso; puede aplicarse una a partir del {}.",
                    when(at)
                )
            }
            (None, Lang::En) => "No follow-up rule applies to this case.".to_owned(),
            (None, Lang::De) => "Für diesen Fall gilt keine Nachverfolgungsregel.".to_owned(),
            (None, Lang::Fr) => "Aucune règle de suivi ne s'applique à cette demande.".to_owned(),
            (None, Lang::Es) => "No se aplica ninguna regla de seguimiento a este caso.".to_owned(),
        },
        Stage::StatusNotTrigger => {
            let Some(rule) = analysis.rule else {
                return String::new();
            };
            let labels: Vec<String> = rule.triggers.iter().map(|value| format!("“{}”", label(*value))).collect();
            let labels = join_or(lang, &labels);
            let name = &rule.name;
            match lang {
                Lang::En => format!("Follow-up under “{name}” starts when the Status Reason is set to {labels}."),
                Lang::De => format!("Die Nachverfolgung nach „{name}“ beginnt, sobald der Statusgrund {labels} ist."),
                Lang::Fr => format!("Le suivi selon « {name} » commence quand la raison du statut passe à {labels}."),
                Lang::Es => {
                    format!("El seguimiento según «{name}» empieza cuando la razón para el estado sea {labels}.")
                }
            }
        }
        Stage::StatusLeft { at, to } => {
            let (at, to) = (when(*at), label(*to));
            match lang {
                Lang::En => format!("Follow-up stopped on {at}: the Status Reason changed to “{to}”."),
                Lang::De => format!("Die Nachverfolgung endete am {at}: Der Statusgrund wurde in „{to}“ geändert."),
                Lang::Fr => format!("Le suivi s'est arrêté le {at} : la raison du statut est passée à « {to} »."),
                Lang::Es => format!("El seguimiento se detuvo el {at}: la razón para el estado cambió a «{to}»."),
            }
        }
        Stage::StartUnknown { at, to } => {
            let (now, at, to) = (label(analysis.case.status_reason), when(*at), label(*to));
            match lang {
                Lang::En => format!(
                    "Follow-up is paused: the case is “{now}”, but the timeline's last Status Reason change, on {at}, was to “{to}”, so it doesn't show when the follow-up cycle began."
                ),
                Lang::De => format!(
                    "Die Nachverfolgung ist angehalten: Der Fall ist „{now}“, aber die letzte Änderung des Statusgrunds in der Zeitachse, am {at}, war zu „{to}“; daher ist nicht erkennbar, wann der Nachverfolgungszyklus begann."
                ),
                Lang::Fr => format!(
                    "Le suivi est suspendu : la demande est « {now} », mais le dernier changement de raison du statut dans la chronologie, le {at}, était vers « {to} » : on ne sait donc pas quand le cycle de suivi a commencé."
                ),
                Lang::Es => format!(
                    "El seguimiento está en pausa: el caso está en «{now}», pero el último cambio de razón para el estado en la escala de tiempo, el {at}, fue a «{to}», por lo que no se sabe cuándo empezó el ciclo de seguimiento."
                ),
            }
        }
        Stage::Running(running) => running_summary(analysis, running, projected),
    }
}

fn state_name(lang: Lang, state: CaseState) -> &'static str {
    match (lang, state) {
        (Lang::En | Lang::Fr, CaseState::Active) => "active",
        (Lang::En, CaseState::Resolved) => "resolved",
        (Lang::En, CaseState::Canceled) => "canceled",
        (Lang::De, CaseState::Active) => "aktiv",
        (Lang::De, CaseState::Resolved) => "gelöst",
        (Lang::De, CaseState::Canceled) => "storniert",
        (Lang::Fr, CaseState::Resolved) => "résolue",
        (Lang::Fr, CaseState::Canceled) => "annulée",
        (Lang::Es, CaseState::Active) => "activo",
        (Lang::Es, CaseState::Resolved) => "resuelto",
        (Lang::Es, CaseState::Canceled) => "cancelado",
    }
}

fn cue_of(cue: &str) -> String {
    if cue.is_empty() { String::new() } else { format!(" (“{cue}”)") }
}

fn running_summary(analysis: &Analysis<'_>, running: &Running<'_>, projected: Option<Timestamp>) -> String {
    let lang = analysis.rep_lang;
    let when = |at: Timestamp| analysis.config.calendar.date_time_in(lang, at);
    let Some(rule) = analysis.rule else {
        return String::new();
    };
    let view = &running.view;
    let history = match (&view.last_response, view.follow_ups.first(), lang) {
        (Some(response), _, Lang::En) => format!("The customer last responded on {}.", when(response.at)),
        (Some(response), _, Lang::De) => format!("Der Kunde hat zuletzt am {} geantwortet.", when(response.at)),
        (Some(response), _, Lang::Fr) => format!("Le client a répondu pour la dernière fois le {}.", when(response.at)),
        (Some(response), _, Lang::Es) => format!("El cliente respondió por última vez el {}.", when(response.at)),
        (None, Some(first), Lang::En) => format!("The customer has not responded since {}.", when(first.at)),
        (None, Some(first), Lang::De) => format!("Der Kunde hat seit {} nicht geantwortet.", when(first.at)),
        (None, Some(first), Lang::Fr) => format!("Le client n'a pas répondu depuis le {}.", when(first.at)),
        (None, Some(first), Lang::Es) => format!("El cliente no ha respondido desde el {}.", when(first.at)),
        (None, None, Lang::En) => "The customer has not responded yet.".to_owned(),
        (None, None, Lang::De) => "Der Kunde hat noch nicht geantwortet.".to_owned(),
        (None, None, Lang::Fr) => "Le client n'a pas encore répondu.".to_owned(),
        (None, None, Lang::Es) => "El cliente todavía no ha respondido.".to_owned(),
    };
    let full = rule.automation == Automation::Full;
    let total = rule.follow_ups.count;
    let next = match running.step {
        Step::Paused => {
            // The address that failed, never the mail system that reported
            // it (`MAILER-DAEMON@…`): follow-ups go to the customer only.
            let at =
                view.bounce.as_ref().map_or(analysis.now, |bounce| bounce.bounced.map_or(bounce.at, |email| email.at));
            return bounce_sentence(lang, &when(at), analysis.customer.as_deref());
        }
        Step::NoAddress => {
            let paused = match lang {
                Lang::En => "Follow-ups are paused: the case has no email address for the customer to write to.",
                Lang::De => "Die Nachfragen sind angehalten: Der Fall hat keine E-Mail-Adresse des Kunden.",
                Lang::Fr => "Les relances sont suspendues : la demande n'a pas d'adresse e-mail du client.",
                Lang::Es => {
                    "Los seguimientos están en pausa: el caso no tiene ninguna dirección de correo del cliente."
                }
            };
            return format!("{history} {paused}");
        }
        Step::Favorable => {
            let response = view.open_response.as_ref();
            let cue = cue_of(response.map(|response| response.classification.cue.as_str()).unwrap_or_default());
            let at = when(response.map_or(analysis.now, |response| response.at));
            return favorable_sentence(lang, &at, &cue, rule.resolve_on_favorable_reply, full);
        }
        Step::NeedsReply => {
            let Some(response) = &view.open_response else {
                return history;
            };
            let cue = cue_of(&response.classification.cue);
            return reply_sentence(lang, &when(response.at), response.classification.kind, &cue);
        }
        Step::FollowUp { number, due: Some(due) } => {
            let resolution = projected.map(|at| resolution_clause(lang, &when(at))).unwrap_or_default();
            let due = (due > analysis.now).then(|| when(due));
            follow_up_sentence(lang, number, total, due.as_deref(), full, &resolution)
        }
        Step::Resolution { due: Some(due) } => {
            let sent = view.follow_ups.len();
            let due = (due > analysis.now).then(|| when(due));
            resolution_sentence(lang, sent, due.as_deref(), full)
        }
        Step::FollowUp { due: None, .. } | Step::Resolution { due: None } => match lang {
            Lang::En => "The calendar leaves no working time for the next step.",
            Lang::De => "Der Kalender lässt keine Arbeitszeit für den nächsten Schritt.",
            Lang::Fr => "Le calendrier ne laisse aucune heure ouvrée pour l'étape suivante.",
            Lang::Es => "El calendario no deja horario laboral para el siguiente paso.",
        }
        .to_owned(),
    };
    match (running.postponed_to, view.away) {
        (Some(_), Some((at, _))) => {
            let at = when(at);
            let away = match lang {
                Lang::En => format!(
                    "The customer's automatic reply of {at} says they are away; the next step waits until they are back."
                ),
                Lang::De => format!(
                    "Laut der automatischen Antwort des Kunden vom {at} ist er abwesend; der nächste Schritt wartet, bis er zurück ist."
                ),
                Lang::Fr => format!(
                    "La réponse automatique du client du {at} indique qu'il est absent ; l'étape suivante attend son retour."
                ),
                Lang::Es => format!(
                    "La respuesta automática del cliente del {at} indica que está ausente; el siguiente paso espera a que vuelva."
                ),
            };
            format!("{history} {away} {next}")
        }
        _ => format!("{history} {next}"),
    }
}

fn bounce_sentence(lang: Lang, at: &str, address: Option<&str>) -> String {
    match (lang, address) {
        (Lang::En, Some(to)) => format!(
            "The email of {at} to {to} could not be delivered. Follow-ups are paused until an email reaches the customer: check the address and send again."
        ),
        (Lang::En, None) => format!(
            "The email of {at} could not be delivered. Follow-ups are paused until an email reaches the customer: check the address and send again."
        ),
        (Lang::De, Some(to)) => format!(
            "Die E-Mail vom {at} an {to} konnte nicht zugestellt werden. Die Nachfragen sind angehalten, bis eine E-Mail den Kunden erreicht: Prüfen Sie die Adresse und senden Sie erneut."
        ),
        (Lang::De, None) => format!(
            "Die E-Mail vom {at} konnte nicht zugestellt werden. Die Nachfragen sind angehalten, bis eine E-Mail den Kunden erreicht: Prüfen Sie die Adresse und senden Sie erneut."
        ),
        (Lang::Fr, Some(to)) => format!(
            "L'e-mail du {at} à {to} n'a pas pu être remis. Les relances sont suspendues jusqu'à ce qu'un e-mail parvienne au client : vérifiez l'adresse et renvoyez-le."
        ),
        (Lang::Fr, None) => format!(
            "L'e-mail du {at} n'a pas pu être remis. Les relances sont suspendues jusqu'à ce qu'un e-mail parvienne au client : vérifiez l'adresse et renvoyez-le."
        ),
        (Lang::Es, Some(to)) => format!(
            "No se pudo entregar el correo del {at} a {to}. Los seguimientos están en pausa hasta que un correo llegue al cliente: compruebe la dirección y vuelva a enviarlo."
        ),
        (Lang::Es, None) => format!(
            "No se pudo entregar el correo del {at}. Los seguimientos están en pausa hasta que un correo llegue al cliente: compruebe la dirección y vuelva a enviarlo."
        ),
    }
}

fn favorable_sentence(lang: Lang, at: &str, cue: &str, resolve: bool, full: bool) -> String {
    match (lang, resolve, full) {
        (Lang::En, true, true) => {
            format!("The customer responded favorably on {at}{cue}: the agent resolves the case.")
        }
        (Lang::En, true, false) => format!("The customer responded favorably on {at}{cue}: the case can be resolved."),
        (Lang::En, false, _) => format!("The customer responded favorably on {at}{cue}. Follow-ups have stopped."),
        (Lang::De, true, true) => format!("Der Kunde hat am {at} positiv geantwortet{cue}: Der Agent löst den Fall."),
        (Lang::De, true, false) => {
            format!("Der Kunde hat am {at} positiv geantwortet{cue}: Der Fall kann gelöst werden.")
        }
        (Lang::De, false, _) => format!("Der Kunde hat am {at} positiv geantwortet{cue}. Die Nachfragen sind beendet."),
        (Lang::Fr, true, true) => {
            format!("Le client a répondu favorablement le {at}{cue} : l'agent résout la demande.")
        }
        (Lang::Fr, true, false) => {
            format!("Le client a répondu favorablement le {at}{cue} : la demande peut être résolue.")
        }
        (Lang::Fr, false, _) => format!("Le client a répondu favorablement le {at}{cue}. Les relances sont arrêtées."),
        (Lang::Es, true, true) => {
            format!("El cliente respondió favorablemente el {at}{cue}: el agente resuelve el caso.")
        }
        (Lang::Es, true, false) => {
            format!("El cliente respondió favorablemente el {at}{cue}: el caso se puede resolver.")
        }
        (Lang::Es, false, _) => {
            format!("El cliente respondió favorablemente el {at}{cue}. Los seguimientos se han detenido.")
        }
    }
}

fn reply_sentence(lang: Lang, at: &str, kind: ReplyKind, cue: &str) -> String {
    let what = match (lang, kind) {
        (Lang::En, ReplyKind::Negative) => "a negative response",
        (Lang::En, ReplyKind::Question) => "a question",
        (Lang::En, _) => "a message that needs a person to read it",
        (Lang::De, ReplyKind::Negative) => "einer negativen Antwort",
        (Lang::De, ReplyKind::Question) => "einer Frage",
        (Lang::De, _) => "einer Nachricht, die ein Mensch lesen muss",
        (Lang::Fr, ReplyKind::Negative) => "une réponse négative",
        (Lang::Fr, ReplyKind::Question) => "une question",
        (Lang::Fr, _) => "un message qu'une personne doit lire",
        (Lang::Es, ReplyKind::Negative) => "una respuesta negativa",
        (Lang::Es, ReplyKind::Question) => "una pregunta",
        (Lang::Es, _) => "un mensaje que debe leer una persona",
    };
    match lang {
        Lang::En => format!("The customer replied on {at} with {what}{cue}. Reply to the customer."),
        Lang::De => format!("Der Kunde hat am {at} mit {what} geantwortet{cue}. Antworten Sie dem Kunden."),
        Lang::Fr => format!("Le client a répondu le {at} par {what}{cue}. Répondez au client."),
        Lang::Es => format!("El cliente respondió el {at} con {what}{cue}. Responda al cliente."),
    }
}

fn resolution_clause(lang: Lang, at: &str) -> String {
    match lang {
        Lang::En => format!("; without a reply the case will be resolved on {at} at the earliest"),
        Lang::De => format!("; ohne Antwort wird der Fall frühestens am {at} gelöst"),
        Lang::Fr => format!(" ; sans réponse, la demande sera résolue au plus tôt le {at}"),
        Lang::Es => format!("; sin respuesta, el caso se resolverá como pronto el {at}"),
    }
}

fn follow_up_sentence(lang: Lang, number: u32, total: u32, due: Option<&str>, full: bool, then: &str) -> String {
    match (lang, due, full) {
        (Lang::En, Some(due), _) => format!("Follow-up {number} of {total} is due on {due}{then}."),
        (Lang::En, None, true) => format!("Follow-up {number} of {total} is due now; the agent sends it{then}."),
        (Lang::En, None, false) => format!("Follow-up {number} of {total} is due now: review and send it{then}."),
        (Lang::De, Some(due), _) => format!("Nachfrage {number} von {total} ist am {due} fällig{then}."),
        (Lang::De, None, true) => {
            format!("Nachfrage {number} von {total} ist jetzt fällig; der Agent sendet sie{then}.")
        }
        (Lang::De, None, false) => {
            format!("Nachfrage {number} von {total} ist jetzt fällig: Prüfen und senden Sie sie{then}.")
        }
        (Lang::Fr, Some(due), _) => format!("La relance {number} sur {total} est prévue le {due}{then}."),
        (Lang::Fr, None, true) => {
            format!("La relance {number} sur {total} est due maintenant ; l'agent l'envoie{then}.")
        }
        (Lang::Fr, None, false) => {
            format!("La relance {number} sur {total} est due maintenant : relisez-la et envoyez-la{then}.")
        }
        (Lang::Es, Some(due), _) => format!("El seguimiento {number} de {total} vence el {due}{then}."),
        (Lang::Es, None, true) => format!("El seguimiento {number} de {total} vence ahora; el agente lo envía{then}."),
        (Lang::Es, None, false) => format!("El seguimiento {number} de {total} vence ahora: revíselo y envíelo{then}."),
    }
}

fn resolution_sentence(lang: Lang, sent: usize, due: Option<&str>, full: bool) -> String {
    let one = sent == 1;
    match (lang, due, full) {
        (Lang::En, Some(due), _) if one => {
            format!("The follow-up is sent; the case will be resolved on {due} if the customer does not respond.")
        }
        (Lang::En, Some(due), _) => format!(
            "All {sent} follow-ups are sent; the case will be resolved on {due} if the customer does not respond."
        ),
        (Lang::En, None, true) if one => {
            "The customer has not responded to the follow-up; the agent resolves the case.".to_owned()
        }
        (Lang::En, None, true) => {
            format!("The customer has not responded to {sent} follow-ups; the agent resolves the case.")
        }
        (Lang::En, None, false) if one => {
            "The customer has not responded to the follow-up: the case can be resolved.".to_owned()
        }
        (Lang::En, None, false) => {
            format!("The customer has not responded to {sent} follow-ups: the case can be resolved.")
        }
        (Lang::De, Some(due), _) => {
            format!("Alle Nachfragen ({sent}) sind gesendet; antwortet der Kunde nicht, wird der Fall am {due} gelöst.")
        }
        (Lang::De, None, true) => {
            format!("Der Kunde hat auf keine der Nachfragen ({sent}) geantwortet; der Agent löst den Fall.")
        }
        (Lang::De, None, false) => {
            format!("Der Kunde hat auf keine der Nachfragen ({sent}) geantwortet: Der Fall kann gelöst werden.")
        }
        (Lang::Fr, Some(due), _) => format!(
            "Toutes les relances ({sent}) sont envoyées ; sans réponse du client, la demande sera résolue le {due}."
        ),
        (Lang::Fr, None, true) => {
            format!("Le client n'a répondu à aucune des relances ({sent}) ; l'agent résout la demande.")
        }
        (Lang::Fr, None, false) => {
            format!("Le client n'a répondu à aucune des relances ({sent}) : la demande peut être résolue.")
        }
        (Lang::Es, Some(due), _) => format!(
            "Se han enviado todos los seguimientos ({sent}); si el cliente no responde, el caso se resolverá el {due}."
        ),
        (Lang::Es, None, true) => {
            format!("El cliente no ha respondido a ninguno de los seguimientos ({sent}); el agente resuelve el caso.")
        }
        (Lang::Es, None, false) => {
            format!("El cliente no ha respondido a ninguno de los seguimientos ({sent}): el caso se puede resolver.")
        }
    }
}

fn join_or(lang: Lang, items: &[String]) -> String {
    let or = match lang {
        Lang::En => "or",
        Lang::De => "oder",
        Lang::Fr => "ou",
        Lang::Es => "o",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {or} {last}", crate::text::join(rest, ", ")),
    }
}
