//! The long layout: one row per learning outcome, course fields repeated on
//! each row (or left blank under the first row of the course, as when cells
//! are merged). Rows → [`Record`]s, with a located finding for every cell
//! that cannot be read; the rest of the row is still used.

use super::headers::{ColumnMap, Field};
use super::matrix::{self, Mark};
use super::table::{Cell, Row, Table};
use super::values::{self, Period};
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
    /// Competencies from matrix columns or XML, each with its own location.
    pub located_competencies: Vec<(String, Option<Depth>, SourceLocation)>,
}

struct Reader<'a> {
    table: &'a Table,
    columns: &'a ColumnMap,
    problems: &'a mut Vec<Finding>,
    /// Cells whose HTML markup was removed, and the first of them.
    html_cells: usize,
    first_html: Option<SourceLocation>,
}

impl Reader<'_> {
    fn location(&self, row: &Row, column: usize) -> SourceLocation {
        self.table
            .row_location(row.number)
            .at_column(column + 1, self.columns.header(column))
    }

    /// The cell of `field`, unless empty; in a numeric column, a
    /// placeholder (`-`, `n/a`, `NC`) is empty too.
    fn cell<'r>(&self, row: &'r Row, field: Field) -> Option<(&'r Cell, usize)> {
        let column = self.columns.column(field)?;
        let cell = row.cell(column);
        let numeric = matches!(
            field,
            Field::Year | Field::Semester | Field::Ects | Field::Hours
        );
        let empty = cell.is_empty() || (numeric && values::is_placeholder(cell));
        (!empty).then_some((cell, column))
    }

    fn text(&mut self, row: &Row, field: Field) -> Option<String> {
        let (cell, column) = self.cell(row, field)?;
        let cleaned = super::clean::clean(&cell.text());
        if cleaned.had_html {
            self.html_cells += 1;
            if self.first_html.is_none() {
                self.first_html = Some(self.location(row, column));
            }
        }
        (!cleaned.text.is_empty()).then_some(cleaned.text)
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

/// Reads the rows below the header. Blank rows, and rows repeating the
/// header (files pasted one under another), are skipped; a row holding
/// only a year or a semester in its first cell ("Semestre 3", "2e année",
/// "DFGSM2" — a section title, often merged across the table) is not a
/// course: it gives its year or semester to the rows below that lack one.
pub fn read(table: &Table, columns: &ColumnMap, problems: &mut Vec<Finding>) -> Vec<Record> {
    let mut reader = Reader {
        table,
        columns,
        problems,
        html_cells: 0,
        first_html: None,
    };
    let mut records = Vec::new();
    let mut section = Section::default();
    let first_column = columns.columns.iter().map(|&(_, c)| c).min().unwrap_or(0);
    let header = table.rows.get(columns.header_index);
    let mut repeated_headers = Vec::new();
    for row in table.rows.iter().skip(columns.header_index + 1) {
        if row.is_blank() {
            continue;
        }
        if header.is_some_and(|h| same_cells(h, row)) {
            repeated_headers.push(row.number);
            continue;
        }
        if let Some(s) = section_row(row, first_column) {
            section = s;
            continue;
        }
        let width = columns.headers.len();
        if let Some(extra) = row.cells.iter().skip(width).position(|c| !c.is_empty()) {
            let column = width + extra + 1;
            reader.problems.push(
                Finding::new(
                    FindingCode::RaggedRow,
                    format!(
                        "the row has a cell in column {} but the header row stops at column {}; cells beyond it are not read (a missing header, or a misplaced delimiter?)",
                        crate::model::column_letter(column),
                        crate::model::column_letter(width.max(1))
                    ),
                )
                .at(table.row_location(row.number).at_column(column, None)),
            );
        }
        let mut record = read_row(&mut reader, row);
        if record.year.is_none() && !reader.has_value(row, Field::Year) {
            record.year = section.year;
        }
        if record.semester.is_none() && !reader.has_value(row, Field::Semester) {
            record.semester = section.semester;
        }
        records.push(record);
    }
    if let Some((&first, others)) = repeated_headers.split_first() {
        const LISTED: usize = 5;
        let mut listed = others
            .iter()
            .take(LISTED)
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        if others.len() > LISTED {
            listed.push_str(&format!(" and {} more", others.len() - LISTED));
        }
        let more = match others {
            [] => String::new(),
            [row] => format!(" (so does row {row})"),
            _ => format!(" (so do rows {listed})"),
        };
        reader.problems.push(
            Finding::new(
                FindingCode::RepeatedHeader,
                format!("the row repeats the header row{more}; skipped, not read as a course"),
            )
            .at(table.row_location(first)),
        );
    }
    if let Some(first) = reader.first_html.take() {
        let n = reader.html_cells;
        let what = if n == 1 {
            "1 cell".to_owned()
        } else {
            format!("{n} cells")
        };
        reader.problems.push(
            Finding::new(
                FindingCode::HtmlRemoved,
                format!("HTML markup (tags, entities) was removed from {what}, the first here; the text is read without it"),
            )
            .at(first),
        );
    }
    records
}

/// Whether two rows hold the same text in every column, compared as
/// headers are (case, accents, spaces and punctuation ignored).
fn same_cells(a: &Row, b: &Row) -> bool {
    let width = a.cells.len().max(b.cells.len());
    (0..width).all(|i| crate::text::key(&a.cell(i).text()) == crate::text::key(&b.cell(i).text()))
}

/// The year or semester a section row sets.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Section {
    year: Option<u8>,
    semester: Option<u8>,
}

