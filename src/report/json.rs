//! The JSON summary of one programme: the stable machine interface
//! (`schema_version` 1, described by `docs/schema/program-v1.json`). Built
//! from the analysis and the programme, never from the page's view model;
//! only the `message`s and evidence lines are words, in the report's
//! language. Fields are only ever added, never renamed.

use super::view::ProgramView;
use super::words::Words;
use crate::analysis::ProgramAnalysis;
use crate::framework::FrameworkSet;
use crate::graph::Address;
use crate::model::{Arg, Evidence, Finding, Origin, Period, Program, Step};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary<'a> {
    schema_version: u32,
    generator: Generator,
    /// `en` or `fr`: the language of `message` and `evidence`.
    lang: &'static str,
    program: ProgramInfo<'a>,
    framework: FrameworkInfo<'a>,
    levels: Vec<LevelJson<'a>>,
    competencies: Vec<CompetencyJson<'a>>,
    findings: Vec<FindingJson>,
    courses: Vec<CourseJson<'a>>,
    outcomes: Vec<OutcomeJson<'a>>,
    /// Crosswalk frameworks the programme's mappings name, by id.
    crosswalks: Vec<CrosswalkJson<'a>>,
    /// The programme against `--target`; null without one.
    target: Option<TargetJson<'a>>,
    /// Teaching time attributed to competencies; null when no course gives
    /// hours or credits.
    time: Option<TimeJson>,
    /// Supply against demand (`aimap report --demand`); absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    supply_demand: Option<serde_json::Value>,
    /// The taught competencies in an order to teach them: each after its
    /// prerequisites, ties by first period then framework order.
    teaching_order: Vec<&'a str>,
    /// Where to teach each competency not taught, or not as deep as the
    /// target requires (see `analysis::recommend` for the score).
    recommendations: Vec<RecommendationJson<'a>>,
}

#[derive(Serialize)]
struct RecommendationJson<'a> {
    competency: &'a str,
    level: u8,
    /// `uncovered` or `below-target`.
    reason: &'static str,
    /// The depth the target requires; null without a target requirement.
    required: Option<&'static str>,
    reached: Option<&'static str>,
    /// Competencies taught that need this one first.
    dependants_taught: usize,
    /// Best first, at most three; empty when no course is close.
    hosts: Vec<HostJson<'a>>,
    /// Missing prerequisites in teaching order, then the competency.
    path: Vec<&'a str>,
}

#[derive(Serialize)]
struct HostJson<'a> {
    course: &'a str,
    score: f64,
    components: HostComponentsJson,
}

#[derive(Serialize)]
struct HostComponentsJson {
    affinity: f64,
    placement: f64,
    prerequisites: f64,
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
    by_year: BTreeMap<String, &'static str>,
    /// Hours attributed to the competency (see `time`).
    hours: Option<f64>,
    /// The deepest depth per period, in period order (semester when the
    /// course gives one, else year; a step with a null year is teaching in
    /// courses without a period); empty when not taught.
    path: Vec<Value>,
}

#[derive(Serialize)]
struct FindingJson {
    code: &'static str,
    severity: &'static str,
    /// The finding in the report's language.
    message: String,
    location: Option<String>,
    /// The finding's typed parameters, by name.
    args: Map<String, Value>,
}

#[derive(Serialize)]
struct CourseJson<'a> {
    code: &'a str,
    title: &'a str,
    year: Option<u8>,
    semester: Option<u8>,
    ects: Option<f64>,
    hours: Option<f64>,
    prerequisites: Vec<&'a str>,
    /// Mappings written on the course itself, not on an outcome.
    mappings: Vec<MappingJson>,
}

#[derive(Serialize)]
struct OutcomeJson<'a> {
    id: &'a str,
    course: &'a str,
    text: &'a str,
    mappings: Vec<MappingJson>,
}

