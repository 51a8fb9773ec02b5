//! A report folder written all-or-nothing.
//!
//! The run is written into a fresh staging folder beside the output folder
//! `OUT` (`.OUT.aimap-new-TOKEN`, marked and locked by its `.aimap-staging`
//! file), each file closed as soon as it is written. At the end the staged
//! files are flushed to disk in one `syncfs`, and the two folders swap names
//! in one step (`renameat2(RENAME_EXCHANGE)`): a reader, a crash or a kill
//! sees the old report or the new one, never a mix. The old folder then
//! sits at `.OUT.aimap-old-TOKEN`; the user's own entries in it (everything
//! the old manifest does not list) move into the new `OUT`, and what is
//! left, the old report, is removed.
//!
//! Where the exchange is not available (not Linux, or a file system without
//! it) the switch is two renames, `OUT` → `old`, then staging → `OUT`: for a
//! moment `OUT` does not exist, and a run killed then is repaired by the
//! next, which renames `old` back.
//!
//! Every run first repairs what a killed run left beside the same `OUT`:
//! a staging folder whose marker is not locked (its run is dead) is
//! removed; an old folder gives the user's entries back to `OUT` and is
//! removed. Runs on one folder take turns (`lock_parent`).

use super::fs::{Fs, RealFs};
use super::{
    MANIFEST, MARKER, Sink, Temporary, is_internal, lock_parent, manifest_text, read_manifest,
    remove_staging, sibling_base, temporaries, token, valid_name, written_by_old_aimap,
};
use anyhow::{Context, Result, bail};
use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// A report being written into a staging folder; [`ReportFolder::commit`]
/// puts it in place. Dropped without a commit, it removes what it wrote.
pub struct ReportFolder<F: Fs = RealFs> {
    fs: F,
    /// The output folder as the user named it, for messages.
    shown: PathBuf,
    /// The folder holding the output folder (canonical).
    parent: PathBuf,
    /// The output folder: `parent` joined with its name.
    target: PathBuf,
    base: String,
    token: String,
    staging: PathBuf,
    /// The staging marker, open and locked while the run is alive.
    marker: Option<File>,
    /// Entries of the output folder that aimap did not write: no report
    /// file may take their name.
    user: BTreeSet<OsString>,
    written: BTreeSet<String>,
    /// Set once the staging folder has become the output folder.
    switched: bool,
    /// What repairing an earlier run's leftovers did, for the user.
    notes: Vec<String>,
}

/// A report in place, and what the user should know about the switch.
#[derive(Debug, Default)]
pub struct Committed {
    /// Things that went wrong after the new report was in place (a file of
    /// the user's that could not be moved back yet, a failed flush), and
    /// repairs of earlier runs' leftovers. Never fatal: the report is whole.
    pub notes: Vec<String>,
}

