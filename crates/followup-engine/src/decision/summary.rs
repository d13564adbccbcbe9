//! The short summary shown on the card: when the customer last responded,
//! and what happens next and when, in the representative's language
//! (`representativeLanguage`), whatever the customer's. Each sentence is a
//! [`Phrase`] in the four languages, filled by one function.

use super::analysis::{Analysis, Running, Stage, Step};
use super::cycle::CycleView;
use crate::config::Automation;
use crate::language::{Phrase, fill};
use crate::replies::ReplyKind;
use crate::status::CaseState;
use crate::time::Timestamp;

const AUTOMATION_OFF: Phrase = [
    "Automatic follow-up is turned off.",
    "Die automatische Nachverfolgung ist ausgeschaltet.",
    "Le suivi automatique est désactivé.",
    "El seguimiento automático está desactivado.",
];
const NOT_ACTIVE: Phrase = [
    "The case is {}: there is nothing to follow up.",
    "Der Fall ist {}: Es gibt nichts nachzuverfolgen.",
    "La demande est {} : il n'y a rien à suivre.",
    "El caso está {}: no hay nada que seguir.",
];
const RESOLVED: Phrase = ["resolved", "gelöst", "résolue", "resuelto"];
const CANCELED: Phrase = ["canceled", "storniert", "annulée", "cancelado"];
const ACTIVE: Phrase = ["active", "aktiv", "active", "activo"];
const NO_RULE_YET: Phrase = [
    "No follow-up rule applies to this case yet; a rule may apply from {}.",
    "Noch gilt keine Nachverfolgungsregel für diesen Fall; ab {} kann eine gelten.",
    "Aucune règle de suivi ne s'applique encore à cette demande ; une règle peut s'appliquer à partir du {}.",
    "Todavía no se aplica ninguna regla de seguimiento a este caso; puede aplicarse una a partir del {}.",
];
const NO_RULE: Phrase = [
    "No follow-up rule applies to this case.",
    "Für diesen Fall gilt keine Nachverfolgungsregel.",
    "Aucune règle de suivi ne s'applique à cette demande.",
    "No se aplica ninguna regla de seguimiento a este caso.",
];
const STARTS_WHEN: Phrase = [
    "Follow-up under “{}” starts when the Status Reason is set to {}.",
    "Die Nachverfolgung nach „{}“ beginnt, sobald der Statusgrund {} ist.",
    "Le suivi selon « {} » commence quand la raison du statut passe à {}.",
    "El seguimiento según «{}» empieza cuando la razón para el estado sea {}.",
];
const OR: Phrase = [" or ", " oder ", " ou ", " o "];
const QUOTED: Phrase = ["“{}”", "„{}“", "« {} »", "«{}»"];
const STOPPED: Phrase = [
    "Follow-up stopped on {}: the Status Reason changed to “{}”.",
    "Die Nachverfolgung endete am {}: Der Statusgrund wurde in „{}“ geändert.",
    "Le suivi s'est arrêté le {} : la raison du statut est passée à « {} ».",
    "El seguimiento se detuvo el {}: la razón para el estado cambió a «{}».",
];
const START_UNKNOWN: Phrase = [
    "Follow-up is paused: the case is “{}”, but the timeline's last Status Reason change, on {}, was to “{}”, so it doesn't show when the follow-up cycle began.",
    "Die Nachverfolgung ist angehalten: Der Fall ist „{}“, aber die letzte Änderung des Statusgrunds in der Zeitachse, am {}, war zu „{}“; daher ist nicht erkennbar, wann der Nachverfolgungszyklus begann.",
    "Le suivi est suspendu : la demande est « {} », mais le dernier changement de raison du statut dans la chronologie, le {}, était vers « {} » : on ne sait donc pas quand le cycle de suivi a commencé.",
    "El seguimiento está en pausa: el caso está en «{}», pero el último cambio de razón para el estado en la escala de tiempo, el {}, fue a «{}», por lo que no se sabe cuándo empezó el ciclo de seguimiento.",
];
const LAST_RESPONDED: Phrase = [
    "The customer last responded on {}.",
    "Der Kunde hat zuletzt am {} geantwortet.",
    "Le client a répondu pour la dernière fois le {}.",
    "El cliente respondió por última vez el {}.",
];
const SILENT_SINCE: Phrase = [
    "The customer has not responded since {}.",
    "Der Kunde hat seit {} nicht geantwortet.",
    "Le client n'a pas répondu depuis le {}.",
    "El cliente no ha respondido desde el {}.",
];
const NOT_YET: Phrase = [
    "The customer has not responded yet.",
    "Der Kunde hat noch nicht geantwortet.",
    "Le client n'a pas encore répondu.",
    "El cliente todavía no ha respondido.",
];
const BOUNCED: Phrase = [
    "The email of {}{} could not be delivered{}. Follow-ups are paused until an email reaches the customer: check the address and send again.",
    "Die E-Mail vom {}{} konnte nicht zugestellt werden{}. Die Nachfragen sind angehalten, bis eine E-Mail den Kunden erreicht: Prüfen Sie die Adresse und senden Sie erneut.",
    "L'e-mail du {}{} n'a pas pu être remis{}. Les relances sont suspendues jusqu'à ce qu'un e-mail parvienne au client : vérifiez l'adresse et renvoyez-le.",
    "No se pudo entregar el correo del {}{}{}. Los seguimientos están en pausa hasta que un correo llegue al cliente: compruebe la dirección y vuelva a enviarlo.",
];
const REPORTED_BY: Phrase = [" (reported by {})", " (gemeldet von {})", " (signalé par {})", " (notificado por {})"];
const TO: Phrase = [" to {}", " an {}", " à {}", " a {}"];
const NO_ADDRESS: Phrase = [
    "Follow-ups are paused: the case has no email address for the customer to write to.",
    "Die Nachfragen sind angehalten: Der Fall hat keine E-Mail-Adresse des Kunden.",
    "Les relances sont suspendues : la demande n'a pas d'adresse e-mail du client.",
    "Los seguimientos están en pausa: el caso no tiene ninguna dirección de correo del cliente.",
];
const FAVORABLE: Phrase = [
    "The customer responded favorably on {}{}",
    "Der Kunde hat am {} positiv geantwortet{}",
    "Le client a répondu favorablement le {}{}",
    "El cliente respondió favorablemente el {}{}",
];
const AGENT_RESOLVES: Phrase = [
    ": the agent resolves the case.",
    ": Der Agent löst den Fall.",
    " : l'agent résout la demande.",
    ": el agente resuelve el caso.",
];
const CAN_RESOLVE: Phrase = [
    ": the case can be resolved.",
    ": Der Fall kann gelöst werden.",
    " : la demande peut être résolue.",
    ": el caso se puede resolver.",
];
const FOLLOW_UPS_STOPPED: Phrase = [
    ". Follow-ups have stopped.",
    ". Die Nachfragen sind beendet.",
    ". Les relances sont arrêtées.",
    ". Los seguimientos se han detenido.",
];
const REPLIED: Phrase = [
    "The customer replied on {} with {}{}. Reply to the customer.",
    "Der Kunde hat am {} mit {} geantwortet{}. Antworten Sie dem Kunden.",
    "Le client a répondu le {} par {}{}. Répondez au client.",
    "El cliente respondió el {} con {}{}. Responda al cliente.",
];
const NEGATIVE: Phrase =
    ["a negative response", "einer negativen Antwort", "une réponse négative", "una respuesta negativa"];
