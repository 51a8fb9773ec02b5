//! Column headers → fields. Headers are compared with [`crate::text::key`],
//! so case, accents, spaces and punctuation never matter.

use super::table::{Cell, Row, Table};
use crate::model::{Finding, FindingCode};
use crate::text::key;

/// The fields of the long format (one row per learning outcome).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Program,
    CourseCode,
    CourseTitle,
    Year,
    Semester,
    Ects,
    Hours,
    CourseRequires,
    OutcomeId,
    Outcome,
    Description,
    Competencies,
    Depth,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Program,
        Field::CourseCode,
        Field::CourseTitle,
        Field::Year,
        Field::Semester,
        Field::Ects,
        Field::Hours,
        Field::CourseRequires,
        Field::OutcomeId,
        Field::Outcome,
        Field::Description,
        Field::Competencies,
        Field::Depth,
    ];

    /// The canonical header, as written in documentation and exports.
    pub fn canonical(self) -> &'static str {
        self.aliases()[0]
    }

    /// Accepted headers, canonical first. English and French.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Program => &[
                "program",
                "programme",
                "program name",
                "programme name",
                "degree",
                "formation",
                "diplôme",
                "cursus",
                "filière",
            ],
            Field::CourseCode => &[
                "course_code",
                "code",
                "course id",
                "module code",
                "unit code",
                "code UE",
                "UE",
                "code module",
                "code cours",
                "code enseignement",
                "code matière",
            ],
            Field::CourseTitle => &[
                "course_title",
                "course",
                "course name",
                "title",
                "module",
                "module title",
                "unit",
                "unit title",
                "intitulé",
                "intitulé UE",
                "intitulé du cours",
                "titre",
                "unité d'enseignement",
                "enseignement",
                "matière",
                "cours",
                "nom de l'UE",
                "libellé",
                "libellé UE",
            ],
            Field::Year => &[
                "year",
                "study year",
                "year of study",
                "academic level",
                "année",
                "année d'études",
                "niveau d'études",
                "année de formation",
                "course level",
            ],
            Field::Semester => &["semester", "term", "semestre", "période"],
            Field::Ects => &["ects", "credits", "credit", "ects credits", "credits ects"],
            Field::Hours => &[
                "hours",
                "contact hours",
                "teaching hours",
                "total hours",
                "heures",
                "volume horaire",
                "nombre d'heures",
                "heures totales",
                "total heures",
                "volume horaire total",
                "VH",
                "durée",
            ],
            Field::CourseRequires => &[
                "course_requires",
                "prerequisites",
                "prerequisite",
                "requires",
                "prérequis",
                "UE prérequises",
            ],
            Field::OutcomeId => &[
                "outcome_id",
                "objective id",
                "LO id",
                "id objectif",
                "code objectif",
                "id acquis",
                "identifiant objectif",
            ],
            Field::Outcome => &[
                "outcome",
                "learning outcome",
                "learning outcomes",
                "learning objective",
                "objective",
                "objectif",
                "objectifs",
                "objectif pédagogique",
                "objectifs pédagogiques",
                "acquis d'apprentissage",
                "compétence visée",
                "résultat d'apprentissage",
            ],
            Field::Description => &[
                "description",
                "course description",
                "content",
                "syllabus",
                "summary",
                "descriptif",
                "contenu",
                "contenus",
                "résumé",
                "programme du cours",
            ],
            Field::Competencies => &[
                "competencies",
                "competency",
                "competency ids",
                "mapping",
                "mappings",
                "framework ids",
                "compétences",
                "compétence",
                "compétences IA",
                "référentiel",
            ],
            Field::Depth => &[
                "depth",
                "I/R/M",
                "mastery",
                "level of mastery",
                "mastery level",
                "niveau de maîtrise",
                "maîtrise",
                "profondeur",
                "niveau d'acquisition",
            ],
        }
    }

    /// The field a header names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let k = key(header);
        if k.is_empty() {
            return None;
        }
        Field::ALL
            .into_iter()
            .find(|f| f.aliases().iter().any(|a| key(a) == k))
    }
}

/// Which column holds which field, and the header row it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    /// Index in `Table::rows` of the last header row (data starts below).
    pub header_index: usize,
    /// 0-based column of each field found.
    pub columns: Vec<(Field, usize)>,
    /// Header text per column (for locations in messages); with a two-row
    /// header, the sub-header where there is one.
    pub headers: Vec<String>,
    /// Matrix layout: columns naming a competency (filled by
    /// [`super::matrix::resolve`]).
    pub matrix: Vec<super::matrix::MatrixColumn>,
    /// How numbers in matrix columns are read.
    pub matrix_numbers: super::matrix::NumberScale,
}

impl ColumnMap {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|&(_, c)| c)
    }

    pub fn has(&self, field: Field) -> bool {
        self.column(field).is_some()
    }

    pub fn header(&self, column: usize) -> Option<&str> {
        self.headers.get(column).map(String::as_str)
    }

    /// Whether a column is read as a field.
    pub fn is_field(&self, column: usize) -> bool {
        self.columns.iter().any(|&(_, c)| c == column)
    }
}

