//! Exports of one programme's curriculum map for other tools: the map as
//! rows and CSV ([`map`]), an Excel workbook ([`xlsx`]) and a Graphviz
//! graph ([`dot`]). Each is a pure function from the run's data to bytes or
//! text; none writes a file, analyses anything or chooses a word of its
//! own: labels come from the caller.

pub mod dot;
pub mod map;
pub mod xlsx;

#[cfg(test)]
mod fixture;

pub use dot::dot;
pub use map::{MapHeaders, MapRow, map_rows};
pub use xlsx::{XlsxText, xlsx};

use crate::analysis::ProgramAnalysis;
use crate::model::{CompetencyId, CourseCode, Depth};
use std::collections::BTreeMap;

pub use super::curriculum_order as courses_in_order;

/// How one course teaches one competency, all its mappings taken together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Teaching {
    /// The deepest depth any mapping gives.
    depth: Depth,
    /// Some mapping is explicit; otherwise all are suggestions.
    explicit: bool,
}

/// Every (course, primary competency) pair the programme's mappings reach.
fn teaching(analysis: &ProgramAnalysis) -> BTreeMap<(&CourseCode, &CompetencyId), Teaching> {
    let mut out: BTreeMap<(&CourseCode, &CompetencyId), Teaching> = BTreeMap::new();
    for a in &analysis.addresses {
        let explicit = a.origin.is_explicit();
        out.entry((&a.course, &a.competency))
            .and_modify(|t| {
                t.depth = t.depth.max(a.depth);
                t.explicit |= explicit;
            })
            .or_insert(Teaching {
                depth: a.depth,
                explicit,
            });
    }
    out
}
