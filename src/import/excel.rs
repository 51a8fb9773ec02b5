//! Excel and OpenDocument workbooks (xlsx, xlsm, xlsb, xls, ods) →
//! [`Table`]s, one per sheet read. Formulas are read by their cached value;
//! the format is recognised from the content, not the extension. Cells
//! merged over several rows give their value to every row they cover.
//!
//! Bounded whatever the file holds: the unzipped size is checked before
//! calamine opens the workbook, and xlsx sheets are streamed cell by cell
//! (calamine's own `Range` would allocate rows × columns up front, which a
//! crafted sheet with one cell in A1 and one in XFD1048576 turns into
//! hundreds of gigabytes).

use super::limits::{
    MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES, MAX_UNZIPPED_BYTES,
    mebibytes, thousands,
};
use super::table::{Cell, Row, Table};
use super::{guard, prescan};
use anyhow::{Result, anyhow, bail};
use calamine::{
    Data, DataRef, Dimensions, Reader, SheetVisible, Sheets, open_workbook_auto_from_rs,
};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Reads every visible sheet of a workbook. Hidden sheets are skipped: they
/// usually hold lookup lists, not curriculum.
pub fn read(bytes: &[u8], file: &str) -> Result<Vec<Table>> {
    read_sheets(bytes, file, &[]).map(|(tables, _)| tables)
}

/// Reads the sheets named in `wanted` (hidden or not), or every visible
/// sheet when `wanted` is empty. Returns the tables and the names from
/// `wanted` that this workbook has. A workbook with none of the wanted
/// sheets is an error listing the sheets it has.
pub fn read_sheets(
    bytes: &[u8],
    file: &str,
    wanted: &[String],
) -> Result<(Vec<Table>, Vec<String>)> {
    // calamine can panic on crafted files (an integer overflow on a huge
    // cell reference, found by fuzzing): a damaged file, not a bug of ours.
    match guard::catch(|| read_unguarded(bytes, file, wanted)) {
        Ok(result) => result,
        Err(what) => bail!(
            "`{file}` is a damaged workbook: the spreadsheet reader failed on it ({what}); open it in Excel or LibreOffice and save it again"
        ),
    }
}

