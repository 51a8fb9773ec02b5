//! Records from every file → programmes, courses and outcomes. Rows of one
//! course are merged (disagreements reported), blank course cells under a
//! course are read as that course (merged cells, exported), outcome ids are
//! made unique and generated where missing. Programmes and courses are
//! told apart by [`code_key`]: spellings that differ only in case, accents
//! or spaces name one programme or course, shown as first written.

use super::long::Record;
use crate::model::{
    CompetencyId, Course, CourseCode, Finding, FindingCode, Mapping, Origin, Outcome, OutcomeId,
    Program, SourceLocation,
};
use crate::text::{code_key, fold};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The records of one table, with the names to use where a row gives none.
pub struct Source {
    pub file: String,
    /// The programme of rows without a `program` cell (the file name).
    pub default_program: String,
    /// The course of rows in a table without any course column (the sheet
    /// or file name): a plain list of outcomes.
    pub default_course: String,
    pub has_course_columns: bool,
    pub records: Vec<Record>,
}

struct ProgramBuilder {
    /// The name as first written.
    name: String,
    /// Where the name was first written.
    first: SourceLocation,
    /// Other spellings of the name already reported.
    variants: BTreeSet<String>,
    sources: Vec<String>,
    /// By [`code_key`] of the code.
    courses: BTreeMap<String, Course>,
    /// Title key → course key, so code-less rows find their course.
    by_title: BTreeMap<String, String>,
    outcome_ids: BTreeSet<OutcomeId>,
    /// (course key, folded outcome text) → the indices of the course's
    /// outcomes with that text, to find a repeated outcome without
    /// comparing it with every outcome of the course.
    outcomes_by_text: HashMap<(String, String), Vec<usize>>,
    /// Fields already reported as inconsistent, and code spellings already
    /// reported as variants, to report each once.
    reported: BTreeSet<(CourseCode, &'static str)>,
    code_variants: BTreeSet<String>,
    /// Rows that repeated an outcome adding competencies to it: how many,
    /// and the first.
    merged_outcome_rows: Option<(usize, SourceLocation)>,
}

impl ProgramBuilder {
    fn new(name: &str, first: &SourceLocation) -> Self {
        ProgramBuilder {
            name: name.to_owned(),
            first: first.clone(),
            variants: BTreeSet::new(),
            sources: Vec::new(),
            courses: BTreeMap::new(),
            by_title: BTreeMap::new(),
            outcome_ids: BTreeSet::new(),
            outcomes_by_text: HashMap::new(),
            reported: BTreeSet::new(),
            code_variants: BTreeSet::new(),
            merged_outcome_rows: None,
        }
    }
}

/// The builder of programme `name` (any spelling of it), created at
/// `location` if new; a new spelling of a known programme is reported once.
fn builder<'b>(
    builders: &'b mut BTreeMap<String, ProgramBuilder>,
    name: &str,
    file: &str,
    location: &SourceLocation,
    problems: &mut Vec<Finding>,
) -> &'b mut ProgramBuilder {
    let b = builders
        .entry(code_key(name))
        .or_insert_with(|| ProgramBuilder::new(name, location));
    if b.name != name && b.variants.insert(name.to_owned()) {
        problems.push(
            Finding::new(
                FindingCode::VariantSpelling,
                format!(
                    "programme \"{name}\" is read as \"{}\", as first written at {}: names differing only in case, accents or spaces are one programme",
                    b.name, b.first
                ),
            )
            .at(location.clone())
            .of_program(&b.name),
        );
    }
    if !b.sources.iter().any(|s| s == file) {
        b.sources.push(file.to_owned());
    }
    b
}

/// The course identity a row carries forward to blank rows below it.
#[derive(Clone)]
struct Current {
    program: String,
    /// The programme as written on the course's row, if it was.
    written: Option<String>,
    code: Option<String>,
    title: Option<String>,
}

/// The course that holds outcomes written above every course of a table.
pub const PROGRAMME_COURSE_CODE: &str = "(programme)";
const PROGRAMME_COURSE_TITLE: &str = "Programme-level outcomes";

