//! # followup-engine
//!
//! The pure core of case-followup: given a config of follow-up rules, a CRM
//! case, its timeline and the time `now`, decide what the autonomous
//! follow-up and closure agent does next: which rule applies, whether a
//! follow-up email is due, whether the customer's reply needs a person,
//! and when the customer's silence means the case can be resolved.
//!
//! No I/O, no clock, no JS: `now` is an input and the same input always
//! gives the same decision, natively and in wasm.

pub mod calendar;
pub mod conditions;
pub mod config;
pub mod fields;
pub mod mail;
pub mod problem;
pub mod record;
pub mod replies;
pub mod status;
pub mod text;
pub mod time;
pub mod timeline;

pub use config::{Automation, Config, Rule};
pub use problem::{Problem, ProblemCode};
pub use record::CaseRecord;
pub use timeline::Timeline;
