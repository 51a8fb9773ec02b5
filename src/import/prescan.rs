//! What a workbook that calamine reads whole (OpenDocument, xls) will cost
//! once read, computed from the file before calamine reads it.
//!
//! calamine builds every sheet of these formats in memory when it opens the
//! workbook: an ods row or cell declared "repeated" a million times becomes
//! a million copies, and an xls sheet becomes the rectangle spanning its
//! cells, sized up front from the dimensions the file declares. A 2 KB file
//! could ask for tens of gigabytes. This module streams the file's own
//! structure (XML events, BIFF record headers), expands nothing, and
//! refuses a workbook whose sheets would pass [`MAX_RANGE_CELLS`] or
//! [`MAX_TEXT_BYTES`], naming the sheet and row. It reads no value.

use super::limits::{
    MAX_COLUMNS, MAX_RANGE_CELLS, MAX_ROWS, MAX_TEXT_BYTES, MAX_UNZIPPED_BYTES, mebibytes,
    thousands,
};
use crate::model::SourceLocation;
use anyhow::{Result, bail};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read};

/// What calamine will hold for the sheets read so far: cells of the
/// rectangles it builds, and bytes of text copied into them.
#[derive(Debug, Default)]
struct Cost {
    cells: u64,
    text: u64,
}

impl Cost {
    /// Adds one sheet's cost, refusing past a limit. `at` names the sheet
    /// and, when known, the row where the sheet passed it.
    fn add(&mut self, cells: u64, text: u64, at: &SourceLocation) -> Result<()> {
        self.cells = self.cells.saturating_add(cells);
        self.text = self.text.saturating_add(text);
        if self.cells > MAX_RANGE_CELLS as u64 {
            bail!(
                "{at}: the workbook spans more than {} cells once its repeated rows and columns \
                 are expanded (a sheet cell repeated over a whole row or column?); delete the \
                 unused rows and columns, or save the sheet as CSV",
                thousands(MAX_RANGE_CELLS as u64)
            );
        }
        if self.text > MAX_TEXT_BYTES {
            bail!(
                "{at}: the workbook's cells hold more than {} of text once repeated cells and \
                 spaces are expanded; a curriculum holds a few megabytes",
                mebibytes(MAX_TEXT_BYTES)
            );
        }
        Ok(())
    }
}

