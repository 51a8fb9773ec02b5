//! Command line: clap types, defaults, messages and exit codes. The only
//! module that prints. Exit codes: 0 success, 2 bad input or usage, 1 an
//! internal failure (a bug).

mod check;
mod compare;
mod demand;
mod eval;
mod frameworks;
mod progress;
mod report;
mod suggest;
mod term;
mod train;

use crate::framework::FrameworkSet;
use crate::model::{Finding, Severity};
use crate::pipeline::Options;
use anyhow::Result;
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
    /// Compare programmes: OUT/compare.html and OUT/compare.json (competencies
    /// × programmes, coverage per level, similarity, against a reference)
    Compare(CompareArgs),
    /// Classify job postings on the three levels: OUT/demand.html,
    /// OUT/demand.json and OUT/demand.csv (shares per level by country,
    /// region, sector, occupation and quarter, with 95 % intervals)
    Demand(DemandArgs),
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
    /// Fit the classifier's weights on a labelled CSV (as for `eval`, with a
    /// `source` column grouping statements by page) and write them, with the
    /// grouped cross-validation figures they reach
    Train(TrainArgs),
}

#[derive(Args, Debug)]
struct TrainArgs {
    /// A labelled CSV: `id,lang,text,level,competencies,source`
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// More labelled files to fit on in every fold, never scored (repeat the option)
    #[arg(long, value_name = "FILE")]
    extra: Vec<PathBuf>,
    /// The weights file to write (the built-in one is frameworks/knowledge/model.toml)
    #[arg(short, long, value_name = "OUT")]
    out: Option<PathBuf>,
    /// Framework and lexicon files, as for `report`
    #[arg(short = 'f', long = "framework", value_name = "FRAMEWORK")]
    frameworks: Vec<PathBuf>,
    /// Weight of the L2 penalty
    #[arg(long, default_value_t = crate::classify::train::Settings::default().alpha)]
    alpha: f64,
    /// Weight of the L2 penalty of the competency rankers
    #[arg(long, default_value_t = crate::classify::train::Settings::default().rank_alpha)]
    rank_alpha: f64,
    /// Words and word pairs seen in fewer training statements are not features
    #[arg(long, default_value_t = crate::classify::train::Settings::default().min_count)]
    min_count: usize,
    /// Word pairs as features too, beside single words and stems
    #[arg(long)]
    pairs: bool,
    /// Character 4-grams of words as features too
    #[arg(long)]
    grams: bool,
    /// Least probability of an AI level for a statement in which no rule, term or cue fired
    #[arg(long, default_value_t = crate::classify::train::Settings::default().decision.bare_min)]
    bare_min: f32,
    /// Keep a competency whose ranking score is at least this share of the best one's
    #[arg(long, default_value_t = crate::classify::train::Settings::default().decision.keep_ratio)]
    keep_ratio: f32,
    /// How much a candidate's own evidence adds to its ranking, in log odds
    #[arg(long, default_value_t = crate::classify::train::Settings::default().decision.evidence_boost)]
    evidence_boost: f32,
    /// Folds of the grouped cross-validation
    #[arg(long, default_value_t = crate::classify::train::Settings::default().folds)]
    folds: usize,
    /// Try a grid of settings by grouped cross-validation and print each one's figures
    #[arg(long)]
    search: bool,
    /// Also list the statements the cross-validation got wrong, with their evidence
    #[arg(long)]
    errors: bool,
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
    #[arg(short, long, visible_alias = "errors")]
    verbose: bool,
    /// Classify by the rules alone, without the fitted weights
    #[arg(long)]
    rules_only: bool,
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
    /// Language of the report [default: each programme's own language, else English]
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
    /// Files to write per programme, comma-separated [default: all]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMATS")]
    format: Vec<FormatArg>,
    /// Separator of the CSV files: one character, or `tab` [default: `;` in French, `,` in English]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    csv_delimiter: Option<u8>,
    /// Job postings to set every programme against (files or folders, as
    /// for `aimap demand`): adds a supply-against-demand section
    #[arg(long, value_name = "POSTINGS")]
    demand: Vec<PathBuf>,
    /// Distinct AI concepts a posting must name to count (with --demand)
    #[arg(long, value_name = "N", default_value_t = crate::analysis::demand::DEFAULT_MIN_CONCEPTS)]
    min_concepts: usize,
}

/// A report file format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Html,
    Json,
    Csv,
    Xlsx,
    Dot,
}

impl From<FormatArg> for crate::report::Format {
    fn from(f: FormatArg) -> Self {
        use crate::report::Format;
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Dot => Format::Dot,
        }
    }
}

/// `;`, `,`, `|`, `tab`…: one ASCII punctuation character or a tab.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => match s.as_bytes() {
            [b] if b.is_ascii_punctuation() || *b == b'\t' => Ok(*b),
            _ => Err(format!(
                "expected one punctuation character such as `;` or `,`, or `tab`; got `{s}`"
            )),
        },
    }
}

