//! Delimited text → [`Table`]: encoding detection (UTF-8 with or without
//! BOM, UTF-16 with BOM, Windows-1252 otherwise) and delimiter sniffing.

use super::table::{Cell, Row, Table};
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
/// (every byte decodes, so nothing is silently replaced).
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        },
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: WINDOWS_1252.name(),
            }
        }
    }
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
pub fn read(bytes: &[u8], file: &str) -> Result<(Table, &'static str)> {
    let decoded = decode(bytes);
    if decoded.text.contains('\0') {
        bail!(
            "`{file}` is not a text file (it contains binary data); expected CSV or an Excel workbook"
        );
    }
    let delimiter = sniff_delimiter(&decoded.text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                bail!("`{file}` line {line}: cannot read the CSV record: {e}");
            }
        };
        let number = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let cells = record
            .iter()
            .map(|s| {
                if s.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_owned())
                }
            })
            .collect();
        rows.push(Row { number, cells });
    }
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
        let d = decode(b"ann\xe9e;c\x9cur");
        assert_eq!(d.text, "année;cœur");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn strips_a_utf8_bom() {
        let d = decode("\u{feff}année".as_bytes());
        assert_eq!(d.text, "année");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "é;x".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).text, "é;x");
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
}
