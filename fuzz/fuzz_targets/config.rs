//! libFuzzer target: `followup_fuzz::check_config` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| followup_fuzz::check_config(data));
