//! host-sim: replays case histories against the case-followup engine on a
//! virtual clock, so plugin developers and administrators can see what a
//! rule would do before switching it on. See `README.md` for usage and exit
//! codes (`host_sim::exit`).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use host_sim::check::{CheckCollector, CheckWorker};
use host_sim::cli::{CheckArgs, Cli, ClockArgs, Command, DemoArgs, GenerateArgs, InputArgs, InputShape, MAX_JOBS};
use host_sim::exit;
use host_sim::input::STDIN;
use host_sim::output::Format;
use host_sim::output::sink::Sink;
use host_sim::output::totals::RunInfo;
use host_sim::replay::policy::{DEFAULT_POLICY, Policy};
use host_sim::replay_command::{Mode, ReplayCollector, ReplayWorker};
use host_sim::rule_sets::RuleSets;
use host_sim::run::{Source, drive, needs_config};

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Some(input) = cli.command.as_mut().and_then(Command::input_mut) {
        if let Err(message) = input.expand_directories() {
            return ExitCode::from(usage(&message));
        }
    }
    host_sim::interrupt::install();
    let code = match cli.command {
        None => demo(&DemoArgs { format: Format::Text, output: None }),
        Some(Command::Demo(args)) => demo(&args),
        Some(Command::Replay(args)) => {
            let mode = Mode::Simulate;
            replay(&args.input, &args.clock, args.format, args.output.as_deref(), args.drafts, mode)
        }
        Some(Command::Report(args)) => {
            let code = replay(&args.input, &args.clock, Format::Html, Some(&args.output), false, Mode::Both);
            if code != exit::FAILED && code != exit::BAD_INPUT && args.output != STDIN {
                eprintln!("wrote {}", args.output);
            }
            code
        }
        Some(Command::Shadow(args)) => {
            let clock = ClockArgs { until: args.until.clone(), policy: Some("never".to_owned()) };
            let mode = if args.format == Format::Html { Mode::Both } else { Mode::Shadow };
            replay(&args.input, &clock, args.format, args.output.as_deref(), false, mode)
        }
        Some(Command::Check(args)) => check(&args),
        Some(Command::Generate(args)) => generate(&args),
    };
    ExitCode::from(code)
}

fn usage(message: &str) -> u8 {
    eprintln!("error: {message}");
    exit::BAD_INPUT
}

fn set_threads(jobs: Option<usize>) -> Result<(), String> {
    if let Some(jobs) = jobs {
        if !(1..=MAX_JOBS).contains(&jobs) {
            return Err(format!("`--jobs {jobs}`: give 1 to {MAX_JOBS} worker threads"));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .map_err(|error| format!("cannot start {jobs} worker threads: {error}"))?;
    }
    Ok(())
}

/// The sources named on the command line and the `--config` rule sets, or
/// the exit code after saying what is wrong. Every named file must be
/// readable before anything runs.
fn sources(input: &InputArgs) -> Result<(Vec<Source>, Option<RuleSets>), u8> {
    set_threads(input.jobs).map_err(|message| usage(&message))?;
    host_sim::input::set_max_line_bytes(input.max_line_bytes);
    if input.files.iter().filter(|file| *file == STDIN).count() > 1 {
        return Err(usage("`-` (standard input) can be given once"));
    }
    for file in input.files.iter().filter(|file| *file != STDIN) {
        if let Err(error) = std::fs::File::open(file) {
            return Err(usage(&format!("cannot read `{file}`: {error}")));
        }
    }
    let shared =
        match RuleSets::from_flags(&input.config, input.rule_set_field.as_deref(), input.rule_set_map.as_deref()) {
            Ok(shared) => shared,
            Err(errors) => {
                for error in errors {
                    eprintln!("error: {error}");
                }
                return Err(exit::BAD_INPUT);
            }
        };
    if shared.is_none() {
        if input.from == InputShape::Dataverse {
            return Err(usage("Dataverse rows run with a config given on its own: add `--config CONFIG.json`"));
        }
        let lines = |file: &&String| {
            std::path::Path::new(file.as_str())
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("ndjson"))
        };
        if let Some(file) = input.files.iter().find(lines) {
            return Err(usage(&needs_config(file)));
        }
    }
    let sources = match (input.from, shared.is_some()) {
        (InputShape::Dataverse, _) => vec![Source::Dataverse { paths: input.files.clone() }],
        (InputShape::Cases, true) => input.files.iter().map(|path| Source::Lines { path: path.clone() }).collect(),
        (InputShape::Cases, false) => {
            input.files.iter().map(|path| Source::Scenario { label: path.clone(), bundled: None }).collect()
        }
    };
    Ok((sources, shared))
}

