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
mod engine;
pub mod eval;
mod model;
pub mod train;

use crate::framework::{Cue, FrameworkSet, TermFlag};
use crate::model::{CompetencyId, Depth};
use crate::text::normalize::{Normalized, normalize_into};
use crate::text::vocab;
use anyhow::{Context, Result};
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
    /// A pattern of a lexicon concept (index into the lexicon's concepts).
    Concept(u16),
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
    /// Per lexicon concept: the targets that bind it, in framework order.
    concept_targets: Vec<Vec<u16>>,
    /// Whether each concept names a level-2 competency.
    concept_l2: Vec<bool>,
    /// What the evidence calls each concept: its label.
    concept_labels: Vec<String>,
    /// Whether a rule decides when each concept is suggested.
    governed: Vec<bool>,
    /// The rule table.
    rules: crate::framework::Rules,
    /// Where each fixed feature sits (see [`model`]).
    layout: model::Layout,
    /// The fitted statistical layer, when the set has one.
    model: Option<model::Model>,
    /// Per word id, whether it is a function word (no feature of its own).
    function_word: Vec<bool>,
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
        let concepts =
            u16::try_from(lexicon.concepts.len()).context("too many concepts in the lexicon")?;
        for entry in lexicon
            .entries
            .iter()
            .filter(|e| !e.cues.contains(&Cue::FunctionWord))
        {
            for raw in &entry.patterns {
                normalize_into(raw, &mut norm);
                let Some(p) = pad(&norm) else { continue };
                for &cue in &entry.cues {
                    add(p.clone(), Meaning::Cue(cue));
                }
                if let Some(k) = entry.concept {
                    add(p.clone(), Meaning::Concept(k as u16));
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
        // Function words get ids (to be recognised) but no pattern.
        let mut function_ids = Vec::new();
        for entry in lexicon
            .entries
            .iter()
            .filter(|e| e.cues.contains(&Cue::FunctionWord))
        {
            for raw in &entry.patterns {
                normalize_into(raw, &mut norm);
                for k in 0..norm.words.len() {
                    let id = vocab
                        .insert(norm.word(k))
                        .context("too many distinct words in the lexicon and frameworks")?;
                    function_ids.push(id);
                }
            }
        }
        let mut function_word = vec![false; vocab.len() + 1];
        for id in function_ids {
            function_word[usize::from(id)] = true;
        }
        let layout = model::Layout::new(targets.len(), usize::from(concepts));
        let model = match &set.fitted {
            Some(f) => Some(model::Model::bind(f, &layout, &targets, &set.lexicon)?),
            None => None,
        };
        let automaton = automaton::WordAutomaton::new(&patterns, vocab.len())
            .context("too many distinct phrases in the frameworks' terms")?;
        // A concept names the competencies that bind it, in the
        // framework's order.
        let mut concept_targets = vec![Vec::new(); usize::from(concepts)];
        for (k, concept) in lexicon.concepts.iter().enumerate() {
            for c in &set.primary.competencies {
                if c.concepts.contains(&concept.id)
                    && let Some(&t) = index.get(&c.id)
                {
                    concept_targets[k].push(t);
                }
            }
        }
        let concept_l2 = concept_targets
            .iter()
            .map(|t| t.iter().any(|&k| targets[k as usize].level == 2))
            .collect();
        let concept_labels = lexicon.concepts.iter().map(|c| c.label.clone()).collect();
        let governed = (0..lexicon.concepts.len())
            .map(|k| set.rules.governs(k))
            .collect();
        Ok(Classifier {
            concept_targets,
            concept_l2,
            concept_labels,
            governed,
            rules: set.rules.clone(),
            layout,
            model,
            function_word,
            vocab,
            automaton,
            patterns: patterns.len(),
            targets,
            terms,
        })
    }

    /// Normalises and matches only, returning the number of matches: for
    /// profiling the stages of [`Classifier::classify_into`].
    #[doc(hidden)]
    pub fn match_only(&self, text: &str, scratch: &mut Scratch) -> usize {
        engine::match_only(self, text, scratch)
    }

    /// What the evidence calls a concept.
    fn label(&self, concept: u16) -> &str {
        &self.concept_labels[concept as usize]
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
