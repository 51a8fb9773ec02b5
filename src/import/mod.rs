//! Curriculum files → [`Curriculum`]. Fatal problems (a file that cannot be
//! read, a sheet with no course or outcome column) are errors naming the
//! file; problems in single cells become located findings and the import
//! goes on. Never panics on user input, never modifies input files, and
//! stays within the limits of [`limits`] whatever the input holds.

mod assemble;
pub mod clean;
pub mod crosswalk;
pub mod csv;
pub mod excel;
mod guard;
pub mod headers;
pub mod limits;
pub mod long;
pub mod matrix;
pub mod medbiq;
pub mod postings;
mod prescan;
#[cfg(test)]
mod proptests;
pub mod review;
pub(crate) mod stream;
pub mod table;
pub mod values;

pub use matrix::{KnownCompetency, Layout};

use crate::model::{Curriculum, Finding, FindingCode};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use table::Table;

/// File extensions read when a folder is given.
const CSV_EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];
pub(crate) const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];
const XML_EXTENSIONS: &[&str] = &["xml"];

/// How to read the inputs, beyond the files themselves.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Sheets to read from workbooks (hidden ones included); empty: every
    /// visible sheet.
    pub sheets: Vec<String>,
    pub layout: Layout,
    /// Competencies a matrix column may name, from the loaded frameworks.
    pub competencies: Vec<KnownCompetency>,
    /// Curriculum Inventory: expectation id → framework competency ids.
    pub ci_crosswalk: Option<PathBuf>,
}

/// Reads every input with the default options.
pub fn load(inputs: &[PathBuf]) -> Result<Curriculum> {
    load_with(inputs, &ImportOptions::default())
}

/// Reads every input (files, or folders whose curriculum files are read in
/// name order) into one curriculum. Rows naming the same programme are
/// merged across files.
pub fn load_with(inputs: &[PathBuf], options: &ImportOptions) -> Result<Curriculum> {
    let mut skipped = Vec::new();
    let files = expand(inputs, &mut skipped)?;
    let crosswalk = match &options.ci_crosswalk {
        Some(path) => crosswalk::Crosswalk::load(path)?,
        None => crosswalk::Crosswalk::default(),
    };
    let mut run = Run::new(options, &crosswalk);
    run.problems.extend(skipped);
    for path in &files {
        let display = path.display().to_string();
        let bytes = limits::read_input(path, "curriculum")?;
        run.file(path, &display, &bytes)?;
    }
    if let Some(missing) = options
        .sheets
        .iter()
        .find(|s| !run.sheets_found.contains(s))
    {
        bail!("no workbook among the inputs has a sheet named \"{missing}\" (given with --sheet)");
    }
    Ok(run.finish())
}

/// Reads one file already in memory, named `name` (its extension chooses
/// the reader, as for a file on disk). The entry point of the fuzz targets
/// and property tests: the same path as [`load_with`], minus the disk.
pub fn load_bytes(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Curriculum> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        bail!(
            "`{name}` is larger than {}",
            limits::mebibytes(limits::MAX_FILE_BYTES)
        );
    }
    let crosswalk = crosswalk::Crosswalk::default();
    let mut run = Run::new(options, &crosswalk);
    run.file(Path::new(name), name, bytes)?;
    Ok(run.finish())
}

/// The state of one import: what has been read so far.
struct Run<'a> {
    options: &'a ImportOptions,
    crosswalk: &'a crosswalk::Crosswalk,
    problems: Vec<Finding>,
    sources: Vec<assemble::Source>,
    sheets_found: Vec<String>,
    /// Decisions read from review files (`aimap suggest` output, edited).
    reviews: Vec<crate::model::ReviewDecision>,
}

impl<'a> Run<'a> {
    fn new(options: &'a ImportOptions, crosswalk: &'a crosswalk::Crosswalk) -> Self {
        Run {
            options,
            crosswalk,
            problems: Vec::new(),
            sources: Vec::new(),
            sheets_found: Vec::new(),
            reviews: Vec::new(),
        }
    }

