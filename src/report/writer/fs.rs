//! The file-system operations by which the writer changes the disk, behind
//! one trait so that tests can make any of them fail (`tests.rs`). Reading
//! (listing a folder, reading a manifest) goes to `std::fs` directly: it
//! changes nothing, so its failure cannot leave a mix of two reports.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

pub trait Fs {
    fn create_dir(&self, path: &Path) -> io::Result<()>;
    /// Creates `path`, which must not exist, writes `bytes` and closes it.
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Creates `path`, which must not exist, and returns it open for
    /// writing: for a file written a little at a time.
    fn create_new(&self, path: &Path) -> io::Result<File>;
    /// Creates `path`, which must not exist, locks it (`flock`), writes
    /// `bytes`, and returns it open: the lock lasts as long as the `File`,
    /// and tells a later run that its owner is alive.
    fn write_locked(&self, path: &Path, bytes: &[u8]) -> io::Result<File>;
    /// Renames, replacing a file at `to`.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Renames; fails with `AlreadyExists` when `to` exists.
    fn rename_noreplace(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Swaps two folders in one step; `Unsupported` where the system or
    /// the file system cannot.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// Removes an empty folder.
    fn remove_dir(&self, path: &Path) -> io::Result<()>;
    /// Makes every file written in `dir` durable, in one step where the
    /// system allows (`syncfs`).
    fn sync_folder_files(&self, dir: &Path) -> io::Result<()>;
    /// Makes the entries of a folder durable (`fsync` of the folder).
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn sync_file(&self, file: &File) -> io::Result<()>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

fn create_new(path: &Path) -> io::Result<File> {
    File::options().write(true).create_new(true).open(path)
}

/// Whether an error means "this system or file system cannot do that".
#[cfg(target_os = "linux")]
fn unsupported(e: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    e == Errno::INVAL || e == Errno::NOSYS || e == Errno::OPNOTSUPP
}

impl Fs for RealFs {
    fn create_dir(&self, path: &Path) -> io::Result<()> {
        std::fs::create_dir(path)
    }

    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut f = create_new(path)?;
        f.write_all(bytes)
        // Closed here: one descriptor at a time, whatever the file count.
    }

    fn create_new(&self, path: &Path) -> io::Result<File> {
        create_new(path)
    }

    fn write_locked(&self, path: &Path, bytes: &[u8]) -> io::Result<File> {
        let mut f = create_new(path)?;
        f.try_lock().map_err(|e| match e {
            std::fs::TryLockError::Error(e) => e,
            std::fs::TryLockError::WouldBlock => io::Error::from(io::ErrorKind::WouldBlock),
        })?;
        f.write_all(bytes)?;
        Ok(f)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn rename_noreplace(&self, from: &Path, to: &Path) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
                Ok(()) => return Ok(()),
                Err(e) if unsupported(e) => {}
                Err(e) => return Err(e.into()),
            }
        }
        // Elsewhere (and on file systems without RENAME_NOREPLACE): look,
        // then rename. Only another aimap run could slip in between, and
        // runs on one output folder take turns (see `lock_parent`).
        if std::fs::symlink_metadata(to).is_ok() {
            return Err(io::Error::from(io::ErrorKind::AlreadyExists));
        }
        std::fs::rename(from, to)
    }

    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
                Ok(()) => Ok(()),
                Err(e) if unsupported(e) => Err(io::Error::from(io::ErrorKind::Unsupported)),
                Err(e) => Err(e.into()),
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = (a, b);
            Err(io::Error::from(io::ErrorKind::Unsupported))
        }
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }

    fn remove_dir(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_dir(path)
    }

    fn sync_folder_files(&self, dir: &Path) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            // One call flushes every file of the file system the folder is
            // on, instead of one fsync per file.
            let d = File::open(dir)?;
            rustix::fs::syncfs(&d)?;
            Ok(())
        }
        #[cfg(not(target_os = "linux"))]
        {
            // No syncfs: each file is opened in turn (one descriptor at a
            // time) and flushed, then the folder.
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                if path.is_file() {
                    File::open(&path)?.sync_all()?;
                }
            }
            self.sync_dir(dir)
        }
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            // Windows cannot open a folder for flushing; its renames are
            // journalled by NTFS.
            let _ = dir;
            Ok(())
        }
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
}
