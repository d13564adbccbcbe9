//! host-sim: replays case histories against the engine (built in a later step).

fn main() {}
