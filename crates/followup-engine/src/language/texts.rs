//! Every text the engine writes, one data file per language
//! (`language/en.txt`, `de.txt`, `fr.txt`, `es.txt`), split into its
//! entries once, on first use. English is always read into the binary
//! with `include_str!`; German, French and Spanish are too under the
//! `builtin-languages` feature (on by default), else a host installs them
//! once with [`install`] (the wasm package does, when it loads). An entry
//! is `key: text` on one line, or `key:` alone and the text on the lines
//! after it up to a line `.` (the built-in templates). `{}` in a text
//! stands for a value that [`fill`] puts in, in order.

use std::sync::OnceLock;

use super::Lang;
use crate::problem::{Problem, ProblemCode};

type Entries = Vec<(&'static str, &'static str)>;

/// The lists of names, whose words are counted: each language has as many.
const WORD_LISTS: [&str; 5] = ["date.weekdays", "date.months", "date.shortMonths", "date.units", "name.languages"];

/// The most bytes one language's texts may take (each file is about 10 KB).
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// The texts built into the binary: English always, the others under the
/// `builtin-languages` feature; without their comment lines (build.rs).
#[cfg_attr(feature = "builtin-languages", expect(clippy::unnecessary_wraps, reason = "None without the feature"))]
fn built_in_file(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => Some(include_str!(concat!(env!("OUT_DIR"), "/en.txt"))),
        #[cfg(feature = "builtin-languages")]
        Lang::De => Some(include_str!(concat!(env!("OUT_DIR"), "/de.txt"))),
        #[cfg(feature = "builtin-languages")]
        Lang::Fr => Some(include_str!(concat!(env!("OUT_DIR"), "/fr.txt"))),
        #[cfg(feature = "builtin-languages")]
        Lang::Es => Some(include_str!(concat!(env!("OUT_DIR"), "/es.txt"))),
        #[cfg(not(feature = "builtin-languages"))]
        Lang::De | Lang::Fr | Lang::Es => None,
    }
}

/// The entries of a file, in order; comment lines (`#`) and blank lines
/// between entries are skipped.
fn entries(file: &str) -> Vec<(&str, &str)> {
    let mut entries = Vec::new();
    let mut rest = file;
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        rest = after;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, text)) = line.split_once(':') else {
            continue;
        };
        if text.is_empty() {
            // The text is every line up to a line `.`, without the last
            // line break.
            let end = rest.find("\n.\n").map_or(rest.len(), |at| at + 1);
            let block = rest.get(..end).unwrap_or_default();
            rest = rest.get(end + 2..).unwrap_or_default();
            entries.push((key, block.strip_suffix('\n').unwrap_or(block)));
        } else {
            entries.push((key, text.strip_prefix(' ').unwrap_or(text)));
        }
    }
    entries
}

static TABLES: [OnceLock<Entries>; 4] = [const { OnceLock::new() }; 4];

/// The entries of `lang`, when its texts are built in or installed.
fn table(lang: Lang) -> Option<&'static [(&'static str, &'static str)]> {
    let cell = TABLES.get(lang as usize)?;
    if let Some(entries) = cell.get() {
        return Some(entries);
    }
    let file = built_in_file(lang)?;
    Some(cell.get_or_init(|| entries(file)))
}

/// Whether the engine has the texts of `lang`: built in, or installed.
#[must_use]
pub fn available(lang: Lang) -> bool {
    table(lang).is_some()
}

/// How the texts of a language's built-in templates are checked: given
/// to [`install_texts`] by its caller, so that this module does not use
/// the template module that uses it.
pub(crate) type TemplateCheck = dyn for<'a> Fn(Lang, &dyn Fn(&str) -> &'a str) -> Result<(), Problem>;

/// Installs the texts of `lang` (see `crate::api::install_language`),
/// their built-in templates checked by `check_templates`.
pub(crate) fn install_texts(lang: Lang, text: &str, check_templates: &TemplateCheck) -> Result<(), Problem> {
    let refused = |message: &str| Err(Problem::new(ProblemCode::InvalidValue, "text", message));
    if text.len() > MAX_TEXT_BYTES {
        return refused("a language's texts take at most 256 KiB");
    }
    let given = entries(text);
    if let Some(known) = table(lang) {
        return if given.len() == known.len() && known.iter().all(|(key, known)| find(&given, key) == *known) {
            Ok(())
        } else {
            refused("the language has other texts installed already")
        };
    }
    check(&given)?;
    check_templates(lang, &|key| find(&given, key))?;
    // Kept for the life of the process: at most once per language.
    let file: &'static str = Box::leak(text.into());
    if let Some(cell) = TABLES.get(lang as usize) {
        // In English's order, which is by key (checked above: the same
        // keys, each once). Another thread may have installed the
        // language meanwhile: the first text stays, as a built-in one would.
        let given = entries(file);
        let english = table(Lang::En).unwrap_or_default();
        let _ = cell.set(english.iter().map(|(key, _)| (*key, find(&given, key))).collect());
    }
    Ok(())
}

