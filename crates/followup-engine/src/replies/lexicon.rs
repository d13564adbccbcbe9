//! The cue lists classification matches: one data file per language in
//! `lexicon/` (`en.txt`, `de.txt`, `fr.txt`, `es.txt`), one of
//! language-neutral cues (`neutral.txt`: the fields of a delivery status
//! report) and one of machine wording in other languages (`others.txt`:
//! Dutch, Italian, Portuguese, Polish, Japanese, Chinese subjects and
//! absences), read into the binary with `include_str!` (German, French
//! and Spanish under the `builtin-languages` feature; without it a host
//! installs them with `api::install_language`, before the first reply is
//! read) and parsed on first use by the matcher.
//!
//! # The file format
//!
//! One entry per line, under a `[section]` line naming what the entries
//! say (a [`Family`] such as `[solved]`, or a word list such as
//! `[negators]`; [`Section::parse`] has them all). `#` starts a comment
//! line; blank lines are ignored. Entries are in folded form: lowercase,
//! no accents, umlauts spelled out (`ü` → `ue`, `ß` → `ss`), plain
//! apostrophes (a unit test checks each entry is folded). Cues match whole
//! words: `fixed` does not match `prefixed`. A trailing `*` on a word
//! matches any ending (`crash*`: crash, crashes, crashed, crashing).
//! Elided French words are separate words (`n'apparait` is `n'` and
//! `apparait`), hyphens separate words (`est-ce` is `est ce`).
//!
//! Adding a line there is the whole change needed to teach the engine a
//! new way of saying something; `tests/replies/` tells whether it helped.
//!
//! # Limits
//!
//! The matcher indexes patterns, phrases and words with `u16`; the
//! constants at the end of this module bound their counts from the files'
//! bytes and fail the build when a file grows past them, so no entry is
//! ever dropped silently.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::mail::fold::fold;
use crate::problem::{Problem, ProblemCode};

/// What a cue says when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Family {
    /// The problem is solved (`works now`, `that fixed it`).
    Solved,
    /// A word that says "solved" only when it is the whole sentence
    /// (`Works!`, `Funktioniert.`, `Funciona.`).
    SolvedAlone,
    /// The customer asks to close the case (`you can close the case`).
    Closing,
    /// Thanks and praise: favorable when nothing else is said.
    Thanks,
    /// A courtesy formula (`Thank you for your email`): thanks for writing,
    /// not for a fix, and how out-of-office notices open. It says nothing,
    /// and hides the thanks inside it.
    Courtesy,
    /// A greeting or an acknowledgement that opens a reply (`Hi`, `Hallo`,
    /// `Yes`): says nothing, but accounts for its clause.
    Greeting,
    /// The problem persists or the customer is unhappy (`still broken`).
    Unsolved,
    /// The problem came back or goes on (`again`, `once more`,
    /// `unfortunately`, `no longer works`): weighed before any thanks.
    Returned,
    /// A verb of the fix taking effect (`help`, `work`, `change`): neutral,
    /// but negated it is a strong negative cue (`didn't help`).
    Effect,
    /// `still`, `immer noch`, `toujours`: negative when it follows a
    /// contrast (`However, the VAT is still wrong`) or stands alone.
    Persisting,
    /// `but`, `however`, `aber`, `mais`, `pero`: what follows counts more.
    Contrast,
    /// The customer will come back, sends files, hands over (`I'll test
    /// tomorrow`, `logs attached`): a person reads it.
    Pending,
    /// Opens a question at the start of a sentence (`could you`, `wie kann`).
    QuestionOpener,
    /// Asks anywhere in a sentence (`please advise`, `i was wondering`).
    QuestionPhrase,
    /// Says the sender is away (`out of the office`, `im Urlaub`).
    Absence,
    /// What out-of-office notices add (`until`, `limited access`).
    AbsenceDetail,
    /// Introduces the day the sender is back (`until`, `bis zum`,
    /// `jusqu'au`, `hasta el`): the date after it is the return date.
    ReturnDate,
    /// Unmistakably written by a machine (`this mailbox is no longer monitored`).
    Automatic,
    /// A delivery failure report's wording (`delivery has failed to these recipients`).
    BounceBody,
    /// A delivery status report's `Action: failed`: a failure, whatever
    /// else the report says (a delay's wording included).
    FailedAction,
    /// A delivery delay warning's wording (`this is a warning message
    /// only`): not a failure.
    DelayBody,
    /// Starts the subject of a delivery failure (`Undeliverable:`), or
    /// stands anywhere in it followed by a colon.
    BounceSubjectStart,
    /// Anywhere in the subject of a delivery failure.
    BounceSubject,
    /// Starts the subject of an automatic reply (`Automatic reply:`), or
    /// stands anywhere in it followed by a colon.
    AutoSubjectStart,
    /// Anywhere in the subject of an automatic reply.
    AutoSubject,
    /// A delivery notice that is no failure (delayed, read receipt).
    NoticeSubjectStart,
}

