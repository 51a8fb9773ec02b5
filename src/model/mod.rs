//! Plain curriculum data: programmes, courses, outcomes, mappings, and where
//! each came from. No I/O here; importers build these values and every later
//! stage reads them.

mod depth;
mod evidence;
mod finding;
mod location;
mod period;
mod posting;
mod review;

pub use depth::{DEPTH_SPELLINGS, Depth};
pub use evidence::{Evidence, Feature, Gate, RuleUse};
pub use finding::{Arg, Finding, FindingCode, Severity};
pub use location::{SourceLocation, column_letter};
pub use period::{Period, Step};
pub use posting::{Posting, Quarter};
pub use review::{ReviewDecision, Verdict};

use serde::Serialize;
use std::fmt;

macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // `pad` so width and alignment flags (`{:<10}`) apply.
                f.pad(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

id_newtype!(
    /// Identifier of a competency in a framework, e.g. `L1.PRG.1`.
    CompetencyId
);
id_newtype!(
    /// Code of a course (teaching unit), unique within a programme.
    CourseCode
);
id_newtype!(
    /// Identifier of a learning outcome, unique within a programme.
    OutcomeId
);

/// How a mapping came to exist. Explicit mappings were written by the
/// curriculum's authors; suggested ones were proposed from the text and carry
/// the evidence a reviewer needs to accept or reject them.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Explicit,
    Suggested(Suggestion),
}

impl Origin {
    pub fn key(&self) -> &'static str {
        match self {
            Origin::Explicit => "explicit",
            Origin::Suggested(_) => "suggested",
        }
    }

    pub fn is_explicit(&self) -> bool {
        matches!(self, Origin::Explicit)
    }
}

/// Why a mapping was suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Confidence in `0.0..=1.0`.
    pub score: f32,
    /// Matched terms and the rule that accepted them, in reading order.
    pub evidence: Vec<Evidence>,
}

/// A claim that an outcome or course teaches a competency to some depth.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub competency: CompetencyId,
    /// The depth the source states; `None` when it states none (the mapping
    /// then counts as introduced, or takes the depth a crosswalk implies).
    pub depth: Option<Depth>,
    pub origin: Origin,
    /// Where the mapping was written (explicit mappings only).
    pub location: Option<SourceLocation>,
}

/// A learning outcome of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub id: OutcomeId,
    pub text: String,
    pub mappings: Vec<Mapping>,
    pub location: SourceLocation,
}

/// A course (teaching unit, UE, module).
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub code: CourseCode,
    pub title: String,
    pub year: Option<u8>,
    pub semester: Option<u8>,
    pub ects: Option<f64>,
    pub hours: Option<f64>,
    pub prerequisites: Vec<CourseCode>,
    pub description: Option<String>,
    pub outcomes: Vec<Outcome>,
    /// Mappings written on the course itself (rows without an outcome).
    pub mappings: Vec<Mapping>,
    pub location: SourceLocation,
}

impl Course {
    /// Every mapping of the course and of its outcomes.
    pub fn all_mappings(&self) -> impl Iterator<Item = &Mapping> {
        self.mappings
            .iter()
            .chain(self.outcomes.iter().flat_map(|o| o.mappings.iter()))
    }
}

/// A programme of study (a diploma, a degree), the unit a report is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub name: String,
    /// Files the programme was read from, in the order they were read.
    pub sources: Vec<String>,
    /// Sorted by course code.
    pub courses: Vec<Course>,
}

impl Program {
    pub fn course(&self, code: &CourseCode) -> Option<&Course> {
        self.courses
            .binary_search_by(|c| c.code.cmp(code))
            .ok()
            .map(|i| &self.courses[i])
    }

    pub fn outcome_count(&self) -> usize {
        self.courses.iter().map(|c| c.outcomes.len()).sum()
    }
}

/// Everything read from the user's files: the programmes, sorted by name, and
/// the per-row problems met on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Curriculum {
    pub programs: Vec<Program>,
    pub problems: Vec<Finding>,
    /// Accepted and rejected suggestions read from review files, in file
    /// order.
    pub reviews: Vec<ReviewDecision>,
}
