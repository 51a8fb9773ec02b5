//! The demand side: which postings are AI postings, at which level, and
//! the aggregates over them (shares per level by country, region, sector,
//! occupation and quarter, with Wilson intervals; the competencies asked
//! for), and those set against one programme's supply. Pure functions; the
//! aggregates are all a run keeps of its postings, so memory does not grow
//! with their number (only with the number of distinct countries, sectors…,
//! itself bounded by [`MAX_KEYS`]).
//!
//! **The rule.** A posting is an *AI posting* when its title and
//! description name at least `min_concepts` (default 2) distinct AI
//! concepts, after Green & Lamby (2023), *The supply, demand and
//! characteristics of the AI workforce across OECD countries*, OECD Social,
//! Employment and Migration Working Papers No. 287. A concept here is a
//! distinct phrase of the posting that the classifier matched to a
//! competency of the framework: the words behind each framework term,
//! lexicon concept or level rule in the evidence of its suggestions (for a
//! topic rule, the AI words that anchor it), compared case- and
//! accent-insensitively; a phrase inside another one counted ("OMOP" in
//! "OMOP common data model") counts once. Level 1 (software and data)
//! concepts count, since the three-level classification treats them as AI
//! skills. The posting's level is the highest level among its suggestions.

use crate::classify::Classification;
use crate::model::{CompetencyId, Evidence, Posting, RuleUse};
use std::collections::{BTreeMap, BTreeSet};

/// The OECD threshold: distinct AI concepts a posting must name.
pub const DEFAULT_MIN_CONCEPTS: usize = 2;
/// Cells with fewer postings are marked as too small to read.
pub const MIN_CELL: usize = 10;
/// Distinct values kept per dimension; postings with further values count
/// under [`OTHER`].
pub const MAX_KEYS: usize = 10_000;
/// The key of postings whose value is missing.
pub const UNKNOWN: &str = "";
/// The key of values beyond [`MAX_KEYS`].
pub const OTHER: &str = "\u{0}other";
/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// What the rule says about one posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    pub ai: bool,
    /// The highest level asked for, when it is an AI posting.
    pub level: Option<u8>,
    /// The distinct concepts found, sorted (folded phrases).
    pub concepts: Vec<String>,
    /// The competencies asked for (when it is an AI posting), sorted.
    pub competencies: Vec<(CompetencyId, u8)>,
}

/// The phrases behind a suggestion's evidence that name a concept.
fn phrases(e: &Evidence) -> Option<&str> {
    match e {
        Evidence::Term { quoted, .. } | Evidence::Concept { quoted, .. } => Some(quoted),
        Evidence::Rule {
            kind: RuleUse::Topic,
            anchor,
            quoted,
            ..
        } => anchor.as_deref().or(quoted.as_deref()),
        Evidence::Rule { quoted, anchor, .. } => quoted.as_deref().or(anchor.as_deref()),
        Evidence::Words { .. }
        | Evidence::Gate { .. }
        | Evidence::Model { .. }
        | Evidence::Ranked => None,
    }
}

/// The distinct concepts of a classification, as defined in the module
/// docs: folded, sorted, none inside another.
pub fn concepts(c: &Classification) -> Vec<String> {
    let all: BTreeSet<String> = c
        .suggestions
        .iter()
        .flat_map(|s| s.evidence.iter().filter_map(phrases))
        .map(|p| crate::text::squish(&crate::text::fold(p)))
        .filter(|p| !p.is_empty())
        .collect();
    let within = |small: &str, big: &str| {
        small != big
            && big
                .split(' ')
                .collect::<Vec<_>>()
                .windows(small.split(' ').count())
                .any(|w| w.join(" ") == small)
    };
    all.iter()
        .filter(|p| !all.iter().any(|q| within(p, q)))
        .cloned()
        .collect()
}

