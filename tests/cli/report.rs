//! `aimap report`: import, mapping, analysis and the files it writes.

use crate::workdir::{Workdir, stdout};
use serde_json::Value;

/// A small French programme: `;`, French headers, comma decimals, a course
/// spanning rows with blank cells, explicit mappings with French depths.
const FRENCH_CSV: &str = "\
formation;code UE;intitulé;année;semestre;crédits;heures;prérequis;objectif pédagogique;compétences;niveau de maîtrise
IFSI test;UE 1.1;Socle numérique en santé;1;S1;2,5;28 h;;Expliquer les enjeux de l'intelligence artificielle en santé;L0.FND.1;sensibilisation
;;;;;;;;Protéger les données de santé du patient;L0.ETH.2;approfondissement
IFSI test;UE 2.1;Soins infirmiers;1;S2;3;40;UE 1.1;Réaliser une toilette;;
";

fn level(summary: &Value, n: u64) -> &Value {
    summary["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["level"] == n)
        .unwrap()
}

fn competency<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no competency {id}"))
}

fn finding_codes(summary: &Value) -> Vec<String> {
    summary["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn report_on_the_sample_curricula_writes_index_and_a_page_and_summary_per_programme() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    let out = wd
        .cmd()
        .arg("report")
        .assert()
        .success()
        .get_output()
        .clone();
    let files = wd.files("reports");
    assert!(files.contains(&"index.html".to_owned()), "{files:?}");
    let pages: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with(".html") && *f != "index.html")
        .collect();
    let summaries: Vec<&String> = files.iter().filter(|f| f.ends_with(".json")).collect();
    assert_eq!(pages.len(), 3, "{files:?}");
    assert_eq!(summaries.len(), 3, "{files:?}");
    let index = wd.read("reports/index.html");
    for page in pages {
        assert!(
            index.contains(&format!("href=\"{page}\"")),
            "index links {page}"
        );
    }
    let text = stdout(&out);
    assert_eq!(
        text.lines().count(),
        4,
        "one line per programme and the index path:\n{text}"
    );
    assert!(
        text.contains("L0 ") && text.contains("L1 ") && text.contains("L2 "),
        "{text}"
    );
    assert!(text.trim_end().ends_with("reports/index.html"), "{text}");
}

#[test]
fn imports_french_headers_semicolons_and_comma_decimals() {
    let wd = Workdir::new();
    wd.write("maquette.csv", FRENCH_CSV);
    wd.cmd().args(["report", "maquette.csv"]).assert().success();
    let s = wd.json("reports/ifsi-test.json");
    assert_eq!(s["program"]["name"], "IFSI test");
    assert_eq!(s["program"]["courses"], 2);
    assert_eq!(s["program"]["outcomes"], 3);
    let ue = s["courses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "UE 1.1")
        .unwrap();
    assert_eq!(ue["ects"], 2.5);
    assert_eq!(ue["hours"], 28.0);
    assert_eq!(ue["year"], 1);
    assert_eq!(ue["semester"], 1);
    // The second outcome sits on a row with blank course cells.
    let eth = competency(&s, "L0.ETH.2");
    assert_eq!(eth["covered"], true);
    assert_eq!(eth["depth"], "R");
    assert_eq!(eth["courses"], serde_json::json!(["UE 1.1"]));
    assert_eq!(competency(&s, "L0.FND.1")["depth"], "I");
}

#[test]
fn imports_an_xlsx_workbook_reading_every_sheet_with_a_course_column() {
    let wd = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let headers = [
        "program",
        "course_code",
        "course_title",
        "year",
        "ects",
        "hours",
        "outcome",
        "competencies",
        "depth",
    ];
    // (sheet, [(code, year, ects, hours, outcome, competency, depth)])
    type Row<'a> = (&'a str, f64, f64, f64, &'a str, &'a str, &'a str);
    let sheets: [(&str, Vec<Row>); 2] = [
        (
            "Year 1",
            vec![
                (
                    "HDS101",
                    1.0,
                    7.5,
                    30.0,
                    "Write Python scripts to clean an EHR extract",
                    "L1.PRG.1",
                    "I",
                ),
                (
                    "HDS102",
                    1.0,
                    5.0,
                    20.0,
                    "Query a clinical data warehouse with SQL",
                    "L1.DBS.1",
                    "R",
                ),
            ],
        ),
        (
            "Year 2",
            vec![(
                "HDS201",
                2.0,
                10.0,
                40.0,
                "Train and cross-validate a gradient-boosting model",
                "L2.ML.1",
                "M",
            )],
        ),
    ];
    for (sheet, data) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (code, year, ects, hours, outcome, comp, depth)) in data.into_iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, "MSc X").unwrap();
            ws.write_string(r, 1, code).unwrap();
            ws.write_string(r, 2, format!("Course {code}")).unwrap();
            ws.write_number(r, 3, year).unwrap();
            ws.write_number(r, 4, ects).unwrap();
            ws.write_number(r, 5, hours).unwrap();
            ws.write_string(r, 6, outcome).unwrap();
            ws.write_string(r, 7, comp).unwrap();
            ws.write_string(r, 8, depth).unwrap();
        }
    }
    // A sheet of notes without a course or outcome column is skipped.
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "Validated by the committee")
        .unwrap();
    book.save(wd.path("msc.xlsx")).unwrap();

    wd.cmd().args(["report", "msc.xlsx"]).assert().success();
    let s = wd.json("reports/msc-x.json");
    assert_eq!(s["program"]["courses"], 3);
    let hds101 = s["courses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "HDS101")
        .unwrap();
    assert_eq!(hds101["ects"], 7.5);
    assert_eq!(hds101["year"], 1);
    let ml = competency(&s, "L2.ML.1");
    assert_eq!(
        (ml["depth"].as_str(), ml["first_year"].as_u64()),
        (Some("M"), Some(2))
    );
    assert_eq!(level(&s, 1)["covered"], 2);
}

