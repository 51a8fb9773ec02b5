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
pub mod limits;
mod model;
pub mod train;

use crate::framework::{Cue, FrameworkSet, TermFlag};
use crate::model::{CompetencyId, Depth};
use crate::text::normalize::{Normalized, normalize_into};
use crate::text::vocab;
use anyhow::Result;
use std::collections::{HashMap, HashSet};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// What the evidence names each concept by: its id (reports show its
    /// label in the reader's language).
    concept_ids: Vec<String>,
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
    pub evidence: Vec<crate::model::Evidence>,
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

/// Each distinct phrase once, in order of first appearance, with every
/// meaning it has (each once) and where it first came from.
#[derive(Default)]
struct Phrases<'a> {
    index: HashMap<String, usize>,
    order: Vec<(String, Vec<Meaning>, limits::Origin<'a>)>,
    seen: HashSet<(usize, Meaning)>,
}

impl<'a> Phrases<'a> {
    fn add(&mut self, phrase: &str, meaning: Meaning, origin: limits::Origin<'a>) {
        let k = match self.index.get(phrase) {
            Some(&k) => k,
            None => {
                self.index.insert(phrase.to_owned(), self.order.len());
                self.order.push((phrase.to_owned(), Vec::new(), origin));
                self.order.len() - 1
            }
        };
        if self.seen.insert((k, meaning)) {
            self.order[k].1.push(meaning);
        }
    }
}

fn pad(norm: &Normalized) -> Option<String> {
    (!norm.words.is_empty()).then(|| norm.as_str().to_owned())
}

impl Classifier {
    /// Builds the automaton over every framework's terms and exclusions and
    /// the built-in lexicon. Crosswalk terms count for the primary
    /// competencies they roll up onto. Fails, naming the file, the
    /// competency and the term, when the frameworks and the lexicon hold
    /// more than the classifier can ([`limits`]).
    pub fn new(set: &FrameworkSet) -> Result<Self> {
        let mut targets = Vec::new();
        let mut index: HashMap<&CompetencyId, u16> = HashMap::new();
        for c in &set.primary.competencies {
            if let Some(level) = c.level {
                let Ok(k) = u16::try_from(targets.len()) else {
                    return Err(limits::too_many_targets(&set.primary));
                };
                index.insert(&c.id, k);
                targets.push(Target {
                    id: c.id.clone(),
                    level,
                });
            }
        }
        let mut phrases = Phrases::default();
        let mut terms: Vec<TermInfo> = Vec::new();
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
                let advanced = comps.iter().any(|&k| targets[k as usize].level == 2);
                for (_, t) in c.terms.terms() {
                    normalize_into(&t.text, &mut norm);
                    let Some(p) = pad(&norm) else { continue };
                    let origin = limits::Origin::term(fw, c, &t.text);
                    let Ok(term) = u32::try_from(terms.len()) else {
                        return Err(limits::too_many_terms(origin));
                    };
                    terms.push(TermInfo {
                        text: t.text.clone(),
                        via: via.clone(),
                    });
                    if advanced && !t.has(TermFlag::NotAiAlone) {
                        phrases.add(&p, Meaning::Cue(Cue::Ai), origin);
                    }
                    for &comp in &comps {
                        phrases.add(&p, Meaning::Term { comp, term }, origin);
                    }
                }
                for (_, t) in c.exclude.iter() {
                    normalize_into(t, &mut norm);
                    let Some(p) = pad(&norm) else { continue };
                    let origin = limits::Origin::exclude(fw, c, t);
                    for &comp in &comps {
                        phrases.add(&p, Meaning::Exclude { comp }, origin);
                    }
                }
            }
        }
        let lexicon = &set.lexicon;
        let Ok(concepts) = u16::try_from(lexicon.concepts.len()) else {
            return Err(limits::too_many_concepts(lexicon));
        };
        for entry in lexicon
            .entries
            .iter()
            .filter(|e| !e.cues.contains(&Cue::FunctionWord))
        {
            for raw in &entry.patterns {
                normalize_into(raw, &mut norm);
                let Some(p) = pad(&norm) else { continue };
                let origin = limits::Origin::pattern(lexicon, raw);
                for &cue in &entry.cues {
                    phrases.add(&p, Meaning::Cue(cue), origin);
                }
                if let Some(k) = entry.concept {
                    phrases.add(&p, Meaning::Concept(k as u16), origin);
                }
            }
        }
        let order = phrases.order;
        let mut vocab = vocab::Vocab::default();
        let mut patterns: Vec<(Vec<u16>, Vec<engine::Hit>)> = Vec::with_capacity(order.len());
        for (k, (p, meanings, origin)) in order.iter().enumerate() {
            let Ok(pat) = u16::try_from(k) else {
                return Err(limits::too_many_phrases(*origin));
            };
            let mut ids = Vec::new();
            for w in p.split(' ').filter(|w| !w.is_empty()) {
                let Some(id) = vocab.insert(w.as_bytes()) else {
                    return Err(limits::too_many_words(*origin, w));
                };
                ids.push(id);
            }
            let hits = meanings
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
                    let word = norm.word(k);
                    let Some(id) = vocab.insert(word) else {
                        let origin = limits::Origin::pattern(lexicon, raw);
                        return Err(limits::too_many_words(
                            origin,
                            &String::from_utf8_lossy(word),
                        ));
                    };
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
        let automaton = automaton::WordAutomaton::new(&patterns, vocab.len()).map_err(|e| {
            let (automaton::TooLarge::States(k) | automaton::TooLarge::Outputs(k)) = e;
            limits::too_large(order[k].2, e)
        })?;
        // A concept names the competencies that bind it, in the
        // framework's order.
        let mut concept_targets = vec![Vec::new(); usize::from(concepts)];
        for c in &set.primary.competencies {
            let Some(&t) = index.get(&c.id) else { continue };
            for id in &c.concepts {
                if let Some(k) = lexicon.concept(id) {
                    concept_targets[k].push(t);
                }
            }
        }
        let concept_l2 = concept_targets
            .iter()
            .map(|t| t.iter().any(|&k| targets[k as usize].level == 2))
            .collect();
        let concept_ids = lexicon.concepts.iter().map(|c| c.id.clone()).collect();
        let mut governed = vec![false; lexicon.concepts.len()];
        for r in &set.rules.rules {
            if let Some(g) = governed.get_mut(r.suggests) {
                *g = true;
            }
        }
        Ok(Classifier {
            concept_targets,
            concept_l2,
            concept_ids,
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

    /// The id evidence names a concept by.
    fn concept_id(&self, concept: u16) -> &str {
        &self.concept_ids[concept as usize]
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

    /// Classifies a text made of many statements (a job posting: a title,
    /// then requirements) sentence by sentence, as a text longer than a
    /// statement is always read: the highest level of its sentences, each
    /// competency once with its best sentence's score and evidence.
    pub fn classify_sentences_with(&self, text: &str, scratch: &mut Scratch) -> Classification {
        engine::run_by_sentence(self, text, scratch);
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
