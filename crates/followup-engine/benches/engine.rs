//! Native benchmarks of the engine (filled in with the engine entry points).

fn main() {}
