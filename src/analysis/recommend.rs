//! Recommendations: for each primary competency a programme does not teach,
//! and each one whose depth falls short of the target, where to teach it
//! (up to [`MAX_HOSTS`] existing courses, ranked by a stated score) and the
//! prerequisites still missing, in the order to teach them. Pure data: ids,
//! numbers and reasons; `report` words them.
//!
//! # The host score
//!
//! Each course of the programme gets three components, each in `[0, 1]`:
//!
//! - **affinity** ([`WEIGHT_AFFINITY`]): how much of the competency's
//!   vocabulary the course's title, description and outcomes use. Both
//!   sides go through the classifier's normaliser (`text::normalize`: case,
//!   accents, plurals). The competency's words are those of its title and
//!   detection terms, per language; each word weighs `ln(N / df)²`, where
//!   `N` is the number of competencies of the primary framework and `df`
//!   the number whose title or terms use the word, so words most
//!   competencies share ("data", "AI", "de") count for little. A word the
//!   course shares counts that weight times `ln((M + 1) / m) / ln(M + 1)`,
//!   where `M` is the number of courses of the programme and `m` the
//!   number using the word: words in every course ("care", "patient")
//!   tell no course apart. Affinity is the sum over the shared words,
//!   divided by the weight of the competency's title, capped at 1, in the
//!   language that gives the higher value.
//! - **placement** ([`WEIGHT_PLACEMENT`]): the share of the competency's
//!   direct prerequisites that the programme teaches and that it teaches no
//!   later than the course (same period counts): the course's (year,
//!   semester) against the first period each prerequisite is taught,
//!   by year alone when either semester is unknown. A prerequisite whose
//!   period or the course's year is unknown counts one half. 1 when the
//!   programme teaches none of the prerequisites.
//! - **prerequisites** ([`WEIGHT_PREREQUISITES`]): the share of the
//!   competency's direct prerequisites the programme already teaches (1
//!   when it has none). The same for every course of one competency: it
//!   tells a competency that can be taught now from one that needs
//!   groundwork first.
//!
//! `score = 0.6 × affinity + 0.25 × placement + 0.15 × prerequisites`.
//! Only a course with an affinity of at least [`MIN_AFFINITY`] can host: a
//! course that shares none of the competency's words is no sensible place
//! for it, however well placed. Hosts are ranked by score, ties by course
//! order (course code). A competency no course is close to gets an empty
//! host list, and still its path: it calls for a new course or module.
//!
//! # The path
//!
//! Every transitive prerequisite the programme does not teach, in an order
//! where each comes after its own prerequisites (ties by id), then the
//! competency itself.

use super::{CompetencyCoverage, TargetResult};
use crate::framework::{Competency, FrameworkSet, Lang, Localized, Terms};
use crate::graph::CurriculumGraph;
use crate::model::{CompetencyId, CourseCode, Depth, Program};
use crate::text::normalize::{Normalized, normalize_into};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Weight of the textual affinity in the host score.
pub const WEIGHT_AFFINITY: f64 = 0.6;
/// Weight of the placement after the prerequisites.
pub const WEIGHT_PLACEMENT: f64 = 0.25;
/// Weight of the existing coverage of the prerequisites.
pub const WEIGHT_PREREQUISITES: f64 = 0.15;
/// The least affinity a host must have.
pub const MIN_AFFINITY: f64 = 0.2;
/// Host courses per recommendation, at most.
pub const MAX_HOSTS: usize = 3;

/// Why a competency is recommended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The programme does not teach it.
    Uncovered,
    /// Taught, but less deeply than the target requires.
    BelowTarget,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Uncovered => "uncovered",
            Reason::BelowTarget => "below-target",
        }
    }
}

/// A course that could host a competency, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Host {
    pub course: CourseCode,
    pub score: f64,
    pub affinity: f64,
    pub placement: f64,
    pub prerequisites: f64,
}

/// What to do about one competency.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub competency: CompetencyId,
    pub level: u8,
    pub reason: Reason,
    /// The depth the target requires, when the target names it.
    pub required: Option<Depth>,
    /// The depth reached today (`None` when not taught).
    pub reached: Option<Depth>,
    /// Best first; empty when no course is close enough (see the module doc).
    pub hosts: Vec<Host>,
    /// Missing prerequisites in teaching order, ending with the competency.
    pub path: Vec<CompetencyId>,
    /// Competencies the programme teaches that list this one as a direct
    /// prerequisite.
    pub dependants_taught: usize,
}

