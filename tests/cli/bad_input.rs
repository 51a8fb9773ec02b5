//! Bad input: a clear message naming the file (and sheet, row, column),
//! exit code 2, and no report written.

use crate::workdir::{Workdir, stderr, stdout};

/// Runs `aimap report ARGS`, expects exit 2 and no report, returns stderr.
#[track_caller]
fn fails(wd: &Workdir, args: &[&str]) -> String {
    let out = wd
        .cmd()
        .arg("report")
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        wd.files("reports").is_empty(),
        "a report was written: {:?}",
        wd.files("reports")
    );
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[test]
fn missing_file_is_named() {
    let wd = Workdir::new();
    let err = fails(&wd, &["absent.csv"]);
    assert_eq!(
        err.trim_end(),
        "error: cannot read curriculum `absent.csv`: No such file or directory (os error 2)"
    );
}

#[test]
fn file_without_course_or_outcome_column_is_rejected_with_the_headers_seen() {
    let wd = Workdir::new();
    wd.write("budget.csv", "poste;montant\nsalaires;1200\n");
    let err = fails(&wd, &["budget.csv"]);
    assert_eq!(
        err.trim_end(),
        "error: `budget.csv`: no course or outcome column found in the first 30 rows; expected a header \
         such as course_code, course_title or outcome (in French: code UE, intitulé, objectif pédagogique); \
         the first row has \"poste\", \"montant\""
    );
}

#[test]
fn text_file_named_xlsx_is_reported_as_renamed() {
    let wd = Workdir::new();
    wd.write("cursus.xlsx", "course_code,outcome\nA,Do things\n");
    let err = fails(&wd, &["cursus.xlsx"]);
    assert_eq!(
        err.trim_end(),
        "error: `cursus.xlsx` is not an Excel workbook: it contains plain text (a CSV file renamed to .xlsx?); rename it to .csv"
    );
}

#[test]
fn framework_with_a_prerequisite_cycle_prints_the_cycle() {
    let wd = Workdir::new();
    wd.write("c.csv", "course_code,outcome\nA,Do things\n");
    wd.write(
        "cyclic.toml",
        r#"[framework]
id = "cyclic"
version = "1"

[[levels]]
number = 0
key = "literacy"
title = { en = "Literacy", fr = "Littératie" }

[[competencies]]
id = "X.1"
level = 0
title = { en = "One", fr = "Un" }
requires = ["X.2"]

[[competencies]]
id = "X.2"
level = 0
title = { en = "Two", fr = "Deux" }
requires = ["X.1"]
"#,
    );
    let err = fails(&wd, &["c.csv", "-f", "cyclic.toml"]);
    assert_eq!(
        err.trim_end(),
        "error: invalid framework `cyclic.toml`: cyclic.toml line 14, key `competencies.requires`: prerequisite cycle: X.1 → X.2 → X.1 (each competency requires the next)"
    );
}

#[test]
fn mapping_to_an_unknown_competency_is_a_located_finding_and_fails_check() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "program,course_code,outcome,competencies\nP,A,Explain what AI is,L0.FND.1\nP,A,Discuss AI ethics,L0.ETH.9\n",
    );
    // The report is still written, with the finding in it.
    wd.cmd().args(["report", "p.csv"]).assert().success();
    let s = wd.json("reports/p.json");
    let finding = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "unknown-competency")
        .expect("an unknown-competency finding");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["location"],
        "p.csv row 3, column D \"competencies\""
    );

    let out = wd.run(["check", "p.csv"], 2);
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "error[unknown-competency]: p.csv row 3, column D \"competencies\": \"L0.ETH.9\" is not a competency of any loaded framework"
        ),
        "{text}"
    );
    assert!(text.contains("1 error,"), "{text}");
}

#[test]
fn bad_cells_are_located_and_the_rest_is_read() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "program;code UE;année;heures;objectif;niveau de maîtrise;compétences\nP;A;trois;-4;Expliquer l'IA;Z;L0.FND.1\nP;B;2;10;Utiliser R;I;L1.PRG.1\n",
    );
    let out = wd.run(["check", "p.csv"], 2);
    let text = stdout(&out);
    let expected = [
        "error[invalid-value]: p.csv row 2, column C \"année\": expected a year number from 1 to 10 (such as 2, \"2e année\", \"Year 2\"), found \"trois\"",
        "error[invalid-value]: p.csv row 2, column D \"heures\": expected a number of zero or more, found \"-4\"",
        "error[invalid-value]: p.csv row 2, column F \"niveau de maîtrise\": expected a depth I, R or M",
    ];
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in\n{text}");
    }
    assert!(
        text.contains("checked 1 programme (2 courses, 2 outcomes)"),
        "{text}"
    );
}

#[test]
fn unknown_command_line_options_exit_2() {
    let wd = Workdir::new();
    let out = wd.run(["report", "--bogus"], 2);
    assert!(stderr(&out).contains("--bogus"));
}

#[test]
fn a_finding_about_one_programme_stays_out_of_the_others_in_the_same_file() {
    let wd = Workdir::new();
    wd.write(
        "two.csv",
        "program,course_code,prerequisites,outcome,competencies\n\
         P,A,,Explain what AI is,L0.FND.1\n\
         Q,B,,Discuss AI ethics,L0.ETH.9\n\
         Q,C,D,Use SQL,L1.DBS.1\n\
         Q,D,C,Clean a dataset,L1.DAT.2\n",
    );
    wd.run(["report", "two.csv"], 0);
    let codes = |name: &str| -> Vec<String> {
        wd.json(format!("reports/{name}.json"))["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            // What each programme teaches, and to which depth, is its own.
            .filter(|c| c != "uncovered-competency" && c != "never-reinforced")
            .collect()
    };
    assert_eq!(codes("p"), Vec::<String>::new());
    assert_eq!(
        codes("q"),
        // In the order a committee acts on them (analysis::action_rank).
        [
            "course-prerequisite-cycle",
            "unknown-competency",
            "prerequisite-never-taught",
            "orphan-course"
        ]
    );
}
