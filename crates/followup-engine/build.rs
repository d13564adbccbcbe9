//! Writes the language files (`src/language/<code>.txt`) and the reply
//! lexicons (`src/replies/lexicon/<name>.txt`) into `OUT_DIR` without
//! their comment lines (and the lexicons without blank lines), for
//! `include_str!`: the comments are for translators, and each byte built
//! in is a byte of the wasm module. The language files' entries are
//! written in the order of their keys, for `language/texts.rs`'s binary
//! search (the sources keep the order that reads best).

use std::path::Path;

/// The entries of a language file without the comment lines between them
/// (a line that starts with `#` outside a `key:` block, as
/// `language/texts.rs` reads them), sorted by key: each entry is its line,
/// or its `key:` line, the block's lines and the closing `.`.
fn sorted_entries(text: &str) -> String {
    let mut entries: Vec<String> = Vec::new();
    let mut in_block = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if in_block {
            in_block = bare != ".";
            if let Some(entry) = entries.last_mut() {
                entry.push_str(bare);
                entry.push('\n');
            }
        } else if !bare.starts_with('#') && !bare.is_empty() {
            in_block = bare.ends_with(':') && !bare.contains(": ");
            entries.push(format!("{bare}\n"));
        }
    }
    entries.sort_by(|left, right| key(left).cmp(key(right)));
    entries.concat()
}

fn key(entry: &str) -> &str {
    entry.split_once(':').map_or(entry, |(key, _)| key)
}

/// A lexicon without its comment and blank lines, which the engine skips
/// (`replies/lexicon.rs`).
fn lexicon_without_comments(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    for line in text.lines().filter(|line| !line.trim().is_empty() && !line.trim().starts_with('#')) {
        kept.push_str(line);
        kept.push('\n');
    }
    kept
}

fn main() {
    let out = std::env::var_os("OUT_DIR").unwrap_or_default();
    for code in ["en", "de", "fr", "es"] {
        let source = Path::new("src/language").join(format!("{code}.txt"));
        println!("cargo::rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).unwrap_or_default();
        let _ = std::fs::write(Path::new(&out).join(format!("{code}.txt")), sorted_entries(&text));
    }
    let _ = std::fs::create_dir_all(Path::new(&out).join("lexicon"));
    for name in ["en", "de", "fr", "es", "neutral", "others"] {
        let source = Path::new("src/replies/lexicon").join(format!("{name}.txt"));
        println!("cargo::rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).unwrap_or_default();
        let target = Path::new(&out).join("lexicon").join(format!("{name}.txt"));
        let _ = std::fs::write(target, lexicon_without_comments(&text));
    }
}
