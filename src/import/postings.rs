//! Job-posting files → [`Posting`]s, one at a time: CSV (any encoding and
//! separator the curriculum reader accepts), workbooks, and JSON Lines.
//! Headers in English or French are matched like curriculum headers (case,
//! accents and punctuation ignored).
//!
//! Postings are handed to a callback as each row is read and never
//! gathered: a run holds one input file's bytes (at most
//! [`limits::MAX_FILE_BYTES`]) and the current posting. A row that cannot be
//! read is a located finding and the file goes on; a file without a title
//! or text column is an error naming the file.

use super::csv as csvin;
use super::limits::{self, MAX_CELL_CHARS, MAX_COLUMNS, thousands};
use super::stream;
use super::table::{Cell, Table};
use crate::model::{Finding, FindingCode, Posting, Quarter, Severity, SourceLocation};
use crate::text;
use anyhow::{Context, Result, bail};
use std::cell::Cell as Counter;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// File extensions read when a folder is given.
const EXTENSIONS: &[&str] = &[
    "csv", "tsv", "txt", "xlsx", "xlsm", "xlsb", "xls", "ods", "jsonl", "ndjson", "json",
];
const JSON_LINES: &[&str] = &["jsonl", "ndjson", "json"];
/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 10;
/// Problems kept per file; the rest are counted in one last finding, so
/// that a file of bad rows cannot grow the run's memory.
pub const MAX_PROBLEMS_PER_FILE: usize = 200;

/// A column of a posting file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Id,
    Title,
    Description,
    Employer,
    Sector,
    Occupation,
    Country,
    Region,
    Date,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Id,
        Field::Title,
        Field::Description,
        Field::Employer,
        Field::Sector,
        Field::Occupation,
        Field::Country,
        Field::Region,
        Field::Date,
    ];

    /// Headers meaning the field, the canonical name first.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "id",
                "posting id",
                "job id",
                "ad id",
                "offer id",
                "reference",
                "ref",
                "identifiant",
                "numero",
                "numero d'offre",
                "n° offre",
                "id offre",
            ],
            Field::Title => &[
                "title",
                "job title",
                "position",
                "poste",
                "titre",
                "intitule",
                "intitule du poste",
                "libelle",
                "libelle du poste",
            ],
            Field::Description => &[
                "description",
                "text",
                "job description",
                "sentence",
                "body",
                "content",
                "texte",
                "descriptif",
                "descriptif du poste",
                "description du poste",
                "annonce",
                "contenu",
                "missions",
                "phrase",
            ],
            Field::Employer => &[
                "employer",
                "company",
                "organisation",
                "organization",
                "employeur",
                "entreprise",
                "etablissement",
                "structure",
                "recruteur",
            ],
            Field::Sector => &["sector", "industry", "secteur", "secteur d'activite"],
            Field::Occupation => &[
                "occupation",
                "isco",
                "isco code",
                "esco",
                "esco occupation",
                "metier",
                "profession",
                "code rome",
            ],
            Field::Country => &["country", "country code", "pays"],
            Field::Region => &["region", "state", "province", "departement"],
            Field::Date => &[
                "date",
                "posted",
                "date posted",
                "posting date",
                "published",
                "publication date",
                "date de publication",
                "date publication",
                "date de parution",
            ],
        }
    }

    pub fn canonical(self) -> &'static str {
        self.aliases()[0]
    }

    /// The field a header names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let k = text::key(header);
        if k.is_empty() {
            return None;
        }
        Field::ALL
            .into_iter()
            .find(|f| f.aliases().iter().any(|a| text::key(a) == k))
    }
}

/// Which column holds each field; the first of two columns meaning one
/// field is read.
#[derive(Debug, Clone, Default)]
struct Columns {
    at: Vec<(Field, usize)>,
    headers: Vec<String>,
}

impl Columns {
    fn from_row(cells: &[String]) -> Option<Columns> {
        let mut c = Columns {
            at: Vec::new(),
            headers: cells.to_vec(),
        };
        for (i, h) in cells.iter().enumerate() {
            if let Some(f) = Field::from_header(h)
                && !c.at.iter().any(|(g, _)| *g == f)
            {
                c.at.push((f, i));
            }
        }
        c.has_text().then_some(c)
    }

