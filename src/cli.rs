//! Command line: clap types, defaults, messages and exit codes. The only
//! module that prints. Exit codes: 0 success, 2 bad input or usage, 1 an
//! internal failure (a bug).

use crate::framework::{
    CheckedFile, CheckedKind, Framework, FrameworkSet, Lang, Target, builtin_targets, check_files,
};
use crate::model::{Finding, Severity};
use crate::pipeline::{self, Options};
use crate::report::{self, ReportOptions};
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  aimap report                              sample curricula in curricula/ → reports/index.html
  aimap report maquette.csv -o rapport/     one programme, report in rapport/
  aimap report cursus.xlsx -f mon-referentiel.toml
  aimap check curricula/                    list every problem in the inputs
  aimap report --target nurse               compare every programme with the nurse target
  aimap suggest curricula/ -o review.xlsx   suggested mappings to accept or reject
  aimap report curricula/ review.xlsx       the report with the reviewer's decisions
  aimap frameworks list
  aimap frameworks show ai-skills-3-levels
  aimap frameworks check mon-referentiel.toml";

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
    /// Read only this workbook sheet, hidden or not (repeatable); default:
    /// every visible sheet with a course or outcome column
    #[arg(long = "sheet", value_name = "NAME")]
    sheets: Vec<String>,
    /// Table layout: `long` (one row per outcome), `matrix` (columns named
    /// after competencies, cells I/R/M, X, 1-3 or hours), or `auto`
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    layout: LayoutArg,
    /// Curriculum Inventory XML: CSV or workbook mapping expectation ids
    /// (column `expectation`) to framework competency ids (`competency`)
    #[arg(long = "ci-crosswalk", value_name = "FILE")]
    ci_crosswalk: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LayoutArg {
    Auto,
    Long,
    Matrix,
}

