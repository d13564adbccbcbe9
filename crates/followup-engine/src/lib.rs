//! # followup-engine
//!
//! The pure core of case-followup: given a config of follow-up rules, a CRM
//! case, its timeline and the time `now`, decide what the autonomous
//! follow-up and closure agent does next: which rule applies, whether a
//! follow-up email is due and what it says, whether the customer's reply
//! needs a person, and when the customer's silence means the case can be
//! resolved, with what resolution.
//!
//! No I/O, no clock, no JS: `now` is an input and the same input always
//! gives the same decision, natively and in wasm. Hosts call the
//! JSON-shaped entry points in [`api`]; the typed functions
//! ([`evaluate`], [`draft_email`], [`fill_resolution`]) sit under them.

pub mod address;
pub mod api;
pub mod calendar;
pub mod conditions;
pub mod config;
pub mod decision;
pub mod drafting;
pub(crate) mod fields;
pub mod input;
pub mod language;
pub mod mail;
mod order;
pub mod problem;
pub mod record;
pub mod replies;
pub mod resolution;
pub mod status;
pub(crate) mod text;
pub mod time;
pub mod timeline;
pub mod zone;

pub use config::{Automation, Config, Rule};
pub use decision::{Assessment, Decision, assess, draft_email, evaluate, fill_resolution};
pub use problem::{Problem, ProblemCode};
pub use record::CaseRecord;
pub use timeline::Timeline;
