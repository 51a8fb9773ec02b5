//! `aimap frameworks check`: validates framework and target files the way
//! a user writes them, each against the framework it depends on — a
//! crosswalk against the framework named by its `crosswalk_to`, a target
//! against the one named by its `framework` — taken from the other files
//! checked or, failing that, from the built-in frameworks.

use super::fitted::{is_fitted, parse_fitted};
use super::knowledge::{BUILTIN_LEXICON, Lexicon, check_bindings, is_lexicon, parse_lexicon};
use super::load::check_crosswalk;
use super::rules::{is_rules, parse_rules};
use super::set::parse_builtin;
use super::target::parse_target;
use super::{BUILTIN, Framework, FrameworkError, FrameworkSet, parse_framework};
use crate::model::{Finding, FindingCode, SourceLocation};
use std::path::Path;

/// What a checked file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckedKind {
    /// A framework file; `None` fields when it is invalid or could not be
    /// read that far.
    Framework {
        id: Option<String>,
        competencies: Option<usize>,
        crosswalk_to: Option<String>,
    },
    Target {
        id: Option<String>,
        required: Option<usize>,
    },
    /// The classifier's lexicon.
    Lexicon {
        id: Option<String>,
        concepts: Option<usize>,
        entries: Option<usize>,
    },
    /// The classifier's rule table.
    Rules {
        id: Option<String>,
        rules: Option<usize>,
    },
    /// The classifier's fitted weights.
    Model {
        id: Option<String>,
        weights: Option<usize>,
    },
    /// A file that could not be read.
    Unreadable,
}

/// One file checked, with every problem found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedFile {
    pub origin: String,
    pub kind: CheckedKind,
    /// Errors and warnings, located by line and key.
    pub problems: Vec<Finding>,
}