/// A report language.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LangArg {
    En,
    Fr,
}

impl From<LangArg> for crate::framework::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => crate::framework::Lang::En,
            LangArg::Fr => crate::framework::Lang::Fr,
        }
    }
}

#[derive(Args, Debug)]
struct CompareArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output folder
    #[arg(short, long, value_name = "OUT", default_value = "reports/compare")]
    out: PathBuf,
    /// Compare every programme with this one (its name as in the report)
    #[arg(long, value_name = "PROGRAMME", conflicts_with = "target")]
    reference: Option<String>,
    /// Compare every programme with a target: a shipped target id or a target TOML file
    #[arg(short, long, value_name = "TARGET")]
    target: Option<String>,
    /// Report only the explicit mappings (and accepted review rows)
    #[arg(long)]
    no_suggest: bool,
    /// Language of the page [default: the programmes' language, else English]
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Args, Debug)]
struct DemandArgs {
    /// Posting files (.csv, .xlsx, .ods, .jsonl) or folders of them
    #[arg(value_name = "POSTINGS", default_value = "samples")]
    postings: Vec<PathBuf>,
    /// Output folder
    #[arg(short, long, value_name = "OUT", default_value = "reports/demand")]
    out: PathBuf,
    /// Language of the page and the CSV [default: English]
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
    /// Distinct AI concepts a posting must name to count as an AI posting
    /// (the OECD rule is 2)
    #[arg(long, value_name = "N", default_value_t = crate::analysis::demand::DEFAULT_MIN_CONCEPTS,
          value_parser = clap::value_parser!(usize))]
    min_concepts: usize,
    /// Framework files, as for `report`
    #[arg(short = 'f', long = "framework", value_name = "FRAMEWORK")]
    frameworks: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct SuggestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The review file to write: FILE.csv or FILE.xlsx
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,
    /// Language of titles and evidence [default: the programmes' language, else English]
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
    /// Separator of a CSV review file: one character, or `tab` [default: `;` in French, `,` in English]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    csv_delimiter: Option<u8>,
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
    clean_up_on_signals();
    // A panic message may quote input: printed escaped like the rest.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(term::stderr(), "{info}");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Usage errors quote the arguments given.
            let _ = write!(term::stderr(), "{}", e.render());
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(term::stderr(), "error: {e:#}");
            ExitCode::from(2)
        }
        Err(_) => {
            let _ = writeln!(
                term::stderr(),
                "error: aimap hit an internal error (a bug); please report it with the input that caused it"
            );
            ExitCode::from(1)
        }
    }
}

/// On Ctrl-C, SIGTERM or SIGHUP: removes the temporaries of the writer,
/// then exits with 128 + the signal's number, as a shell does. A report
/// being switched into place finishes first (see `report::ReportFolder`).
fn clean_up_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // Without the handler a signal still ends aimap; a later run then
        // removes what it left.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                crate::report::remove_temporaries_for_exit();
                std::process::exit(128 + signal);
            }
        });
    }
}

/// Prints what the writer says the user should know.
fn print_notes(notes: &[String]) -> Result<()> {
    let mut err = term::stderr();
    for n in notes {
        writeln!(err, "warning: {n}")?;
    }
    Ok(())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Report(args) => report::report_command(args),
        Command::Compare(args) => compare::compare_command(args),
        Command::Demand(args) => demand::demand_command(args),
        Command::Check(args) => check::check_command(args),
        Command::Suggest(args) => suggest::suggest_command(args),
        Command::Frameworks(FrameworksCommand::List { frameworks }) => {
            frameworks::frameworks_list(&load_frameworks(&frameworks)?)
        }
        Command::Frameworks(FrameworksCommand::Show { id, frameworks }) => {
            frameworks::frameworks_show(&load_frameworks(&frameworks)?, &id)
        }
        Command::Frameworks(FrameworksCommand::Check { files }) => {
            frameworks::frameworks_check(&files)
        }
        Command::Eval(args) => eval::eval_command(args),
        Command::Train(args) => train::train_command(args),
    }
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

/// A problem met before any report, as the terminal shows it (English).
fn finding_line(p: &Finding) -> String {
    crate::report::words::Words::new(crate::framework::Lang::En).finding_line(None, p)
}

/// Prints problems of severity warning and above, at most `limit` of them.
fn print_problems(w: &mut impl Write, problems: &[Finding], limit: usize) -> Result<()> {
    let shown: Vec<&Finding> = problems
        .iter()
        .filter(|p| p.severity <= Severity::Warning)
        .collect();
    for p in shown.iter().take(limit) {
        writeln!(w, "{}", finding_line(p))?;
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

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// `1 error`, `3 errors`.
fn count_of(n: usize, one: &'static str, many: &'static str) -> String {
    format!("{n} {}", plural(n, one, many))
}