pub fn programs(sources: Vec<Source>, problems: &mut Vec<Finding>) -> Vec<Program> {
    let mut builders: BTreeMap<String, ProgramBuilder> = BTreeMap::new();
    // By programme key.
    let mut programme_outcomes: BTreeMap<String, (usize, SourceLocation)> = BTreeMap::new();
    for source in sources {
        let mut current: Option<Current> = None;
        for mut record in source.records {
            let program = record
                .program
                .clone()
                .or_else(|| current.as_ref().map(|c| c.program.clone()))
                .unwrap_or_else(|| source.default_program.clone());
            let mut filled_down = false;
            if record.course_code.is_none() && record.course_title.is_none() {
                match (&current, source.has_course_columns) {
                    // Blank course cells under a course (merged, or left
                    // blank after the first row): that course — unless the
                    // row names another programme than the course's row did.
                    (Some(c), true)
                        if record.program.as_deref().map(code_key)
                            == c.written.as_deref().map(code_key)
                            || record.program.is_none() =>
                    {
                        record.course_code = c.code.clone();
                        record.course_title = c.title.clone();
                        filled_down = true;
                    }
                    (_, false) => record.course_title = Some(source.default_course.clone()),
                    (_, true) if record.outcome.is_some() => {
                        // An outcome of no course: a programme-level outcome
                        // (Ilios exports list programme-year objectives so).
                        record.course_code = Some(PROGRAMME_COURSE_CODE.to_owned());
                        record.course_title = Some(PROGRAMME_COURSE_TITLE.to_owned());
                        let entry = programme_outcomes
                            .entry(code_key(&program))
                            .or_insert((0, record.location.clone()));
                        entry.0 += 1;
                        let location = record.location.clone();
                        let b = builder(&mut builders, &program, &source.file, &location, problems);
                        add_record(b, record, problems);
                        continue;
                    }
                    _ => {
                        problems.push(
                            Finding::new(
                                FindingCode::MissingCourse,
                                "row names neither a course code nor a course title, and no course is above it; row skipped",
                            )
                            .at(record.location.clone()),
                        );
                        continue;
                    }
                }
            }
            if !filled_down {
                current = Some(Current {
                    program: program.clone(),
                    written: record.program.clone(),
                    code: record.course_code.clone(),
                    title: record.course_title.clone(),
                });
            }
            let location = record.location.clone();
            let b = builder(&mut builders, &program, &source.file, &location, problems);
            add_record(b, record, problems);
        }
    }
    for (key, (n, first)) in programme_outcomes {
        let program = builders.get(&key).map_or(key.as_str(), |b| b.name.as_str());
        let what = if n == 1 {
            "1 outcome names".to_owned()
        } else {
            format!("{n} outcomes name")
        };
        problems.push(
            Finding::new(
                FindingCode::ProgrammeOutcome,
                format!(
                    "{what} no course (none above, or the row names another programme than the course above), the first here; they are read as programme-level outcomes of \"{program}\" (course \"{PROGRAMME_COURSE_CODE}\")"
                ),
            )
            .at(first),
        );
    }
    for b in builders.values_mut() {
        if let Some((n, first)) = b.merged_outcome_rows.take() {
            let what = if n == 1 {
                "1 row repeats".to_owned()
            } else {
                format!("{n} rows repeat")
            };
            problems.push(
                Finding::new(
                    FindingCode::RepeatedOutcome,
                    format!("{what} an outcome of its course with other competencies, the first here; the outcome is read once, with the competencies of every row"),
                )
                .at(first)
                .of_program(&b.name),
            );
        }
    }
    builders.into_values().map(finish).collect()
}

