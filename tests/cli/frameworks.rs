//! `aimap frameworks list|show|check`, crosswalk roll-up and `--target`.

use crate::workdir::{Workdir, stderr, stdout};
use serde_json::Value;

/// Runs `aimap frameworks check frameworks/<fixture>` on a copy of
/// `tests/fixtures/frameworks/<fixture>`, expects `code`, returns stdout.
#[track_caller]
fn check(fixture: &str, code: i32) -> String {
    let wd = Workdir::new();
    let rel = format!("frameworks/{fixture}");
    wd.copy_fixture(&rel);
    let out = wd
        .cmd()
        .args(["frameworks", "check", &rel])
        .assert()
        .code(code)
        .get_output()
        .clone();
    stdout(&out)
}

fn find<'a>(list: &'a Value, key: &str, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == id)
        .unwrap_or_else(|| panic!("no {key} = {id} in {list}"))
}

fn competency<'a>(summary: &'a Value, id: &str) -> &'a Value {
    find(&summary["competencies"], "id", id)
}

fn messages(summary: &Value, code: &str) -> Vec<String> {
    summary["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn list_shows_every_shipped_framework_and_target_with_counts_per_level() {
    let wd = Workdir::new();
    let out = wd.run(["frameworks", "list"], 0);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..6],
        [
            "framework                      kind       version  items  L0  L1  L2  no level  title",
            "ai-skills-3-levels             levels     1.1.0       38  13  13  12         0  AI skills in three levels for health-profession education",
            "fr-socle-numerique-sante-2022  crosswalk  1.0.0        7   3   0   0         4  French foundation course in digital health for health students (order of 10 November 2022)",
            "hee-2023                       crosswalk  1.0.0       17  14   6   2         1  HEE AI and Digital Healthcare Technologies Capability Framework (2023)",
            "russell-2023                   crosswalk  1.0.0        6   6   1   0         0  Russell et al. 2023: AI competencies for health care professionals",
            "unesco-2024-students           crosswalk  1.0.0       12   8   3   3         0  UNESCO AI competency framework for students (2024)",
        ]
    );
    assert_eq!(
        lines[9..],
        [
            "target                 framework           required  L0  L1  L2  title",
            "all-health-students    ai-skills-3-levels        13  13   0   0  All health students (common core)",
            "health-data-scientist  ai-skills-3-levels        38  13  13  12  Health data scientist (master's level)",
            "nurse                  ai-skills-3-levels        13  13   0   0  Registered nurse (initial education)",
            "pharmacist             ai-skills-3-levels        16  13   3   0  Pharmacist (initial education)",
            "physician              ai-skills-3-levels        17  13   4   0  Physician (initial medical education)",
        ]
    );
}

#[test]
fn show_prints_each_shipped_framework_and_target() {
    let wd = Workdir::new();
    for (id, expect) in [
        (
            "ai-skills-3-levels",
            "  L2.RES.2   Privacy-preserving and federated learning",
        ),
        (
            "russell-2023",
            "             maps to L0.CLN.2 (R), L0.COM.1 (R)",
        ),
        ("unesco-2024-students", "  UNE.TA.C"),
        ("hee-2023", "  HEE.A.CREATORS"),
        ("fr-socle-numerique-sante-2022", "  FR.SNS.CAP.IA"),
        (
            "all-health-students",
            "  L0.ETH.2   R  Health data protection for AI",
        ),
        ("nurse", "  domain generative-ai at least R (reinforced)"),
        (
            "pharmacist",
            "  L1.STA.1   I  Statistical analysis with software",
        ),
        (
            "physician",
            "  L0.CLN.1   M  Critical appraisal of AI studies and tools",
        ),
        (
            "health-data-scientist",
            "  L2.DEP.2   R  Deploying and monitoring models (MLOps)",
        ),
    ] {
        let out = wd.run(["frameworks", "show", id], 0);
        let text = stdout(&out);
        assert!(text.starts_with(id), "{id}:\n{text}");
        assert!(text.contains(expect), "{id} lacks {expect:?}:\n{text}");
    }
}

#[test]
fn show_names_the_known_ids_when_the_id_is_unknown() {
    let wd = Workdir::new();
    let out = wd.run(["frameworks", "show", "russel-2023"], 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "error: no framework or target \"russel-2023\"; frameworks: ai-skills-3-levels, \
         fr-socle-numerique-sante-2022, hee-2023, russell-2023, unesco-2024-students; targets: \
         all-health-students, health-data-scientist, nurse, pharmacist, physician"
    );
}

