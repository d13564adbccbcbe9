//! Tests of the lexicon files and their reading (`super`).

use super::*;

/// Every data file, built in or not.
const SOURCES: [File; 6] = [
    File { lang: Lang::En, text: include_str!("en.txt") },
    File { lang: Lang::De, text: include_str!("de.txt") },
    File { lang: Lang::Fr, text: include_str!("fr.txt") },
    File { lang: Lang::Es, text: include_str!("es.txt") },
    File { lang: Lang::Neutral, text: include_str!("neutral.txt") },
    File { lang: Lang::Others, text: include_str!("others.txt") },
];

fn every_entry() -> impl Iterator<Item = (&'static str, Option<Section>, &'static str)> {
    SOURCES.iter().flat_map(|file| {
        lines(file.text).map(move |line| match line {
            Line::Entry(section, entry) => (file.lang.code(), section, entry),
            Line::UnknownSection(name) => (file.lang.code(), None, name),
        })
    })
}

#[test]
fn every_section_is_known_and_opened() {
    for (code, section, entry) in every_entry() {
        assert!(section.is_some(), "{code}: `{entry}` is not under a known [section]");
    }
}

#[test]
fn entries_are_folded_trimmed_and_not_empty() {
    for (code, _, entry) in every_entry() {
        assert!(!entry.is_empty(), "{code}: empty entry");
        assert_eq!(entry, fold(entry), "{code}: `{entry}` is not folded");
        assert!(!entry.contains("  "), "{code}: `{entry}` has double spaces");
    }
}

#[test]
fn word_lists_hold_single_words() {
    for (code, section, entry) in every_entry() {
        if matches!(section, Some(Section::Negators | Section::NegatorsAfter | Section::Stopwords)) {
            assert!(!entry.contains(' '), "{code}: `{entry}` is not one word");
        }
    }
}

#[test]
fn no_section_repeats_an_entry() {
    let mut seen = std::collections::HashSet::new();
    for (code, section, entry) in every_entry() {
        assert!(seen.insert((code, format!("{section:?}"), entry)), "{code} {section:?}: `{entry}` twice");
    }
}

#[test]
fn header_lists_are_lowercase() {
    for name in AUTO_REPLY_HEADERS.iter().chain(&BOUNCE_HEADERS).chain(&BOUNCE_SENDERS).chain(&BOUNCE_SENDER_NAMES)
    {
        assert_eq!(*name, name.to_ascii_lowercase());
    }
    assert_eq!(WEAK_AUTO_HEADER, WEAK_AUTO_HEADER.to_ascii_lowercase());
}

#[test]
fn the_built_in_files_without_comments_read_as_the_files() {
    for (built_in, file) in FILES.iter().zip(&SOURCES) {
        assert!(!built_in.text.contains('#'), "{}", file.lang.code());
        assert!(lines(built_in.text).eq(lines(file.text)), "{}", file.lang.code());
    }
}

#[test]
fn every_file_passes_the_install_check() {
    for file in &SOURCES {
        assert_eq!(check(file.text), Ok(()), "{}", file.lang.code());
    }
}

#[test]
fn a_lexicon_unlike_the_files_is_refused_naming_the_line() {
    let german = SOURCES[1].text;
    let refused = |text: &str| check(text).map_err(|problem| (problem.path, problem.message));
    let message = |text: &str| refused(text).map_err(|(path, message)| format!("{path}: {message}"));
    assert_eq!(
        message(&german.replace("[solved]", "[gelöst]")),
        Err("lexicon: `gelöst` is not a section of the lexicon".to_owned())
    );
    assert_eq!(
        message(&format!("funktioniert\n{german}")),
        Err("lexicon: `funktioniert` is not under a known `[section]`".to_owned())
    );
    assert_eq!(
        message(&german.replace("funktioniert jetzt\n", "Funktioniert jetzt\n")),
        Err("lexicon: `Funktioniert jetzt` is not folded (lowercase, no accents)".to_owned())
    );
    // A run of spaces reads as one space, in a lexicon as in a message.
    assert_eq!(message(&german.replace("funktioniert jetzt\n", "funktioniert  jetzt\n")), Ok(()));
    assert_eq!(
        message(&format!("{german}\n[stopwords]\nder die\n")),
        Err("lexicon: `der die` is not one word".to_owned())
    );
    // Entries are trimmed, as the matcher reads them.
    assert_eq!(check(&format!("{german}\n[greeting]\n  servus miteinander  \n")), Ok(()));
}

#[test]
fn the_bounds_cover_what_the_matcher_compiles() {
    let matcher = super::super::matcher::matcher();
    assert!(matcher.pattern_count() <= MAX_PATTERNS, "{} > {MAX_PATTERNS}", matcher.pattern_count());
    assert!(matcher.phrase_count() <= MAX_PHRASES, "{} > {MAX_PHRASES}", matcher.phrase_count());
}
