//! The classifier's knowledge as data: the lexicon of cues (ambiguous
//! tokens, the context words that confirm or veto them, verbs, Bloom verbs)
//! and the concepts competencies bind. Loaded from TOML beside the
//! frameworks and validated here, with every problem located, so that
//! `aimap frameworks check` catches what the classifier would otherwise
//! ignore silently. The roles a pattern can play ([`Cue`]) are the engine's
//! closed list; the words are the file's.

use super::load::{Checker, parse_toml};
use super::{Framework, FrameworkError};
use crate::text::normalize::{Normalized, normalize_into};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

/// The built-in lexicon, embedded so the binary works from any folder.
pub const BUILTIN_LEXICON: (&str, &str) = (
    "knowledge/lexicon.toml",
    include_str!("../../frameworks/knowledge/lexicon.toml"),
);

/// What a matched cue says about the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
#[repr(u8)]
pub enum Cue {
    // --- mentions of AI -------------------------------------------------
    /// Unambiguous: "artificial intelligence", "machine learning", "ChatGPT".
    Ai,
    /// Means AI unless a clinical sense is stated nearby: "l'IA", "the AI".
    AiLikely,
    /// Bare "AI" / "IA": AI only with supporting context.
    AiBare,
    /// "ML": machine learning, or millilitre.
    Ml,
    /// "DL": deep learning, or decilitre.
    Dl,
    /// "LLM": large language model, or the law degree.
    Llm,
    /// "GPT": the model family, or a transaminase.
    Gpt,
    /// "deep learning", "apprentissage profond": AI or pedagogy.
    DeepLearning,
    /// "neural network", "réseau de neurones": AI or neuroanatomy.
    NeuralNet,
    /// "algorithm", "algorithme": AI or a clinical guideline.
    Algorithm,
    /// "prompt(s)", "prompting": LLM instructions, or "prompt referral", ABA.
    Prompt,
    /// "NLP", "TAL": language processing, or neuro-linguistic programming.
    Nlp,
    /// "RAG": retrieval-augmented generation, or a red-amber-green rating.
    Rag,
    /// "model" in a predictive sense: "prediction model", "modèle prédictif".
    PredictiveModel,
    /// "model(s)", "modèle(s)" alone.
    Model,
    /// Machine learning named as a technique.
    MlMention,
    /// Training a model: train, entraîner (machine-learning vocabulary).
    Train,
    /// Advanced or specialist context: advanced, MSc, master, data science.
    Advanced,
    // --- context that vetoes an AI reading -------------------------------
    /// Aortic or adrenal insufficiency, valves, murmurs: AI/IA as a disease.
    ClinicalSense,
    /// Law degrees: LLM/LL.M.
    Law,
    /// Deep versus surface learning in education.
    Pedagogy,
    /// Brain networks: neuroanatomy, neurophysiology.
    Neuro,
    /// Clinical algorithms: resuscitation, guidelines, care protocols.
    Guideline,
    /// Units next to ML/DL: mg, mmol, h.
    Unit,
    /// Liver enzymes next to GPT.
    Liver,
    /// Behavioural prompting (ABA, autism), "prompt referral".
    Behaviour,
    /// Neuro-linguistic programming.
    NeuroLinguistic,
    /// Verbs of knowing: describe, explain, understand, define.
    Knowing,
    /// "develop skills", "développer ses compétences": not building anything.
    NotBuilding,
    /// "sensitivity analysis": not a performance metric.
    NotMetric,
    /// Everyday clinical software (a prescribing or dispensing program, the
    /// patient record, office tools): the software words inside it are not
    /// software or data work.
    EverydaySoftware,
    /// Words that carry no meaning of their own (the, de, pour): not
    /// matched, and not features of the fitted model.
    FunctionWord,
    // --- context that supports an AI reading -----------------------------
    /// Tools, systems, software, data, digital: a bare AI/IA nearby means AI.
    AiSupport,
    // --- verbs and modifiers ---------------------------------------------
    /// Building verbs: train, develop, design, implement, build, fine-tune.
    Build,
    /// Predicting or forecasting with a method.
    Predict,
    /// Tasks a model performs: detect, classify, segment, extract.
    Task,
    /// without, no, not, sans, pas de.
    Negation,
    /// Conceptual only: principles, notions, "at a conceptual level".
    Conceptual,
    /// compute, calculate, measure, audit.
    Compute,
    /// Data handled: data, dataset, records, sample, local data.
    DataObject,
    /// Judging evidence: appraise, critically, evidence, études publiées.
    Appraise,
    /// Performance metrics: sensitivity, AUC, calibration, kappa.
    Metric,
    /// Generic performance words: performance, metrics.
    Performance,
    /// Words after "R" that make it a letter: R wave, R-R interval.
    RVeto,
    /// Software named generically: software, logiciel, on computer.
    Software,
    /// Statistics words.
    Statistics,
    /// Spreadsheets: Excel, tableur.
    Spreadsheet,
    /// Analysis in a spreadsheet: pivot tables, formulas, charts.
    SheetAnalysis,
    /// Charts, dashboards, maps.
    Visual,
    /// Images and imaging.
    Imaging,
    /// Physiological signals, sensors, wearables.
    Signal,
    /// Time series.
    TimeSeries,
    /// The learner's own model: "you developed", "développé par l'équipe".
    OwnModel,
    /// Using an existing product: vendor, commercial, fourni par l'éditeur.
    Vendor,
    /// No-code, low-code, configure, set up.
    Configure,
    /// API.
    Api,
    /// Deployment, production, containers.
    Deploy,
    /// Monitoring, drift, retraining.
    Monitor,
    /// Patients, families.
    Patient,
    // --- topics that pick an L0 competency once AI is established --------
    TopicUses,
    TopicBias,
    TopicPrivacy,
    TopicRegulation,
    TopicEthics,
    TopicDecision,
    TopicWorkflow,
    TopicIntegrity,
    TopicCommunicate,
    TopicLearning,
    TopicDefine,
    // --- Bloom's revised taxonomy ---------------------------------------
    BloomRemember,
    BloomUnderstand,
    BloomApply,
    BloomAnalyze,
    BloomEvaluate,
    BloomCreate,
}