fn read_unguarded(
    bytes: &[u8],
    file: &str,
    wanted: &[String],
) -> Result<(Vec<Table>, Vec<String>)> {
    if is_encrypted_ooxml(bytes) {
        bail!(password_message(file));
    }
    // The limits must hold before calamine builds anything: it reads ods
    // and xls sheets whole when it opens the workbook.
    let may_have_merges = if bytes.starts_with(b"PK\x03\x04") {
        let merges = check_unzipped_size(bytes, file)?;
        prescan::check_ods(bytes, file)?;
        merges
    } else {
        if bytes.starts_with(&CFB_SIGNATURE) {
            prescan::check_xls(bytes, file)?;
        }
        true
    };
    let mut workbook =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| open_error(e, bytes, file))?;
    let metadata = workbook.sheets_metadata().to_vec();
    let (names, found) = if wanted.is_empty() {
        let visible: Vec<String> = metadata
            .iter()
            .filter(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .collect();
        if visible.is_empty() && !metadata.is_empty() {
            let all: Vec<String> = metadata.iter().map(|s| format!("\"{}\"", s.name)).collect();
            bail!(
                "`{file}` has no visible sheet (hidden: {}); read one with --sheet NAME",
                all.join(", ")
            );
        }
        (visible, Vec::new())
    } else {
        let mut names = Vec::new();
        let mut found = Vec::new();
        for w in wanted {
            if let Some(s) = metadata.iter().find(|s| same_sheet(&s.name, w)) {
                if !names.contains(&s.name) {
                    names.push(s.name.clone());
                }
                found.push(w.clone());
            }
        }
        if names.is_empty() {
            let all: Vec<String> = metadata.iter().map(|s| format!("\"{}\"", s.name)).collect();
            let asked: Vec<String> = wanted.iter().map(|s| format!("\"{s}\"")).collect();
            bail!(
                "`{file}` has no sheet named {}; its sheets are {}",
                asked.join(" or "),
                all.join(", ")
            );
        }
        (names, found)
    };
    let mut tables = Vec::new();
    for name in names {
        let mut table = match &mut workbook {
            Sheets::Xlsx(xlsx) => stream_xlsx(xlsx, file, &name)?,
            Sheets::Xlsb(xlsb) => stream_xlsb(xlsb, file, &name)?,
            other => {
                let range = other.worksheet_range(&name).map_err(|e| {
                    anyhow!("`{file}` [{name}]: cannot read the sheet: {}", describe(&e))
                })?;
                range_to_table(&range, file, &name)?
            }
        };
        let merged = match &mut workbook {
            _ if !may_have_merges => Vec::new(),
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        fill_merged(&mut table, &merged);
        tables.push(table);
    }
    Ok((tables, found))
}

/// Sheet names match exactly, or ignoring case and surrounding spaces.
fn same_sheet(name: &str, wanted: &str) -> bool {
    name == wanted || name.trim().to_lowercase() == wanted.trim().to_lowercase()
}

/// Reads an xlsx sheet one cell at a time, enforcing the limits as it goes.
fn stream_xlsx(xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>, file: &str, sheet: &str) -> Result<Table> {
    let err = |e: calamine::XlsxError| {
        anyhow!(
            "`{file}` [{sheet}]: cannot read the sheet: {}",
            describe(&calamine::Error::Xlsx(e))
        )
    };
    let mut reader = xlsx.worksheet_cells_reader(sheet).map_err(err)?;
    collect_cells(file, sheet, || {
        Ok(reader.next_cell().map_err(err)?.map(|cell| {
            let (r, c) = cell.get_position();
            (r, c, dataref_to_cell(cell.get_value()))
        }))
    })
}

/// Reads an xlsb sheet one cell at a time, as [`stream_xlsx`] does.
fn stream_xlsb(xlsb: &mut calamine::Xlsb<Cursor<&[u8]>>, file: &str, sheet: &str) -> Result<Table> {
    let err = |e: calamine::XlsbError| {
        anyhow!(
            "`{file}` [{sheet}]: cannot read the sheet: {}",
            describe(&calamine::Error::Xlsb(e))
        )
    };
    let mut reader = xlsb.worksheet_cells_reader(sheet).map_err(err)?;
    collect_cells(file, sheet, || {
        Ok(reader.next_cell().map_err(err)?.map(|cell| {
            let (r, c) = cell.get_position();
            (r, c, dataref_to_cell(cell.get_value()))
        }))
    })
}

/// Gathers streamed cells `(row, column, value)` into rows, within the
/// sheet's [`Budget`].
fn collect_cells(
    file: &str,
    sheet: &str,
    mut next: impl FnMut() -> Result<Option<(u32, u32, Cell)>>,
) -> Result<Table> {
    let mut rows: BTreeMap<u32, Vec<(u32, Cell)>> = BTreeMap::new();
    let mut budget = Budget::new(file, sheet);
    while let Some((r, c, value)) = next()? {
        if value.is_empty() {
            continue;
        }
        budget.take(r as usize, c as usize, &value)?;
        rows.entry(r).or_default().push((c, value));
    }
    let rows = rows
        .into_iter()
        .map(|(r, cells)| {
            let width = cells
                .iter()
                .map(|(c, _)| *c as usize + 1)
                .max()
                .unwrap_or(0);
            let mut dense = vec![Cell::Empty; width];
            for (c, v) in cells {
                dense[c as usize] = v;
            }
            Row {
                number: r as usize + 1,
                cells: dense,
            }
        })
        .collect();
    Ok(Table {
        file: file.to_owned(),
        sheet: Some(sheet.to_owned()),
        rows,
    })
}

/// Counts what a sheet holds and stops the import as soon as a limit is
/// passed: rows, columns, cells kept in memory (row widths added up) and
/// characters in one cell.
struct Budget<'a> {
    file: &'a str,
    sheet: &'a str,
    dense: usize,
    /// Bytes of text kept: a shared string is one in the file but a copy
    /// in every cell that uses it.
    text: u64,
    /// Width of every row seen, the current one kept apart (cells come row
    /// by row, so most lookups are for it).
    widths: BTreeMap<usize, usize>,
    last: Option<(usize, usize)>,
}

impl<'a> Budget<'a> {
    fn new(file: &'a str, sheet: &'a str) -> Self {
        Budget {
            file,
            sheet,
            dense: 0,
            text: 0,
            widths: BTreeMap::new(),
            last: None,
        }
    }

