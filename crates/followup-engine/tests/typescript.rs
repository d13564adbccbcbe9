//! Keeps the npm package's TypeScript declarations in step with the Rust
//! types: the declarations are generated from them (ts-rs) and compared
//! with the committed file. Run with `UPDATE_TYPES=1` to rewrite it.
//! `cargo test -p followup-engine --features typescript --test typescript`
#![cfg(feature = "typescript")]
#![expect(clippy::unwrap_used, reason = "test code: a failure should stop loudly")]

use std::path::Path;

use followup_engine::api::{EvaluateResponse, RawEngineOptions, ValidateResponse};
use followup_engine::config::RawConfig;
use followup_engine::decision::Decision;
use followup_engine::drafting::EmailDraft;
use followup_engine::resolution::ResolutionDraft;
use followup_engine::{Problem, ProblemCode};
use ts_rs::TS;

macro_rules! declarations {
    ($config:expr; $($ty:ty),* $(,)?) => {{
        let mut seen = std::collections::BTreeMap::new();
        $( collect::<$ty>($config, &mut seen); )*
        seen
    }};
}

/// Adds the declaration of `T` and of every type it uses, once each.
fn collect<T: TS + 'static + ?Sized>(config: &ts_rs::Config, seen: &mut std::collections::BTreeMap<String, String>) {
    struct Visit<'a> {
        config: &'a ts_rs::Config,
        seen: &'a mut std::collections::BTreeMap<String, String>,
    }
    impl ts_rs::TypeVisitor for Visit<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            if U::output_path().is_none() {
                return;
            }
            let name = U::ident(self.config);
            if self.seen.contains_key(&name) {
                return;
            }
            self.seen.insert(name, U::decl(self.config));
            U::visit_dependencies(self);
        }
    }
    let mut visit = Visit { config, seen };
    ts_rs::TypeVisitor::visit::<T>(&mut visit);
}

fn generated() -> String {
    // JSON numbers are JS numbers: 64-bit integers (`statuscode` values,
    // minutes) are declared as `number`, not ts-rs's default `bigint`.
    let config = ts_rs::Config::default().with_large_int("number");
    let declarations = declarations!(&config;
        RawConfig, RawEngineOptions, Decision, EmailDraft, ResolutionDraft, Problem, ProblemCode,
        EvaluateResponse, ValidateResponse,
    );
    let mut text = String::from(
        "// Generated from the Rust types of followup-engine by\n\
         // `UPDATE_TYPES=1 cargo test -p followup-engine --features typescript --test typescript`.\n\
         // Do not edit by hand.\n",
    );
    text.push_str("/* eslint-disable */\n");
    for declaration in declarations.values() {
        text.push_str("\nexport ");
        text.push_str(declaration);
        text.push('\n');
    }
    text
}

#[test]
fn the_committed_declarations_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../followup-wasm/types/engine.d.ts");
    let fresh = generated();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date with the Rust types: run `UPDATE_TYPES=1 cargo test -p followup-engine --features typescript --test typescript`",
        path.display()
    );
}

#[test]
fn declarations_never_fall_back_to_any() {
    let text = generated();
    for any_type in [": any", "<any", "| any", "any[]", "any>", ": unknown", "<unknown", "| unknown"] {
        assert!(!text.contains(any_type), "a type became `{any_type}`:\n{text}");
    }
    assert!(text.contains("export type Decision = {"), "{text}");
    assert!(text.contains("export type FollowupConfig = {"), "{text}");
}

#[test]
fn every_corpus_config_matches_the_declared_config_type() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let scenario: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let config = scenario["config"].clone();
        if followup_engine::Config::from_json(&config).is_ok() {
            let typed: Result<RawConfig, _> = serde_json::from_value(config);
            assert!(typed.is_ok(), "{}: {:?}", path.display(), typed.err());
        }
    }
}

/// The string literals of the declared union `name` (`export type name = "a" | "b";`).
fn union_members(name: &str) -> Vec<String> {
    let text = generated();
    let start = format!("export type {name} = ");
    let declaration = text.split(&start).nth(1).unwrap().split(";\n").next().unwrap();
    declaration.split(" | ").map(|member| member.trim().trim_matches('"').to_owned()).collect()
}

#[test]
fn closed_sets_are_declared_as_the_engine_reads_them() {
    let operators: Vec<String> =
        followup_engine::config::OPERATORS.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(union_members("Operator"), operators);
    let weekdays = union_members("Weekday");
    assert_eq!(weekdays.len(), 14);
    for day in &weekdays {
        let config = serde_json::json!({"calendar": {"workingDays": [day]}});
        assert!(followup_engine::Config::from_json(&config).is_ok(), "{day}");
    }
    let fields: Vec<String> =
        followup_engine::resolution::ResolutionField::ALL.iter().map(|field| field.name().to_owned()).collect();
    assert_eq!(union_members("ResolutionField"), fields);
    assert_eq!(union_members("CaseState"), ["active", "resolved", "canceled"]);
    for state in union_members("CaseState") {
        let config = serde_json::json!({"statusReasons": [{"value": 9, "label": "X", "state": state}]});
        assert!(followup_engine::Config::from_json(&config).is_ok(), "{state}");
    }
    let codes = union_members("ProblemCode");
    assert!(codes.contains(&"not-initialized".to_owned()) && codes.contains(&"too-large".to_owned()));
}

#[test]
fn a_condition_is_a_group_or_a_leaf() {
    let text = generated();
    let declaration = text.split("export type Condition = ").nth(1).unwrap().split(";\n").next().unwrap();
    // Four members, each saying which of the other keys it must not have.
    assert_eq!(declaration.matches("?: never").count(), 12, "{declaration}");
    assert!(declaration.contains("operator: Operator"), "{declaration}");
}