/// Number of [`Cue`] variants (for bit sets).
pub const CUE_COUNT: usize = Cue::BloomCreate as usize + 1;

/// Every cue, in declaration order (`CUES[c as usize] == c`).
pub const CUES: [Cue; CUE_COUNT] = [
    Cue::Ai,
    Cue::AiLikely,
    Cue::AiBare,
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
    Cue::PredictiveModel,
    Cue::Model,
    Cue::MlMention,
    Cue::Train,
    Cue::Advanced,
    Cue::ClinicalSense,
    Cue::Law,
    Cue::Pedagogy,
    Cue::Neuro,
    Cue::Guideline,
    Cue::Unit,
    Cue::Liver,
    Cue::Behaviour,
    Cue::NeuroLinguistic,
    Cue::Knowing,
    Cue::NotBuilding,
    Cue::NotMetric,
    Cue::EverydaySoftware,
    Cue::FunctionWord,
    Cue::AiSupport,
    Cue::Build,
    Cue::Predict,
    Cue::Task,
    Cue::Negation,
    Cue::Conceptual,
    Cue::Compute,
    Cue::DataObject,
    Cue::Appraise,
    Cue::Metric,
    Cue::Performance,
    Cue::RVeto,
    Cue::Software,
    Cue::Statistics,
    Cue::Spreadsheet,
    Cue::SheetAnalysis,
    Cue::Visual,
    Cue::Imaging,
    Cue::Signal,
    Cue::TimeSeries,
    Cue::OwnModel,
    Cue::Vendor,
    Cue::Configure,
    Cue::Api,
    Cue::Deploy,
    Cue::Monitor,
    Cue::Patient,
    Cue::TopicUses,
    Cue::TopicBias,
    Cue::TopicPrivacy,
    Cue::TopicRegulation,
    Cue::TopicEthics,
    Cue::TopicDecision,
    Cue::TopicWorkflow,
    Cue::TopicIntegrity,
    Cue::TopicCommunicate,
    Cue::TopicLearning,
    Cue::TopicDefine,
    Cue::BloomRemember,
    Cue::BloomUnderstand,
    Cue::BloomApply,
    Cue::BloomAnalyze,
    Cue::BloomEvaluate,
    Cue::BloomCreate,
];