    fn has_text(&self) -> bool {
        self.at
            .iter()
            .any(|(f, _)| matches!(f, Field::Title | Field::Description))
    }

    fn column(&self, field: Field) -> Option<usize> {
        self.at.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }
}

/// The problems of one file, bounded.
struct Problems<'a> {
    out: &'a mut Vec<Finding>,
    kept: usize,
    dropped: usize,
}

impl Problems<'_> {
    fn push(&mut self, f: Finding) {
        if self.kept < MAX_PROBLEMS_PER_FILE {
            self.out.push(f);
            self.kept += 1;
        } else {
            self.dropped += 1;
        }
    }

    fn finish(self, file: &str) {
        if self.dropped > 0 {
            self.out.push(
                Finding::new(
                    FindingCode::UnreadablePosting,
                    format!(
                        "{} more rows have problems; only the first {MAX_PROBLEMS_PER_FILE} are listed",
                        thousands(self.dropped as u64)
                    ),
                )
                .at(SourceLocation::file(file)),
            );
        }
    }
}

/// Builds a posting from the fields of one row, or says why it is not one.
fn posting(
    values: &dyn Fn(Field) -> Option<String>,
    location: SourceLocation,
    date_column: Option<(usize, Option<&str>)>,
    problems: &mut Problems<'_>,
    fallback_id: String,
) -> Option<Posting> {
    let title = values(Field::Title).unwrap_or_default();
    let description = values(Field::Description).unwrap_or_default();
    if title.is_empty() && description.is_empty() {
        problems.push(
            Finding::new(
                FindingCode::PostingWithoutText,
                "the row has neither a title nor a description; not counted",
            )
            .at(location),
        );
        return None;
    }
    let date = values(Field::Date);
    let quarter = date.as_deref().and_then(Quarter::parse);
    if let (Some(d), None) = (&date, quarter) {
        let mut loc = location.clone();
        if let Some((col, header)) = date_column {
            loc = loc.at_column(col + 1, header);
        }
        let mut f = Finding::new(
            FindingCode::InvalidValue,
            format!(
                "expected a date such as 2024-07-15, 15/07/2024 or 2024-Q3, got \"{d}\"; \
                 the posting is counted without a quarter"
            ),
        )
        .at(loc);
        f.severity = Severity::Warning;
        problems.push(f);
    }
    Some(Posting {
        id: values(Field::Id).unwrap_or(fallback_id),
        title,
        description,
        employer: values(Field::Employer),
        sector: values(Field::Sector),
        occupation: values(Field::Occupation),
        country: values(Field::Country),
        region: values(Field::Region),
        quarter,
        date,
        location,
    })
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The posting files among `inputs`: each file given, and the posting
/// files of each folder, in name order (hidden files skipped).
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input)
            .with_context(|| format!("cannot read postings `{}`", input.display()))?;
        if !meta.is_dir() {
            files.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(input)
            .with_context(|| format!("cannot list folder `{}`", input.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                !name.starts_with('.')
                    && !name.starts_with("~$")
                    && EXTENSIONS.contains(&extension(p).as_str())
                    && std::fs::metadata(p).is_ok_and(|m| m.is_file())
            })
            .collect();
        found.sort();
        if found.is_empty() {
            bail!(
                "folder `{}` has no posting files (expected .csv, .xlsx, .ods or .jsonl)",
                input.display()
            );
        }
        files.extend(found);
    }
    Ok(files)
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Reads one posting file, handing each posting to `each` as it is read.
/// `display` names the file in messages and locations.
pub fn read_file(
    path: &Path,
    display: &str,
    problems: &mut Vec<Finding>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<()> {
    read_file_counted(path, display, problems, None, each)
}

/// [`read_file`], adding to `progress` the bytes of the file read so far.
///
/// CSV and JSON Lines are read as a stream, twice: once to choose the
/// encoding (as [`csv::decode`](csvin::decode) does on a whole file), then
/// to read the postings one at a time, so a file of any size is read in
/// constant memory. A workbook is read whole (the spreadsheet reader
/// needs the whole archive and gives whole sheets), so it is held to
/// [`limits::MAX_FILE_BYTES`].
pub fn read_file_counted(
    path: &Path,
    display: &str,
    problems: &mut Vec<Finding>,
    progress: Option<&Counter<u64>>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<()> {
    let ext = extension(path);
    let whole = |problems: &mut Vec<Finding>, each: &mut dyn FnMut(Posting) -> Result<()>| {
        let bytes = limits::read_input(path, "postings")?;
        if let Some(p) = progress {
            p.set(p.get() + bytes.len() as u64);
        }
        read_bytes(&ext, &bytes, display, problems, each)
    };
    if super::WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return whole(problems, each);
    }
    let open = || limits::open_input(path, "postings");
    let mut head = Vec::with_capacity(8);
    open()?
        .take(8)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read postings `{}`", path.display()))?;
    if super::excel::has_workbook_signature(&head) {
        return whole(problems, each);
    }
    let scan = stream::scan(open()?, display).map_err(|e| io_named(e, path))?;
    let text = open()?.take(scan.len);
    let mut p = Problems {
        out: problems,
        kept: 0,
        dropped: 0,
    };
    let result = read_text(&ext, &scan, text, display, &mut p, progress, each);
    p.finish(display);
    result.map_err(|e| io_named(e, path))
}

/// Read errors named like [`limits::read_input`]'s; the reader's own
/// messages (encoding, binary data) as they are.
fn io_named(e: anyhow::Error, path: &Path) -> anyhow::Error {
    if e.downcast_ref::<std::io::Error>().is_some() {
        anyhow::anyhow!("cannot read postings `{}`: {e}", path.display())
    } else {
        e
    }
}

/// [`read_file`] on bytes already read; `ext` (lower case) chooses the
/// reader, as the extension of a file does.
pub fn read_bytes(
    ext: &str,
    bytes: &[u8],
    display: &str,
    problems: &mut Vec<Finding>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<()> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("`{display}` is empty; expected a header row and one row per posting");
    }
    let mut p = Problems {
        out: problems,
        kept: 0,
        dropped: 0,
    };
    let result = if !JSON_LINES.contains(&ext)
        && (super::WORKBOOK_EXTENSIONS.contains(&ext)
            || super::excel::has_workbook_signature(bytes))
    {
        read_workbook(bytes, display, &mut p, each)
    } else {
        stream::scan(bytes, display)
            .and_then(|scan| read_text(ext, &scan, bytes, display, &mut p, None, each))
    };
    p.finish(display);
    result
}

