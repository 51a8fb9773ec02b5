//! Every CSV aimap writes goes through [`Writer`]: each cell is passed
//! through [`crate::text::csv_cell`], so that no cell a spreadsheet opens
//! runs as a formula (OWASP's CSV-injection advice), and the importer gets
//! the text back with [`crate::text::csv_cell_read`]. Exporters never build
//! a `csv::Writer` of their own.
//!
//! A [`CsvDialect`] says how the file is laid out for the spreadsheet that
//! will open it (list separator, byte-order mark, decimal separator); the
//! text of the cells is the same in every dialect.

use crate::framework::Lang;
use anyhow::{Context, Result};
use std::borrow::Cow;
use std::io::Write;

/// How a CSV file is laid out for the spreadsheet that opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvDialect {
    /// The field separator.
    pub delimiter: u8,
    /// Start the file with the UTF-8 byte-order mark.
    pub bom: bool,
    /// The decimal separator of numbers.
    pub decimal: char,
}

impl CsvDialect {
    /// What a spreadsheet set to `lang` opens by double-click. A French
    /// Excel separates lists with `;`, reads `0,85` as a number, and reads
    /// a CSV file as Windows-1252 unless it starts with a UTF-8 BOM.
    pub fn for_lang(lang: Lang) -> Self {
        match lang {
            Lang::En => CsvDialect {
                delimiter: b',',
                bom: false,
                decimal: '.',
            },
            Lang::Fr => CsvDialect {
                delimiter: b';',
                bom: true,
                decimal: ',',
            },
        }
    }

    /// `value` with `places` decimals and this dialect's decimal separator.
    pub fn number(&self, value: f64, places: usize) -> String {
        let text = format!("{value:.places$}");
        if self.decimal == '.' {
            text
        } else {
            text.replace('.', &self.decimal.to_string())
        }
    }
}

impl Default for CsvDialect {
    /// Comma-separated, no BOM, decimal point: what [`Writer::new`] writes.
    fn default() -> Self {
        Self::for_lang(Lang::En)
    }
}

/// Characters aimap itself writes (in evidence and messages) that
/// Windows-1252 cannot encode, with what stands for them there.
const CP1252_STAND_INS: &[(char, &str)] = &[
    ('\u{2192}', "->"),
    ('\u{2190}', "<-"),
    ('\u{2194}', "<->"),
    ('\u{21d2}', "=>"),
    ('\u{2264}', "<="),
    ('\u{2265}', ">="),
    ('\u{2260}', "!="),
    ('\u{2248}', "~"),
    ('\u{2212}', "-"),
    ('\u{2010}', "-"),
    ('\u{2011}', "-"),
    ('\u{2012}', "-"),
    ('\u{2044}', "/"),
    ('\u{2009}', " "),
    ('\u{200a}', " "),
    ('\u{202f}', "\u{a0}"),
    ('\u{2713}', "v"),
    ('\u{2714}', "v"),
    ('\u{25aa}', "\u{2022}"),
    ('\u{25e6}', "\u{2022}"),
];

