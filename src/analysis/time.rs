//! Teaching time per competency, level and year, attributed from the
//! courses that address each competency.
//!
//! The rule, stated once here and in the report:
//! - a course's hours are its `hours`, or its ECTS credits at
//!   [`HOURS_PER_ECTS`] (an estimate, flagged as such);
//! - they are shared evenly among the course's outcomes; mappings written
//!   on the course itself count as one more share (a course without
//!   outcomes is one share);
//! - a share goes evenly to the distinct competencies its mappings reach.
//!
//! So the hours of a year add up to at most the hours of its courses, and
//! a share that reaches no competency is teaching time outside AI.

use crate::graph::Address;
use crate::model::{CompetencyId, CourseCode, OutcomeId, Program};
use std::collections::{BTreeMap, BTreeSet};

/// Hours of student work per ECTS credit used for estimates: the low end of
/// the Bologna range (25–30 h per credit), which the French arrêtés use.
pub const HOURS_PER_ECTS: f64 = 25.0;

/// Teaching time of one programme.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeAttribution {
    /// Hours per primary competency.
    pub by_competency: BTreeMap<CompetencyId, f64>,
    /// Hours per (year, level); `None` for courses without a year.
    pub by_year_level: BTreeMap<(Option<u8>, u8), f64>,
    /// Hours of every course, AI or not.
    pub total: f64,
    /// Hours attributed to some competency.
    pub attributed: f64,
    /// Some course's hours were estimated from ECTS credits.
    pub estimated: bool,
    /// Some course has hours or credits.
    pub known: bool,
}

/// Attributes the hours of `program` to the competencies its `addresses`
/// reach; `level` gives each competency's level.
pub fn attribute(
    program: &Program,
    addresses: &[Address],
    level: impl Fn(&CompetencyId) -> Option<u8>,
) -> TimeAttribution {
    let mut reach: BTreeMap<(&CourseCode, Option<&OutcomeId>), BTreeSet<&CompetencyId>> =
        BTreeMap::new();
    for a in addresses {
        reach
            .entry((&a.course, a.outcome.as_ref()))
            .or_default()
            .insert(&a.competency);
    }
    let mut t = TimeAttribution::default();
    for course in &program.courses {
        let hours = match (course.hours, course.ects) {
            (Some(h), _) => h,
            (None, Some(e)) => {
                t.estimated = true;
                e * HOURS_PER_ECTS
            }
            (None, None) => continue,
        };
        if !hours.is_finite() || hours <= 0.0 {
            continue;
        }
        t.known = true;
        t.total += hours;
        let own = reach.get(&(&course.code, None));
        let shares =
            course.outcomes.len() + usize::from(own.is_some() || course.outcomes.is_empty());
        let share = hours / shares as f64;
        let units = course
            .outcomes
            .iter()
            .map(|o| reach.get(&(&course.code, Some(&o.id))))
            .chain(std::iter::once(own));
        for competencies in units.flatten() {
            let each = share / competencies.len() as f64;
            for &c in competencies {
                *t.by_competency.entry(c.clone()).or_default() += each;
                if let Some(l) = level(c) {
                    *t.by_year_level.entry((course.year, l)).or_default() += each;
                }
                t.attributed += each;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Course, Depth, Origin, Outcome, SourceLocation};

    fn course(
        code: &str,
        year: u8,
        hours: Option<f64>,
        ects: Option<f64>,
        outcomes: &[&str],
    ) -> Course {
        Course {
            code: code.into(),
            title: code.into(),
            year: Some(year),
            semester: None,
            ects,
            hours,
            prerequisites: Vec::new(),
            description: None,
            outcomes: outcomes
                .iter()
                .map(|id| Outcome {
                    id: (*id).into(),
                    text: String::new(),
                    mappings: Vec::new(),
                    location: SourceLocation::file("t.csv"),
                })
                .collect(),
            mappings: Vec::new(),
            location: SourceLocation::file("t.csv"),
        }
    }

    fn address(course: &str, outcome: Option<&str>, competency: &str) -> Address {
        Address {
            course: course.into(),
            outcome: outcome.map(Into::into),
            competency: competency.into(),
            depth: Depth::Introduced,
            origin: Origin::Explicit,
            via: None,
        }
    }

    #[test]
    fn shares_hours_evenly_among_outcomes_then_competencies() {
        let program = Program {
            name: "P".into(),
            sources: Vec::new(),
            courses: vec![
                course("A", 1, Some(30.0), None, &["a1", "a2", "a3"]),
                course("B", 2, None, Some(2.0), &[]),
            ],
        };
        let addresses = [
            address("A", Some("a1"), "L0.X"),
            address("A", Some("a2"), "L0.X"),
            address("A", Some("a2"), "L1.Y"),
            address("B", None, "L1.Y"),
        ];
        let level = |c: &CompetencyId| c.as_str()[1..2].parse().ok();
        let t = attribute(&program, &addresses, level);
        assert_eq!(t.total, 80.0);
        assert!(t.estimated && t.known);
        assert_eq!(t.by_competency[&CompetencyId::from("L0.X")], 15.0);
        assert_eq!(t.by_competency[&CompetencyId::from("L1.Y")], 55.0);
        assert_eq!(t.by_year_level[&(Some(1), 0)], 15.0);
        assert_eq!(t.by_year_level[&(Some(1), 1)], 5.0);
        assert_eq!(t.by_year_level[&(Some(2), 1)], 50.0);
        // a3 reaches nothing: its 10 h stay outside AI.
        assert_eq!(t.attributed, 70.0);
    }
}