fn add_record(b: &mut ProgramBuilder, r: Record, problems: &mut Vec<Finding>) {
    let (written, key) = match (&r.course_code, &r.course_title) {
        (Some(code), _) => (code.clone(), code_key(code)),
        (None, Some(title)) => match b.by_title.get(&fold(title)) {
            Some(key) => (b.courses[key].code.to_string(), key.clone()),
            None => (title.clone(), code_key(title)),
        },
        (None, None) => return,
    };
    if let Some(title) = &r.course_title
        && !b.courses.contains_key(&key)
    {
        b.by_title.entry(fold(title)).or_insert_with(|| key.clone());
    }
    let course = b.courses.entry(key.clone()).or_insert_with(|| Course {
        code: CourseCode::new(written.clone()),
        title: r.course_title.clone().unwrap_or_else(|| written.clone()),
        year: None,
        semester: None,
        ects: None,
        hours: None,
        prerequisites: Vec::new(),
        description: None,
        outcomes: Vec::new(),
        mappings: Vec::new(),
        location: r.location.clone(),
    });
    let code = course.code.clone();
    if written != code.as_str() && b.code_variants.insert(written.clone()) {
        problems.push(
            Finding::new(
                FindingCode::VariantSpelling,
                format!(
                    "course \"{written}\" is read as \"{code}\", as first written at {}: codes differing only in case, accents or spaces are one course",
                    course.location
                ),
            )
            .at(r.location.clone())
            .of_program(&b.name),
        );
    }
    let mut conflicts = Vec::new();
    merge(&mut course.year, r.year, "year", &mut conflicts);
    merge(&mut course.semester, r.semester, "semester", &mut conflicts);
    merge(&mut course.ects, r.ects, "ects", &mut conflicts);
    merge(&mut course.hours, r.hours, "hours", &mut conflicts);
    merge(
        &mut course.description,
        r.description.clone(),
        "description",
        &mut conflicts,
    );
    if let Some(title) = &r.course_title
        && title != &course.title
        && r.course_code.is_some()
        && fold(title) != fold(&course.title)
    {
        conflicts.push(("title", course.title.clone(), title.clone()));
    }
    for (field, kept, other) in conflicts {
        if b.reported.insert((code.clone(), field)) {
            problems.push(
                Finding::new(
                    FindingCode::InconsistentCourse,
                    format!(
                        "course \"{code}\" has {field} \"{kept}\" on an earlier row but \"{other}\" here; \"{kept}\" is kept"
                    ),
                )
                .at(r.location.clone()),
            );
        }
    }
    for p in &r.requires {
        let p = CourseCode::new(p.clone());
        if !course.prerequisites.contains(&p) {
            course.prerequisites.push(p);
        }
    }

    let mappings = mappings_of(&r);
    let text_key = r.outcome.as_ref().map(|text| (key, fold(text)));
    let same = text_key
        .as_ref()
        .and_then(|k| b.outcomes_by_text.get(k))
        .and_then(|indices| {
            indices.iter().copied().find(|&i| {
                r.outcome_id
                    .as_ref()
                    .is_none_or(|id| id == course.outcomes[i].id.as_str())
            })
        });
    match &r.outcome {
        // The same outcome again (a repeated row, or one row per
        // competency): read once, so outcome counts stay true.
        Some(_) if let Some(i) = same => {
            let kept = &mut course.outcomes[i];
            if add_mappings(&mut kept.mappings, mappings) {
                let merged = b
                    .merged_outcome_rows
                    .get_or_insert_with(|| (0, r.location.clone()));
                merged.0 += 1;
            } else {
                problems.push(
                    Finding::new(
                        FindingCode::RepeatedOutcome,
                        format!(
                            "the row repeats outcome \"{}\" of course \"{code}\", first written at {}; it is read once",
                            kept.id, kept.location
                        ),
                    )
                    .at(r.location.clone())
                    .of_program(&b.name),
                );
            }
        }
        Some(text) => {
            let id = match &r.outcome_id {
                Some(id) => {
                    let id = OutcomeId::new(id.clone());
                    if b.outcome_ids.contains(&id) {
                        let renamed = OutcomeId::new(format!("{id} (row {})", row_of(&r.location)));
                        problems.push(
                            Finding::new(
                                FindingCode::DuplicateOutcome,
                                format!("outcome id \"{id}\" is used by an earlier row of the programme; this one is read as \"{renamed}\""),
                            )
                            .at(r.location.clone()),
                        );
                        renamed
                    } else {
                        id
                    }
                }
                None => generated_id(&code, course.outcomes.len() + 1, &b.outcome_ids),
            };
            b.outcome_ids.insert(id.clone());
            if let Some(k) = text_key {
                b.outcomes_by_text
                    .entry(k)
                    .or_default()
                    .push(course.outcomes.len());
            }
            course.outcomes.push(Outcome {
                id,
                text: text.clone(),
                mappings,
                location: r.location.clone(),
            });
        }
        None => course.mappings.extend(mappings),
    }
}

