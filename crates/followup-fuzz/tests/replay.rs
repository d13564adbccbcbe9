//! The fuzz invariants on the stable toolchain: every input kept in
//! `tests/fuzz-corpus/<target>/` (seeds, and inputs that once broke an
//! invariant), every request the scenario corpus makes, every labeled
//! customer reply, and property runs over generated inputs.
#![expect(clippy::unwrap_used, reason = "test code: a broken corpus should stop loudly")]

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use followup_fuzz::{
    Mutation, Story, check_classify, check_config, check_evaluate_json, check_mutated, check_story, check_template,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

fn kept(target: &str) -> Vec<Vec<u8>> {
    let dir = root().join("fuzz-corpus").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|entry| entry.unwrap().path()).filter(|path| path.is_file()).collect();
    files.sort();
    files.into_iter().map(|path| std::fs::read(path).unwrap()).collect()
}

fn story_from(bytes: &[u8]) -> Option<(Story, u16, Vec<Mutation>)> {
    let mut unstructured = Unstructured::new(bytes);
    let story = Story::arbitrary(&mut unstructured).ok()?;
    let look = u16::arbitrary(&mut unstructured).unwrap_or(0);
    let mutations = Vec::<Mutation>::arbitrary(&mut unstructured).unwrap_or_default();
    Some((story, look, mutations))
}

#[test]
fn kept_inputs_keep_their_invariants() {
    let mut replayed = 0;
    for bytes in kept("config") {
        check_config(&bytes);
        replayed += 1;
    }
    for bytes in kept("evaluate") {
        check_evaluate_json(&bytes);
        replayed += 1;
    }
    for bytes in kept("template") {
        check_template(&bytes);
        replayed += 1;
    }
    for bytes in kept("classify") {
        check_classify(&bytes);
        replayed += 1;
    }
    for bytes in kept("story") {
        if let Some((story, look, mutations)) = story_from(&bytes) {
            check_story(&story);
            check_mutated(&story, look, &mutations);
        }
        replayed += 1;
    }
    assert!(replayed >= 10, "only {replayed} kept inputs: the corpus is missing");
}

#[test]
fn every_scenario_request_keeps_the_invariants() {
    for entry in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let scenario: Value = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        check_config(scenario["config"].to_string().as_bytes());
        for case in scenario["cases"].as_array().unwrap() {
            for check in case["checks"].as_array().map(Vec::as_slice).unwrap_or_default() {
                let request = json!({"config": scenario["config"], "case": case["case"], "timeline": case["timeline"], "now": check["at"]});
                check_evaluate_json(request.to_string().as_bytes());
            }
        }
    }
}

#[test]
fn every_labeled_reply_keeps_the_invariants() {
    for file in ["labeled.jsonl", "holdout.jsonl", "challenge.jsonl"] {
        let text = std::fs::read_to_string(root().join("replies").join(file)).unwrap();
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            let message: Value = serde_json::from_str(line).unwrap();
            let field = |key: &str| message[key].as_str().unwrap_or_default().to_owned();
            let joined = format!("{}\u{1}{}\u{1}{}\u{1}", field("from"), field("subject"), field("body"));
            check_classify(joined.as_bytes());
            check_template(format!("Hi {{{{reply.quote}}}}\n\n{}", field("body")).as_bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn generated_stories_keep_the_state_machine_properties(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Some((story, look, mutations)) = story_from(&bytes) {
            check_story(&story);
            check_mutated(&story, look, &mutations);
        }
    }

    #[test]
    fn any_bytes_are_answered(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_config(&bytes);
        check_evaluate_json(&bytes);
        check_template(&bytes);
        check_classify(&bytes);
    }

    #[test]
    fn any_template_text_is_parsed_or_refused(text in "[a-z{}|#/ \"\\\\<>&\n]{0,80}") {
        check_template(text.as_bytes());
    }
}
