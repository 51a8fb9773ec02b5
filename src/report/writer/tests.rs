//! The writer against a file system that fails: any sequence of failed
//! writes, renames, syncs and removals, or a crash (every operation from
//! one on failing, as when the process is killed), leaves the old report
//! or the new one, never a mix, and never loses a user's file; the next run
//! then puts everything in order.

use super::fs::{Fs, RealFs};
use super::{ReportFolder, Sink, write_file};
use proptest::prelude::*;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// How the file system fails.
#[derive(Debug, Clone)]
enum Plan {
    /// These operations (counted from 0) fail; the others work.
    Fail(BTreeSet<usize>),
    /// Operation `n` and every one after it fail: the process died there.
    CrashAt(usize),
}

/// The real file system, with operations failing by `plan`, and optionally
/// without an atomic exchange (the fallback of two renames).
struct FailingFs {
    real: RealFs,
    plan: Plan,
    exchange: bool,
    count: Rc<Cell<usize>>,
}

impl FailingFs {
    fn new(plan: Plan, exchange: bool) -> Self {
        FailingFs {
            real: RealFs,
            plan,
            exchange,
            count: Rc::new(Cell::new(0)),
        }
    }

    fn step(&self) -> io::Result<()> {
        let n = self.count.get();
        self.count.set(n + 1);
        let fail = match &self.plan {
            Plan::Fail(set) => set.contains(&n),
            Plan::CrashAt(k) => n >= *k,
        };
        if fail {
            Err(io::Error::other(format!(
                "injected failure at operation {n}"
            )))
        } else {
            Ok(())
        }
    }
}

impl Fs for FailingFs {
    fn create_dir(&self, path: &Path) -> io::Result<()> {
        self.step()?;
        self.real.create_dir(path)
    }
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.step()?;
        // A failed write may leave part of the file, as a full disk does.
        if let Err(e) = self.step() {
            let _ = self.real.write_new(path, &bytes[..bytes.len() / 2]);
            return Err(e);
        }
        self.real.write_new(path, bytes)
    }
    fn create_new(&self, path: &Path) -> io::Result<File> {
        self.step()?;
        self.real.create_new(path)
    }
    fn write_locked(&self, path: &Path, bytes: &[u8]) -> io::Result<File> {
        self.step()?;
        self.real.write_locked(path, bytes)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.step()?;
        self.real.rename(from, to)
    }
    fn rename_noreplace(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.step()?;
        self.real.rename_noreplace(from, to)
    }
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        self.step()?;
        if !self.exchange {
            return Err(io::Error::from(io::ErrorKind::Unsupported));
        }
        self.real.exchange(a, b)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.step()?;
        self.real.remove_file(path)
    }
    fn remove_dir(&self, path: &Path) -> io::Result<()> {
        self.step()?;
        self.real.remove_dir(path)
    }
    fn sync_folder_files(&self, dir: &Path) -> io::Result<()> {
        self.step()?;
        self.real.sync_folder_files(dir)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.step()?;
        self.real.sync_dir(dir)
    }
    fn sync_file(&self, file: &File) -> io::Result<()> {
        self.step()?;
        self.real.sync_file(file)
    }
}

/// The user's own files in the output folder, kept through every run.
const USER: [(&str, &str); 3] = [
    ("notes.txt", "my notes"),
    ("own/deep.txt", "deep"),
    (".gitignore", "*\n"),
];

fn report(tag: &str, programmes: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for p in programmes {
        for ext in ["html", "json"] {
            let name = format!("{p}.{ext}");
            files.insert(name.clone(), format!("{tag} {name}").into_bytes());
        }
    }
    files.insert(
        "index.html".into(),
        format!("{tag} index {programmes:?}").into_bytes(),
    );
    files
}

/// Writes `files` into `out` through `fs`: what a `report` run does.
fn write(fs: impl Fs, out: &Path, files: &BTreeMap<String, Vec<u8>>) -> anyhow::Result<()> {
    let mut folder = ReportFolder::begin_with(fs, out, &[])?;
    for (name, bytes) in files {
        folder.add(name, bytes)?;
    }
    folder.commit().map(|_| ())
}

/// The report files in `out`: everything but the user's files and aimap's
/// own; `None` when `out` does not exist.
fn report_in(out: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let entries = std::fs::read_dir(out).ok()?;
    let mut files = BTreeMap::new();
    for e in entries {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        if name.starts_with(".aimap-")
            || USER.iter().any(|(u, _)| u.split('/').next() == Some(&name))
        {
            continue;
        }
        files.insert(name, std::fs::read(e.path()).unwrap());
    }
    Some(files)
}

