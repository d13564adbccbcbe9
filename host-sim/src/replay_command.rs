//! `host-sim replay`, `report` and `shadow`: replays every case and writes
//! the chosen format, then the summary. Bad cases are reported on stderr
//! (and as `error` lines in JSON Lines) and skipped; the others' results
//! are kept.

use followup_engine::Timestamp;

use crate::error::{InputError, Place};
use crate::input::Job;
use crate::output::html::{Cards, CaseCard};
use crate::output::sink::Sink;
use crate::output::totals::{self, RunInfo};
use crate::output::{Format, csv, html, jsonl, shadow, text};
use crate::replay::entry::Outcome;
use crate::replay::policy::{DEFAULT_POLICY, Policy};
use crate::replay::{Settings, replay_case};
use crate::run::{Collector, Context, Worker};
use crate::spec::read_spec;
use crate::summary::{Filing, Summary, outcome_kind, rule_key, rule_keys};

/// What a run compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The rules act on the virtual clock (`replay`).
    Simulate,
    /// The rules only watch the recorded history (`shadow`).
    Shadow,
    /// Both, for the report.
    Both,
}

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
    /// What the run compares.
    pub mode: Mode,
}

/// One case's result.
#[derive(Debug)]
pub enum ReplayOut {
    /// Replayed: the rendered lines and the outcome for the summary.
    Done {
        /// Output for this case in the chosen format.
        rendered: String,
        /// The case for the HTML report.
        card: Option<Box<CaseCard>>,
        /// How it ended.
        outcome: Box<Outcome>,
        /// Which rule set it ran with (index in the context's sets).
        set: usize,
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
        let file = job.file.as_deref().unwrap_or(context.file);
        let input = job.input?;
        let fail = |code: &str, message: String| InputError {
            path: job.prefix.clone(),
            place: job.place.clone(),
            ..InputError::file(file, code, message)
        };
        let (set, plans) = context.choose(&input.case).map_err(|message| fail("no-rule-set", message))?;
        let Some(engine) = set.engine.as_ref() else {
            let message = "the scenario's config is invalid (see above): its cases cannot be replayed".to_owned();
            return Err(fail("invalid-config", message));
        };
        let spec = read_spec(input.replay.as_ref()).map_err(|problem| InputError {
            path: followup_engine::problem::join_path(&job.prefix, &problem.path),
            place: job.place.clone(),
            ..InputError::file(file, "invalid-value", problem.message)
        })?;
        let (record, timeline) = engine
            .read_case(input.case, input.timeline, "")
            .map_err(|problems| InputError::from_problems(file, job.place.clone(), &job.prefix, &problems))?;
        let settings = Settings {
            until: self.until.or(spec.until),
            policy: self.policy.or(spec.policy).unwrap_or(DEFAULT_POLICY),
            record: !matches!(self.format, Format::Summary | Format::Csv),
            drafts: self.drafts && self.format == Format::Jsonl,
            shadow: self.mode == Mode::Shadow,
        };
        let mut replay = if self.mode == Mode::Both {
            let watched = Settings { record: false, shadow: true, ..settings };
            let shadow = replay_case(engine, plans, record.clone(), timeline.clone(), &watched);
            let mut replay = replay_case(engine, plans, record, timeline, &settings);
            replay.outcome.shadow = shadow.outcome.shadow;
            replay
        } else {
            replay_case(engine, plans, record, timeline, &settings)
        };
        let offset = engine.config().calendar().zone;
        let name = input.name.as_deref();
        let set_name = context.rule_sets.several().then_some(set.name.as_str());
        let mut rendered = String::new();
        let mut card = None;
        match (self.format, self.mode) {
            (Format::Text, Mode::Shadow) => shadow::render_case(&mut rendered, file, name, &replay, offset),
            (Format::Text, _) => text::render_case(&mut rendered, file, name, &replay, offset),
            (Format::Jsonl, _) => jsonl::render_case(&mut rendered, file, name, &replay),
            (Format::Csv, _) => rendered = csv::row(file, name, set_name, &replay, offset),
            (Format::Html, _) => {
                let rules = engine.config().rules();
                let rule = replay
                    .outcome
                    .counted_rule(rules)
                    .and_then(|index| rules.get(index))
                    .map_or_else(|| "-".to_owned(), |rule| rule_key(set_name, rule));
                let mut shadow_lines = String::new();
                shadow::render_case(&mut shadow_lines, file, name, &replay, offset);
                let title = replay.title.as_deref().unwrap_or("(no title)");
                card = Some(Box::new(CaseCard {
                    heading: format!("{} · {title}", replay.label),
                    origin: name.map_or_else(|| file.to_owned(), |name| format!("{file} · {name}")),
                    rule,
                    outcome: outcome_kind(&replay.outcome),
                    ending: text::ending(&replay, offset),
                    rows: text::rows(&replay, offset),
                    shadow: (!shadow_lines.is_empty()).then_some(shadow_lines),
                }));
            }
            (Format::Summary, _) => {}
        }
        replay.entries = Vec::new();
        let index = context.rule_sets.sets.iter().position(|known| std::ptr::eq(known, set)).unwrap_or(0);
        Ok(ReplayOut::Done { rendered, card, outcome: Box::new(replay.outcome), set: index })
    }
}

