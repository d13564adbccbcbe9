//! Case status: the state (`statecode`) and the Status Reason (`statuscode`)
//! option sets of a Dataverse `incident`, with the labels an administrator
//! writes in a rule and the custom values an organisation adds.

use serde::Serialize;

/// The case's state (`statecode`): only active cases are followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum CaseState {
    /// `statecode` 0: the case is open.
    Active,
    /// `statecode` 1: the case is resolved.
    Resolved,
    /// `statecode` 2: the case is canceled.
    Canceled,
}

impl CaseState {
    /// The state for a `statecode` value, if it is one of the three.
    #[must_use]
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(Self::Active),
            1 => Some(Self::Resolved),
            2 => Some(Self::Canceled),
            _ => None,
        }
    }

    /// The label Dataverse shows for the state.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Resolved => "Resolved",
            Self::Canceled => "Canceled",
        }
    }
}

/// One Status Reason value with its label and the state it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusReason {
    /// The integer option value (`statuscode`).
    pub value: i64,
    /// The label people see (`Waiting for Details`).
    pub label: String,
    /// The state this reason belongs to.
    pub state: CaseState,
}

/// The Status Reason values Dataverse ships for `incident`.
pub const BUILT_IN_STATUS_REASONS: [(i64, &str, CaseState); 8] = [
    (1, "In Progress", CaseState::Active),
    (2, "On Hold", CaseState::Active),
    (3, "Waiting for Details", CaseState::Active),
    (4, "Researching", CaseState::Active),
    (5, "Problem Solved", CaseState::Resolved),
    (1000, "Information Provided", CaseState::Resolved),
    (6, "Canceled", CaseState::Canceled),
    (2000, "Merged", CaseState::Canceled),
];

/// Every Status Reason the engine knows: the built-in ones plus the custom
/// ones from the config. Custom values may relabel a built-in value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCatalog {
    reasons: Vec<StatusReason>,
}

impl Default for StatusCatalog {
    fn default() -> Self {
        let reasons = BUILT_IN_STATUS_REASONS
            .iter()
            .map(|(value, label, state)| StatusReason { value: *value, label: (*label).to_owned(), state: *state })
            .collect();
        Self { reasons }
    }
}

impl StatusCatalog {
    /// Adds or replaces a Status Reason (an organisation's custom value).
    pub fn insert(&mut self, reason: StatusReason) {
        self.reasons.retain(|known| known.value != reason.value);
        self.reasons.push(reason);
    }

    /// The reason with integer value `value`.
    #[must_use]
    pub fn by_value(&self, value: i64) -> Option<&StatusReason> {
        self.reasons.iter().find(|reason| reason.value == value)
    }

    /// The reason whose label is `label`, compared without regard to case or
    /// surrounding spaces, as Dataverse compares text.
    #[must_use]
    pub fn by_label(&self, label: &str) -> Option<&StatusReason> {
        let wanted = label.trim();
        self.reasons.iter().find(|reason| crate::text::eq_fold(&reason.label, wanted))
    }

    /// The label for `value`, or the number itself when it is not known.
    #[must_use]
    pub fn label_of(&self, value: i64) -> String {
        self.by_value(value).map_or_else(|| value.to_string(), |reason| reason.label.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_reasons_by_value_and_label() {
        let catalog = StatusCatalog::default();
        assert_eq!(catalog.by_label("waiting for details").unwrap().value, 3);
        assert_eq!(catalog.by_label("  On Hold ").unwrap().value, 2);
        assert_eq!(catalog.by_value(1000).unwrap().label, "Information Provided");
        assert_eq!(catalog.by_value(5).unwrap().state, CaseState::Resolved);
        assert!(catalog.by_label("Awaiting customer confirmation").is_none());
        assert_eq!(catalog.label_of(42), "42");
    }

    #[test]
    fn custom_reasons_extend_and_relabel() {
        let mut catalog = StatusCatalog::default();
        catalog.insert(StatusReason {
            value: 100_000_001,
            label: "Awaiting customer confirmation".into(),
            state: CaseState::Active,
        });
        catalog.insert(StatusReason { value: 2, label: "Paused".into(), state: CaseState::Active });
        assert_eq!(catalog.by_label("AWAITING CUSTOMER CONFIRMATION").unwrap().value, 100_000_001);
        assert_eq!(catalog.label_of(2), "Paused");
        assert!(catalog.by_label("On Hold").is_none());
    }

    #[test]
    fn states_from_codes() {
        assert_eq!(CaseState::from_code(0), Some(CaseState::Active));
        assert_eq!(CaseState::from_code(2).unwrap().label(), "Canceled");
        assert_eq!(CaseState::from_code(3), None);
    }
}