/// The text of `key` among entries in any order (a language being installed).
fn find<'a>(entries: &[(&'a str, &'a str)], key: &str) -> &'a str {
    entries.iter().find(|(known, _)| *known == key).map_or("", |(_, text)| text)
}

/// The text of `key` in a table: sorted by key, as build.rs writes the
/// built-in files and [`install_texts`] puts installed ones.
fn lookup<'a>(table: &[(&'a str, &'a str)], key: &str) -> &'a str {
    match table.get(table.partition_point(|(known, _)| *known < key)) {
        Some((known, text)) if *known == key => text,
        _ => "",
    }
}

/// How many `{}` (values to fill) `text` has: counted without a string
/// search, which the module would pay for in code.
fn holes(text: &str) -> usize {
    text.as_bytes().windows(2).filter(|pair| *pair == b"{}").count()
}

/// How many words a list of names has, less one.
fn spaces(text: &str) -> usize {
    text.bytes().filter(|byte| *byte == b' ').count()
}

/// Checks a language's entries against English: the same keys, each once,
/// as many `{}` in each text, no text empty or ending in white space, the
/// lists of names of the same length.
///
/// # Errors
/// The first problem found, at `text.<key>`.
pub fn check(entries: &[(&str, &str)]) -> Result<(), Problem> {
    let english = table(Lang::En).unwrap_or_default();
    let missing = english.iter().find(|(key, _)| !entries.iter().any(|(given, _)| given == key));
    let problem = entries.iter().enumerate().find_map(|(position, (key, text))| {
        let Some((_, model)) = english.iter().find(|(known, _)| known == key) else {
            return Some((*key, "is not a text the engine writes"));
        };
        let what = if entries.iter().take(position).any(|(earlier, _)| earlier == key) {
            "is given twice"
        } else if holes(text) != holes(model) {
            "has not as many `{}` as the English text"
        } else if text.is_empty() || text.ends_with(char::is_whitespace) {
            "is empty or ends in white space"
        } else if WORD_LISTS.contains(key) && spaces(text) != spaces(model) {
            "has not as many words as the English text"
        } else {
            return None;
        };
        Some((*key, what))
    });
    match problem.or_else(|| missing.map(|(key, _)| (*key, "is missing"))) {
        Some((key, what)) => {
            Err(Problem::new(ProblemCode::InvalidValue, format!("text.{key}"), format!("`{key}` {what}")))
        }
        None => Ok(()),
    }
}

/// The text `key` in `lang`, in English when `lang` is not available
/// (the engine asks only for available ones: 12.10); the empty text for a
/// key the file lacks (a test checks that every key the engine asks for is
/// in every file).
#[must_use]
pub fn text(lang: Lang, key: &str) -> &'static str {
    lookup(table(lang).or_else(|| table(Lang::En)).unwrap_or_default(), key)
}

/// The `position`th word of the text `key` in `lang` (the lists of names:
/// `date.months`, `name.languages`).
#[must_use]
pub fn nth_word(lang: Lang, key: &str, position: usize) -> &'static str {
    let mut words = text(lang, key);
    for _ in 0..position {
        words = words.split_once(' ').map_or("", |(_, rest)| rest);
    }
    words.split_once(' ').map_or(words, |(word, _)| word)
}

