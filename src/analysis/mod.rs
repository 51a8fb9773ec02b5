//! Pure functions over the graph and the records it was built from:
//! coverage per competency and per level, progression over the periods
//! (`progression`), sequencing against prerequisites (`sequencing`), the
//! integrity of the map (`integrity`), crosswalk coverage, targets, and
//! findings with stable codes and typed parameters. No I/O, no words: the
//! rules, thresholds and severities are listed in `docs/analysis.md`.

pub mod compare;
mod crosswalks;
pub mod demand;
pub mod integrity;
pub mod progression;
pub mod recommend;
pub mod sequencing;
mod targets;
pub mod time;

pub use crosswalks::{
    CrosswalkCoverage, CrosswalkItemCoverage, CrosswalkLevel, RollUp, crosswalk_coverage,
};
pub use recommend::{Host, Reason, Recommendation, Recommender};
pub use targets::{TargetCheck, TargetResult, evaluate as evaluate_target};

use crate::framework::{Competency, FrameworkSet, Target};
use crate::graph::{Address, CurriculumGraph};
use crate::model::{
    Arg, CompetencyId, CourseCode, Curriculum, Depth, Finding, FindingCode, Program, Severity,
};
use progression::{Progression, Schedule};
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgramAnalysis {
    pub program: String,
    pub levels: Vec<LevelCoverage>,
    /// In framework order.
    pub competencies: Vec<CompetencyCoverage>,
    /// Every mapping, rolled up onto primary competencies.
    pub addresses: Vec<Address>,
    /// In the order a committee should act on them (see [`sort_findings`]).
    pub findings: Vec<Finding>,
    /// Years that have at least one course, ascending.
    pub years: Vec<u8>,
    /// The crosswalk frameworks the programme's mappings name, by id.
    pub crosswalks: Vec<CrosswalkCoverage>,
    /// The programme against a target, when one was asked for.
    pub target: Option<TargetResult>,
    /// Teaching time per competency, level and year.
    pub time: time::TimeAttribution,
    /// Where to teach each competency not taught, or not deeply enough for
    /// the target, in framework order (see [`recommend`]).
    pub recommendations: Vec<Recommendation>,
    /// How each taught competency is taught over the periods, by id.
    pub progressions: BTreeMap<CompetencyId, Progression>,
    /// The taught competencies in an order to teach them: each after its
    /// prerequisites (see [`sequencing::teaching_order`]).
    pub teaching_order: Vec<CompetencyId>,
}

impl ProgramAnalysis {
    pub fn coverage(&self, id: &CompetencyId) -> Option<&CompetencyCoverage> {
        self.competencies.iter().find(|c| &c.id == id)
    }

    /// Compares the programme with a target, adding the result and its
    /// `target-not-met` findings, and marking the recommendations of the
    /// competencies it requires. Recommendations for competencies taught
    /// less deeply than the target requires need the programme and the
    /// graph: [`analyse_against`] adds them.
    pub fn with_target(mut self, target: &Target) -> Self {
        let (result, findings) = evaluate_target(target, &self);
        self.findings.extend(findings);
        sort_findings(&mut self.findings);
        for r in &mut self.recommendations {
            r.required = result
                .checks
                .iter()
                .find(|c| c.competency == r.competency && !c.met)
                .map(|c| c.required);
        }
        self.target = Some(result);
        self
    }
}

/// Findings in the order a committee should act on them: by severity
/// (errors, then warnings, then notes), then by [`action_rank`], then by
/// parameters (so the levels of `uncovered-competency` come in order) and
/// location; no repeats.
fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (
            a.severity,
            action_rank(a.code),
            a.code,
            &a.args,
            &a.location,
        )
            .cmp(&(
                b.severity,
                action_rank(b.code),
                b.code,
                &b.args,
                &b.location,
            ))
    });
    findings.dedup();
}

