//! What the classifier can hold, and the errors that say which file,
//! competency and term went over. Word ids, pattern ids, competency
//! indices and concept indices are 16 bits (see [`vocab`](crate::text::vocab)
//! and the automaton), which keeps the automaton small enough to stay in
//! cache. A framework over a limit is refused when the classifier is built,
//! which `aimap frameworks check` does too.

use super::automaton::{self, TooLarge};
use crate::framework::{Competency, Framework, FrameworkError, Lexicon};
use crate::model::{CompetencyId, Finding, FindingCode, SourceLocation};
use crate::text::vocab;

/// Distinct words across every framework's terms and exclusions and the lexicon.
pub const MAX_WORDS: usize = vocab::MAX_ID as usize;
/// Distinct phrases (normalised terms, exclusions and lexicon patterns).
pub const MAX_PHRASES: usize = u16::MAX as usize + 1;
/// Competencies with a level in the primary framework.
pub const MAX_TARGETS: usize = u16::MAX as usize + 1;
/// Concepts of the lexicon.
pub const MAX_CONCEPTS: usize = u16::MAX as usize + 1;
/// States of the automaton: distinct word sequences that begin a phrase.
pub const MAX_STATES: usize = automaton::MAX_STATES;
/// Matches the automaton's states list, together.
pub const MAX_OUTPUTS: usize = automaton::MAX_OUTPUTS;

/// Where a phrase of the classifier first came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin<'a> {
    /// `framework` or `lexicon`.
    what: &'static str,
    file: &'a str,
    key: &'static str,
    competency: Option<&'a CompetencyId>,
    text: &'a str,
}

impl<'a> Origin<'a> {
    pub(super) fn term(fw: &'a Framework, c: &'a Competency, text: &'a str) -> Self {
        Origin {
            what: "framework",
            file: &fw.origin,
            key: "competencies.terms",
            competency: Some(&c.id),
            text,
        }
    }

    pub(super) fn exclude(fw: &'a Framework, c: &'a Competency, text: &'a str) -> Self {
        Origin {
            what: "framework",
            file: &fw.origin,
            key: "competencies.exclude",
            competency: Some(&c.id),
            text,
        }
    }

    pub(super) fn pattern(lexicon: &'a Lexicon, text: &'a str) -> Self {
        Origin {
            what: "lexicon",
            file: &lexicon.origin,
            key: "entries.patterns",
            competency: None,
            text,
        }
    }

    /// `the term "x" of competency "C.1"`, `the pattern "x"`.
    fn subject(&self) -> String {
        let text = short(self.text);
        match (self.competency, self.key) {
            (Some(c), "competencies.exclude") => {
                format!("the exclusion \"{text}\" of competency \"{c}\"")
            }
            (Some(c), _) => format!("the term \"{text}\" of competency \"{c}\""),
            (None, _) => format!("the pattern \"{text}\""),
        }
    }

    fn error(&self, message: String) -> anyhow::Error {
        error(self.what, self.file, self.key, message)
    }
}

fn error(what: &'static str, file: &str, key: &str, message: String) -> anyhow::Error {
    FrameworkError {
        what,
        origin: file.to_owned(),
        problems: vec![
            Finding::new(FindingCode::FrameworkError, message)
                .at(SourceLocation::file(file).at_key(key)),
        ],
    }
    .into()
}

/// A phrase as a message quotes it: its first 60 characters, then `…`.
fn short(text: &str) -> String {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// `65,536`.
fn n(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub(super) fn too_many_targets(fw: &Framework) -> anyhow::Error {
    let with_level = fw.competencies.iter().filter(|c| c.level.is_some()).count();
    error(
        "framework",
        &fw.origin,
        "competencies",
        format!(
            "the framework has {} competencies with a level; the classifier can tell at most {} apart",
            n(with_level),
            n(MAX_TARGETS)
        ),
    )
}

pub(super) fn too_many_concepts(lexicon: &Lexicon) -> anyhow::Error {
    error(
        "lexicon",
        &lexicon.origin,
        "concepts",
        format!(
            "the lexicon declares {} concepts; the classifier can tell at most {} apart",
            n(lexicon.concepts.len()),
            n(MAX_CONCEPTS)
        ),
    )
}

pub(super) fn too_many_terms(origin: Origin<'_>) -> anyhow::Error {
    origin.error(format!(
        "{} is one term too many: the classifier holds at most {} terms",
        origin.subject(),
        n(u32::MAX as usize)
    ))
}

pub(super) fn too_many_phrases(origin: Origin<'_>) -> anyhow::Error {
    origin.error(format!(
        "{} is one phrase too many: the classifier holds at most {} distinct phrases across the frameworks' terms and exclusions and the lexicon",
        origin.subject(),
        n(MAX_PHRASES)
    ))
}

pub(super) fn too_many_words(origin: Origin<'_>, word: &str) -> anyhow::Error {
    if word.len() > usize::from(u16::MAX) {
        return origin.error(format!(
            "{} has a word of {} bytes; the classifier reads words of at most {} bytes",
            origin.subject(),
            n(word.len()),
            n(usize::from(u16::MAX))
        ));
    }
    origin.error(format!(
        "{}: its word \"{}\" is one word too many: the classifier holds at most {} distinct words across the frameworks' terms and exclusions and the lexicon",
        origin.subject(),
        short(word),
        n(MAX_WORDS)
    ))
}

pub(super) fn too_large(origin: Origin<'_>, why: TooLarge) -> anyhow::Error {
    let (limit, what) = match why {
        TooLarge::States(_) => (
            MAX_STATES,
            "distinct beginnings of phrases (a phrase of N words has N)",
        ),
        TooLarge::Outputs(_) => (
            MAX_OUTPUTS,
            "matches listed together (a phrase counts once for each competency it is a term of, and again inside every longer phrase that ends with it)",
        ),
    };
    origin.error(format!(
        "{} takes the classifier over its limit of {} {what}",
        origin.subject(),
        n(limit)
    ))
}