/// An OpenDocument spreadsheet: sums, sheet by sheet, the rows and columns
/// calamine will build (repeats multiplied out, as it does) and the text it
/// will copy. Not an ods (no `content.xml`): nothing to check here.
pub fn check_ods(bytes: &[u8], file: &str) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    // The unzipped size was already bounded by the caller; bound it again
    // here so this function is safe on its own.
    let mut reader = Reader::from_reader(BufReader::new(content.take(MAX_UNZIPPED_BYTES)));
    let mut buf = Vec::new();
    let mut cost = Cost::default();
    let mut sheet: Option<Sheet> = None;
    let mut row: Option<RowScan> = None;
    // Inside a cell: its columns repeated, and the text it holds so far.
    let mut cell: Option<(u64, u64, bool)> = None;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            // Malformed XML: calamine's own error says so, below.
            Err(_) => return Ok(()),
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                let name = attr(&e, "table:name").unwrap_or_default();
                sheet = Some(Sheet::new(name));
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(s) = sheet.take() {
                    s.finish(file, &mut cost)?;
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row = Some(RowScan::new(repeat(&e, "table:number-rows-repeated")));
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(s) = sheet.as_mut() {
                    s.row(
                        &RowScan::new(repeat(&e, "table:number-rows-repeated")),
                        file,
                    )?;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let (Some(s), Some(r)) = (sheet.as_mut(), row.take()) {
                    s.row(&r, file)?;
                }
            }
            Event::Empty(e) if is_cell(&e) => {
                if let Some(r) = row.as_mut() {
                    let text = value_bytes(&e);
                    r.cell(repeat(&e, "table:number-columns-repeated"), text, text > 0);
                }
            }
            Event::Start(e) if is_cell(&e) => {
                let text = value_bytes(&e);
                cell = Some((repeat(&e, "table:number-columns-repeated"), text, text > 0));
            }
            Event::End(e)
                if e.name().as_ref() == "table:table-cell"
                    || e.name().as_ref() == "table:covered-table-cell" =>
            {
                if let (Some(r), Some((n, text, filled))) = (row.as_mut(), cell.take()) {
                    r.cell(n, text, filled);
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.1 = c.1.saturating_add(t.len() as u64);
                    c.2 |= !t.as_ref().trim().is_empty();
                }
            }
            // `<text:s text:c="N"/>` stands for N spaces, which calamine writes out.
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:s" => {
                if let Some(c) = cell.as_mut() {
                    c.1 = c.1.saturating_add(repeat(&e, "text:c"));
                    c.2 = true;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// An xls workbook (BIFF records in an OLE compound file): for each sheet,
/// the dimensions it declares (calamine reserves room for them) and the
/// rectangle spanning the cells it holds (calamine allocates it). A file
/// whose container cannot be read is left to calamine, which refuses it.
pub fn check_xls(bytes: &[u8], file: &str) -> Result<()> {
    let Some(sheets) = xls_sheets(bytes) else {
        return Ok(());
    };
    let mut cost = Cost::default();
    for sheet in sheets {
        let at = SourceLocation::file(file).with_sheet(Some(&sheet.name));
        if sheet.declared > MAX_RANGE_CELLS as u64 {
            bail!(
                "{at}: the sheet declares {} cells (its dimensions record); a sheet read whole holds at most {}; \
                 the file is damaged or crafted: open it in Excel or LibreOffice and save it again",
                thousands(sheet.declared),
                thousands(MAX_RANGE_CELLS as u64)
            );
        }
        cost.add(sheet.spanned, sheet.text, &at)?;
    }
    Ok(())
}

/// What calamine will build for one xls sheet.
#[derive(Debug)]
struct SheetCost {
    name: String,
    /// Cells its dimensions record declares.
    declared: u64,
    /// Cells of the rectangle its cell records span.
    spanned: u64,
    /// Characters of text its cells hold, shared strings counted per cell.
    text: u64,
}

/// The cost of each sheet of an xls, or `None` when its container cannot
/// be read.
fn xls_sheets(bytes: &[u8]) -> Option<Vec<SheetCost>> {
    let stream = cfb_stream(bytes, &["Workbook", "Book"])?;
    let mut out = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let globals: Vec<(u16, &[u8])> = records(&stream)
        .take_while(|(typ, _)| *typ != 0x000A)
        .collect();
    let mut strings: Vec<u64> = Vec::new();
    for (i, &(typ, data)) in globals.iter().enumerate() {
        match typ {
            // BoundSheet8: where the sheet's records start, and its name.
            0x0085 if data.len() >= 8 => {
                let pos = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
                sheets.push((pos, sheet_name(&data[6..])));
            }
            // The shared strings, continued in the Continue records after it.
            0x00FC => {
                let parts: Vec<&[u8]> = std::iter::once(data)
                    .chain(
                        globals[i + 1..]
                            .iter()
                            .take_while(|(t, _)| *t == 0x003C)
                            .map(|(_, d)| *d),
                    )
                    .collect();
                strings = sst_lengths(&parts);
            }
            _ => {}
        }
    }
    for (pos, name) in sheets {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        let mut declared = 0u64;
        let mut text = 0u64;
        let (mut r0, mut r1, mut c0, mut c1) = (u64::MAX, 0u64, u64::MAX, 0u64);
        let mut depth = 0usize;
        let mut seen_bof = false;
        for (typ, data) in records(sheet) {
            let cell = |o: usize| -> Option<(u64, u64)> {
                let r = u16::from_le_bytes([*data.get(o)?, *data.get(o + 1)?]);
                let c = u16::from_le_bytes([*data.get(o + 2)?, *data.get(o + 3)?]);
                Some((u64::from(r), u64::from(c)))
            };
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A if depth > 0 => depth -= 1,
                0x000A => break,
                _ if depth > 0 => {}
                // Dimensions: BIFF8 rows are 32-bit, columns 16-bit.
                0x0200 if data.len() >= 12 => {
                    let u32_at = |o: usize| {
                        u64::from(u32::from_le_bytes([
                            data[o],
                            data[o + 1],
                            data[o + 2],
                            data[o + 3],
                        ]))
                    };
                    let u16_at = |o: usize| u64::from(u16::from_le_bytes([data[o], data[o + 1]]));
                    let rows = u32_at(4).saturating_sub(u32_at(0));
                    let cols = u16_at(10).saturating_sub(u16_at(8));
                    declared = declared.max(rows.saturating_mul(cols));
                }
                // Cells: Number, Label, RString, BoolErr, String-less
                // Formula, Rk, LabelSst, and MulRk (a run of columns).
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD | 0x00BD => {
                    // calamine copies a shared string into every cell using it.
                    text = text.saturating_add(match typ {
                        0x00FD if data.len() >= 10 => {
                            let i = u32::from_le_bytes([data[6], data[7], data[8], data[9]]);
                            strings.get(i as usize).copied().unwrap_or(0)
                        }
                        0x0204 | 0x00D6 => data.len() as u64,
                        _ => 0,
                    });
                    if let Some((r, c)) = cell(0) {
                        let last = if typ == 0x00BD && data.len() >= 6 {
                            let l = data.len();
                            u64::from(u16::from_le_bytes([data[l - 2], data[l - 1]]))
                        } else {
                            c
                        };
                        r0 = r0.min(r);
                        r1 = r1.max(r);
                        c0 = c0.min(c);
                        c1 = c1.max(last.max(c));
                    }
                }
                _ => {}
            }
        }
        let spanned = if r0 == u64::MAX {
            0
        } else {
            (r1 - r0 + 1).saturating_mul(c1.saturating_sub(c0) + 1)
        };
        out.push(SheetCost {
            name,
            declared,
            spanned,
            text,
        });
    }
    Some(out)
}

/// The length in characters of each string of a shared string table
/// ([MS-XLS] 2.4.265), whose record `parts` are the SST record and the
/// Continue records after it. A string's characters may run on into the
/// next part, which then starts with a new flags byte.
fn sst_lengths(parts: &[&[u8]]) -> Vec<u64> {
    let mut lengths = Vec::new();
    let (mut p, mut off) = (0usize, 8usize);
    // One byte at the cursor, moving to the next part at the end of one.
    let byte = |p: &mut usize, off: &mut usize| -> Option<u8> {
        while *off >= parts.get(*p)?.len() {
            *p += 1;
            *off = 0;
        }
        let b = parts[*p][*off];
        *off += 1;
        Some(b)
    };
    while let (Some(lo), Some(hi), Some(flags)) = (
        byte(&mut p, &mut off),
        byte(&mut p, &mut off),
        byte(&mut p, &mut off),
    ) {
        let cch = u64::from(u16::from_le_bytes([lo, hi]));
        let mut skip = 0u64;
        if flags & 0x8 != 0 {
            let (Some(a), Some(b)) = (byte(&mut p, &mut off), byte(&mut p, &mut off)) else {
                break;
            };
            skip += 4 * u64::from(u16::from_le_bytes([a, b]));
        }
        if flags & 0x4 != 0 {
            let mut n = [0u8; 4];
            for b in &mut n {
                match byte(&mut p, &mut off) {
                    Some(x) => *b = x,
                    None => return lengths,
                }
            }
            skip += u64::from(u32::from_le_bytes(n));
        }
        // The characters, one or two bytes each.
        let mut left = cch;
        let mut wide = flags & 1 == 1;
        while left > 0 {
            let Some(part) = parts.get(p) else {
                return lengths;
            };
            let per = if wide { 2 } else { 1 };
            let take = left.min((part.len().saturating_sub(off) / per) as u64);
            off += take as usize * per;
            left -= take;
            if left > 0 {
                p += 1;
                match parts.get(p).and_then(|d| d.first()) {
                    Some(&f) => {
                        wide = f & 1 == 1;
                        off = 1;
                    }
                    None => return lengths,
                }
            }
        }
        for _ in 0..skip {
            if byte(&mut p, &mut off).is_none() {
                return lengths;
            }
        }
        lengths.push(cch);
    }
    lengths
}

/// `(type, data)` of each BIFF record, to the end of `stream`.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let head = stream.get(pos..pos + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// A BoundSheet8 name: a ShortXLUnicodeString (length, flags, characters).
fn sheet_name(data: &[u8]) -> String {
    let (Some(&len), Some(&flags)) = (data.first(), data.get(1)) else {
        return String::new();
    };
    let chars = data.get(2..).unwrap_or(&[]);
    if flags & 1 == 1 {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(usize::from(len))
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars
            .iter()
            .take(usize::from(len))
            .map(|&b| char::from(b))
            .collect()
    }
}

/// The bytes of the first stream named one of `names` in an OLE compound
/// file ([MS-CFB]), or `None` when the container cannot be read. Every
/// sector chain is followed at most once per sector, so a looping chain
/// ends.
fn cfb_stream(bytes: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    const END: u32 = 0xFFFF_FFFE;
    let u16_at = |o: usize| Some(u16::from_le_bytes(bytes.get(o..o + 2)?.try_into().ok()?));
    let u32_at = |o: usize| Some(u32::from_le_bytes(bytes.get(o..o + 4)?.try_into().ok()?));
    if bytes.get(..8)? != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        return None;
    }
    let shift = u32::from(u16_at(0x1E)?);
    if shift != 9 && shift != 12 {
        return None;
    }
    let size = 1usize << shift;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let max_sectors = bytes.len() / size + 1;
    // The FAT's own sectors: 109 in the header, the rest in DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(0x4C + 4 * i))
        .filter(|&s| s < END - 3)
        .collect();
    let mut difat = u32_at(0x44)?;
    let mut guard = 0;
    while difat < END - 3 && guard < max_sectors {
        let s = sector(difat)?;
        let n = size / 4 - 1;
        fat_sectors.extend(
            (0..n)
                .map(|i| u32::from_le_bytes([s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3]]))
                .filter(|&x| x < END - 3),
        );
        difat = u32::from_le_bytes(s[size - 4..].try_into().ok()?);
        guard += 1;
    }
    let mut fat: Vec<u32> = Vec::new();
    for &f in fat_sectors.iter().take(max_sectors) {
        let s = sector(f)?;
        fat.extend(
            s.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
        );
    }
    let chain = |start: u32, table: &[u32]| -> Vec<u32> {
        let mut out = Vec::new();
        let mut id = start;
        while (id as usize) < table.len() && out.len() < table.len() {
            out.push(id);
            id = table[id as usize];
        }
        out
    };
    let read = |ids: &[u32]| -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(ids.len() * size);
        for &id in ids {
            out.extend_from_slice(sector(id)?);
        }
        Some(out)
    };
    let dir = read(&chain(u32_at(0x30)?, &fat))?;
    let entry = |i: usize| dir.get(i * 128..(i + 1) * 128);
    let root = entry(0)?;
    let start_of = |e: &[u8]| -> (u32, u64) {
        (
            u32::from_le_bytes([e[0x74], e[0x75], e[0x76], e[0x77]]),
            u64::from(u32::from_le_bytes([e[0x78], e[0x79], e[0x7A], e[0x7B]])),
        )
    };
    let found = (0..dir.len() / 128).filter_map(entry).find(|e| {
        let len = usize::from(u16::from_le_bytes([e[0x40], e[0x41]])).min(64);
        let units: Vec<u16> = e[..len]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        e[0x42] == 2 && names.contains(&String::from_utf16_lossy(&units).as_str())
    })?;
    let (start, len) = start_of(found);
    let len = usize::try_from(len).ok()?.min(bytes.len());
    let cutoff = u64::from(u32_at(0x38)?);
    let mut data = if (len as u64) < cutoff {
        // Small streams live in the mini stream, in 64-byte sectors.
        let mini_fat: Vec<u32> = read(&chain(u32_at(0x3C)?, &fat))?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let (root_start, _) = start_of(root);
        let mini = read(&chain(root_start, &fat))?;
        let mut out = Vec::with_capacity(len);
        for id in chain(start, &mini_fat) {
            let at = id as usize * 64;
            out.extend_from_slice(mini.get(at..at + 64)?);
        }
        out
    } else {
        read(&chain(start, &fat))?
    };
    data.truncate(len);
    Some(data)
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    matches!(
        e.name().as_ref(),
        "table:table-cell" | "table:covered-table-cell"
    )
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// A repeat count; absent or unreadable counts once (calamine then fails
/// on what it cannot read, with its own message).
fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