#[test]
fn sample_msc_shows_a_gap_in_every_level_and_a_competency_taught_before_its_prerequisite() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.cmd().arg("report").assert().success();
    let s = wd.json("reports/msc-health-data-science.json");
    for n in 0..=2 {
        let l = level(&s, n);
        assert!(
            l["covered"].as_u64() < l["total"].as_u64(),
            "level {n} fully covered: {l}"
        );
    }
    let uncovered: Vec<u64> = s["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["covered"] == false)
        .map(|c| c["level"].as_u64().unwrap())
        .collect();
    for n in 0..=2 {
        assert!(
            uncovered.contains(&n),
            "no uncovered competency in level {n}"
        );
    }
    let codes = finding_codes(&s);
    assert!(
        codes.iter().any(|c| c == "uncovered-competency"),
        "{codes:?}"
    );
    let before: Vec<&Value> = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "taught-before-prerequisite")
        .collect();
    assert!(
        before
            .iter()
            .any(|f| f["message"].as_str().unwrap().starts_with("L2.DEP.1 ")),
        "{before:?}"
    );
    let html = wd.read("reports/msc-health-data-science.html");
    assert!(html.contains("taught-before-prerequisite"));
    assert!(html.contains("not taught"));
}

#[test]
fn json_summary_has_every_key_of_schema_version_1() {
    let wd = Workdir::new();
    wd.write("maquette.csv", FRENCH_CSV);
    wd.cmd().args(["report", "maquette.csv"]).assert().success();
    let s = wd.json("reports/ifsi-test.json");
    assert_eq!(s["schema_version"], 1);
    assert!(s["program"]["name"].is_string());
    for l in s["levels"].as_array().unwrap() {
        for key in ["level", "total", "covered"] {
            assert!(l[key].is_u64(), "levels[].{key} in {l}");
        }
    }
    assert_eq!(s["levels"].as_array().unwrap().len(), 3);
    for c in s["competencies"].as_array().unwrap() {
        assert!(c["id"].is_string() && c["level"].is_u64() && c["covered"].is_boolean());
        assert!(c["depth"].is_string() || c["depth"].is_null());
        assert!(c["courses"].is_array());
    }
    let findings = s["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in ["code", "severity", "message"] {
            assert!(f[key].is_string(), "findings[].{key} in {f}");
        }
    }
    let outcomes = s["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 3);
    let mapped = outcomes
        .iter()
        .find(|o| !o["mappings"].as_array().unwrap().is_empty())
        .unwrap();
    assert!(mapped["id"].is_string() && mapped["course"].is_string());
    let m = &mapped["mappings"][0];
    assert!(m["competency"].is_string() && m["level"].is_u64());
    assert_eq!(m["origin"], "explicit");
    assert!(m.get("score").is_some() && m["evidence"].is_array());
}

