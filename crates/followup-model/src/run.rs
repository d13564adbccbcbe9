//! What one replay of a history did, in terms both sides produce: the
//! actions in order, where the process stood after each recorded instant,
//! and how it ended. The differential test compares two of these.

use std::fmt::Write as _;

use crate::history::rfc3339;

/// One action the host performed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// When (seconds after `T0`).
    pub at: i64,
    /// `sendFollowUp`, `resolveCase` or `replyToCustomer`.
    pub action: &'static str,
    /// `agent` or `representative`.
    pub by: &'static str,
    /// The follow-up's number.
    pub number: Option<u32>,
    /// The step's idempotency key (follow-ups and resolutions).
    pub key: Option<String>,
}

/// Where the process stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The decision's state (`waiting`, `paused`, ...).
    pub state: String,
    /// Its reason (`awaitingResponse`, ...).
    pub reason: String,
}

/// A replay, as compared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// The actions, oldest first.
    pub actions: Vec<Action>,
    /// The settled state after each recorded instant the host evaluated at.
    pub states: Vec<(i64, State)>,
    /// The last decision.
    pub last: Option<State>,
    /// When the case was resolved.
    pub resolved_at: Option<i64>,
}

impl Run {
    /// The first difference between `self` (expected) and `other`, in words.
    #[must_use]
    pub fn difference(&self, other: &Self) -> Option<String> {
        for (index, pair) in self.actions.iter().zip(other.actions.iter()).enumerate() {
            if pair.0 != pair.1 {
                return Some(format!("action {index}: expected {}, got {}", describe(pair.0), describe(pair.1)));
            }
        }
        if self.actions.len() != other.actions.len() {
            let (longer, which) =
                if self.actions.len() > other.actions.len() { (self, "missing") } else { (other, "extra") };
            let first = longer.actions.get(self.actions.len().min(other.actions.len()));
            return Some(format!("{which} action: {}", first.map(describe).unwrap_or_default()));
        }
        for (at, state) in &other.states {
            if let Some((_, expected)) = self.states.iter().find(|(when, _)| when == at) {
                if expected != state {
                    return Some(format!(
                        "at {}: expected {}/{}, got {}/{}",
                        rfc3339(*at),
                        expected.state,
                        expected.reason,
                        state.state,
                        state.reason
                    ));
                }
            }
        }
        if self.last != other.last {
            return Some(format!("final state: expected {:?}, got {:?}", self.last, other.last));
        }
        None
    }
}

/// An action on one line.
#[must_use]
pub fn describe(action: &Action) -> String {
    let mut text = format!("{} {} by {}", rfc3339(action.at), action.action, action.by);
    if let Some(number) = action.number {
        let _ = write!(text, " #{number}");
    }
    if let Some(key) = &action.key {
        let _ = write!(text, " key {key}");
    }
    text
}
