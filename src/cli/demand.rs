//! `aimap demand`: job postings classified on the three levels, written as
//! `demand.html`, `demand.json` and `demand.csv`, with a summary on stdout.

use super::progress::{Progress, megabytes};
use super::{DemandArgs, load_frameworks, print_notes, print_problems, term};
use crate::framework::Lang;
use crate::report::{self, Sink, demand as out, words::Words};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

pub(super) fn demand_command(args: DemandArgs) -> Result<ExitCode> {
    let frameworks = load_frameworks(&args.frameworks)?;
    let lang: Lang = args.lang.map(Into::into).unwrap_or(Lang::En);
    let w = Words::new(lang);
    let mut read = args.postings.clone();
    read.extend(args.frameworks.iter().cloned());
    // The folder first: demand.csv (a row per posting) is streamed into
    // its staged file as the postings are read, and is switched in with
    // the other two at the end, or removed with them on an error.
    let mut folder = report::ReportFolder::begin(&args.out, &read)?;
    let staged = folder.create("demand.csv")?;
    let mut csv = out::PostingsCsv::to(staged, report::csv::CsvDialect::for_lang(lang), &w)?;
    let classifier = crate::classify::Classifier::new(&frameworks)?;
    let mut progress = Progress::on_stderr();
    let run = crate::demand::run_watched(
        &classifier,
        &args.postings,
        args.min_concepts,
        &mut |p, j| csv.row(p, j),
        &mut |r| {
            progress.show(|| {
                let pct = (r.bytes_read as f64 * 100.0 / r.bytes_total.max(1) as f64).min(100.0);
                format!(
                    "reading postings: {} postings, {} of {} ({pct:.0} %)",
                    r.postings,
                    megabytes(r.bytes_read),
                    megabytes(r.bytes_total)
                )
            })
        },
    )?;
    progress.clear();
    drop(csv.finish()?);
    let view = out::view(&frameworks, &run.demand, &run.files, &run.problems, &w);
    folder.add(
        "demand.html",
        &out::html(&frameworks, &view, &w, super::report::generated_date())?,
    )?;
    folder.add(
        "demand.json",
        &out::json(&frameworks, &run.demand, &run.files, &run.problems, &w)?,
    )?;
    let committed = folder.commit()?;

    let mut err = term::stderr();
    print_problems(&mut err, &run.problems, 10)?;
    drop(err);
    print_notes(&committed.notes)?;
    let mut o = term::stdout();
    let t = &run.demand.total;
    let levels: Vec<String> = frameworks
        .primary
        .levels
        .iter()
        .map(|l| format!("L{} {}", l.number, t.at(l.number)))
        .collect();
    writeln!(
        o,
        "{} postings, {} AI postings (at least {} distinct AI concepts): {}",
        t.postings,
        t.ai,
        args.min_concepts,
        levels.join("  ")
    )?;
    writeln!(o, "demand: {}", args.out.join("demand.html").display())?;
    Ok(ExitCode::SUCCESS)
}