/// Within one severity, what to act on first:
/// 0. what the programme does not teach: `uncovered-competency`,
///    `target-not-met`, and `prerequisite-never-taught` (a taught
///    competency whose foundation is missing);
/// 1. the order of teaching: `taught-before-prerequisite`,
///    `course-prerequisite-later`, `course-prerequisite-cycle`;
/// 2. the depth over time: `mastered-without-introduction`,
///    `depth-regresses`, `never-reinforced`;
/// 3. the map itself, which the figures rest on: unknown ids, unreadable
///    or inconsistent rows, duplicates, framework and review problems;
/// 4. what is only worth knowing: `redundant-coverage`, and courses and
///    outcomes that reach no competency.
fn action_rank(code: FindingCode) -> u8 {
    use FindingCode::*;
    match code {
        UncoveredCompetency | TargetNotMet | PrerequisiteNeverTaught => 0,
        TaughtBeforePrerequisite | CoursePrerequisiteLater | CoursePrerequisiteCycle => 1,
        MasteredWithoutIntroduction | DepthRegresses | NeverReinforced => 2,
        UnknownCompetency
        | UnknownPrerequisiteCourse
        | InvalidValue
        | DuplicateOutcome
        | InconsistentCourse
        | DuplicateColumn
        | MissingCourse
        | FrameworkError
        | FrameworkWarning
        | EncodingAssumed
        | SkippedSheet
        | SkippedFile
        | HtmlRemoved
        | ProgrammeOutcome
        | UnresolvedReference
        | RaggedRow
        | VariantSpelling
        | RepeatedHeader
        | RepeatedOutcome
        | UnusedEvent
        | UnmatchedReviewRow
        | PostingWithoutText
        | UnreadablePosting => 3,
        RedundantCoverage | OrphanCourse | OrphanOutcome => 4,
    }
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
    analyse_against(frameworks, curriculum, graph, extra, None)
}

/// [`analyse`], then each programme against `target` when one is given
/// ([`ProgramAnalysis::with_target`]), with recommendations for what the
/// target requires as well as for what is not taught.
pub fn analyse_against(
    frameworks: &FrameworkSet,
    curriculum: &Curriculum,
    graph: &CurriculumGraph,
    extra: &[Finding],
    target: Option<&Target>,
) -> Vec<ProgramAnalysis> {
    let recommender = Recommender::new(frameworks, graph);
    curriculum
        .programs
        .iter()
        .map(|p| {
            let mine: Vec<Finding> = extra.iter().filter(|f| f.concerns(p)).cloned().collect();
            let mut a = analyse_program(frameworks, p, graph, mine);
            if let Some(t) = target {
                a = a.with_target(t);
            }
            a.recommendations = recommender.recommend(p, &a.competencies, a.target.as_ref());
            a
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

    let schedule = Schedule::of(program);
    let progressions = progression::progressions(&schedule, &addresses);
    let order: Vec<CompetencyId> = competencies.iter().map(|c| c.id.clone()).collect();
    findings.extend(uncovered_findings(&competencies));
    findings.extend(sequencing::prerequisite_findings(
        &schedule,
        &competencies,
        &progressions,
        graph,
    ));
    findings.extend(sequencing::course_findings(program, &schedule, graph));
    findings.extend(progression::findings(&order, &progressions));
    findings.extend(integrity::orphan_findings(program, &addresses));
    findings.extend(integrity::duplicate_text_findings(program));
    findings.extend(integrity::redundancy_findings(
        &order,
        &schedule,
        &progressions,
    ));
    sort_findings(&mut findings);
    let teaching_order = sequencing::teaching_order(&competencies, &progressions, graph);

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
        recommendations: Vec::new(),
        progressions,
        teaching_order,
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

/// One `uncovered-competency` per level with competencies no course
/// teaches, listing them in framework order. A warning, except for a level
/// above 0 of which the programme teaches nothing at all: that says what
/// the programme is not about (a nursing diploma and AI engineering), a
/// note; a target (`--target`) says when it should be.
fn uncovered_findings(competencies: &[CompetencyCoverage]) -> Vec<Finding> {
    let mut by_level: BTreeMap<u8, (usize, Vec<CompetencyId>)> = BTreeMap::new();
    for c in competencies {
        let e = by_level.entry(c.level).or_default();
        e.0 += 1;
        if !c.covered {
            e.1.push(c.id.clone());
        }
    }
    by_level
        .into_iter()
        .filter(|(_, (_, missing))| !missing.is_empty())
        .map(|(level, (total, missing))| {
            let mut f = Finding::of(FindingCode::UncoveredCompetency)
                .arg("level", Arg::Count(usize::from(level)))
                .arg("count", Arg::Count(missing.len()))
                .arg("total", Arg::Count(total))
                .arg("competencies", Arg::Competencies(missing.clone()));
            if level > 0 && missing.len() == total {
                f.severity = Severity::Info;
            }
            f
        })
        .collect()
}
