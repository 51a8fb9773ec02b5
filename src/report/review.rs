//! The review file written by `aimap suggest`: one row per suggested mapping
//! for a reviewer to accept or reject, plus the rows already decided in the
//! review files read back (kept with their answer, so the file stays the
//! record of every decision). CSV or XLSX, as bytes; `write_files` writes.
//!
//! Columns: outcome_id, program, course, course_title, outcome, competency,
//! competency_title, level, depth, score, evidence, accept. The same file,
//! edited, imports back (see `import::review`), in any [`CsvDialect`].

use super::csv::{CsvDialect, cp1252_safe};
use super::words::Words;
use crate::framework::FrameworkSet;
use crate::model::{Curriculum, Origin};
use anyhow::{Context, Result};

pub const COLUMNS: [&str; 12] = [
    "outcome_id",
    "program",
    "course",
    "course_title",
    "outcome",
    "competency",
    "competency_title",
    "level",
    "depth",
    "score",
    "evidence",
    "accept",
];

/// Positions of the score and evidence in [`COLUMNS`].
const SCORE: usize = 9;
const EVIDENCE: usize = 10;

/// One row of the review file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    pub outcome_id: String,
    pub program: String,
    pub course: String,
    pub course_title: String,
    pub outcome: String,
    pub competency: String,
    pub competency_title: String,
    pub level: Option<u8>,
    pub depth: &'static str,
    pub score: Option<f32>,
    pub evidence: String,
    pub accept: String,
}

impl ReviewRow {
    fn cells(&self) -> [String; 12] {
        [
            self.outcome_id.clone(),
            self.program.clone(),
            self.course.clone(),
            self.course_title.clone(),
            self.outcome.clone(),
            self.competency.clone(),
            self.competency_title.clone(),
            self.level.map(|l| l.to_string()).unwrap_or_default(),
            self.depth.to_owned(),
            self.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
            self.evidence.clone(),
            self.accept.clone(),
        ]
    }
}

