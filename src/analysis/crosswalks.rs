//! Coverage of the crosswalk frameworks a programme's mappings name (for
//! example Russell 2023 ids in the `competencies` column): which items are
//! taught, and what each rolls up onto in the primary framework.

use crate::framework::{Framework, FrameworkSet, rolled_depth};
use crate::graph::NamedMapping;
use crate::model::{CompetencyId, CourseCode, Depth};
use std::collections::{BTreeMap, BTreeSet};

/// One crosswalk framework as a programme uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct CrosswalkCoverage {
    /// The crosswalk framework's id.
    pub framework: String,
    /// Every item of the framework, in file order.
    pub items: Vec<CrosswalkItemCoverage>,
    /// Items taught.
    pub covered: usize,
    /// Per level of the primary framework: how many of its competencies
    /// this crosswalk's taught items reach, and the level's total.
    pub levels: Vec<CrosswalkLevel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CrosswalkLevel {
    pub number: u8,
    pub reached: usize,
    pub total: usize,
}

/// One crosswalk item in a programme.
#[derive(Debug, Clone, PartialEq)]
pub struct CrosswalkItemCoverage {
    pub id: CompetencyId,
    pub covered: bool,
    /// Some mapping to it is explicit.
    pub explicit: bool,
    /// Deepest depth the curriculum marked on it.
    pub depth: Option<Depth>,
    /// Courses mapped to it, sorted.
    pub courses: Vec<CourseCode>,
    /// Its `maps_to` edges; empty for an item outside the AI scope.
    pub rolls_up: Vec<RollUp>,
}

/// A crosswalk edge and what it gives the programme.
#[derive(Debug, Clone, PartialEq)]
pub struct RollUp {
    pub competency: CompetencyId,
    pub level: Option<u8>,
    /// The depth the crosswalk item implies, when it says one.
    pub implied: Option<Depth>,
    /// The depth the programme reaches through this item; `None` when the
    /// item is not taught.
    pub reached: Option<Depth>,
}

/// The crosswalk frameworks the programme's mappings name, sorted by id;
/// crosswalks the programme does not use are left out.
pub fn crosswalk_coverage(
    frameworks: &FrameworkSet,
    mappings: &[NamedMapping],
) -> Vec<CrosswalkCoverage> {
    frameworks
        .crosswalks
        .iter()
        .filter_map(|fw| one(frameworks, fw, mappings))
        .collect()
}

fn one(
    frameworks: &FrameworkSet,
    fw: &Framework,
    mappings: &[NamedMapping],
) -> Option<CrosswalkCoverage> {
    let mut by_item: BTreeMap<&CompetencyId, Vec<&NamedMapping>> = BTreeMap::new();
    for m in mappings {
        if fw.competency(&m.competency).is_some() {
            by_item.entry(&m.competency).or_default().push(m);
        }
    }
    if by_item.is_empty() {
        return None;
    }
    let primary = &frameworks.primary;
    let items: Vec<CrosswalkItemCoverage> = fw
        .competencies
        .iter()
        .map(|c| {
            let list = by_item.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
            // The item's own depth: the deepest marked, introduced when
            // taught without a mark.
            let depth = list
                .iter()
                .map(|m| m.depth.unwrap_or(Depth::Introduced))
                .max();
            CrosswalkItemCoverage {
                id: c.id.clone(),
                covered: !list.is_empty(),
                explicit: list.iter().any(|m| m.origin.is_explicit()),
                depth,
                courses: list
                    .iter()
                    .map(|m| m.course.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                rolls_up: c
                    .maps_to
                    .iter()
                    .map(|e| RollUp {
                        competency: e.target.clone(),
                        level: primary.competency(&e.target).and_then(|t| t.level),
                        implied: e.depth,
                        reached: list.iter().map(|m| rolled_depth(m.depth, e.depth)).max(),
                    })
                    .collect(),
            }
        })
        .collect();
    let reached: BTreeSet<(u8, &CompetencyId)> = items
        .iter()
        .flat_map(|i| i.rolls_up.iter())
        .filter(|r| r.reached.is_some())
        .filter_map(|r| Some((r.level?, &r.competency)))
        .collect();
    let levels = primary
        .levels
        .iter()
        .map(|l| CrosswalkLevel {
            number: l.number,
            reached: reached.iter().filter(|(n, _)| *n == l.number).count(),
            total: primary.in_level(l.number).count(),
        })
        .collect();
    Some(CrosswalkCoverage {
        framework: fw.id.clone(),
        covered: items.iter().filter(|i| i.covered).count(),
        items,
        levels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CourseCode, Origin, OutcomeId};

    fn named(course: &str, id: &str, depth: Depth) -> NamedMapping {
        NamedMapping {
            course: CourseCode::new(course),
            outcome: Some(OutcomeId::new(format!("{course}-{id}"))),
            competency: CompetencyId::new(id),
            depth: Some(depth),
            origin: Origin::Explicit,
        }
    }

    #[test]
    fn lists_only_used_crosswalks_with_every_item_and_what_it_reaches() {
        let set = FrameworkSet::builtin().unwrap();
        let mappings = [
            named("C1", "RUS.1", Depth::Introduced),
            named("C2", "RUS.4", Depth::Mastered),
            named("C2", "L0.ETH.2", Depth::Mastered),
        ];
        let cov = crosswalk_coverage(&set, &mappings);
        assert_eq!(cov.len(), 1);
        let russell = &cov[0];
        assert_eq!(russell.framework, "russell-2023");
        assert_eq!((russell.covered, russell.items.len()), (2, 6));
        let rus1 = &russell.items[0];
        assert_eq!(rus1.id.as_str(), "RUS.1");
        assert_eq!(rus1.courses, [CourseCode::new("C1")]);
        // RUS.1 → L0.FND.1 at R at most; marked I, so I.
        assert_eq!(rus1.rolls_up[0].competency.as_str(), "L0.FND.1");
        assert_eq!(
            (rus1.rolls_up[0].implied, rus1.rolls_up[0].reached),
            (Some(Depth::Reinforced), Some(Depth::Introduced))
        );
        let rus3 = &russell.items[2];
        assert!(!rus3.covered && rus3.rolls_up.iter().all(|r| r.reached.is_none()));
        let reached: Vec<(u8, usize, usize)> = russell
            .levels
            .iter()
            .map(|l| (l.number, l.reached, l.total))
            .collect();
        // RUS.1: FND.1-3; RUS.4: CLN.1, ETH.1, FND.2 and L1.EVA.1.
        assert_eq!(reached, [(0, 5, 13), (1, 1, 13), (2, 0, 12)]);
    }
}
