//! The classifier's rule table (`frameworks/knowledge/rules.toml`): when a
//! concept of the lexicon is suggested, from which cues, concepts and
//! engine conditions. Parsed and checked against the lexicon here, every
//! problem located; the engine in `classify` only interprets the table.

use super::FrameworkError;
use super::knowledge::{Cue, Lexicon, RawMeta};
use super::load::{Checker, parse_toml};
use crate::model::Finding;
use serde::Deserialize;
use toml::Spanned;

/// The built-in rule table, embedded so the binary works from any folder.
pub const BUILTIN_RULES: (&str, &str) = (
    "knowledge/rules.toml",
    include_str!("../../frameworks/knowledge/rules.toml"),
);

/// A condition the engine works out from the whole statement (written
/// `@name` in the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Ai,
    Knowing,
    Conceptual,
    OnData,
    Software,
    Model,
    ModelNamed,
    Building,
    Predicting,
    L2Found,
    AnyCandidate,
}

impl Condition {
    pub const ALL: [(Condition, &'static str); 11] = [
        (Condition::Ai, "ai"),
        (Condition::Knowing, "knowing"),
        (Condition::Conceptual, "conceptual"),
        (Condition::OnData, "on-data"),
        (Condition::Software, "software"),
        (Condition::Model, "model"),
        (Condition::ModelNamed, "model-named"),
        (Condition::Building, "building"),
        (Condition::Predicting, "predicting"),
        (Condition::L2Found, "l2-found"),
        (Condition::AnyCandidate, "any-candidate"),
    ];

    pub fn name(self) -> &'static str {
        Condition::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("", |(_, n)| n)
    }
}

/// What a rule tests: a cue found, a concept found, an engine condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Cue(Cue),
    /// Index into [`Lexicon::concepts`].
    Concept(usize),
    When(Condition),
}

/// How a rule's evidence reads, and how much it weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// The words are the concept's own.
    Concept,
    /// An ambiguous word read in its AI sense from its context.
    ReadAs,
    /// A combination of words.
    Rule,
    /// A topic word in a statement about AI.
    Topic,
    /// AI named, nothing more specific.
    Generic,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    /// Index into [`Lexicon::concepts`].
    pub suggests: usize,
    pub all: Vec<Signal>,
    pub any: Vec<Signal>,
    pub none: Vec<Signal>,
    pub not_overlapping: Vec<Cue>,
    pub quote: Option<Signal>,
    pub kind: RuleKind,
}

/// A validated rule table.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub id: String,
    pub version: String,
    pub rules: Vec<Rule>,
    pub origin: String,
}

impl Rules {
    /// The built-in table, checked against `lexicon`.
    pub fn builtin(lexicon: &Lexicon) -> Result<Self, FrameworkError> {
        let (name, src) = BUILTIN_RULES;
        parse_rules(src, &format!("built-in:{name}"), lexicon).map(|(r, _)| r)
    }