/// What the entries of a section are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    /// Phrases of a family.
    Cues(Family),
    /// Words that negate what follows them (`not`, `nicht`, `pas`, `no`).
    Negators,
    /// Words that negate what comes before them, in languages that put the
    /// negation after the verb (`funktioniert nicht`, `marche pas`).
    NegatorsAfter,
    /// Words that make a clause a condition (`if it doesn't work`).
    Conditionals,
    /// Words that may come before a question opener (`and`, `also`).
    Fillers,
    /// Common words of the language, that tell which language a message
    /// is written in (`the`, `und`, `est`, `pero`).
    Stopwords,
}

impl Section {
    /// The section a `[name]` line opens, if the name is known.
    pub(super) fn parse(name: &str) -> Option<Self> {
        let family = match name {
            "solved" => Family::Solved,
            "solved-alone" => Family::SolvedAlone,
            "closing" => Family::Closing,
            "thanks" => Family::Thanks,
            "courtesy" => Family::Courtesy,
            "greeting" => Family::Greeting,
            "unsolved" => Family::Unsolved,
            "returned" => Family::Returned,
            "effect" => Family::Effect,
            "persisting" => Family::Persisting,
            "contrast" => Family::Contrast,
            "pending" => Family::Pending,
            "question-opener" => Family::QuestionOpener,
            "question-phrase" => Family::QuestionPhrase,
            "absence" => Family::Absence,
            "absence-detail" => Family::AbsenceDetail,
            "return-date" => Family::ReturnDate,
            "automatic" => Family::Automatic,
            "bounce-body" => Family::BounceBody,
            "delay-body" => Family::DelayBody,
            "failed-action" => Family::FailedAction,
            "bounce-subject-start" => Family::BounceSubjectStart,
            "bounce-subject" => Family::BounceSubject,
            "auto-subject-start" => Family::AutoSubjectStart,
            "auto-subject" => Family::AutoSubject,
            "notice-subject-start" => Family::NoticeSubjectStart,
            "negators" => return Some(Self::Negators),
            "negators-after" => return Some(Self::NegatorsAfter),
            "conditionals" => return Some(Self::Conditionals),
            "fillers" => return Some(Self::Fillers),
            "stopwords" => return Some(Self::Stopwords),
            _ => return None,
        };
        Some(Self::Cues(family))
    }
}

/// The language a cue belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Lang {
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Any language: report fields, marks.
    Neutral,
    /// Machine wording in languages the engine does not read people in.
    Others,
}

impl Lang {
    /// The languages whose people's words the engine reads, in the order
    /// ties are never broken (a tie is no language).
    pub(super) const READ: [Self; 4] = [Self::En, Self::De, Self::Fr, Self::Es];

