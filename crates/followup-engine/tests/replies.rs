//! Classification accuracy on the hand-labeled reply sets in
//! `tests/replies/` at the repository root (see the README there).
//!
//! `labeled.jsonl` is the development set the cue lists were tuned on;
//! `holdout.jsonl` was written at the same time and never tuned on, so its
//! figure is the honest one. Run with `--nocapture` to see the tables:
//!
//! ```text
//! cargo test -p followup-engine --test replies -- --nocapture
//! ```

use std::collections::BTreeSet;
use std::fmt::Write as _;

use followup_engine::replies::{IncomingMessage, ReplyKind, classify};
use serde_json::Value;

/// Overall accuracy the development set must reach.
const LABELED_ACCURACY: f64 = 0.95;
/// Overall accuracy the held-out set must reach.
const HOLDOUT_ACCURACY: f64 = 0.85;
/// No class of the development set may have a lower recall.
const LABELED_CLASS_RECALL: f64 = 0.8;

/// One labeled message.
struct Sample {
    id: String,
    lang: String,
    expected: ReplyKind,
    from: Option<String>,
    subject: String,
    body: String,
    headers: Vec<(String, String)>,
}

/// A message's classification next to its label.
struct Outcome {
    id: String,
    lang: String,
    expected: ReplyKind,
    found: ReplyKind,
    cue: String,
}

#[expect(clippy::panic, reason = "a test helper: an unreadable data file fails the test")]
fn load(name: &str) -> Vec<Sample> {
    let path = format!("{}/../../tests/replies/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| parse(line).unwrap_or_else(|error| panic!("{name}:{}: {error}", number + 1)))
        .collect()
}

fn parse(line: &str) -> Result<Sample, String> {
    let value: Value = serde_json::from_str(line).map_err(|error| error.to_string())?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let expected = text("expected").ok_or("no `expected`")?;
    let headers = match value.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| Ok((name.clone(), value.as_str().ok_or("header values are strings")?.to_owned())))
            .collect::<Result<_, String>>()?,
        Some(_) => return Err("`headers` is an object".to_owned()),
    };
    Ok(Sample {
        id: text("id").ok_or("no `id`")?,
        lang: text("lang").ok_or("no `lang`")?,
        expected: ReplyKind::parse(&expected).ok_or(format!("`{expected}` is not a reply kind"))?,
        from: text("from"),
        subject: text("subject").unwrap_or_default(),
        body: text("body").unwrap_or_default(),
        headers,
    })
}

fn run(samples: &[Sample]) -> Vec<Outcome> {
    samples
        .iter()
        .map(|sample| {
            let message = IncomingMessage {
                from: sample.from.as_deref(),
                subject: &sample.subject,
                body: &sample.body,
                headers: &sample.headers,
            };
            let found = classify(&message);
            Outcome {
                id: sample.id.clone(),
                lang: sample.lang.clone(),
                expected: sample.expected,
                found: found.kind,
                cue: format!("{:?} `{}`", found.source, found.cue),
            }
        })
        .collect()
}

#[expect(clippy::cast_precision_loss, reason = "counts of a few hundred")]
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

fn accuracy(outcomes: &[Outcome]) -> f64 {
    ratio(outcomes.iter().filter(|outcome| outcome.found == outcome.expected).count(), outcomes.len())
}

/// Recall of `kind`: of the messages labeled `kind`, the share found.
fn recall(outcomes: &[Outcome], kind: ReplyKind) -> f64 {
    let labeled: Vec<_> = outcomes.iter().filter(|outcome| outcome.expected == kind).collect();
    ratio(labeled.iter().filter(|outcome| outcome.found == kind).count(), labeled.len())
}

/// Precision of `kind`: of the messages found `kind`, the share labeled so.
fn precision(outcomes: &[Outcome], kind: ReplyKind) -> f64 {
    let found: Vec<_> = outcomes.iter().filter(|outcome| outcome.found == kind).collect();
    ratio(found.iter().filter(|outcome| outcome.expected == kind).count(), found.len())
}

