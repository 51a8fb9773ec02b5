//! Fitting the statistical layer on labelled statements, and measuring it
//! by cross-validation grouped by source page, so that no page gives
//! statements to both sides of a fold (a figure then says how the model
//! does on pages it has never seen).
//!
//! The fit is multinomial logistic regression with an L2 penalty
//! (`linfa-logistic`, L-BFGS): one model over the four classes none, 0, 1,
//! 2, and per level one ranking the level's competencies. Features are the
//! ones [`model`](super::model) names. Everything is deterministic: the same
//! file and settings give the same weights, written with a fixed number of
//! decimals so the file is identical byte for byte.

use super::eval::{self, Labelled, LevelReport};
use super::model::feature_names;
use super::{Classifier, Scratch};
use crate::framework::fitted::CLASSES;
use crate::framework::{Fitted, FrameworkSet, Linear, fitted::Decision};
use anyhow::{Context, Result, bail};
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What fitting can be told. The defaults are the settings the grouped
/// cross-validation on the project's training set chose (`aimap train
/// --search`); docs/evaluation.md gives the search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Weight of the L2 penalty (larger: smaller weights).
    pub alpha: f64,
    /// The same for the rankers of each level's competencies.
    pub rank_alpha: f64,
    /// A word or word pair becomes a feature when at least this many
    /// training statements have it.
    pub min_count: usize,
    /// Word pairs as features, beside single words.
    pub pairs: bool,
    pub decision: Decision,
    /// Folds of the grouped cross-validation.
    pub folds: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            alpha: 8.0,
            rank_alpha: 2.0,
            min_count: 3,
            pairs: false,
            decision: Decision {
                bare_min: 0.4,
                keep_ratio: 0.3,
                evidence_boost: 4.0,
            },
            folds: 5,
        }
    }
}

/// A labelled statement and the page it came from.
#[derive(Debug, Clone)]
pub struct Example {
    pub row: Labelled,
    /// Statements of one group stay on one side of every fold.
    pub group: String,
    /// Fitted on in every fold, never scored: labelled statements from
    /// elsewhere (the project's own sets) that widen what is learnt without
    /// touching the figures.
    pub extra: bool,
}

/// Reads the training examples of a labelled file: `eval`'s format, with
/// a `source` column for the groups (each statement its own group
/// without one).
pub fn examples(
    headers: &[String],
    rows: &[csv::StringRecord],
    name: &str,
) -> Result<Vec<Example>> {
    let labelled = eval::labelled(headers, rows, name)?;
    let source = headers.iter().position(|h| crate::text::key(h) == "source");
    Ok(labelled
        .into_iter()
        .zip(rows)
        .map(|(row, rec)| {
            let group = source
                .and_then(|k| rec.get(k))
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map_or_else(|| format!("id:{}", row.id), str::to_owned);
            Example {
                row,
                group,
                extra: false,
            }
        })
        .collect())
}

/// What the rules alone read in one example: its features by name, and
/// the competencies its own words name.
struct Read {
    features: Vec<String>,
    direct: Vec<(String, u8)>,
}

fn featurize(set: &FrameworkSet, examples: &[Example]) -> Result<Vec<Read>> {
    let mut rules_only = set.clone();
    rules_only.fitted = None;
    let classifier = Classifier::new(&rules_only)?;
    let targets = classifier.targets();
    let mut scratch = Scratch::default();
    Ok(examples
        .iter()
        .map(|e| {
            classifier.classify_into(&e.row.text, &mut scratch);
            Read {
                features: feature_names(&classifier, &set.lexicon, &scratch),
                direct: scratch
                    .direct_candidates(&classifier)
                    .into_iter()
                    .map(|k| {
                        let t = &targets[k as usize];
                        (t.id.as_str().to_owned(), t.level)
                    })
                    .collect(),
            }
        })
        .collect())
}

/// The competencies worth keeping below a statement's level when its words
/// name them: those the labels list beside the higher level at least as
/// often as not (add-one smoothing), among the training statements.
fn keep_lower(reads: &[&Read], examples: &[&Example]) -> Vec<String> {
    let mut seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (r, e) in reads.iter().zip(examples) {
        let Some(level) = e.row.level else { continue };
        for (id, l) in &r.direct {
            if *l < level && *l > 0 {
                let entry = seen.entry(id.as_str()).or_default();
                entry.0 += 1;
                entry.1 += usize::from(e.row.competencies.contains(id));
            }
        }
    }
    seen.into_iter()
        .filter(|(_, (n, k))| 2 * k + 1 > *n && *k > 0)
        .map(|(id, _)| id.to_owned())
        .collect()
}

