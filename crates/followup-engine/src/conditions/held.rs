//! The conditions that held, for the explanation of the rule in charge:
//! "Why" names what made the rule apply, not only its id.

use super::{BoundCase, Condition};
use crate::time::Timestamp;

impl Condition {
    /// What held for `case` at `now`, for people, in config order: every
    /// comparison under an `all`, the first alternative that held under an
    /// `any`, and for a `not` what its condition found instead. Empty when
    /// the condition does not hold.
    #[must_use]
    pub fn held(&self, case: &BoundCase<'_>, now: Timestamp) -> Vec<String> {
        let mut found = Vec::new();
        if self.holds(case, now).unwrap_or(false) {
            self.collect_held(case, now, &mut found);
        }
        found
    }

    fn collect_held(&self, case: &BoundCase<'_>, now: Timestamp, found: &mut Vec<String>) {
        match self {
            Self::All(children) => {
                for child in children {
                    child.collect_held(case, now, found);
                }
            }
            Self::Any { children, .. } => {
                if let Some(child) = children.iter().find(|child| child.holds(case, now).unwrap_or(false)) {
                    child.collect_held(case, now, found);
                }
            }
            Self::Not { child, .. } => {
                if let Ok(Some(failure)) = child.check(case, now) {
                    found.push(format!("`not` held: {}", failure.describe(case.case, now)));
                }
            }
            Self::Leaf(leaf) => found.push(leaf.describe_outcome(case.case, now, " held: the case has ")),
        }
    }
}