/// The per-class table, per-language accuracy and the misclassified ids.
fn report(name: &str, outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let correct = outcomes.iter().filter(|outcome| outcome.found == outcome.expected).count();
    let _ = writeln!(out, "\n== {name}: {correct}/{} correct, accuracy {:.3}", outcomes.len(), accuracy(outcomes));
    let _ = writeln!(out, "{:<10} {:>9} {:>7} {:>6}", "class", "precision", "recall", "count");
    for kind in ReplyKind::ALL {
        let count = outcomes.iter().filter(|outcome| outcome.expected == kind).count();
        let _ = writeln!(
            out,
            "{:<10} {:>9.3} {:>7.3} {:>6}",
            kind.as_str(),
            precision(outcomes, kind),
            recall(outcomes, kind),
            count
        );
    }
    let languages: BTreeSet<&str> = outcomes.iter().map(|outcome| outcome.lang.as_str()).collect();
    let by_language: Vec<String> = languages
        .iter()
        .map(|lang| {
            let of: Vec<&Outcome> = outcomes.iter().filter(|outcome| outcome.lang == *lang).collect();
            let right = of.iter().filter(|outcome| outcome.found == outcome.expected).count();
            format!("{lang} {right}/{}", of.len())
        })
        .collect();
    let _ = writeln!(out, "by language: {}", by_language.join(", "));
    let misses: Vec<&Outcome> = outcomes.iter().filter(|outcome| outcome.found != outcome.expected).collect();
    let _ = writeln!(out, "misclassified: {}", misses.len());
    // `REPLIES_VERBOSE=1` lists every message with the cue that decided it.
    let listed = if std::env::var_os("REPLIES_VERBOSE").is_some() { outcomes.iter().collect() } else { misses };
    for miss in listed {
        let _ = writeln!(
            out,
            "  {:<16} expected {:<9} found {:<9} by {}",
            miss.id,
            miss.expected.as_str(),
            miss.found.as_str(),
            miss.cue
        );
    }
    out
}

fn check_set(samples: &[Sample], name: &str, minimum: usize) {
    assert!(samples.len() >= minimum, "{name}: {} samples, want at least {minimum}", samples.len());
    let ids: BTreeSet<&str> = samples.iter().map(|sample| sample.id.as_str()).collect();
    assert_eq!(ids.len(), samples.len(), "{name}: ids are not unique");
    for kind in ReplyKind::ALL {
        assert!(samples.iter().any(|sample| sample.expected == kind), "{name}: no `{}` sample", kind.as_str());
    }
    for lang in ["en", "de", "fr", "es"] {
        assert!(samples.iter().any(|sample| sample.lang == lang), "{name}: no `{lang}` sample");
    }
}

#[test]
fn labeled_set_meets_its_floors() {
    let samples = load("labeled.jsonl");
    check_set(&samples, "labeled", 150);
    let outcomes = run(&samples);
    println!("{}", report("labeled (development set)", &outcomes));
    let overall = accuracy(&outcomes);
    assert!(overall >= LABELED_ACCURACY, "labeled accuracy {overall:.3} < {LABELED_ACCURACY}");
    for kind in ReplyKind::ALL {
        let value = recall(&outcomes, kind);
        assert!(
            value >= LABELED_CLASS_RECALL,
            "labeled recall of {} is {value:.3} < {LABELED_CLASS_RECALL}",
            kind.as_str()
        );
    }
}

#[test]
fn holdout_set_meets_its_floor() {
    let samples = load("holdout.jsonl");
    check_set(&samples, "holdout", 40);
    let outcomes = run(&samples);
    println!("{}", report("holdout (never tuned on)", &outcomes));
    let overall = accuracy(&outcomes);
    assert!(overall >= HOLDOUT_ACCURACY, "holdout accuracy {overall:.3} < {HOLDOUT_ACCURACY}");
}

/// The challenge set was written after tuning, by the same hand, to find
/// weaknesses: hard phrasings, partial fixes, automatic mail without the
/// usual markers. Its table is printed, not held to a floor: its misses are
/// the known limits (see `tests/replies/README.md`).
#[test]
fn challenge_set_is_reported() {
    let samples = load("challenge.jsonl");
    let outcomes = run(&samples);
    println!("{}", report("challenge (written after tuning, report only)", &outcomes));
    assert_eq!(outcomes.len(), samples.len());
}

