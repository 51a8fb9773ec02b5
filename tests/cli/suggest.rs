//! Suggested mappings: `aimap report` adds them by default (`--no-suggest`
//! turns that off); `aimap suggest` writes the review file; the review
//! file, edited and passed back, turns accepted rows into explicit mappings
//! and keeps rejected ones from coming back.

use crate::workdir::{Workdir, stderr, stdout};
use serde_json::Value;

const MAQUETTE: &str = "\
program,course_code,course_title,year,outcome_id,outcome,competencies
Nursing BSc,NUR101,Digital health,1,N1,Discuss the uses and limits of AI tools in nursing care.,
Nursing BSc,NUR101,Digital health,1,N2,Write SQL queries to extract ward admissions from the clinical data warehouse.,
Nursing BSc,NUR101,Digital health,1,N3,Recognise acute adrenal insufficiency (AI) and give hydrocortisone.,
Nursing BSc,NUR102,Data analysis,2,N4,Describe descriptive statistics in R.,L1.STA.1
Nursing BSc,NUR201,Introduction to machine learning for nurses,2,,,
";

const HEADER: &str = "outcome_id,program,course,course_title,outcome,competency,competency_title,level,depth,score,evidence,accept";

type Rows = Vec<csv::StringRecord>;

fn read_review(wd: &Workdir, name: &str) -> (csv::StringRecord, Rows) {
    let text = wd.read(name);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    (headers, r.records().map(|x| x.unwrap()).collect())
}

/// (outcome_id, course, competency, accept) of each row.
fn keys(rows: &Rows) -> Vec<(String, String, String, String)> {
    rows.iter()
        .map(|r| {
            (
                r[0].to_owned(),
                r[2].to_owned(),
                r[5].to_owned(),
                r[11].to_owned(),
            )
        })
        .collect()
}

fn write_review(wd: &Workdir, name: &str, headers: &csv::StringRecord, rows: &Rows) {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    wd.write(name, w.into_inner().unwrap());
}

fn set_accept(rows: &mut Rows, outcome: &str, competency: &str, answer: &str) {
    let row = rows
        .iter_mut()
        .find(|r| &r[0] == outcome && &r[5] == competency)
        .unwrap_or_else(|| panic!("no row for {outcome} {competency}"));
    let mut cells: Vec<String> = row.iter().map(str::to_owned).collect();
    cells[11] = answer.to_owned();
    *row = csv::StringRecord::from(cells);
}

fn mappings<'a>(summary: &'a Value, outcome: &str) -> Vec<(&'a str, &'a str)> {
    summary["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == outcome)
        .unwrap_or_else(|| panic!("no outcome {outcome}"))["mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["competency"].as_str().unwrap(),
                m["origin"].as_str().unwrap(),
            )
        })
        .collect()
}

#[test]
fn suggest_writes_one_row_per_suggested_mapping_and_none_for_traps_or_mapped_outcomes() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    let out = wd.run(["suggest", "maquette.csv", "-o", "review.csv"], 0);
    let (headers, rows) = read_review(&wd, "review.csv");
    assert_eq!(headers.iter().collect::<Vec<_>>().join(","), HEADER);
    let k = keys(&rows);
    let has = |o: &str, c: &str| k.iter().any(|r| r.0 == o && r.2 == c);
    assert!(has("N1", "L0.FND.3"), "{k:?}");
    assert!(has("N2", "L1.DBS.1"), "{k:?}");
    // The course without outcomes is classified from its title.
    assert!(k.iter().any(|r| r.0.is_empty() && r.1 == "NUR201"), "{k:?}");
    // The trap and the explicitly mapped outcome get nothing.
    assert!(!k.iter().any(|r| r.0 == "N3" || r.0 == "N4"), "{k:?}");
    assert!(k.iter().all(|r| r.3.is_empty()));
    let n1 = rows
        .iter()
        .find(|r| &r[0] == "N1" && &r[5] == "L0.FND.3")
        .unwrap();
    assert_eq!(&n1[1], "Nursing BSc");
    assert_eq!(&n1[7], "0");
    assert!(
        n1[10].contains("with \"limits of AI\""),
        "evidence: {}",
        &n1[10]
    );
    assert_eq!(
        stdout(&out),
        format!(
            "{} suggested mappings to review, 0 already decided: review.csv\n",
            rows.len()
        )
    );
}

