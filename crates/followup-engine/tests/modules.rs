//! The engine's top-level modules form layers: no module uses another that
//! uses it back, directly or through others (issue 18, item 3). Read from
//! the `crate::` paths of `src/`, test code left out.
#![expect(clippy::expect_used, reason = "a source file that cannot be read should stop the test loudly")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and the top-level modules it uses.
type Uses = BTreeMap<String, BTreeSet<String>>;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ can be listed") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments and its inline test module.
fn code_of(text: &str) -> String {
    let body = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or_default();
    body.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// The first segment of each path in a use tree: `a::b` gives `a`,
/// `{a::{b, c}, d}` gives `a` and `d`.
fn first_segments(tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim_start();
    if let Some(group) = tree.strip_prefix('{') {
        let mut depth = 0;
        let mut start = 0;
        for (at, ch) in group.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    first_segments(group.get(start..at).unwrap_or_default(), out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    first_segments(group.get(start..at).unwrap_or_default(), out);
                    start = at + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let name: String = tree.chars().take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '_').collect();
    if !name.is_empty() && name != "self" {
        out.push(name);
    }
}

fn module_uses() -> Uses {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut uses = Uses::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src/");
        if relative.file_name().is_some_and(|name| name == "tests.rs") {
            continue;
        }
        let first = relative.components().next().expect("a path").as_os_str().to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "lib" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).expect("a source file can be read"));
        let mut names = Vec::new();
        for (at, _) in code.match_indices("crate::") {
            first_segments(code.get(at + "crate::".len()..).unwrap_or_default(), &mut names);
        }
        let entry = uses.entry(module.clone()).or_default();
        entry.extend(names.into_iter().filter(|name| *name != module));
    }
    uses
}

/// A chain of uses that comes back to where it started, if there is one.
fn find_circle(uses: &Uses) -> Option<Vec<String>> {
    fn visit(module: &str, uses: &Uses, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|seen| seen == module) {
            let mut circle = path.get(at..).unwrap_or_default().to_vec();
            circle.push(module.to_owned());
            return Some(circle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in uses.get(module).into_iter().flatten() {
            if let Some(circle) = visit(next, uses, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    uses.keys().find_map(|module| visit(module, uses, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_form_layers() {
    let uses = module_uses();
    assert!(
        uses.contains_key("config") && uses.get("decision").is_some_and(|used| used.contains("analysis")),
        "the reading found the modules"
    );
    assert_eq!(find_circle(&uses), None, "top-level modules that use each other");
}

#[test]
fn a_circle_is_found() {
    let mut uses = Uses::new();
    uses.entry("a".into()).or_default().insert("b".into());
    uses.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_circle(&uses), None);
    uses.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_circle(&uses), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}

#[test]
fn use_trees_give_their_first_segments() {
    let mut names = Vec::new();
    first_segments("{a::{b, c}, d::e, self} rest", &mut names);
    first_segments("text;", &mut names);
    assert_eq!(names, ["a", "d", "text"]);
}
