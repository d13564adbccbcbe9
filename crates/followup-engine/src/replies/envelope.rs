//! What the envelope of a message says before its words are read: the
//! sender (`mailer-daemon@...`), the headers (`Auto-Submitted`,
//! `X-Failed-Recipients`) and the subject (`Undeliverable:`,
//! `Automatic reply:`).

use super::IncomingMessage;
use super::lexicon::{
    AUTO_REPLY_HEADERS, AUTO_REPLY_PRECEDENCE, BOUNCE_HEADERS, BOUNCE_SENDER_NAMES, BOUNCE_SENDERS, Family, HEADER_NO,
    NO_REPLY_SENDERS, REPLY_PREFIXES, UNSPACED_SUBJECTS, WEAK_AUTO_HEADER,
};
use super::matcher::{Hit, matcher};
use super::tokens::Tokens;
use crate::mail::fold::fold;

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

    /// The subject's text where a machine wording matches: a phrase of
    /// `start` at the start (after a tag such as `[EXTERNAL]`) or anywhere
    /// followed by a colon, or a phrase of `anywhere` anywhere; never after
    /// a reply or forward prefix (`FW: Undeliverable: ...` was sent on by
    /// a person).
    pub(super) fn machine(&self, start: Family, anywhere: Family) -> Option<&'a str> {
        let prefix = self.reply_prefix_at();
        self.hits
            .iter()
            .filter(|hit| prefix.is_none_or(|at| hit.start < at))
            .filter(|hit| {
                (hit.family == start && (hit.start == self.start || self.tokens.mark(hit.end) == Some(':')))
                    || hit.family == anywhere
            })
            .max_by_key(|hit| (hit.start == self.start, hit.len()))
            .map(|hit| self.tokens.source(hit.start, hit.end))
    }

    /// The subject's text where a cue of `family` starts it.
    pub(super) fn starting(&self, family: Family) -> Option<&'a str> {
        self.hits
            .iter()
            .filter(|hit| hit.family == family && hit.start == self.start)
            .max_by_key(|hit| hit.len())
            .map(|hit| self.tokens.source(hit.start, hit.end))
    }

    /// The first token of a reply or forward prefix (`RE:`, `AW:`), if any.
    fn reply_prefix_at(&self) -> Option<usize> {
        (0..self.tokens.len()).find(|&at| {
            self.tokens.word(at).is_some_and(|word| REPLY_PREFIXES.contains(&word))
                && self.tokens.mark(at + 1) == Some(':')
        })
    }
}

/// Where a leading `[EXTERNAL]` or `[#4812]` tag ends (0 without one).
fn leading_tag_end(tokens: &Tokens<'_>) -> usize {
    if tokens.mark(0) != Some('[') {
        return 0;
    }
    (1..tokens.len()).find(|&index| tokens.mark(index) == Some(']')).map_or(0, |close| close + 1)
}

/// What the headers say of a message, strongest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ReportType {
    /// `multipart/report; report-type=delivery-status`: a delivery report.
    DeliveryStatus(String),
    /// A read receipt (`disposition-notification`) or an abuse or spam
    /// report (`feedback-report`, RFC 5965): automatic, never a response.
    Receipt(String),
}

/// The report type of a `multipart/report` message, with its header as cue.
pub(super) fn report_type(message: &IncomingMessage<'_>) -> Option<ReportType> {
    let (name, value) = header(message, "content-type")?;
    let folded = fold(value);
    if !folded.contains("multipart/report") {
        return None;
    }
    let cue = header_cue(name, value);
    if folded.contains("disposition-notification") || folded.contains("feedback-report") {
        return Some(ReportType::Receipt(cue));
    }
    // A report of another or no type is read as a delivery report: that
    // is what nearly all of them are, and a bounce pauses (a person looks).
    Some(ReportType::DeliveryStatus(cue))
}

/// A header that marks a delivery failure (`X-Failed-Recipients`).
pub(super) fn bounce_header(message: &IncomingMessage<'_>) -> Option<String> {
    message.headers.iter().find_map(|(name, value)| {
        let lower = name.trim().to_ascii_lowercase();
        (BOUNCE_HEADERS.contains(&lower.as_str()) && !value.trim().is_empty()).then(|| header_cue(name, value))
    })
}

/// The null sender (`<>`, as a delivery report or an automatic reply
/// comes from) in `From` or `Return-Path`, as a cue.
pub(super) fn null_sender(message: &IncomingMessage<'_>) -> Option<String> {
    let is_null = |value: &str| matches!(value.trim(), "<>" | "< >" | "\"\"");
    if let Some(from) = message.from
        && is_null(from)
    {
        return Some(format!("null sender {}", from.trim()));
    }
    let (name, value) = header(message, "return-path")?;
    is_null(value).then(|| header_cue(name, value))
}

