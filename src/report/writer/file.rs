//! One file written all-or-nothing (the review file of `aimap suggest`):
//! written in full to `.NAME.aimap-tmp-TOKEN` beside it, locked while its
//! run is alive, flushed, then renamed over `NAME`. A later run writing the
//! same file removes the temporaries of dead runs, and the `.aimap-XXXXXX.tmp`
//! files aimap versions before this writer left.

use super::fs::{Fs, RealFs};
use super::{Temporary, lock_parent, sibling_base, temporaries, token};
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, after checking that `path` is not
/// one of `inputs`. Returns notes for the user (a failed flush of the
/// folder: the file is complete but may not survive a power cut).
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<Vec<String>> {
    write_file_with(&RealFs, path, bytes, inputs)
}

/// A temporary of the writers before this one: `.aimap-` then six letters
/// or digits (tempfile's random part), then `.tmp`.
fn is_old_temporary(name: &str) -> bool {
    name.strip_prefix(".aimap-")
        .and_then(|r| r.strip_suffix(".tmp"))
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes the temporaries of dead runs beside a file whose sibling names
/// start with `base`.
fn recover(fs: &impl Fs, parent: &Path, base: &str) {
    let prefix = format!("{base}.aimap-tmp-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let path = e.path();
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let dead = if name.starts_with(&prefix) {
            // Alive while its run holds the lock.
            File::open(&path).is_ok_and(|f| f.try_lock().is_ok())
        } else {
            is_old_temporary(name)
        };
        if dead {
            let _ = fs.remove_file(&path);
        }
    }
}

pub(crate) fn write_file_with(
    fs: &impl Fs,
    path: &Path,
    bytes: &[u8],
    inputs: &[PathBuf],
) -> Result<Vec<String>> {
    let shown = path.display();
    let Some(name) = path.file_name() else {
        bail!("cannot write `{shown}`: name a file");
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create the folder `{}`", parent.display()))?;
    let parent = std::fs::canonicalize(parent)
        .with_context(|| format!("cannot read the folder `{}`", parent.display()))?;
    let target = parent.join(name);
    super::check_not_input(inputs, path, super::Output::File(&target))?;
    if target.is_dir() {
        bail!("cannot write `{shown}`: it is a folder");
    }
    let _lock = lock_parent(&parent);
    let base = sibling_base(name);
    recover(fs, &parent, &base);

    let mut attempt = 0;
    loop {
        let tmp = parent.join(format!("{base}.aimap-tmp-{}", token(attempt)));
        // Held while the temporary exists: a signal waits, then removes it.
        let mut temps = temporaries();
        let file = match fs.write_locked(&tmp, bytes) {
            Ok(f) => f,
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
                continue;
            }
            Err(e) => {
                let _ = fs.remove_file(&tmp);
                return Err(e).with_context(|| format!("cannot write `{shown}`"));
            }
        };
        temps.push(Temporary::File(tmp.clone()));
        let done = fs.sync_file(&file).and_then(|()| fs.rename(&tmp, &target));
        temps.retain(|t| *t != Temporary::File(tmp.clone()));
        if let Err(e) = done {
            let _ = fs.remove_file(&tmp);
            return Err(e).with_context(|| format!("cannot write `{shown}`"));
        }
        drop(file);
        let mut notes = Vec::new();
        if fs.sync_dir(&parent).is_err() {
            notes.push(format!(
                "`{shown}` is complete, but the system did not confirm it is on disk"
            ));
        }
        return Ok(notes);
    }
}
