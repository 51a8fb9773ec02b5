//! A crosswalk from Curriculum Inventory expectations to framework
//! competencies: a CSV or workbook with one row per pair, headers
//! `expectation` and `competency` (and optionally `depth`). An expectation
//! is written as its full identifier (the `lom:entry` URI) or as the last
//! part of it (after the last `/` or `#`).

use super::headers::Field;
use super::table::Table;
use crate::model::{DEPTH_SPELLINGS, Depth, SourceLocation};
use crate::text::key;
use anyhow::{Result, bail};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Crosswalk {
    /// Expectation id → competency ids with an optional depth, each with
    /// the row that says so.
    entries: BTreeMap<String, Vec<(String, Option<Depth>, SourceLocation)>>,
}

const EXPECTATION_HEADERS: &[&str] = &[
    "expectation",
    "expectation id",
    "expectation uri",
    "competency object",
    "objective",
    "entry",
    "uri",
    "pcrs",
    "pcrs id",
];
const COMPETENCY_HEADERS: &[&str] = &[
    "competency",
    "competencies",
    "competency id",
    "framework id",
    "maps to",
    "compétence",
];

impl Crosswalk {
    pub fn load(path: &Path) -> Result<Self> {
        let display = path.display().to_string();
        let bytes = super::limits::read_input(path, "the Curriculum Inventory crosswalk")?;
        let tables = if super::excel::has_workbook_signature(&bytes) {
            super::excel::read(&bytes, &display)?
        } else {
            vec![super::csv::read(&bytes, &display)?.0]
        };
        let mut crosswalk = Crosswalk::default();
        for table in &tables {
            crosswalk.add_table(table)?;
        }
        Ok(crosswalk)
    }

    pub(super) fn add_table(&mut self, table: &Table) -> Result<()> {
        let Some((h, header)) = table.rows.iter().enumerate().find(|(_, r)| !r.is_blank()) else {
            return Ok(());
        };
        let find = |names: &[&str]| {
            header
                .cells
                .iter()
                .position(|c| names.iter().any(|n| key(n) == key(&c.text())))
        };
        let (Some(from), Some(to)) = (find(EXPECTATION_HEADERS), find(COMPETENCY_HEADERS)) else {
            bail!(
                "{}: a Curriculum Inventory crosswalk needs the columns `expectation` and `competency` (and optionally `depth`)",
                table.name()
            );
        };
        let depth = header
            .cells
            .iter()
            .position(|c| Field::from_header(&c.text()) == Some(Field::Depth));
        for row in table.rows.iter().skip(h + 1) {
            if row.is_blank() {
                continue;
            }
            let loc = table.row_location(row.number);
            let expectation = row.cell(from).text().trim().to_owned();
            let competencies = super::values::list(&row.cell(to).text());
            if expectation.is_empty() || competencies.is_empty() {
                bail!("{loc}: each row needs an expectation and a competency id");
            }
            let d = match depth.map(|c| row.cell(c).text().trim().to_owned()) {
                Some(s) if !s.is_empty() => Some(s.parse::<Depth>().map_err(|()| {
                    anyhow::anyhow!("{loc}: expected a depth {DEPTH_SPELLINGS}, found \"{s}\"")
                })?),
                _ => None,
            };
            let list = self.entries.entry(expectation).or_default();
            for c in competencies {
                list.push((c, d, loc.clone()));
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The competencies an expectation maps to: by its full identifier,
    /// else by its last part.
    pub fn lookup(&self, expectation: &str) -> &[(String, Option<Depth>, SourceLocation)] {
        if let Some(v) = self.entries.get(expectation) {
            return v;
        }
        let tail = short_id(expectation);
        self.entries.get(tail).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The last part of an identifier: `http://x.edu/course_objective/12` → `12`
/// is too short to be useful alone, so two parts are kept when the last is
/// a number: `course_objective/12`.
pub fn short_id(entry: &str) -> &str {
    let trimmed = entry.trim().trim_end_matches(['/', '#']);
    let cut = |s: &str| s.rfind(['/', '#']).map(|i| i + 1).unwrap_or(0);
    let last = cut(trimmed);
    if trimmed[last..].chars().all(|c| c.is_ascii_digit()) && last > 0 {
        let before = &trimmed[..last - 1];
        let start = cut(before);
        if start > 0 || !before.contains(':') {
            return &trimmed[start..];
        }
    }
    &trimmed[last..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_keep_enough_to_mean_something() {
        assert_eq!(short_id("http://nosuchdomain.edu/zxcvb"), "zxcvb");
        assert_eq!(
            short_id("http://x.edu/course_objective/12"),
            "course_objective/12"
        );
        assert_eq!(
            short_id(
                "https://services.aamc.org/30/ci-school-web/pcrs/PCRS.html#aamc-pcrs-comp-c0101"
            ),
            "aamc-pcrs-comp-c0101"
        );
        assert_eq!(short_id("OBJ-7"), "OBJ-7");
    }
}
