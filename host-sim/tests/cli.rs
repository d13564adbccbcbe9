//! Runs the built `host-sim` binary and checks exit codes and output: the
//! demo, `check` passing and failing, replay of the shared corpus, malformed
//! input (bad JSON, a bad JSON Lines line among good ones, a bad case
//! path), and the generator.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions: a failed process spawn or temp file should stop the test loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_host-sim")).args(args).current_dir(repo_root()).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("host-sim-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn corpus() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo_root().join("tests/scenarios"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| format!("tests/scenarios/{}", path.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

#[test]
fn no_argument_runs_the_demo() {
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    for wanted in [
        "CAS-02001-D3M0 · Contoso Coffee grinder jams",
        "agent           sent follow-up      2 of 3",
        "agent           resolved case       Problem Solved (5)",
        "customer        reply: favorable",
        "mail system     auto reply",
        "mail system     bounce",
        "engine          paused",
        "← after the resolution: resolved too early",
        "no rule applies: nothing to do",
        "Summary",
        "cases seen                 7",
        "resolved too early         1",
        "median time to resolution  19d 5h",
    ] {
        assert!(text.contains(wanted), "missing `{wanted}` in:\n{text}");
    }
    assert_eq!(stdout(&run(&["demo"])), text, "`host-sim demo` is the same as `host-sim`");
}

#[test]
fn check_passes_on_the_demo_and_the_corpus() {
    let output = run(&["check", "tests/scenarios/demo-contoso.json"]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    assert!(stdout(&output).contains("all hold: 14 of 14 expectations held"), "{}", stdout(&output));

    let files = corpus();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    assert!(stdout(&output).contains("all hold"), "{}", stdout(&output));

    // A directory stands for its files, in name order.
    let from_directory = run(&["check", "tests/scenarios"]);
    assert_eq!(from_directory.status.code(), Some(0), "{}", stderr(&from_directory));
    assert_eq!(stdout(&from_directory), stdout(&output));
    let empty = scratch("empty-directory");
    let output = run(&["check", empty.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("holds no .json, .jsonl or .ndjson file"), "{}", stderr(&output));
}

#[test]
fn check_fails_with_a_readable_diff_when_an_expectation_is_broken() {
    let dir = scratch("broken");
    let mut scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("tests/scenarios/demo-contoso.json")).unwrap())
            .unwrap();
    scenario["cases"][0]["replay"]["expect"]["actions"][0]["at"] = "2026-11-04T15:00:00Z".into();
    scenario["cases"][1]["replay"]["expect"]["final"]["resolved"] = true.into();
    scenario["cases"][2]["checks"] =
        serde_json::json!([{"at": "2026-11-03T11:00:00Z", "expect": {"state": "waiting"}}]);
    let path = dir.join("broken.json");
    std::fs::write(&path, scenario.to_string()).unwrap();

    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    for wanted in [
        "· cases[0] “no answer: three follow-ups, then resolution” · replay",
        "actions[0].at: expected \"2026-11-04T15:00:00Z\", got \"2026-11-04T14:00:00Z\"",
        "final.resolved: expected true, got false",
        "· check at 2026-11-03T11:00:00Z",
        "state: expected \"waiting\", got \"replyNeeded\"",
        "FAILED: 11 of 14 expectations held, 3 failed, 0 bad input",
    ] {
        assert!(text.contains(wanted), "missing `{wanted}` in:\n{text}");
    }
}

#[test]
fn replay_of_the_corpus_skips_the_bad_cases_and_says_so() {
    let files = corpus();
    let mut args = vec!["replay"];
    args.extend(files.iter().map(String::as_str));
    let output = run(&args);
    // bad-config.json and bad-input.json hold bad input on purpose.
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "tests/scenarios/bad-input.json: cases[0].case.createdon: `createdon` is required (missing-field)"
        ),
        "{errors}"
    );
    assert!(errors.contains("tests/scenarios/bad-config.json: config.rules[0].followUps.count:"), "{errors}");
    let text = stdout(&output);
    assert!(text.contains("CAS-01001-C0F3E3 · Contoso Coffee grinder jams"), "{text}");
    assert!(
        text.contains("follow-up 2 is recorded at 2026-11-04 14:01 with this step's key: not sent twice"),
        "{text}"
    );
    assert!(text.contains("skipped (bad input)"), "{text}");

    let mut args = vec!["replay", "--format", "jsonl"];
    args.extend(files.iter().map(String::as_str));
    let lines = jsonl(&stdout(&run(&args)));
    assert_eq!(lines.last().unwrap()["type"], "summary");
    assert!(lines.iter().all(|line| line["type"].is_string()));
    assert!(lines.iter().any(|line| line["type"] == "error" && line["path"] == "cases[3].case"));
}

