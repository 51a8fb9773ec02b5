//! Reports: view models, askama templates and exporters, all pure
//! functions returning bytes, and one writer that puts files in place
//! atomically. Never analyses anything itself.

pub mod json;
pub mod review;
pub mod view;
mod writer;

pub use writer::write_files;

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
pub fn program_views(
    frameworks: &FrameworkSet,
    curriculum: &Curriculum,
    analyses: &[ProgramAnalysis],
) -> Vec<ProgramView> {
    let slugs = view::slugs(curriculum);
    curriculum
        .programs
        .iter()
        .zip(analyses)
        .zip(slugs)
        .map(|((p, a), slug)| view::program_view(frameworks, p, a, slug))
        .collect()
}

/// Renders the whole report: `index.html`, and `<slug>.html` and
/// `<slug>.json` per programme. `views` are the [`program_views`] of the
/// same analyses.
pub fn render(
    frameworks: &FrameworkSet,
    analyses: &[ProgramAnalysis],
    views: &[ProgramView],
    options: &ReportOptions,
) -> Result<Vec<OutputFile>> {
    let framework = format!("{} {}", frameworks.primary.id, frameworks.primary.version);
    let generated = options.generated.as_deref();
    let version = env!("CARGO_PKG_VERSION");
    let mut files = Vec::new();
    for (view, analysis) in views.iter().zip(analyses) {
        let page = ProgramPage {
            p: view,
            framework: framework.clone(),
            generated,
            version,
        };
        files.push(OutputFile {
            name: format!("{}.html", view.slug),
            bytes: page
                .render()
                .with_context(|| format!("cannot render the page of `{}`", view.name))?
                .into_bytes(),
        });
        files.push(OutputFile {
            name: format!("{}.json", view.slug),
            bytes: json::render(frameworks, analysis, view)
                .with_context(|| format!("cannot write the JSON summary of `{}`", view.name))?,
        });
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
    files.push(OutputFile {
        name: "index.html".into(),
        bytes: index
            .render()
            .context("cannot render the index page")?
            .into_bytes(),
    });
    Ok(files)
}
