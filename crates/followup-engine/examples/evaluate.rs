//! Evaluates one request file and prints the decision:
//! `cargo run -p followup-engine --example evaluate -- request.json`, where
//! the file holds `{"config", "case", "timeline", "now"}`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: evaluate REQUEST.json");
        return ExitCode::from(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            println!("{}", followup_engine::api::evaluate_rules_json(&text));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            ExitCode::from(2)
        }
    }
}
