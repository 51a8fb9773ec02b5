//! The data behind each chart of a programme page, in the page's words,
//! drawn by [`super::charts`]. Every chart also has a table on the page
//! that holds the same figures.

use super::charts::{
    self, GraphChart, GraphNode, HeatCell, HeatRow, HeatmapChart, HoursBar, HoursChart,
    HoursPeriod, LevelBar, LevelChart, NodeStatus,
};
use super::view::ChartsView;
use super::words::Words;
use crate::analysis::ProgramAnalysis;
use crate::framework::FrameworkSet;
use crate::model::{CompetencyId, Depth, Program};
use std::collections::{BTreeMap, BTreeSet};

/// Every chart of one programme page.
pub fn charts(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    w: &Words,
) -> ChartsView {
    ChartsView {
        levels: charts::levels::render(&levels(frameworks, analysis, w)),
        heatmap: heatmap(frameworks, program, analysis, w)
            .map(|h| charts::heatmap::render(&h))
            .unwrap_or_default(),
        graph: charts::graph::render(&graph(frameworks, analysis, w)),
        hours: hours(frameworks, analysis, w)
            .map(|h| charts::hours::render(&h))
            .unwrap_or_default(),
    }
}

fn level_name(frameworks: &FrameworkSet, number: u8, w: &Words) -> String {
    let title = frameworks
        .primary
        .levels
        .iter()
        .find(|l| l.number == number)
        .map(|l| l.title.get(w.lang()))
        .unwrap_or("");
    format!(
        "{} {title}",
        w.fmt("level-short", &[("number", number.into())])
    )
}

fn levels(frameworks: &FrameworkSet, analysis: &ProgramAnalysis, w: &Words) -> LevelChart {
    // The target's marker: the share of the level's competencies it requires.
    let required: BTreeMap<u8, usize> = analysis.target.iter().fold(BTreeMap::new(), |mut m, t| {
        for c in &t.checks {
            *m.entry(c.level).or_default() += 1;
        }
        m
    });
    LevelChart {
        id_prefix: "levels".into(),
        title: w.t("chart-levels-title"),
        desc: w.fmt(
            "chart-levels-desc",
            &[(
                "target",
                if analysis.target.is_some() {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            )],
        ),
        bars: analysis
            .levels
            .iter()
            .map(|l| {
                let share = (l.covered * 100 + l.total / 2)
                    .checked_div(l.total)
                    .unwrap_or(0);
                LevelBar {
                    label: level_name(frameworks, l.number, w),
                    explicit: l.covered_explicit,
                    suggested: l.covered - l.covered_explicit,
                    total: l.total,
                    value_label: format!("{}/{} · {}", l.covered, l.total, w.percent(share as u32)),
                    target: required
                        .get(&l.number)
                        .filter(|_| l.total > 0)
                        .map(|&n| (n as f64 / l.total as f64, w.t("chart-target-marker"))),
                }
            })
            .collect(),
        legend_explicit: w.t("origin-explicit"),
        legend_suggested: w.t("graph-suggested"),
    }
}

/// A column of the heatmap: a semester when the course gives one, else its
/// year; courses with neither go last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Period {
    Known {
        year: Option<u8>,
        semester: Option<u8>,
    },
    Unknown,
}

fn heatmap(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    w: &Words,
) -> Option<HeatmapChart> {
    let period = |code: &crate::model::CourseCode| match program.course(code) {
        Some(c) if c.year.is_some() || c.semester.is_some() => Period::Known {
            // A semester numbers the whole programme (S1…S6): it orders
            // columns by itself.
            year: if c.semester.is_some() { None } else { c.year },
            semester: c.semester,
        },
        _ => Period::Unknown,
    };
    let mut cells: BTreeMap<(&CompetencyId, Period), (Depth, bool)> = BTreeMap::new();
    let mut periods: BTreeSet<Period> = BTreeSet::new();
    for a in &analysis.addresses {
        let p = period(&a.course);
        periods.insert(p);
        let e = cells
            .entry((&a.competency, p))
            .or_insert((a.depth, a.origin.is_explicit()));
        e.0 = e.0.max(a.depth);
        e.1 |= a.origin.is_explicit();
    }
    if periods.is_empty() {
        return None;
    }
    let periods: Vec<Period> = periods.into_iter().collect();
    let columns = periods
        .iter()
        .map(|p| match p {
            Period::Known {
                semester: Some(s), ..
            } => w.fmt("semester-n", &[("semester", (*s).into())]),
            Period::Known {
                year: Some(y),
                semester: None,
            } => w.fmt("year-n", &[("year", (*y).into())]),
            _ => w.t("year-unknown"),
        })
        .collect();
    let rows = analysis
        .competencies
        .iter()
        .filter(|c| c.covered)
        .map(|c| HeatRow {
            id: c.id.to_string(),
            label: frameworks
                .primary
                .competency(&c.id)
                .map(|x| x.title.get(w.lang()).to_owned())
                .unwrap_or_default(),
            cells: periods
                .iter()
                .map(|p| {
                    cells
                        .get(&(&c.id, *p))
                        .map(|&(depth, explicit)| HeatCell { depth, explicit })
                })
                .collect(),
        })
        .collect();
    Some(HeatmapChart {
        id_prefix: "heatmap".into(),
        title: w.t("chart-heatmap-title"),
        desc: w.t("chart-heatmap-desc"),
        columns,
        rows,
        legend_depth: [
            w.depth(Depth::Introduced),
            w.depth(Depth::Reinforced),
            w.depth(Depth::Mastered),
        ],
        legend_suggested: w.t("graph-suggested"),
    })
}

