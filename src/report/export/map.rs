//! The curriculum map as one table: a row per mapping rolled onto the
//! primary framework, and a row for each outcome (or outcome-less course)
//! that reaches no primary competency, so the table lists the whole
//! curriculum. Rows in curriculum order, then the table as CSV through the
//! one guarded [`Writer`]. Headers are the caller's words; the depth and
//! origin cells are the stable keys `I`/`R`/`M` and `explicit`/`suggested`.

use super::courses_in_order;
use crate::analysis::ProgramAnalysis;
use crate::framework::FrameworkSet;
use crate::graph::Address;
use crate::model::{Course, CourseCode, Origin, OutcomeId, Program};
use crate::report::csv::{CsvDialect, Writer, cp1252_safe};
use crate::report::words::Words;
use anyhow::{Context, Result};
use std::collections::BTreeMap;

/// One row of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRow {
    pub program: String,
    pub year: Option<u8>,
    pub semester: Option<u8>,
    /// The course code.
    pub course: String,
    pub course_title: String,
    /// Empty for a mapping written on the course itself.
    pub outcome_id: String,
    /// The outcome's text; empty for a course-level row.
    pub outcome: String,
    /// The primary competency; empty when the row reaches none.
    pub competency: String,
    pub level: Option<u8>,
    /// `I`, `R` or `M`; empty when the row reaches no competency.
    pub depth: &'static str,
    /// `explicit` or `suggested`; empty when the row reaches no competency.
    pub origin: &'static str,
    /// The confidence of a suggestion.
    pub score: Option<f32>,
    /// The evidence of a suggestion, pieces joined with ` ; `.
    pub evidence: String,
    /// The crosswalk competency the mapping named, when it was rolled up.
    pub via: Option<String>,
}

/// The header of each column of the map, in the caller's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapHeaders {
    pub program: String,
    pub year: String,
    pub semester: String,
    pub course: String,
    pub course_title: String,
    pub outcome_id: String,
    pub outcome: String,
    pub competency: String,
    pub level: String,
    pub depth: String,
    pub origin: String,
    pub score: String,
    pub evidence: String,
    pub via: String,
}

impl MapHeaders {
    /// The headers in column order.
    pub fn labels(&self) -> [&str; 14] {
        [
            &self.program,
            &self.year,
            &self.semester,
            &self.course,
            &self.course_title,
            &self.outcome_id,
            &self.outcome,
            &self.competency,
            &self.level,
            &self.depth,
            &self.origin,
            &self.score,
            &self.evidence,
            &self.via,
        ]
    }
}

