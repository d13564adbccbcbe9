//! Writes the language files (`src/language/<code>.txt`) and the reply
//! lexicons (`src/replies/lexicon/<name>.txt`) into `OUT_DIR` without
//! their comment lines (and the lexicons without blank lines), for
//! `include_str!`: the comments are for translators, and each byte built
//! in is a byte of the wasm module.

use std::path::Path;

/// `text` without the comment lines between entries (a line that starts
/// with `#` outside a `key:` block, as `language/texts.rs` reads them).
fn without_comments(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if in_block {
            in_block = bare != ".";
        } else if bare.starts_with('#') {
            continue;
        } else {
            in_block = bare.ends_with(':') && !bare.contains(": ");
        }
        kept.push_str(line);
    }
    kept
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
        let _ = std::fs::write(Path::new(&out).join(format!("{code}.txt")), without_comments(&text));
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
