//! What the envelope of a message says before its words are read: the
//! sender (`mailer-daemon@...`), the headers (`Auto-Submitted`,
//! `X-Failed-Recipients`) and the subject (`Undeliverable:`,
//! `Automatic reply:`).

use super::lexicon::{
    AUTO_REPLY_HEADERS, AUTO_REPLY_PRECEDENCE, BOUNCE_HEADERS, BOUNCE_SENDER_NAMES, BOUNCE_SENDERS, Family, HEADER_NO,
    REPLY_PREFIXES, WEAK_AUTO_HEADER,
};
use super::matcher::{Hit, matcher};
use super::tokens::Tokens;
use super::{Classification, CueSource, IncomingMessage, ReplyKind};
use crate::mail::fold::fold;

/// A header value shown in a cue is cut to this many characters.
const MAX_CUE_VALUE: usize = 60;

/// The subject, tokenized and matched once.
pub(super) struct Subject<'a> {
    tokens: Tokens<'a>,
    hits: Vec<Hit>,
    /// The first token after a leading tag such as `[EXTERNAL]`.
    start: usize,
}

impl<'a> Subject<'a> {
    /// Reads a subject line.
    pub(super) fn new(subject: &'a str) -> Self {
        let tokens = Tokens::new(subject);
        let hits = matcher().scan(&tokens);
        let start = leading_tag_end(&tokens);
        Self { tokens, hits, start }
    }

    /// The subject's text where a cue of `family` starts it.
    fn starting(&self, family: Family) -> Option<&'a str> {
        self.hits
            .iter()
            .filter(|hit| hit.family == family && hit.start == self.start)
            .max_by_key(|hit| hit.len())
            .map(|hit| self.tokens.source(hit.start, hit.end))
    }

    /// The subject's text where a cue of `family` matches anywhere, unless
    /// the subject is a person's reply or forward (`FW: Delivery Status
    /// Notification (Failure)`).
    fn anywhere(&self, family: Family) -> Option<&'a str> {
        if self.is_reply_or_forward() {
            return None;
        }
        self.hits.iter().find(|hit| hit.family == family).map(|hit| self.tokens.source(hit.start, hit.end))
    }

    /// Whether the subject starts with `RE:`, `FW:`, `AW:`, `WG:`, ...
    fn is_reply_or_forward(&self) -> bool {
        let prefix = self.tokens.word(self.start).is_some_and(|word| REPLY_PREFIXES.contains(&word));
        prefix && self.tokens.mark(self.start + 1) == Some(':')
    }
}

/// Where a leading `[EXTERNAL]` or `[#4812]` tag ends (0 without one).
fn leading_tag_end(tokens: &Tokens<'_>) -> usize {
    if tokens.mark(0) != Some('[') {
        return 0;
    }
    (1..tokens.len()).find(|&index| tokens.mark(index) == Some(']')).map_or(0, |close| close + 1)
}

/// A delivery failure, from the sender, the headers or the subject.
pub(super) fn bounce(message: &IncomingMessage<'_>, subject: &Subject<'_>) -> Option<Classification> {
    if let Some(cue) = message.from.and_then(bounce_sender) {
        return Some(found(ReplyKind::Bounce, CueSource::Sender, cue));
    }
    for (name, value) in message.headers {
        let lower = name.trim().to_ascii_lowercase();
        let is_report = lower == "content-type" && is_delivery_report(value);
        if is_report || (BOUNCE_HEADERS.contains(&lower.as_str()) && !value.trim().is_empty()) {
            return Some(found(ReplyKind::Bounce, CueSource::Header, header_cue(name, value)));
        }
    }
    let cue = subject.starting(Family::BounceSubjectStart).or_else(|| subject.anywhere(Family::BounceSubject))?;
    Some(found(ReplyKind::Bounce, CueSource::Subject, cue.to_owned()))
}

/// A delivery notice that is no failure (delayed, relayed, a read
/// receipt): not a response, so it counts as an automatic reply. Checked
/// before [`bounce`]: a delay report is also a `multipart/report`.
pub(super) fn notice(message: &IncomingMessage<'_>, subject: &Subject<'_>) -> Option<Classification> {
    if let Some(cue) = subject.starting(Family::NoticeSubjectStart) {
        return Some(found(ReplyKind::AutoReply, CueSource::Subject, cue.to_owned()));
    }
    let (name, value) = message.headers.iter().find(|(name, value)| {
        name.trim().eq_ignore_ascii_case("content-type") && fold(value).contains("disposition-notification")
    })?;
    Some(found(ReplyKind::AutoReply, CueSource::Header, header_cue(name, value)))
}