#[test]
fn check_passes_on_every_shipped_framework_and_target() {
    let wd = Workdir::new();
    wd.copy_repo("frameworks");
    let mut files: Vec<String> = Vec::new();
    for dir in ["frameworks", "frameworks/targets"] {
        for name in wd.files(dir) {
            if name.ends_with(".toml") {
                files.push(format!("{dir}/{name}"));
            }
        }
    }
    assert_eq!(files.len(), 10, "{files:?}");
    let args = ["frameworks".to_owned(), "check".to_owned()];
    let out = wd.run(args.iter().chain(&files), 0);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), files.len(), "{text}");
    for (line, file) in text.lines().zip(&files) {
        assert!(
            line.starts_with(&format!("{file}: ")) && line.ends_with(": ok"),
            "{line}"
        );
    }
    assert!(text.contains(
        "frameworks/russell-2023.toml: crosswalk \"russell-2023\" onto \"ai-skills-3-levels\" (6 items): ok"
    ));
    assert!(text.contains(
        "frameworks/targets/nurse.toml: target \"nurse\" (13 competencies required): ok"
    ));
}

#[test]
fn check_accepts_a_valid_framework_of_ones_own() {
    assert_eq!(
        check("my-school-ai.toml", 0),
        "frameworks/my-school-ai.toml: framework \"my-school-ai\" (2 competencies): ok\n"
    );
}

#[test]
fn check_rejects_a_duplicate_id_naming_both_lines() {
    assert_eq!(
        check("duplicate-id.toml", 2),
        "error[framework-error]: frameworks/duplicate-id.toml line 28, key `competencies.id`: \
         duplicate competency id \"S.1\" (first defined on line 21)\n\
         frameworks/duplicate-id.toml: framework \"my-school-ai\": 1 error, 0 warnings\n"
    );
}

#[test]
fn check_rejects_an_unknown_prerequisite() {
    assert_eq!(
        check("unknown-prerequisite.toml", 2),
        "error[framework-error]: frameworks/unknown-prerequisite.toml line 31, key `competencies.requires`: \
         competency \"S.2\" requires \"S.9\", which the framework does not define\n\
         frameworks/unknown-prerequisite.toml: framework \"my-school-ai\": 1 error, 0 warnings\n"
    );
}

#[test]
fn check_prints_a_prerequisite_cycle() {
    assert_eq!(
        check("prerequisite-cycle.toml", 2),
        "error[framework-error]: frameworks/prerequisite-cycle.toml line 24, key `competencies.requires`: \
         prerequisite cycle: S.1 → S.3 → S.2 → S.1 (each competency requires the next)\n\
         frameworks/prerequisite-cycle.toml: framework \"my-school-ai\": 1 error, 0 warnings\n"
    );
}

#[test]
fn check_warns_about_a_prerequisite_at_a_higher_level_and_exits_0() {
    assert_eq!(
        check("higher-level-prerequisite.toml", 0),
        "warning[framework-warning]: frameworks/higher-level-prerequisite.toml line 24, key `competencies.requires`: \
         competency \"S.1\" (level 0) requires \"S.2\" at a higher level (1); prerequisites usually climb the levels\n\
         frameworks/higher-level-prerequisite.toml: framework \"my-school-ai\" (2 competencies): 0 errors, 1 warning\n"
    );
}

#[test]
fn check_warns_about_a_missing_french_title() {
    assert_eq!(
        check("missing-french-title.toml", 0),
        "warning[framework-warning]: frameworks/missing-french-title.toml line 23, key `competencies.title`: \
         competency \"S.1\" has no French title\n\
         frameworks/missing-french-title.toml: framework \"my-school-ai\" (1 competency): 0 errors, 1 warning\n"
    );
}

#[test]
fn check_warns_about_a_missing_english_title() {
    assert_eq!(
        check("missing-english-title.toml", 0),
        "warning[framework-warning]: frameworks/missing-english-title.toml line 23, key `competencies.title`: \
         competency \"S.1\" has no English title\n\
         frameworks/missing-english-title.toml: framework \"my-school-ai\" (1 competency): 0 errors, 1 warning\n"
    );
}

