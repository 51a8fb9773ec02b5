//! `aimap eval`: the classifier's scores on a labelled file.

use super::{EvalArgs, load_frameworks};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

pub(super) fn eval_command(args: EvalArgs) -> Result<ExitCode> {
    use crate::classify::{Classifier, eval};
    let name = args.file.display().to_string();
    let bytes = crate::import::limits::read_input(&args.file, "labelled file")?;
    let (headers, rows) = eval::read_csv(&bytes[..], &name)?;
    let mut set = load_frameworks(&args.frameworks)?;
    if args.rules_only {
        set.fitted = None;
    }
    let classifier = Classifier::new(&set)?;
    let text = match eval::detect(&headers) {
        Some(eval::EvalFormat::Labelled) => {
            let rows = eval::labelled(&headers, &rows, &name)?;
            eval::evaluate(&classifier, &rows).render(args.verbose)
        }
        Some(eval::EvalFormat::Bloom) => {
            let rows = eval::bloom_rows(&headers, &rows, &name)?;
            eval::evaluate_bloom(&classifier, &rows).render()
        }
        None => anyhow::bail!(
            "`{name}`: not a labelled file; expected the columns id,lang,text,level,competencies,note \
             or Learning_outcome,Remember,Understand,Apply,Analyze,Evaluate,Create"
        ),
    };
    super::term::stdout().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