#[derive(Serialize)]
struct MappingJson {
    competency: String,
    level: Option<u8>,
    depth: &'static str,
    origin: &'static str,
    score: Option<f32>,
    /// One line per piece of evidence, in the report's language.
    evidence: Vec<String>,
    /// The same evidence as data: what matched, and the term, concept or
    /// rule behind it.
    evidence_data: Vec<Value>,
    /// The crosswalk id the mapping named, when rolled up.
    via: Option<String>,
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
    depth: Option<&'static str>,
    courses: Vec<&'a str>,
    /// Empty for an item outside the AI scope.
    maps_to: Vec<RollUpJson<'a>>,
}

#[derive(Serialize)]
struct RollUpJson<'a> {
    competency: &'a str,
    level: Option<u8>,
    /// Depth the crosswalk item implies, or null.
    depth: Option<&'static str>,
    /// Depth the programme reaches through the item, or null.
    reached: Option<&'static str>,
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
    required: &'static str,
    reached: Option<&'static str>,
    met: bool,
    explicit: bool,
}

#[derive(Serialize)]
struct TimeJson {
    /// Hours of every course, AI or not.
    total_hours: f64,
    /// Hours attributed to some competency.
    attributed_hours: f64,
    /// Some hours were estimated from ECTS credits at `hours_per_ects`.
    estimated: bool,
    hours_per_ects: f64,
    /// Hours per level and year (`null` year: courses without one).
    by_year: Vec<TimeCellJson>,
}

#[derive(Serialize)]
struct TimeCellJson {
    year: Option<u8>,
    level: u8,
    hours: f64,
}

/// Hours as JSON numbers: two decimals, so the bytes do not depend on how
/// floating-point sums were ordered.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn arg_value(arg: &Arg) -> Value {
    match arg {
        Arg::Text(t) => json!(t),
        Arg::Count(n) => json!(n),
        Arg::Year(y) => json!(y),
        Arg::Depth(d) => json!(d.letter()),
        Arg::Competency(c) => json!(c.as_str()),
        Arg::Course(c) => json!(c.as_str()),
        Arg::Courses(cs) => json!(cs.iter().map(|c| c.as_str()).collect::<Vec<_>>()),
        Arg::Period(p) => period_value(p),
        Arg::Path(steps) => Value::Array(steps.iter().map(step_value).collect()),
        Arg::Competencies(ids) | Arg::Chain(ids) => {
            json!(ids.iter().map(|c| c.as_str()).collect::<Vec<_>>())
        }
    }
}

/// A period as data: `{"year": 2, "semester": 3}` (semester null when
/// only the year is known).
fn period_value(p: &Period) -> Value {
    json!({"year": p.year, "semester": p.semester})
}

/// A step of a depth path: its depth and period (null: no period given).
fn step_value(s: &Step) -> Value {
    json!({
        "depth": s.depth.letter(),
        "year": s.period.map(|p| p.year),
        "semester": s.period.and_then(|p| p.semester),
    })
}

fn finding_json(
    frameworks: &FrameworkSet,
    f: &Finding,
    w: &Words,
    names: &super::SourceNames,
) -> FindingJson {
    FindingJson {
        code: f.code.as_str(),
        severity: f.severity.as_str(),
        message: w.finding(Some(frameworks), f),
        location: f.location.as_ref().map(|l| {
            let mut l = l.clone();
            l.file = names.name(&l.file);
            l.to_string()
        }),
        args: f
            .args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), arg_value(v)))
            .collect(),
    }
}

/// A piece of evidence as data.
fn evidence_value(e: &Evidence) -> Value {
    use crate::model::{Gate, RuleUse};
    match e {
        Evidence::Term { quoted, term, via } => {
            json!({"kind": "term", "quoted": quoted, "term": term, "via": via})
        }
        Evidence::Words { quoted } => json!({"kind": "words", "quoted": quoted}),
        Evidence::Concept { quoted, concept } => {
            json!({"kind": "concept", "quoted": quoted, "concept": concept})
        }
        Evidence::Rule {
            rule,
            kind,
            quoted,
            concept,
            anchor,
        } => {
            let kind = match kind {
                RuleUse::Concept => "concept",
                RuleUse::ReadAs => "read-as",
                RuleUse::Topic => "topic",
                RuleUse::Rule => "rule",
                RuleUse::Generic => "generic",
            };
            json!({"kind": "rule", "rule": rule, "use": kind, "quoted": quoted,
                   "concept": concept, "anchor": anchor})
        }
        Evidence::Gate { gate, quoted } => {
            let gate = match gate {
                Gate::TwoConcepts => "two-concepts",
                Gate::Building { .. } => "building-verb",
                Gate::Advanced => "advanced-course",
                Gate::OnData => "on-data",
            };
            json!({"kind": "level-2-gate", "gate": gate, "quoted": quoted})
        }
        Evidence::Model {
            level,
            probability,
            features,
        } => json!({
            "kind": "model",
            "level": level,
            "probability": (f64::from(*probability) * 100.0).round() / 100.0,
            "features": features.len(),
        }),
        Evidence::Ranked => json!({"kind": "ranked"}),
    }
}