fn graph(frameworks: &FrameworkSet, analysis: &ProgramAnalysis, w: &Words) -> GraphChart {
    let primary = &frameworks.primary;
    let index: BTreeMap<&CompetencyId, usize> = analysis
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i))
        .collect();
    let nodes = analysis
        .competencies
        .iter()
        .map(|c| GraphNode {
            id: c.id.to_string(),
            label: primary
                .competency(&c.id)
                .map(|x| x.title.get(w.lang()).to_owned())
                .unwrap_or_default(),
            layer: c.level,
            status: match (c.covered, c.explicit) {
                (true, true) => NodeStatus::Covered,
                (true, false) => NodeStatus::Suggested,
                (false, _) => NodeStatus::Uncovered,
            },
        })
        .collect();
    let mut edges = Vec::new();
    for c in &analysis.competencies {
        let Some(comp) = primary.competency(&c.id) else {
            continue;
        };
        for r in &comp.requires {
            if let (Some(&from), Some(&to)) = (index.get(r), index.get(&c.id)) {
                edges.push((from, to));
            }
        }
    }
    let covered = analysis.competencies.iter().filter(|c| c.covered).count();
    let suggested = analysis
        .competencies
        .iter()
        .filter(|c| c.covered && !c.explicit)
        .count();
    let top = analysis
        .competencies
        .iter()
        .map(|c| c.level)
        .max()
        .unwrap_or(0);
    GraphChart {
        id_prefix: "graph".into(),
        title: w.t("chart-graph-title"),
        desc: w.fmt(
            "chart-graph-desc",
            &[
                ("covered", covered.into()),
                ("total", analysis.competencies.len().into()),
                ("suggested", suggested.into()),
                ("edges", edges.len().into()),
            ],
        ),
        nodes,
        edges,
        layer_labels: (0..=top).map(|l| level_name(frameworks, l, w)).collect(),
        legend: [
            w.t("graph-covered"),
            w.t("graph-suggested"),
            w.t("graph-uncovered"),
        ],
    }
}

fn hours(frameworks: &FrameworkSet, analysis: &ProgramAnalysis, w: &Words) -> Option<HoursChart> {
    let t = &analysis.time;
    if !t.known || t.attributed <= 0.0 {
        return None;
    }
    let years: BTreeSet<Option<u8>> = t.by_year_level.keys().map(|(y, _)| *y).collect();
    let levels: Vec<u8> = frameworks.primary.levels.iter().map(|l| l.number).collect();
    Some(HoursChart {
        id_prefix: "hours".into(),
        title: w.t("chart-hours-title"),
        desc: w.t("chart-hours-desc"),
        axis_label: w.t("column-hours"),
        series: levels
            .iter()
            .map(|&l| level_name(frameworks, l, w))
            .collect(),
        periods: years
            .iter()
            .map(|y| HoursPeriod {
                label: match y {
                    Some(y) => w.fmt("year-n", &[("year", (*y).into())]),
                    None => w.t("year-unknown"),
                },
                bars: levels
                    .iter()
                    .map(|&l| {
                        let h = t.by_year_level.get(&(*y, l)).copied().unwrap_or(0.0);
                        HoursBar {
                            hours: h,
                            value_label: (h > 0.0).then(|| w.hours(h)),
                        }
                    })
                    .collect(),
            })
            .collect(),
    })
}
