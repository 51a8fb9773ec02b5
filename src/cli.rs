//! Command line: clap types, defaults, messages and exit codes. The only
//! module that prints. Exit codes: 0 success, 2 bad input or usage, 1 an
//! internal failure (a bug).

use crate::framework::{Framework, FrameworkSet, Lang};
use crate::model::{Finding, Severity};
use crate::pipeline::{self, Options};
use crate::report::{self, ReportOptions};
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  aimap report                              sample curricula in curricula/ → reports/index.html
  aimap report maquette.csv -o rapport/     one programme, report in rapport/
  aimap report cursus.xlsx -f mon-referentiel.toml
  aimap check curricula/                    list every problem in the inputs
  aimap suggest curricula/ -o review.xlsx   suggested mappings to accept or reject
  aimap report curricula/ review.xlsx       the report with the reviewer's decisions
  aimap frameworks list
  aimap frameworks show ai-skills-3-levels";

#[derive(Parser, Debug)]
#[command(
    name = "aimap",
    version,
    about = "Map health-profession curricula onto the three levels of AI skills and write gap reports",
    long_about = "aimap reads curricula (CSV or Excel, one row per learning outcome), maps every \
                  course and outcome onto a three-level AI-skills classification (L0 AI literacy, \
                  L1 software and data mastery, L2 advanced AI research and engineering) and writes \
                  gap reports a curriculum committee can read and print.",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write the gap report: OUT/index.html, and an HTML page and a JSON summary per programme
    Report(ReportArgs),
    /// Validate curricula and frameworks; list every problem with its location
    Check(InputArgs),
    /// Write the review file: one row per suggested mapping, with an `accept`
    /// column to fill in (yes/oui/1/x or no/non/0); pass the file back to
    /// `report` or `suggest` to apply the decisions
    Suggest(SuggestArgs),
    /// List, show or validate competency frameworks
    #[command(subcommand)]
    Frameworks(FrameworksCommand),
    /// Measure the automatic mapping on a labelled CSV (id,lang,text,level,…)
    /// or on learning outcomes with human Bloom labels (Remember … Create)
    Eval(EvalArgs),
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// A labelled CSV: `id,lang,text,level,competencies,note`, level none/0/1/2;
    /// or `Learning_outcome,Remember,Understand,Apply,Analyze,Evaluate,Create`
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Framework files, as for `report`
    #[arg(short = 'f', long = "framework", value_name = "FRAMEWORK")]
    frameworks: Vec<PathBuf>,
    /// Also list every misclassified statement with its suggestions and evidence
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Args, Debug)]
struct InputArgs {
    /// Curriculum files (.csv, .xlsx, .xls, .ods) or folders of them
    #[arg(value_name = "INPUT", default_value = "curricula")]
    inputs: Vec<PathBuf>,
    /// A framework TOML file: one with levels replaces the built-in framework,
    /// a crosswalk adds to it (repeatable)
    #[arg(short = 'f', long = "framework", value_name = "FRAMEWORK")]
    frameworks: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output folder
    #[arg(short, long, value_name = "OUT", default_value = "reports")]
    out: PathBuf,
    /// Do not suggest mappings for outcomes that have none: report only the
    /// explicit mappings (and accepted review rows)
    #[arg(long)]
    no_suggest: bool,
}

#[derive(Args, Debug)]
struct SuggestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The review file to write: FILE.csv or FILE.xlsx
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Subcommand, Debug)]
enum FrameworksCommand {
    /// List the frameworks with their competencies per level
    List {
        #[arg(short = 'f', long = "framework", value_name = "FRAMEWORK")]
        frameworks: Vec<PathBuf>,
    },
    /// Show one framework: levels, domains, competencies and prerequisites
    Show {
        /// Framework id, as printed by `aimap frameworks list`
        id: String,
        #[arg(short = 'f', long = "framework", value_name = "FRAMEWORK")]
        frameworks: Vec<PathBuf>,
    },
}

/// Entry point: runs the command, turns errors into messages and exit codes.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
        Err(_) => {
            eprintln!(
                "error: aimap hit an internal error (a bug); please report it with the input that caused it"
            );
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Report(args) => report_command(args),
        Command::Check(args) => check_command(args),
        Command::Suggest(args) => suggest_command(args),
        Command::Frameworks(FrameworksCommand::List { frameworks }) => {
            frameworks_list(&load_frameworks(&frameworks)?)
        }
        Command::Frameworks(FrameworksCommand::Show { id, frameworks }) => {
            frameworks_show(&load_frameworks(&frameworks)?, &id)
        }
        Command::Eval(args) => eval_command(args),
    }
}

fn eval_command(args: EvalArgs) -> Result<ExitCode> {
    use crate::classify::{Classifier, eval};
    let name = args.file.display().to_string();
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot read labelled file `{name}`"))?;
    let (headers, rows) = eval::read_csv(std::io::BufReader::new(file), &name)?;
    let classifier = Classifier::new(&load_frameworks(&args.frameworks)?)?;
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
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn options(args: &InputArgs, suggest: bool) -> Options {
    Options {
        inputs: args.inputs.clone(),
        frameworks: args.frameworks.clone(),
        suggest,
    }
}

fn load_frameworks(paths: &[PathBuf]) -> Result<FrameworkSet> {
    if paths.is_empty() {
        FrameworkSet::builtin()
    } else {
        Ok(FrameworkSet::load(paths)?.0)
    }
}

/// The date reports print: from `SOURCE_DATE_EPOCH` when set, else none.
fn generated_date() -> Option<String> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let dt = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(dt.date_naive().to_string())
}

