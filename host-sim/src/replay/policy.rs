//! The representative in the replay: what a person does with the
//! suggestions of a confirm-mode rule and with customer replies that need a
//! person (automation never answers a customer on its own).

use std::fmt;

use chrono::TimeDelta;
use followup_engine::Timestamp;

use crate::timefmt::parse_duration;

/// How the replayed representative acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Accepts every suggestion and writes every needed reply this long
    /// after it appears.
    AcceptAfter(TimeDelta),
    /// Never acts: suggestions and replies wait forever.
    Never,
}

/// The policy when neither the scenario nor a flag names one: a recorded
/// history replays what was recorded and nothing a person did not do;
/// inventing representative actions takes an explicit `--policy`.
pub const DEFAULT_POLICY: Policy = Policy::Never;

impl Policy {
    /// Reads `never` or `after:PT4H` (any ISO 8601 duration, zero allowed as `after:PT0S`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text == "never" {
            return Ok(Self::Never);
        }
        let Some(delay) = text.strip_prefix("after:") else {
            return Err(format!(
                "`{text}` is not a policy: use `never` or `after:<ISO 8601 duration>`, such as `after:PT4H`"
            ));
        };
        let delta = parse_duration(delay)?;
        Ok(Self::AcceptAfter(delta))
    }

    /// The policy in a sentence, for reports.
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::Never => {
                "`never`: representatives do only what the history records; suggestions and needed replies wait"
                    .to_owned()
            }
            Self::AcceptAfter(delay) => format!(
                "`after:{}`: an invented representative accepts every suggestion and writes every needed reply {} after it appears",
                crate::timefmt::iso_duration(delay),
                crate::timefmt::span(delay)
            ),
        }
    }

    /// When a suggestion that appeared at `shown` is acted on, if ever.
    #[must_use]
    pub fn acts_at(self, shown: Timestamp) -> Option<Timestamp> {
        match self {
            Self::AcceptAfter(delay) => shown.checked_add_signed(delay),
            Self::Never => None,
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Never => f.write_str("never"),
            Self::AcceptAfter(delay) => write!(f, "after {}", crate::timefmt::span(*delay)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_policies() {
        assert_eq!(Policy::parse("never").unwrap(), Policy::Never);
        assert_eq!(Policy::parse("after:PT2H").unwrap(), Policy::AcceptAfter(TimeDelta::hours(2)));
        assert!(Policy::parse("sometimes").unwrap_err().contains("`sometimes` is not a policy"));
        assert!(Policy::parse("after:soon").is_err());
        let at = crate::timefmt::parse_instant("2026-11-02T10:00:00Z").unwrap();
        assert_eq!(Policy::parse("after:PT2H").unwrap().acts_at(at), Some(at + TimeDelta::hours(2)));
        assert_eq!(Policy::Never.acts_at(at), None);
        assert_eq!(Policy::AcceptAfter(TimeDelta::hours(4)).to_string(), "after 4h");
    }
}
