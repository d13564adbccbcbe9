//! The command line: `replay`, `check`, `generate` and `demo` (the default).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;

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
    /// Replay scenarios: each case on a virtual clock, its actions, and a summary.
    Replay(ReplayArgs),
    /// Check scenarios' expectations (instant checks and replay expectations); exit 1 on a mismatch.
    Check(CheckArgs),
    /// Write a seeded, deterministic set of synthetic case histories (config.json + cases.jsonl).
    Generate(GenerateArgs),
    /// Replay the bundled Contoso Coffee example.
    Demo(DemoArgs),
}

/// `host-sim replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Scenario files (corpus JSON), or JSON Lines case files with `--config`.
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
    /// The config for JSON Lines case files (one `{"case", "timeline"}` per line).
    #[arg(long, value_name = "CONFIG.json")]
    pub config: Option<String>,
    /// End of the virtual clock (RFC 3339); wins over each case's own `replay.until`.
    #[arg(long, value_name = "INSTANT")]
    pub until: Option<String>,
    /// What the representative does with suggestions and needed replies:
    /// `never` or `after:<ISO 8601 duration>` (default `after:PT4H`); wins over each case's `replay.policy`.
    #[arg(long, value_name = "POLICY")]
    pub policy: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// With `--format jsonl`: each decision also carries the engine's full
    /// decision, with drafted emails and resolutions (slower).
    #[arg(long)]
    pub drafts: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `host-sim check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files (corpus JSON), or JSON Lines case files with `--config`.
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
    /// The config for JSON Lines case files.
    #[arg(long, value_name = "CONFIG.json")]
    pub config: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
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
}
