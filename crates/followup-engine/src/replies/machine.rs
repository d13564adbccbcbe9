//! Machine mail: delivery failures, delivery notices and automatic
//! replies, told by evidence, strongest first, and a bounce's evidence
//! before an automatic reply's (a delivery report that also says
//! `Auto-Submitted` or "please do not reply" is still a bounce):
//!
//! 1. a `multipart/report` and its report type: a delivery status report
//!    is a bounce, unless it reports only a delay (`Action: delayed`,
//!    "this is a warning message only"), which is an automatic notice; a
//!    read receipt or a feedback report (RFC 5965) is automatic;
//! 2. `X-Failed-Recipients` and Exchange's NDR header: a bounce;
//! 3. a delay notice (subject or wording, unless `Action: failed`) or a
//!    read receipt's subject: automatic, not a failure;
//! 4. the sender (`mailer-daemon`, `postmaster`, `Mail Delivery System`),
//!    the subject anywhere before a reply prefix (`Undeliverable:`,
//!    `Unzustellbar:`, `配信不能`, ...), the body's failure wording (RFC
//!    3464's fields, and the texts of Postfix, Exim, Sendmail,
//!    Exchange, Gmail, qmail, Courier, OpenSMTPD): a bounce;
//! 5. `Auto-Submitted`, `X-Autoreply`, `X-Autorespond`, `Precedence`,
//!    `List-*`, a `noreply@` sender, the subject, the body's machine
//!    wording or an absence with its details: automatic;
//! 6. the null sender (`<>`, in `From` or `Return-Path`) with nothing of
//!    step 5: a bounce (only machines send from it, and a pause makes a
//!    person look).

use super::envelope::{self, ReportType, Subject};
use super::lexicon::Family;
use super::matcher::Hit;
use super::tokens::Tokens;
use super::{Classification, CueSource, IncomingMessage, ReplyKind};

/// The message's reading when machines wrote it, `None` when a person did.
pub(super) fn read(
    message: &IncomingMessage<'_>,
    subject: &Subject<'_>,
    tokens: &Tokens<'_>,
    hits: &[Hit],
) -> Option<Classification> {
    let body = |family: Family| {
        hits.iter().find(|hit| hit.family == family).map(|hit| tokens.source(hit.start, hit.end).to_owned())
    };
    // A delay's wording outweighs a failure's (`could not be delivered for
    // 4 hours`), but not a report's `Action: failed`.
    let failed_action = body(Family::FailedAction);
    let failure = failed_action.clone().or_else(|| body(Family::BounceBody));
    let delay = body(Family::DelayBody)
        .or_else(|| subject.starting(Family::NoticeSubjectStart).map(str::to_owned))
        .filter(|_| failed_action.is_none());
    match envelope::report_type(message) {
        Some(ReportType::DeliveryStatus(cue)) => {
            return Some(match &delay {
                Some(delayed) => automatic(CueSource::Header, format!("{cue} ({delayed})")),
                None => bounce(CueSource::Header, cue),
            });
        }
        Some(ReportType::Receipt(cue)) => return Some(automatic(CueSource::Header, cue)),
        None => {}
    }
    if let Some(cue) = envelope::bounce_header(message) {
        return Some(bounce(CueSource::Header, cue));
    }
    if let Some(cue) = subject.starting(Family::NoticeSubjectStart).filter(|_| failed_action.is_none()) {
        return Some(automatic(CueSource::Subject, cue.to_owned()));
    }
    if let Some(delayed) = delay {
        return Some(automatic(CueSource::Body, delayed));
    }
    if let Some(cue) = message.from.and_then(envelope::bounce_sender) {
        return Some(bounce(CueSource::Sender, cue));
    }
    if let Some(cue) = subject
        .machine(Family::BounceSubjectStart, Family::BounceSubject)
        .map(str::to_owned)
        .or_else(|| envelope::unspaced_subject(message.subject, true))
    {
        return Some(bounce(CueSource::Subject, cue));
    }
    if let Some(cue) = failure {
        return Some(bounce(CueSource::Body, cue));
    }
    let null_sender = envelope::null_sender(message);
    if let Some(found) = automatic_evidence(message, subject, tokens, hits) {
        return Some(found);
    }
    null_sender.map(|cue| bounce(CueSource::Sender, cue))
}

/// The evidence of an automatic reply, strongest first.
fn automatic_evidence(
    message: &IncomingMessage<'_>,
    subject: &Subject<'_>,
    tokens: &Tokens<'_>,
    hits: &[Hit],
) -> Option<Classification> {
    if let Some(cue) = envelope::automatic_header(message) {
        return Some(automatic(CueSource::Header, cue));
    }
    if let Some(cue) = envelope::no_reply_sender(message.from) {
        return Some(automatic(CueSource::Sender, cue));
    }
    if let Some(cue) = subject
        .machine(Family::AutoSubjectStart, Family::AutoSubject)
        .map(str::to_owned)
        .or_else(|| envelope::unspaced_subject(message.subject, false))
    {
        return Some(automatic(CueSource::Subject, cue));
    }
    absence(tokens, hits, envelope::weak_automatic(message).as_deref())
}

/// An automatic reply told by the body: unmistakable machine wording, or
/// an absence (`out of the office`) with what out-of-office notices add
/// (`until`, `limited access`) or with the weak header, and no question.
fn absence(tokens: &Tokens<'_>, hits: &[Hit], weak_header: Option<&str>) -> Option<Classification> {
    let first = |family: Family| hits.iter().find(|hit| hit.family == family);
    if let Some(hit) = first(Family::Automatic) {
        return Some(automatic(CueSource::Body, tokens.source(hit.start, hit.end).to_owned()));
    }
    let absence = first(Family::Absence)?;
    let detail = first(Family::AbsenceDetail).or_else(|| first(Family::ReturnDate)).is_some();
    let asks = (0..tokens.len()).any(|at| tokens.mark(at) == Some('?'));
    if asks || !(detail || weak_header.is_some()) {
        return None;
    }
    let mut cue = tokens.source(absence.start, absence.end).to_owned();
    if let (Some(header), false) = (weak_header, detail) {
        cue.push_str(" (");
        cue.push_str(header);
        cue.push(')');
    }
    Some(automatic(CueSource::Body, cue))
}

fn bounce(source: CueSource, cue: String) -> Classification {
    Classification::new(ReplyKind::Bounce, source, cue)
}

fn automatic(source: CueSource, cue: String) -> Classification {
    Classification::new(ReplyKind::AutoReply, source, cue)
}
