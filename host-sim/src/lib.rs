//! host-sim as a library: the replay loop on a virtual clock, the scenario
//! reader, the checks and the outputs, for the `host-sim` binary and for
//! tests that drive the same loop (the differential test against the
//! reference model).

pub mod check;
pub mod cli;
pub mod dataverse;
pub mod demo;
pub mod error;
pub mod exit;
pub mod generate;
pub mod input;
pub mod interrupt;
pub mod output;
pub mod progress;
pub mod replay;
pub mod replay_command;
pub mod rule_sets;
pub mod run;
pub mod spec;
pub mod summary;
pub mod timefmt;