    /// ISO 639-1 code (`neutral`, `others` for the two that are none).
    pub(super) fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::Neutral => "neutral",
            Self::Others => "others",
        }
    }

    /// A bit of its own, for sets of languages.
    pub(super) fn bit(self) -> u8 {
        match self {
            Self::En => 1,
            Self::De => 2,
            Self::Fr => 4,
            Self::Es => 8,
            Self::Neutral => 16,
            Self::Others => 32,
        }
    }
}

/// One data file: its language and its text.
#[derive(Clone, Copy)]
pub(super) struct File {
    /// Whose cues they are.
    pub(super) lang: Lang,
    /// The file's text (see the module documentation for the format).
    pub(super) text: &'static str,
}

/// Every data file built in (without its comment and blank lines:
/// build.rs), English first: German, French and Spanish
/// under the `builtin-languages` feature (and in the unit tests, which
/// read replies in all four), else installed ([`install`]).
#[cfg(any(test, feature = "builtin-languages"))]
pub(super) const FILES: [File; 6] = [
    File { lang: Lang::En, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/en.txt")) },
    File { lang: Lang::De, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/de.txt")) },
    File { lang: Lang::Fr, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/fr.txt")) },
    File { lang: Lang::Es, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/es.txt")) },
    File { lang: Lang::Neutral, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/neutral.txt")) },
    File { lang: Lang::Others, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/others.txt")) },
];

/// Every data file built in, English first: German, French and Spanish
/// under the `builtin-languages` feature, else installed ([`install`]).
#[cfg(not(any(test, feature = "builtin-languages")))]
pub(super) const FILES: [File; 3] = [
    File { lang: Lang::En, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/en.txt")) },
    File { lang: Lang::Neutral, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/neutral.txt")) },
    File { lang: Lang::Others, text: include_str!(concat!(env!("OUT_DIR"), "/lexicon/others.txt")) },
];

/// One line of a data file, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Line<'a> {
    /// An entry of the section named by the last `[section]` line (`None`
    /// while no known section was opened: a unit test rejects that).
    Entry(Option<Section>, &'a str),
    /// A `[section]` line whose name is not known (a unit test rejects it).
    UnknownSection(&'a str),
}

/// The entries of a data file, with their sections.
pub(super) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut section = None;
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            section = Section::parse(name);
            return section.is_none().then_some(Line::UnknownSection(name));
        }
        Some(Line::Entry(section, line))
    })
}

/// The lexicons installed, and whether the matcher was compiled (then
/// no more can be: it sees the lexicons it was compiled with).
struct Installed {
    sealed: bool,
    files: Vec<File>,
}

static INSTALLED: Mutex<Installed> = Mutex::new(Installed { sealed: false, files: Vec::new() });

fn installed() -> MutexGuard<'static, Installed> {
    // Nothing panics while holding the lock; were it poisoned, its state
    // is still whole (one push at most).
    INSTALLED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The files the matcher compiles: the built-in ones, then the installed
/// ones in the order they were installed; from now on no lexicon can be
/// installed.
pub(super) fn files_for_matcher() -> Vec<File> {
    let mut installed = installed();
    installed.sealed = true;
    FILES.iter().chain(&installed.files).copied().collect()
}

/// The lexicon's language for a language the engine writes in.
fn lexicon_lang(lang: crate::language::Lang) -> Lang {
    match lang {
        crate::language::Lang::En => Lang::En,
        crate::language::Lang::De => Lang::De,
        crate::language::Lang::Fr => Lang::Fr,
        crate::language::Lang::Es => Lang::Es,
    }
}

/// Installs the reply lexicon of `lang` (the content of its
/// `replies/lexicon/<code>.txt`) and, with it, what `then` installs (the
/// language's texts): `then` runs only when the lexicon is accepted, and
/// the lexicon is kept only when `then` succeeds. Accepted: the lexicon
/// the language has already (built in or installed), or, before the
/// matcher's first use, a new one that [`check`] passes. Problems are at
/// `lexicon`.
///
/// # Errors
/// The lexicon's first problem, that the language has another one, that
/// the first call came before, or the problem of `then`.
pub(crate) fn install(
    lang: crate::language::Lang,
    text: &str,
    then: impl FnOnce() -> Result<(), Problem>,
) -> Result<(), Problem> {
    let refused = |message: &str| Err(Problem::new(ProblemCode::InvalidValue, "lexicon", message));
    let lang = lexicon_lang(lang);
    let mut installed = installed();
    let known = FILES.iter().chain(&installed.files).find(|file| file.lang == lang);
    if let Some(known) = known {
        return if lines(known.text).eq(lines(text)) {
            then()
        } else {
            refused("the language has another lexicon installed already")
        };
    }
    if installed.sealed {
        return refused("replies were read already: install languages before the first call");
    }
    check(text)?;
    // A pattern or a phrase takes a byte at least: within `u16` bytes,
    // the matcher's indexes hold them all.
    let bytes = FILES.iter().chain(&installed.files).map(|file| file.text.len()).sum::<usize>() + text.len();
    if bytes >= usize::from(u16::MAX) {
        return refused("the lexicons together take at most 64 KiB");
    }
    then()?;
    // Kept for the life of the process: at most once per language.
    installed.files.push(File { lang, text: Box::leak(text.into()) });
    Ok(())
}

/// Checks a lexicon as the unit tests check the built-in files: every
/// entry under a known `[section]`, folded (a run of spaces reads as one,
/// as in a message, so it is not refused here; the built-in files are kept
/// without, by a unit test), the
/// word lists (`negators`, `negators-after`, `stopwords`) of single words.
/// Read as the matcher reads it ([`lines`]), which costs the module less
/// code than a reading of its own.
///
/// # Errors
/// The first problem, at `lexicon`, its message naming the line.
pub(super) fn check(text: &str) -> Result<(), Problem> {
    for line in lines(text) {
        let (line, what) = match line {
            Line::UnknownSection(name) => (name, "is not a section of the lexicon"),
            Line::Entry(None, entry) => (entry, "is not under a known `[section]`"),
            Line::Entry(_, entry) if entry != fold(entry) => (entry, "is not folded (lowercase, no accents)"),
            Line::Entry(Some(Section::Negators | Section::NegatorsAfter | Section::Stopwords), entry)
                if entry.contains(' ') =>
            {
                (entry, "is not one word")
            }
            Line::Entry(..) => continue,
        };
        return Err(Problem::new(ProblemCode::InvalidValue, "lexicon", format!("`{line}` {what}")));
    }
    Ok(())
}

/// Headers whose presence (with any value but `no`) marks an automatic reply.
pub(super) const AUTO_REPLY_HEADERS: [&str; 7] = [
    "x-autoreply",
    "x-autorespond",
    "x-autoreply-from",
    "x-mail-autoreply",
    "x-auto-reply",
    "x-autogenerated",
    "x-autoresponder",
];

/// Header values that mean "no" in the headers above.
pub(super) const HEADER_NO: [&str; 4] = ["no", "false", "0", "off"];

/// `Precedence` values of machine mail: automatic replies (`auto_reply`)
/// and mass mail (`bulk`, `junk`, `list`), which is never a response.
pub(super) const AUTO_REPLY_PRECEDENCE: [&str; 5] = ["auto_reply", "auto-reply", "bulk", "junk", "list"];

/// A header every Exchange out-of-office carries but also many ordinary
/// Outlook messages: only a weak cue, it needs an out-of-office phrase.
pub(super) const WEAK_AUTO_HEADER: &str = "x-auto-response-suppress";

/// Headers whose presence marks a delivery failure.
pub(super) const BOUNCE_HEADERS: [&str; 2] = ["x-failed-recipients", "x-ms-exchange-message-is-ndr"];

/// Sender local parts (before `@`, letters and digits only: `mailer_daemon`
/// and `mailer-daemon` both read `mailerdaemon`) of delivery failure
/// reports; Exchange's is `MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e`.
pub(super) const BOUNCE_SENDERS: [&str; 8] = [
    "mailerdaemon",
    "mailerdeamon",
    "maildaemon",
    "postmaster",
    "postmastr",
    "postmaser",
    "microsoftexchange",
    "maildeliverysystem",
];

/// Sender names of delivery failure reports.
pub(super) const BOUNCE_SENDER_NAMES: [&str; 7] = [
    "mail delivery system",
    "mail delivery subsystem",
    "mail delivery service",
    "mailer-daemon",
    "mailer daemon",
    "postmaster",
    "mail administrator",
];

/// Sender local parts of mail nobody answers (`noreply@`, `do-not-reply@`),
/// letters and digits only: machine mail, not a person.
pub(super) const NO_REPLY_SENDERS: [&str; 4] = ["noreply", "donotreply", "notreply", "nereply"];

/// Subject prefixes of replies and forwards (`RE:`, `FW:`, `AW:`, `WG:`,
/// `TR:`, `RV:`): a subject that starts with one was written by a person,
/// even if it goes on to quote `Delivery Status Notification (Failure)`.
pub(super) const REPLY_PREFIXES: [&str; 17] =
    ["re", "fw", "fwd", "aw", "wg", "tr", "rv", "r", "sv", "vs", "antw", "enc", "res", "doorst", "odp", "pd", "i"];

/// Subject wording of delivery failures and automatic replies in scripts
/// written without spaces (Japanese, Chinese), found as substrings: a run
/// of such characters is one token, so phrases cannot match inside it.
/// The kind is `true` for a bounce.
pub(super) const UNSPACED_SUBJECTS: [(&str, bool); 16] = [
    ("配信不能", true),
    ("配信できませんでした", true),
    ("配信エラー", true),
    ("無法傳遞", true),
    ("无法投递", true),
    ("退信", true),
    ("投递失败", true),
    ("傳送失敗", true),
    ("自動応答", false),
    ("自動返信", false),
    ("不在通知", false),
    ("自动回复", false),
    ("自動回覆", false),
    ("自動回复", false),
    ("外出", false),
    ("休假", false),
];

/// Upper bounds of what the files hold, counted at build time: a pattern
/// is a word or a mark, so it starts at a byte that follows a space or is
/// a mark; a phrase is a line.
const fn bounds(text: &str) -> (usize, usize) {
    let mut bytes = text.as_bytes();
    let (mut patterns, mut lines) = (0, 1);
    let mut after_space = true;
    while let Some((&byte, rest)) = bytes.split_first() {
        let space = byte == b' ' || byte == b'\n' || byte == b'\t' || byte == b'\r';
        let mark = byte.is_ascii_punctuation();
        if mark || (!space && after_space) {
            patterns += 1;
        }
        if byte == b'\n' {
            lines += 1;
        }
        after_space = space || mark;
        bytes = rest;
    }
    (patterns, lines)
}

/// The bounds of all files together.
const fn total_bounds() -> (usize, usize) {
    let (mut patterns, mut lines) = (0, 0);
    let mut files: &[File] = &FILES;
    while let Some((file, rest)) = files.split_first() {
        let (more_patterns, more_lines) = bounds(file.text);
        patterns += more_patterns;
        lines += more_lines;
        files = rest;
    }
    (patterns, lines)
}

/// At most this many patterns (words and marks of phrases) in the
/// built-in files.
pub(super) const MAX_PATTERNS: usize = total_bounds().0;
/// At most this many phrases (lines) in the built-in files.
pub(super) const MAX_PHRASES: usize = total_bounds().1;

// The matcher's `u16` indexes hold every pattern and phrase (index + 1,
// with 0 for none): past these, the build fails instead of dropping cues.
const _: () = assert!(MAX_PATTERNS < u16::MAX as usize, "lexicon: too many patterns for u16 indexes");
const _: () = assert!(MAX_PHRASES < u16::MAX as usize, "lexicon: too many phrases for u16 indexes");

#[cfg(test)]
mod tests;
