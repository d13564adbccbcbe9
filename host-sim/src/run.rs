//! Runs cases from every source through a worker, in parallel over chunks
//! of cases, handing the results to a collector in input order so runs are
//! deterministic. JSON Lines files are read by a thread of their own a few
//! chunks ahead, so memory stays flat however many cases a file holds.
//! Ctrl-C or a collector that can no longer write stops the run between
//! cases: every case handed to the collector is whole.

use std::sync::mpsc::sync_channel;

use rayon::prelude::*;
use serde_json::Value;

use crate::dataverse;
use crate::error::{InputError, Place};
use crate::input::{self, Job, LineChunk};
use crate::interrupt;
use crate::progress::Progress;
use crate::replay::rules::RulePlans;
use crate::rule_sets::{RuleSet, RuleSets};

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
    /// A JSON Lines file of cases, replayed with the `--config` rule sets.
    Lines {
        /// The file's path (`-`: standard input).
        path: String,
    },
    /// Dataverse export files, joined by incident id.
    Dataverse {
        /// The files.
        paths: Vec<String>,
    },
}

/// What a worker knows about the source of a case.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The file, as named on the command line.
    pub file: &'a str,
    /// The rule sets cases choose from.
    pub rule_sets: &'a RuleSets,
    /// Rule selection worked out once per case, one per rule set.
    pub plans: &'a [Option<RulePlans<'a>>],
}

