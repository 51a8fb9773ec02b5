//! Why a mapping was suggested, as data: the words of the statement that
//! matched, the term, concept or rule behind each, and the fitted model's
//! part. Reports choose the words around them in the reader's language.

/// How a level rule used what it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleUse {
    /// The words name the concept the rule suggests.
    Concept,
    /// The words are read as the concept from their context.
    ReadAs,
    /// The words, with an anchor elsewhere in the text, give the concept.
    Topic,
    /// The rule's condition holds.
    Rule,
    /// AI is named with nothing more specific.
    Generic,
}

/// What let a level-2 suggestion through the level-2 gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    TwoConcepts,
    /// A level-2 concept (`several`: more than one) with a building verb.
    Building {
        several: bool,
    },
    /// A level-2 concept in an advanced course.
    Advanced,
    /// A level-2 concept applied to data.
    OnData,
}

/// A feature of the fitted model that weighed for a level.
#[derive(Debug, Clone, PartialEq)]
pub enum Feature {
    /// Words of the statement.
    Words(String),
    Cue(String),
    Concept(String),
    /// A term of the named competency.
    TermOf(String),
    /// A term of the named level.
    TermLevel(String),
    /// A rule suggesting the named competency.
    RuleFor(String),
    RuleLevel(String),
    Gate(String),
    /// The leading verb's class with evidence of `level`.
    Lead {
        class: String,
        level: u8,
    },
    AiNamed,
    Knowing,
    /// A feature name shown as it is.
    Other(String),
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// `quoted` matched framework term `term`, of crosswalk item `via`
    /// when the term is the crosswalk's.
    Term {
        quoted: String,
        term: String,
        via: Option<String>,
    },
    /// Words matched with no term behind them.
    Words { quoted: String },
    /// `quoted` names concept `concept` (a lexicon id).
    Concept { quoted: String, concept: String },
    /// Rule `rule` suggested `concept` from `quoted` (with `anchor`, for a
    /// topic rule).
    Rule {
        rule: String,
        kind: RuleUse,
        quoted: Option<String>,
        concept: String,
        anchor: Option<String>,
    },
    /// The level-2 gate, and the words that opened it.
    Gate { gate: Gate, quoted: Option<String> },
    /// The fitted model gave `level` this `probability`; `features` weighed
    /// most, with their weights.
    Model {
        level: u8,
        probability: f32,
        features: Vec<(Feature, f32)>,
    },
    /// The fitted model ranked the competency first among its level's.
    Ranked,
}
