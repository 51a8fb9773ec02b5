//! The rules that turn matches into suggestions. Order of work for one
//! statement:
//!
//! 1. match every pattern (whole words), note which cues are present;
//! 2. `exclude` phrases drop the terms of their competency they overlap;
//! 3. ambiguous tokens inside a longer match take its meaning (a veto
//!    phrase such as "prompt referral" rejects them, a term such as
//!    "TRIPOD+AI" confirms them); the others are read with context rules;
//! 4. AI is established by an unambiguous mention or a confirmed token;
//! 5. level 0: the framework's level-0 terms and topic words, only when AI
//!    is established; level 1: software and data terms and rules (R as a
//!    language, statistics with software, metrics computed on data…);
//!    level 2: concepts kept only through the gate — two distinct level-2
//!    concepts, or one with a building verb that is not negated — and never
//!    when the statement is conceptual or the model is a vendor's;
//! 6. depth from the leading Bloom verb.

use super::model::{Layout, STATE_AI, STATE_KNOWING, fixed_features};
use super::{Classifier, Meaning, Suggested};
use crate::framework::knowledge::{CUE_COUNT, Cue};
use crate::framework::{Condition, Rule, RuleKind, Signal};
use crate::model::{Depth, Evidence, Feature, Gate as GateUse, RuleUse};
use crate::text::normalize::{Normalized, is_invisible, normalize_coded};
use unicode_normalization::UnicodeNormalization;

/// A match: the words it spans and what its pattern means. The automaton
/// reports a template of it (words left at 0) made once per pattern and
/// meaning by [`Hit::template`], so that what every pass tests is a byte
/// already worked out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    w0: u16,
    w1: u16,
    /// Pattern id: the concept key of a term.
    pat: u16,
    /// `m`'s cue as a number, [`NO_CUE`] when `m` is not a cue.
    cue: u8,
    /// The `IN_*` bits this hit gives the hits inside it (none for a
    /// one-word hit), and the `PRIMARY`, `ALIAS` and `EXCLUDE` flags.
    flags: u8,
    m: Meaning,
}

/// `Hit::cue` of hits that are not cues.
const NO_CUE: u8 = CUE_COUNT as u8;

/// A set of cues, one bit each.
#[derive(Debug, Clone, Copy)]
struct CueSet(u128);

impl CueSet {
    const fn of(cues: &[Cue]) -> CueSet {
        let mut bits = 0u128;
        let mut i = 0;
        while i < cues.len() {
            bits |= 1 << cues[i] as u8;
            i += 1;
        }
        CueSet(bits)
    }

    fn contains(self, cue: Cue) -> bool {
        self.0 & (1 << cue as u8) != 0
    }
}

/// Tokens that need context before they count as AI.
const AMBIGUOUS_SET: CueSet = CueSet::of(&[
    Cue::AiBare,
    Cue::AiLikely,
    Cue::Ml,
    Cue::Dl,
    Cue::Llm,
    Cue::Gpt,
    Cue::DeepLearning,
    Cue::NeuralNet,
    Cue::Algorithm,
    Cue::Prompt,
    Cue::Nlp,
    Cue::Rag,
]);

/// `Hit::flags`: the hit can lead to a suggestion; it is an alias; an
/// exclusion.
const PRIMARY: u8 = 32;
const ALIAS: u8 = 64;
const EXCLUDE: u8 = 128;

impl Hit {
    /// The template of the hits of pattern `pat`, `words` long, meaning `m`.
    pub(super) fn template(pat: u16, words: usize, m: Meaning) -> Hit {
        let gives = match m {
            Meaning::Cue(c) if is_veto(c) => IN_VETO,
            Meaning::Cue(Cue::PredictiveModel | Cue::TopicLearning) => IN_PHRASE | IN_CUE,
            Meaning::Cue(_) | Meaning::Concept(_) => IN_CUE,
            Meaning::Term { .. } => IN_TERM | IN_PHRASE,
            Meaning::Exclude { .. } => IN_EXCLUDE,
        };
        let kind = match m {
            Meaning::Cue(c) if is_primary(c) => PRIMARY,
            Meaning::Cue(_) => 0,
            Meaning::Term { .. } => PRIMARY,
            Meaning::Concept(_) => PRIMARY | ALIAS,
            Meaning::Exclude { .. } => EXCLUDE,
        };
        Hit {
            w0: 0,
            w1: 0,
            pat,
            cue: match m {
                Meaning::Cue(c) => c as u8,
                _ => NO_CUE,
            },
            flags: if words > 1 { gives | kind } else { kind },
            m,
        }
    }

    fn len(&self) -> u16 {
        self.w1 - self.w0
    }

    fn contains(&self, other: &Hit) -> bool {
        self.w0 <= other.w0 && other.w1 <= self.w1 && self.len() > other.len()
    }

    fn overlaps(&self, other: &Hit) -> bool {
        self.w0 < other.w1 && other.w0 < self.w1
    }

    fn cue(&self) -> Option<Cue> {
        match self.m {
            Meaning::Cue(c) => Some(c),
            _ => None,
        }
    }

    /// Whether the hit is a cue `c` (a byte compared: no branch on what
    /// the hit means).
    fn is(&self, c: Cue) -> bool {
        self.cue == c as u8
    }

    /// Whether the hit is one of the cues of `set`.
    fn is_in(&self, set: CueSet) -> bool {
        set.0 >> self.cue & 1 != 0
    }

    /// The Bloom level (1–6) of a Bloom verb.
    fn bloom(&self) -> Option<u8> {
        let d = self.cue.wrapping_sub(Cue::BloomRemember as u8);
        (d < 6).then(|| d + 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Not yet decided (or not ambiguous).
    Open,
    /// An ambiguous token read in its AI sense.
    Accepted,
    /// An ambiguous token read in another sense, or a dropped term.
    Rejected,
    /// Inside a longer match that carries the meaning.
    Subsumed,
}

/// Why a competency is suggested; `hit` indexes the hit quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// A framework term.
    Term,
    /// A concept's pattern (index into the lexicon's concepts).
    Concept(u16),
    /// A rule of the table (index into the rules).
    Rule(u16),
    /// Chosen by the fitted model's ranking of the level's competencies.
    Model,
}

#[derive(Debug, Clone, Copy)]
struct Ev {
    cand: u16,
    why: Why,
    hit: u16,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    comp: u16,
    level: u8,
}

/// How a statement passed the level-2 gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Two distinct level-2 concepts.
    TwoConcepts,
    /// A level-2 concept and a building verb (the hit).
    Building(u16),
    /// A level-2 concept applied to data (the hit), the statement being
    /// about doing.
    OnData(u16),
    /// A level-2 concept in an advanced or specialist course (the hit):
    /// "advanced", "MSc", "data science".
    Advanced(u16),
}

/// Reusable buffers for classifying statements one after another.
#[derive(Debug, Clone)]
pub struct Scratch {
    norm: Normalized,
    hits: Vec<Hit>,
    state: Vec<State>,
    /// What each hit lies inside (`IN_*` bits).
    inside: Vec<u8>,
    present: [u64; 2],
    /// Concepts with a hit, as a bitset of the first 256 (a concept beyond
    /// counts as maybe present): lets a rule's concept signal skip the scan
    /// of the hits when its concept has none.
    concepts_hit: [u64; 4],
    /// Cues with a hit, rejected or not.
    seen: [u64; 2],
    /// Some hit can lead to a suggestion.
    primary: bool,
    /// Index of the first hit of each cue, `NONE` when absent (and a spare
    /// entry for `NO_CUE`).
    first_of: [u16; CUE_COUNT + 1],
    /// Index of the first hit whose last word is word `k - 1` or later, for
    /// every `k` up to the number of words plus one.
    first_ending: Vec<u16>,
    /// Whether an alias matched, an exclusion matched, a hit lies inside a
    /// veto phrase.
    any_alias: bool,
    any_exclude: bool,
    any_vetoed: bool,
    /// The leading Bloom verb's hit, `NONE` without one; whether it is a
    /// verb of knowing (describe, explain, understand): the statement is
    /// about knowing, not doing.
    lead: u16,
    knowing: bool,
    /// The hit that established AI, `NONE` when AI is not established.
    anchor: u16,
    /// Level-2 concepts found: (key, hit, why). All of them are
    /// suggested when the statement passes the gate.
    found: Vec<(u32, u16, Why)>,
    cands: Vec<Cand>,
    evs: Vec<Ev>,
    gate: Option<Gate>,
    level: Option<u8>,
    depth: Depth,
    depth_max: Depth,
    bloom_found: bool,
    /// The merged suggestions of a text read in pieces (see [`run_long`]),
    /// `None` for a text read at once.
    long: Option<Vec<Suggested>>,
    /// The fixed features found, then the model rows of every feature.
    fixed: Vec<u32>,
    rows: Vec<u32>,
    /// The fitted model's probabilities of none, 0, 1, 2 (all 0 without a
    /// model), and the ranking scores of the decided level's candidates.
    probs: [f32; 4],
    ranked: Vec<f32>,
    /// Each candidate's score from the ranking, `NaN` when not ranked.
    cand_score: Vec<f32>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            norm: Normalized::default(),
            hits: Vec::new(),
            state: Vec::new(),
            inside: Vec::new(),
            present: [0; 2],
            concepts_hit: [0; 4],
            seen: [0; 2],
            primary: false,
            first_of: [NONE; CUE_COUNT + 1],
            first_ending: Vec::new(),
            any_alias: false,
            any_exclude: false,
            any_vetoed: false,
            lead: NONE,
            knowing: false,
            anchor: NONE,
            found: Vec::new(),
            cands: Vec::new(),
            evs: Vec::new(),
            gate: None,
            level: None,
            depth: Depth::Introduced,
            depth_max: Depth::Introduced,
            bloom_found: false,
            long: None,
            fixed: Vec::new(),
            rows: Vec::new(),
            probs: [0.0; 4],
            ranked: Vec::new(),
            cand_score: Vec::new(),
        }
    }
}

