//! Output formats: text for people, JSON Lines for tools, CSV for
//! spreadsheets, the HTML report, or the summary alone for large runs.

pub mod charts;
pub mod csv;
pub mod html;
pub mod jsonl;
pub mod shadow;
pub mod sink;
pub mod text;
pub mod totals;

/// How `replay` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each case as aligned lines, then the summary block.
    Text,
    /// One JSON object per line for every event, decision and action, then
    /// each case's outcome; the summary is the last line.
    Jsonl,
    /// One row per case (RFC 4180), with a header row.
    Csv,
    /// The backtest report: one self-contained HTML file.
    Html,
    /// The summary block alone.
    Summary,
}
