//! Competency frameworks: loading and validating framework TOML files, the
//! frameworks shipped inside the binary, and lookups across a set of
//! frameworks (a primary framework with levels plus crosswalk frameworks that
//! roll up onto it). Knows nothing about curricula.

mod check;
pub mod fitted;
pub mod knowledge;
mod load;
pub mod rules;
mod set;
mod target;

pub use check::{CheckedFile, CheckedKind, check_files};
pub use fitted::{Fitted, Linear, parse_fitted};
pub use knowledge::{Concept, Cue, Entry, Lexicon, parse_lexicon};
pub use load::{FrameworkError, parse_framework};
pub use rules::{Condition, Rule, RuleKind, Rules, Signal, parse_rules};
pub use set::FrameworkSet;
pub use target::{
    Required, Requirement, Selector, Target, builtin_targets, load_target, parse_target,
};

use crate::model::{CompetencyId, Depth};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// English and French variants of one piece of text. Either may be missing
/// in a user's framework; [`Localized::get`] falls back to the other.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
}

/// A language the reports and frameworks are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::En => (&self.en, &self.fr),
            Lang::Fr => (&self.fr, &self.en),
        };
        first.as_deref().or(second.as_deref()).unwrap_or("")
    }
}

/// What a flag on a detection term says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermFlag {
    /// The term of a level-2 competency does not establish AI by itself: it
    /// also belongs to statistics, epidemiology or general software work
    /// ("cross-validation", "docker", "data mining").
    NotAiAlone,
}

/// One detection term (or exclusion), with its flags. Written in TOML as
/// a plain string, or as `{ text = "…", flags = ["not-ai-alone"] }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub flags: Vec<TermFlag>,
}

impl Term {
    pub fn has(&self, flag: TermFlag) -> bool {
        self.flags.contains(&flag)
    }
}

impl From<&str> for Term {
    fn from(text: &str) -> Self {
        Term {
            text: text.to_owned(),
            flags: Vec::new(),
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum RawTerm {
    Plain(String),
    Flagged {
        text: String,
        #[serde(default)]
        flags: Vec<TermFlag>,
    },
}

impl<'de> serde::Deserialize<'de> for Term {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match RawTerm::deserialize(d)? {
            RawTerm::Plain(text) => Term {
                text,
                flags: Vec::new(),
            },
            RawTerm::Flagged { text, flags } => Term { text, flags },
        })
    }
}

impl Serialize for Term {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.flags.is_empty() {
            return s.serialize_str(&self.text);
        }
        let mut t = s.serialize_struct("Term", 2)?;
        t.serialize_field("text", &self.text)?;
        t.serialize_field("flags", &self.flags)?;
        t.end()
    }
}

/// Per-language lists of phrases (detection terms or exclusions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    #[serde(default)]
    pub en: Vec<Term>,
    #[serde(default)]
    pub fr: Vec<Term>,
}

impl Terms {
    /// Each phrase with its language.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        self.terms().map(|(l, t)| (l, t.text.as_str()))
    }

    /// Each term with its language and flags.
    pub fn terms(&self) -> impl Iterator<Item = (Lang, &Term)> {
        self.en
            .iter()
            .map(|t| (Lang::En, t))
            .chain(self.fr.iter().map(|t| (Lang::Fr, t)))
    }
}

/// An entry of a framework's bibliography.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A competency's citation of one reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// A level of the classification (0 literacy, 1 software and data, 2 advanced).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    pub number: u8,
    pub key: String,
    pub title: Localized,
    pub description: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Domain {
    pub id: String,
    pub level: Option<u8>,
    pub title: Localized,
}

/// A crosswalk edge: this competency counts as teaching `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapsTo {
    pub target: CompetencyId,
    /// The depth the crosswalk item implies, when it says one.
    pub depth: Option<Depth>,
}

