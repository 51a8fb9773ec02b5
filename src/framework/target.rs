//! Targets per profession (`frameworks/targets/*.toml`): which competencies
//! of a framework a profession must reach, and to which depth. Loading and
//! validation only; comparing a programme with a target is `analysis`.

use super::load::{Checker, RawSource, did_you_mean, parse_toml};
use super::{BUILTIN_TARGETS, Framework, FrameworkError, Localized, Reference, SourceRef};
use crate::model::{CompetencyId, DEPTH_SPELLINGS, Depth, Finding};
use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    target: RawMeta,
    #[serde(default)]
    references: BTreeMap<String, Reference>,
    #[serde(default)]
    requirements: Vec<Spanned<RawRequirement>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    framework: Spanned<String>,
    #[serde(default)]
    title: Localized,
    #[serde(default)]
    description: Localized,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    #[serde(default)]
    level: Option<Spanned<u8>>,
    #[serde(default)]
    domain: Option<Spanned<String>>,
    #[serde(default)]
    competencies: Option<Vec<Spanned<String>>>,
    depth: Spanned<String>,
}

/// Reads only which framework a target file is for.
#[derive(Deserialize)]
struct Probe {
    target: ProbeMeta,
}

#[derive(Deserialize)]
struct ProbeMeta {
    framework: String,
}

/// The framework id a target file names, when the file parses that far.
pub(super) fn target_framework(src: &str) -> Option<String> {
    toml::from_str::<Probe>(src)
        .ok()
        .map(|p| p.target.framework.trim().to_owned())
}

/// Which competencies a requirement selects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Selector {
    /// Every competency of a level.
    Level(u8),
    /// Every competency of a domain.
    Domain(String),
    /// The competencies listed.
    Competencies(Vec<CompetencyId>),
}

impl fmt::Display for Selector {
    /// `level 0`, `domain generative-ai`, `L0.ETH.2, L0.CLN.2`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Level(l) => write!(f, "level {l}"),
            Selector::Domain(d) => write!(f, "domain {d}"),
            Selector::Competencies(ids) => {
                let ids: Vec<&str> = ids.iter().map(CompetencyId::as_str).collect();
                f.write_str(&ids.join(", "))
            }
        }
    }
}

/// One `[[requirements]]` table: a selection and the depth it must reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub selects: Selector,
    pub depth: Depth,
}

/// A competency a target asks for, with the depth it must reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Required {
    pub competency: CompetencyId,
    pub level: u8,
    pub depth: Depth,
}

/// A validated target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub id: String,
    /// The id of the framework whose competencies it names.
    pub framework: String,
    pub title: Localized,
    pub description: Localized,
    pub sources: Vec<SourceRef>,
    pub references: BTreeMap<String, Reference>,
    /// As written, in file order.
    pub requirements: Vec<Requirement>,
    /// Every competency the requirements select, in framework order, each
    /// with the highest depth any requirement asks of it.
    pub required: Vec<Required>,
    /// Where it was loaded from: a path, or `built-in:targets/<file>`.
    pub origin: String,
}

/// Parses and validates a target file against the frameworks loaded: the
/// one it names in `framework` must be among them. Returns the target and
/// its warnings, or every problem found.
pub fn parse_target(
    src: &str,
    origin: &str,
    frameworks: &[&Framework],
) -> Result<(Target, Vec<Finding>), FrameworkError> {
    let raw: RawFile = parse_toml(src, origin, "target")?;
    let mut ck = Checker::new(origin, src);
    let target = validate(raw, frameworks, &mut ck);
    match target {
        Some(t) if !ck.has_errors() => Ok((t, ck.problems)),
        _ => Err(FrameworkError {
            what: "target",
            origin: origin.to_owned(),
            problems: ck.problems,
        }),
    }
}

