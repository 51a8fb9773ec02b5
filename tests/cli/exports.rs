//! The files beside each page: the JSON against its published schema, the
//! flat CSV map and the workbook against the JSON, the DOT graph, page
//! sizes and the geometry of the dependency graph.

use crate::workdir::{Workdir, repo};
use std::collections::{BTreeMap, BTreeSet};

/// Fails with every schema error when `summary` does not follow
/// `docs/schema/program-v1.json`.
#[track_caller]
pub fn assert_valid(name: &str, summary: &serde_json::Value) {
    assert_valid_as("program-v1.json", name, summary);
}

/// Fails with every schema error when `value` does not follow
/// `docs/schema/<schema>`.
#[track_caller]
pub fn assert_valid_as(schema: &str, name: &str, value: &serde_json::Value) {
    let summary = value;
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/schema").join(schema)).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid");
    let errors: Vec<String> = validator
        .iter_errors(summary)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
}

#[test]
fn every_sample_json_validates_against_the_published_schema() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report"], 0);
    wd.run(
        ["report", "--lang", "en", "--target", "nurse", "-o", "en"],
        0,
    );
    let mut seen = 0;
    for dir in ["reports", "en"] {
        for name in wd.files(dir).iter().filter(|f| f.ends_with(".json")) {
            assert_valid(name, &wd.json(format!("{dir}/{name}")));
            seen += 1;
        }
    }
    assert_eq!(seen, 6);
    wd.run(["compare", "-o", "cmp"], 0);
    assert_valid_as(
        "compare-v1.json",
        "compare.json",
        &wd.json("cmp/compare.json"),
    );
    // Every message the pages use exists in their language's catalogue.
    for dir in ["reports", "en"] {
        for name in wd.files(dir).iter().filter(|f| f.ends_with(".html")) {
            let html = wd.read(format!("{dir}/{name}"));
            assert!(
                !html.contains("⟦missing⟧"),
                "{dir}/{name}: a message key is missing"
            );
        }
    }
}

/// (course, competency) → (deepest depth letter, some mapping explicit),
/// from a programme's JSON summary.
fn json_map(s: &serde_json::Value) -> BTreeMap<(String, String), (String, bool)> {
    let mut out: BTreeMap<(String, String), (String, bool)> = BTreeMap::new();
    let rank = |d: &str| "IRM".find(d).unwrap();
    let mut add = |course: &str, m: &serde_json::Value| {
        let key = (
            course.to_owned(),
            m["competency"].as_str().unwrap().to_owned(),
        );
        let depth = m["depth"].as_str().unwrap().to_owned();
        let explicit = m["origin"] == "explicit";
        let e = out.entry(key).or_insert((depth.clone(), explicit));
        if rank(&depth) > rank(&e.0) {
            e.0 = depth;
        }
        e.1 |= explicit;
    };
    for c in s["courses"].as_array().unwrap() {
        for m in c["mappings"].as_array().unwrap() {
            add(c["code"].as_str().unwrap(), m);
        }
    }
    for o in s["outcomes"].as_array().unwrap() {
        for m in o["mappings"].as_array().unwrap() {
            add(o["course"].as_str().unwrap(), m);
        }
    }
    out
}

#[test]
fn the_workbook_shows_the_same_map_as_the_json() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report"], 0);
    for (slug, sheets) in [
        (
            "diplome-d-etat-d-infirmier-ifsi",
            ["Carte", "Lacunes", "Objectifs"],
        ),
        ("msc-health-data-science", ["Map", "Gaps", "Outcomes"]),
    ] {
        let s = wd.json(format!("reports/{slug}.json"));
        let mut book: Xlsx<_> = open_workbook(wd.path(format!("reports/{slug}.xlsx"))).unwrap();
        assert_eq!(book.sheet_names(), sheets);
        let map = book.worksheet_range(sheets[0]).unwrap();
        let text = |d: &Data| match d {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => other.to_string(),
        };
        let rows: Vec<Vec<String>> = map.rows().map(|r| r.iter().map(text).collect()).collect();
        let header = &rows[0];
        let mut cells: BTreeSet<(String, String, String)> = BTreeSet::new();
        for row in &rows[1..] {
            for (k, depth) in row.iter().enumerate().skip(2) {
                if !depth.is_empty() {
                    cells.insert((row[0].clone(), header[k].clone(), depth.clone()));
                }
            }
        }
        let expected: BTreeSet<(String, String, String)> = json_map(&s)
            .into_iter()
            .map(|((course, comp), (depth, _))| (course, comp, depth))
            .collect();
        assert_eq!(cells, expected, "{slug}");
        // One course row per course, one column per competency.
        assert_eq!(rows.len() - 1, s["courses"].as_array().unwrap().len());
        assert_eq!(
            header.len() - 2,
            s["competencies"].as_array().unwrap().len()
        );
        // The gaps sheet: one row per competency.
        let gaps = book.worksheet_range(sheets[1]).unwrap();
        assert_eq!(
            gaps.rows().count() - 1,
            s["competencies"].as_array().unwrap().len()
        );
    }
}

