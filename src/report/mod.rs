//! Reports: view models, askama templates and exporters, all pure
//! functions returning bytes, and one writer that puts files in place
//! atomically. Never analyses anything itself.

pub mod csv;
pub mod json;
pub mod review;
mod sources;
pub mod view;
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

/// A file of a report, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Options that change what reports say.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Date printed on reports (from `SOURCE_DATE_EPOCH`); none by default,
    /// so the same input always gives the same bytes.
    pub generated: Option<String>,
}

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage<'a> {
    p: &'a ProgramView,
    framework: String,
    generated: Option<&'a str>,
    version: &'static str,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    rows: Vec<IndexRow>,
    /// (number, English name, French name, description)
    levels: Vec<(u8, &'a str, &'a str, &'a str)>,
    framework: String,
    /// The id of the target programmes were compared with, if any.
    target: Option<String>,
    generated: Option<&'a str>,
    version: &'static str,
}

/// One programme's views, in curriculum order; shared by every exporter.
/// Input files are named by `names`.
pub fn program_views(
    frameworks: &FrameworkSet,
    curriculum: &Curriculum,
    analyses: &[ProgramAnalysis],
    names: &SourceNames,
) -> Vec<ProgramView> {
    let slugs = view::slugs(curriculum);
    curriculum
        .programs
        .iter()
        .zip(analyses)
        .zip(slugs)
        .map(|((p, a), slug)| view::program_view(frameworks, p, a, slug, names))
        .collect()
}

/// Renders the whole report into `sink`, one file at a time as each is
/// made: `<slug>.html` and `<slug>.json` per programme, then `index.html`.
/// `views` are the [`program_views`] of the same analyses.
pub fn render(
    frameworks: &FrameworkSet,
    analyses: &[ProgramAnalysis],
    views: &[ProgramView],
    options: &ReportOptions,
    sink: &mut dyn Sink,
) -> Result<()> {
    let framework = format!("{} {}", frameworks.primary.id, frameworks.primary.version);
    let generated = options.generated.as_deref();
    let version = env!("CARGO_PKG_VERSION");
    for (view, analysis) in views.iter().zip(analyses) {
        let page = ProgramPage {
            p: view,
            framework: framework.clone(),
            generated,
            version,
        };
        let html = page
            .render()
            .with_context(|| format!("cannot render the page of `{}`", view.name))?;
        sink.add(&format!("{}.html", view.slug), html.as_bytes())?;
        let summary = json::render(frameworks, analysis, view)
            .with_context(|| format!("cannot write the JSON summary of `{}`", view.name))?;
        sink.add(&format!("{}.json", view.slug), &summary)?;
    }
    let index = IndexPage {
        rows: views.iter().map(view::index_row).collect(),
        levels: frameworks
            .primary
            .levels
            .iter()
            .map(|l| {
                (
                    l.number,
                    l.title.get(Lang::En),
                    l.title.get(Lang::Fr),
                    l.description.get(Lang::En),
                )
            })
            .collect(),
        framework,
        target: analyses
            .iter()
            .find_map(|a| a.target.as_ref().map(|t| t.target.clone())),
        generated,
        version,
    };
    let html = index.render().context("cannot render the index page")?;
    sink.add("index.html", html.as_bytes())
}
