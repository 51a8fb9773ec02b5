use super::*;
use crate::analysis::{ProgramAnalysis, analyse, analyse_against};
use crate::framework::{Lexicon, Rules, parse_framework, parse_target};
use crate::model::{Course, Curriculum, Mapping, Origin, Outcome, OutcomeId, SourceLocation};

/// A chain (`CH.1` ← `CH.2` ← `CH.3`) and a diamond (`DI.TOP` ←
/// `DI.LEFT`, `DI.RIGHT` ← `DI.END`), plus one competency whose words no
/// course uses.
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
id = "CH.1"
level = 0
title = { en = "Health data sources", fr = "Sources de données de santé" }
terms = { en = ["patient registry"] }

[[competencies]]
id = "CH.2"
level = 1
title = { en = "Data cleaning", fr = "Nettoyage des données" }
requires = ["CH.1"]
terms = { en = ["data wrangling"], fr = ["nettoyage de données"] }

[[competencies]]
id = "CH.3"
level = 1
title = { en = "Data visualisation dashboards", fr = "Tableaux de bord" }
requires = ["CH.2"]

[[competencies]]
id = "DI.TOP"
level = 0
title = { en = "Machine learning concepts" }

[[competencies]]
id = "DI.LEFT"
level = 1
title = { en = "Model validation" }
requires = ["DI.TOP"]

[[competencies]]
id = "DI.RIGHT"
level = 1
title = { en = "Model bias auditing" }
requires = ["DI.TOP"]

[[competencies]]
id = "DI.END"
level = 1
title = { en = "Clinical model deployment" }
requires = ["DI.RIGHT", "DI.LEFT"]

[[competencies]]
id = "LONE"
level = 0
title = { en = "Quantum annealing" }
"#;

fn frameworks() -> FrameworkSet {
    let (primary, _) = parse_framework(FRAMEWORK, "t.toml").unwrap();
    let lexicon = Lexicon::builtin().unwrap();
    FrameworkSet {
        primary,
        crosswalks: Vec::new(),
        rules: Rules::builtin(&lexicon).unwrap(),
        lexicon,
        fitted: None,
    }
}

fn course(code: &str, year: u8, semester: u8, title: &str, outcomes: &[(&str, &[&str])]) -> Course {
    Course {
        code: crate::model::CourseCode::new(code),
        title: title.to_owned(),
        year: Some(year),
        semester: Some(semester),
        ects: None,
        hours: None,
        prerequisites: Vec::new(),
        description: None,
        outcomes: outcomes
            .iter()
            .enumerate()
            .map(|(i, (text, ids))| Outcome {
                id: OutcomeId::new(format!("{code}-{i}")),
                text: (*text).to_owned(),
                mappings: ids
                    .iter()
                    .map(|id| Mapping {
                        competency: CompetencyId::new(*id),
                        depth: Some(Depth::Introduced),
                        origin: Origin::Explicit,
                        location: None,
                    })
                    .collect(),
                location: SourceLocation::file("p.csv").at_row(2),
            })
            .collect(),
        mappings: Vec::new(),
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

fn run(fw: &FrameworkSet, c: &Curriculum) -> (CurriculumGraph, ProgramAnalysis) {
    let (graph, _) = CurriculumGraph::build(fw, c);
    let mut analyses = analyse(fw, c, &graph, &[]);
    (graph, analyses.remove(0))
}

fn rec<'a>(a: &'a ProgramAnalysis, id: &str) -> &'a Recommendation {
    a.recommendations
        .iter()
        .find(|r| r.competency.as_str() == id)
        .unwrap_or_else(|| panic!("no recommendation for {id}"))
}

fn ids(path: &[CompetencyId]) -> Vec<&str> {
    path.iter().map(CompetencyId::as_str).collect()
}

/// Every competency of `path` comes after each of its prerequisites
/// (transitively, through the whole graph) that is also on the path.
#[track_caller]
fn assert_topological(graph: &CurriculumGraph, path: &[CompetencyId]) {
    for (i, c) in path.iter().enumerate() {
        let mut stack = graph.prerequisites(c);
        let mut seen = BTreeSet::new();
        while let Some(p) = stack.pop() {
            if !seen.insert(p.clone()) {
                continue;
            }
            if let Some(j) = path.iter().position(|x| *x == p) {
                assert!(j < i, "{p} comes after {c}, which needs it: {path:?}");
            }
            stack.extend(graph.prerequisites(&p));
        }
    }
}

fn plain_courses() -> Vec<Course> {
    vec![
        course("UE1", 1, 1, "Anatomy", &[("Describe the heart.", &[])]),
        course(
            "UE2",
            2,
            3,
            "Epidemiology",
            &[("Extract a registry with wrangling tools.", &[])],
        ),
        course(
            "UE3",
            2,
            4,
            "Statistics",
            &[("Report data cleaning steps and a dashboard.", &[])],
        ),
    ]
}

#[test]
fn learning_paths_follow_the_chain_and_the_diamond_in_topological_order() {
    let fw = frameworks();
    let c = curriculum(plain_courses());
    let (graph, a) = run(&fw, &c);
    assert_eq!(ids(&rec(&a, "CH.3").path), ["CH.1", "CH.2", "CH.3"]);
    assert_eq!(
        ids(&rec(&a, "DI.END").path),
        ["DI.TOP", "DI.LEFT", "DI.RIGHT", "DI.END"]
    );
    assert_eq!(ids(&rec(&a, "DI.TOP").path), ["DI.TOP"]);
    for r in &a.recommendations {
        assert_topological(&graph, &r.path);
        assert_eq!(r.path.last(), Some(&r.competency));
    }
}

