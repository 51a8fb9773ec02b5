//! Curriculum files → [`Curriculum`]. Fatal problems (a file that cannot be
//! read, a sheet with no course or outcome column) are errors naming the
//! file; problems in single cells become located findings and the import
//! goes on. Never panics on user input and never modifies input files.

mod assemble;
pub mod csv;
pub mod excel;
pub mod headers;
pub mod long;
pub mod review;
pub mod table;
pub mod values;

use crate::model::{Curriculum, Finding, FindingCode};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use table::Table;

/// File extensions read when a folder is given.
const CSV_EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];
const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Reads every input (files, or folders whose curriculum files are read in
/// name order) into one curriculum. Rows naming the same programme are
/// merged across files.
pub fn load(inputs: &[PathBuf]) -> Result<Curriculum> {
    let files = expand(inputs)?;
    let mut problems = Vec::new();
    let mut records = Vec::new();
    let mut reviews = Vec::new();
    for path in &files {
        let display = path.display().to_string();
        let default_program = default_program_name(path);
        let mut has_review = false;
        for table in read_tables(path, &display, &mut problems)? {
            // A review file written by `aimap suggest` is decisions, not a curriculum.
            if review::is_review(&table) {
                reviews.extend(review::read(&table, &mut problems));
                has_review = true;
                continue;
            }
            let columns = match headers::detect(&table, &mut problems) {
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
            let rows = long::read(&table, &columns, &mut problems);
            records.push(assemble::Source {
                default_program: default_program.clone(),
                default_course: table
                    .sheet
                    .clone()
                    .unwrap_or_else(|| default_program.clone()),
                file: display.clone(),
                has_course_columns: columns.has(headers::Field::CourseCode)
                    || columns.has(headers::Field::CourseTitle),
                records: rows,
            });
        }
        if !has_review && records.iter().all(|s| s.file != display) {
            bail!(
                "`{display}`: no sheet has a course or outcome column; expected a header such as \
                 course_code, course_title or outcome (in French: code UE, intitulé, objectif pédagogique)"
            );
        }
    }
    let programs = assemble::programs(records, &mut problems);
    Ok(Curriculum {
        programs,
        problems,
        reviews,
    })
}

/// Files to read: each file given, and the curriculum files of each folder
/// (sorted, hidden files and Office lock files skipped).
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input)
            .with_context(|| format!("cannot read curriculum `{}`", input.display()))?;
        if !meta.is_dir() {
            files.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(input)
            .with_context(|| format!("cannot list folder `{}`", input.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && is_curriculum_file(p))
            .collect();
        found.sort();
        if found.is_empty() {
            bail!(
                "folder `{}` has no curriculum files (expected .csv, .xlsx, .xls or .ods)",
                input.display()
            );
        }
        files.extend(found);
    }
    Ok(files)
}

fn is_curriculum_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.starts_with("~$") {
        return false;
    }
    let ext = extension(path);
    CSV_EXTENSIONS.contains(&ext.as_str()) || WORKBOOK_EXTENSIONS.contains(&ext.as_str())
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn read_tables(path: &Path, display: &str, problems: &mut Vec<Finding>) -> Result<Vec<Table>> {
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read curriculum `{display}`"))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("`{display}` is empty; expected a header row and one row per learning outcome");
    }
    let is_workbook = WORKBOOK_EXTENSIONS.contains(&extension(path).as_str());
    if is_workbook || excel::has_workbook_signature(&bytes) {
        return excel::read(&bytes, display);
    }
    let (table, encoding) = csv::read(&bytes, display)?;
    if encoding != "UTF-8" {
        problems.push(
            Finding::new(
                FindingCode::EncodingAssumed,
                format!("read as {encoding} (the file is not valid UTF-8)"),
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
