//! Framework TOML → validated [`Framework`]. Every problem is located by
//! file, line and key, and all of them are reported at once.

use super::{
    Competency, Domain, Framework, Lang, Level, Localized, MapsTo, Reference, SourceRef, Term,
    Terms,
};
use crate::cycles::find_cycles;
use crate::model::{CompetencyId, Depth, Finding, FindingCode, Severity, SourceLocation};
use crate::text::normalize::{Normalized, normalize_into};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    framework: RawMeta,
    #[serde(default)]
    references: BTreeMap<String, Reference>,
    #[serde(default)]
    levels: Vec<RawLevel>,
    #[serde(default)]
    domains: Vec<RawDomain>,
    #[serde(default)]
    competencies: Vec<RawCompetency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    version: String,
    #[serde(default)]
    title: Localized,
    #[serde(default)]
    description: Localized,
    #[serde(default)]
    crosswalk_to: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    number: Spanned<u8>,
    key: String,
    #[serde(default)]
    title: Localized,
    #[serde(default)]
    description: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    id: Spanned<String>,
    #[serde(default)]
    level: Option<u8>,
    #[serde(default)]
    title: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetency {
    id: Spanned<String>,
    #[serde(default)]
    level: Option<Spanned<u8>>,
    #[serde(default)]
    domain: Option<Spanned<String>>,
    #[serde(default)]
    title: Option<Spanned<Localized>>,
    #[serde(default)]
    description: Localized,
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    terms: RawTerms,
    #[serde(default)]
    exclude: Terms,
    #[serde(default)]
    concepts: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
    #[serde(default)]
    maps_to: Vec<Spanned<RawMapsTo>>,
}

/// Detection terms with their place in the file, so a bad term is located
/// on its own line.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTerms {
    #[serde(default)]
    en: Vec<Spanned<Term>>,
    #[serde(default)]
    fr: Vec<Spanned<Term>>,
}

impl RawTerms {
    fn plain(&self) -> Terms {
        let terms = |v: &[Spanned<Term>]| v.iter().map(|t| t.get_ref().clone()).collect();
        Terms {
            en: terms(&self.en),
            fr: terms(&self.fr),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    #[serde(rename = "ref")]
    pub(super) reference: String,
    #[serde(default)]
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) uri: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapsTo {
    id: String,
    #[serde(default)]
    depth: Option<String>,
}

/// A framework or target file that cannot be used, with every problem
/// found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkError {
    /// What the file is: `framework` or `target`.
    pub what: &'static str,
    pub origin: String,
    pub problems: Vec<Finding>,
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<&Finding> = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        write!(f, "invalid {} `{}`", self.what, self.origin)?;
        match errors.as_slice() {
            [one] => write!(f, ": {}", located(one)),
            many => {
                write!(f, " ({} problems)", many.len())?;
                for p in many {
                    write!(f, "\n  {}", located(p))?;
                }
                Ok(())
            }
        }
    }
}

fn located(p: &Finding) -> String {
    match &p.location {
        Some(loc) => format!("{loc}: {}", p.detail().unwrap_or_default()),
        None => p.detail().unwrap_or_default().to_owned(),
    }
}

impl std::error::Error for FrameworkError {}

/// Collects located problems while validating one file.
pub(super) struct Checker<'a> {
    pub(super) origin: &'a str,
    pub(super) problems: Vec<Finding>,
    /// Byte offset of each line break, to turn a span into its line in
    /// O(log n): counting from the start each time made validating a file
    /// quadratic in its number of competencies.
    breaks: Vec<usize>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(origin: &'a str, src: &'a str) -> Self {
        Checker {
            origin,
            problems: Vec::new(),
            breaks: line_breaks(src),
        }
    }

    pub(super) fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The 1-based line of byte `offset`.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.breaks.partition_point(|&b| b < offset) + 1
    }

    pub(super) fn location(&self, span: std::ops::Range<usize>, key: &str) -> SourceLocation {
        SourceLocation::file(self.origin)
            .at_line(self.line(span.start))
            .at_key(key)
    }

    pub(super) fn error(&mut self, span: std::ops::Range<usize>, key: &str, message: String) {
        let loc = self.location(span, key);
        self.problems
            .push(Finding::new(FindingCode::FrameworkError, message).at(loc));
    }

    pub(super) fn warn(&mut self, span: std::ops::Range<usize>, key: &str, message: String) {
        let loc = self.location(span, key);
        self.problems
            .push(Finding::new(FindingCode::FrameworkWarning, message).at(loc));
    }
}

