//! `aimap compare`: the matrix, similarity, clustering order and reference
//! on a three-programme fixture computed by hand.

use crate::exports::assert_valid_as;
use crate::workdir::{Workdir, stderr};

/// Three programmes, explicit mappings only:
/// P1 teaches L0.FND.1 at M and L0.FND.2 at I; P2 L0.FND.1 at R and
/// L0.FND.3 at I; P3 L1.PRG.1 at I.
const THREE: &str = "program,course_code,year,hours,outcome,competencies\n\
P1,A,1,10,Explain AI,L0.FND.1:M\n\
P1,B,1,10,How models learn,L0.FND.2:I\n\
P2,A,1,20,Explain AI,L0.FND.1:R\n\
P2,C,2,,Uses of AI,L0.FND.3:I\n\
P3,D,1,,Write Python,L1.PRG.1:I\n";

#[test]
fn compare_gives_the_hand_computed_similarity_order_and_reference() {
    let wd = Workdir::new();
    wd.write("three.csv", THREE);
    wd.run(
        [
            "compare",
            "three.csv",
            "--no-suggest",
            "--reference",
            "p1",
            "-o",
            "cmp",
        ],
        0,
    );
    let c = wd.json("cmp/compare.json");
    assert_valid_as("compare-v1.json", "compare.json", &c);
    // Weights 0/1/2/3 for none/I/R/M. P1 = (3, 1, 0, 0), P2 = (2, 0, 1, 0),
    // P3 = (0, 0, 0, 1) over FND.1, FND.2, FND.3, PRG.1:
    // J(P1, P2) = (2 + 0 + 0) / (3 + 1 + 1) = 0.4; P3 shares nothing.
    assert_eq!(
        c["similarity"]["matrix"],
        serde_json::json!([[1.0, 0.4, 0.0], [0.4, 1.0, 0.0], [0.0, 0.0, 1.0]])
    );
    assert_eq!(c["order"], serde_json::json!(["P1", "P2", "P3"]));
    assert_eq!(
        c["unique"],
        serde_json::json!([
            { "program": "P1", "competencies": ["L0.FND.2"] },
            { "program": "P2", "competencies": ["L0.FND.3"] },
            { "program": "P3", "competencies": ["L1.PRG.1"] },
        ])
    );
    assert_eq!(
        c["reference"],
        serde_json::json!({ "kind": "program", "id": "P1" })
    );
    assert_eq!(
        c["against"][1],
        serde_json::json!({
            "program": "P2", "total": 2, "met": 0,
            "missing": ["L0.FND.2"], "shallower": ["L0.FND.1"],
        })
    );
    // The matrix: depth and hours per programme.
    let fnd1 = c["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "L0.FND.1")
        .unwrap();
    assert_eq!(
        fnd1["cells"],
        serde_json::json!([
            { "depth": "M", "explicit": true, "hours": 10.0 },
            { "depth": "R", "explicit": true, "hours": 20.0 },
            null,
        ])
    );
    let html = wd.read("cmp/compare.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("0.40"));
    assert!(!html.contains("⟦missing⟧"));
}

#[test]
fn the_portfolio_compares_the_programmes_it_lists() {
    let wd = Workdir::new();
    wd.write("three.csv", THREE);
    wd.run(
        ["report", "three.csv", "--no-suggest", "--format", "html"],
        0,
    );
    let index = wd.read("reports/index.html");
    assert!(index.contains("<h2>Programmes compared</h2>"));
    // What P3 alone teaches, named by id and title.
    assert!(
        index.contains("<strong>P3</strong>: L1.PRG.1 Programming fundamentals in Python or R")
    );
    // One programme: nothing to compare.
    wd.write("one.csv", "program,course_code,outcome\nP,A,Explain AI\n");
    wd.run(["report", "one.csv", "--format", "html", "-o", "one"], 0);
    assert!(!wd.read("one/index.html").contains("Programmes compared"));
}

#[test]
fn compare_refuses_an_unknown_reference_and_a_single_programme() {
    let wd = Workdir::new();
    wd.write("three.csv", THREE);
    let out = wd.run(["compare", "three.csv", "--reference", "P9"], 2);
    assert!(
        stderr(&out).contains("no programme of that name; the programmes are `P1`, `P2`, `P3`"),
        "{}",
        stderr(&out)
    );
    wd.write("one.csv", "program,course_code,outcome\nP,A,Explain AI\n");
    let out = wd.run(["compare", "one.csv"], 2);
    assert!(
        stderr(&out).contains("give two or more, or a --target"),
        "{}",
        stderr(&out)
    );
    assert!(!wd.path("reports/compare").exists());
}

#[test]
fn compare_refuses_more_programmes_than_it_can_pair_and_folds_a_wide_page() {
    let wd = Workdir::new();
    let mut many = String::from("program,course_code,outcome,competencies\n");
    for i in 0..2_001 {
        many.push_str(&format!("P{i},A,Explain AI,L0.FND.1\n"));
    }
    wd.write("many.csv", &many);
    let out = wd.run(["compare", "many.csv", "--no-suggest"], 2);
    assert!(
        stderr(&out).contains("cannot compare 2001 programmes: at most 2000"),
        "{}",
        stderr(&out)
    );
    // 41 programmes: the page leaves the wide parts to the JSON.
    let forty_one: String = many.lines().take(42).map(|l| format!("{l}\n")).collect();
    wd.write("wide.csv", forty_one);
    wd.run(["compare", "wide.csv", "--no-suggest", "-o", "wide"], 0);
    let html = wd.read("wide/compare.html");
    assert!(html.contains("More than 40 programmes"));
    assert!(
        !html.contains(
            "<table class=\"matrix\">\n<thead><tr><th>Competency</th><th class=\"num\">P0"
        )
    );
    let c = wd.json("wide/compare.json");
    assert_eq!(c["similarity"]["matrix"].as_array().unwrap().len(), 41);
}