fn report_command(args: ReportArgs) -> Result<ExitCode> {
    let run = pipeline::run(&options(&args.input, !args.no_suggest))?;
    let files = report::render(
        &run.frameworks,
        &run.curriculum,
        &run.analyses,
        &ReportOptions {
            generated: generated_date(),
        },
    )?;
    report::write_files(&args.out, &files)?;

    let mut err = std::io::stderr().lock();
    print_problems(&mut err, &run.input_problems, 10)?;
    let mut out = std::io::stdout().lock();
    let views = report::program_views(&run.frameworks, &run.curriculum, &run.analyses);
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
        writeln!(
            out,
            "{:<width$}  {}  {} findings ({} errors, {} warnings)",
            v.name,
            levels.join("  "),
            v.counts.total,
            v.counts.errors,
            v.counts.warnings,
        )?;
    }
    writeln!(out, "report: {}", args.out.join("index.html").display())?;
    Ok(ExitCode::SUCCESS)
}

/// Prints problems of severity warning and above, at most `limit` of them.
fn print_problems(w: &mut impl Write, problems: &[Finding], limit: usize) -> Result<()> {
    let shown: Vec<&Finding> = problems
        .iter()
        .filter(|p| p.severity <= Severity::Warning)
        .collect();
    for p in shown.iter().take(limit) {
        writeln!(w, "{p}")?;
    }
    if shown.len() > limit {
        writeln!(
            w,
            "… and {} more problems; `aimap check` lists them all",
            shown.len() - limit
        )?;
    }
    Ok(())
}

fn check_command(args: InputArgs) -> Result<ExitCode> {
    let run = pipeline::run(&options(&args, false))?;
    let mut out = std::io::stdout().lock();
    for p in &run.input_problems {
        writeln!(out, "{p}")?;
    }
    let count = |s: Severity| {
        run.input_problems
            .iter()
            .filter(|p| p.severity == s)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let programs = &run.curriculum.programs;
    writeln!(
        out,
        "checked {} programmes ({} courses, {} outcomes): {errors} errors, {warnings} warnings",
        programs.len(),
        programs.iter().map(|p| p.courses.len()).sum::<usize>(),
        programs.iter().map(|p| p.outcome_count()).sum::<usize>(),
    )?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn suggest_command(args: SuggestArgs) -> Result<ExitCode> {
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
        "{pending} suggested mappings to review, {} already decided: {}",
        rows.len() - pending,
        args.out.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn level_counts(set: &FrameworkSet, fw: &Framework) -> String {
    let mut counts = std::collections::BTreeMap::<u8, usize>::new();
    for c in &fw.competencies {
        let mut levels: Vec<u8> = match c.level {
            Some(l) => vec![l],
            None => c
                .maps_to
                .iter()
                .filter_map(|m| set.primary.competency(&m.target).and_then(|t| t.level))
                .collect(),
        };
        levels.sort_unstable();
        levels.dedup();
        for l in levels {
            *counts.entry(l).or_default() += 1;
        }
    }
    counts
        .iter()
        .map(|(l, n)| format!("L{l} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn frameworks_list(set: &FrameworkSet) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for fw in set.frameworks() {
        let kind = match &fw.crosswalk_to {
            Some(target) => format!("crosswalk onto {target}"),
            None => "levels".to_owned(),
        };
        writeln!(
            out,
            "{:<30} {:<8} {:>3} competencies ({})  {}  [{}]",
            fw.id,
            fw.version,
            fw.competencies.len(),
            level_counts(set, fw),
            kind,
            fw.title.get(Lang::En),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn frameworks_show(set: &FrameworkSet, id: &str) -> Result<ExitCode> {
    let Some(fw) = set.framework(id) else {
        let ids: Vec<&str> = set.frameworks().map(|f| f.id.as_str()).collect();
        anyhow::bail!(
            "no framework \"{id}\"; known frameworks: {}",
            ids.join(", ")
        );
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} {} — {}", fw.id, fw.version, fw.title.get(Lang::En))?;
    writeln!(out, "{}", fw.title.get(Lang::Fr))?;
    if let Some(target) = &fw.crosswalk_to {
        writeln!(out, "crosswalk onto {target}")?;
    }
    for level in &fw.levels {
        writeln!(
            out,
            "\nL{} {} — {} / {}",
            level.number,
            level.key,
            level.title.get(Lang::En),
            level.title.get(Lang::Fr)
        )?;
        for c in fw.in_level(level.number) {
            show_competency(&mut out, c)?;
        }
    }
    if fw.is_crosswalk() {
        writeln!(out)?;
        for c in &fw.competencies {
            show_competency(&mut out, c)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show_competency(out: &mut impl Write, c: &crate::framework::Competency) -> Result<()> {
    writeln!(out, "  {:<10} {}", c.id, c.title.get(Lang::En))?;
    writeln!(out, "  {:<10} {}", "", c.title.get(Lang::Fr))?;
    if !c.requires.is_empty() {
        let r: Vec<&str> = c.requires.iter().map(|r| r.as_str()).collect();
        writeln!(out, "  {:<10} requires {}", "", r.join(", "))?;
    }
    if !c.maps_to.is_empty() {
        let m: Vec<String> = c
            .maps_to
            .iter()
            .map(|m| match m.depth {
                Some(d) => format!("{} ({d})", m.target),
                None => m.target.to_string(),
            })
            .collect();
        writeln!(out, "  {:<10} maps to {}", "", m.join(", "))?;
    }
    Ok(())
}