/// Every suggested mapping of the curriculum, and every decided row read
/// back, in curriculum order (programme, course, outcome, competency);
/// titles and evidence in the words of `w`.
pub fn rows(frameworks: &FrameworkSet, curriculum: &Curriculum, w: &Words) -> Vec<ReviewRow> {
    let title = |id: &str| {
        frameworks
            .find(&crate::model::CompetencyId::new(id))
            .map(|f| f.competency.title.get(w.lang()).to_owned())
            .unwrap_or_default()
    };
    let level = |id: &str| {
        frameworks
            .find(&crate::model::CompetencyId::new(id))
            .and_then(|f| f.competency.level)
    };
    // Sort key: positions in the curriculum; decided rows whose outcome is
    // gone go last.
    let mut keyed: Vec<((usize, usize, usize, String), ReviewRow)> = Vec::new();
    for (pi, p) in curriculum.programs.iter().enumerate() {
        for (ci, c) in p.courses.iter().enumerate() {
            // The course's own mappings (position 0), then each outcome's.
            let course_level = c.mappings.iter().map(|m| (0, None, m));
            let outcome_level = c
                .outcomes
                .iter()
                .enumerate()
                .flat_map(|(oi, o)| o.mappings.iter().map(move |m| (oi + 1, Some(o), m)));
            for (oi, o, m) in course_level.chain(outcome_level) {
                let Origin::Suggested(s) = &m.origin else {
                    continue;
                };
                let id = m.competency.to_string();
                keyed.push((
                    (pi, ci, oi, id.clone()),
                    ReviewRow {
                        outcome_id: o.map(|o| o.id.to_string()).unwrap_or_default(),
                        program: p.name.clone(),
                        course: c.code.to_string(),
                        course_title: c.title.clone(),
                        outcome: o.map(|o| o.text.clone()).unwrap_or_default(),
                        competency_title: title(&id),
                        level: level(&id),
                        competency: id,
                        depth: m.depth.unwrap_or(crate::model::Depth::Introduced).letter(),
                        score: Some(s.score),
                        evidence: s
                            .evidence
                            .iter()
                            .map(|e| w.evidence(Some(frameworks), e))
                            .collect::<Vec<_>>()
                            .join("; "),
                        accept: String::new(),
                    },
                ));
            }
        }
    }
    for d in &curriculum.reviews {
        let place = curriculum
            .programs
            .iter()
            .enumerate()
            .find(|(_, p)| p.name == d.program)
            .and_then(|(pi, p)| {
                let course = p
                    .courses
                    .iter()
                    .enumerate()
                    .find_map(|(ci, c)| match &d.outcome {
                        Some(id) => c
                            .outcomes
                            .iter()
                            .position(|o| &o.id == id)
                            .map(|oi| (ci, oi + 1, c, Some(&c.outcomes[oi]))),
                        None => (c.code == d.course).then_some((ci, 0, c, None)),
                    });
                course.map(|(ci, oi, c, o)| ((pi, ci, oi), c, o))
            });
        let id = d.competency.to_string();
        let (key, course_title, outcome) = match place {
            Some((k, c, o)) => (k, c.title.clone(), o.map(|o| o.text.clone())),
            None => ((usize::MAX, 0, 0), String::new(), None),
        };
        keyed.push((
            (key.0, key.1, key.2, id.clone()),
            ReviewRow {
                outcome_id: d
                    .outcome
                    .as_ref()
                    .map(|o| o.to_string())
                    .unwrap_or_default(),
                program: d.program.clone(),
                course: d.course.to_string(),
                course_title,
                outcome: outcome.unwrap_or_default(),
                competency_title: title(&id),
                level: level(&id),
                competency: id,
                depth: d.depth.letter(),
                score: d.score,
                evidence: d.evidence.clone(),
                accept: d.accept.clone(),
            },
        ));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// The review file as CSV in the default dialect (comma-separated, UTF-8
/// without BOM, header row first; cells guarded against formula injection
/// by [`super::csv::Writer`]); see [`csv_bytes_with`].
pub fn csv_bytes(rows: &[ReviewRow]) -> Result<Vec<u8>> {
    csv_bytes_with(rows, &CsvDialect::default())
}

/// The review file as CSV laid out for `dialect`: its separator, BOM and
/// decimal separator for scores; evidence made [`cp1252_safe`].
pub fn csv_bytes_with(rows: &[ReviewRow], dialect: &CsvDialect) -> Result<Vec<u8>> {
    let mut w = super::csv::Writer::with_dialect(*dialect);
    w.record(COLUMNS)?;
    for r in rows {
        let mut cells = r.cells();
        cells[SCORE] = r
            .score
            .map(|s| dialect.number(f64::from(s), 2))
            .unwrap_or_default();
        cells[EVIDENCE] = cp1252_safe(&r.evidence).into_owned();
        w.record(cells)?;
    }
    w.into_bytes().context("cannot write the review file")
}

/// The review file as an Excel workbook: one sheet, header row frozen and
/// filterable, long texts wrapped.
pub fn xlsx_bytes(rows: &[ReviewRow]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    // A fixed creation date: the same input gives the same bytes.
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let ws = book.add_worksheet();
    ws.set_name("review")?;
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let widths = [
        12.0, 20.0, 10.0, 24.0, 50.0, 10.0, 30.0, 6.0, 6.0, 6.0, 60.0, 8.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, value) in r.cells().iter().enumerate() {
            let c = c as u16;
            match (c, r.level, r.score) {
                (7, Some(l), _) => {
                    ws.write_number(row, c, l as f64)?;
                }
                (9, _, Some(s)) => {
                    ws.write_number(row, c, (s as f64 * 100.0).round() / 100.0)?;
                }
                (4 | 10, _, _) => {
                    ws.write_string_with_format(row, c, value, &wrap)?;
                }
                _ => {
                    ws.write_string(row, c, value)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    book.save_to_buffer()
        .context("cannot write the review workbook")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Lang;
    use crate::model::{Depth, Verdict};

    fn row(outcome_id: &str, outcome: &str, accept: &str, score: Option<f32>) -> ReviewRow {
        ReviewRow {
            outcome_id: outcome_id.to_owned(),
            program: "Master; santé".to_owned(),
            course: "UE 2.11".to_owned(),
            course_title: "Données".to_owned(),
            outcome: outcome.to_owned(),
            competency: "L1.DAT.1".to_owned(),
            competency_title: "Gérer des données".to_owned(),
            level: Some(1),
            depth: "R",
            score,
            evidence: "\"données\" \u{2192} L1.DAT.1 [rule r3]; \"=x\"".to_owned(),
            accept: accept.to_owned(),
        }
    }

    #[test]
    fn a_french_review_file_reads_back_as_written() {
        let rows = [
            row("O1", "=1+1 données", "oui", Some(0.85)),
            row("", "", "non", None),
            row("O3", "@SUM(A1)", "", Some(0.5)),
        ];
        let bytes = csv_bytes_with(&rows, &CsvDialect::for_lang(Lang::Fr)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert!(String::from_utf8_lossy(&bytes).contains(";0,85;"));
        let (table, _) = crate::import::csv::read(&bytes, "review.csv").unwrap();
        assert!(crate::import::review::is_review(&table));
        let mut problems = Vec::new();
        let decided = crate::import::review::read(&table, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(decided.len(), 2);
        for (d, r) in decided.iter().zip(&rows) {
            assert_eq!(d.program, r.program);
            assert_eq!(d.course.as_str(), r.course);
            assert_eq!(
                d.outcome
                    .as_ref()
                    .map(|o| o.to_string())
                    .unwrap_or_default(),
                r.outcome_id
            );
            assert_eq!(d.competency.as_str(), r.competency);
            assert_eq!(d.depth, Depth::Reinforced);
            assert_eq!(d.score, r.score);
            assert_eq!(d.evidence, "\"données\" -> L1.DAT.1 [rule r3]; \"=x\"");
            assert_eq!(d.accept, r.accept);
        }
        assert_eq!(decided[0].verdict, Verdict::Accepted);
        assert_eq!(decided[1].verdict, Verdict::Rejected);
    }

    #[test]
    fn the_english_review_file_keeps_commas_and_a_decimal_point() {
        let bytes = csv_bytes(&[row("O1", "x", "", Some(0.85))]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("outcome_id,program,"));
        assert!(text.contains(",0.85,"));
        assert!(text.contains("-> L1.DAT.1"));
    }
}
