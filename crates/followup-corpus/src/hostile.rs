//! The hostile-input corpus (`tests/hostile/*.json`): attacks on a base
//! case, each a change to the base's config, case or timeline, one call,
//! and what must come back (a result or an error's code and path). The
//! native tests, the wasm suites (Node and Chromium) and the package's Node
//! tests all read these files.
//!
//! A file holds `{"description", "attacks": [...]}`; the base is
//! `tests/hostile/base.json` (`{"t0", "config", "case", "timeline"}`). An
//! attack is `{"class", "name", "why", "bugBefore", "config", "case",
//! "timeline", "append", "check"}`: `config` and `case` are JSON merge
//! patches (RFC 7386) over the base's, `timeline` replaces the base's,
//! `append` adds items after it, and `check` is a scenario check.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::calls::{Call, Check, Host, compare_response};
use crate::compare::Mismatch;
use crate::{Scenario, ScenarioCase};

/// One attack, ready to run.
#[derive(Debug, Clone)]
pub struct Attack {
    /// The attack class (`recipient-crlf`): what kind of hostile value.
    pub class: String,
    /// What the attack tries.
    pub name: String,
    /// Whether it was a bug before the hostile-input work (issue 23).
    pub bug_before: bool,
    /// Its config, after the patch.
    pub config: Value,
    /// Its case and timeline, and the check.
    pub case: ScenarioCase,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default, rename = "$comment")]
    _comment: Option<String>,
    #[serde(default)]
    description: String,
    attacks: Vec<RawAttack>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawAttack {
    class: String,
    name: String,
    #[serde(default)]
    why: String,
    #[serde(default)]
    bug_before: bool,
    #[serde(default)]
    config: Option<Value>,
    #[serde(default)]
    case: Option<Value>,
    #[serde(default)]
    timeline: Option<Value>,
    #[serde(default)]
    append: Vec<Value>,
    check: Value,
}

/// RFC 7386: `patch` merged into `target` (`null` removes a key; a
/// non-object patch replaces the target).
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(changes) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(map) = target {
        for (key, value) in changes {
            if value.is_null() {
                map.remove(key);
            } else {
                merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

/// Reads the attacks of one hostile file over `base` (the text of
/// `base.json`). Errors name the attack.
pub fn read(base: &str, file: &str) -> Result<Vec<Attack>, String> {
    let base: Value = serde_json::from_str(base).map_err(|error| format!("base.json: {error}"))?;
    let raw: RawFile = serde_json::from_str(file).map_err(|error| error.to_string())?;
    let part = |key: &str| base.get(key).cloned().unwrap_or(Value::Null);
    let _ = raw.description;
    let mut attacks = Vec::with_capacity(raw.attacks.len());
    for (index, attack) in raw.attacks.into_iter().enumerate() {
        let mut config = part("config");
        if let Some(patch) = &attack.config {
            merge_patch(&mut config, patch);
        }
        let mut case = part("case");
        if let Some(patch) = &attack.case {
            merge_patch(&mut case, patch);
        }
        let mut timeline = attack.timeline.clone().unwrap_or_else(|| part("timeline"));
        if let Value::Array(items) = &mut timeline {
            items.extend(attack.append.iter().cloned());
        }
        let scenario = json!({
            "name": attack.class,
            "t0": part("t0"),
            "config": config,
            "cases": [{"name": attack.name, "case": case, "timeline": timeline, "checks": [attack.check]}],
        });
        let scenario = Scenario::from_json(&scenario)
            .map_err(|problem| format!("attacks[{index}] ({}): {}: {}", attack.name, problem.path, problem.message))?;
        let Some(case) = scenario.cases.into_iter().next() else {
            return Err(format!("attacks[{index}]: no case"));
        };
        let _ = attack.why;
        attacks.push(Attack { class: attack.class, name: attack.name, bug_before: attack.bug_before, config, case });
    }
    Ok(attacks)
}

impl Attack {
    /// The one check.
    #[must_use]
    pub fn check(&self) -> Option<&Check> {
        self.case.checks.first()
    }

    /// Runs the check through `host`: the response and how it differs from
    /// the expectation (an `openCase` check is not an attack's).
    pub fn run<H: Host>(&self, host: &H) -> (Value, Vec<Mismatch>) {
        let Some(check) = self.check() else {
            return (Value::Null, Vec::new());
        };
        let (config, case, timeline) = (&self.config, &self.case.case, &self.case.timeline);
        let response = match check.call {
            Call::DraftEmail => host.draft_email(config, case, timeline, &check.request, &check.at),
            Call::FillResolution => host.fill_resolution(config, case, timeline, &check.current, &check.at),
            Call::ValidateConfig => host.validate_config(config),
            _ => host.evaluate_rules(config, case, timeline, &check.at),
        };
        let mismatches = compare_response(check.call, Some(&check.expect), &response);
        (response, mismatches)
    }
}