/// A cell of a [`MapRow`], typed so that each format writes it its way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Value<'a> {
    Text(&'a str),
    /// Text aimap wrote (a suggestion's evidence).
    Evidence(&'a str),
    Whole(Option<u8>),
    Score(Option<f32>),
}

impl MapRow {
    /// The cells in the order of [`MapHeaders::labels`].
    pub(super) fn values(&self) -> [Value<'_>; 14] {
        [
            Value::Text(&self.program),
            Value::Whole(self.year),
            Value::Whole(self.semester),
            Value::Text(&self.course),
            Value::Text(&self.course_title),
            Value::Text(&self.outcome_id),
            Value::Text(&self.outcome),
            Value::Text(&self.competency),
            Value::Whole(self.level),
            Value::Text(self.depth),
            Value::Text(self.origin),
            Value::Score(self.score),
            Value::Evidence(&self.evidence),
            Value::Text(self.via.as_deref().unwrap_or("")),
        ]
    }
}

/// Every mapping of the programme, rolled onto the primary framework, and
/// every outcome that reaches none. Courses in curriculum order; in each,
/// the course's own mappings, then its outcomes in their order.
pub fn map_rows(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    w: &Words,
) -> Vec<MapRow> {
    type ByOutcome<'a> = BTreeMap<Option<&'a OutcomeId>, Vec<&'a Address>>;
    let mut by_course: BTreeMap<&CourseCode, ByOutcome<'_>> = BTreeMap::new();
    for a in &analysis.addresses {
        by_course
            .entry(&a.course)
            .or_default()
            .entry(a.outcome.as_ref())
            .or_default()
            .push(a);
    }
    let mut rows = Vec::new();
    for course in courses_in_order(program) {
        let mut mine = by_course.remove(&course.code).unwrap_or_default();
        let before = rows.len();
        let mut push = |outcome_id: &str, outcome: &str, a: Option<&Address>| {
            rows.push(row(frameworks, program, course, outcome_id, outcome, a, w));
        };
        for a in mine.remove(&None).unwrap_or_default() {
            push("", "", Some(a));
        }
        for o in &course.outcomes {
            match mine.remove(&Some(&o.id)) {
                Some(list) => list
                    .into_iter()
                    .for_each(|a| push(o.id.as_str(), &o.text, Some(a))),
                None => push(o.id.as_str(), &o.text, None),
            }
        }
        // Mappings naming an outcome the course does not list: kept, so
        // that no mapping is left out of the map.
        for (id, list) in mine {
            let id = id.map(OutcomeId::as_str).unwrap_or("");
            list.into_iter().for_each(|a| push(id, "", Some(a)));
        }
        if rows.len() == before {
            rows.push(row(frameworks, program, course, "", "", None, w));
        }
    }
    rows
}

fn row(
    frameworks: &FrameworkSet,
    program: &Program,
    course: &Course,
    outcome_id: &str,
    outcome: &str,
    a: Option<&Address>,
    w: &Words,
) -> MapRow {
    let (score, evidence) = match a.map(|a| &a.origin) {
        Some(Origin::Suggested(s)) => (
            Some(s.score),
            s.evidence
                .iter()
                .map(|e| w.evidence(Some(frameworks), e))
                .collect::<Vec<_>>()
                .join(" ; "),
        ),
        _ => (None, String::new()),
    };
    MapRow {
        program: program.name.clone(),
        year: course.year,
        semester: course.semester,
        course: course.code.to_string(),
        course_title: course.title.clone(),
        outcome_id: outcome_id.to_owned(),
        outcome: outcome.to_owned(),
        competency: a.map(|a| a.competency.to_string()).unwrap_or_default(),
        level: a
            .and_then(|a| frameworks.primary.competency(&a.competency))
            .and_then(|c| c.level),
        depth: a.map(|a| a.depth.letter()).unwrap_or(""),
        origin: a.map(|a| a.origin.key()).unwrap_or(""),
        score,
        evidence,
        via: a.and_then(|a| a.via.as_ref()).map(|v| v.to_string()),
    }
}

/// The map as CSV laid out for `dialect`, header row first: scores with
/// the dialect's decimal separator, evidence made [`cp1252_safe`], every
/// cell guarded against formula injection.
pub fn csv(rows: &[MapRow], dialect: &CsvDialect, headers: &MapHeaders) -> Result<Vec<u8>> {
    let mut w = Writer::with_dialect(*dialect);
    w.record(headers.labels())?;
    for r in rows {
        w.record(r.values().map(|v| {
            match v {
                Value::Text(s) => s.to_owned(),
                Value::Evidence(s) => cp1252_safe(s).into_owned(),
                Value::Whole(n) => n.map(|n| n.to_string()).unwrap_or_default(),
                Value::Score(s) => s
                    .map(|s| dialect.number(f64::from(s), 2))
                    .unwrap_or_default(),
            }
        }))?;
    }
    w.into_bytes().context("cannot write the curriculum map")
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, english_headers};
    use super::*;
    use crate::framework::Lang;

    #[test]
    fn lists_every_mapping_and_every_unmapped_outcome_in_curriculum_order() {
        let f = fixture::get();
        let rows = map_rows(&f.frameworks, &f.program, &f.analysis, &f.words);
        let seen: Vec<(&str, &str, &str, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.course.as_str(),
                    r.outcome_id.as_str(),
                    r.competency.as_str(),
                    r.depth,
                    r.origin,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("UE 2", "O1", "A", "I", "explicit"),
                ("UE 2", "O2", "C", "R", "suggested"),
                ("UE 3", "", "A", "R", "explicit"),
                ("UE 11", "O3", "B", "R", "explicit"),
                ("UE 11", "O3", "A", "I", "explicit"),
                ("UE 11", "O4", "B", "R", "explicit"),
                ("UE 11", "O7", "A", "M", "explicit"),
                ("UE 10", "O5", "C", "M", "explicit"),
                ("X1", "O6", "", "", ""),
            ]
        );
        let suggested = &rows[1];
        assert_eq!(suggested.score, Some(0.85));
        assert_eq!(
            suggested.evidence,
            "\"build\" \u{2192} C [rule r1] ; level 2: two distinct level-2 concepts"
        );
        assert_eq!(suggested.outcome, "=1+1");
        assert_eq!(rows[5].via.as_deref(), Some("X.1"));
        assert_eq!(rows[5].level, Some(1));
        assert_eq!(
            (rows[8].year, rows[8].semester, rows[8].level),
            (None, None, None)
        );
        let mapped = rows.iter().filter(|r| !r.competency.is_empty()).count();
        assert_eq!(mapped, f.analysis.addresses.len());
    }

    fn read_back(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(body);
        r.records()
            .map(|rec| {
                rec.unwrap()
                    .iter()
                    .map(|c| crate::text::csv_cell_read(c).to_owned())
                    .collect()
            })
            .collect()
    }

    /// A row as the CSV of `dialect` should hold it.
    fn expected(r: &MapRow, decimal: char) -> Vec<String> {
        let whole = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
        vec![
            r.program.clone(),
            whole(r.year),
            whole(r.semester),
            r.course.clone(),
            r.course_title.clone(),
            r.outcome_id.clone(),
            r.outcome.clone(),
            r.competency.clone(),
            whole(r.level),
            r.depth.to_owned(),
            r.origin.to_owned(),
            r.score
                .map(|s| format!("{s:.2}").replace('.', &decimal.to_string()))
                .unwrap_or_default(),
            r.evidence.replace('\u{2192}', "->"),
            r.via.clone().unwrap_or_default(),
        ]
    }

    #[test]
    fn the_french_csv_has_a_bom_semicolons_and_decimal_commas_and_reads_back_as_the_map() {
        let f = fixture::get();
        let rows = map_rows(&f.frameworks, &f.program, &f.analysis, &f.words);
        let headers = english_headers();
        let bytes = csv(&rows, &CsvDialect::for_lang(Lang::Fr), &headers).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.starts_with("program;year;semester;course;"), "{text}");
        assert!(text.contains(";0,85;"), "{text}");
        assert!(text.contains(";'=1+1;"), "{text}");
        assert!(text.contains(";'@SUM(A1);"), "{text}");
        assert!(!text.contains('\u{2192}'));
        let back = read_back(&bytes, b';');
        assert_eq!(back[0], headers.labels());
        let want: Vec<Vec<String>> = rows.iter().map(|r| expected(r, ',')).collect();
        assert_eq!(back[1..], want[..]);
    }

    #[test]
    fn the_english_csv_uses_commas_and_a_decimal_point() {
        let f = fixture::get();
        let rows = map_rows(&f.frameworks, &f.program, &f.analysis, &f.words);
        let bytes = csv(&rows, &CsvDialect::for_lang(Lang::En), &english_headers()).unwrap();
        assert!(bytes.starts_with(b"program,year,"));
        let back = read_back(&bytes, b',');
        let want: Vec<Vec<String>> = rows.iter().map(|r| expected(r, '.')).collect();
        assert_eq!(back[1..], want[..]);
        assert!(back[1..].iter().all(|r| r.len() == 14));
    }
}