/// Bytes of the values a cell element carries in its attributes (a
/// string value, a formula), which calamine copies per repeat; a number
/// counts one byte so that the cell counts as filled.
fn value_bytes(e: &BytesStart<'_>) -> u64 {
    e.attributes()
        .flatten()
        .map(|a| match a.key.as_ref() {
            "office:string-value" | "office:date-value" | "office:time-value" | "table:formula" => {
                a.value.len() as u64
            }
            "office:value" | "office:boolean-value" => 1,
            _ => 0,
        })
        .sum()
}

/// One `<table:table-row>` as calamine will read it.
struct RowScan {
    repeated: u64,
    /// Columns up to and including the last filled cell, capped as
    /// calamine caps them.
    width: u64,
    /// Columns seen so far, filled or not.
    columns: u64,
    /// Text bytes of one copy of the row.
    text: u64,
}

impl RowScan {
    fn new(repeated: u64) -> Self {
        RowScan {
            repeated: repeated.max(1),
            width: 0,
            columns: 0,
            text: 0,
        }
    }

    fn cell(&mut self, repeated: u64, text: u64, filled: bool) {
        let cap = MAX_COLUMNS as u64;
        let start = self.columns.min(cap);
        self.columns = self.columns.saturating_add(repeated.max(1));
        if filled {
            let end = self.columns.min(cap);
            self.width = self.width.max(end);
            self.text = self
                .text
                .saturating_add(text.saturating_mul(end.saturating_sub(start)));
        }
    }
}

