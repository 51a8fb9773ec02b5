//! Sequencing against prerequisites: competencies taught before their
//! prerequisites (at semester resolution when semesters are known),
//! prerequisites taught nowhere, courses scheduled before the courses they
//! require, and an order in which to teach the programme's competencies.
//! Pure functions over the graph; no words.

use super::CompetencyCoverage;
use super::progression::{Progression, Schedule};
use crate::graph::CurriculumGraph;
use crate::model::{Arg, CompetencyId, Finding, FindingCode, Period, Program};
use std::collections::{BTreeMap, BTreeSet};

/// `prerequisite-never-taught` and `taught-before-prerequisite` for every
/// taught competency, in framework order.
pub fn prerequisite_findings(
    schedule: &Schedule,
    competencies: &[CompetencyCoverage],
    progressions: &BTreeMap<CompetencyId, Progression>,
    graph: &CurriculumGraph,
) -> Vec<Finding> {
    let by_id: BTreeMap<&CompetencyId, &CompetencyCoverage> =
        competencies.iter().map(|c| (&c.id, c)).collect();
    let mut out = Vec::new();
    for c in competencies.iter().filter(|c| c.covered) {
        for p in graph.prerequisites(&c.id) {
            let Some(pre) = by_id.get(&p) else { continue };
            if !pre.covered {
                out.push(
                    Finding::of(FindingCode::PrerequisiteNeverTaught)
                        .arg("competency", Arg::Competency(c.id.clone()))
                        .arg("prerequisite", Arg::Competency(p.clone())),
                );
                continue;
            }
            let (Some(mine), Some(theirs)) = (progressions.get(&c.id), progressions.get(&p)) else {
                continue;
            };
            let Some(first) = mine.first() else { continue };
            let Some(their_first) = theirs.first() else {
                continue;
            };
            // Every dated course teaching the prerequisite comes later.
            if !theirs.dated().all(|(q, _)| first.before(&q)) {
                continue;
            }
            // Courses without a period may teach the prerequisite earlier:
            // say so rather than claim "only from".
            let undated = theirs.courses_in(schedule, None);
            let path = missing_path(&p, first, progressions, &by_id, graph);
            out.push(
                Finding::of(FindingCode::TaughtBeforePrerequisite)
                    .arg("competency", Arg::Competency(c.id.clone()))
                    .arg("year", Arg::Year(first.year))
                    .arg("period", Arg::Period(first))
                    .arg(
                        "courses",
                        Arg::Courses(mine.courses_in(schedule, Some(first))),
                    )
                    .arg("prerequisite", Arg::Competency(p.clone()))
                    .arg("prerequisite_year", Arg::Year(their_first.year))
                    .arg("prerequisite_period", Arg::Period(their_first))
                    .arg(
                        "prerequisite_courses",
                        Arg::Courses(theirs.courses_in(schedule, Some(their_first))),
                    )
                    .arg("undated_count", Arg::Count(undated.len()))
                    .arg("undated", Arg::Courses(undated))
                    .arg("path_count", Arg::Count(path.len()))
                    .arg("path", Arg::Chain(path)),
            );
        }
    }
    out
}

/// The prerequisites still to be taught before `at`, leading to `to`
/// (itself last), each after its own prerequisites: `to` and, through the
/// graph, every prerequisite of a missing one that is itself missing. A
/// competency counts as missing at `at` when the programme does not teach
/// it, or teaches it only in periods known to come after `at`.
fn missing_path(
    to: &CompetencyId,
    at: Period,
    progressions: &BTreeMap<CompetencyId, Progression>,
    primary: &BTreeMap<&CompetencyId, &CompetencyCoverage>,
    graph: &CurriculumGraph,
) -> Vec<CompetencyId> {
    let missing = |id: &CompetencyId| {
        primary.contains_key(id)
            && progressions.get(id).is_none_or(|p| {
                p.path
                    .iter()
                    .all(|s| s.period.is_some_and(|q| at.before(&q)))
            })
    };
    // Depth-first, prerequisites before the competency that needs them
    // (post-order), smallest id first; iterative, as chains can be long.
    let mut order = Vec::new();
    let mut seen: BTreeSet<CompetencyId> = BTreeSet::new();
    let mut stack: Vec<(CompetencyId, bool)> = vec![(to.clone(), false)];
    while let Some((id, expanded)) = stack.pop() {
        if expanded {
            order.push(id);
            continue;
        }
        if !seen.insert(id.clone()) {
            continue;
        }
        stack.push((id.clone(), true));
        for p in graph.prerequisites(&id).into_iter().rev() {
            if !seen.contains(&p) && missing(&p) {
                stack.push((p, false));
            }
        }
    }
    order
}

