//! Real-world input through the binary: French Excel habits, merged cells,
//! sheets, matrix layout, Curriculum Inventory XML, exports from web
//! systems — and reports that survive a failing run.

use crate::workdir::{Workdir, stderr, stdout};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

fn course<'a>(summary: &'a Value, code: &str) -> &'a Value {
    summary["courses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("no course {code} in {}", summary["courses"]))
}

fn outcome<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no outcome {id}"))
}

fn competencies(mappings: &Value) -> Vec<(String, String)> {
    mappings
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["competency"].as_str().unwrap().to_owned(),
                m["depth"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn windows_1252_semicolon_export_with_title_row_and_comma_decimals_reads_the_right_hours() {
    let wd = Workdir::new();
    let text = "Maquette pédagogique — IFSI 2025-2026;;;;;\n\
                ;;;;;\n\
                formation;code UE;intitulé;semestre;volume horaire;crédits;objectif pédagogique\n\
                IFSI;UE 1.1;Santé publique et économie;S1;12,5;2,5;Définir les enjeux de l'IA en santé\n\
                IFSI;UE 2.3;Sciences et œuvre;S2;1 200,5;3;Décrire les données de santé\n\
                IFSI;UE 3.1;Raisonnement clinique;S3;28 h;4;Utiliser un score d'alerte précoce\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    wd.write("maquette.csv", &bytes);
    let out = wd.run(["check", "maquette.csv"], 0);
    assert!(
        stdout(&out).starts_with(
            "info[encoding-assumed]: maquette.csv: read as windows-1252 (the file is not valid UTF-8; French Excel saves CSV in this encoding)"
        ),
        "{}",
        stdout(&out)
    );
    wd.cmd().args(["report", "maquette.csv"]).assert().success();
    let s = wd.json("reports/ifsi.json");
    let hours: Vec<f64> = ["UE 1.1", "UE 2.3", "UE 3.1"]
        .iter()
        .map(|c| course(&s, c)["hours"].as_f64().unwrap())
        .collect();
    assert_eq!(hours, [12.5, 1200.5, 28.0]);
    assert_eq!(course(&s, "UE 1.1")["ects"], 2.5);
    assert_eq!(course(&s, "UE 2.3")["title"], "Sciences et œuvre");
    assert_eq!(course(&s, "UE 3.1")["year"], 2, "S3 is year 2");
}

/// The shape of an Ilios objectives export: objective_id, title (the
/// objective), course_title, course_level; programme-year objectives with
/// no course listed first; HTML in titles.
const OBJECTIVES_EXPORT: &str = "\
objective_id,level,title,program,course_id,course_title,course_level,session_title
11,program_year,Communicate effectively with patients and families,MD,,,,
12,program_year,\"Use information technology to support patient care <br>\",MD,,,,
21,course,\"Describe how <b>machine learning</b> models are trained &amp; validated<br/>\",MD,501,Foundations of Medicine,1,
22,session,Interpret a logistic regression output,MD,501,Foundations of Medicine,1,Biostatistics workshop
23,session,\"Appraise a diagnostic AI study&nbsp;(TRIPOD+AI)\",,501,Foundations of Medicine,1,Journal club
";

#[test]
fn an_objectives_export_with_html_imports_without_errors_and_with_html_removed() {
    let wd = Workdir::new();
    wd.write("objectives.csv", OBJECTIVES_EXPORT);
    let out = wd.run(["check", "objectives.csv"], 0);
    assert_eq!(
        stdout(&out),
        "info[programme-outcome]: objectives.csv row 2: 2 outcomes name no course (none above, or the row names another programme than the course above), the first here; they are read as programme-level outcomes of \"MD\" (course \"(programme)\")\n\
         info[html-removed]: objectives.csv row 3, column C \"title\": HTML markup (tags, entities) was removed from 3 cells, the first here; the text is read without it\n\
         checked 1 programme (2 courses, 5 outcomes): 0 errors, 0 warnings\n"
    );
    wd.cmd()
        .args(["report", "objectives.csv"])
        .assert()
        .success();
    let s = wd.json("reports/md.json");
    assert_eq!(
        outcome(&s, "21")["text"],
        "Describe how machine learning models are trained & validated"
    );
    assert_eq!(
        outcome(&s, "23")["text"],
        "Appraise a diagnostic AI study (TRIPOD+AI)"
    );
    assert_eq!(outcome(&s, "12")["course"], "(programme)");
    assert_eq!(outcome(&s, "22")["course"], "501");
    assert_eq!(course(&s, "501")["title"], "Foundations of Medicine");
    assert_eq!(course(&s, "501")["year"], 1);
    let html = wd.read("reports/md.html");
    assert!(!html.contains("&#60;br"), "no escaped markup in the page");
}

#[test]
fn a_courses_by_competencies_matrix_is_detected_by_its_headers() {
    let wd = Workdir::new();
    wd.write(
        "matrice.csv",
        "code UE;intitulé;année;L0.FND.1;Notions et vocabulaire de l'IA;L1.STA.1;Responsable\n\
         UE1;Initiation au numérique;1;I;;x;Dr Martin\n\
         UE2;Biostatistiques;2;R;;M;Pr Durand\n\
         UE3;Stage;3;;;;\n",
    );
    let out = wd.run(["check", "matrice.csv"], 0);
    // The title column names L0.FND.1 again: the first column naming it wins.
    assert_eq!(
        stdout(&out),
        "warning[duplicate-column]: matrice.csv row 1, column E \"Notions et vocabulaire de l'IA\": column \"Notions et vocabulaire de l'IA\" names competency L0.FND.1 like column \"L0.FND.1\"; only the first is read\n\
         checked 1 programme (3 courses, 0 outcomes): 0 errors, 1 warning\n"
    );
    wd.cmd().args(["report", "matrice.csv"]).assert().success();
    let s = wd.json("reports/matrice.json");
    assert_eq!(
        competencies(&course(&s, "UE1")["mappings"]),
        [
            ("L0.FND.1".to_owned(), "I".to_owned()),
            ("L1.STA.1".to_owned(), "I".to_owned())
        ]
    );
    assert_eq!(
        competencies(&course(&s, "UE2")["mappings"]),
        [
            ("L0.FND.1".to_owned(), "R".to_owned()),
            ("L1.STA.1".to_owned(), "M".to_owned())
        ]
    );
    assert!(course(&s, "UE3")["mappings"].as_array().unwrap().is_empty());

    // Forced long layout: the competency columns are ordinary columns.
    wd.cmd()
        .args(["report", "matrice.csv", "--layout", "long", "-o", "long"])
        .assert()
        .success();
    let s = wd.json("long/matrice.json");
    assert!(course(&s, "UE2")["mappings"].as_array().unwrap().is_empty());
}

#[test]
fn a_matrix_of_hours_by_competency_title_reads_hours_as_taught() {
    let wd = Workdir::new();
    wd.write(
        "hours.csv",
        "course_code,course_title,AI concepts and vocabulary,Programming fundamentals in Python or R\n\
         C1,Data science for clinicians,4,12.5\n\
         C2,Ethics,2,0\n",
    );
    wd.cmd().args(["report", "hours.csv"]).assert().success();
    let s = wd.json("reports/hours.json");
    assert_eq!(
        competencies(&course(&s, "C1")["mappings"]),
        [
            ("L0.FND.1".to_owned(), "I".to_owned()),
            ("L1.PRG.1".to_owned(), "I".to_owned())
        ]
    );
    assert_eq!(
        competencies(&course(&s, "C2")["mappings"]),
        [("L0.FND.1".to_owned(), "I".to_owned())],
        "2 is hours here, not depth R, since the table has numbers beyond 1-3"
    );
}

#[test]
fn forcing_the_matrix_layout_without_competency_columns_names_the_problem() {
    let wd = Workdir::new();
    wd.write("m.csv", "code;title;AI basics\nC1;Intro;X\n");
    let out = wd.run(["check", "m.csv", "--layout", "matrix"], 2);
    assert_eq!(
        stderr(&out),
        "error: `m.csv`: --layout matrix, but no column header names a competency of the loaded frameworks; \
         column C \"AI basics\" holds depth marks but is not a competency id or title \
         (use ids such as L0.FND.1, or the titles `aimap frameworks show` prints)\n"
    );
}

/// A French workbook: a title row, a two-row header (Volume horaire over
/// CM / TD / Total), course and year cells merged down over their outcome
/// rows, a hidden lookup sheet, and a second visible sheet.
fn french_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let plain = Format::new();
    let ws = wb.add_worksheet();
    ws.set_name("Semestre 1").unwrap();
    ws.merge_range(0, 0, 0, 7, "Maquette DFGSM2 — semestre 1", &plain)
        .unwrap();
    for (c, h) in ["Code UE", "Intitulé", "Année"].iter().enumerate() {
        ws.merge_range(1, c as u16, 2, c as u16, h, &plain).unwrap();
    }
    ws.merge_range(1, 3, 1, 5, "Volume horaire", &plain)
        .unwrap();
    for (c, h) in ["CM", "TD", "Total"].iter().enumerate() {
        ws.write_string(2, 3 + c as u16, *h).unwrap();
    }
    ws.merge_range(1, 6, 2, 6, "Objectif pédagogique", &plain)
        .unwrap();
    ws.merge_range(1, 7, 2, 7, "Compétences", &plain).unwrap();
    // UE 2.1 spans rows 4-6, its year and hours merged down with it.
    ws.merge_range(3, 0, 5, 0, "UE 2.1", &plain).unwrap();
    ws.merge_range(3, 1, 5, 1, "Santé numérique", &plain)
        .unwrap();
    ws.merge_range(3, 2, 5, 2, "", &plain).unwrap();
    ws.write_number(3, 2, 2).unwrap();
    ws.merge_range(3, 5, 5, 5, "", &plain).unwrap();
    ws.write_number(3, 5, 24.5).unwrap();
    ws.write_number(3, 3, 12).unwrap();
    ws.write_number(3, 4, 12.5).unwrap();
    let outcomes = [
        (
            "Expliquer ce qu'est un algorithme d'apprentissage",
            "L0.FND.1",
        ),
        ("Protéger les données de santé du patient", "L0.ETH.2"),
        ("Interroger un entrepôt de données avec SQL", "L1.DBS.1:R"),
    ];
    for (i, (o, c)) in outcomes.iter().enumerate() {
        ws.write_string(3 + i as u32, 6, *o).unwrap();
        ws.write_string(3 + i as u32, 7, *c).unwrap();
    }
    ws.write_string(6, 0, "UE 2.2").unwrap();
    ws.write_string(6, 1, "Sémiologie").unwrap();
    ws.write_number(6, 2, 2).unwrap();
    ws.write_formula(6, 5, "=10+8")
        .unwrap()
        .set_formula_result(6, 5, "18");
    let lookup = wb.add_worksheet();
    lookup.set_name("Listes").unwrap();
    lookup.write_string(0, 0, "code UE").unwrap();
    lookup.write_string(1, 0, "XX").unwrap();
    lookup.set_hidden(true);
    let s2 = wb.add_worksheet();
    s2.set_name("Semestre 2").unwrap();
    s2.write_string(0, 0, "code UE").unwrap();
    s2.write_string(0, 1, "objectif").unwrap();
    s2.write_string(1, 0, "UE 2.5").unwrap();
    s2.write_string(1, 1, "Utiliser un chatbot en vérifiant ses réponses")
        .unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn merged_cells_title_rows_two_row_headers_and_hidden_sheets_in_a_french_workbook() {
    let wd = Workdir::new();
    wd.write("dfgsm2.xlsx", french_workbook());
    let out = wd.run(["check", "dfgsm2.xlsx"], 0);
    assert_eq!(
        stdout(&out),
        "checked 1 programme (3 courses, 4 outcomes): 0 errors, 0 warnings\n"
    );
    wd.cmd().args(["report", "dfgsm2.xlsx"]).assert().success();
    let s = wd.json("reports/dfgsm2.json");
    let ue = course(&s, "UE 2.1");
    assert_eq!(ue["title"], "Santé numérique");
    assert_eq!(ue["year"], 2);
    assert_eq!(ue["hours"], 24.5, "Total under Volume horaire, merged down");
    assert_eq!(course(&s, "UE 2.2")["hours"], 18.0, "cached formula value");
    let per_course: Vec<&str> = s["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["course"] == "UE 2.1")
        .map(|o| o["mappings"][0]["competency"].as_str().unwrap())
        .collect();
    assert_eq!(per_course, ["L0.FND.1", "L0.ETH.2", "L1.DBS.1"]);
    assert!(
        s.to_string().contains("UE 2.5"),
        "second visible sheet read"
    );
    assert!(!s.to_string().contains("\"XX\""), "hidden sheet not read");
}

#[test]
fn sheet_option_reads_only_the_named_sheets_even_hidden_ones() {
    let wd = Workdir::new();
    wd.write("dfgsm2.xlsx", french_workbook());
    let out = wd.run(["check", "dfgsm2.xlsx", "--sheet", "Semestre 2"], 0);
    assert_eq!(
        stdout(&out),
        "checked 1 programme (1 course, 1 outcome): 0 errors, 0 warnings\n"
    );
    let out = wd.run(["check", "dfgsm2.xlsx", "--sheet", "listes"], 0);
    assert_eq!(
        stdout(&out),
        "checked 1 programme (1 course, 0 outcomes): 0 errors, 0 warnings\n"
    );
    let out = wd.run(["check", "dfgsm2.xlsx", "--sheet", "Semestre 3"], 2);
    assert_eq!(
        stderr(&out),
        "error: `dfgsm2.xlsx` has no sheet named \"Semestre 3\"; its sheets are \"Semestre 1\", \"Listes\", \"Semestre 2\"\n"
    );
}

#[test]
fn a_curriculum_inventory_gives_courses_years_hours_outcomes_and_crosswalked_mappings() {
    let wd = Workdir::new();
    wd.copy_fixture("import/ci-nursing.xml");
    wd.copy_fixture("import/ci-crosswalk.csv");
    let args = [
        "import/ci-nursing.xml",
        "--ci-crosswalk",
        "import/ci-crosswalk.csv",
    ];
    let out = wd
        .cmd()
        .arg("check")
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        stdout(&out),
        "warning[unresolved-reference]: import/ci-nursing.xml line 32: event E20 refers to competency object \"202\", \
         which no CompetencyObject of the file has as its identifier entry (did it mean \"http://example.edu/course_objective/202\"?); \
         the reference is skipped\n\
         checked 1 programme (3 courses, 3 outcomes): 0 errors, 1 warning\n"
    );
    wd.cmd().arg("report").args(args).assert().success();
    let s = wd.json("reports/bsc-nursing-test.json");
    assert_eq!(s["program"]["name"], "BSc Nursing (test)");
    let nur101 = course(&s, "NUR101");
    assert_eq!(nur101["title"], "Digital health foundations");
    assert_eq!(nur101["year"], 1, "from the enclosing Year 1 block");
    assert_eq!(nur101["hours"], 3.0, "PT1H30M + PT90M");
    let nur210 = course(&s, "NUR210");
    assert_eq!(nur210["year"], 2, "from SequenceBlockLevels");
    assert_eq!(nur210["hours"], 4.0);
    let session = outcome(&s, "session_objective/101");
    assert_eq!(session["course"], "NUR101");
    assert_eq!(
        session["text"],
        "Explain what machine learning means & where it fails"
    );
    // Mapped through the programme objective it is narrower than.
    assert_eq!(
        competencies(&session["mappings"]),
        [("L0.FND.1".to_owned(), "I".to_owned())]
    );
    assert_eq!(
        competencies(&outcome(&s, "course_objective/202")["mappings"]),
        [("L0.CLN.2".to_owned(), "R".to_owned())]
    );
    assert_eq!(outcome(&s, "program_objective/1")["course"], "(programme)");
}

#[test]
fn a_failing_run_leaves_the_previous_report_intact() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "program,course_code,outcome,competencies\nP,A,Explain what AI is,L0.FND.1\n",
    );
    wd.cmd().args(["report", "p.csv"]).assert().success();
    let before: Vec<(String, Vec<u8>)> = wd
        .files("reports")
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(wd.path("reports").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    let names: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            ".aimap-manifest",
            "index.html",
            "p.csv",
            "p.dot",
            "p.html",
            "p.json",
            "p.xlsx"
        ]
    );

    // A bad input: nothing is written.
    wd.write("p.csv", "program,course_code,outcome\nP,A,\"never closed\n");
    wd.cmd().args(["report", "p.csv"]).assert().code(2);
    // A failure while writing: one output path is taken by a folder, so
    // that file cannot be replaced; the run fails before replacing any.
    wd.write("p.csv", "program,course_code,outcome,competencies\nP,A,Explain what AI is,L0.FND.1\nP,B,Use SQL,L1.DBS.1\n");
    std::fs::remove_file(wd.path("reports/p.json")).unwrap();
    std::fs::create_dir(wd.path("reports/p.json")).unwrap();
    wd.write("reports/p.json/keep", "x");
    let out = wd.run(["report", "p.csv"], 2);
    assert!(
        stderr(&out).starts_with("error: cannot replace `reports/p.json`"),
        "{}",
        stderr(&out)
    );
    for (name, bytes) in &before {
        if name == "p.json" {
            continue;
        }
        let now = std::fs::read(wd.path("reports").join(name)).unwrap();
        assert!(&now == bytes, "{name} was changed by a failing run");
    }
    let leftovers: Vec<String> = wd
        .files("reports")
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn xls_with_merged_cells_and_ods_with_blank_cells_under_a_course_are_read() {
    let wd = Workdir::new();
    wd.copy_fixture("import/maquette.xls");
    wd.copy_fixture("import/maquette.ods");
    wd.cmd()
        .args(["report", "import/maquette.xls", "import/maquette.ods"])
        .assert()
        .success();
    // xls: course, year and hours merged down over two outcome rows; the
    // hidden "Listes" sheet is not read.
    let s = wd.json("reports/maquette.json");
    let ue = course(&s, "UE 3.1");
    assert_eq!(ue["title"], "Informatique médicale");
    assert_eq!(ue["year"], 3);
    assert_eq!(ue["hours"], 20.5);
    assert_eq!(s["courses"].as_array().unwrap().len(), 1);
    assert_eq!(s["outcomes"].as_array().unwrap().len(), 2);
    // ods: the second outcome row leaves every course cell blank.
    let s = wd.json("reports/master-sante-numerique.json");
    let m1 = course(&s, "M1-DS");
    assert_eq!(
        (
            m1["semester"].clone(),
            m1["ects"].clone(),
            m1["hours"].clone()
        ),
        (1.into(), 6.0.into(), 42.5.into())
    );
    assert_eq!(
        competencies(&outcome(&s, "M1-DS-2")["mappings"]),
        [("L1.EVA.1".to_owned(), "R".to_owned())]
    );
}

