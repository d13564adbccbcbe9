//! libFuzzer target: `followup_fuzz::check_evaluate_json` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| followup_fuzz::check_evaluate_json(data));
