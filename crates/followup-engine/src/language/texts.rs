//! Every text the engine writes, one data file per language
//! (`language/en.txt`, `de.txt`, `fr.txt`, `es.txt`) read into the binary
//! with `include_str!` and split into its entries once, on first use. An
//! entry is `key: text` on one line, or `key:` alone and the text on the
//! lines after it up to a line `.` (the built-in templates). `{}` in a
//! text stands for a value that [`fill`] puts in, in order.

use std::sync::OnceLock;

use super::Lang;

type Entries = Vec<(&'static str, &'static str)>;

fn file(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("en.txt"),
        Lang::De => include_str!("de.txt"),
        Lang::Fr => include_str!("fr.txt"),
        Lang::Es => include_str!("es.txt"),
    }
}

/// The entries of a file, in order; comment lines (`#`) and blank lines
/// between entries are skipped.
fn entries(file: &'static str) -> Entries {
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

fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    static TABLES: [OnceLock<Entries>; 4] = [const { OnceLock::new() }; 4];
    TABLES.get(lang as usize).map_or(&[], |cell| cell.get_or_init(|| entries(file(lang))))
}

/// The text `key` in `lang`; the empty text for a key the file lacks (a
/// test checks that every key the engine asks for is in every file).
#[must_use]
pub fn text(lang: Lang, key: &str) -> &'static str {
    table(lang).iter().find(|(known, _)| *known == key).map_or("", |(_, text)| text)
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

    #[test]
    fn every_language_has_the_same_entries_with_the_same_values() {
        let english = table(Lang::En);
        assert!(english.len() > 90, "{}", english.len());
        for lang in Lang::ALL {
            let entries = table(lang);
            let keys: Vec<&str> = entries.iter().map(|(key, _)| *key).collect();
            let english_keys: Vec<&str> = english.iter().map(|(key, _)| *key).collect();
            assert_eq!(keys, english_keys, "{lang:?}");
            for ((key, text), (_, english)) in entries.iter().zip(english) {
                assert_eq!(text.matches("{}").count(), english.matches("{}").count(), "{lang:?} {key}");
                assert!(!text.is_empty() && !text.ends_with(char::is_whitespace), "{lang:?} {key}");
                if ["date.weekdays", "date.months", "date.shortMonths", "date.units", "name.languages"].contains(key) {
                    assert_eq!(text.split(' ').count(), english.split(' ').count(), "{lang:?} {key}");
                }
            }
        }
    }

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
