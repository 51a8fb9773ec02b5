//! Text inputs read a piece at a time, for the posting files, which may be
//! far larger than memory: the same encodings, checks and messages as
//! [`csv::decode`](super::csv::decode) on the whole file, in two passes
//! of constant memory.
//!
//! - [`scan`] reads the file once and decides what `decode` decides: a
//!   byte-order mark wins (and the rest must decode without error), else
//!   UTF-16 without a mark and binary data are refused, valid UTF-8 is
//!   UTF-8, a file mixing UTF-8 and another encoding is refused, and
//!   anything else is Windows-1252.
//! - [`Decoded`] then reads it again, decoding into UTF-8 as it goes, with
//!   `\r\n` and lone `\r` made `\n` for CSV (as
//!   [`unix_line_ends`](super::csv::unix_line_ends) does), and watching the
//!   quotes for the unclosed-quote check.

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_8, WINDOWS_1252};
use std::cell::Cell;
use std::io::{self, Read};

/// Bytes read from the input at a time.
const CHUNK: usize = 64 * 1024;

/// The longest record (a CSV record, a JSON line) read, in bytes of text:
/// far over what a record of fields of [`MAX_CELL_CHARS`] holds, and what
/// keeps a missing closing quote or a file without line ends from holding
/// the rest of the file in memory.
///
/// [`MAX_CELL_CHARS`]: super::limits::MAX_CELL_CHARS
pub const MAX_RECORD_BYTES: u64 = 16 << 20;

/// What the first pass found.
#[derive(Debug, Clone, Copy)]
pub struct Scan {
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark, skipped when decoding.
    pub bom_len: usize,
    /// Bytes of the file.
    pub len: u64,
    /// Nothing but ASCII white space.
    pub blank: bool,
    /// The decoded text holds a NUL character (only possible behind a
    /// byte-order mark: without one, a zero byte is refused).
    pub nul: bool,
}