fn replay(input: &InputArgs, clock: &ClockArgs, format: Format, output: Option<&str>, drafts: bool, mode: Mode) -> u8 {
    let until = match clock.until.as_deref().map(host_sim::timefmt::parse_instant).transpose() {
        Ok(until) => until,
        Err(message) => return usage(&format!("--until: {message}")),
    };
    let policy = match clock.policy.as_deref().map(Policy::parse).transpose() {
        Ok(policy) => policy,
        Err(message) => return usage(&format!("--policy: {message}")),
    };
    if drafts && format != Format::Jsonl {
        return usage("`--drafts` goes with `--format jsonl`");
    }
    let (sources, shared) = match sources(input) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let worker = ReplayWorker { format, until, policy, drafts, mode };
    let run = RunInfo { policy: describe_policy(policy), shadow: mode != Mode::Simulate, ..RunInfo::default() };
    run_replay(&sources, shared.as_ref(), &worker, output, run, input.files.clone())
}

fn describe_policy(policy: Option<Policy>) -> String {
    match policy {
        Some(policy) => policy.describe(),
        None => format!("{} (unless a scenario case names its own)", DEFAULT_POLICY.describe()),
    }
}

fn run_replay(
    sources: &[Source],
    shared: Option<&RuleSets>,
    worker: &ReplayWorker,
    output: Option<&str>,
    run: RunInfo,
    inputs: Vec<String>,
) -> u8 {
    let sink = match Sink::open(output) {
        Ok(sink) => sink,
        Err(error) => return usage(&format!("cannot write `{}`: {error}", output.unwrap_or(STDIN))),
    };
    let mut collector = ReplayCollector::new(sink, worker.format, run, inputs);
    let ended = drive(sources, shared, worker, &mut collector);
    collector.finish(ended.interrupted);
    if let Some(message) = collector.write_failure() {
        eprintln!("error: {message}");
        return exit::FAILED;
    }
    if ended.interrupted {
        eprintln!("interrupted: {} cases replayed", collector.summary.cases_seen);
        return exit::INTERRUPTED;
    }
    let summary = &collector.summary;
    let replayed = summary.cases_seen - summary.skipped;
    let bad_input = collector.unreadable_files + summary.skipped;
    if replayed == 0 && bad_input > 0 {
        exit::BAD_INPUT
    } else if bad_input > 0 {
        exit::SKIPPED
    } else {
        exit::OK
    }
}

fn demo(args: &DemoArgs) -> u8 {
    let sources = [Source::Scenario {
        label: host_sim::demo::DEMO_LABEL.to_owned(),
        bundled: Some(host_sim::demo::DEMO_SCENARIO),
    }];
    let worker = ReplayWorker { format: args.format, until: None, policy: None, drafts: false, mode: Mode::Simulate };
    let run = RunInfo { policy: describe_policy(None), ..RunInfo::default() };
    run_replay(&sources, None, &worker, args.output.as_deref(), run, vec![host_sim::demo::DEMO_LABEL.to_owned()])
}

fn check(args: &CheckArgs) -> u8 {
    let (sources, shared) = match sources(&args.input) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let sink = match Sink::open(args.output.as_deref()) {
        Ok(sink) => sink,
        Err(error) => return usage(&format!("cannot write the output: {error}")),
    };
    let mut collector = CheckCollector::new(sink);
    let ended = drive(&sources, shared.as_ref(), &CheckWorker, &mut collector);
    collector.finish(ended.interrupted);
    if let Some(message) = collector.write_failure() {
        eprintln!("error: {message}");
        return exit::FAILED;
    }
    if ended.interrupted {
        return exit::INTERRUPTED;
    }
    if collector.bad_input > 0 {
        exit::BAD_INPUT
    } else if collector.failed > 0 {
        exit::FAILED
    } else if collector.passed == 0 {
        eprintln!(
            "error: nothing to check: no case has `checks` or `replay.expect` (see host-sim/README.md, `host-sim check`)"
        );
        exit::FAILED
    } else {
        exit::OK
    }
}

fn generate(args: &GenerateArgs) -> u8 {
    match host_sim::generate::write(&args.out, args.cases, args.seed) {
        Ok(written) => {
            let mut stdout = std::io::stdout().lock();
            let lines = format!(
                "wrote {} and {} ({} cases, seed {})\nreplay with: host-sim replay --config {} {} --format summary\n",
                written.config.display(),
                written.cases.display(),
                args.cases,
                args.seed,
                written.config.display(),
                written.cases.display()
            );
            if stdout.write_all(lines.as_bytes()).and_then(|()| stdout.flush()).is_err() {
                return exit::FAILED;
            }
            exit::OK
        }
        Err(message) => usage(&message),
    }
}

/// The replay allocates small strings and maps at every evaluation; mimalloc
/// serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
