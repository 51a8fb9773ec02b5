//! Pure functions over the graph and the records it was built from:
//! coverage per competency and per level, sequencing against prerequisites,
//! crosswalk coverage, targets, and findings with stable codes. No I/O, no
//! formatting beyond messages.

pub mod compare;
mod crosswalks;
pub mod demand;
mod targets;
pub mod time;

pub use crosswalks::{
    CrosswalkCoverage, CrosswalkItemCoverage, CrosswalkLevel, RollUp, crosswalk_coverage,
};
pub use targets::{TargetCheck, TargetResult, evaluate as evaluate_target};

use crate::framework::{Competency, FrameworkSet, Target};
use crate::graph::{Address, CurriculumGraph};
use crate::model::{
    Arg, CompetencyId, CourseCode, Curriculum, Depth, Finding, FindingCode, Program,
};
use std::collections::{BTreeMap, BTreeSet};

/// Coverage of one primary competency by one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyCoverage {
    pub id: CompetencyId,
    pub level: u8,
    pub covered: bool,
    /// Some mapping to it is explicit (not only suggested).
    pub explicit: bool,
    pub deepest: Option<Depth>,
    /// Courses teaching it, sorted by code.
    pub courses: Vec<CourseCode>,
    pub first_year: Option<u8>,
    pub last_year: Option<u8>,
    /// Deepest depth reached in each year; courses without a year are left out.
    pub by_year: BTreeMap<u8, Depth>,
    /// Deepest depth taught in courses whose year is unknown.
    pub yearless: Option<Depth>,
}

/// Coverage of one level.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelCoverage {
    pub number: u8,
    pub total: usize,
    pub covered: usize,
    /// Covered by at least one explicit mapping.
    pub covered_explicit: usize,
}

/// Everything a programme report says.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramAnalysis {
    pub program: String,
    pub levels: Vec<LevelCoverage>,
    /// In framework order.
    pub competencies: Vec<CompetencyCoverage>,
    /// Every mapping, rolled up onto primary competencies.
    pub addresses: Vec<Address>,
    /// Sorted by severity, code, then message.
    pub findings: Vec<Finding>,
    /// Years that have at least one course, ascending.
    pub years: Vec<u8>,
    /// The crosswalk frameworks the programme's mappings name, by id.
    pub crosswalks: Vec<CrosswalkCoverage>,
    /// The programme against a target, when one was asked for.
    pub target: Option<TargetResult>,
    /// Teaching time per competency, level and year.
    pub time: time::TimeAttribution,
}

impl ProgramAnalysis {
    pub fn coverage(&self, id: &CompetencyId) -> Option<&CompetencyCoverage> {
        self.competencies.iter().find(|c| &c.id == id)
    }

    /// Compares the programme with a target, adding the result and its
    /// `target-not-met` findings.
    pub fn with_target(mut self, target: &Target) -> Self {
        let (result, findings) = evaluate_target(target, &self);
        self.findings.extend(findings);
        sort_findings(&mut self.findings);
        self.target = Some(result);
        self
    }
}

/// By severity, code, message, then location; no repeats.
fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (a.severity, a.code, &a.args, &a.location).cmp(&(b.severity, b.code, &b.args, &b.location))
    });
    findings.dedup();
}

/// Analyses every programme. `extra` holds findings met before analysis
/// (import problems, graph findings); each programme gets those that
/// concern it (see [`Finding::concerns`]).
pub fn analyse(
    frameworks: &FrameworkSet,
    curriculum: &Curriculum,
    graph: &CurriculumGraph,
    extra: &[Finding],
) -> Vec<ProgramAnalysis> {
    curriculum
        .programs
        .iter()
        .map(|p| {
            let mine: Vec<Finding> = extra.iter().filter(|f| f.concerns(p)).cloned().collect();
            analyse_program(frameworks, p, graph, mine)
        })
        .collect()
}

