//! Rule selection worked out once per case. A case's fields do not change
//! during a replay, so a rule whose conditions have no time boundary left
//! (the engine's own `next_boundary` says when a time-based condition can
//! next change its answer, and the engine relies on it for `nextCheckAt`)
//! gives the same answer at every later instant. Such rules are settled in
//! a copy of the config (`Config::settle_rules`, `Config::with_rules_settled`):
//! switched off when they fail, stripped of their conditions when they hold.
//! The engine then decides exactly as before without checking the same
//! conditions at every evaluation, which is most of its work in a replay.
//!
//! Copies are shared by every case with the same fixings, so only a handful
//! exist. The engine's full decisions (`--drafts`) still use the config as
//! written, so their explanations name every rule's real outcome.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use followup_engine::CaseRecord;
use followup_engine::Timestamp;
use followup_engine::config::{Config, Settled};

/// Most config copies kept; past it, cases with new fixings use the config
/// as written (still correct, only slower).
const MAX_PLANS: usize = 256;

/// Config copies with rules settled per case, shared between cases.
#[derive(Debug)]
pub struct RulePlans<'a> {
    base: &'a Config,
    plans: Mutex<HashMap<Vec<Settled>, Arc<Config>>>,
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
        let settling = self.base.settle_rules(case, from);
        let config = if settling.is_empty() { None } else { self.config_for(settling.rules) };
        Plan { config, revisit_at: settling.revisit_at }
    }

    fn config_for(&self, settled: Vec<Settled>) -> Option<Arc<Config>> {
        let mut plans = self.plans.lock().ok()?;
        if let Some(plan) = plans.get(&settled) {
            return Some(Arc::clone(plan));
        }
        if plans.len() >= MAX_PLANS {
            return None;
        }
        let plan = Arc::new(self.base.with_rules_settled(&settled));
        plans.insert(settled, Arc::clone(&plan));
        Some(plan)
    }
}

/// A config to decide one case with, from some instant on.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The config with rules settled; `None`: the config as written.
    pub config: Option<Arc<Config>>,
    /// When a rule kept as written reaches a time boundary: from then on,
    /// asking again may fix it too.
    pub revisit_at: Option<Timestamp>,
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
            young.rules().iter().map(|rule| (rule.active, rule.conditions.is_some())).collect();
        assert_eq!(rules, vec![(false, true), (true, true), (true, false)]);
        let old = plans.for_case(&case, parse_instant("2026-11-20T00:00:00Z").unwrap());
        assert_eq!(old.revisit_at, None);
        assert!(old.config.unwrap().rules().iter().skip(1).all(|rule| rule.active && rule.conditions.is_none()));
        let again = plans.for_case(&case, parse_instant("2026-11-03T00:00:00Z").unwrap()).config.unwrap();
        assert!(Arc::ptr_eq(&young, &again), "cases with the same fixings share one copy");
    }
}
