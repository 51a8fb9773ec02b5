//! Programmes side by side: the competency × programme matrix (depth and
//! hours), coverage per level, what each programme alone teaches, pairwise
//! similarity with a clustering order, and each programme against a
//! reference programme or a target.
//!
//! **Similarity** is the weighted Jaccard index over competency depths:
//! each programme is a vector with one weight per primary competency, 0
//! when it is not taught, 1 at I, 2 at R and 3 at M, and
//! `J(p, q) = Σ min(p_c, q_c) / Σ max(p_c, q_c)`; two programmes that teach
//! nothing are identical (1). It is 1 for the same coverage at the same
//! depths, 0 when no competency is taught by both.
//!
//! **Clustering order**: average-linkage agglomeration on that similarity
//! (the two clusters with the highest mean pairwise similarity merge
//! first; ties go to the pair listed first), read off as the order of the
//! leaves. Similar programmes end up next to each other.
//!
//! The pairwise part is quadratic in the number of programmes (about 40
//! operations per pair with the shipped framework).

use super::ProgramAnalysis;
use crate::model::{CompetencyId, Depth};
use std::collections::BTreeMap;

/// How one programme teaches one competency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub depth: Depth,
    /// Some mapping to it is explicit.
    pub explicit: bool,
    /// Hours attributed to it, when the programme gives hours.
    pub hours: Option<f64>,
}

/// A primary competency across programmes.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyRow {
    pub id: CompetencyId,
    pub level: u8,
    /// One per programme, in [`Comparison::programs`] order.
    pub cells: Vec<Option<Cell>>,
}

/// A programme against the reference.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgainstReference {
    /// Requirements (target) or competencies the reference teaches.
    pub total: usize,
    /// Of those, reached at the reference's depth or deeper.
    pub met: usize,
    /// Not taught at all, in framework order.
    pub missing: Vec<CompetencyId>,
    /// Taught, but shallower than the reference.
    pub shallower: Vec<CompetencyId>,
}

/// What programmes are compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Reference {
    /// One of the programmes, by index.
    Program(usize),
    /// The target every analysis was checked against (`--target`).
    Target(String),
}

/// Everything `compare` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Programme names, in input order.
    pub programs: Vec<String>,
    /// Primary competencies in framework order.
    pub competencies: Vec<CompetencyRow>,
    /// Per programme: competencies it teaches and no other programme does.
    pub unique: Vec<Vec<CompetencyId>>,
    /// `similarity[i][j]`, symmetric, 1 on the diagonal.
    pub similarity: Vec<Vec<f64>>,
    /// Programme indices, similar ones next to each other.
    pub order: Vec<usize>,
    pub reference: Option<Reference>,
    /// Per programme, against the reference; empty without one.
    pub against: Vec<AgainstReference>,
}

fn weight(d: Option<Depth>) -> u32 {
    match d {
        None => 0,
        Some(Depth::Introduced) => 1,
        Some(Depth::Reinforced) => 2,
        Some(Depth::Mastered) => 3,
    }
}

/// The weighted Jaccard index of two depth vectors (see the module doc).
pub fn weighted_jaccard(a: &[Option<Depth>], b: &[Option<Depth>]) -> f64 {
    let (mut min, mut max) = (0u32, 0u32);
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (weight(*x), weight(*y));
        min += x.min(y);
        max += x.max(y);
    }
    if max == 0 {
        1.0
    } else {
        f64::from(min) / f64::from(max)
    }
}

