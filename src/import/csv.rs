//! Delimited text → [`Table`]: encoding detection (UTF-8 with or without
//! BOM, UTF-16 with BOM, Windows-1252 otherwise) and delimiter sniffing.

use super::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, thousands};
use super::table::{Cell, Row, Table};
use crate::model::SourceLocation;
use anyhow::{Result, bail};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Text decoded from a file, with the encoding that was used.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes bytes: a BOM wins; otherwise valid UTF-8 is UTF-8; otherwise the
/// bytes are read as Windows-1252, the encoding French Excel writes CSV in
/// (every byte decodes, so nothing is silently replaced). Text that cannot
/// be decoded faithfully is an error, never a row of `�`.
pub fn decode(bytes: &[u8], file: &str) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            bail!(
                "`{file}` starts with a {} byte-order mark but is not valid {} throughout; save it again as UTF-8",
                encoding.name(),
                encoding.name()
            );
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if looks_like_utf16_without_bom(bytes) {
        bail!(
            "`{file}` looks like UTF-16 text without a byte-order mark; save it again as UTF-8 (in Excel: CSV UTF-8)"
        );
    }
    if bytes.contains(&0) {
        bail!(
            "`{file}` is not a text file (it contains binary data); expected CSV or an Excel workbook"
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        }),
        Err(e) => {
            if let Some(utf8_line) = utf8_multibyte_line(bytes) {
                let bad_line = line_at(bytes, e.valid_up_to());
                bail!(
                    "`{file}` mixes encodings: line {utf8_line} is UTF-8 but line {bad_line} is not (Windows-1252?); \
                     accented letters would be misread, so the file is not read; save it again in one encoding (UTF-8)"
                );
            }
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: WINDOWS_1252.name(),
            })
        }
    }
}

/// Every record of decoded CSV `text` (its delimiter sniffed) with its
/// 1-based line, then the check that no quote was left open: a quote never
/// closed swallows the rest of the file into the last record, so it is
/// refused rather than lose the rows silently. A record the parser cannot
/// read, or an error `each` returns, ends the file.
pub(crate) fn each_record(
    text: &str,
    file: &str,
    each: impl FnMut(usize, &csv::StringRecord) -> Result<()>,
) -> Result<()> {
    let reader = csv_reader(sniff_delimiter(text), text.as_bytes());
    let last_spans_lines = record_loop(reader, file, &|_| None, each)?.0;
    if last_spans_lines && text.matches('"').count() % 2 == 1 {
        bail!(unclosed_quote(file, unclosed_quote_line(text)));
    }
    Ok(())
}

/// [`each_record`] on text read a piece at a time (a posting file of any
/// size): the delimiter is sniffed from the first 50 lines, the quotes are
/// counted as the text goes by, and a record over
/// [`MAX_RECORD_BYTES`](super::stream::MAX_RECORD_BYTES) (a quote left
/// open, a file without line ends) ends the file with an error instead of
/// filling memory.
pub(crate) fn each_record_streamed<R: std::io::Read>(
    mut text: super::stream::Decoded<'_, R>,
    record_start: &std::cell::Cell<u64>,
    file: &str,
    each: impl FnMut(usize, &csv::StringRecord) -> Result<()>,
) -> Result<()> {
    use std::io::Read as _;
    // The first 50 lines, for the sniffing; read again by the parser.
    let mut head = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut lines = 0;
    let mut cut = None;
    while cut.is_none() && (head.len() as u64) < super::stream::MAX_RECORD_BYTES {
        let n = text.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        for i in memchr::memchr_iter(b'\n', &chunk[..n]) {
            lines += 1;
            if lines == 50 {
                cut = Some(head.len() + i);
                break;
            }
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let sample = &head[..cut.unwrap_or(head.len())];
    let sample = match std::str::from_utf8(sample) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&sample[..e.valid_up_to()]).unwrap_or_default(),
    };
    let delimiter = sniff_delimiter(sample);
    let reader = csv_reader(delimiter, std::io::Cursor::new(head).chain(text));
    let too_long = |r: &std::io::Chain<std::io::Cursor<Vec<u8>>, super::stream::Decoded<'_, R>>| {
        let d = r.get_ref().1;
        d.too_long().then(|| {
            let mb = super::stream::MAX_RECORD_BYTES >> 20;
            match d.open_quote() {
                Some(line) => format!(
                    "`{file}` line {line}: a quote (\") opened here is not closed within {mb} MiB, so \
                     every line after it would be read as one cell; close it, or double it (\"\") if \
                     it is part of the text"
                ),
                None => format!(
                    "`{file}`: a record is longer than {mb} MiB (are the line ends missing?); split it"
                ),
            }
        })
    };
    let (last_spans_lines, inner) =
        record_loop_marked(reader, file, &too_long, record_start, each)?;
    if last_spans_lines && let Some(line) = inner.get_ref().1.open_quote() {
        bail!(unclosed_quote(file, line));
    }
    Ok(())
}