/// A header that marks an automatic reply or mass mail: `Auto-Submitted`
/// other than `no`, `X-Autoreply` and its kin, `Precedence` of
/// `auto_reply`, `bulk`, `junk` or `list`, a `List-*` header.
pub(super) fn automatic_header(message: &IncomingMessage<'_>) -> Option<String> {
    message.headers.iter().find_map(|(name, value)| {
        let lower = name.trim().to_ascii_lowercase();
        let folded = fold(value.trim());
        let first = folded.split(';').next().unwrap_or_default().trim();
        let automatic = match lower.as_str() {
            "auto-submitted" => !first.is_empty() && first != "no",
            "precedence" | "x-precedence" => AUTO_REPLY_PRECEDENCE.contains(&first),
            _ if lower.starts_with("list-") => !first.is_empty(),
            _ => AUTO_REPLY_HEADERS.contains(&lower.as_str()) && !first.is_empty() && !HEADER_NO.contains(&first),
        };
        automatic.then(|| header_cue(name, value))
    })
}

/// The sender of mail nobody answers (`noreply@`), as a cue.
pub(super) fn no_reply_sender(from: Option<&str>) -> Option<String> {
    let (address, _) = split_sender(from?);
    let local: String =
        fold(address.split('@').next().unwrap_or_default()).chars().filter(char::is_ascii_alphanumeric).collect();
    (address.contains('@') && NO_REPLY_SENDERS.iter().any(|sender| local.starts_with(sender)))
        .then(|| address.to_owned())
}

/// The weak automatic header (`X-Auto-Response-Suppress`) as a cue, if set.
pub(super) fn weak_automatic(message: &IncomingMessage<'_>) -> Option<String> {
    let (name, value) = header(message, WEAK_AUTO_HEADER)?;
    (!value.trim().is_empty()).then(|| header_cue(name, value))
}

/// The first header named `lower` (lowercase).
fn header<'m>(message: &IncomingMessage<'m>, lower: &str) -> Option<(&'m str, &'m str)> {
    message
        .headers
        .iter()
        .find(|(name, _)| name.trim().eq_ignore_ascii_case(lower))
        .map(|(name, value)| (name.as_str(), value.as_str()))
}

/// Whether a subject in a script without spaces holds a bounce (`true`)
/// or automatic reply (`false`) wording, with it as cue.
pub(super) fn unspaced_subject(subject: &str, bounce: bool) -> Option<String> {
    UNSPACED_SUBJECTS
        .iter()
        .find(|(wording, kind)| *kind == bounce && subject.contains(wording))
        .map(|(wording, _)| (*wording).to_owned())
}

/// The sender as a bounce cue, if it is a mailer daemon, a postmaster or
/// Exchange's system mailbox, or is named `Mail Delivery System`.
pub(super) fn bounce_sender(from: &str) -> Option<String> {
    let (address, name) = split_sender(from);
    let local: String =
        fold(address.split('@').next().unwrap_or_default()).chars().filter(char::is_ascii_alphanumeric).collect();
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

/// `Name: value` of a header as a cue: the value whole, up to its first
/// parameter (a `boundary=` says nothing), with a `report-type` kept.
fn header_cue(name: &str, value: &str) -> String {
    let value = value.trim();
    let mut parts = value.split(';').map(str::trim);
    let mut cue = format!("{}: {}", name.trim(), parts.next().unwrap_or_default());
    for part in parts {
        if part.to_ascii_lowercase().starts_with("report-type") {
            cue.push_str("; ");
            cue.push_str(part);
        }
    }
    cue
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(bounce_sender("mailer_daemon@mx.example").as_deref(), Some("mailer_daemon@mx.example"));
        assert_eq!(bounce_sender("post_master@mx.example").as_deref(), Some("post_master@mx.example"));
        assert_eq!(
            bounce_sender("Mail Delivery System <noreply@relay.example>").as_deref(),
            Some("Mail Delivery System")
        );
        assert_eq!(bounce_sender("Maria <maria@fabrikam.com>"), None);
        assert_eq!(bounce_sender(""), None);
    }

    #[test]
    fn header_cues_are_whole_values_without_parameters() {
        assert_eq!(
            header_cue("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"x\""),
            "Content-Type: multipart/report; report-type=delivery-status"
        );
        assert_eq!(header_cue(" Auto-Submitted ", " auto-replied "), "Auto-Submitted: auto-replied");
    }

    #[test]
    fn subjects_forwarded_by_a_person_are_not_machine_subjects() {
        let subject = Subject::new("FW: Undeliverable: case");
        assert_eq!(subject.machine(Family::BounceSubjectStart, Family::BounceSubject), None);
        let subject = Subject::new("[EXT] Undeliverable: RE: case");
        assert_eq!(subject.machine(Family::BounceSubjectStart, Family::BounceSubject), Some("Undeliverable:"));
        let subject = Subject::new("Question about undeliverable parcels");
        assert_eq!(subject.machine(Family::BounceSubjectStart, Family::BounceSubject), None);
    }
}
