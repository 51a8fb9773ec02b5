//! `aimap report`: the gap report, and one line per programme on stdout.

use super::{ReportArgs, count_of, options, print_notes, print_problems, term};
use crate::pipeline;
use crate::report::{self, ReportOptions, SourceNames};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// The date reports print: from `SOURCE_DATE_EPOCH` when set, else none.
pub(super) fn generated_date() -> Option<chrono::NaiveDate> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let dt = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(dt.date_naive())
}

/// Programmes the portfolio page compares at most (`aimap compare` has no
/// limit).
const MAX_COMPARED: usize = 12;

/// The formats asked for, in [`report::Format`] order; all when none.
fn formats(asked: &[super::FormatArg]) -> Vec<report::Format> {
    if asked.is_empty() {
        return report::Format::ALL.to_vec();
    }
    let mut f: Vec<report::Format> = asked.iter().map(|&a| a.into()).collect();
    f.sort();
    f.dedup();
    f
}

/// Reads the postings of `--demand` and sets every programme against them:
/// the demand, and the problems met reading the postings.
fn supply_demand(
    run: &pipeline::Run,
    args: &ReportArgs,
    views: &mut [report::view::ProgramView],
) -> Result<(report::demand::DemandInput, Vec<crate::model::Finding>)> {
    let d = crate::demand::run(
        &run.frameworks,
        &args.demand,
        args.min_concepts,
        &mut |_, _| Ok(()),
    )?;
    let input = report::demand::DemandInput {
        demand: d.demand,
        files: d.files,
    };
    for (v, a) in views.iter_mut().zip(&run.analyses) {
        let w = report::words::Words::new(v.lang);
        let b = crate::analysis::demand::balance(&input.demand, a);
        v.supply_demand = Some(report::demand::balance_view(
            &run.frameworks,
            &input,
            &b,
            &w,
        ));
    }
    Ok((input, d.problems))
}

pub(super) fn report_command(args: ReportArgs) -> Result<ExitCode> {
    let mut opts = options(&args.input, !args.no_suggest);
    opts.target = args.target.clone();
    let run = pipeline::run(&opts)?;
    let mut read = opts.read_paths();
    let names = SourceNames::new(&read);
    // No output may be written over a postings file either.
    read.extend(args.demand.iter().cloned());
    let lang = args.lang.map(Into::into);
    let mut views = report::program_views(
        &run.frameworks,
        &run.curriculum,
        &run.analyses,
        &names,
        lang,
    );
    let demand = (!args.demand.is_empty())
        .then(|| supply_demand(&run, &args, &mut views))
        .transpose()?;
    // Pages go to disk as they are rendered; the report appears in
    // `args.out` all at once, at the commit.
    let mut folder = report::ReportFolder::begin(&args.out, &read)?;
    // The portfolio compares the programmes when there are a few: the
    // pairwise part is quadratic, and a table wider than a page helps no one.
    let comparison = (2..=MAX_COMPARED)
        .contains(&run.analyses.len())
        .then(|| crate::analysis::compare::compare(&run.analyses, None));
    let left_out = report::render(
        &report::RunData {
            frameworks: &run.frameworks,
            curriculum: &run.curriculum,
            analyses: &run.analyses,
            views: &views,
            names: &names,
            comparison: comparison.as_ref(),
            demand: demand.as_ref().map(|(d, _)| d),
        },
        &ReportOptions {
            generated: generated_date(),
            lang,
            formats: formats(&args.format),
            formats_asked: !args.format.is_empty(),
            csv_delimiter: args.csv_delimiter,
        },
        &mut folder,
    )?;
    let committed = folder.commit()?;

    let mut err = term::stderr();
    print_problems(&mut err, &run.input_problems, 10)?;
    if let Some((_, problems)) = &demand {
        print_problems(&mut err, problems, 10)?;
    }
    drop(err);
    print_notes(&left_out)?;
    print_notes(&committed.notes)?;
    let mut out = term::stdout();
    let width = views
        .iter()
        .map(|v| v.name.chars().count())
        .max()
        .unwrap_or(0);
    for v in &views {
        let levels: Vec<String> = v
            .levels
            .iter()
            .map(|l| format!("L{} {:>2}/{:<2}", l.number, l.covered, l.total))
            .collect();
        let target = v
            .target
            .as_ref()
            .map(|t| format!("  target {} {}/{} met", t.id, t.met, t.total))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<width$}  {}{target}  {} ({}, {})",
            v.name,
            levels.join("  "),
            count_of(v.counts.total, "finding", "findings"),
            count_of(v.counts.errors, "error", "errors"),
            count_of(v.counts.warnings, "warning", "warnings"),
        )?;
    }
    writeln!(out, "report: {}", args.out.join("index.html").display())?;
    Ok(ExitCode::SUCCESS)
}
