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
//!
//! The inputs are a [`Config`] (its schema in [`config`], [`template`] and
//! [`resolution`]), a [`CaseRecord`], a [`Timeline`] and a [`Timestamp`];
//! the outputs are a [`Decision`] ([`decision`]), an email draft
//! ([`drafting`]) and a resolution draft ([`resolution`]). [`replies`]
//! reads a customer message on its own, [`mail`] an email body, [`input`]
//! holds the size limits a host checks JSON text against, and every
//! problem is a [`Problem`] naming its JSON path ([`problem`]).

mod address;
mod analysis;
pub mod api;
mod calendar;
mod conditions;
pub mod config;
pub mod decision;
pub mod drafting;
pub mod input;
pub mod language;
pub mod mail;
mod order;
pub mod problem;
mod reader;
mod record;
pub mod replies;
pub mod resolution;
mod status;
pub mod template;
mod text;
mod time;
pub mod timeline;
mod zone;

pub use address::{AddressError, EmailAddress, Mailbox};
pub use calendar::{Calendar, Holiday};
pub use config::{Automation, Config, Rule};
pub use decision::{Assessment, Decision, assess, draft_email, evaluate, fill_resolution};
pub use problem::{Problem, ProblemCode};
pub use record::{CaseRecord, FieldValue};
pub use status::{CaseState, StatusCatalog, StatusReason};
pub use time::{IsoDuration, Timestamp, format_timestamp, parse_timestamp};
pub use timeline::Timeline;
pub use zone::Zone;
