//! `followup-bench`: the native half of two benchmarks in `bench/`.
//!
//! - `followup-bench sweep DIR` loads the sweep that `bench/node/sweep.mjs`
//!   generated (`DIR/config.json`, `DIR/cases.jsonl`, `DIR/meta.json`) and
//!   times the native engine's `evaluateMany` over it, once per command
//!   read from standard input (`explain` or `brief`), so that the Node
//!   benchmark can interleave native and wasm rounds in one run.
//! - `followup-bench parse-only FILE` reads JSON Lines the way `host-sim
//!   replay` does (the same reader, the same worker threads) and only
//!   parses each line with `serde_json`: the least any replay must do.

mod parse_only;
mod sweep;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The allocator host-sim runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(about = "Native side of the case-followup benchmarks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Times `evaluateMany` on the native engine over a generated sweep,
    /// once per line `explain` or `brief` on standard input; prints one
    /// JSON line per run.
    Sweep {
        /// The directory `bench/node/sweep.mjs generate` wrote.
        dir: String,
    },
    /// Parses every line of a JSON Lines file with `serde_json` on the
    /// replay's reader and thread pool; prints lines, bytes and seconds.
    ParseOnly {
        /// The JSON Lines file.
        file: String,
        /// Worker threads (default: one per core, as `host-sim replay`).
        #[arg(long)]
        jobs: Option<usize>,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Sweep { dir } => sweep::serve(&dir),
        Command::ParseOnly { file, jobs } => parse_only::run(&file, jobs),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("followup-bench: {message}");
            ExitCode::FAILURE
        }
    }
}