/// Where each user file is: `true` when in `out`, `false` when only in a
/// folder aimap left beside it (to be put back by the next run). Panics
/// when one is lost or changed.
fn user_files_safe(parent: &Path, out: &Path) -> bool {
    let mut all_home = true;
    for (rel, text) in USER {
        if std::fs::read_to_string(out.join(rel)).is_ok_and(|t| t == text) {
            continue;
        }
        all_home = false;
        let elsewhere = std::fs::read_dir(parent).unwrap().any(|e| {
            let p = e.unwrap().path();
            p != out && std::fs::read_to_string(p.join(rel)).is_ok_and(|t| t == text)
        });
        assert!(elsewhere, "the user's `{rel}` is lost");
    }
    all_home
}

fn siblings(parent: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "out")
        .collect();
    names.sort();
    names
}

/// A folder with the old report and the user's files.
fn setup() -> (tempfile::TempDir, PathBuf, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let old = report("old", &["a", "b"]);
    write(RealFs, &out, &old).unwrap();
    for (rel, text) in USER {
        let path = out.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (dir, out, old)
}

fn check_run(plan: Plan, exchange: bool) {
    let (dir, out, old) = setup();
    let new = report("new", &["a", "c"]);
    let crash = matches!(plan, Plan::CrashAt(_));
    let result = write(FailingFs::new(plan, exchange), &out, &new);

    // Right after the run, before any repair.
    match report_in(&out) {
        Some(now) => {
            assert!(now == old || now == new, "a mix: {:?}", now.keys());
            if result.is_ok() {
                assert!(now == new, "success, but the old report is in place");
            }
            if result.is_err() && !crash && exchange {
                assert!(now == old, "failed, but the new report is in place");
            }
        }
        // Only the fallback's two renames can leave no output folder, for
        // the next run to repair.
        None => assert!(!exchange && result.is_err(), "the output folder is gone"),
    }
    user_files_safe(dir.path(), &out);

    // The next run (here: one that begins, then stops) repairs everything.
    drop(ReportFolder::begin_with(RealFs, &out, &[]).unwrap());
    let now = report_in(&out).expect("the output folder is back");
    assert!(
        now == old || now == new,
        "a mix after repair: {:?}",
        now.keys()
    );
    if result.is_ok() {
        assert!(now == new);
    }
    assert!(
        user_files_safe(dir.path(), &out),
        "a user file was not put back"
    );
    assert_eq!(siblings(dir.path()), Vec::<String>::new(), "leftovers");
    assert!(!out.join(super::MARKER).exists());
    let manifest = super::read_manifest(&out).expect("a manifest");
    assert_eq!(manifest, now.keys().cloned().collect());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn failures_leave_the_old_report_or_the_new_one(
        failing in proptest::collection::btree_set(0usize..48, 0..6),
        exchange in any::<bool>(),
    ) {
        check_run(Plan::Fail(failing), exchange);
    }

    #[test]
    fn a_crash_anywhere_leaves_the_old_report_or_the_new_one(
        at in 0usize..48,
        exchange in any::<bool>(),
    ) {
        check_run(Plan::CrashAt(at), exchange);
    }
}

#[test]
fn every_crash_point_is_covered_by_the_range_tested() {
    // A run without failures takes fewer operations than the property
    // tests' range, so every operation of it is a crash point they try.
    let (_dir, out, _) = setup();
    let fs = FailingFs::new(Plan::Fail(BTreeSet::new()), true);
    let count = Rc::clone(&fs.count);
    write(fs, &out, &report("new", &["a", "c"])).unwrap();
    assert!(count.get() < 48, "{} operations", count.get());
}

#[test]
fn writes_every_file_and_a_manifest_and_leaves_nothing_beside() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(RealFs, &out, &report("x", &["a"])).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, [".aimap-manifest", "a.html", "a.json", "index.html"]);
    assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"x a.html");
    assert_eq!(siblings(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn report_files_get_the_mode_of_any_file_the_user_saves() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(RealFs, &out, &report("x", &["a"])).unwrap();
    std::fs::write(out.join("saved.txt"), b"x").unwrap();
    let mode = |name: &str| {
        std::fs::metadata(out.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("a.html"), mode("saved.txt"));
}

#[cfg(unix)]
#[test]
fn the_new_folder_keeps_the_permissions_of_the_old_one() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, out, _) = setup();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o750)).unwrap();
    write(RealFs, &out, &report("new", &["a"])).unwrap();
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o750);
}

#[test]
fn a_staging_folder_of_a_live_run_is_left_alone() {
    let (dir, out, _) = setup();
    let mut first = ReportFolder::begin(&out, &[]).unwrap();
    first.add("a.html", b"first").unwrap();
    // A second run on the same folder meanwhile: it must not take the
    // first one's staging folder for a dead run's.
    write(RealFs, &out, &report("second", &["a"])).unwrap();
    first.add("index.html", b"first index").unwrap();
    first.commit().unwrap();
    assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"first");
    assert!(user_files_safe(dir.path(), &out));
    assert_eq!(siblings(dir.path()), Vec::<String>::new());
}