impl Scratch {
    /// Highest level suggested by the last run, if any.
    pub fn level(&self) -> Option<u8> {
        self.level
    }

    /// Depth from the leading Bloom verb of the last statement.
    pub fn depth(&self) -> Depth {
        self.depth
    }

    /// Depth from the highest Bloom verb anywhere in the statement (for
    /// comparison in evaluations).
    pub fn depth_highest(&self) -> Depth {
        self.depth_max
    }

    /// Whether the last statement had any Bloom verb at all.
    pub fn has_bloom_verb(&self) -> bool {
        self.bloom_found
    }

    /// Number of suggestions of the last run.
    pub fn suggestion_count(&self) -> usize {
        self.long.as_ref().map_or(self.cands.len(), Vec::len)
    }

    fn clear(&mut self) {
        self.hits.clear();
        self.state.clear();
        self.inside.clear();
        self.present = [0; 2];
        self.concepts_hit = [0; 4];
        self.seen = [0; 2];
        self.primary = false;
        self.first_of = [NONE; CUE_COUNT + 1];
        self.first_ending.clear();
        self.any_alias = false;
        self.any_exclude = false;
        self.any_vetoed = false;
        self.lead = NONE;
        self.knowing = false;
        self.anchor = NONE;
        self.found.clear();
        self.cands.clear();
        self.evs.clear();
        self.gate = None;
        self.level = None;
        self.depth = Depth::Introduced;
        self.depth_max = Depth::Introduced;
        self.bloom_found = false;
        self.fixed.clear();
        self.rows.clear();
        self.probs = [0.0; 4];
        self.cand_score.clear();
    }

    /// The fitted model's probabilities of none, L0, L1 and L2 for the last
    /// statement (zeros when the classifier has no model).
    pub fn level_probabilities(&self) -> [f32; 4] {
        self.probs
    }

    /// The normalised words of the last statement.
    pub(super) fn word_list<'a>(&'a self, c: &'a Classifier) -> super::model::Words<'a> {
        super::model::Words {
            norm: &self.norm,
            function: &c.function_word,
        }
    }