#[test]
fn a_file_that_is_not_json_names_file_line_and_column() {
    let dir = scratch("not-json");
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\n  \"name\": \"x\",\n  \"config\": {,\n}").unwrap();
    let output = run(&["replay", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(errors.contains(&format!("{}:3:", path.display())), "{errors}");
    assert!(errors.contains("not valid JSON") && errors.contains("(invalid-json)"), "{errors}");

    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["replay", dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read `"), "{}", stderr(&output));
}

#[test]
fn a_bad_line_among_good_ones_is_reported_and_skipped() {
    let dir = scratch("lines");
    let generated = run(&["generate", "--cases", "4", "--seed", "3", "--out", dir.to_str().unwrap()]);
    assert_eq!(generated.status.code(), Some(0), "{}", stderr(&generated));
    let good = std::fs::read_to_string(dir.join("cases.jsonl")).unwrap();
    let good: Vec<&str> = good.lines().collect();
    let bad_path = good[2].replace("\"createdon\":", "\"createdOn\":");
    let mixed = [good[0], "{\"case\": {\"incidentid\": ", good[1], &bad_path, "", good[3]].join("\n");
    let cases = dir.join("mixed.jsonl");
    std::fs::write(&cases, mixed).unwrap();
    let config = dir.join("config.json");

    let output = run(&["replay", "--config", config.to_str().unwrap(), cases.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let errors = stderr(&output);
    let file = cases.display().to_string();
    assert!(errors.contains(&format!("{file}:2:")) && errors.contains("not valid JSON"), "{errors}");
    assert!(errors.contains(&format!("{file}:4: case.createdon: `createdon` is required (missing-field)")), "{errors}");
    let lines = jsonl(&stdout(&output));
    let outcomes = lines.iter().filter(|line| line["type"] == "outcome").count();
    assert_eq!(outcomes, 3, "the three good cases are replayed");
    let error_lines: Vec<&Value> = lines.iter().filter(|line| line["type"] == "error").collect();
    assert_eq!(error_lines.len(), 2);
    assert_eq!(error_lines[0]["line"], 2);
    assert_eq!(error_lines[1]["line"], 4);
    assert_eq!(error_lines[1]["path"], "case.createdon");
    let summary = lines.last().unwrap();
    assert_eq!((summary["casesSeen"].as_u64(), summary["skipped"].as_u64()), (Some(5), Some(2)));
}

#[test]
fn generated_sets_are_deterministic_and_replay_cleanly() {
    let first = scratch("gen-a");
    let second = scratch("gen-b");
    for dir in [&first, &second] {
        let output = run(&["generate", "--cases", "300", "--seed", "7", "--out", dir.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0));
    }
    let read = |dir: &Path| std::fs::read(dir.join("cases.jsonl")).unwrap();
    assert_eq!(read(&first), read(&second));
    let config = first.join("config.json");
    let cases = first.join("cases.jsonl");
    let summary =
        run(&["replay", "--config", config.to_str().unwrap(), cases.to_str().unwrap(), "--format", "summary"]);
    assert_eq!(summary.status.code(), Some(0), "{}", stderr(&summary));
    let text = stdout(&summary);
    assert!(text.starts_with("Summary\n  cases seen                 300\n"), "{text}");
    // The same run on one thread gives the same bytes: output is kept in input order.
    let args = ["replay", "--config", config.to_str().unwrap(), cases.to_str().unwrap(), "--format", "jsonl"];
    let parallel = stdout(&run(&args));
    let mut single = args.to_vec();
    single.extend(["--jobs", "1"]);
    assert_eq!(stdout(&run(&single)), parallel);
    let lines = jsonl(&parallel);
    assert_eq!(lines.iter().filter(|line| line["type"] == "outcome").count(), 300);
}

#[test]
fn flags_change_the_clock_and_the_representative() {
    let never =
        stdout(&run(&["replay", "tests/scenarios/response-kinds.json", "--policy", "never", "--format", "jsonl"]));
    let lines = jsonl(&never);
    assert!(lines.iter().any(|line| line["type"] == "suggestion" && line["acceptAt"].is_null()));
    assert!(!lines.iter().any(|line| line["type"] == "action" && line["by"] == "representative"));

    let early = stdout(&run(&["replay", "tests/scenarios/demo-contoso.json", "--until", "2026-11-05T00:00:00Z"]));
    assert!(early.contains("cases resolved             0"), "{early}");

    let drafts =
        jsonl(&stdout(&run(&["replay", "tests/scenarios/demo-contoso.json", "--format", "jsonl", "--drafts"])));
    let sent = drafts
        .iter()
        .find(|line| line["type"] == "decision" && line["state"] == "followUpDue")
        .expect("a decision with a due follow-up");
    assert_eq!(sent["decision"]["actions"][0]["email"]["kind"], "followUp");

    for bad in [["--policy", "sometimes"], ["--until", "tomorrow"]] {
        let output = run(&["replay", "tests/scenarios/demo-contoso.json", bad[0], bad[1]]);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).starts_with(&format!("error: {}:", bad[0])), "{}", stderr(&output));
    }
    let output = run(&["replay", "cases.jsonl", "--config", "no-such-config.json"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn check_can_expect_a_case_to_be_refused() {
    let dir = scratch("refused");
    let mut scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("tests/scenarios/demo-contoso.json")).unwrap())
            .unwrap();
    let mut refused = scenario["cases"][0].clone();
    refused["case"].as_object_mut().unwrap().remove("createdon");
    refused["checks"] = serde_json::json!([]);
    refused["replay"] = serde_json::json!({"expect": {"error": {"code": "missing-field", "path": "case.createdon"}}});
    scenario["cases"] = serde_json::json!([refused.clone()]);
    let path = dir.join("refused.json");
    std::fs::write(&path, scenario.to_string()).unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));

    // Without the expectation, the same case is bad input: exit 2, named on stderr.
    refused["replay"] = serde_json::json!({"expect": {"final": {"resolved": true}}});
    scenario["cases"] = serde_json::json!([refused]);
    std::fs::write(&path, scenario.to_string()).unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cases[0].case.createdon: `createdon` is required (missing-field)"),
        "{}",
        stderr(&output)
    );
}
