//! Output formats: text for people, JSON Lines for tools, or the summary
//! alone for large runs.

pub mod jsonl;
pub mod text;

/// How `replay` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each case as aligned lines, then the summary block.
    Text,
    /// One JSON object per line for every event, decision and action, then
    /// each case's outcome; the summary is the last line.
    Jsonl,
    /// The summary block alone.
    Summary,
}
