//! Embeds the shared scenario corpus and the native golden digests for the
//! wasm test suites, which cannot read files at run time in a browser.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let scenarios = root.join("scenarios");
    let golden = root.join("golden/decisions.json");
    let hostile = root.join("hostile");
    println!("cargo::rerun-if-changed={}", scenarios.display());
    println!("cargo::rerun-if-changed={}", hostile.display());
    println!("cargo::rerun-if-changed={}", golden.display());
    let mut files: Vec<_> = std::fs::read_dir(&scenarios)
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
    files.sort();
    let mut code = String::from(
        "/// The shared scenario corpus: file name and text.\npub const SCENARIOS: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string());
    }
    code.push_str("];\n");
    let mut attack_files: Vec<_> = std::fs::read_dir(&hostile)
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
        .unwrap_or_default();
    attack_files.retain(|path| path.extension().is_some_and(|ext| ext == "json") && !path.ends_with("base.json"));
    attack_files.sort();
    code.push_str("/// The hostile-input corpus: file name and text (`tests/hostile/`).\npub const HOSTILE: &[(&str, &str)] = &[\n");
    for path in &attack_files {
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string());
    }
    code.push_str("];\n");
    let _ = writeln!(
        code,
        "/// The base the hostile attacks change.\npub const HOSTILE_BASE: &str = include_str!({:?});",
        hostile.join("base.json").display().to_string()
    );
    let _ = writeln!(
        code,
        "/// Digests of the native decisions for every check.\npub const GOLDEN: &str = include_str!({:?});",
        golden.display().to_string()
    );
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    if let Err(error) = std::fs::write(Path::new(&out).join("corpus.rs"), code) {
        println!("cargo::warning=cannot write the embedded corpus: {error}");
    }
}