/// The output folder's parent (canonical) and name. The parent is created
/// when missing; a symbolic link to a folder is followed, so that the link
/// stays and the folder it names is replaced.
fn resolve(out: &Path) -> Result<(PathBuf, OsString)> {
    let shown = out.display();
    match std::fs::symlink_metadata(out) {
        Ok(_) => {
            let canonical = std::fs::canonicalize(out)
                .with_context(|| format!("cannot read the output folder `{shown}`"))?;
            if !canonical.is_dir() {
                bail!("cannot write the report into `{shown}`: it is a file, not a folder");
            }
            match (canonical.parent(), canonical.file_name()) {
                (Some(p), Some(n)) => Ok((p.to_path_buf(), n.to_owned())),
                _ => bail!("cannot write the report into `{shown}`: name a folder inside it"),
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let name = out.file_name().with_context(|| {
                format!("cannot write the report into `{shown}`: name a folder")
            })?;
            let parent = match out.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder `{}`", parent.display()))?;
            let parent = std::fs::canonicalize(parent)
                .with_context(|| format!("cannot read the folder `{}`", parent.display()))?;
            Ok((parent, name.to_owned()))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read the output folder `{shown}`")),
    }
}

/// Entries of `dir` (sorted), empty when it cannot be listed.
fn entries(dir: &Path) -> Vec<OsString> {
    let mut names: Vec<OsString> = std::fs::read_dir(dir)
        .map(|e| e.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn is_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// The entries of an output folder that aimap did not write: not in its
/// manifest, not aimap's own, and (in a folder without a manifest) not a
/// report file of an earlier aimap.
fn user_entries(target: &Path) -> BTreeSet<OsString> {
    let manifest = read_manifest(target);
    entries(target)
        .into_iter()
        .filter(|name| {
            let path = target.join(name);
            let ours = is_file(&path)
                && (is_internal(name)
                    || match &manifest {
                        Some(m) => name.to_str().is_some_and(|n| m.contains(n)),
                        None => written_by_old_aimap(&path),
                    });
            !ours
        })
        .collect()
}

/// Whether an entry of a folder with mode `folder_mode`, owned by
/// `owner`, can be moved or removed by the user `me`: not when the folder
/// has the sticky bit (a shared folder) and the entry is someone else's.
fn movable(folder_mode: u32, owner: u32, me: u32) -> bool {
    folder_mode & 0o1000 == 0 || owner == me || me == 0
}

/// Refuses, before anything is switched, an output folder whose entries
/// this user could not move into the new folder or remove afterwards: a
/// colleague's file in a shared (sticky) folder.
#[cfg(target_os = "linux")]
fn check_movable(target: &Path, shown: &Path) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = std::fs::metadata(target) else {
        return Ok(());
    };
    let mode = meta.permissions().mode();
    let me = rustix::process::geteuid().as_raw();
    for name in entries(target) {
        let Ok(entry) = std::fs::symlink_metadata(target.join(&name)) else {
            continue;
        };
        if !movable(mode, entry.uid(), me) {
            bail!(
                "cannot replace the report in `{}`: `{}` there belongs to another user, and the \
                 folder lets only its owner move it; ask them to move it, or choose another \
                 output folder with -o",
                shown.display(),
                shown.join(&name).display()
            );
        }
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn check_movable(_: &Path, _: &Path) -> Result<()> {
    Ok(())
}

/// Moves the user's entries of a previous output folder `old` into the
/// output folder `target` and removes the rest (the previous report, and
/// aimap's own files), then `old` itself. A user's entry is never removed:
/// one that cannot be moved (its name is taken in `target`, or the move
/// fails) stays in `old`, and a later run tries again. aimap's own files go
/// last, so that a run killed half-way leaves `old` with its manifest, and
/// the next run still tells the previous report from the user's files.
fn settle(fs: &impl Fs, old: &Path, target: &Path, shown: &Path) -> Vec<String> {
    let old_manifest = read_manifest(old);
    let new_manifest = read_manifest(target);
    let mut notes = Vec::new();
    let mut internal = Vec::new();
    let mut kept = 0usize;
    for name in entries(old) {
        let path = old.join(&name);
        if is_internal(&name) && is_file(&path) {
            internal.push(path);
            continue;
        }
        let listed = |m: &Option<BTreeSet<String>>| {
            m.as_ref()
                .is_some_and(|m| name.to_str().is_some_and(|n| m.contains(n)))
        };
        let previous_report = is_file(&path)
            && match &old_manifest {
                Some(_) => listed(&old_manifest),
                // Before manifests: an old page the new report replaced.
                None => listed(&new_manifest) && written_by_old_aimap(&path),
            };
        if previous_report {
            if fs.remove_file(&path).is_err() {
                kept += 1;
            }
            continue;
        }
        if let Err(e) = fs.rename_noreplace(&path, &target.join(&name)) {
            kept += 1;
            let why = if e.kind() == ErrorKind::AlreadyExists {
                "the new report has a file of that name".to_owned()
            } else {
                e.to_string()
            };
            notes.push(format!(
                "`{}` could not be put back into `{}` ({why}); it is in `{}`",
                PathBuf::from(&name).display(),
                shown.display(),
                old.display()
            ));
        }
    }
    if kept == 0 {
        for path in internal {
            let _ = fs.remove_file(&path);
        }
        kept = usize::from(fs.remove_dir(old).is_err());
    }
    if kept > 0 && notes.is_empty() {
        notes.push(format!(
            "the previous report could not be removed entirely from `{}`; the next run tries again",
            old.display()
        ));
    }
    notes
}

/// The message for a report file whose name a user's entry has.
fn taken(shown: &Path, target: &Path, name: &str) -> String {
    let what = if target.join(name).is_dir() {
        "a folder"
    } else {
        "a file"
    };
    format!(
        "cannot replace `{}`: {what} of that name is there that aimap did not write; move it \
         away, or choose another output folder with -o",
        shown.join(name).display()
    )
}

/// What a folder named like a staging folder holds.
enum Staged {
    /// A staging folder whose run is alive: left alone.
    Live,
    /// A staging folder whose run died before switching: removed.
    Dead,
    /// A previous output folder the switch put there: settled.
    Previous,
}

fn staged_state(dir: &Path, token: &str) -> Staged {
    let marker = dir.join(MARKER);
    let Ok(text) = std::fs::read_to_string(&marker) else {
        return Staged::Previous;
    };
    if !text
        .lines()
        .any(|l| l.strip_prefix("token: ") == Some(token))
    {
        // The marker of another run, switched into the folder that then
        // became a previous report.
        return Staged::Previous;
    }
    match File::open(&marker).map(|f| f.try_lock()) {
        Ok(Err(std::fs::TryLockError::WouldBlock)) => Staged::Live,
        _ => Staged::Dead,
    }
}

/// Repairs what killed runs left beside `target`: see the module docs.
fn recover(fs: &impl Fs, parent: &Path, name: &OsStr, base: &str, shown: &Path) -> Vec<String> {
    let target = parent.join(name);
    let prefix = format!("{base}.aimap-");
    let mut notes = Vec::new();
    for entry in entries(parent) {
        let Some(rest) = entry.to_str().and_then(|e| e.strip_prefix(&prefix)) else {
            continue;
        };
        let path = parent.join(&entry);
        // Never through a link: only folders aimap made itself.
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let aside = rest.starts_with("old-");
        let previous = if let Some(token) = rest.strip_prefix("new-") {
            match staged_state(&path, token) {
                Staged::Live => false,
                Staged::Dead => {
                    remove_staging(fs, &path);
                    false
                }
                Staged::Previous => true,
            }
        } else {
            aside
        };
        if !previous {
            continue;
        }
        if std::fs::symlink_metadata(&target).is_err() {
            // No output folder to settle into: settling would remove the
            // previous report and keep only the user's files.
            if !aside {
                // Only the exchange leaves a previous report under the
                // staging name, and it leaves the new one at `OUT`. With
                // `OUT` missing, this is a staging folder whose removal
                // stopped after its marker: empty, so that this removes it;
                // anything else is left for a run that finds `OUT`.
                let _ = fs.remove_dir(&path);
                continue;
            }
            // The fallback switch stopped between its two renames.
            match fs.rename_noreplace(&path, &target) {
                Ok(()) => notes.push(format!(
                    "put back the previous report into `{}`, which an interrupted run had moved away",
                    shown.display()
                )),
                Err(e) => notes.push(format!(
                    "the previous report could not be put back into `{}` ({e}); it is in `{}`, \
                     and the next run tries again",
                    shown.display(),
                    path.display()
                )),
            }
            continue;
        }
        notes.extend(settle(fs, &path, &target, shown));
    }
    // A marker switched into the output folder by a run killed before it
    // removed it.
    let stray = target.join(MARKER);
    if is_file(&stray) && File::open(&stray).is_ok_and(|f| f.try_lock().is_ok()) {
        let _ = fs.remove_file(&stray);
    }
    notes
}

impl ReportFolder<RealFs> {
    /// Starts writing a report into `out`, after checking that no input
    /// lies in it (`inputs`: every file and folder the run read) and
    /// repairing what an interrupted run left there.
    pub fn begin(out: &Path, inputs: &[PathBuf]) -> Result<Self> {
        Self::begin_with(RealFs, out, inputs)
    }
}

impl<F: Fs> ReportFolder<F> {
    pub(crate) fn begin_with(fs: F, out: &Path, inputs: &[PathBuf]) -> Result<Self> {
        let (parent, name) = resolve(out)?;
        let target = parent.join(&name);
        super::check_not_input(inputs, out, super::Output::Folder(&target))?;
        if std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .is_ok_and(|cwd| cwd == target)
        {
            bail!(
                "cannot write the report into `{}`, the working folder itself: a report replaces \
                 its folder as a whole, which would leave this shell in a removed folder; name a \
                 folder inside it (e.g. `-o reports`)",
                out.display()
            );
        }
        let _lock = lock_parent(&parent);
        let base = sibling_base(&name);
        let notes = recover(&fs, &parent, &name, &base, out);
        let user = user_entries(&target);
        check_movable(&target, out)?;

        let mut attempt = 0;
        let (token, staging) = loop {
            let token = token(attempt);
            let staging = parent.join(format!("{base}.aimap-new-{token}"));
            match fs.create_dir(&staging) {
                Ok(()) => break (token, staging),
                Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                            "cannot write the report beside `{}` (in `{}`)",
                            out.display(),
                            parent.display()
                        )
                    });
                }
            }
        };
        temporaries().push(Temporary::Folder(staging.clone()));
        let mut folder = ReportFolder {
            fs,
            shown: out.to_path_buf(),
            parent,
            target,
            base,
            token,
            staging,
            marker: None,
            user,
            written: BTreeSet::new(),
            switched: false,
            notes,
        };
        // The new folder gets the old one's permissions (a shared folder
        // stays shared).
        if let Ok(meta) = std::fs::metadata(&folder.target) {
            let _ = std::fs::set_permissions(&folder.staging, meta.permissions());
        }
        let marker_text = format!(
            "aimap staging folder for `{}`\ntoken: {}\n",
            PathBuf::from(&name).display(),
            folder.token
        );
        let marker = folder
            .fs
            .write_locked(&folder.staging.join(MARKER), marker_text.as_bytes())
            .with_context(|| format!("cannot write beside `{}`", folder.shown.display()))?;
        folder.marker = Some(marker);
        Ok(folder)
    }

    /// Switches the staged report into place: see the module docs. An
    /// error means the previous report is still in place and whole (or, on
    /// systems without an atomic exchange, put back by the next run).
    pub fn commit(mut self) -> Result<Committed> {
        let shown = self.shown.clone();
        let manifest = manifest_text(&self.written);
        self.fs
            .write_new(&self.staging.join(MANIFEST), manifest.as_bytes())
            .and_then(|()| self.fs.sync_folder_files(&self.staging))
            .with_context(|| format!("cannot write the report `{}` to disk", shown.display()))?;

        let _lock = lock_parent(&self.parent);
        // From here on a signal waits until the switch is complete.
        let mut temps = temporaries();
        // A file of the user's may have appeared since the run began.
        let now = user_entries(&self.target);
        if let Some(name) = self
            .written
            .iter()
            .find(|n| now.contains(OsStr::new(n.as_str())))
        {
            bail!(taken(&shown, &self.target, name));
        }
        let old = self
            .parent
            .join(format!("{}.aimap-old-{}", self.base, self.token));
        let previous = self.switch(&old)?;
        self.switched = true;
        temps.retain(|t| *t != Temporary::Folder(self.staging.clone()));

        let mut notes = std::mem::take(&mut self.notes);
        if let Some(previous) = previous {
            notes.extend(settle(&self.fs, &previous, &self.target, &shown));
        }
        if let Some(marker) = self.marker.take() {
            let _ = self.fs.remove_file(&self.target.join(MARKER));
            drop(marker);
        }
        if self
            .fs
            .sync_dir(&self.target)
            .and_then(|()| self.fs.sync_dir(&self.parent))
            .is_err()
        {
            notes.push(format!(
                "the report in `{}` is complete, but the system did not confirm it is on disk",
                shown.display()
            ));
        }
        Ok(Committed { notes })
    }

    /// Puts the staging folder at the output folder's name. Returns where
    /// the previous output folder now is, if there was one.
    fn switch(&self, old: &Path) -> Result<Option<PathBuf>> {
        let shown = self.shown.display();
        if std::fs::symlink_metadata(&self.target).is_err() {
            self.fs
                .rename_noreplace(&self.staging, &self.target)
                .with_context(|| format!("cannot put the report in place at `{shown}`"))?;
            return Ok(None);
        }
        match self.fs.exchange(&self.staging, &self.target) {
            Ok(()) => {
                // The previous report is where the staging folder was; its
                // name says so to a later run, but the marker inside (none,
                // or another run's) says so already if this rename fails.
                Ok(Some(match self.fs.rename_noreplace(&self.staging, old) {
                    Ok(()) => old.to_path_buf(),
                    Err(_) => self.staging.clone(),
                }))
            }
            Err(e) if e.kind() == ErrorKind::Unsupported => {
                self.fs
                    .rename_noreplace(&self.target, old)
                    .with_context(|| format!("cannot move the previous report `{shown}` aside"))?;
                if let Err(e) = self.fs.rename_noreplace(&self.staging, &self.target) {
                    if self.fs.rename_noreplace(old, &self.target).is_err() {
                        return Err(e).with_context(|| {
                            format!(
                                "cannot put the report in place at `{shown}`; the previous report \
                                 is in `{}`, and the next aimap run puts it back",
                                old.display()
                            )
                        });
                    }
                    return Err(e)
                        .with_context(|| format!("cannot put the report in place at `{shown}`"));
                }
                Ok(Some(old.to_path_buf()))
            }
            Err(e) => {
                Err(e).with_context(|| format!("cannot put the report in place at `{shown}`"))
            }
        }
    }
}

impl<F: Fs> ReportFolder<F> {
    /// Takes `name` for a file of the report.
    fn claim(&mut self, name: &str) -> Result<()> {
        valid_name(name)?;
        if self.user.contains(OsStr::new(name)) {
            bail!(taken(&self.shown, &self.target, name));
        }
        if !self.written.insert(name.to_owned()) {
            bail!("the report has two files named `{name}`");
        }
        Ok(())
    }

    /// Creates one file of the report in the staging folder and returns it
    /// open, for a file too large to hold in memory (written a row at a
    /// time). It is part of the report like an [`add`](Sink::add)ed file:
    /// flushed and switched in by [`commit`](Self::commit), removed with
    /// the staging folder when the run ends without one. The caller closes
    /// it (drops it) once written, and before the commit.
    pub fn create(&mut self, name: &str) -> Result<File> {
        self.claim(name)?;
        let _temps = temporaries();
        self.fs
            .create_new(&self.staging.join(name))
            .with_context(|| format!("cannot write `{}`", self.shown.join(name).display()))
    }
}

impl<F: Fs> Sink for ReportFolder<F> {
    /// Writes one file of the report into the staging folder and closes it.
    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.claim(name)?;
        // A signal waits for this file to be written before removing the
        // staging folder.
        let _temps = temporaries();
        self.fs
            .write_new(&self.staging.join(name), bytes)
            .with_context(|| format!("cannot write `{}`", self.shown.join(name).display()))
    }
}

impl<F: Fs> Drop for ReportFolder<F> {
    fn drop(&mut self) {
        if self.switched {
            return;
        }
        let mut temps = temporaries();
        remove_staging(&self.fs, &self.staging);
        temps.retain(|t| *t != Temporary::Folder(self.staging.clone()));
        // The marker's lock goes with it.
        self.marker = None;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn entries_of_others_in_a_sticky_folder_cannot_be_moved() {
        use super::movable;
        assert!(movable(0o755, 1000, 1001), "no sticky bit");
        assert!(movable(0o1777, 1000, 1000), "one's own");
        assert!(movable(0o1777, 1000, 0), "root");
        assert!(!movable(0o1777, 1000, 1001), "a colleague's");
    }
}
