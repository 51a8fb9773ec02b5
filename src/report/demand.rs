//! `demand.html`, `demand.json` and `demand.csv`, from the aggregates of
//! [`analysis::demand`](crate::analysis::demand), and the supply-against-
//! demand section of a programme page. Words from the catalogue only.

use super::charts::{self, HoursBar, HoursChart, HoursPeriod};
use super::csv::{CsvDialect, Writer};
use super::words::Words;
use crate::analysis::demand::{
    Balance, Cell, Demand, Dimension, Judged, MIN_CELL, OTHER, UNKNOWN, wilson,
};
use crate::framework::FrameworkSet;
use crate::model::{CompetencyId, Finding, Posting};
use anyhow::{Context, Result};
use askama::Template;
use serde_json::{Value, json};
use std::io::Write;

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn share(k: usize, n: usize) -> Option<f64> {
    (n > 0).then(|| round4(k as f64 / n as f64))
}

fn interval(k: usize, n: usize) -> Value {
    match wilson(k, n) {
        Some((lo, hi)) => json!([round4(lo), round4(hi)]),
        None => Value::Null,
    }
}

fn levels(frameworks: &FrameworkSet) -> Vec<u8> {
    frameworks.primary.levels.iter().map(|l| l.number).collect()
}

fn cell_json(c: &Cell, levels: &[u8]) -> Value {
    json!({
        "postings": c.postings,
        "ai": c.ai,
        "ai_share": share(c.ai, c.postings),
        "ai_interval": interval(c.ai, c.postings),
        "small": c.small(),
        "levels": levels.iter().map(|&l| json!({
            "level": l,
            "postings": c.at(l),
            "share": share(c.at(l), c.postings),
            "interval": interval(c.at(l), c.postings),
        })).collect::<Vec<_>>(),
    })
}

fn key_json(k: &str) -> Value {
    match k {
        UNKNOWN => Value::Null,
        OTHER => json!("*"),
        _ => json!(k),
    }
}

fn title<'a>(frameworks: &'a FrameworkSet, id: &CompetencyId, w: &Words) -> &'a str {
    frameworks
        .primary
        .competency(id)
        .map(|c| c.title.get(w.lang()))
        .unwrap_or("")
}

/// `demand.json` (`schema_version` 1, `docs/schema/demand-v1.json`).
pub fn json(
    frameworks: &FrameworkSet,
    demand: &Demand,
    files: &[String],
    problems: &[Finding],
    w: &Words,
) -> Result<Vec<u8>> {
    let lv = levels(frameworks);
    let by: serde_json::Map<String, Value> = demand
        .by
        .iter()
        .map(|(d, cells)| {
            let rows: Vec<Value> = cells
                .iter()
                .map(|(k, c)| {
                    let mut v = cell_json(c, &lv);
                    v["key"] = key_json(k);
                    v
                })
                .collect();
            (d.key().to_owned(), Value::Array(rows))
        })
        .collect();
    let ai = demand.total.ai;
    let value = json!({
        "schema_version": 1,
        "generator": { "name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION") },
        "lang": w.tag(),
        "framework": { "id": frameworks.primary.id, "version": frameworks.primary.version },
        "rule": {
            "min_concepts": demand.min_concepts,
            "source": "Green & Lamby (2023), OECD Social, Employment and Migration Working Papers No. 287",
        },
        "interval": { "method": "wilson", "confidence": 0.95 },
        "min_cell": MIN_CELL,
        "files": files,
        "total": cell_json(&demand.total, &lv),
        "by": by,
        "competencies": demand.top_competencies().into_iter().map(|(id, level, n)| json!({
            "id": id.as_str(),
            "level": level,
            "title": title(frameworks, id, w),
            "postings": n,
            "share": share(n, ai),
            "interval": interval(n, ai),
        })).collect::<Vec<_>>(),
        "problems": problems.iter().map(|f| json!({
            "code": f.code,
            "severity": f.severity,
            "message": w.finding(Some(frameworks), f),
            "location": f.location.as_ref().map(|l| l.to_string()),
        })).collect::<Vec<_>>(),
    });
    let mut bytes = serde_json::to_vec_pretty(&value).context("cannot write demand.json")?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `demand.csv`, written one posting at a time: one row per posting, so it