#[test]
fn check_rejects_a_term_that_is_also_excluded() {
    assert_eq!(
        check("term-in-exclude.toml", 2),
        "error[framework-error]: frameworks/term-in-exclude.toml line 24, key `competencies.terms`: \
         competency \"S.1\" lists \"machine learning\" both in `terms` and in `exclude`\n\
         frameworks/term-in-exclude.toml: framework \"my-school-ai\": 1 error, 0 warnings\n"
    );
}

#[test]
fn check_rejects_an_exclusion_that_can_never_match_or_that_swallows_a_term() {
    assert_eq!(
        check("exclude-never-matches.toml", 2),
        "error[framework-error]: frameworks/exclude-never-matches.toml line 21, key `competencies.exclude`: \
         competency \"S.1\" excludes \"—\", which has no letter or digit, so it can never match\n\
         error[framework-error]: frameworks/exclude-never-matches.toml line 24, key `competencies.terms`: \
         competency \"S.1\" excludes \"données\", which every match of its term \"données d'entraînement\" contains: the term can never count\n\
         frameworks/exclude-never-matches.toml: framework \"my-school-ai\": 2 errors, 0 warnings\n"
    );
}

#[test]
fn check_validates_a_crosswalk_against_the_built_in_framework_it_names() {
    assert_eq!(
        check("crosswalk-unknown-target.toml", 2),
        "error[framework-error]: frameworks/crosswalk-unknown-target.toml line 15, key `competencies.maps_to`: \
         competency \"SCH.1\" maps to \"L0.FND.9\", which the framework \"ai-skills-3-levels\" does not define\n\
         frameworks/crosswalk-unknown-target.toml: crosswalk \"school-crosswalk\" onto \"ai-skills-3-levels\" (1 item): 1 error, 0 warnings\n"
    );
}

#[test]
fn check_rejects_a_crosswalk_onto_a_framework_not_loaded() {
    assert_eq!(
        check("crosswalk-onto-unknown-framework.toml", 2),
        "error[framework-error]: frameworks/crosswalk-onto-unknown-framework.toml line 5, key `framework.crosswalk_to`: \
         crosswalk_to names \"ai-skills-4-levels\", which is not loaded (loaded: ai-skills-3-levels); \
         check the crosswalk together with the file of that framework\n\
         frameworks/crosswalk-onto-unknown-framework.toml: crosswalk \"school-crosswalk\" onto \"ai-skills-4-levels\" (1 item): 1 error, 0 warnings\n"
    );
}

#[test]
fn check_validates_a_crosswalk_against_a_framework_checked_with_it() {
    let wd = Workdir::new();
    wd.copy_fixture("frameworks/my-school-ai.toml");
    wd.copy_fixture("frameworks/my-school-crosswalk.toml");
    let out = wd.run(
        [
            "frameworks",
            "check",
            "frameworks/my-school-ai.toml",
            "frameworks/my-school-crosswalk.toml",
        ],
        0,
    );
    assert_eq!(
        stdout(&out),
        "frameworks/my-school-ai.toml: framework \"my-school-ai\" (2 competencies): ok\n\
         frameworks/my-school-crosswalk.toml: crosswalk \"school-crosswalk\" onto \"my-school-ai\" (1 item): ok\n"
    );
}

/// Two frameworks with levels cannot be given to `--framework` together;
/// `check` loads each with the crosswalks onto it, as `-f` would.
#[test]
fn check_loads_each_framework_with_levels_with_the_crosswalks_onto_it() {
    let wd = Workdir::new();
    wd.copy_fixture("frameworks/my-school-ai.toml");
    wd.copy_fixture("frameworks/my-school-crosswalk.toml");
    wd.copy_repo("frameworks/ai-skills-3-levels.toml");
    wd.copy_repo("frameworks/russell-2023.toml");
    let out = wd.run(
        [
            "frameworks",
            "check",
            "frameworks/my-school-ai.toml",
            "frameworks/my-school-crosswalk.toml",
            "frameworks/ai-skills-3-levels.toml",
            "frameworks/russell-2023.toml",
        ],
        0,
    );
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.lines().all(|l| l.ends_with(": ok")), "{text}");
}

#[test]
fn check_rejects_a_target_naming_an_unknown_competency() {
    assert_eq!(
        check("target-unknown-competency.toml", 2),
        "error[framework-error]: frameworks/target-unknown-competency.toml line 12, key `requirements.competencies`: \
         requirement 2 names competency \"L0.COM.2\", which the framework \"ai-skills-3-levels\" does not define\n\
         frameworks/target-unknown-competency.toml: target \"midwife\": 1 error, 0 warnings\n"
    );
}