/// A row whose only non-empty cell is its first one, holding text that reads
/// as a semester ("Semestre 3", "S3") or a year ("2e année", "Year 2",
/// "DFGSM2").
fn section_row(row: &Row, first_column: usize) -> Option<Section> {
    let mut filled = row.cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let (column, cell) = filled.next()?;
    if filled.next().is_some() || column > first_column {
        return None;
    }
    let Cell::Text(text) = cell else {
        return None;
    };
    let folded = crate::text::fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_semester = values::names_semester(text);
    let is_year_word = words.iter().any(|w| {
        matches!(*w, "annee" | "year" | "yr" | "niveau" | "level")
            || (w.len() > 1
                && w.chars().any(|c| c.is_ascii_digit())
                && w.chars().any(|c| c.is_alphabetic()))
    });
    if !is_semester && !is_year_word {
        return None;
    }
    let cell = Cell::Text(text.clone());
    if is_semester {
        // The year is left to the semester: `assemble` derives it per course.
        let semester = values::ordinal(&cell, 20, "semester").ok()?;
        Some(Section {
            year: None,
            semester: Some(semester),
        })
    } else {
        let year = values::ordinal(&cell, 10, "year").ok()?;
        Some(Section {
            year: Some(year),
            semester: None,
        })
    }
}

impl Reader<'_> {
    fn has_value(&self, row: &Row, field: Field) -> bool {
        self.cell(row, field).is_some()
    }
}

