//! `aimap suggest`: the review file of suggested mappings.

use super::{SuggestArgs, options, print_problems};
use crate::pipeline;
use crate::report;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn suggest_command(args: SuggestArgs) -> Result<ExitCode> {
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (Some(name), true) = (
        args.out.file_name().and_then(|n| n.to_str()),
        matches!(ext.as_str(), "csv" | "xlsx"),
    ) else {
        anyhow::bail!(
            "cannot write the review file `{}`: name a .csv or .xlsx file, e.g. `-o review.xlsx`",
            args.out.display()
        );
    };
    let run = pipeline::run(&options(&args.input, true))?;
    let rows = report::review::rows(&run.frameworks, &run.curriculum);
    let bytes = if ext == "xlsx" {
        report::review::xlsx_bytes(&rows)?
    } else {
        report::review::csv_bytes(&rows)?
    };
    let dir = match args.out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    report::write_files(
        &dir,
        &[report::OutputFile {
            name: name.to_owned(),
            bytes,
        }],
    )?;
    let mut err = std::io::stderr().lock();
    print_problems(&mut err, &run.input_problems, 10)?;
    let pending = rows.iter().filter(|r| r.accept.is_empty()).count();
    writeln!(
        std::io::stdout().lock(),
        "{pending} suggested mapping{} to review, {} already decided: {}",
        if pending == 1 { "" } else { "s" },
        rows.len() - pending,
        args.out.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