/// Each cue's name in the lexicon and the fitted weights.
const CUE_NAMES: [&str; CUE_COUNT] = [
    "ai",
    "ai-likely",
    "ai-bare",
    "ml",
    "dl",
    "llm",
    "gpt",
    "deep-learning",
    "neural-net",
    "algorithm",
    "prompt",
    "nlp",
    "rag",
    "predictive-model",
    "model",
    "ml-mention",
    "train",
    "advanced",
    "clinical-sense",
    "law",
    "pedagogy",
    "neuro",
    "guideline",
    "unit",
    "liver",
    "behaviour",
    "neuro-linguistic",
    "knowing",
    "not-building",
    "not-metric",
    "everyday-software",
    "function-word",
    "ai-support",
    "build",
    "predict",
    "task",
    "negation",
    "conceptual",
    "compute",
    "data-object",
    "appraise",
    "metric",
    "performance",
    "r-veto",
    "software",
    "statistics",
    "spreadsheet",
    "sheet-analysis",
    "visual",
    "imaging",
    "signal",
    "time-series",
    "own-model",
    "vendor",
    "configure",
    "api",
    "deploy",
    "monitor",
    "patient",
    "topic-uses",
    "topic-bias",
    "topic-privacy",
    "topic-regulation",
    "topic-ethics",
    "topic-decision",
    "topic-workflow",
    "topic-integrity",
    "topic-communicate",
    "topic-learning",
    "topic-define",
    "bloom-remember",
    "bloom-understand",
    "bloom-apply",
    "bloom-analyze",
    "bloom-evaluate",
    "bloom-create",
];

impl Cue {
    /// The cue's name, as the lexicon writes it (`ai-likely`).
    pub fn name(self) -> &'static str {
        CUE_NAMES[self as usize]
    }

    /// Bloom level 1–6 for Bloom cues.
    pub fn bloom(self) -> Option<u8> {
        Some(match self {
            Cue::BloomRemember => 1,
            Cue::BloomUnderstand => 2,
            Cue::BloomApply => 3,
            Cue::BloomAnalyze => 4,
            Cue::BloomEvaluate => 5,
            Cue::BloomCreate => 6,
            _ => return None,
        })
    }
}

/// A concept a competency can bind (`concepts = [...]` in a framework):
/// patterns of the lexicon and rules of the classifier stand for it, and
/// the competencies that bind it are the ones suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concept {
    pub id: String,
    /// What the evidence of a suggestion calls it.
    pub label: String,
    /// The same in French, when given.
    pub label_fr: Option<String>,
}

impl Concept {
    /// The label in `lang`, English when there is no French one.
    pub fn label_in(&self, lang: super::Lang) -> &str {
        match (lang, &self.label_fr) {
            (super::Lang::Fr, Some(fr)) => fr,
            _ => &self.label,
        }
    }
}

/// Patterns and what they mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub cues: Vec<Cue>,
    /// Index into [`Lexicon::concepts`]: the concept the patterns stand for.
    pub concept: Option<usize>,
    pub patterns: Vec<String>,
}

/// A validated lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lexicon {
    pub id: String,
    pub version: String,
    /// Sorted by id.
    pub concepts: Vec<Concept>,
    pub entries: Vec<Entry>,
    /// Where it was loaded from: a path, or `built-in:<file>`.
    pub origin: String,
}

impl Lexicon {
    /// What the evidence calls concept `id` in `lang`; the id itself when
    /// the lexicon has no such concept.
    pub fn label<'a>(&'a self, id: &'a str, lang: super::Lang) -> &'a str {
        self.concept(id)
            .map_or(id, |i| self.concepts[i].label_in(lang))
    }

    /// The index of concept `id`.
    pub fn concept(&self, id: &str) -> Option<usize> {
        self.concepts
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
    }

