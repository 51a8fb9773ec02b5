//! Reports in the reader's language: French for a French programme (or
//! `--lang fr`), English otherwise, every word from the catalogues.

use crate::workdir::Workdir;

const NURSING: &str = "curricula/ifsi-infirmier-de.csv";
const PAGE: &str = "reports/diplome-d-etat-d-infirmier-ifsi.html";
const JSON: &str = "reports/diplome-d-etat-d-infirmier-ifsi.json";
/// 2 December 2025, 00:00 UTC.
const EPOCH: &str = "1764633600";

/// The words a reader sees: tags, the style sheet and escapes removed.
fn visible_text(html: &str) -> String {
    let mut s = html.to_owned();
    if let (Some(a), Some(b)) = (s.find("<style>"), s.find("</style>")) {
        s.replace_range(a..b, "");
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    // Tags leave runs of ASCII spaces; non-breaking spaces stay.
    let mut squeezed = String::with_capacity(out.len());
    for c in out.chars() {
        let c = if c == '\n' || c == '\t' { ' ' } else { c };
        if !(c == ' ' && squeezed.ends_with(' ')) {
            squeezed.push(c);
        }
    }
    squeezed
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// English words of the report's own text, none of which a French
/// sentence or a French name uses.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "with",
    "taught",
    "course",
    "courses",
    "competency",
    "competencies",
    "level",
    "suggested",
    "mapping",
    "mappings",
    "findings",
    "finding",
    "warning",
    "warnings",
    "not",
    "year",
    "hours",
    "review",
    "evidence",
    "summary",
    "coverage",
    "what",
    "next",
    "explicit",
    "rule",
    "term",
    "by",
    "model",
    "probability",
    "weighed",
    "teach",
    "taught",
    "from",
    "only",
    "target",
    "depth",
    "introduced",
    "reinforced",
    "mastered",
    "programme",
    "outcome",
    "outcomes",
    "generated",
    "framework",
    "read",
    "learning",
    "teaching",
    "time",
    "dependencies",
    "between",
    "is",
    "are",
    "no",
    "one",
    "more",
];

/// The English words of `text`, identifiers left out: finding codes, rule
/// ids and command options (`orphan-course`, `ethics-of-ai`, `--target`)
/// are names, not prose.
fn english_words_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split_whitespace()
        .filter(|token| !token.trim_start_matches('(').starts_with("--"))
        .filter(|token| {
            let t = token.trim_matches(|c: char| !c.is_alphanumeric());
            !(t.contains('-')
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        })
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn a_french_programme_gets_a_french_report_without_asking() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.cmd()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["report", NURSING])
        .assert()
        .success();
    let html = wd.read(PAGE);
    assert!(html.contains("<html lang=\"fr\">"));
    for heading in [
        "<h2>Synthèse</h2>",
        "<h3>Que faire ensuite</h3>",
        "<h2>Couverture par année</h2>",
        "<h2>Dépendances entre compétences</h2>",
        "<h2>Temps d'enseignement par niveau</h2>",
        "<h2>Constats</h2>",
        "<h2>Enseignements et correspondances</h2>",
        "<h2>Correspondances suggérées à valider</h2>",
    ] {
        let escaped = heading.replace('\'', "&#39;");
        assert!(
            html.contains(heading) || html.contains(&escaped),
            "no {heading}"
        );
    }
    let text = visible_text(&html);
    // French dates and numbers: a comma before decimals, a non-breaking
    // space before % and h.
    assert!(
        text.contains("produit le 2 décembre 2025"),
        "no French date"
    );
    assert!(text.contains("(85\u{a0}%)"), "no French percentage");
    assert!(
        text.split_whitespace().any(|w| w.contains(',')
            && w.trim_end_matches(',')
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',')),
        "no decimal comma"
    );
    assert!(
        text.contains(",5\u{a0}h") || text.contains(",4\u{a0}h"),
        "no French hours"
    );
    assert!(text.contains("L0.FND.1 Notions et vocabulaire de l'IA"));
    assert!(!html.contains("⟦missing⟧"), "a message key is missing");
    let left = english_words_in(&text);
    assert!(left.is_empty(), "English left in the French page: {left:?}");

    let s = wd.json(JSON);
    assert_eq!(s["lang"], "fr");
    let f = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "prerequisite-never-taught")
        .expect("a prerequisite-never-taught finding");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("n'est enseigné nulle part"),
        "{f}"
    );
    assert_eq!(f["args"]["prerequisite"], "L1.DAT.2");
    assert_eq!(s["levels"][0]["name"], "Connaissance de l'IA");
}

#[test]
fn lang_en_writes_the_same_programme_in_english() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.cmd()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["report", NURSING, "--lang", "en"])
        .assert()
        .success();
    let html = wd.read(PAGE);
    assert!(html.contains("<html lang=\"en\">"));
    for heading in [
        "<h2>Summary</h2>",
        "<h2>Coverage by year</h2>",
        "<h2>Findings</h2>",
    ] {
        assert!(html.contains(heading), "no {heading}");
    }
    let text = visible_text(&html);
    assert!(text.contains("generated 2 December 2025"));
    assert!(text.contains("(85%)"));
    assert!(text.contains("L0.FND.1 AI concepts and vocabulary"));
    assert!(!text.contains("Synthèse") && !text.contains("Constats"));
    assert!(!html.contains("⟦missing⟧"), "a message key is missing");
    let s = wd.json(JSON);
    assert_eq!(s["lang"], "en");
    // The same findings, in other words: the codes and parameters do not
    // depend on the language.
    wd.cmd()
        .args(["report", NURSING, "--lang", "fr", "-o", "fr"])
        .assert()
        .success();
    let fr = wd.json("fr/diplome-d-etat-d-infirmier-ifsi.json");
    let codes = |s: &serde_json::Value| -> Vec<(String, String)> {
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["code"].to_string(), f["args"].to_string()))
            .collect()
    };
    assert_eq!(codes(&s), codes(&fr));
    assert_ne!(s["findings"][0]["message"], fr["findings"][0]["message"]);
}

#[test]
fn an_english_programme_gets_an_english_report_and_the_portfolio_follows_the_majority() {
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.run(["report"], 0);
    let msc = wd.read("reports/msc-health-data-science.html");
    assert!(msc.contains("<html lang=\"en\">"));
    // Two of the three samples are French.
    assert!(wd.read("reports/index.html").contains("<html lang=\"fr\">"));
    wd.run(["report", "--lang", "en", "-o", "en"], 0);
    assert!(wd.read("en/index.html").contains("<html lang=\"en\">"));
}
