//! The classifier's knowledge as data: editing the lexicon changes what
//! `aimap eval` counts; the fitted weights regenerate byte for byte from
//! the training statements; the figures on the real statements beside the
//! repository (`../shared/data/ai-statements-web/`) are the ones the
//! documentation gives. Tests that need those statements skip with a note
//! when they are absent, and fail when `CI` is set (CI has them).

use crate::workdir::{Workdir, repo, stdout};
use std::path::PathBuf;

/// A file of the real data beside the repository, or `None` (with a
/// printed note) when it is absent outside CI.
fn shared_data(rel: &str) -> Option<PathBuf> {
    let path = repo().join("../shared/data").join(rel);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must provide {}",
        path.display()
    );
    eprintln!("note: {} is absent; test skipped", path.display());
    None
}

fn shipped(path: &str) -> String {
    std::fs::read_to_string(repo().join("frameworks").join(path)).unwrap()
}

#[test]
fn the_shipped_weights_regenerate_byte_for_byte_from_the_training_file() {
    let Some(train) = shared_data("ai-statements-web/train.csv") else {
        return;
    };
    let wd = Workdir::new();
    let out = wd.run(
        [
            "train",
            train.to_str().unwrap(),
            "-o",
            wd.path("model.toml").to_str().unwrap(),
        ],
        0,
    );
    assert!(
        stdout(&out).starts_with("fitted on 498 statements"),
        "{}",
        stdout(&out)
    );
    let regenerated = wd.read("model.toml");
    let shipped = shipped("knowledge/model.toml");
    if regenerated != shipped {
        let line = regenerated
            .lines()
            .zip(shipped.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "frameworks/knowledge/model.toml differs from what `aimap train` fits, from line {}: \
             regenerate it with the command in docs/evaluation.md",
            line + 1
        );
    }
}

#[test]
fn editing_a_lexicon_pattern_changes_what_eval_counts() {
    let wd = Workdir::new();
    // A tool the shipped lexicon does not know.
    wd.write(
        "set.csv",
        "id,lang,text,level,competencies\n\
         E1,en,Prepare ward summaries in Zorblax.,1,L1.DAT.3\n",
    );
    let before = stdout(&wd.run(["eval", "set.csv"], 0));
    assert!(
        before.contains("L1           1     0     0     0"),
        "{before}"
    );
    // A curriculum expert adds it to the charts-and-dashboards concept.
    let lexicon = shipped("knowledge/lexicon.toml").replacen(
        "\"dashboard\", \"dashboards\", \"tableau de bord\",",
        "\"zorblax\", \"dashboard\", \"dashboards\", \"tableau de bord\",",
        1,
    );
    assert_ne!(lexicon, shipped("knowledge/lexicon.toml"));
    wd.write("lexicon.toml", &lexicon);
    let after = stdout(&wd.run(["eval", "-f", "lexicon.toml", "set.csv"], 0));
    assert!(
        after.contains("L1           0     0     1     0"),
        "{after}"
    );
    // And the competency its concept is bound to.
    assert!(
        after.contains(
            "on the 1 statements whose label names competencies: precision 1.000, recall 1.000"
        ),
        "{after}"
    );
}

#[test]
fn the_real_test_statements_score_as_the_evaluation_documents() {
    let Some(test) = shared_data("ai-statements-web/test.csv") else {
        return;
    };
    let wd = Workdir::new();
    let text = stdout(&wd.run(["eval", test.to_str().unwrap()], 0));
    let doc = std::fs::read_to_string(repo().join("docs/evaluation.md")).unwrap();
    // Each headline figure printed by `eval` is the one the document gives.
    for key in [
        "macro-F1 over none, L0, L1, L2: ",
        "any AI level (L0, L1 or L2 vs none): ",
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key:?} in:\n{text}"));
        assert!(
            doc.contains(line),
            "docs/evaluation.md does not give the measured `{line}`"
        );
    }
}
