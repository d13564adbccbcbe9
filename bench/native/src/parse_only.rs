//! The parsing limit of a replay: every line of a JSON Lines file read by
//! host-sim's own reader (`host_sim::input::stream_lines`, the chunks
//! `host-sim replay` hands its workers) and parsed into a
//! `serde_json::Value` on a rayon pool, nothing else.

use std::sync::mpsc::sync_channel;
use std::time::Instant;

use host_sim::input::{self, Line, LineChunk};
use rayon::prelude::*;
use serde_json::Value;

/// Lines per chunk and chunks read ahead: as in `host-sim replay`.
const LINES_PER_CHUNK: usize = 4096;
const CHUNKS_AHEAD: usize = 2;

/// Parses every line of `path`; prints lines, parsed, bytes and seconds as
/// one JSON line.
pub fn run(path: &str, jobs: Option<usize>) -> Result<(), String> {
    if let Some(jobs) = jobs {
        // The global pool, as `host-sim replay --jobs` sets it.
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .map_err(|error| format!("cannot start {jobs} worker threads: {error}"))?;
    }
    let file = std::fs::File::open(path).map_err(|error| format!("cannot open `{path}`: {error}"))?;
    let start = Instant::now();
    let (sender, receiver) = sync_channel::<LineChunk>(CHUNKS_AHEAD);
    let (give_back, take_back) = sync_channel::<LineChunk>(CHUNKS_AHEAD + 2);
    let (lines, parsed, bytes, read) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            input::stream_lines(
                path,
                file,
                LINES_PER_CHUNK,
                input::max_line_bytes(),
                || take_back.try_recv().ok(),
                |chunk| sender.send(chunk).is_ok(),
            )
        });
        let (mut lines, mut parsed, mut bytes) = (0_u64, 0_u64, 0_u64);
        for chunk in &receiver {
            let texts: Vec<Line<'_>> = chunk.lines().map(|(_, line)| line).collect();
            lines += texts.len() as u64;
            bytes += chunk.bytes;
            parsed += texts
                .into_par_iter()
                .filter(|line| matches!(line, Line::Text(text) if serde_json::from_slice::<Value>(text).is_ok()))
                .count() as u64;
            let _ = give_back.try_send(chunk);
        }
        (lines, parsed, bytes, reader.join())
    });
    match read {
        Ok(Ok(())) => {}
        Ok(Err(error)) => return Err(error.message),
        Err(_) => return Err("the reading thread stopped unexpectedly".to_owned()),
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{}", serde_json::json!({ "lines": lines, "parsed": parsed, "bytes": bytes, "seconds": seconds }));
    Ok(())
}