/// An automatic reply, from the headers or the subject.
pub(super) fn automatic(message: &IncomingMessage<'_>, subject: &Subject<'_>) -> Option<Classification> {
    for (name, value) in message.headers {
        let lower = name.trim().to_ascii_lowercase();
        let folded = fold(value.trim());
        let first = folded.split(';').next().unwrap_or_default().trim();
        let automatic = match lower.as_str() {
            "auto-submitted" => !first.is_empty() && first != "no",
            "precedence" | "x-precedence" => AUTO_REPLY_PRECEDENCE.contains(&first),
            _ => AUTO_REPLY_HEADERS.contains(&lower.as_str()) && !first.is_empty() && !HEADER_NO.contains(&first),
        };
        if automatic {
            return Some(found(ReplyKind::AutoReply, CueSource::Header, header_cue(name, value)));
        }
    }
    let cue = subject.starting(Family::AutoSubjectStart).or_else(|| subject.anywhere(Family::AutoSubject))?;
    Some(found(ReplyKind::AutoReply, CueSource::Subject, cue.to_owned()))
}

/// The weak automatic header (`X-Auto-Response-Suppress`) as a cue, if set.
pub(super) fn weak_automatic(message: &IncomingMessage<'_>) -> Option<String> {
    message
        .headers
        .iter()
        .find(|(name, value)| name.trim().eq_ignore_ascii_case(WEAK_AUTO_HEADER) && !value.trim().is_empty())
        .map(|(name, value)| header_cue(name, value))
}

/// The sender as a bounce cue, if it is a mailer daemon, a postmaster or
/// Exchange's system mailbox, or is named `Mail Delivery System`.
fn bounce_sender(from: &str) -> Option<String> {
    let (address, name) = split_sender(from);
    let local = fold(address.split('@').next().unwrap_or_default());
    if !local.is_empty() && BOUNCE_SENDERS.iter().any(|sender| local.starts_with(sender)) {
        return Some(address.to_owned());
    }
    let name_folded = fold(name);
    BOUNCE_SENDER_NAMES.iter().any(|known| name_folded.contains(known)).then(|| name.trim().to_owned())
}

/// The address and the display name of `Name <address>`, `address (Name)`
/// or a bare address.
fn split_sender(from: &str) -> (&str, &str) {
    let from = from.trim();
    if let (Some(open), Some(close)) = (from.rfind('<'), from.rfind('>'))
        && open < close
    {
        let address = from.get(open + 1..close).unwrap_or_default().trim();
        let name = from.get(..open).unwrap_or_default().trim().trim_matches('"');
        return (address, name);
    }
    if let Some(open) = from.find('(') {
        let address = from.get(..open).unwrap_or_default().trim();
        let name = from.get(open + 1..).unwrap_or_default().trim_end_matches(')').trim();
        return (address, name);
    }
    (from, "")
}

/// Whether a `Content-Type` is a delivery status report.
fn is_delivery_report(value: &str) -> bool {
    let folded = fold(value);
    folded.contains("multipart/report") && folded.contains("delivery-status")
}

/// `Name: value`, the value cut to a readable length.
fn header_cue(name: &str, value: &str) -> String {
    let value = value.trim();
    let cut = value.char_indices().nth(MAX_CUE_VALUE).map_or(value, |(at, _)| value.get(..at).unwrap_or(value));
    format!("{}: {cut}", name.trim())
}

