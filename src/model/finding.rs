use super::SourceLocation;
use serde::Serialize;
use std::fmt;

/// How much a finding matters. Errors make `aimap check` fail; reports are
/// still written so the committee sees every problem at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! finding_codes {
    ($($variant:ident => $code:literal, $severity:ident, $doc:literal;)*) => {
        /// Stable kebab-case codes: part of the JSON interface, never renamed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FindingCode {
            $(#[doc = $doc] $variant,)*
        }

        impl FindingCode {
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $code,)*
                }
            }

            /// The severity a finding of this kind has unless stated otherwise.
            pub fn severity(self) -> Severity {
                match self {
                    $(FindingCode::$variant => Severity::$severity,)*
                }
            }

            pub fn description(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $doc,)*
                }
            }
        }
    };
}

finding_codes! {
    // Coverage, progression, sequencing and integrity (analysis); the
    // rules, thresholds and severities are in docs/analysis.md.
    UncoveredCompetency => "uncovered-competency", Warning,
        "Competencies of a level that no course or outcome of the programme addresses: one finding per level, listing them (a note when the programme teaches nothing of a level above 0).";
    TaughtBeforePrerequisite => "taught-before-prerequisite", Warning,
        "A competency is first taught in an earlier period (semester, else year) than every course teaching one of its prerequisites.";
    PrerequisiteNeverTaught => "prerequisite-never-taught", Warning,
        "A competency is taught but one of its prerequisites is taught nowhere in the programme.";
    CoursePrerequisiteLater => "course-prerequisite-later", Warning,
        "A course is scheduled in an earlier period than a course it declares as its prerequisite.";
    NeverReinforced => "never-reinforced", Warning,
        "A competency is only ever introduced, never reinforced or mastered (a warning when several courses introduce it, a note for one).";
    MasteredWithoutIntroduction => "mastered-without-introduction", Warning,
        "A competency is first taught at the mastered depth, with no course introducing or reinforcing it before or at the same time.";
    DepthRegresses => "depth-regresses", Warning,
        "After a period teaching a competency at its deepest, a later period teaches it shallower and nothing after reaches that depth again.";
    RedundantCoverage => "redundant-coverage", Info,
        "Many courses of one year teach the same competency at the same depth.";
    OrphanCourse => "orphan-course", Info,
        "No mapping of the course or of its outcomes reaches any competency.";
    OrphanOutcome => "orphan-outcome", Info,
        "Outcomes that map to no competency although their course teaches some (one finding per programme, counting them).";
    UnknownCompetency => "unknown-competency", Error,
        "A mapping names a competency id that no loaded framework defines.";
    CoursePrerequisiteCycle => "course-prerequisite-cycle", Error,
        "Course prerequisites form a cycle.";
    UnknownPrerequisiteCourse => "unknown-prerequisite-course", Warning,
        "A course lists a prerequisite course code the programme does not have.";
    TargetNotMet => "target-not-met", Warning,
        "The programme does not reach the depth a target (`--target`) requires for a competency.";
    // Import (per-row problems).
    InvalidValue => "invalid-value", Error,
        "A cell holds a value of the wrong kind (a year that is not a number, an unknown depth).";
    DuplicateOutcome => "duplicate-outcome", Error,
        "Two rows of a programme use the same outcome id (an error, at import); or outcomes of several courses of a programme state the same text once normalised (a note, from analysis).";
    InconsistentCourse => "inconsistent-course", Warning,
        "Rows of the same course disagree on a course-level field; the first value is kept.";
    DuplicateColumn => "duplicate-column", Warning,
        "Two columns have headers meaning the same field; the first is read.";
    MissingCourse => "missing-course", Error,
        "A row names neither a course code nor a course title.";
    FrameworkError => "framework-error", Error,
        "A framework file is invalid (duplicate id, unknown prerequisite, cycle…).";
    FrameworkWarning => "framework-warning", Warning,
        "A framework file is usable but probably not what its author meant.";
    EncodingAssumed => "encoding-assumed", Info,
        "A text file was not UTF-8 and was decoded with the encoding named.";
    SkippedSheet => "skipped-sheet", Info,
        "A sheet has no course or outcome column and was not read.";
    SkippedFile => "skipped-file", Warning,
        "A file in an input folder cannot be read as a file (a dangling or looping symbolic link, a FIFO, a device); it is skipped.";
    HtmlRemoved => "html-removed", Info,
        "Imported text held HTML markup (tags, entities), which was removed.";
    ProgrammeOutcome => "programme-outcome", Info,
        "Outcomes that name no course were read as programme-level outcomes.";
    UnresolvedReference => "unresolved-reference", Warning,
        "A Curriculum Inventory reference points at nothing in the file.";
    RaggedRow => "ragged-row", Warning,
        "A row has cells beyond the last column of the header; they are not read.";
    VariantSpelling => "variant-spelling", Info,
        "A programme name or course code is written differently (case, accents, spaces) on some rows; they are read as one, spelled as first written.";
    RepeatedHeader => "repeated-header", Warning,
        "A row below the header repeats it (files pasted together, a paginated export); it is skipped.";
    RepeatedOutcome => "repeated-outcome", Warning,
        "A row repeats an outcome its course already has (same text, same or no id); the outcome is read once.";
    UnusedEvent => "unused-event", Warning,
        "A Curriculum Inventory event belongs to no sequence block; its hours are not counted.";
    // Job postings (`aimap demand`).
    PostingWithoutText => "posting-without-text", Warning,
        "A posting row has neither a title nor a description; it is not counted.";
    UnreadablePosting => "unreadable-posting", Error,
        "A posting record cannot be read (a JSON Lines line that is not a JSON object, a field too long); it is not counted.";
    // Review files (suggestions accepted or rejected by a reviewer).
    UnmatchedReviewRow => "unmatched-review-row", Warning,
        "A review file row names an outcome or course the curricula do not have; its decision is ignored.";
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A typed parameter of a finding. Reports choose the words around it (and
/// the title of a competency, the name of a depth) in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text quoted as it is: an English detail of an import problem, a
    /// name from the user's files.
    Text(String),
    Count(usize),
    Year(u8),
    Depth(super::Depth),
    Competency(super::CompetencyId),
    Course(super::CourseCode),
    Courses(Vec<super::CourseCode>),
    /// When something is taught.
    Period(super::Period),
    /// A competency's depth over time, in period order.
    Path(Vec<super::Step>),
    /// Competencies, in framework order.
    Competencies(Vec<super::CompetencyId>),
    /// Competencies in an order to teach them: each after its prerequisites.
    Chain(Vec<super::CompetencyId>),
}

/// One problem or observation: a stable code, its typed parameters, and
/// where it was found when that is known. It holds no sentence: the words
/// are chosen by `report` (and `cli` on the terminal) from a catalogue per
/// language, keyed by the code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// Named parameters, in the order the code's message uses them.
    pub args: Vec<(&'static str, Arg)>,
    pub location: Option<SourceLocation>,
    /// The programme the finding is about, when it is about one programme
    /// of a file that holds several; `None` for the whole file.
    pub program: Option<String>,
}

impl Finding {
    /// A finding described by one English `detail` (import and framework
    /// problems, met before any report language is known).
    pub fn new(code: FindingCode, detail: impl Into<String>) -> Self {
        Self::of(code).arg("detail", Arg::Text(detail.into()))
    }

    /// A finding with no parameters yet; add them with [`Finding::arg`].
    pub fn of(code: FindingCode) -> Self {
        Self {
            code,
            severity: code.severity(),
            args: Vec::new(),
            location: None,
            program: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    /// Adds parameter `name` when there is a value.
    pub fn args_opt(self, name: &'static str, value: Option<Arg>) -> Self {
        match value {
            Some(v) => self.arg(name, v),
            None => self,
        }
    }

    /// The parameter called `name`.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The English detail of a finding made with [`Finding::new`].
    pub fn detail(&self) -> Option<&str> {
        match self.get("detail") {
            Some(Arg::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The finding concerns programme `name` only.
    pub fn of_program(mut self, name: &str) -> Self {
        self.program = Some(name.to_owned());
        self
    }

    /// Whether the finding belongs in the report of `program`: its own
    /// findings, and those of its files that name no programme.
    pub fn concerns(&self, program: &crate::model::Program) -> bool {
        match &self.program {
            Some(name) => *name == program.name,
            None => self
                .location
                .as_ref()
                .is_some_and(|l| program.sources.contains(&l.file)),
        }
    }

    pub fn at(mut self, location: SourceLocation) -> Self {
        self.location = Some(location);
        self
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(t) => f.write_str(t),
            Arg::Count(n) => write!(f, "{n}"),
            Arg::Year(y) => write!(f, "{y}"),
            Arg::Depth(d) => f.write_str(d.letter()),
            Arg::Competency(c) => write!(f, "{c}"),
            Arg::Course(c) => write!(f, "{c}"),
            Arg::Courses(cs) => {
                let codes: Vec<&str> = cs.iter().map(|c| c.as_str()).collect();
                f.write_str(&codes.join(", "))
            }
            Arg::Period(p) => write!(f, "{p}"),
            Arg::Path(steps) => {
                let steps: Vec<String> = steps.iter().map(|s| s.to_string()).collect();
                f.write_str(&steps.join(" → "))
            }
            Arg::Competencies(ids) => {
                let ids: Vec<&str> = ids.iter().map(|c| c.as_str()).collect();
                f.write_str(&ids.join(", "))
            }
            Arg::Chain(ids) => {
                let ids: Vec<&str> = ids.iter().map(|c| c.as_str()).collect();
                f.write_str(&ids.join(" → "))
            }
        }
    }
}

impl fmt::Display for Finding {
    /// `error[invalid-value]: file.csv row 3, column D "year": expected …`:
    /// the English detail of an import problem, or the typed parameters as
    /// `name=value` for a finding whose sentence `report` words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: ", self.severity, self.code)?;
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        if let Some(detail) = self.detail() {
            return f.write_str(detail);
        }
        for (i, (name, arg)) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{name}={arg}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in FindingCode::ALL {
            let s = code.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
            assert!(seen.insert(s), "duplicate code {s}");
        }
    }
}