/// How far down a sheet the header row is looked for (title rows above it
/// are common in faculty spreadsheets).
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Generic headers that name the course title only when no other column
/// does: in a file with both `title` and `course_title` (an export of
/// objectives), `title` is the outcome.
const WEAK_COURSE_TITLES: &[&str] = &["title", "titre", "libellé"];

/// Finds the header row: the first row, among the first
/// [`HEADER_SEARCH_ROWS`], naming a course or outcome column. A second
/// header row below it (sub-headers under a merged header cell, such as
/// CM / TD / Total under "Volume horaire") is recognised and read too.
///
/// Two columns meaning the same field: the first is read and the other gets
/// a `duplicate-column` warning — except that a generic `title` column
/// gives way to an explicit course-title column wherever it stands, and is
/// then read as the outcome if the table has no outcome column.
pub fn detect(table: &Table, problems: &mut Vec<Finding>) -> Option<ColumnMap> {
    let (mut header_index, row) = table
        .rows
        .iter()
        .enumerate()
        .take(HEADER_SEARCH_ROWS)
        .find(|(_, row)| names_course_or_outcome(row))?;
    let mut header_row = row;
    let mut headers: Vec<String> = row
        .cells
        .iter()
        .map(|c| crate::text::squish(&c.text()))
        .collect();
    if let Some(next) = table.rows.get(header_index + 1)
        && is_sub_header(&headers, next)
    {
        headers = combine_headers(&headers, next);
        header_index += 1;
        header_row = next;
    }
    let fields: Vec<Option<Field>> = headers.iter().map(|h| Field::from_header(h)).collect();
    let weak = |i: usize| {
        fields[i] == Some(Field::CourseTitle)
            && WEAK_COURSE_TITLES
                .iter()
                .any(|w| key(w) == key(&headers[i]))
    };
    let has_strong_title =
        (0..headers.len()).any(|i| fields[i] == Some(Field::CourseTitle) && !weak(i));
    let has_outcome = fields.contains(&Some(Field::Outcome));
    // Strong columns first, so that a generic header never wins over an
    // explicit one; then in sheet order.
    let mut order: Vec<usize> = (0..headers.len()).collect();
    order.sort_by_key(|&i| (weak(i), i));
    let mut columns: Vec<(Field, usize)> = Vec::new();
    for i in order {
        let Some(mut field) = fields[i] else {
            continue;
        };
        if weak(i) && has_strong_title {
            if has_outcome {
                continue;
            }
            field = Field::Outcome;
        }
        if let Some(&(_, first)) = columns.iter().find(|(f, _)| *f == field) {
            let h = &headers[i];
            problems.push(
                Finding::new(
                    FindingCode::DuplicateColumn,
                    format!(
                        "column \"{h}\" means the same as column \"{}\" ({}); only the first is read",
                        headers[first],
                        field.canonical()
                    ),
                )
                .at(table.row_location(header_row.number).at_column(i + 1, Some(h))),
            );
            continue;
        }
        columns.push((field, i));
    }
    columns.sort_by_key(|&(_, c)| c);
    Some(ColumnMap {
        header_index,
        columns,
        headers,
        matrix: Vec::new(),
        matrix_numbers: super::matrix::NumberScale::Depth,
    })
}

fn names_course_or_outcome(row: &Row) -> bool {
    row.cells.iter().any(|c| {
        matches!(
            Field::from_header(&c.text()),
            Some(Field::CourseCode | Field::CourseTitle | Field::Outcome)
        )
    })
}

/// The column whose header cell spans column `i` in a header row: `i`
/// itself when its cell is not empty, else the nearest non-empty cell to
/// its left (a header merged across columns keeps its text in the first).
fn parent(upper: &[String], i: usize) -> Option<usize> {
    (0..=i.min(upper.len().saturating_sub(1)))
        .rev()
        .find(|&j| !upper[j].is_empty())
}

/// A header cell followed by empty header cells spans them (merged).
fn in_span(upper: &[String], i: usize) -> bool {
    let own = upper.get(i).is_some_and(|h| !h.is_empty());
    if own {
        upper.get(i + 1).is_some_and(String::is_empty)
    } else {
        parent(upper, i).is_some()
    }
}

/// Whether the row below the header holds sub-headers: text cells under
/// header cells that span several columns (at least one of them under an
/// empty header cell), and elsewhere nothing but repeats of the header
/// above (a header cell merged down over both rows).
fn is_sub_header(upper: &[String], lower: &Row) -> bool {
    let mut in_spans = 0;
    let mut covered = 0;
    for (i, cell) in lower.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let Cell::Text(text) = cell else {
            return false;
        };
        let text = crate::text::squish(text);
        let above = upper.get(i).map(String::as_str).unwrap_or("");
        if in_span(upper, i) {
            in_spans += 1;
            if above.is_empty() {
                covered += 1;
            }
        } else if text != above {
            return false;
        }
    }
    in_spans >= 2 && covered >= 1
}