/// `course-prerequisite-later`: a course scheduled in a period known to
/// come before that of a course it declares as a prerequisite.
pub fn course_findings(
    program: &Program,
    schedule: &Schedule,
    graph: &CurriculumGraph,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for course in &program.courses {
        let Some(mine) = schedule.period(&course.code) else {
            continue;
        };
        for req in graph.course_prerequisites(&program.name, &course.code) {
            let Some(theirs) = schedule.period(&req) else {
                continue;
            };
            if mine.before(&theirs) {
                out.push(
                    Finding::of(FindingCode::CoursePrerequisiteLater)
                        .arg("course", Arg::Course(course.code.clone()))
                        .arg("period", Arg::Period(mine))
                        .arg("prerequisite", Arg::Course(req))
                        .arg("prerequisite_period", Arg::Period(theirs))
                        .at(course.location.clone()),
                );
            }
        }
    }
    out
}

/// The competencies the programme teaches, each after every prerequisite
/// it has among them, directly or through competencies it does not teach;
/// among those free to come next, the one taught earliest first (courses
/// without a period last), then framework order. Kahn's algorithm over the
/// prerequisites reachable from the taught competencies, untaught ones
/// placed as soon as they can be and left out of the result; competencies
/// on a cycle (which framework validation rejects) come last.
pub fn teaching_order(
    competencies: &[CompetencyCoverage],
    progressions: &BTreeMap<CompetencyId, Progression>,
    graph: &CurriculumGraph,
) -> Vec<CompetencyId> {
    let taught: BTreeMap<&CompetencyId, usize> = competencies
        .iter()
        .enumerate()
        .filter(|(_, c)| c.covered)
        .map(|(i, c)| (&c.id, i))
        .collect();
    // The prerequisite graph above the taught competencies.
    let mut requires: BTreeMap<CompetencyId, Vec<CompetencyId>> = BTreeMap::new();
    let mut todo: Vec<CompetencyId> = taught.keys().map(|id| (*id).clone()).collect();
    while let Some(id) = todo.pop() {
        if requires.contains_key(&id) {
            continue;
        }
        let pre = graph.prerequisites(&id);
        todo.extend(pre.iter().filter(|p| !requires.contains_key(*p)).cloned());
        requires.insert(id, pre);
    }
    let mut waiting: BTreeMap<&CompetencyId, usize> = BTreeMap::new();
    let mut needed_by: BTreeMap<&CompetencyId, Vec<&CompetencyId>> = BTreeMap::new();
    for (id, pre) in &requires {
        waiting.insert(id, pre.len());
        for p in pre {
            needed_by.entry(p).or_default().push(id);
        }
    }
    // Untaught first (they only open the way), then by first period, then
    // framework order.
    type Key<'a> = (bool, bool, Option<Period>, usize, &'a CompetencyId);
    let key = |id: &'_ CompetencyId| -> (bool, bool, Option<Period>, usize) {
        match taught.get(id) {
            None => (false, false, None, 0),
            Some(&i) => {
                let first = progressions.get(id).and_then(Progression::first);
                (true, first.is_none(), first, i)
            }
        }
    };
    let mut ready: BTreeSet<Key<'_>> = BTreeSet::new();
    for (id, n) in &waiting {
        if *n == 0 {
            let (a, b, c, d) = key(id);
            ready.insert((a, b, c, d, id));
        }
    }
    let mut order = Vec::new();
    let mut placed: BTreeSet<&CompetencyId> = BTreeSet::new();
    while let Some(next) = ready.pop_first() {
        let id = next.4;
        placed.insert(id);
        if next.0 {
            order.push(id.clone());
        }
        for d in needed_by.get(id).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(n) = waiting.get_mut(d) {
                *n -= 1;
                if *n == 0 {
                    let (a, b, c, k) = key(d);
                    ready.insert((a, b, c, k, d));
                }
            }
        }
    }
    let mut rest: Vec<(&CompetencyId, usize)> = taught
        .iter()
        .filter(|(id, _)| !placed.contains(*id))
        .map(|(id, i)| (*id, *i))
        .collect();
    rest.sort_by_key(|(_, i)| *i);
    order.extend(rest.into_iter().map(|(id, _)| id.clone()));
    order
}