#[test]
fn the_sets_do_not_share_messages() {
    let labeled = load("labeled.jsonl");
    let holdout = load("holdout.jsonl");
    let ids: BTreeSet<&str> = labeled.iter().map(|sample| sample.id.as_str()).collect();
    let bodies: BTreeSet<&str> = labeled.iter().map(|sample| sample.body.as_str()).collect();
    for sample in &holdout {
        assert!(!ids.contains(sample.id.as_str()), "{} is in both sets", sample.id);
        assert!(
            sample.body.is_empty() || !bodies.contains(sample.body.as_str()),
            "{} repeats a labeled body",
            sample.id
        );
    }
}

#[test]
fn own_words_are_found_in_every_message() {
    use followup_engine::mail::{html_to_text, own_words};
    for sample in load("labeled.jsonl").iter().chain(&load("holdout.jsonl")) {
        let words = own_words(&html_to_text(&sample.body));
        let expects_words = matches!(sample.expected, ReplyKind::Favorable | ReplyKind::Negative | ReplyKind::Question);
        assert!(!expects_words || !words.is_empty(), "{}: no own words found", sample.id);
        for marker in ["wrote:", "schrieb", "a écrit", "escribió", "From:", "Von:", "-----Original", "Sent from my"] {
            assert!(!words.contains(marker), "{}: `{marker}` left in the own words:\n{words}", sample.id);
        }
    }
}

#[test]
fn classification_never_panics_on_odd_input() {
    let headers = [("Auto-Submitted".to_owned(), String::new()), (String::new(), "x".to_owned())];
    for body in
        ["", "<", "&#", "&#x110000;", "<!--", "<p", "\u{0}\u{feff}", "> \n>", "?", "¿", "On\nwrote:", "-- ", "ÀÉÎ"]
    {
        for subject in ["", ":", "Automatic reply:", "\u{1F44D}"] {
            let message = IncomingMessage { from: Some("<>"), subject, body, headers: &headers };
            let _ = classify(&message);
        }
    }
}

/// Prints what classification reads of each message (the customer's own
/// words without the sign-off) to review the mail helpers by eye:
/// `cargo test -p followup-engine --test replies -- --ignored --nocapture`.
#[test]
#[ignore = "a listing to read, not a check"]
fn print_own_words() {
    use followup_engine::mail::{html_to_text, own_words, strip_sign_off};
    for name in ["labeled.jsonl", "holdout.jsonl"] {
        for sample in load(name) {
            let words = own_words(&html_to_text(&sample.body));
            println!(
                "--- {} ({})\n{}\n  [core] {}",
                sample.id,
                sample.expected.as_str(),
                words,
                strip_sign_off(&words).replace('\n', " / ")
            );
        }
    }
}

/// Prints how long classification takes per message on both sets, and
/// its parts (run it in release: `cargo test --release -p followup-engine
/// --test replies -- --ignored --nocapture throughput`).
#[test]
#[ignore = "a measurement to read, not a check"]
fn throughput() {
    use followup_engine::mail::{html_to_text, own_words, strip_sign_off};
    use std::time::Instant;
    let mut samples = load("labeled.jsonl");
    samples.extend(load("holdout.jsonl"));
    let rounds = 400;
    let messages = u32::try_from(samples.len() * rounds).unwrap_or(u32::MAX);
    let bytes: usize = samples.iter().map(|sample| sample.body.len()).sum();
    let time = |name: &str, work: &dyn Fn(&Sample) -> usize| {
        let started = Instant::now();
        let mut total = 0usize;
        for _ in 0..rounds {
            total += samples.iter().map(work).sum::<usize>();
        }
        println!("{name:<28} {:>9.2?} per message (checksum {total})", started.elapsed() / messages);
    };
    println!("{} messages, {} bytes of body on average", samples.len(), bytes / samples.len());
    time("classify", &|sample| {
        let message = IncomingMessage {
            from: sample.from.as_deref(),
            subject: &sample.subject,
            body: &sample.body,
            headers: &sample.headers,
        };
        classify(&message).cue.len()
    });
    time("html_to_text", &|sample| html_to_text(&sample.body).len());
    time("html_to_text + own_words", &|sample| strip_sign_off(&own_words(&html_to_text(&sample.body))).len());
}

/// Every set, 400 messages or more.
fn every_sample() -> Vec<Sample> {
    ["labeled.jsonl", "holdout.jsonl", "challenge.jsonl", "extended.jsonl"].into_iter().flat_map(load).collect()
}

