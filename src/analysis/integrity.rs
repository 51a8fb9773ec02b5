//! Integrity of the curriculum map: courses and outcomes that reach no
//! competency, outcomes stated twice, and competencies taught again and
//! again at one depth in one year. Pure functions; no words.

use super::progression::{Progression, Schedule};
use crate::graph::Address;
use crate::model::{
    Arg, CompetencyId, CourseCode, Depth, Finding, FindingCode, OutcomeId, Program, Severity,
};
use std::collections::{BTreeMap, BTreeSet};

/// From this many courses of one year teaching a competency at the same
/// depth, the coverage is redundant. Two is ordinary (a lecture and its
/// practical work, or one course per semester); from three on, the same
/// content is most likely taught again without building on it, and the
/// hours could deepen it or go to what is missing.
pub const REDUNDANT_COVERAGE_COURSES: usize = 3;

/// `orphan-course` for each course no mapping reaches, and `orphan-outcome`
/// for each outcome that reaches nothing in a course that does (the
/// outcomes of a course that reaches nothing are said by `orphan-course`).
pub fn orphan_findings(program: &Program, addresses: &[Address]) -> Vec<Finding> {
    let mapped: BTreeSet<(&CourseCode, Option<&OutcomeId>)> = addresses
        .iter()
        .map(|a| (&a.course, a.outcome.as_ref()))
        .collect();
    let courses: BTreeSet<&CourseCode> = mapped.iter().map(|(c, _)| *c).collect();
    let mut out = Vec::new();
    for course in &program.courses {
        if !courses.contains(&course.code) {
            out.push(
                Finding::of(FindingCode::OrphanCourse)
                    .arg("course", Arg::Course(course.code.clone()))
                    .arg("title", Arg::Text(course.title.clone()))
                    .at(course.location.clone()),
            );
            continue;
        }
        for o in &course.outcomes {
            if !mapped.contains(&(&course.code, Some(&o.id))) {
                out.push(
                    Finding::of(FindingCode::OrphanOutcome)
                        .arg("course", Arg::Course(course.code.clone()))
                        .arg("outcome", Arg::Text(o.id.to_string()))
                        .arg("text", Arg::Text(o.text.clone()))
                        .at(o.location.clone()),
                );
            }
        }
    }
    out
}

/// `duplicate-outcome` (a note) for each text that outcomes of two or more
/// courses state, compared ignoring case, accents, spaces and punctuation.
/// The same text twice in one course is `repeated-outcome`, met at import.
pub fn duplicate_text_findings(program: &Program) -> Vec<Finding> {
    let mut by_text: BTreeMap<String, Vec<(&CourseCode, &crate::model::Outcome)>> = BTreeMap::new();
    for course in &program.courses {
        for o in &course.outcomes {
            let key = crate::text::key(&o.text);
            if !key.is_empty() {
                by_text.entry(key).or_default().push((&course.code, o));
            }
        }
    }
    let mut out = Vec::new();
    for list in by_text.values() {
        let courses: BTreeSet<&CourseCode> = list.iter().map(|(c, _)| *c).collect();
        if courses.len() < 2 {
            continue;
        }
        let (_, first) = list[0];
        let mut f = Finding::of(FindingCode::DuplicateOutcome)
            .arg("text", Arg::Text(first.text.clone()))
            .arg("count", Arg::Count(courses.len()))
            .arg(
                "courses",
                Arg::Courses(courses.into_iter().cloned().collect()),
            )
            .at(list[1].1.location.clone());
        f.severity = Severity::Info;
        out.push(f);
    }
    out
}