    /// The candidates of the last statement that its own words name (a
    /// term or a concept's words): their targets.
    pub(super) fn direct_candidates(&self, c: &Classifier) -> Vec<u16> {
        let mut out: Vec<u16> = self
            .evs
            .iter()
            .filter(|e| match e.why {
                Why::Term | Why::Concept(_) => true,
                Why::Rule(r) => matches!(
                    c.rules.rules[r as usize].kind,
                    RuleKind::Concept | RuleKind::ReadAs
                ),
                Why::Model => false,
            })
            .map(|e| self.cands[e.cand as usize].comp)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The fixed features of the last statement (see [`model`](super::model)).
    pub(super) fn fixed_features(&self, layout: &Layout, c: &Classifier, out: &mut Vec<u32>) {
        for (i, h) in self.hits.iter().enumerate() {
            let state = self.state.get(i).copied().unwrap_or(State::Open);
            if state == State::Rejected {
                continue;
            }
            match h.m {
                Meaning::Term { comp, .. } => {
                    out.push(layout.term(comp));
                    out.push(layout.term_level(c.targets[comp as usize].level));
                }
                Meaning::Concept(k) => out.push(layout.concept(k)),
                Meaning::Cue(cue) => {
                    if !is_ambiguous(cue) || state == State::Accepted {
                        out.push(layout.cue(cue as usize));
                    }
                }
                Meaning::Exclude { .. } => {}
            }
        }
        for cand in &self.cands {
            out.push(layout.cand(cand.comp));
            out.push(layout.cand_level(cand.level));
        }
        if let Some(g) = self.gate {
            out.push(layout.gate(match g {
                Gate::TwoConcepts => 0,
                Gate::Building(_) => 1,
                Gate::OnData(_) => 2,
                Gate::Advanced(_) => 3,
            }));
        }
        if self.anchor != NONE {
            out.push(layout.state(STATE_AI));
        }
        if self.knowing {
            out.push(layout.state(STATE_KNOWING));
        }
        // The leading verb's class with each level of evidence: candidates'
        // levels, and level 2 for concepts found before the gate.
        let lead = match self.hits.get(self.lead as usize).and_then(Hit::bloom) {
            None => 0,
            Some(1 | 2) => 1,
            Some(3 | 4) => 2,
            Some(_) => 3,
        };
        let mut levels = [false; 3];
        for cand in &self.cands {
            levels[usize::from(cand.level).min(2)] = true;
        }
        levels[2] |= !self.found.is_empty();
        for (l, _) in levels.iter().enumerate().filter(|(_, x)| **x) {
            out.push(layout.lead(lead, l as u8));
        }
    }

    fn has(&self, cue: Cue) -> bool {
        let i = cue as usize;
        self.present[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether some cue of `set` is present.
    fn has_any(&self, set: CueSet) -> bool {
        let present = u128::from(self.present[0]) | u128::from(self.present[1]) << 64;
        present & set.0 != 0
    }

    /// Whether some hit has `cue`, even rejected.
    fn seen(&self, cue: Cue) -> bool {
        let i = cue as usize;
        self.seen[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether some hit has one of `cues`, even rejected.
    fn seen_any(&self, cues: &[Cue]) -> bool {
        cues.iter().any(|&c| self.seen(c))
    }

    fn mark(&mut self, cue: Cue) {
        let i = cue as usize;
        self.present[i / 64] |= 1 << (i % 64);
    }
}

const _: () = assert!(CUE_COUNT < 128);

/// No hit.
const NONE: u16 = u16::MAX;

/// Tokens that need context before they count as AI.
fn is_ambiguous(c: Cue) -> bool {
    AMBIGUOUS_SET.contains(c)
}

/// Phrases that give an ambiguous token its non-AI sense.
fn is_veto(c: Cue) -> bool {
    matches!(
        c,
        Cue::ClinicalSense
            | Cue::Law
            | Cue::Pedagogy
            | Cue::Neuro
            | Cue::Guideline
            | Cue::Liver
            | Cue::Behaviour
            | Cue::NeuroLinguistic
            | Cue::RVeto
            | Cue::NotBuilding
            | Cue::NotMetric
            | Cue::EverydaySoftware
    )
}

/// The I/R/M depth a Bloom level stands for, counted from 0 as in
/// [`eval::BLOOM_COLUMNS`](super::eval::BLOOM_COLUMNS): Remember and
/// Understand → Introduced; Apply and Analyze → Reinforced; Evaluate and
/// Create → Mastered.
pub fn bloom_depth(level: usize) -> Depth {
    match level {
        0 | 1 => Depth::Introduced,
        2 | 3 => Depth::Reinforced,
        _ => Depth::Mastered,
    }
}

/// Longest text classified at once, in bytes: a learning outcome or a
/// course description is far shorter; a longer text (a pasted syllabus) is
/// read in pieces of at most this size. Keeps word and hit indices within
/// `u16`.
pub(super) const MAX_TEXT: usize = 20_000;

/// Where the first piece of `text` ends: the whole text when it fits in
/// [`MAX_TEXT`] bytes; otherwise after the last sentence or clause break of
/// the first `MAX_TEXT` bytes, else after the last space, else at the last
/// character boundary. A break or space in the first half is not used, so
/// pieces stay long.
fn piece_end(text: &str) -> usize {
    if text.len() <= MAX_TEXT {
        return text.len();
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text.as_bytes()[..end];
    // A cut after a line break, or after the space that follows a full
    // stop, colon or semicolon; else after a space. All ASCII, so the cut
    // starts a character.
    let clause = window.windows(2).rposition(|w| {
        w[0] == b'\n'
            || (matches!(w[0], b'.' | b'!' | b'?' | b';' | b':') && w[1].is_ascii_whitespace())
    });
    let clause = clause.map(|k| if window[k] == b'\n' { k + 1 } else { k + 2 });
    let space = window
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map(|k| k + 1);
    let long = |&k: &usize| k > end / 2;
    clause.filter(long).or(space.filter(long)).unwrap_or(end)
}

/// The sentences of a piece of a long text: cut after a full stop, an
/// exclamation or question mark, or a semicolon followed by a space, and
/// after a line break. Every byte belongs to one sentence.
fn sentences(piece: &str) -> impl Iterator<Item = &str> {
    let mut rest = piece;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let b = rest.as_bytes();
        let cut = (0..b.len())
            .find(|&k| {
                b[k] == b'\n'
                    || (matches!(b[k], b'.' | b'!' | b'?' | b';')
                        && b.get(k + 1).is_some_and(u8::is_ascii_whitespace))
            })
            .map_or(b.len(), |k| k + 1);
        let (sentence, tail) = rest.split_at(cut);
        rest = tail;
        Some(sentence)
    })
}

/// The pieces `text` is read in: one for any text up to [`MAX_TEXT`] bytes.
pub(super) fn pieces(mut text: &str) -> impl Iterator<Item = &str> {
    std::iter::from_fn(move || {
        if text.is_empty() {
            return None;
        }
        let (piece, rest) = text.split_at(piece_end(text));
        text = rest;
        Some(piece)
    })
}

pub(super) fn run(c: &Classifier, text: &str, s: &mut Scratch) {
    if text.len() <= MAX_TEXT {
        s.long = None;
        run_piece(c, text, s);
    } else {
        run_long(c, text, s);
    }
}

fn run_piece(c: &Classifier, text: &str, s: &mut Scratch) {
    s.clear();
    normalize_coded(text, &mut s.norm, &c.vocab);
    collect_hits(c, s);
    rules(c, text, s);
    decide(c, s);
}

/// The fitted model decides the level from the features, then which of
/// the rules' candidates stay: those at the decided level that its ranking
/// of the level's competencies keeps (at least one: the ranking's best
/// when no rule named one), and lower-level ones with direct evidence (a
/// term or a concept's pattern, not a topic word or a rule). Without a
/// model, the rules' highest level stands.
fn decide(c: &Classifier, s: &mut Scratch) {
    let Some(m) = &c.model else { return };
    // Without a subject (no term, concept or cue that can start a
    // suggestion) no level can be decided: skip the model (most statements
    // of a real curriculum stop here).
    if !s.primary {
        s.level = None;
        return;
    }
    let mut fixed = std::mem::take(&mut s.fixed);
    let mut rows = std::mem::take(&mut s.rows);
    fixed_features(c, s, &mut fixed);
    m.rows(
        &fixed,
        &super::model::Words {
            norm: &s.norm,
            function: &c.function_word,
        },
        &mut rows,
    );
    let p = m.level_probs(&rows);
    s.probs = p;
    s.fixed = fixed;
    s.rows = rows;
    // The level gate holds against the model: a vendor's model, measured
    // or used, is never building AI.
    let vendor_only = s.has(Cue::Vendor) && !s.has(Cue::OwnModel);
    let top = if vendor_only { 3 } else { 4 };
    let best = (1..top)
        .max_by(|&a, &b| p[a].total_cmp(&p[b]).then(b.cmp(&a)))
        .unwrap_or(1);
    // Evidence for the level the model prefers: a rule, term or concept
    // that named one of its competencies.
    let evidence = s.cands.iter().any(|x| usize::from(x.level) + 1 == best);
    // Without a candidate, the level needs at least a word that is about
    // the subject — a term, a concept's words, a mention of AI, software,
    // statistics or charts — not only verbs and phrasing.
    let subject = s.hits.iter().enumerate().any(|(i, h)| {
        s.state.get(i).copied().unwrap_or(State::Open) != State::Rejected
            && match h.m {
                Meaning::Cue(cue) => {
                    is_primary(cue)
                        && cue != Cue::Train
                        && (!is_ambiguous(cue) || s.state.get(i) == Some(&State::Accepted))
                }
                Meaning::Exclude { .. } => false,
                // A concept only its rules suggest (words with other senses
                // too) is a subject only through a rule that fired.
                Meaning::Concept(k) => !c.governed[k as usize],
                Meaning::Term { .. } => true,
            }
    });
    let level = if p[0] >= p[best] || (!evidence && (!subject || p[best] < m.bare_min)) {
        None
    } else {
        Some((best - 1) as u8)
    };
    let Some(level) = level else {
        s.cands.clear();
        s.evs.clear();
        s.level = None;
        return;
    };
    // Candidates to keep: at the level, by the ranking; below it, with
    // direct evidence.
    let mut ranked = std::mem::take(&mut s.ranked);
    // How directly each candidate's own words name it: 1 for a term or a
    // concept's words, ½ for a rule's combination, ¼ for a topic word in a
    // statement about AI, 0 for AI named or the ranking alone.
    let evidence = |s: &Scratch, k: usize| {
        s.evs
            .iter()
            .filter(|e| e.cand as usize == k)
            .map(|e| match e.why {
                Why::Term | Why::Concept(_) => 1.0f32,
                Why::Rule(r) => match c.rules.rules[r as usize].kind {
                    RuleKind::Concept | RuleKind::ReadAs => 1.0,
                    RuleKind::Rule => 0.5,
                    RuleKind::Topic => 0.25,
                    RuleKind::Generic => 0.0,
                },
                Why::Model => 0.0,
            })
            .fold(0.0, f32::max)
    };
    let mut keep = vec![false; s.cands.len()];
    let mut score = vec![f32::NAN; s.cands.len()];
    for (k, cand) in s.cands.iter().enumerate() {
        keep[k] = if cand.level < level {
            // A level-0 competency is implied by any higher level, and so
            // are the others but those the training statements list beside
            // a higher level when their own words name them.
            cand.level > 0 && m.keep_lower[cand.comp as usize] && evidence(s, k) >= 1.0
        } else {
            cand.level == level
        };
    }
    // One candidate at the level is kept whatever the ranking says (it is
    // its own best): rank only when there is a choice to make, or none to
    // choose from.
    let at_level = (0..s.cands.len())
        .filter(|&k| keep[k] && s.cands[k].level == level)
        .count();
    let ranker = if at_level == 1 {
        None
    } else {
        m.rank(level, &s.rows, &mut ranked)
    };
    if let Some(r) = ranker {
        let p_of = |comp: u16| {
            r.classes
                .iter()
                .position(|&t| t == comp)
                .map_or(0.0, |j| ranked[j])
        };
        // The ranking's best competency joins the candidates when no rule,
        // term or concept named one at the level.
        if at_level == 0
            && let Some(j) = (0..r.classes.len())
                .max_by(|&a, &b| ranked[a].total_cmp(&ranked[b]).then(b.cmp(&a)))
        {
            let comp = r.classes[j];
            if !s.cands.iter().any(|x| x.comp == comp) {
                add(s, c, comp, Why::Model, NONE);
                keep.push(true);
                score.push(f32::NAN);
            }
        }
        // Ranking and own evidence together, in log odds.
        let combined: Vec<f32> = (0..s.cands.len())
            .map(|k| p_of(s.cands[k].comp).max(1e-6).ln() + m.evidence_boost * evidence(s, k))
            .collect();
        let best = (0..s.cands.len())
            .filter(|&k| keep[k] && s.cands[k].level == level)
            .map(|k| combined[k])
            .fold(f32::NEG_INFINITY, f32::max);
        // A competency one of the framework's own terms names, in words
        // of their own (several words), is kept whatever its ranking.
        let named = |s: &Scratch, k: usize| {
            s.evs.iter().any(|e| {
                e.cand as usize == k
                    && e.why == Why::Term
                    && s.hits.get(e.hit as usize).is_some_and(|h| h.len() >= 2)
            })
        };
        for k in 0..s.cands.len() {
            if keep[k] && s.cands[k].level == level {
                let rel = (combined[k] - best).exp();
                keep[k] = rel >= m.keep_ratio || named(s, k);
                score[k] = rel.max(if named(s, k) { m.keep_ratio } else { 0.0 });
            }
        }
    }
    s.ranked = ranked;
    // Drop what is not kept, renumbering the evidence.
    let mut new_index = vec![u16::MAX; s.cands.len()];
    let mut cands = Vec::with_capacity(s.cands.len());
    let mut scores = Vec::with_capacity(s.cands.len());
    for (k, cand) in s.cands.iter().enumerate() {
        if keep[k] {
            new_index[k] = cands.len() as u16;
            cands.push(*cand);
            scores.push(score[k]);
        }
    }
    s.evs.retain_mut(|e| {
        let n = new_index[e.cand as usize];
        e.cand = n;
        n != u16::MAX
    });
    s.cands = cands;
    s.cand_score = scores;
    s.level = s.cands.iter().map(|x| x.level).max();
}

/// A text of many statements (a job posting), read sentence by sentence
/// whatever its length, as [`run_long`] reads a long one.
pub(super) fn run_by_sentence(c: &Classifier, text: &str, s: &mut Scratch) {
    run_long(c, text, s);
}

/// A text longer than [`MAX_TEXT`], read piece by piece: the highest level;
/// each competency once, with the best score of its pieces and that
/// piece's evidence; depth from the first piece with a Bloom verb.
fn run_long(c: &Classifier, text: &str, s: &mut Scratch) {
    let mut merged = s.long.take().unwrap_or_default();
    merged.clear();
    let (mut level, mut depth, mut depth_max) = (None, None, Depth::Introduced);
    let mut probs = [0.0f32; 4];
    // Sentence by sentence: the model weighs the words of a statement,
    // and a pasted syllabus is many statements.
    for sentence in pieces(text).flat_map(sentences) {
        run_piece(c, sentence, s);
        if s.level > level || (level.is_none() && probs == [0.0; 4]) {
            probs = s.probs;
        }
        level = level.max(s.level);
        if s.bloom_found {
            depth.get_or_insert(s.depth);
            depth_max = depth_max.max(s.depth_max);
        }
        for new in suggestions(c, sentence, s) {
            match merged.iter_mut().find(|m| m.competency == new.competency) {
                Some(m) if m.score >= new.score => {}
                Some(m) => *m = new,
                None => merged.push(new),
            }
        }
    }
    s.probs = probs;
    s.bloom_found = depth.is_some();
    s.depth = depth.unwrap_or(Depth::Introduced);
    s.depth_max = depth_max;
    s.level = level;
    for m in &mut merged {
        m.depth = s.depth;
    }
    merged.sort_by(|a, b| (a.level, &a.competency).cmp(&(b.level, &b.competency)));
    s.long = Some(merged);
}

fn rules(c: &Classifier, text: &str, s: &mut Scratch) {
    mark_cues(s);
    if s.hits.is_empty() {
        return;
    }
    depth(s);
    // Nothing that can lead to a suggestion: done (most statements of a
    // real curriculum stop here).
    if !s.primary {
        return;
    }
    s.state.resize(s.hits.len(), State::Open);
    s.inside.resize(s.hits.len(), 0);
    containment(s);
    reject_vetoed(s);
    exclusions(c, s);
    resolve_ambiguous(s, text);
    let anchor = ai_anchor(s).or_else(|| trained_model(s));
    let ai = anchor.is_some();
    s.anchor = anchor.unwrap_or(NONE);
    suggest(c, s, ai);
    s.level = s.cands.iter().map(|c| c.level).max();
}

pub(super) fn match_only(c: &Classifier, text: &str, s: &mut Scratch) -> usize {
    // The first piece only: enough for profiling.
    let text = &text[..piece_end(text)];
    s.long = None;
    s.clear();
    normalize_coded(text, &mut s.norm, &c.vocab);
    collect_hits(c, s);
    s.hits.len()
}

/// Most hits kept for one piece of text, so that hit indices stay below
/// [`NONE`] and counts fit in `u16`. Only a framework whose terms repeat a
/// word many times over, read on a text repeating it, comes near.
const MAX_HITS: usize = NONE as usize;

// Word indices fit in `u16` too: a piece has fewer words than bytes.
const _: () = assert!(MAX_TEXT < NONE as usize);

fn collect_hits(c: &Classifier, s: &mut Scratch) {
    if !s.norm.known {
        return;
    }
    let a = &c.automaton;
    let mut state = a.start();
    s.first_ending.push(0);
    for (i, &id) in s.norm.ids.iter().enumerate() {
        state = a.next(state, id);
        let w1 = (i + 1) as u16;
        let outputs = a.outputs(state);
        if s.hits.len() + outputs.len() > MAX_HITS {
            // The rest of the piece is not read.
            break;
        }
        s.first_ending.push(s.hits.len() as u16);
        for o in outputs {
            let mut h = o.value;
            h.w0 = w1 - o.words;
            h.w1 = w1;
            s.hits.push(h);
        }
    }
    s.first_ending.push(s.hits.len() as u16);
    // Matches come in order of their last word (and for one last word,
    // longest first): reading order, nearly. `first_ending` relies on it.
    debug_assert!(s.hits.windows(2).all(|w| w[0].w1 <= w[1].w1));
}

fn mark_cues(s: &mut Scratch) {
    // No branch per hit: hits that are not cues mark the spare cue
    // `NO_CUE`, which nothing reads.
    let mut flags = 0u8;
    for (i, h) in s.hits.iter().enumerate() {
        let k = h.cue as usize;
        s.present[k / 64] |= 1 << (k % 64);
        // The first hit: indices only grow.
        s.first_of[k] = s.first_of[k].min(i as u16);
        flags |= h.flags;
        if let Meaning::Concept(c) = h.m
            && (c as usize) < 256
        {
            s.concepts_hit[c as usize / 64] |= 1 << (c % 64);
        }
    }
    s.primary = flags & PRIMARY != 0;
    s.any_alias = flags & ALIAS != 0;
    s.any_exclude = flags & EXCLUDE != 0;
    s.any_vetoed = flags & IN_VETO != 0;
    s.seen = s.present;
}

/// Cues that can start a suggestion; a statement with none of them (and no
/// term or alias) gets none.
fn is_primary(c: Cue) -> bool {
    is_ambiguous(c)
        || matches!(
            c,
            Cue::Ai
                | Cue::PredictiveModel
                | Cue::Train
                | Cue::Statistics
                | Cue::Spreadsheet
                | Cue::Visual
                | Cue::Software
        )
}

/// What a hit lies inside (bits of `Scratch::inside`).
const IN_VETO: u8 = 1;
/// Inside a term, a predictive-model phrase or a learning phrase: a noun
/// phrase, so a verb or object inside it is not an action.
const IN_PHRASE: u8 = 2;
const IN_TERM: u8 = 4;
/// Inside another cue or alias.
const IN_CUE: u8 = 8;
const IN_EXCLUDE: u8 = 16;
const IN_ANY: u8 = IN_VETO | IN_PHRASE | IN_TERM | IN_CUE | IN_EXCLUDE;

/// Anything inside a phrase that names another sense ("programmation
/// neuro-linguistique", "master of laws", "sensitivity analysis") is read in
/// that sense: rejected, and no longer counted as present.
fn reject_vetoed(s: &mut Scratch) {
    if !s.any_vetoed {
        return;
    }
    let mut any = false;
    for i in 0..s.hits.len() {
        if s.inside[i] & IN_VETO != 0 && !s.hits[i].cue().is_some_and(is_veto) {
            s.state[i] = State::Rejected;
            any = true;
        }
    }
    if !any {
        return;
    }
    s.present = [0; 2];
    s.first_of = [NONE; CUE_COUNT + 1];
    for i in 0..s.hits.len() {
        if let Some(cue) = s.hits[i].cue()
            && s.state[i] != State::Rejected
            && !s.has(cue)
        {
            s.mark(cue);
            s.first_of[cue as usize] = i as u16;
        }
    }
}

/// One pass over pairs of hits: what each hit lies strictly inside.
fn containment(s: &mut Scratch) {
    for j in 0..s.hits.len() {
        let o = s.hits[j];
        let gives = o.flags & IN_ANY;
        if gives == 0 {
            continue;
        }
        // The hits inside `o` end within it: between the first hit ending
        // after its first word and the first ending after its last.
        let first = s.first_ending[o.w0 as usize + 1] as usize;
        let end = s.first_ending[o.w1 as usize + 1] as usize;
        for i in first..end {
            let h = &s.hits[i];
            let inside = (o.w0 <= h.w0) & (h.len() < o.len());
            s.inside[i] |= gives & u8::from(inside).wrapping_neg();
        }
    }
}

/// Bloom verbs of every level, and of Apply and above.
const BLOOM: [Cue; 6] = [
    Cue::BloomRemember,
    Cue::BloomUnderstand,
    Cue::BloomApply,
    Cue::BloomAnalyze,
    Cue::BloomEvaluate,
    Cue::BloomCreate,
];
const BLOOM_ACTIVE: [Cue; 4] = [
    Cue::BloomApply,
    Cue::BloomAnalyze,
    Cue::BloomEvaluate,
    Cue::BloomCreate,
];

fn depth(s: &mut Scratch) {
    if !s.seen_any(&BLOOM) {
        return;
    }
    if let Some(i) = find_leading_verb(s) {
        s.lead = i as u16;
        let v = s.hits[i];
        s.knowing =
            s.has(Cue::Knowing) && s.hits.iter().any(|o| o.is(Cue::Knowing) && o.overlaps(&v));
    }
    let mut leading: Option<u8> = s.hits.get(s.lead as usize).and_then(Hit::bloom);
    let mut highest = 0u8;
    for h in &s.hits {
        if let Some(b) = h.bloom() {
            if leading.is_none() {
                leading = Some(b);
            }
            highest = highest.max(b);
        }
    }
    if let Some(l) = leading {
        s.bloom_found = true;
        // `Hit::bloom` counts from 1.
        s.depth = bloom_depth(usize::from(l) - 1);
        s.depth_max = bloom_depth(usize::from(highest) - 1);
    }
}

/// An `exclude` phrase of a competency rejects every hit it overlaps that
/// could lead to that competency: its terms, the patterns of the concepts
/// it binds, and mentions of AI (the phrase names another sense of the
/// words: "aortic insufficiency" for IA, "artificial insemination").
fn exclusions(c: &Classifier, s: &mut Scratch) {
    if !s.any_exclude {
        return;
    }
    for i in 0..s.hits.len() {
        let Meaning::Exclude { comp } = s.hits[i].m else {
            continue;
        };
        for j in 0..s.hits.len() {
            if !s.hits[j].overlaps(&s.hits[i]) {
                continue;
            }
            let blocked = match s.hits[j].m {
                Meaning::Term { comp: other, .. } => other == comp,
                Meaning::Concept(k) => c.concept_targets[k as usize].contains(&comp),
                Meaning::Cue(cue) => cue == Cue::Ai || is_ambiguous(cue),
                Meaning::Exclude { .. } => false,
            };
            if blocked {
                s.state[j] = State::Rejected;
            }
        }
    }
}

fn near(s: &Scratch, cue: Cue, h: &Hit, words: u16) -> bool {
    s.seen(cue)
        && s.hits
            .iter()
            .any(|o| o.is(cue) && o.w0 <= h.w1.saturating_add(words) && h.w0 <= o.w1 + words)
}

/// A hit of `cue` that does not overlap `h`.
fn other(s: &Scratch, cue: Cue, h: &Hit) -> bool {
    s.seen(cue) && s.hits.iter().any(|o| o.is(cue) && !o.overlaps(h))
}

fn prev_word_is_number(s: &Scratch, h: &Hit) -> bool {
    h.w0 > 0
        && s.norm
            .word(h.w0 as usize - 1)
            .first()
            .is_some_and(|b| b.is_ascii_digit())
}

/// The hit is written in plain letters: ASCII once fullwidth forms are
/// folded and invisible characters ignored. Accented letters are not.
fn quote_is_plain(s: &Scratch, text: &str, h: &Hit) -> bool {
    let q = quote(s, text, h);
    q.is_ascii() || q.nfkc().all(|c| c.is_ascii() || is_invisible(c))
}

fn resolve_ambiguous(s: &mut Scratch, text: &str) {
    if !s.has_any(AMBIGUOUS_SET) {
        return;
    }
    let n = s.hits.len();
    // Tokens inside a longer match take its meaning.
    for i in 0..n {
        let Some(cue) = s.hits[i].cue() else { continue };
        if !is_ambiguous(cue) || s.state[i] == State::Rejected {
            continue;
        }
        let inside = s.inside[i];
        s.state[i] = if inside & IN_EXCLUDE != 0 {
            State::Rejected
        } else if inside & IN_TERM != 0 {
            State::Accepted
        } else if inside & IN_CUE != 0 {
            State::Subsumed
        } else {
            State::Open
        };
    }
    // Vetoes from context.
    let strong = |s: &Scratch, h: &Hit| {
        s.hits.iter().enumerate().any(|(j, o)| {
            !o.overlaps(h)
                && (o.is(Cue::Ai) || (s.state[j] == State::Accepted && o.is_in(AMBIGUOUS_SET)))
        })
    };
    for i in 0..n {
        if s.state[i] != State::Open {
            continue;
        }
        let h = s.hits[i];
        let Some(cue) = h.cue() else { continue };
        let veto = match cue {
            // Bare AI read from accented letters is mojibake ("‚Äì"), not AI.
            Cue::AiBare => s.has(Cue::ClinicalSense) || !quote_is_plain(s, text, &h),
            Cue::AiLikely => near(s, Cue::ClinicalSense, &h, 4),
            Cue::Ml | Cue::Dl => prev_word_is_number(s, &h) || near(s, Cue::Unit, &h, 1),
            Cue::Llm => s.has(Cue::Law),
            Cue::Gpt => s.has(Cue::Liver),
            Cue::DeepLearning => s.has(Cue::Pedagogy) && !strong(s, &h),
            Cue::NeuralNet => s.has(Cue::Neuro) && !strong(s, &h),
            Cue::Algorithm => s.has(Cue::Guideline) && !strong(s, &h),
            Cue::Prompt => s.has(Cue::Behaviour),
            Cue::Nlp => s.has(Cue::NeuroLinguistic),
            _ => false,
        };
        if veto {
            s.state[i] = State::Rejected;
        }
    }
    // Acceptance: unambiguous AI elsewhere, another ambiguous AI token
    // not vetoed (they confirm each other), or supporting context.
    for _ in 0..2 {
        for i in 0..n {
            if s.state[i] != State::Open {
                continue;
            }
            let h = s.hits[i];
            let Some(cue) = h.cue() else { continue };
            if !is_ambiguous(cue) {
                continue;
            }
            let mutual = s.hits.iter().enumerate().any(|(j, o)| {
                j != i
                    && !o.overlaps(&h)
                    && o.is_in(AMBIGUOUS_SET)
                    && !o.is(cue)
                    && !o.is(Cue::AiLikely)
                    && matches!(s.state[j], State::Open | State::Accepted)
            });
            // Technology words nearby, or a task a model performs ("AI for
            // caries detection").
            let support = other(s, Cue::AiSupport, &h) || other(s, Cue::Task, &h) || s.any_alias;
            let accept = strong(s, &h)
                || match cue {
                    Cue::AiLikely | Cue::Llm | Cue::Nlp | Cue::DeepLearning => true,
                    // "A.I." with its dots is never a disease.
                    Cue::AiBare => mutual || support || quote(s, text, &h).contains('.'),
                    Cue::Gpt | Cue::Prompt | Cue::Rag => mutual || support,
                    // "ML" in capitals is machine learning (the unit is
                    // written "ml" or "mL", after a number: vetoed above).
                    Cue::Ml | Cue::Dl => {
                        mutual
                            || support
                            || quote(s, text, &h) == "ML"
                            || s.has(Cue::Model)
                            || s.has(Cue::PredictiveModel)
                            || s.has(Cue::Build)
                            || s.has(Cue::Predict)
                    }
                    Cue::NeuralNet => {
                        mutual
                            || support
                            || s.has(Cue::Build)
                            || s.has(Cue::Train)
                            || s.has(Cue::Predict)
                    }
                    Cue::Algorithm => {
                        mutual
                            || near(s, Cue::Task, &h, 2)
                            || s.has(Cue::PredictiveModel)
                            || s.has(Cue::Predict)
                            || s.has(Cue::TopicBias)
                            || ((s.has(Cue::Metric) || s.has(Cue::Performance))
                                && s.has(Cue::DataObject))
                    }
                    _ => false,
                };
            if accept {
                s.state[i] = State::Accepted;
            }
        }
    }
    for i in 0..n {
        if s.state[i] == State::Open && s.hits[i].is_in(AMBIGUOUS_SET) {
            s.state[i] = State::Rejected;
        }
    }
}

/// The first hit that establishes AI: an unambiguous mention, a predictive
/// model, or an ambiguous token read as AI.
fn ai_anchor(s: &Scratch) -> Option<u16> {
    s.hits.iter().enumerate().find_map(|(i, h)| {
        let yes = match h.cue() {
            Some(Cue::Ai) | Some(Cue::PredictiveModel) => {
                s.inside[i] & IN_VETO == 0 && s.state[i] != State::Rejected
            }
            Some(c) if is_ambiguous(c) => s.state[i] == State::Accepted,
            _ => false,
        };
        yes.then_some(i as u16)
    })
}

/// "Train a model", "entraîner un modèle": training is machine-learning
/// vocabulary (statistics fits models), so it establishes AI.
fn trained_model(s: &Scratch) -> Option<u16> {
    if !s.seen(Cue::Train) || !s.seen(Cue::Model) {
        return None;
    }
    let train = (0..s.hits.len())
        .find(|&i| s.hits[i].is(Cue::Train) && free(s, i) && !negated(s, &s.hits[i]))?;
    (0..s.hits.len())
        .any(|i| s.hits[i].is(Cue::Model) && free(s, i) && s.state[i] != State::Rejected)
        .then_some(train as u16)
}

fn add(s: &mut Scratch, c: &Classifier, comp: u16, why: Why, hit: u16) {
    let level = c.targets[comp as usize].level;
    let cand = match s.cands.iter().position(|x| x.comp == comp) {
        Some(i) => i,
        None => {
            s.cands.push(Cand { comp, level });
            s.cands.len() - 1
        }
    };
    let ev = Ev {
        cand: cand as u16,
        why,
        hit,
    };
    if !s
        .evs
        .iter()
        .any(|e| e.cand == ev.cand && e.why == ev.why && e.hit == ev.hit)
    {
        s.evs.push(ev);
    }
}

/// A verb or object cue that is part of a longer noun phrase ("training
/// data", "prediction model", "données d'entraînement") is not an action.
fn free(s: &Scratch, i: usize) -> bool {
    s.inside[i] & IN_PHRASE == 0
}

/// The first free hit of `cue`.
fn first_free(s: &Scratch, cue: Cue) -> Option<u16> {
    let start = first(s, cue)? as usize;
    (start..s.hits.len())
        .find(|&i| s.hits[i].is(cue) && free(s, i))
        .map(|i| i as u16)
}

fn first(s: &Scratch, cue: Cue) -> Option<u16> {
    let i = s.first_of[cue as usize];
    (i != NONE).then_some(i)
}

/// Words after which the verb of an outcome comes: "students will be able
/// to", "l'étudiant sera capable de", a list number.
fn opens_outcome(word: &[u8]) -> bool {
    matches!(
        word,
        b"to"
            | b"will"
            | b"shall"
            | b"should"
            | b"must"
            | b"can"
            | b"de"
            | b"capable"
            | b"able"
            | b"savoir"
            | b"doit"
            | b"i"
            | b"ii"
            | b"iii"
            | b"a"
            | b"b"
            | b"c"
    ) || word.iter().all(|b| b.is_ascii_digit())
}

/// The Bloom hit that leads the statement: one of its first words, or the
/// first word after "able to", "capable de", a list number, a colon.
fn find_leading_verb(s: &Scratch) -> Option<usize> {
    s.hits.iter().position(|h| {
        h.bloom().is_some()
            && (h.w0 <= 2
                || s.norm.words[h.w0 as usize].after_break
                || opens_outcome(s.norm.word(h.w0 as usize - 1)))
    })
}

/// A hit that is also a Bloom verb of level Apply or above: an action the
/// learner takes, not a word describing something.
fn active(s: &Scratch, h: &Hit) -> bool {
    s.seen_any(&BLOOM_ACTIVE)
        && s.hits
            .iter()
            .any(|o| o.overlaps(h) && o.bloom().is_some_and(|b| b >= 3))
}

fn negated(s: &Scratch, h: &Hit) -> bool {
    s.has(Cue::Negation)
        && s.hits
            .iter()
            .any(|o| o.is(Cue::Negation) && o.w1 <= h.w0 && h.w0 <= o.w1 + 2)
}

/// The engine's conditions (`@…` in the rule table), worked out once per
/// statement; each with the hit a rule quotes for it, `NONE` when there is
/// none to quote.
#[derive(Debug, Clone, Copy)]
struct Conditions {
    ai: u16,
    knowing: bool,
    conceptual: bool,
    on_data: Option<u16>,
    model: bool,
    model_named: bool,
    building: Option<u16>,
    predicting: Option<u16>,
}

fn conditions(s: &Scratch, ai: bool) -> Conditions {
    let knowing = s.knowing;
    // A conceptual statement about AI does not teach hands-on skills.
    let conceptual =
        ai && s.has(Cue::Conceptual) && knowing && !s.has(Cue::DataObject) && !s.has(Cue::Software);
    let building = (0..if s.seen_any(&[Cue::Build, Cue::Train]) {
        s.hits.len()
    } else {
        0
    })
        .find(|&i| {
            let h = &s.hits[i];
            h.is(Cue::Build) | h.is(Cue::Train)
                && s.state[i] != State::Rejected
                && free(s, i)
                && !negated(s, h)
                && (!knowing || active(s, h) || s.has(Cue::OwnModel))
        })
        .map(|i| i as u16)
        .or_else(|| {
            // A statement that opens with "Model …" or "Modéliser".
            s.seen(Cue::Model)
                .then(|| s.hits.iter().position(|h| h.w0 == 0 && h.is(Cue::Model)))
                .flatten()
                .map(|i| i as u16)
        });
    let model_named = first_free(s, Cue::Model).is_some()
        || s.has(Cue::PredictiveModel)
        || s.has(Cue::MlMention)
        || (s.seen_any(&[Cue::Ml, Cue::NeuralNet, Cue::DeepLearning, Cue::Dl])
            && s.hits.iter().enumerate().any(|(i, h)| {
                matches!(
                    h.cue(),
                    Some(Cue::Ml | Cue::NeuralNet | Cue::DeepLearning | Cue::Dl)
                ) && s.state[i] == State::Accepted
            }));
    Conditions {
        ai: s.anchor,
        knowing,
        conceptual,
        on_data: first_free(s, Cue::DataObject),
        model: ai || s.has(Cue::PredictiveModel) || s.has(Cue::Model),
        model_named,
        building,
        predicting: if knowing {
            None
        } else {
            first_free(s, Cue::Predict)
        },
    }
}

/// What the rules and the gate need of one statement as it is read.
struct Reading<'a> {
    c: &'a Classifier,
    when: Conditions,
    /// Level-2 concepts found: (key, hit, why). Terms are keyed by their
    /// pattern, concepts by [`CONCEPT_KEY`] plus their index, so two
    /// phrases of one concept count once.
    found: Vec<(u32, u16, Why)>,
}

const CONCEPT_KEY: u32 = 1_000_000;

impl Reading<'_> {
    /// Level-2 concept `key` found at `hit`, unless the same concept or the
    /// same words were found already (two patterns reading one phrase).
    fn push(&mut self, s: &Scratch, key: u32, hit: u16, why: Why) {
        let h = &s.hits[hit as usize];
        if !self
            .found
            .iter()
            .any(|f| f.0 == key || s.hits[f.1 as usize].overlaps(h))
        {
            self.found.push((key, hit, why));
        }
    }

    /// Suggests what concept `k` stands for, for the reason `why`: level-0
    /// competencies only when AI is established, level-1 ones unless the
    /// statement is conceptual, level-2 ones as found concepts for the gate.
    fn suggest(&mut self, s: &mut Scratch, k: u16, why: Why, hit: u16) {
        let c = self.c;
        let ai = self.when.ai != NONE;
        let mut l2 = false;
        for j in 0..c.concept_targets[k as usize].len() {
            let comp = c.concept_targets[k as usize][j];
            match c.targets[comp as usize].level {
                0 if ai => add(s, c, comp, why, hit),
                1 if !self.when.conceptual => add(s, c, comp, why, hit),
                2 => l2 = true,
                _ => {}
            }
        }
        if l2 && hit != NONE {
            self.push(s, CONCEPT_KEY + u32::from(k), hit, why);
        }
    }
}

/// The competencies the statement's terms, concepts and rules suggest, and
/// the level-2 gate.
fn suggest(c: &Classifier, s: &mut Scratch, ai: bool) {
    let mut r = Reading {
        c,
        when: conditions(s, ai),
        found: std::mem::take(&mut s.found),
    };
    r.found.clear();
    // Terms, and concepts no rule governs, in reading order.
    for i in 0..s.hits.len() {
        if s.state[i] == State::Rejected {
            continue;
        }
        let h = s.hits[i];
        match h.m {
            Meaning::Term { comp, .. } => match c.targets[comp as usize].level {
                0 if ai => add(s, c, comp, Why::Term, i as u16),
                1 if !r.when.conceptual => add(s, c, comp, Why::Term, i as u16),
                2 => r.push(s, u32::from(h.pat), i as u16, Why::Term),
                _ => {}
            },
            Meaning::Concept(k) if !c.governed[k as usize] => {
                // A level-2 concept inside a longer level-2 match is that
                // match's.
                let inside = c.concept_l2[k as usize]
                    && s.hits.iter().any(|o| {
                        o.contains(&h)
                            && (matches!(o.m, Meaning::Concept(b) if c.concept_l2[b as usize])
                                || matches!(o.m, Meaning::Term { .. }))
                    });
                if !inside {
                    r.suggest(s, k, Why::Concept(k), i as u16);
                }
            }
            _ => {}
        }
    }
    // The rule table, in order.
    for (ri, rule) in c.rules.rules.iter().enumerate() {
        if let Some(hit) = fires(s, &r, rule) {
            r.suggest(s, rule.suggests as u16, Why::Rule(ri as u16), hit);
        }
    }
    gate(s, &mut r);
    s.found = r.found;
}

/// The first hit of `sig` that counts for `rule`, `Some(NONE)` for a
/// condition that holds without a hit to quote, `None` when absent.
fn signal_hit(s: &Scratch, r: &Reading<'_>, rule: &Rule, sig: Signal) -> Option<u16> {
    let counts = |i: usize| {
        let h = &s.hits[i];
        s.state[i] != State::Rejected
            && !(rule.kind == RuleKind::Topic && s.inside[i] & IN_TERM != 0)
            && !rule.not_overlapping.iter().any(|&v| {
                s.seen(v)
                    && s.hits
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != i && o.is(v) && o.overlaps(h))
            })
    };
    match sig {
        Signal::Cue(cue) => {
            if !s.seen(cue) {
                return None;
            }
            let ambiguous = is_ambiguous(cue);
            (0..s.hits.len())
                .find(|&i| {
                    s.hits[i].is(cue) && counts(i) && (!ambiguous || s.state[i] == State::Accepted)
                })
                .map(|i| i as u16)
        }
        Signal::Concept(k) if k < 256 && s.concepts_hit[k / 64] & (1 << (k % 64)) == 0 => None,
        Signal::Concept(k) => (0..s.hits.len())
            .find(|&i| matches!(s.hits[i].m, Meaning::Concept(x) if x as usize == k) && counts(i))
            .map(|i| i as u16),
        Signal::When(w) => {
            let w_ = &r.when;
            let yes = |b: bool| b.then_some(NONE);
            match w {
                Condition::Ai => (w_.ai != NONE).then_some(w_.ai),
                Condition::Knowing => yes(w_.knowing),
                Condition::Conceptual => yes(w_.conceptual),
                Condition::OnData => w_.on_data,
                Condition::Software => {
                    yes(s.has(Cue::Software) || s.cands.iter().any(|x| x.level == 1))
                }
                Condition::Model => yes(w_.model),
                Condition::ModelNamed => yes(w_.model_named),
                Condition::Building => w_.building,
                Condition::Predicting => w_.predicting,
                Condition::L2Found => yes(!r.found.is_empty()),
                Condition::AnyCandidate => yes(!s.cands.is_empty() || !r.found.is_empty()),
            }
        }
    }
}

/// Whether `rule` fires, and the hit its evidence quotes.
fn fires(s: &Scratch, r: &Reading<'_>, rule: &Rule) -> Option<u16> {
    let mut quote = None;
    for &sig in &rule.all {
        let hit = signal_hit(s, r, rule, sig)?;
        if rule.quote.is_none_or(|q| q == sig) && quote.is_none() && hit != NONE {
            quote = Some(hit);
        }
    }
    if !rule.any.is_empty() {
        let mut any = false;
        for &sig in &rule.any {
            if let Some(hit) = signal_hit(s, r, rule, sig) {
                any = true;
                if rule.quote.is_none_or(|q| q == sig) && quote.is_none() && hit != NONE {
                    quote = Some(hit);
                }
            }
        }
        if !any {
            return None;
        }
    }
    if rule
        .none
        .iter()
        .any(|&sig| signal_hit(s, r, rule, sig).is_some())
    {
        return None;
    }
    // A rule whose signals are all conditions without a hit quotes nothing.
    Some(quote.unwrap_or(NONE))
}

/// The level-2 gate: the level-2 concepts found are suggested only with
/// strong evidence — two distinct concepts, or one with a building verb
/// (or a prediction by a method) that is not negated, in an advanced
/// course, or applied to data — and never in a conceptual statement, nor
/// for a vendor's model alone. With a fitted model the gate is one of its
/// features and the model decides the level; the concepts stay candidates.
fn gate(s: &mut Scratch, r: &mut Reading<'_>) {
    if r.found.is_empty() || (r.when.ai == NONE && r.c.model.is_none()) {
        return;
    }
    let method = !r.found.is_empty();
    let building = r.when.building.or(if method && !s.has(Cue::Appraise) {
        r.when.predicting
    } else {
        None
    });
    let knowing = r.when.knowing;
    let conceptual = s.has(Cue::Conceptual);
    let vendor_only = s.has(Cue::Vendor) && !s.has(Cue::OwnModel);
    let advanced = first(s, Cue::Advanced);
    let on_data = if knowing || conceptual || s.has(Cue::Appraise) {
        None
    } else {
        r.when.on_data
    };
    let gate = if vendor_only {
        None
    } else if let Some(b) = building {
        Some(Gate::Building(b))
    } else if r.found.len() >= 2 && !conceptual && !knowing && !s.has(Cue::Appraise) {
        Some(Gate::TwoConcepts)
    } else if let Some(a) = advanced.filter(|_| !conceptual && !knowing) {
        Some(Gate::Advanced(a))
    } else {
        on_data.map(Gate::OnData)
    };
    s.gate = gate;
    if gate.is_none() && r.c.model.is_none() {
        return;
    }
    let c = r.c;
    for &(_, hit, why) in r.found.iter() {
        match why {
            Why::Concept(k) | Why::Rule(k) => {
                let k = match why {
                    Why::Rule(ri) => c.rules.rules[ri as usize].suggests as u16,
                    _ => k,
                };
                for j in 0..c.concept_targets[k as usize].len() {
                    let comp = c.concept_targets[k as usize][j];
                    if c.targets[comp as usize].level == 2 {
                        add(s, c, comp, why, hit);
                    }
                }
            }
            _ => {
                if let Meaning::Term { comp, .. } = s.hits[hit as usize].m {
                    add(s, c, comp, Why::Term, hit);
                }
            }
        }
    }
}

fn quote<'t>(s: &Scratch, text: &'t str, h: &Hit) -> &'t str {
    let words = &s.norm.words;
    let (a, b) = (words[h.w0 as usize], words[h.w1 as usize - 1]);
    text.get(a.orig_start as usize..b.orig_end as usize)
        .unwrap_or("")
}