/// A CSV or JSON Lines file, `scan` made of it, read from `text`.
fn read_text(
    ext: &str,
    scan: &stream::Scan,
    text: impl Read,
    display: &str,
    problems: &mut Problems<'_>,
    progress: Option<&Counter<u64>>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<()> {
    if scan.blank {
        bail!("`{display}` is empty; expected a header row and one row per posting");
    }
    let json = JSON_LINES.contains(&ext);
    let mut decoded = stream::Decoded::new(text, scan, !json);
    if let Some(p) = progress {
        decoded = decoded.count_into(p);
    }
    if json {
        read_json_lines(decoded, scan, display, problems, each)
    } else {
        read_csv(decoded, scan, display, problems, each)
    }
}

fn no_columns(display: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "`{display}`: no title or description column found in the first {HEADER_SEARCH_ROWS} rows; \
         expected a header such as title, description or text (in French: intitulé du poste, \
         descriptif, texte)"
    )
}

fn read_csv<R: Read>(
    decoded: stream::Decoded<'_, R>,
    scan: &stream::Scan,
    display: &str,
    problems: &mut Problems<'_>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<()> {
    if scan.nul {
        bail!(
            "`{display}` is not a text file (it contains binary data); expected CSV, a workbook or JSON Lines"
        );
    }
    if scan.encoding != encoding_rs::UTF_8 {
        problems.push(
            Finding::new(
                FindingCode::EncodingAssumed,
                format!(
                    "read as {} (the file is not valid UTF-8)",
                    scan.encoding.name()
                ),
            )
            .at(SourceLocation::file(display)),
        );
    }
    let record_start = Counter::new(0);
    let decoded = decoded.bound_records(&record_start);
    let mut columns: Option<Columns> = None;
    let mut seen = 0usize;
    csvin::each_record_streamed(decoded, &record_start, display, |number, record| {
        if record.iter().all(|f| f.trim().is_empty()) {
            return Ok(());
        }
        let Some(cols) = &columns else {
            seen += 1;
            let cells: Vec<String> = record.iter().map(|s| s.trim().to_owned()).collect();
            columns = Columns::from_row(&cells);
            if columns.is_none() && seen >= HEADER_SEARCH_ROWS {
                return Err(no_columns(display));
            }
            return Ok(());
        };
        let location = SourceLocation::file(display).at_row(number);
        if record.len() > MAX_COLUMNS {
            problems.push(
                Finding::new(
                    FindingCode::UnreadablePosting,
                    format!("the row has {} columns; not counted", record.len()),
                )
                .at(location),
            );
            return Ok(());
        }
        if let Some(i) = record
            .iter()
            .position(|s| s.chars().count() > MAX_CELL_CHARS)
        {
            problems.push(
                Finding::new(
                    FindingCode::UnreadablePosting,
                    format!(
                        "the field holds more than {} characters (is a closing quote missing?); not counted",
                        thousands(MAX_CELL_CHARS as u64)
                    ),
                )
                .at(location.at_column(i + 1, cols.headers.get(i).map(String::as_str))),
            );
            return Ok(());
        }
        let values = |f: Field| {
            cols.column(f)
                .and_then(|i| record.get(i))
                .and_then(nonempty)
        };
        let date_col = cols
            .column(Field::Date)
            .map(|i| (i, cols.headers.get(i).map(String::as_str)));
        if let Some(p) = posting(
            &values,
            location,
            date_col,
            problems,
            format!("row-{number}"),
        ) {
            each(p)?;
        }
        Ok(())
    })?;
    if columns.is_none() {
        return Err(no_columns(display));
    }
    Ok(())
}