fn analyse_program(
    frameworks: &FrameworkSet,
    program: &Program,
    graph: &CurriculumGraph,
    mut findings: Vec<Finding>,
) -> ProgramAnalysis {
    let primary = &frameworks.primary;
    let addresses = graph.addresses(&program.name);
    let mut by_competency: BTreeMap<&CompetencyId, Vec<&Address>> = BTreeMap::new();
    for a in &addresses {
        by_competency.entry(&a.competency).or_default().push(a);
    }
    let competencies: Vec<CompetencyCoverage> = primary
        .competencies
        .iter()
        .filter_map(|c| {
            let level = c.level?;
            let list = by_competency.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
            Some(coverage(c, level, list, program))
        })
        .collect();

    let levels = primary
        .levels
        .iter()
        .map(|l| {
            let of_level = || competencies.iter().filter(|c| c.level == l.number);
            LevelCoverage {
                number: l.number,
                total: of_level().count(),
                covered: of_level().filter(|c| c.covered).count(),
                covered_explicit: of_level().filter(|c| c.explicit).count(),
            }
        })
        .collect();

    findings.extend(coverage_findings(program, &competencies, graph));
    findings.extend(course_findings(program, &addresses));
    sort_findings(&mut findings);

    let years: BTreeSet<u8> = program.courses.iter().filter_map(|c| c.year).collect();
    ProgramAnalysis {
        program: program.name.clone(),
        levels,
        competencies,
        findings,
        years: years.into_iter().collect(),
        crosswalks: crosswalk_coverage(frameworks, &graph.named_mappings(&program.name)),
        target: None,
        time: time::attribute(program, &addresses, |id| {
            primary.competency(id).and_then(|c| c.level)
        }),
        addresses,
    }
}

fn coverage(c: &Competency, level: u8, list: &[&Address], program: &Program) -> CompetencyCoverage {
    let mut by_year: BTreeMap<u8, Depth> = BTreeMap::new();
    let mut yearless: Option<Depth> = None;
    let mut courses: BTreeSet<CourseCode> = BTreeSet::new();
    for a in list {
        courses.insert(a.course.clone());
        match program.course(&a.course).and_then(|c| c.year) {
            Some(y) => {
                let d = by_year.entry(y).or_insert(a.depth);
                *d = (*d).max(a.depth);
            }
            None => yearless = yearless.max(Some(a.depth)),
        }
    }
    CompetencyCoverage {
        id: c.id.clone(),
        level,
        covered: !list.is_empty(),
        explicit: list.iter().any(|a| a.origin.is_explicit()),
        deepest: list.iter().map(|a| a.depth).max(),
        courses: courses.into_iter().collect(),
        first_year: by_year.keys().next().copied(),
        last_year: by_year.keys().next_back().copied(),
        by_year,
        yearless,
    }
}

fn coverage_findings(
    program: &Program,
    competencies: &[CompetencyCoverage],
    graph: &CurriculumGraph,
) -> Vec<Finding> {
    let by_id: BTreeMap<&CompetencyId, &CompetencyCoverage> =
        competencies.iter().map(|c| (&c.id, c)).collect();
    let mut out = Vec::new();
    for c in competencies {
        if !c.covered {
            out.push(
                Finding::of(FindingCode::UncoveredCompetency)
                    .arg("level", Arg::Count(usize::from(c.level)))
                    .arg("competency", Arg::Competency(c.id.clone())),
            );
            continue;
        }
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
            if let (Some(mine), Some(theirs)) = (c.first_year, pre.first_year)
                && theirs > mine
            {
                // Courses without a year may teach the prerequisite earlier:
                // say so rather than claim "only from".
                let undated = courses_in_year(program, pre, None);
                out.push(
                    Finding::of(FindingCode::TaughtBeforePrerequisite)
                        .arg("competency", Arg::Competency(c.id.clone()))
                        .arg("year", Arg::Year(mine))
                        .arg(
                            "courses",
                            Arg::Courses(courses_in_year(program, c, Some(mine))),
                        )
                        .arg("prerequisite", Arg::Competency(p.clone()))
                        .arg("prerequisite_year", Arg::Year(theirs))
                        .arg(
                            "prerequisite_courses",
                            Arg::Courses(courses_in_year(program, pre, Some(theirs))),
                        )
                        .arg("undated_count", Arg::Count(undated.len()))
                        .arg("undated", Arg::Courses(undated)),
                );
            }
        }
    }
    out
}

/// The courses teaching a competency in one year (`None`: in no given
/// year).
fn courses_in_year(program: &Program, c: &CompetencyCoverage, year: Option<u8>) -> Vec<CourseCode> {
    c.courses
        .iter()
        .filter(|code| program.course(code).is_some_and(|c| c.year == year))
        .cloned()
        .collect()
}

fn course_findings(program: &Program, addresses: &[Address]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mapped: BTreeSet<&CourseCode> = addresses.iter().map(|a| &a.course).collect();
    for course in &program.courses {
        if !mapped.contains(&course.code) {
            out.push(
                Finding::of(FindingCode::OrphanCourse)
                    .arg("course", Arg::Course(course.code.clone()))
                    .arg("title", Arg::Text(course.title.clone()))
                    .at(course.location.clone()),
            );
        }
    }
    out
}
