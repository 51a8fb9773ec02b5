//! `aimap frameworks list|show|check`.

use super::plural;
use crate::framework::{
    CheckedFile, CheckedKind, FrameworkSet, Lang, Target, builtin_targets, check_files,
};
use crate::model::Severity;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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

pub(super) fn frameworks_list(set: &FrameworkSet) -> Result<ExitCode> {
    let mut out = super::term::stdout();
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
            let (counts, nowhere) = set.level_counts(fw);
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

pub(super) fn frameworks_show(set: &FrameworkSet, id: &str) -> Result<ExitCode> {
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
    let mut out = super::term::stdout();
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
    let mut out = super::term::stdout();
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

pub(super) fn frameworks_check(files: &[PathBuf]) -> Result<ExitCode> {
    // The classifier is built as every command builds it, so that `check`
    // refuses whatever `report` would.
    let checked = check_files(files, |set| crate::classify::Classifier::new(set).map(drop));
    let mut out = super::term::stdout();
    let mut any_error = false;
    for file in &checked {
        for p in &file.problems {
            writeln!(out, "{}", super::finding_line(p))?;
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
        CheckedKind::Lexicon {
            id,
            concepts,
            entries,
        } => match (concepts, entries) {
            (Some(c), Some(e)) => format!(
                "lexicon{} ({c} {}, {e} {})",
                name(id),
                plural(*c, "concept", "concepts"),
                plural(*e, "entry", "entries")
            ),
            _ => format!("lexicon{}", name(id)),
        },
        CheckedKind::Rules { id, rules } => {
            format!("rule table{}{}", name(id), n(rules, "rule", "rules"))
        }
        CheckedKind::Model { id, weights } => format!(
            "fitted model{}{}",
            name(id),
            n(weights, "level weight", "level weights")
        ),
        CheckedKind::Unreadable => "file".to_owned(),
    }
}
