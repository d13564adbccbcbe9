//! The command-line conventions and the administrator's commands, run on
//! the built binary: `-` is standard input, `-o FILE`, unreadable input
//! exits 2, failed writes exit 1, `--jobs` is bounded, over-long lines are
//! skipped and counted, Ctrl-C stops cleanly, `check` with nothing to check
//! fails, the report, CSV, shadow runs, Dataverse exports and several rule
//! sets in one run.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions: a failed process spawn or temp file should stop the test loudly"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_host-sim"));
    command.args(args).current_dir(repo_root());
    command
}

fn run(args: &[&str]) -> Output {
    command(args).output().unwrap()
}

fn run_with_input(args: &[&str], input: &[u8]) -> Output {
    let mut child = command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("host-sim-conventions-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn generated(name: &str, cases: &str) -> (PathBuf, String, String) {
    let dir = scratch(name);
    let output = run(&["generate", "--cases", cases, "--seed", "5", "--out", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let config = dir.join("config.json").display().to_string();
    let cases = dir.join("cases.jsonl").display().to_string();
    (dir, config, cases)
}

fn summary_line(text: &str) -> Value {
    serde_json::from_str(text.lines().last().unwrap()).unwrap()
}

const DEMO: &str = "tests/scenarios/demo-contoso.json";
const DATAVERSE: &str = "host-sim/tests/fixtures/dataverse";

#[test]
fn a_dash_reads_standard_input_and_dash_o_writes_a_file() {
    let (dir, config, cases) = generated("stdin", "40");
    let from_file = stdout(&run(&["replay", "--config", &config, &cases, "--format", "jsonl"]));
    let piped =
        run_with_input(&["replay", "--config", &config, "-", "--format", "jsonl"], &std::fs::read(&cases).unwrap());
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert_eq!(
        stdout(&piped).replace("\"file\":\"-\"", ""),
        from_file.replace(&format!("\"file\":{}", json!(cases)), "")
    );
    let scenario =
        run_with_input(&["replay", "-", "--format", "summary"], &std::fs::read(repo_root().join(DEMO)).unwrap());
    assert!(stdout(&scenario).contains("cases seen                 7"), "{}", stdout(&scenario));

    let written = dir.join("out.jsonl");
    let output = run(&["replay", "--config", &config, &cases, "--format", "jsonl", "-o", written.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).is_empty());
    assert_eq!(std::fs::read_to_string(&written).unwrap(), from_file);
}

#[test]
fn unreadable_input_is_an_error_not_an_empty_summary() {
    let output = run(&["replay", "no-such-file.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty(), "no summary: {}", stdout(&output));
    assert!(stderr(&output).contains("cannot read `no-such-file.json`"), "{}", stderr(&output));
    let output = run(&["replay", "--config", "no-such-config.json", DEMO]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["check", "tests/scenarios/demo-contoso.json", "no-such-file.json"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_lines_without_a_config_say_how_to_pass_one() {
    let (dir, _, cases) = generated("no-config", "3");
    for file in [cases.clone(), {
        let renamed = dir.join("cases.json");
        std::fs::copy(&cases, &renamed).unwrap();
        renamed.display().to_string()
    }] {
        let output = run(&["replay", &file]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let errors = stderr(&output);
        assert!(errors.contains("holds JSON Lines") && errors.contains("--config CONFIG.json"), "{errors}");
        assert!(!errors.contains("trailing characters"), "{errors}");
    }
}

#[test]
fn check_with_nothing_to_check_says_so_and_fails() {
    let (_, config, cases) = generated("nothing", "5");
    let output = run(&["check", "--config", &config, &cases]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stderr(&output).contains("nothing to check"), "{}", stderr(&output));
}

#[test]
fn failed_writes_stop_the_run_with_exit_1() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let (_, config, cases) = generated("full", "3000");
    let output = command(&["replay", "--config", &config, &cases, "--format", "jsonl"]).stdout(full).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot write to standard output"), "{}", stderr(&output));

    // A closed pipe: the run stops early instead of replaying everything.
    let mut child = command(&["replay", "--config", &config, &cases, "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("Broken pipe") || stderr(&output).contains("broken pipe"), "{}", stderr(&output));
}

#[test]
fn jobs_are_bounded() {
    for jobs in ["0", "20000"] {
        let output = run(&["replay", DEMO, "--jobs", jobs]);
        assert_eq!(output.status.code(), Some(2), "--jobs {jobs}");
        assert!(stderr(&output).contains("give 1 to 256 worker threads"), "{}", stderr(&output));
    }
}

#[test]
fn over_long_lines_are_skipped_and_counted() {
    let (dir, config, cases) = generated("long", "3");
    let mut text = std::fs::read_to_string(&cases).unwrap();
    let padding = "x".repeat(5000);
    text.insert_str(0, &format!("{{\"case\": {{\"title\": \"{padding}\"}}}}\n"));
    let path = dir.join("long.jsonl");
    std::fs::write(&path, text).unwrap();
    let output =
        run(&["replay", "--config", &config, path.to_str().unwrap(), "--format", "jsonl", "--max-line-bytes", "4096"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains(":1: the line is 5024 bytes long"), "{}", stderr(&output));
    let summary = summary_line(&stdout(&output));
    assert_eq!((summary["casesSeen"].as_u64(), summary["skipped"].as_u64()), (Some(4), Some(1)));
}

#[test]
fn ctrl_c_stops_after_whole_cases_with_the_summary_marked() {
    let (_, config, cases) = generated("sigint", "200000");
    let child = command(&["replay", "--config", &config, &cases, "--format", "jsonl", "--jobs", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.ends_with('\n'));
    let lines: Vec<Value> = text.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["interrupted"], true);
    let outcomes = lines.iter().filter(|line| line["type"] == "outcome").count() as u64;
    assert_eq!(summary["casesSeen"].as_u64(), Some(outcomes), "every case counted is written whole");
    assert!(outcomes > 0 && outcomes < 200_000, "{outcomes} cases before the stop");
}

#[test]
fn recorded_histories_invent_no_representative_unless_asked() {
    let (_, config, cases) = generated("policy", "400");
    let default = summary_line(&stdout(&run(&["replay", "--config", &config, &cases, "--format", "jsonl"])));
    assert_eq!(default["followUpsByRepresentative"], 0);
    assert_eq!(default["repliesWritten"], 0);
    assert!(default["policy"].as_str().unwrap().starts_with("`never`"), "{default}");
    let invented = summary_line(&stdout(&run(&[
        "replay",
        "--config",
        &config,
        &cases,
        "--format",
        "jsonl",
        "--policy",
        "after:PT4H",
    ])));
    assert!(invented["repliesWritten"].as_u64().unwrap() > 0);
    assert!(invented["policy"].as_str().unwrap().starts_with("`after:PT4H`"), "{invented}");
}

#[test]
fn csv_has_one_row_per_case() {
    let output = run(&["replay", DEMO, "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    let headers = reader.headers().unwrap().clone();
    let outcome = headers.iter().position(|name| name == "outcome").unwrap();
    let outcomes: Vec<&str> = rows.iter().map(|row| row.get(outcome).unwrap()).collect();
    assert_eq!(outcomes.iter().filter(|kind| **kind == "resolved too early").count(), 1, "{outcomes:?}");
}

fn dataverse_files() -> Vec<String> {
    ["incidents", "activities", "audits"].iter().map(|name| format!("{DATAVERSE}/{name}.jsonl")).collect()
}

#[test]
fn a_dataverse_export_goes_to_a_report_in_one_command() {
    let dir = scratch("dataverse");
    let report = dir.join("report.html");
    let config = format!("{DATAVERSE}/config.json");
    let mut args = vec!["report", "--from", "dataverse", "--config", &config];
    let files = dataverse_files();
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", report.to_str().unwrap()]);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("UTC+01:00 (Paris)") && html.contains("CAS-04417-K3G1N8"), "the export's cases are in it");
    assert!(
        !html.contains("http://")
            || html.matches("http://").all(|_| html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    );
    assert!(!html.contains("https://") && !html.contains("src="), "no external request");

    // Rows in any order give the same cases.
    let mut reversed = files.clone();
    reversed.reverse();
    let lines = |files: &[String]| {
        let mut args = vec!["replay", "--from", "dataverse", "--config", &config, "--format", "jsonl"];
        args.extend(files.iter().map(String::as_str));
        stdout(&run(&args))
    };
    assert_eq!(lines(&files), lines(&reversed));
    let summary = summary_line(&lines(&files));
    assert_eq!(summary["casesSeen"], 3);
    assert_eq!(summary["repliesByKind"]["favorable"], 1, "the incoming email row is read");

    let mut args = vec!["shadow", "--from", "dataverse", "--config", &config, "--format", "jsonl"];
    args.extend(files.iter().map(String::as_str));
    let shadow = summary_line(&stdout(&run(&args)));
    assert_eq!(shadow["shadow"]["compared"], 3);
    assert_eq!(shadow["shadow"]["resolvedEarlier"], 1, "the rule closes CAS-04417 before the representative did");
    assert_eq!(shadow["shadow"]["unsentFollowUps"], 1);
}

#[test]
fn several_rule_sets_in_one_run_choose_by_a_column_or_a_map() {
    let (dir, config, cases) = generated("sets", "300");
    // Every case with priority 1 runs with a set that switches automation off.
    std::fs::write(dir.join("off.json"), r#"{"enabled": false, "rules": []}"#).unwrap();
    let off = format!("quiet={}", dir.join("off.json").display());
    let main = format!("default={config}");
    let args = [
        "replay",
        "--config",
        &main,
        "--config",
        &off,
        "--rule-set-field",
        "prioritycode",
        &cases,
        "--format",
        "jsonl",
    ];
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let by_column = summary_line(&stdout(&output));
    std::fs::write(dir.join("map.json"), r#"{"1": "quiet", "2": "default"}"#).unwrap();
    let map = dir.join("map.json").display().to_string();
    let args = [
        "replay",
        "--config",
        &main,
        "--config",
        &off,
        "--rule-set-field",
        "prioritycode",
        "--rule-set-map",
        &map,
        &cases,
        "--format",
        "jsonl",
    ];
    let by_map = summary_line(&stdout(&run(&args)));
    let single = summary_line(&stdout(&run(&["replay", "--config", &config, &cases, "--format", "jsonl"])));
    assert_eq!(by_map["casesSeen"], 300);
    assert!(by_map["matchedPerRule"]["default/vip"].is_null(), "the vip cases ran with automation off: {by_map}");
    assert!(single["matchedPerRule"]["vip"].as_u64().unwrap() > 0);
    assert_eq!(
        by_column["matchedPerRule"]["default/vip"], single["matchedPerRule"]["vip"],
        "a value that names no set runs with the `default` set"
    );
    let output = run(&["replay", "--config", &main, "--config", &off, &cases]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--rule-set-field"), "{}", stderr(&output));
}