#[derive(Args, Debug)]
struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output folder
    #[arg(short, long, value_name = "OUT", default_value = "reports")]
    out: PathBuf,
    /// Compare every programme with a target: the id of a shipped target
    /// (see `aimap frameworks list`) or the path of a target TOML file
    #[arg(short, long, value_name = "TARGET")]
    target: Option<String>,
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
    /// Show one framework or target: levels, competencies, prerequisites, requirements
    Show {
        /// Framework or target id, as printed by `aimap frameworks list`
        id: String,
        #[arg(short = 'f', long = "framework", value_name = "FRAMEWORK")]
        frameworks: Vec<PathBuf>,
    },
    /// Validate framework or target files; list every problem with its line and key
    Check {
        /// Framework or target TOML files. A crosswalk or target is checked
        /// against the framework it names, from these files or built in
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
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
        Command::Frameworks(FrameworksCommand::Check { files }) => frameworks_check(&files),
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
        sheets: args.sheets.clone(),
        layout: match args.layout {
            LayoutArg::Auto => crate::import::Layout::Auto,
            LayoutArg::Long => crate::import::Layout::Long,
            LayoutArg::Matrix => crate::import::Layout::Matrix,
        },
        ci_crosswalk: args.ci_crosswalk.clone(),
        suggest,
        ..Options::default()
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
    let mut opts = options(&args.input, !args.no_suggest);
    opts.target = args.target.clone();
    let run = pipeline::run(&opts)?;
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

/// Competencies per level; a crosswalk item counts at the level of each
/// competency it maps onto (so at several levels, or none when it is
/// outside the AI scope). Returns the counts and the items at no level.
fn level_counts(set: &FrameworkSet, fw: &Framework) -> (BTreeMap<u8, usize>, usize) {
    let mut counts = BTreeMap::<u8, usize>::new();
    let mut nowhere = 0;
    for c in &fw.competencies {
        let levels: BTreeSet<u8> = match c.level {
            Some(l) => BTreeSet::from([l]),
            None => c
                .maps_to
                .iter()
                .filter_map(|m| set.primary.competency(&m.target).and_then(|t| t.level))
                .collect(),
        };
        if levels.is_empty() {
            nowhere += 1;
        }
        for l in levels {
            *counts.entry(l).or_default() += 1;
        }
    }
    (counts, nowhere)
}

/// Writes rows under headers, columns padded to their widest cell; numeric
/// columns are right-aligned and the last column is not padded.
fn write_table(
    out: &mut impl Write,
    headers: &[String],
    numeric: &[bool],
    rows: &[Vec<String>],
) -> Result<()> {
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| {
            std::iter::once(&headers[i])
                .chain(rows.iter().map(|r| &r[i]))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let last = i + 1 == row.len();
            if i > 0 {
                line.push_str("  ");
            }
            let pad = widths[i].saturating_sub(cell.chars().count());
            if numeric.get(i).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if !last {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn frameworks_list(set: &FrameworkSet) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let levels: Vec<u8> = set.primary.levels.iter().map(|l| l.number).collect();
    let mut headers: Vec<String> = ["framework", "kind", "version", "items"]
        .map(String::from)
        .to_vec();
    headers.extend(levels.iter().map(|l| format!("L{l}")));
    headers.extend(["no level".to_owned(), "title".to_owned()]);
    let mut numeric = vec![false, false, false, true];
    numeric.extend(levels.iter().map(|_| true));
    numeric.extend([true, false]);
    let rows: Vec<Vec<String>> = set
        .frameworks()
        .map(|fw| {
            let (counts, nowhere) = level_counts(set, fw);
            let mut row = vec![
                fw.id.clone(),
                if fw.is_crosswalk() {
                    "crosswalk"
                } else {
                    "levels"
                }
                .to_owned(),
                fw.version.clone(),
                fw.competencies.len().to_string(),
            ];
            row.extend(
                levels
                    .iter()
                    .map(|l| counts.get(l).copied().unwrap_or(0).to_string()),
            );
            row.push(nowhere.to_string());
            row.push(fw.title.get(Lang::En).to_owned());
            row
        })
        .collect();
    write_table(&mut out, &headers, &numeric, &rows)?;
    writeln!(
        out,
        "\nA crosswalk item counts at the level of each competency of {} it maps onto; \
         \"no level\": items outside the AI scope.",
        set.primary.id
    )?;

    let targets = builtin_targets(&set.primary)?;
    if !targets.is_empty() {
        writeln!(out)?;
        let mut headers: Vec<String> = ["target", "framework", "required"]
            .map(String::from)
            .to_vec();
        headers.extend(levels.iter().map(|l| format!("L{l}")));
        headers.push("title".to_owned());
        let mut numeric = vec![false, false, true];
        numeric.extend(levels.iter().map(|_| true));
        numeric.push(false);
        let rows: Vec<Vec<String>> = targets
            .iter()
            .map(|t| {
                let mut row = vec![
                    t.id.clone(),
                    t.framework.clone(),
                    t.required.len().to_string(),
                ];
                row.extend(levels.iter().map(|l| {
                    t.required
                        .iter()
                        .filter(|r| r.level == *l)
                        .count()
                        .to_string()
                }));
                row.push(t.title.get(Lang::En).to_owned());
                row
            })
            .collect();
        write_table(&mut out, &headers, &numeric, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn frameworks_show(set: &FrameworkSet, id: &str) -> Result<ExitCode> {
    let targets = builtin_targets(&set.primary)?;
    let Some(fw) = set.framework(id) else {
        if let Some(t) = targets.iter().find(|t| t.id == id) {
            return target_show(set, t);
        }
        let ids: Vec<&str> = set.frameworks().map(|f| f.id.as_str()).collect();
        let tids: Vec<&str> = targets.iter().map(|t| t.id.as_str()).collect();
        anyhow::bail!(
            "no framework or target \"{id}\"; frameworks: {}; targets: {}",
            ids.join(", "),
            tids.join(", ")
        );
    };
    let width = id_width(fw.competencies.iter().map(|c| c.id.as_str()));
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
            show_competency(&mut out, c, width)?;
        }
    }
    if fw.is_crosswalk() {
        writeln!(out)?;
        for c in &fw.competencies {
            show_competency(&mut out, c, width)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show_competency(
    out: &mut impl Write,
    c: &crate::framework::Competency,
    width: usize,
) -> Result<()> {
    writeln!(out, "  {:<width$} {}", c.id, c.title.get(Lang::En))?;
    writeln!(out, "  {:<width$} {}", "", c.title.get(Lang::Fr))?;
    if !c.requires.is_empty() {
        let r: Vec<&str> = c.requires.iter().map(|r| r.as_str()).collect();
        writeln!(out, "  {:<width$} requires {}", "", r.join(", "))?;
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
        writeln!(out, "  {:<width$} maps to {}", "", m.join(", "))?;
    }
    Ok(())
}

/// Width of the id column: the longest id, at least 10.
fn id_width<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(|id| id.chars().count()).max().unwrap_or(0).max(10)
}

fn target_show(set: &FrameworkSet, t: &Target) -> Result<ExitCode> {
    let width = id_width(t.required.iter().map(|r| r.competency.as_str()));
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — {}", t.id, t.title.get(Lang::En))?;
    writeln!(out, "{}", t.title.get(Lang::Fr))?;
    writeln!(out, "target on {} ({})", t.framework, t.origin)?;
    writeln!(out, "\nrequirements:")?;
    for r in &t.requirements {
        writeln!(
            out,
            "  {} at least {} ({})",
            r.selects,
            r.depth,
            r.depth.name_en()
        )?;
    }
    for level in &set.primary.levels {
        let rows: Vec<_> = t
            .required
            .iter()
            .filter(|r| r.level == level.number)
            .collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\nL{} {} — {} required",
            level.number,
            level.title.get(Lang::En),
            rows.len()
        )?;
        for r in rows {
            let title = set
                .primary
                .competency(&r.competency)
                .map(|c| c.title.get(Lang::En))
                .unwrap_or_default();
            writeln!(out, "  {:<width$} {}  {title}", r.competency, r.depth)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn frameworks_check(files: &[PathBuf]) -> Result<ExitCode> {
    let checked = check_files(files);
    let mut out = std::io::stdout().lock();
    let mut any_error = false;
    for file in &checked {
        for p in &file.problems {
            writeln!(out, "{p}")?;
        }
        let errors = count(file, Severity::Error);
        let warnings = count(file, Severity::Warning);
        any_error |= errors > 0;
        let verdict = if errors + warnings == 0 {
            "ok".to_owned()
        } else {
            format!(
                "{errors} {}, {warnings} {}",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings")
            )
        };
        writeln!(out, "{}: {}: {verdict}", file.origin, describe(&file.kind))?;
    }
    Ok(if any_error {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn count(file: &CheckedFile, severity: Severity) -> usize {
    file.problems
        .iter()
        .filter(|p| p.severity == severity)
        .count()
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// `1 error`, `3 errors`.
fn count_of(n: usize, one: &'static str, many: &'static str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// `framework "x" (38 competencies)`, `crosswalk "russell-2023" onto "…" (6 items)`,
/// `target "nurse" (13 competencies required)`; counts only for valid files.
fn describe(kind: &CheckedKind) -> String {
    let name = |id: &Option<String>| match id {
        Some(id) => format!(" \"{id}\""),
        None => String::new(),
    };
    let n = |count: &Option<usize>, one: &'static str, many: &'static str| match count {
        Some(c) => format!(" ({c} {})", plural(*c, one, many)),
        None => String::new(),
    };
    match kind {
        CheckedKind::Framework {
            id,
            competencies,
            crosswalk_to: Some(onto),
        } => format!(
            "crosswalk{} onto \"{onto}\"{}",
            name(id),
            n(competencies, "item", "items")
        ),
        CheckedKind::Framework {
            id,
            competencies,
            crosswalk_to: None,
        } => format!(
            "framework{}{}",
            name(id),
            n(competencies, "competency", "competencies")
        ),
        CheckedKind::Target { id, required } => {
            format!(
                "target{}{}",
                name(id),
                n(required, "competency required", "competencies required")
            )
        }
        CheckedKind::Unreadable => "file".to_owned(),
    }
}
