//! View models: small structs made only to feed the templates and the JSON
//! summary, with every number already formatted and every list sorted.

use super::SourceNames;
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
    pub name: String,
    pub name_fr: String,
    pub total: usize,
    pub covered: usize,
    pub covered_explicit: usize,
    pub percent: u32,
    pub percent_explicit: u32,
    /// Share covered only by suggested mappings (for the bar).
    pub percent_suggested: u32,
    /// Competency rows of this level, grouped by domain.
    pub domains: Vec<DomainView>,
    pub uncovered: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainView {
    pub name: String,
    pub rows: Vec<CompetencyRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompetencyRow {
    pub id: String,
    pub title: String,
    pub title_fr: String,
    pub covered: bool,
    pub explicit: bool,
    pub depth: String,
    /// One cell per year column of the programme (then "year unknown" when
    /// some course has no year).
    pub cells: Vec<YearCell>,
    pub courses: String,
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
    pub message: String,
    /// Where the finding was met (file, sheet, row, column); null when it
    /// concerns the programme as a whole.
    pub location: Option<String>,
}

impl FindingView {
    /// The finding as reports show it, its file named by `names`.
    pub fn new(f: &Finding, names: &SourceNames) -> Self {
        FindingView {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            message: f.message.clone(),
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
    pub evidence: Vec<String>,
    /// The crosswalk id the mapping named, when rolled up.
    pub via: Option<String>,
    /// Evidence and origin in one line, for hover text.
    #[serde(skip)]
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
    pub name: String,
    pub slug: String,
    pub sources: Vec<String>,
    pub course_count: usize,
    pub outcome_count: usize,
    pub levels: Vec<LevelView>,
    /// Column headers of the coverage table: "Year 1"…, then "Year ?".
    pub year_columns: Vec<String>,
    pub findings: Vec<FindingView>,
    /// Findings the page lists one by one: everything of severity warning
    /// or above except uncovered competencies (shown per level).
    pub problems: Vec<FindingView>,
    /// Findings of severity info.
    pub notes: Vec<FindingView>,
    pub counts: FindingCounts,
    /// Sorted by year (unknown last), then code.
    pub courses: Vec<CourseView>,
    pub suggested_count: usize,
    pub explicit_count: usize,
    /// The crosswalk frameworks the programme's mappings name.
    pub crosswalks: Vec<CrosswalkView>,
    /// The programme against the target asked for with `--target`.
    pub target: Option<TargetView>,
    /// Every suggested mapping with its evidence, for the review table.
    pub suggestions: Vec<SuggestionRow>,
}

/// A crosswalk framework as a programme uses it, and what it rolls up onto.
#[derive(Debug, Clone, Serialize)]
pub struct CrosswalkView {
    pub id: String,
    pub version: String,
    pub title: String,
    pub title_fr: String,
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
    pub title_fr: String,
    pub met: usize,
    pub total: usize,
    pub percent: u32,
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

fn crosswalk_views(frameworks: &FrameworkSet, analysis: &ProgramAnalysis) -> Vec<CrosswalkView> {
    analysis
        .crosswalks
        .iter()
        .filter_map(|cw| {
            let fw = frameworks.framework(&cw.framework)?;
            let letter = |d: Option<Depth>| d.map(|d| d.letter().to_owned()).unwrap_or_default();
            Some(CrosswalkView {
                id: fw.id.clone(),
                version: fw.version.clone(),
                title: fw.title.get(Lang::En).to_owned(),
                title_fr: fw.title.get(Lang::Fr).to_owned(),
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
                            .map(|c| c.title.get(Lang::En).to_owned())
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

fn target_view(frameworks: &FrameworkSet, analysis: &ProgramAnalysis) -> Option<TargetView> {
    let t = analysis.target.as_ref()?;
    Some(TargetView {
        id: t.target.clone(),
        title: t.title.get(Lang::En).to_owned(),
        title_fr: t.title.get(Lang::Fr).to_owned(),
        met: t.met,
        total: t.checks.len(),
        percent: percent(t.met, t.checks.len()),
        rows: t
            .checks
            .iter()
            .map(|c| TargetRow {
                competency: c.competency.to_string(),
                title: frameworks
                    .primary
                    .competency(&c.competency)
                    .map(|x| x.title.get(Lang::En).to_owned())
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
    pub depth: &'static str,
    /// Two decimals.
    pub score: String,
    pub evidence: Vec<String>,
}

fn suggestion_rows(courses: &[CourseView]) -> Vec<SuggestionRow> {
    let mut rows = Vec::new();
    for c in courses {
        let course_level = c.mappings.iter().map(|m| ("", c.title.as_str(), m));
        let outcome_level = c.outcomes.iter().flat_map(|o| {
            o.mappings
                .iter()
                .map(move |m| (o.id.as_str(), o.text.as_str(), m))
        });
        for (outcome, text, m) in course_level.chain(outcome_level) {
            let Some(score) = m.score else { continue };
            if m.via.is_some() {
                continue;
            }
            rows.push(SuggestionRow {
                course: c.code.clone(),
                outcome: outcome.to_owned(),
                text: text.to_owned(),
                competency: m.competency.clone(),
                depth: m.depth,
                score: format!("{score:.2}"),
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
) -> ProgramView {
    let lang = Lang::En;
    let primary = &frameworks.primary;
    let has_yearless = program.courses.iter().any(|c| c.year.is_none());
    let mut year_columns: Vec<String> =
        analysis.years.iter().map(|y| format!("Year {y}")).collect();
    if has_yearless {
        year_columns.push("Year ?".into());
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
            let rows: Vec<(&str, CompetencyRow)> = analysis
                .competencies
                .iter()
                .filter(|c| c.level == level.number)
                .map(|c| {
                    let comp = primary.competency(&c.id);
                    let domain = comp.and_then(|x| x.domain.as_deref()).unwrap_or("");
                    (
                        domain,
                        competency_row(frameworks, c, analysis, &explicit_years, has_yearless),
                    )
                })
                .collect();
            // Group by domain in the framework's domain order; competencies
            // keep file order within their domain.
            let mut domains: Vec<DomainView> = Vec::new();
            let mut order: Vec<&str> = primary.domains.iter().map(|d| d.id.as_str()).collect();
            for (domain, _) in &rows {
                if !order.contains(domain) {
                    order.push(domain);
                }
            }
            for id in order {
                let members: Vec<CompetencyRow> = rows
                    .iter()
                    .filter(|(d, _)| *d == id)
                    .map(|(_, r)| r.clone())
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
                    rows: members,
                });
            }
            let uncovered = analysis
                .competencies
                .iter()
                .filter(|c| c.level == level.number && !c.covered)
                .map(|c| c.id.to_string())
                .collect();
            let percent_all = percent(covered, total);
            let percent_explicit = percent(covered_explicit, total);
            LevelView {
                number: level.number,
                key: level.key.clone(),
                name: level.title.get(Lang::En).to_owned(),
                name_fr: level.title.get(Lang::Fr).to_owned(),
                total,
                covered,
                covered_explicit,
                percent: percent_all,
                percent_explicit,
                percent_suggested: percent_all.saturating_sub(percent_explicit),
                domains,
                uncovered,
            }
        })
        .collect();

    let mut mappings = mapping_index(frameworks, analysis);
    let mut courses: Vec<CourseView> = program
        .courses
        .iter()
        .map(|c| course_view(c, &mut mappings))
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

    let suggestions = suggestion_rows(&courses);
    let view = |f: &Finding| FindingView::new(f, names);
    let findings: Vec<FindingView> = analysis.findings.iter().map(view).collect();
    let problems = analysis
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info && f.code != FindingCode::UncoveredCompetency)
        .map(view)
        .collect();
    let notes = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .map(view)
        .collect();
    let count = |s: Severity| analysis.findings.iter().filter(|f| f.severity == s).count();
    let suggested_count = analysis
        .addresses
        .iter()
        .filter(|a| !a.origin.is_explicit())
        .count();
    ProgramView {
        name: program.name.clone(),
        slug,
        sources: program.sources.iter().map(|s| names.name(s)).collect(),
        course_count: program.courses.len(),
        outcome_count: program.outcome_count(),
        levels,
        year_columns,
        counts: FindingCounts {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            total: findings.len(),
        },
        findings,
        problems,
        notes,
        courses,
        suggested_count,
        explicit_count: analysis.addresses.len() - suggested_count,
        crosswalks: crosswalk_views(frameworks, analysis),
        target: target_view(frameworks, analysis),
        suggestions,
    }
}

fn competency_row(
    frameworks: &FrameworkSet,
    c: &CompetencyCoverage,
    analysis: &ProgramAnalysis,
    explicit_years: &BTreeMap<(&str, Option<u8>), bool>,
    has_yearless: bool,
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
        let when = year
            .map(|y| format!("year {y}"))
            .unwrap_or_else(|| "year unknown".into());
        YearCell {
            depth: d.letter().to_owned(),
            origin: if explicit { "explicit" } else { "suggested" },
            tooltip: format!(
                "{} {}, {when}{}",
                c.id,
                d.name_en(),
                if explicit { "" } else { " (suggested only)" }
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
            .map(|x| x.title.get(Lang::En).to_owned())
            .unwrap_or_default(),
        title_fr: comp
            .map(|x| x.title.get(Lang::Fr).to_owned())
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
    }
}

/// Every mapping of a programme as views, keyed by (course, outcome); an
/// outcome of `None` holds the mappings written on the course itself.
type MappingIndex = BTreeMap<(String, Option<String>), Vec<MappingView>>;

fn mapping_index(frameworks: &FrameworkSet, analysis: &ProgramAnalysis) -> MappingIndex {
    let mut index = MappingIndex::new();
    for a in &analysis.addresses {
        index
            .entry((
                a.course.to_string(),
                a.outcome.as_ref().map(|o| o.to_string()),
            ))
            .or_default()
            .push(mapping_view(frameworks, a));
    }
    index
}

fn mapping_view(frameworks: &FrameworkSet, a: &crate::graph::Address) -> MappingView {
    let (score, evidence) = match &a.origin {
        Origin::Explicit => (None, Vec::new()),
        Origin::Suggested(s) => (Some(s.score), s.evidence.clone()),
    };
    let level = frameworks
        .find(&a.competency)
        .and_then(|f| f.competency.level);
    let mut tooltip = match &a.origin {
        Origin::Explicit => format!("{} {}: explicit mapping", a.competency, a.depth.name_en()),
        Origin::Suggested(s) => format!(
            "{} {}: suggested, score {:.2}; evidence: {}",
            a.competency,
            a.depth.name_en(),
            s.score,
            s.evidence.join("; ")
        ),
    };
    if let Some(via) = &a.via {
        tooltip.push_str(&format!(" (via {via})"));
    }
    MappingView {
        competency: a.competency.to_string(),
        level,
        depth: a.depth.letter(),
        origin: a.origin.key(),
        score,
        evidence,
        via: a.via.as_ref().map(|v| v.to_string()),
        tooltip,
    }
}

fn course_view(c: &crate::model::Course, mappings: &mut MappingIndex) -> CourseView {
    let code = c.code.to_string();
    let mut facts = Vec::new();
    if let Some(y) = c.year {
        facts.push(format!("year {y}"));
    }
    if let Some(s) = c.semester {
        facts.push(format!("S{s}"));
    }
    if let Some(e) = c.ects {
        facts.push(format!("{} ECTS", crate::import::table::format_number(e)));
    }
    if let Some(h) = c.hours {
        facts.push(format!("{} h", crate::import::table::format_number(h)));
    }
    if !c.prerequisites.is_empty() {
        let p: Vec<&str> = c.prerequisites.iter().map(|p| p.as_str()).collect();
        facts.push(format!("requires {}", p.join(", ")));
    }
    let course_mappings = mappings.remove(&(code.clone(), None)).unwrap_or_default();
    let outcomes = c
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
    /// `9/17`: target requirements met, when a target was asked for.
    pub target: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexLevel {
    pub covered: usize,
    pub total: usize,
    pub percent: u32,
    pub percent_explicit: u32,
    pub percent_suggested: u32,
}

pub fn index_row(p: &ProgramView) -> IndexRow {
    IndexRow {
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
                percent_explicit: l.percent_explicit,
                percent_suggested: l.percent_suggested,
            })
            .collect(),
        counts: p.counts.clone(),
        target: p.target.as_ref().map(|t| format!("{}/{}", t.met, t.total)),
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