/// grows with the input (about 150 bytes a posting). `aimap demand` streams
/// it into its staged file ([`PostingsCsv::to`]); [`PostingsCsv::new`]
/// builds it in memory.
pub struct PostingsCsv<W: Write = Vec<u8>> {
    w: Writer<W>,
    yes: String,
    no: String,
}

impl PostingsCsv {
    pub fn new(dialect: CsvDialect, w: &Words) -> Result<Self> {
        PostingsCsv::to(Vec::new(), dialect, w)
    }

    pub fn into_bytes(self) -> Result<Vec<u8>> {
        self.w.into_bytes()
    }
}

impl<W: Write> PostingsCsv<W> {
    /// The file streamed into `out`, its header written.
    pub fn to(out: W, dialect: CsvDialect, w: &Words) -> Result<Self> {
        let mut writer = Writer::to(out, dialect)?;
        writer.record(
            [
                "id",
                "title",
                "country",
                "region",
                "sector",
                "occupation",
                "date",
                "quarter",
                "ai",
                "level",
                "competencies",
                "evidence",
            ]
            .map(|k| w.t(&format!("demand-header-{k}"))),
        )?;
        Ok(PostingsCsv {
            w: writer,
            yes: w.t("word-yes"),
            no: w.t("word-no"),
        })
    }

    /// Flushes the last rows and gives the destination back.
    pub fn finish(self) -> Result<W> {
        self.w.finish()
    }

    pub fn row(&mut self, p: &Posting, j: &Judged) -> Result<()> {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        let competencies: Vec<&str> = j.competencies.iter().map(|(id, _)| id.as_str()).collect();
        self.w.record([
            p.id.clone(),
            p.title.clone(),
            opt(&p.country),
            opt(&p.region),
            opt(&p.sector),
            opt(&p.occupation),
            opt(&p.date),
            p.quarter.map(|q| q.to_string()).unwrap_or_default(),
            if j.ai {
                self.yes.clone()
            } else {
                self.no.clone()
            },
            j.level.map(|l| format!("L{l}")).unwrap_or_default(),
            competencies.join("; "),
            j.concepts.join("; "),
        ])
    }
}

/// `12.5%` / `12,5 %`.
fn pct(w: &Words, x: f64) -> String {
    let n = w.number(x * 100.0);
    match w.lang() {
        crate::framework::Lang::En => format!("{n}%"),
        crate::framework::Lang::Fr => format!("{n}\u{a0}%"),
    }
}

fn share_text(w: &Words, k: usize, n: usize) -> String {
    if n == 0 {
        return "–".into();
    }
    pct(w, k as f64 / n as f64)
}

fn interval_text(w: &Words, k: usize, n: usize) -> String {
    match wilson(k, n) {
        Some((lo, hi)) => format!("{} – {}", pct(w, lo), pct(w, hi)),
        None => "–".into(),
    }
}

/// One row of a demand table, worded.
pub struct DemandRow {
    pub label: String,
    pub postings: String,
    pub ai: String,
    pub share: String,
    pub interval: String,
    pub levels: Vec<String>,
    pub small: bool,
}

fn row(label: String, c: &Cell, levels: &[u8], w: &Words) -> DemandRow {
    DemandRow {
        label,
        postings: c.postings.to_string(),
        ai: c.ai.to_string(),
        share: share_text(w, c.ai, c.postings),
        interval: interval_text(w, c.ai, c.postings),
        levels: levels
            .iter()
            .map(|&l| share_text(w, c.at(l), c.postings))
            .collect(),
        small: c.small(),
    }
}

pub struct DimensionView {
    pub id: String,
    pub heading: String,
    pub rows: Vec<DemandRow>,
}

pub struct CompetencyRow {
    pub id: String,
    pub title: String,
    pub level: String,
    pub postings: String,
    pub share: String,
    pub interval: String,
}

/// What `demand.html` shows.
pub struct DemandView {
    pub count: String,
    pub files: Vec<String>,
    pub level_labels: Vec<String>,
    pub total: DemandRow,
    pub chart: String,
    pub by: Vec<DimensionView>,
    pub competencies: Vec<CompetencyRow>,
    pub problems: Vec<String>,
    pub rule: String,
    pub wilson: String,
    pub small: String,
}

