//! The wasm suites in Node: `cargo test -p followup-wasm --target
//! wasm32-unknown-unknown` with `wasm-bindgen-test-runner` as the runner.
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn corpus_matches_native_decisions() {
    common::corpus_matches_native_decisions();
}

#[wasm_bindgen_test]
fn bad_input_throws_structured_errors_and_the_module_keeps_working() {
    common::bad_input_throws_structured_errors_and_the_module_keeps_working();
}

#[wasm_bindgen_test]
fn hostile_js_values_are_refused_cleanly() {
    common::hostile_js_values_are_refused_cleanly();
}

#[wasm_bindgen_test]
fn every_export_works_through_js() {
    common::every_export_works_through_js();
}

#[wasm_bindgen_test]
fn open_cases_match_native_decisions() {
    common::open_cases_match_native_decisions();
}

#[wasm_bindgen_test]
fn an_open_case_refuses_bad_changes_and_keeps_deciding() {
    common::an_open_case_refuses_bad_changes_and_keeps_deciding();
}

#[wasm_bindgen_test]
fn hostile_corpus_gets_its_answers() {
    common::hostile_corpus_gets_its_answers();
}

#[wasm_bindgen_test]
fn languages_are_checked_when_installed() {
    common::languages_are_checked_when_installed();
}
