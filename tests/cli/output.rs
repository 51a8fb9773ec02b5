//! What aimap writes, and what it must never do while writing: write over
//! one of its inputs, leave a half-replaced report or temporary files behind
//! (after a failure, Ctrl-C, SIGTERM or SIGKILL), keep pages of programmes
//! that are gone, remove a user's file, run out of file descriptors, write a
//! CSV cell a spreadsheet would run as a formula, or print control
//! characters to the terminal. `docs/reliability.md` lists each promise with
//! the test here that holds it.

use crate::workdir::{Workdir, stderr, stdout};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

const MAQUETTE: &str = "\
program,course_code,course_title,year,outcome_id,outcome,competencies
Nursing BSc,NUR101,Digital health,1,N1,Discuss the uses and limits of AI tools in nursing care.,
Nursing BSc,NUR101,Digital health,1,N2,Write SQL queries to extract ward admissions from the clinical data warehouse.,
Nursing BSc,NUR102,Data analysis,2,N4,Describe descriptive statistics in R.,L1.STA.1
";

/// A CSV of `n` programmes, one course and one outcome each; `tag` goes
/// into every outcome, so that two tags give two reports differing in
/// every file.
fn programmes_csv(n: usize, tag: &str) -> String {
    let mut s = String::from("program,course_code,course_title,year,outcome,competencies\n");
    for i in 0..n {
        s.push_str(&format!(
            "Programme {i:05},C{i},Digital health {tag},1,Discuss the limits of AI tools ({tag}).,L0.FND.1\n"
        ));
    }
    s
}

/// Every file of a folder (recursively), path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.unwrap();
            let path = e.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Names in `dir` (not recursive) that aimap made for its own bookkeeping
/// or as temporaries: anything with `aimap` in its name.
fn aimap_leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("aimap") && n != ".aimap-manifest")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

// ---------------------------------------------------------------------------
// Item 1: no command writes over one of its inputs.

#[test]
fn suggest_refuses_to_write_over_its_curriculum() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    let out = wd.run(["suggest", "maquette.csv", "-o", "./maquette.csv"], 2);
    let err = stderr(&out);
    assert!(
        err.contains("`./maquette.csv`") && err.contains("`maquette.csv`"),
        "names both paths: {err}"
    );
    assert_eq!(wd.read("maquette.csv"), MAQUETTE);
}