#[cfg(test)]
mod tests {
    use crate::analysis::progression::tests::{course, program};
    use crate::analysis::{ProgramAnalysis, analyse};
    use crate::framework::{FrameworkSet, Lang};
    use crate::graph::CurriculumGraph;
    use crate::model::{
        Arg, CompetencyId, Course, Curriculum, Depth, FindingCode, Mapping, Origin, Severity,
    };
    use crate::report::words::Words;
    use std::collections::BTreeSet;

    /// A course in `year` and `semester` teaching `(competency, depth)`s on
    /// the course itself, requiring the courses `requires`.
    fn teaching(
        code: &str,
        year: u8,
        semester: Option<u8>,
        taught: &[(&str, Depth)],
        requires: &[&str],
    ) -> Course {
        let mut c = course(code, Some(year), semester);
        c.mappings = taught
            .iter()
            .map(|(id, d)| Mapping {
                competency: (*id).into(),
                depth: Some(*d),
                origin: Origin::Explicit,
                location: None,
            })
            .collect();
        c.prerequisites = requires.iter().map(|r| (*r).into()).collect();
        c
    }

    fn run(courses: Vec<Course>) -> (FrameworkSet, CurriculumGraph, ProgramAnalysis) {
        let set = FrameworkSet::builtin().unwrap();
        let curriculum = Curriculum {
            programs: vec![program(courses)],
            ..Default::default()
        };
        let (graph, found) = CurriculumGraph::build(&set, &curriculum);
        let mut all = analyse(&set, &curriculum, &graph, &found);
        let analysis = all.remove(0);
        (set, graph, analysis)
    }

    fn of(a: &ProgramAnalysis, code: FindingCode) -> Vec<&crate::model::Finding> {
        a.findings.iter().filter(|f| f.code == code).collect()
    }

    use Depth::Introduced as I;

    #[test]
    fn a_competency_taught_in_s1_before_its_prerequisite_in_s2_of_the_same_year_is_flagged_with_the_missing_path()
     {
        // L0.ETH.1 requires L0.FND.2, which requires L0.FND.1: both come
        // only in S2.
        let (set, _, a) = run(vec![
            teaching("A", 1, Some(1), &[("L0.ETH.1", I)], &[]),
            teaching("B", 1, Some(2), &[("L0.FND.2", I), ("L0.FND.1", I)], &[]),
        ]);
        let found = of(&a, FindingCode::TaughtBeforePrerequisite);
        assert_eq!(found.len(), 1, "{:?}", a.findings);
        assert_eq!(
            found[0].get("path"),
            Some(&Arg::Chain(vec!["L0.FND.1".into(), "L0.FND.2".into()]))
        );
        assert_eq!(
            Words::new(Lang::En).finding(Some(&set), found[0]),
            "L0.ETH.1 \"Bias, fairness and equity of AI in health\" is first taught in S1 (A), but its prerequisite \
             L0.FND.2 \"How data-driven models learn and fail\" only from S2 (B); to teach first, in this order: \
             L0.FND.1 \"AI concepts and vocabulary\" → L0.FND.2 \"How data-driven models learn and fail\""
        );
        // Clean: the prerequisites in the same semester.
        let (_, _, a) = run(vec![
            teaching("A", 1, Some(1), &[("L0.ETH.1", I)], &[]),
            teaching("B", 1, Some(1), &[("L0.FND.2", I), ("L0.FND.1", I)], &[]),
        ]);
        assert!(of(&a, FindingCode::TaughtBeforePrerequisite).is_empty());
        assert!(of(&a, FindingCode::PrerequisiteNeverTaught).is_empty());
    }

    #[test]
    fn a_year_without_semesters_is_not_ordered_against_a_semester_of_that_year() {
        let (_, _, a) = run(vec![
            teaching("A", 1, None, &[("L0.GEN.1", I)], &[]),
            teaching("B", 1, Some(2), &[("L0.FND.1", I)], &[]),
        ]);
        assert!(of(&a, FindingCode::TaughtBeforePrerequisite).is_empty());
    }