/// Byte offsets of the line breaks of `src`.
fn line_breaks(src: &str) -> Vec<usize> {
    memchr::memchr_iter(b'\n', src.as_bytes()).collect()
}

/// Characters that separate ids in a curriculum's `competencies` cell, and
/// so cannot appear inside an id.
const ID_SEPARATORS: &[char] = &[';', ',', '|'];

/// Parses and validates one framework file. On success returns the framework
/// and its warnings; on failure every error and warning found.
pub fn parse_framework(
    src: &str,
    origin: &str,
) -> Result<(Framework, Vec<Finding>), FrameworkError> {
    let raw: RawFile = parse_toml(src, origin, "framework")?;
    let mut ck = Checker::new(origin, src);
    let framework = validate(raw, &mut ck);
    if ck.has_errors() {
        Err(FrameworkError {
            what: "framework",
            origin: origin.to_owned(),
            problems: ck.problems,
        })
    } else {
        Ok((framework, ck.problems))
    }
}

/// Deserialises a TOML file, turning a syntax error or an unknown key into
/// a located problem.
pub(super) fn parse_toml<T: serde::de::DeserializeOwned>(
    src: &str,
    origin: &str,
    what: &'static str,
) -> Result<T, FrameworkError> {
    toml::from_str(src).map_err(|e| {
        let mut loc = SourceLocation::file(origin);
        if let Some(span) = e.span() {
            let breaks = line_breaks(src);
            loc = loc.at_line(breaks.partition_point(|&b| b < span.start) + 1);
        }
        FrameworkError {
            what,
            origin: origin.to_owned(),
            problems: vec![
                Finding::new(FindingCode::FrameworkError, e.message().trim().to_owned()).at(loc),
            ],
        }
    })
}

/// Checks a crosswalk framework against the framework it rolls up onto,
/// chosen among `loaded` by its `crosswalk_to`: that framework must be
/// loaded, every `maps_to` target must exist there, and no id may be defined
/// by both. `crosswalk` is what `parse_framework` made of `src`; problems
/// are located at the offending key.
pub(super) fn check_crosswalk(
    crosswalk: &Framework,
    src: &str,
    origin: &str,
    loaded: &[&Framework],
) -> Vec<Finding> {
    // The file is read again for the places of its keys only when there is
    // a problem to locate.
    let fits = |onto: &Framework| {
        crosswalk.competencies.iter().all(|c| {
            onto.competency(&c.id).is_none()
                && c.maps_to
                    .iter()
                    .all(|m| onto.competency(&m.target).is_some())
        })
    };
    let wanted = crosswalk.crosswalk_to.as_deref().unwrap_or_default();
    if loaded
        .iter()
        .find(|f| f.id == wanted)
        .is_some_and(|f| fits(f))
    {
        return Vec::new();
    }
    // A file that does not parse was already reported by `parse_framework`.
    let Ok(raw) = toml::from_str::<RawFile>(src) else {
        return Vec::new();
    };
    let Some(onto_id) = &raw.framework.crosswalk_to else {
        return Vec::new();
    };
    let mut ck = Checker::new(origin, src);
    let wanted = onto_id.get_ref().trim();
    let Some(onto) = loaded.iter().find(|f| f.id == wanted) else {
        let ids: Vec<&str> = loaded.iter().map(|f| f.id.as_str()).collect();
        ck.error(
            onto_id.span(),
            "framework.crosswalk_to",
            format!(
                "crosswalk_to names \"{wanted}\", which is not loaded (loaded: {}); check the crosswalk together with the file of that framework",
                ids.join(", ")
            ),
        );
        return ck.problems;
    };
    for c in &raw.competencies {
        let cid = c.id.get_ref().trim();
        if onto.competency(&CompetencyId::new(cid)).is_some() {
            ck.error(
                c.id.span(),
                "competencies.id",
                format!(
                    "competency id \"{cid}\" is also defined by the framework \"{}\"; ids must be unique across frameworks",
                    onto.id
                ),
            );
        }
        for m in &c.maps_to {
            let target = m.get_ref().id.trim();
            if onto.competency(&CompetencyId::new(target)).is_none() {
                ck.error(
                    m.span(),
                    "competencies.maps_to",
                    format!(
                        "competency \"{cid}\" maps to \"{target}\", which the framework \"{}\" does not define{}",
                        onto.id,
                        did_you_mean(target, onto)
                    ),
                );
            }
        }
    }
    ck.problems
}