#[test]
fn escapes_user_text_in_html() {
    let wd = Workdir::new();
    wd.write(
        "evil.csv",
        "program,course_code,course_title,outcome\nP,C1,<script>alert(1)</script>,Use \"quotes\" & <b>tags</b>\n",
    );
    wd.cmd().args(["report", "evil.csv"]).assert().success();
    let html = wd.read("reports/p.html");
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "escaped title"
    );
    assert!(!html.contains("<b>tags</b>"));
    assert!(!html.contains("<script"), "no script element at all");
}

#[test]
fn running_twice_gives_byte_identical_files() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.cmd().args(["report", "-o", "a"]).assert().success();
    wd.cmd().args(["report", "-o", "b"]).assert().success();
    let a = wd.files("a");
    assert_eq!(a, wd.files("b"));
    assert!(a.len() >= 7);
    for name in &a {
        let (x, y) = (
            std::fs::read(wd.path("a").join(name)).unwrap(),
            std::fs::read(wd.path("b").join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between runs");
    }
}

#[test]
fn pages_are_self_contained() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.cmd().arg("report").assert().success();
    for name in wd.files("reports") {
        if !name.ends_with(".html") {
            continue;
        }
        let html = wd.read(format!("reports/{name}"));
        for external in [
            "<link",
            "<script",
            "src=\"http",
            "href=\"http",
            "@import",
            "url(http",
        ] {
            assert!(!html.contains(external), "{name} contains {external}");
        }
    }
}

#[test]
fn a_prerequisite_also_taught_in_a_course_without_a_year_is_named_in_the_finding() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "program,course_code,year,outcome,competencies\n\
         P,G,1,Use a chatbot safely,L0.GEN.1\n\
         P,Y,,Explain what AI is,L0.FND.1\n\
         P,Z,3,Explain what AI is,L0.FND.1\n",
    );
    wd.run(["report", "p.csv", "--no-suggest"], 0);
    let summary = wd.json("reports/p.json");
    let messages: Vec<&str> = summary["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "taught-before-prerequisite")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "L0.GEN.1 \"Using generative AI safely\" is first taught in year 1 (G), but its prerequisite \
          L0.FND.1 \"AI concepts and vocabulary\" only from year 3 (Z); Y, which also teaches it, has no year"
        ]
    );
}

#[test]
fn programmes_whose_names_slug_alike_get_a_page_each() {
    let wd = Workdir::new();
    // Programmes are read in name order, X, X!, X 2: "X!" takes x-2, the
    // numbered form of x, which is also the slug of "X 2".
    wd.write(
        "p.csv",
        "program,course_code,outcome,competencies\n\
         X,A,Explain what AI is,L0.FND.1\n\
         X 2,A,Explain what AI is,L0.FND.1\n\
         X!,A,Explain what AI is,L0.FND.1\n",
    );
    wd.run(
        ["report", "p.csv", "--no-suggest", "--format", "json,html"],
        0,
    );
    let names: Vec<(String, String)> = ["x", "x-2", "x-2-2"]
        .iter()
        .map(|slug| {
            let s = wd.json(format!("reports/{slug}.json"));
            (
                s["program"]["slug"].as_str().unwrap().to_owned(),
                s["program"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("x".to_owned(), "X".to_owned()),
            ("x-2".to_owned(), "X!".to_owned()),
            ("x-2-2".to_owned(), "X 2".to_owned())
        ]
    );
    assert_eq!(
        wd.files("reports"),
        [
            ".aimap-manifest",
            "index.html",
            "x-2-2.html",
            "x-2-2.json",
            "x-2.html",
            "x-2.json",
            "x.html",
            "x.json"
        ]
    );
}

#[test]
fn courses_are_listed_by_year_then_code_as_people_count() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "program,course_code,year,outcome,competencies\n\
         P,HDS10,1,Explain what AI is,L0.FND.1\n\
         P,UE 2.11,,Explain what AI is,L0.FND.1\n\
         P,HDS9,1,Explain what AI is,L0.FND.1\n\
         P,UE 2.2,,Explain what AI is,L0.FND.1\n",
    );
    wd.run(["report", "p.csv", "--no-suggest"], 0);
    let summary = wd.json("reports/p.json");
    let codes: Vec<&str> = summary["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["HDS9", "HDS10", "UE 2.2", "UE 2.11"]);
}

/// Every competency id in `text` is followed by its title, quoted the
/// English or the French way.
#[track_caller]
fn names_competencies_by_title(text: &str) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find('L').map(|k| k + i) {
        i = at + 1;
        let id: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        let parts: Vec<&str> = id.split('.').collect();
        let is_id = parts.len() == 3
            && parts[0].len() == 2
            && parts[0][1..].chars().all(|c| c.is_ascii_digit())
            && parts[1].chars().all(|c| c.is_ascii_uppercase())
            && !parts[2].is_empty()
            && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric());
        if !is_id {
            continue;
        }
        let after = &text[at + id.len()..];
        assert!(
            after.starts_with(" \"") || after.starts_with(" «"),
            "{id} named by its code alone in: {text}"
        );
    }
}