fn mapping_json(frameworks: &FrameworkSet, a: &Address, w: &Words) -> MappingJson {
    let (score, evidence) = match &a.origin {
        Origin::Explicit => (None, &[][..]),
        Origin::Suggested(s) => (Some(s.score), s.evidence.as_slice()),
    };
    MappingJson {
        competency: a.competency.to_string(),
        level: frameworks
            .find(&a.competency)
            .and_then(|f| f.competency.level),
        depth: a.depth.letter(),
        origin: a.origin.key(),
        score,
        evidence: evidence
            .iter()
            .map(|e| w.evidence(Some(frameworks), e))
            .collect(),
        evidence_data: evidence.iter().map(evidence_value).collect(),
        via: a.via.as_ref().map(|v| v.to_string()),
    }
}

/// Pretty-printed JSON, ending with a newline. `view` gives the slug and
/// the source names the page uses, so the two agree.
pub fn render(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    view: &ProgramView,
    w: &Words,
    names: &super::SourceNames,
    supply_demand: Option<serde_json::Value>,
) -> serde_json::Result<Vec<u8>> {
    let primary = &frameworks.primary;
    let lang = w.lang();
    let letter = |d: Option<crate::model::Depth>| d.map(|d| d.letter());
    let mut by_place: BTreeMap<(&str, Option<&str>), Vec<MappingJson>> = BTreeMap::new();
    for a in &analysis.addresses {
        by_place
            .entry((a.course.as_str(), a.outcome.as_ref().map(|o| o.as_str())))
            .or_default()
            .push(mapping_json(frameworks, a, w));
    }
    let courses = super::curriculum_order(program);
    let summary = Summary {
        schema_version: SCHEMA_VERSION,
        generator: Generator {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        lang: w.tag(),
        program: ProgramInfo {
            name: &program.name,
            slug: &view.slug,
            sources: &view.sources,
            courses: program.courses.len(),
            outcomes: program.outcome_count(),
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
        levels: primary
            .levels
            .iter()
            .map(|l| {
                let cov = analysis.levels.iter().find(|c| c.number == l.number);
                LevelJson {
                    level: l.number,
                    key: &l.key,
                    name: l.title.get(lang),
                    total: cov.map_or(0, |c| c.total),
                    covered: cov.map_or(0, |c| c.covered),
                    covered_explicit: cov.map_or(0, |c| c.covered_explicit),
                }
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
                    title: comp.map(|x| x.title.get(lang)).unwrap_or(""),
                    covered: c.covered,
                    explicit: c.explicit,
                    depth: letter(c.deepest),
                    courses: c.courses.iter().map(|x| x.as_str()).collect(),
                    first_year: c.first_year,
                    last_year: c.last_year,
                    by_year: c
                        .by_year
                        .iter()
                        .map(|(y, d)| (y.to_string(), d.letter()))
                        .collect(),
                    hours: analysis.time.by_competency.get(&c.id).map(|h| round2(*h)),
                    path: analysis
                        .progressions
                        .get(&c.id)
                        .map(|p| p.path.iter().map(step_value).collect())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        findings: analysis
            .findings
            .iter()
            .map(|f| finding_json(frameworks, f, w, names))
            .collect(),
        courses: courses
            .iter()
            .map(|c| CourseJson {
                code: c.code.as_str(),
                title: &c.title,
                year: c.year,
                semester: c.semester,
                ects: c.ects,
                hours: c.hours,
                prerequisites: c.prerequisites.iter().map(|p| p.as_str()).collect(),
                mappings: by_place
                    .remove(&(c.code.as_str(), None))
                    .unwrap_or_default(),
            })
            .collect(),
        outcomes: courses
            .iter()
            .flat_map(|c| c.outcomes.iter().map(move |o| (c, o)))
            .map(|(c, o)| OutcomeJson {
                id: o.id.as_str(),
                course: c.code.as_str(),
                text: &o.text,
                mappings: by_place
                    .remove(&(c.code.as_str(), Some(o.id.as_str())))
                    .unwrap_or_default(),
            })
            .collect(),
        crosswalks: analysis
            .crosswalks
            .iter()
            .filter_map(|cw| {
                let fw = frameworks.framework(&cw.framework)?;
                Some(CrosswalkJson {
                    id: &fw.id,
                    version: &fw.version,
                    title: fw.title.get(lang),
                    total: cw.items.len(),
                    covered: cw.covered,
                    levels: cw
                        .levels
                        .iter()
                        .map(|l| CrosswalkLevelJson {
                            level: l.number,
                            reached: l.reached,
                            total: l.total,
                        })
                        .collect(),
                    items: cw
                        .items
                        .iter()
                        .map(|i| CrosswalkItemJson {
                            id: i.id.as_str(),
                            title: fw
                                .competency(&i.id)
                                .map(|c| c.title.get(lang))
                                .unwrap_or(""),
                            covered: i.covered,
                            explicit: i.explicit,
                            depth: letter(i.depth),
                            courses: i.courses.iter().map(|c| c.as_str()).collect(),
                            maps_to: i
                                .rolls_up
                                .iter()
                                .map(|r| RollUpJson {
                                    competency: r.competency.as_str(),
                                    level: r.level,
                                    depth: letter(r.implied),
                                    reached: letter(r.reached),
                                })
                                .collect(),
                        })
                        .collect(),
                })
            })
            .collect(),
        target: analysis.target.as_ref().map(|t| TargetJson {
            id: &t.target,
            title: t.title.get(lang),
            total: t.checks.len(),
            met: t.met,
            requirements: t
                .checks
                .iter()
                .map(|c| TargetRequirementJson {
                    competency: c.competency.as_str(),
                    level: c.level,
                    required: c.required.letter(),
                    reached: letter(c.reached),
                    met: c.met,
                    explicit: c.explicit,
                })
                .collect(),
        }),
        time: analysis.time.known.then(|| TimeJson {
            total_hours: round2(analysis.time.total),
            attributed_hours: round2(analysis.time.attributed),
            estimated: analysis.time.estimated,
            hours_per_ects: crate::analysis::time::HOURS_PER_ECTS,
            by_year: analysis
                .time
                .by_year_level
                .iter()
                .map(|(&(year, level), h)| TimeCellJson {
                    year,
                    level,
                    hours: round2(*h),
                })
                .collect(),
        }),
        recommendations: analysis
            .recommendations
            .iter()
            .map(|r| RecommendationJson {
                competency: r.competency.as_str(),
                level: r.level,
                reason: r.reason.as_str(),
                required: r.required.map(|d| d.letter()),
                reached: r.reached.map(|d| d.letter()),
                dependants_taught: r.dependants_taught,
                hosts: r
                    .hosts
                    .iter()
                    .map(|h| HostJson {
                        course: h.course.as_str(),
                        score: round3(h.score),
                        components: HostComponentsJson {
                            affinity: round3(h.affinity),
                            placement: round3(h.placement),
                            prerequisites: round3(h.prerequisites),
                        },
                    })
                    .collect(),
                path: r.path.iter().map(|c| c.as_str()).collect(),
            })
            .collect(),
        teaching_order: analysis.teaching_order.iter().map(|c| c.as_str()).collect(),
        supply_demand,
    };
    let mut bytes = serde_json::to_vec_pretty(&summary)?;
    bytes.push(b'\n');
    Ok(bytes)
}
