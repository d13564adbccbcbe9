//! Rule selection worked out once per case. A case's fields do not change
//! during a replay, so a rule whose conditions have no time boundary left
//! (the engine's own `next_boundary` says when a time-based condition can
//! next change its answer, and the engine relies on it for `nextCheckAt`)
//! gives the same answer at every later instant. Such rules are fixed in a
//! copy of the config: switched off when they fail, stripped of their
//! conditions when they hold. The engine then decides exactly as before
//! without checking the same conditions at every evaluation, which is most
//! of its work in a replay.
//!
//! Copies are shared by every case with the same fixings, so only a handful
//! exist. The engine's full decisions (`--drafts`) still use the config as
//! written, so their explanations name every rule's real outcome.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use followup_engine::CaseRecord;
use followup_engine::conditions::BoundCase;
use followup_engine::config::Config;
use followup_engine::time::Timestamp;

/// Most config copies kept; past it, cases with new fixings use the config
/// as written (still correct, only slower).
const MAX_PLANS: usize = 256;

/// How one rule is settled for a case.
const KEEP: u8 = 0;
const NEVER: u8 = 1;
const ALWAYS: u8 = 2;

/// Config copies with rules fixed per case, shared between cases.
#[derive(Debug)]
pub struct RulePlans<'a> {
    base: &'a Config,
    plans: Mutex<HashMap<Vec<u8>, Arc<Config>>>,
}

impl<'a> RulePlans<'a> {
    /// Plans over `base`.
    #[must_use]
    pub fn new(base: &'a Config) -> Self {
        Self { base, plans: Mutex::new(HashMap::new()) }
    }

    /// The config to decide `case` with from `from` on, and when asking
    /// again may fix more rules (a time boundary of a rule kept as written).
    #[must_use]
    pub fn for_case(&self, case: &CaseRecord, from: Timestamp) -> Plan {
        let bound = self.base.fields.bind(case);
        let mut revisit: Option<Timestamp> = None;
        let fixings: Vec<u8> = self
            .base
            .rules
            .iter()
            .map(|rule| {
                let (fixing, boundary) = settle(rule, &bound, from);
                revisit = match (revisit, boundary) {
                    (Some(known), Some(found)) => Some(known.min(found)),
                    (known, found) => known.or(found),
                };
                fixing
            })
            .collect();
        Plan { config: self.config_for(fixings), revisit_at: revisit }
    }

    fn config_for(&self, fixings: Vec<u8>) -> Option<Arc<Config>> {
        if fixings.iter().all(|fixing| *fixing == KEEP) {
            return None;
        }
        let mut plans = self.plans.lock().ok()?;
        if let Some(plan) = plans.get(&fixings) {
            return Some(Arc::clone(plan));
        }
        if plans.len() >= MAX_PLANS {
            return None;
        }
        let mut config = self.base.clone();
        for (rule, fixing) in config.rules.iter_mut().zip(&fixings) {
            match *fixing {
                NEVER => rule.active = false,
                ALWAYS => rule.conditions = None,
                _ => {}
            }
        }
        let plan = Arc::new(config);
        plans.insert(fixings, Arc::clone(&plan));
        Some(plan)
    }
}

/// A config to decide one case with, from some instant on.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The config with rules fixed; `None`: the config as written.
    pub config: Option<Arc<Config>>,
    /// When a rule kept as written reaches a time boundary: from then on,
    /// asking again may fix it too.
    pub revisit_at: Option<Timestamp>,
}

/// How `rule` is settled for `case` from `from` on, and the time boundary
/// that kept it as written, if any.
fn settle(rule: &followup_engine::Rule, case: &BoundCase<'_>, from: Timestamp) -> (u8, Option<Timestamp>) {
    let Some(condition) = rule.conditions.as_ref().filter(|_| rule.active) else {
        return (KEEP, None);
    };
    if let Some(boundary) = condition.next_boundary(case, from) {
        return (KEEP, Some(boundary));
    }
    let fixing = match condition.check(case, from) {
        Ok(None) => ALWAYS,
        Ok(Some(_)) => NEVER,
        // A condition that cannot apply stays, so its warning is the engine's to give.
        Err(_) => KEEP,
    };
    (fixing, None)
}

#[cfg(test)]
mod tests {
    use followup_engine::api::Engine;
    use serde_json::json;

    use super::*;
    use crate::timefmt::parse_instant;

    #[test]
    fn fixes_what_cannot_change_and_keeps_what_can() {
        let engine = Engine::new(&json!({"rules": [
            {"id": "vip", "conditions": {"field": "prioritycode", "operator": "eq", "value": 1},
             "automation": "full", "triggerStatusReasons": [2], "followUps": {"count": 1, "waitTimes": "PT1H"}},
            {"id": "old", "conditions": {"field": "caseAge", "operator": "gt", "value": "P7D"},
             "automation": "full", "triggerStatusReasons": [2], "followUps": {"count": 1, "waitTimes": "PT1H"}},
            {"id": "coffee", "conditions": {"field": "title", "operator": "like", "value": "%coffee%"},
             "automation": "full", "triggerStatusReasons": [2], "followUps": {"count": 1, "waitTimes": "PT1H"}}
        ]}))
        .unwrap();
        let (case, _) = engine
            .read_case(
                json!({"incidentid": "c", "statecode": 0, "statuscode": 2, "title": "Coffee", "prioritycode": 2,
                        "createdon": "2026-11-01T00:00:00Z"}),
                serde_json::Value::Null,
                "",
            )
            .unwrap();
        let plans = RulePlans::new(engine.config());
        let young = plans.for_case(&case, parse_instant("2026-11-02T00:00:00Z").unwrap());
        assert_eq!(young.revisit_at, Some(parse_instant("2026-11-08T00:00:00Z").unwrap()));
        let young = young.config.unwrap();
        let rules: Vec<(bool, bool)> =
            young.rules.iter().map(|rule| (rule.active, rule.conditions.is_some())).collect();
        assert_eq!(rules, vec![(false, true), (true, true), (true, false)]);
        let old = plans.for_case(&case, parse_instant("2026-11-20T00:00:00Z").unwrap());
        assert_eq!(old.revisit_at, None);
        assert!(old.config.unwrap().rules.iter().skip(1).all(|rule| rule.active && rule.conditions.is_none()));
        let again = plans.for_case(&case, parse_instant("2026-11-03T00:00:00Z").unwrap()).config.unwrap();
        assert!(Arc::ptr_eq(&young, &again), "cases with the same fixings share one copy");
    }
}
