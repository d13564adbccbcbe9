//! The card's words in the representative's language
//! (`representativeLanguage`): its title, each item's label, description
//! and button, and its notices.

use crate::language::{Lang, Phrase, fill};

/// A fixed piece of the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    Title,
    SendNextFollowUp,
    SendNextFollowUpWhy,
    SendFollowUp,
    SendFollowUpWhy,
    ReviewAndSend,
    ResolveCase,
    ConfirmedWhy,
    SilenceWhy,
    ReplyToCustomer,
    ReplyWhy,
    DraftReply,
    StartUnknownNotice,
    NoAddressNotice,
    NoRecipientNotice,
}

/// `word` in `lang`.
pub(crate) fn word(lang: Lang, word: Word) -> &'static str {
    let [en, de, fr, es] = words(word);
    match lang {
        Lang::En => en,
        Lang::De => de,
        Lang::Fr => fr,
        Lang::Es => es,
    }
}

fn words(word: Word) -> [&'static str; 4] {
    match word {
        Word::Title => ["Suggested actions", "Vorgeschlagene Aktionen", "Actions suggérées", "Acciones sugeridas"],
        Word::SendNextFollowUp => [
            "Send next follow-up",
            "Nächste Nachfrage senden",
            "Envoyer la relance suivante",
            "Enviar el siguiente seguimiento",
        ],
        Word::SendNextFollowUpWhy => [
            "The customer didn't respond to the follow-up email within the configured time.",
            "Der Kunde hat in der eingestellten Zeit nicht auf die Nachfrage geantwortet.",
            "Le client n'a pas répondu à la relance dans le délai configuré.",
            "El cliente no respondió al correo de seguimiento en el plazo configurado.",
        ],
        Word::SendFollowUp => ["Send follow-up", "Nachfrage senden", "Envoyer une relance", "Enviar seguimiento"],
        Word::SendFollowUpWhy => [
            "The customer didn't respond to your last email within the configured time.",
            "Der Kunde hat in der eingestellten Zeit nicht auf Ihre letzte E-Mail geantwortet.",
            "Le client n'a pas répondu à votre dernier e-mail dans le délai configuré.",
            "El cliente no respondió a su último correo en el plazo configurado.",
        ],
        Word::ReviewAndSend => [
            "Review and send email",
            "E-Mail prüfen und senden",
            "Relire et envoyer l'e-mail",
            "Revisar y enviar el correo",
        ],
        Word::ResolveCase => ["Resolve case", "Fall lösen", "Résoudre la demande", "Resolver el caso"],
        Word::ConfirmedWhy => [
            "The customer confirmed the issue is resolved.",
            "Der Kunde hat bestätigt, dass das Problem gelöst ist.",
            "Le client a confirmé que le problème est résolu.",
            "El cliente confirmó que el problema está resuelto.",
        ],
        Word::SilenceWhy => [
            "The customer didn't respond to any of the follow-up emails.",
            "Der Kunde hat auf keine der Nachfragen geantwortet.",
            "Le client n'a répondu à aucune des relances.",
            "El cliente no respondió a ninguno de los correos de seguimiento.",
        ],
        Word::ReplyToCustomer => {
            ["Reply to customer", "Dem Kunden antworten", "Répondre au client", "Responder al cliente"]
        }
        Word::ReplyWhy => [
            "The customer responded with a message the agent can't process or that is negative.",
            "Der Kunde hat mit einer Nachricht geantwortet, die der Agent nicht verarbeiten kann oder die negativ ist.",
            "Le client a répondu par un message que l'agent ne peut pas traiter ou qui est négatif.",
            "El cliente respondió con un mensaje que el agente no puede procesar o que es negativo.",
        ],
        Word::DraftReply => ["Draft reply", "Antwort entwerfen", "Rédiger une réponse", "Redactar respuesta"],
        Word::StartUnknownNotice => [
            "The case's timeline doesn't show when its Status Reason was set. Follow-ups are paused: set the Status Reason again to start them.",
            "Die Zeitachse des Falls zeigt nicht, wann sein Statusgrund gesetzt wurde. Die Nachfragen sind angehalten: Setzen Sie den Statusgrund erneut, um sie zu starten.",
            "La chronologie de la demande ne montre pas quand sa raison du statut a été définie. Les relances sont suspendues : définissez à nouveau la raison du statut pour les démarrer.",
            "La escala de tiempo del caso no muestra cuándo se estableció su razón para el estado. Los seguimientos están en pausa: vuelva a establecer la razón para el estado para iniciarlos.",
        ],
        Word::NoAddressNotice => [
            "The case has no email address for the customer, so no follow-up can be drafted. Add the customer's email address to the case to continue.",
            "Der Fall hat keine E-Mail-Adresse des Kunden, daher kann keine Nachfrage entworfen werden. Fügen Sie dem Fall die E-Mail-Adresse des Kunden hinzu, um fortzufahren.",
            "La demande n'a pas d'adresse e-mail du client : aucune relance ne peut être rédigée. Ajoutez l'adresse e-mail du client à la demande pour continuer.",
            "El caso no tiene ninguna dirección de correo del cliente, así que no se puede redactar ningún seguimiento. Añada la dirección de correo del cliente al caso para continuar.",
        ],
        Word::NoRecipientNotice => [
            "An email to the customer is due, but the case has no valid customer email address. Add the customer's email address to the case; no email was drafted.",
            "Eine E-Mail an den Kunden ist fällig, aber der Fall hat keine gültige E-Mail-Adresse des Kunden. Fügen Sie dem Fall die E-Mail-Adresse des Kunden hinzu; es wurde keine E-Mail entworfen.",
            "Un e-mail au client est dû, mais la demande n'a pas d'adresse e-mail valide du client. Ajoutez l'adresse e-mail du client à la demande ; aucun e-mail n'a été rédigé.",
            "Corresponde enviar un correo al cliente, pero el caso no tiene ninguna dirección de correo válida del cliente. Añada la dirección de correo del cliente al caso; no se redactó ningún correo.",
        ],
    }
}

