//! A progress line on standard error for long runs: shown only when
//! standard error is a terminal and the run is not under CI (the `CI`
//! variable set, as CI services do), so that piped and logged output stays
//! exactly what it was. Redrawn at most five times a second, in place
//! (`\r`), and wiped when the work is done. The text is aimap's own
//! (numbers), never the input's, so it does not pass through
//! [`term::Escaped`](super::term::Escaped), which would print the `\r`.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const EVERY: Duration = Duration::from_millis(200);

pub(super) struct Progress {
    enabled: bool,
    last: Option<Instant>,
    /// Characters of the line on screen, to wipe it.
    width: usize,
}

impl Progress {
    /// A progress line, if standard error is a terminal outside CI.
    pub(super) fn on_stderr() -> Self {
        Progress {
            enabled: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            last: None,
            width: 0,
        }
    }

    /// Shows `line` in place of the previous one, unless one was shown
    /// less than 200 ms ago.
    pub(super) fn show(&mut self, line: impl FnOnce() -> String) {
        if !self.enabled || self.last.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        self.last = Some(Instant::now());
        let line = line();
        let n = line.chars().count();
        let pad = self.width.saturating_sub(n);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}{:pad$}", "");
        let _ = err.flush();
        self.width = n;
    }

    /// Wipes the line.
    pub(super) fn clear(&mut self) {
        if self.width > 0 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:w$}\r", "", w = self.width);
            let _ = err.flush();
            self.width = 0;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// `12.3 MB` from bytes (powers of 1,000, one decimal).
pub(super) fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
