//! The JSON summary of one programme: the stable machine interface
//! (`schema_version` 1). Fields are only ever added, never renamed.

use super::view::{CrosswalkView, FindingView, MappingView, ProgramView, TargetRow};
use crate::analysis::ProgramAnalysis;
use crate::framework::FrameworkSet;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary<'a> {
    schema_version: u32,
    generator: Generator,
    program: ProgramInfo<'a>,
    framework: FrameworkInfo<'a>,
    levels: Vec<LevelJson<'a>>,
    competencies: Vec<CompetencyJson<'a>>,
    findings: &'a [FindingView],
    courses: Vec<CourseJson<'a>>,
    outcomes: Vec<OutcomeJson<'a>>,
    /// Crosswalk frameworks the programme's mappings name, by id.
    crosswalks: Vec<CrosswalkJson<'a>>,
    /// The programme against `--target`; null without one.
    target: Option<TargetJson<'a>>,
}

#[derive(Serialize)]
struct CrosswalkJson<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    total: usize,
    covered: usize,
    /// Primary competencies reached through this crosswalk, per level.
    levels: Vec<CrosswalkLevelJson>,
    items: Vec<CrosswalkItemJson<'a>>,
}

#[derive(Serialize)]
struct CrosswalkLevelJson {
    level: u8,
    reached: usize,
    total: usize,
}

#[derive(Serialize)]
struct CrosswalkItemJson<'a> {
    id: &'a str,
    title: &'a str,
    covered: bool,
    explicit: bool,
    depth: Option<&'a str>,
    courses: Vec<&'a str>,
    /// Empty for an item outside the AI scope.
    maps_to: Vec<RollUpJson<'a>>,
}

#[derive(Serialize)]
struct RollUpJson<'a> {
    competency: &'a str,
    level: Option<u8>,
    /// Depth the crosswalk item implies, or null.
    depth: Option<&'a str>,
    /// Depth the programme reaches through the item, or null.
    reached: Option<&'a str>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    id: &'a str,
    title: &'a str,
    total: usize,
    met: usize,
    requirements: Vec<TargetRequirementJson<'a>>,
}

#[derive(Serialize)]
struct TargetRequirementJson<'a> {
    competency: &'a str,
    level: u8,
    required: &'a str,
    reached: Option<&'a str>,
    met: bool,
    explicit: bool,
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn crosswalk_json(c: &CrosswalkView) -> CrosswalkJson<'_> {
    CrosswalkJson {
        id: &c.id,
        version: &c.version,
        title: &c.title,
        total: c.total,
        covered: c.covered,
        levels: c
            .levels
            .iter()
            .map(|l| CrosswalkLevelJson {
                level: l.number,
                reached: l.reached,
                total: l.total,
            })
            .collect(),
        items: c
            .items
            .iter()
            .map(|i| CrosswalkItemJson {
                id: &i.id,
                title: &i.title,
                covered: i.covered,
                explicit: i.explicit,
                depth: non_empty(&i.depth),
                courses: i.courses.iter().map(String::as_str).collect(),
                maps_to: i
                    .rolls_up
                    .iter()
                    .map(|r| RollUpJson {
                        competency: &r.competency,
                        level: r.level,
                        depth: non_empty(&r.implied),
                        reached: non_empty(&r.reached),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn requirement_json(r: &TargetRow) -> TargetRequirementJson<'_> {
    TargetRequirementJson {
        competency: &r.competency,
        level: r.level,
        required: r.required,
        reached: non_empty(&r.reached),
        met: r.met,
        explicit: r.explicit,
    }
}

#[derive(Serialize)]
struct Generator {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct ProgramInfo<'a> {
    name: &'a str,
    slug: &'a str,
    sources: &'a [String],
    courses: usize,
    outcomes: usize,
}

#[derive(Serialize)]
struct FrameworkInfo<'a> {
    id: &'a str,
    version: &'a str,
    crosswalks: Vec<&'a str>,
}

#[derive(Serialize)]
struct LevelJson<'a> {
    level: u8,
    key: &'a str,
    name: &'a str,
    total: usize,
    covered: usize,
    covered_explicit: usize,
}

#[derive(Serialize)]
struct CompetencyJson<'a> {
    id: &'a str,
    level: u8,
    domain: Option<&'a str>,
    title: &'a str,
    covered: bool,
    explicit: bool,
    /// Deepest depth reached: `I`, `R`, `M`, or null.
    depth: Option<&'static str>,
    courses: Vec<&'a str>,
    first_year: Option<u8>,
    last_year: Option<u8>,
    /// Deepest depth per year, keys are years.
    by_year: std::collections::BTreeMap<String, &'static str>,
}

#[derive(Serialize)]
struct CourseJson<'a> {
    code: &'a str,
    title: &'a str,
    year: Option<u8>,
    semester: Option<u8>,
    ects: Option<f64>,
    hours: Option<f64>,
    prerequisites: &'a [String],
    /// Mappings written on the course itself, not on an outcome.
    mappings: &'a [MappingView],
}

