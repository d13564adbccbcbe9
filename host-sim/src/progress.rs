//! Progress on stderr for long runs, in cases and cases per second, shown
//! only when stderr is a terminal (never in pipes, files or CI logs).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A counter of cases handled, hidden when stderr is not a terminal.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
}

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress {
    /// A counter drawn on stderr when it is a terminal.
    #[must_use]
    pub fn new() -> Self {
        let visible = std::io::stderr().is_terminal();
        let target = if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed_precise} {human_pos} cases ({per_sec})") {
            bar.set_style(style);
        }
        if visible {
            bar.enable_steady_tick(std::time::Duration::from_millis(250));
        }
        Self { bar }
    }

    /// Counts `amount` more cases.
    pub fn advance(&self, amount: u64) {
        self.bar.inc(amount);
    }

    /// Removes the counter.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