fn validate(raw: RawFile, frameworks: &[&Framework], ck: &mut Checker<'_>) -> Option<Target> {
    let meta = &raw.target;
    let id = meta.id.get_ref().trim().to_owned();
    if id.is_empty() || id.contains(char::is_whitespace) {
        ck.error(
            meta.id.span(),
            "target.id",
            format!("target id \"{id}\" must be non-empty and contain no spaces"),
        );
    }
    let mut sources = Vec::new();
    for s in &meta.sources {
        let r = s.get_ref();
        if !raw.references.contains_key(&r.reference) {
            ck.error(
                s.span(),
                "target.sources",
                format!(
                    "target \"{id}\" cites \"{}\", which is not in [references]",
                    r.reference
                ),
            );
        }
        sources.push(SourceRef {
            reference: r.reference.clone(),
            note: r.note.clone(),
            uri: r.uri.clone(),
        });
    }
    let fw_id = meta.framework.get_ref().trim();
    let Some(framework) = frameworks.iter().find(|f| f.id == fw_id) else {
        let loaded: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
        ck.error(
            meta.framework.span(),
            "target.framework",
            format!(
                "target \"{id}\" is for the framework \"{fw_id}\", which is not loaded (loaded: {})",
                loaded.join(", ")
            ),
        );
        return None;
    };
    if raw.requirements.is_empty() {
        ck.error(
            meta.id.span(),
            "requirements",
            format!(
                "target \"{id}\" has no [[requirements]]; add one with `level`, `domain` or `competencies`, and `depth`"
            ),
        );
    }

    let mut requirements = Vec::new();
    // Competency → (deepest depth asked, span of the first requirement selecting it).
    let mut asked: BTreeMap<CompetencyId, (Depth, Range<usize>)> = BTreeMap::new();
    for (i, spanned) in raw.requirements.iter().enumerate() {
        let n = i + 1;
        let r = spanned.get_ref();
        let depth = match r.depth.get_ref().parse::<Depth>() {
            Ok(d) => Some(d),
            Err(()) => {
                ck.error(
                    r.depth.span(),
                    "requirements.depth",
                    format!(
                        "requirement {n} has depth \"{}\"; expected {DEPTH_SPELLINGS}",
                        r.depth.get_ref()
                    ),
                );
                None
            }
        };
        let Some(selects) = selector(r, n, spanned.span(), framework, ck) else {
            continue;
        };
        let chosen = selected(&selects, framework);
        if chosen.is_empty() {
            ck.warn(
                spanned.span(),
                "requirements",
                format!("requirement {n} ({selects}) selects no competency of the framework"),
            );
        }
        let Some(depth) = depth else { continue };
        for c in chosen {
            let entry = asked
                .entry(c.clone())
                .or_insert_with(|| (depth, spanned.span()));
            entry.0 = entry.0.max(depth);
        }
        requirements.push(Requirement { selects, depth });
    }

    // A target should never ask for a competency without its foundations.
    for (c, (_, span)) in &asked {
        let Some(comp) = framework.competency(c) else {
            continue;
        };
        for p in &comp.requires {
            if !asked.contains_key(p) {
                ck.warn(
                    span.clone(),
                    "requirements",
                    format!("target \"{id}\" requires {c} but not its prerequisite {p}"),
                );
            }
        }
    }

    let required = framework
        .competencies
        .iter()
        .filter_map(|c| {
            let (depth, _) = asked.get(&c.id)?;
            Some(Required {
                competency: c.id.clone(),
                level: c.level?,
                depth: *depth,
            })
        })
        .collect();
    Some(Target {
        id,
        framework: framework.id.clone(),
        title: meta.title.clone(),
        description: meta.description.clone(),
        sources,
        references: raw.references,
        requirements,
        required,
        origin: ck.origin.to_owned(),
    })
}

/// The selector of one requirement, with every problem in it reported.
fn selector(
    r: &RawRequirement,
    n: usize,
    span: Range<usize>,
    framework: &Framework,
    ck: &mut Checker<'_>,
) -> Option<Selector> {
    let given = [
        r.level.is_some(),
        r.domain.is_some(),
        r.competencies.is_some(),
    ]
    .iter()
    .filter(|&&g| g)
    .count();
    if given == 0 {
        ck.error(
            span,
            "requirements",
            format!(
                "requirement {n} selects nothing; give one of `level`, `domain` or `competencies`"
            ),
        );
        return None;
    }
    if given > 1 {
        ck.error(
            span,
            "requirements",
            format!(
                "requirement {n} has more than one of `level`, `domain` and `competencies`; write one [[requirements]] table for each"
            ),
        );
        return None;
    }
    if let Some(level) = &r.level {
        let l = *level.get_ref();
        if framework.level(l).is_none() {
            let levels: Vec<String> = framework
                .levels
                .iter()
                .map(|x| x.number.to_string())
                .collect();
            ck.error(
                level.span(),
                "requirements.level",
                format!(
                    "requirement {n} names level {l}, which the framework \"{}\" does not define (levels: {})",
                    framework.id,
                    levels.join(", ")
                ),
            );
            return None;
        }
        return Some(Selector::Level(l));
    }
    if let Some(domain) = &r.domain {
        let d = domain.get_ref().trim();
        if framework.domain(d).is_none() {
            ck.error(
                domain.span(),
                "requirements.domain",
                format!(
                    "requirement {n} names domain \"{d}\", which the framework \"{}\" does not define",
                    framework.id
                ),
            );
            return None;
        }
        return Some(Selector::Domain(d.to_owned()));
    }
    let list = r.competencies.as_deref().unwrap_or_default();
    let mut ids = Vec::new();
    let mut ok = true;
    for c in list {
        let id = CompetencyId::new(c.get_ref().trim());
        if framework.competency(&id).is_none() {
            ck.error(
                c.span(),
                "requirements.competencies",
                format!(
                    "requirement {n} names competency \"{id}\", which the framework \"{}\" does not define{}",
                    framework.id,
                    did_you_mean(id.as_str(), framework)
                ),
            );
            ok = false;
        }
        ids.push(id);
    }
    ok.then_some(Selector::Competencies(ids))
}