    /// Whether some rule decides when `concept` is suggested.
    pub fn governs(&self, concept: usize) -> bool {
        self.rules.iter().any(|r| r.suggests == concept)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    rules: RawMeta,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    suggests: Spanned<String>,
    #[serde(default)]
    all: Vec<Spanned<String>>,
    #[serde(default)]
    any: Vec<Spanned<String>>,
    #[serde(default)]
    none: Vec<Spanned<String>>,
    #[serde(default)]
    not_overlapping: Vec<Spanned<String>>,
    #[serde(default)]
    quote: Option<Spanned<String>>,
    kind: RuleKind,
}

/// Whether a TOML source is a rule table (first table `[rules]`).
pub fn is_rules(src: &str) -> bool {
    src.lines()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .is_some_and(|l| l == "[rules]")
}

fn cue_named(name: &str) -> Option<Cue> {
    super::knowledge::CUES
        .iter()
        .copied()
        .find(|c| c.name() == name)
}

/// Reads one signal name: `@condition`, a cue, or a concept of `lexicon`.
fn signal(name: &str, lexicon: &Lexicon) -> Option<Signal> {
    if let Some(c) = name.strip_prefix('@') {
        return Condition::ALL
            .iter()
            .find(|(_, n)| *n == c)
            .map(|(c, _)| Signal::When(*c));
    }
    cue_named(name)
        .map(Signal::Cue)
        .or_else(|| lexicon.concept(name).map(Signal::Concept))
}

/// Parses a rule table and checks it against `lexicon`: every concept,
/// cue and condition a rule names exists, ids are unique, and a rule can
/// fire (it has at least one signal).
pub fn parse_rules(
    src: &str,
    origin: &str,
    lexicon: &Lexicon,
) -> Result<(Rules, Vec<Finding>), FrameworkError> {
    let raw: RawFile = parse_toml(src, origin, "rule table")?;
    let mut ck = Checker::new(origin, src);
    let mut rules: Vec<Rule> = Vec::with_capacity(raw.rule.len());
    let mut ids: Vec<&str> = Vec::new();
    for r in &raw.rule {
        let id = r.id.get_ref().trim();
        if id.is_empty() || ids.contains(&id) {
            ck.error(
                r.id.span(),
                "rule.id",
                format!("rule id \"{id}\" is empty or used twice"),
            );
            continue;
        }
        ids.push(id);
        let suggests = lexicon.concept(r.suggests.get_ref().trim());
        if suggests.is_none() {
            ck.error(
                r.suggests.span(),
                "rule.suggests",
                format!(
                    "rule \"{id}\" suggests the concept \"{}\", which the lexicon `{}` does not declare",
                    r.suggests.get_ref(),
                    lexicon.origin
                ),
            );
        }
        let list = |names: &[Spanned<String>], key: &str, ck: &mut Checker<'_>| {
            let mut out = Vec::with_capacity(names.len());
            for n in names {
                match signal(n.get_ref().trim(), lexicon) {
                    Some(s) => out.push(s),
                    None => ck.error(
                        n.span(),
                        key,
                        format!(
                            "rule \"{id}\" names \"{}\", which is neither a cue, a concept of the lexicon `{}`, nor a condition ({})",
                            n.get_ref(),
                            lexicon.origin,
                            Condition::ALL
                                .iter()
                                .map(|(_, n)| format!("@{n}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                }
            }
            out
        };
        let all = list(&r.all, "rule.all", &mut ck);
        let any = list(&r.any, "rule.any", &mut ck);
        let none = list(&r.none, "rule.none", &mut ck);
        let quote = r
            .quote
            .as_ref()
            .and_then(|q| list(std::slice::from_ref(q), "rule.quote", &mut ck).pop());
        let mut not_overlapping = Vec::new();
        for n in &r.not_overlapping {
            match cue_named(n.get_ref().trim()) {
                Some(c) => not_overlapping.push(c),
                None => ck.error(
                    n.span(),
                    "rule.not_overlapping",
                    format!(
                        "rule \"{id}\" lists \"{}\" in `not_overlapping`, which is not a cue",
                        n.get_ref()
                    ),
                ),
            }
        }
        if r.all.is_empty() && r.any.is_empty() {
            ck.error(
                r.id.span(),
                "rule",
                format!(
                    "rule \"{id}\" has neither `all` nor `any`: it would fire on every statement"
                ),
            );
        }
        if let Some(q) = quote
            && !all.contains(&q)
            && !any.contains(&q)
        {
            ck.error(
                r.quote.as_ref().map_or(0..0, Spanned::span),
                "rule.quote",
                format!("rule \"{id}\" quotes a signal that is not in its `all` or `any`"),
            );
        }
        if let Some(suggests) = suggests {
            rules.push(Rule {
                id: id.to_owned(),
                suggests,
                all,
                any,
                none,
                not_overlapping,
                quote,
                kind: r.kind,
            });
        }
    }
    let table = Rules {
        id: raw.rules.id.get_ref().trim().to_owned(),
        version: raw.rules.version,
        rules,
        origin: origin.to_owned(),
    };
    if ck.has_errors() {
        Err(FrameworkError {
            what: "rule table",
            origin: origin.to_owned(),
            problems: ck.problems,
        })
    } else {
        Ok((table, ck.problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rules_load_against_the_builtin_lexicon() {
        let lexicon = Lexicon::builtin().unwrap();
        let (name, src) = BUILTIN_RULES;
        let (rules, warnings) = parse_rules(src, name, &lexicon).unwrap_or_else(|e| panic!("{e}"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(rules.rules.len() > 20);
        assert!(is_rules(src));
    }

    #[test]
    fn rejects_a_rule_naming_a_missing_concept_or_condition() {
        let lexicon = Lexicon::builtin().unwrap();
        let src = "[rules]\nid = \"r\"\nversion = \"1\"\n\n[[rule]]\nid = \"x\"\nsuggests = \"nowhere\"\nall = [\"@sometimes\"]\nkind = \"rule\"\n";
        let e = parse_rules(src, "r.toml", &lexicon).unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("invalid rule table `r.toml` (2 problems)"),
            "{text}"
        );
        assert!(text.contains("r.toml line 7, key `rule.suggests`: rule \"x\" suggests the concept \"nowhere\", which the lexicon `built-in:knowledge/lexicon.toml` does not declare"), "{text}");
        assert!(text.contains("r.toml line 8, key `rule.all`: rule \"x\" names \"@sometimes\", which is neither a cue"), "{text}");
    }
}