impl<'a> Context<'a> {
    /// The rule set for a case as written, with its plans.
    pub fn choose(&self, case: &Value) -> Result<(&'a RuleSet, Option<&'a RulePlans<'a>>), String> {
        let set = self.rule_sets.choose(case)?;
        let index = self.rule_sets.sets.iter().position(|known| std::ptr::eq(known, set));
        let plans = index.and_then(|index| self.plans.get(index)).and_then(Option::as_ref);
        Ok((set, plans))
    }
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
    /// A source is about to be read (its rule sets are in `context`).
    fn start(&mut self, context: &Context<'_>, cases: Option<usize>);
    /// One case's result.
    fn collect(&mut self, context: &Context<'_>, out: Out);
    /// A file that could not be read at all.
    fn unreadable(&mut self, error: &InputError);
    /// Whether the run should stop (the output can no longer be written).
    fn stopped(&self) -> bool {
        false
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ended {
    /// Stopped by Ctrl-C before every case was handled.
    pub interrupted: bool,
}

/// Runs every source through `worker` into `collector`; `shared` are the
/// `--config` rule sets for JSON Lines and Dataverse sources.
pub fn drive<W: Worker>(
    sources: &[Source],
    shared: Option<&RuleSets>,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
) -> Ended {
    let progress = Progress::new();
    let mut ended = Ended::default();
    for source in sources {
        if ended.interrupted || collector.stopped() {
            break;
        }
        ended = match source {
            Source::Scenario { label, bundled } => scenario(label, *bundled, worker, collector, &progress),
            Source::Lines { path } => {
                if let Some(shared) = shared {
                    lines(path, shared, worker, collector, &progress)
                } else {
                    collector.unreadable(&InputError::file(path, "usage", needs_config(path)));
                    Ended::default()
                }
            }
            Source::Dataverse { paths } => {
                if let Some(shared) = shared {
                    export(paths, shared, worker, collector, &progress)
                } else {
                    let label = paths.join(", ");
                    collector.unreadable(&InputError::file(&label, "usage", needs_config(&label)));
                    Ended::default()
                }
            }
        };
    }
    progress.finish();
    ended
}

/// What to say when JSON Lines arrive without the config they run with.
#[must_use]
pub fn needs_config(file: &str) -> String {
    format!(
        "`{file}` holds JSON Lines (one case per line), which run with a config given on its own: \
         add `--config CONFIG.json` (`host-sim generate` writes an example of both)"
    )
}

/// Hands `items` to the workers, each read into its job by `read` on the
/// worker's thread, and their results to the collector, in order. Returns
/// `false` when the run must stop.
fn run_jobs<W: Worker, T: Send>(
    items: Vec<T>,
    read: impl Fn(T) -> Job + Sync,
    context: &Context<'_>,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
    progress: &Progress,
) -> bool {
    let outs: Vec<Option<W::Out>> = items
        .into_par_iter()
        .map(|item| if interrupt::requested() { None } else { Some(worker.work(context, read(item))) })
        .collect();
    for out in outs {
        let Some(out) = out else {
            return false;
        };
        collector.collect(context, out);
        progress.advance(1);
        if collector.stopped() {
            return false;
        }
    }
    !interrupt::requested()
}

fn ended(running: bool) -> Ended {
    Ended { interrupted: !running && interrupt::requested() }
}

fn scenario<W: Worker>(
    label: &str,
    bundled: Option<&'static str>,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
    progress: &Progress,
) -> Ended {
    let loaded = match bundled {
        Some(text) => Ok(text.to_owned()),
        None => input::read_text(label),
    }
    .and_then(|text| {
        input::parse_json(label, &text).map_err(|error| {
            // A second JSON value on line 2 and on: JSON Lines given as a scenario.
            if error.message.contains("trailing characters") {
                InputError::file(label, "usage", needs_config(label))
            } else {
                error
            }
        })
    })
    .and_then(|value| input::scenario(label, value));
    let scenario = match loaded {
        Ok(scenario) => scenario,
        Err(error) => {
            collector.unreadable(&error);
            return Ended::default();
        }
    };
    let rule_sets = RuleSets::single(RuleSet::new(crate::rule_sets::DEFAULT_SET, scenario.config));
    let plans: Vec<Option<RulePlans<'_>>> = rule_sets.sets.iter().map(RuleSet::plans).collect();
    let context = Context { file: label, rule_sets: &rule_sets, plans: &plans };
    collector.start(&context, Some(scenario.cases.len()));
    let t0 = scenario.t0;
    let mut cases = scenario.cases.into_iter().enumerate().peekable();
    while cases.peek().is_some() {
        let entries: Vec<(usize, Value)> = cases.by_ref().take(CASES_PER_CHUNK).collect();
        let read = |(index, value): (usize, Value)| {
            let prefix = format!("cases[{index}]");
            let input = input::case_entry(label, value, &prefix, t0);
            Job { place: Place::File, prefix, file: None, input }
        };
        if !run_jobs(entries, read, &context, worker, collector, progress) {
            return ended(false);
        }
    }
    Ended::default()
}

fn lines<W: Worker>(
    path: &str,
    shared: &RuleSets,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
    progress: &Progress,
) -> Ended {
    let file = match input::open(path) {
        Ok(file) => file,
        Err(error) => {
            collector.unreadable(&error);
            return Ended::default();
        }
    };
    let plans: Vec<Option<RulePlans<'_>>> = shared.sets.iter().map(RuleSet::plans).collect();
    let context = Context { file: path, rule_sets: shared, plans: &plans };
    collector.start(&context, None);
    let max_line = crate::input::max_line_bytes();
    let (sender, receiver) = sync_channel::<LineChunk>(CHUNKS_AHEAD);
    // Handled chunks go back to the reader, which reuses their buffers.
    let (give_back, take_back) = sync_channel::<LineChunk>(CHUNKS_AHEAD + 2);
    let (running, read) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            input::stream_lines(
                path,
                file,
                CASES_PER_CHUNK,
                max_line,
                || take_back.try_recv().ok(),
                |chunk| !interrupt::requested() && sender.send(chunk).is_ok(),
            )
        });
        let mut running = true;
        for chunk in &receiver {
            if running {
                // Each line is parsed on a worker's thread, not here.
                let lines: Vec<(u64, input::Line<'_>)> = chunk.lines().collect();
                let read = |(number, line)| input::line_job(path, number, line);
                running = run_jobs(lines, read, &context, worker, collector, progress);
            }
            // A full return queue only means a buffer is dropped; once
            // stopped, chunks are drained so the reader sees the end.
            let _ = give_back.try_send(chunk);
            if !running {
                break;
            }
        }
        drop(receiver);
        (running, reader.join())
    });
    match read {
        Ok(Ok(())) => {}
        Ok(Err(error)) => collector.unreadable(&error),
        Err(_) => collector.unreadable(&InputError::file(path, "io", "the reading thread stopped unexpectedly")),
    }
    ended(running)
}

fn export<W: Worker>(
    paths: &[String],
    shared: &RuleSets,
    worker: &W,
    collector: &mut impl Collector<W::Out>,
    progress: &Progress,
) -> Ended {
    let label = paths.join(", ");
    let export = match dataverse::read(paths, crate::input::max_line_bytes()) {
        Ok(export) => export,
        Err(error) => {
            collector.unreadable(&error);
            return Ended::default();
        }
    };
    let plans: Vec<Option<RulePlans<'_>>> = shared.sets.iter().map(RuleSet::plans).collect();
    let context = Context { file: &label, rule_sets: shared, plans: &plans };
    collector.start(&context, Some(export.jobs.len()));
    for error in &export.bad_rows {
        collector.unreadable(error);
    }
    let mut jobs = export.jobs.into_iter().peekable();
    while jobs.peek().is_some() {
        let chunk: Vec<Job> = jobs.by_ref().take(CASES_PER_CHUNK).collect();
        if !run_jobs(chunk, |job| job, &context, worker, collector, progress) {
            return ended(false);
        }
    }
    Ended::default()
}