fn csv_reader<R: std::io::Read>(delimiter: u8, r: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(r)
}

/// The one loop over CSV records: each record with its line, until the
/// end, a record the parser cannot read (the message is `stopped`'s, when
/// it says why the reader stopped), or an error of `each`. Returns whether
/// the last record spans lines.
fn record_loop<R: std::io::Read>(
    reader: csv::Reader<R>,
    file: &str,
    stopped: &dyn Fn(&R) -> Option<String>,
    each: impl FnMut(usize, &csv::StringRecord) -> Result<()>,
) -> Result<(bool, R)> {
    record_loop_marked(reader, file, stopped, &std::cell::Cell::new(0), each)
}

/// [`record_loop`], keeping in `record_start` the byte offset where the
/// next record starts.
fn record_loop_marked<R: std::io::Read>(
    mut reader: csv::Reader<R>,
    file: &str,
    stopped: &dyn Fn(&R) -> Option<String>,
    record_start: &std::cell::Cell<u64>,
    mut each: impl FnMut(usize, &csv::StringRecord) -> Result<()>,
) -> Result<(bool, R)> {
    let mut last_spans_lines = false;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if let Some(message) = stopped(reader.get_ref()) {
                    bail!(message);
                }
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                bail!("`{file}` line {line}: cannot read the CSV record: {e}");
            }
        }
        record_start.set(reader.position().byte());
        let number = record.position().map(|p| p.line() as usize).unwrap_or(0);
        last_spans_lines = record.iter().any(|f| f.contains('\n'));
        each(number, &record)?;
    }
    Ok((last_spans_lines, reader.into_inner()))
}

fn unclosed_quote(file: &str, line: usize) -> String {
    format!(
        "`{file}` line {line}: a quote (\") opened here is never closed, so every line after it would be read as one cell; \
         close it, or double it (\"\") if it is part of the text"
    )
}

fn unclosed_quote_line(text: &str) -> usize {
    let mut line = 1;
    let mut open_at = None;
    for c in text.chars() {
        match c {
            '\n' => line += 1,
            '"' => open_at = if open_at.is_some() { None } else { Some(line) },
            _ => {}
        }
    }
    open_at.unwrap_or(line)
}

/// ASCII text in UTF-16 has a zero byte beside every letter.
pub(crate) fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    if head.len() < 8 {
        return false;
    }
    let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    (zeros_odd * 10 >= half * 8 && zeros_even * 10 < half)
        || (zeros_even * 10 >= half * 8 && zeros_odd * 10 < half)
}

/// The line of the first well-formed UTF-8 multi-byte character (`é` as
/// `C3 A9`), if any: in a file that is not UTF-8 throughout, its presence
/// means two encodings were mixed.
fn utf8_multibyte_line(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(seq) = bytes.get(i..i + len)
            && std::str::from_utf8(seq).is_ok()
        {
            return Some(line_at(bytes, i));
        }
        i += 1;
    }
    None
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `\r\n` and lone `\r` (old Mac) made `\n`. The csv crate reads all three as
/// line ends but counts a line per `\r\n` one too few (BurntSushi/rust-csv#395),
/// which would shift every row number of a file saved by Excel.
pub(crate) fn unix_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Picks the delimiter that splits the first records into the most rows of
/// one consistent width (more than one column). `;` wins ties, as French
/// exports use it and their text is full of commas.
pub fn sniff_delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(50).collect::<Vec<_>>().join("\n");
    let mut best = (0usize, 0usize, b',');
    for d in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let mut widths: Vec<usize> = Vec::new();
        for record in reader.records().take(50) {
            match record {
                Ok(r) if r.len() > 1 => widths.push(r.len()),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        let mut counts = std::collections::BTreeMap::new();
        for w in &widths {
            *counts.entry(*w).or_insert(0usize) += 1;
        }
        let (mode_width, mode_count) = counts
            .iter()
            .max_by_key(|&(w, c)| (*c, *w))
            .map(|(w, c)| (*w, *c))
            .unwrap_or((1, 0));
        if (mode_count, mode_width) > (best.0, best.1) {
            best = (mode_count, mode_width, d);
        }
    }
    best.2
}