const BOUNCE_NOTICE: Phrase = [
    "An email to {} could not be delivered. Follow-ups are paused until an email reaches the customer.",
    "Eine E-Mail an {} konnte nicht zugestellt werden. Die Nachfragen sind angehalten, bis eine E-Mail den Kunden erreicht.",
    "Un e-mail à {} n'a pas pu être remis. Les relances sont suspendues jusqu'à ce qu'un e-mail parvienne au client.",
    "No se pudo entregar un correo a {}. Los seguimientos están en pausa hasta que un correo llegue al cliente.",
];
const THE_CUSTOMER: Phrase = ["the customer", "den Kunden", "le client", "el cliente"];
const THIRD_PARTY_NOTICE: Phrase = [
    "A message from {} on {} is not from the customer: it was not counted as a response.",
    "Eine Nachricht von {} vom {} stammt nicht vom Kunden: Sie wurde nicht als Antwort gezählt.",
    "Un message de {} du {} ne vient pas du client : il n'a pas été compté comme une réponse.",
    "Un mensaje de {} del {} no es del cliente: no se contó como respuesta.",
];

/// The notice of a delivery failure, naming the address that failed.
pub(crate) fn bounce_notice(lang: Lang, to: Option<&str>) -> String {
    let to = to.map_or_else(|| fill(lang, &THE_CUSTOMER, &[]), str::to_owned);
    fill(lang, &BOUNCE_NOTICE, &[&to])
}

/// The notice of a third party's message, with its time for people.
pub(crate) fn third_party_notice(lang: Lang, from: &str, at: &str) -> String {
    fill(lang, &THIRD_PARTY_NOTICE, &[from, at])
}
