//! `host-sim replay`: replays every case and writes the chosen format,
//! then the summary. Bad cases are reported on stderr (and as `error`
//! lines in JSON Lines) and skipped; the others' results are kept.

use std::io::Write;

use followup_engine::time::Timestamp;

use crate::error::InputError;
use crate::input::Job;
use crate::output::{Format, jsonl, text};
use crate::replay::entry::Outcome;
use crate::replay::policy::{DEFAULT_POLICY, Policy};
use crate::replay::{Settings, replay_case};
use crate::run::{Collector, Context, Worker};
use crate::spec::read_spec;
use crate::summary::Summary;

/// Replays one case per job.
#[derive(Debug, Clone, Copy)]
pub struct ReplayWorker {
    /// The output format.
    pub format: Format,
    /// `--until`: wins over each case's own end time.
    pub until: Option<Timestamp>,
    /// `--policy`: wins over each case's own policy.
    pub policy: Option<Policy>,
    /// `--drafts`: attach the engine's full decisions (JSON Lines).
    pub drafts: bool,
}

/// One case's result.
#[derive(Debug)]
pub enum ReplayOut {
    /// Replayed: the rendered lines and the outcome for the summary.
    Done {
        /// Output for this case in the chosen format.
        rendered: String,
        /// How it ended.
        outcome: Box<Outcome>,
    },
    /// Skipped: why.
    Bad(Box<InputError>),
}

impl Worker for ReplayWorker {
    type Out = ReplayOut;

    fn work(&self, context: &Context<'_>, job: Job) -> ReplayOut {
        match self.replay(context, job) {
            Ok(out) => out,
            Err(error) => ReplayOut::Bad(Box::new(error)),
        }
    }
}

impl ReplayWorker {
    fn replay(&self, context: &Context<'_>, job: Job) -> Result<ReplayOut, InputError> {
        let input = job.input?;
        let Some(engine) = context.engine else {
            let message = "the scenario's config is invalid (see above): its cases cannot be replayed";
            return Err(InputError {
                path: job.prefix,
                place: job.place,
                ..InputError::file(context.file, "invalid-config", message)
            });
        };
        let spec = read_spec(input.replay.as_ref()).map_err(|problem| InputError {
            path: followup_engine::problem::join_path(&job.prefix, &problem.path),
            place: job.place.clone(),
            ..InputError::file(context.file, "invalid-value", problem.message)
        })?;
        let (record, timeline) = engine
            .read_case(input.case, input.timeline, "")
            .map_err(|problem| InputError::from_problem(context.file, job.place.clone(), &job.prefix, &problem))?;
        let settings = Settings {
            until: self.until.or(spec.until),
            policy: self.policy.or(spec.policy).unwrap_or(DEFAULT_POLICY),
            record: self.format != Format::Summary,
            drafts: self.drafts && self.format == Format::Jsonl,
        };
        let replay = replay_case(engine, context.plans, record, timeline, &settings);
        let mut rendered = String::new();
        match self.format {
            Format::Text => text::render_case(&mut rendered, context.file, input.name.as_deref(), &replay),
            Format::Jsonl => jsonl::render_case(&mut rendered, context.file, input.name.as_deref(), &replay),
            Format::Summary => {}
        }
        Ok(ReplayOut::Done { rendered, outcome: Box::new(replay.outcome) })
    }
}

/// Writes results in order and keeps the summary.
#[derive(Debug)]
pub struct ReplayCollector<W: Write> {
    out: W,
    format: Format,
    /// The totals so far.
    pub summary: Summary,
    /// Files that could not be read at all.
    pub unreadable_files: u64,
    /// Whether writing the output failed (a closed pipe).
    pub write_failed: bool,
}

impl<W: Write> ReplayCollector<W> {
    /// A collector writing `format` to `out`.
    pub fn new(out: W, format: Format) -> Self {
        let mut collector = Self { out, format, summary: Summary::default(), unreadable_files: 0, write_failed: false };
        if format == Format::Text {
            collector.write(text::HEADER);
        }
        collector
    }

    fn write(&mut self, text: &str) {
        if !self.write_failed && self.out.write_all(text.as_bytes()).is_err() {
            self.write_failed = true;
        }
    }

    fn report(&mut self, error: &InputError) {
        eprintln!("error: {error}");
        if self.format == Format::Jsonl {
            let mut line = String::new();
            jsonl::render_error(&mut line, error);
            self.write(&line);
        }
    }

    /// Writes the summary and flushes.
    pub fn finish(&mut self) {
        let text = match self.format {
            Format::Jsonl => {
                let mut line = String::new();
                if let serde_json::Value::Object(fields) = self.summary.json() {
                    jsonl::push_typed(&mut line, "summary", fields);
                }
                line
            }
            Format::Text | Format::Summary => self.summary.text(),
        };
        self.write(&text);
        if self.out.flush().is_err() {
            self.write_failed = true;
        }
    }
}

impl<W: Write> Collector<ReplayOut> for ReplayCollector<W> {
    fn start(&mut self, context: &Context<'_>, _cases: Option<usize>) {
        for problem in context.config_problems {
            self.report(&InputError::from_problem(context.file, crate::error::Place::File, "", problem));
        }
    }

    fn collect(&mut self, context: &Context<'_>, out: ReplayOut) {
        match out {
            ReplayOut::Done { rendered, outcome } => {
                self.write(&rendered);
                let rules = context.engine.map_or(&[][..], |engine| engine.config().rules.as_slice());
                self.summary.add(&outcome, rules);
            }
            ReplayOut::Bad(error) => {
                // A case of a scenario whose config is invalid was reported with the config.
                if error.code != "invalid-config" {
                    self.report(&error);
                }
                self.summary.skip();
            }
        }
    }

    fn unreadable(&mut self, error: &InputError) {
        self.report(error);
        self.unreadable_files += 1;
    }
}