/// Checks each file. A file that cannot be read is reported as a problem
/// of that file; the others are still checked.
///
/// Then every rule loading applies: the files that `--framework` could
/// take together (a framework with levels, or none for the built-in one,
/// the crosswalks onto it, and at most one lexicon, rule table and model)
/// are loaded as `aimap report -f` loads them ([`FrameworkSet::from_sources`]),
/// and `build` is run on the set — the caller builds the classifier there,
/// so that a framework the classifier cannot hold is refused here too. A
/// problem found that way is reported on the file it names.
pub fn check_files(
    paths: &[impl AsRef<Path>],
    build: impl Fn(&FrameworkSet) -> anyhow::Result<()>,
) -> Vec<CheckedFile> {
    let files: Vec<(String, Result<String, String>)> = paths
        .iter()
        .map(|p| {
            let p = p.as_ref();
            (
                p.display().to_string(),
                crate::import::limits::read_framework_text(p)
                    .map_err(|e| format!("cannot read the file: {e}")),
            )
        })
        .collect();

    // Frameworks first, so crosswalks and targets can be checked against a
    // framework given in the same command.
    let mut frameworks: Vec<Option<Framework>> = Vec::new();
    let mut out: Vec<CheckedFile> = Vec::new();
    for (origin, src) in &files {
        let (kind, problems, fw) = match src {
            Err(e) => (
                CheckedKind::Unreadable,
                vec![
                    Finding::new(FindingCode::FrameworkError, e.clone())
                        .at(SourceLocation::file(origin)),
                ],
                None,
            ),
            Ok(src) if is_target(src) => (
                CheckedKind::Target {
                    id: None,
                    required: None,
                },
                Vec::new(),
                None,
            ),
            Ok(src) if is_rules(src) => (
                CheckedKind::Rules {
                    id: declared_id(src, "rules"),
                    rules: None,
                },
                Vec::new(),
                None,
            ),
            Ok(src) if is_fitted(src) => match parse_fitted(src, origin) {
                Ok((m, warnings)) => (
                    CheckedKind::Model {
                        id: Some(m.id.clone()),
                        weights: Some(m.level.weights.len()),
                    },
                    warnings,
                    None,
                ),
                Err(e) => (
                    CheckedKind::Model {
                        id: declared_id(src, "model"),
                        weights: None,
                    },
                    e.problems,
                    None,
                ),
            },
            Ok(src) if is_lexicon(src) => (
                CheckedKind::Lexicon {
                    id: declared_id(src, "lexicon"),
                    concepts: None,
                    entries: None,
                },
                Vec::new(),
                None,
            ),
            Ok(src) => match parse_framework(src, origin) {
                Ok((fw, warnings)) => (framework_kind(&fw), warnings, Some(fw)),
                Err(e) => (
                    CheckedKind::Framework {
                        id: declared_id(src, "framework"),
                        competencies: None,
                        crosswalk_to: None,
                    },
                    e.problems,
                    None,
                ),
            },
        };
        frameworks.push(fw);
        out.push(CheckedFile {
            origin: origin.clone(),
            kind,
            problems,
        });
    }

    // Frameworks with levels a crosswalk or target may name: the user's
    // valid ones, then the built-in ones they do not replace.
    let builtin_files = parse_builtin().unwrap_or_default();
    let builtin: Vec<Framework> = builtin_files.iter().map(|(f, _)| f.clone()).collect();
    let mut primaries: Vec<&Framework> = frameworks
        .iter()
        .flatten()
        .filter(|f| !f.is_crosswalk())
        .collect();
    for b in builtin.iter().filter(|b| !b.is_crosswalk()) {
        if !primaries.iter().any(|p| p.id == b.id) {
            primaries.push(b);
        }
    }

    // The framework a lexicon serves: the user's primary, else the
    // built-in one; with its source, for locating problems.
    let primary: Option<(&Framework, &str)> = frameworks
        .iter()
        .zip(&files)
        .find_map(|(fw, (_, src))| match (fw, src) {
            (Some(fw), Ok(src)) if !fw.is_crosswalk() => Some((fw, src.as_str())),
            _ => None,
        })
        .or_else(|| {
            builtin_files
                .iter()
                .find(|(f, _)| !f.is_crosswalk())
                .map(|(f, s)| (f, s.as_str()))
        });
    let user_lexicon = files
        .iter()
        .any(|(_, src)| src.as_ref().is_ok_and(|s| is_lexicon(s)));

    // The lexicon a rule table names concepts of: the one checked with it,
    // else the built-in one.
    let lexicon: Option<Lexicon> = files
        .iter()
        .find_map(|(origin, src)| {
            let src = src.as_ref().ok().filter(|s| is_lexicon(s))?;
            parse_lexicon(src, origin).ok().map(|(l, _)| l)
        })
        .or_else(|| Lexicon::builtin().ok());

    for ((checked, (_, src)), fw) in out.iter_mut().zip(&files).zip(&frameworks) {
        let Ok(src) = src else { continue };
        if matches!(checked.kind, CheckedKind::Rules { .. }) {
            let Some(lexicon) = &lexicon else { continue };
            match parse_rules(src, &checked.origin, lexicon) {
                Ok((r, warnings)) => {
                    checked.kind = CheckedKind::Rules {
                        id: Some(r.id),
                        rules: Some(r.rules.len()),
                    };
                    checked.problems = warnings;
                }
                Err(e) => checked.problems = e.problems,
            }
            continue;
        }
        if matches!(checked.kind, CheckedKind::Lexicon { .. }) {
            match parse_lexicon(src, &checked.origin) {
                Ok((lex, warnings)) => {
                    checked.kind = CheckedKind::Lexicon {
                        id: Some(lex.id.clone()),
                        concepts: Some(lex.concepts.len()),
                        entries: Some(lex.entries.len()),
                    };
                    checked.problems = warnings;
                    if let Some((primary, primary_src)) = primary {
                        for e in check_bindings(&lex, src, primary, primary_src) {
                            checked.problems.extend(e.problems);
                        }
                    }
                }
                Err(e) => checked.problems = e.problems,
            }
            continue;
        }
        // A framework given without a lexicon binds the built-in one's
        // concepts: each concept it names must exist there.
        if let Some(fw) = fw
            && !fw.is_crosswalk()
            && !user_lexicon
        {
            let (name, lex_src) = BUILTIN_LEXICON;
            if let Ok((lex, _)) = parse_lexicon(lex_src, &format!("built-in:{name}")) {
                for e in check_bindings(&lex, lex_src, fw, src) {
                    if e.what == "framework" {
                        checked.problems.extend(e.problems);
                    }
                }
            }
        }
        if let Some(fw) = fw
            && fw.is_crosswalk()
        {
            checked
                .problems
                .extend(check_crosswalk(fw, src, &checked.origin, &primaries));
        } else if matches!(checked.kind, CheckedKind::Target { .. }) {
            match parse_target(src, &checked.origin, &primaries) {
                Ok((t, warnings)) => {
                    checked.kind = CheckedKind::Target {
                        id: Some(t.id),
                        required: Some(t.required.len()),
                    };
                    checked.problems = warnings;
                }
                Err(e) => {
                    checked.kind = CheckedKind::Target {
                        id: declared_id(src, "target"),
                        required: None,
                    };
                    checked.problems = e.problems;
                }
            }
        }
    }
    for group in load_groups(&out, &frameworks) {
        let (sources, parsed): (Vec<(String, String)>, Vec<Option<&Framework>>) = group
            .iter()
            .filter_map(|&k| {
                let text = files[k].1.as_ref().ok()?;
                Some(((files[k].0.clone(), text.clone()), frameworks[k].as_ref()))
            })
            .unzip();
        let loaded = FrameworkSet::from_parsed(&sources, &parsed);
        let Err(e) = loaded.and_then(|(set, _)| build(&set)) else {
            continue;
        };
        attach(&mut out, &group, &e);
    }
    out
}