/// The text `key` in `lang`, its `{}` replaced by `values` in order.
#[must_use]
pub fn fill(lang: Lang, key: &str, values: &[&str]) -> String {
    let pattern = text(lang, key);
    let mut text = String::with_capacity(pattern.len() + 32);
    let mut values = values.iter();
    let mut pieces = pattern.split("{}");
    text.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        text.push_str(values.next().copied().unwrap_or_default());
        text.push_str(piece);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lang: Lang) -> &'static str {
        match lang {
            Lang::En => include_str!("en.txt"),
            Lang::De => include_str!("de.txt"),
            Lang::Fr => include_str!("fr.txt"),
            Lang::Es => include_str!("es.txt"),
        }
    }

    fn lexicon(lang: Lang) -> &'static str {
        match lang {
            Lang::En => include_str!("../replies/lexicon/en.txt"),
            Lang::De => include_str!("../replies/lexicon/de.txt"),
            Lang::Fr => include_str!("../replies/lexicon/fr.txt"),
            Lang::Es => include_str!("../replies/lexicon/es.txt"),
        }
    }

    #[test]
    fn every_language_has_the_same_entries_in_the_same_order() {
        let english = entries(file(Lang::En));
        assert!(english.len() > 90, "{}", english.len());
        let english_keys: Vec<&str> = english.iter().map(|(key, _)| *key).collect();
        for lang in Lang::ALL {
            let entries = entries(file(lang));
            assert_eq!(check(&entries), Ok(()), "{lang:?}");
            let keys: Vec<&str> = entries.iter().map(|(key, _)| *key).collect();
            assert_eq!(keys, english_keys, "{lang:?}");
            assert_eq!(crate::template::check_built_in(lang, &|key| find(&entries, key)), Ok(()), "{lang:?}");
        }
    }

    #[test]
    fn a_text_unlike_english_is_refused_at_its_key() {
        let german = file(Lang::De);
        let path = |text: &str| check(&entries(text)).map_err(|problem| problem.path);
        let without = german.replace("summary.or: {} oder {}\n", "");
        assert_eq!(path(&without), Err("text.summary.or".to_owned()));
        let one_value = german.replace("summary.or: {} oder {}", "summary.or: {} oder");
        assert_eq!(path(&one_value), Err("text.summary.or".to_owned()));
        let extra = format!("{german}summary.nope: Nein\n");
        assert_eq!(path(&extra), Err("text.summary.nope".to_owned()));
        let twice = format!("{german}summary.or: {{}} oder {{}}\n");
        assert_eq!(path(&twice), Err("text.summary.or".to_owned()));
        let months = german.replace("Januar Februar", "Januar");
        assert_eq!(path(&months), Err("text.date.months".to_owned()));
        let blank = german.replace("summary.or: {} oder {}", "summary.or: {} oder {} ");
        assert_eq!(path(&blank), Err("text.summary.or".to_owned()));
        let broken = german.replace("Guten Tag", "{{#if customer.firstName}");
        assert_eq!(
            crate::template::check_built_in(Lang::De, &|key| find(&entries(&broken), key)).map_err(|p| p.code),
            Err(ProblemCode::TemplateSyntax)
        );
        let message = check(&entries(&one_value)).unwrap_err().message;
        assert_eq!(message, "`summary.or` has not as many `{}` as the English text");
    }

    #[test]
    fn the_built_in_files_are_the_files_in_key_order_without_comments() {
        for lang in Lang::ALL {
            if let Some(built_in) = built_in_file(lang) {
                assert!(!built_in.contains("\n#"), "{lang:?}");
                let built_in = entries(built_in);
                assert!(built_in.windows(2).all(|pair| pair[0].0 < pair[1].0), "{lang:?}");
                let mut source = entries(file(lang));
                source.sort_unstable();
                assert_eq!(built_in, source, "{lang:?}");
                assert!(built_in.iter().all(|(key, text)| lookup(&built_in, key) == *text), "{lang:?}");
            }
        }
    }

    #[test]
    fn english_is_built_in_and_keeps_its_texts() {
        assert!(available(Lang::En));
        let english = lexicon(Lang::En);
        assert_eq!(crate::api::install_language(Lang::En, file(Lang::En), english), Ok(()));
        let changed = file(Lang::En).replace("Hello", "Hi");
        assert_eq!(
            crate::api::install_language(Lang::En, &changed, english).map_err(|problem| problem.path),
            Err("text".to_owned())
        );
        let other = english.replace("[solved]\n", "[solved]\nall sorted now\n");
        assert_eq!(
            crate::api::install_language(Lang::En, file(Lang::En), &other).map_err(|problem| problem.path),
            Err("lexicon".to_owned())
        );
        // Without its comment lines, as the package carries it, it is the same.
        let bare = english.lines().filter(|line| !line.starts_with('#')).collect::<Vec<_>>().join("\n");
        assert_eq!(crate::api::install_language(Lang::En, file(Lang::En), &bare), Ok(()));
        assert!(text(Lang::En, "first.body").starts_with("Hello"));
    }

    #[cfg(feature = "builtin-languages")]
    #[test]
    fn built_in_languages_take_their_own_text_again_and_no_other() {
        for lang in Lang::ALL {
            assert!(available(lang), "{lang:?}");
            assert_eq!(crate::api::install_language(lang, file(lang), lexicon(lang)), Ok(()), "{lang:?}");
        }
        let changed = file(Lang::De).replace("Guten Tag", "Hallo");
        assert!(crate::api::install_language(Lang::De, &changed, lexicon(Lang::De)).is_err());
        assert!(text(Lang::De, "first.body").contains("Guten Tag"));
    }

    #[cfg(feature = "builtin-languages")]
    #[test]
    fn texts_fill_in_order() {
        assert_eq!(fill(Lang::De, "summary.or", &["a", "b"]), "a oder b");
        assert_eq!(fill(Lang::Es, "summary.or", &["a"]), "a o ");
        assert_eq!(text(Lang::Fr, "summary.to"), " à {}");
        assert_eq!(nth_word(Lang::Es, "date.months", 10), "noviembre");
        assert_eq!(text(Lang::En, "no.such.key"), "");
        assert!(text(Lang::En, "first.body").starts_with("Hello"));
        assert!(text(Lang::En, "first.body").ends_with("\"Customer Support\"}}"));
    }
}
