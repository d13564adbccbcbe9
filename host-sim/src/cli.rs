//! The command line: `replay`, `report`, `shadow`, `check`, `generate` and
//! `demo` (the default).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;

/// Most worker threads `--jobs` accepts.
pub const MAX_JOBS: usize = 256;

/// Replays support-case histories against the case-followup engine on a
/// virtual clock, to see what a follow-up rule would do before switching it on.
#[derive(Debug, Parser)]
#[command(name = "host-sim", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without one, the bundled demo runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Replay case histories: each case on a virtual clock, its actions, and a summary.
    Replay(ReplayArgs),
    /// Write the backtest as one self-contained HTML file (same as `replay --format html`).
    Report(ReportArgs),
    /// Compare what representatives did in recorded histories with what the rules would have done.
    Shadow(ShadowArgs),
    /// Check scenarios' expectations (instant checks and replay expectations); exit 1 on a mismatch.
    Check(CheckArgs),
    /// Write a seeded, deterministic set of synthetic case histories (config.json + cases.jsonl).
    Generate(GenerateArgs),
    /// Replay the bundled Contoso Coffee example.
    Demo(DemoArgs),
}

/// Where cases come from and which rules they run with; shared by every
/// command that replays.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Scenario files (corpus JSON), JSON Lines case files with `--config`,
    /// or Dataverse export rows with `--from dataverse`; `-` is standard
    /// input; a directory stands for its `.json`, `.jsonl` and `.ndjson`
    /// files, in name order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// The config for JSON Lines and Dataverse input: `FILE`, or `NAME=FILE`
    /// once per rule set (see `--rule-set-field`).
    #[arg(long, value_name = "[NAME=]CONFIG.json")]
    pub config: Vec<String>,
    /// With several `--config`: the case column whose value names each
    /// case's rule set (or is looked up in `--rule-set-map`).
    #[arg(long, value_name = "COLUMN")]
    pub rule_set_field: Option<String>,
    /// A JSON object from values of `--rule-set-field` to rule set names.
    #[arg(long, value_name = "MAP.json")]
    pub rule_set_map: Option<String>,
    /// The shape of JSON Lines input: `cases` (one `{case, timeline}` per
    /// line) or `dataverse` (Web API rows of incidents, activities and
    /// audits, joined by incident id).
    #[arg(long, value_enum, default_value_t = InputShape::Cases)]
    pub from: InputShape,
    /// Longest JSON Lines line read, in bytes; longer lines are skipped as bad input.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_LINE_BYTES)]
    pub max_line_bytes: usize,
    /// Worker threads (default: one per core; at most 256).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// The shapes of JSON Lines input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputShape {
    /// One `{case, timeline}` record per line.
    Cases,
    /// Dataverse Web API rows (`incident`, activities, `audit`), any order.
    Dataverse,
}

/// How the virtual clock runs; shared by `replay` and `report`.
#[derive(Debug, Clone, Args)]
pub struct ClockArgs {
    /// End of the virtual clock (RFC 3339); wins over each case's own `replay.until`.
    #[arg(long, value_name = "INSTANT")]
    pub until: Option<String>,
    /// What the representative does beyond the recorded history: `never`
    /// (the default: only what is recorded happens) or `after:<ISO 8601
    /// duration>` (accept every suggestion and write every needed reply that
    /// long after it appears); wins over each case's `replay.policy`.
    #[arg(long, value_name = "POLICY")]
    pub policy: Option<String>,
}

/// `host-sim replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Inputs and rule sets.
    #[command(flatten)]
    pub input: InputArgs,
    /// The virtual clock.
    #[command(flatten)]
    pub clock: ClockArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the output to FILE instead of standard output (`-` is standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
    /// With `--format jsonl`: each decision also carries the engine's full
    /// decision, with drafted emails and resolutions (slower).
    #[arg(long)]
    pub drafts: bool,
}

/// `host-sim report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Inputs and rule sets.
    #[command(flatten)]
    pub input: InputArgs,
    /// The virtual clock.
    #[command(flatten)]
    pub clock: ClockArgs,
    /// The HTML file to write (`-` is standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "host-sim-report.html")]
    pub output: String,
}

/// `host-sim shadow`.
#[derive(Debug, Args)]
pub struct ShadowArgs {
    /// Inputs and rule sets.
    #[command(flatten)]
    pub input: InputArgs,
    /// End of the virtual clock (RFC 3339).
    #[arg(long, value_name = "INSTANT")]
    pub until: Option<String>,
    /// Output format: `text`, `jsonl`, `csv` or `summary`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the output to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
}

/// `host-sim check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Inputs and rule sets.
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
}

/// `host-sim generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of cases.
    #[arg(long, default_value_t = 1000)]
    pub cases: u64,
    /// Seed: the same seed gives the same files, byte for byte.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Folder to write `config.json` and `cases.jsonl` into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// `host-sim demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the output to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
}

impl Command {
    /// The input arguments of a command that reads cases.
    pub fn input_mut(&mut self) -> Option<&mut InputArgs> {
        match self {
            Self::Replay(args) => Some(&mut args.input),
            Self::Report(args) => Some(&mut args.input),
            Self::Shadow(args) => Some(&mut args.input),
            Self::Check(args) => Some(&mut args.input),
            Self::Generate(_) | Self::Demo(_) => None,
        }
    }
}

impl InputArgs {
    /// Replaces each directory among the files by the case files in it
    /// (`.json`, `.jsonl`, `.ndjson`, not looking into subdirectories), in
    /// name order; a directory without any is an error naming it.
    pub fn expand_directories(&mut self) -> Result<(), String> {
        let mut files = Vec::with_capacity(self.files.len());
        for file in &self.files {
            let path = std::path::Path::new(file);
            if file == crate::input::STDIN || !path.is_dir() {
                files.push(file.clone());
                continue;
            }
            let entries =
                std::fs::read_dir(path).map_err(|error| format!("cannot read the directory `{file}`: {error}"))?;
            let mut found: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|entry| entry.is_file())
                .filter(|entry| {
                    entry.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| {
                        ["json", "jsonl", "ndjson"].iter().any(|known| ext.eq_ignore_ascii_case(known))
                    })
                })
                .map(|entry| entry.to_string_lossy().into_owned())
                .collect();
            if found.is_empty() {
                return Err(format!("the directory `{file}` holds no .json, .jsonl or .ndjson file"));
            }
            found.sort();
            files.extend(found);
        }
        self.files = files;
        Ok(())
    }
}
