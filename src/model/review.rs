use super::{CompetencyId, CourseCode, Depth, OutcomeId, SourceLocation};

/// A reviewer's verdict on a suggested mapping, read back from a review file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// The mapping is right: it becomes an explicit mapping.
    Accepted,
    /// The mapping is wrong: it is not suggested again.
    Rejected,
}

/// One decided row of a review file (rows left undecided are not kept: the
/// suggestion simply comes back).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewDecision {
    pub program: String,
    /// The course code, as the review file wrote it.
    pub course: CourseCode,
    /// `None` for a suggestion made on a course without outcomes.
    pub outcome: Option<OutcomeId>,
    pub competency: CompetencyId,
    pub depth: Depth,
    pub verdict: Verdict,
    /// The `accept` cell as typed, written back unchanged by `aimap suggest`.
    pub accept: String,
    /// Score and evidence of the original suggestion, kept for the record.
    pub score: Option<f32>,
    pub evidence: String,
    pub location: SourceLocation,
}