/// The model's part of the evidence: the level's probability and the
/// features that weighed most for it.
fn model_evidence(c: &Classifier, m: &super::model::Model, s: &Scratch, class: usize) -> Evidence {
    let top = m.top_level_features(&s.rows, class, 4);
    let words = s.word_list(c);
    let features = top
        .iter()
        .map(|&(r, w)| {
            let what = match m.words_of(r, &words) {
                Some(text) => Feature::Words(text.to_string()),
                None => describe_feature(&m.names[r as usize]),
            };
            (what, w)
        })
        .collect();
    Evidence::Model {
        level: (class - 1) as u8,
        probability: s.probs[class],
        features,
    }
}

/// A feature name as data a reader's words can describe.
fn describe_feature(name: &str) -> Feature {
    let (kind, rest) = name.split_once(':').unwrap_or(("", name));
    let rest = rest.to_owned();
    match kind {
        "cue" => Feature::Cue(rest),
        "concept" => Feature::Concept(rest),
        "term" => Feature::TermOf(rest),
        "term-level" => Feature::TermLevel(rest),
        "cand" => Feature::RuleFor(rest),
        "cand-level" => Feature::RuleLevel(rest),
        "gate" => Feature::Gate(rest),
        "state" if rest == "ai" => Feature::AiNamed,
        "state" if rest == "knowing" => Feature::Knowing,
        "lead" => match rest.split_once("+level:") {
            Some((class, level)) => match level.parse() {
                Ok(level) => Feature::Lead {
                    class: class.to_owned(),
                    level,
                },
                Err(_) => Feature::Other(name.to_owned()),
            },
            None => Feature::Other(name.to_owned()),
        },
        _ => Feature::Other(name.to_owned()),
    }
}