#[test]
fn check_reports_an_unreadable_file_and_goes_on() {
    let wd = Workdir::new();
    wd.copy_fixture("frameworks/my-school-ai.toml");
    let out = wd.run(
        [
            "frameworks",
            "check",
            "absent.toml",
            "frameworks/my-school-ai.toml",
        ],
        2,
    );
    assert_eq!(
        stdout(&out),
        "error[framework-error]: absent.toml: cannot read the file: No such file or directory (os error 2)\n\
         absent.toml: file: 1 error, 0 warnings\n\
         frameworks/my-school-ai.toml: framework \"my-school-ai\" (2 competencies): ok\n"
    );
}

/// A nursing programme mapped onto Russell et al. 2023 ids (and one UNESCO
/// id), not onto the three levels.
const RUSSELL_CSV: &str = "\
program,course_code,course_title,year,outcome_id,outcome,competencies,depth
Nursing BSc,NUR101,Digital health,1,O1,Describe what AI is and where it is used in care,RUS.1,I
Nursing BSc,NUR101,Digital health,1,O2,Discuss the social and ethical implications of AI tools,rus.2,R
Nursing BSc,NUR201,Evidence-based practice,2,O3,Appraise a study of an AI tool and its reported accuracy,RUS.4,M
Nursing BSc,NUR301,Health informatics project,3,O4,Build and train a small model on a public dataset,UNE.TA.C,R
Nursing BSc,NUR202,Digital communication,2,O5,Use secure messaging with colleagues,FR.SNS.3,I
";

