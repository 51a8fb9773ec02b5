//! The report in a real browser: headless Chromium prints each page to PDF,
//! as a committee member would, and the printed text must hold what the page
//! says (no section lost to the print style, collapsed notes included).
//!
//! Needs `chromium` and `pdftotext` (poppler-utils); `.ci/run` installs both
//! and sets `AIMAP_BROWSER_TESTS=required`, so CI never skips these tests.
//! Elsewhere they are skipped with a note when the tools are missing.

use crate::workdir::Workdir;
use std::path::Path;
use std::process::Command;

fn available(program: &str, version_flag: &str) -> bool {
    Command::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the browser tests can run here; panics when they are required
/// but the tools are missing.
fn browser_ready() -> bool {
    let ready = available("chromium", "--version")
        && available("pdftotext", "-v")
        && available("pdfinfo", "-v");
    if !ready {
        assert!(
            std::env::var("AIMAP_BROWSER_TESTS").as_deref() != Ok("required"),
            "AIMAP_BROWSER_TESTS=required but chromium, pdftotext or pdfinfo is missing"
        );
        eprintln!("note: chromium or pdftotext not found; browser tests skipped");
    }
    ready
}

/// A printed page: its page count, paper size (points) and text.
struct Printed {
    pages: usize,
    size: String,
    text: String,
}

/// Prints `page` to PDF with headless Chromium. Panics when the page logs
/// anything to the console: a script error, or a request that the page's
/// Content-Security-Policy blocked (a page that needs the network).
fn print(wd: &Workdir, page: &Path) -> Printed {
    let pdf = wd.path(format!(
        "{}.pdf",
        page.file_stem().unwrap().to_string_lossy()
    ));
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(page)
        .output()
        .expect("run chromium");
    assert!(
        status.status.success(),
        "chromium failed on {}",
        page.display()
    );
    let log = String::from_utf8_lossy(&status.stderr);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "{} logs to the console: {console:#?}",
        page.display()
    );
    let bytes = std::fs::read(&pdf).expect("chromium wrote the PDF");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("run pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_else(|| panic!("pdfinfo gives no {name}"))
    };
    Printed {
        pages: field("Pages:").parse().unwrap(),
        size: field("Page size:"),
        text: String::from_utf8_lossy(&text.stdout).into_owned(),
    }
}

#[test]
fn every_report_page_prints_with_all_its_content() {
    if !browser_ready() {
        return;
    }
    let wd = Workdir::new();
    wd.copy_repo("curricula");
    wd.cmd().arg("report").assert().success();
    for name in wd.files("reports") {
        let Some(slug) = name.strip_suffix(".html") else {
            continue;
        };
        let html = wd.read(format!("reports/{name}"));
        for remote in ["src=\"http", "href=\"http", "url(http", "@import"] {
            assert!(!html.contains(remote), "{name} loads {remote}…");
        }
        let Printed { pages, size, text } = print(&wd, &wd.path("reports").join(&name));
        assert!(size.ends_with("(A4)"), "{name}: printed on {size}");
        assert!((1..=30).contains(&pages), "{name}: {pages} pages");
        if slug == "diplome-d-etat-d-infirmier-ifsi" {
            assert!(pages <= 6, "{name}: {pages} A4 pages, more than 6");
        }
        if slug == "index" {
            for page in wd.files("reports").iter().filter(|f| f.ends_with(".json")) {
                let summary = wd.json(format!("reports/{page}"));
                let program = summary["program"]["name"].as_str().unwrap();
                let first_word = program.split_whitespace().next().unwrap();
                assert!(text.contains(first_word), "index lacks {program}");
            }
            continue;
        }
        let summary = wd.json(format!("reports/{slug}.json"));
        // Every competency row of the coverage table is printed.
        for c in summary["competencies"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            assert!(text.contains(id), "{name}: {id} is not printed");
        }
        // Every finding code is printed, notes folded on screen included.
        for f in summary["findings"].as_array().unwrap() {
            let code = f["code"].as_str().unwrap();
            assert!(text.contains(code), "{name}: finding {code} is not printed");
        }
        // Every outcome that teaches a competency is printed; courses that
        // teach none are printed by code in one folded line.
        for o in summary["outcomes"].as_array().unwrap() {
            let id = o["id"].as_str().unwrap();
            let mapped = !o["mappings"].as_array().unwrap().is_empty();
            assert!(
                !mapped || text.contains(id),
                "{name}: outcome {id} is not printed"
            );
        }
        // A code may wrap at a line end of the printed page.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for c in summary["courses"].as_array().unwrap() {
            let code = c["code"].as_str().unwrap();
            assert!(flat.contains(code), "{name}: course {code} is not printed");
        }
    }
}
