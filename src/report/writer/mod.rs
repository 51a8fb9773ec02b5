//! The one place aimap's output reaches the disk. Two writers, both
//! all-or-nothing:
//!
//! - [`ReportFolder`] (a report: `index.html`, a page and a JSON summary per
//!   programme) writes the whole run into a fresh folder beside the output
//!   folder, then switches the two in one step, and puts the user's own
//!   files back into the new folder (`folder.rs`);
//! - [`write_file`] (the review file) writes a temporary file beside the
//!   destination and renames it over (`file.rs`).
//!
//! Neither writes over one of the run's inputs (`guard.rs`). Everything
//! either of them creates besides the output itself has `.aimap-` in its
//! name, is removed when a signal ends the run ([`remove_temporaries_for_exit`]),
//! and is recognised and removed (or put back) by a later run when a kill
//! left it. `docs/reliability.md` lists the promises and the tests holding
//! them. Never renders, never prints.

mod file;
mod folder;
mod fs;
mod guard;
#[cfg(test)]
mod tests;

pub use file::write_file;
pub use folder::{Committed, ReportFolder};
pub use guard::{Output, check_not_input};

use anyhow::Result;
use fs::Fs;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Where rendered files go, one at a time: a [`ReportFolder`] in a run, a
/// `Vec` in tests.
pub trait Sink {
    /// Takes one file of the report; `name` is a plain file name.
    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()>;
}

impl Sink for Vec<super::OutputFile> {
    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.push(super::OutputFile {
            name: name.to_owned(),
            bytes: bytes.to_vec(),
        });
        Ok(())
    }
}

/// Names starting with this are aimap's own inside an output folder (its
/// manifest, its marker, temporaries of older versions): never a report
/// file, never a user's file.
const INTERNAL: &str = ".aimap-";
/// The list of the files aimap wrote in an output folder.
const MANIFEST: &str = ".aimap-manifest";
/// The file that marks a staging folder and whose lock says its run is alive.
const MARKER: &str = ".aimap-staging";
const MANIFEST_HEADER: &str = "aimap manifest 1";
/// Manifests, and old pages read to recognise them, are read up to this size.
const MAX_READ: u64 = 64 << 20;

fn is_internal(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(INTERNAL.as_bytes())
}

/// What a temporary is, for removing it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Temporary {
    /// A staging folder: its files, then its marker, then the folder.
    Folder(PathBuf),
    File(PathBuf),
}

/// This process's temporaries, removed if a signal ends it. Every step that
/// writes into one holds the lock, so the removal never races a write.
static TEMPORARIES: Mutex<Vec<Temporary>> = Mutex::new(Vec::new());

fn temporaries() -> MutexGuard<'static, Vec<Temporary>> {
    TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes this process's temporaries, for a signal handler that exits
/// right after. The lock is kept for good, so no writer step starts once
/// this has begun; a step already under way (switching the report) ends
/// first, and what it left is then the new report, not a temporary.
pub fn remove_temporaries_for_exit() {
    let guard = temporaries();
    for t in guard.iter() {
        match t {
            Temporary::Folder(dir) => remove_staging(&fs::RealFs, dir),
            Temporary::File(path) => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    std::mem::forget(guard);
}

/// Removes a staging folder, its marker last and only once everything else
/// is gone: a folder that still holds staged files keeps its marker, so a
/// later run knows it for a staging folder and never takes it for a
/// previous report holding the user's files.
fn remove_staging(fs: &impl Fs, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut all = true;
    for e in entries.flatten() {
        if e.file_name() != MARKER {
            all &= fs.remove_file(&e.path()).is_ok();
        }
    }
    let marker_gone = || match fs.remove_file(&dir.join(MARKER)) {
        Ok(()) => true,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    };
    if all && marker_gone() {
        let _ = fs.remove_dir(dir);
    }
}

/// The start of every name aimap gives to something beside `name`
/// (staging folders, temporaries): `.NAME`, shortened with a hash of the
/// whole name when long or not UTF-8, so that every such name stays under
/// 255 bytes and stays tied to `name`.
fn sibling_base(name: &OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    match name.to_str() {
        Some(s) if s.len() <= 100 => format!(".{s}"),
        _ => {
            let lossy = name.to_string_lossy();
            let mut cut = 60.min(lossy.len());
            while !lossy.is_char_boundary(cut) {
                cut -= 1;
            }
            // FNV-1a: stable across runs and versions, unlike std's hasher.
            let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
            });
            format!(".{}~{hash:016x}", &lossy[..cut])
        }
    }
}

/// A token no other live run uses: process id and time.
fn token(attempt: u32) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{:x}-{:x}{attempt}",
        std::process::id(),
        nanos & 0xffff_ffff_ffff
    )
}

/// Locks the folder that holds an output, so that aimap runs writing
/// there take turns to recover, switch and clean up. Waits for a run that
/// holds it; released when the `File` is dropped, or when its process dies.
/// `None` where folders cannot be locked: runs then rely on the atomic
/// renames alone.
fn lock_parent(parent: &Path) -> Option<File> {
    let f = File::open(parent).ok()?;
    f.lock().ok()?;
    Some(f)
}

/// The manifest's text: a header line, then one file name a line, sorted.
fn manifest_text(names: &BTreeSet<String>) -> String {
    let mut s = String::from(MANIFEST_HEADER);
    s.push('\n');
    for n in names {
        s.push_str(n);
        s.push('\n');
    }
    s
}

/// The file names a folder's manifest lists; `None` when it has none (a
/// folder aimap never wrote, or wrote before manifests existed) or when it
/// is not one aimap could have written.
fn read_manifest(dir: &Path) -> Option<BTreeSet<String>> {
    let text = read_bounded(&dir.join(MANIFEST))?;
    let text = String::from_utf8(text).ok()?;
    let mut lines = text.lines();
    (lines.next()? == MANIFEST_HEADER).then_some(())?;
    Some(
        lines
            .filter(|l| valid_name(l).is_ok())
            .map(str::to_owned)
            .collect(),
    )
}

fn read_bounded(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_READ {
        return None;
    }
    let mut bytes = Vec::new();
    File::open(path)
        .ok()?
        .take(MAX_READ)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Whether a file in a folder without a manifest is a report file an
/// earlier aimap wrote (before manifests existed): a page with aimap's
/// generator mark or footer, or a summary whose generator is aimap.
fn written_by_old_aimap(path: &Path) -> bool {
    let ext = path.extension().and_then(OsStr::to_str).unwrap_or("");
    if !matches!(ext, "html" | "json") {
        return false;
    }
    let Some(bytes) = read_bounded(path) else {
        return false;
    };
    if ext == "html" {
        let text = String::from_utf8_lossy(&bytes);
        return text.starts_with("<!DOCTYPE html>")
            && (text.contains("<meta name=\"generator\" content=\"aimap")
                || text.contains("<footer>aimap "));
    }
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .is_ok_and(|v| v["generator"]["name"] == "aimap" && v["schema_version"].is_u64())
}

/// Checks a name the writer is asked to write: one plain file name, valid
/// on every common file system, and not one of aimap's own.
fn valid_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 255
        && name != "."
        && name != ".."
        && !name.starts_with(INTERNAL)
        && !name.contains(['/', '\\', '\0'])
        && !crate::text::is_windows_device(name);
    if ok {
        Ok(())
    } else {
        anyhow::bail!("`{name}` cannot be the name of a report file")
    }
}