#[test]
fn report_rolls_a_curriculum_mapped_onto_russell_2023_up_onto_the_three_levels() {
    let wd = Workdir::new();
    wd.write("nursing.csv", RUSSELL_CSV);
    wd.cmd().args(["report", "nursing.csv"]).assert().success();
    let s = wd.json("reports/nursing-bsc.json");

    // The three-level view: Russell domains land on level 0 and, through
    // domain 4, on L1.EVA.1; the UNESCO "create" item reaches level 2.
    let levels: Vec<(u64, u64)> = s["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["level"].as_u64().unwrap(), l["covered"].as_u64().unwrap()))
        .collect();
    assert_eq!(levels, [(0, 8), (1, 1), (2, 3)]);
    let o3 = find(&s["outcomes"], "id", "O3");
    let via: Vec<(&str, &str, &str)> = o3["mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["competency"].as_str().unwrap(),
                m["depth"].as_str().unwrap(),
                m["via"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        via,
        [
            ("L0.CLN.1", "R", "RUS.4"),
            ("L0.ETH.1", "R", "RUS.4"),
            ("L0.FND.2", "R", "RUS.4"),
            ("L1.EVA.1", "I", "RUS.4"),
        ]
    );
    assert_eq!(
        competency(&s, "L1.EVA.1")["courses"],
        serde_json::json!(["NUR201"])
    );

    // The crosswalk view: Russell with its items, what is taught, and what
    // each item rolls up onto.
    let russell = find(&s["crosswalks"], "id", "russell-2023");
    assert_eq!(
        (russell["covered"].as_u64(), russell["total"].as_u64()),
        (Some(3), Some(6))
    );
    assert_eq!(
        russell["levels"],
        serde_json::json!([
            { "level": 0, "reached": 8, "total": 13 },
            { "level": 1, "reached": 1, "total": 13 },
            { "level": 2, "reached": 0, "total": 12 },
        ])
    );
    let rus3 = find(&russell["items"], "id", "RUS.3");
    assert_eq!(rus3["covered"], false);
    assert_eq!(
        rus3["maps_to"],
        serde_json::json!([
            { "competency": "L0.CLN.2", "level": 0, "depth": "R", "reached": null },
            { "competency": "L0.COM.1", "level": 0, "depth": "R", "reached": null },
        ])
    );
    let rus2 = find(&russell["items"], "id", "RUS.2");
    assert_eq!(
        (rus2["covered"].as_bool(), rus2["depth"].as_str()),
        (Some(true), Some("R"))
    );
    // Only crosswalks the programme uses are listed.
    let ids: Vec<&str> = s["crosswalks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "fr-socle-numerique-sante-2022",
            "russell-2023",
            "unesco-2024-students"
        ]
    );
    // An item outside the AI scope is taught but reaches no competency.
    let sns3 = find(
        &find(&s["crosswalks"], "id", "fr-socle-numerique-sante-2022")["items"],
        "id",
        "FR.SNS.3",
    );
    assert_eq!(
        (
            sns3["covered"].as_bool(),
            sns3["maps_to"].as_array().map(Vec::len)
        ),
        (Some(true), Some(0))
    );

    let html = wd.read("reports/nursing-bsc.html");
    assert!(html.contains("<section id=\"crosswalks\">\n<h2>Other frameworks</h2>"));
    assert!(html.contains("Russell et al. 2023: AI competencies for health care professionals"));
    assert!(html.contains("3 of 6 items taught · rolls up onto L0 8/13 · L1 1/13 · L2 0/12"));
}

#[test]
fn crosswalk_depth_is_the_curriculum_marking_capped_by_the_depth_the_item_implies() {
    let wd = Workdir::new();
    wd.write("nursing.csv", RUSSELL_CSV);
    wd.cmd().args(["report", "nursing.csv"]).assert().success();
    let s = wd.json("reports/nursing-bsc.json");
    // RUS.1 marked I; the crosswalk implies R on L0.FND.1: the report says I.
    assert_eq!(competency(&s, "L0.FND.1")["depth"], "I");
    // RUS.4 marked M; the crosswalk implies R on L0.CLN.1 and I on L1.EVA.1.
    assert_eq!(competency(&s, "L0.CLN.1")["depth"], "R");
    assert_eq!(competency(&s, "L1.EVA.1")["depth"], "I");
    // UNE.TA.C ("create", M) marked R: L2.ML.1 is reinforced, not mastered.
    assert_eq!(competency(&s, "L2.ML.1")["depth"], "R");
    // L0.FND.2 is reached by RUS.1 (I) and RUS.4 (R): the deepest counts.
    assert_eq!(competency(&s, "L0.FND.2")["depth"], "R");
}

#[test]
fn report_with_a_target_adds_target_not_met_findings_on_the_sample_nursing_programme() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    let out = wd.run(
        [
            "report",
            "curricula/ifsi-infirmier-de.csv",
            "--target",
            "nurse",
            "--lang",
            "en",
        ],
        0,
    );
    let s = wd.json("reports/diplome-d-etat-d-infirmier-ifsi.json");
    let target = &s["target"];
    assert_eq!(target["id"], "nurse");
    assert_eq!(target["title"], "Registered nurse (initial education)");
    assert_eq!(target["total"], 13);
    let not_met = messages(&s, "target-not-met");
    let met = target["met"].as_u64().unwrap() as usize;
    assert!(!not_met.is_empty());
    assert_eq!(met + not_met.len(), 13, "{not_met:#?}");
    assert!(
        not_met.contains(
            &"L0.CLN.1 \"Critical appraisal of AI studies and tools\" must reach I (introduced) for target \"nurse\": not taught"
                .to_owned()
        ),
        "{not_met:#?}"
    );
    let cln1 = find(&target["requirements"], "competency", "L0.CLN.1");
    assert_eq!(
        (
            cln1["required"].as_str(),
            cln1["reached"].as_str(),
            cln1["met"].as_bool()
        ),
        (Some("I"), None, Some(false))
    );
    let finding = find(&s["findings"], "code", "target-not-met");
    assert_eq!(finding["severity"], "warning");

    let html = wd.read("reports/diplome-d-etat-d-infirmier-ifsi.html");
    assert!(html.contains("<h2>Target: Registered nurse (initial education)</h2>"));
    assert!(html.contains(&format!("{met} of 13 requirements met")));
    assert!(wd.read("reports/index.html").contains("Target nurse"));
    assert!(stdout(&out).contains(&format!("target nurse {met}/13 met")));
}

#[test]
fn report_reads_a_target_from_a_file() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.copy_fixture("frameworks/midwife.toml");
    wd.cmd()
        .args([
            "report",
            "curricula/ifsi-infirmier-de.csv",
            "--target",
            "frameworks/midwife.toml",
        ])
        .assert()
        .success();
    let s = wd.json("reports/diplome-d-etat-d-infirmier-ifsi.json");
    assert_eq!(s["target"]["id"], "midwife");
    assert_eq!(s["target"]["total"], 13);
    let com = find(&s["target"]["requirements"], "competency", "L0.COM.1");
    assert_eq!(com["required"], "R");
}

