//! A temporary folder to run `aimap` in, with helpers to write inputs,
//! copy fixtures and read outputs. Not every test module uses every helper.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The repository root (where `curricula/`, `frameworks/`, `tests/` are).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Workdir {
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    pub fn path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.dir.path().join(rel)
    }

    #[track_caller]
    pub fn write(&self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Copies a file or folder of the repository (e.g. `curricula`) into the
    /// work folder under the same relative path.
    #[track_caller]
    pub fn copy_repo(&self, rel: &str) {
        copy_tree(&repo().join(rel), &self.path(rel));
    }

    /// Copies `tests/fixtures/<rel>` to `<rel>` in the work folder.
    #[track_caller]
    pub fn copy_fixture(&self, rel: &str) -> PathBuf {
        let dest = self.path(rel);
        copy_tree(&repo().join("tests/fixtures").join(rel), &dest);
        dest
    }

    /// Runs `aimap ARGS` in the work folder, asserts its exit code and
    /// returns what it printed.
    #[track_caller]
    pub fn run<I, S>(&self, args: I, code: i32) -> std::process::Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd()
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .clone()
    }

    /// `aimap` run in the work folder.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("aimap"));
        cmd.current_dir(self.dir.path());
        cmd.env_remove("SOURCE_DATE_EPOCH");
        cmd
    }

    #[track_caller]
    pub fn read(&self, rel: impl AsRef<Path>) -> String {
        let path = self.path(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    #[track_caller]
    pub fn json(&self, rel: impl AsRef<Path>) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).expect("valid JSON")
    }

    /// Names of the files in a folder of the work folder, sorted; empty when
    /// the folder does not exist.
    pub fn files(&self, rel: impl AsRef<Path>) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.path(rel)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
    }
}

/// stdout of a finished command, as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr of a finished command, as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
