//! `aimap compare`: programmes side by side, and one line per programme
//! on stdout.

use super::{CompareArgs, options, print_notes, print_problems, term};
use crate::analysis::compare;
use crate::pipeline;
use crate::report::{self, Sink, words::Words};
use anyhow::{Result, bail};
use std::io::Write;
use std::process::ExitCode;

/// Programmes `compare` takes at most: the similarity matrix and the
/// clustering are quadratic to cubic in their number (2,000 take seconds;
/// 10,000 would take hours and gigabytes).
const MAX_PROGRAMMES: usize = 2_000;

pub(super) fn compare_command(args: CompareArgs) -> Result<ExitCode> {
    let mut opts = options(&args.input, !args.no_suggest);
    opts.target = args.target.clone();
    let run = pipeline::run(&opts)?;
    let names: Vec<&str> = run.analyses.iter().map(|a| a.program.as_str()).collect();
    let reference = match &args.reference {
        None => None,
        Some(r) => {
            let key = crate::text::fold(r.trim());
            match names.iter().position(|n| crate::text::fold(n) == key) {
                Some(i) => Some(i),
                None => bail!(
                    "cannot compare with `{r}`: no programme of that name; the programmes are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    };
    if run.analyses.len() < 2 && reference.is_none() && opts.target.is_none() {
        bail!(
            "cannot compare: the inputs hold {} programme{}; give two or more, or a --target",
            run.analyses.len(),
            if run.analyses.len() == 1 { "" } else { "s" }
        );
    }
    if run.analyses.len() > MAX_PROGRAMMES {
        bail!(
            "cannot compare {} programmes: at most {MAX_PROGRAMMES} at a time (pairwise similarity grows with the square of their number); compare a region or a profession at a time, or read the per-programme JSON of `aimap report`",
            run.analyses.len()
        );
    }
    let cmp = compare::compare(&run.analyses, reference);
    let lang = report::lang::of_all(&run.curriculum, args.lang.map(Into::into));
    let w = Words::new(lang);
    let view = report::compare::view(&run.frameworks, &cmp, &run.analyses, &w);
    let read = opts.read_paths();
    let mut folder = report::ReportFolder::begin(&args.out, &read)?;
    folder.add(
        "compare.html",
        &report::compare::html(&run.frameworks, &view, &w, super::report::generated_date())?,
    )?;
    folder.add(
        "compare.json",
        &report::compare::json(&run.frameworks, &cmp, &run.analyses, &w)?,
    )?;
    let committed = folder.commit()?;

    let mut err = term::stderr();
    print_problems(&mut err, &run.input_problems, 10)?;
    drop(err);
    print_notes(&committed.notes)?;
    let mut out = term::stdout();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    for &i in &cmp.order {
        // The most similar other programme.
        let nearest = (0..names.len()).filter(|&j| j != i).max_by(|&a, &b| {
            cmp.similarity[i][a]
                .total_cmp(&cmp.similarity[i][b])
                .then(b.cmp(&a))
        });
        let near = nearest
            .map(|j| format!("  nearest {} ({:.2})", names[j], cmp.similarity[i][j]))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<width$}  {} only here{near}",
            names[i],
            cmp.unique[i].len()
        )?;
    }
    writeln!(out, "compare: {}", args.out.join("compare.html").display())?;
    Ok(ExitCode::SUCCESS)
}
