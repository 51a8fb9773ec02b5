//! `aimap demand` and `aimap report --demand`.

use crate::exports::assert_valid_as;
use crate::workdir::Workdir;

fn json(wd: &Workdir, rel: &str) -> serde_json::Value {
    serde_json::from_str(&wd.read(rel)).unwrap()
}

#[test]
fn writes_the_three_files_on_the_shipped_sample() {
    let wd = Workdir::new();
    wd.copy_repo("samples");
    let out = wd.run(["demand"], 0);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("320 postings"), "{stdout}");
    for f in ["demand.html", "demand.json", "demand.csv"] {
        assert!(wd.path("reports/demand").join(f).is_file(), "{f}");
    }
    let html = wd.read("reports/demand/demand.html");
    assert!(html.contains("Content-Security-Policy"));
    assert!(!html.contains('⟦'), "a message key is missing");
    let v = json(&wd, "reports/demand/demand.json");
    assert_valid_as("demand-v1.json", "demand.json", &v);
    assert_eq!(v["total"]["postings"], 320);
    assert!(v["by"]["country"].as_array().unwrap().len() >= 5);
    assert!(v["by"]["quarter"].as_array().unwrap().len() >= 8);
    let csv = wd.read("reports/demand/demand.csv");
    assert_eq!(csv.lines().count(), 321);
    assert!(csv.starts_with("id,title,country,region,sector,occupation,date,quarter,ai_posting,level,competencies,evidence"));
}

#[test]
fn writes_french_words_and_the_same_bytes_twice() {
    let wd = Workdir::new();
    wd.copy_repo("samples");
    wd.run(["demand", "--lang", "fr", "-o", "a"], 0);
    wd.run(["demand", "--lang", "fr", "-o", "b"], 0);
    for f in ["demand.html", "demand.json", "demand.csv"] {
        assert_eq!(wd.read(format!("a/{f}")), wd.read(format!("b/{f}")), "{f}");
    }
    let html = wd.read("a/demand.html");
    assert!(html.contains("Compétences en IA demandées"));
    assert!(!html.contains('⟦'));
    assert!(
        wd.read("a/demand.csv")
            .starts_with("\u{feff}id;intitule;pays")
    );
}

#[test]
fn one_ai_mention_is_not_an_ai_posting_unless_asked() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "id,title,description\n\
         1,Staff nurse,Experience with machine learning is a plus.\n\
         2,ML engineer,You will train deep learning models. Strong SQL and Python.\n",
    );
    wd.run(["demand", "p.csv"], 0);
    let csv = wd.read("reports/demand/demand.csv");
    let ai: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(8).unwrap())
        .collect();
    assert_eq!(ai, ["no", "yes"]);
    wd.run(["demand", "p.csv", "--min-concepts", "1", "-o", "one"], 0);
    assert_eq!(json(&wd, "one/demand.json")["total"]["ai"], 2);
}

#[test]
fn bad_rows_are_located_and_the_readable_rows_still_count() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "id;intitulé du poste;descriptif;pays;date de publication\n\
         1;Data scientist;Entraîner des modèles d'apprentissage profond. Maîtrise de SQL et de Python.;FR;15/03/2024\n\
         2;;;FR;2024-Q2\n\
         3;Infirmier;Surveillance des patients.;BE;bientôt\n",
    );
    let out = wd.run(["demand", "p.csv"], 0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning[posting-without-text]: p.csv row 3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("p.csv row 4, column E \"date de publication\""),
        "{stderr}"
    );
    let v = json(&wd, "reports/demand/demand.json");
    assert_eq!(v["total"]["postings"], 2);
    assert_eq!(v["problems"].as_array().unwrap().len(), 2);
}

#[test]
fn a_file_without_a_text_column_exits_2_naming_it() {
    let wd = Workdir::new();
    wd.write("p.csv", "code,hours\nA,3\n");
    let out = wd.run(["demand", "p.csv"], 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`p.csv`: no title or description column"),
        "{stderr}"
    );
    assert!(!wd.path("reports/demand").exists());
}

#[test]
fn a_programme_report_shows_supply_against_demand() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.copy_repo("samples");
    wd.run(["report", "--demand", "samples"], 0);
    let pages: Vec<String> = wd
        .files("reports")
        .into_iter()
        .filter(|f| f.ends_with(".json"))
        .collect();
    assert!(!pages.is_empty());
    for name in pages {
        let v = json(&wd, format!("reports/{name}").as_str());
        assert_valid_as("program-v1.json", &name, &v);
        let sd = &v["supply_demand"];
        assert_eq!(sd["postings"], 320, "{name}");
        assert_eq!(sd["levels"].as_array().unwrap().len(), 3);
        let html = wd.read(format!("reports/{}", name.replace(".json", ".html")));
        assert!(html.contains("id=\"supply-demand\""), "{name}");
        assert!(!html.contains('⟦'));
    }
}

#[test]
fn an_error_on_a_later_file_leaves_the_previous_report_whole() {
    // demand.csv is streamed into its staged file as postings are read: an
    // error after rows were written must leave neither half a file nor a
    // staging folder, and the previous report as it was.
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "id,title,description\n1,ML engineer,You will train deep learning models. Strong SQL and Python.\n",
    );
    wd.run(["demand", "a.csv"], 0);
    let before = wd.read("reports/demand/demand.csv");
    wd.write("b.csv", "code,hours\nA,3\n");
    let out = wd.run(["demand", "a.csv", "b.csv"], 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`b.csv`: no title or description column")
    );
    assert_eq!(wd.read("reports/demand/demand.csv"), before);
    assert_eq!(wd.files("reports"), ["demand"]);
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let wd = Workdir::new();
    wd.copy_repo("samples");
    let out = wd.run(["demand"], 0);
    assert!(
        !out.stderr.contains(&b'\r'),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn reads_json_lines_and_crlf_csv_alike() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "id,title,description,country\r\n\
         1,ML engineer,\"You will train deep learning models.\r\nStrong SQL and Python.\",DE\r\n\
         2,Staff nurse,Ward care.,FR\r\n",
    );
    wd.write(
        "p.jsonl",
        "{\"id\": \"1\", \"title\": \"ML engineer\", \"description\": \"You will train deep learning models.\\nStrong SQL and Python.\", \"country\": \"DE\"}\r\n\
         {\"id\": \"2\", \"title\": \"Staff nurse\", \"description\": \"Ward care.\", \"country\": \"FR\"}\r\n",
    );
    wd.run(["demand", "p.csv", "-o", "c"], 0);
    wd.run(["demand", "p.jsonl", "-o", "j"], 0);
    let (c, j) = (json(&wd, "c/demand.json"), json(&wd, "j/demand.json"));
    assert_eq!(c["total"], j["total"]);
    assert_eq!(c["total"]["ai"], 1);
}