#[test]
fn a_taught_prerequisite_leaves_the_path_and_the_order_still_holds_through_it() {
    let fw = frameworks();
    let mut courses = plain_courses();
    courses.push(course(
        "UE9",
        1,
        2,
        "Data",
        &[("Clean data.", &["CH.2"]), ("Audit bias.", &["DI.LEFT"])],
    ));
    let c = curriculum(courses);
    let (graph, a) = run(&fw, &c);
    assert_eq!(ids(&rec(&a, "CH.3").path), ["CH.1", "CH.3"]);
    assert_eq!(
        ids(&rec(&a, "DI.END").path),
        ["DI.TOP", "DI.RIGHT", "DI.END"]
    );
    assert!(
        a.recommendations
            .iter()
            .all(|r| r.competency.as_str() != "CH.2")
    );
    for r in &a.recommendations {
        assert_topological(&graph, &r.path);
    }
    // CH.1 is a prerequisite of CH.2, which the programme teaches.
    assert_eq!(rec(&a, "CH.1").dependants_taught, 1);
    assert_eq!(rec(&a, "CH.1").priority().0, 0);
}

#[test]
fn hosts_are_existing_courses_ranked_by_textual_affinity_with_a_stated_score() {
    let fw = frameworks();
    let c = curriculum(plain_courses());
    let (_, a) = run(&fw, &c);
    let r = rec(&a, "CH.2");
    let hosts: Vec<&str> = r.hosts.iter().map(|h| h.course.as_str()).collect();
    // UE2 uses "wrangling" (a term of CH.2), UE3 "data cleaning" (the
    // whole title); the anatomy course shares no word.
    assert_eq!(hosts, ["UE3", "UE2"]);
    for h in &r.hosts {
        assert!(c.programs[0].course(&h.course).is_some());
        let expected = WEIGHT_AFFINITY * h.affinity
            + WEIGHT_PLACEMENT * h.placement
            + WEIGHT_PREREQUISITES * h.prerequisites;
        assert!((h.score - expected).abs() < 1e-12);
        assert!(h.affinity >= MIN_AFFINITY && h.affinity <= 1.0);
    }
    assert_eq!(r.hosts[0].affinity, 1.0);
    // CH.1 is not taught: no prerequisite coverage, placement by default.
    assert_eq!((r.hosts[0].placement, r.hosts[0].prerequisites), (1.0, 0.0));
    assert!(r.hosts.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn placement_prefers_a_course_after_the_first_period_of_each_taught_prerequisite() {
    let fw = frameworks();
    let c = curriculum(vec![
        course("A1", 1, 1, "Data cleaning basics", &[]),
        course(
            "B2",
            2,
            3,
            "Registry",
            &[("Use a patient registry.", &["CH.1"])],
        ),
        course("C3", 3, 5, "Data cleaning project", &[]),
    ]);
    let (_, a) = run(&fw, &c);
    let r = rec(&a, "CH.2");
    let hosts: Vec<(&str, f64)> = r
        .hosts
        .iter()
        .map(|h| (h.course.as_str(), h.placement))
        .collect();
    // Same affinity (both titles hold "data cleaning"): the course after
    // the prerequisite's semester wins; ties would go to course order.
    assert_eq!(hosts, [("C3", 1.0), ("A1", 0.0)]);
    assert_eq!(r.hosts[0].prerequisites, 1.0);
}

#[test]
fn a_competency_no_course_is_close_to_gets_its_path_and_no_host() {
    let fw = frameworks();
    let c = curriculum(plain_courses());
    let (_, a) = run(&fw, &c);
    let r = rec(&a, "LONE");
    assert!(r.hosts.is_empty());
    assert_eq!(ids(&r.path), ["LONE"]);
    assert_eq!(r.reason, Reason::Uncovered);
}

#[test]
fn recommendations_are_deterministic() {
    let fw = frameworks();
    let c = curriculum(plain_courses());
    let (_, first) = run(&fw, &c);
    let (_, second) = run(&fw, &c);
    assert_eq!(first.recommendations, second.recommendations);
    assert!(!first.recommendations.is_empty());
}

#[test]
fn a_competency_below_the_target_depth_gets_a_recommendation_too() {
    let fw = frameworks();
    let mut courses = plain_courses();
    courses.push(course("UE9", 1, 2, "Data", &[("Clean data.", &["CH.2"])]));
    let c = curriculum(courses);
    let src = "[target]\nid = \"t\"\nframework = \"t\"\n\
               [[requirements]]\ncompetencies = [\"CH.2\", \"CH.3\"]\ndepth = \"R\"\n";
    let (target, _) = parse_target(src, "t.toml", &[&fw.primary]).unwrap();
    let (graph, _) = CurriculumGraph::build(&fw, &c);
    let a = analyse_against(&fw, &c, &graph, &[], Some(&target)).remove(0);
    let r = rec(&a, "CH.2");
    assert_eq!(r.reason, Reason::BelowTarget);
    assert_eq!(
        (r.required, r.reached),
        (Some(Depth::Reinforced), Some(Depth::Introduced))
    );
    assert_eq!(ids(&r.path), ["CH.1", "CH.2"]);
    let r3 = rec(&a, "CH.3");
    assert_eq!(
        (r3.reason, r3.required),
        (Reason::Uncovered, Some(Depth::Reinforced))
    );
    // Without a target, only what is not taught.
    let plain = analyse(&fw, &c, &graph, &[]).remove(0);
    assert!(
        plain
            .recommendations
            .iter()
            .all(|r| r.reason == Reason::Uncovered)
    );
}