impl Recommendation {
    /// The prerequisites to teach first (the path without the competency).
    pub fn missing_prerequisites(&self) -> &[CompetencyId] {
        &self.path[..self.path.len().saturating_sub(1)]
    }

    /// What comes first in the list of actions, lowest first: prerequisites
    /// of taught competencies (more dependants first), then what the target
    /// requires, then the other gaps; within each, lower levels first.
    /// Framework order breaks ties (the sort is stable).
    pub fn priority(&self) -> (u8, std::cmp::Reverse<usize>, u8) {
        let tier = if self.dependants_taught > 0 {
            0
        } else if self.required.is_some() {
            1
        } else {
            2
        };
        (tier, std::cmp::Reverse(self.dependants_taught), self.level)
    }
}

/// A competency's words in one language, with their weights, and the
/// weight of its title.
#[derive(Debug, Default)]
struct Vocabulary {
    words: BTreeMap<Vec<u8>, f64>,
    title_weight: f64,
}

/// The framework side of the score, built once for every programme.
pub struct Recommender<'a> {
    frameworks: &'a FrameworkSet,
    graph: &'a CurriculumGraph,
    vocabulary: HashMap<&'a CompetencyId, [Vocabulary; 2]>,
    /// Every word of every vocabulary.
    known: HashSet<Vec<u8>>,
}

/// Distinct normalised words of `text` (one-letter words left out).
fn words(text: &str, buf: &mut Normalized, into: &mut BTreeSet<Vec<u8>>) {
    normalize_into(text, buf);
    for i in 0..buf.words.len() {
        let w = buf.word(i);
        if w.len() > 1 {
            into.insert(w.to_vec());
        }
    }
}

fn language_text(l: &Localized, lang: Lang) -> Option<&str> {
    match lang {
        Lang::En => l.en.as_deref(),
        Lang::Fr => l.fr.as_deref(),
    }
}

fn language_terms(t: &Terms, lang: Lang) -> impl Iterator<Item = &str> {
    match lang {
        Lang::En => &t.en,
        Lang::Fr => &t.fr,
    }
    .iter()
    .map(|t| t.text.as_str())
}

const LANGS: [Lang; 2] = [Lang::En, Lang::Fr];

/// One language of a competency: its title's words, then those of its
/// title and terms.
type Side = (BTreeSet<Vec<u8>>, BTreeSet<Vec<u8>>);

impl<'a> Recommender<'a> {
    pub fn new(frameworks: &'a FrameworkSet, graph: &'a CurriculumGraph) -> Self {
        let mut buf = Normalized::default();
        // Per competency and language: title words, all words.
        let mut raw: Vec<(&Competency, [Side; 2])> = Vec::new();
        let mut df: HashMap<Vec<u8>, usize> = HashMap::new();
        for c in &frameworks.primary.competencies {
            let mut sides: [Side; 2] = Default::default();
            for (side, lang) in sides.iter_mut().zip(LANGS) {
                if let Some(t) = language_text(&c.title, lang) {
                    words(t, &mut buf, &mut side.0);
                }
                side.1.extend(side.0.iter().cloned());
                for term in language_terms(&c.terms, lang) {
                    words(term, &mut buf, &mut side.1);
                }
            }
            let all: BTreeSet<&Vec<u8>> = sides.iter().flat_map(|s| s.1.iter()).collect();
            for w in all {
                *df.entry(w.clone()).or_insert(0) += 1;
            }
            raw.push((c, sides));
        }
        let n = raw.len() as f64;
        let known = df.keys().cloned().collect();
        let idf = |w: &Vec<u8>| {
            (n / df.get(w).copied().unwrap_or(1) as f64)
                .ln()
                .max(0.0)
                .powi(2)
        };
        let vocabulary = raw
            .into_iter()
            .map(|(c, sides)| {
                let vocab = sides.map(|(title, all)| Vocabulary {
                    title_weight: title.iter().map(idf).sum(),
                    words: all.iter().map(|w| (w.clone(), idf(w))).collect(),
                });
                (&c.id, vocab)
            })
            .collect();
        Recommender {
            frameworks,
            graph,
            vocabulary,
            known,
        }
    }

