use super::Depth;
use std::fmt;

/// When a course is taught: its year, and its semester when the curriculum
/// gives one. The derived order is the reading order (a year before its
/// semesters); [`Period::before`] is the order teaching can rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: u8,
    pub semester: Option<u8>,
    /// The programme numbers its semesters across its years (S1–S6 over
    /// three years), so `S3` alone says when; otherwise each year has its
    /// own S1, S2 and a semester is named with its year.
    pub across: bool,
}

impl Period {
    /// Known to come strictly before `other`: an earlier year, or an
    /// earlier semester of the same year. A year given without a semester
    /// is not ordered against the semesters of that same year.
    pub fn before(&self, other: &Period) -> bool {
        self.year < other.year
            || (self.year == other.year
                && matches!((self.semester, other.semester), (Some(a), Some(b)) if a < b))
    }
}

impl fmt::Display for Period {
    /// `S3`, `Y2 S1` or `Y2`: the terminal's short form; reports word it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.semester {
            Some(s) if self.across => write!(f, "S{s}"),
            Some(s) => write!(f, "Y{} S{s}", self.year),
            None => write!(f, "Y{}", self.year),
        }
    }
}

/// One step of a competency's progression: the deepest depth it is taught
/// to in one period (`None`: in courses that give no year or semester).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Step {
    pub depth: Depth,
    pub period: Option<Period>,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.period {
            Some(p) => write!(f, "{} ({p})", self.depth),
            None => write!(f, "{} (?)", self.depth),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(year: u8, semester: Option<u8>) -> Period {
        Period {
            year,
            semester,
            across: true,
        }
    }

    #[test]
    fn a_year_without_semester_is_not_ordered_against_its_own_semesters() {
        assert!(p(1, Some(1)).before(&p(1, Some(2))));
        assert!(p(1, None).before(&p(2, Some(3))));
        assert!(!p(2, None).before(&p(2, Some(3))));
        assert!(!p(2, Some(3)).before(&p(2, None)));
        assert!(!p(2, Some(3)).before(&p(2, Some(3))));
    }
}
