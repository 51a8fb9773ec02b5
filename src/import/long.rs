//! The long layout: one row per learning outcome, course fields repeated on
//! each row (or left blank under the first row of the course, as when cells
//! are merged). Rows → [`Record`]s, with a located finding for every cell
//! that cannot be read; the rest of the row is still used.

use super::headers::{ColumnMap, Field};
use super::table::{Cell, Row, Table};
use super::values;
use crate::model::{DEPTH_SPELLINGS, Depth, Finding, FindingCode, SourceLocation};

/// One row of the long layout, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub program: Option<String>,
    pub course_code: Option<String>,
    pub course_title: Option<String>,
    pub year: Option<u8>,
    pub semester: Option<u8>,
    pub ects: Option<f64>,
    pub hours: Option<f64>,
    pub requires: Vec<String>,
    pub outcome_id: Option<String>,
    pub outcome: Option<String>,
    pub description: Option<String>,
    /// Competency ids as written, each with the depth written beside it.
    pub competencies: Vec<(String, Option<Depth>)>,
    pub depth: Option<Depth>,
    pub location: SourceLocation,
    /// Where the competencies were written, for findings about them.
    pub competencies_location: Option<SourceLocation>,
}

struct Reader<'a> {
    table: &'a Table,
    columns: &'a ColumnMap,
    problems: &'a mut Vec<Finding>,
}

impl Reader<'_> {
    fn location(&self, row: &Row, column: usize) -> SourceLocation {
        self.table
            .row_location(row.number)
            .at_column(column + 1, self.columns.header(column))
    }

    fn cell<'r>(&self, row: &'r Row, field: Field) -> Option<(&'r Cell, usize)> {
        let column = self.columns.column(field)?;
        let cell = row.cell(column);
        (!cell.is_empty()).then_some((cell, column))
    }

    fn text(&self, row: &Row, field: Field) -> Option<String> {
        self.cell(row, field)
            .map(|(c, _)| crate::text::squish(&c.text()))
    }

    fn parse<T>(
        &mut self,
        row: &Row,
        field: Field,
        parse: impl FnOnce(&Cell) -> Result<T, String>,
    ) -> Option<T> {
        let (cell, column) = self.cell(row, field)?;
        match parse(cell) {
            Ok(v) => Some(v),
            Err(message) => {
                let loc = self.location(row, column);
                self.problems
                    .push(Finding::new(FindingCode::InvalidValue, message).at(loc));
                None
            }
        }
    }
}

/// Reads the rows below the header. Blank rows are skipped.
pub fn read(table: &Table, columns: &ColumnMap, problems: &mut Vec<Finding>) -> Vec<Record> {
    let mut reader = Reader {
        table,
        columns,
        problems,
    };
    let mut records = Vec::new();
    for row in table.rows.iter().skip(columns.header_index + 1) {
        if row.is_blank() {
            continue;
        }
        records.push(read_row(&mut reader, row));
    }
    records
}

fn read_row(r: &mut Reader<'_>, row: &Row) -> Record {
    let depth = r.parse(row, Field::Depth, |c| parse_depth(&c.text()));
    let competencies = r
        .parse(row, Field::Competencies, |c| parse_competencies(&c.text()))
        .unwrap_or_default();
    let competencies_location = r
        .columns
        .column(Field::Competencies)
        .map(|c| r.location(row, c));
    Record {
        program: r.text(row, Field::Program),
        course_code: r.text(row, Field::CourseCode),
        course_title: r.text(row, Field::CourseTitle),
        year: r.parse(row, Field::Year, |c| values::ordinal(c, 10, "year")),
        semester: r.parse(row, Field::Semester, |c| values::ordinal(c, 20, "semester")),
        ects: r.parse(row, Field::Ects, values::quantity),
        hours: r.parse(row, Field::Hours, values::quantity),
        requires: r
            .text(row, Field::CourseRequires)
            .map(|s| values::list(&s))
            .unwrap_or_default(),
        outcome_id: r.text(row, Field::OutcomeId),
        outcome: r.text(row, Field::Outcome),
        description: r.text(row, Field::Description),
        competencies,
        depth,
        location: r.table.row_location(row.number),
        competencies_location,
    }
}

fn parse_depth(s: &str) -> Result<Depth, String> {
    s.parse()
        .map_err(|()| format!("expected a depth {DEPTH_SPELLINGS}, found \"{s}\""))
}

/// `L0.FND.1; L1.PRG.1:R` → ids, each with an optional `:depth` suffix.
fn parse_competencies(s: &str) -> Result<Vec<(String, Option<Depth>)>, String> {
    values::list(s)
        .into_iter()
        .map(|item| match item.rsplit_once(':') {
            Some((id, depth)) if !id.trim().is_empty() => {
                let depth = parse_depth(depth.trim()).map_err(|e| {
                    format!("in \"{item}\", the part after `:` must be a depth: {e}")
                })?;
                Ok((id.trim().to_owned(), Some(depth)))
            }
            _ => Ok((item, None)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_with_optional_depths() {
        assert_eq!(
            parse_competencies("L0.FND.1; L1.PRG.1:R | L2.ML.1 : m"),
            Ok(vec![
                ("L0.FND.1".to_owned(), None),
                ("L1.PRG.1".to_owned(), Some(Depth::Reinforced)),
                ("L2.ML.1".to_owned(), Some(Depth::Mastered)),
            ])
        );
        assert!(parse_competencies("L1.PRG.1:Z").is_err());
    }
}