    fn finish(mut self) -> Curriculum {
        let programs = assemble::programs(self.sources, &mut self.problems);
        Curriculum {
            programs,
            problems: self.problems,
            reviews: self.reviews,
        }
    }

    fn file(&mut self, path: &Path, display: &str, bytes: &[u8]) -> Result<()> {
        let options = self.options;
        let problems = &mut self.problems;
        let default_program = default_program_name(path);
        if is_xml(path, bytes) {
            let inventory = medbiq::read(bytes, display, self.crosswalk, problems)?;
            self.sources.push(assemble::Source {
                default_program: inventory.program.clone(),
                default_course: inventory.program,
                file: display.to_owned(),
                has_course_columns: true,
                records: inventory.records,
            });
            return Ok(());
        }
        let tables = read_tables(
            path,
            bytes,
            display,
            options,
            &mut self.sheets_found,
            problems,
        )?;
        let mut read_here: Vec<assemble::Source> = Vec::new();
        let mut has_review = false;
        for table in tables {
            // A review file written by `aimap suggest` is decisions, not a curriculum.
            if review::is_review(&table) {
                self.reviews.extend(review::read(&table, problems));
                has_review = true;
                continue;
            }
            let mut columns = match headers::detect(&table, problems) {
                Some(c) => c,
                None if table.sheet.is_some() => {
                    let message = if table.rows.is_empty() {
                        "sheet is empty; not read".to_owned()
                    } else {
                        format!(
                            "sheet has no course or outcome column in its first {} rows; not read",
                            headers::HEADER_SEARCH_ROWS
                        )
                    };
                    problems.push(
                        Finding::new(FindingCode::SkippedSheet, message).at(table.location()),
                    );
                    continue;
                }
                None => bail!(no_columns_message(&table)),
            };
            matrix::resolve(
                &table,
                &mut columns,
                &options.competencies,
                options.layout,
                problems,
            )?;
            let rows = long::read(&table, &columns, problems);
            read_here.push(assemble::Source {
                default_program: default_program.clone(),
                default_course: table
                    .sheet
                    .clone()
                    .unwrap_or_else(|| default_program.clone()),
                file: display.to_owned(),
                has_course_columns: columns.has(headers::Field::CourseCode)
                    || columns.has(headers::Field::CourseTitle),
                records: rows,
            });
        }
        if has_review && read_here.is_empty() {
            return Ok(());
        }
        if read_here.is_empty() {
            bail!(
                "`{display}`: no sheet has a course or outcome column; expected a header such as \
                 course_code, course_title or outcome (in French: code UE, intitulé, objectif pédagogique)"
            );
        }
        if read_here.iter().all(|s| s.records.is_empty()) {
            bail!(
                "`{display}` has a header row but no data row below it; expected one row per learning outcome"
            );
        }
        self.sources.extend(read_here);
        Ok(())
    }
}

/// `.xml` files, and files of any name that start like XML.
fn is_xml(path: &Path, bytes: &[u8]) -> bool {
    let ext = extension(path);
    if XML_EXTENSIONS.contains(&ext.as_str()) {
        return true;
    }
    // XML named like a workbook (an XML Spreadsheet 2003 saved as .xls) is
    // told apart by the workbook reader, which says what it is.
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return false;
    }
    // `<?xml` in UTF-16 without a byte-order mark.
    if bytes.starts_with(b"<\0?\0x\0m\0l\0") || bytes.starts_with(b"\0<\0?\0x\0m\0l") {
        return true;
    }
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &head[..head.len().min(256)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    head[start..].starts_with(b"<?xml") || head[start..].starts_with(b"<CurriculumInventory")
}

