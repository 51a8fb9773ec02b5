//! `compare.html` and `compare.json`: programmes side by side, from an
//! [`analysis::compare::Comparison`](crate::analysis::compare::Comparison),
//! and the comparison summary of the portfolio page.

use super::charts::{self, HoursBar, HoursChart, HoursPeriod};
use super::words::Words;
use crate::analysis::ProgramAnalysis;
use crate::analysis::compare::{Comparison, Reference};
use crate::framework::FrameworkSet;
use crate::model::CompetencyId;
use anyhow::{Context, Result};
use askama::Template;
use serde_json::{Value, json};

/// Similarities as JSON numbers and as the page shows them: four decimals.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn percent(part: usize, total: usize) -> u32 {
    if total == 0 {
        0
    } else {
        ((part as f64 / total as f64) * 100.0).round() as u32
    }
}

fn ids(v: &[CompetencyId]) -> Vec<&str> {
    v.iter().map(|c| c.as_str()).collect()
}

/// The JSON of a comparison (`schema_version` 1, described by
/// `docs/schema/compare-v1.json`), pretty-printed with a final newline.
pub fn json(
    frameworks: &FrameworkSet,
    cmp: &Comparison,
    analyses: &[ProgramAnalysis],
    w: &Words,
) -> Result<Vec<u8>> {
    let lang = w.lang();
    let value = json!({
        "schema_version": 1,
        "generator": { "name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION") },
        "lang": w.tag(),
        "framework": { "id": frameworks.primary.id, "version": frameworks.primary.version },
        "programs": analyses.iter().map(|a| json!({
            "name": a.program,
            "levels": a.levels.iter().map(|l| json!({
                "level": l.number, "total": l.total, "covered": l.covered,
                "covered_explicit": l.covered_explicit,
            })).collect::<Vec<_>>(),
            "hours": a.time.known.then(|| (a.time.attributed * 100.0).round() / 100.0),
        })).collect::<Vec<_>>(),
        "competencies": cmp.competencies.iter().map(|r| json!({
            "id": r.id.as_str(),
            "level": r.level,
            "title": frameworks.primary.competency(&r.id).map(|c| c.title.get(lang)).unwrap_or(""),
            "cells": r.cells.iter().map(|c| match c {
                Some(c) => json!({
                    "depth": c.depth.letter(),
                    "explicit": c.explicit,
                    "hours": c.hours.map(|h| (h * 100.0).round() / 100.0),
                }),
                None => Value::Null,
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "unique": cmp.programs.iter().zip(&cmp.unique).map(|(p, u)| json!({
            "program": p, "competencies": ids(u),
        })).collect::<Vec<_>>(),
        "similarity": {
            "measure": "weighted-jaccard",
            "weights": { "none": 0, "I": 1, "R": 2, "M": 3 },
            "matrix": cmp.similarity.iter()
                .map(|row| row.iter().map(|s| round4(*s)).collect::<Vec<_>>())
                .collect::<Vec<_>>(),
        },
        "order": cmp.order.iter().map(|&i| cmp.programs[i].as_str()).collect::<Vec<_>>(),
        "reference": match &cmp.reference {
            None => Value::Null,
            Some(Reference::Program(i)) => json!({ "kind": "program", "id": cmp.programs[*i] }),
            Some(Reference::Target(t)) => json!({ "kind": "target", "id": t }),
        },
        "against": cmp.programs.iter().zip(&cmp.against).map(|(p, a)| json!({
            "program": p, "total": a.total, "met": a.met,
            "missing": ids(&a.missing), "shallower": ids(&a.shallower),
        })).collect::<Vec<_>>(),
    });
    let mut bytes = serde_json::to_vec_pretty(&value).context("cannot write compare.json")?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// One row of a table: a label and its cells, already worded.
pub struct Row {
    pub label: String,
    pub cells: Vec<String>,
}

/// A cell of the competency matrix.
pub struct MatrixCell {
    /// `I`, `R`, `M`, or empty.
    pub depth: &'static str,
    pub explicit: bool,
    /// Hours, worded, or empty.
    pub hours: String,
}

pub struct MatrixRow {
    pub id: String,
    pub title: String,
    pub cells: Vec<MatrixCell>,
}

/// Programmes a page shows side by side at most: beyond, the chart, the
/// similarity table and the matrix would be wider than any screen or
/// sheet of paper, and only `compare.json` holds them.
pub const PAGE_PROGRAMMES: usize = 40;

/// What the comparison page and the portfolio's summary show.
pub struct ComparisonView {
    pub programs: Vec<String>,
    pub levels: Vec<Row>,
    pub chart: String,
    pub similarity: Vec<Row>,
    /// Programme names in clustering order.
    pub order: Vec<String>,
    pub matrix: Vec<MatrixRow>,
    /// `programme: id title · id title`, one per programme that teaches
    /// something no other does.
    pub unique: Vec<(String, Vec<String>)>,
    /// What programmes are compared with, worded; empty without one.
    pub reference: String,
    /// Why the chart, the similarity table and the matrix are left out
    /// (more than [`PAGE_PROGRAMMES`]); empty when they are shown.
    pub too_many: String,
    pub against: Vec<Row>,
}

fn titled(frameworks: &FrameworkSet, id: &CompetencyId, w: &Words) -> String {
    let title = frameworks
        .primary
        .competency(id)
        .map(|c| c.title.get(w.lang()))
        .unwrap_or("");
    format!("{id} {title}")
}

pub fn view(
    frameworks: &FrameworkSet,
    cmp: &Comparison,
    analyses: &[ProgramAnalysis],
    w: &Words,
) -> ComparisonView {
    let levels: Vec<u8> = frameworks.primary.levels.iter().map(|l| l.number).collect();
    let share = |a: &ProgramAnalysis, n: u8| {
        a.levels
            .iter()
            .find(|l| l.number == n)
            .map_or((0, 0), |l| (l.covered, l.total))
    };
    let wide = cmp.programs.len() > PAGE_PROGRAMMES;
    let chart = if wide {
        String::new()
    } else {
        charts::hours::render(&HoursChart {
            id_prefix: "compare-levels".into(),
            title: w.t("chart-compare-title"),
            desc: w.t("chart-compare-desc"),
            axis_label: "%".into(),
            series: cmp.programs.clone(),
            periods: levels
                .iter()
                .map(|&n| HoursPeriod {
                    label: format!("L{n}"),
                    bars: analyses
                        .iter()
                        .map(|a| {
                            let (c, t) = share(a, n);
                            let p = percent(c, t);
                            HoursBar {
                                hours: f64::from(p),
                                value_label: Some(w.percent(p)),
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
    };
    let mut view = ComparisonView {
        programs: cmp.programs.clone(),
        levels: analyses
            .iter()
            .map(|a| Row {
                label: a.program.clone(),
                cells: levels
                    .iter()
                    .map(|&n| {
                        let (c, t) = share(a, n);
                        format!("{c}/{t} ({})", w.percent(percent(c, t)))
                    })
                    .collect(),
            })
            .collect(),
        chart,
        similarity: cmp
            .programs
            .iter()
            .zip(&cmp.similarity)
            .map(|(p, row)| Row {
                label: p.clone(),
                cells: row.iter().map(|s| w.score(round4(*s) as f32)).collect(),
            })
            .collect(),
        order: cmp.order.iter().map(|&i| cmp.programs[i].clone()).collect(),
        matrix: cmp
            .competencies
            .iter()
            .map(|r| MatrixRow {
                id: r.id.to_string(),
                title: frameworks
                    .primary
                    .competency(&r.id)
                    .map(|c| c.title.get(w.lang()).to_owned())
                    .unwrap_or_default(),
                cells: r
                    .cells
                    .iter()
                    .map(|c| match c {
                        Some(c) => MatrixCell {
                            depth: c.depth.letter(),
                            explicit: c.explicit,
                            hours: c.hours.map(|h| w.hours(h)).unwrap_or_default(),
                        },
                        None => MatrixCell {
                            depth: "",
                            explicit: false,
                            hours: String::new(),
                        },
                    })
                    .collect(),
            })
            .collect(),
        unique: cmp
            .programs
            .iter()
            .zip(&cmp.unique)
            .filter(|(_, u)| !u.is_empty())
            .map(|(p, u)| {
                (
                    p.clone(),
                    u.iter().map(|id| titled(frameworks, id, w)).collect(),
                )
            })
            .collect(),
        reference: match &cmp.reference {
            None => String::new(),
            Some(Reference::Program(i)) => w.fmt1(
                "compare-reference-program",
                "name",
                cmp.programs[*i].as_str(),
            ),
            Some(Reference::Target(t)) => w.fmt1("compare-reference-target", "id", t.as_str()),
        },
        against: cmp
            .programs
            .iter()
            .zip(&cmp.against)
            .map(|(p, a)| Row {
                label: p.clone(),
                cells: vec![
                    format!("{}/{}", a.met, a.total),
                    a.missing
                        .iter()
                        .map(|id| titled(frameworks, id, w))
                        .collect::<Vec<_>>()
                        .join(" · "),
                    a.shallower
                        .iter()
                        .map(|id| titled(frameworks, id, w))
                        .collect::<Vec<_>>()
                        .join(" · "),
                ],
            })
            .collect(),
        too_many: String::new(),
    };
    if wide {
        view.similarity.clear();
        view.matrix.clear();
        view.too_many = w.fmt1("compare-too-many", "max", PAGE_PROGRAMMES);
    }
    view
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    c: &'a ComparisonView,
    w: &'a Words,
    framework: String,
    generated: Option<String>,
    version: &'static str,
}

/// The comparison page.
pub fn html(
    frameworks: &FrameworkSet,
    view: &ComparisonView,
    w: &Words,
    generated: Option<chrono::NaiveDate>,
) -> Result<Vec<u8>> {
    Ok(ComparePage {
        c: view,
        w,
        framework: format!("{} {}", frameworks.primary.id, frameworks.primary.version),
        generated: generated.map(|d| w.date(d)),
        version: env!("CARGO_PKG_VERSION"),
    }
    .render()
    .context("cannot render compare.html")?
    .into_bytes())
}