#[cfg(unix)]
#[test]
fn suggest_refuses_a_hard_link_or_a_symlinked_path_to_an_input() {
    let wd = Workdir::new();
    wd.write("data/maquette.csv", MAQUETTE);
    std::fs::hard_link(wd.path("data/maquette.csv"), wd.path("copy.csv")).unwrap();
    std::os::unix::fs::symlink(wd.path("data"), wd.path("link")).unwrap();
    for target in ["copy.csv", "link/maquette.csv"] {
        let out = wd.run(["suggest", "data/maquette.csv", "-o", target], 2);
        let err = stderr(&out);
        assert!(
            err.contains(&format!("`{target}`")) && err.contains("`data/maquette.csv`"),
            "{target}: {err}"
        );
        assert_eq!(wd.read("data/maquette.csv"), MAQUETTE, "{target}");
    }
    // A file inside an input folder is an input too.
    let out = wd.run(["suggest", "data", "-o", "data/maquette.csv"], 2);
    assert!(
        stderr(&out).contains("`data/maquette.csv`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(wd.read("data/maquette.csv"), MAQUETTE);
}

#[test]
fn suggest_refuses_to_write_over_a_review_file_or_the_ci_crosswalk_it_reads() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    wd.run(["suggest", "maquette.csv", "-o", "review.csv"], 0);
    let review = wd.read("review.csv");
    let out = wd.run(
        ["suggest", "maquette.csv", "review.csv", "-o", "review.csv"],
        2,
    );
    assert!(stderr(&out).contains("`review.csv`"), "{}", stderr(&out));
    assert_eq!(wd.read("review.csv"), review);

    let crosswalk = wd.copy_fixture("import/ci-crosswalk.csv");
    let before = std::fs::read(&crosswalk).unwrap();
    let out = wd.run(
        [
            "suggest",
            "maquette.csv",
            "--ci-crosswalk",
            "import/ci-crosswalk.csv",
            "-o",
            "import/ci-crosswalk.csv",
        ],
        2,
    );
    assert!(
        stderr(&out).contains("`import/ci-crosswalk.csv`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&crosswalk).unwrap(), before);
}

#[test]
fn report_refuses_an_output_folder_that_holds_one_of_its_inputs() {
    let wd = Workdir::new();
    wd.write("out/maquette.csv", MAQUETTE);
    let before = tree(&wd.path("out"));
    let out = wd.run(["report", "out/maquette.csv", "-o", "out"], 2);
    let err = stderr(&out);
    assert!(
        err.contains("`out/maquette.csv`") && err.contains("`out`"),
        "{err}"
    );
    assert_eq!(tree(&wd.path("out")), before);

    // A framework inside the output folder: the same refusal.
    wd.write("maquette.csv", MAQUETTE);
    let framework =
        std::fs::read(crate::workdir::repo().join("frameworks/ai-skills-3-levels.toml")).unwrap();
    wd.write("reports/framework.toml", &framework);
    let out = wd.run(
        ["report", "maquette.csv", "-f", "reports/framework.toml"],
        2,
    );
    assert!(
        stderr(&out).contains("`reports/framework.toml`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(wd.files("reports"), ["framework.toml"]);
}

#[test]
fn report_refuses_the_working_folder_itself_as_output() {
    let wd = Workdir::new();
    wd.write("in/maquette.csv", MAQUETTE);
    wd.write("here/notes.txt", "mine");
    let out = wd
        .cmd()
        .current_dir(wd.path("here"))
        .args(["report", "../in/maquette.csv", "-o", "."])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("working folder"), "{}", stderr(&out));
    assert_eq!(wd.files("here"), ["notes.txt"]);
}

// ---------------------------------------------------------------------------
// Item 2: file names are always valid, and a report is all-old or all-new.

#[test]
fn a_programme_name_too_long_for_a_file_name_still_gets_its_page() {
    let wd = Workdir::new();
    let long = "Master en sciences des données de santé appliquées ".repeat(8);
    let csv = format!(
        "program,course_code,course_title,outcome\n\
         {long}A,C1,Cours,Discuss the limits of AI tools.\n\
         {long}B,C1,Cours,Discuss the limits of AI tools.\n\
         Short,C1,Cours,Discuss the limits of AI tools.\n"
    );
    wd.write("long.csv", &csv);
    wd.run(["report", "long.csv"], 0);
    let files = wd.files("reports");
    let pages: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with(".html") && *f != "index.html")
        .collect();
    assert_eq!(pages.len(), 3, "one page each, names unique: {files:?}");
    let index = wd.read("reports/index.html");
    for f in &files {
        assert!(f.len() <= 255, "{} bytes: {f}", f.len());
    }
    for p in pages {
        assert!(index.contains(&format!("href=\"{p}\"")), "index links {p}");
    }
}

#[test]
fn programmes_named_after_windows_devices_get_other_file_names() {
    let wd = Workdir::new();
    let mut csv = String::from("program,course_code,course_title,outcome\n");
    for name in ["CON", "prn", "Aux", "NUL", "com1", "COM9", "lpt1", "Lpt9"] {
        csv.push_str(&format!(
            "{name},C1,Cours,Discuss the limits of AI tools.\n"
        ));
    }
    wd.write("devices.csv", &csv);
    wd.run(["report", "devices.csv"], 0);
    let files = wd.files("reports");
    assert_eq!(files.iter().filter(|f| f.ends_with(".html")).count(), 9);
    for f in &files {
        let stem = f.split('.').next().unwrap().to_ascii_lowercase();
        let device = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
            || ((stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit());
        assert!(!device, "{f} is a Windows device name");
    }
}

/// Starts `aimap report big.csv -o reports` on `input`, waits until `ready`
/// says the run has reached the moment to interrupt, then sends `signal`
/// (`KILL` or `TERM`). Returns whether the moment was reached before the
/// run ended.
fn interrupt(wd: &Workdir, signal: &str, ready: impl Fn() -> bool) -> bool {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("aimap"))
        .args(["report", "big.csv", "--no-suggest", "-o", "reports"])
        .current_dir(wd.path(""))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut reached = false;
    while start.elapsed() < Duration::from_secs(120) {
        if ready() {
            reached = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    if reached {
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
    child.wait().unwrap();
    reached
}

/// The report files of `dir` (everything but the user's files).
fn report_files(dir: &Path, user: &[&str]) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
        .into_iter()
        .filter(|(k, _)| !user.contains(&k.as_str()) && !k.starts_with(".aimap-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_report_killed_while_switching_leaves_the_old_or_the_new_report_whole() {
    const USER: &[&str] = &["notes.txt", "own/kept.txt"];
    let wd = Workdir::new();
    // The expected old and new reports, written elsewhere.
    wd.write("big.csv", programmes_csv(300, "old"));
    wd.run(["report", "big.csv", "--no-suggest", "-o", "old"], 0);
    wd.write("big.csv", programmes_csv(300, "new"));
    wd.run(["report", "big.csv", "--no-suggest", "-o", "new"], 0);
    let old = report_files(&wd.path("old"), USER);
    let new = report_files(&wd.path("new"), USER);

    for round in 0..3 {
        std::fs::remove_dir_all(wd.path("reports")).ok();
        wd.write("big.csv", programmes_csv(300, "old"));
        wd.run(["report", "big.csv", "--no-suggest"], 0);
        wd.write("reports/notes.txt", "mine");
        wd.write("reports/own/kept.txt", "mine too");
        wd.write("big.csv", programmes_csv(300, "new"));
        let index = wd.path("reports/index.html");
        let old_index = std::fs::read(&index).unwrap();
        // Kill as soon as any page of the report has changed.
        let reached = interrupt(&wd, "KILL", || {
            let dir = wd.path("reports");
            std::fs::read(&index).is_ok_and(|b| b != old_index)
                || std::fs::read_dir(&dir).is_ok_and(|mut e| {
                    e.any(|e| {
                        let p = e.unwrap().path();
                        p.extension().is_some_and(|x| x == "html" || x == "json")
                            && old
                                .get(&p.file_name().unwrap().to_string_lossy().into_owned())
                                .is_some_and(|o| std::fs::read(&p).is_ok_and(|b| &b != o))
                    })
                })
        });
        let now = report_files(&wd.path("reports"), USER);
        assert!(
            now == old || now == new,
            "round {round} (killed: {reached}): a mix of the old and new reports, {} files",
            now.len()
        );
        // The next run puts everything in order: the user's files are back.
        wd.run(["report", "big.csv", "--no-suggest"], 0);
        assert_eq!(report_files(&wd.path("reports"), USER), new);
        assert_eq!(wd.read("reports/notes.txt"), "mine");
        assert_eq!(wd.read("reports/own/kept.txt"), "mine too");
        assert!(aimap_leftovers(&wd.path("")).is_empty());
    }
}

// ---------------------------------------------------------------------------
// Item 3: Ctrl-C and SIGTERM clean up; a later run removes what SIGKILL left.

/// Whether aimap has started writing: a temporary or staging entry exists
/// in the work folder or in `reports/`.
fn writing(wd: &Workdir) -> bool {
    !aimap_leftovers(&wd.path("")).is_empty() || !aimap_leftovers(&wd.path("reports")).is_empty()
}

#[cfg(unix)]
#[test]
fn sigterm_while_writing_leaves_no_temporary_file_and_the_old_report() {
    let wd = Workdir::new();
    wd.write("big.csv", programmes_csv(300, "old"));
    wd.run(["report", "big.csv", "--no-suggest"], 0);
    let old = tree(&wd.path("reports"));
    wd.write("big.csv", programmes_csv(300, "new"));
    assert!(
        interrupt(&wd, "TERM", || writing(&wd)),
        "the run ended before it wrote anything"
    );
    assert_eq!(aimap_leftovers(&wd.path("")), Vec::<String>::new());
    assert_eq!(aimap_leftovers(&wd.path("reports")), Vec::<String>::new());
    assert!(tree(&wd.path("reports")) == old, "the old report is whole");
}

#[cfg(unix)]
#[test]
fn a_later_run_removes_what_a_killed_run_left() {
    let wd = Workdir::new();
    wd.write("big.csv", programmes_csv(300, "old"));
    wd.run(["report", "big.csv", "--no-suggest"], 0);
    wd.write("big.csv", programmes_csv(300, "new"));
    assert!(interrupt(&wd, "KILL", || writing(&wd)));
    // What an older aimap left: its temporary files in the output folder.
    wd.write("reports/.aimap-Xy12Ab.tmp", "half a page");
    wd.write("reports/notes.txt", "mine");
    wd.run(["report", "big.csv", "--no-suggest"], 0);
    assert_eq!(aimap_leftovers(&wd.path("")), Vec::<String>::new());
    assert_eq!(aimap_leftovers(&wd.path("reports")), Vec::<String>::new());
    assert_eq!(wd.read("reports/notes.txt"), "mine");

    // The same for the review file of `suggest`.
    wd.write("maquette.csv", MAQUETTE);
    wd.write(".review.csv.aimap-tmp-dead", "half a review");
    wd.write(".aimap-Zz99Qq.tmp", "half a review");
    wd.run(["suggest", "maquette.csv", "-o", "review.csv"], 0);
    assert_eq!(aimap_leftovers(&wd.path("")), Vec::<String>::new());
}

// ---------------------------------------------------------------------------
// Item 4: pages of programmes that are gone are removed, a user's file never.

#[test]
fn pages_of_a_programme_that_is_gone_are_removed_and_user_files_kept() {
    let wd = Workdir::new();
    wd.write("big.csv", programmes_csv(3, "x"));
    wd.run(["report", "big.csv", "--no-suggest"], 0);
    wd.write("reports/notes.txt", "mine");
    wd.write("reports/mine.html", "<p>my own page</p>");
    wd.write("reports/mine.json", "{}");
    wd.write("reports/own/deep.txt", "deep");
    wd.write("big.csv", programmes_csv(2, "x"));
    wd.run(["report", "big.csv", "--no-suggest"], 0);
    let files = wd.files("reports");
    assert!(
        !files.iter().any(|f| f.starts_with("programme-00002")),
        "{files:?}"
    );
    assert!(
        files.contains(&"programme-00001.html".to_owned()),
        "{files:?}"
    );
    assert_eq!(wd.read("reports/notes.txt"), "mine");
    assert_eq!(wd.read("reports/mine.html"), "<p>my own page</p>");
    assert_eq!(wd.read("reports/mine.json"), "{}");
    assert_eq!(wd.read("reports/own/deep.txt"), "deep");
}

#[test]
fn a_user_file_with_the_name_of_a_page_is_never_overwritten() {
    let wd = Workdir::new();
    wd.write("big.csv", programmes_csv(2, "x"));
    wd.write("reports/index.html", "<p>the faculty's own index</p>");
    let out = wd.run(["report", "big.csv", "--no-suggest"], 2);
    assert!(stderr(&out).contains("index.html"), "{}", stderr(&out));
    assert_eq!(
        wd.read("reports/index.html"),
        "<p>the faculty's own index</p>"
    );
    assert_eq!(wd.files("reports"), ["index.html"]);
}

// ---------------------------------------------------------------------------
// Item 5: no file descriptor held per file.

#[cfg(unix)]
#[test]
fn reports_many_more_programmes_than_the_open_file_limit() {
    let wd = Workdir::new();
    wd.write("big.csv", programmes_csv(400, "x"));
    // 801 files under a limit of 32 descriptors: the writer holds a fixed
    // number of them, whatever the number of programmes.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 32 && exec \"$@\"")
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin!("aimap"))
        .args(["report", "big.csv", "--no-suggest"])
        .current_dir(wd.path(""))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files = wd.files("reports");
    assert_eq!(
        files.iter().filter(|f| f.ends_with(".html")).count(),
        401,
        "{} files",
        files.len()
    );
}

// ---------------------------------------------------------------------------
// Item 10: CSV formula injection.

#[test]
fn review_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_read_back() {
    let wd = Workdir::new();
    wd.write(
        "evil.csv",
        "program,course_code,course_title,outcome_id,outcome\n\
         @Nursing,-NUR1,+Digital health,=N1,=HYPERLINK(x) Discuss the uses and limits of AI tools in nursing care.\n",
    );
    wd.run(["suggest", "evil.csv", "-o", "review.csv"], 0);
    let text = wd.read("review.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let mut rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty(), "{text}");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} would run as a formula"
            );
        }
        assert_eq!(&row[0], "'=N1");
        assert_eq!(&row[1], "'@Nursing");
        assert_eq!(&row[2], "'-NUR1");
        assert_eq!(&row[3], "'+Digital health");
        assert!(row[4].starts_with("'=HYPERLINK"), "{}", &row[4]);
    }
    // The reviewer accepts the first suggestion; the decision applies to
    // the outcome `=N1` of programme `@Nursing`, read back unchanged.
    let competency = rows[0][5].to_owned();
    let mut cells: Vec<String> = rows[0].iter().map(str::to_owned).collect();
    cells[11] = "oui".into();
    rows[0] = csv::StringRecord::from(cells);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    wd.write("review.csv", w.into_inner().unwrap());
    let out = wd.run(["report", "evil.csv", "review.csv"], 0);
    assert!(!stderr(&out).contains("review"), "{}", stderr(&out));
    let json = wd.json("reports/nursing.json");
    assert_eq!(json["program"]["name"], "@Nursing");
    let outcome = &json["outcomes"].as_array().unwrap()[0];
    assert_eq!(outcome["id"], "=N1");
    assert!(
        outcome["mappings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["competency"] == competency.as_str() && m["origin"] == "explicit"),
        "{outcome}"
    );
    // And the review file written again from it is the same file.
    wd.run(["suggest", "evil.csv", "review.csv", "-o", "again.csv"], 0);
    assert_eq!(wd.read("again.csv"), wd.read("review.csv"));
}

// ---------------------------------------------------------------------------
// Item 11: terminal escape injection.

#[test]
fn control_and_bidi_characters_never_reach_the_terminal_raw() {
    let wd = Workdir::new();
    wd.write(
        "evil.csv",
        "program,course_code,course_title,outcome,competencies,depth\n\
         Evil\u{1b}[2J\u{202e}Name\u{9b}31m,C1,Cours,Discuss the limits of AI tools.,L0.FND.1,R\u{1b}]0;pwned\u{7}\n",
    );
    let report = wd.run(["report", "evil.csv"], 0);
    let check = wd.run(["check", "evil.csv"], 2);
    let missing = wd.run(["report", "gone\u{1b}[2J.csv"], 2);
    for (what, text) in [
        ("report stdout", stdout(&report)),
        ("report stderr", stderr(&report)),
        ("check stdout", stdout(&check)),
        ("error", stderr(&missing)),
    ] {
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{what}: {text:?}"
        );
    }
    assert!(
        stdout(&report).contains("Evil\\u{1b}[2J\\u{202e}Name\\u{9b}31m"),
        "{}",
        stdout(&report)
    );
    assert!(
        stdout(&check).contains("R\\u{1b}]0;pwned\\u{7}"),
        "{}",
        stdout(&check)
    );
    assert!(stderr(&missing).contains("gone\\u{1b}[2J.csv"));
}

// ---------------------------------------------------------------------------
// Also: paths recorded in reports, Content-Security-Policy.

#[test]
fn reports_record_inputs_the_same_way_from_any_working_folder() {
    let wd = Workdir::new();
    wd.write("data/curricula/maquette.csv", MAQUETTE);
    wd.write("data/extra.csv", MAQUETTE.replace("Nursing BSc", "Other"));
    let root = wd.path("");
    let abs = wd.path("data/curricula");
    let abs = abs.to_str().unwrap();
    let extra = wd.path("data/extra.csv");
    let extra = extra.to_str().unwrap();
    wd.cmd()
        .args(["report", "data/curricula", "data/extra.csv", "-o", "a"])
        .assert()
        .success();
    wd.cmd()
        .current_dir(wd.path("data/curricula"))
        .args(["report", ".", "../extra.csv", "-o"])
        .arg(root.join("b"))
        .assert()
        .success();
    wd.cmd()
        .current_dir(wd.path("data"))
        .args(["report", abs, extra, "-o"])
        .arg(root.join("c"))
        .assert()
        .success();
    let a = tree(&wd.path("a"));
    assert_eq!(a, tree(&wd.path("b")));
    assert_eq!(a, tree(&wd.path("c")));
    let json = wd.json("a/nursing-bsc.json");
    assert_eq!(
        json["program"]["sources"],
        serde_json::json!(["curricula/maquette.csv"])
    );
    let home = root.to_string_lossy().into_owned();
    for (name, bytes) in &a {
        assert!(
            !String::from_utf8_lossy(bytes).contains(&home),
            "{name} shows an absolute path"
        );
    }
}

#[test]
fn pages_forbid_scripts_and_remote_loads() {
    let wd = Workdir::new();
    wd.write("maquette.csv", MAQUETTE);
    wd.run(["report", "maquette.csv"], 0);
    for name in ["index.html", "nursing-bsc.html"] {
        let html = wd.read(Path::new("reports").join(name));
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                 style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
            ),
            "{name}: {head}"
        );
    }
}
