//! Everything aimap prints passes through [`Escaped`]: text from the inputs
//! (cell values, file names, framework titles) must not drive the terminal.
//! Control characters (C0 but line feed and tab, DEL, C1, and so every
//! escape sequence, which starts with ESC or the C1 CSI/OSC) and the
//! characters that reorder text on screen (bidi embeddings, overrides,
//! isolates and marks) are printed as `\u{…}`.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Whether `c` is printed escaped.
fn escaped(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

/// `s` as it may reach a terminal.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that escapes what goes through it. Bytes that are not UTF-8
/// are printed as `\x{…}`; a character split between two writes waits for
/// its end.
pub struct Escaped<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Escaped<W> {
    pub fn new(inner: W) -> Self {
        Escaped {
            inner,
            pending: Vec::new(),
        }
    }
}

/// Standard output, escaped.
pub fn stdout() -> Escaped<io::StdoutLock<'static>> {
    Escaped::new(io::stdout().lock())
}

/// Standard error, escaped.
pub fn stderr() -> Escaped<io::StderrLock<'static>> {
    Escaped::new(io::stderr().lock())
}

impl<W: Write> Write for Escaped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut out = String::new();
        let mut start = 0;
        while start < self.pending.len() {
            match std::str::from_utf8(&self.pending[start..]) {
                Ok(s) => {
                    out.push_str(&escape(s));
                    start = self.pending.len();
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    let valid =
                        std::str::from_utf8(&self.pending[start..start + good]).unwrap_or_default();
                    out.push_str(&escape(valid));
                    start += good;
                    let Some(bad) = e.error_len() else {
                        // An incomplete character at the end: wait for the rest.
                        break;
                    };
                    for b in &self.pending[start..start + bad] {
                        let _ = write!(out, "\\x{{{b:02x}}}");
                    }
                    start += bad;
                }
            }
        }
        self.pending.drain(..start);
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Escaped<W> {
    fn drop(&mut self) {
        // A character never completed.
        let rest: String = self
            .pending
            .iter()
            .map(|b| format!("\\x{{{b:02x}}}"))
            .collect();
        let _ = self.inner.write_all(rest.as_bytes());
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_escape_sequences_and_bidi_characters() {
        assert_eq!(escape("plain text, é, 中文\n\t"), "plain text, é, 中文\n\t");
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("\u{1b}]0;title\u{7}"), "\\u{1b}]0;title\\u{7}");
        assert_eq!(escape("x\ry\u{7f}\u{9b}"), "x\\u{d}y\\u{7f}\\u{9b}");
        assert_eq!(escape("abc\u{202e}fed\u{2066}"), "abc\\u{202e}fed\\u{2066}");
    }

    #[test]
    fn the_writer_escapes_across_split_writes_and_bad_bytes() {
        let mut w = Escaped::new(Vec::new());
        let text = "é\u{1b}ü".as_bytes();
        for b in text {
            w.write_all(std::slice::from_ref(b)).unwrap();
        }
        w.write_all(b"\xff!").unwrap();
        assert_eq!(String::from_utf8_lossy(&w.inner), "é\\u{1b}ü\\x{ff}!");
    }
}