    fn take(&mut self, row: usize, col: usize, value: &Cell) -> Result<()> {
        let (file, sheet) = (self.file, self.sheet);
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            bail!(
                "`{file}` [{sheet}]: a cell lies outside the largest possible sheet ({} rows, {} columns); the file is damaged",
                thousands(MAX_ROWS as u64),
                thousands(MAX_COLUMNS as u64)
            );
        }
        if let Cell::Text(s) = value
            && s.chars().count() > MAX_CELL_CHARS
        {
            let loc = crate::model::SourceLocation::file(file)
                .with_sheet(Some(sheet))
                .at_row(row + 1)
                .at_column(col + 1, None);
            bail!(
                "{loc}: the cell holds {} characters; a spreadsheet cell holds at most {}",
                thousands(s.chars().count() as u64),
                thousands(MAX_CELL_CHARS as u64)
            );
        }
        if let Cell::Text(s) = value {
            self.text += s.len() as u64;
            if self.text > MAX_TEXT_BYTES {
                let loc = crate::model::SourceLocation::file(file)
                    .with_sheet(Some(sheet))
                    .at_row(row + 1);
                bail!(
                    "{loc}: the sheet's cells hold more than {} of text; a curriculum holds a few megabytes",
                    mebibytes(MAX_TEXT_BYTES)
                );
            }
        }
        if self.last.map(|(r, _)| r) != Some(row) {
            if let Some((r, w)) = self.last.take() {
                self.widths.insert(r, w);
            }
            self.last = Some((row, self.widths.remove(&row).unwrap_or(0)));
        }
        if let Some((_, width)) = self.last.as_mut()
            && col + 1 > *width
        {
            self.dense += col + 1 - *width;
            *width = col + 1;
        }
        if self.dense > MAX_CELLS {
            bail!(
                "`{file}` [{sheet}]: the sheet spans more than {} cells; split it or delete the unused rows and columns",
                thousands(MAX_CELLS as u64)
            );
        }
        Ok(())
    }
}

fn range_to_table(range: &calamine::Range<Data>, file: &str, sheet: &str) -> Result<Table> {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let (height, width) = range.get_size();
    if height.saturating_mul(width + first_col as usize) > MAX_CELLS {
        bail!(
            "`{file}` [{sheet}]: the sheet spans more than {} cells; split it or delete the unused rows and columns",
            thousands(MAX_CELLS as u64)
        );
    }
    let mut budget = Budget::new(file, sheet);
    let mut rows = Vec::with_capacity(height);
    for (i, cells) in range.rows().enumerate() {
        // Ranges start at the first used cell; pad so column indices match
        // the sheet's own columns.
        let mut row: Vec<Cell> = vec![Cell::Empty; first_col as usize];
        for (j, data) in cells.iter().enumerate() {
            let cell = data_to_cell(data);
            if !cell.is_empty() {
                budget.take(first_row as usize + i, first_col as usize + j, &cell)?;
            }
            row.push(cell);
        }
        while row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
        rows.push(Row {
            number: first_row as usize + i + 1,
            cells: row,
        });
    }
    Ok(Table {
        file: file.to_owned(),
        sheet: Some(sheet.to_owned()),
        rows,
    })
}

/// A cell merged over several rows gives its value to the first column of
/// every row it covers: a course, a year or a semester written once beside
/// the rows it applies to. Merges across columns only (a title spanning the
/// table, a header over sub-headers) are left as Excel stores them: the
/// value in the first column, the rest empty. Rows with no cell of their
/// own are absent from a streamed sheet and stay absent: blank either way.
pub fn fill_merged(table: &mut Table, merged: &[Dimensions]) {
    if merged.is_empty() {
        return;
    }
    let index: BTreeMap<usize, usize> = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.number, i))
        .collect();
    for m in merged {
        let (top, col) = (m.start.0 as usize + 1, m.start.1 as usize);
        let bottom = m.end.0 as usize + 1;
        if bottom <= top {
            continue;
        }
        let Some(value) = index
            .get(&top)
            .map(|&i| table.rows[i].cell(col).clone())
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        for number in top + 1..=bottom.min(top + MAX_ROWS) {
            let i = match index.get(&number) {
                Some(&i) => i,
                None => continue,
            };
            let row = &mut table.rows[i];
            if row.cells.len() <= col {
                row.cells.resize(col + 1, Cell::Empty);
            }
            if row.cells[col].is_empty() {
                row.cells[col] = value.clone();
            }
        }
    }
}

