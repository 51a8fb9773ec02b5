//! No command writes over one of its inputs: before anything is written,
//! the output is compared with every file the run reads, by canonical path
//! (which sees through symbolic links and `..`) and by device and inode
//! number (which sees hard links). A file directly in an input folder
//! counts as an input, whether or not its extension made it read.

use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// What a command is about to write.
#[derive(Debug, Clone, Copy)]
pub enum Output<'a> {
    /// A file, replaced as a whole (`suggest -o FILE`).
    File(&'a Path),
    /// A folder, replaced as a whole (`report -o OUT`): nothing read may lie
    /// inside it.
    Folder(&'a Path),
}

/// A file or folder read by the run.
struct Read {
    /// As the user named it (an input, or an input folder joined with an
    /// entry's name): how messages show it.
    shown: PathBuf,
    canonical: Option<PathBuf>,
    id: Option<(u64, u64)>,
}

#[cfg(unix)]
fn id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// Without inode numbers (Windows in stable Rust), canonical paths alone.
#[cfg(not(unix))]
fn id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

fn read(shown: PathBuf) -> Read {
    Read {
        canonical: std::fs::canonicalize(&shown).ok(),
        id: std::fs::metadata(&shown).ok().as_ref().and_then(id),
        shown,
    }
}

/// Every input, and every file directly inside an input folder.
fn everything_read(inputs: &[PathBuf]) -> Vec<Read> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir()
            && let Ok(entries) = std::fs::read_dir(input)
        {
            for e in entries.flatten() {
                let shown = input.join(e.file_name());
                if shown.is_file() {
                    out.push(read(shown));
                }
            }
        }
        out.push(read(input.clone()));
    }
    out
}

/// Refuses to write `output`, named `shown` as the user gave it, when it
/// is one of `inputs` (the same path, the same path through a link, or the
/// same file under another name) or, for a folder, holds one of them.
/// The message names both paths.
pub fn check_not_input(inputs: &[PathBuf], shown: &Path, output: Output<'_>) -> Result<()> {
    let read = everything_read(inputs);
    match output {
        Output::File(path) => {
            let canonical = std::fs::canonicalize(path).ok();
            let out_id = std::fs::metadata(path).ok().as_ref().and_then(id);
            for r in &read {
                if canonical.is_some() && r.canonical == canonical {
                    bail!(
                        "cannot write `{}`: it is `{}`, one of the inputs; choose another file",
                        shown.display(),
                        r.shown.display()
                    );
                }
                if out_id.is_some() && r.id == out_id {
                    bail!(
                        "cannot write `{}`: it is the same file as `{}`, one of the inputs \
                         (a hard link); choose another file",
                        shown.display(),
                        r.shown.display()
                    );
                }
            }
        }
        Output::Folder(path) => {
            let Ok(canonical) = std::fs::canonicalize(path) else {
                // A folder that does not exist yet holds nothing.
                return Ok(());
            };
            for r in &read {
                if r.canonical
                    .as_ref()
                    .is_some_and(|c| c.starts_with(&canonical))
                {
                    bail!(
                        "cannot write the report into `{}`: `{}`, one of the inputs, is inside it, \
                         and a report replaces its folder as a whole; choose another output folder",
                        shown.display(),
                        r.shown.display()
                    );
                }
            }
            // A hard link to an input, kept in the output folder.
            let Ok(entries) = std::fs::read_dir(&canonical) else {
                return Ok(());
            };
            for e in entries.flatten() {
                let Some(entry_id) = e.metadata().ok().as_ref().and_then(id) else {
                    continue;
                };
                if let Some(r) = read.iter().find(|r| r.id == Some(entry_id)) {
                    bail!(
                        "cannot write the report into `{}`: `{}` there is the same file as `{}`, \
                         one of the inputs (a hard link); choose another output folder",
                        shown.display(),
                        shown.join(e.file_name()).display(),
                        r.shown.display()
                    );
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_that_does_not_exist_is_never_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "x").unwrap();
        let out = dir.path().join("out.csv");
        assert!(check_not_input(std::slice::from_ref(&input), &out, Output::File(&out)).is_ok());
        let folder = dir.path().join("reports");
        assert!(check_not_input(&[input], &folder, Output::Folder(&folder)).is_ok());
    }

    #[test]
    fn an_input_folder_containing_the_output_folder_is_allowed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("in.csv"), "x").unwrap();
        let folder = dir.path().join("reports");
        std::fs::create_dir(&folder).unwrap();
        let inputs = [dir.path().to_path_buf()];
        assert!(check_not_input(&inputs, &folder, Output::Folder(&folder)).is_ok());
        assert!(
            check_not_input(&inputs, dir.path(), Output::Folder(dir.path())).is_err(),
            "the input folder itself"
        );
    }
}
