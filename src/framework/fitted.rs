//! The fitted weights of the classifier's statistical layer: a data file
//! (`frameworks/knowledge/model.toml`) that `aimap train` regenerates byte
//! for byte from labelled statements, like a lockfile. Parsed and checked
//! here; what the features mean is the classifier's business.

use super::FrameworkError;
use super::load::{Checker, parse_toml};
use crate::model::Finding;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The built-in fitted weights, embedded so the binary works from any folder.
pub const BUILTIN_MODEL: (&str, &str) = (
    "knowledge/model.toml",
    include_str!("../../frameworks/knowledge/model.toml"),
);

/// The classes a level model scores, in order: no AI skill, then the
/// levels of the primary framework.
pub const CLASSES: [&str; 4] = ["none", "0", "1", "2"];

/// A linear model: one weight per feature and class, one intercept per
/// class. Features are named (`cue:ai`, `w:python`); unknown names are the
/// classifier's to warn about.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    pub classes: Vec<String>,
    pub intercept: Vec<f32>,
    /// Sorted by name.
    pub weights: Vec<(String, Vec<f32>)>,
}

/// How the level is decided from the model's probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// A level no rule, term or concept named a competency of is given only
    /// when the model's probability of it is at least this.
    pub bare_min: f32,
    /// A candidate competency at the decided level is kept when its score
    /// is at least this share of the best one's.
    pub keep_ratio: f32,
    /// How much a candidate's own evidence adds to its ranking (in log
    /// odds): a term or a concept's words count 1, a rule ½.
    pub evidence_boost: f32,
}

/// Validated fitted weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub id: String,
    /// What the model was fitted on and the figures it reached, as written
    /// by `aimap train` (shown by `aimap frameworks show`).
    pub about: BTreeMap<String, toml::Value>,
    pub decision: Decision,
    pub level: Linear,
    /// Per level, the model that ranks that level's competencies.
    pub competencies: BTreeMap<String, Linear>,
    /// Competencies kept below the decided level when their own words name
    /// them (Python in a statement about building a model); the others are
    /// implied by the higher level. Chosen from the training statements.
    pub keep_lower: Vec<String>,
    pub origin: String,
}

impl Fitted {
    pub fn builtin() -> Result<Self, FrameworkError> {
        let (name, src) = BUILTIN_MODEL;
        parse_fitted(src, &format!("built-in:{name}")).map(|(m, _)| m)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    model: RawMeta,
    level: RawLinear,
    #[serde(default)]
    competencies: BTreeMap<String, RawLinear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    #[serde(default = "default_bare_min")]
    bare_min: f32,
    #[serde(default = "default_keep_ratio")]
    keep_ratio: f32,
    #[serde(default)]
    evidence_boost: f32,
    #[serde(default)]
    keep_lower: Vec<String>,
    #[serde(default)]
    about: BTreeMap<String, toml::Value>,
}

fn default_bare_min() -> f32 {
    0.5
}

fn default_keep_ratio() -> f32 {
    0.5
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinear {
    classes: Spanned<Vec<String>>,
    intercept: Spanned<Vec<f32>>,
    #[serde(default)]
    weights: BTreeMap<String, Spanned<Vec<f32>>>,
}

/// Whether a TOML source is a fitted-weights file (first table `[model]`).
pub fn is_fitted(src: &str) -> bool {
    src.lines()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .is_some_and(|l| l == "[model]")
}

/// Parses and checks a fitted-weights file: every weight vector as long as
/// the class list, every number finite, the level model over the classes
/// the classifier knows.
pub fn parse_fitted(src: &str, origin: &str) -> Result<(Fitted, Vec<Finding>), FrameworkError> {
    let raw: RawFile = parse_toml(src, origin, "model")?;
    let mut ck = Checker::new(origin, src);
    let level = linear(&raw.level, "level", &mut ck);
    if level.classes != CLASSES {
        ck.error(
            raw.level.classes.span(),
            "level.classes",
            format!(
                "the level model's classes are {:?}; expected {:?}",
                level.classes, CLASSES
            ),
        );
    }
    let competencies = raw
        .competencies
        .iter()
        .map(|(k, l)| (k.clone(), linear(l, &format!("competencies.{k}"), &mut ck)))
        .collect();
    if !(0.0..=20.0).contains(&raw.model.evidence_boost) {
        ck.error(
            raw.model.id.span(),
            "model.evidence_boost",
            format!(
                "`model.evidence_boost` is {}; expected a number from 0 to 20",
                raw.model.evidence_boost
            ),
        );
    }
    for (key, v) in [
        ("model.bare_min", raw.model.bare_min),
        ("model.keep_ratio", raw.model.keep_ratio),
    ] {
        if !(0.0..=1.0).contains(&v) {
            ck.error(
                raw.model.id.span(),
                key,
                format!("`{key}` is {v}; expected a number from 0 to 1"),
            );
        }
    }
    let fitted = Fitted {
        id: raw.model.id.get_ref().trim().to_owned(),
        about: raw.model.about,
        decision: Decision {
            bare_min: raw.model.bare_min,
            keep_ratio: raw.model.keep_ratio,
            evidence_boost: raw.model.evidence_boost,
        },
        keep_lower: raw.model.keep_lower,
        level,
        competencies,
        origin: origin.to_owned(),
    };
    if ck.has_errors() {
        Err(FrameworkError {
            what: "model",
            origin: origin.to_owned(),
            problems: ck.problems,
        })
    } else {
        Ok((fitted, ck.problems))
    }
}

fn linear(raw: &RawLinear, key: &str, ck: &mut Checker<'_>) -> Linear {
    let classes = raw.classes.get_ref().clone();
    let n = classes.len();
    let mut check = |span: std::ops::Range<usize>, what: &str, v: &[f32]| {
        if v.len() != n {
            ck.error(
                span,
                key,
                format!(
                    "{what} has {} numbers; expected one per class ({n})",
                    v.len()
                ),
            );
        } else if v.iter().any(|x| !x.is_finite()) {
            ck.error(span, key, format!("{what} has a number that is not finite"));
        }
    };
    check(
        raw.intercept.span(),
        "the intercept",
        raw.intercept.get_ref(),
    );
    let mut weights = Vec::with_capacity(raw.weights.len());
    for (name, w) in &raw.weights {
        check(w.span(), &format!("the weights of \"{name}\""), w.get_ref());
        weights.push((name.clone(), w.get_ref().clone()));
    }
    Linear {
        classes,
        intercept: raw.intercept.get_ref().clone(),
        weights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_loads() {
        let (name, src) = BUILTIN_MODEL;
        let (m, warnings) = parse_fitted(src, name).unwrap_or_else(|e| panic!("{e}"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(m.level.classes, CLASSES);
        assert!(is_fitted(src));
    }

    #[test]
    fn rejects_a_weight_vector_of_the_wrong_length() {
        let src = "[model]\nid = \"m\"\n\n[level]\nclasses = [\"none\", \"0\", \"1\", \"2\"]\nintercept = [0, 0, 0, 0]\n\n[level.weights]\n\"w:x\" = [1, 2]\n";
        let e = parse_fitted(src, "m.toml").unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid model `m.toml`: m.toml line 9, key `level`: the weights of \"w:x\" has 2 numbers; expected one per class (4)"
        );
    }
}