/// Reads until `buf` is full or the input ends.
fn fill(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn newlines(s: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', s).count()
}

/// The line of the first well-formed UTF-8 multi-byte character of a byte
/// stream, fed a piece at a time: `csv::utf8_multibyte_line` without the
/// whole file.
struct MultibyteFinder {
    carry: Vec<u8>,
    line: usize,
}

impl MultibyteFinder {
    fn feed(&mut self, piece: &[u8], last: bool) -> Option<usize> {
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(piece);
        let mut i = 0;
        while i < buf.len() {
            let b = buf[i];
            let len = match b {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => {
                    if b == b'\n' {
                        self.line += 1;
                    }
                    i += 1;
                    continue;
                }
            };
            if i + len > buf.len() && !last {
                self.carry = buf[i..].to_vec();
                return None;
            }
            if let Some(seq) = buf.get(i..i + len)
                && std::str::from_utf8(seq).is_ok()
            {
                return Some(self.line);
            }
            i += 1;
        }
        None
    }
}

/// The first pass: reads `r` through and decides how it is decoded, with
/// `csv::decode`'s errors. `file` names it in messages.
pub fn scan(mut r: impl Read, file: &str) -> anyhow::Result<Scan> {
    let r: &mut dyn Read = &mut r;
    let mut buf = vec![0u8; CHUNK];
    let n = fill(r, &mut buf)?;
    let mut len = n as u64;
    let mut blank = buf[..n].iter().all(u8::is_ascii_whitespace);
    if let Some((encoding, bom_len)) = Encoding::for_bom(&buf[..n]) {
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(
            decoder
                .max_utf8_buffer_length_without_replacement(CHUNK)
                .unwrap_or(4 * CHUNK),
        );
        let mut nul = false;
        let mut failed = false;
        let mut piece = bom_len..n;
        loop {
            let last = piece.is_empty();
            let mut src = &buf[piece.clone()];
            loop {
                out.clear();
                let (result, read) =
                    decoder.decode_to_string_without_replacement(src, &mut out, last);
                nul |= out.contains('\0');
                src = &src[read..];
                match result {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => {}
                    DecoderResult::Malformed(..) => failed = true,
                }
            }
            if last || failed {
                break;
            }
            let k = fill(r, &mut buf)?;
            len += k as u64;
            blank &= buf[..k].iter().all(u8::is_ascii_whitespace);
            piece = 0..k;
        }
        if failed {
            anyhow::bail!(
                "`{file}` starts with a {} byte-order mark but is not valid {} throughout; save it again as UTF-8",
                encoding.name(),
                encoding.name()
            );
        }
        return Ok(Scan {
            encoding,
            bom_len,
            len,
            blank,
            nul,
        });
    }
    if super::csv::looks_like_utf16_without_bom(&buf[..n]) {
        anyhow::bail!(
            "`{file}` looks like UTF-16 text without a byte-order mark; save it again as UTF-8 (in Excel: CSV UTF-8)"
        );
    }
    let binary = || {
        anyhow::anyhow!(
            "`{file}` is not a text file (it contains binary data); expected CSV or an Excel workbook"
        )
    };
    // UTF-8 so far: the line of the first invalid byte once met, the line
    // of the first multi-byte character once met.
    let mut work: Vec<u8> = Vec::with_capacity(CHUNK + 4);
    let mut line = 1usize;
    let mut non_ascii: Option<usize> = None;
    let mut invalid: Option<usize> = None;
    let mut finder: Option<MultibyteFinder> = None;
    // A mixed file, once known: binary data further on still wins.
    let mut mixed_at: Option<(usize, usize)> = None;
    let mut k = n;
    loop {
        let last = k == 0;
        let piece = &buf[..k];
        if memchr::memchr(0, piece).is_some() {
            return Err(binary());
        }
        if mixed_at.is_some() {
            // Only binary data is still looked for.
        } else if let Some(f) = finder.as_mut() {
            if let (Some(found), Some(bad)) = (f.feed(piece, last), invalid) {
                mixed_at = Some((found, bad));
            }
        } else {
            work.extend_from_slice(piece);
            let (valid, bad) = match std::str::from_utf8(&work) {
                Ok(_) => (work.len(), false),
                Err(e) if e.error_len().is_none() && !last => (e.valid_up_to(), false),
                Err(e) => (e.valid_up_to(), true),
            };
            let good = &work[..valid];
            if non_ascii.is_none()
                && let Some(i) = good.iter().position(|b| !b.is_ascii())
            {
                non_ascii = Some(line + newlines(&good[..i]));
            }
            if bad {
                let bad_line = line + newlines(good);
                invalid = Some(bad_line);
                if let Some(found) = non_ascii {
                    mixed_at = Some((found, bad_line));
                } else {
                    // Everything before was ASCII: look on from here.
                    let mut f = MultibyteFinder {
                        carry: Vec::new(),
                        line: bad_line,
                    };
                    if let Some(found) = f.feed(&work[valid..], last) {
                        mixed_at = Some((found, bad_line));
                    }
                    finder = Some(f);
                }
                work = Vec::new();
            } else {
                line += newlines(good);
                work.drain(..valid);
            }
        }
        if last {
            break;
        }
        k = fill(r, &mut buf)?;
        len += k as u64;
        blank &= buf[..k].iter().all(u8::is_ascii_whitespace);
    }
    if let Some((found, bad)) = mixed_at {
        return Err(mixed(file, found, bad));
    }
    Ok(Scan {
        encoding: if invalid.is_some() {
            WINDOWS_1252
        } else {
            UTF_8
        },
        bom_len: 0,
        len,
        blank,
        nul: false,
    })
}

fn mixed(file: &str, utf8_line: usize, bad_line: usize) -> anyhow::Error {
    anyhow::anyhow!(
        "`{file}` mixes encodings: line {utf8_line} is UTF-8 but line {bad_line} is not (Windows-1252?); \
         accented letters would be misread, so the file is not read; save it again in one encoding (UTF-8)"
    )
}

/// The quotes seen so far, for the unclosed-quote check: they pair up from
/// the start, a doubled `""` inside a quoted field included (as
/// `csv::unclosed_quote_line` counts them).
#[derive(Debug, Default, Clone, Copy)]
struct Quotes {
    /// The current line, from 1.
    line: usize,
    /// The line of the quote left open, if one is.
    open_at: Option<usize>,
}

impl Quotes {
    fn feed(&mut self, s: &[u8]) {
        for i in memchr::memchr2_iter(b'"', b'\n', s) {
            if s[i] == b'\n' {
                self.line += 1;
            } else {
                self.open_at = match self.open_at {
                    Some(_) => None,
                    None => Some(self.line),
                };
            }
        }
    }
}

/// The second pass: the text of the input as UTF-8, read a piece at a
/// time.
pub struct Decoded<'a, R> {
    inner: R,
    decoder: Decoder,
    raw: Vec<u8>,
    raw_pos: usize,
    raw_len: usize,
    /// Raw bytes still to skip (the byte-order mark).
    skip: usize,
    eof: bool,
    finished: bool,
    out: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    /// Make `\r\n` and lone `\r` `\n`, and watch the quotes (CSV).
    csv: bool,
    prev_cr: bool,
    quotes: Quotes,
    /// Bytes of text handed out so far.
    delivered: u64,
    /// Where the record being read starts, in bytes of text; reading stops
    /// with an error when a record grows past [`MAX_RECORD_BYTES`].
    record_start: Option<&'a Cell<u64>>,
    too_long: bool,
    /// Raw bytes read so far, for a progress display.
    progress: Option<&'a Cell<u64>>,
}

