//! Reports: view models, askama templates and exporters, all pure
//! functions returning bytes, and one writer that puts files in place
//! atomically. Never analyses anything itself.

mod advice;
pub mod charts;
pub mod compare;
mod contrast;
pub mod csv;
pub mod demand;
pub mod export;
mod figures;
pub mod json;
pub mod lang;
pub mod review;
mod sources;
pub mod view;
pub mod words;
mod writer;

pub use sources::SourceNames;
pub use writer::{
    Committed, Output, ReportFolder, Sink, check_not_input, remove_temporaries_for_exit, write_file,
};

use crate::analysis::ProgramAnalysis;
use crate::framework::{FrameworkSet, Lang};
use crate::model::Curriculum;
use anyhow::{Context, Result};
use askama::Template;
use view::{IndexRow, ProgramView};
use words::Words;

/// A file of a report, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A kind of file a report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `<slug>.html` per programme, and `index.html`.
    Html,
    /// `<slug>.json`: the machine interface.
    Json,
    /// `<slug>.csv`: the flat curriculum map.
    Csv,
    /// `<slug>.xlsx`: the map, the gaps and the outcomes as sheets.
    Xlsx,
    /// `<slug>.dot`: the programme's graph for Graphviz.
    Dot,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Xlsx,
        Format::Dot,
    ];

    /// The file extension, also the name `--format` takes.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Dot => "dot",
        }
    }
}

/// Options that change what reports say and which files they are.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Date printed on reports (from `SOURCE_DATE_EPOCH`); none by default,
    /// so the same input always gives the same bytes.
    pub generated: Option<chrono::NaiveDate>,
    /// The language asked for; `None`: each programme's own.
    pub lang: Option<Lang>,
    /// The files to write, in [`Format`] order.
    pub formats: Vec<Format>,
    /// The user named the formats (`--format`). Otherwise a workbook too
    /// large for a spreadsheet is left out with a note instead of failing
    /// the report.
    pub formats_asked: bool,
    /// The CSV separator asked for; `None`: the reader's (`;` in French).
    pub csv_delimiter: Option<u8>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            generated: None,
            lang: None,
            formats: Format::ALL.to_vec(),
            formats_asked: false,
            csv_delimiter: None,
        }
    }
}

impl ReportOptions {
    /// The CSV layout for a reader of `lang`.
    pub fn csv_dialect(&self, lang: Lang) -> csv::CsvDialect {
        let mut d = csv::CsvDialect::for_lang(lang);
        if let Some(delimiter) = self.csv_delimiter {
            d.delimiter = delimiter;
        }
        d
    }
}

/// Everything an exporter receives about one programme: the analysis is
/// the source of every figure, the view only gives the page's names.
pub struct ProgramRun<'a> {
    pub frameworks: &'a FrameworkSet,
    pub program: &'a crate::model::Program,
    pub analysis: &'a ProgramAnalysis,
    pub view: &'a ProgramView,
    pub words: &'a Words,
    pub names: &'a SourceNames,
    pub options: &'a ReportOptions,
    pub framework: &'a str,
    /// The postings programmes are set against (`report --demand`).
    pub demand: Option<&'a demand::DemandInput>,
}

/// The headers of the flat map, in the reader's words.
fn map_headers(w: &Words) -> export::MapHeaders {
    export::MapHeaders {
        program: w.t("header-program"),
        year: w.t("header-year"),
        semester: w.t("header-semester"),
        course: w.t("header-course"),
        course_title: w.t("header-course-title"),
        outcome_id: w.t("header-outcome-id"),
        outcome: w.t("header-outcome"),
        competency: w.t("header-competency"),
        level: w.t("header-level"),
        depth: w.t("header-depth"),
        origin: w.t("header-origin"),
        score: w.t("header-score"),
        evidence: w.t("header-evidence"),
        via: w.t("header-via"),
    }
}

/// The one exporter interface: a programme in one format, as bytes.
pub fn export(format: Format, run: &ProgramRun<'_>) -> Result<Vec<u8>> {
    let w = run.words;
    Ok(match format {
        Format::Html => ProgramPage {
            p: run.view,
            w,
            framework: run.framework.to_owned(),
            generated: run.options.generated.map(|d| w.date(d)),
            version: env!("CARGO_PKG_VERSION"),
        }
        .render()?
        .into_bytes(),
        Format::Json => json::render(
            run.frameworks,
            run.program,
            run.analysis,
            run.view,
            w,
            run.names,
            run.demand.map(|d| {
                demand::balance_json(
                    d,
                    &crate::analysis::demand::balance(&d.demand, run.analysis),
                )
            }),
        )?,
        Format::Csv => {
            let rows = export::map_rows(run.frameworks, run.program, run.analysis, w);
            export::map::csv(&rows, &run.options.csv_dialect(w.lang()), &map_headers(w))?
        }
        Format::Xlsx => {
            let rows = export::map_rows(run.frameworks, run.program, run.analysis, w);
            let text = export::XlsxText {
                map_sheet: w.t("sheet-map"),
                gaps_sheet: w.t("sheet-gaps"),
                outcomes_sheet: w.t("sheet-outcomes"),
                title: w.t("header-title"),
                covered: w.t("header-covered"),
                deepest: w.t("header-deepest"),
                courses: w.t("header-courses"),
                yes: w.t("word-yes"),
                no: w.t("word-no"),
                columns: map_headers(w),
            };
            export::xlsx(
                run.frameworks,
                run.program,
                run.analysis,
                &rows,
                &text,
                w.lang(),
            )?
        }
        Format::Dot => {
            export::dot(run.frameworks, run.program, run.analysis, w.lang()).into_bytes()
        }
    })
}

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage<'a> {
    p: &'a ProgramView,
    w: &'a Words,
    framework: String,
    generated: Option<String>,
    version: &'static str,
}