/// The competencies a selector picks, in framework order, without repeats.
fn selected<'f>(selects: &Selector, framework: &'f Framework) -> Vec<&'f CompetencyId> {
    let listed: BTreeSet<&CompetencyId> = match selects {
        Selector::Competencies(ids) => ids.iter().collect(),
        _ => BTreeSet::new(),
    };
    framework
        .competencies
        .iter()
        .filter(|c| match selects {
            Selector::Level(l) => c.level == Some(*l),
            Selector::Domain(d) => c.domain.as_deref() == Some(d.as_str()),
            Selector::Competencies(_) => listed.contains(&c.id),
        })
        .map(|c| &c.id)
        .collect()
}

/// The shipped targets written for `framework`, in file-name order. Targets
/// for another framework (when the user replaced the default one) are left
/// out.
pub fn builtin_targets(framework: &Framework) -> Result<Vec<Target>> {
    let mut out = Vec::new();
    for (name, src) in BUILTIN_TARGETS {
        if target_framework(src).as_deref() != Some(framework.id.as_str()) {
            continue;
        }
        let (t, _) = parse_target(src, &format!("built-in:targets/{name}"), &[framework])?;
        out.push(t);
    }
    Ok(out)
}

/// The target `--target` names: the id of a shipped target, or the path of
/// a target TOML file. Returns it with its warnings.
pub fn load_target(arg: &str, framework: &Framework) -> Result<(Target, Vec<Finding>)> {
    let path = Path::new(arg);
    if arg.ends_with(".toml") || path.is_file() {
        let src = crate::import::limits::read_framework_input(path, "target")?;
        return Ok(parse_target(
            &src,
            &path.display().to_string(),
            &[framework],
        )?);
    }
    for (name, src) in BUILTIN_TARGETS {
        if name.strip_suffix(".toml") == Some(arg) {
            return Ok(parse_target(
                src,
                &format!("built-in:targets/{name}"),
                &[framework],
            )?);
        }
    }
    let known: Vec<&str> = BUILTIN_TARGETS
        .iter()
        .filter_map(|(name, _)| name.strip_suffix(".toml"))
        .collect();
    bail!(
        "no target \"{arg}\"; built-in targets are {}, or give the path of a target TOML file",
        known.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::FrameworkSet;
    use crate::model::Severity;

    fn messages(src: &str) -> Vec<String> {
        let set = FrameworkSet::builtin().unwrap();
        let problems = match parse_target(src, "t.toml", &[&set.primary]) {
            Ok((_, warnings)) => warnings,
            Err(e) => e.problems,
        };
        problems
            .iter()
            .map(|p| {
                let sev = if p.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                format!(
                    "{sev} {}: {}",
                    p.location
                        .as_ref()
                        .map(|l| l.to_string())
                        .unwrap_or_default(),
                    p.detail().unwrap_or_default()
                )
            })
            .collect()
    }

    const HEAD: &str = "[target]\nid = \"t\"\nframework = \"ai-skills-3-levels\"\n";

    #[test]
    fn keeps_the_highest_depth_asked_of_a_competency() {
        let src = format!(
            "{HEAD}[[requirements]]\nlevel = 0\ndepth = \"I\"\n[[requirements]]\ncompetencies = [\"L0.ETH.2\"]\ndepth = \"R\"\n"
        );
        let set = FrameworkSet::builtin().unwrap();
        let (t, warnings) = parse_target(&src, "t.toml", &[&set.primary]).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(t.required.len(), 13);
        let eth2 = t
            .required
            .iter()
            .find(|r| r.competency.as_str() == "L0.ETH.2")
            .unwrap();
        assert_eq!(eth2.depth, Depth::Reinforced);
        assert_eq!(t.required[0].competency.as_str(), "L0.FND.1");
        assert_eq!(t.required[0].depth, Depth::Introduced);
    }

    #[test]
    fn selects_a_domain() {
        let src = format!("{HEAD}[[requirements]]\ndomain = \"generative-ai\"\ndepth = \"M\"\n");
        let set = FrameworkSet::builtin().unwrap();
        let (t, _) = parse_target(&src, "t.toml", &[&set.primary]).unwrap();
        let ids: Vec<&str> = t.required.iter().map(|r| r.competency.as_str()).collect();
        assert_eq!(ids, ["L0.GEN.1", "L0.GEN.2"]);
    }

    #[test]
    fn reports_unknown_level_domain_competency_and_bad_depth_with_their_lines() {
        let src = format!(
            "{HEAD}[[requirements]]\nlevel = 5\ndepth = \"I\"\n\
             [[requirements]]\ndomain = \"robots\"\ndepth = \"I\"\n\
             [[requirements]]\ncompetencies = [\"l0.fnd.1\"]\ndepth = \"I\"\n\
             [[requirements]]\nlevel = 0\ndepth = \"Z\"\n"
        );
        assert_eq!(
            messages(&src),
            [
                "error t.toml line 5, key `requirements.level`: requirement 1 names level 5, which the framework \"ai-skills-3-levels\" does not define (levels: 0, 1, 2)",
                "error t.toml line 8, key `requirements.domain`: requirement 2 names domain \"robots\", which the framework \"ai-skills-3-levels\" does not define",
                "error t.toml line 11, key `requirements.competencies`: requirement 3 names competency \"l0.fnd.1\", which the framework \"ai-skills-3-levels\" does not define; did you mean \"L0.FND.1\"?",
                "error t.toml line 15, key `requirements.depth`: requirement 4 has depth \"Z\"; expected I, R or M (also I/D/M, 1-3, introduced/reinforced/mastered, sensibilisation/approfondissement/maîtrise)",
            ]
        );
    }

    #[test]
    fn rejects_a_requirement_with_no_or_two_selectors() {
        let src = format!(
            "{HEAD}[[requirements]]\ndepth = \"I\"\n[[requirements]]\nlevel = 0\ndomain = \"ethics-law\"\ndepth = \"I\"\n"
        );
        assert_eq!(
            messages(&src),
            [
                "error t.toml line 4, key `requirements`: requirement 1 selects nothing; give one of `level`, `domain` or `competencies`",
                "error t.toml line 6, key `requirements`: requirement 2 has more than one of `level`, `domain` and `competencies`; write one [[requirements]] table for each",
            ]
        );
    }

    #[test]
    fn warns_when_a_prerequisite_is_not_required() {
        let src = format!("{HEAD}[[requirements]]\ncompetencies = [\"L0.FND.2\"]\ndepth = \"I\"\n");
        assert_eq!(
            messages(&src),
            [
                "warning t.toml line 4, key `requirements`: target \"t\" requires L0.FND.2 but not its prerequisite L0.FND.1"
            ]
        );
    }

    #[test]
    fn rejects_a_target_for_a_framework_not_loaded() {
        let src = "[target]\nid = \"t\"\nframework = \"other\"\n[[requirements]]\nlevel = 0\ndepth = \"I\"\n";
        assert_eq!(
            messages(src),
            [
                "error t.toml line 3, key `target.framework`: target \"t\" is for the framework \"other\", which is not loaded (loaded: ai-skills-3-levels)"
            ]
        );
    }

    #[test]
    fn every_shipped_target_loads_without_warnings_and_is_named_after_its_file() {
        let set = FrameworkSet::builtin().unwrap();
        for (name, src) in BUILTIN_TARGETS {
            let (t, warnings) =
                parse_target(src, name, &[&set.primary]).unwrap_or_else(|e| panic!("{e}"));
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            assert_eq!(Some(t.id.as_str()), name.strip_suffix(".toml"));
            assert!(!t.required.is_empty(), "{name}");
        }
        assert_eq!(
            builtin_targets(&set.primary).unwrap().len(),
            BUILTIN_TARGETS.len()
        );
    }
}