#[test]
fn accepted_rows_become_explicit_and_rejected_ones_are_not_suggested_again() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    wd.cmd()
        .args(["suggest", "maquette.csv", "-o", "review.csv"])
        .assert()
        .success();
    let (headers, mut rows) = read_review(&wd, "review.csv");
    set_accept(&mut rows, "N1", "L0.FND.3", "oui");
    set_accept(&mut rows, "N2", "L1.DBS.1", "non");
    write_review(&wd, "review.csv", &headers, &rows);

    wd.cmd()
        .args(["report", "maquette.csv", "review.csv"])
        .assert()
        .success();
    let s = wd.json("reports/nursing-bsc.json");
    assert!(
        mappings(&s, "N1").contains(&("L0.FND.3", "explicit")),
        "{:?}",
        mappings(&s, "N1")
    );
    assert!(
        !mappings(&s, "N2").iter().any(|m| m.0 == "L1.DBS.1"),
        "{:?}",
        mappings(&s, "N2")
    );
    // Other suggestions for N2 are still there.
    assert!(mappings(&s, "N2").contains(&("L1.DBS.2", "suggested")));

    // Suggesting again keeps both decisions and does not re-suggest them.
    wd.cmd()
        .args(["suggest", "maquette.csv", "review.csv", "-o", "review2.csv"])
        .assert()
        .success();
    let (_, again) = read_review(&wd, "review2.csv");
    let k = keys(&again);
    let n2: Vec<_> = k
        .iter()
        .filter(|r| r.0 == "N2" && r.2 == "L1.DBS.1")
        .collect();
    assert_eq!(n2.len(), 1, "{k:?}");
    assert_eq!(n2[0].3, "non");
    let n1: Vec<_> = k
        .iter()
        .filter(|r| r.0 == "N1" && r.2 == "L0.FND.3")
        .collect();
    assert_eq!(n1.len(), 1, "{k:?}");
    assert_eq!(n1[0].3, "oui");
}

#[test]
fn report_without_suggestions_keeps_only_explicit_mappings() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    wd.cmd()
        .args(["report", "maquette.csv", "--no-suggest"])
        .assert()
        .success();
    let s = wd.json("reports/nursing-bsc.json");
    assert!(mappings(&s, "N1").is_empty());
    assert_eq!(mappings(&s, "N4"), [("L1.STA.1", "explicit")]);
    wd.cmd().args(["report", "maquette.csv"]).assert().success();
    let s = wd.json("reports/nursing-bsc.json");
    assert!(mappings(&s, "N1").contains(&("L0.FND.3", "suggested")));
    let html = wd.read("reports/nursing-bsc.html");
    assert!(html.contains("Suggested mappings to review"));
}

#[test]
fn a_review_answer_that_is_not_yes_or_no_is_reported_with_its_cell() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    wd.write(
        "review.csv",
        format!("{HEADER}\nN1,Nursing BSc,NUR101,,,L0.FND.3,,0,I,0.9,,maybe\n"),
    );
    let out = wd.run(["check", "maquette.csv", "review.csv"], 2);
    assert!(
        stdout(&out).contains(
            "error[invalid-value]: review.csv row 2, column L \"accept\": accept \"maybe\" is not \
             a yes or a no; write yes, oui, 1 or x to accept the mapping, no, non or 0 to reject \
             it, or leave the cell empty"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_review_row_for_an_unknown_outcome_is_a_warning() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    wd.write(
        "review.csv",
        format!("{HEADER}\nN9,Nursing BSc,NUR101,,,L0.FND.3,,0,I,0.9,,yes\n"),
    );
    let out = wd.run(["check", "maquette.csv", "review.csv"], 0);
    assert!(
        stdout(&out).contains(
            "warning[unmatched-review-row]: review.csv row 2: review row names outcome \"N9\" of \
             programme \"Nursing BSc\", which the curricula do not have; its decision is ignored \
             (was the outcome id or the programme renamed?)"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn suggest_writes_an_xlsx_review_file_that_imports_back() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    wd.cmd()
        .args(["suggest", "maquette.csv", "-o", "out/review.xlsx"])
        .assert()
        .success();
    let bytes = std::fs::read(wd.path("out/review.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip archive");
    // Passed back untouched, it is read as a review file, not a curriculum.
    wd.cmd()
        .args(["report", "maquette.csv", "out/review.xlsx"])
        .assert()
        .success();
    // The same rows, decided in Excel.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in HEADER.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (c, v) in [
        "N1",
        "Nursing BSc",
        "NUR101",
        "",
        "",
        "L0.FND.3",
        "",
        "0",
        "R",
        "",
        "",
        "x",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    book.save(wd.path("decided.xlsx")).unwrap();
    wd.cmd()
        .args(["report", "maquette.csv", "decided.xlsx"])
        .assert()
        .success();
    let s = wd.json("reports/nursing-bsc.json");
    assert!(mappings(&s, "N1").contains(&("L0.FND.3", "explicit")));
    let n1 = s["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "N1")
        .unwrap();
    let explicit = n1["mappings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["origin"] == "explicit")
        .unwrap();
    assert_eq!(explicit["depth"], "R", "the reviewer's depth is kept");
}

#[test]
fn suggest_needs_a_csv_or_xlsx_file_name() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    let out = wd.run(["suggest", "maquette.csv", "-o", "review.txt"], 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "error: cannot write the review file `review.txt`: name a .csv or .xlsx file, e.g. `-o review.xlsx`"
    );
}

#[test]
fn suggestions_are_byte_identical_between_runs() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    for name in ["a.csv", "a.xlsx", "b.csv", "b.xlsx"] {
        wd.cmd()
            .args(["suggest", "curricula", "-o", name])
            .assert()
            .success();
    }
    for ext in ["csv", "xlsx"] {
        assert!(
            std::fs::read(wd.path(format!("a.{ext}"))).unwrap()
                == std::fs::read(wd.path(format!("b.{ext}"))).unwrap(),
            "{ext} differs between runs"
        );
    }
}
