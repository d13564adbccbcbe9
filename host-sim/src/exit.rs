//! host-sim's exit codes (documented in `README.md`).

/// Everything replayed, every expectation held.
pub const OK: u8 = 0;
/// `check`: an expectation did not hold, or nothing was there to check;
/// any command: the output could not be written (a full disk, a closed pipe).
pub const FAILED: u8 = 1;
/// Bad usage or input: an input that cannot be read, `replay` could replay
/// nothing, `check` met input it could not read.
pub const BAD_INPUT: u8 = 2;
/// `replay`: some cases, lines or scenarios were skipped as bad input; the rest were replayed.
pub const SKIPPED: u8 = 3;
/// Stopped by Ctrl-C after the cases in hand (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;