const QUESTION: Phrase = ["a question", "einer Frage", "une question", "una pregunta"];
const UNREAD: Phrase = [
    "a message that needs a person to read it",
    "einer Nachricht, die ein Mensch lesen muss",
    "un message qu'une personne doit lire",
    "un mensaje que debe leer una persona",
];
const RESOLVED_AT_EARLIEST: Phrase = [
    "; without a reply the case will be resolved on {} at the earliest",
    "; ohne Antwort wird der Fall frühestens am {} gelöst",
    " ; sans réponse, la demande sera résolue au plus tôt le {}",
    "; sin respuesta, el caso se resolverá como pronto el {}",
];
const FOLLOW_UP_ON: Phrase = [
    "Follow-up {} of {} is due on {}{}.",
    "Nachfrage {} von {} ist am {} fällig{}.",
    "La relance {} sur {} est prévue le {}{}.",
    "El seguimiento {} de {} vence el {}{}.",
];
const FOLLOW_UP_SENT_BY_AGENT: Phrase = [
    "Follow-up {} of {} is due now; the agent sends it{}.",
    "Nachfrage {} von {} ist jetzt fällig; der Agent sendet sie{}.",
    "La relance {} sur {} est due maintenant ; l'agent l'envoie{}.",
    "El seguimiento {} de {} vence ahora; el agente lo envía{}.",
];
const FOLLOW_UP_TO_SEND: Phrase = [
    "Follow-up {} of {} is due now: review and send it{}.",
    "Nachfrage {} von {} ist jetzt fällig: Prüfen und senden Sie sie{}.",
    "La relance {} sur {} est due maintenant : relisez-la et envoyez-la{}.",
    "El seguimiento {} de {} vence ahora: revíselo y envíelo{}.",
];
const ALL_SENT: Phrase = [
    "All {} follow-ups are sent; the case will be resolved on {} if the customer does not respond.",
    "Alle {} Nachfragen sind gesendet; antwortet der Kunde nicht, wird der Fall am {} gelöst.",
    "Les {} relances sont envoyées ; sans réponse du client, la demande sera résolue le {}.",
    "Se han enviado los {} seguimientos; si el cliente no responde, el caso se resolverá el {}.",
];
const ONE_SENT: Phrase = [
    "The follow-up is sent{}; the case will be resolved on {} if the customer does not respond.",
    "Die Nachfrage ist gesendet{}; antwortet der Kunde nicht, wird der Fall am {} gelöst.",
    "La relance est envoyée{} ; sans réponse du client, la demande sera résolue le {}.",
    "Se ha enviado el seguimiento{}; si el cliente no responde, el caso se resolverá el {}.",
];
const NO_RESPONSE_AGENT: Phrase = [
    "The customer has not responded to {} follow-ups; the agent resolves the case.",
    "Der Kunde hat auf {} Nachfragen nicht geantwortet; der Agent löst den Fall.",
    "Le client n'a répondu à aucune des {} relances ; l'agent résout la demande.",
    "El cliente no ha respondido a {} seguimientos; el agente resuelve el caso.",
];
const NO_RESPONSE: Phrase = [
    "The customer has not responded to {} follow-ups: the case can be resolved.",
    "Der Kunde hat auf {} Nachfragen nicht geantwortet: Der Fall kann gelöst werden.",
    "Le client n'a répondu à aucune des {} relances : la demande peut être résolue.",
    "El cliente no ha respondido a {} seguimientos: el caso se puede resolver.",
];
const ONE_NO_RESPONSE_AGENT: Phrase = [
    "The customer has not responded to the follow-up{}; the agent resolves the case.",
    "Der Kunde hat auf die Nachfrage nicht geantwortet{}; der Agent löst den Fall.",
    "Le client n'a pas répondu à la relance{} ; l'agent résout la demande.",
    "El cliente no ha respondido al seguimiento{}; el agente resuelve el caso.",
];
const ONE_NO_RESPONSE: Phrase = [
    "The customer has not responded to the follow-up{}: the case can be resolved.",
    "Der Kunde hat auf die Nachfrage nicht geantwortet{}: Der Fall kann gelöst werden.",
    "Le client n'a pas répondu à la relance{} : la demande peut être résolue.",
    "El cliente no ha respondido al seguimiento{}: el caso se puede resolver.",
];
const NO_WORKING_TIME: Phrase = [
    "The calendar leaves no working time for the next step.",
    "Der Kalender lässt keine Arbeitszeit für den nächsten Schritt.",
    "Le calendrier ne laisse aucune heure ouvrée pour l'étape suivante.",
    "El calendario no deja horario laboral para el siguiente paso.",
];
const AWAY: Phrase = [
    "The customer's automatic reply of {} says they are away; the next step waits until they are back.",
    "Laut der automatischen Antwort des Kunden vom {} ist er abwesend; der nächste Schritt wartet, bis er zurück ist.",
    "La réponse automatique du client du {} indique qu'il est absent ; l'étape suivante attend son retour.",
    "La respuesta automática del cliente del {} indica que está ausente; el siguiente paso espera a que vuelva.",
];