/// Adds `new` to `mappings` (the deeper mark counts for a competency in
/// both); whether anything changed.
fn add_mappings(mappings: &mut Vec<Mapping>, new: Vec<Mapping>) -> bool {
    let mut changed = false;
    for m in new {
        match mappings.iter_mut().find(|k| k.competency == m.competency) {
            Some(k) if k.depth >= m.depth => {}
            Some(k) => {
                k.depth = m.depth;
                changed = true;
            }
            None => {
                mappings.push(m);
                changed = true;
            }
        }
    }
    changed
}

fn row_of(loc: &SourceLocation) -> usize {
    loc.row.unwrap_or(0)
}

/// `UE 2.1-3`, skipping ids already taken.
fn generated_id(code: &CourseCode, n: usize, taken: &BTreeSet<OutcomeId>) -> OutcomeId {
    let mut n = n;
    loop {
        let id = OutcomeId::new(format!("{code}-{n}"));
        if !taken.contains(&id) {
            return id;
        }
        n += 1;
    }
}

fn mappings_of(r: &Record) -> Vec<Mapping> {
    let listed = r
        .competencies
        .iter()
        .map(|(id, depth)| (id, depth, r.competencies_location.as_ref()));
    let located = r
        .located_competencies
        .iter()
        .map(|(id, depth, loc)| (id, depth, Some(loc)));
    let mut mappings: Vec<Mapping> = Vec::new();
    for (id, depth, location) in listed.chain(located) {
        let competency = CompetencyId::new(id.clone());
        let depth = depth.or(r.depth);
        // The same competency twice on one row (a list and a matrix
        // column): the deeper mark counts.
        if let Some(m) = mappings.iter_mut().find(|m| m.competency == competency) {
            m.depth = m.depth.max(depth);
            continue;
        }
        mappings.push(Mapping {
            competency,
            depth,
            origin: Origin::Explicit,
            location: location.cloned(),
        });
    }
    mappings
}