/// `redundant-coverage` for each competency, year and depth that at least
/// [`REDUNDANT_COVERAGE_COURSES`] courses reach (each course counted at the
/// deepest depth it teaches the competency to), in `order`.
pub fn redundancy_findings(
    order: &[CompetencyId],
    schedule: &Schedule,
    progressions: &BTreeMap<CompetencyId, Progression>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for id in order {
        let Some(p) = progressions.get(id) else {
            continue;
        };
        let mut groups: BTreeMap<(u8, Depth), Vec<CourseCode>> = BTreeMap::new();
        for (course, depth) in &p.courses {
            if let Some(period) = schedule.period(course) {
                groups
                    .entry((period.year, *depth))
                    .or_default()
                    .push(course.clone());
            }
        }
        for ((year, depth), courses) in groups {
            if courses.len() >= REDUNDANT_COVERAGE_COURSES {
                out.push(
                    Finding::of(FindingCode::RedundantCoverage)
                        .arg("competency", Arg::Competency(id.clone()))
                        .arg("depth", Arg::Depth(depth))
                        .arg("year", Arg::Year(year))
                        .arg("count", Arg::Count(courses.len()))
                        .arg("courses", Arg::Courses(courses)),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::progression::progressions;
    use crate::analysis::progression::tests::{address, course, program};
    use crate::model::{Outcome, SourceLocation};

    fn outcome(id: &str, text: &str) -> Outcome {
        Outcome {
            id: id.into(),
            text: text.into(),
            mappings: Vec::new(),
            location: SourceLocation::file("t.csv"),
        }
    }

    #[test]
    fn an_unmapped_outcome_of_a_course_that_teaches_something_is_an_orphan_note() {
        let mut a = course("A", Some(1), None);
        a.outcomes = vec![outcome("a1", "Explain AI"), outcome("a2", "Wash hands")];
        let mut b = course("B", Some(1), None);
        b.outcomes = vec![outcome("b1", "Take a pulse")];
        let p = program(vec![a, b]);
        let mut mapped = address("A", "L0.FND.1", Depth::Introduced);
        mapped.outcome = Some("a1".into());
        let f = orphan_findings(&p, &[mapped.clone()]);
        let got: Vec<String> = f.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            got,
            [
                "info[orphan-outcome]: t.csv: course=A outcome=a2 text=Wash hands",
                "info[orphan-course]: t.csv: course=B title=B",
            ]
        );
        // Clean: every outcome of a taught course maps to something.
        let mut p2 = p.clone();
        p2.courses[0].outcomes.truncate(1);
        p2.courses.truncate(1);
        assert!(orphan_findings(&p2, &[mapped]).is_empty());
    }

    #[test]
    fn the_same_outcome_text_in_two_courses_is_a_duplicate_note() {
        let mut a = course("A", Some(1), None);
        a.outcomes = vec![outcome("a1", "Explain what AI is.")];
        let mut b = course("B", Some(2), None);
        b.outcomes = vec![outcome("b1", "explain  what AI is"), outcome("b2", "Other")];
        let f = duplicate_text_findings(&program(vec![a.clone(), b]));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, FindingCode::DuplicateOutcome);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(
            f[0].to_string(),
            "info[duplicate-outcome]: t.csv: text=Explain what AI is. count=2 courses=A, B"
        );
        // Clean: distinct texts.
        let mut c = course("C", Some(2), None);
        c.outcomes = vec![outcome("c1", "Explain what ML is")];
        assert!(duplicate_text_findings(&program(vec![a, c])).is_empty());
    }

    #[test]
    fn three_courses_of_one_year_at_one_depth_are_redundant_two_are_not() {
        let p = program(vec![
            course("A", Some(1), Some(1)),
            course("B", Some(1), Some(2)),
            course("C", Some(1), Some(2)),
            course("D", Some(2), Some(3)),
        ]);
        let s = Schedule::of(&p);
        let x = |c: &str, d| address(c, "X", d);
        let three = [
            x("A", Depth::Introduced),
            x("B", Depth::Introduced),
            x("C", Depth::Introduced),
        ];
        let f = redundancy_findings(&["X".into()], &s, &progressions(&s, &three));
        assert_eq!(
            f.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
            ["info[redundant-coverage]: competency=X depth=I year=1 count=3 courses=A, B, C"]
        );
        // Clean: one of the three goes deeper, or the third is another year.
        let deeper = [
            x("A", Depth::Introduced),
            x("B", Depth::Introduced),
            x("C", Depth::Reinforced),
        ];
        assert!(redundancy_findings(&["X".into()], &s, &progressions(&s, &deeper)).is_empty());
        let spread = [
            x("A", Depth::Introduced),
            x("B", Depth::Introduced),
            x("D", Depth::Introduced),
        ];
        assert!(redundancy_findings(&["X".into()], &s, &progressions(&s, &spread)).is_empty());
    }
}
