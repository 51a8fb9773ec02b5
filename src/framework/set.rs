use super::fitted::{Fitted, is_fitted, parse_fitted};
use super::knowledge::{BUILTIN_LEXICON, Lexicon, check_bindings, is_lexicon, parse_lexicon};
use super::load::check_crosswalk;
use super::rules::{Rules, is_rules, parse_rules};
use super::{BUILTIN, Competency, Framework, FrameworkError, parse_framework};
use crate::model::{CompetencyId, Finding};
use anyhow::{Result, bail};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The frameworks a run works with: one primary framework with levels (the
/// three-level AI-skills classification unless the user gives another) and
/// the crosswalk frameworks that roll up onto it.
#[derive(Debug, Clone)]
pub struct FrameworkSet {
    pub primary: Framework,
    /// Sorted by id.
    pub crosswalks: Vec<Framework>,
    /// The classifier's lexicon: the built-in one unless the user gives one.
    pub lexicon: Lexicon,
    /// The classifier's rule table, checked against the lexicon.
    pub rules: Rules,
    /// The classifier's fitted weights: the built-in ones unless the user
    /// gives a model file; `None` to classify by the rules alone.
    pub fitted: Option<Fitted>,
}

/// A competency found in a set, with the framework that defines it.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub framework: &'a Framework,
    pub competency: &'a Competency,
}