/// Applies the rule to one posting's classification.
pub fn judge(c: &Classification, min_concepts: usize) -> Judged {
    let concepts = concepts(c);
    let ai = concepts.len() >= min_concepts.max(1) && !c.suggestions.is_empty();
    let mut competencies: Vec<(CompetencyId, u8)> = if ai {
        c.suggestions
            .iter()
            .map(|s| (s.competency.clone(), s.level))
            .collect()
    } else {
        Vec::new()
    };
    competencies.sort();
    competencies.dedup();
    Judged {
        ai,
        level: if ai {
            c.suggestions.iter().map(|s| s.level).max()
        } else {
            None
        },
        concepts,
        competencies,
    }
}

/// The Wilson score interval of `k` successes in `n` trials, at 95 %:
/// `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`, with `p = k/n` and
/// `z = 1.96`. `None` when `n` is 0.
pub fn wilson(k: usize, n: usize) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (k, n) = (k.min(n) as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = p + z2 / (2.0 * n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some((
        ((centre - half) / denom).max(0.0),
        ((centre + half) / denom).min(1.0),
    ))
}

/// Postings of one cell: how many, how many are AI postings, and how many
/// have each level as their highest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub postings: usize,
    pub ai: usize,
    pub levels: BTreeMap<u8, usize>,
}

impl Cell {
    fn add(&mut self, j: &Judged) {
        self.postings += 1;
        if j.ai {
            self.ai += 1;
        }
        if let Some(l) = j.level {
            *self.levels.entry(l).or_default() += 1;
        }
    }

    /// Postings at level `l`.
    pub fn at(&self, l: u8) -> usize {
        self.levels.get(&l).copied().unwrap_or(0)
    }

    /// Too few postings to read a share from.
    pub fn small(&self) -> bool {
        self.postings < MIN_CELL
    }
}

/// What postings are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    Country,
    Region,
    Sector,
    Occupation,
    Quarter,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Country,
        Dimension::Region,
        Dimension::Sector,
        Dimension::Occupation,
        Dimension::Quarter,
    ];

    /// The name in JSON and in message keys.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Country => "country",
            Dimension::Region => "region",
            Dimension::Sector => "sector",
            Dimension::Occupation => "occupation",
            Dimension::Quarter => "quarter",
        }
    }

    fn of(self, p: &Posting) -> String {
        let v = match self {
            Dimension::Country => p.country.clone(),
            Dimension::Region => p.region.clone(),
            Dimension::Sector => p.sector.clone(),
            Dimension::Occupation => p.occupation.clone(),
            Dimension::Quarter => p.quarter.map(|q| q.to_string()),
        };
        v.unwrap_or_else(|| UNKNOWN.to_owned())
    }
}

/// Everything a run keeps of its postings.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    pub min_concepts: usize,
    pub total: Cell,
    pub by: BTreeMap<Dimension, BTreeMap<String, Cell>>,
    /// AI postings asking for each competency, with its level.
    pub competencies: BTreeMap<CompetencyId, (u8, usize)>,
}

impl Demand {
    pub fn new(min_concepts: usize) -> Self {
        Demand {
            min_concepts,
            total: Cell::default(),
            by: Dimension::ALL
                .into_iter()
                .map(|d| (d, BTreeMap::new()))
                .collect(),
            competencies: BTreeMap::new(),
        }
    }

    /// Counts one posting.
    pub fn add(&mut self, p: &Posting, j: &Judged) {
        self.total.add(j);
        for (d, cells) in &mut self.by {
            let mut key = d.of(p);
            if !cells.contains_key(&key) && cells.len() >= MAX_KEYS {
                key = OTHER.to_owned();
            }
            cells.entry(key).or_default().add(j);
        }
        for (id, level) in &j.competencies {
            self.competencies.entry(id.clone()).or_insert((*level, 0)).1 += 1;
        }
    }

    /// Competencies by postings asking for them, most first (then by id).
    pub fn top_competencies(&self) -> Vec<(&CompetencyId, u8, usize)> {
        let mut v: Vec<_> = self
            .competencies
            .iter()
            .map(|(id, (l, n))| (id, *l, *n))
            .collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        v
    }