/// One `<table:table>`: the span of its filled rows, as calamine expands it.
struct Sheet {
    name: String,
    /// Rows so far, repeats included (capped as calamine caps them).
    rows: u64,
    first_filled: Option<u64>,
    /// Rows up to and including the last filled one.
    last_filled: u64,
    width: u64,
    text: u64,
    /// Cells calamine keeps before it builds the rectangle: each row
    /// element's filled width, once.
    listed: u64,
}

impl Sheet {
    fn new(name: String) -> Self {
        Sheet {
            name,
            rows: 0,
            first_filled: None,
            last_filled: 0,
            width: 0,
            text: 0,
            listed: 0,
        }
    }

    fn row(&mut self, r: &RowScan, file: &str) -> Result<()> {
        let repeated = r.repeated.min((MAX_ROWS as u64).saturating_sub(self.rows));
        let start = self.rows;
        self.rows += repeated;
        self.listed = self.listed.saturating_add(r.width);
        if r.width > 0 {
            self.first_filled.get_or_insert(start);
            self.last_filled = self.rows;
            self.width = self.width.max(r.width);
            self.text = self.text.saturating_add(r.text.saturating_mul(repeated));
        }
        // Stop as soon as one sheet alone is over, at the row that did it.
        let cells = self.cells();
        if cells > MAX_RANGE_CELLS as u64 || self.text > MAX_TEXT_BYTES {
            let at = SourceLocation::file(file)
                .with_sheet(Some(&self.name))
                .at_row(start as usize + 1);
            Cost::default().add(cells, self.text, &at)?;
        }
        Ok(())
    }

