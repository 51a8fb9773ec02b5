//! `aimap demand`: job postings classified on the three levels, written as
//! `demand.html`, `demand.json` and `demand.csv`, with a summary on stdout.

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
    let mut csv = out::PostingsCsv::new(report::csv::CsvDialect::for_lang(lang), &w)?;
    let run = crate::demand::run(
        &frameworks,
        &args.postings,
        args.min_concepts,
        &mut |p, j| csv.row(p, j),
    )?;
    let mut read = args.postings.clone();
    read.extend(args.frameworks.iter().cloned());
    let mut folder = report::ReportFolder::begin(&args.out, &read)?;
    let view = out::view(&frameworks, &run.demand, &run.files, &run.problems, &w);
    folder.add(
        "demand.html",
        &out::html(&frameworks, &view, &w, super::report::generated_date())?,
    )?;
    folder.add(
        "demand.json",
        &out::json(&frameworks, &run.demand, &run.files, &run.problems, &w)?,
    )?;
    folder.add("demand.csv", &csv.into_bytes()?)?;
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