/// Base confidence of one piece of evidence.
fn weight(c: &Classifier, why: Why, h: Option<&Hit>) -> f32 {
    let long = h.is_some_and(|h| h.len() >= 2);
    match why {
        Why::Term if long => 0.85,
        Why::Term => 0.75,
        Why::Concept(_) => 0.7,
        Why::Rule(r) => match c.rules.rules[r as usize].kind {
            RuleKind::Concept | RuleKind::Rule => 0.7,
            RuleKind::ReadAs => 0.65,
            RuleKind::Topic => 0.55,
            RuleKind::Generic => 0.5,
        },
        Why::Model => 0.0,
    }
}

pub(super) fn suggestions(c: &Classifier, text: &str, s: &Scratch) -> Vec<Suggested> {
    if let Some(merged) = &s.long {
        return merged.clone();
    }
    let mut order: Vec<usize> = (0..s.cands.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&s.cands[a], &s.cands[b]);
        (x.level, &c.targets[x.comp as usize].id).cmp(&(y.level, &c.targets[y.comp as usize].id))
    });
    let mut out = Vec::with_capacity(order.len());
    for k in order {
        let cand = s.cands[k];
        let mut evs: Vec<&Ev> = s.evs.iter().filter(|e| e.cand as usize == k).collect();
        // Reading order; for the same words, a framework term first.
        evs.sort_by_key(|e| {
            let (w0, w1) = s
                .hits
                .get(e.hit as usize)
                .map_or((u16::MAX, u16::MAX), |h| (h.w0, h.w1));
            (w0, w1, u8::from(e.why != Why::Term))
        });
        let mut evidence = Vec::with_capacity(evs.len() + 1);
        let mut miss = 1.0f32;
        // Words quoted once: evidence whose words lie inside the words of
        // another piece of this candidate's evidence, or repeat them, adds
        // nothing a reader needs (the term "SQL" and the concept "SQL").
        let spans: Vec<(u16, u16)> = evs
            .iter()
            .filter_map(|e| s.hits.get(e.hit as usize).map(|h| (h.w0, h.w1)))
            .collect();
        let mut quoted: Vec<(u16, u16)> = Vec::new();
        for e in &evs {
            if let Some(h) = s.hits.get(e.hit as usize) {
                let inside = spans
                    .iter()
                    .any(|&(a, b)| a <= h.w0 && h.w1 <= b && b - a > h.w1 - h.w0);
                if inside || quoted.contains(&(h.w0, h.w1)) {
                    miss *= 1.0 - weight(c, e.why, Some(h));
                    continue;
                }
                quoted.push((h.w0, h.w1));
            }
            if e.why == Why::Model {
                evidence.push(Evidence::Ranked);
                continue;
            }
            let h = s.hits.get(e.hit as usize);
            miss *= 1.0 - weight(c, e.why, h);
            let q = h.map_or("", |h| quote(s, text, h)).to_owned();
            let piece = match e.why {
                Why::Term => match h.map(|h| h.m) {
                    Some(Meaning::Term { term, .. }) => {
                        let t = &c.terms[term as usize];
                        Evidence::Term {
                            quoted: q,
                            term: t.text.clone(),
                            via: t.via.as_ref().map(|v| v.to_string()),
                        }
                    }
                    _ => Evidence::Words { quoted: q },
                },
                Why::Concept(k) => Evidence::Concept {
                    quoted: q,
                    concept: c.concept_id(k).to_owned(),
                },
                Why::Rule(r) => {
                    let rule = &c.rules.rules[r as usize];
                    let kind = match rule.kind {
                        RuleKind::Concept => RuleUse::Concept,
                        RuleKind::ReadAs => RuleUse::ReadAs,
                        RuleKind::Topic => RuleUse::Topic,
                        RuleKind::Rule => RuleUse::Rule,
                        RuleKind::Generic => RuleUse::Generic,
                    };
                    let anchor = match rule.kind {
                        RuleKind::Topic => s
                            .hits
                            .get(s.anchor as usize)
                            .map(|a| quote(s, text, a).to_owned()),
                        _ => None,
                    };
                    Evidence::Rule {
                        rule: rule.id.clone(),
                        kind,
                        quoted: h.map(|_| q),
                        concept: c.concept_id(rule.suggests as u16).to_owned(),
                        anchor,
                    }
                }
                Why::Model => continue,
            };
            if !evidence.contains(&piece) {
                evidence.push(piece);
            }
        }
        let mut score = 1.0 - miss;
        if cand.level == 2 {
            let quoted = |i: u16| Some(quote(s, text, &s.hits[i as usize]).to_owned());
            match s.gate {
                Some(Gate::TwoConcepts) => {
                    evidence.push(Evidence::Gate {
                        gate: GateUse::TwoConcepts,
                        quoted: None,
                    });
                    score *= 0.95;
                }
                Some(Gate::Building(b)) => {
                    evidence.push(Evidence::Gate {
                        gate: GateUse::Building {
                            several: s.found.len() >= 2,
                        },
                        quoted: quoted(b),
                    });
                    if s.found.len() < 2 {
                        score *= 0.92;
                    }
                }
                Some(Gate::Advanced(d)) => {
                    evidence.push(Evidence::Gate {
                        gate: GateUse::Advanced,
                        quoted: quoted(d),
                    });
                    score *= 0.85;
                }
                Some(Gate::OnData(d)) => {
                    evidence.push(Evidence::Gate {
                        gate: GateUse::OnData,
                        quoted: quoted(d),
                    });
                    score *= 0.85;
                }
                None => {}
            }
        }
        if let Some(m) = &c.model {
            let level = usize::from(cand.level);
            if Some(cand.level) == s.level {
                let rank = s
                    .cand_score
                    .get(k)
                    .copied()
                    .filter(|x| !x.is_nan())
                    .unwrap_or(1.0);
                score = s.probs[level + 1] * rank;
                evidence.push(model_evidence(c, m, s, level + 1));
            } else {
                score *= 1.0 - s.probs[0];
            }
        }
        let score = (score.min(0.98) * 100.0).round() / 100.0;
        out.push(Suggested {
            competency: c.targets[cand.comp as usize].id.clone(),
            level: cand.level,
            depth: s.depth,
            score,
            evidence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_into_pieces_after_sentence_breaks() {
        let sentence = "Soins infirmiers en gériatrie. ";
        let text = sentence.repeat(2 * MAX_TEXT / sentence.len());
        let parts: Vec<&str> = pieces(&text).collect();
        assert!(parts.len() >= 2);
        assert_eq!(parts.concat(), text);
        for p in &parts {
            assert!(p.len() <= MAX_TEXT);
            assert!(text.len() == p.len() || p.ends_with(". ") || text.ends_with(p));
        }
        assert_eq!(pieces("Short.").collect::<Vec<_>>(), ["Short."]);
        assert_eq!(pieces("").count(), 0);
    }

    #[test]
    fn a_long_text_without_breaks_is_cut_at_spaces_or_characters() {
        let words = "données ".repeat(MAX_TEXT);
        for p in pieces(&words) {
            assert!(p.len() <= MAX_TEXT && p.ends_with(' '));
        }
        let word = "é".repeat(MAX_TEXT);
        let parts: Vec<&str> = pieces(&word).collect();
        assert_eq!(parts.concat(), word);
        assert!(parts.iter().all(|p| p.len() <= MAX_TEXT));
    }

    #[test]
    fn cue_bytes_answer_like_the_cues() {
        let mut seen = 0;
        let lexicon = crate::framework::Lexicon::builtin().unwrap();
        for cue in lexicon.entries.iter().flat_map(|e| e.cues.iter().copied()) {
            let h = Hit::template(0, 1, Meaning::Cue(cue));
            assert_eq!(h.bloom(), cue.bloom(), "{cue:?}");
            assert_eq!(h.is_in(AMBIGUOUS_SET), is_ambiguous(cue), "{cue:?}");
            assert!(h.is(cue));
            seen += 1;
        }
        assert!(seen > CUE_COUNT);
        let term = Hit::template(0, 2, Meaning::Term { comp: 0, term: 0 });
        assert_eq!((term.bloom(), term.is_in(AMBIGUOUS_SET)), (None, false));
    }
}
