//! `differential N [FIRST_SEED]`: replays N generated histories through
//! host-sim and the reference model on every core, prints the counts and
//! the time, and writes the shrunk mismatches as a scenario file
//! (`target/differential-found.json`). Exits 1 on any mismatch.

use std::time::Instant;

use followup_model::differential::{failing_seeds, scenario, shrunk};

fn main() {
    if let Some(seed) = std::env::var("DIFFERENTIAL_SHOW").ok().and_then(|text| text.parse().ok()) {
        let history = followup_model::generate::history(seed);
        let one = followup_model::differential::Mismatch {
            seed,
            expected: followup_model::model::walk(&history),
            difference: followup_model::differential::compare(&history).unwrap_or_default(),
            history: history.clone(),
        };
        println!("{}", serde_json::to_string_pretty(&scenario(&[one])).unwrap_or_default());
        println!(
            "engine: {:?}",
            followup_model::engine::replay(&history).map(|run| (
                run.actions.len(),
                run.actions.into_iter().take(8).map(|a| followup_model::run::describe(&a)).collect::<Vec<_>>()
            ))
        );
        return;
    }
    if let Some(limit) = std::env::var("DIFFERENTIAL_SLOW").ok().and_then(|text| text.parse::<u128>().ok()) {
        slow_seeds(limit);
        return;
    }
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|text| text.replace('_', "").parse().ok()).unwrap_or(20_000);
    let first: u64 = args.next().and_then(|text| text.parse().ok()).unwrap_or(0);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get) as u64;
    let started = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|thread| {
            std::thread::spawn(move || {
                let seeds = (first..first + count).filter(move |seed| seed % threads == thread);
                failing_seeds(seeds)
            })
        })
        .collect();
    let mut mismatches: Vec<(u64, String)> = Vec::new();
    for handle in handles {
        let Ok(found) = handle.join() else {
            eprintln!("a worker panicked");
            std::process::exit(2);
        };
        mismatches.extend(found);
    }
    mismatches.sort_by_key(|(seed, _)| *seed);
    let elapsed = started.elapsed();
    println!(
        "{count} histories (seeds {first}..{}) on {threads} threads in {:.1} s: {} mismatch(es)",
        first + count,
        elapsed.as_secs_f64(),
        mismatches.len()
    );
    if mismatches.is_empty() {
        return;
    }
    if std::env::var("DIFFERENTIAL_SHRINK").is_ok_and(|value| value == "0") {
        for (seed, difference) in mismatches.iter().take(20) {
            println!("  seed {seed}: {difference}");
        }
        std::process::exit(1);
    }
    let shrunk: Vec<_> = mismatches.iter().take(20).map(|(seed, _)| shrunk(*seed)).collect();
    for mismatch in &shrunk {
        println!(
            "  seed {}: {} ({} items after shrinking)",
            mismatch.seed,
            mismatch.difference,
            mismatch.history.items.len()
        );
    }
    let path = "target/differential-found.json";
    let text = serde_json::to_string_pretty(&scenario(&shrunk)).unwrap_or_default();
    match std::fs::write(path, text + "\n") {
        Ok(()) => println!("the first 20, shrunk, as a scenario: {path}"),
        Err(error) => eprintln!("could not write {path}: {error}"),
    }
    std::process::exit(1);
}

/// `DIFFERENTIAL_SLOW=MS differential N [FIRST_SEED]`: the seeds whose
/// comparison takes longer than MS milliseconds, one thread, with the
/// engine's and the model's share.
fn slow_seeds(limit: u128) {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|text| text.parse().ok()).unwrap_or(1000);
    let first: u64 = args.next().and_then(|text| text.parse().ok()).unwrap_or(0);
    let (mut engine_total, mut model_total) = (0, 0);
    for seed in first..first + count {
        let history = followup_model::generate::history(seed);
        let started = Instant::now();
        let engine = followup_model::engine::replay(&history).map(|run| run.actions.len());
        let engine_ms = started.elapsed().as_micros();
        let started = Instant::now();
        let model = followup_model::model::walk(&history).actions.len();
        let model_ms = started.elapsed().as_micros();
        engine_total += engine_ms;
        model_total += model_ms;
        if (engine_ms + model_ms) / 1000 > limit {
            println!(
                "seed {seed}: engine {} ms ({engine:?} actions), model {} ms ({model} actions), {} items",
                engine_ms / 1000,
                model_ms / 1000,
                history.items.len()
            );
        }
    }
    println!("{count} histories: engine {} ms, model {} ms", engine_total / 1000, model_total / 1000);
}