fn read_workbook(
    bytes: &[u8],
    display: &str,
    problems: &mut Problems<'_>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<()> {
    let (tables, _) = super::excel::read_sheets(bytes, display, &[])?;
    let mut read_any = false;
    for table in tables {
        if read_table(&table, problems, each)? {
            read_any = true;
        } else {
            problems.push(
                Finding::new(
                    FindingCode::SkippedSheet,
                    "sheet has no title or description column; not read",
                )
                .at(table.location()),
            );
        }
    }
    if !read_any {
        return Err(no_columns(display));
    }
    Ok(())
}

/// Reads the postings of one sheet; `false` when it has no header.
fn read_table(
    table: &Table,
    problems: &mut Problems<'_>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<bool> {
    let mut rows = table.rows.iter().filter(|r| !r.is_blank());
    let mut columns = None;
    for row in rows.by_ref().take(HEADER_SEARCH_ROWS) {
        let cells: Vec<String> = row.cells.iter().map(|c| c.text().into_owned()).collect();
        if let Some(c) = Columns::from_row(&cells) {
            columns = Some(c);
            break;
        }
    }
    let Some(cols) = columns else {
        return Ok(false);
    };
    for row in rows {
        let location = table.row_location(row.number);
        let values = |f: Field| {
            cols.column(f).and_then(|i| match row.cell(i) {
                Cell::Empty => None,
                c => nonempty(&c.text()),
            })
        };
        let date_col = cols
            .column(Field::Date)
            .map(|i| (i, cols.headers.get(i).map(String::as_str)));
        let id = format!("row-{}", row.number);
        if let Some(p) = posting(&values, location, date_col, problems, id) {
            each(p)?;
        }
    }
    Ok(true)
}