#[test]
fn inputs_are_never_modified_by_any_command() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.copy_fixture("import/ci-nursing.xml");
    wd.copy_fixture("import/ci-crosswalk.csv");
    wd.copy_fixture("import/maquette.xls");
    wd.copy_fixture("import/maquette.ods");
    let mut inputs: Vec<String> = wd
        .files("curricula")
        .into_iter()
        .map(|f| format!("curricula/{f}"))
        .collect();
    inputs.extend(
        wd.files("import")
            .into_iter()
            .map(|f| format!("import/{f}")),
    );
    // Read-only, as an input on a shared drive often is (a command that
    // wrote to one would then fail, unless run as root); either way its
    // bytes and modification time must be what they were.
    let snapshot = |wd: &Workdir| -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
        inputs
            .iter()
            .map(|f| {
                let path = wd.path(f);
                let meta = std::fs::metadata(&path).unwrap();
                (
                    f.clone(),
                    std::fs::read(&path).unwrap(),
                    meta.modified().unwrap(),
                )
            })
            .collect()
    };
    for f in &inputs {
        let path = wd.path(f);
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
    }
    let before = snapshot(&wd);
    let curricula = ["curricula"];
    wd.cmd().arg("check").args(curricula).assert().success();
    wd.cmd().arg("report").args(curricula).assert().success();
    wd.cmd()
        .args(["suggest", "curricula", "-o", "review.xlsx"])
        .assert()
        .success();
    wd.cmd()
        .args(["report", "curricula", "review.xlsx", "-o", "again"])
        .assert()
        .success();
    wd.cmd()
        .args([
            "report",
            "import/ci-nursing.xml",
            "--ci-crosswalk",
            "import/ci-crosswalk.csv",
            "import/maquette.xls",
            "import/maquette.ods",
            "-o",
            "ci",
        ])
        .assert()
        .success();
    assert_eq!(snapshot(&wd), before, "a command changed one of its inputs");
}

