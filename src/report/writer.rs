//! The one place report files reach the disk. Every file is first written
//! in full to a temporary file in the output folder; only when all of them
//! are written are they renamed over the previous report. A failure or an
//! interruption before that leaves the previous report as it was.

use super::OutputFile;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

pub fn write_files(out: &Path, files: &[OutputFile]) -> Result<()> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder `{}`", out.display()))?;
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        let mut builder = tempfile::Builder::new();
        builder.prefix(".aimap-").suffix(".tmp");
        // A temporary file is private (0600) and keeps that mode when
        // renamed; a report is an ordinary file, readable as the user's
        // umask allows, like any file the user saves.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder
            .tempfile_in(out)
            .with_context(|| format!("cannot write in the output folder `{}`", out.display()))?;
        tmp.write_all(&file.bytes)
            .and_then(|()| tmp.as_file().sync_all())
            .with_context(|| format!("cannot write `{}`", out.join(&file.name).display()))?;
        staged.push((tmp, out.join(&file.name)));
    }
    // Renames within one folder fail only when the name is taken by a
    // folder: check them all before replacing any file, so that a failure
    // leaves the previous report whole.
    for (_, dest) in &staged {
        if dest.is_dir() {
            anyhow::bail!(
                "cannot replace `{}`: a folder has that name; move it away and run again",
                dest.display()
            );
        }
    }
    for (tmp, dest) in staged {
        tmp.persist(&dest)
            .with_context(|| format!("cannot replace `{}`", dest.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            OutputFile {
                name: "a.html".into(),
                bytes: b"A".to_vec(),
            },
            OutputFile {
                name: "b.json".into(),
                bytes: b"{}".to_vec(),
            },
        ];
        write_files(dir.path(), &files).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.html", "b.json"]);
        assert_eq!(std::fs::read(dir.path().join("a.html")).unwrap(), b"A");
    }

    #[cfg(unix)]
    #[test]
    fn report_files_get_the_mode_of_any_file_the_user_saves() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let files = vec![OutputFile {
            name: "a.html".into(),
            bytes: b"A".to_vec(),
        }];
        write_files(dir.path(), &files).unwrap();
        std::fs::write(dir.path().join("saved.txt"), b"x").unwrap();
        let mode = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode("a.html"), mode("saved.txt"));
    }
}