#[test]
fn the_nursing_sample_shows_fewer_than_10_warnings_and_names_competencies_by_title() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report"], 0);
    let s = wd.json("reports/diplome-d-etat-d-infirmier-ifsi.json");
    let findings = s["findings"].as_array().unwrap();
    let warnings: Vec<&Value> = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .collect();
    assert!(
        !warnings.is_empty() && warnings.len() < 10,
        "{} warnings: {warnings:?}",
        warnings.len()
    );
    for f in findings {
        names_competencies_by_title(f["message"].as_str().unwrap());
    }
    // One uncovered-competency per level with gaps, listing its competencies.
    let uncovered: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "uncovered-competency")
        .collect();
    assert_eq!(uncovered.len(), 3);
    for f in &uncovered {
        let listed = f["args"]["competencies"].as_array().unwrap().len() as u64;
        assert_eq!(Some(listed), f["args"]["count"].as_u64());
    }
    // Warnings first, the gaps of the lowest level at their head.
    assert_eq!(findings[0]["code"], "uncovered-competency");
    assert_eq!(findings[0]["args"]["level"], 0);
    // Courses and outcomes that teach nothing are notes, one folded line each.
    assert!(findings.iter().all(|f| {
        !(f["code"] == "orphan-course" || f["code"] == "orphan-outcome") || f["severity"] == "info"
    }));
    let html = wd.read("reports/diplome-d-etat-d-infirmier-ifsi.html");
    assert_eq!(
        html.matches("<span class=\"code\">orphan-course</span>")
            .count(),
        1
    );
    assert!(html.contains("class=\"explain\""));
    assert!(html.contains("<ol class=\"order\">"));
    assert!(!html.contains("⟦missing⟧"));
}

#[test]
fn the_msc_sample_flags_l1_dat_2_taught_shallower_after_it_was_reinforced() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report"], 0);
    let s = wd.json("reports/msc-health-data-science.json");
    let f = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "depth-regresses" && f["args"]["competency"] == "L1.DAT.2")
        .expect("L1.DAT.2 regresses");
    assert_eq!(
        (&f["args"]["depth"], &f["args"]["later_depth"]),
        (&"R".into(), &"I".into())
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .ends_with(": R (S1) → I (S2)"),
        "{f}"
    );
    let path = &competency(&s, "L1.DAT.2")["path"];
    assert_eq!(
        path[0],
        serde_json::json!({"depth": "R", "year": 1, "semester": 1})
    );
    // The teaching order holds every taught competency once.
    let taught = s["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["covered"] == true)
        .count();
    assert_eq!(s["teaching_order"].as_array().unwrap().len(), taught);
}