/// The summary of the situation `analysis` describes.
pub(crate) fn summary(analysis: &Analysis<'_>, projected: Option<Timestamp>) -> String {
    let lang = analysis.rep_lang;
    let when = |at: Timestamp| analysis.config.calendar.date_time_in(lang, at);
    let label = |value: i64| analysis.config.statuses.label_of(value);
    match &analysis.stage {
        Stage::AutomationOff => fill(lang, &AUTOMATION_OFF, &[]),
        Stage::CaseNotActive => {
            let state = match analysis.case.state {
                CaseState::Active => &ACTIVE,
                CaseState::Resolved => &RESOLVED,
                CaseState::Canceled => &CANCELED,
            };
            fill(lang, &NOT_ACTIVE, &[&fill(lang, state, &[])])
        }
        Stage::NoRuleMatched => match analysis.condition_boundary {
            Some(at) => fill(lang, &NO_RULE_YET, &[&when(at)]),
            None => fill(lang, &NO_RULE, &[]),
        },
        Stage::StatusNotTrigger => {
            let Some(rule) = analysis.rule else {
                return String::new();
            };
            let labels: Vec<String> =
                rule.triggers.iter().map(|value| fill(lang, &QUOTED, &[&label(*value)])).collect();
            let labels = match labels.as_slice() {
                [rest @ .., last] if !rest.is_empty() => {
                    format!("{}{}{last}", crate::text::join(rest, ", "), fill(lang, &OR, &[]))
                }
                _ => crate::text::join(&labels, ""),
            };
            fill(lang, &STARTS_WHEN, &[&rule.name, &labels])
        }
        Stage::StatusLeft { at, to } => fill(lang, &STOPPED, &[&when(*at), &label(*to)]),
        Stage::StartUnknown { at, to } => {
            fill(lang, &START_UNKNOWN, &[&label(analysis.case.status_reason), &when(*at), &label(*to)])
        }
        Stage::Running(running) => running_summary(analysis, running, projected),
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
    let history = match (&view.last_response, view.follow_ups.first()) {
        (Some(response), _) => fill(lang, &LAST_RESPONDED, &[&when(response.at)]),
        (None, Some(first)) => fill(lang, &SILENT_SINCE, &[&when(first.at)]),
        (None, None) => fill(lang, &NOT_YET, &[]),
    };
    let full = rule.automation == Automation::Full;
    let total = rule.follow_ups.count.to_string();
    let next = match running.step {
        Step::Paused => return paused_summary(analysis, view, &when),
        Step::NoAddress => return format!("{history} {}", fill(lang, &NO_ADDRESS, &[])),
        Step::Favorable => {
            let response = view.open_response.as_ref();
            let cue = cue_of(response.map(|response| response.classification.cue.as_str()).unwrap_or_default());
            let at = when(response.map_or(analysis.now, |response| response.at));
            let then = match (rule.resolve_on_favorable_reply, full) {
                (true, true) => &AGENT_RESOLVES,
                (true, false) => &CAN_RESOLVE,
                (false, _) => &FOLLOW_UPS_STOPPED,
            };
            return fill(lang, &FAVORABLE, &[&at, &cue]) + &fill(lang, then, &[]);
        }
        Step::NeedsReply => {
            let Some(response) = &view.open_response else {
                return history;
            };
            let what = match response.classification.kind {
                ReplyKind::Negative => &NEGATIVE,
                ReplyKind::Question => &QUESTION,
                _ => &UNREAD,
            };
            let cue = cue_of(&response.classification.cue);
            return fill(lang, &REPLIED, &[&when(response.at), &fill(lang, what, &[]), &cue]);
        }
        Step::FollowUp { number, due: Some(due) } => {
            let then = projected.map(|at| fill(lang, &RESOLVED_AT_EARLIEST, &[&when(at)])).unwrap_or_default();
            let number = number.to_string();
            if due > analysis.now {
                fill(lang, &FOLLOW_UP_ON, &[&number, &total, &when(due), &then])
            } else if full {
                fill(lang, &FOLLOW_UP_SENT_BY_AGENT, &[&number, &total, &then])
            } else {
                fill(lang, &FOLLOW_UP_TO_SEND, &[&number, &total, &then])
            }
        }
        Step::Resolution { due: Some(due) } => {
            // One follow-up reads in the singular; the phrases for one keep
            // a hole for the count so that all take the same values.
            let count = view.follow_ups.len();
            let sent = if count == 1 { String::new() } else { count.to_string() };
            let phrases = match (due > analysis.now, full, count == 1) {
                (true, _, false) => &ALL_SENT,
                (true, _, true) => &ONE_SENT,
                (false, true, false) => &NO_RESPONSE_AGENT,
                (false, true, true) => &ONE_NO_RESPONSE_AGENT,
                (false, false, false) => &NO_RESPONSE,
                (false, false, true) => &ONE_NO_RESPONSE,
            };
            fill(lang, phrases, &[&sent, &when(due)])
        }
        Step::FollowUp { due: None, .. } | Step::Resolution { due: None } => fill(lang, &NO_WORKING_TIME, &[]),
    };
    match (running.postponed_to, view.away) {
        (Some(_), Some((at, _))) => format!("{history} {} {next}", fill(lang, &AWAY, &[&when(at)])),
        _ => format!("{history} {next}"),
    }
}

/// The sentence for a case paused by a delivery failure: the address that
/// failed, never the mail system that reported it (`MAILER-DAEMON@…`):
/// follow-ups go to the customer only.
fn paused_summary(analysis: &Analysis<'_>, view: &CycleView<'_>, when: &dyn Fn(Timestamp) -> String) -> String {
    let lang = analysis.rep_lang;
    let (at, cue) = view.bounce.as_ref().map_or((analysis.now, ""), |bounce| {
        (bounce.bounced.map_or(bounce.at, |email| email.at), bounce.classification.cue.as_str())
    });
    // The cue is the report's wording, or the address of the mail system
    // that sent it: said as such, never quoted as a reason.
    let cue = if cue.contains('@') && !cue.contains(char::is_whitespace) {
        fill(lang, &REPORTED_BY, &[cue])
    } else {
        cue_of(cue)
    };
    let to = analysis.customer.as_deref().map(|to| fill(lang, &TO, &[to])).unwrap_or_default();
    fill(lang, &BOUNCED, &[&when(at), &to, &cue])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_has_the_same_values_in_each_language() {
        let phrases = [
            NOT_ACTIVE,
            NO_RULE_YET,
            STARTS_WHEN,
            QUOTED,
            STOPPED,
            START_UNKNOWN,
            LAST_RESPONDED,
            SILENT_SINCE,
            BOUNCED,
            TO,
            FAVORABLE,
            REPLIED,
            RESOLVED_AT_EARLIEST,
            FOLLOW_UP_ON,
            FOLLOW_UP_SENT_BY_AGENT,
            FOLLOW_UP_TO_SEND,
            ALL_SENT,
            ONE_SENT,
            NO_RESPONSE_AGENT,
            NO_RESPONSE,
            ONE_NO_RESPONSE_AGENT,
            ONE_NO_RESPONSE,
            AWAY,
        ];
        for phrase in phrases {
            let holes: Vec<usize> = phrase.iter().map(|text| text.matches("{}").count()).collect();
            assert!(holes.iter().all(|count| *count == holes[0]), "{phrase:?}");
        }
    }
}