fn dataref_to_cell(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn data_to_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn text_cell(s: &str) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_owned())
    }
}

/// A date as the user sees it, in ISO 8601; a time of day only when there
/// is one.
fn date_cell(dt: &calamine::ExcelDateTime) -> Cell {
    use chrono::{Datelike, Timelike};
    match dt.as_datetime() {
        Some(d) => {
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
    }
}

/// Unzips every part of the workbook into nothing, counting bytes, and
/// stops past [`MAX_UNZIPPED_BYTES`]. Sizes written in the zip directory can
/// lie; the bytes actually produced cannot.
///
/// Returns whether any part mentions merged cells (`<mergeCell`), seen on
/// the way: sheets are only searched for merges when one does, which spares
/// a second parse of every sheet in the usual workbook without merges.
fn check_unzipped_size(bytes: &[u8], file: &str) -> Result<bool> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a readable zip: calamine's error says why, below.
        return Ok(true);
    };
    let too_big = || {
        anyhow!(
            "`{file}` expands to more than {} when unzipped; a curriculum workbook is a few megabytes (is it a zip bomb?)",
            mebibytes(MAX_UNZIPPED_BYTES)
        )
    };
    // Sizes the directory declares: a quick refusal for honest archives.
    let declared: u64 = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|e| e.size()))
        .fold(0u64, u64::saturating_add);
    if declared > MAX_UNZIPPED_BYTES {
        return Err(too_big());
    }
    let mut total: u64 = 0;
    let mut scan = Scan::default();
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            continue;
        };
        let budget = MAX_UNZIPPED_BYTES - total;
        scan.tail.clear();
        let n = std::io::copy(&mut (&mut entry).take(budget + 1), &mut scan).unwrap_or(0);
        total += n;
        if total > MAX_UNZIPPED_BYTES {
            return Err(too_big());
        }
    }
    Ok(scan.found)
}

/// A sink that remembers whether `<mergeCell` went through it, across the
/// boundaries of the chunks it is written in.
#[derive(Default)]
struct Scan {
    found: bool,
    tail: Vec<u8>,
}

