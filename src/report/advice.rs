//! The page's advice, worded from `analysis::recommend`: the "what to do
//! next" list at the top of a programme page and the table of
//! recommendations below the summary.

use super::words::Words;
use crate::analysis::recommend::{
    Reason, Recommendation, WEIGHT_AFFINITY, WEIGHT_PLACEMENT, WEIGHT_PREREQUISITES,
};
use crate::analysis::{Host, ProgramAnalysis};
use crate::framework::FrameworkSet;
use crate::model::{CompetencyId, Program};
use serde::Serialize;

/// Actions in "what to do next", at most.
pub const NEXT_ACTIONS: usize = 5;

/// Rows of the recommendations table that list every host; the rest list
/// their best host only, to keep the page short in print.
pub const FULL_ROWS: usize = 5;

/// One row of the recommendations table.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationView {
    pub id: String,
    pub title: String,
    /// "not taught" / "I; target R"
    pub why: String,
    /// "UE 2.4 (S3) · 0.62", best first.
    pub hosts: Vec<String>,
    /// Missing prerequisites in order, as ids: "L1.DAT.1 → L1.PRG.1".
    pub first: String,
}

/// The recommendations, most useful first (see [`Recommendation::priority`]).
pub fn ranked(analysis: &ProgramAnalysis) -> Vec<&Recommendation> {
    let mut recs: Vec<&Recommendation> = analysis.recommendations.iter().collect();
    // Stable: ties keep framework order.
    recs.sort_by_key(|r| r.priority());
    recs
}

/// `UE 2.4 (S3)`, `UE 2.4 (year 2)` or `UE 2.4`.
fn host_name(program: &Program, host: &Host, w: &Words) -> String {
    let course = program.course(&host.course);
    let code = host.course.as_str();
    match (course.and_then(|c| c.semester), course.and_then(|c| c.year)) {
        (Some(s), _) => w.fmt(
            "host-semester",
            &[("course", code.into()), ("semester", s.into())],
        ),
        (None, Some(y)) => w.fmt("host-year", &[("course", code.into()), ("year", y.into())]),
        (None, None) => code.to_owned(),
    }
}

