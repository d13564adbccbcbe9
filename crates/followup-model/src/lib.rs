//! # followup-model
//!
//! A second, deliberately small implementation of `docs/behaviour.md`, for
//! tests only: [`spec`] decides for one case at one instant by a plain
//! forward walk over its events, and [`model`] plays the host around it (the
//! same virtual clock as host-sim's replay loop). It shares no code with the
//! engine: histories are written in this crate's own terms ([`history`]) and
//! turned into the JSON a host sends only to run the engine beside it.
//!
//! [`generate`] writes random histories from a seed; [`differential`]
//! replays each through host-sim and through the model, compares every
//! action and state, and shrinks a disagreement into a scenario file.

pub mod differential;
pub mod engine;
pub mod generate;
pub mod history;
pub mod model;
pub mod run;
pub mod spec;