/// Reads delimited text into a table; `file` names it in locations.
/// Returns the table and the encoding the text was read in.
pub fn read(bytes: &[u8], file: &str) -> Result<(Table, &'static str)> {
    let mut decoded = decode(bytes, file)?;
    decoded.text = unix_line_ends(decoded.text);
    if decoded.text.trim().is_empty() {
        bail!("`{file}` is empty; expected a header row and one row per learning outcome");
    }
    if decoded.text.contains('\0') {
        bail!(
            "`{file}` is not a text file (it contains binary data); expected CSV or an Excel workbook"
        );
    }
    let mut rows = Vec::new();
    let mut cells_read = 0usize;
    each_record(&decoded.text, file, |number, record| {
        if record.len() > MAX_COLUMNS {
            bail!(
                "`{file}` line {number}: the row has {} columns; a spreadsheet has at most {}",
                thousands(record.len() as u64),
                thousands(MAX_COLUMNS as u64)
            );
        }
        let mut cells: Vec<Cell> = Vec::with_capacity(record.len());
        for (i, s) in record.iter().enumerate() {
            let chars = s.chars().count();
            if chars > MAX_CELL_CHARS {
                let loc = SourceLocation::file(file)
                    .at_row(number)
                    .at_column(i + 1, None);
                bail!(
                    "{loc}: the field holds {} characters; a spreadsheet cell holds at most {} (is a closing quote missing?)",
                    thousands(chars as u64),
                    thousands(MAX_CELL_CHARS as u64)
                );
            }
            cells.push(if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_owned())
            });
        }
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        cells_read += cells.len();
        if cells_read > MAX_CELLS || rows.len() >= MAX_ROWS {
            bail!(
                "`{file}` line {number}: the file holds more than {} rows or {} cells; split it",
                thousands(MAX_ROWS as u64),
                thousands(MAX_CELLS as u64)
            );
        }
        rows.push(Row { number, cells });
        Ok(())
    })?;
    Ok((
        Table {
            file: file.to_owned(),
            sheet: None,
            rows,
        },
        decoded.encoding,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252_when_not_utf8() {
        let d = decode(b"ann\xe9e;c\x9cur", "f.csv").unwrap();
        assert_eq!(d.text, "année;cœur");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn strips_a_utf8_bom() {
        let d = decode("\u{feff}année".as_bytes(), "f.csv").unwrap();
        assert_eq!(d.text, "année");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "é;x".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, "f.csv").unwrap().text, "é;x");
    }

    #[test]
    fn refuses_a_file_mixing_utf8_and_windows_1252() {
        let e = decode(b"code;intitul\xc3\xa9\nA;\xe9t\xe9\n", "f.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`f.csv` mixes encodings: line 1 is UTF-8 but line 2 is not (Windows-1252?); accented letters \
             would be misread, so the file is not read; save it again in one encoding (UTF-8)"
        );
    }

    #[test]
    fn refuses_utf16_without_a_bom() {
        let bytes: Vec<u8> = "code;outcome\nA;x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            decode(&bytes, "f.csv")
                .unwrap_err()
                .to_string()
                .contains("UTF-16 text without a byte-order mark")
        );
    }

    #[test]
    fn sniffs_semicolons_even_with_commas_in_text() {
        let text =
            "code;intitulé;heures\nUE1;Santé, société, humanité;28\nUE2;Sciences, biologie;2,5\n";
        assert_eq!(sniff_delimiter(text), b';');
        let text = "code,title,hours\nA,Intro; basics,2\nB,Stats,3\n";
        assert_eq!(sniff_delimiter(text), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
    }

    #[test]
    fn records_the_line_where_each_record_starts() {
        let (t, _) = read(b"a,b\n\"x\ny\",1\nz,2\n", "f.csv").unwrap();
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4]);
    }

    #[test]
    fn counts_crlf_and_cr_line_ends_as_one_line_each() {
        for text in ["a,b\r\n\"x\r\ny\",1\r\nz,2\r\n", "a,b\r\"x\ry\",1\rz,2\r"] {
            let (t, _) = read(text.as_bytes(), "f.csv").unwrap();
            let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
            assert_eq!(numbers, [1, 2, 4], "{text:?}");
            assert_eq!(t.rows[1].cells[0], Cell::Text("x\ny".into()));
        }
    }
}
