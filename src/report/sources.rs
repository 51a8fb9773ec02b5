//! How reports name the files a run read. Never as typed: the same input
//! would then give other bytes from another working folder, and an absolute
//! path would show the user's home folder to everyone the report is sent
//! to. A file is named relative to the input that brought it in: a file
//! given by itself by its file name (`maquette.csv`), a file found in a
//! given folder by that folder's own name and the path inside it
//! (`curricula/ifsi.csv`, whether the folder was given as `curricula`,
//! `./curricula/` or `/home/me/curricula`, or as `.` from inside it).

use std::path::{Component, Path, PathBuf};

/// The inputs of a run, as roots that recorded names are relative to.
#[derive(Debug, Clone, Default)]
pub struct SourceNames {
    roots: Vec<Root>,
}

#[derive(Debug, Clone)]
struct Root {
    /// As given on the command line, as the importer names its files.
    given: PathBuf,
    /// The name the root is recorded under.
    name: String,
    folder: bool,
}

/// The last component of a path's canonical form (`.` → the folder's name).
fn own_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .ok()
        .as_deref()
        .unwrap_or(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A relative path written with `/` whatever the system.
fn slashed(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

impl SourceNames {
    /// `inputs`: every curriculum, review, framework, target and crosswalk
    /// path the run was given.
    pub fn new(inputs: &[PathBuf]) -> Self {
        let mut roots: Vec<Root> = inputs
            .iter()
            .map(|given| Root {
                given: given.clone(),
                name: own_name(given),
                folder: given.is_dir(),
            })
            .collect();
        // The deepest root first, when one input lies in another.
        roots.sort_by_key(|r| std::cmp::Reverse(r.given.components().count()));
        SourceNames { roots }
    }

    /// The recorded name of a file the importer named `file`.
    pub fn name(&self, file: &str) -> String {
        let path = Path::new(file);
        for root in &self.roots {
            if root.folder {
                if let Ok(rest) = path.strip_prefix(&root.given) {
                    let rest = slashed(rest);
                    return match (root.name.is_empty(), rest.is_empty()) {
                        (true, _) => rest,
                        (false, true) => root.name.clone(),
                        (false, false) => format!("{}/{rest}", root.name),
                    };
                }
            } else if path == root.given {
                return root.name.clone();
            }
        }
        // Not under any input (a built-in framework is `built-in:…`): kept,
        // unless it would show where the user's files are.
        let outside = path.is_absolute()
            || path
                .components()
                .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
        if outside {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            file.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_files_relative_to_the_input_that_brought_them_in() {
        let dir = tempfile::tempdir().unwrap();
        let curricula = dir.path().join("curricula");
        std::fs::create_dir(&curricula).unwrap();
        std::fs::write(curricula.join("a.csv"), "x").unwrap();
        let single = dir.path().join("one.csv");
        std::fs::write(&single, "x").unwrap();
        let names = SourceNames::new(&[curricula.clone(), single.clone()]);
        assert_eq!(
            names.name(&curricula.join("a.csv").display().to_string()),
            "curricula/a.csv"
        );
        assert_eq!(names.name(&single.display().to_string()), "one.csv");
        assert_eq!(
            names.name("built-in:targets/nurse.toml"),
            "built-in:targets/nurse.toml"
        );
        assert_eq!(names.name("/home/someone/elsewhere.toml"), "elsewhere.toml");
        assert_eq!(names.name("../up/there.csv"), "there.csv");
    }
}
