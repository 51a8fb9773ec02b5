//! Column headers → fields. Headers are compared with [`crate::text::key`],
//! so case, accents, spaces and punctuation never matter.

use super::table::{Row, Table};
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
    /// Index of the header row in `Table::rows`.
    pub header_index: usize,
    /// 0-based column of each field found.
    pub columns: Vec<(Field, usize)>,
    /// Header text per column (for locations in messages).
    pub headers: Vec<String>,
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
}

/// How far down a sheet the header row is looked for (title rows above it
/// are common in faculty spreadsheets).
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row: the first row, among the first
/// [`HEADER_SEARCH_ROWS`], naming a course or outcome column. Two columns
/// meaning the same field give a warning; the first one is read.
pub fn detect(table: &Table, problems: &mut Vec<Finding>) -> Option<ColumnMap> {
    let (header_index, row) = table
        .rows
        .iter()
        .enumerate()
        .take(HEADER_SEARCH_ROWS)
        .find(|(_, row)| names_course_or_outcome(row))?;
    let headers: Vec<String> = row.cells.iter().map(|c| c.text().into_owned()).collect();
    let mut columns: Vec<(Field, usize)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let Some(field) = Field::from_header(h) else {
            continue;
        };
        if let Some(&(_, first)) = columns.iter().find(|(f, _)| *f == field) {
            problems.push(
                Finding::new(
                    FindingCode::DuplicateColumn,
                    format!(
                        "column \"{h}\" means the same as column \"{}\" ({}); only the first is read",
                        headers[first],
                        field.canonical()
                    ),
                )
                .at(table.row_location(row.number).at_column(i + 1, Some(h))),
            );
            continue;
        }
        columns.push((field, i));
    }
    Some(ColumnMap {
        header_index,
        columns,
        headers,
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
