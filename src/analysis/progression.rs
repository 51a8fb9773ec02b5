//! Progression over the years and semesters: when each course is taught
//! (its [`Period`]), the depth path of each competency, and the findings
//! about depth over time (`never-reinforced`,
//! `mastered-without-introduction`, `depth-regresses`). Pure functions of
//! the programme and its addresses; no words.

use crate::graph::Address;
use crate::model::{
    Arg, CompetencyId, CourseCode, Depth, Finding, FindingCode, Period, Program, Step,
};
use std::collections::{BTreeMap, BTreeSet};

/// A competency introduced in this many distinct courses, and never taken
/// further, is a warning: the programme keeps starting it over without
/// building on it. Introduced in one course only, it is a note: a first
/// exposure may be all the programme means to give (targets say when it
/// is not).
pub const NEVER_REINFORCED_WARNING_COURSES: usize = 2;

/// When each course of a programme is taught.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    periods: BTreeMap<CourseCode, Period>,
}

impl Schedule {
    /// The period of every course that gives a year or a semester. A
    /// semester without a year is in year `⌈semester / 2⌉`, as at import.
    /// Semesters count as numbered across the programme when no semester
    /// number appears in two different years.
    pub fn of(program: &Program) -> Self {
        let mut years_of: BTreeMap<u8, BTreeSet<u8>> = BTreeMap::new();
        let dated: Vec<(&CourseCode, u8, Option<u8>)> = program
            .courses
            .iter()
            .filter_map(|c| {
                let year = c.year.or_else(|| c.semester.map(|s| s.div_ceil(2)))?;
                if let Some(s) = c.semester {
                    years_of.entry(s).or_default().insert(year);
                }
                Some((&c.code, year, c.semester))
            })
            .collect();
        let across = years_of.values().all(|years| years.len() <= 1);
        Schedule {
            periods: dated
                .into_iter()
                .map(|(code, year, semester)| {
                    (
                        code.clone(),
                        Period {
                            year,
                            semester,
                            across,
                        },
                    )
                })
                .collect(),
        }
    }

    /// The period of a course; `None` when it gives neither year nor
    /// semester.
    pub fn period(&self, course: &CourseCode) -> Option<Period> {
        self.periods.get(course).copied()
    }
}

/// How one competency is taught over time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progression {
    /// The deepest depth per period, in period order; courses without a
    /// period make one last step with `period: None`.
    pub path: Vec<Step>,
    /// The shallowest depth taught in each dated step, parallel to the
    /// dated steps of `path`.
    shallowest: Vec<Depth>,
    /// The courses teaching it, with the deepest depth each reaches.
    pub courses: BTreeMap<CourseCode, Depth>,
}

impl Progression {
    /// The steps with a period.
    pub fn dated(&self) -> impl Iterator<Item = (Period, Depth)> + '_ {
        self.path
            .iter()
            .filter_map(|s| s.period.map(|p| (p, s.depth)))
    }

    /// The first period it is taught in.
    pub fn first(&self) -> Option<Period> {
        self.dated().next().map(|(p, _)| p)
    }

    /// The depth taught in courses without a period.
    fn undated(&self) -> Option<Depth> {
        self.path
            .iter()
            .find(|s| s.period.is_none())
            .map(|s| s.depth)
    }

    /// Courses teaching it in `period` (`None`: in no given period).
    pub fn courses_in(&self, schedule: &Schedule, period: Option<Period>) -> Vec<CourseCode> {
        self.courses
            .keys()
            .filter(|c| schedule.period(c) == period)
            .cloned()
            .collect()
    }
}

/// The progression of every competency the addresses reach.
pub fn progressions(
    schedule: &Schedule,
    addresses: &[Address],
) -> BTreeMap<CompetencyId, Progression> {
    // (deepest, shallowest) per competency and period.
    let mut by: BTreeMap<&CompetencyId, BTreeMap<Option<Period>, (Depth, Depth)>> = BTreeMap::new();
    let mut courses: BTreeMap<&CompetencyId, BTreeMap<CourseCode, Depth>> = BTreeMap::new();
    for a in addresses {
        let e = by
            .entry(&a.competency)
            .or_default()
            .entry(schedule.period(&a.course))
            .or_insert((a.depth, a.depth));
        e.0 = e.0.max(a.depth);
        e.1 = e.1.min(a.depth);
        let d = courses
            .entry(&a.competency)
            .or_default()
            .entry(a.course.clone())
            .or_insert(a.depth);
        *d = (*d).max(a.depth);
    }
    by.into_iter()
        .map(|(id, periods)| {
            // `None` sorts first in a map; undated teaching goes last.
            let (undated, dated): (Vec<_>, Vec<_>) =
                periods.into_iter().partition(|(p, _)| p.is_none());
            let mut path = Vec::new();
            let mut shallowest = Vec::new();
            for (period, (deep, shallow)) in dated.into_iter().chain(undated) {
                path.push(Step {
                    depth: deep,
                    period,
                });
                if period.is_some() {
                    shallowest.push(shallow);
                }
            }
            (
                id.clone(),
                Progression {
                    path,
                    shallowest,
                    courses: courses.remove(id).unwrap_or_default(),
                },
            )
        })
        .collect()
}

