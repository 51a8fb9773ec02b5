//! Every CSV aimap writes goes through [`Writer`]: each cell is passed
//! through [`crate::text::csv_cell`], so that no cell a spreadsheet opens
//! runs as a formula (OWASP's CSV-injection advice), and the importer gets
//! the text back with [`crate::text::csv_cell_read`]. Exporters never build
//! a `csv::Writer` of their own.

use anyhow::{Context, Result};

/// A CSV file being built in memory: comma-separated, UTF-8, one record per
/// call.
pub struct Writer {
    inner: csv::Writer<Vec<u8>>,
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            inner: csv::Writer::from_writer(Vec::new()),
        }
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

    /// The bytes of the file.
    pub fn into_bytes(self) -> Result<Vec<u8>> {
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
}
