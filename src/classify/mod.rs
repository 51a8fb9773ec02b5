//! Text → suggested mappings onto competencies, each with a score and the
//! evidence behind it (the words matched and the rule that accepted them),
//! and a depth (I/R/M) inferred from Bloom verbs. English and French.
//!
//! How it works, in one pass per statement:
//! 1. [`normalize`]: case, accents, ligatures, apostrophes and hyphens,
//!    simple plural stemming; words separated by single spaces.
//! 2. One Aho-Corasick automaton, built once, over every framework's `terms`
//!    and `exclude` phrases and the classifier's own [`lexicon`] (ambiguous
//!    tokens, context words, verbs). It reads word ids (`vocab`, looked up
//!    as each word is normalised), one step per word, so a match is always
//!    a run of whole words.
//! 3. Rules (`engine`): exclusions, context for ambiguous tokens, level 0
//!    only when AI is established, level 1 for hands-on software and data
//!    work, level 2 only with strong evidence (two distinct level-2 concepts,
//!    or one with a building verb that is not negated), depth from Bloom.
//!
//! Build a [`Classifier`] once per run; classify each statement with a
//! reused [`Scratch`]: no allocation per statement once the buffers have
//! grown. Never touches files.

pub mod apply;
mod automaton;
mod concepts;
mod engine;
pub mod eval;

use crate::framework::{Cue, FrameworkSet, TermFlag};
use crate::model::{CompetencyId, Depth};
use crate::text::normalize::{Normalized, normalize_into};
use crate::text::vocab;
use anyhow::{Context, Result, bail};
use concepts::{ALIAS_COUNT, Alias};
use std::collections::HashMap;

pub use engine::Scratch;

/// A competency suggestions can name: one of the primary framework's.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: CompetencyId,
    pub level: u8,
}

/// A framework term, as written, and the crosswalk item it came from when
/// it is not the primary framework's own.
#[derive(Debug, Clone)]
struct TermInfo {
    text: String,
    via: Option<CompetencyId>,
}

/// What one pattern of the automaton means (a pattern may mean several
/// things: a term of two competencies, a cue and an alias).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    /// A detection term of target `comp`; `term` indexes `Classifier::terms`.
    Term {
        comp: u16,
        term: u32,
    },
    /// An `exclude` phrase of target `comp`.
    Exclude {
        comp: u16,
    },
    Cue(Cue),
    Alias(Alias),
}

/// The classifier, built once from a framework set.
pub struct Classifier {
    /// Every word of every pattern, to its id.
    vocab: vocab::Vocab,
    /// Over word ids (see [`vocab`]), not letters: every overlapping
    /// match, one step per word.
    /// What each pattern means, reported with every match.
    automaton: automaton::WordAutomaton<engine::Hit>,
    patterns: usize,
    targets: Vec<Target>,
    terms: Vec<TermInfo>,
    /// Targets each alias resolves to.
    alias_targets: Vec<Vec<u16>>,
    /// The target of plain "artificial intelligence": the generic fallback.
    generic: Option<u16>,
    /// Whether each alias names a level-2 competency.
    alias_l2: Vec<bool>,
    /// What the evidence calls each alias: its concept's label.
    alias_labels: Vec<String>,
}

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Classifier")
            .field("patterns", &self.patterns)
            .field("words", &self.vocab.len())
            .field("automaton_bytes", &self.automaton.memory_usage())
            .field("targets", &self.targets.len())
            .finish()
    }
}

/// A suggested mapping of one statement onto one competency.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggested {
    pub competency: CompetencyId,
    pub level: u8,
    pub depth: Depth,
    /// Confidence in `0.0..=1.0`, rounded to two decimals.
    pub score: f32,
    /// The words matched and the rule that accepted them, in reading order.
    pub evidence: Vec<String>,
}

/// Everything the classifier says about one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// Highest level among the suggestions; `None` when nothing AI-related
    /// or software/data-related was found.
    pub level: Option<u8>,
    /// Depth inferred from Bloom verbs (Introduced when there is none).
    pub depth: Depth,
    /// Sorted by level, then competency id.
    pub suggestions: Vec<Suggested>,
}

fn pad(norm: &Normalized) -> Option<String> {
    (!norm.words.is_empty()).then(|| norm.as_str().to_owned())
}

