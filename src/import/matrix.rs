//! The matrix layout: rows are courses (or outcomes), and columns beyond the
//! long-format fields name competencies — by id (`L0.FND.1`) or by title
//! (`AI concepts and vocabulary`). Cells say how deeply the row teaches the
//! column: I/R/M, X, 1–3, or a number of hours.
//!
//! The importer knows competencies only as plain data ([`KnownCompetency`]),
//! handed in by the pipeline from the loaded frameworks.

use super::headers::ColumnMap;
use super::table::{Cell, Table};
use super::values::parse_decimal;
use crate::model::{CompetencyId, Depth, Finding, FindingCode};
use crate::text::{fold, key};
use anyhow::{Result, bail};

/// A competency the importer can recognise in a column header.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownCompetency {
    pub id: CompetencyId,
    /// Titles in every language the framework gives.
    pub titles: Vec<String>,
}

/// How a table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Matrix when a column header names a known competency, long otherwise.
    #[default]
    Auto,
    /// One row per outcome; competency-named columns are ignored.
    Long,
    /// Columns naming competencies are required.
    Matrix,
}

/// A column read as a competency.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixColumn {
    pub column: usize,
    pub competency: CompetencyId,
}

/// What numbers in matrix cells mean, decided once per table: depths when
/// every number is 1, 2 or 3, hours otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberScale {
    Depth,
    Hours,
}

/// What one matrix cell says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// Blank, `-`, `0`, `non`: not taught.
    None,
    /// Taught; the depth when the cell gives one (`X` and hours do not).
    Taught(Option<Depth>),
}

/// The competency a header names: its id (optionally followed by a title,
/// `L0.FND.1 – AI concepts`) or one of its titles.
pub fn match_header<'a>(header: &str, known: &'a [KnownCompetency]) -> Option<&'a KnownCompetency> {
    let h = header.trim();
    if h.is_empty() {
        return None;
    }
    let hk = key(h);
    known
        .iter()
        .find(|k| {
            let id = k.id.as_str();
            h.eq_ignore_ascii_case(id)
                || (h.len() > id.len()
                    && h.is_char_boundary(id.len())
                    && h[..id.len()].eq_ignore_ascii_case(id)
                    && h[id.len()..].starts_with(|c: char| {
                        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '(')
                    }))
        })
        .or_else(|| known.iter().find(|k| k.titles.iter().any(|t| key(t) == hk)))
}

/// Finds the competency columns of a table. In [`Layout::Auto`] a table is
/// a matrix as soon as one header names a known competency; then, and in
/// [`Layout::Matrix`], any other column holding only depth marks is
/// reported as an unknown competency (an `unknown-competency` error at its
/// header) and not read. Free-text columns (notes, teachers) are ignored.
pub fn resolve(
    table: &Table,
    columns: &mut ColumnMap,
    known: &[KnownCompetency],
    layout: Layout,
    problems: &mut Vec<Finding>,
) -> Result<()> {
    if layout == Layout::Long {
        return Ok(());
    }
    let header_row = table
        .rows
        .get(columns.header_index)
        .map(|r| r.number)
        .unwrap_or(1);
    let body = &table.rows[(columns.header_index + 1).min(table.rows.len())..];
    let mut resolved = Vec::new();
    let mut unknown = Vec::new();
    for (i, header) in columns.headers.iter().enumerate() {
        if columns.is_field(i) || header.trim().is_empty() {
            continue;
        }
        if let Some(k) = match_header(header, known) {
            if let Some(first) = resolved
                .iter()
                .find(|m: &&MatrixColumn| m.competency == k.id)
            {
                problems.push(
                    Finding::new(
                        FindingCode::DuplicateColumn,
                        format!(
                            "column \"{header}\" names competency {} like column \"{}\"; only the first is read",
                            k.id, columns.headers[first.column]
                        ),
                    )
                    .at(table.row_location(header_row).at_column(i + 1, Some(header))),
                );
                continue;
            }
            resolved.push(MatrixColumn {
                column: i,
                competency: k.id.clone(),
            });
        } else if holds_only_marks(body.iter().map(|r| r.cell(i))) {
            unknown.push(i);
        }
    }
    if resolved.is_empty() {
        if layout == Layout::Matrix {
            let mut message = format!(
                "{}: --layout matrix, but no column header names a competency of the loaded frameworks",
                table.name()
            );
            if let Some(&i) = unknown.first() {
                message.push_str(&format!(
                    "; column {} \"{}\" holds depth marks but is not a competency id or title",
                    crate::model::column_letter(i + 1),
                    columns.headers[i]
                ));
            }
            message.push_str(
                " (use ids such as L0.FND.1, or the titles `aimap frameworks show` prints)",
            );
            bail!(message);
        }
        return Ok(());
    }
    for i in unknown {
        let header = &columns.headers[i];
        problems.push(
            Finding::new(
                FindingCode::UnknownCompetency,
                format!(
                    "column \"{header}\" holds depth marks but names no competency of the loaded frameworks; its marks are not read (use a competency id such as L0.FND.1, or its title)"
                ),
            )
            .at(table.row_location(header_row).at_column(i + 1, Some(header))),
        );
    }
    let numbers_are_depths = resolved.iter().all(|m| {
        body.iter().all(|r| match number(r.cell(m.column)) {
            Some(n) => n == 0.0 || n == 1.0 || n == 2.0 || n == 3.0,
            None => true,
        })
    });
    columns.matrix_numbers = if numbers_are_depths {
        NumberScale::Depth
    } else {
        NumberScale::Hours
    };
    columns.matrix = resolved;
    Ok(())
}