    #[test]
    fn a_prerequisite_taught_nowhere_is_flagged_and_silent_once_taught() {
        let (_, _, a) = run(vec![teaching("A", 1, None, &[("L0.GEN.1", I)], &[])]);
        let found = of(&a, FindingCode::PrerequisiteNeverTaught);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].get("prerequisite"),
            Some(&Arg::Competency("L0.FND.1".into()))
        );
        let (_, _, a) = run(vec![teaching(
            "A",
            1,
            None,
            &[("L0.GEN.1", I), ("L0.FND.1", I)],
            &[],
        )]);
        assert!(of(&a, FindingCode::PrerequisiteNeverTaught).is_empty());
    }

    #[test]
    fn a_course_scheduled_before_the_course_it_requires_is_flagged() {
        let (_, _, a) = run(vec![
            teaching("A", 1, Some(1), &[], &["B"]),
            teaching("B", 1, Some(2), &[], &[]),
        ]);
        let found = of(&a, FindingCode::CoursePrerequisiteLater);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].to_string(),
            "warning[course-prerequisite-later]: t.csv: course=A period=S1 prerequisite=B prerequisite_period=S2"
        );
        // Clean: the required course first, or in the same semester.
        for b in [Some(1), None] {
            let (_, _, a) = run(vec![
                teaching("A", 1, Some(2), &[], &["B"]),
                teaching("B", 1, b.or(Some(1)), &[], &[]),
            ]);
            assert!(of(&a, FindingCode::CoursePrerequisiteLater).is_empty());
        }
        let (_, _, a) = run(vec![
            teaching("A", 1, Some(2), &[], &["B"]),
            teaching("B", 1, Some(2), &[], &[]),
        ]);
        assert!(of(&a, FindingCode::CoursePrerequisiteLater).is_empty());
    }

    #[test]
    fn one_uncovered_finding_per_level_a_note_for_a_level_not_touched_at_all() {
        let (_, _, a) = run(vec![teaching(
            "A",
            1,
            None,
            &[("L0.FND.1", I), ("L1.DAT.1", I)],
            &[],
        )]);
        let found = of(&a, FindingCode::UncoveredCompetency);
        let summary: Vec<(Option<&Arg>, Option<&Arg>, Severity)> = found
            .iter()
            .map(|f| (f.get("level"), f.get("count"), f.severity))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    Some(&Arg::Count(0)),
                    Some(&Arg::Count(12)),
                    Severity::Warning
                ),
                (
                    Some(&Arg::Count(1)),
                    Some(&Arg::Count(12)),
                    Severity::Warning
                ),
                (Some(&Arg::Count(2)), Some(&Arg::Count(12)), Severity::Info),
            ]
        );
        let Some(Arg::Competencies(l0)) = found[0].get("competencies") else {
            panic!("no list")
        };
        assert!(!l0.contains(&"L0.FND.1".into()) && l0.contains(&"L0.FND.2".into()));
        // Warnings come first, the level-0 gap at their head.
        assert_eq!(a.findings[0].code, FindingCode::UncoveredCompetency);
    }

    #[test]
    fn the_teaching_order_puts_every_prerequisite_first_even_through_untaught_ones() {
        // L2.ML.1 needs L0.FND.2 (taught later) and L1.STA.1, which needs
        // the untaught L1.DAT.2, which needs L1.DAT.1.
        let (_, graph, a) = run(vec![
            teaching("A", 1, Some(1), &[("L2.ML.1", I), ("L1.STA.1", I)], &[]),
            teaching("B", 2, Some(3), &[("L0.FND.2", I), ("L0.FND.1", I)], &[]),
            teaching("C", 3, Some(5), &[("L1.DAT.1", I), ("L0.GEN.1", I)], &[]),
        ]);
        let order = &a.teaching_order;
        let taught: BTreeSet<&CompetencyId> = a
            .competencies
            .iter()
            .filter(|c| c.covered)
            .map(|c| &c.id)
            .collect();
        assert_eq!(order.len(), taught.len());
        for (i, id) in order.iter().enumerate() {
            // Every prerequisite reachable from `id` that is taught comes before it.
            let mut todo = graph.prerequisites(id);
            while let Some(p) = todo.pop() {
                if let Some(j) = order.iter().position(|x| *x == p) {
                    assert!(j < i, "{p} after {id} in {order:?}");
                }
                todo.extend(graph.prerequisites(&p));
            }
        }
        // Taught first (S1), L2.ML.1 must still wait for L1.DAT.1 (S5).
        assert_eq!(order.last().map(|x| x.as_str()), Some("L2.ML.1"));
    }
}
