//! Excel and OpenDocument workbooks (xlsx, xlsm, xlsb, xls, ods) →
//! [`Table`]s, one per visible sheet. Formulas are read by their cached
//! value; the format is recognised from the content, not the extension.

use super::table::{Cell, Row, Table};
use anyhow::{Result, anyhow};
use calamine::{Data, Reader, SheetVisible, open_workbook_auto_from_rs};
use std::io::Cursor;

/// Reads every visible sheet of a workbook. Hidden sheets are skipped: they
/// usually hold lookup lists, not curriculum.
pub fn read(bytes: &[u8], file: &str) -> Result<Vec<Table>> {
    let mut workbook =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| open_error(e, bytes, file))?;
    let visible: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut tables = Vec::new();
    for name in visible {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| anyhow!("`{file}` [{name}]: cannot read the sheet: {}", describe(&e)))?;
        tables.push(to_table(&range, file, &name));
    }
    Ok(tables)
}

fn to_table(range: &calamine::Range<Data>, file: &str, sheet: &str) -> Table {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            // Ranges start at the first used cell; pad so column indices
            // match the sheet's own columns.
            let mut row: Vec<Cell> = vec![Cell::Empty; first_col as usize];
            row.extend(cells.iter().map(to_cell));
            while row.last().is_some_and(Cell::is_empty) {
                row.pop();
            }
            Row {
                number: first_row as usize + i + 1,
                cells: row,
            }
        })
        .collect();
    Table {
        file: file.to_owned(),
        sheet: Some(sheet.to_owned()),
        rows,
    }
}

fn to_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) => {
                use chrono::{Datelike, Timelike};
                let date = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
                if d.time() == chrono::NaiveTime::MIN {
                    Cell::Date(date)
                } else {
                    Cell::Date(format!(
                        "{date}T{:02}:{:02}:{:02}",
                        d.hour(),
                        d.minute(),
                        d.second()
                    ))
                }
            }
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// Turns a calamine error into a sentence a faculty member can act on.
fn open_error(e: calamine::Error, bytes: &[u8], file: &str) -> anyhow::Error {
    let text = describe(&e);
    if text.contains("password") {
        return anyhow!(
            "`{file}` is password-protected; save an unprotected copy (File > Info > Protect Workbook) and try again"
        );
    }
    if looks_like_text(bytes) {
        return anyhow!(
            "`{file}` is not an Excel workbook: it contains plain text (a CSV file renamed to .xlsx?); rename it to .csv"
        );
    }
    anyhow!(
        "`{file}` is not a readable Excel or OpenDocument workbook (damaged or truncated?): {text}"
    )
}

fn describe(e: &calamine::Error) -> String {
    let s = e.to_string();
    if s.to_lowercase().contains("password") {
        "the workbook is password protected".into()
    } else {
        s
    }
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    !head.is_empty()
        && (std::str::from_utf8(head).is_ok() || head.iter().all(|&b| b >= 0x09))
        && !head.starts_with(b"PK")
}

/// The first bytes of every format calamine reads: zip (xlsx, xlsm, xlsb,
/// ods) and OLE compound files (xls).
pub fn has_workbook_signature(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}