/// Leaf order of average-linkage clustering on `similarity`.
pub fn cluster_order(similarity: &[Vec<f64>]) -> Vec<usize> {
    let mut clusters: Vec<Vec<usize>> = (0..similarity.len()).map(|i| vec![i]).collect();
    while clusters.len() > 1 {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let mut sum = 0.0;
                for &i in &clusters[a] {
                    for &j in &clusters[b] {
                        sum += similarity[i][j];
                    }
                }
                let mean = sum / (clusters[a].len() * clusters[b].len()) as f64;
                if best.is_none_or(|(m, _, _)| mean > m) {
                    best = Some((mean, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        let merged = clusters.remove(b);
        clusters[a].extend(merged);
    }
    clusters.into_iter().next().unwrap_or_default()
}

/// Compares `analyses` (one per programme, in input order), against the
/// programme at index `reference` when given, else against the target the
/// analyses were checked with, if any.
pub fn compare(analyses: &[ProgramAnalysis], reference: Option<usize>) -> Comparison {
    let programs: Vec<String> = analyses.iter().map(|a| a.program.clone()).collect();
    // Every analysis lists the same primary competencies in the same order.
    let ids: Vec<(&CompetencyId, u8)> = analyses
        .first()
        .map(|a| a.competencies.iter().map(|c| (&c.id, c.level)).collect())
        .unwrap_or_default();
    let depth_of: Vec<BTreeMap<&CompetencyId, &super::CompetencyCoverage>> = analyses
        .iter()
        .map(|a| a.competencies.iter().map(|c| (&c.id, c)).collect())
        .collect();
    let competencies: Vec<CompetencyRow> = ids
        .iter()
        .map(|&(id, level)| CompetencyRow {
            id: id.clone(),
            level,
            cells: analyses
                .iter()
                .zip(&depth_of)
                .map(|(a, m)| {
                    let c = m.get(id)?;
                    Some(Cell {
                        depth: c.deepest?,
                        explicit: c.explicit,
                        hours: a.time.by_competency.get(id).copied(),
                    })
                })
                .collect(),
        })
        .collect();
    let vectors: Vec<Vec<Option<Depth>>> = (0..analyses.len())
        .map(|p| {
            competencies
                .iter()
                .map(|r| r.cells[p].map(|c| c.depth))
                .collect()
        })
        .collect();
    let n = analyses.len();
    let mut similarity = vec![vec![1.0; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let s = weighted_jaccard(&vectors[i], &vectors[j]);
            similarity[i][j] = s;
            similarity[j][i] = s;
        }
    }
    let unique = (0..n)
        .map(|p| {
            competencies
                .iter()
                .filter(|r| {
                    r.cells[p].is_some()
                        && r.cells
                            .iter()
                            .enumerate()
                            .all(|(q, c)| q == p || c.is_none())
                })
                .map(|r| r.id.clone())
                .collect()
        })
        .collect();
    let (reference, against) = match reference {
        Some(r) if r < n => (
            Some(Reference::Program(r)),
            (0..n)
                .map(|p| against_program(&competencies, r, p))
                .collect(),
        ),
        _ => match analyses.iter().find_map(|a| a.target.as_ref()) {
            Some(t) => (
                Some(Reference::Target(t.target.clone())),
                analyses.iter().map(against_target).collect(),
            ),
            None => (None, Vec::new()),
        },
    };
    Comparison {
        order: cluster_order(&similarity),
        programs,
        competencies,
        unique,
        similarity,
        reference,
        against,
    }
}

fn against_program(rows: &[CompetencyRow], reference: usize, p: usize) -> AgainstReference {
    let mut out = AgainstReference::default();
    for r in rows {
        let Some(want) = r.cells[reference] else {
            continue;
        };
        out.total += 1;
        match r.cells[p] {
            None => out.missing.push(r.id.clone()),
            Some(c) if c.depth < want.depth => out.shallower.push(r.id.clone()),
            Some(_) => out.met += 1,
        }
    }
    out
}

fn against_target(a: &ProgramAnalysis) -> AgainstReference {
    let mut out = AgainstReference::default();
    let Some(t) = &a.target else {
        return out;
    };
    for c in &t.checks {
        out.total += 1;
        match c.reached {
            None => out.missing.push(c.competency.clone()),
            Some(_) if !c.met => out.shallower.push(c.competency.clone()),
            Some(_) => out.met += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_jaccard_counts_depths() {
        use Depth::*;
        let a = [Some(Mastered), Some(Introduced), None];
        let b = [Some(Reinforced), None, Some(Introduced)];
        // min: 2 + 0 + 0; max: 3 + 1 + 1.
        assert_eq!(weighted_jaccard(&a, &b), 0.4);
        assert_eq!(weighted_jaccard(&a, &a), 1.0);
        assert_eq!(weighted_jaccard(&[None], &[None]), 1.0);
        assert_eq!(
            weighted_jaccard(&[Some(Introduced), None], &[None, Some(Mastered)]),
            0.0
        );
    }

    #[test]
    fn similar_programmes_cluster_next_to_each_other() {
        let s = vec![
            vec![1.0, 0.1, 0.9, 0.2],
            vec![0.1, 1.0, 0.2, 0.8],
            vec![0.9, 0.2, 1.0, 0.1],
            vec![0.2, 0.8, 0.1, 1.0],
        ];
        assert_eq!(cluster_order(&s), [0, 2, 1, 3]);
        assert_eq!(cluster_order(&[]), Vec::<usize>::new());
    }
}
