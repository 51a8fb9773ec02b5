//! The grid every spreadsheet-like input becomes before it is interpreted:
//! cells as the user sees them, each row with its 1-based number in the file.

use crate::model::SourceLocation;
use std::borrow::Cow;

/// A cell value, typed where the source format types it (Excel), text
/// otherwise (CSV).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or time, already formatted (ISO 8601).
    Date(String),
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as the user sees it: `3` rather than `3.0`.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            Cell::Number(n) => Cow::Owned(format_number(*n)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
            Cell::Date(s) | Cell::Error(s) => Cow::Borrowed(s),
        }
    }
}

/// Formats a number without a trailing `.0` and without float noise.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{:.6}", n);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// One sheet (or one CSV file) of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub file: String,
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row (CSV: line where the record starts).
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

impl Table {
    /// Location of a whole row.
    pub fn row_location(&self, row: usize) -> SourceLocation {
        SourceLocation::file(&self.file)
            .with_sheet(self.sheet.as_deref())
            .at_row(row)
    }

    /// Location of a sheet (or of the file, for CSV).
    pub fn location(&self) -> SourceLocation {
        SourceLocation::file(&self.file).with_sheet(self.sheet.as_deref())
    }

    /// "`file`" or "`file` \[sheet\]", for messages.
    pub fn name(&self) -> String {
        match &self.sheet {
            Some(s) => format!("`{}` [{}]", self.file, s),
            None => format!("`{}`", self.file),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_numbers_as_a_spreadsheet_does() {
        assert_eq!(Cell::Number(3.0).text(), "3");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        assert_eq!(Cell::Number(0.1 + 0.2).text(), "0.3");
        assert_eq!(Cell::Text("  x ".into()).text(), "x");
    }
}