/// A level as the portfolio lists it.
struct IndexLevel {
    number: u8,
    name: String,
    description: String,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    w: &'a Words,
    rows: Vec<IndexRow>,
    levels: Vec<IndexLevel>,
    framework: String,
    /// The id of the target programmes were compared with, if any.
    target: Option<String>,
    /// Programmes compared, when there are several.
    comparison: Option<compare::ComparisonView>,
    generated: Option<String>,
    version: &'static str,
}

/// A programme's courses in the order reports list them: by year (unknown
/// last), semester, then code as people count (UE 2.2 before UE 2.11).
pub fn curriculum_order(program: &crate::model::Program) -> Vec<&crate::model::Course> {
    let mut courses: Vec<&crate::model::Course> = program.courses.iter().collect();
    courses.sort_by_cached_key(|c| {
        (
            c.year.is_none(),
            c.year,
            c.semester,
            crate::text::natural_key(c.code.as_str()),
            c.code.clone(),
        )
    });
    courses
}

/// One programme's views, in curriculum order, each in its language;
/// shared by every exporter. Input files are named by `names`.
pub fn program_views(
    frameworks: &FrameworkSet,
    curriculum: &Curriculum,
    analyses: &[ProgramAnalysis],
    names: &SourceNames,
    asked: Option<Lang>,
) -> Vec<ProgramView> {
    let slugs = view::slugs(curriculum);
    let (en, fr) = (Words::new(Lang::En), Words::new(Lang::Fr));
    curriculum
        .programs
        .iter()
        .zip(analyses)
        .zip(slugs)
        .map(|((p, a), slug)| {
            let w = match lang::choose(p, asked) {
                Lang::En => &en,
                Lang::Fr => &fr,
            };
            view::program_view(frameworks, p, a, slug, names, w)
        })
        .collect()
}

/// What a run hands the report: every exporter reads from here.
pub struct RunData<'a> {
    pub frameworks: &'a FrameworkSet,
    pub curriculum: &'a Curriculum,
    /// One per programme, in curriculum order.
    pub analyses: &'a [ProgramAnalysis],
    /// The [`program_views`] of the same analyses.
    pub views: &'a [ProgramView],
    pub names: &'a SourceNames,
    /// The programmes compared, for the portfolio page.
    pub comparison: Option<&'a crate::analysis::compare::Comparison>,
    /// The postings programmes are set against (`report --demand`).
    pub demand: Option<&'a demand::DemandInput>,
}

/// Renders the whole report into `sink`, one file at a time as each is
/// made: a file per programme and format, then `index.html`. Returns notes
/// for the terminal (files left out).
pub fn render(
    data: &RunData<'_>,
    options: &ReportOptions,
    sink: &mut dyn Sink,
) -> Result<Vec<String>> {
    let RunData {
        frameworks,
        curriculum,
        analyses,
        views,
        names,
        comparison,
        demand,
    } = *data;
    let mut notes = Vec::new();
    let framework = format!("{} {}", frameworks.primary.id, frameworks.primary.version);
    let version = env!("CARGO_PKG_VERSION");
    let (en, fr) = (Words::new(Lang::En), Words::new(Lang::Fr));
    let words = |l: Lang| match l {
        Lang::En => &en,
        Lang::Fr => &fr,
    };
    for ((view, analysis), program) in views.iter().zip(analyses).zip(&curriculum.programs) {
        let run = ProgramRun {
            frameworks,
            program,
            analysis,
            view,
            words: words(view.lang),
            names,
            options,
            framework: &framework,
            demand,
        };
        for &format in &options.formats {
            let bytes = match export(format, &run) {
                Ok(b) => b,
                Err(e) if format == Format::Xlsx && !options.formats_asked => {
                    notes.push(format!("{e:#}; the other files are written"));
                    continue;
                }
                Err(e) => {
                    return Err(e.context(format!(
                        "cannot write the {} file of `{}`",
                        format.ext(),
                        view.name
                    )));
                }
            };
            sink.add(&format!("{}.{}", view.slug, format.ext()), &bytes)?;
        }
    }
    if !options.formats.contains(&Format::Html) {
        return Ok(notes);
    }
    let w = words(lang::of_all(curriculum, options.lang));
    let index = IndexPage {
        w,
        rows: views.iter().map(|v| view::index_row(v, w)).collect(),
        levels: frameworks
            .primary
            .levels
            .iter()
            .map(|l| IndexLevel {
                number: l.number,
                name: l.title.get(w.lang()).to_owned(),
                description: l.description.get(w.lang()).to_owned(),
            })
            .collect(),
        framework,
        target: analyses
            .iter()
            .find_map(|a| a.target.as_ref().map(|t| t.target.clone())),
        comparison: comparison.map(|c| compare::view(frameworks, c, analyses, w)),
        generated: options.generated.map(|d| w.date(d)),
        version,
    };
    let html = index.render().context("cannot render the index page")?;
    sink.add("index.html", html.as_bytes())?;
    Ok(notes)
}