#[test]
fn a_folder_written_before_manifests_loses_only_what_the_new_report_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let page = |title: &str| {
        format!(
            "<!DOCTYPE html>\n<html><body>{title}<footer>aimap 0.1.0 · framework x</footer></body></html>\n"
        )
    };
    std::fs::write(out.join("index.html"), page("old index")).unwrap();
    std::fs::write(out.join("gone.html"), page("a programme since removed")).unwrap();
    std::fs::write(out.join("mine.html"), "<p>mine</p>").unwrap();
    std::fs::write(
        out.join(".aimap-Ab12Cd.tmp"),
        "a temporary of the old writer",
    )
    .unwrap();
    write(RealFs, &out, &report("new", &["a"])).unwrap();
    assert_eq!(
        std::fs::read(out.join("index.html")).unwrap(),
        b"new index [\"a\"]"
    );
    assert!(out.join("gone.html").exists(), "not listed anywhere: kept");
    assert_eq!(
        std::fs::read_to_string(out.join("mine.html")).unwrap(),
        "<p>mine</p>"
    );
    assert!(!out.join(".aimap-Ab12Cd.tmp").exists());

    // A user's page with a report file's name is refused, not replaced.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("a.html"), "<p>mine</p>").unwrap();
    let err = write(RealFs, &other, &report("new", &["a"])).unwrap_err();
    assert!(format!("{err:#}").contains("a.html"), "{err:#}");
    assert_eq!(
        std::fs::read_to_string(other.join("a.html")).unwrap(),
        "<p>mine</p>"
    );
}

#[test]
fn a_report_folder_refuses_names_no_file_system_takes() {
    let dir = tempfile::tempdir().unwrap();
    let mut folder = ReportFolder::begin(&dir.path().join("out"), &[]).unwrap();
    for bad in [
        "",
        "..",
        "a/b",
        "nul.html",
        ".aimap-manifest",
        &"x".repeat(256),
    ] {
        assert!(folder.add(bad, b"x").is_err(), "{bad:?}");
    }
    assert!(folder.add("ok.html", b"x").is_ok());
    assert!(folder.add("ok.html", b"x").is_err(), "twice");
}

#[test]
fn a_single_file_is_old_or_new_whatever_fails() {
    for exchange in [true, false] {
        for k in 0..8 {
            for plan in [Plan::CrashAt(k), Plan::Fail([k].into())] {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("review.csv");
                std::fs::write(&path, "old").unwrap();
                let fs = FailingFs::new(plan.clone(), exchange);
                let result = super::file::write_file_with(&fs, &path, b"new", &[]);
                let now = std::fs::read_to_string(&path).unwrap();
                assert!(now == "old" || now == "new", "{plan:?}: {now}");
                if result.is_ok() {
                    assert_eq!(now, "new", "{plan:?}");
                }
                // The next run removes what a dead one left.
                write_file(&path, b"again", &[]).unwrap();
                let mut names: Vec<String> = std::fs::read_dir(dir.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name().into_string().unwrap())
                    .collect();
                names.sort();
                assert_eq!(names, ["review.csv"], "{plan:?}");
            }
        }
    }
}

/// Where the fallback switch stopped between its two renames: the
/// previous report aside at `old-…`, and `OUT` missing.
fn moved_aside() -> (
    tempfile::TempDir,
    PathBuf,
    PathBuf,
    BTreeMap<String, Vec<u8>>,
) {
    let (dir, out, old) = setup();
    let aside = dir.path().join(".out.aimap-old-1-1");
    std::fs::rename(&out, &aside).unwrap();
    (dir, out, aside, old)
}

#[test]
fn an_emptied_staging_folder_is_never_put_back_as_the_previous_report() {
    let (dir, out, _, old) = moved_aside();
    // The run's staging folder, emptied down to its marker, then the
    // marker too, but not removed (`failing = {17, 18, 26}` of the
    // property test, without the exchange).
    std::fs::create_dir(dir.path().join(".out.aimap-new-1-1")).unwrap();
    drop(ReportFolder::begin_with(RealFs, &out, &[]).unwrap());
    assert_eq!(report_in(&out), Some(old));
    assert!(
        user_files_safe(dir.path(), &out),
        "a user file was not put back"
    );
    assert_eq!(siblings(dir.path()), Vec::<String>::new(), "leftovers");
}

#[test]
fn a_previous_report_that_cannot_be_put_back_waits_whole_for_the_next_run() {
    let (dir, out, aside, old) = moved_aside();
    // Operation 0 is putting the previous report back.
    let fs = FailingFs::new(Plan::Fail([0].into()), false);
    drop(ReportFolder::begin_with(fs, &out, &[]).unwrap());
    assert_eq!(
        report_in(&aside),
        Some(old.clone()),
        "the previous report is kept"
    );
    user_files_safe(dir.path(), &out);
    drop(ReportFolder::begin_with(RealFs, &out, &[]).unwrap());
    assert_eq!(report_in(&out), Some(old));
    assert!(
        user_files_safe(dir.path(), &out),
        "a user file was not put back"
    );
    assert_eq!(siblings(dir.path()), Vec::<String>::new(), "leftovers");
}
