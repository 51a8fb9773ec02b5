//! The statistical layer: what the rules found, and the words of the
//! statement, weighed by a fitted linear model into the probability of each
//! level (none, 0, 1, 2), and, at the level decided, into a ranking of that
//! level's competencies.
//!
//! Features are binary and named, so the fitted weights are a readable data
//! file (`frameworks/knowledge/model.toml`) and every suggestion can say
//! which features weighed most:
//! - `cue:<name>`: a cue of the lexicon found (an ambiguous one only when
//!   read in its AI sense);
//! - `concept:<id>`: a concept's pattern found;
//! - `term-level:<L>`, `term:<competency>`: a framework term found;
//! - `cand:<competency>`, `cand-level:<L>`: a rule suggested it;
//! - `gate:<kind>`: how a level-2 suggestion passed the gate;
//! - `state:ai`, `state:knowing`: AI established; the statement leads with
//!   a verb of knowing;
//! - `w#<bucket>`, `b#<bucket>`: a normalised word, or two in a row,
//!   hashed into one of 2^20 buckets (feature hashing). The weights file
//!   then holds numbers, never the training statements' words; the
//!   evidence of a suggestion names the words of *its* statement that fell
//!   in the buckets that weighed most.
//!
//! The same extraction serves fitting (names) and classifying (rows of the
//! weight matrix), so the two cannot drift apart.

use super::engine::Scratch;
use super::{Classifier, Target};
use crate::framework::knowledge::{CUE_COUNT, CUES};
use crate::framework::{Fitted, Lexicon, Linear};
use anyhow::Result;
use std::collections::BTreeMap;

/// The fixed features: everything but words, laid out in slots.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    targets: usize,
    concepts: usize,
}

/// Kinds of level-2 gate, in slot order.
pub(super) const GATES: [&str; 4] = ["two-concepts", "building", "on-data", "advanced"];
const STATES: [&str; 2] = ["ai", "knowing"];
/// The leading verb's Bloom class, crossed with each level of evidence
/// found: "explain how a CNN works" is literacy, "train a CNN" is not.
const LEADS: [&str; 4] = [
    "none",
    "remember-understand",
    "apply-analyze",
    "evaluate-create",
];
const LEVELS: usize = 3;

impl Layout {
    pub(super) fn new(targets: usize, concepts: usize) -> Self {
        Layout { targets, concepts }
    }

    pub(super) fn cue(&self, k: usize) -> u32 {
        k as u32
    }
    pub(super) fn concept(&self, k: u16) -> u32 {
        (CUE_COUNT + k as usize) as u32
    }
    pub(super) fn term_level(&self, level: u8) -> u32 {
        (CUE_COUNT + self.concepts + usize::from(level).min(LEVELS - 1)) as u32
    }
    pub(super) fn term(&self, comp: u16) -> u32 {
        (CUE_COUNT + self.concepts + LEVELS + comp as usize) as u32
    }
    pub(super) fn cand(&self, comp: u16) -> u32 {
        (CUE_COUNT + self.concepts + LEVELS + self.targets + comp as usize) as u32
    }
    pub(super) fn cand_level(&self, level: u8) -> u32 {
        (CUE_COUNT + self.concepts + LEVELS + 2 * self.targets + usize::from(level).min(LEVELS - 1))
            as u32
    }
    pub(super) fn gate(&self, k: usize) -> u32 {
        (CUE_COUNT + self.concepts + 2 * LEVELS + 2 * self.targets + k) as u32
    }
    pub(super) fn state(&self, k: usize) -> u32 {
        (CUE_COUNT + self.concepts + 2 * LEVELS + 2 * self.targets + GATES.len() + k) as u32
    }
    /// Leading verb class `lead` (index into `LEADS`) with evidence of
    /// level `level`.
    pub(super) fn lead(&self, lead: usize, level: u8) -> u32 {
        (CUE_COUNT
            + self.concepts
            + 2 * LEVELS
            + 2 * self.targets
            + GATES.len()
            + STATES.len()
            + lead * LEVELS
            + usize::from(level).min(LEVELS - 1)) as u32
    }
    pub(super) fn len(&self) -> usize {
        CUE_COUNT
            + self.concepts
            + 2 * LEVELS
            + 2 * self.targets
            + GATES.len()
            + STATES.len()
            + LEADS.len() * LEVELS
    }