    /// The recommendations for one programme: every competency it does not
    /// teach, and every requirement of `target` it does not meet, in
    /// framework order.
    pub fn recommend(
        &self,
        program: &Program,
        competencies: &[CompetencyCoverage],
        target: Option<&TargetResult>,
    ) -> Vec<Recommendation> {
        let by_id: BTreeMap<&CompetencyId, &CompetencyCoverage> =
            competencies.iter().map(|c| (&c.id, c)).collect();
        let required: BTreeMap<&CompetencyId, Depth> = target
            .map(|t| {
                t.checks
                    .iter()
                    .filter(|c| !c.met)
                    .map(|c| (&c.competency, c.required))
                    .collect()
            })
            .unwrap_or_default();
        let wanted: Vec<&CompetencyCoverage> = competencies
            .iter()
            .filter(|c| !c.covered || required.contains_key(&c.id))
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let courses = CourseIndex::new(program, &self.known);
        let first_period = |c: &CompetencyCoverage| {
            c.courses
                .iter()
                .filter_map(|code| program.course(code))
                .filter_map(|c| Period::of(c.year, c.semester))
                .min()
        };
        let taught: BTreeSet<&CompetencyId> = competencies
            .iter()
            .filter(|c| c.covered)
            .map(|c| &c.id)
            .collect();
        wanted
            .into_iter()
            .map(|c| {
                let prerequisites = self.graph.prerequisites(&c.id);
                let taught_periods: Vec<Option<Period>> = prerequisites
                    .iter()
                    .filter_map(|p| by_id.get(p).filter(|p| p.covered))
                    .map(|p| first_period(p))
                    .collect();
                let prerequisite_share = if prerequisites.is_empty() {
                    1.0
                } else {
                    taught_periods.len() as f64 / prerequisites.len() as f64
                };
                let hosts = match self.vocabulary.get(&c.id) {
                    Some(vocab) => {
                        courses.hosts(program, vocab, &taught_periods, prerequisite_share)
                    }
                    None => Vec::new(),
                };
                let dependants_taught = competencies
                    .iter()
                    .filter(|d| d.covered)
                    .filter(|d| {
                        self.frameworks
                            .primary
                            .competency(&d.id)
                            .is_some_and(|x| x.requires.contains(&c.id))
                    })
                    .count();
                Recommendation {
                    competency: c.id.clone(),
                    level: c.level,
                    reason: if c.covered {
                        Reason::BelowTarget
                    } else {
                        Reason::Uncovered
                    },
                    required: required.get(&c.id).copied(),
                    reached: c.deepest,
                    hosts,
                    path: learning_path(self.graph, &c.id, &taught),
                    dependants_taught,
                }
            })
            .collect()
    }
}

/// When a course is taught: by year, then semester when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Period {
    year: u8,
    semester: Option<u8>,
}

impl Period {
    fn of(year: Option<u8>, semester: Option<u8>) -> Option<Period> {
        year.map(|year| Period { year, semester })
    }

    /// 1 when `self` is not before `first`, 0 when it is, ½ when unknown.
    fn not_before(course: Option<Period>, first: Option<Period>) -> f64 {
        match (course, first) {
            (Some(c), Some(f)) => {
                let after = match (c.semester, f.semester) {
                    (Some(_), Some(_)) => c >= f,
                    _ => c.year >= f.year,
                };
                if after { 1.0 } else { 0.0 }
            }
            _ => 0.5,
        }
    }
}

/// The programme side of the score: the normalised words of each course,
/// indexed by word.
struct CourseIndex {
    /// Course indices (in programme order) using each word, ascending.
    by_word: HashMap<Vec<u8>, Vec<usize>>,
}

impl CourseIndex {
    /// Only the words some competency uses are kept.
    fn new(program: &Program, known: &HashSet<Vec<u8>>) -> Self {
        let mut by_word: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        let mut buf = Normalized::default();
        for (i, course) in program.courses.iter().enumerate() {
            let texts = std::iter::once(course.title.as_str())
                .chain(course.description.as_deref())
                .chain(course.outcomes.iter().map(|o| o.text.as_str()));
            for text in texts {
                normalize_into(text, &mut buf);
                for k in 0..buf.words.len() {
                    let w = buf.word(k);
                    if !known.contains(w) {
                        continue;
                    }
                    match by_word.get_mut(w) {
                        Some(list) if list.last() == Some(&i) => {}
                        Some(list) => list.push(i),
                        None => {
                            by_word.insert(w.to_vec(), vec![i]);
                        }
                    }
                }
            }
        }
        CourseIndex { by_word }
    }