fn is_text_feature(name: &str) -> bool {
    name.starts_with("w#") || name.starts_with("b#") || name.starts_with("s#")
}

/// The feature names kept: fixed features seen at least once, words and
/// pairs seen in at least `min_count` statements.
fn vocabulary(features: &[&Vec<String>], settings: &Settings) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for f in features {
        for n in f.iter() {
            *count.entry(n.as_str()).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(n, c)| {
            if n.starts_with("b#") && !settings.pairs {
                return false;
            }
            !is_text_feature(n) || *c >= settings.min_count
        })
        .map(|(n, _)| n.to_owned())
        .collect()
}

fn design(features: &[&Vec<String>], vocab: &[String]) -> Array2<f64> {
    let index: BTreeMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(k, n)| (n.as_str(), k))
        .collect();
    let mut x = Array2::<f64>::zeros((features.len(), vocab.len()));
    for (i, f) in features.iter().enumerate() {
        for n in f.iter() {
            if let Some(&k) = index.get(n.as_str()) {
                x[[i, k]] = 1.0;
            }
        }
    }
    x
}

/// Multinomial logistic regression of `targets` (class indices into
/// `classes`) on the features; every class must occur.
fn fit_linear(
    features: &[&Vec<String>],
    targets: &[usize],
    classes: &[String],
    settings: &Settings,
) -> Result<Linear> {
    let present: BTreeSet<usize> = targets.iter().copied().collect();
    if present.len() < 2 {
        // One class: nothing to weigh, the intercept says it all.
        let mut intercept = vec![-10.0f32; classes.len()];
        if let Some(&only) = present.first() {
            intercept[only] = 0.0;
        }
        return Ok(Linear {
            classes: classes.to_vec(),
            intercept,
            weights: Vec::new(),
        });
    }
    let vocab = vocabulary(features, settings);
    let x = design(features, &vocab);
    let y = Array1::from_iter(targets.iter().copied());
    let data = Dataset::new(x, y);
    let model = MultiLogisticRegression::default()
        .alpha(settings.alpha)
        .max_iterations(400)
        .gradient_tolerance(1e-5)
        .fit(&data)
        .context("fitting the logistic model failed")?;
    // linfa numbers the classes it saw in sorted order.
    let seen: Vec<usize> = model.classes().to_vec();
    let params = model.params();
    let icpt = model.intercept();
    let mut intercept = vec![-10.0f32; classes.len()];
    for (j, &c) in seen.iter().enumerate() {
        intercept[c] = round(icpt[j]);
    }
    let mut weights = Vec::new();
    for (k, name) in vocab.iter().enumerate() {
        let mut w = vec![0.0f32; classes.len()];
        for (j, &c) in seen.iter().enumerate() {
            w[c] = round(params[[k, j]]);
        }
        // Weights this small change no decision: left out, so the file
        // stays small.
        if w.iter().any(|v| v.abs() >= PRUNE) {
            weights.push((name.clone(), w));
        }
    }
    Ok(Linear {
        classes: classes.to_vec(),
        intercept,
        weights,
    })
}

/// Features whose weights are all smaller than this are left out.
const PRUNE: f32 = 0.01;

/// Four decimals: enough for the decisions, and the same text on every
/// machine.
fn round(x: f64) -> f32 {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 { 0.0 } else { r as f32 }
}

fn class_of(level: Option<u8>) -> usize {
    level.map_or(0, |l| usize::from(l) + 1).min(3)
}