/// Keeps the first value seen; records a conflict when a later row differs.
fn merge<T: PartialEq + Clone + ToDisplay>(
    slot: &mut Option<T>,
    value: Option<T>,
    field: &'static str,
    conflicts: &mut Vec<(&'static str, String, String)>,
) {
    match (slot.as_ref(), value) {
        (None, v) => *slot = v,
        (Some(kept), Some(v)) if *kept != v => {
            conflicts.push((field, kept.to_display(), v.to_display()));
        }
        _ => {}
    }
}

trait ToDisplay {
    fn to_display(&self) -> String;
}

impl ToDisplay for u8 {
    fn to_display(&self) -> String {
        self.to_string()
    }
}

impl ToDisplay for f64 {
    fn to_display(&self) -> String {
        super::table::format_number(*self)
    }
}

impl ToDisplay for String {
    fn to_display(&self) -> String {
        let short: String = self.chars().take(60).collect();
        if short.len() < self.len() {
            format!("{short}…")
        } else {
            short
        }
    }
}

fn finish(b: ProgramBuilder) -> Program {
    let mut courses: Vec<Course> = b
        .courses
        .into_values()
        .map(|mut c| {
            // A semester says the year when the year is not given: S3 is year 2.
            if c.year.is_none() {
                c.year = c.semester.map(|s| s.div_ceil(2));
            }
            c
        })
        .collect();
    // Keyed by code key, looked up by code.
    courses.sort_by(|a, b| a.code.cmp(&b.code));
    Program {
        name: b.name,
        sources: b.sources,
        courses,
    }
}

#[cfg(test)]
mod tests {
    use crate::import::{ImportOptions, load_bytes};
    use crate::model::{Curriculum, FindingCode};

    fn load(csv: &str) -> Curriculum {
        load_bytes("f.csv", csv.as_bytes(), &ImportOptions::default()).unwrap()
    }

    fn messages(c: &Curriculum, code: FindingCode) -> Vec<String> {
        c.problems
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.to_string())
            .collect()
    }

    #[test]
    fn merges_spellings_of_a_programme_and_a_course_differing_in_case_accents_or_spaces() {
        let c = load(
            "programme;code;intitulé;objectif\n\
             Master Santé;UE1;Cours;Expliquer\n\
             master santé;ue1;Cours;Décrire\n\
             MASTER SANTE;UE 1;Cours;Utiliser\n\
             Master Santé;UE 2.11;Autre;A\n\
             Master Santé;UE 21.1;Encore;B\n",
        );
        assert_eq!(c.programs.len(), 1);
        let p = &c.programs[0];
        assert_eq!(p.name, "Master Santé");
        let codes: Vec<&str> = p.courses.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["UE 2.11", "UE 21.1", "UE1"]);
        assert_eq!(p.courses[2].outcomes.len(), 3);
        assert_eq!(
            messages(&c, FindingCode::VariantSpelling),
            [
                "info[variant-spelling]: f.csv row 3: programme \"master santé\" is read as \"Master Santé\", as first written at f.csv row 2: names differing only in case, accents or spaces are one programme",
                "info[variant-spelling]: f.csv row 3: course \"ue1\" is read as \"UE1\", as first written at f.csv row 2: codes differing only in case, accents or spaces are one course",
                "info[variant-spelling]: f.csv row 4: programme \"MASTER SANTE\" is read as \"Master Santé\", as first written at f.csv row 2: names differing only in case, accents or spaces are one programme",
                "info[variant-spelling]: f.csv row 4: course \"UE 1\" is read as \"UE1\", as first written at f.csv row 2: codes differing only in case, accents or spaces are one course",
            ]
        );
    }

    #[test]
    fn reads_a_repeated_outcome_once() {
        let c = load(
            "code;id objectif;objectif;compétences\n\
             UE1;;Expliquer l'IA;L0.FND.1\n\
             UE1;;Expliquer l'IA;L0.FND.1\n\
             UE1;;expliquer l’IA;L1.STA.1\n\
             UE1;O9;Expliquer l'IA;\n\
             UE2;;Expliquer l'IA;\n",
        );
        let p = &c.programs[0];
        let ue1 = &p.courses[0];
        let outcomes: Vec<&str> = ue1.outcomes.iter().map(|o| o.id.as_str()).collect();
        // A row with another id is another outcome; so is one of another course.
        assert_eq!(outcomes, ["UE1-1", "O9"]);
        let mapped: Vec<&str> = ue1.outcomes[0]
            .mappings
            .iter()
            .map(|m| m.competency.as_str())
            .collect();
        assert_eq!(mapped, ["L0.FND.1", "L1.STA.1"]);
        assert_eq!(p.courses[1].outcomes.len(), 1);
        assert_eq!(
            messages(&c, FindingCode::RepeatedOutcome),
            [
                "warning[repeated-outcome]: f.csv row 3: the row repeats outcome \"UE1-1\" of course \"UE1\", first written at f.csv row 2; it is read once",
                "warning[repeated-outcome]: f.csv row 4: 1 row repeats an outcome of its course with other competencies, the first here; the outcome is read once, with the competencies of every row",
            ]
        );
    }

    #[test]
    fn fills_down_under_a_course_when_the_programme_is_respelled() {
        let c = load(
            "programme;code;objectif\n\
             Master Santé;UE1;Expliquer\n\
             master santé;;Décrire\n",
        );
        let p = &c.programs[0];
        assert_eq!(p.courses.len(), 1);
        assert_eq!(p.courses[0].outcomes.len(), 2);
        assert!(messages(&c, FindingCode::ProgrammeOutcome).is_empty());
    }
}