fn ids(list: &[CompetencyId]) -> String {
    list.iter()
        .map(CompetencyId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One action of "what to do next" for a recommendation.
fn action(frameworks: &FrameworkSet, program: &Program, r: &Recommendation, w: &Words) -> String {
    let missing = r.missing_prerequisites();
    let competency = w.competency(Some(frameworks), &r.competency);
    let host = r.hosts.first().map(|h| host_name(program, h, w));
    let mut args = vec![
        ("competency", competency.into()),
        ("missing", missing.len().into()),
        ("after", ids(missing).into()),
        ("dependants", r.dependants_taught.into()),
    ];
    if let Some(h) = &host {
        args.push(("host", h.as_str().into()));
    }
    let key = match (r.reason, &host, r.reached, r.required) {
        (Reason::BelowTarget, _, Some(reached), Some(required)) => {
            args.push(("reached", reached.letter().into()));
            args.push(("required", required.letter().into()));
            if host.is_some() {
                "next-deepen"
            } else {
                "next-deepen-new"
            }
        }
        (_, Some(_), ..) => "next-teach",
        _ => "next-teach-new",
    };
    w.fmt(key, &args)
}

/// What to do next, most useful first, at most [`NEXT_ACTIONS`]: the
/// recommendations in their order of usefulness, leaving room for the
/// problems to fix and the suggestions to review when there are some.
/// Second: a line pointing to the other recommendations, if any.
pub fn next_steps(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    problems: usize,
    suggested: usize,
    w: &Words,
) -> (Vec<String>, Option<String>) {
    let mut others = Vec::new();
    if problems > 0 {
        others.push(w.fmt("next-problems", &[("count", problems.into())]));
    }
    if suggested > 0 {
        others.push(w.fmt("next-review", &[("count", suggested.into())]));
    }
    let recs = ranked(analysis);
    let room = NEXT_ACTIONS - others.len();
    let mut next: Vec<String> = recs
        .iter()
        .take(room)
        .map(|r| action(frameworks, program, r, w))
        .collect();
    if recs.is_empty() {
        next.push(w.t("next-none"));
    }
    next.extend(others);
    next.truncate(NEXT_ACTIONS);
    let more = (recs.len() > room).then(|| {
        w.fmt(
            "next-more-recommendations",
            &[("count", (recs.len() - room).into())],
        )
    });
    (next, more)
}

/// Levels above 0 the programme does not touch at all: whether to teach
/// them is a choice of the programme, not a gap to place course by
/// course, so their competencies are one line, not a row each (unless a
/// target requires them).
fn untouched_levels(analysis: &ProgramAnalysis) -> Vec<u8> {
    analysis
        .levels
        .iter()
        .filter(|l| l.number > 0 && l.covered == 0 && l.total > 0)
        .map(|l| l.number)
        .collect()
}

/// The lines that stand for the rows [`recommendation_views`] leaves out.
pub fn folded_levels(
    frameworks: &FrameworkSet,
    analysis: &ProgramAnalysis,
    w: &Words,
) -> Vec<String> {
    untouched_levels(analysis)
        .into_iter()
        .filter_map(|n| {
            let level = frameworks.primary.levels.iter().find(|l| l.number == n)?;
            let total = analysis.levels.iter().find(|l| l.number == n)?.total;
            Some(w.fmt(
                "rec-level-untouched",
                &[
                    ("level", n.into()),
                    ("name", level.title.get(w.lang()).into()),
                    ("count", total.into()),
                ],
            ))
        })
        .collect()
}

/// The table of recommendations, in the order of "what to do next".
pub fn recommendation_views(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    w: &Words,
) -> Vec<RecommendationView> {
    let lang = w.lang();
    let folded = untouched_levels(analysis);
    ranked(analysis)
        .into_iter()
        .filter(|r| r.required.is_some() || !folded.contains(&r.level))
        .enumerate()
        .map(|(i, r)| {
            let title = frameworks
                .primary
                .competency(&r.competency)
                .map(|c| c.title.get(lang).to_owned())
                .unwrap_or_default();
            let why = match (r.reason, r.reached, r.required) {
                (Reason::BelowTarget, Some(reached), Some(required)) => w.fmt(
                    "rec-below",
                    &[
                        ("reached", reached.letter().into()),
                        ("required", required.letter().into()),
                    ],
                ),
                (_, _, Some(required)) => {
                    w.fmt1("rec-uncovered-required", "required", required.letter())
                }
                _ => w.t("rec-uncovered"),
            };
            let shown = if i < FULL_ROWS { r.hosts.len() } else { 1 };
            let mut hosts: Vec<String> = r
                .hosts
                .iter()
                .take(shown)
                .map(|h| {
                    format!(
                        "{}\u{a0}· {}",
                        host_name(program, h, w),
                        w.score(h.score as f32)
                    )
                })
                .collect();
            if hosts.is_empty() {
                hosts.push(w.t("rec-no-host"));
            }
            RecommendationView {
                id: r.competency.to_string(),
                title,
                why,
                hosts,
                first: r
                    .missing_prerequisites()
                    .iter()
                    .map(CompetencyId::as_str)
                    .collect::<Vec<_>>()
                    .join(" → "),
            }
        })
        .collect()
}

/// The legend of the table, with the weights of the score.
pub fn legend(w: &Words) -> String {
    w.fmt(
        "legend-recommendations",
        &[
            ("affinity", w.score(WEIGHT_AFFINITY as f32).into()),
            ("placement", w.score(WEIGHT_PLACEMENT as f32).into()),
            ("prerequisites", w.score(WEIGHT_PREREQUISITES as f32).into()),
        ],
    )
}