#[test]
fn report_rejects_an_unknown_target_naming_the_shipped_ones() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    let out = wd.run(["report", "--target", "nurze"], 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "error: no target \"nurze\"; built-in targets are all-health-students, health-data-scientist, \
         nurse, pharmacist, physician, or give the path of a target TOML file"
    );
    assert!(wd.files("reports").is_empty());
}

#[test]
fn report_rejects_an_invalid_target_file_with_its_location() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.copy_fixture("frameworks/target-unknown-competency.toml");
    let out = wd.run(
        [
            "report",
            "--target",
            "frameworks/target-unknown-competency.toml",
        ],
        2,
    );
    assert_eq!(
        stderr(&out).trim_end(),
        "error: invalid target `frameworks/target-unknown-competency.toml`: \
         frameworks/target-unknown-competency.toml line 12, key `requirements.competencies`: \
         requirement 2 names competency \"L0.COM.2\", which the framework \"ai-skills-3-levels\" does not define"
    );
    assert!(wd.files("reports").is_empty());
}

/// The shipped lexicon and framework, as a user would copy them to edit.
fn shipped(path: &str) -> String {
    std::fs::read_to_string(format!("{}/frameworks/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn check_accepts_the_shipped_lexicon_with_the_shipped_framework() {
    let wd = Workdir::new();
    wd.write("lexicon.toml", shipped("knowledge/lexicon.toml"));
    let out = wd.run(["frameworks", "check", "lexicon.toml"], 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("lexicon.toml: lexicon \"aimap-lexicon\" ("),
        "{text}"
    );
    assert!(
        text.contains(" concepts, ") && text.contains("): ok"),
        "{text}"
    );
}

#[test]
fn check_fails_on_a_concept_no_competency_binds() {
    let wd = Workdir::new();
    let lexicon = shipped("knowledge/lexicon.toml").replacen(
        "[concepts.bias]",
        "[concepts.orphan]\nlabel = \"nothing binds this\"\n\n[concepts.bias]",
        1,
    );
    wd.write("lexicon.toml", &lexicon);
    let out = wd.run(["frameworks", "check", "lexicon.toml"], 2);
    let text = stdout(&out);
    assert!(
        text.contains(
            "concept \"orphan\" is bound by no competency of the framework \"ai-skills-3-levels\""
        ),
        "{text}"
    );
    // The same file is refused where it would be used.
    let out = wd.run(["eval", "-f", "lexicon.toml", "lexicon.toml"], 2);
    assert!(stderr(&out).contains("concept \"orphan\" is bound by no competency"));
}

#[test]
fn check_fails_on_a_competency_binding_an_undeclared_concept() {
    let wd = Workdir::new();
    let framework = shipped("ai-skills-3-levels.toml").replacen(
        "concepts = [\"bias\"]",
        "concepts = [\"bias\", \"biass\"]",
        1,
    );
    wd.write("fw.toml", &framework);
    let out = wd.run(["frameworks", "check", "fw.toml"], 2);
    let text = stdout(&out);
    assert!(
        text.contains("key `competencies.concepts`: competency \"L0.ETH.1\" binds the concept \"biass\", which the lexicon `built-in:knowledge/lexicon.toml` does not declare"),
        "{text}"
    );
}

#[test]
fn check_fails_on_a_rule_naming_a_missing_concept() {
    let wd = Workdir::new();
    let rules = shipped("knowledge/rules.toml").replacen(
        "suggests = \"pseudonymise\"",
        "suggests = \"pseudonymize\"",
        1,
    );
    wd.write("rules.toml", rules);
    let out = wd.run(["frameworks", "check", "rules.toml"], 2);
    let text = stdout(&out);
    assert!(
        text.contains("key `rule.suggests`: rule \"pseudonymisation-of-data\" suggests the concept \"pseudonymize\", which the lexicon `built-in:knowledge/lexicon.toml` does not declare"),
        "{text}"
    );
    // The same table is refused where it would be used.
    wd.write("set.csv", "id,text,level\nA,x,none\n");
    let out = wd.run(["eval", "-f", "rules.toml", "set.csv"], 2);
    assert!(stderr(&out).contains("suggests the concept \"pseudonymize\""));
}

#[test]
fn check_accepts_the_shipped_rule_table_and_weights() {
    let wd = Workdir::new();
    wd.write("rules.toml", shipped("knowledge/rules.toml"));
    wd.write("model.toml", shipped("knowledge/model.toml"));
    let out = wd.run(["frameworks", "check", "rules.toml", "model.toml"], 0);
    let text = stdout(&out);
    assert!(
        text.contains("rules.toml: rule table \"aimap-rules\" ("),
        "{text}"
    );
    assert!(
        text.contains("model.toml: fitted model \"aimap-model\" ("),
        "{text}"
    );
}

use crate::generated::generated_framework;

/// 40,000 competencies and a crosswalk of 40,000 items: loading counted
/// lines from the start of the file for every competency and looked every
/// crosswalk target up by scanning the framework, which took 45 s on 40,000
/// competencies in a release build; in a debug build this test would not
/// end. It has no time limit of its own: it must simply finish
/// (`cargo bench --bench framework` measures the growth).
#[test]
fn check_loads_a_framework_of_40000_competencies_and_its_crosswalk_in_linear_time() {
    let wd = Workdir::new();
    let (fw, cw) = generated_framework(40_000);
    wd.write("fw.toml", fw);
    wd.write("cw.toml", cw);
    let out = wd.run(["frameworks", "check", "fw.toml", "cw.toml"], 0);
    assert_eq!(
        stdout(&out),
        "fw.toml: framework \"generated\" (40000 competencies): ok\n\
         cw.toml: crosswalk \"generated-crosswalk\" onto \"generated\" (40000 items): ok\n"
    );
}

/// A framework whose every file-level rule holds but which the classifier
/// cannot hold (one term of 70,000 distinct words, over the 65,534 words
/// the classifier can tell apart): `frameworks check` once said "ok" to it,
/// and `report -f` then failed with "too many distinct words" naming no
/// file. Both now refuse it, naming the file, the competency and the term.
#[test]
fn check_refuses_what_only_building_the_classifier_rejects_and_report_names_the_file_too() {
    let wd = Workdir::new();
    let words: Vec<String> = (0..70_000).map(|i| format!("w{i}")).collect();
    let head = "[framework]\nid = \"wordy\"\nversion = \"1\"\n\n\
                [[levels]]\nnumber = 0\nkey = \"literacy\"\ntitle = { en = \"L0\", fr = \"N0\" }\n\n\
                [[competencies]]\nid = \"W.1\"\nlevel = 0\ntitle = { en = \"w\", fr = \"w\" }\n";
    wd.write(
        "wordy.toml",
        format!("{head}terms = {{ en = [\"{}\"] }}\n", words.join(" ")),
    );
    let expected = "wordy.toml key `competencies.terms`: the term \"w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w1…\" \
                    of competency \"W.1\": its word \"w65534\" is one word too many: the classifier holds at most 65,534 distinct words \
                    across the frameworks' terms and exclusions and the lexicon";
    let out = wd.run(["frameworks", "check", "wordy.toml"], 2);
    assert_eq!(
        stdout(&out),
        format!(
            "error[framework-error]: {expected}\n\
             wordy.toml: framework \"wordy\" (1 competency): 1 error, 0 warnings\n"
        )
    );
    wd.write(
        "c.csv",
        "course_code,course_title,outcome\nC1,Course,Explain AI\n",
    );
    let out = wd.run(["report", "-f", "wordy.toml", "c.csv"], 2);
    assert_eq!(
        stderr(&out).trim_end(),
        format!("error: invalid framework `wordy.toml`: {expected}")
    );
    assert!(wd.files("reports").is_empty());

    // A phrase of 65,600 words, of a thousand distinct ones, makes more
    // states than the automaton holds.
    let long: Vec<&str> = (0..65_600).map(|i| words[i % 1000].as_str()).collect();
    wd.write(
        "long.toml",
        format!(
            "{}terms = {{ en = [\"{}\"] }}\n",
            head.replace("wordy", "long"),
            long.join(" ")
        ),
    );
    let out = wd.run(["frameworks", "check", "long.toml"], 2);
    let text = stdout(&out);
    assert!(
        text.starts_with("error[framework-error]: long.toml key `competencies.terms`: the term \"w0 w1 ")
            && text.contains("of competency \"W.1\" takes the classifier over its limit of 65,536 distinct beginnings of phrases"),
        "{text}"
    );
    let out = wd.run(["report", "-f", "long.toml", "c.csv"], 2);
    assert!(
        stderr(&out).starts_with(
            "error: invalid framework `long.toml`: long.toml key `competencies.terms`: "
        ),
        "{}",
        stderr(&out)
    );
}
