//! `host-sim check`: runs every case's instant `checks` (the decision
//! expected at an instant) and its `replay` expectations (the actions the
//! replay performs and how the case ends), and prints a readable diff for
//! each mismatch. Exit 0 when all hold, 1 on any mismatch, 2 on bad input.

use std::fmt::Write as _;

use followup_corpus::{Call, Mismatch, NativeHost, compare, run_check};
use followup_engine::api::Engine;
use serde_json::{Map, Value, json};

use crate::error::{InputError, Place};
use crate::input::{CaseInput, Job};
use crate::output::jsonl::{action_json, outcome_json};
use crate::output::sink::Sink;
use crate::replay::policy::DEFAULT_POLICY;
use crate::replay::{Settings, replay_case};
use crate::rule_sets::RuleSet;
use crate::run::{Collector, Context, Worker};
use crate::spec::read_spec;

/// Checks one case per job.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckWorker;

/// One case's verdict.
#[derive(Debug, Default)]
pub struct CheckOut {
    /// Expectations that held.
    pub passed: u32,
    /// The failed expectations, as readable lines.
    pub failures: String,
    /// Expectations that failed.
    pub failed: u32,
    /// Whether the case had replay expectations.
    pub replayed: bool,
    /// Input that could not be read.
    pub bad: Option<InputError>,
}

impl Worker for CheckWorker {
    type Out = CheckOut;

    fn work(&self, context: &Context<'_>, job: Job) -> CheckOut {
        let mut out = CheckOut::default();
        let input = match job.input {
            Ok(input) => input,
            Err(error) => {
                out.bad = Some(error);
                return out;
            }
        };
        let file = job.file.as_deref().unwrap_or(context.file);
        let title = case_title(&job.place, &job.prefix, input.name.as_deref());
        let set = match context.choose(&input.case) {
            Ok((set, _)) => set,
            Err(message) => {
                out.bad = Some(InputError {
                    path: job.prefix.clone(),
                    place: job.place.clone(),
                    ..InputError::file(file, "no-rule-set", message)
                });
                return out;
            }
        };
        run_checks(file, set, &input, &title, &mut out);
        if let Err(error) = run_replay(file, set, &job.place, &job.prefix, input, &title, &mut out) {
            out.bad = Some(error);
        }
        out
    }
}

fn case_title(place: &Place, prefix: &str, name: Option<&str>) -> String {
    let location = match place {
        Place::Line { line, .. } => format!("line {line}"),
        Place::File => prefix.to_owned(),
    };
    match name {
        Some(name) => format!("{location} “{name}”"),
        None => location,
    }
}

fn record(out: &mut CheckOut, file: &str, title: &str, what: &str, mismatches: &[Mismatch]) {
    if mismatches.is_empty() {
        out.passed += 1;
        return;
    }
    out.failed += 1;
    let _ = writeln!(out.failures, "FAIL {file} · {title} · {what}");
    for mismatch in mismatches {
        let _ = writeln!(out.failures, "       {mismatch}");
    }
}

fn run_checks(file: &str, set: &RuleSet, input: &CaseInput, title: &str, out: &mut CheckOut) {
    for check in &input.checks {
        let mismatches = run_check(&NativeHost, &set.value, &input.case, &input.timeline, check);
        let what = match check.call {
            Call::EvaluateRules => format!("check at {}", check.at),
            Call::ValidateConfig => "validateConfig".to_owned(),
            Call::OpenCase => "openCase".to_owned(),
            call => format!("{} at {}", call.name(), check.at),
        };
        record(out, file, title, &what, &mismatches);
    }
}

fn run_replay(
    file: &str,
    set: &RuleSet,
    place: &Place,
    prefix: &str,
    input: CaseInput,
    title: &str,
    out: &mut CheckOut,
) -> Result<(), InputError> {
    let bad = |path: String, code: &str, message: String| InputError {
        path: followup_engine::problem::join_path(prefix, &path),
        place: place.clone(),
        ..InputError::file(file, code, message)
    };
    let spec =
        read_spec(input.replay.as_ref()).map_err(|problem| bad(problem.path, "invalid-value", problem.message))?;
    let Some(expect) = spec.expect else {
        return Ok(());
    };
    out.replayed = true;
    let Some(engine) = set.engine.as_ref() else {
        return Err(bad(
            String::new(),
            "invalid-config",
            "the scenario's config is invalid: its replay expectations cannot run".to_owned(),
        ));
    };
    let policy = spec.policy.unwrap_or(DEFAULT_POLICY);
    let actual = match replay_actual(engine, input.case, input.timeline, spec.until, policy) {
        Ok(actual) => actual,
        Err(problem) if expect.get("error").is_some() => {
            json!({"error": {"code": problem.code.as_str(), "path": problem.path, "message": problem.message}})
        }
        Err(problem) => return Err(InputError::from_problem(file, place.clone(), prefix, &problem)),
    };
    let mismatches = compare(&expect, &actual);
    record(out, file, title, "replay", &mismatches);
    Ok(())
}

