use super::*;
use crate::framework::parse_framework;
use crate::model::{Course, Mapping, Outcome, Program, SourceLocation};

const FRAMEWORK: &str = r#"
[framework]
id = "t"
version = "1"

[[levels]]
number = 0
key = "literacy"

[[levels]]
number = 1
key = "software-data"

[[competencies]]
id = "A"
level = 0

[[competencies]]
id = "B"
level = 1
requires = ["A"]

[[competencies]]
id = "C"
level = 1
requires = ["B", "A"]
"#;

const CROSSWALK: &str = r#"
[framework]
id = "x"
version = "1"
crosswalk_to = "t"

[[competencies]]
id = "X.1"
maps_to = [{ id = "A", depth = "R" }, { id = "B" }]
"#;

fn frameworks() -> FrameworkSet {
    let (primary, _) = parse_framework(FRAMEWORK, "t.toml").unwrap();
    let (crosswalk, _) = parse_framework(CROSSWALK, "x.toml").unwrap();
    FrameworkSet {
        primary,
        crosswalks: vec![crosswalk],
        lexicon: crate::framework::Lexicon::builtin().unwrap(),
        rules: crate::framework::Rules::builtin(&crate::framework::Lexicon::builtin().unwrap())
            .unwrap(),
        fitted: None,
    }
}

fn mapping(id: &str, depth: Depth) -> Mapping {
    Mapping {
        competency: CompetencyId::new(id),
        depth: Some(depth),
        origin: Origin::Explicit,
        location: None,
    }
}

fn course(code: &str, requires: &[&str], outcomes: Vec<Outcome>) -> Course {
    Course {
        code: CourseCode::new(code),
        title: code.to_owned(),
        year: Some(1),
        semester: None,
        ects: None,
        hours: None,
        prerequisites: requires.iter().map(|r| CourseCode::new(*r)).collect(),
        description: None,
        outcomes,
        mappings: Vec::new(),
        location: SourceLocation::file("p.csv").at_row(2),
    }
}

fn outcome(id: &str, mappings: Vec<Mapping>) -> Outcome {
    Outcome {
        id: OutcomeId::new(id),
        text: id.to_owned(),
        mappings,
        location: SourceLocation::file("p.csv").at_row(2),
    }
}

fn curriculum(courses: Vec<Course>) -> Curriculum {
    Curriculum {
        programs: vec![Program {
            name: "P".into(),
            sources: vec!["p.csv".into()],
            courses,
        }],
        ..Curriculum::default()
    }
}

#[test]
fn builds_a_graph_that_verifies() {
    let c = curriculum(vec![
        course(
            "C1",
            &[],
            vec![outcome("o1", vec![mapping("A", Depth::Introduced)])],
        ),
        course(
            "C2",
            &["C1"],
            vec![outcome("o2", vec![mapping("b", Depth::Mastered)])],
        ),
    ]);
    let (g, findings) = CurriculumGraph::build(&frameworks(), &c);
    assert!(findings.is_empty(), "{findings:?}");
    g.verify().unwrap();
    // 2 levels, 4 competencies, 1 programme, 2 courses, 2 outcomes.
    assert_eq!(g.node_count(), 11);
}

#[test]
fn resolves_ids_ignoring_case_and_reports_unknown_ones() {
    let c = curriculum(vec![course(
        "C1",
        &[],
        vec![outcome(
            "o1",
            vec![
                mapping("b", Depth::Reinforced),
                mapping("Z.9", Depth::Introduced),
            ],
        )],
    )]);
    let (g, findings) = CurriculumGraph::build(&frameworks(), &c);
    let addresses = g.addresses("P");
    let ids: Vec<&str> = addresses.iter().map(|a| a.competency.as_str()).collect();
    assert_eq!(ids, ["B"]);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, FindingCode::UnknownCompetency);
    assert!(
        findings[0]
            .detail()
            .unwrap_or_default()
            .starts_with("\"Z.9\" is not a competency")
    );
}

#[test]
fn rolls_crosswalk_mappings_up_capped_by_the_depth_the_crosswalk_implies() {
    let c = curriculum(vec![course(
        "C1",
        &[],
        vec![outcome("o1", vec![mapping("X.1", Depth::Mastered)])],
    )]);
    let (g, _) = CurriculumGraph::build(&frameworks(), &c);
    let addresses = g.addresses("P");
    let got: Vec<(&str, Depth, Option<&str>)> = addresses
        .iter()
        .map(|a| {
            (
                a.competency.as_str(),
                a.depth,
                a.via.as_ref().map(|v| v.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A", Depth::Reinforced, Some("X.1")),
            ("B", Depth::Mastered, Some("X.1"))
        ]
    );
}

#[test]
fn keeps_one_address_per_pair_with_the_deeper_depth() {
    let c = curriculum(vec![course(
        "C1",
        &[],
        vec![outcome(
            "o1",
            vec![
                mapping("A", Depth::Introduced),
                mapping("A", Depth::Mastered),
            ],
        )],
    )]);
    let (g, _) = CurriculumGraph::build(&frameworks(), &c);
    let a = g.addresses("P");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].depth, Depth::Mastered);
}