    /// The name of every fixed slot, in slot order.
    pub(super) fn names(&self, targets: &[Target], lexicon: &Lexicon) -> Vec<String> {
        let mut out = Vec::with_capacity(self.len());
        out.extend(CUES.iter().map(|c| format!("cue:{}", c.name())));
        out.extend(lexicon.concepts.iter().map(|c| format!("concept:{}", c.id)));
        out.extend((0..LEVELS).map(|l| format!("term-level:{l}")));
        out.extend(targets.iter().map(|t| format!("term:{}", t.id)));
        out.extend(targets.iter().map(|t| format!("cand:{}", t.id)));
        out.extend((0..LEVELS).map(|l| format!("cand-level:{l}")));
        out.extend(GATES.iter().map(|g| format!("gate:{g}")));
        out.extend(STATES.iter().map(|s| format!("state:{s}")));
        for l in LEADS {
            out.extend((0..LEVELS).map(|v| format!("lead:{l}+level:{v}")));
        }
        debug_assert_eq!(out.len(), self.len());
        out
    }
}

pub(super) const STATE_AI: usize = 0;
pub(super) const STATE_KNOWING: usize = 1;

/// No row: the feature has no weight.
const NO_ROW: u32 = u32::MAX;

/// Buckets words and word pairs are hashed into.
pub(super) const BUCKETS: u32 = 1 << 20;

/// FNV-1a over `bytes`, from `seed`.
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const WORD_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PAIR_SEED: u64 = 0x8422_2325_cbf2_9ce4;
const STEM_SEED: u64 = 0x9ce4_cbf2_2325_8422;
const GRAM_SEED: u64 = 0x2325_8422_9ce4_cbf2;

/// Character n-grams: every [`GRAM`] bytes in a row of a word written
/// with a space before and after it, for words of at least
/// [`GRAM_FROM`] bytes. They let "pseudonymisation" and
/// "pseudonymised", "réseaux" and "network" spellings met once share
/// most of their features.
const GRAM: usize = 4;
const GRAM_FROM: usize = 4;

/// Calls `f` with the bucket of each character n-gram of `word`.
pub(super) fn gram_buckets(word: &[u8], mut f: impl FnMut(u32)) {
    if word.len() < GRAM_FROM || word.len() > 64 {
        return;
    }
    let mut padded = [b' '; 66];
    padded[1..=word.len()].copy_from_slice(word);
    let padded = &padded[..word.len() + 2];
    for g in padded.windows(GRAM) {
        f((fnv(GRAM_SEED, g) % u64::from(BUCKETS)) as u32);
    }
}

/// Words this long or longer also count by their first [`STEM`] bytes, so
/// that "entraînement" and "entraîner", "programming" and "programmer"
/// share a feature.
const STEM_FROM: usize = 8;
const STEM: usize = 6;

/// The bucket of a long word's first bytes, if it is long enough.
pub(super) fn stem_bucket(word: &[u8]) -> Option<u32> {
    (word.len() >= STEM_FROM).then(|| (fnv(STEM_SEED, &word[..STEM]) % u64::from(BUCKETS)) as u32)
}

/// The bucket of one normalised word.
pub(super) fn word_bucket(word: &[u8]) -> u32 {
    (fnv(WORD_SEED, word) % u64::from(BUCKETS)) as u32
}

/// The bucket of two normalised words in a row.
pub(super) fn pair_bucket(first: &[u8], second: &[u8]) -> u32 {
    let h = fnv(fnv(PAIR_SEED, first), b" ");
    (fnv(h, second) % u64::from(BUCKETS)) as u32
}

/// What a hashed feature is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hashed {
    Word,
    Pair,
    Stem,
    Gram,
}

/// A feature key of the bucket table: words, pairs and stems each have
/// their own range of [`BUCKETS`].
fn key(kind: Hashed, bucket: u32) -> u32 {
    match kind {
        Hashed::Word => bucket,
        Hashed::Pair => BUCKETS + bucket,
        Hashed::Stem => 2 * BUCKETS + bucket,
        Hashed::Gram => 3 * BUCKETS + bucket,
    }
}

/// Open addressing from bucket keys to rows; `u32::MAX` marks an empty
/// slot.
#[derive(Debug, Clone, Default)]
struct BucketTable {
    slots: Vec<(u32, u32)>,
}

