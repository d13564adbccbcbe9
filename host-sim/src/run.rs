//! Runs cases from every source through a worker, in parallel over chunks
//! of cases, handing the results to a collector in input order so runs are
//! deterministic. JSON Lines files are read by a thread of their own a few
//! chunks ahead, so memory stays flat however many cases a file holds.

use std::sync::mpsc::sync_channel;

use followup_engine::Problem;
use followup_engine::api::Engine;
use rayon::prelude::*;
use serde_json::Value;

use crate::error::{InputError, Place};
use crate::input::{self, Job, LineChunk};
use crate::progress::{Progress, Unit};
use crate::replay::rules::RulePlans;

/// Cases handed to the workers at once.
const CASES_PER_CHUNK: usize = 4096;
/// Chunks read ahead of the workers.
const CHUNKS_AHEAD: usize = 2;

/// Where cases come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A scenario file (the corpus format), or bundled scenario text.
    Scenario {
        /// The file's name as given (or the bundled scenario's name).
        label: String,
        /// The text, when bundled rather than read from `label`.
        bundled: Option<&'static str>,
    },
    /// A JSON Lines file of cases, replayed with the shared `--config`.
    Lines {
        /// The file's path.
        path: String,
    },
}

/// The config shared by JSON Lines sources.
#[derive(Debug)]
pub struct SharedConfig {
    /// The config as written.
    pub value: Value,
    /// The compiled config.
    pub engine: Engine,
}

/// What a worker knows about the source of a case.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The file, as named on the command line.
    pub file: &'a str,
    /// The compiled config; `None` when the scenario's config is invalid.
    pub engine: Option<&'a Engine>,
    /// The config as written.
    pub config: &'a Value,
    /// Why the config did not compile (paths under `config`).
    pub config_problems: &'a [Problem],
    /// Rule selection worked out once per case, over `engine`'s config.
    pub plans: Option<&'a RulePlans<'a>>,
}

/// Turns one case into a result; runs on many threads at once.
pub trait Worker: Sync {
    /// What one case gives.
    type Out: Send;
    /// Handles one case.
    fn work(&self, context: &Context<'_>, job: Job) -> Self::Out;
}

/// Receives results in input order, on one thread.
pub trait Collector<Out> {
    /// A source is about to be read (its config is in `context`).
    fn start(&mut self, context: &Context<'_>, cases: Option<usize>);
    /// One case's result.
    fn collect(&mut self, context: &Context<'_>, out: Out);
    /// A file that could not be read at all.
    fn unreadable(&mut self, error: &InputError);
}

/// Reads the shared config file for JSON Lines sources.
pub fn shared_config(path: &str) -> Result<SharedConfig, Vec<InputError>> {
    let text = input::read_text(path).map_err(|error| vec![error])?;
    let value = input::parse_json(path, &text).map_err(|error| vec![error])?;
    match Engine::new(&value) {
        Ok(engine) => Ok(SharedConfig { value, engine }),
        Err(problems) => {
            Err(problems.iter().map(|problem| InputError::from_problem(path, Place::File, "", problem)).collect())
        }
    }
}

/// Runs every source through `worker` into `collector`.
pub fn drive<W: Worker>(
    sources: &[Source],
    shared: Option<&SharedConfig>,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
) {
    let progress = progress_for(sources);
    for source in sources {
        match source {
            Source::Scenario { label, bundled } => {
                scenario(label, *bundled, worker, collector, &progress);
            }
            Source::Lines { path } => match shared {
                Some(shared) => lines(path, shared, worker, collector, &progress),
                None => collector.unreadable(&InputError::file(
                    path,
                    "usage",
                    "a JSON Lines file needs the config it runs with: give `--config CONFIG.json`",
                )),
            },
        }
    }
    progress.finish();
}

fn progress_for(sources: &[Source]) -> Progress {
    if sources.iter().all(|source| matches!(source, Source::Lines { .. })) {
        let bytes = sources
            .iter()
            .filter_map(|source| match source {
                Source::Lines { path } => std::fs::metadata(path).ok().map(|meta| meta.len()),
                Source::Scenario { .. } => None,
            })
            .sum();
        Progress::new(bytes, Unit::Bytes)
    } else {
        Progress::new(0, Unit::Cases)
    }
}

fn scenario<W: Worker>(
    label: &str,
    bundled: Option<&'static str>,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
    progress: &Progress,
) {
    let loaded = match bundled {
        Some(text) => Ok(text.to_owned()),
        None => input::read_text(label),
    }
    .and_then(|text| input::parse_json(label, &text))
    .and_then(|value| input::scenario(label, value));
    let scenario = match loaded {
        Ok(scenario) => scenario,
        Err(error) => {
            collector.unreadable(&error);
            return;
        }
    };
    let compiled = Engine::new(&scenario.config);
    let problems: Vec<Problem> = match &compiled {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().cloned().map(|problem| problem.under("config")).collect(),
    };
    let plans = compiled.as_ref().ok().map(|engine| RulePlans::new(engine.config()));
    let context = Context {
        file: label,
        engine: compiled.as_ref().ok(),
        config: &scenario.config,
        config_problems: &problems,
        plans: plans.as_ref(),
    };
    collector.start(&context, Some(scenario.cases.len()));
    progress.grow(scenario.cases.len() as u64);
    let mut cases = scenario.cases.into_iter().enumerate().peekable();
    while cases.peek().is_some() {
        let jobs: Vec<Job> = cases
            .by_ref()
            .take(CASES_PER_CHUNK)
            .map(|(index, value)| {
                let prefix = format!("cases[{index}]");
                let input = input::case_entry(label, value, &prefix);
                Job { place: Place::File, prefix, input }
            })
            .collect();
        let count = jobs.len() as u64;
        let outs: Vec<W::Out> = jobs.into_par_iter().map(|job| worker.work(&context, job)).collect();
        for out in outs {
            collector.collect(&context, out);
        }
        progress.advance(count);
    }
}

fn lines<W: Worker>(
    path: &str,
    shared: &SharedConfig,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
    progress: &Progress,
) {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) => {
            collector.unreadable(&InputError::file(path, "io", format!("cannot open the file: {error}")));
            return;
        }
    };
    let plans = RulePlans::new(shared.engine.config());
    let context = Context {
        file: path,
        engine: Some(&shared.engine),
        config: &shared.value,
        config_problems: &[],
        plans: Some(&plans),
    };
    collector.start(&context, None);
    let (sender, receiver) = sync_channel::<LineChunk>(CHUNKS_AHEAD);
    // Handled chunks go back to the reader, which reuses their buffers.
    let (give_back, take_back) = sync_channel::<LineChunk>(CHUNKS_AHEAD + 2);
    let read = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            input::stream_lines(
                path,
                file,
                CASES_PER_CHUNK,
                || take_back.try_recv().ok(),
                |chunk| sender.send(chunk).is_ok(),
            )
        });
        for chunk in receiver {
            let lines: Vec<(u64, &[u8])> = chunk.lines().collect();
            let outs: Vec<W::Out> = lines
                .into_par_iter()
                .map(|(number, line)| worker.work(&context, input::line_job(path, number, line)))
                .collect();
            for out in outs {
                collector.collect(&context, out);
            }
            progress.advance(chunk.bytes);
            // A full return queue only means a buffer is dropped.
            let _ = give_back.try_send(chunk);
        }
        reader.join()
    });
    match read {
        Ok(Ok(())) => {}
        Ok(Err(error)) => collector.unreadable(&error),
        Err(_) => collector.unreadable(&InputError::file(path, "io", "the reading thread stopped unexpectedly")),
    }
}