fn found(kind: ReplyKind, source: CueSource, cue: String) -> Classification {
    Classification { kind, source, cue }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message<'a>(from: &'a str, subject: &'a str, headers: &'a [(String, String)]) -> IncomingMessage<'a> {
        IncomingMessage { from: Some(from), subject, body: "", headers }
    }

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect()
    }

    #[test]
    fn senders_of_delivery_reports() {
        assert_eq!(
            bounce_sender("MAILER-DAEMON@mx1.example.com (Mail Delivery System)").as_deref(),
            Some("MAILER-DAEMON@mx1.example.com")
        );
        assert_eq!(
            bounce_sender("Mail Delivery Subsystem <mailer-daemon@googlemail.com>").as_deref(),
            Some("mailer-daemon@googlemail.com")
        );
        assert_eq!(
            bounce_sender("Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com>")
                .as_deref(),
            Some("MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com")
        );
        assert_eq!(
            bounce_sender("postmaster@contoso.onmicrosoft.com").as_deref(),
            Some("postmaster@contoso.onmicrosoft.com")
        );
        assert_eq!(
            bounce_sender("Mail Delivery System <noreply@relay.example>").as_deref(),
            Some("Mail Delivery System")
        );
        assert_eq!(bounce_sender("Maria <maria@fabrikam.com>"), None);
        assert_eq!(bounce_sender(""), None);
    }

    #[test]
    fn bounce_headers_and_subjects() {
        let report = headers(&[("Content-Type", "multipart/report; report-type=delivery-status; boundary=x")]);
        let found = bounce(&message("a@b.c", "x", &report), &Subject::new("x")).unwrap();
        assert_eq!(
            (found.source, found.cue.as_str()),
            (CueSource::Header, "Content-Type: multipart/report; report-type=delivery-status; boundary=x")
        );
        let failed = headers(&[("x-failed-recipients", "a@b.c")]);
        assert_eq!(
            bounce(&message("a@b.c", "x", &failed), &Subject::new("x")).unwrap().cue,
            "x-failed-recipients: a@b.c"
        );
        for subject in [
            "Undeliverable: RE: case",
            "Unzustellbar: AW: Fall",
            "Non remis : RE : demande",
            "No se puede entregar: RE: caso",
            "Undelivered Mail Returned to Sender",
            "Delivery Status Notification (Failure)",
            "Mail delivery failed: returning message to sender",
            "Returned mail: see transcript for details",
            "[EXTERNAL] Undeliverable: case",
        ] {
            let found = bounce(&message("a@b.c", subject, &[]), &Subject::new(subject));
            assert_eq!(found.map(|found| found.source), Some(CueSource::Subject), "{subject}");
        }
        assert_eq!(
            bounce(&message("a@b.c", "RE: undeliverable invoices", &[]), &Subject::new("RE: undeliverable invoices")),
            None
        );
    }

    #[test]
    fn automatic_reply_headers() {
        for (name, value, automatic_reply) in [
            ("Auto-Submitted", "auto-replied", true),
            ("auto-submitted", "auto-generated; owner-email=a@b.c", true),
            ("Auto-Submitted", "no", false),
            ("Auto-Submitted", "", false),
            ("X-Autoreply", "yes", true),
            ("X-Autorespond", "1", true),
            ("X-Autoreply", "no", false),
            ("Precedence", "auto_reply", true),
            ("Precedence", "bulk", false),
            ("X-Auto-Response-Suppress", "All", false),
        ] {
            let pairs = headers(&[(name, value)]);
            let found = automatic(&message("a@b.c", "RE: case", &pairs), &Subject::new("RE: case"));
            assert_eq!(found.is_some(), automatic_reply, "{name}: {value}");
        }
        let pairs = headers(&[("X-Auto-Response-Suppress", "All")]);
        assert_eq!(weak_automatic(&message("a@b.c", "", &pairs)).as_deref(), Some("X-Auto-Response-Suppress: All"));
    }

    #[test]
    fn automatic_reply_subjects_in_each_language() {
        for subject in [
            "Automatic reply: RE: case",
            "Out of Office: RE: case",
            "Out of Office AutoReply: case",
            "AUTO: Kim Yoshida is out of the office (returning 11/12/2026)",
            "Autoreply: case",
            "Abwesenheitsnotiz: AW: Fall",
            "Automatische Antwort: AW: Fall",
            "Réponse automatique : RE : demande",
            "Reponse automatique : RE : demande",
            "Absence du bureau : RE : demande",
            "Respuesta automática: RE: caso",
            "Fuera de la oficina: RE: caso",
            "Automatisch antwoord: RE: case",
            "Risposta automatica: R: case",
            "Resposta automática: RE: caso",
        ] {
            let found = automatic(&message("a@b.c", subject, &[]), &Subject::new(subject));
            assert_eq!(found.map(|found| found.kind), Some(ReplyKind::AutoReply), "{subject}");
        }
        for subject in ["RE: Automatic reply not working", "RE: Auto insurance", "RE: out of office hours support?"] {
            assert_eq!(automatic(&message("a@b.c", subject, &[]), &Subject::new(subject)), None, "{subject}");
        }
    }

    #[test]
    fn notices_that_are_no_failures() {
        for subject in [
            "Delivery Status Notification (Delay)",
            "Read: RE: case",
            "Gelesen: AW: Fall",
            "Lu : RE : demande",
            "Leído: RE: caso",
        ] {
            assert_eq!(
                notice(&message("a@b.c", subject, &[]), &Subject::new(subject)).map(|found| found.kind),
                Some(ReplyKind::AutoReply),
                "{subject}"
            );
        }
        let receipt = headers(&[("Content-Type", "multipart/report; report-type=disposition-notification")]);
        assert!(notice(&message("a@b.c", "x", &receipt), &Subject::new("x")).is_some());
        assert_eq!(notice(&message("a@b.c", "RE: case", &[]), &Subject::new("RE: case")), None);
    }
}