fn holds_only_marks<'a>(cells: impl Iterator<Item = &'a Cell>) -> bool {
    let mut any = false;
    for c in cells {
        match read_mark(c, NumberScale::Hours) {
            Ok(Mark::Taught(_)) => any = true,
            Ok(Mark::None) => {}
            Err(_) => return false,
        }
    }
    any
}

fn number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(s) => parse_decimal(s),
        _ => None,
    }
}

const NOT_TAUGHT: &[&str] = &["-", "–", "—", "0", "non", "no", "n", "none", "aucun"];
const TAUGHT: &[&str] = &["x", "✓", "✔", "•", "*", "+", "oui", "yes", "y", "o"];

/// Reads one matrix cell. Several depths in one cell (`I/R`, `I, R`) give
/// the deepest.
pub fn read_mark(cell: &Cell, scale: NumberScale) -> Result<Mark, String> {
    if cell.is_empty() {
        return Ok(Mark::None);
    }
    let text = cell.text();
    let folded = fold(text.trim());
    if NOT_TAUGHT.contains(&folded.as_str()) {
        return Ok(Mark::None);
    }
    if TAUGHT.contains(&folded.as_str()) {
        return Ok(Mark::Taught(None));
    }
    if let Some(n) = number(cell) {
        return match scale {
            _ if !n.is_finite() || n < 0.0 => Err(format!(
                "expected a depth mark (I, R, M, X, 1-3) or a number of hours of zero or more, found \"{text}\""
            )),
            _ if n == 0.0 => Ok(Mark::None),
            NumberScale::Hours => Ok(Mark::Taught(None)),
            NumberScale::Depth => text
                .parse::<Depth>()
                .map(|d| Mark::Taught(Some(d)))
                .map_err(|()| format!("expected a depth mark (I, R, M, X, 1-3), found \"{text}\"")),
        };
    }
    let parts: Vec<&str> = text
        .split(['/', ',', ';', '+', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let depths: Result<Vec<Depth>, ()> = parts.iter().map(|p| p.parse::<Depth>()).collect();
    match depths {
        Ok(d) if !d.is_empty() => Ok(Mark::Taught(d.into_iter().max())),
        _ => text
            .parse::<Depth>()
            .map(|d| Mark::Taught(Some(d)))
            .map_err(|()| {
                format!(
                    "expected a depth mark (I, R, M, X, 1-3) or a number of hours, found \"{text}\""
                )
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<KnownCompetency> {
        vec![
            KnownCompetency {
                id: CompetencyId::new("L0.FND.1"),
                titles: vec![
                    "AI concepts and vocabulary".into(),
                    "Concepts et vocabulaire de l'IA".into(),
                ],
            },
            KnownCompetency {
                id: CompetencyId::new("L0.FND.10"),
                titles: vec![],
            },
        ]
    }

    #[test]
    fn matches_ids_and_titles_in_headers() {
        let k = known();
        assert_eq!(
            match_header("L0.FND.1", &k).unwrap().id.as_str(),
            "L0.FND.1"
        );
        assert_eq!(
            match_header("l0.fnd.1 – AI concepts", &k)
                .unwrap()
                .id
                .as_str(),
            "L0.FND.1"
        );
        assert_eq!(
            match_header("L0.FND.10", &k).unwrap().id.as_str(),
            "L0.FND.10"
        );
        assert_eq!(
            match_header("concepts et vocabulaire de l’IA", &k)
                .unwrap()
                .id
                .as_str(),
            "L0.FND.1"
        );
        assert!(match_header("L0.FND.2", &k).is_none());
        assert!(match_header("Notes", &k).is_none());
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_marks_depths_and_hours() {
        use Mark::*;
        let d = NumberScale::Depth;
        assert_eq!(read_mark(&t("I"), d), Ok(Taught(Some(Depth::Introduced))));
        assert_eq!(read_mark(&t("x"), d), Ok(Taught(Option::None)));
        assert_eq!(read_mark(&t("I/R"), d), Ok(Taught(Some(Depth::Reinforced))));
        assert_eq!(
            read_mark(&Cell::Number(3.0), d),
            Ok(Taught(Some(Depth::Mastered)))
        );
        assert_eq!(read_mark(&t("-"), d), Ok(None));
        assert_eq!(read_mark(&Cell::Empty, d), Ok(None));
        assert_eq!(
            read_mark(&t("12,5"), NumberScale::Hours),
            Ok(Taught(Option::None))
        );
        assert_eq!(read_mark(&Cell::Number(0.0), NumberScale::Hours), Ok(None));
        assert!(read_mark(&t("-4"), NumberScale::Hours).is_err());
        assert_eq!(
            read_mark(&t("Z"), d),
            Err("expected a depth mark (I, R, M, X, 1-3) or a number of hours, found \"Z\"".into())
        );
    }
}
