//! Review files written by `aimap suggest` and edited by a reviewer: one row
//! per suggested mapping, with an `accept` column. A table is a review file
//! when its header row has all of `program`, `course`, `outcome_id`,
//! `competency` and `accept` (case, accents and punctuation ignored); it is
//! then read here and not as a curriculum.
//!
//! `accept` = yes, oui, y, o, 1, x, true, vrai, ok → the mapping becomes
//! explicit; no, non, n, 0, false, faux → it is rejected and not suggested
//! again; empty → undecided (suggested again). Anything else is an
//! `invalid-value` finding and the row is skipped.

use super::table::{Row, Table};
use crate::model::{
    CompetencyId, CourseCode, DEPTH_SPELLINGS, Depth, Finding, FindingCode, OutcomeId,
    ReviewDecision, Verdict,
};
use crate::text::key;

/// Columns a review file must have, as written by `aimap suggest`.
pub const REQUIRED: [&str; 5] = ["program", "course", "outcome_id", "competency", "accept"];

/// The header row of a table (its first non-blank row), when it is the
/// header row of a review file.
fn header_row(table: &Table) -> Option<&Row> {
    let row = table.rows.iter().find(|r| !r.is_blank())?;
    let keys: Vec<String> = row.cells.iter().map(|c| key(&c.text())).collect();
    REQUIRED
        .iter()
        .all(|r| keys.iter().any(|k| *k == key(r)))
        .then_some(row)
}

/// Whether `table` is a review file.
pub fn is_review(table: &Table) -> bool {
    header_row(table).is_some()
}

/// What an `accept` cell says: `Some(None)` for undecided, `None` when it is
/// not a recognised answer.
pub fn verdict(cell: &str) -> Option<Option<Verdict>> {
    Some(match crate::text::fold(cell.trim()).as_str() {
        "" => None,
        "yes" | "y" | "oui" | "o" | "1" | "x" | "true" | "vrai" | "ok" | "accept" | "accepted"
        | "accepte" => Some(Verdict::Accepted),
        "no" | "n" | "non" | "0" | "false" | "faux" | "reject" | "rejected" | "rejete" => {
            Some(Verdict::Rejected)
        }
        _ => return None,
    })
}