impl BucketTable {
    fn new(entries: &[(u32, u32)]) -> Self {
        let cap = (entries.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![(u32::MAX, NO_ROW); cap];
        for &(k, row) in entries {
            let mut i = Self::hash(k) & (cap - 1);
            while slots[i].0 != u32::MAX && slots[i].0 != k {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = (k, row);
        }
        BucketTable { slots }
    }

    fn hash(k: u32) -> usize {
        (k.wrapping_mul(0x9E37_79B1) >> 7) as usize
    }

    fn get(&self, k: u32) -> u32 {
        if self.slots.is_empty() {
            return NO_ROW;
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(k) & mask;
        loop {
            let (key, row) = self.slots[i];
            if key == k {
                return row;
            }
            if key == u32::MAX {
                return NO_ROW;
            }
            i = (i + 1) & mask;
        }
    }
}

/// One level's competency ranker: its classes (target indices) and a
/// weight per row and class.
#[derive(Debug, Clone)]
pub(super) struct Ranker {
    pub(super) classes: Vec<u16>,
    intercept: Vec<f32>,
    /// `rows × classes`, row-major.
    weights: Vec<f32>,
}

/// The fitted model, bound to this classifier's vocabulary and targets.
#[derive(Debug, Clone)]
pub(super) struct Model {
    /// Row of each fixed slot.
    fixed_row: Vec<u32>,
    /// Row of each word or pair bucket with a weight.
    buckets: BucketTable,
    /// Feature name of each row, for evidence.
    pub(super) names: Vec<String>,
    level: Vec<[f32; 4]>,
    intercept: [f32; 4],
    pub(super) rankers: [Option<Ranker>; LEVELS],
    pub(super) bare_min: f32,
    pub(super) keep_ratio: f32,
    pub(super) evidence_boost: f32,
    /// Per target, whether it is kept below the decided level.
    pub(super) keep_lower: Vec<bool>,
    /// Whether any character n-gram has a weight (else they are not
    /// computed).
    grams: bool,
    /// Whether any word pair has a weight (the same).
    pairs: bool,
}

/// What a feature name refers to.
enum Named {
    Fixed(usize),
    Bucket(u32),
}

/// `w#00a1f` → the word bucket's key; `b#…` a pair's, `s#…` a stem's.
fn parse_bucket(name: &str) -> Option<u32> {
    let (kind, hex) = if let Some(h) = name.strip_prefix("w#") {
        (Hashed::Word, h)
    } else if let Some(h) = name.strip_prefix("b#") {
        (Hashed::Pair, h)
    } else if let Some(h) = name.strip_prefix("c#") {
        (Hashed::Gram, h)
    } else {
        (Hashed::Stem, name.strip_prefix("s#")?)
    };
    let bucket = u32::from_str_radix(hex, 16).ok().filter(|&b| b < BUCKETS)?;
    Some(key(kind, bucket))
}

/// The feature name of a hashed bucket.
pub(super) fn bucket_name(kind: Hashed, bucket: u32) -> String {
    let c = match kind {
        Hashed::Word => 'w',
        Hashed::Pair => 'b',
        Hashed::Stem => 's',
        Hashed::Gram => 'c',
    };
    format!("{c}#{bucket:05x}")
}

impl Model {
    /// Binds `fitted` to the classifier being built: its fixed features
    /// are found by name. Names the classifier does not know (a concept
    /// since removed from the lexicon) are skipped: they can never be found
    /// in a statement.
    pub(super) fn bind(
        fitted: &Fitted,
        layout: &Layout,
        targets: &[Target],
        lexicon: &Lexicon,
    ) -> Result<Model> {
        let fixed_names = layout.names(targets, lexicon);
        let fixed_index: BTreeMap<&str, usize> = fixed_names
            .iter()
            .enumerate()
            .map(|(k, n)| (n.as_str(), k))
            .collect();
        let mut rows: BTreeMap<String, u32> = BTreeMap::new();
        let all_names = fitted.level.weights.iter().map(|(n, _)| n).chain(
            fitted
                .competencies
                .values()
                .flat_map(|l| l.weights.iter().map(|(n, _)| n)),
        );
        for name in all_names {
            if !rows.contains_key(name) {
                let k = rows.len() as u32;
                rows.insert(name.clone(), k);
            }
        }
        let mut names = vec![String::new(); rows.len()];
        let mut fixed_row = vec![NO_ROW; layout.len()];
        let mut buckets: Vec<(u32, u32)> = Vec::new();
        for (name, &row) in &rows {
            names[row as usize] = name.clone();
            let named = if let Some(&k) = fixed_index.get(name.as_str()) {
                Named::Fixed(k)
            } else if let Some(k) = parse_bucket(name) {
                Named::Bucket(k)
            } else {
                continue;
            };
            match named {
                Named::Fixed(k) => fixed_row[k] = row,
                Named::Bucket(k) => buckets.push((k, row)),
            }
        }
        let intercept = array4(&fitted.level.intercept);
        let mut level = vec![[0.0f32; 4]; rows.len()];
        for (name, w) in &fitted.level.weights {
            level[rows[name] as usize] = array4(w);
        }
        let mut rankers: [Option<Ranker>; LEVELS] = [None, None, None];
        for (key, lin) in &fitted.competencies {
            let Some(l) = key
                .strip_prefix('L')
                .and_then(|d| d.parse::<usize>().ok())
                .filter(|&l| l < LEVELS)
            else {
                continue;
            };
            rankers[l] = Some(ranker(lin, &rows, targets));
        }
        let grams = buckets.iter().any(|&(k, _)| k >= 3 * BUCKETS);
        let pairs = buckets
            .iter()
            .any(|&(k, _)| (BUCKETS..2 * BUCKETS).contains(&k));
        Ok(Model {
            grams,
            pairs,
            fixed_row,
            buckets: BucketTable::new(&buckets),
            names,
            level,
            intercept,
            rankers,
            bare_min: fitted.decision.bare_min,
            keep_ratio: fitted.decision.keep_ratio,
            evidence_boost: fitted.decision.evidence_boost,
            keep_lower: targets
                .iter()
                .map(|t| fitted.keep_lower.iter().any(|k| k == t.id.as_str()))
                .collect(),
        })
    }

    /// The rows of the features found: fixed slots from `fixed`, and the
    /// buckets of the statement's words and word pairs. Sorted, no repeats
    /// (features are present or not).
    pub(super) fn rows(&self, fixed: &[u32], words: &Words<'_>, out: &mut Vec<u32>) {
        out.clear();
        for &f in fixed {
            let r = self.fixed_row[f as usize];
            if r != NO_ROW {
                out.push(r);
            }
        }
        let mut prev: Option<usize> = None;
        for k in (0..words.len()).filter(|&k| words.counts(k)) {
            let w = words.get(k);
            let r = self.buckets.get(key(Hashed::Word, word_bucket(w)));
            if r != NO_ROW {
                out.push(r);
            }
            if let Some(b) = stem_bucket(w) {
                let r = self.buckets.get(key(Hashed::Stem, b));
                if r != NO_ROW {
                    out.push(r);
                }
            }
            if self.grams {
                gram_buckets(w, |b| {
                    let r = self.buckets.get(key(Hashed::Gram, b));
                    if r != NO_ROW {
                        out.push(r);
                    }
                });
            }
            if let Some(p) = prev.filter(|_| self.pairs) {
                let r = self
                    .buckets
                    .get(key(Hashed::Pair, pair_bucket(words.get(p), w)));
                if r != NO_ROW {
                    out.push(r);
                }
            }
            prev = Some(k);
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The words of the statement behind row `r`, when it is a word or
    /// pair bucket: what the evidence shows of a hashed feature.
    pub(super) fn words_of(&self, r: u32, words: &Words<'_>) -> Option<String> {
        for k in (0..words.len()).filter(|&k| words.counts(k)) {
            let w = words.get(k);
            if self.buckets.get(key(Hashed::Word, word_bucket(w))) == r {
                return Some(String::from_utf8_lossy(w).into_owned());
            }
            if stem_bucket(w).is_some_and(|b| self.buckets.get(key(Hashed::Stem, b)) == r) {
                return Some(format!("{}…", String::from_utf8_lossy(&w[..STEM])));
            }
            if self.grams {
                let mut hit = false;
                gram_buckets(w, |b| hit |= self.buckets.get(key(Hashed::Gram, b)) == r);
                if hit {
                    return Some(format!("…{}…", String::from_utf8_lossy(w)));
                }
            }
            if k > 0 && self.pairs {
                let p = words.get(k - 1);
                if self.buckets.get(key(Hashed::Pair, pair_bucket(p, w))) == r {
                    return Some(format!(
                        "{} {}",
                        String::from_utf8_lossy(p),
                        String::from_utf8_lossy(w)
                    ));
                }
            }
        }
        None
    }

    /// Probabilities of none, 0, 1, 2.
    pub(super) fn level_probs(&self, rows: &[u32]) -> [f32; 4] {
        let mut z = self.intercept;
        for &r in rows {
            let w = &self.level[r as usize];
            for k in 0..4 {
                z[k] += w[k];
            }
        }
        softmax4(z)
    }

    /// The rows that weighed most for class `k` (largest positive
    /// weights), best first, with their weights.
    pub(super) fn top_level_features(&self, rows: &[u32], k: usize, n: usize) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = rows
            .iter()
            .map(|&r| {
                (
                    r,
                    self.level[r as usize][k] - mean_other(&self.level[r as usize], k),
                )
            })
            .filter(|(_, w)| *w > 0.05)
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Scores of each class of level `l`'s ranker (softmax), with the
    /// ranker; `None` without one.
    pub(super) fn rank(&self, l: u8, rows: &[u32], out: &mut Vec<f32>) -> Option<&Ranker> {
        let r = self.rankers.get(usize::from(l))?.as_ref()?;
        let n = r.classes.len();
        out.clear();
        out.extend_from_slice(&r.intercept);
        for &row in rows {
            let w = &r.weights[row as usize * n..(row as usize + 1) * n];
            for (o, x) in out.iter_mut().zip(w) {
                *o += x;
            }
        }
        let max = out.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut sum = 0.0;
        for o in out.iter_mut() {
            *o = (*o - max).exp();
            sum += *o;
        }
        for o in out.iter_mut() {
            *o /= sum;
        }
        Some(r)
    }
}

fn ranker(lin: &Linear, rows: &BTreeMap<String, u32>, targets: &[Target]) -> Ranker {
    // Classes naming a competency the framework no longer has are dropped.
    let keep: Vec<(usize, u16)> = lin
        .classes
        .iter()
        .enumerate()
        .filter_map(|(k, id)| {
            targets
                .iter()
                .position(|t| t.id.as_str() == id)
                .map(|t| (k, t as u16))
        })
        .collect();
    let n = keep.len();
    let mut weights = vec![0.0f32; rows.len() * n];
    for (name, w) in &lin.weights {
        let row = rows[name] as usize;
        for (j, &(k, _)) in keep.iter().enumerate() {
            weights[row * n + j] = w[k];
        }
    }
    Ranker {
        classes: keep.iter().map(|&(_, t)| t).collect(),
        intercept: keep.iter().map(|&(k, _)| lin.intercept[k]).collect(),
        weights,
    }
}

fn array4(v: &[f32]) -> [f32; 4] {
    let mut a = [0.0; 4];
    for (x, y) in a.iter_mut().zip(v) {
        *x = *y;
    }
    a
}

fn mean_other(w: &[f32; 4], k: usize) -> f32 {
    (w.iter().sum::<f32>() - w[k]) / 3.0
}

fn softmax4(z: [f32; 4]) -> [f32; 4] {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = z.map(|x| (x - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|x| x / sum)
}

/// The fixed features of the statement the engine just read, as slots.
/// The normalised words of a statement, read from the normaliser's buffer.
pub(super) struct Words<'a> {
    pub(super) norm: &'a crate::text::normalize::Normalized,
    /// Per word id, whether the word is a function word.
    pub(super) function: &'a [bool],
}

impl Words<'_> {
    pub(super) fn len(&self) -> usize {
        self.norm.words.len()
    }
    pub(super) fn get(&self, k: usize) -> &[u8] {
        self.norm.word(k)
    }
    /// Whether word `k` is a feature (not a function word).
    pub(super) fn counts(&self, k: usize) -> bool {
        let id = self.norm.ids.get(k).copied().unwrap_or(0);
        !self.function.get(usize::from(id)).copied().unwrap_or(false)
    }
}

pub(super) fn fixed_features(c: &Classifier, s: &Scratch, out: &mut Vec<u32>) {
    out.clear();
    s.fixed_features(&c.layout, c, out);
    out.sort_unstable();
    out.dedup();
}

/// Every feature of the statement the engine just read, by name: what
/// fitting sees. Words are the normalised words of the statement.
pub(super) fn feature_names(c: &Classifier, lexicon: &Lexicon, s: &Scratch) -> Vec<String> {
    let mut fixed = Vec::new();
    fixed_features(c, s, &mut fixed);
    let names = c.layout.names(&c.targets, lexicon);
    let mut out: Vec<String> = fixed.iter().map(|&k| names[k as usize].clone()).collect();
    let words = s.word_list(c);
    let mut prev: Option<usize> = None;
    for k in (0..words.len()).filter(|&k| words.counts(k)) {
        let w = words.get(k);
        out.push(bucket_name(Hashed::Word, word_bucket(w)));
        if let Some(b) = stem_bucket(w) {
            out.push(bucket_name(Hashed::Stem, b));
        }
        gram_buckets(w, |b| out.push(bucket_name(Hashed::Gram, b)));
        if let Some(p) = prev {
            out.push(bucket_name(Hashed::Pair, pair_bucket(words.get(p), w)));
        }
        prev = Some(k);
    }
    out.sort();
    out.dedup();
    out
}