/// Every concept bound by a competency of framework file `src` (one
/// `parse_framework` accepted): the competency's id, the concept and where
/// it is written.
pub(super) fn concept_bindings(src: &str) -> Vec<(String, String, std::ops::Range<usize>)> {
    let Ok(raw) = toml::from_str::<RawFile>(src) else {
        return Vec::new();
    };
    raw.competencies
        .iter()
        .flat_map(|c| {
            let cid = c.id.get_ref().trim();
            c.concepts
                .iter()
                .map(move |k| (cid.to_owned(), k.get_ref().trim().to_owned(), k.span()))
        })
        .collect()
}

/// `; did you mean "L0.FND.1"?` when an unknown id differs from a known one
/// only in case or punctuation, else nothing.
pub(super) fn did_you_mean(id: &str, framework: &Framework) -> String {
    framework
        .competency_by_key(id)
        .map(|c| format!("; did you mean \"{}\"?", c.id))
        .unwrap_or_default()
}

fn validate(raw: RawFile, ck: &mut Checker<'_>) -> Framework {
    let crosswalk = raw.framework.crosswalk_to.is_some();
    let id = raw.framework.id.get_ref().trim().to_owned();
    if id.is_empty() || id.contains(char::is_whitespace) {
        ck.error(
            raw.framework.id.span(),
            "framework.id",
            format!("framework id \"{id}\" must be non-empty and contain no spaces"),
        );
    }

    // Levels.
    let mut levels: Vec<Level> = Vec::new();
    for l in &raw.levels {
        let number = *l.number.get_ref();
        if levels.iter().any(|x| x.number == number) {
            ck.error(
                l.number.span(),
                "levels.number",
                format!("level {number} is defined twice"),
            );
            continue;
        }
        levels.push(Level {
            number,
            key: l.key.clone(),
            title: l.title.clone(),
            description: l.description.clone(),
        });
    }
    levels.sort_by_key(|l| l.number);
    if crosswalk && !levels.is_empty() {
        ck.error(
            raw.levels[0].number.span(),
            "levels",
            "a crosswalk framework (with `crosswalk_to`) takes its levels from the framework it maps to and cannot define levels".into(),
        );
    }
    if !crosswalk && levels.is_empty() {
        ck.error(
            raw.framework.id.span(),
            "levels",
            "the framework defines no [[levels]]; a framework needs levels, or `crosswalk_to` naming the framework it rolls up onto".into(),
        );
    }

    // Domains.
    let mut domains: Vec<Domain> = Vec::new();
    let mut domain_ids: BTreeSet<String> = BTreeSet::new();
    for d in &raw.domains {
        let did = d.id.get_ref().trim().to_owned();
        if !domain_ids.insert(did.clone()) {
            ck.error(
                d.id.span(),
                "domains.id",
                format!("domain \"{did}\" is defined twice"),
            );
            continue;
        }
        if let Some(level) = d.level
            && !crosswalk
            && !levels.iter().any(|l| l.number == level)
        {
            ck.error(
                d.id.span(),
                "domains.level",
                format!(
                    "domain \"{did}\" is in level {level}, which the framework does not define"
                ),
            );
        }
        domains.push(Domain {
            id: did,
            level: d.level,
            title: d.title.clone(),
        });
    }

    // Competencies: first pass for ids, so later checks can refer to any of them.
    let mut first_line: HashMap<&str, usize> = HashMap::with_capacity(raw.competencies.len());
    let mut competencies: Vec<Competency> = Vec::with_capacity(raw.competencies.len());
    for c in &raw.competencies {
        let cid = c.id.get_ref().trim();
        let key = "competencies.id";
        if cid.is_empty() || cid.contains(char::is_whitespace) || cid.contains(ID_SEPARATORS) {
            ck.error(
                c.id.span(),
                key,
                format!(
                    "competency id \"{cid}\" must be non-empty, without spaces, `;`, `,` or `|`"
                ),
            );
            continue;
        }
        let here = ck.line(c.id.span().start);
        if let Some(line) = first_line.get(cid) {
            ck.error(
                c.id.span(),
                key,
                format!("duplicate competency id \"{cid}\" (first defined on line {line})"),
            );
            continue;
        }
        first_line.insert(cid, here);
        competencies.push(check_competency(
            c,
            cid.to_owned(),
            crosswalk,
            &levels,
            &domain_ids,
            &raw.references,
            ck,
        ));
    }

    // Prerequisites must exist, stay within the framework, and form a DAG.
    let level_of: HashMap<&str, Option<u8>> = competencies
        .iter()
        .map(|c| (c.id.as_str(), c.level))
        .collect();
    let mut edges: Vec<(&str, &str)> = Vec::new();
    for c in &raw.competencies {
        let cid = c.id.get_ref().trim();
        for r in &c.requires {
            let rid = r.get_ref().trim();
            if !first_line.contains_key(rid) {
                ck.error(
                    r.span(),
                    "competencies.requires",
                    format!("competency \"{cid}\" requires \"{rid}\", which the framework does not define"),
                );
                continue;
            }
            if let (Some(Some(mine)), Some(Some(theirs))) = (level_of.get(cid), level_of.get(rid))
                && theirs > mine
            {
                ck.warn(
                    r.span(),
                    "competencies.requires",
                    format!("competency \"{cid}\" (level {mine}) requires \"{rid}\" at a higher level ({theirs}); prerequisites usually climb the levels"),
                );
            }
            edges.push((cid, rid));
        }
    }
    let cycles = find_cycles(&edges);
    // The first competency of each id, to locate a cycle.
    let raw_of: HashMap<&str, &RawCompetency> = if cycles.is_empty() {
        HashMap::new()
    } else {
        raw.competencies
            .iter()
            .rev()
            .map(|c| (c.id.get_ref().trim(), c))
            .collect()
    };
    for cycle in cycles {
        let Some(first) = cycle.first() else { continue };
        // Located at the first member's `requires` entry naming the next one.
        let next = cycle.get(1).unwrap_or(first);
        let span = raw_of
            .get(first)
            .map(|c| {
                c.requires
                    .iter()
                    .find(|r| r.get_ref().trim() == *next)
                    .map_or(c.id.span(), |r| r.span())
            })
            .unwrap_or(0..0);
        let mut path = cycle.clone();
        path.push(first);
        ck.error(
            span,
            "competencies.requires",
            format!(
                "prerequisite cycle: {} (each competency requires the next)",
                path.join(" → ")
            ),
        );
    }

    Framework {
        id,
        version: raw.framework.version,
        title: raw.framework.title,
        description: raw.framework.description,
        crosswalk_to: raw
            .framework
            .crosswalk_to
            .map(|c| c.into_inner().trim().to_owned()),
        levels,
        domains,
        index: super::Index::new(&competencies),
        competencies,
        references: raw.references,
        origin: ck.origin.to_owned(),
    }
}