impl<'a, R: Read> Decoded<'a, R> {
    /// The text of `inner`, decoded as `scan` decided; `csv`: with line
    /// ends made `\n` and quotes watched.
    pub fn new(inner: R, scan: &Scan, csv: bool) -> Self {
        let decoder = scan.encoding.new_decoder_without_bom_handling();
        let out_cap = decoder
            .max_utf8_buffer_length(CHUNK)
            .unwrap_or(4 * CHUNK + 16);
        Decoded {
            inner,
            decoder,
            raw: vec![0; CHUNK],
            raw_pos: 0,
            raw_len: 0,
            skip: scan.bom_len,
            eof: false,
            finished: false,
            out: vec![0; out_cap],
            out_pos: 0,
            out_len: 0,
            csv,
            prev_cr: false,
            quotes: Quotes {
                line: 1,
                open_at: None,
            },
            delivered: 0,
            record_start: None,
            too_long: false,
            progress: None,
        }
    }

    /// Adds `n` to `counter` for every `n` raw bytes read.
    pub fn count_into(mut self, counter: &'a Cell<u64>) -> Self {
        self.progress = Some(counter);
        self
    }

    /// Stops reading with an error once the text handed out goes more than
    /// [`MAX_RECORD_BYTES`] past `start` (kept by the caller at the start
    /// of the record it is reading).
    pub fn bound_records(mut self, start: &'a Cell<u64>) -> Self {
        self.record_start = Some(start);
        self
    }

    /// Whether reading stopped on a record over [`MAX_RECORD_BYTES`].
    pub fn too_long(&self) -> bool {
        self.too_long
    }

    /// The line of the quote left open in the text so far, if any.
    pub fn open_quote(&self) -> Option<usize> {
        self.quotes.open_at
    }

    fn refill(&mut self) -> io::Result<()> {
        if self.raw_pos == self.raw_len && !self.eof {
            let n = loop {
                match self.inner.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            if let Some(p) = self.progress {
                p.set(p.get() + n as u64);
            }
            self.raw_pos = self.skip.min(n);
            self.skip -= self.raw_pos;
            self.raw_len = n;
            self.eof = n == 0;
        }
        let (result, read, written, _) = self.decoder.decode_to_utf8(
            &self.raw[self.raw_pos..self.raw_len],
            &mut self.out,
            self.eof,
        );
        self.raw_pos += read;
        if self.eof
            && self.raw_pos == self.raw_len
            && result == encoding_rs::CoderResult::InputEmpty
        {
            self.finished = true;
        }
        let mut len = written;
        if self.csv {
            len = self.unix_line_ends(len);
            self.quotes.feed(&self.out[..len]);
        }
        self.out_pos = 0;
        self.out_len = len;
        Ok(())
    }

    /// `\r\n` and lone `\r` made `\n` in `out[..len]`; the new length.
    fn unix_line_ends(&mut self, len: usize) -> usize {
        let s = &mut self.out[..len];
        if !self.prev_cr && memchr::memchr(b'\r', s).is_none() {
            return len;
        }
        let mut w = 0;
        for r in 0..s.len() {
            let b = s[r];
            if b == b'\n' && self.prev_cr {
                self.prev_cr = false;
                continue;
            }
            self.prev_cr = b == b'\r';
            s[w] = if self.prev_cr { b'\n' } else { b };
            w += 1;
        }
        w
    }
}

impl<R: Read> Read for Decoded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out_len {
                let n = buf.len().min(self.out_len - self.out_pos);
                buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                self.delivered += n as u64;
                if let Some(start) = self.record_start
                    && self.delivered.saturating_sub(start.get()) > MAX_RECORD_BYTES
                {
                    self.too_long = true;
                    return Err(io::Error::other("record too long"));
                }
                return Ok(n);
            }
            if self.finished || buf.is_empty() {
                return Ok(0);
            }
            self.refill()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded_text(bytes: &[u8], csv: bool) -> anyhow::Result<(String, &'static str)> {
        let s = scan(bytes, "f.csv")?;
        let mut text = String::new();
        // Tiny reads, so that pieces split characters and line ends.
        let mut d = Decoded::new(OneByte(bytes), &s, csv);
        d.read_to_string(&mut text)?;
        Ok((text, s.encoding.name()))
    }

