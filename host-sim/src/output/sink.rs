//! Where output goes: standard output or the `-o` file, written whole
//! case by case; the first failed write (a full disk, a closed pipe) is
//! kept, and the run stops with it.

use std::fs::File;
use std::io::{self, BufWriter, Write};

/// A buffered output that remembers its first failure.
pub struct Sink {
    out: BufWriter<Box<dyn Write>>,
    /// What the output is called in messages.
    pub name: String,
    /// The first failure, if any.
    pub failure: Option<io::Error>,
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sink").field("name", &self.name).field("failure", &self.failure).finish_non_exhaustive()
    }
}

impl Sink {
    /// Standard output, or the file `path` (`-` is standard output), created or truncated.
    pub fn open(path: Option<&str>) -> io::Result<Self> {
        let (out, name): (Box<dyn Write>, String) = match path {
            None | Some("-") => (Box::new(io::stdout()), "standard output".to_owned()),
            Some(path) => (Box::new(File::create(path)?), path.to_owned()),
        };
        Ok(Self { out: BufWriter::with_capacity(1 << 16, out), name, failure: None })
    }

    /// A sink into any writer (tests).
    #[must_use]
    pub fn new(out: Box<dyn Write>, name: &str) -> Self {
        Self { out: BufWriter::new(out), name: name.to_owned(), failure: None }
    }

    /// Writes `text` whole, unless an earlier write failed.
    pub fn write(&mut self, text: &str) {
        if self.failure.is_none() {
            if let Err(error) = self.out.write_all(text.as_bytes()) {
                self.failure = Some(error);
            }
        }
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) {
        if self.failure.is_none() {
            if let Err(error) = self.out.flush() {
                self.failure = Some(error);
            }
        }
    }

    /// Whether a write failed.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.failure.is_some()
    }

    /// The message for a failed write.
    #[must_use]
    pub fn failure_message(&self) -> Option<String> {
        self.failure.as_ref().map(|error| format!("cannot write to {}: {error}", self.name))
    }
}
