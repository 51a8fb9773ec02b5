use serde::Serialize;
use std::fmt;

/// Where something was read: file, sheet, row, column — all 1-based, the way
/// a spreadsheet shows them. The one place locations are formatted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SourceLocation {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Line in a text file (TOML, XML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The header of the column, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Dotted key in a structured file, e.g. `competencies[3].requires`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl SourceLocation {
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            sheet: None,
            line: None,
            row: None,
            column: None,
            header: None,
            key: None,
        }
    }

    pub fn with_sheet(mut self, sheet: Option<&str>) -> Self {
        self.sheet = sheet.map(str::to_owned);
        self
    }

    /// `row` is 1-based.
    pub fn at_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    /// `column` is 1-based.
    pub fn at_column(mut self, column: usize, header: Option<&str>) -> Self {
        self.column = Some(column);
        self.header = header.map(str::to_owned);
        self
    }

    /// `line` is 1-based.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }
}

/// Spreadsheet column name of a 1-based column number: 1 → A, 27 → AA.
pub fn column_letter(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for SourceLocation {
    /// `curriculum.xlsx [Semestre 3] row 14, column D "ECTS"`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, " [{sheet}]")?;
        }
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        if let Some(key) = &self.key {
            let sep = if self.line.is_some() { "," } else { "" };
            write!(f, "{sep} key `{key}`")?;
        }
        if let Some(row) = self.row {
            write!(f, " row {row}")?;
        }
        if let Some(column) = self.column {
            let sep = if self.row.is_some() { "," } else { "" };
            write!(f, "{sep} column {}", column_letter(column))?;
            if let Some(header) = &self.header {
                write!(f, " \"{header}\"")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_file_sheet_row_and_column() {
        let loc = SourceLocation::file("curriculum.xlsx")
            .with_sheet(Some("Semestre 3"))
            .at_row(14)
            .at_column(4, Some("ECTS"));
        assert_eq!(
            loc.to_string(),
            r#"curriculum.xlsx [Semestre 3] row 14, column D "ECTS""#
        );
    }

    #[test]
    fn names_columns_like_a_spreadsheet() {
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(26), "Z");
        assert_eq!(column_letter(27), "AA");
        assert_eq!(column_letter(702), "ZZ");
        assert_eq!(column_letter(703), "AAA");
    }
}