    /// The built-in lexicon.
    pub fn builtin() -> Result<Self, FrameworkError> {
        let (name, src) = BUILTIN_LEXICON;
        parse_lexicon(src, &format!("built-in:{name}")).map(|(l, _)| l)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    lexicon: RawMeta,
    #[serde(default)]
    concepts: BTreeMap<String, Spanned<RawConcept>>,
    #[serde(default)]
    entries: Vec<RawEntry>,
}

/// The `[lexicon]` or `[rules]` table of a knowledge file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub(super) id: Spanned<String>,
    pub(super) version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    label: String,
    #[serde(default)]
    label_fr: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    cues: Vec<Cue>,
    #[serde(default)]
    concept: Option<Spanned<String>>,
    patterns: Vec<Spanned<String>>,
}

/// Whether a TOML source is a lexicon file (its first table is
/// `[lexicon]`) rather than a framework or a target.
pub fn is_lexicon(src: &str) -> bool {
    src.lines()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .is_some_and(|l| l == "[lexicon]")
}

/// Parses and validates a lexicon file: every entry's concept declared,
/// every pattern readable. Returns the lexicon and its warnings, or every
/// problem found.
pub fn parse_lexicon(
    src: &str,
    origin: &str,
) -> Result<(Lexicon, Vec<crate::model::Finding>), FrameworkError> {
    let raw: RawFile = parse_toml(src, origin, "lexicon")?;
    let mut ck = Checker::new(origin, src);
    let id = raw.lexicon.id.get_ref().trim().to_owned();
    if id.is_empty() || id.contains(char::is_whitespace) {
        ck.error(
            raw.lexicon.id.span(),
            "lexicon.id",
            format!("lexicon id \"{id}\" must be non-empty and contain no spaces"),
        );
    }
    let concepts: Vec<Concept> = raw
        .concepts
        .iter()
        .map(|(id, c)| Concept {
            id: id.clone(),
            label: c.get_ref().label.clone(),
            label_fr: c.get_ref().label_fr.clone(),
        })
        .collect();
    let mut norm = Normalized::default();
    let mut entries = Vec::with_capacity(raw.entries.len());
    for e in &raw.entries {
        let concept = e.concept.as_ref().and_then(|c| {
            let name = c.get_ref().trim();
            let found = concepts.binary_search_by(|x| x.id.as_str().cmp(name)).ok();
            if found.is_none() {
                ck.error(
                    c.span(),
                    "entries.concept",
                    format!(
                        "entry names the concept \"{name}\", which [concepts] does not declare"
                    ),
                );
            }
            found
        });
        if e.cues.is_empty() && e.concept.is_none() {
            let span = e.patterns.first().map_or(0..0, Spanned::span);
            ck.error(
                span,
                "entries",
                "entry has neither `cues` nor `concept`: its patterns would mean nothing".into(),
            );
        }
        let mut patterns = Vec::with_capacity(e.patterns.len());
        for p in &e.patterns {
            let text = p.get_ref();
            normalize_into(text.trim_end_matches('*'), &mut norm);
            if norm.words.is_empty() {
                ck.error(
                    p.span(),
                    "entries.patterns",
                    format!("pattern \"{text}\" has no letter or digit, so it can never match"),
                );
                continue;
            }
            patterns.push(text.clone());
        }
        entries.push(Entry {
            cues: e.cues.clone(),
            concept,
            patterns,
        });
    }
    let lexicon = Lexicon {
        id,
        version: raw.lexicon.version,
        concepts,
        entries,
        origin: origin.to_owned(),
    };
    if ck.has_errors() {
        Err(FrameworkError {
            what: "lexicon",
            origin: origin.to_owned(),
            problems: ck.problems,
        })
    } else {
        Ok((lexicon, ck.problems))
    }
}

