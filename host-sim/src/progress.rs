//! A progress bar on stderr for long runs, shown only when stderr is a
//! terminal (never in pipes, files or CI logs).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// What the bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Bytes of JSON Lines read.
    Bytes,
    /// Cases replayed.
    Cases,
}

/// A progress bar, hidden when stderr is not a terminal.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `total` units.
    #[must_use]
    pub fn new(total: u64, unit: Unit) -> Self {
        let visible = std::io::stderr().is_terminal();
        let target = if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(Some(total), target);
        let template = match unit {
            Unit::Bytes => {
                "{spinner} {elapsed_precise} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {msg}"
            }
            Unit::Cases => "{spinner} {elapsed_precise} [{bar:40}] {pos}/{len} cases ({per_sec}) {msg}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        if visible {
            bar.enable_steady_tick(std::time::Duration::from_millis(250));
        }
        Self { bar }
    }

    /// Adds `amount` to the bar's length (cases found in a scenario file).
    pub fn grow(&self, amount: u64) {
        self.bar.inc_length(amount);
    }

    /// Moves the bar on by `amount`.
    pub fn advance(&self, amount: u64) {
        self.bar.inc(amount);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