#[test]
fn a_french_csv_map_opens_as_french_excel_reads_it() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report", "curricula/ifsi-infirmier-de.csv"], 0);
    let bytes = std::fs::read(wd.path("reports/diplome-d-etat-d-infirmier-ifsi.csv")).unwrap();
    // Excel reads UTF-8 only with the BOM, and splits on the list separator
    // of a French system: `;`.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a UTF-8 BOM");
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(body);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[0], "formation");
    assert_eq!(header.len(), 14);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (course, outcome, competency, depth, origin, score) = (
        col("enseignement"),
        col("id objectif"),
        col("compétence"),
        col("profondeur"),
        col("origine"),
        col("score"),
    );
    let mut got: BTreeSet<(String, String, String, String)> = BTreeSet::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), 14, "{rec:?}");
        let cell = |i: usize| aimap_cell(&rec[i]);
        if rec[origin].is_empty() {
            continue;
        }
        if rec[origin] == *"suggested" {
            // French Excel reads "0,85" as a number.
            assert!(rec[score].contains(','), "{:?}", &rec[score]);
        }
        got.insert((cell(course), cell(outcome), cell(competency), cell(depth)));
    }
    let s = wd.json("reports/diplome-d-etat-d-infirmier-ifsi.json");
    let mut expected = BTreeSet::new();
    for c in s["courses"].as_array().unwrap() {
        for m in c["mappings"].as_array().unwrap() {
            expected.insert((
                c["code"].as_str().unwrap().to_owned(),
                String::new(),
                m["competency"].as_str().unwrap().to_owned(),
                m["depth"].as_str().unwrap().to_owned(),
            ));
        }
    }
    for o in s["outcomes"].as_array().unwrap() {
        for m in o["mappings"].as_array().unwrap() {
            expected.insert((
                o["course"].as_str().unwrap().to_owned(),
                o["id"].as_str().unwrap().to_owned(),
                m["competency"].as_str().unwrap().to_owned(),
                m["depth"].as_str().unwrap().to_owned(),
            ));
        }
    }
    assert_eq!(got, expected);

    // `--csv-delimiter` overrides the reader's separator.
    wd.run(
        [
            "report",
            "curricula/ifsi-infirmier-de.csv",
            "--format",
            "csv",
            "--csv-delimiter",
            "tab",
            "-o",
            "tab",
        ],
        0,
    );
    let tab = wd.read("tab/diplome-d-etat-d-infirmier-ifsi.csv");
    assert!(tab.lines().nth(1).unwrap().contains('\t'));
    assert_eq!(
        wd.files("tab"),
        [".aimap-manifest", "diplome-d-etat-d-infirmier-ifsi.csv"]
    );
}

/// A cell as aimap wrote it, its formula guard removed.
fn aimap_cell(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest.to_owned(),
        _ => s.to_owned(),
    }
}

#[test]
fn the_dot_graph_names_every_competency_and_course() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report", "--format", "dot,json"], 0);
    let dot = wd.read("reports/msc-health-data-science.dot");
    assert!(dot.starts_with("digraph"));
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());
    let s = wd.json("reports/msc-health-data-science.json");
    for c in s["competencies"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        assert!(dot.contains(&format!("\"competency:{id}\"")), "{id}");
    }
    for c in s["courses"].as_array().unwrap() {
        let code = c["code"].as_str().unwrap();
        assert!(dot.contains(&format!("\"course:{code}\"")), "{code}");
    }
}