impl FrameworkSet {
    /// Competencies per level of the primary framework; a crosswalk item
    /// counts at the level of each competency it maps onto (so at several
    /// levels, or none when it is outside the AI scope). Returns the counts
    /// and the number of items at no level.
    pub fn level_counts(&self, fw: &Framework) -> (BTreeMap<u8, usize>, usize) {
        let mut counts = BTreeMap::<u8, usize>::new();
        let mut nowhere = 0;
        for c in &fw.competencies {
            let levels: BTreeSet<u8> = match c.level {
                Some(l) => BTreeSet::from([l]),
                None => c
                    .maps_to
                    .iter()
                    .filter_map(|m| self.primary.competency(&m.target).and_then(|t| t.level))
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

    /// The frameworks shipped inside the binary.
    pub fn builtin() -> Result<Self> {
        Self::assemble(parse_builtin()?, builtin_lexicon()?, &[])
    }

    /// The built-in frameworks, with the user's files added: a file with
    /// levels replaces the primary framework, a crosswalk file is added (or
    /// replaces the built-in crosswalk with the same id). Returns warnings.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<(Self, Vec<Finding>)> {
        let mut sources = Vec::with_capacity(paths.len());
        for path in paths {
            let path = path.as_ref();
            let src = crate::import::limits::read_framework_input(path, "framework")?;
            sources.push((path.display().to_string(), src));
        }
        Self::from_sources(&sources)
    }

    /// [`FrameworkSet::load`] on files already read: `(origin, text)` in
    /// the order given. The one way a set is loaded from the user's files,
    /// which `aimap frameworks check` takes too.
    pub fn from_sources(sources: &[(String, String)]) -> Result<(Self, Vec<Finding>)> {
        Self::from_parsed(sources, &[])
    }

    /// [`FrameworkSet::from_sources`], taking `parsed[k]`, when it is
    /// there, as what [`parse_framework`] makes of source `k` (so that
    /// `frameworks check` does not parse a large framework twice).
    pub(super) fn from_parsed(
        sources: &[(String, String)],
        parsed: &[Option<&Framework>],
    ) -> Result<(Self, Vec<Finding>)> {
        let mut warnings = Vec::new();
        let mut user: Vec<(Framework, String)> = Vec::new();
        let mut lexicon: Option<(Lexicon, String)> = None;
        let mut fitted: Option<(Fitted, &str)> = None;
        let mut rules_src: Option<(&str, &str)> = None;
        let mut primary_origin: Option<&str> = None;
        for (k, (origin, src)) in sources.iter().enumerate() {
            let origin = origin.as_str();
            if is_rules(src) {
                if let Some((_, first)) = rules_src {
                    bail!(
                        "more than one rule table was given with --framework (`{first}` and `{origin}`); give one"
                    );
                }
                rules_src = Some((src, origin));
                continue;
            }
            if is_fitted(src) {
                if let Some((_, first)) = fitted {
                    bail!(
                        "more than one model was given with --framework (`{first}` and `{origin}`); give one"
                    );
                }
                let (m, w) = parse_fitted(src, origin)?;
                warnings.extend(w);
                fitted = Some((m, origin));
                continue;
            }
            if is_lexicon(src) {
                if let Some((first, _)) = &lexicon {
                    bail!(
                        "more than one lexicon was given with --framework (`{}` and `{origin}`); give one",
                        first.origin
                    );
                }
                let (lex, w) = parse_lexicon(src, origin)?;
                warnings.extend(w);
                lexicon = Some((lex, src.clone()));
                continue;
            }
            let fw = match parsed.get(k).copied().flatten() {
                Some(fw) => fw.clone(),
                None => {
                    let (fw, w) = parse_framework(src, origin)?;
                    warnings.extend(w);
                    fw
                }
            };
            if !fw.is_crosswalk() {
                if let Some(first) = primary_origin {
                    bail!(
                        "more than one framework with levels was given with --framework (`{first}` and `{origin}`); give one, plus any crosswalk frameworks"
                    );
                }
                primary_origin = Some(origin);
            }
            user.push((fw, src.clone()));
        }
        let lexicon = match lexicon {
            Some((lex, src)) => LexiconSource {
                lexicon: lex,
                src,
                user: true,
            },
            None => builtin_lexicon()?,
        };
        let user_origins: Vec<String> = user.iter().map(|(f, _)| f.origin.clone()).collect();
        let mut all: Vec<(Framework, String)> = parse_builtin()?
            .into_iter()
            .filter(|(b, _)| {
                !user
                    .iter()
                    .any(|(u, _)| u.id == b.id || (!u.is_crosswalk() && !b.is_crosswalk()))
            })
            .collect();
        all.extend(user);
        let mut set = Self::assemble(all, lexicon, &user_origins)?;
        if let Some((src, origin)) = rules_src {
            let (rules, w) = parse_rules(src, origin, &set.lexicon)?;
            warnings.extend(w);
            set.rules = rules;
        }
        if let Some((m, _)) = fitted {
            set.fitted = Some(m);
        }
        Ok((set, warnings))
    }

    /// Checks the frameworks fit together: one primary, crosswalks onto it
    /// with known targets, no id defined twice. Built-in crosswalks onto a
    /// primary the user replaced no longer apply and are dropped; a user's
    /// crosswalk onto another framework is an error.
    ///
    /// The lexicon's concepts must be the primary's: a competency binding an
    /// undeclared concept is an error, and so is a declared concept no
    /// competency binds, unless the user replaced the framework but kept
    /// the built-in lexicon (whose concepts their framework need not bind).
    fn assemble(
        frameworks: Vec<(Framework, String)>,
        lexicon: LexiconSource,
        user_origins: &[String],
    ) -> Result<Self> {
        let (primaries, crosswalk_files): (Vec<_>, Vec<_>) =
            frameworks.into_iter().partition(|(f, _)| !f.is_crosswalk());
        let Some((primary, primary_src)) = primaries.into_iter().next() else {
            bail!("no framework with levels was loaded");
        };
        let user_primary = user_origins.contains(&primary.origin);
        for e in check_bindings(&lexicon.lexicon, &lexicon.src, &primary, &primary_src) {
            let unbound_only = e.what == "lexicon";
            if unbound_only && user_primary && !lexicon.user {
                continue;
            }
            return Err(e.into());
        }
        let mut crosswalks: Vec<Framework> = Vec::new();
        for (fw, src) in crosswalk_files {
            let target = fw.crosswalk_to.clone().unwrap_or_default();
            if target != primary.id {
                if user_origins.contains(&fw.origin) {
                    bail!(
                        "crosswalk framework `{}` maps onto \"{target}\", but the framework in use is \"{}\"",
                        fw.origin,
                        primary.id
                    );
                }
                continue;
            }
            let problems = check_crosswalk(&fw, &src, &fw.origin, &[&primary]);
            if !problems.is_empty() {
                return Err(FrameworkError {
                    what: "framework",
                    origin: fw.origin.clone(),
                    problems,
                }
                .into());
            }
            crosswalks.push(fw);
        }
        crosswalks.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Self {
            primary,
            crosswalks,
            rules: Rules::builtin(&lexicon.lexicon)?,
            lexicon: lexicon.lexicon,
            fitted: Some(Fitted::builtin()?),
        })
    }

    /// Every framework, primary first.
    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        std::iter::once(&self.primary).chain(self.crosswalks.iter())
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks().find(|f| f.id == id)
    }

    /// Looks a competency id up in every framework of the set.
    pub fn find(&self, id: &CompetencyId) -> Option<Found<'_>> {
        self.frameworks().find_map(|framework| {
            framework.competency(id).map(|competency| Found {
                framework,
                competency,
            })
        })
    }
}

/// A lexicon with its source, and whether the user gave it.
struct LexiconSource {
    lexicon: Lexicon,
    src: String,
    user: bool,
}

fn builtin_lexicon() -> Result<LexiconSource> {
    let (name, src) = BUILTIN_LEXICON;
    let (lexicon, _) = parse_lexicon(src, &format!("built-in:{name}"))?;
    Ok(LexiconSource {
        lexicon,
        src: src.to_owned(),
        user: false,
    })
}

pub(super) fn parse_builtin() -> Result<Vec<(Framework, String)>> {
    BUILTIN
        .iter()
        .map(|(name, src)| {
            let (fw, _) = parse_framework(src, &format!("built-in:{name}"))?;
            Ok((fw, (*src).to_owned()))
        })
        .collect()
}