fn read_json_lines<R: Read>(
    decoded: stream::Decoded<'_, R>,
    scan: &stream::Scan,
    display: &str,
    problems: &mut Problems<'_>,
    each: &mut dyn FnMut(Posting) -> Result<()>,
) -> Result<()> {
    if scan.encoding != encoding_rs::UTF_8 {
        bail!("`{display}`: JSON Lines must be UTF-8; save it again as UTF-8");
    }
    let mut any_text_key = false;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, decoded);
    let mut buf = Vec::new();
    let mut number = 0usize;
    loop {
        // One line at a time, as `str::lines` splits them, and at most
        // MAX_RECORD_BYTES of it in memory.
        buf.clear();
        let n = (&mut reader)
            .take(stream::MAX_RECORD_BYTES + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        number += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        } else if buf.len() as u64 > stream::MAX_RECORD_BYTES {
            reader.skip_until(b'\n')?;
            problems.push(
                Finding::new(
                    FindingCode::UnreadablePosting,
                    format!(
                        "the line is longer than {} MiB; not counted",
                        stream::MAX_RECORD_BYTES >> 20
                    ),
                )
                .at(SourceLocation::file(display).at_line(number)),
            );
            continue;
        }
        let line = std::str::from_utf8(&buf).context("JSON Lines text")?;
        if line.trim().is_empty() {
            continue;
        }
        let location = SourceLocation::file(display).at_line(number);
        let object = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(_) => {
                problems.push(
                    Finding::new(
                        FindingCode::UnreadablePosting,
                        "the line is JSON but not an object ({\"title\": …}); not counted",
                    )
                    .at(location),
                );
                continue;
            }
            Err(e) => {
                problems.push(
                    Finding::new(
                        FindingCode::UnreadablePosting,
                        format!("the line is not JSON: {e}; not counted"),
                    )
                    .at(location),
                );
                continue;
            }
        };
        let mut fields: Vec<(Field, String)> = Vec::new();
        for (key, value) in &object {
            let Some(f) = Field::from_header(key) else {
                continue;
            };
            if fields.iter().any(|(g, _)| *g == f) {
                continue;
            }
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            fields.push((f, text));
        }
        any_text_key |= fields
            .iter()
            .any(|(f, _)| matches!(f, Field::Title | Field::Description));
        if fields
            .iter()
            .any(|(_, t)| t.chars().count() > MAX_CELL_CHARS)
        {
            problems.push(
                Finding::new(
                    FindingCode::UnreadablePosting,
                    format!(
                        "a field holds more than {} characters; not counted",
                        thousands(MAX_CELL_CHARS as u64)
                    ),
                )
                .at(location),
            );
            continue;
        }
        let values = |f: Field| {
            fields
                .iter()
                .find(|(g, _)| *g == f)
                .and_then(|(_, t)| nonempty(t))
        };
        if let Some(p) = posting(&values, location, None, problems, format!("line-{number}")) {
            each(p)?;
        }
    }
    if !any_text_key {
        bail!(
            "`{display}`: no line has a title or description key; expected JSON objects such as \
             {{\"id\": \"1\", \"title\": \"…\", \"description\": \"…\"}}"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(ext: &str, bytes: &[u8]) -> (Vec<Posting>, Vec<Finding>) {
        let mut got = Vec::new();
        let mut problems = Vec::new();
        read_bytes(ext, bytes, "p.csv", &mut problems, &mut |p| {
            got.push(p);
            Ok(())
        })
        .unwrap();
        (got, problems)
    }

    #[test]
    fn reads_french_headers_with_semicolons() {
        let (p, problems) = read(
            "csv",
            "Identifiant;Intitulé du poste;Descriptif;Employeur;Pays;Région;Date de publication\n\
             A1;Data scientist;Modèles d'apprentissage;CHU de Nantes;FR;Pays de la Loire;15/07/2024\n"
                .as_bytes(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].id, "A1");
        assert_eq!(p[0].employer.as_deref(), Some("CHU de Nantes"));
        assert_eq!(p[0].region.as_deref(), Some("Pays de la Loire"));
        assert_eq!(
            p[0].quarter.map(|q| q.to_string()).as_deref(),
            Some("2024-Q3")
        );
        assert_eq!(p[0].location.row, Some(2));
    }

    #[test]
    fn locates_bad_rows_and_keeps_the_others() {
        let (p, problems) = read(
            "csv",
            b"id,title,description,date\n1,Nurse,Ward care,2024-01-03\n2,,,2024-01-04\n3,Analyst,SQL,someday\n",
        );
        assert_eq!(
            p.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["1", "3"]
        );
        let lines: Vec<String> = problems.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            lines,
            [
                "warning[posting-without-text]: p.csv row 3: the row has neither a title nor a description; not counted",
                "warning[invalid-value]: p.csv row 4, column D \"date\": expected a date such as 2024-07-15, 15/07/2024 or 2024-Q3, got \"someday\"; the posting is counted without a quarter",
            ]
        );
    }

    #[test]
    fn reads_json_lines_and_reports_bad_lines() {
        let (p, problems) = read(
            "jsonl",
            b"{\"id\": 7, \"title\": \"ML engineer\", \"country\": \"DE\"}\nnot json\n[1]\n{\"text\": \"SQL\"}\n",
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].id, "7");
        assert_eq!(p[1].id, "line-4");
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].location.as_ref().and_then(|l| l.line), Some(2));
    }

    #[test]
    fn refuses_a_file_without_a_text_column() {
        let mut problems = Vec::new();
        let e = read_bytes(
            "csv",
            b"code,hours\nA,3\n",
            "p.csv",
            &mut problems,
            &mut |_| Ok(()),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("no title or description column"),
            "{e}"
        );
    }

    #[test]
    fn bounds_the_problems_kept_per_file() {
        let mut text = String::from("id,title\n");
        for i in 0..(MAX_PROBLEMS_PER_FILE + 50) {
            text.push_str(&format!("{i},\n"));
        }
        let (_, problems) = read("csv", text.as_bytes());
        assert_eq!(problems.len(), MAX_PROBLEMS_PER_FILE + 1);
    }

    #[test]
    fn a_file_streamed_from_disk_reads_as_its_bytes_do() {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/postings.csv");
        let bytes = std::fs::read(&sample).unwrap();
        let (want, want_problems) = read("csv", &bytes);
        let mut got = Vec::new();
        let mut problems = Vec::new();
        let read_bytes = Counter::new(0);
        read_file_counted(
            &sample,
            "p.csv",
            &mut problems,
            Some(&read_bytes),
            &mut |p| {
                got.push(p);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got, want);
        assert_eq!(problems, want_problems);
        assert_eq!(read_bytes.get(), bytes.len() as u64);
        assert_eq!(got.len(), 320);
    }

    #[test]
    fn a_json_line_over_the_bound_is_a_located_problem() {
        let mut text = b"{\"title\": \"Nurse\"}\n{\"title\": \"".to_vec();
        text.resize(text.len() + stream::MAX_RECORD_BYTES as usize, b'x');
        text.extend(b"\"}\n{\"title\": \"Analyst\"}\n");
        let (p, problems) = read("jsonl", &text);
        assert_eq!(
            p.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(),
            ["Nurse", "Analyst"]
        );
        assert_eq!(p[1].location.line, Some(3));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location.as_ref().and_then(|l| l.line), Some(2));
    }

    #[test]
    fn a_quote_open_past_the_bound_stops_the_file_where_it_opened() {
        let mut text = b"id,title\n1,Nurse\n2,\"Analyst".to_vec();
        text.resize(text.len() + stream::MAX_RECORD_BYTES as usize + 10, b'x');
        let mut problems = Vec::new();
        let e = read_bytes("csv", &text, "p.csv", &mut problems, &mut |_| Ok(())).unwrap_err();
        assert!(
            e.to_string().starts_with(
                "`p.csv` line 3: a quote (\") opened here is not closed within 16 MiB"
            ),
            "{e}"
        );
    }
}
