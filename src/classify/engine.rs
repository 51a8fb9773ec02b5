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

use super::concepts::Alias;
use super::{Classifier, Meaning, Suggested};
use crate::framework::knowledge::{CUE_COUNT, Cue};
use crate::model::Depth;
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
            Meaning::Cue(_) | Meaning::Alias(_) => IN_CUE,
            Meaning::Term { .. } => IN_TERM | IN_PHRASE,
            Meaning::Exclude { .. } => IN_EXCLUDE,
        };
        let kind = match m {
            Meaning::Cue(c) if is_primary(c) => PRIMARY,
            Meaning::Cue(_) => 0,
            Meaning::Term { .. } => PRIMARY,
            Meaning::Alias(_) => PRIMARY | ALIAS,
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
    Term,
    Cue(Alias),
    ReadAs(Alias),
    Topic(Alias),
    Rule(Alias),
    Generic,
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
    /// Level-2 concepts found: (key, hit, alias). All of them are
    /// suggested when the statement passes the gate.
    found: Vec<(u32, u16, Option<Alias>)>,
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
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            norm: Normalized::default(),
            hits: Vec::new(),
            state: Vec::new(),
            inside: Vec::new(),
            present: [0; 2],
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
}

/// A text longer than [`MAX_TEXT`], read piece by piece: the highest level;
/// each competency once, with the best score of its pieces and that
/// piece's evidence; depth from the first piece with a Bloom verb.
fn run_long(c: &Classifier, text: &str, s: &mut Scratch) {
    let mut merged = s.long.take().unwrap_or_default();
    merged.clear();
    let (mut level, mut depth, mut depth_max) = (None, None, Depth::Introduced);
    for piece in pieces(text) {
        run_piece(c, piece, s);
        level = level.max(s.level);
        if s.bloom_found {
            depth.get_or_insert(s.depth);
            depth_max = depth_max.max(s.depth_max);
        }
        for new in suggestions(c, piece, s) {
            match merged.iter_mut().find(|m| m.competency == new.competency) {
                Some(m) if m.score >= new.score => {}
                Some(m) => *m = new,
                None => merged.push(new),
            }
        }
    }
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
    exclusions(s);
    resolve_ambiguous(s, text);
    let anchor = ai_anchor(s).or_else(|| trained_model(s));
    let ai = anchor.is_some();
    s.anchor = anchor.unwrap_or(NONE);
    level_one(c, s, ai);
    level_two(c, s, ai);
    level_zero(c, s, ai);
    generic(c, s, ai);
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

fn exclusions(s: &mut Scratch) {
    if !s.any_exclude {
        return;
    }
    for i in 0..s.hits.len() {
        let Meaning::Exclude { comp } = s.hits[i].m else {
            continue;
        };
        for j in 0..s.hits.len() {
            if let Meaning::Term { comp: other, .. } = s.hits[j].m
                && other == comp
                && s.hits[j].overlaps(&s.hits[i])
            {
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
                    Cue::Ml | Cue::Dl => {
                        mutual
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
            Some(Cue::Ai) | Some(Cue::PredictiveModel) => s.inside[i] & IN_VETO == 0,
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

fn add_alias(s: &mut Scratch, c: &Classifier, alias: Alias, why: Why, hit: u16, level: u8) {
    for k in 0..c.alias_targets[alias as usize].len() {
        let comp = c.alias_targets[alias as usize][k];
        if c.targets[comp as usize].level == level {
            add(s, c, comp, why, hit);
        }
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

fn term_level(c: &Classifier, m: Meaning) -> Option<u8> {
    match m {
        Meaning::Term { comp, .. } => Some(c.targets[comp as usize].level),
        _ => None,
    }
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

fn level_zero(c: &Classifier, s: &mut Scratch, ai: bool) {
    if !ai {
        return;
    }
    // Topic words pick a level-0 competency only in a statement about AI
    // itself; in a hands-on statement they are noise ("detection" in a
    // named-entity task).
    let topics = s.cands.iter().all(|x| x.level == 0);
    for i in 0..s.hits.len() {
        let h = s.hits[i];
        if matches!(s.state[i], State::Rejected) {
            continue;
        }
        match h.m {
            Meaning::Term { comp, .. }
                if term_level(c, h.m) == Some(0) && Some(comp) != c.generic =>
            {
                add(s, c, comp, Why::Term, i as u16);
            }
            Meaning::Alias(a) => {
                add_alias(s, c, a, Why::Cue(a), i as u16, 0);
            }
            Meaning::Cue(cue) if s.state[i] == State::Accepted => {
                let alias = match cue {
                    Cue::Llm | Cue::Gpt | Cue::Prompt => Some(Alias::GenerativeUse),
                    _ => None,
                };
                if let Some(a) = alias {
                    add_alias(s, c, a, Why::ReadAs(a), i as u16, 0);
                }
            }
            // A topic word inside a term ("bias" in "automation bias") is
            // the term's, not a topic of its own.
            Meaning::Cue(cue) if topics && s.inside[i] & IN_TERM == 0 => {
                let alias = match cue {
                    Cue::TopicUses => Alias::Uses,
                    Cue::TopicBias => Alias::Bias,
                    Cue::TopicPrivacy => Alias::Privacy,
                    Cue::TopicRegulation => Alias::Regulation,
                    Cue::TopicEthics => Alias::Ethics,
                    Cue::TopicDecision => Alias::DecisionSupport,
                    Cue::TopicWorkflow => Alias::Workflow,
                    Cue::TopicIntegrity => Alias::Integrity,
                    Cue::TopicLearning => Alias::TrainingData,
                    Cue::Appraise => Alias::Appraisal,
                    Cue::TopicCommunicate if s.has(Cue::Patient) => Alias::Communicate,
                    _ => continue,
                };
                add_alias(s, c, alias, Why::Topic(alias), i as u16, 0);
            }
            _ => {}
        }
    }
}

fn level_one(c: &Classifier, s: &mut Scratch, ai: bool) {
    // A conceptual statement about AI does not teach hands-on skills.
    let conceptual = ai
        && s.has(Cue::Conceptual)
        && s.knowing
        && !s.has(Cue::DataObject)
        && !s.has(Cue::Software);
    let mut r_ok = false;
    for i in 0..s.hits.len() {
        let h = s.hits[i];
        if matches!(s.state[i], State::Rejected) {
            continue;
        }
        match h.m {
            Meaning::Term { comp, .. } if term_level(c, h.m) == Some(1) && !conceptual => {
                add(s, c, comp, Why::Term, i as u16);
            }
            Meaning::Alias(Alias::RProgramming) => {
                let vetoed =
                    s.seen(Cue::RVeto) && s.hits.iter().any(|o| o.is(Cue::RVeto) && o.overlaps(&h));
                if !vetoed {
                    r_ok = true;
                    add_alias(
                        s,
                        c,
                        Alias::RProgramming,
                        Why::Cue(Alias::RProgramming),
                        i as u16,
                        1,
                    );
                }
            }
            // Words that need data nearby, or a rule below.
            // Data quality counts when data are checked or analysed, not in
            // charting ("vérifier l'exhaustivité des données saisies").
            Meaning::Alias(a @ (Alias::Pseudonymise | Alias::DataQuality)) => {
                let on_data = s.has(Cue::DataObject)
                    && (a == Alias::Pseudonymise
                        || s.has(Cue::Statistics)
                        || s.has(Cue::Software)
                        || s.has(Cue::SheetAnalysis));
                for k in 0..c.alias_targets[a as usize].len() {
                    let comp = c.alias_targets[a as usize][k];
                    if on_data && c.targets[comp as usize].level == 1 {
                        add(s, c, comp, Why::Cue(a), i as u16);
                    }
                }
            }
            Meaning::Alias(Alias::DataCleaning) => {}
            Meaning::Alias(a) if !conceptual => {
                add_alias(s, c, a, Why::Cue(a), i as u16, 1);
            }
            _ => {}
        }
    }
    let has_l1_term = s.cands.iter().any(|x| x.level == 1);
    let software = s.has(Cue::Software) || r_ok || has_l1_term;
    // Data preparation words count with software and data.
    if software
        && s.has(Cue::DataObject)
        && let Some(i) = s
            .hits
            .iter()
            .position(|h| matches!(h.m, Meaning::Alias(Alias::DataCleaning)))
    {
        add_alias(
            s,
            c,
            Alias::DataCleaning,
            Why::Rule(Alias::DataCleaning),
            i as u16,
            1,
        );
    }
    // Statistics with software.
    if s.has(Cue::Statistics)
        && (s.has(Cue::Software) || r_ok)
        && let Some(i) = first(s, Cue::Statistics)
    {
        add_alias(
            s,
            c,
            Alias::StatisticalSoftware,
            Why::Rule(Alias::StatisticalSoftware),
            i,
            1,
        );
    }
    // A spreadsheet used for analysis, not for data entry.
    if s.has(Cue::Spreadsheet) && s.has(Cue::SheetAnalysis) {
        let i = first(s, Cue::Spreadsheet).unwrap_or(0);
        let only_visual = s.hits.iter().all(|h| {
            !h.is(Cue::SheetAnalysis) || s.hits.iter().any(|o| o.is(Cue::Visual) && o.overlaps(h))
        });
        if !only_visual {
            add_alias(
                s,
                c,
                Alias::StatisticalSoftware,
                Why::Rule(Alias::StatisticalSoftware),
                i,
                1,
            );
        }
    }
    // Charts and dashboards made with software, or built from data.
    if s.has(Cue::Visual)
        && (software || (s.has(Cue::DataObject) && s.has(Cue::Build)))
        && let Some(i) = first(s, Cue::Visual)
    {
        add_alias(
            s,
            c,
            Alias::Visualisation,
            Why::Rule(Alias::Visualisation),
            i,
            1,
        );
    }
    let model_context = ai || s.has(Cue::PredictiveModel) || s.has(Cue::Model);
    // Data handled, not data named inside a phrase ("training data").
    let on_data = first_free(s, Cue::DataObject).is_some();
    // Metrics of a model computed on data.
    if model_context
        && (s.has(Cue::Metric) || s.has(Cue::Performance))
        && (on_data || s.has(Cue::Compute))
        && (on_data || !s.has(Cue::Appraise))
        && !conceptual
        && !s.knowing
        && let Some(i) = first(s, Cue::Metric).or_else(|| first(s, Cue::Performance))
    {
        add_alias(
            s,
            c,
            Alias::ModelMetrics,
            Why::Rule(Alias::ModelMetrics),
            i,
            1,
        );
        if s.has(Cue::TopicBias) && on_data {
            add_alias(
                s,
                c,
                Alias::SubgroupAudit,
                Why::Rule(Alias::SubgroupAudit),
                i,
                1,
            );
        }
    }
    // Configuring an AI tool or calling its API.
    if ai
        && !s.knowing
        && let Some(i) = first(s, Cue::Api).or_else(|| first(s, Cue::Configure))
    {
        add_alias(s, c, Alias::AiApi, Why::Rule(Alias::AiApi), i, 1);
    }
}

fn negated(s: &Scratch, h: &Hit) -> bool {
    s.has(Cue::Negation)
        && s.hits
            .iter()
            .any(|o| o.is(Cue::Negation) && o.w1 <= h.w0 && h.w0 <= o.w1 + 2)
}

fn level_two(c: &Classifier, s: &mut Scratch, ai: bool) {
    if !ai {
        return;
    }
    // Concepts: (key, alias or term hit), in a buffer kept between runs.
    let mut found = std::mem::take(&mut s.found);
    found.clear();
    concepts_and_gate(c, s, &mut found);
    s.found = found;
}

fn concepts_and_gate(c: &Classifier, s: &mut Scratch, found: &mut Vec<(u32, u16, Option<Alias>)>) {
    // A phrase counts once: a concept overlapping one already found (the
    // same words read by two patterns) is not a second concept.
    let push = |s: &Scratch, found: &mut Vec<(u32, u16, Option<Alias>)>, key: u32, hit: u16, a| {
        let h = &s.hits[hit as usize];
        if !found
            .iter()
            .any(|f| f.0 == key || s.hits[f.1 as usize].overlaps(h))
        {
            found.push((key, hit, a));
        }
    };
    // Concept keys: the pattern matched, so two different phrases count as
    // two concepts and spelling variants of one phrase count once.
    let alias_key = |a: Alias| 1_000_000 + a as u32;
    let is_l2 = |a: Alias| c.alias_l2[a as usize];
    for i in 0..s.hits.len() {
        let h = s.hits[i];
        if s.state[i] == State::Rejected {
            continue;
        }
        match h.m {
            Meaning::Term { .. } if term_level(c, h.m) == Some(2) => {
                push(s, found, h.pat.into(), i as u16, None);
            }
            Meaning::Alias(a) if is_l2(a) => {
                let inside = s.hits.iter().any(|o| {
                    o.contains(&h) && matches!(o.m, Meaning::Alias(b) if is_l2(b))
                        || (o.contains(&h) && matches!(o.m, Meaning::Term { .. }))
                });
                if !inside {
                    push(s, found, h.pat.into(), i as u16, Some(a));
                }
            }
            Meaning::Cue(cue) if s.state[i] == State::Accepted => {
                let a = match cue {
                    Cue::DeepLearning | Cue::NeuralNet | Cue::Dl => Alias::DeepNet,
                    Cue::Nlp => Alias::LanguageProcessing,
                    Cue::Rag => Alias::GenerativeBuild,
                    _ => continue,
                };
                push(s, found, alias_key(a), i as u16, Some(a));
            }
            _ => {}
        }
    }
    let knowing = s.knowing;
    let build = (0..if s.seen_any(&[Cue::Build, Cue::Train]) {
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
    let predict = if knowing {
        None
    } else {
        first_free(s, Cue::Predict)
    };
    let advanced = first(s, Cue::Advanced);
    let model = first_free(s, Cue::Model).is_some()
        || s.has(Cue::PredictiveModel)
        || s.has(Cue::MlMention)
        || (s.seen_any(&[Cue::Ml, Cue::NeuralNet, Cue::DeepLearning, Cue::Dl])
            && s.hits.iter().enumerate().any(|(i, h)| {
                matches!(
                    h.cue(),
                    Some(Cue::Ml | Cue::NeuralNet | Cue::DeepLearning | Cue::Dl)
                ) && s.state[i] == State::Accepted
            }));
    // Concepts that depend on context.
    if let Some(b) = build.or(predict).or(advanced) {
        if model && found.is_empty() {
            push(
                s,
                found,
                alias_key(Alias::SupervisedMl),
                b,
                Some(Alias::SupervisedMl),
            );
        }
        if s.has(Cue::Deploy)
            && model
            && let Some(i) = first(s, Cue::Deploy)
        {
            push(
                s,
                found,
                alias_key(Alias::Deployment),
                i,
                Some(Alias::Deployment),
            );
        }
    }
    let method = !found.is_empty();
    let has_vision = found.iter().any(|f| f.2 == Some(Alias::Vision))
        || found.iter().any(|f| {
            matches!(s.hits[f.1 as usize].m, Meaning::Term { comp, .. }
                if c.alias_targets[Alias::Vision as usize].contains(&comp))
        });
    if method
        && !has_vision
        && s.has(Cue::Imaging)
        && let Some(i) = first(s, Cue::Imaging)
    {
        push(s, found, alias_key(Alias::Vision), i, Some(Alias::Vision));
    }
    if (s.has(Cue::Signal) || s.has(Cue::TimeSeries))
        && (method || (s.has(Cue::TimeSeries) && predict.is_some()))
        && let Some(i) = first(s, Cue::TimeSeries).or_else(|| first(s, Cue::Signal))
    {
        push(
            s,
            found,
            alias_key(Alias::SignalModel),
            i,
            Some(Alias::SignalModel),
        );
    }
    if found.is_empty() {
        return;
    }
    let building = build.or(if method && !s.has(Cue::Appraise) {
        predict
    } else {
        None
    });
    let conceptual = s.has(Cue::Conceptual);
    let vendor_only = s.has(Cue::Vendor) && !s.has(Cue::OwnModel);
    // Hands-on work on data: "… on EHR data", "à partir des données".
    let on_data = if knowing || conceptual || s.has(Cue::Appraise) {
        None
    } else {
        first_free(s, Cue::DataObject)
    };
    let gate = if vendor_only {
        None
    } else if let Some(b) = building {
        Some(Gate::Building(b))
    } else if found.len() >= 2 && !conceptual && !knowing && !s.has(Cue::Appraise) {
        Some(Gate::TwoConcepts)
    } else if let Some(a) = advanced.filter(|_| !conceptual && !knowing) {
        Some(Gate::Advanced(a))
    } else {
        on_data.map(Gate::OnData)
    };
    let Some(gate) = gate else { return };
    s.gate = Some(gate);
    for &(_, hit, alias) in found.iter() {
        match alias {
            Some(a) => add_alias(s, c, a, Why::Cue(a), hit, 2),
            None => {
                if let Meaning::Term { comp, .. } = s.hits[hit as usize].m {
                    add(s, c, comp, Why::Term, hit);
                }
            }
        }
    }
}

/// Generic "AI concepts" when AI is established and nothing more specific
/// was found, or when the statement defines AI.
fn generic(c: &Classifier, s: &mut Scratch, ai: bool) {
    let Some(g) = c.generic else { return };
    if !ai {
        return;
    }
    let defines = s.has(Cue::TopicDefine);
    if !s.cands.is_empty() && !defines {
        return;
    }
    let anchor = s
        .hits
        .iter()
        .enumerate()
        .find(|(i, h)| {
            matches!(h.m, Meaning::Term { comp, .. } if comp == g) && s.state[*i] != State::Rejected
        })
        .map(|(i, _)| (i as u16, Why::Term))
        .or_else(|| (s.anchor != NONE).then_some((s.anchor, Why::Generic)));
    if let Some((hit, why)) = anchor {
        add(s, c, g, why, hit);
    }
}

fn quote<'t>(s: &Scratch, text: &'t str, h: &Hit) -> &'t str {
    let words = &s.norm.words;
    let (a, b) = (words[h.w0 as usize], words[h.w1 as usize - 1]);
    text.get(a.orig_start as usize..b.orig_end as usize)
        .unwrap_or("")
}

/// Base confidence of one piece of evidence.
fn weight(why: Why, h: &Hit) -> f32 {
    let long = h.len() >= 2;
    match why {
        Why::Term if long => 0.85,
        Why::Term => 0.75,
        Why::Cue(_) => 0.7,
        Why::Rule(_) => 0.7,
        Why::ReadAs(_) => 0.65,
        Why::Topic(_) => 0.55,
        Why::Generic => 0.5,
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
        evs.sort_by_key(|e| (s.hits[e.hit as usize].w0, s.hits[e.hit as usize].w1));
        let mut evidence = Vec::with_capacity(evs.len() + 1);
        let mut miss = 1.0f32;
        for e in &evs {
            let h = &s.hits[e.hit as usize];
            miss *= 1.0 - weight(e.why, h);
            let q = quote(s, text, h);
            let line = match e.why {
                Why::Term => match h.m {
                    Meaning::Term { term, .. } => {
                        let t = &c.terms[term as usize];
                        match &t.via {
                            Some(via) => format!("\"{q}\" (term of {via}: \"{}\")", t.text),
                            None => format!("\"{q}\" (term \"{}\")", t.text),
                        }
                    }
                    _ => format!("\"{q}\""),
                },
                Why::Cue(a) => format!("\"{q}\" ({})", c.label(a)),
                Why::ReadAs(a) => format!("\"{q}\" read as {} from its context", c.label(a)),
                Why::Topic(a) => match s.hits.get(s.anchor as usize) {
                    Some(anchor) => format!(
                        "\"{q}\" with \"{}\" → {}",
                        quote(s, text, anchor),
                        c.label(a)
                    ),
                    None => format!("\"{q}\" → {}", c.label(a)),
                },
                Why::Rule(a) => format!("\"{q}\" → {}", c.label(a)),
                Why::Generic => format!("\"{q}\": AI mentioned, no more specific competency"),
            };
            if !evidence.contains(&line) {
                evidence.push(line);
            }
        }
        let mut score = 1.0 - miss;
        if cand.level == 2 {
            match s.gate {
                Some(Gate::TwoConcepts) => {
                    evidence.push("level 2: two distinct level-2 concepts".to_owned());
                    score *= 0.95;
                }
                Some(Gate::Building(b)) => {
                    let q = quote(s, text, &s.hits[b as usize]);
                    let two = if s.found.len() >= 2 {
                        "level-2 concepts"
                    } else {
                        "a level-2 concept"
                    };
                    evidence.push(format!("level 2: {two} with the building verb \"{q}\""));
                    if s.found.len() < 2 {
                        score *= 0.92;
                    }
                }
                Some(Gate::Advanced(d)) => {
                    let q = quote(s, text, &s.hits[d as usize]);
                    evidence.push(format!(
                        "level 2: a level-2 concept in an advanced course (\"{q}\")"
                    ));
                    score *= 0.85;
                }
                Some(Gate::OnData(d)) => {
                    let q = quote(s, text, &s.hits[d as usize]);
                    evidence.push(format!("level 2: a level-2 concept applied to \"{q}\""));
                    score *= 0.85;
                }
                None => {}
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
