//! host-sim: replays case histories against the case-followup engine on a
//! virtual clock, so plugin developers and administrators can see what a
//! rule would do before switching it on. See `README.md` for usage and exit
//! codes.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use host_sim::check::{CheckCollector, CheckWorker};
use host_sim::cli::{CheckArgs, Cli, Command, DemoArgs, GenerateArgs, ReplayArgs};
use host_sim::output::Format;
use host_sim::replay::policy::Policy;
use host_sim::replay_command::{ReplayCollector, ReplayWorker};
use host_sim::run::{SharedConfig, Source, drive, shared_config};

/// Everything replayed, every expectation held.
const EXIT_OK: u8 = 0;
/// `check`: an expectation did not hold.
const EXIT_MISMATCH: u8 = 1;
/// Bad usage or input: `replay` could replay nothing; `check` met input it could not read.
const EXIT_BAD_INPUT: u8 = 2;
/// `replay`: some cases, lines or scenarios were skipped as bad input; the rest were replayed.
const EXIT_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        None => demo(&DemoArgs { format: Format::Text }),
        Some(Command::Demo(args)) => demo(&args),
        Some(Command::Replay(args)) => replay(&args),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Generate(args)) => generate(&args),
    };
    ExitCode::from(code)
}

fn usage(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_BAD_INPUT
}

fn set_threads(jobs: Option<usize>) -> Result<(), String> {
    if let Some(jobs) = jobs {
        if jobs == 0 {
            return Err("`--jobs` must be at least 1".to_owned());
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .map_err(|error| format!("cannot start {jobs} worker threads: {error}"))?;
    }
    Ok(())
}

/// The sources named on the command line, and the shared config for JSON Lines.
fn sources(scenarios: &[String], config: Option<&str>) -> Result<(Vec<Source>, Option<SharedConfig>), u8> {
    let shared = match config {
        Some(path) => match shared_config(path) {
            Ok(shared) => Some(shared),
            Err(errors) => {
                for error in errors {
                    eprintln!("error: {error}");
                }
                return Err(EXIT_BAD_INPUT);
            }
        },
        None => None,
    };
    let sources = scenarios
        .iter()
        .map(|path| {
            if shared.is_some() {
                Source::Lines { path: path.clone() }
            } else {
                Source::Scenario { label: path.clone(), bundled: None }
            }
        })
        .collect();
    Ok((sources, shared))
}

fn replay(args: &ReplayArgs) -> u8 {
    if let Err(message) = set_threads(args.jobs) {
        return usage(&message);
    }
    let until = match args.until.as_deref().map(host_sim::timefmt::parse_instant).transpose() {
        Ok(until) => until,
        Err(message) => return usage(&format!("--until: {message}")),
    };
    let policy = match args.policy.as_deref().map(Policy::parse).transpose() {
        Ok(policy) => policy,
        Err(message) => return usage(&format!("--policy: {message}")),
    };
    if args.drafts && args.format != Format::Jsonl {
        return usage("`--drafts` goes with `--format jsonl`");
    }
    let (sources, shared) = match sources(&args.scenarios, args.config.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let worker = ReplayWorker { format: args.format, until, policy, drafts: args.drafts };
    run_replay(&sources, shared.as_ref(), &worker)
}

fn run_replay(sources: &[Source], shared: Option<&SharedConfig>, worker: &ReplayWorker) -> u8 {
    let stdout = std::io::stdout();
    let mut collector = ReplayCollector::new(BufWriter::with_capacity(1 << 16, stdout.lock()), worker.format);
    drive(sources, shared, worker, &mut collector);
    collector.finish();
    let summary = &collector.summary;
    let replayed = summary.cases_seen - summary.skipped;
    let bad_input = collector.unreadable_files + summary.skipped;
    if replayed == 0 && bad_input > 0 {
        EXIT_BAD_INPUT
    } else if bad_input > 0 {
        EXIT_SKIPPED
    } else {
        EXIT_OK
    }
}

fn demo(args: &DemoArgs) -> u8 {
    let sources = [Source::Scenario {
        label: host_sim::demo::DEMO_LABEL.to_owned(),
        bundled: Some(host_sim::demo::DEMO_SCENARIO),
    }];
    let worker = ReplayWorker { format: args.format, until: None, policy: None, drafts: false };
    run_replay(&sources, None, &worker)
}

fn check(args: &CheckArgs) -> u8 {
    if let Err(message) = set_threads(args.jobs) {
        return usage(&message);
    }
    let (sources, shared) = match sources(&args.scenarios, args.config.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut collector = CheckCollector::new(BufWriter::new(stdout.lock()));
    drive(&sources, shared.as_ref(), &CheckWorker, &mut collector);
    collector.finish();
    if collector.bad_input > 0 {
        EXIT_BAD_INPUT
    } else if collector.failed > 0 {
        EXIT_MISMATCH
    } else {
        EXIT_OK
    }
}

fn generate(args: &GenerateArgs) -> u8 {
    match host_sim::generate::write(&args.out, args.cases, args.seed) {
        Ok(written) => {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(
                stdout,
                "wrote {} and {} ({} cases, seed {})",
                written.config.display(),
                written.cases.display(),
                args.cases,
                args.seed
            );
            let _ = writeln!(
                stdout,
                "replay with: host-sim replay --config {} {} --format summary",
                written.config.display(),
                written.cases.display()
            );
            EXIT_OK
        }
        Err(message) => usage(&message),
    }
}

/// The replay allocates small strings and maps at every evaluation; mimalloc
/// serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