#[test]
fn orders_competencies_after_their_prerequisites() {
    let (g, _) = CurriculumGraph::build(&frameworks(), &curriculum(Vec::new()));
    let order: Vec<String> = g.teaching_order().iter().map(|c| c.to_string()).collect();
    assert_eq!(order, ["A", "B", "C", "X.1"]);
    assert_eq!(
        g.prerequisites(&CompetencyId::new("C")),
        [CompetencyId::new("A"), CompetencyId::new("B")]
    );
}

#[test]
fn finds_course_prerequisite_cycles_and_unknown_prerequisites() {
    let c = curriculum(vec![
        course("C1", &["C3"], Vec::new()),
        course("C2", &["C1"], Vec::new()),
        course("C3", &["C2", "C9"], Vec::new()),
    ]);
    let (g, findings) = CurriculumGraph::build(&frameworks(), &c);
    assert_eq!(
        g.course_cycles("P"),
        [vec![
            CourseCode::new("C1"),
            CourseCode::new("C3"),
            CourseCode::new("C2")
        ]]
    );
    let found: Vec<(FindingCode, &str, Option<&str>)> = findings
        .iter()
        .map(|f| (f.code, f.detail().unwrap_or_default(), f.program.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                FindingCode::UnknownPrerequisiteCourse,
                "course \"C3\" lists prerequisite \"C9\", which is not a course code of programme \"P\"",
                Some("P")
            ),
            (
                FindingCode::CoursePrerequisiteCycle,
                "course prerequisites form a cycle: C1 → C3 → C2 → C1",
                Some("P")
            ),
        ]
    );
}

#[test]
fn an_unmarked_crosswalk_mapping_takes_the_depth_the_crosswalk_implies() {
    let mut unmarked = mapping("X.1", Depth::Introduced);
    unmarked.depth = None;
    let c = curriculum(vec![course("C1", &[], vec![outcome("o1", vec![unmarked])])]);
    let (g, _) = CurriculumGraph::build(&frameworks(), &c);
    let depths: Vec<(String, Depth)> = g
        .addresses("P")
        .iter()
        .map(|a| (a.competency.to_string(), a.depth))
        .collect();
    assert_eq!(
        depths,
        [
            ("A".to_owned(), Depth::Reinforced),
            ("B".to_owned(), Depth::Introduced)
        ]
    );
}

#[test]
fn a_mapping_written_twice_keeps_the_depth_that_rolls_up_deepest() {
    let mut unmarked = mapping("X.1", Depth::Introduced);
    unmarked.depth = None;
    let marked = mapping("X.1", Depth::Introduced);
    // The same outcome names the crosswalk item twice, once unmarked (it
    // takes the implied R for A) and once marked I; and a primary
    // competency twice, unmarked (I) and marked M.
    let mut primary_unmarked = mapping("C", Depth::Introduced);
    primary_unmarked.depth = None;
    let primary_marked = mapping("C", Depth::Mastered);
    let c = curriculum(vec![course(
        "C1",
        &[],
        vec![outcome(
            "o1",
            vec![unmarked, marked, primary_marked, primary_unmarked],
        )],
    )]);
    let (g, _) = CurriculumGraph::build(&frameworks(), &c);
    let depths: Vec<(String, Depth)> = g
        .addresses("P")
        .iter()
        .map(|a| (a.competency.to_string(), a.depth))
        .collect();
    assert_eq!(
        depths,
        [
            ("A".to_owned(), Depth::Reinforced),
            ("B".to_owned(), Depth::Introduced),
            ("C".to_owned(), Depth::Mastered)
        ]
    );
}

#[test]
fn prerequisite_codes_match_exactly_before_loosely_and_never_ambiguously() {
    let c = curriculum(vec![
        // "UE 2.11" is a course of its own; punctuation-blind matching
        // would read it as "UE 21.1" and see a cycle.
        course("UE 2.11", &[], Vec::new()),
        course("X", &["UE 2.11"], Vec::new()),
        course("UE 21.1", &["X"], Vec::new()),
        // Retyped with other case and spaces: still that course.
        course("Y", &["ue 211"], Vec::new()),
        course("UE211", &[], Vec::new()),
        // Courses that differ only by punctuation: a code spelt with other
        // punctuation names none of them.
        course("Z", &["UE21-1"], Vec::new()),
    ]);
    let (g, findings) = CurriculumGraph::build(&frameworks(), &c);
    assert!(g.course_cycles("P").is_empty());
    let messages: Vec<&str> = findings
        .iter()
        .map(|f| f.detail().unwrap_or_default())
        .collect();
    assert_eq!(
        messages,
        [
            "course \"Z\" lists prerequisite \"UE21-1\", which could be any of \"UE 2.11\", \"UE 21.1\", \"UE211\" in programme \"P\""
        ]
    );
}
