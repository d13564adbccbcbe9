//! Rule sets: the configs a run replays with. A scenario file brings its
//! own; JSON Lines and Dataverse input take `--config`, once, or once per
//! rule set (`--config emea=emea.json --config us=us.json`) with each case
//! choosing its set by a column (`--rule-set-field`), either naming the set
//! itself or looked up in a mapping file (`--rule-set-map`).

use std::collections::BTreeMap;

use followup_engine::Problem;
use followup_engine::api::Engine;
use serde_json::Value;

use crate::error::{InputError, Place};
use crate::input;
use crate::replay::rules::RulePlans;

/// The name of the set a case falls back to when its column names none.
pub const DEFAULT_SET: &str = "default";

/// One config, compiled, with its rule plans.
#[derive(Debug)]
pub struct RuleSet {
    /// The set's name (`default` for a single config).
    pub name: String,
    /// The config as written.
    pub value: Value,
    /// The compiled config; `None` when it is invalid (a scenario file's).
    pub engine: Option<Engine>,
    /// Why the config did not compile (paths inside the config).
    pub problems: Vec<Problem>,
}

impl RuleSet {
    /// Compiles `value` as the set `name`.
    #[must_use]
    pub fn new(name: &str, value: Value) -> Self {
        match Engine::new(&value) {
            Ok(engine) => Self { name: name.to_owned(), value, engine: Some(engine), problems: Vec::new() },
            Err(problems) => Self { name: name.to_owned(), value, engine: None, problems },
        }
    }

    /// Rule plans over this set's config, when it compiled.
    #[must_use]
    pub fn plans(&self) -> Option<RulePlans<'_>> {
        self.engine.as_ref().map(|engine| RulePlans::new(engine.config()))
    }
}

/// How a case picks its rule set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Selector {
    /// There is one set.
    #[default]
    Only,
    /// The column's value names the set, or is looked up in the map.
    Column {
        /// The case column.
        column: String,
        /// Column values to set names; empty: the value is the name.
        map: BTreeMap<String, String>,
    },
}

/// The sets of a run and how cases choose between them.
#[derive(Debug, Default)]
pub struct RuleSets {
    /// The sets, in the order given.
    pub sets: Vec<RuleSet>,
    /// How a case chooses.
    pub selector: Selector,
}

impl RuleSets {
    /// One set.
    #[must_use]
    pub fn single(set: RuleSet) -> Self {
        Self { sets: vec![set], selector: Selector::Only }
    }

    /// Reads `--config` values (`FILE` or `NAME=FILE`) and the selector flags.
    pub fn from_flags(
        configs: &[String],
        column: Option<&str>,
        map_file: Option<&str>,
    ) -> Result<Option<Self>, Vec<InputError>> {
        if configs.is_empty() {
            if column.is_some() || map_file.is_some() {
                return Err(vec![usage("`--rule-set-field` and `--rule-set-map` choose between several `--config`")]);
            }
            return Ok(None);
        }
        let mut sets = Vec::new();
        let mut errors = Vec::new();
        for given in configs {
            let (name, path) = match given.split_once('=') {
                Some((name, path)) if !name.is_empty() && !name.contains(['/', '\\']) => (name.to_owned(), path),
                _ if configs.len() == 1 => (DEFAULT_SET.to_owned(), given.as_str()),
                _ => (stem(given), given.as_str()),
            };
            if sets.iter().any(|set: &RuleSet| set.name == name) {
                errors.push(usage(&format!("two rule sets are named `{name}`: name each `--config NAME=FILE`")));
                continue;
            }
            match input::read_text(path).and_then(|text| input::parse_json(path, &text)) {
                Ok(mut value) => {
                    // The editor's pointer to `schemas/config.schema.json` is not part of the config.
                    if let Some(map) = value.as_object_mut() {
                        map.remove("$schema");
                    }
                    let set = RuleSet::new(&name, value);
                    errors.extend(
                        set.problems.iter().map(|problem| InputError::from_problem(path, Place::File, "", problem)),
                    );
                    sets.push(set);
                }
                Err(error) => errors.push(error),
            }
        }
        let selector = match (sets.len(), column) {
            (1, None) if map_file.is_none() => Selector::Only,
            (_, Some(column)) => {
                let map = match map_file {
                    Some(file) => read_map(file).map_err(|error| vec![error])?,
                    None => BTreeMap::new(),
                };
                for (value, set) in &map {
                    if !sets.iter().any(|known| &known.name == set) {
                        errors.push(InputError {
                            path: value.clone(),
                            ..InputError::file(
                                map_file.unwrap_or_default(),
                                "unknown-rule-set",
                                format!("`{set}` is not one of the rule sets given with `--config`"),
                            )
                        });
                    }
                }
                Selector::Column { column: column.to_owned(), map }
            }
            _ => {
                errors.push(usage(
                    "several `--config` need `--rule-set-field COLUMN`: the case column that chooses each case's rule set",
                ));
                Selector::Only
            }
        };
        if errors.is_empty() { Ok(Some(Self { sets, selector })) } else { Err(errors) }
    }