/// Files to read: each file given, and the curriculum files of each folder
/// (sorted, hidden files and Office lock files skipped). A folder entry
/// named like a curriculum that cannot be read as a file (a dangling or
/// looping symbolic link, a FIFO, a device) is skipped with a warning in
/// `skipped`: silently dropping it would leave a programme out unnoticed.
fn expand(inputs: &[PathBuf], skipped: &mut Vec<Finding>) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input)
            .with_context(|| format!("cannot read curriculum `{}`", input.display()))?;
        if !meta.is_dir() {
            files.push(input.clone());
            continue;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(input)
            .with_context(|| format!("cannot list folder `{}`", input.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_curriculum_file(p))
            .collect();
        entries.sort();
        let mut found = Vec::new();
        for path in entries {
            match unreadable_entry(&path) {
                None => found.push(path),
                Some(Some(why)) => skipped.push(
                    Finding::new(FindingCode::SkippedFile, format!("{why}; not read")).at(
                        crate::model::SourceLocation::file(path.display().to_string()),
                    ),
                ),
                Some(None) => {}
            }
        }
        if found.is_empty() {
            bail!(
                "folder `{}` has no curriculum files (expected .csv, .xlsx, .xls, .ods or Curriculum Inventory .xml)",
                input.display()
            );
        }
        files.extend(found);
    }
    Ok(files)
}

/// `None` for a regular file (after following links); `Some(None)` for what
/// is skipped silently (a sub-folder: folders are not read recursively);
/// `Some(Some(why))` for an entry to warn about.
fn unreadable_entry(path: &Path) -> Option<Option<String>> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Some(None),
        Ok(m) => {
            limits::non_regular_kind(&m).map(|kind| Some(format!("{kind}, not a regular file")))
        }
        Err(e) => Some(Some(match std::fs::read_link(path) {
            Ok(to) if e.kind() == std::io::ErrorKind::NotFound => format!(
                "a symbolic link to `{}`, which does not exist",
                to.display()
            ),
            Ok(_) => format!(
                "a symbolic link that cannot be followed ({e}); does it point back to itself?"
            ),
            Err(_) => format!("cannot be read ({e})"),
        })),
    }
}

fn is_curriculum_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.starts_with("~$") {
        return false;
    }
    let ext = extension(path);
    CSV_EXTENSIONS.contains(&ext.as_str())
        || WORKBOOK_EXTENSIONS.contains(&ext.as_str())
        || XML_EXTENSIONS.contains(&ext.as_str())
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn read_tables(
    path: &Path,
    bytes: &[u8],
    display: &str,
    options: &ImportOptions,
    sheets_found: &mut Vec<String>,
    problems: &mut Vec<Finding>,
) -> Result<Vec<Table>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("`{display}` is empty; expected a header row and one row per learning outcome");
    }
    let is_workbook = WORKBOOK_EXTENSIONS.contains(&extension(path).as_str());
    if is_workbook || excel::has_workbook_signature(bytes) {
        let (tables, found) = excel::read_sheets(bytes, display, &options.sheets)?;
        sheets_found.extend(found);
        return Ok(tables);
    }
    let (table, encoding) = csv::read(bytes, display)?;
    if encoding != "UTF-8" {
        let why = if encoding.starts_with("UTF-16") {
            "its byte-order mark says so"
        } else {
            "the file is not valid UTF-8; French Excel saves CSV in this encoding"
        };
        problems.push(
            Finding::new(
                FindingCode::EncodingAssumed,
                format!("read as {encoding} ({why})"),
            )
            .at(table.location()),
        );
    }
    Ok(vec![table])
}

/// A programme named after its file: `msc-health-data.xlsx` → `msc-health-data`.
fn default_program_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("programme")
        .to_owned()
}

fn no_columns_message(table: &Table) -> String {
    let seen: Vec<String> = table
        .rows
        .iter()
        .find(|r| !r.is_blank())
        .map(|r| {
            r.cells
                .iter()
                .filter(|c| !c.is_empty())
                .take(8)
                .map(|c| format!("\"{}\"", c.text()))
                .collect()
        })
        .unwrap_or_default();
    let seen = if seen.is_empty() {
        String::new()
    } else {
        format!("; the first row has {}", seen.join(", "))
    };
    format!(
        "{}: no course or outcome column found in the first {} rows; expected a header such as \
         course_code, course_title or outcome (in French: code UE, intitulé, objectif pédagogique){seen}",
        table.name(),
        headers::HEADER_SEARCH_ROWS
    )
}