    fn cells(&self) -> u64 {
        let span = self.last_filled - self.first_filled.unwrap_or(self.last_filled);
        span.saturating_mul(self.width).saturating_add(self.listed)
    }

    fn finish(self, file: &str, cost: &mut Cost) -> Result<()> {
        let at = SourceLocation::file(file).with_sheet(Some(&self.name));
        cost.add(self.cells(), self.text, &at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A one-sheet ods whose content.xml holds `rows`.
    pub fn ods(rows: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", opts).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("content.xml", opts).unwrap();
        write!(
            zip,
            "<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"S\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn counts_repeated_rows_of_filled_cells_but_not_trailing_empty_ones() {
        // What LibreOffice writes for a small sheet: empty rows and columns
        // repeated to the edge of the sheet, never built by calamine.
        let honest = ods(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>UE1</text:p></table:table-cell>\
             <table:table-cell table:number-columns-repeated=\"16383\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
        );
        check_ods(&honest, "f.ods").unwrap();
        let bomb = ods(
            "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        );
        let e = check_ods(&bomb, "f.ods").unwrap_err().to_string();
        assert!(
            e.starts_with("f.ods [S] row 1: the workbook spans more than"),
            "{e}"
        );
    }

    #[test]
    fn counts_the_cells_and_text_of_each_xls_sheet() {
        let bytes = include_bytes!("../../tests/fixtures/import/maquette.xls");
        let sheets = xls_sheets(bytes).expect("a readable container");
        let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(&bytes[..])).unwrap();
        use calamine::Reader;
        for sheet in &sheets {
            let range = workbook.worksheet_range(&sheet.name).unwrap();
            let (h, w) = range.get_size();
            assert_eq!(sheet.spanned, (h * w) as u64, "{}", sheet.name);
            let chars: usize = range
                .used_cells()
                .filter_map(|(_, _, d)| match d {
                    calamine::Data::String(s) => Some(s.chars().count()),
                    _ => None,
                })
                .sum();
            assert_eq!(sheet.text, chars as u64, "{}", sheet.name);
        }
        assert!(sheets.iter().any(|s| s.text > 0));
    }

    #[test]
    fn reads_shared_string_lengths_across_continue_records() {
        // "abc" in 8-bit characters; then a 4-character UTF-16 string whose
        // last two characters run into a Continue record with its own flags
        // byte (here 8-bit); then a rich string with one format run.
        let sst: &[u8] = &[
            2, 0, 0, 0, 3, 0, 0, 0, // cstTotal, cstUnique
            3, 0, 0, b'a', b'b', b'c', // "abc"
            4, 0, 1, b'w', 0, b'x', 0, // 4 wide characters, 2 here
        ];
        let cont: &[u8] = &[0, b'y', b'z', 1, 0, 8, 1, 0, b'q', 0, 0, 0, 0];
        assert_eq!(sst_lengths(&[sst, cont]), [3, 4, 1]);
        assert!(sst_lengths(&[&[0; 8]]).is_empty());
    }

    #[test]
    fn counts_spaces_a_cell_declares_as_text() {
        let bomb = ods(
            "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"1000000\"/></text:p></table:table-cell></table:table-row>",
        );
        let e = check_ods(&bomb, "f.ods").unwrap_err().to_string();
        assert!(
            e.contains("of text once repeated cells and spaces are expanded"),
            "{e}"
        );
    }
}
