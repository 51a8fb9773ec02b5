//! The demand run: postings stream from `import::postings` through the
//! same classifier as curricula (sentence by sentence: a posting is many
//! statements) into the aggregates of `analysis::demand`.
//! Each posting is classified, judged, counted and handed to the caller
//! (which writes its CSV row), then dropped: the run keeps the aggregates
//! only. Shared by `aimap demand` and `aimap report --demand`. Never prints.

use crate::analysis::demand::{Demand, Judged, judge};
use crate::classify::{Classifier, Scratch};
use crate::framework::FrameworkSet;
use crate::import::postings;
use crate::model::{Finding, Posting};
use anyhow::Result;
use std::path::PathBuf;

/// What a demand run read and found.
#[derive(Debug)]
pub struct DemandRun {
    pub demand: Demand,
    /// Located problems met while reading (bounded per file).
    pub problems: Vec<Finding>,
    /// The files read, as given.
    pub files: Vec<String>,
}

/// Reads, classifies and counts every posting of `inputs` (files or
/// folders); `each` sees every posting with its judgement, in file and row
/// order.
pub fn run(
    frameworks: &FrameworkSet,
    inputs: &[PathBuf],
    min_concepts: usize,
    each: &mut dyn FnMut(&Posting, &Judged) -> Result<()>,
) -> Result<DemandRun> {
    let classifier = Classifier::new(frameworks)?;
    run_with(&classifier, inputs, min_concepts, each)
}

/// [`run`] with a classifier already built.
pub fn run_with(
    classifier: &Classifier,
    inputs: &[PathBuf],
    min_concepts: usize,
    each: &mut dyn FnMut(&Posting, &Judged) -> Result<()>,
) -> Result<DemandRun> {
    let files = postings::expand(inputs)?;
    let mut demand = Demand::new(min_concepts);
    let mut problems = Vec::new();
    let mut scratch = Scratch::default();
    let mut shown = Vec::new();
    for path in &files {
        let display = path.display().to_string();
        postings::read_file(path, &display, &mut problems, &mut |p| {
            let c = classifier.classify_sentences_with(&p.text(), &mut scratch);
            let j = judge(&c, min_concepts);
            demand.add(&p, &j);
            each(&p, &j)
        })?;
        shown.push(display);
    }
    Ok(DemandRun {
        demand,
        problems,
        files: shown,
    })
}
