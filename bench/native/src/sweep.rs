//! The sweep on the native engine: the same cases, batches and `now` as
//! the wasm run in `bench/node/sweep.bench.mjs`, through the same entry
//! point the wasm `evaluateMany` ends in (`Engine::evaluate_each_text`,
//! one case's JSON text at a time).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::time::Instant;

use followup_engine::api::{Engine, EngineOptions, EvaluateManyResponse, EvaluateResponse};
use serde_json::Value;

/// A generated sweep, loaded.
struct Sweep {
    config: Value,
    now: Value,
    batch: usize,
    cases: Vec<String>,
}

fn read_text(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|error| format!("cannot read `{path}`: {error}"))
}

fn load(dir: &str) -> Result<Sweep, String> {
    let parse = |path: &str| -> Result<Value, String> {
        serde_json::from_str(&read_text(path)?).map_err(|error| format!("`{path}` is not JSON: {error}"))
    };
    let config = parse(&format!("{dir}/config.json"))?;
    let meta = parse(&format!("{dir}/meta.json"))?;
    let now = meta.get("now").cloned().ok_or("meta.json has no `now`")?;
    let batch = meta
        .get("batch")
        .and_then(Value::as_u64)
        .and_then(|batch| usize::try_from(batch).ok())
        .filter(|batch| *batch > 0)
        .ok_or("meta.json has no `batch` (a whole number above 0)")?;
    let cases_path = format!("{dir}/cases.jsonl");
    let cases = read_text(&cases_path)?.lines().filter(|line| !line.is_empty()).map(str::to_owned).collect();
    Ok(Sweep { config, now, batch, cases })
}

/// How many results decided each `rule/state`, or failed: the wasm run
/// must give the same tally.
fn tally(response: &EvaluateManyResponse, into: &mut BTreeMap<String, u64>) {
    let EvaluateManyResponse::Success { results } = response else {
        *into.entry("batch-failed".to_owned()).or_default() += 1;
        return;
    };
    for result in results {
        let key = match result {
            EvaluateResponse::Success { decision } => {
                let rule = decision.rule.as_ref().map_or("-", |rule| rule.id.as_str());
                let state = serde_json::to_value(decision.state).unwrap_or_default();
                format!("{rule}/{}", state.as_str().unwrap_or("?"))
            }
            EvaluateResponse::Failure { .. } => "error".to_owned(),
        };
        *into.entry(key).or_default() += 1;
    }
}

/// One pass over every case (or over batch `only`), in the sweep's
/// batches; only the engine's calls and dropping their results are timed.
fn run(sweep: &Sweep, engine: &Engine, only: Option<usize>) -> (f64, BTreeMap<String, u64>) {
    let mut seconds = 0.0;
    let mut tallies = BTreeMap::new();
    let batches = sweep.cases.chunks(sweep.batch).enumerate();
    for (_, batch) in batches.filter(|(index, _)| only.is_none_or(|only| only == *index)) {
        let start = Instant::now();
        let response = engine.evaluate_each_text(batch.iter().map(|text| Ok(Cow::Borrowed(text.as_str()))), &sweep.now);
        seconds += start.elapsed().as_secs_f64();
        // Tallied untimed, as on the wasm side.
        tally(&response, &mut tallies);
        let start = Instant::now();
        drop(response);
        seconds += start.elapsed().as_secs_f64();
    }
    (seconds, tallies)
}

/// Loads the sweep in `dir`, then runs it once per command on standard
/// input (`explain`: every rule's outcome written; `brief`:
/// `explainRules: false`; either followed by a batch number: that batch
/// alone), printing one JSON line each.
pub fn serve(dir: &str) -> Result<(), String> {
    let sweep = load(dir)?;
    let full = Engine::new(&sweep.config).map_err(|problems| format!("the config has problems: {problems:?}"))?;
    let mut options = EngineOptions::default();
    options.decision.explain_rules = false;
    let brief = full.clone().with_options(options);
    let mut out = std::io::stdout().lock();
    println!("{}", serde_json::json!({ "ready": true, "cases": sweep.cases.len() }));
    for command in std::io::stdin().lock().lines() {
        let command = command.map_err(|error| format!("cannot read standard input: {error}"))?;
        let mut words = command.split_whitespace();
        let (mode, batch) = (words.next(), words.next());
        let engine = match mode {
            Some("explain") => &full,
            Some("brief") => &brief,
            None => continue,
            Some(other) => return Err(format!("unknown command `{other}`: use `explain` or `brief`, then a batch")),
        };
        let line = match batch {
            None => {
                let (seconds, tallies) = run(&sweep, engine, None);
                serde_json::json!({ "mode": mode, "cases": sweep.cases.len(), "seconds": seconds, "tallies": tallies })
            }
            Some(batch) => {
                let batch = batch.parse::<usize>().map_err(|_| format!("`{batch}` is not a batch number"))?;
                let (seconds, _) = run(&sweep, engine, Some(batch));
                serde_json::json!({ "mode": mode, "batch": batch, "seconds": seconds })
            }
        };
        writeln!(out, "{line}").and_then(|()| out.flush()).map_err(|error| format!("cannot write: {error}"))?;
    }
    Ok(())
}