    /// Affinity of every course with one vocabulary (see the module doc).
    fn affinities(&self, courses: usize, vocab: &[Vocabulary; 2]) -> Vec<f64> {
        let mut best = vec![0.0f64; courses];
        for side in vocab {
            if side.title_weight <= 0.0 {
                continue;
            }
            let mut shared = vec![0.0f64; courses];
            let all = (courses as f64 + 1.0).ln();
            for (w, weight) in &side.words {
                let Some(list) = self.by_word.get(w) else {
                    continue;
                };
                // Words most courses of the programme use tell none apart.
                let spread = ((courses as f64 + 1.0) / list.len() as f64).ln() / all;
                for &i in list {
                    shared[i] += weight * spread;
                }
            }
            for (b, s) in best.iter_mut().zip(shared) {
                *b = b.max((s / side.title_weight).min(1.0));
            }
        }
        best
    }

    fn hosts(
        &self,
        program: &Program,
        vocab: &[Vocabulary; 2],
        taught_periods: &[Option<Period>],
        prerequisites: f64,
    ) -> Vec<Host> {
        let affinity = self.affinities(program.courses.len(), vocab);
        let mut hosts: Vec<(usize, Host)> = program
            .courses
            .iter()
            .zip(affinity)
            .enumerate()
            .filter(|(_, (_, a))| *a >= MIN_AFFINITY)
            .map(|(i, (course, affinity))| {
                let period = Period::of(course.year, course.semester);
                let placement = if taught_periods.is_empty() {
                    1.0
                } else {
                    taught_periods
                        .iter()
                        .map(|first| Period::not_before(period, *first))
                        .sum::<f64>()
                        / taught_periods.len() as f64
                };
                let score = WEIGHT_AFFINITY * affinity
                    + WEIGHT_PLACEMENT * placement
                    + WEIGHT_PREREQUISITES * prerequisites;
                let host = Host {
                    course: course.code.clone(),
                    score,
                    affinity,
                    placement,
                    prerequisites,
                };
                (i, host)
            })
            .collect();
        hosts.sort_by(|(i, a), (j, b)| b.score.total_cmp(&a.score).then(i.cmp(j)));
        hosts.into_iter().take(MAX_HOSTS).map(|(_, h)| h).collect()
    }
}

/// The prerequisites of `id` (transitively) not in `taught`, each after its
/// own prerequisites, ties by id; then `id`.
pub fn learning_path(
    graph: &CurriculumGraph,
    id: &CompetencyId,
    taught: &BTreeSet<&CompetencyId>,
) -> Vec<CompetencyId> {
    // Every ancestor, taught or not, so that the order also holds through
    // a taught competency between two missing ones.
    let mut requires: BTreeMap<CompetencyId, Vec<CompetencyId>> = BTreeMap::new();
    let mut stack = vec![id.clone()];
    while let Some(c) = stack.pop() {
        if requires.contains_key(&c) {
            continue;
        }
        let pre = graph.prerequisites(&c);
        stack.extend(pre.iter().cloned());
        requires.insert(c, pre);
    }
    // Kahn's algorithm, smallest id first.
    let mut waiting: BTreeMap<&CompetencyId, usize> =
        requires.iter().map(|(c, pre)| (c, pre.len())).collect();
    let mut dependants: BTreeMap<&CompetencyId, Vec<&CompetencyId>> = BTreeMap::new();
    for (c, pre) in &requires {
        for p in pre {
            dependants.entry(p).or_default().push(c);
        }
    }
    let mut ready: BTreeSet<&CompetencyId> = waiting
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(c, _)| *c)
        .collect();
    let mut order: Vec<&CompetencyId> = Vec::new();
    while let Some(c) = ready.pop_first() {
        order.push(c);
        for d in dependants.get(c).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(n) = waiting.get_mut(d) {
                *n -= 1;
                if *n == 0 {
                    ready.insert(d);
                }
            }
        }
    }
    // A cycle (which framework validation rejects) leaves its members out
    // of Kahn's order: put them at the end, by id, so the path is total.
    let placed: BTreeSet<&CompetencyId> = order.iter().copied().collect();
    order.extend(requires.keys().filter(|c| !placed.contains(c)));
    order
        .into_iter()
        .filter(|c| *c != id && !taught.contains(c))
        .cloned()
        .chain(std::iter::once(id.clone()))
        .collect()
}

#[cfg(test)]
mod tests;