    /// Share of AI postings asking for competency `id`.
    pub fn competency_share(&self, id: &CompetencyId) -> (usize, usize) {
        let n = self.competencies.get(id).map_or(0, |(_, n)| *n);
        (n, self.total.ai)
    }
}

/// One level, demand against one programme's supply.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelBalance {
    pub level: u8,
    /// AI postings whose highest level this is, out of all AI postings.
    pub demand: (usize, usize),
    /// Competencies of the level the programme covers, out of the level's.
    pub covered: (usize, usize),
    /// Teaching hours attributed to the level, when hours are known.
    pub hours: Option<f64>,
}

/// One competency asked for, against the programme.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyBalance {
    pub id: CompetencyId,
    pub level: u8,
    /// AI postings asking for it, out of all AI postings.
    pub demand: (usize, usize),
    pub covered: bool,
    pub hours: Option<f64>,
}

/// Supply against demand for one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    pub levels: Vec<LevelBalance>,
    /// Every competency asked for, most demanded first.
    pub competencies: Vec<CompetencyBalance>,
    /// "Most demanded, least taught": the most demanded competencies the
    /// programme does not teach, at most [`GAPS`].
    pub gaps: Vec<CompetencyId>,
}

/// How many "most demanded, least taught" competencies are listed.
pub const GAPS: usize = 5;