#[test]
fn the_largest_sample_page_is_under_300_kb() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report", "--format", "html"], 0);
    for name in wd.files("reports").iter().filter(|f| f.ends_with(".html")) {
        let size = std::fs::metadata(wd.path("reports").join(name))
            .unwrap()
            .len();
        assert!(size < 300_000, "{name}: {size} bytes");
    }
}

#[test]
fn a_framework_of_300_competencies_draws_its_graph_without_overlapping_boxes() {
    let wd = Workdir::new();
    let (fw, _) = crate::generated::generated_framework(300);
    wd.write("fw.toml", fw);
    wd.write(
        "p.csv",
        "program,course_code,outcome,competencies\nP,A,Skill one,G.1\nP,B,Skill two,G.150;G.299\n",
    );
    wd.run(["report", "p.csv", "-f", "fw.toml", "--format", "html"], 0);
    let html = wd.read("reports/p.html");
    let start = html.find("id=\"graph-title\"").expect("a graph");
    let svg_start = html[..start].rfind("<svg").unwrap();
    let svg_end = svg_start + html[svg_start..].find("</svg>").unwrap();
    let svg = &html[svg_start..svg_end];
    let view: Vec<f64> = attr(svg, "viewBox")
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    // Node boxes: a rectangle right after each node's tooltip.
    let boxes: Vec<[f64; 4]> = svg
        .split("</title><rect ")
        .skip(1)
        .map(|rest| {
            let tag = format!(" {}", &rest[..rest.find("/>").unwrap()]);
            ["x", "y", "width", "height"].map(|a| attr(&tag, a).parse().unwrap())
        })
        .collect();
    assert_eq!(boxes.len(), 300);
    for (i, a) in boxes.iter().enumerate() {
        assert!(
            a[0] >= view[0]
                && a[1] >= view[1]
                && a[0] + a[2] <= view[0] + view[2]
                && a[1] + a[3] <= view[1] + view[3],
            "box {i} {a:?} outside {view:?}"
        );
        for b in &boxes[i + 1..] {
            let apart = a[0] + a[2] <= b[0]
                || b[0] + b[2] <= a[0]
                || a[1] + a[3] <= b[1]
                || b[1] + b[3] <= a[1];
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

/// The value of the first ` name="…"` attribute in `s`.
fn attr<'a>(s: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let at = s
        .find(&key)
        .map(|i| i + key.len())
        .unwrap_or_else(|| panic!("no {name}"));
    &s[at..at + s[at..].find('"').unwrap()]
}

/// The nursing sample's recommendations (with the nurse target, so that
/// shortfalls count too) name courses of the programme, rank them best
/// first, and end each path with the competency, after its prerequisites.
#[test]
fn the_nursing_recommendations_name_existing_courses_in_score_order() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report", "--target", "nurse"], 0);
    let s = wd.json("reports/diplome-d-etat-d-infirmier-ifsi.json");
    let courses: std::collections::BTreeSet<&str> = s["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    let competencies: std::collections::BTreeSet<&str> = s["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let recs = s["recommendations"].as_array().unwrap();
    assert!(!recs.is_empty());
    let mut hosted = 0;
    for r in recs {
        let id = r["competency"].as_str().unwrap();
        assert!(competencies.contains(id), "{id}");
        let hosts = r["hosts"].as_array().unwrap();
        assert!(hosts.len() <= 3);
        for h in hosts {
            let course = h["course"].as_str().unwrap();
            assert!(courses.contains(course), "{id}: {course} is not a course");
        }
        let scores: Vec<f64> = hosts.iter().map(|h| h["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{id}: {scores:?}");
        hosted += usize::from(!hosts.is_empty());
        let path: Vec<&str> = r["path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(path.last(), Some(&id));
        // Every competency on the path is itself not taught (or short of
        // the target, for the last).
        for p in &path[..path.len() - 1] {
            let c = s["competencies"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == *p)
                .unwrap();
            assert_eq!(c["covered"], false, "{id}: {p} is taught");
        }
    }
    assert!(hosted * 2 > recs.len(), "most gaps have a host");
    // The page names the recommendations by title and shows the section.
    let html = wd.read("reports/diplome-d-etat-d-infirmier-ifsi.html");
    assert!(html.contains("id=\"recommendations\""));
    assert!(
        html.contains("Enseigner L1.DAT.2 «\u{a0}Nettoyage"),
        "{html}"
    );
}
