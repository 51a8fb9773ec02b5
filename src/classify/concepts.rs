//! The concepts the engine's rules refer to by name. Each is declared in
//! the lexicon (`frameworks/knowledge/lexicon.toml`), whose entries give
//! its patterns and label, and resolves, when the classifier is built, to
//! the competencies that bind it (`concepts = [...]` in the framework).

/// A concept a rule refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Alias {
    // level 0
    ArtificialIntelligence,
    NeuralNetConcept,
    TrainingData,
    Uses,
    Bias,
    Privacy,
    Regulation,
    Ethics,
    Appraisal,
    DecisionSupport,
    Workflow,
    GenerativeUse,
    Integrity,
    Communicate,
    // level 1
    RProgramming,
    Programming,
    Database,
    DataWarehouse,
    Interoperability,
    StatisticalSoftware,
    Visualisation,
    DataQuality,
    DataCleaning,
    ModelMetrics,
    SubgroupAudit,
    AiApi,
    Pseudonymise,
    // level 2 concepts
    SupervisedMl,
    Clustering,
    Explainability,
    DeepNet,
    GenerativeBuild,
    LanguageProcessing,
    Vision,
    SignalModel,
    ExternalValidation,
    Deployment,
    AiResearch,
    PrivacyPreserving,
}

pub const ALIAS_COUNT: usize = Alias::PrivacyPreserving as usize + 1;

impl Alias {
    pub const ALL: [Alias; ALIAS_COUNT] = [
        Alias::ArtificialIntelligence,
        Alias::NeuralNetConcept,
        Alias::TrainingData,
        Alias::Uses,
        Alias::Bias,
        Alias::Privacy,
        Alias::Regulation,
        Alias::Ethics,
        Alias::Appraisal,
        Alias::DecisionSupport,
        Alias::Workflow,
        Alias::GenerativeUse,
        Alias::Integrity,
        Alias::Communicate,
        Alias::RProgramming,
        Alias::Programming,
        Alias::Database,
        Alias::DataWarehouse,
        Alias::Interoperability,
        Alias::StatisticalSoftware,
        Alias::Visualisation,
        Alias::DataQuality,
        Alias::DataCleaning,
        Alias::ModelMetrics,
        Alias::SubgroupAudit,
        Alias::AiApi,
        Alias::Pseudonymise,
        Alias::SupervisedMl,
        Alias::Clustering,
        Alias::Explainability,
        Alias::DeepNet,
        Alias::GenerativeBuild,
        Alias::LanguageProcessing,
        Alias::Vision,
        Alias::SignalModel,
        Alias::ExternalValidation,
        Alias::Deployment,
        Alias::AiResearch,
        Alias::PrivacyPreserving,
    ];

    /// The concept's id in the lexicon: the variant's name in kebab case.
    pub fn id(self) -> String {
        let name = format!("{self:?}");
        let mut out = String::with_capacity(name.len() + 4);
        for (i, ch) in name.chars().enumerate() {
            if ch.is_ascii_uppercase() {
                if i > 0 {
                    out.push('-');
                }
                out.push(ch.to_ascii_lowercase());
            } else {
                out.push(ch);
            }
        }
        out
    }

    pub fn from_id(id: &str) -> Option<Alias> {
        Alias::ALL.into_iter().find(|a| a.id() == id)
    }
}