/// The decided rows of a review table. Problems in single cells become
/// findings; the row is then skipped.
pub fn read(table: &Table, problems: &mut Vec<Finding>) -> Vec<ReviewDecision> {
    let Some(header) = header_row(table) else {
        return Vec::new();
    };
    let keys: Vec<String> = header.cells.iter().map(|c| key(&c.text())).collect();
    let col = |name: &str| keys.iter().position(|k| *k == key(name));
    let (Some(program), Some(course), Some(outcome), Some(competency), Some(accept)) = (
        col("program"),
        col("course"),
        col("outcome_id"),
        col("competency"),
        col("accept"),
    ) else {
        return Vec::new();
    };
    let (depth, score, evidence) = (col("depth"), col("score"), col("evidence"));
    let header_text = |c: usize| header.cells.get(c).map(|h| h.text().into_owned());
    let mut out = Vec::new();
    for row in table
        .rows
        .iter()
        .filter(|r| r.number > header.number && !r.is_blank())
    {
        // `aimap suggest` put a `'` before cells a spreadsheet would run
        // as formulas; the cell is read as the text it was.
        let cell = |c: usize| {
            crate::text::csv_cell_read(&row.cell(c).text())
                .trim()
                .to_owned()
        };
        let at = |c: usize| {
            table
                .row_location(row.number)
                .at_column(c + 1, header_text(c).as_deref())
        };
        let answer = cell(accept);
        let verdict = match verdict(&answer) {
            Some(Some(v)) => v,
            Some(None) => continue,
            None => {
                problems.push(
                    Finding::new(
                        FindingCode::InvalidValue,
                        format!(
                            "accept \"{answer}\" is not a yes or a no; write yes, oui, 1 or x to accept \
                             the mapping, no, non or 0 to reject it, or leave the cell empty"
                        ),
                    )
                    .at(at(accept)),
                );
                continue;
            }
        };
        let depth = match depth.map(&cell).filter(|d| !d.is_empty()) {
            None => Depth::Introduced,
            Some(d) => match d.parse::<Depth>() {
                Ok(d) => d,
                Err(()) => {
                    problems.push(
                        Finding::new(
                            FindingCode::InvalidValue,
                            format!("depth \"{d}\" is not one of {DEPTH_SPELLINGS}; row skipped"),
                        )
                        .at(at(depth.unwrap_or(accept))),
                    );
                    continue;
                }
            },
        };
        let (program_name, course_code, competency_id) =
            (cell(program), cell(course), cell(competency));
        if program_name.is_empty() || course_code.is_empty() || competency_id.is_empty() {
            problems.push(
                Finding::new(
                    FindingCode::InvalidValue,
                    "review row needs a program, a course and a competency; row skipped",
                )
                .at(table.row_location(row.number)),
            );
            continue;
        }
        let outcome_id = cell(outcome);
        out.push(ReviewDecision {
            program: program_name,
            course: CourseCode::new(course_code),
            outcome: (!outcome_id.is_empty()).then(|| OutcomeId::new(outcome_id)),
            competency: CompetencyId::new(competency_id),
            depth,
            verdict,
            accept: answer,
            score: score.and_then(|c| cell(c).replace(',', ".").parse::<f32>().ok()),
            evidence: evidence.map(&cell).unwrap_or_default(),
            location: table.row_location(row.number),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::Cell;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            file: "review.csv".into(),
            sheet: None,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i + 1,
                    cells: cells.iter().map(|c| Cell::Text(c.to_string())).collect(),
                })
                .collect(),
        }
    }

    const HEADER: &[&str] = &[
        "outcome_id",
        "program",
        "course",
        "outcome",
        "competency",
        "depth",
        "score",
        "evidence",
        "accept",
    ];

    #[test]
    fn recognises_a_review_file_by_its_headers_in_any_case() {
        assert!(is_review(&table(&[HEADER])));
        assert!(is_review(&table(&[&[
            "Outcome ID",
            "Program",
            "Course",
            "Competency",
            "Accept"
        ]])));
        assert!(!is_review(&table(&[&[
            "program",
            "course_code",
            "outcome",
            "competencies"
        ]])));
    }

    #[test]
    fn reads_accepted_and_rejected_rows_and_skips_undecided_ones() {
        let t = table(&[
            HEADER,
            &[
                "O1",
                "MSc",
                "HDS1",
                "Train a model",
                "L2.ML.1",
                "R",
                "0,82",
                "…",
                "oui",
            ],
            &[
                "O2",
                "MSc",
                "HDS1",
                "Read a study",
                "L0.CLN.1",
                "I",
                "0.6",
                "…",
                "Non",
            ],
            &[
                "O3", "MSc", "HDS1", "Use R", "L1.PRG.1", "I", "0.7", "…", "",
            ],
            &["", "MSc", "HDS9", "", "L0.FND.1", "", "", "", "x"],
        ]);
        let mut problems = Vec::new();
        let d = read(&t, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].verdict, Verdict::Accepted);
        assert_eq!(d[0].depth, Depth::Reinforced);
        assert_eq!(d[0].score, Some(0.82));
        assert_eq!(d[1].verdict, Verdict::Rejected);
        assert_eq!(d[2].outcome, None);
        assert_eq!(d[2].course.as_str(), "HDS9");
    }

    #[test]
    fn reports_an_unreadable_accept_cell_with_its_location() {
        let t = table(&[
            HEADER,
            &["O1", "MSc", "HDS1", "x", "L2.ML.1", "R", "", "", "maybe"],
        ]);
        let mut problems = Vec::new();
        assert!(read(&t, &mut problems).is_empty());
        assert_eq!(
            problems[0].to_string(),
            "error[invalid-value]: review.csv row 2, column I \"accept\": accept \"maybe\" is not a \
             yes or a no; write yes, oui, 1 or x to accept the mapping, no, non or 0 to reject it, \
             or leave the cell empty"
        );
    }
}
