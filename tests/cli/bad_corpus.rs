//! The bad-input corpus: every file in `tests/fixtures/bad/` (and a few too
//! big to commit, generated here) goes through `aimap check` and
//! `aimap report`. Each must give exactly the output in
//! `tests/fixtures/bad/<file>.expected` — exit code, then stdout, then
//! stderr — within a time bound, never panic, and never leave a partial
//! report: a failing run writes no file.
//!
//! `AIMAP_BLESS=1 cargo test bad_corpus` rewrites the expected files (read
//! every diff before committing them).

use crate::workdir::{Workdir, repo, stderr, stdout};
use std::path::PathBuf;
use std::time::Duration;

/// Far above any input of the corpus (each takes well under a second in a
/// debug build); a run taking longer is a hang.
const TIME_BOUND: Duration = Duration::from_secs(60);

fn corpus() -> PathBuf {
    repo().join("tests/fixtures/bad")
}

/// Inputs too big to commit, made on the fly.
fn generated(name: &str) -> Option<Vec<u8>> {
    match name {
        // One field of 10 MiB (an unclosed quote swallowing a file does this).
        "field-10mb.csv" => {
            let mut s = String::from("code UE;objectif pédagogique\nUE1;");
            s.push_str(&"x".repeat(10 * 1024 * 1024));
            s.push('\n');
            Some(s.into_bytes())
        }
        // A header row of 100,000 columns.
        "columns-100000.csv" => {
            let mut s = String::from("code UE;objectif");
            for i in 0..100_000 {
                s.push_str(&format!(";c{i}"));
            }
            s.push_str("\nUE1;Expliquer l'IA\n");
            Some(s.into_bytes())
        }
        // XML nested a million elements deep.
        "nested-1000000.xml" => {
            let n = 1_000_000;
            let mut s = String::from("<?xml version=\"1.0\"?>\n<CurriculumInventory>");
            s.push_str(&"<a>".repeat(n));
            s.push_str(&"</a>".repeat(n));
            s.push_str("</CurriculumInventory>\n");
            Some(s.into_bytes())
        }
        _ => None,
    }
}

/// `exit N`, then stdout, then `--- stderr` and stderr.
fn transcript(output: &std::process::Output) -> String {
    format!(
        "exit {}\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        stdout(output),
        stderr(output)
    )
}

#[test]
fn every_bad_input_gives_its_expected_message_and_no_partial_report() {
    let bless = std::env::var_os("AIMAP_BLESS").is_some();
    let mut cases: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".expected").map(str::to_owned))
        .collect();
    if bless {
        for entry in std::fs::read_dir(corpus()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !name.ends_with(".expected") && !cases.contains(&name) {
                cases.push(name);
            }
        }
        for name in ["field-10mb.csv", "columns-100000.csv", "nested-1000000.xml"] {
            if !cases.iter().any(|c| c == name) {
                cases.push(name.to_owned());
            }
        }
    }
    cases.sort();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for name in &cases {
        let wd = Workdir::new();
        let bytes = match generated(name) {
            Some(b) => b,
            None => std::fs::read(corpus().join(name))
                .unwrap_or_else(|e| panic!("{name}: no input file: {e}")),
        };
        wd.write(name, &bytes);
        let check = wd
            .cmd()
            .args(["check", name])
            .timeout(TIME_BOUND)
            .output()
            .unwrap();
        let got = transcript(&check);
        let expected_path = corpus().join(format!("{name}.expected"));
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap();
            if got != expected {
                failures.push(format!("{name}:\n--- expected\n{expected}\n--- got\n{got}"));
            }
        }
        let err = stderr(&check);
        assert!(!err.contains("panicked"), "{name} panicked: {err}");
        assert!(
            matches!(check.status.code(), Some(0 | 2)),
            "{name}: exit {:?}",
            check.status.code()
        );
        if check.status.code() == Some(2) && err.starts_with("error: ") {
            assert!(
                stdout(&check).is_empty(),
                "{name}: output before a fatal error"
            );
        }

        // The same input through `report`: exit 2 leaves no file at all.
        let report = wd
            .cmd()
            .args(["report", name, "-o", "out"])
            .timeout(TIME_BOUND)
            .output()
            .unwrap();
        assert!(
            !stderr(&report).contains("panicked"),
            "{name} panicked in report"
        );
        match report.status.code() {
            Some(0) => assert!(wd.files("out").contains(&"index.html".to_owned()), "{name}"),
            Some(2) => assert!(
                wd.files("out").is_empty(),
                "{name}: partial report {:?}",
                wd.files("out")
            ),
            other => panic!("{name}: report exit {other:?}"),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
