//! `aimap check`: every problem in the inputs, with its location.

use super::{InputArgs, count_of, options};
use crate::model::Severity;
use crate::pipeline;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

pub(super) fn check_command(args: InputArgs) -> Result<ExitCode> {
    let run = pipeline::run(&options(&args, false))?;
    let mut out = super::term::stdout();
    for p in &run.input_problems {
        writeln!(out, "{}", super::finding_line(p))?;
    }
    let count = |s: Severity| {
        run.input_problems
            .iter()
            .filter(|p| p.severity == s)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let programs = &run.curriculum.programs;
    let courses: usize = programs.iter().map(|p| p.courses.len()).sum();
    let outcomes: usize = programs.iter().map(|p| p.outcome_count()).sum();
    writeln!(
        out,
        "checked {} ({}, {}): {}, {}",
        count_of(programs.len(), "programme", "programmes"),
        count_of(courses, "course", "courses"),
        count_of(outcomes, "outcome", "outcomes"),
        count_of(errors, "error", "errors"),
        count_of(warnings, "warning", "warnings"),
    )?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