#[test]
fn a_crlf_csv_reports_the_row_a_spreadsheet_shows() {
    let wd = Workdir::new();
    wd.write(
        "crlf.csv",
        "code;intitule;annee;objectif\r\nA1;Cours;1;X\r\nA2;Cours A2;zz;Y\r\n",
    );
    let out = wd.run(["check", "crlf.csv"], 2);
    assert!(
        stdout(&out).starts_with("error[invalid-value]: crlf.csv row 3, column C \"annee\": "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn course_codes_retyped_with_other_case_or_spaces_are_one_course() {
    let wd = Workdir::new();
    wd.write(
        "ue.csv",
        "formation;code UE;intitulé;objectif\n\
         Master Santé;UE1;Cours;Expliquer l'IA\n\
         master santé;UE 1;Cours;Décrire un modèle\n",
    );
    let out = wd.run(["check", "ue.csv"], 0);
    assert_eq!(
        stdout(&out),
        "info[variant-spelling]: ue.csv row 3: course \"UE 1\" is read as \"UE1\", as first written at ue.csv row 2: codes differing only in case, accents or spaces are one course\n\
         info[variant-spelling]: ue.csv row 3: programme \"master santé\" is read as \"Master Santé\", as first written at ue.csv row 2: names differing only in case, accents or spaces are one programme\n\
         checked 1 programme (1 course, 2 outcomes): 0 errors, 0 warnings\n"
    );
}

#[test]
fn a_semester_in_the_year_column_is_read_as_a_semester() {
    let wd = Workdir::new();
    wd.write(
        "annee.csv",
        "code;intitulé;année;semestre;objectif\n\
         UE1;Cours;S3;;Expliquer\n\
         UE2;Cours;Semestre 6;;Décrire\n\
         UE3;Cours;2;;Utiliser\n\
         UE4;Cours;S3;4;Évaluer\n",
    );
    let out = wd.run(["check", "annee.csv"], 2);
    assert_eq!(
        stdout(&out),
        "error[invalid-value]: annee.csv row 5, column C \"année\": \"S3\" is semester 3, but the semester column says 4; semester 4 is kept\n\
         checked 1 programme (4 courses, 4 outcomes): 1 error, 0 warnings\n"
    );
    wd.cmd().args(["report", "annee.csv"]).assert().success();
    let s = wd.json("reports/annee.json");
    let periods: Vec<(Value, Value)> = ["UE1", "UE2", "UE3", "UE4"]
        .iter()
        .map(|c| {
            (
                course(&s, c)["year"].clone(),
                course(&s, c)["semester"].clone(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            (Value::from(2), Value::from(3)),
            (Value::from(3), Value::from(6)),
            (Value::from(2), Value::Null),
            (Value::from(2), Value::from(4)),
        ]
    );
}

#[test]
fn a_semester_section_row_gives_its_year_to_the_courses_below() {
    let wd = Workdir::new();
    wd.write(
        "sections.csv",
        "code;intitulé;objectif\nSemestre 3\nUE1;Cours;Expliquer\nSemestre 6\nUE2;Cours;Décrire\n",
    );
    wd.cmd().args(["report", "sections.csv"]).assert().success();
    let s = wd.json("reports/sections.json");
    assert_eq!(course(&s, "UE1")["year"], 2);
    assert_eq!(course(&s, "UE1")["semester"], 3);
    assert_eq!(course(&s, "UE2")["year"], 3);
}

#[test]
fn hours_with_a_point_before_three_digits_are_refused_as_ambiguous() {
    let wd = Workdir::new();
    wd.write(
        "points.csv",
        "code;intitulé;heures;objectif\nUE1;Cours;1.000;Expliquer\nUE2;Cours;2.5;Décrire\n",
    );
    let out = wd.run(["check", "points.csv"], 2);
    assert_eq!(
        stdout(&out),
        "error[invalid-value]: points.csv row 2, column C \"heures\": \"1.000\" is ambiguous: 1 with a decimal point, or 1000 with a thousands separator; write 1 or 1000\n\
         checked 1 programme (2 courses, 2 outcomes): 1 error, 0 warnings\n"
    );
}

#[test]
fn a_header_row_repeated_mid_file_is_skipped_with_a_warning() {
    let wd = Workdir::new();
    wd.write(
        "pasted.csv",
        "code UE;intitulé;objectif\n\
         UE1;Cours;Expliquer\n\
         Code UE;Intitulé;Objectif\n\
         UE2;Cours;Décrire\n",
    );
    let out = wd.run(["check", "pasted.csv"], 0);
    assert_eq!(
        stdout(&out),
        "warning[repeated-header]: pasted.csv row 3: the row repeats the header row; skipped, not read as a course\n\
         checked 1 programme (2 courses, 2 outcomes): 0 errors, 1 warning\n"
    );
}

#[test]
fn an_exact_duplicate_row_counts_its_outcome_once_with_a_warning() {
    let wd = Workdir::new();
    wd.write(
        "dup.csv",
        "code UE;intitulé;objectif\n\
         UE1;Cours;Expliquer l'IA\n\
         UE1;Cours;Expliquer l'IA\n",
    );
    let out = wd.run(["check", "dup.csv"], 0);
    assert_eq!(
        stdout(&out),
        "warning[repeated-outcome]: dup.csv row 3: the row repeats outcome \"UE1-1\" of course \"UE1\", first written at dup.csv row 2; it is read once\n\
         checked 1 programme (1 course, 1 outcome): 0 errors, 1 warning\n"
    );
}

#[test]
fn hours_in_hours_and_minutes_are_read_and_placeholders_are_empty() {
    let wd = Workdir::new();
    wd.write(
        "horaires.csv",
        "code;intitulé;année;heures;ects;objectif\n\
         UE1;Cours;1;1h30;—;Expliquer\n\
         UE2;Cours;n/a;1 h 30;NC;Décrire\n\
         UE3;Cours;-;2h;NR;Utiliser\n",
    );
    let out = wd.run(["check", "horaires.csv"], 0);
    assert_eq!(
        stdout(&out),
        "checked 1 programme (3 courses, 3 outcomes): 0 errors, 0 warnings\n"
    );
    wd.cmd().args(["report", "horaires.csv"]).assert().success();
    let s = wd.json("reports/horaires.json");
    let hours: Vec<f64> = ["UE1", "UE2", "UE3"]
        .iter()
        .map(|c| course(&s, c)["hours"].as_f64().unwrap())
        .collect();
    assert_eq!(hours, [1.5, 1.5, 2.0]);
    assert_eq!(course(&s, "UE2")["year"], Value::Null);
    assert_eq!(course(&s, "UE3")["ects"], Value::Null);
}
