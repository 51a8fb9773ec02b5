//! `aimap eval`: scores of the classifier on a labelled file, and agreement
//! of inferred depth with human Bloom labels.

use crate::workdir::{Workdir, stderr, stdout};

#[test]
fn eval_prints_scores_per_level_macro_f1_and_the_confusion_matrix() {
    let wd = Workdir::new();
    wd.copy_fixture("eval/labelled.csv");
    let out = wd.run(["eval", "eval/labelled.csv"], 0);
    let text = stdout(&out);
    // Six of seven right: the last statement is labelled 1 on purpose,
    // though it teaches no software or data work.
    for line in [
        "7 labelled statements",
        "none        0.667   1.000  0.800        2",
        "L1          1.000   0.500  0.667        2",
        "macro-F1 over none, L0, L1, L2: 0.867",
        "any AI level (L0, L1 or L2 vs none): precision 1.000, recall 0.800",
        "L1           1     0     1     0",
        // Per language, over the classes each language has.
        "en                 4     1.000     1.000             1.000   1.000",
        "fr                 3     0.667     0.667             1.000   0.500",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
}

#[test]
fn eval_verbose_lists_each_miss_with_what_was_suggested() {
    let wd = Workdir::new();
    wd.copy_fixture("eval/labelled.csv");
    let out = wd.run(["eval", "-v", "eval/labelled.csv"], 0);
    let text = stdout(&out);
    assert!(
        text.contains(
            "misclassified (1):\nT7 expected L1 got none: Soins infirmiers en gériatrie et prise en charge de la douleur."
        ),
        "{text}"
    );
}

#[test]
fn eval_measures_depth_against_human_bloom_labels() {
    let wd = Workdir::new();
    wd.copy_fixture("eval/bloom.csv");
    let out = wd.run(["eval", "eval/bloom.csv"], 0);
    let text = stdout(&out);
    for line in [
        "6 outcomes with at least one Bloom label (of 6 rows)",
        "Bloom → depth: Remember, Understand → I; Apply, Analyze → R; Evaluate, Create → M",
        "depth from the leading verb agrees with one of the human labels: 83.3% (5 of 6)",
        "depth from the highest verb instead: agrees with a label 100.0%, equals the highest 100.0%",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
}

#[test]
fn eval_rejects_a_file_that_is_not_labelled() {
    let wd = Workdir::new();
    wd.write(
        "maquette.csv",
        "program,course_code,outcome\nP,C1,Do things\n",
    );
    let out = wd.run(["eval", "maquette.csv"], 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "error: `maquette.csv`: not a labelled file; expected the columns \
         id,lang,text,level,competencies,note or \
         Learning_outcome,Remember,Understand,Apply,Analyze,Evaluate,Create"
    );
}