/// Sets the demand against programme `a`.
pub fn balance(demand: &Demand, a: &super::ProgramAnalysis) -> Balance {
    let ai = demand.total.ai;
    let levels = a
        .levels
        .iter()
        .map(|l| LevelBalance {
            level: l.number,
            demand: (demand.total.at(l.number), ai),
            covered: (l.covered, l.total),
            hours: a.time.known.then(|| {
                a.time
                    .by_year_level
                    .iter()
                    .filter(|((_, lv), _)| *lv == l.number)
                    .fold(0.0, |sum, (_, h)| sum + h)
            }),
        })
        .collect();
    let competencies: Vec<CompetencyBalance> = demand
        .top_competencies()
        .into_iter()
        .map(|(id, level, n)| CompetencyBalance {
            id: id.clone(),
            level,
            demand: (n, ai),
            covered: a.coverage(id).is_some_and(|c| c.covered),
            hours: a
                .time
                .known
                .then(|| a.time.by_competency.get(id).copied().unwrap_or(0.0)),
        })
        .collect();
    let gaps = competencies
        .iter()
        .filter(|c| !c.covered)
        .take(GAPS)
        .map(|c| c.id.clone())
        .collect();
    Balance {
        levels,
        competencies,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Suggested;
    use crate::model::{Depth, SourceLocation};

    fn close(a: (f64, f64), b: (f64, f64)) {
        assert!(
            (a.0 - b.0).abs() < 5e-5 && (a.1 - b.1).abs() < 5e-5,
            "{a:?} != {b:?}"
        );
    }

    #[test]
    fn wilson_matches_known_values() {
        close(wilson(5, 10).unwrap(), (0.2366, 0.7634));
        close(wilson(0, 10).unwrap(), (0.0, 0.2775));
        close(wilson(10, 10).unwrap(), (0.7225, 1.0));
        close(wilson(1, 100).unwrap(), (0.0018, 0.0545));
        close(wilson(81, 263).unwrap(), (0.2553, 0.3662));
        assert_eq!(wilson(0, 0), None);
    }

    fn term(quoted: &str) -> Evidence {
        Evidence::Term {
            quoted: quoted.into(),
            term: crate::text::fold(quoted),
            via: None,
        }
    }

    fn suggestion(id: &str, level: u8, evidence: Vec<Evidence>) -> Suggested {
        Suggested {
            competency: CompetencyId::new(id),
            level,
            depth: Depth::Introduced,
            score: 0.9,
            evidence,
        }
    }

    fn classification(s: Vec<Suggested>) -> Classification {
        Classification {
            level: s.iter().map(|s| s.level).max(),
            depth: Depth::Introduced,
            suggestions: s,
        }
    }

    #[test]
    fn one_ai_mention_is_not_an_ai_posting() {
        let c = classification(vec![suggestion(
            "L0.FND.1",
            0,
            vec![term("machine learning")],
        )]);
        let j = judge(&c, DEFAULT_MIN_CONCEPTS);
        assert!(!j.ai);
        assert_eq!(j.level, None);
        assert!(j.competencies.is_empty());
        // The same mention twice, or named by two suggestions, is one concept.
        let c = classification(vec![
            suggestion("L0.FND.1", 0, vec![term("Machine learning")]),
            suggestion("L2.ML.1", 2, vec![term("machine  learning")]),
        ]);
        assert!(!judge(&c, 2).ai);
        assert!(judge(&c, 1).ai);
    }

    #[test]
    fn two_distinct_concepts_make_an_ai_posting_at_the_highest_level() {
        let c = classification(vec![
            suggestion("L1.PRG.1", 1, vec![term("Python")]),
            suggestion("L2.ML.1", 2, vec![term("deep learning")]),
        ]);
        let j = judge(&c, 2);
        assert!(j.ai);
        assert_eq!(j.level, Some(2));
        assert_eq!(j.concepts, ["deep learning", "python"]);
    }

    #[test]
    fn a_phrase_inside_another_counts_once() {
        let c = classification(vec![suggestion(
            "L1.DBS.2",
            1,
            vec![term("OMOP common data model"), term("OMOP")],
        )]);
        assert_eq!(concepts(&c), ["omop common data model"]);
    }

    fn posting(country: &str, quarter: Option<&str>) -> Posting {
        Posting {
            id: "x".into(),
            title: "t".into(),
            description: String::new(),
            employer: None,
            sector: None,
            occupation: None,
            country: Some(country.into()),
            region: None,
            quarter: quarter.and_then(crate::model::Quarter::parse),
            date: None,
            location: SourceLocation::file("p.csv"),
        }
    }

    fn judged(level: Option<u8>) -> Judged {
        Judged {
            ai: level.is_some(),
            level,
            concepts: Vec::new(),
            competencies: level
                .map(|l| vec![(CompetencyId::new(format!("L{l}.X")), l)])
                .unwrap_or_default(),
        }
    }

    /// FR: 4 postings (L0, L2, L2, none); DE: 2 (L1, none). By hand:
    /// FR AI share 3/4, L2 2/4; DE AI share 1/2; all: 4/6 AI, L2 2/6.
    #[test]
    fn level_shares_on_a_hand_computed_fixture() {
        let mut d = Demand::new(2);
        let rows = [
            ("FR", Some(0), Some("2024-01-10")),
            ("FR", Some(2), Some("2024-02-10")),
            ("FR", Some(2), Some("2024-05-10")),
            ("FR", None, None),
            ("DE", Some(1), Some("2024-Q2")),
            ("DE", None, Some("2024-06-30")),
        ];
        for (c, l, q) in rows {
            d.add(&posting(c, q), &judged(l));
        }
        assert_eq!((d.total.postings, d.total.ai), (6, 4));
        assert_eq!((d.total.at(0), d.total.at(1), d.total.at(2)), (1, 1, 2));
        let fr = &d.by[&Dimension::Country]["FR"];
        assert_eq!((fr.postings, fr.ai, fr.at(2)), (4, 3, 2));
        let de = &d.by[&Dimension::Country]["DE"];
        assert_eq!((de.postings, de.ai, de.at(1)), (2, 1, 1));
        assert!(de.small());
        let q = &d.by[&Dimension::Quarter];
        assert_eq!(q["2024-Q1"].postings, 2);
        assert_eq!((q["2024-Q2"].postings, q["2024-Q2"].ai), (3, 2));
        assert_eq!(q[UNKNOWN].postings, 1);
        assert_eq!(d.top_competencies()[0], (&CompetencyId::new("L2.X"), 2, 2));
        assert_eq!(d.competency_share(&CompetencyId::new("L0.X")), (1, 4));
    }
}
