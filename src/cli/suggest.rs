//! `aimap suggest`: the review file of suggested mappings.

use super::{SuggestArgs, options, print_notes, print_problems, term};
use crate::pipeline;
use crate::report;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

pub(super) fn suggest_command(args: SuggestArgs) -> Result<ExitCode> {
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (Some(_), true) = (args.out.file_name(), matches!(ext.as_str(), "csv" | "xlsx")) else {
        anyhow::bail!(
            "cannot write the review file `{}`: name a .csv or .xlsx file, e.g. `-o review.xlsx`",
            args.out.display()
        );
    };
    let opts = options(&args.input, true);
    let run = pipeline::run(&opts)?;
    let lang = report::lang::of_all(&run.curriculum, args.lang.map(Into::into));
    let words = report::words::Words::new(lang);
    let rows = report::review::rows(&run.frameworks, &run.curriculum, &words);
    let bytes = if ext == "xlsx" {
        report::review::xlsx_bytes(&rows)?
    } else {
        let mut dialect = report::csv::CsvDialect::for_lang(lang);
        if let Some(d) = args.csv_delimiter {
            dialect.delimiter = d;
        }
        report::review::csv_bytes_with(&rows, &dialect)?
    };
    let notes = report::write_file(&args.out, &bytes, &opts.read_paths())?;
    let mut err = term::stderr();
    print_problems(&mut err, &run.input_problems, 10)?;
    drop(err);
    print_notes(&notes)?;
    let pending = rows.iter().filter(|r| r.accept.is_empty()).count();
    writeln!(
        term::stdout(),
        "{pending} suggested mapping{} to review, {} already decided: {}",
        if pending == 1 { "" } else { "s" },
        rows.len() - pending,
        args.out.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