fn label(k: &str, w: &Words) -> String {
    match k {
        UNKNOWN => w.t("demand-unknown"),
        OTHER => w.t("demand-other"),
        _ => k.to_owned(),
    }
}

pub fn view(
    frameworks: &FrameworkSet,
    demand: &Demand,
    files: &[String],
    problems: &[Finding],
    w: &Words,
) -> DemandView {
    let lv = levels(frameworks);
    let level_labels: Vec<String> = lv.iter().map(|l| format!("L{l}")).collect();
    let countries = &demand.by[&Dimension::Country];
    let chart = charts::hours::render(&HoursChart {
        id_prefix: "demand-countries".into(),
        title: w.t("demand-chart-title"),
        desc: w.t("demand-chart-desc"),
        axis_label: "%".into(),
        series: level_labels.clone(),
        periods: countries
            .iter()
            .map(|(k, c)| HoursPeriod {
                label: label(k, w),
                bars: lv
                    .iter()
                    .map(|&l| {
                        let p = if c.postings == 0 {
                            0.0
                        } else {
                            (c.at(l) as f64 / c.postings as f64 * 1000.0).round() / 10.0
                        };
                        HoursBar {
                            hours: p,
                            value_label: Some(pct(w, p / 100.0)),
                        }
                    })
                    .collect(),
            })
            .collect(),
    });
    let ai = demand.total.ai;
    DemandView {
        count: w.fmt2(
            "demand-count",
            "postings",
            demand.total.postings,
            "ai",
            demand.total.ai,
        ),
        files: files.to_vec(),
        total: row(String::new(), &demand.total, &lv, w),
        chart,
        by: demand
            .by
            .iter()
            .map(|(d, cells)| DimensionView {
                id: d.key().to_owned(),
                heading: w.fmt1(
                    "demand-section-by",
                    "dimension",
                    w.t(&format!("demand-dim-{}", d.key())),
                ),
                rows: cells
                    .iter()
                    .map(|(k, c)| row(label(k, w), c, &lv, w))
                    .collect(),
            })
            .collect(),
        competencies: demand
            .top_competencies()
            .into_iter()
            .map(|(id, level, n)| CompetencyRow {
                id: id.to_string(),
                title: title(frameworks, id, w).to_owned(),
                level: format!("L{level}"),
                postings: n.to_string(),
                share: share_text(w, n, ai),
                interval: interval_text(w, n, ai),
            })
            .collect(),
        problems: problems
            .iter()
            .map(|f| w.finding_line(Some(frameworks), f))
            .collect(),
        level_labels,
        rule: w.fmt1("demand-rule", "min", demand.min_concepts),
        wilson: w.fmt1("demand-wilson", "min", MIN_CELL),
        small: w.fmt1("demand-small", "min", MIN_CELL),
    }
}

#[derive(Template)]
#[template(path = "demand.html")]
struct DemandPage<'a> {
    d: &'a DemandView,
    w: &'a Words,
    framework: String,
    generated: Option<String>,
    version: &'static str,
}

/// `demand.html`.
pub fn html(
    frameworks: &FrameworkSet,
    view: &DemandView,
    w: &Words,
    generated: Option<chrono::NaiveDate>,
) -> Result<Vec<u8>> {
    Ok(DemandPage {
        d: view,
        w,
        framework: format!("{} {}", frameworks.primary.id, frameworks.primary.version),
        generated: generated.map(|d| w.date(d)),
        version: env!("CARGO_PKG_VERSION"),
    }
    .render()
    .context("cannot render demand.html")?
    .into_bytes())
}

/// The demand a programme report is set against: the aggregates and the
/// files they came from.
#[derive(Debug, Clone)]
pub struct DemandInput {
    pub demand: Demand,
    pub files: Vec<String>,
}

/// A row of the supply-against-demand tables, worded.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceRow {
    pub label: String,
    pub demand: String,
    pub interval: String,
    pub taught: String,
    pub hours: String,
}

/// The supply-against-demand section of a programme page.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceView {
    pub intro: String,
    pub chart: String,
    pub levels: Vec<BalanceRow>,
    pub competencies: Vec<BalanceRow>,
    pub gaps: Vec<String>,
}