/// What a replay did, as expectations see it: `{actions, final}`.
fn replay_actual(
    engine: &Engine,
    case: Value,
    timeline: Value,
    until: Option<followup_engine::Timestamp>,
    policy: crate::replay::policy::Policy,
) -> Result<Value, followup_engine::Problem> {
    // A replay's expectation names one error: the first the case has.
    let (record, timeline) = engine.read_case(case, timeline, "").map_err(|problems| {
        problems.into_iter().next().unwrap_or_else(|| {
            followup_engine::Problem::new(
                followup_engine::ProblemCode::InvalidType,
                "case",
                "the case could not be read",
            )
        })
    })?;
    let settings = Settings { until, policy, ..Settings::default() };
    let replay = replay_case(engine, None, record, timeline, &settings);
    let actions: Vec<Value> = replay.actions().map(|(at, action)| action_json(at, action)).collect();
    let mut map = Map::new();
    map.insert("actions".into(), Value::Array(actions));
    map.insert("final".into(), outcome_json(&replay));
    Ok(Value::Object(map))
}

/// Prints failures as they come and a line per file.
#[derive(Debug)]
pub struct CheckCollector {
    out: Sink,
    current: Option<FileTally>,
    /// Expectations that held, over every file.
    pub passed: u64,
    /// Expectations that failed, over every file.
    pub failed: u64,
    /// Cases or files that could not be read.
    pub bad_input: u64,
}

#[derive(Debug, Default)]
struct FileTally {
    file: String,
    cases: u64,
    replays: u64,
    passed: u64,
    failed: u64,
    bad: u64,
}

impl CheckCollector {
    /// A collector writing to `out`.
    #[must_use]
    pub fn new(out: Sink) -> Self {
        Self { out, current: None, passed: 0, failed: 0, bad_input: 0 }
    }

    fn close_file(&mut self) {
        let Some(tally) = self.current.take() else {
            return;
        };
        let verdict = if tally.failed > 0 || tally.bad > 0 { "FAIL" } else { "ok  " };
        let mut line = format!("{verdict} {}: {} cases, {} expectations held", tally.file, tally.cases, tally.passed);
        if tally.failed > 0 {
            let _ = write!(line, ", {} failed", tally.failed);
        }
        if tally.bad > 0 {
            let _ = write!(line, ", {} bad input", tally.bad);
        }
        if tally.replays > 0 {
            let _ = write!(line, " ({} replayed)", tally.replays);
        }
        line.push('\n');
        self.out.write(&line);
    }

    /// Closes the last file and prints the totals; `interrupted` says the
    /// run stopped at Ctrl-C.
    pub fn finish(&mut self, interrupted: bool) {
        self.close_file();
        let total = self.passed + self.failed;
        let verdict = if self.failed == 0 && self.bad_input == 0 { "all hold" } else { "FAILED" };
        let mut line = format!(
            "{verdict}: {} of {total} expectations held, {} failed, {} bad input",
            self.passed, self.failed, self.bad_input
        );
        if interrupted {
            line.push_str(" (interrupted: the cases above only)");
        }
        line.push('\n');
        self.out.write(&line);
        self.out.flush();
    }

    /// Why the output could not be written, if it could not.
    #[must_use]
    pub fn write_failure(&self) -> Option<String> {
        self.out.failure_message()
    }
}

impl Collector<CheckOut> for CheckCollector {
    fn start(&mut self, context: &Context<'_>, _cases: Option<usize>) {
        self.close_file();
        self.current = Some(FileTally { file: context.file.to_owned(), ..FileTally::default() });
    }

    fn collect(&mut self, _context: &Context<'_>, out: CheckOut) {
        self.out.write(&out.failures);
        if let Some(error) = &out.bad {
            eprintln!("error: {error}");
            self.bad_input += 1;
        }
        self.passed += u64::from(out.passed);
        self.failed += u64::from(out.failed);
        if let Some(tally) = &mut self.current {
            tally.cases += 1;
            tally.replays += u64::from(out.replayed);
            tally.passed += u64::from(out.passed);
            tally.failed += u64::from(out.failed);
            tally.bad += u64::from(out.bad.is_some());
        }
    }

    fn unreadable(&mut self, error: &InputError) {
        self.close_file();
        eprintln!("error: {error}");
        self.bad_input += 1;
    }

    fn stopped(&self) -> bool {
        self.out.failed()
    }
}