/// Checks that a lexicon and the primary framework fit: every concept a
/// competency binds is declared, and every declared concept is bound by
/// some competency (an unbound concept would be found and never
/// suggested). Problems are located in the file at fault.
pub fn check_bindings(
    lexicon: &Lexicon,
    lexicon_src: &str,
    primary: &Framework,
    primary_src: &str,
) -> Vec<FrameworkError> {
    let mut out = Vec::new();
    let undeclared = primary
        .competencies
        .iter()
        .any(|c| c.concepts.iter().any(|id| lexicon.concept(id).is_none()));
    if undeclared {
        // Located from the file itself, read once more: only on this error path.
        let mut ck = Checker::new(&primary.origin, primary_src);
        for (cid, id, span) in super::load::concept_bindings(primary_src) {
            if lexicon.concept(&id).is_none() {
                ck.error(
                    span,
                    "competencies.concepts",
                    format!(
                        "competency \"{cid}\" binds the concept \"{id}\", which the lexicon `{}` does not declare",
                        lexicon.origin
                    ),
                );
            }
        }
        out.push(FrameworkError {
            what: "framework",
            origin: primary.origin.clone(),
            problems: ck.problems,
        });
    }
    let bound: HashSet<&str> = primary
        .competencies
        .iter()
        .flat_map(|c| c.concepts.iter().map(String::as_str))
        .collect();
    let mut ck = Checker::new(&lexicon.origin, lexicon_src);
    let mut headers: Option<HashMap<&str, usize>> = None;
    for concept in &lexicon.concepts {
        if !bound.contains(concept.id.as_str()) {
            let at = headers
                .get_or_insert_with(|| concept_headers(lexicon_src))
                .get(concept.id.as_str())
                .copied()
                .unwrap_or(0);
            ck.error(
                at..at,
                "concepts",
                format!(
                    "concept \"{}\" is bound by no competency of the framework \"{}\"; bind it with `concepts = [\"{}\"]` on the competency it stands for, or remove it",
                    concept.id, primary.id, concept.id
                ),
            );
        }
    }
    if ck.has_errors() {
        out.push(FrameworkError {
            what: "lexicon",
            origin: lexicon.origin.clone(),
            problems: ck.problems,
        });
    }
    out
}

/// Where each `[concepts.ID]` table of a lexicon starts, by ID, for
/// locating problems found after parsing: one pass over the file.
fn concept_headers(src: &str) -> HashMap<&str, usize> {
    let mut at = HashMap::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim();
        if let Some(id) = t
            .strip_prefix("[concepts.")
            .and_then(|r| r.split(']').next())
        {
            at.entry(id.trim())
                .or_insert(offset + line.find('[').unwrap_or(0));
        }
        offset += line.len();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lexicon_loads_without_warnings() {
        let (name, src) = BUILTIN_LEXICON;
        let (lex, warnings) = parse_lexicon(src, name).unwrap_or_else(|e| panic!("{e}"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(lex.entries.len() > 50);
        assert!(is_lexicon(src));
    }

    fn errors(src: &str) -> Vec<String> {
        match parse_lexicon(src, "lex.toml") {
            Ok(_) => Vec::new(),
            Err(e) => e.to_string().lines().map(str::to_owned).collect(),
        }
    }

    #[test]
    fn cue_names_are_the_names_the_lexicon_uses() {
        #[derive(Deserialize)]
        struct One {
            cue: Cue,
        }
        for (k, cue) in CUES.iter().enumerate() {
            assert_eq!(*cue as usize, k);
            let one: One = toml::from_str(&format!("cue = \"{}\"", cue.name())).unwrap();
            assert_eq!(one.cue, *cue);
        }
    }

    #[test]
    fn rejects_an_entry_naming_an_undeclared_concept() {
        let src = "[lexicon]\nid = \"x\"\nversion = \"1\"\n\n[concepts.a]\nlabel = \"A\"\n\n[[entries]]\nconcept = \"b\"\npatterns = [\"bee\"]\n";
        assert_eq!(
            errors(src),
            [
                "invalid lexicon `lex.toml`: lex.toml line 9, key `entries.concept`: entry names the concept \"b\", which [concepts] does not declare"
            ]
        );
    }

    #[test]
    fn rejects_an_unknown_cue_and_a_pattern_that_cannot_match() {
        let src = "[lexicon]\nid = \"x\"\nversion = \"1\"\n\n[[entries]]\ncues = [\"ai-ish\"]\npatterns = [\"x\"]\n";
        let e = errors(src);
        assert!(
            e[0].contains("line 6") && e[0].contains("unknown variant `ai-ish`"),
            "{e:?}"
        );
        let src = "[lexicon]\nid = \"x\"\nversion = \"1\"\n\n[[entries]]\ncues = [\"ai\"]\npatterns = [\"--\"]\n";
        assert_eq!(
            errors(src),
            [
                "invalid lexicon `lex.toml`: lex.toml line 7, key `entries.patterns`: pattern \"--\" has no letter or digit, so it can never match"
            ]
        );
    }
}