/// Writes results in order and keeps the summary.
#[derive(Debug)]
pub struct ReplayCollector {
    sink: Sink,
    format: Format,
    /// The totals so far.
    pub summary: Summary,
    /// Files (or rows) that could not be read at all.
    pub unreadable_files: u64,
    /// What the run is.
    pub run: RunInfo,
    cards: Cards,
    inputs: Vec<String>,
    started: bool,
    /// The rule keys of each rule set of the current source, made once.
    keys: Vec<Option<Vec<String>>>,
}

impl ReplayCollector {
    /// A collector writing `format` to `sink`.
    #[must_use]
    pub fn new(sink: Sink, format: Format, run: RunInfo, inputs: Vec<String>) -> Self {
        let mut collector = Self {
            sink,
            format,
            summary: Summary::default(),
            unreadable_files: 0,
            run,
            cards: Cards::default(),
            inputs,
            started: false,
            keys: Vec::new(),
        };
        if format == Format::Csv {
            collector.sink.write(&csv::header());
        }
        collector
    }

    fn report(&mut self, error: &InputError) {
        eprintln!("error: {error}");
        if self.format == Format::Jsonl {
            let mut line = String::new();
            jsonl::render_error(&mut line, error);
            self.sink.write(&line);
        }
    }

    /// Writes the summary (or the whole report) and flushes; `interrupted`
    /// marks it as covering the cases before Ctrl-C only.
    pub fn finish(&mut self, interrupted: bool) {
        self.run.interrupted = interrupted;
        let text = match self.format {
            Format::Jsonl => {
                let mut line = String::new();
                jsonl::push_typed(&mut line, "summary", totals::json(&self.summary, &self.run));
                line
            }
            Format::Text | Format::Summary => totals::text(&self.summary, &self.run),
            Format::Html => html::render(&self.summary, &self.run, &self.inputs, &self.cards),
            Format::Csv => String::new(),
        };
        self.sink.write(&text);
        self.sink.flush();
    }

    /// Why the output could not be written, if it could not.
    #[must_use]
    pub fn write_failure(&self) -> Option<String> {
        self.sink.failure_message()
    }
}

impl Collector<ReplayOut> for ReplayCollector {
    fn start(&mut self, context: &Context<'_>, _cases: Option<usize>) {
        let zones: Vec<String> = context
            .rule_sets
            .sets
            .iter()
            .filter_map(|set| set.engine.as_ref())
            .map(|engine| crate::timefmt::zone(engine.config().calendar()))
            .collect();
        let zone = match zones.first() {
            Some(first) if zones.iter().all(|zone| zone == first) => first.clone(),
            Some(_) => "each rule set's calendar zone".to_owned(),
            None => "UTC".to_owned(),
        };
        self.keys.clear();
        if !self.started {
            self.started = true;
            self.run.zone.clone_from(&zone);
            if self.format == Format::Text {
                let header = text::header(&zone, &self.run.policy);
                self.sink.write(&header);
            }
        } else if self.run.zone != zone {
            "each rule set's calendar zone".clone_into(&mut self.run.zone);
        }
        for set in &context.rule_sets.sets {
            for problem in &set.problems {
                self.report(&InputError::from_problem(context.file, Place::File, "config", problem));
            }
        }
    }

    fn collect(&mut self, context: &Context<'_>, out: ReplayOut) {
        match out {
            ReplayOut::Done { rendered, card, outcome, set } => {
                self.sink.write(&rendered);
                if let Some(card) = card {
                    self.cards.offer(*card);
                }
                let Some(rule_set) = context.rule_sets.sets.get(set) else { return };
                let Some(engine) = rule_set.engine.as_ref() else { return };
                if self.keys.get(set).is_none_or(Option::is_none) {
                    self.keys.resize(context.rule_sets.sets.len().max(self.keys.len()), None);
                    let name = context.rule_sets.several().then_some(rule_set.name.as_str());
                    if let Some(slot) = self.keys.get_mut(set) {
                        *slot = Some(rule_keys(name, engine.config().rules()));
                    }
                }
                let keys = self.keys.get(set).and_then(Option::as_deref).unwrap_or_default();
                let filing = Filing { rules: engine.config().rules(), keys, offset: engine.config().calendar().zone };
                self.summary.add(&outcome, &filing);
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

    fn stopped(&self) -> bool {
        self.sink.failed()
    }
}