/// Competencies listed in the section's table at most.
const BALANCE_ROWS: usize = 15;

pub fn balance_view(
    frameworks: &FrameworkSet,
    input: &DemandInput,
    b: &Balance,
    w: &Words,
) -> BalanceView {
    let hours = |h: Option<f64>| h.map(|h| w.hours(h)).unwrap_or_else(|| "–".into());
    let chart = charts::hours::render(&HoursChart {
        id_prefix: "supply-demand".into(),
        title: w.t("chart-supply-title"),
        desc: w.t("chart-supply-desc"),
        axis_label: "%".into(),
        series: vec![w.t("supply-series-demand"), w.t("supply-series-taught")],
        periods: b
            .levels
            .iter()
            .map(|l| {
                let p = |(k, n): (usize, usize)| {
                    if n == 0 {
                        0.0
                    } else {
                        (k as f64 / n as f64 * 1000.0).round() / 10.0
                    }
                };
                let (d, t) = (p(l.demand), p(l.covered));
                HoursPeriod {
                    label: format!("L{}", l.level),
                    bars: vec![
                        HoursBar {
                            hours: d,
                            value_label: Some(pct(w, d / 100.0)),
                        },
                        HoursBar {
                            hours: t,
                            value_label: Some(pct(w, t / 100.0)),
                        },
                    ],
                }
            })
            .collect(),
    });
    BalanceView {
        intro: w.fmt(
            "supply-demand-intro",
            &[
                ("postings", input.demand.total.postings.into()),
                ("ai", input.demand.total.ai.into()),
                ("files", input.files.join(", ").into()),
            ],
        ),
        chart,
        levels: b
            .levels
            .iter()
            .map(|l| BalanceRow {
                label: format!("L{}", l.level),
                demand: share_text(w, l.demand.0, l.demand.1),
                interval: interval_text(w, l.demand.0, l.demand.1),
                taught: format!(
                    "{}/{} ({})",
                    l.covered.0,
                    l.covered.1,
                    share_text(w, l.covered.0, l.covered.1)
                ),
                hours: hours(l.hours),
            })
            .collect(),
        competencies: b
            .competencies
            .iter()
            .take(BALANCE_ROWS)
            .map(|c| BalanceRow {
                label: format!("{} {}", c.id, title(frameworks, &c.id, w)),
                demand: share_text(w, c.demand.0, c.demand.1),
                interval: interval_text(w, c.demand.0, c.demand.1),
                taught: if c.covered {
                    w.t("word-yes")
                } else {
                    w.t("word-no")
                },
                hours: hours(c.hours),
            })
            .collect(),
        gaps: b
            .gaps
            .iter()
            .map(|id| {
                let (k, n) = input.demand.competency_share(id);
                format!(
                    "{id} {} ({})",
                    title(frameworks, id, w),
                    share_text(w, k, n)
                )
            })
            .collect(),
    }
}

/// The `supply_demand` key of a programme's JSON.
pub fn balance_json(input: &DemandInput, b: &Balance) -> Value {
    json!({
        "files": input.files,
        "postings": input.demand.total.postings,
        "ai_postings": input.demand.total.ai,
        "min_concepts": input.demand.min_concepts,
        "levels": b.levels.iter().map(|l| json!({
            "level": l.level,
            "demand_postings": l.demand.0,
            "demand_share": share(l.demand.0, l.demand.1),
            "demand_interval": interval(l.demand.0, l.demand.1),
            "covered": l.covered.0,
            "total": l.covered.1,
            "hours": l.hours.map(|h| (h * 100.0).round() / 100.0),
        })).collect::<Vec<_>>(),
        "competencies": b.competencies.iter().map(|c| json!({
            "id": c.id.as_str(),
            "level": c.level,
            "demand_postings": c.demand.0,
            "demand_share": share(c.demand.0, c.demand.1),
            "demand_interval": interval(c.demand.0, c.demand.1),
            "covered": c.covered,
            "hours": c.hours.map(|h| (h * 100.0).round() / 100.0),
        })).collect::<Vec<_>>(),
        "most_demanded_least_taught": b.gaps.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
    })
}