#[derive(Serialize)]
struct OutcomeJson<'a> {
    id: &'a str,
    course: &'a str,
    text: &'a str,
    mappings: &'a [MappingView],
}

/// Pretty-printed JSON, ending with a newline.
pub fn render(
    frameworks: &FrameworkSet,
    analysis: &ProgramAnalysis,
    view: &ProgramView,
) -> serde_json::Result<Vec<u8>> {
    let primary = &frameworks.primary;
    let summary = Summary {
        schema_version: SCHEMA_VERSION,
        generator: Generator {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        program: ProgramInfo {
            name: &view.name,
            slug: &view.slug,
            sources: &view.sources,
            courses: view.course_count,
            outcomes: view.outcome_count,
        },
        framework: FrameworkInfo {
            id: &primary.id,
            version: &primary.version,
            crosswalks: frameworks
                .crosswalks
                .iter()
                .map(|f| f.id.as_str())
                .collect(),
        },
        levels: view
            .levels
            .iter()
            .map(|l| LevelJson {
                level: l.number,
                key: &l.key,
                name: &l.name,
                total: l.total,
                covered: l.covered,
                covered_explicit: l.covered_explicit,
            })
            .collect(),
        competencies: analysis
            .competencies
            .iter()
            .map(|c| {
                let comp = primary.competency(&c.id);
                CompetencyJson {
                    id: c.id.as_str(),
                    level: c.level,
                    domain: comp.and_then(|x| x.domain.as_deref()),
                    title: comp
                        .map(|x| x.title.get(crate::framework::Lang::En))
                        .unwrap_or(""),
                    covered: c.covered,
                    explicit: c.explicit,
                    depth: c.deepest.map(|d| d.letter()),
                    courses: c.courses.iter().map(|x| x.as_str()).collect(),
                    first_year: c.first_year,
                    last_year: c.last_year,
                    by_year: c
                        .by_year
                        .iter()
                        .map(|(y, d)| (y.to_string(), d.letter()))
                        .collect(),
                }
            })
            .collect(),
        findings: &view.findings,
        courses: view
            .courses
            .iter()
            .map(|c| CourseJson {
                code: &c.code,
                title: &c.title,
                year: c.year,
                semester: c.semester,
                ects: c.ects,
                hours: c.hours,
                prerequisites: &c.prerequisites,
                mappings: &c.mappings,
            })
            .collect(),
        outcomes: view
            .courses
            .iter()
            .flat_map(|c| {
                c.outcomes.iter().map(move |o| OutcomeJson {
                    id: &o.id,
                    course: &c.code,
                    text: &o.text,
                    mappings: &o.mappings,
                })
            })
            .collect(),
        crosswalks: view.crosswalks.iter().map(crosswalk_json).collect(),
        target: view.target.as_ref().map(|t| TargetJson {
            id: &t.id,
            title: &t.title,
            total: t.total,
            met: t.met,
            requirements: t.rows.iter().map(requirement_json).collect(),
        }),
    };
    let mut bytes = serde_json::to_vec_pretty(&summary)?;
    bytes.push(b'\n');
    Ok(bytes)
}
