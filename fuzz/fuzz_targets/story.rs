//! libFuzzer target: generated case histories replayed with the state
//! machine's properties checked, then one instant of each with hostile
//! values put into the request.
#![no_main]

use followup_fuzz::{Mutation, Story, check_mutated, check_story};

libfuzzer_sys::fuzz_target!(|input: (Story, u16, Vec<Mutation>)| {
    let (story, look, mutations) = input;
    check_story(&story);
    check_mutated(&story, look, &mutations);
});