/// The sets of files `--framework` could take together, as indices into
/// `checked`, each in the order given: per framework with levels (the
/// built-in one when none is given), that framework with the crosswalks onto
/// it and one of each kind of knowledge file (one set per choice when
/// several of a kind are given). A set holding a file already found in
/// error is left out: that file is refused already.
fn load_groups(checked: &[CheckedFile], frameworks: &[Option<Framework>]) -> Vec<Vec<usize>> {
    let failed = |k: usize| {
        checked[k]
            .problems
            .iter()
            .any(|p| p.severity == crate::model::Severity::Error)
    };
    let of_kind = |want: fn(&CheckedKind) -> bool| -> Vec<Option<usize>> {
        let files: Vec<Option<usize>> = (0..checked.len())
            .filter(|&k| want(&checked[k].kind))
            .map(Some)
            .collect();
        if files.is_empty() { vec![None] } else { files }
    };
    let lexicons = of_kind(|k| matches!(k, CheckedKind::Lexicon { .. }));
    let rules = of_kind(|k| matches!(k, CheckedKind::Rules { .. }));
    let models = of_kind(|k| matches!(k, CheckedKind::Model { .. }));
    let mut primaries: Vec<Option<usize>> = (0..checked.len())
        .filter(|&k| frameworks[k].as_ref().is_some_and(|f| !f.is_crosswalk()))
        .map(Some)
        .collect();
    let builtin_primary = BUILTIN
        .first()
        .and_then(|(_, src)| declared_id(src, "framework"))
        .unwrap_or_default();
    // The built-in framework too, when none is given or a crosswalk maps
    // onto it while another is given.
    let onto_builtin = checked.iter().any(|c| {
        matches!(&c.kind, CheckedKind::Framework { crosswalk_to: Some(to), .. } if *to == builtin_primary)
    });
    let replaced = primaries.iter().flatten().any(|&k| {
        frameworks[k]
            .as_ref()
            .is_some_and(|f| f.id == builtin_primary)
    });
    if primaries.is_empty() || (onto_builtin && !replaced) {
        primaries.push(None);
    }
    // A framework file in error whose kind is unknown joins no set.
    let mut groups = Vec::new();
    for &primary in &primaries {
        let onto = primary
            .and_then(|k| frameworks[k].as_ref())
            .map_or(builtin_primary.as_str(), |f| f.id.as_str());
        let crosswalks = (0..checked.len()).filter(|&k| match &checked[k].kind {
            CheckedKind::Framework {
                crosswalk_to: Some(to),
                ..
            } => to == onto,
            _ => false,
        });
        let crosswalks: Vec<usize> = crosswalks.collect();
        for &lexicon in &lexicons {
            for &rule in &rules {
                for &model in &models {
                    let mut group: Vec<usize> = [primary, lexicon, rule, model]
                        .into_iter()
                        .flatten()
                        .chain(crosswalks.iter().copied())
                        .collect();
                    group.sort_unstable();
                    if !group.is_empty() && !group.iter().any(|&k| failed(k)) {
                        groups.push(group);
                    }
                }
            }
        }
    }
    groups
}

/// Reports a failure to load `group` on the file it names, or on the
/// group's first file when it names none of them (a built-in file, or two
/// files at once); a problem already listed is not listed twice.
fn attach(checked: &mut [CheckedFile], group: &[usize], e: &anyhow::Error) {
    let named = e.downcast_ref::<FrameworkError>().and_then(|fe| {
        let k = group
            .iter()
            .copied()
            .find(|&k| checked[k].origin == fe.origin)?;
        Some((k, fe.problems.clone()))
    });
    let (k, problems) = match named {
        Some(found) => found,
        None => {
            let k = group[0];
            let finding = Finding::new(FindingCode::FrameworkError, format!("{e:#}"))
                .at(SourceLocation::file(&checked[k].origin));
            (k, vec![finding])
        }
    };
    for p in problems {
        if !checked[k].problems.contains(&p) {
            checked[k].problems.push(p);
        }
    }
}

/// A target file has a `[target]` table; anything else is read as a
/// framework (and a file that is not TOML at all gets the TOML error).
fn is_target(src: &str) -> bool {
    // Only a file with a line that could open that table is parsed whole
    // for it: a framework is parsed once, not twice.
    let maybe = src.lines().any(|l| {
        l.trim_start()
            .trim_start_matches(['[', ' ', '\t', '"', '\''])
            .starts_with("target")
    });
    maybe && toml::from_str::<toml::Table>(src).is_ok_and(|t| t.contains_key("target"))
}

/// `[table] id` of a file that may not validate, for naming it.
fn declared_id(src: &str, table: &str) -> Option<String> {
    let t = toml::from_str::<toml::Table>(src).ok()?;
    Some(t.get(table)?.get("id")?.as_str()?.trim().to_owned())
}

fn framework_kind(fw: &Framework) -> CheckedKind {
    CheckedKind::Framework {
        id: Some(fw.id.clone()),
        competencies: Some(fw.competencies.len()),
        crosswalk_to: fw.crosswalk_to.clone(),
    }
}