    /// The set for a case as written, or why there is none.
    pub fn choose(&self, case: &Value) -> Result<&RuleSet, String> {
        let first = self.sets.first().ok_or_else(|| "no rule set is given".to_owned())?;
        let Selector::Column { column, map } = &self.selector else {
            return Ok(first);
        };
        let value = match case.get(column) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Number(number)) => Some(number.to_string()),
            Some(Value::Bool(flag)) => Some(flag.to_string()),
            _ => None,
        };
        let name = match &value {
            Some(value) if map.is_empty() => Some(value.as_str()),
            Some(value) => map.get(value).map(String::as_str),
            None => None,
        };
        let named = name.and_then(|name| self.sets.iter().find(|set| set.name == name));
        named.or_else(|| self.sets.iter().find(|set| set.name == DEFAULT_SET)).ok_or_else(|| match value {
            Some(value) => format!("no rule set for `{column}` = `{value}`, and no set named `{DEFAULT_SET}`"),
            None => {
                format!("the case has no `{column}` to choose its rule set by, and no set is named `{DEFAULT_SET}`")
            }
        })
    }

    /// Whether more than one set runs (rules are then named `set/rule`).
    #[must_use]
    pub fn several(&self) -> bool {
        self.sets.len() > 1
    }
}

fn usage(message: &str) -> InputError {
    InputError::file("--config", "usage", message)
}

fn stem(path: &str) -> String {
    std::path::Path::new(path).file_stem().map_or_else(|| path.to_owned(), |stem| stem.to_string_lossy().into_owned())
}

fn read_map(file: &str) -> Result<BTreeMap<String, String>, InputError> {
    let value = input::read_text(file).and_then(|text| input::parse_json(file, &text))?;
    let Value::Object(entries) = value else {
        return Err(InputError::file(
            file,
            "invalid-type",
            "a rule set map is a JSON object from column values to set names",
        ));
    };
    entries
        .into_iter()
        .map(|(key, value)| match value {
            Value::String(set) => Ok((key, set)),
            _ => Err(InputError {
                path: key.clone(),
                ..InputError::file(file, "invalid-type", "each value of a rule set map is a rule set name")
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn set(name: &str) -> RuleSet {
        RuleSet::new(name, json!({"rules": []}))
    }

    #[test]
    fn cases_choose_by_column_or_map() {
        let sets = RuleSets {
            sets: vec![set("emea"), set("us"), set(DEFAULT_SET)],
            selector: Selector::Column { column: "new_region".into(), map: BTreeMap::new() },
        };
        assert_eq!(sets.choose(&json!({"new_region": "us"})).unwrap().name, "us");
        assert_eq!(sets.choose(&json!({"new_region": "apac"})).unwrap().name, DEFAULT_SET);
        assert_eq!(sets.choose(&json!({})).unwrap().name, DEFAULT_SET);
        let mapped = RuleSets {
            sets: vec![set("emea"), set("us")],
            selector: Selector::Column {
                column: "_owningbusinessunit_value".into(),
                map: BTreeMap::from([("bu-1".to_owned(), "emea".to_owned())]),
            },
        };
        assert_eq!(mapped.choose(&json!({"_owningbusinessunit_value": "bu-1"})).unwrap().name, "emea");
        assert_eq!(
            mapped.choose(&json!({"_owningbusinessunit_value": "bu-9"})).unwrap_err(),
            "no rule set for `_owningbusinessunit_value` = `bu-9`, and no set named `default`"
        );
    }
}