/// Fits the level model and the per-level rankers on `examples`.
fn fit_on(
    set: &FrameworkSet,
    reads: &[&Read],
    examples: &[&Example],
    settings: &Settings,
) -> Result<Fitted> {
    let features: Vec<&Vec<String>> = reads.iter().map(|r| &r.features).collect();
    let features = features.as_slice();
    let classes: Vec<String> = CLASSES.iter().map(|c| (*c).to_owned()).collect();
    let targets: Vec<usize> = examples.iter().map(|e| class_of(e.row.level)).collect();
    let level = fit_linear(features, &targets, &classes, settings)?;
    let mut competencies = BTreeMap::new();
    for l in 0..3u8 {
        // One sample per gold competency of the statement's level.
        let ids: Vec<String> = set
            .primary
            .in_level(l)
            .map(|c| c.id.as_str().to_owned())
            .collect();
        let mut f: Vec<&Vec<String>> = Vec::new();
        let mut t: Vec<usize> = Vec::new();
        for (e, feats) in examples.iter().zip(features) {
            if e.row.level != Some(l) {
                continue;
            }
            for c in &e.row.competencies {
                if let Some(k) = ids.iter().position(|x| x == c) {
                    f.push(feats);
                    t.push(k);
                }
            }
        }
        if t.is_empty() {
            continue;
        }
        let rank = Settings {
            alpha: settings.rank_alpha,
            ..*settings
        };
        competencies.insert(format!("L{l}"), fit_linear(&f, &t, &ids, &rank)?);
    }
    Ok(Fitted {
        id: "aimap-model".to_owned(),
        about: BTreeMap::new(),
        decision: settings.decision,
        level,
        competencies,
        keep_lower: keep_lower(reads, examples),
        origin: "fitted".to_owned(),
    })
}

/// The folds: groups assigned largest first to the fold with the fewest
/// statements so far (ties to the lower fold; groups of equal size in name
/// order), so folds are balanced and the split never depends on order.
pub fn folds(examples: &[Example], k: usize) -> Vec<usize> {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        *sizes.entry(e.group.as_str()).or_default() += 1;
    }
    let mut groups: Vec<(&str, usize)> = sizes.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut load = vec![0usize; k.max(1)];
    let mut fold_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (g, n) in groups {
        let f = (0..load.len()).min_by_key(|&f| (load[f], f)).unwrap_or(0);
        load[f] += n;
        fold_of.insert(g, f);
    }
    examples
        .iter()
        .map(|e| fold_of.get(e.group.as_str()).copied().unwrap_or(0))
        .collect()
}

/// The held-out classification of every example, fold by fold, scored as
/// `aimap eval` scores a file; one result per decision setting tried.
pub fn cross_validate(
    set: &FrameworkSet,
    examples: &[Example],
    settings: &Settings,
    decisions: &[Decision],
) -> Result<Vec<LevelReport>> {
    if settings.folds < 2 {
        bail!("cross-validation needs at least 2 folds");
    }
    let features = featurize(set, examples)?;
    let scored: Vec<Example> = examples.iter().filter(|e| !e.extra).cloned().collect();
    let scored_fold = folds(&scored, settings.folds);
    let mut next = scored_fold.into_iter();
    // Extra examples are in no fold: `usize::MAX`.
    let fold: Vec<usize> = examples
        .iter()
        .map(|e| {
            if e.extra {
                usize::MAX
            } else {
                next.next().unwrap_or(0)
            }
        })
        .collect();
    // Per decision setting, the held-out rows in file order.
    let mut reports_rows: Vec<Vec<(usize, Labelled)>> = vec![Vec::new(); decisions.len()];
    let mut outcomes: Vec<Vec<(usize, eval::Outcome)>> = vec![Vec::new(); decisions.len()];
    for f in 0..settings.folds {
        let train: Vec<usize> = (0..examples.len()).filter(|&i| fold[i] != f).collect();
        let test: Vec<usize> = (0..examples.len()).filter(|&i| fold[i] == f).collect();
        if test.is_empty() {
            continue;
        }
        let feats: Vec<&Read> = train.iter().map(|&i| &features[i]).collect();
        let exs: Vec<&Example> = train.iter().map(|&i| &examples[i]).collect();
        let fitted = fit_on(set, &feats, &exs, settings)?;
        for (d, decision) in decisions.iter().enumerate() {
            let mut with = set.clone();
            let mut m = fitted.clone();
            m.decision = *decision;
            with.fitted = Some(m);
            let classifier = Classifier::new(&with)?;
            let mut scratch = Scratch::default();
            for &i in &test {
                let row = &examples[i].row;
                outcomes[d].push((i, eval::outcome(&classifier, row, &mut scratch)));
                reports_rows[d].push((i, row.clone()));
            }
        }
    }
    let mut out = Vec::with_capacity(decisions.len());
    for (mut rows, mut outs) in reports_rows.into_iter().zip(outcomes) {
        rows.sort_by_key(|(i, _)| *i);
        outs.sort_by_key(|(i, _)| *i);
        let rows: Vec<Labelled> = rows.into_iter().map(|(_, r)| r).collect();
        let outs: Vec<eval::Outcome> = outs.into_iter().map(|(_, o)| o).collect();
        out.push(eval::score(&rows, outs));
    }
    Ok(out)
}