impl std::io::Write for Scan {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        const NEEDLE: &[u8] = b"<mergeCell";
        if !self.found {
            self.tail
                .extend_from_slice(&buf[..buf.len().min(NEEDLE.len())]);
            self.found = memchr::memmem::find(&self.tail, NEEDLE).is_some()
                || memchr::memmem::find(buf, NEEDLE).is_some();
            // Keep the last bytes seen, for a needle cut between writes.
            let mut last = std::mem::take(&mut self.tail);
            if buf.len() >= NEEDLE.len() {
                last.clear();
            }
            last.extend_from_slice(&buf[buf.len().saturating_sub(NEEDLE.len())..]);
            let cut = last.len().saturating_sub(NEEDLE.len());
            self.tail = last.split_off(cut);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An xlsx saved with a password is not a zip but an OLE compound file
/// holding an `EncryptedPackage` stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && bytes.windows(NAME.len()).any(|w| w == NAME)
}

fn password_message(file: &str) -> String {
    format!(
        "`{file}` is password-protected; save an unprotected copy (File > Info > Protect Workbook > Encrypt with Password, then clear the password) and try again"
    )
}

/// Turns a calamine error into a sentence a faculty member can act on:
/// what the file actually is, when it is recognisably something else, and
/// how to fix it.
fn open_error(e: calamine::Error, bytes: &[u8], file: &str) -> anyhow::Error {
    let text = describe(&e);
    if text.contains("password") {
        return anyhow!(password_message(file));
    }
    if let Some(what) = sniff(bytes, file) {
        return anyhow!("`{file}` is not an Excel workbook: {what}");
    }
    anyhow!(
        "`{file}` is not a readable Excel or OpenDocument workbook (damaged or truncated?): {text}"
    )
}

/// What a file that is not a workbook recognisably is, with the fix.
fn sniff(bytes: &[u8], file: &str) -> Option<String> {
    let ext = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| format!(".{}", e.to_ascii_lowercase()))
        .unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let names: Vec<String> = archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect();
        let workbook = names.iter().any(|n| {
            matches!(
                n.as_str(),
                "xl/workbook.xml" | "xl/workbook.bin" | "content.xml" | "[Content_Types].xml"
            )
        });
        if workbook {
            return None;
        }
        let mut shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
        shown.sort_unstable();
        let more = if names.len() > 3 { ", …" } else { "" };
        return Some(format!(
            "it is a zip archive holding no workbook ({}{more}); unzip it and give the curriculum file inside",
            shown.join(", ")
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Some(
            "it is a PDF document; export the table from its source as .xlsx or .csv".to_owned(),
        );
    }
    // Text, in UTF-8 or Windows-1252, or UTF-16 as Excel saves "Unicode Text".
    let head = &bytes[..bytes.len().min(4096)];
    let (text, utf16) = match head {
        [0xFF, 0xFE, rest @ ..] => (
            encoding_rs::UTF_16LE.decode_without_bom_handling(rest).0,
            true,
        ),
        [0xFE, 0xFF, rest @ ..] => (
            encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0,
            true,
        ),
        _ if looks_like_text(head) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(head)
                .0,
            false,
        ),
        _ => return None,
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = text.chars().take(1024).collect::<String>().to_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<table")
        || (lower.starts_with('<') && lower.contains("<html"))
    {
        return Some(format!(
            "it is an HTML page saved as {ext} (some systems export \"Excel\" files as HTML tables); \
             open it in Excel or LibreOffice and save it as .xlsx, or export it as CSV"
        ));
    }
    if lower.starts_with("<?xml") || lower.starts_with('<') {
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            return Some(
                "it is an XML Spreadsheet 2003 file, which aimap does not read; open it in Excel and save it as .xlsx"
                    .to_owned(),
            );
        }
        if lower.contains("<curriculuminventory") {
            return Some("it is Curriculum Inventory XML; rename it to .xml".to_owned());
        }
        return Some(
            "it is an XML file, not a workbook; give the workbook or CSV it was exported from"
                .to_owned(),
        );
    }
    let first = text.lines().next().unwrap_or("");
    let unicode = if utf16 {
        " in UTF-16 (Excel's \"Unicode Text\")"
    } else {
        ""
    };
    if first.contains('\t') {
        return Some(format!(
            "it contains tab-separated text{unicode} (a TSV file renamed to {ext}?); rename it to .tsv"
        ));
    }
    if utf16 {
        return Some(
            "it contains UTF-16 text (Excel's \"Unicode Text\"?); save it again as CSV UTF-8 and name it .csv"
                .to_owned(),
        );
    }
    Some(format!(
        "it contains plain text (a CSV file renamed to {ext}?); rename it to .csv"
    ))
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
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&CFB_SIGNATURE)
}

/// The first bytes of an OLE compound file (xls, encrypted xlsx).
const CFB_SIGNATURE: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn finds_merge_cells_cut_between_writes() {
        for cut in 0..12 {
            let text = b"<sheetData/><mergeCells><mergeCell ref=\"A1:A3\"/>";
            let at = 21 + cut.min(text.len() - 21);
            let mut scan = Scan::default();
            scan.write_all(&text[..at]).unwrap();
            scan.write_all(&text[at..]).unwrap();
            assert!(scan.found, "cut at {at}");
        }
        let mut scan = Scan::default();
        scan.write_all(b"<sheetData><row r=\"1\"/></sheetData>")
            .unwrap();
        assert!(!scan.found);
    }

    #[test]
    fn merged_cells_fill_down_the_first_column_only() {
        let mut table = Table {
            file: "f.xlsx".into(),
            sheet: Some("S".into()),
            rows: (1..=3)
                .map(|n| Row {
                    number: n,
                    cells: vec![
                        if n == 1 {
                            Cell::Text("UE1".into())
                        } else {
                            Cell::Empty
                        },
                        Cell::Text(format!("o{n}")),
                    ],
                })
                .collect(),
        };
        let down = Dimensions {
            start: (0, 0),
            end: (2, 0),
        };
        let across = Dimensions {
            start: (0, 1),
            end: (0, 2),
        };
        fill_merged(&mut table, &[down, across]);
        let col0: Vec<String> = table
            .rows
            .iter()
            .map(|r| r.cell(0).text().into_owned())
            .collect();
        assert_eq!(col0, ["UE1", "UE1", "UE1"]);
        assert_eq!(table.rows[0].cell(2), &Cell::Empty);
    }
}