/// The depth a mapping gives the competency it reaches. `marked` is the
/// depth the curriculum wrote (none when its depth cell is blank); `implied`
/// is the depth a crosswalk edge states, for a mapping onto a crosswalk item.
/// A marked depth is capped by the crosswalk's, so a report never claims
/// more than either says; an unmarked mapping takes the crosswalk's depth
/// (a UNESCO "Create" item teaches to mastery), and with neither it counts
/// as introduced. When several mappings reach a competency, the deepest
/// counts.
pub fn rolled_depth(marked: Option<Depth>, implied: Option<Depth>) -> Depth {
    match (marked, implied) {
        (Some(m), Some(cap)) => m.min(cap),
        (Some(m), None) => m,
        (None, Some(cap)) => cap,
        (None, None) => Depth::Introduced,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Competency {
    pub id: CompetencyId,
    /// `None` in crosswalk frameworks, whose items take the levels of their targets.
    pub level: Option<u8>,
    pub domain: Option<String>,
    pub title: Localized,
    pub description: Localized,
    pub requires: Vec<CompetencyId>,
    pub terms: Terms,
    pub exclude: Terms,
    /// Concepts of the classifier's lexicon this competency stands for:
    /// when the classifier finds one, this competency is suggested.
    pub concepts: Vec<String>,
    pub sources: Vec<SourceRef>,
    pub maps_to: Vec<MapsTo>,
}

/// A validated framework. Competencies keep the order of the file, which is
/// the order authors chose for reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub title: Localized,
    pub description: Localized,
    /// For a crosswalk framework: the id of the framework it rolls up onto.
    pub crosswalk_to: Option<String>,
    pub levels: Vec<Level>,
    pub domains: Vec<Domain>,
    pub competencies: Vec<Competency>,
    pub references: BTreeMap<String, Reference>,
    /// Where it was loaded from: a path, or `built-in:<file>`.
    pub origin: String,
    /// Lookups, so that finding a competency does not scan them all.
    #[serde(skip)]
    index: Index,
}

/// Where each competency of a framework sits in `competencies`: by id, and
/// by [`text::key`](crate::text::key) (the first one with that key).
#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    by_id: HashMap<CompetencyId, usize>,
    by_key: HashMap<String, usize>,
}

impl Index {
    fn new(competencies: &[Competency]) -> Self {
        let mut index = Index::default();
        for (k, c) in competencies.iter().enumerate() {
            index.by_id.entry(c.id.clone()).or_insert(k);
            index
                .by_key
                .entry(crate::text::key(c.id.as_str()))
                .or_insert(k);
        }
        index
    }
}

impl Framework {
    pub fn competency(&self, id: &CompetencyId) -> Option<&Competency> {
        let found = self
            .index
            .by_id
            .get(id)
            .and_then(|&k| self.competencies.get(k));
        match found {
            Some(c) if &c.id == id => Some(c),
            // The list was changed after loading: look it up the slow way.
            _ if self.index.by_id.len() != self.competencies.len() => {
                self.competencies.iter().find(|c| &c.id == id)
            }
            _ => None,
        }
    }

    /// The first competency whose id has the same [`text::key`](crate::text::key)
    /// as `id` (differs from it at most in case and punctuation).
    pub fn competency_by_key(&self, id: &str) -> Option<&Competency> {
        let wanted = crate::text::key(id);
        let found = (self.index.by_key.get(&wanted)).and_then(|&k| self.competencies.get(k));
        match found {
            Some(c) if crate::text::key(c.id.as_str()) == wanted => Some(c),
            _ if self.index.by_id.len() != self.competencies.len() => self
                .competencies
                .iter()
                .find(|c| crate::text::key(c.id.as_str()) == wanted),
            _ => None,
        }
    }

    pub fn level(&self, number: u8) -> Option<&Level> {
        self.levels.iter().find(|l| l.number == number)
    }

    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }

    pub fn is_crosswalk(&self) -> bool {
        self.crosswalk_to.is_some()
    }

    /// Competencies of one level, in file order.
    pub fn in_level(&self, number: u8) -> impl Iterator<Item = &Competency> {
        self.competencies
            .iter()
            .filter(move |c| c.level == Some(number))
    }
}

/// The frameworks shipped with aimap, embedded so the binary works from any
/// folder. The first is the default primary framework; the others are
/// crosswalks onto it.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "ai-skills-3-levels.toml",
        include_str!("../../frameworks/ai-skills-3-levels.toml"),
    ),
    (
        "fr-socle-numerique-sante-2022.toml",
        include_str!("../../frameworks/fr-socle-numerique-sante-2022.toml"),
    ),
    (
        "hee-2023.toml",
        include_str!("../../frameworks/hee-2023.toml"),
    ),
    (
        "russell-2023.toml",
        include_str!("../../frameworks/russell-2023.toml"),
    ),
    (
        "unesco-2024-students.toml",
        include_str!("../../frameworks/unesco-2024-students.toml"),
    ),
];

