//! Rules settled for one case: a replay host decides the same case at many
//! instants, and a rule whose conditions can no longer change their answer
//! for it need not be checked at each one.

use super::Config;
use crate::conditions::RuleIndex;
use crate::record::CaseRecord;
use crate::time::Timestamp;

/// How one rule is settled for a case (see [`Config::settle_rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Settled {
    /// Checked as written: it is off or has no conditions, its conditions
    /// reach a time boundary later, or they cannot apply to the case.
    AsWritten,
    /// Its conditions fail for the case from now on: the rule is off.
    Never,
    /// Its conditions hold for the case from now on: it applies always.
    Always,
}

/// The rules of a config settled for one case from an instant on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settling {
    /// One per rule, in config order.
    pub rules: Vec<Settled>,
    /// The earliest time boundary of a rule kept as written: from then on,
    /// settling again may settle it too.
    pub revisit_at: Option<Timestamp>,
}

impl Settling {
    /// Whether every rule is kept as written (nothing to gain from
    /// [`Config::with_rules_settled`]).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rules.iter().all(|settled| *settled == Settled::AsWritten)
    }
}

impl Config {
    /// Settles each rule for `case` from `from` on: a case's fields do not
    /// change while a host replays its timeline, so a rule whose conditions
    /// have no time boundary left gives the same answer at every later
    /// instant (the boundary is the one `nextCheckAt` relies on).
    #[must_use]
    pub fn settle_rules(&self, case: &CaseRecord, from: Timestamp) -> Settling {
        let bound = self.fields.bind(case);
        let mut revisit_at: Option<Timestamp> = None;
        let rules = self
            .rules
            .iter()
            .map(|rule| {
                let Some(condition) = rule.conditions.as_ref().filter(|_| rule.active) else {
                    return Settled::AsWritten;
                };
                if let Some(boundary) = condition.next_boundary(&bound, from) {
                    revisit_at = Some(revisit_at.map_or(boundary, |known| known.min(boundary)));
                    return Settled::AsWritten;
                }
                match condition.check(&bound, from) {
                    Ok(None) => Settled::Always,
                    Ok(Some(_)) => Settled::Never,
                    // A condition that cannot apply stays, so its warning is given.
                    Err(_) => Settled::AsWritten,
                }
            })
            .collect();
        Settling { rules, revisit_at }
    }

    /// This config with its rules settled as `settled` says, one per rule in
    /// config order (missing ones kept as written): [`Settled::Never`]
    /// switches a rule off, [`Settled::Always`] drops its conditions, and the
    /// rule index is rebuilt to match. For the case and from the instant
    /// the settling was made for, the decisions are those of `self`, except
    /// that explanations report a settled rule as inactive or matched.
    #[must_use]
    pub fn with_rules_settled(&self, settled: &[Settled]) -> Self {
        let mut config = self.clone();
        for (rule, settled) in config.rules.iter_mut().zip(settled) {
            match settled {
                Settled::AsWritten => {}
                Settled::Never => rule.active = false,
                Settled::Always => {
                    rule.conditions = None;
                    rule.time_based = false;
                }
            }
        }
        config.rule_index = RuleIndex::new(config.rules.iter().map(|rule| rule.conditions.as_ref()));
        config
    }

    /// A copy that checks every rule in order, without the index that
    /// passes over a rule whose first comparison fails: the same decisions,
    /// more slowly (what a test of the index compares it with).
    #[must_use]
    pub fn without_rule_index(&self) -> Self {
        Self { rule_index: RuleIndex::default(), ..self.clone() }
    }

    /// How many rules the rule index passes over for `case` without
    /// checking their conditions.
    #[must_use]
    pub fn rules_passed_over(&self, case: &CaseRecord) -> usize {
        self.rule_index.candidates(&self.fields.bind(case)).iter().filter(|wanted| !**wanted).count()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::time::parse_timestamp;

    #[test]
    fn settles_what_cannot_change_and_keeps_what_can() {
        let rule = |id: &str, conditions| {
            json!({"id": id, "conditions": conditions, "automation": "full", "triggerStatusReasons": [2],
                   "followUps": {"count": 1, "waitTimes": "PT1H"}})
        };
        let config = Config::from_json(&json!({"rules": [
            rule("vip", json!({"field": "prioritycode", "operator": "eq", "value": 1})),
            rule("old", json!({"field": "caseAge", "operator": "gt", "value": "P7D"})),
            rule("coffee", json!({"field": "title", "operator": "like", "value": "%coffee%"})),
        ]}))
        .unwrap();
        let case = CaseRecord::from_json(
            json!({"incidentid": "c", "statecode": 0, "statuscode": 2, "title": "Coffee", "prioritycode": 2,
                   "createdon": "2026-11-01T00:00:00Z"}),
            "case",
        )
        .unwrap();
        let young = config.settle_rules(&case, parse_timestamp("2026-11-02T00:00:00Z").unwrap());
        assert_eq!(young.rules, [Settled::Never, Settled::AsWritten, Settled::Always]);
        assert_eq!(young.revisit_at, Some(parse_timestamp("2026-11-08T00:00:00Z").unwrap()));
        let settled = config.with_rules_settled(&young.rules);
        let rules: Vec<(bool, bool)> =
            settled.rules.iter().map(|rule| (rule.active, rule.conditions.is_some())).collect();
        assert_eq!(rules, [(false, true), (true, true), (true, false)]);
        assert_eq!(settled.rule_index, RuleIndex::new(settled.rules.iter().map(|rule| rule.conditions.as_ref())));
        let old = config.settle_rules(&case, parse_timestamp("2026-11-20T00:00:00Z").unwrap());
        assert_eq!(
            (old.rules.as_slice(), old.revisit_at),
            ([Settled::Never, Settled::Always, Settled::Always].as_slice(), None)
        );
        assert!(!old.is_empty());
    }
}
