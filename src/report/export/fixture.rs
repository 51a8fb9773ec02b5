//! One small programme run through import, graph and analysis, for the
//! exporters' tests: a two-level framework with a crosswalk, courses out of
//! natural order, a course-level mapping, a suggestion, a crosswalk
//! mapping, an unmapped outcome and formula-like texts.

use super::map::MapHeaders;
use super::xlsx::XlsxText;
use crate::analysis::ProgramAnalysis;
use crate::framework::{FrameworkSet, Lexicon, Rules, parse_framework};
use crate::graph::CurriculumGraph;
use crate::model::{CompetencyId, Depth, Mapping, Origin, Program, Suggestion};
use std::sync::OnceLock;

const FRAMEWORK: &str = r#"
[framework]
id = "t"
version = "1"

[[levels]]
number = 0
key = "literacy"
title = { en = "Literacy", fr = "Culture" }

[[levels]]
number = 1
key = "software-data"
title = { en = "Software and data", fr = "Logiciels et données" }

[[competencies]]
id = "A"
level = 0
title = { en = 'Say "why" \ explain', fr = "Expliquer" }

[[competencies]]
id = "B"
level = 1
title = { en = "Use data", fr = "Utiliser des données" }
requires = ["A"]

[[competencies]]
id = "C"
level = 1
title = { en = "=Build models", fr = "Construire des modèles" }
requires = ["B"]

[[competencies]]
id = "D"
level = 0
title = { en = "Uncovered", fr = "Non couverte" }
"#;

const CROSSWALK: &str = r#"
[framework]
id = "x"
version = "1"
crosswalk_to = "t"

[[competencies]]
id = "X.1"
maps_to = [{ id = "B", depth = "R" }]
"#;

const CURRICULUM: &str = "\
program;course code;course title;year;semester;outcome_id;outcome;competency;depth
P;UE 10;Later;2;3;O5;Build things;C;M
P;UE 2;Intro;1;1;O1;Explain AI;A;I
P;UE 2;Intro;1;1;O2;=1+1;;
P;UE 11;Data;1;2;O3;@SUM(A1);B:R, A:I;
P;UE 11;Data;1;2;O4;\"Use data, then \"\"more\"\"\";X.1;
P;UE 11;Data;1;2;O7;Explain again;A;M
P;UE 3;Seminar;1;2;;;A;R
P;X1;Elective;;;O6;Nothing here;;
";

pub struct Fixture {
    pub frameworks: FrameworkSet,
    pub program: Program,
    pub analysis: ProgramAnalysis,
    pub words: crate::report::words::Words,
}

pub fn get() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build)
}

fn build() -> Fixture {
    let (primary, _) = parse_framework(FRAMEWORK, "t.toml").unwrap();
    let (crosswalk, _) = parse_framework(CROSSWALK, "x.toml").unwrap();
    let lexicon = Lexicon::builtin().unwrap();
    let rules = Rules::builtin(&lexicon).unwrap();
    let frameworks = FrameworkSet {
        primary,
        crosswalks: vec![crosswalk],
        lexicon,
        rules,
        fitted: None,
    };
    let mut curriculum = crate::import::load_bytes(
        "p.csv",
        CURRICULUM.as_bytes(),
        &crate::import::ImportOptions::default(),
    )
    .unwrap();
    let outcome = curriculum.programs[0]
        .courses
        .iter_mut()
        .flat_map(|c| c.outcomes.iter_mut())
        .find(|o| o.id.as_str() == "O2")
        .unwrap();
    outcome.mappings.push(Mapping {
        competency: CompetencyId::new("C"),
        depth: Some(Depth::Reinforced),
        origin: Origin::Suggested(Suggestion {
            score: 0.85,
            evidence: vec![
                crate::model::Evidence::Rule {
                    rule: "r1".into(),
                    kind: crate::model::RuleUse::Rule,
                    quoted: Some("build".into()),
                    concept: "C".into(),
                    anchor: None,
                },
                crate::model::Evidence::Gate {
                    gate: crate::model::Gate::TwoConcepts,
                    quoted: None,
                },
            ],
        }),
        location: None,
    });
    let (graph, findings) = CurriculumGraph::build(&frameworks, &curriculum);
    let mut analyses = crate::analysis::analyse(&frameworks, &curriculum, &graph, &findings);
    Fixture {
        words: crate::report::words::Words::new(crate::framework::Lang::En),
        program: curriculum.programs.remove(0),
        analysis: analyses.remove(0),
        frameworks,
    }
}

pub fn english_headers() -> MapHeaders {
    MapHeaders {
        program: "program".into(),
        year: "year".into(),
        semester: "semester".into(),
        course: "course".into(),
        course_title: "course title".into(),
        outcome_id: "outcome id".into(),
        outcome: "outcome".into(),
        competency: "competency".into(),
        level: "level".into(),
        depth: "depth".into(),
        origin: "origin".into(),
        score: "score".into(),
        evidence: "evidence".into(),
        via: "via".into(),
    }
}

pub fn english_text() -> XlsxText {
    XlsxText {
        map_sheet: "Map".into(),
        gaps_sheet: "Gaps".into(),
        outcomes_sheet: "Outcomes".into(),
        title: "title".into(),
        covered: "covered".into(),
        deepest: "deepest depth".into(),
        courses: "courses".into(),
        yes: "yes".into(),
        no: "no".into(),
        columns: english_headers(),
    }
}

pub fn french_text() -> XlsxText {
    XlsxText {
        map_sheet: "Carte".into(),
        gaps_sheet: "Lacunes".into(),
        outcomes_sheet: "Objectifs".into(),
        title: "intitulé".into(),
        covered: "couverte".into(),
        deepest: "profondeur maximale".into(),
        courses: "UE".into(),
        yes: "oui".into(),
        no: "non".into(),
        columns: MapHeaders {
            program: "formation".into(),
            year: "année".into(),
            semester: "semestre".into(),
            course: "code UE".into(),
            course_title: "intitulé UE".into(),
            outcome_id: "id objectif".into(),
            outcome: "objectif".into(),
            competency: "compétence".into(),
            level: "niveau".into(),
            depth: "profondeur".into(),
            origin: "origine".into(),
            score: "score".into(),
            evidence: "justification".into(),
            via: "via".into(),
        },
    }
}