/// One programme breaking every rule of progression, sequencing and
/// integrity, and one keeping them all.
const ORDERED_AND_NOT: &str = "\
program,course_code,year,semester,prerequisites,outcome,competencies,depth
P,A,1,1,B,Explain bias in AI,L0.ETH.1,I
P,B,1,2,,Explain how models learn,L0.FND.2,I
P,B,1,2,,Explain AI terms,L0.FND.1,I
P,C,1,2,,Explain AI terms,L0.FND.1,I
P,D,1,1,,Name AI tools,L0.FND.1,I
P,E,1,1,,Query a database,L1.DBS.1,M
P,F,2,3,,Clean health data,L1.DAT.1,R
P,F,2,3,,Wash hands,,
P,G,2,4,,Describe health data,L1.DAT.1,I
P,H,2,4,,Take a pulse,,
Q,A,1,1,,Explain AI terms,L0.FND.1,I
Q,B,1,2,A,Discuss AI terms,L0.FND.1,R
Q,B,1,2,A,Explain how models learn,L0.FND.2,I
Q,C,2,3,B,Explain how models fail,L0.FND.2,R
Q,C,2,3,B,Apply AI vocabulary,L0.FND.1,M
";

const NEW_CODES: &[&str] = &[
    "taught-before-prerequisite",
    "course-prerequisite-later",
    "never-reinforced",
    "mastered-without-introduction",
    "depth-regresses",
    "redundant-coverage",
    "orphan-outcome",
    "duplicate-outcome",
    "orphan-course",
    "prerequisite-never-taught",
];

#[test]
fn progression_sequencing_and_integrity_findings_fire_on_a_bad_programme_and_not_on_a_good_one() {
    let wd = Workdir::new();
    wd.write("p.csv", ORDERED_AND_NOT);
    wd.run(["report", "p.csv", "--no-suggest"], 0);
    let p = wd.json("reports/p.json");
    let mut codes = finding_codes(&p);
    codes.sort();
    codes.dedup();
    for code in NEW_CODES {
        let expected = *code != "prerequisite-never-taught";
        assert_eq!(
            codes.iter().any(|c| c == code),
            expected,
            "{code} in {codes:?}"
        );
    }
    let by = |code: &str| -> Vec<&Value> {
        p["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == code)
            .collect()
    };
    let before = by("taught-before-prerequisite");
    assert_eq!(
        before[0]["args"]["period"],
        serde_json::json!({"year": 1, "semester": 1})
    );
    assert_eq!(before[0]["args"]["prerequisite"], "L0.FND.2");
    let later = by("course-prerequisite-later");
    assert_eq!(
        (
            &later[0]["args"]["course"],
            &later[0]["args"]["prerequisite"]
        ),
        (&"A".into(), &"B".into())
    );
    let never = by("never-reinforced");
    assert_eq!(never[0]["severity"], "warning");
    assert_eq!(never[0]["args"]["count"], 3);
    assert_eq!(
        by("redundant-coverage")[0]["args"]["courses"],
        serde_json::json!(["B", "C", "D"])
    );
    assert_eq!(by("duplicate-outcome")[0]["severity"], "info");
    assert_eq!(
        by("mastered-without-introduction")[0]["args"]["competency"],
        "L1.DBS.1"
    );
    assert_eq!(by("depth-regresses")[0]["args"]["competency"], "L1.DAT.1");
    assert_eq!(by("orphan-outcome")[0]["args"]["course"], "F");

    let q = wd.json("reports/q.json");
    let codes = finding_codes(&q);
    for code in NEW_CODES {
        assert!(!codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
    assert_eq!(
        q["teaching_order"],
        serde_json::json!(["L0.FND.1", "L0.FND.2"])
    );
    assert_eq!(
        competency(&q, "L0.FND.1")["path"].as_array().unwrap().len(),
        3
    );

    // Both languages word every finding.
    wd.run(
        [
            "report",
            "p.csv",
            "--no-suggest",
            "--lang",
            "fr",
            "-o",
            "fr",
        ],
        0,
    );
    for page in ["reports/p.html", "fr/p.html"] {
        let html = wd.read(page);
        assert!(
            !html.contains("⟦missing⟧"),
            "{page}: a message key is missing"
        );
    }
    let fr = wd.json("fr/p.json");
    let msg = fr["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "depth-regresses")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(msg.contains("atteint R (approfondissement) en S3"), "{msg}");
    assert!(msg.contains("\u{a0}: R (S3) → I (S4)"), "{msg}");
}