    /// A reader handing out one byte at a time.
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.is_empty()) {
                (Some((b, rest)), false) => {
                    buf[0] = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    /// What `csv::decode` (then `unix_line_ends`) gives, or its error.
    fn whole(bytes: &[u8], csv: bool) -> anyhow::Result<(String, &'static str)> {
        let d = super::super::csv::decode(bytes, "f.csv")?;
        let text = if csv {
            super::super::csv::unix_line_ends(d.text)
        } else {
            d.text
        };
        Ok((text, d.encoding))
    }

    #[test]
    fn decodes_as_the_whole_file_reader_does() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "é;x\r\ny".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let mut long_ascii = "a,b\n".repeat(40_000).into_bytes();
        long_ascii.extend(b"\xe9t\xe9\n");
        let mut long_mixed = "a,b\n".repeat(40_000).into_bytes();
        long_mixed.extend(b"\xe9t\xe9\n");
        long_mixed.extend("année\n".as_bytes());
        let cases: Vec<Vec<u8>> = vec![
            b"ann\xe9e;c\x9cur".to_vec(),
            "\u{feff}année\r\nx\ry\r".as_bytes().to_vec(),
            utf16,
            b"code;intitul\xc3\xa9\nA;\xe9t\xe9\n".to_vec(),
            b"A;\xe9t\xe9\nB;intitul\xc3\xa9\n".to_vec(),
            b"\xef\xbb\xbfok\xff".to_vec(),
            "code;outcome\nA;x\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
            b"a\0b".to_vec(),
            b"a\xc3".to_vec(),
            b"a\xf0\x9f".to_vec(),
            "a,\"b\r\nc\",d\r\n\r\n".as_bytes().to_vec(),
            long_ascii,
            long_mixed,
            Vec::new(),
        ];
        for bytes in cases {
            for csv in [true, false] {
                let got = decoded_text(&bytes, csv).map_err(|e| e.to_string());
                let want = whole(&bytes, csv).map_err(|e| e.to_string());
                assert_eq!(got, want, "{:?}", String::from_utf8_lossy(&bytes));
            }
        }
    }

    #[test]
    fn watches_quotes_across_pieces() {
        let bytes = b"a,\"b\nc\",d\n\"e\n";
        let s = scan(&bytes[..], "f.csv").unwrap();
        let mut d = Decoded::new(OneByte(bytes), &s, true);
        std::io::copy(&mut d, &mut std::io::sink()).unwrap();
        assert_eq!(d.open_quote(), Some(3));
    }

    #[test]
    fn stops_on_a_record_over_the_bound() {
        let bytes = vec![b'x'; (MAX_RECORD_BYTES + 10) as usize];
        let s = scan(&bytes[..], "f.csv").unwrap();
        let start = Cell::new(0);
        let mut d = Decoded::new(&bytes[..], &s, true).bound_records(&start);
        assert!(std::io::copy(&mut d, &mut std::io::sink()).is_err());
        assert!(d.too_long());
    }

    proptest::proptest! {
        /// Whatever the bytes, the two passes give what decoding the whole
        /// file gives: the same text, encoding and error.
        #[test]
        fn streamed_decoding_is_whole_decoding(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just(b'\r'),
                    proptest::prelude::Just(b'\n'),
                    proptest::prelude::Just(b'"'),
                    proptest::prelude::Just(0xC3u8),
                    proptest::prelude::Just(0xA9u8),
                    proptest::prelude::Just(0xE9u8),
                    proptest::prelude::any::<u8>(),
                    b'a'..=b'z',
                ],
                0..300,
            ),
            bom in 0usize..3,
        ) {
            let mut input = match bom {
                1 => b"\xEF\xBB\xBF".to_vec(),
                2 => vec![0xFF, 0xFE],
                _ => Vec::new(),
            };
            input.extend(bytes);
            for csv in [true, false] {
                let got = decoded_text(&input, csv).map_err(|e| e.to_string());
                let want = whole(&input, csv).map_err(|e| e.to_string());
                proptest::prop_assert_eq!(got, want);
            }
        }
    }
}