/// `never-reinforced`, `mastered-without-introduction` and
/// `depth-regresses` for every competency, in `order`.
pub fn findings(
    order: &[CompetencyId],
    progressions: &BTreeMap<CompetencyId, Progression>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for id in order {
        let Some(p) = progressions.get(id) else {
            continue;
        };
        out.extend(never_reinforced(id, p));
        out.extend(mastered_without_introduction(id, p));
        out.extend(depth_regresses(id, p));
    }
    out
}

/// Introduced, and nowhere deeper (courses without a period count too).
fn never_reinforced(id: &CompetencyId, p: &Progression) -> Option<Finding> {
    if p.courses.values().any(|d| *d > Depth::Introduced) {
        return None;
    }
    let mut f = Finding::of(FindingCode::NeverReinforced)
        .arg("competency", Arg::Competency(id.clone()))
        .arg("count", Arg::Count(p.courses.len()))
        .arg("courses", Arg::Courses(p.courses.keys().cloned().collect()))
        .arg("path", Arg::Path(p.path.clone()));
    if p.courses.len() < NEVER_REINFORCED_WARNING_COURSES {
        f.severity = crate::model::Severity::Info;
    }
    Some(f)
}

/// Mastered in its first period, with nothing shallower in that period,
/// and every other period known to come later; teaching without a period
/// that is shallower than mastered may be the introduction, so it keeps
/// the finding silent.
fn mastered_without_introduction(id: &CompetencyId, p: &Progression) -> Option<Finding> {
    let mut dated = p.dated();
    let (first, depth) = dated.next()?;
    let only_mastered = depth == Depth::Mastered && p.shallowest.first() == Some(&Depth::Mastered);
    if !only_mastered
        || !dated.all(|(later, _)| first.before(&later))
        || p.undated().is_some_and(|d| d < Depth::Mastered)
    {
        return None;
    }
    Some(
        Finding::of(FindingCode::MasteredWithoutIntroduction)
            .arg("competency", Arg::Competency(id.clone()))
            .arg("period", Arg::Period(first))
            .arg("path", Arg::Path(p.path.clone())),
    )
}