fn read_row(r: &mut Reader<'_>, row: &Row) -> Record {
    let depth = r.parse(row, Field::Depth, |c| parse_depth(&c.text()));
    let competencies = r
        .parse(row, Field::Competencies, |c| parse_competencies(&c.text()))
        .unwrap_or_default();
    // Built only when there is something to locate: a location holds
    // three strings, and a 30,000-row sheet would build them all for nothing.
    let competencies_location = if competencies.is_empty() {
        None
    } else {
        r.columns
            .column(Field::Competencies)
            .map(|c| r.location(row, c))
    };
    let mut located_competencies = Vec::new();
    for m in &r.columns.matrix {
        let cell = row.cell(m.column);
        match matrix::read_mark(cell, r.columns.matrix_numbers) {
            Ok(Mark::None) => {}
            Ok(Mark::Taught(d)) => {
                located_competencies.push((m.competency.to_string(), d, r.location(row, m.column)))
            }
            Err(message) => {
                let loc = r.location(row, m.column);
                r.problems
                    .push(Finding::new(FindingCode::InvalidValue, message).at(loc));
            }
        }
    }
    let program = r.text(row, Field::Program);
    let course_code = r.text(row, Field::CourseCode);
    let course_title = r.text(row, Field::CourseTitle);
    let outcome_id = r.text(row, Field::OutcomeId);
    let outcome = r.text(row, Field::Outcome);
    let description = r.text(row, Field::Description);
    let requires = r
        .text(row, Field::CourseRequires)
        .map(|s| values::list(&s))
        .unwrap_or_default();
    let semester = r.parse(row, Field::Semester, |c| values::ordinal(c, 20, "semester"));
    let (year, semester) = match r.parse(row, Field::Year, values::year) {
        Some(Period::Year(y)) => (Some(y), semester),
        Some(Period::Semester(s)) => match semester {
            Some(given) if given != s => {
                if let Some((cell, column)) = r.cell(row, Field::Year) {
                    let message = format!(
                        "\"{}\" is semester {s}, but the semester column says {given}; semester {given} is kept",
                        cell.text()
                    );
                    let loc = r.location(row, column);
                    r.problems
                        .push(Finding::new(FindingCode::InvalidValue, message).at(loc));
                }
                (None, semester)
            }
            _ => (None, Some(s)),
        },
        None => (None, semester),
    };
    Record {
        program,
        course_code,
        course_title,
        year,
        semester,
        ects: r.parse(row, Field::Ects, values::quantity),
        hours: r.parse(row, Field::Hours, values::hours),
        requires,
        outcome_id,
        outcome,
        description,
        competencies,
        depth,
        location: r.table.row_location(row.number),
        competencies_location,
        located_competencies,
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

    fn row(cells: &[&str]) -> Row {
        Row {
            number: 1,
            cells: cells
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text((*s).into())
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn recognises_section_rows_naming_a_year_or_semester() {
        assert_eq!(
            section_row(&row(&["Semestre 3"]), 0),
            Some(Section {
                year: None,
                semester: Some(3)
            })
        );
        assert_eq!(
            section_row(&row(&["DFGSM2"]), 0),
            Some(Section {
                year: Some(2),
                semester: None
            })
        );
        assert_eq!(
            section_row(&row(&["2e année", ""]), 0),
            Some(Section {
                year: Some(2),
                semester: None
            })
        );
        // A course row with only a code, and a row with two cells, are not sections.
        assert_eq!(section_row(&row(&["UE 2.1"]), 0), None);
        assert_eq!(section_row(&row(&["S3", "Intro"]), 0), None);
        assert_eq!(section_row(&row(&["Physiologie"]), 0), None);
    }

    #[test]
    fn skips_rows_repeating_the_header_with_one_warning() {
        let mut text = String::from("code;objectif\nUE1;Expliquer\n");
        for _ in 0..7 {
            text.push_str("Code ;OBJECTIF\nUE2;Décrire\n");
        }
        let c = crate::import::load_bytes(
            "f.csv",
            text.as_bytes(),
            &crate::import::ImportOptions::default(),
        )
        .unwrap();
        let codes: Vec<&str> = c.programs[0]
            .courses
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(codes, ["UE1", "UE2"]);
        let warnings: Vec<String> = c
            .problems
            .iter()
            .filter(|f| f.code == FindingCode::RepeatedHeader)
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            warnings,
            [
                "warning[repeated-header]: f.csv row 3: the row repeats the header row (so do rows 5, 7, 9, 11, 13 and 1 more); skipped, not read as a course"
            ]
        );
    }

    #[test]
    fn a_row_differing_from_the_header_in_one_cell_is_data() {
        assert!(same_cells(
            &row(&["Code UE", "Objectif"]),
            &row(&["code_ue", "objectif", ""])
        ));
        assert!(!same_cells(
            &row(&["Code UE", "Objectif"]),
            &row(&["code UE", "Expliquer"])
        ));
        assert!(!same_cells(
            &row(&["Code UE", "Objectif"]),
            &row(&["code UE"])
        ));
    }

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