/// `text` with the non-Windows-1252 characters aimap writes replaced by
/// ASCII (or Windows-1252) stand-ins, so that a user who saves the file
/// from Excel as "CSV (Windows)" loses nothing of ours. Other characters
/// are kept: they come from the user's own text.
pub fn cp1252_safe(text: &str) -> Cow<'_, str> {
    let stand_in = |c: char| CP1252_STAND_INS.iter().find(|(k, _)| *k == c);
    if !text.chars().any(|c| stand_in(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match stand_in(c) {
            Some((_, s)) => out.push_str(s),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A CSV file being written: UTF-8, one record per call; comma-separated
/// unless made [`Writer::with_dialect`]. Built in memory (`Vec<u8>`, the
/// default), or streamed to any [`Write`] with [`Writer::to`].
pub struct Writer<W: Write = Vec<u8>> {
    inner: csv::Writer<W>,
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            inner: csv::Writer::from_writer(Vec::new()),
        }
    }

    /// A writer laid out for `dialect`: its separator, and the BOM first
    /// when it has one.
    pub fn with_dialect(dialect: CsvDialect) -> Self {
        let start = if dialect.bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        Writer {
            inner: csv::WriterBuilder::new()
                .delimiter(dialect.delimiter)
                .from_writer(start),
        }
    }

    /// The bytes of the file.
    pub fn into_bytes(self) -> Result<Vec<u8>> {
        self.finish()
    }
}

impl<W: Write> Writer<W> {
    /// A writer laid out for `dialect` that streams into `out` (buffered):
    /// the BOM is written at once when the dialect has one.
    pub fn to(mut out: W, dialect: CsvDialect) -> Result<Self> {
        if dialect.bom {
            out.write_all(b"\xEF\xBB\xBF")
                .context("cannot write a CSV file")?;
        }
        Ok(Writer {
            inner: csv::WriterBuilder::new()
                .delimiter(dialect.delimiter)
                .from_writer(out),
        })
    }

    /// Writes one record, every cell guarded against formula injection.
    pub fn record<I, S>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let guarded: Vec<String> = cells
            .into_iter()
            .map(|c| crate::text::csv_cell(c.as_ref()).into_owned())
            .collect();
        self.inner
            .write_record(&guarded)
            .context("cannot write a CSV record")
    }

    /// Flushes what is buffered and gives the destination back.
    pub fn finish(self) -> Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot finish a CSV file: {}", e.error()))
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_is_guarded_and_reads_back_unchanged() {
        let cells = [
            "=HYPERLINK(\"x\")",
            "+1",
            "-2",
            "@A1",
            "\tx",
            "\rx",
            "ok",
            "'=q",
        ];
        let mut w = Writer::new();
        w.record(cells).unwrap();
        let bytes = w.into_bytes().unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        let record = r.records().next().unwrap().unwrap();
        for (written, original) in record.iter().zip(cells) {
            assert!(
                !written.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{written:?}"
            );
            assert_eq!(crate::text::csv_cell_read(written), original);
        }
    }

    #[test]
    fn the_french_dialect_starts_with_a_bom_and_separates_with_semicolons() {
        let mut w = Writer::with_dialect(CsvDialect::for_lang(Lang::Fr));
        w.record(["a", "b;c", "=d"]).unwrap();
        let bytes = w.into_bytes().unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        assert_eq!(&bytes[3..], b"a;\"b;c\";'=d\n");
    }

    #[test]
    fn the_english_dialect_writes_what_new_writes() {
        let cells = ["x,y", "\"q\"", "-1"];
        let mut a = Writer::new();
        let mut b = Writer::with_dialect(CsvDialect::for_lang(Lang::En));
        a.record(cells).unwrap();
        b.record(cells).unwrap();
        assert_eq!(a.into_bytes().unwrap(), b.into_bytes().unwrap());
        assert_eq!(CsvDialect::default(), CsvDialect::for_lang(Lang::En));
    }

    #[test]
    fn numbers_take_the_decimal_separator_of_the_dialect() {
        assert_eq!(CsvDialect::for_lang(Lang::En).number(0.846, 2), "0.85");
        assert_eq!(CsvDialect::for_lang(Lang::Fr).number(0.846, 2), "0,85");
        assert_eq!(CsvDialect::for_lang(Lang::Fr).number(3.0, 0), "3");
    }

    #[test]
    fn cp1252_safe_text_encodes_in_windows_1252() {
        let ours = "\"IA\" \u{2192} L0.FND.1 [rule r1]; score \u{2265} 0.5, \u{2264} 1 \u{2011} a\u{202f}; b";
        let safe = cp1252_safe(ours);
        assert_eq!(
            safe,
            "\"IA\" -> L0.FND.1 [rule r1]; score >= 0.5, <= 1 - a\u{a0}; b"
        );
        for (c, s) in CP1252_STAND_INS {
            let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&c.to_string());
            assert!(unmappable, "{c:?} is in Windows-1252: no stand-in needed");
            let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
            assert!(!unmappable, "the stand-in of {c:?} is not in Windows-1252");
        }
        assert!(matches!(cp1252_safe("déjà… « vu » – ok"), Cow::Borrowed(_)));
    }
}