/// Whether a reading is dangerous: a message that is not favorable read as
/// favorable (the chase stops with no card), a person's message read as
/// machine mail (nobody answers it), or a bounce read as anything else
/// (the agent resolves a case whose emails never arrived).
fn is_dangerous(expected: ReplyKind, found: ReplyKind) -> bool {
    (found == ReplyKind::Favorable && expected != ReplyKind::Favorable)
        || (expected.is_response() && !found.is_response())
        || (expected == ReplyKind::Bounce && found != ReplyKind::Bounce)
}

/// A confusion matrix: rows the labels, columns the readings.
fn matrix(title: &str, outcomes: &[&Outcome]) -> String {
    let mut out = String::new();
    let correct = outcomes.iter().filter(|outcome| outcome.found == outcome.expected).count();
    let _ = writeln!(out, "-- {title}: {correct}/{} correct", outcomes.len());
    let _ = write!(out, "{:<10}", "label\\read");
    for kind in ReplyKind::ALL {
        let _ = write!(out, " {:>9}", kind.as_str());
    }
    let _ = writeln!(out);
    for expected in ReplyKind::ALL {
        let row: Vec<usize> = ReplyKind::ALL
            .iter()
            .map(|found| outcomes.iter().filter(|o| o.expected == expected && o.found == *found).count())
            .collect();
        if row.iter().sum::<usize>() == 0 {
            continue;
        }
        let _ = write!(out, "{:<10}", expected.as_str());
        for count in row {
            let _ = write!(out, " {count:>9}");
        }
        let _ = writeln!(out);
    }
    out
}

/// The whole corpus, read: a confusion matrix per language and for
/// messages with and without headers, and no dangerous reading.
#[test]
fn no_reading_is_dangerous() {
    let samples = every_sample();
    assert!(samples.len() >= 400, "{} messages, want at least 400", samples.len());
    let ids: BTreeSet<&str> = samples.iter().map(|sample| sample.id.as_str()).collect();
    assert_eq!(ids.len(), samples.len(), "ids are not unique across the sets");
    let with_headers: BTreeSet<&str> =
        samples.iter().filter(|sample| !sample.headers.is_empty()).map(|sample| sample.id.as_str()).collect();
    let outcomes = run(&samples);
    let mut out = format!("\n== every set: {} messages\n", outcomes.len());
    let all: Vec<&Outcome> = outcomes.iter().collect();
    out.push_str(&matrix("all", &all));
    let languages: BTreeSet<&str> = outcomes.iter().map(|outcome| outcome.lang.as_str()).collect();
    for lang in languages {
        let of: Vec<&Outcome> = outcomes.iter().filter(|outcome| outcome.lang == lang).collect();
        out.push_str(&matrix(&format!("language {lang}"), &of));
    }
    for (title, headers) in [("with headers", true), ("without headers", false)] {
        let of: Vec<&Outcome> =
            outcomes.iter().filter(|outcome| with_headers.contains(outcome.id.as_str()) == headers).collect();
        out.push_str(&matrix(title, &of));
    }
    let dangerous: Vec<&Outcome> =
        outcomes.iter().filter(|outcome| is_dangerous(outcome.expected, outcome.found)).collect();
    let _ = writeln!(out, "dangerous readings: {}", dangerous.len());
    for outcome in &dangerous {
        let _ = writeln!(
            out,
            "  {:<22} expected {:<9} found {:<9} by {}",
            outcome.id,
            outcome.expected.as_str(),
            outcome.found.as_str(),
            outcome.cue
        );
    }
    println!("{out}");
    assert!(dangerous.is_empty(), "{} dangerous readings (see the list above)", dangerous.len());
}

/// A body of megabytes is read in bounded time, whatever it holds.
#[test]
fn megabyte_bodies_are_read_in_bounded_time() {
    let bodies = [
        format!("Still broken, log below.\n{}", "x ".repeat(1 << 20)),
        format!("<p>{}</p>", "Thanks again. ".repeat(150_000)),
        "> quoted\n".repeat(250_000),
        "a".repeat(2 << 20),
    ];
    for body in &bodies {
        let started = std::time::Instant::now();
        let found =
            classify(&IncomingMessage { from: Some("kim@fabrikam.example"), subject: "RE: case", body, headers: &[] });
        assert!(started.elapsed().as_secs() < 5, "{} bytes took {:?}", body.len(), started.elapsed());
        assert!(found.kind != ReplyKind::Favorable || body.contains("Thanks again"), "{} bytes", body.len());
    }
}