/// Header per column from two header rows: the sub-header when it names a
/// field on its own or is not a field even joined to its parent (so that
/// matrix columns keep their competency ids), the two joined ("Volume
/// horaire Total") when that names a field, the upper header otherwise.
fn combine_headers(upper: &[String], lower: &Row) -> Vec<String> {
    let width = upper.len().max(lower.cells.len());
    (0..width)
        .map(|i| {
            let low = crate::text::squish(&lower.cell(i).text());
            let up = upper.get(i).cloned().unwrap_or_default();
            if low.is_empty() || low == up {
                return up;
            }
            if Field::from_header(&low).is_some() {
                return low;
            }
            let joined = parent(upper, i).map(|p| format!("{} {low}", upper[p]));
            match joined {
                Some(j) if Field::from_header(&j).is_some() => j,
                _ => low,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_french_and_english_aliases_loosely() {
        assert_eq!(Field::from_header("Code UE"), Some(Field::CourseCode));
        assert_eq!(Field::from_header("INTITULE"), Some(Field::CourseTitle));
        assert_eq!(Field::from_header("Année"), Some(Field::Year));
        assert_eq!(Field::from_header("niveau d’études"), Some(Field::Year));
        assert_eq!(Field::from_header("Niveau de maîtrise"), Some(Field::Depth));
        assert_eq!(Field::from_header("course_code"), Some(Field::CourseCode));
        assert_eq!(
            Field::from_header("Objectif pédagogique"),
            Some(Field::Outcome)
        );
        assert_eq!(Field::from_header("Compétence visée"), Some(Field::Outcome));
        assert_eq!(Field::from_header("Compétences"), Some(Field::Competencies));
        assert_eq!(Field::from_header("Crédits ECTS"), Some(Field::Ects));
        assert_eq!(Field::from_header("notes"), None);
        assert_eq!(Field::from_header(""), None);
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            file: "t.csv".into(),
            sheet: None,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    number: i + 1,
                    cells: r
                        .iter()
                        .map(|s| {
                            if s.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text((*s).into())
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn skips_title_rows_above_the_header() {
        let t = table(&[
            &["Maquette 2025-2026"],
            &[],
            &["Code UE", "Intitulé", "Heures"],
            &["UE1", "Intro", "20"],
        ]);
        let map = detect(&t, &mut Vec::new()).unwrap();
        assert_eq!(map.header_index, 2);
        assert_eq!(map.column(Field::Hours), Some(2));
    }

    #[test]
    fn reads_sub_headers_under_a_merged_header_cell() {
        let t = table(&[
            &["Code UE", "Intitulé", "Volume horaire", "", ""],
            &["", "", "CM", "TD", "Total"],
            &["UE1", "Intro", "10", "10", "20"],
        ]);
        let map = detect(&t, &mut Vec::new()).unwrap();
        assert_eq!(map.header_index, 1);
        assert_eq!(map.column(Field::Hours), Some(4));
        assert_eq!(map.header(4), Some("Volume horaire Total"));
        assert_eq!(map.header(2), Some("CM"));
    }

    #[test]
    fn a_first_data_row_is_not_a_sub_header() {
        let t = table(&[
            &["code", "outcome", "", ""],
            &["", "Do things", "", ""],
            &["A", "x", "y", ""],
        ]);
        assert_eq!(detect(&t, &mut Vec::new()).unwrap().header_index, 0);
    }

    #[test]
    fn a_generic_title_gives_way_to_the_course_title_and_becomes_the_outcome() {
        let t = table(&[&[
            "objective_id",
            "title",
            "course_id",
            "course_title",
            "course_level",
        ]]);
        let mut problems = Vec::new();
        let map = detect(&t, &mut problems).unwrap();
        assert_eq!(map.column(Field::Outcome), Some(1));
        assert_eq!(map.column(Field::CourseTitle), Some(3));
        assert_eq!(map.column(Field::CourseCode), Some(2));
        assert_eq!(map.column(Field::OutcomeId), Some(0));
        assert_eq!(map.column(Field::Year), Some(4));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn duplicate_headers_keep_the_first_and_warn_at_the_second() {
        let t = table(&[&["code", "objectif", "heures", "Heures"]]);
        let mut problems = Vec::new();
        let map = detect(&t, &mut problems).unwrap();
        assert_eq!(map.column(Field::Hours), Some(2));
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "warning[duplicate-column]: t.csv row 1, column D \"Heures\": column \"Heures\" means the same as column \"heures\" (hours); only the first is read"
        );
    }

    #[test]
    fn no_alias_is_claimed_by_two_fields() {
        let mut seen = std::collections::BTreeMap::new();
        for f in Field::ALL {
            for a in f.aliases() {
                if let Some(other) = seen.insert(key(a), f) {
                    panic!("alias {a:?} is claimed by {other:?} and {f:?}");
                }
            }
        }
    }
}