fn check_competency(
    c: &RawCompetency,
    cid: String,
    crosswalk: bool,
    levels: &[Level],
    domains: &BTreeSet<String>,
    references: &BTreeMap<String, Reference>,
    ck: &mut Checker<'_>,
) -> Competency {
    let span = c.id.span();
    let level = c.level.as_ref().map(|l| *l.get_ref());
    match (&c.level, crosswalk) {
        (Some(l), false) if !levels.iter().any(|x| x.number == *l.get_ref()) => ck.error(
            l.span(),
            "competencies.level",
            format!(
                "competency \"{cid}\" is in level {}, which the framework does not define (levels: {})",
                l.get_ref(),
                levels.iter().map(|x| x.number.to_string()).collect::<Vec<_>>().join(", ")
            ),
        ),
        (None, false) => ck.error(
            span.clone(),
            "competencies.level",
            format!("competency \"{cid}\" has no `level`"),
        ),
        (Some(l), true) => ck.error(
            l.span(),
            "competencies.level",
            format!("competency \"{cid}\" of a crosswalk framework cannot have a level; it takes the levels of its `maps_to` targets"),
        ),
        _ => {}
    }
    if let Some(d) = &c.domain
        && !domains.contains(d.get_ref())
    {
        ck.error(
            d.span(),
            "competencies.domain",
            format!(
                "competency \"{cid}\" is in domain \"{}\", which the framework does not define",
                d.get_ref()
            ),
        );
    }
    let title = c
        .title
        .as_ref()
        .map(|t| t.get_ref().clone())
        .unwrap_or_default();
    let title_span = c.title.as_ref().map_or(span.clone(), |t| t.span());
    for (lang, name) in [(Lang::En, "English"), (Lang::Fr, "French")] {
        let present = match lang {
            Lang::En => title.en.as_deref(),
            Lang::Fr => title.fr.as_deref(),
        }
        .is_some_and(|t| !t.trim().is_empty());
        if !present {
            ck.warn(
                title_span.clone(),
                "competencies.title",
                format!("competency \"{cid}\" has no {name} title"),
            );
        }
    }
    // Compared as the classifier reads them (hyphens split, plurals
    // stemmed, both languages at once): an exclusion that matches wherever
    // the term matches rejects every match of the term.
    let mut norm = Normalized::default();
    let mut read = |t: &str| {
        normalize_into(t, &mut norm);
        (!norm.words.is_empty()).then(|| norm.as_str().to_owned())
    };
    let excluded: Vec<(String, &str)> = c
        .exclude
        .iter()
        .filter_map(|(_, x)| Some((read(x)?, x)))
        .collect();
    for (_, x) in c.exclude.iter() {
        if read(x).is_none() {
            ck.error(
                span.clone(),
                "competencies.exclude",
                format!(
                    "competency \"{cid}\" excludes \"{x}\", which has no letter or digit, so it can never match"
                ),
            );
        }
    }
    for term in c.terms.en.iter().chain(&c.terms.fr) {
        let Some(read_term) = read(&term.get_ref().text) else {
            continue;
        };
        let message = if excluded.iter().any(|(x, _)| *x == read_term) {
            format!(
                "competency \"{cid}\" lists \"{}\" both in `terms` and in `exclude`",
                term.get_ref().text
            )
        } else if let Some((_, x)) = excluded
            .iter()
            .find(|(x, _)| read_term.contains(x.as_str()))
        {
            format!(
                "competency \"{cid}\" excludes \"{x}\", which every match of its term \"{}\" contains: the term can never count",
                term.get_ref().text
            )
        } else {
            continue;
        };
        ck.error(term.span(), "competencies.terms", message);
    }
    let mut concepts: Vec<String> = Vec::new();
    for k in &c.concepts {
        let id = k.get_ref().trim();
        if id.is_empty() || concepts.iter().any(|x| x == id) {
            ck.error(
                k.span(),
                "competencies.concepts",
                format!("competency \"{cid}\" binds the concept \"{id}\" twice, or an empty one"),
            );
            continue;
        }
        concepts.push(id.to_owned());
    }
    let mut sources = Vec::new();
    for s in &c.sources {
        let raw = s.get_ref();
        if !references.contains_key(&raw.reference) {
            ck.error(
                s.span(),
                "competencies.sources",
                format!(
                    "competency \"{cid}\" cites \"{}\", which is not in [references]",
                    raw.reference
                ),
            );
        }
        sources.push(SourceRef {
            reference: raw.reference.clone(),
            note: raw.note.clone(),
            uri: raw.uri.clone(),
        });
    }
    if !c.maps_to.is_empty() && !crosswalk {
        ck.error(
            c.maps_to[0].span(),
            "competencies.maps_to",
            format!("competency \"{cid}\" has `maps_to`, but only a crosswalk framework (with `crosswalk_to`) can map onto another"),
        );
    }
    let mut maps_to = Vec::new();
    for m in &c.maps_to {
        let raw = m.get_ref();
        let depth = match raw.depth.as_deref().map(str::parse::<Depth>) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(())) => {
                ck.error(
                    m.span(),
                    "competencies.maps_to.depth",
                    format!(
                        "competency \"{cid}\" maps to \"{}\" with depth \"{}\"; expected {}",
                        raw.id,
                        raw.depth.as_deref().unwrap_or_default(),
                        crate::model::DEPTH_SPELLINGS
                    ),
                );
                None
            }
        };
        maps_to.push(MapsTo {
            target: CompetencyId::new(raw.id.trim()),
            depth,
        });
    }
    Competency {
        id: CompetencyId::new(cid),
        level,
        domain: c.domain.as_ref().map(|d| d.get_ref().clone()),
        title,
        description: c.description.clone(),
        requires: c
            .requires
            .iter()
            .map(|r| CompetencyId::new(r.get_ref().trim()))
            .collect(),
        terms: c.terms.plain(),
        exclude: c.exclude.clone(),
        concepts,
        sources,
        maps_to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"
[framework]
id = "t"
version = "1"

[[levels]]
number = 0
key = "literacy"
title = { en = "Literacy", fr = "Littératie" }

[[levels]]
number = 1
key = "software-data"
title = { en = "Software", fr = "Logiciel" }
"#;

    fn comp(id: &str, level: u8, requires: &[&str]) -> String {
        let req: Vec<String> = requires.iter().map(|r| format!("\"{r}\"")).collect();
        format!(
            "\n[[competencies]]\nid = \"{id}\"\nlevel = {level}\ntitle = {{ en = \"{id}\", fr = \"{id}\" }}\nrequires = [{}]\n",
            req.join(", ")
        )
    }

    fn errors(src: &str) -> Vec<String> {
        match parse_framework(src, "t.toml") {
            Ok(_) => Vec::new(),
            Err(e) => e
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(|p| {
                    format!(
                        "{}: {}",
                        p.location
                            .as_ref()
                            .map(|l| l.to_string())
                            .unwrap_or_default(),
                        p.detail().unwrap_or_default()
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn accepts_a_valid_framework() {
        let src = format!("{HEAD}{}{}", comp("A", 0, &[]), comp("B", 1, &["A"]));
        let (fw, warnings) = parse_framework(&src, "t.toml").unwrap();
        assert_eq!(fw.competencies.len(), 2);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn rejects_duplicate_ids_with_both_lines() {
        let src = format!("{HEAD}{}{}", comp("A", 0, &[]), comp("A", 1, &[]));
        assert_eq!(
            errors(&src),
            [
                "t.toml line 23, key `competencies.id`: duplicate competency id \"A\" (first defined on line 17)"
            ]
        );
    }

    #[test]
    fn rejects_unknown_prerequisite() {
        let src = format!("{HEAD}{}", comp("A", 0, &["Z"]));
        assert_eq!(
            errors(&src),
            [
                "t.toml line 20, key `competencies.requires`: competency \"A\" requires \"Z\", which the framework does not define"
            ]
        );
    }

    #[test]
    fn prints_the_prerequisite_cycle() {
        let src = format!(
            "{HEAD}{}{}{}",
            comp("A", 0, &["C"]),
            comp("B", 0, &["A"]),
            comp("C", 0, &["B"])
        );
        assert_eq!(
            errors(&src),
            [
                "t.toml line 20, key `competencies.requires`: prerequisite cycle: A → C → B → A (each competency requires the next)"
            ]
        );
    }

    #[test]
    fn rejects_a_competency_in_an_unknown_level() {
        let src = format!("{HEAD}{}", comp("A", 7, &[]));
        assert_eq!(
            errors(&src),
            [
                "t.toml line 18, key `competencies.level`: competency \"A\" is in level 7, which the framework does not define (levels: 0, 1)"
            ]
        );
    }

    #[test]
    fn warns_when_a_prerequisite_is_at_a_higher_level() {
        let src = format!("{HEAD}{}{}", comp("A", 1, &[]), comp("B", 0, &["A"]));
        let (_, warnings) = parse_framework(&src, "t.toml").unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .detail()
                .unwrap_or_default()
                .contains("at a higher level"),
            "{warnings:?}"
        );
    }

    #[test]
    fn reports_toml_syntax_errors_with_their_line() {
        let src = format!("{HEAD}\n[[competencies]\nid = 1\n");
        let e = errors(&src);
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("t.toml line 16"), "{e:?}");
    }

    fn with_terms(terms: &str, exclude: &str) -> String {
        format!(
            "{HEAD}{}terms = {{ en = [{terms}] }}\nexclude = {{ fr = [{exclude}] }}\n",
            comp("A", 0, &[])
        )
    }

    #[test]
    fn rejects_a_term_the_classifier_reads_like_an_exclusion() {
        let both = |term: &str| {
            format!(
                "t.toml line 21, key `competencies.terms`: competency \"A\" lists \"{term}\" both in `terms` and in `exclude`"
            )
        };
        assert_eq!(
            errors(&with_terms(
                r#""machine-learning""#,
                r#""machine learning""#
            )),
            [both("machine-learning")]
        );
        assert_eq!(
            errors(&with_terms(r#""models""#, r#""Modèle""#)),
            [both("models")]
        );
        assert_eq!(
            errors(&with_terms(r#""deep learning""#, r#""learning""#)),
            [
                "t.toml line 21, key `competencies.terms`: competency \"A\" excludes \"learning\", which every match of its term \"deep learning\" contains: the term can never count"
            ]
        );
        // An exclusion longer than the term, or a word of it only as a
        // part of a word, leaves the term matches to count.
        assert!(errors(&with_terms(r#""learning""#, r#""deep learning""#)).is_empty());
        assert!(errors(&with_terms(r#""learning""#, r#""learn""#)).is_empty());
    }

    #[test]
    fn rejects_an_exclusion_that_can_never_match() {
        let e = errors(&with_terms(r#""learning""#, r#""-""#));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("key `competencies.exclude`: competency \"A\" excludes \"-\", which has no letter or digit, so it can never match"),
            "{e:?}"
        );
    }

    #[test]
    fn rejects_unknown_keys() {
        let src = format!("{HEAD}{}levle = 2\n", comp("A", 0, &[]));
        let e = errors(&src);
        assert!(e[0].contains("unknown field `levle`"), "{e:?}");
    }
}
