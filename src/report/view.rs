//! View models: small structs made only to feed the templates and the JSON
//! summary, with every number already formatted and every list sorted.

use super::SourceNames;
use super::words::Words;
use crate::analysis::{CompetencyCoverage, ProgramAnalysis};
use crate::framework::{FrameworkSet, Lang};
use crate::model::{Curriculum, Depth, Finding, FindingCode, Origin, Program, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A percentage for display and for bar widths: `42`.
fn percent(part: usize, total: usize) -> u32 {
    if total == 0 {
        0
    } else {
        ((part as f64 / total as f64) * 100.0).round() as u32
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    pub number: u8,
    pub key: String,
    /// In the page's language.
    pub name: String,
    /// "12 of 17 competencies taught (71%)"
    pub taught: String,
    /// "9 with an explicit mapping"
    pub explicit_line: String,
    pub total: usize,
    pub covered: usize,
    pub covered_explicit: usize,
    pub percent: u32,
    pub percent_explicit: u32,
    /// Share covered only by suggested mappings (for the bar).
    pub percent_suggested: u32,
    /// Competency rows of this level, grouped by domain.
    pub domains: Vec<DomainView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainView {
    pub name: String,
    /// Competencies taught, one row each.
    pub rows: Vec<CompetencyRow>,
    /// Competencies not taught, shown in one line: `id title` each.
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompetencyRow {
    pub id: String,
    pub title: String,
    pub covered: bool,
    pub explicit: bool,
    pub depth: String,
    /// One cell per year column of the programme (then "year unknown" when
    /// some course has no year).
    pub cells: Vec<YearCell>,
    pub courses: String,
    /// The depth path: `I (S1) → R (S3) → M (S5)`.
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearCell {
    /// `I`, `R`, `M`, or empty.
    pub depth: String,
    /// `explicit` when some mapping that year is explicit, `suggested` when
    /// all are suggested, empty when not taught.
    pub origin: &'static str,
    pub tooltip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub code: &'static str,
    pub severity: &'static str,
    /// The severity in the page's language.
    pub severity_name: String,
    pub message: String,
    /// What this kind of finding means, in one plain line.
    pub explanation: String,
    /// Where the finding was met (file, sheet, row, column); null when it
    /// concerns the programme as a whole.
    pub location: Option<String>,
}

impl FindingView {
    /// The finding as reports show it, in the words of `w`, its file named
    /// by `names`.
    pub fn new(frameworks: &FrameworkSet, w: &Words, f: &Finding, names: &SourceNames) -> Self {
        FindingView {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            severity_name: w.severity(f.severity),
            message: w.finding(Some(frameworks), f),
            explanation: w.explain(f.code),
            location: f.location.as_ref().map(|l| {
                let mut l = l.clone();
                l.file = names.name(&l.file);
                l.to_string()
            }),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MappingView {
    pub competency: String,
    pub level: Option<u8>,
    pub depth: &'static str,
    pub origin: &'static str,
    pub score: Option<f32>,
    /// The score as the page prints it.
    pub score_text: String,
    /// Each piece as its gist and its detail (see [`Words::evidence_parts`]).
    pub evidence: Vec<(String, String)>,
    /// The crosswalk id the mapping named, when rolled up.
    pub via: Option<String>,
    /// Origin and depth in one line, for hover text.
    pub tooltip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    pub id: String,
    pub text: String,
    pub mappings: Vec<MappingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseView {
    pub code: String,
    pub title: String,
    pub year: Option<u8>,
    pub semester: Option<u8>,
    pub ects: Option<f64>,
    pub hours: Option<f64>,
    pub prerequisites: Vec<String>,
    /// Mappings written on the course itself.
    pub mappings: Vec<MappingView>,
    pub outcomes: Vec<OutcomeView>,
    /// "year 2 · S3 · 3 ECTS · 30 h"
    pub facts: String,
    /// Some mapping of the course or its outcomes reaches a competency.
    pub mapped: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingCounts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub total: usize,
}

/// Everything one programme page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramView {
    #[serde(skip)]
    pub lang: Lang,
    pub name: String,
    pub slug: String,
    /// "12 courses · 40 learning outcomes · 3 explicit and 20 suggested mappings"
    pub meta: String,
    pub sources: Vec<String>,
    pub course_count: usize,
    pub outcome_count: usize,
    pub levels: Vec<LevelView>,
    /// Column headers of the coverage table: "Year 1"…, then "Year ?".
    pub year_columns: Vec<String>,
    pub findings: Vec<FindingView>,
    /// Findings of severity warning or above except uncovered
    /// competencies: the problems "what to do next" counts.
    pub problems: Vec<FindingView>,
    /// Findings the page's table lists one by one, in the analysis's order:
    /// everything of severity warning or above.
    pub listed: Vec<FindingView>,
    /// Findings of severity info, except courses and outcomes that teach
    /// no competency.
    pub notes: Vec<FindingView>,
    /// Courses that teach no competency, as `code title`: one folded line.
    pub orphans: Vec<String>,
    /// How many outcomes of courses that teach something map to nothing
    /// (`orphan-outcome`): one folded line.
    pub orphan_outcomes: usize,
    /// The taught competencies in an order to teach them, as `id title`.
    pub order: Vec<String>,
    pub counts: FindingCounts,
    /// "0 errors · 3 warnings · 1 note"
    pub counts_line: String,
    /// Courses some mapping reaches, sorted by year (unknown last), then code.
    pub courses: Vec<CourseView>,
    pub suggested_count: usize,
    pub explicit_count: usize,
    /// The crosswalk frameworks the programme's mappings name.
    pub crosswalks: Vec<CrosswalkView>,
    /// The programme against the target asked for with `--target`.
    pub target: Option<TargetView>,
    /// Every suggested mapping with its evidence, for the review table.
    pub suggestions: Vec<SuggestionRow>,
    /// What to do next, most useful first (see `advice::next_steps`).
    pub next: Vec<String>,
    /// "12 more recommendations are listed under Recommendations."
    pub next_more: Option<String>,
    /// Where to teach what is missing, most useful first.
    pub recommendations: Vec<super::advice::RecommendationView>,
    pub recommendations_legend: String,
    /// Levels left out of the table, one line each.
    pub recommendations_folded: Vec<String>,
    /// Teaching time, when some course gives hours or credits.
    pub hours: Option<HoursView>,
    /// Inline SVG charts, already rendered.
    pub charts: ChartsView,
    /// Supply against demand (`report --demand`), filled in by
    /// [`super::demand::balance_view`].
    #[serde(skip)]
    pub supply_demand: Option<super::demand::BalanceView>,
}

/// Hours per level and year, with the rule that attributed them.
#[derive(Debug, Clone, Serialize)]
pub struct HoursView {
    pub summary: String,
    pub estimated: Option<String>,
    /// Column headers: the years.
    pub columns: Vec<String>,
    /// One row per level: name, then hours per year.
    pub rows: Vec<(String, Vec<String>)>,
}

/// The page's charts as inline SVG (empty when there is nothing to draw).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChartsView {
    pub levels: String,
    pub heatmap: String,
    pub graph: String,
    pub hours: String,
}

/// A crosswalk framework as a programme uses it, and what it rolls up onto.
#[derive(Debug, Clone, Serialize)]
pub struct CrosswalkView {
    pub id: String,
    pub version: String,
    pub title: String,
    pub covered: usize,
    pub total: usize,
    /// Primary competencies reached through the crosswalk, per level.
    pub levels: Vec<CrosswalkLevelView>,
    pub items: Vec<CrosswalkItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrosswalkLevelView {
    pub number: u8,
    pub reached: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrosswalkItemView {
    pub id: String,
    pub title: String,
    pub covered: bool,
    pub explicit: bool,
    /// Deepest depth marked on the item, or empty.
    pub depth: String,
    pub courses: Vec<String>,
    pub rolls_up: Vec<RollUpView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RollUpView {
    pub competency: String,
    pub level: Option<u8>,
    /// The depth the crosswalk implies, or empty.
    pub implied: String,
    /// The depth the programme reaches through the item, or empty.
    pub reached: String,
}

/// A programme against a target.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub id: String,
    pub title: String,
    pub met: usize,
    pub total: usize,
    pub percent: u32,
    /// "9 of 17 requirements met (53%)"
    pub met_line: String,
    pub rows: Vec<TargetRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    pub competency: String,
    pub title: String,
    pub level: u8,
    pub required: &'static str,
    /// `I`, `R`, `M`, or empty when not taught.
    pub reached: String,
    pub met: bool,
    pub explicit: bool,
}

fn crosswalk_views(
    frameworks: &FrameworkSet,
    analysis: &ProgramAnalysis,
    lang: Lang,
) -> Vec<CrosswalkView> {
    analysis
        .crosswalks
        .iter()
        .filter_map(|cw| {
            let fw = frameworks.framework(&cw.framework)?;
            let letter = |d: Option<Depth>| d.map(|d| d.letter().to_owned()).unwrap_or_default();
            Some(CrosswalkView {
                id: fw.id.clone(),
                version: fw.version.clone(),
                title: fw.title.get(lang).to_owned(),
                covered: cw.covered,
                total: cw.items.len(),
                levels: cw
                    .levels
                    .iter()
                    .map(|l| CrosswalkLevelView {
                        number: l.number,
                        reached: l.reached,
                        total: l.total,
                    })
                    .collect(),
                items: cw
                    .items
                    .iter()
                    .map(|i| CrosswalkItemView {
                        id: i.id.to_string(),
                        title: fw
                            .competency(&i.id)
                            .map(|c| c.title.get(lang).to_owned())
                            .unwrap_or_default(),
                        covered: i.covered,
                        explicit: i.explicit,
                        depth: letter(i.depth),
                        courses: i.courses.iter().map(|c| c.to_string()).collect(),
                        rolls_up: i
                            .rolls_up
                            .iter()
                            .map(|r| RollUpView {
                                competency: r.competency.to_string(),
                                level: r.level,
                                implied: letter(r.implied),
                                reached: letter(r.reached),
                            })
                            .collect(),
                    })
                    .collect(),
            })
        })
        .collect()
}

fn target_view(
    frameworks: &FrameworkSet,
    analysis: &ProgramAnalysis,
    w: &Words,
) -> Option<TargetView> {
    let t = analysis.target.as_ref()?;
    let lang = w.lang();
    let share = percent(t.met, t.checks.len());
    Some(TargetView {
        id: t.target.clone(),
        title: t.title.get(lang).to_owned(),
        met: t.met,
        total: t.checks.len(),
        percent: share,
        met_line: w.fmt(
            "requirements-met",
            &[
                ("met", t.met.into()),
                ("total", t.checks.len().into()),
                ("percent", w.percent(share).into()),
            ],
        ),
        rows: t
            .checks
            .iter()
            .map(|c| TargetRow {
                competency: c.competency.to_string(),
                title: frameworks
                    .primary
                    .competency(&c.competency)
                    .map(|x| x.title.get(lang).to_owned())
                    .unwrap_or_default(),
                level: c.level,
                required: c.required.letter(),
                reached: c.reached.map(|d| d.letter().to_owned()).unwrap_or_default(),
                met: c.met,
                explicit: c.explicit,
            })
            .collect(),
    })
}

/// A suggested mapping in the review table of a programme page.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionRow {
    pub course: String,
    /// Outcome id, empty for a suggestion on the course itself.
    pub outcome: String,
    /// The outcome text (or the course title).
    pub text: String,
    pub competency: String,
    /// The competency's title in the page's language.
    pub title: String,
    pub depth: &'static str,
    /// Two decimals, the reader's way.
    pub score: String,
    /// Each piece as its gist and its detail (empty, or the model's weights).
    pub evidence: Vec<(String, String)>,
}

fn suggestion_rows(
    frameworks: &FrameworkSet,
    courses: &[CourseView],
    lang: Lang,
) -> Vec<SuggestionRow> {
    let mut rows = Vec::new();
    for c in courses {
        let course_level = c.mappings.iter().map(|m| ("", c.title.as_str(), m));
        let outcome_level = c.outcomes.iter().flat_map(|o| {
            o.mappings
                .iter()
                .map(move |m| (o.id.as_str(), o.text.as_str(), m))
        });
        for (outcome, text, m) in course_level.chain(outcome_level) {
            if m.score.is_none() || m.via.is_some() {
                continue;
            }
            rows.push(SuggestionRow {
                course: c.code.clone(),
                outcome: outcome.to_owned(),
                text: text.to_owned(),
                competency: m.competency.clone(),
                title: frameworks
                    .find(&crate::model::CompetencyId::new(m.competency.as_str()))
                    .map(|f| f.competency.title.get(lang).to_owned())
                    .unwrap_or_default(),
                depth: m.depth,
                score: m.score_text.clone(),
                evidence: m.evidence.clone(),
            });
        }
    }
    rows
}

pub fn program_view(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    slug: String,
    names: &SourceNames,
    w: &Words,
) -> ProgramView {
    let lang = w.lang();
    let primary = &frameworks.primary;
    let has_yearless = program.courses.iter().any(|c| c.year.is_none());
    let mut year_columns: Vec<String> = analysis
        .years
        .iter()
        .map(|y| w.fmt("year-n", &[("year", (*y).into())]))
        .collect();
    if has_yearless {
        year_columns.push(w.t("year-unknown"));
    }

    // Which (competency, year) pairs have an explicit mapping, to tell
    // suggested-only cells apart.
    let mut explicit_years: BTreeMap<(&str, Option<u8>), bool> = BTreeMap::new();
    for a in &analysis.addresses {
        let year = program.course(&a.course).and_then(|c| c.year);
        let e = explicit_years
            .entry((a.competency.as_str(), year))
            .or_insert(false);
        *e |= a.origin.is_explicit();
    }

    let levels = primary
        .levels
        .iter()
        .map(|level| {
            let cov = analysis.levels.iter().find(|l| l.number == level.number);
            let (total, covered, covered_explicit) = cov
                .map(|c| (c.total, c.covered, c.covered_explicit))
                .unwrap_or((0, 0, 0));
            let of_level: Vec<(&str, &CompetencyCoverage)> = analysis
                .competencies
                .iter()
                .filter(|c| c.level == level.number)
                .map(|c| {
                    let comp = primary.competency(&c.id);
                    (comp.and_then(|x| x.domain.as_deref()).unwrap_or(""), c)
                })
                .collect();
            // Group by domain in the framework's domain order; competencies
            // keep file order within their domain.
            let mut domains: Vec<DomainView> = Vec::new();
            let mut order: Vec<&str> = primary.domains.iter().map(|d| d.id.as_str()).collect();
            for (domain, _) in &of_level {
                if !order.contains(domain) {
                    order.push(domain);
                }
            }
            for id in order {
                let members: Vec<&CompetencyCoverage> = of_level
                    .iter()
                    .filter(|(d, _)| *d == id)
                    .map(|(_, c)| *c)
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let name = primary
                    .domain(id)
                    .map(|d| d.title.get(lang).to_owned())
                    .unwrap_or_else(|| id.to_owned());
                domains.push(DomainView {
                    name,
                    rows: members
                        .iter()
                        .filter(|c| c.covered)
                        .map(|c| {
                            competency_row(
                                frameworks,
                                c,
                                analysis,
                                &explicit_years,
                                has_yearless,
                                w,
                            )
                        })
                        .collect(),
                    gaps: members
                        .iter()
                        .filter(|c| !c.covered)
                        .map(|c| {
                            let title = primary
                                .competency(&c.id)
                                .map(|x| x.title.get(lang))
                                .unwrap_or("");
                            format!("{} {title}", c.id)
                        })
                        .collect(),
                });
            }
            let percent_all = percent(covered, total);
            let percent_explicit = percent(covered_explicit, total);
            LevelView {
                number: level.number,
                key: level.key.clone(),
                name: level.title.get(lang).to_owned(),
                taught: w.fmt(
                    "taught-of",
                    &[
                        ("covered", covered.into()),
                        ("total", total.into()),
                        ("percent", w.percent(percent_all).into()),
                    ],
                ),
                explicit_line: w.fmt("explicit-count", &[("count", covered_explicit.into())]),
                total,
                covered,
                covered_explicit,
                percent: percent_all,
                percent_explicit,
                percent_suggested: percent_all.saturating_sub(percent_explicit),
                domains,
            }
        })
        .collect();

    let mut mappings = mapping_index(frameworks, analysis, w);
    let mut courses: Vec<CourseView> = program
        .courses
        .iter()
        .map(|c| course_view(c, &mut mappings, w))
        .collect();
    // Year, then semester, then code as people count: UE 2.2 before UE 2.11.
    courses.sort_by_cached_key(|c| {
        (
            c.year.is_none(),
            c.year,
            c.semester,
            crate::text::natural_key(&c.code),
            c.code.clone(),
        )
    });

    let suggestions = suggestion_rows(frameworks, &courses, lang);
    let view = |f: &Finding| FindingView::new(frameworks, w, f, names);
    let findings: Vec<FindingView> = analysis.findings.iter().map(view).collect();
    let problems = analysis
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info && f.code != FindingCode::UncoveredCompetency)
        .map(view)
        .collect::<Vec<_>>();
    let mut listed: Vec<FindingView> = analysis
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(view)
        .collect();
    explain_once(&mut listed);
    let folded = [FindingCode::OrphanCourse, FindingCode::OrphanOutcome];
    let mut notes: Vec<FindingView> = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info && !folded.contains(&f.code))
        .map(view)
        .collect();
    explain_once(&mut notes);
    let orphan_outcomes = analysis
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::OrphanOutcome)
        .count();
    let order = analysis
        .teaching_order
        .iter()
        .map(|id| {
            let title = primary
                .competency(id)
                .map(|c| c.title.get(lang))
                .unwrap_or("");
            format!("{id} {title}")
        })
        .collect();
    let orphans = courses
        .iter()
        .filter(|c| !c.mapped)
        .map(|c| format!("{} {}", c.code, c.title))
        .collect();
    let count = |s: Severity| analysis.findings.iter().filter(|f| f.severity == s).count();
    let counts = FindingCounts {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        total: findings.len(),
    };
    let counts_line = [
        (Severity::Error, counts.errors),
        (Severity::Warning, counts.warnings),
        (Severity::Info, counts.infos),
    ]
    .iter()
    .map(|&(s, n)| w.severity_count(s, n))
    .collect::<Vec<_>>()
    .join(" · ");
    let suggested_count = analysis
        .addresses
        .iter()
        .filter(|a| !a.origin.is_explicit())
        .count();
    let explicit_count = analysis.addresses.len() - suggested_count;
    let meta = [
        w.fmt("count-courses", &[("count", program.courses.len().into())]),
        w.fmt(
            "count-outcomes",
            &[("count", program.outcome_count().into())],
        ),
        w.fmt(
            "mappings-line",
            &[
                ("explicit", explicit_count.into()),
                ("suggested", suggested_count.into()),
            ],
        ),
    ]
    .join(" · ");
    let (next, next_more) = super::advice::next_steps(
        frameworks,
        program,
        analysis,
        problems.len(),
        suggested_count,
        w,
    );
    courses.retain(|c| c.mapped);
    ProgramView {
        lang,
        name: program.name.clone(),
        slug,
        meta,
        sources: program.sources.iter().map(|s| names.name(s)).collect(),
        course_count: program.courses.len(),
        outcome_count: program.outcome_count(),
        levels,
        year_columns,
        counts,
        counts_line,
        findings,
        problems,
        listed,
        notes,
        orphans,
        orphan_outcomes,
        order,
        courses,
        suggested_count,
        explicit_count,
        crosswalks: crosswalk_views(frameworks, analysis, lang),
        target: target_view(frameworks, analysis, w),
        suggestions,
        next,
        next_more,
        recommendations: super::advice::recommendation_views(frameworks, program, analysis, w),
        recommendations_legend: super::advice::legend(w),
        recommendations_folded: super::advice::folded_levels(frameworks, analysis, w),
        hours: hours_view(frameworks, analysis, w),
        charts: super::figures::charts(frameworks, program, analysis, w),
        supply_demand: None,
    }
}

/// Explains a kind of finding on its first row only: findings of one code
/// are listed together, and the same line under each would be noise.
fn explain_once(rows: &mut [FindingView]) {
    let mut last = "";
    for r in rows.iter_mut() {
        if r.code == last {
            r.explanation.clear();
        }
        last = r.code;
    }
}

fn hours_view(
    frameworks: &FrameworkSet,
    analysis: &ProgramAnalysis,
    w: &Words,
) -> Option<HoursView> {
    let t = &analysis.time;
    if !t.known {
        return None;
    }
    let years: BTreeSet<Option<u8>> = t.by_year_level.keys().map(|(y, _)| *y).collect();
    let columns = years
        .iter()
        .map(|y| match y {
            Some(y) => w.fmt("year-n", &[("year", (*y).into())]),
            None => w.t("year-unknown"),
        })
        .collect();
    let rows = frameworks
        .primary
        .levels
        .iter()
        .map(|l| {
            let name = format!(
                "{} {}",
                w.fmt("level-short", &[("number", l.number.into())]),
                l.title.get(w.lang())
            );
            let cells = years
                .iter()
                .map(|y| {
                    let h = t.by_year_level.get(&(*y, l.number)).copied().unwrap_or(0.0);
                    w.hours(h)
                })
                .collect();
            (name, cells)
        })
        .collect();
    Some(HoursView {
        summary: w.fmt(
            "hours-total",
            &[
                ("hours", w.hours(t.attributed).into()),
                ("all", w.hours(t.total).into()),
            ],
        ),
        estimated: t.estimated.then(|| {
            w.fmt(
                "hours-estimated",
                &[(
                    "rate",
                    w.hours(crate::analysis::time::HOURS_PER_ECTS).into(),
                )],
            )
        }),
        columns,
        rows,
    })
}

fn competency_row(
    frameworks: &FrameworkSet,
    c: &CompetencyCoverage,
    analysis: &ProgramAnalysis,
    explicit_years: &BTreeMap<(&str, Option<u8>), bool>,
    has_yearless: bool,
    w: &Words,
) -> CompetencyRow {
    let comp = frameworks.primary.competency(&c.id);
    let cell = |depth: Option<Depth>, year: Option<u8>| {
        let Some(d) = depth else {
            return YearCell {
                depth: String::new(),
                origin: "",
                tooltip: String::new(),
            };
        };
        let explicit = explicit_years
            .get(&(c.id.as_str(), year))
            .copied()
            .unwrap_or(false);
        let when = match year {
            Some(y) => w.fmt("year-lower", &[("year", y.into())]),
            None => w.t("year-lower-unknown"),
        };
        let key = if explicit {
            "tooltip-cell"
        } else {
            "tooltip-cell-suggested"
        };
        YearCell {
            depth: d.letter().to_owned(),
            origin: if explicit { "explicit" } else { "suggested" },
            tooltip: w.fmt(
                key,
                &[
                    ("competency", c.id.as_str().into()),
                    ("depth", w.depth(d).into()),
                    ("when", when.into()),
                ],
            ),
        }
    };
    let mut cells: Vec<YearCell> = analysis
        .years
        .iter()
        .map(|y| cell(c.by_year.get(y).copied(), Some(*y)))
        .collect();
    if has_yearless {
        cells.push(cell(c.yearless, None));
    }
    CompetencyRow {
        id: c.id.to_string(),
        title: comp
            .map(|x| x.title.get(w.lang()).to_owned())
            .unwrap_or_default(),
        covered: c.covered,
        explicit: c.explicit,
        depth: c.deepest.map(|d| d.letter().to_owned()).unwrap_or_default(),
        cells,
        courses: c
            .courses
            .iter()
            .map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        path: analysis
            .progressions
            .get(&c.id)
            .map(|p| w.path(&p.path))
            .unwrap_or_default(),
    }
}

/// Every mapping of a programme as views, keyed by (course, outcome); an
/// outcome of `None` holds the mappings written on the course itself.
type MappingIndex = BTreeMap<(String, Option<String>), Vec<MappingView>>;

fn mapping_index(frameworks: &FrameworkSet, analysis: &ProgramAnalysis, w: &Words) -> MappingIndex {
    let mut index = MappingIndex::new();
    for a in &analysis.addresses {
        index
            .entry((
                a.course.to_string(),
                a.outcome.as_ref().map(|o| o.to_string()),
            ))
            .or_default()
            .push(mapping_view(frameworks, a, w));
    }
    index
}

fn mapping_view(frameworks: &FrameworkSet, a: &crate::graph::Address, w: &Words) -> MappingView {
    let (score, evidence) = match &a.origin {
        Origin::Explicit => (None, Vec::new()),
        Origin::Suggested(s) => (
            Some(s.score),
            s.evidence
                .iter()
                .map(|e| w.evidence_parts(Some(frameworks), e))
                .collect(),
        ),
    };
    let level = frameworks
        .find(&a.competency)
        .and_then(|f| f.competency.level);
    let mut tooltip = format!(
        "{} {}: {}",
        w.competency(Some(frameworks), &a.competency),
        w.depth(a.depth),
        w.t(&format!("origin-{}", a.origin.key()))
    );
    if let Some(s) = score {
        tooltip.push_str(&format!(" {}", w.score(s)));
    }
    if let Some(via) = &a.via {
        tooltip.push_str(&format!(
            " ({})",
            w.fmt("via", &[("id", via.as_str().into())])
        ));
    }
    MappingView {
        competency: a.competency.to_string(),
        level,
        depth: a.depth.letter(),
        origin: a.origin.key(),
        score,
        score_text: score.map(|s| w.score(s)).unwrap_or_default(),
        evidence,
        via: a.via.as_ref().map(|v| v.to_string()),
        tooltip,
    }
}

fn course_view(c: &crate::model::Course, mappings: &mut MappingIndex, w: &Words) -> CourseView {
    let code = c.code.to_string();
    let mut facts = Vec::new();
    if let Some(y) = c.year {
        facts.push(w.fmt("course-facts-year", &[("year", y.into())]));
    }
    if let Some(s) = c.semester {
        facts.push(w.fmt("semester-n", &[("semester", s.into())]));
    }
    if let Some(e) = c.ects {
        facts.push(format!("{}\u{a0}ECTS", w.number(e)));
    }
    if let Some(h) = c.hours {
        facts.push(w.hours(h));
    }
    if !c.prerequisites.is_empty() {
        let p: Vec<&str> = c.prerequisites.iter().map(|p| p.as_str()).collect();
        facts.push(w.fmt("course-facts-requires", &[("courses", p.join(", ").into())]));
    }
    let course_mappings = mappings.remove(&(code.clone(), None)).unwrap_or_default();
    let outcomes: Vec<OutcomeView> = c
        .outcomes
        .iter()
        .map(|o| OutcomeView {
            id: o.id.to_string(),
            text: o.text.clone(),
            mappings: mappings
                .remove(&(code.clone(), Some(o.id.to_string())))
                .unwrap_or_default(),
        })
        .collect();
    let mapped = !course_mappings.is_empty() || outcomes.iter().any(|o| !o.mappings.is_empty());
    CourseView {
        code,
        title: c.title.clone(),
        year: c.year,
        semester: c.semester,
        ects: c.ects,
        hours: c.hours,
        prerequisites: c.prerequisites.iter().map(|p| p.to_string()).collect(),
        mappings: course_mappings,
        outcomes,
        facts: facts.join(" · "),
        mapped,
    }
}

/// One row of the portfolio index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexRow {
    pub name: String,
    pub href: String,
    pub course_count: usize,
    pub outcome_count: usize,
    pub levels: Vec<IndexLevel>,
    pub counts: FindingCounts,
    /// "2 errors · 3 warnings"
    pub findings: String,
    /// `9/17 met`: target requirements met, when a target was asked for.
    pub target: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexLevel {
    pub covered: usize,
    pub total: usize,
    pub percent: u32,
    pub percent_text: String,
    pub percent_explicit: u32,
    pub percent_suggested: u32,
}

pub fn index_row(p: &ProgramView, w: &Words) -> IndexRow {
    let mut findings = Vec::new();
    if p.counts.errors > 0 {
        findings.push(w.severity_count(Severity::Error, p.counts.errors));
    }
    findings.push(w.severity_count(Severity::Warning, p.counts.warnings));
    IndexRow {
        findings: findings.join(" · "),
        name: p.name.clone(),
        href: format!("{}.html", p.slug),
        course_count: p.course_count,
        outcome_count: p.outcome_count,
        levels: p
            .levels
            .iter()
            .map(|l| IndexLevel {
                covered: l.covered,
                total: l.total,
                percent: l.percent,
                percent_text: w.percent(l.percent),
                percent_explicit: l.percent_explicit,
                percent_suggested: l.percent_suggested,
            })
            .collect(),
        counts: p.counts.clone(),
        target: p.target.as_ref().map(|t| {
            w.fmt(
                "target-met",
                &[("met", t.met.into()), ("total", t.total.into())],
            )
        }),
    }
}

/// Slugs for every programme, unique and never `index`: a slug already
/// taken (by an earlier programme, or as the numbered form of one) gets the
/// first free `-2`, `-3`…
pub fn slugs(curriculum: &Curriculum) -> Vec<String> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    curriculum
        .programs
        .iter()
        .map(|p| {
            let mut base = crate::text::slug(&p.name);
            if base == "index" {
                base.push_str("-program");
            }
            let mut slug = base.clone();
            let mut n = 1;
            while used.contains(&slug) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            used.insert(slug.clone());
            slug
        })
        .collect()
}