/// Fits on every example with `settings`, measures the same settings by
/// grouped cross-validation, and returns the model with what it was fitted
/// on and the figures it reached.
pub fn train(
    set: &FrameworkSet,
    examples: &[Example],
    settings: &Settings,
    source: &str,
    sha256: &str,
) -> Result<(Fitted, LevelReport)> {
    if examples.is_empty() {
        bail!("no labelled statement to fit on");
    }
    let cv = cross_validate(set, examples, settings, &[settings.decision])?
        .pop()
        .context("no cross-validation result")?;
    let features = featurize(set, examples)?;
    let feats: Vec<&Read> = features.iter().collect();
    let exs: Vec<&Example> = examples.iter().collect();
    let mut fitted = fit_on(set, &feats, &exs, settings)?;
    let groups: BTreeSet<&str> = examples
        .iter()
        .filter(|e| !e.extra)
        .map(|e| e.group.as_str())
        .collect();
    let mut about = BTreeMap::new();
    let s = |v: &str| toml::Value::String(v.to_owned());
    let n = |v: usize| toml::Value::Integer(v as i64);
    let f = |v: f64| toml::Value::Float((v * 1000.0).round() / 1000.0);
    about.insert("trained_on".to_owned(), s(source));
    about.insert("training_sha256".to_owned(), s(sha256));
    let extra = examples.iter().filter(|e| e.extra).count();
    about.insert("statements".to_owned(), n(examples.len() - extra));
    about.insert("extra_statements".to_owned(), n(extra));
    about.insert("groups".to_owned(), n(groups.len()));
    about.insert("alpha".to_owned(), toml::Value::Float(settings.alpha));
    about.insert(
        "rank_alpha".to_owned(),
        toml::Value::Float(settings.rank_alpha),
    );
    about.insert("min_count".to_owned(), n(settings.min_count));
    about.insert("pairs".to_owned(), toml::Value::Boolean(settings.pairs));
    about.insert("cv_folds".to_owned(), n(settings.folds));
    about.insert("cv_macro_f1".to_owned(), f(cv.macro_f1));
    about.insert("cv_any_precision".to_owned(), f(cv.any_precision));
    about.insert("cv_any_recall".to_owned(), f(cv.any_recall));
    about.insert("cv_competency_f1".to_owned(), f(cv.competency_gold.f1));
    fitted.about = about;
    Ok((fitted, cv))
}

/// The model file as `aimap train` writes it.
pub fn render(fitted: &Fitted) -> String {
    let mut out = String::new();
    out.push_str(
        "# Fitted weights of aimap's classifier, written by `aimap train`; do not edit by hand.\n\
         # Regenerate with the command in docs/evaluation.md (\"Fitting\"); the same\n\
         # training file and settings give this file byte for byte.\n\n",
    );
    let _ = writeln!(out, "[model]\nid = {}", quoted(&fitted.id));
    let _ = writeln!(out, "bare_min = {}", fitted.decision.bare_min);
    let _ = writeln!(out, "keep_ratio = {}", fitted.decision.keep_ratio);
    let _ = writeln!(out, "evidence_boost = {}", fitted.decision.evidence_boost);
    let kept: Vec<String> = fitted.keep_lower.iter().map(|k| quoted(k)).collect();
    let _ = writeln!(out, "keep_lower = [{}]", kept.join(", "));
    out.push_str("\n[model.about]\n");
    for (k, v) in &fitted.about {
        let _ = writeln!(out, "{k} = {v}");
    }
    linear_section(&mut out, "level", &fitted.level);
    for (k, l) in &fitted.competencies {
        linear_section(&mut out, &format!("competencies.{k}"), l);
    }
    out
}

fn linear_section(out: &mut String, key: &str, l: &Linear) {
    let list = |v: &[f32]| {
        v.iter()
            .map(|x| format!("{x}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let classes: Vec<String> = l.classes.iter().map(|c| quoted(c)).collect();
    let _ = writeln!(out, "\n[{key}]\nclasses = [{}]", classes.join(", "));
    let _ = writeln!(out, "intercept = [{}]", list(&l.intercept));
    let _ = writeln!(out, "\n[{key}.weights]");
    for (name, w) in &l.weights {
        let _ = writeln!(out, "{} = [{}]", quoted(name), list(w));
    }
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}