/// The last period reaching the deepest depth is followed by periods that
/// teach it shallower, and none reaches that depth again (by choosing the
/// last such period, none can).
fn depth_regresses(id: &CompetencyId, p: &Progression) -> Option<Finding> {
    let dated: Vec<(Period, Depth)> = p.dated().collect();
    let deepest = dated.iter().map(|(_, d)| *d).max()?;
    let (peak, _) = *dated.iter().rev().find(|(_, d)| *d == deepest)?;
    let (later, shallower) = *dated.iter().rev().find(|(q, _)| peak.before(q))?;
    Some(
        Finding::of(FindingCode::DepthRegresses)
            .arg("competency", Arg::Competency(id.clone()))
            .arg("depth", Arg::Depth(deepest))
            .arg("period", Arg::Period(peak))
            .arg("later_depth", Arg::Depth(shallower))
            .arg("later_period", Arg::Period(later))
            .arg("path", Arg::Path(p.path.clone())),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Course, Origin, SourceLocation};

    /// A course `code` in `year` and `semester`, without outcomes.
    pub fn course(code: &str, year: Option<u8>, semester: Option<u8>) -> Course {
        Course {
            code: code.into(),
            title: code.into(),
            year,
            semester,
            ects: None,
            hours: None,
            prerequisites: Vec::new(),
            description: None,
            outcomes: Vec::new(),
            mappings: Vec::new(),
            location: SourceLocation::file("t.csv"),
        }
    }

    pub fn program(courses: Vec<Course>) -> Program {
        let mut courses = courses;
        courses.sort_by(|a, b| a.code.cmp(&b.code));
        Program {
            name: "P".into(),
            sources: vec!["t.csv".into()],
            courses,
        }
    }

    pub fn address(course: &str, competency: &str, depth: Depth) -> Address {
        Address {
            course: course.into(),
            outcome: None,
            competency: competency.into(),
            depth,
            origin: Origin::Explicit,
            via: None,
        }
    }

    use Depth::{Introduced as I, Mastered as M, Reinforced as R};

    /// Courses A (S1), B (S2), C (S3), D (S5) and U (no period); each
    /// `(course, depth)` teaches competency X.
    fn run(taught: &[(&str, Depth)]) -> Vec<Finding> {
        let p = program(vec![
            course("A", Some(1), Some(1)),
            course("B", Some(1), Some(2)),
            course("C", Some(2), Some(3)),
            course("D", Some(3), Some(5)),
            course("U", None, None),
        ]);
        let addresses: Vec<Address> = taught.iter().map(|(c, d)| address(c, "X", *d)).collect();
        let progressions = progressions(&Schedule::of(&p), &addresses);
        findings(&["X".into()], &progressions)
    }

    fn codes(findings: &[Finding]) -> Vec<(&'static str, &'static str)> {
        findings
            .iter()
            .map(|f| (f.code.as_str(), f.severity.as_str()))
            .collect()
    }

    #[test]
    fn the_path_gives_the_deepest_depth_per_period_in_order_undated_last() {
        let p = program(vec![
            course("A", Some(1), Some(1)),
            course("A2", Some(1), Some(1)),
            course("C", Some(2), Some(3)),
            course("U", None, None),
        ]);
        let addresses = [
            address("U", "X", R),
            address("C", "X", M),
            address("A", "X", I),
            address("A2", "X", R),
        ];
        let paths = progressions(&Schedule::of(&p), &addresses);
        let path: Vec<String> = paths[&CompetencyId::from("X")]
            .path
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(path, ["R (S1)", "M (S3)", "R (?)"]);
    }

    #[test]
    fn semesters_numbered_within_each_year_are_named_with_their_year() {
        let p = program(vec![
            course("A", Some(1), Some(1)),
            course("B", Some(2), Some(1)),
        ]);
        let s = Schedule::of(&p);
        assert_eq!(s.period(&"B".into()).unwrap().to_string(), "Y2 S1");
        assert!(
            s.period(&"A".into())
                .unwrap()
                .before(&s.period(&"B".into()).unwrap())
        );
    }

    #[test]
    fn introduced_in_several_courses_and_never_deeper_is_a_warning_in_one_a_note() {
        let several = run(&[("A", I), ("C", I)]);
        assert_eq!(codes(&several), [("never-reinforced", "warning")]);
        assert_eq!(several[0].get("count"), Some(&Arg::Count(2)));
        assert_eq!(codes(&run(&[("C", I)])), [("never-reinforced", "info")]);
        // Clean: reinforced later, even in a course without a period.
        assert!(run(&[("A", I), ("C", R)]).is_empty());
        assert!(run(&[("A", I), ("U", M)]).is_empty());
    }

    #[test]
    fn mastered_first_with_nothing_before_is_flagged() {
        let f = run(&[("B", M), ("D", M)]);
        assert_eq!(codes(&f), [("mastered-without-introduction", "warning")]);
        assert_eq!(
            f[0].to_string(),
            "warning[mastered-without-introduction]: competency=X period=S2 path=M (S2) → M (S5)"
        );
        // Clean: introduced in an earlier semester, or in the same one.
        assert!(run(&[("A", I), ("B", M)]).is_empty());
        assert!(run(&[("B", M), ("U", R)]).is_empty());
    }

    #[test]
    fn mastered_together_with_an_introduction_in_the_same_period_is_silent() {
        let p = program(vec![
            course("A", Some(1), Some(1)),
            course("A2", Some(1), Some(1)),
        ]);
        let addresses = [address("A", "X", M), address("A2", "X", I)];
        let progressions = progressions(&Schedule::of(&p), &addresses);
        assert!(findings(&["X".into()], &progressions).is_empty());
    }

    #[test]
    fn a_later_shallower_period_with_nothing_as_deep_after_regresses() {
        let f = run(&[("A", R), ("B", I)]);
        assert_eq!(codes(&f), [("depth-regresses", "warning")]);
        assert_eq!(
            f[0].to_string(),
            "warning[depth-regresses]: competency=X depth=R period=S1 later_depth=I later_period=S2 path=R (S1) → I (S2)"
        );
        // M then I then R: still never back to M.
        assert_eq!(
            codes(&run(&[("A", I), ("B", M), ("C", I), ("D", R)])),
            [("depth-regresses", "warning")]
        );
        // Clean: back to the deepest depth after a revision.
        assert!(run(&[("A", R), ("B", I), ("C", R)]).is_empty());
        assert!(run(&[("A", I), ("B", R), ("D", M)]).is_empty());
        // Shallower only in a course without a period: no order to judge.
        assert!(run(&[("A", I), ("B", R), ("U", I)]).is_empty());
    }
}