impl Classifier {
    /// Builds the automaton over every framework's terms and exclusions and
    /// the built-in lexicon. Crosswalk terms count for the primary
    /// competencies they roll up onto.
    pub fn new(set: &FrameworkSet) -> Result<Self> {
        let mut targets = Vec::new();
        let mut index: HashMap<&CompetencyId, u16> = HashMap::new();
        for c in &set.primary.competencies {
            if let Some(level) = c.level {
                index.insert(&c.id, targets.len() as u16);
                targets.push(Target {
                    id: c.id.clone(),
                    level,
                });
            }
        }
        let mut by_pattern: HashMap<String, Vec<Meaning>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut add = |pattern: String, meaning: Meaning| {
            let list = by_pattern.entry(pattern.clone()).or_insert_with(|| {
                order.push(pattern);
                Vec::new()
            });
            if !list.contains(&meaning) {
                list.push(meaning);
            }
        };
        let mut terms: Vec<TermInfo> = Vec::new();
        let mut term_targets: HashMap<String, Vec<u16>> = HashMap::new();
        let mut norm = Normalized::default();
        for fw in set.frameworks() {
            for c in &fw.competencies {
                let comps: Vec<u16> = if fw.is_crosswalk() {
                    c.maps_to
                        .iter()
                        .filter_map(|m| index.get(&m.target).copied())
                        .collect()
                } else {
                    index.get(&c.id).copied().into_iter().collect()
                };
                if comps.is_empty() {
                    continue;
                }
                let via = fw.is_crosswalk().then(|| c.id.clone());
                for (_, t) in c.terms.terms() {
                    normalize_into(&t.text, &mut norm);
                    let Some(p) = pad(&norm) else { continue };
                    let term = terms.len() as u32;
                    terms.push(TermInfo {
                        text: t.text.clone(),
                        via: via.clone(),
                    });
                    let advanced = comps.iter().any(|&k| targets[k as usize].level == 2);
                    if advanced && !t.has(TermFlag::NotAiAlone) {
                        add(p.clone(), Meaning::Cue(Cue::Ai));
                    }
                    for &comp in &comps {
                        add(p.clone(), Meaning::Term { comp, term });
                        let list = term_targets.entry(p.clone()).or_default();
                        if !list.contains(&comp) {
                            list.push(comp);
                        }
                    }
                }
                for (_, t) in c.exclude.iter() {
                    normalize_into(t, &mut norm);
                    let Some(p) = pad(&norm) else { continue };
                    for &comp in &comps {
                        add(p.clone(), Meaning::Exclude { comp });
                    }
                }
            }
        }
        let lexicon = &set.lexicon;
        let mut concept_alias = Vec::with_capacity(lexicon.concepts.len());
        for concept in &lexicon.concepts {
            let Some(alias) = Alias::from_id(&concept.id) else {
                bail!(
                    "lexicon `{}`: the classifier has no rule for the concept \"{}\"",
                    lexicon.origin,
                    concept.id
                );
            };
            concept_alias.push(alias);
        }
        for entry in &lexicon.entries {
            let alias = entry.concept.map(|k| concept_alias[k]);
            for raw in &entry.patterns {
                normalize_into(raw, &mut norm);
                let Some(p) = pad(&norm) else { continue };
                for &cue in &entry.cues {
                    add(p.clone(), Meaning::Cue(cue));
                }
                if let Some(alias) = alias {
                    add(p.clone(), Meaning::Alias(alias));
                }
            }
        }
        let mut vocab = vocab::Vocab::default();
        let mut patterns: Vec<(Vec<u16>, Vec<engine::Hit>)> = Vec::with_capacity(order.len());
        for (k, p) in order.iter().enumerate() {
            let pat =
                u16::try_from(k).context("too many distinct phrases in the frameworks' terms")?;
            let mut ids = Vec::new();
            for w in p.split(' ').filter(|w| !w.is_empty()) {
                let id = vocab
                    .insert(w.as_bytes())
                    .context("too many distinct words in the frameworks' terms")?;
                ids.push(id);
            }
            let hits = by_pattern[p]
                .iter()
                .map(|&m| engine::Hit::template(pat, ids.len(), m))
                .collect();
            patterns.push((ids, hits));
        }
        let automaton = automaton::WordAutomaton::new(&patterns, vocab.len())
            .context("too many distinct phrases in the frameworks' terms")?;
        // An alias names the competencies that bind its concept, in the
        // framework's order.
        let mut alias_targets = vec![Vec::new(); ALIAS_COUNT];
        let mut alias_labels = vec![String::new(); ALIAS_COUNT];
        for alias in Alias::ALL {
            let id = alias.id();
            for c in &set.primary.competencies {
                if c.concepts.contains(&id)
                    && let Some(&t) = index.get(&c.id)
                {
                    alias_targets[alias as usize].push(t);
                }
            }
            if let Some(k) = lexicon.concept(&id) {
                alias_labels[alias as usize] = lexicon.concepts[k].label.clone();
            }
        }
        let generic = alias_targets[Alias::ArtificialIntelligence as usize]
            .first()
            .copied();
        let alias_l2 = alias_targets
            .iter()
            .map(|t| t.iter().any(|&k| targets[k as usize].level == 2))
            .collect();
        Ok(Classifier {
            alias_l2,
            alias_labels,
            vocab,
            automaton,
            patterns: patterns.len(),
            targets,
            terms,
            alias_targets,
            generic,
        })
    }

    /// Normalises and matches only, returning the number of matches: for
    /// profiling the stages of [`Classifier::classify_into`].
    #[doc(hidden)]
    pub fn match_only(&self, text: &str, scratch: &mut Scratch) -> usize {
        engine::match_only(self, text, scratch)
    }

    /// What the evidence calls a concept.
    fn label(&self, alias: Alias) -> &str {
        &self.alias_labels[alias as usize]
    }

    /// The competencies suggestions can name.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Classifies one statement into `scratch`, without formatting evidence:
    /// the fast path. Read the outcome with [`Scratch::level`],
    /// [`Scratch::depth`] and [`Classifier::suggestions`].
    pub fn classify_into(&self, text: &str, scratch: &mut Scratch) {
        engine::run(self, text, scratch);
    }

    /// Classifies one statement, with evidence formatted.
    pub fn classify(&self, text: &str) -> Classification {
        let mut scratch = Scratch::default();
        self.classify_with(text, &mut scratch)
    }

    /// Like [`Classifier::classify`], reusing `scratch`.
    pub fn classify_with(&self, text: &str, scratch: &mut Scratch) -> Classification {
        engine::run(self, text, scratch);
        Classification {
            level: scratch.level(),
            depth: scratch.depth(),
            suggestions: self.suggestions(text, scratch),
        }
    }

    /// The suggestions left in `scratch` by the last run on `text`.
    pub fn suggestions(&self, text: &str, scratch: &Scratch) -> Vec<Suggested> {
        engine::suggestions(self, text, scratch)
    }
}

#[cfg(test)]
mod tests;