/// The targets shipped with aimap (`frameworks/targets/`), each file named
/// after the target's id.
pub const BUILTIN_TARGETS: &[(&str, &str)] = &[
    (
        "all-health-students.toml",
        include_str!("../../frameworks/targets/all-health-students.toml"),
    ),
    (
        "health-data-scientist.toml",
        include_str!("../../frameworks/targets/health-data-scientist.toml"),
    ),
    (
        "nurse.toml",
        include_str!("../../frameworks/targets/nurse.toml"),
    ),
    (
        "pharmacist.toml",
        include_str!("../../frameworks/targets/pharmacist.toml"),
    ),
    (
        "physician.toml",
        include_str!("../../frameworks/targets/physician.toml"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> FrameworkSet {
        FrameworkSet::builtin().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_shipped_framework_loads_without_warnings_and_is_named_after_its_file() {
        for (name, src) in BUILTIN {
            let (fw, warnings) = parse_framework(src, name).unwrap_or_else(|e| panic!("{e}"));
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            assert_eq!(Some(fw.id.as_str()), name.strip_suffix(".toml"));
        }
        let set = builtin();
        assert_eq!(set.primary.id, "ai-skills-3-levels");
        assert_eq!(set.crosswalks.len(), BUILTIN.len() - 1);
    }

    /// The content rules of the default framework (issue 3): bilingual
    /// titles and descriptions, a source on every item, detection terms in
    /// both languages.
    #[test]
    fn every_default_competency_is_bilingual_sourced_and_detectable() {
        let set = builtin();
        let fw = &set.primary;
        assert!(fw.competencies.len() >= 36);
        for l in &fw.levels {
            assert!(fw.in_level(l.number).count() >= 10, "level {}", l.number);
        }
        let filled = |s: &Option<String>| s.as_deref().is_some_and(|t| !t.trim().is_empty());
        for c in &fw.competencies {
            let id = &c.id;
            assert!(filled(&c.title.en) && filled(&c.title.fr), "{id}: title");
            assert!(
                filled(&c.description.en) && filled(&c.description.fr),
                "{id}: description"
            );
            assert!(c.domain.is_some(), "{id}: domain");
            assert!(!c.sources.is_empty(), "{id}: no source");
            for s in &c.sources {
                assert!(
                    fw.references.contains_key(&s.reference),
                    "{id}: unknown reference {}",
                    s.reference
                );
            }
            assert!(
                c.terms.en.len() >= 2,
                "{id}: {} English terms",
                c.terms.en.len()
            );
            assert!(
                c.terms.fr.len() >= 2,
                "{id}: {} French terms",
                c.terms.fr.len()
            );
        }
    }

    /// Bare words that mean something else in health curricula (aortic
    /// insufficiency, millilitre, resuscitation algorithm, care model, the
    /// gastrointestinal tract…) are handled by the classifier's context
    /// rules, never listed as terms.
    #[test]
    fn no_shipped_framework_lists_an_ambiguous_bare_word_as_a_term() {
        const AMBIGUOUS: &[&str] = &[
            "ai",
            "ia",
            "ml",
            "dl",
            "r",
            "llm",
            "algorithm",
            "algorithme",
            "model",
            "modele",
            "prompt",
            "transformer",
            "neural network",
            "reseau de neurones",
            "deep learning",
            "apprentissage en profondeur",
            "statistics",
            "statistiques",
            "biostatistique",
            "git",
            "sas",
            "auc",
            "robot",
            "cim-10",
            "icd-10",
            "calibration curve",
            "courbe de calibration",
            "donnees synthetiques",
        ];
        for fw in builtin().frameworks() {
            for c in &fw.competencies {
                for (_, term) in c.terms.iter() {
                    assert!(
                        !AMBIGUOUS.contains(&crate::text::fold(term).trim()),
                        "{}: {} lists the ambiguous term \"{term}\"",
                        fw.id,
                        c.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_crosswalk_depth_caps_the_curriculum_marking() {
        use Depth::*;
        assert_eq!(rolled_depth(Some(Introduced), Some(Reinforced)), Introduced);
        assert_eq!(rolled_depth(Some(Mastered), Some(Reinforced)), Reinforced);
        assert_eq!(rolled_depth(Some(Reinforced), None), Reinforced);
        assert_eq!(rolled_depth(None, Some(Mastered)), Mastered);
        assert_eq!(rolled_depth(None, None), Introduced);
    }
}
