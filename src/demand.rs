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
use std::cell::Cell;
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

/// How far a run has read, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Postings counted so far.
    pub postings: u64,
    /// Bytes of the input files read so far, out of `bytes_total`.
    pub bytes_read: u64,
    pub bytes_total: u64,
}

/// [`run`] with a classifier already built.
pub fn run_with(
    classifier: &Classifier,
    inputs: &[PathBuf],
    min_concepts: usize,
    each: &mut dyn FnMut(&Posting, &Judged) -> Result<()>,
) -> Result<DemandRun> {
    run_watched(classifier, inputs, min_concepts, each, &mut |_| {})
}

/// Postings between two calls of the progress callback.
const PROGRESS_EVERY: u64 = 64;

/// [`run_with`], telling `progress` how far it has read every few
/// postings and at the end of every file.
pub fn run_watched(
    classifier: &Classifier,
    inputs: &[PathBuf],
    min_concepts: usize,
    each: &mut dyn FnMut(&Posting, &Judged) -> Result<()>,
    progress: &mut dyn FnMut(&Reading),
) -> Result<DemandRun> {
    let files = postings::expand(inputs)?;
    let bytes_total = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let mut demand = Demand::new(min_concepts);
    let mut problems = Vec::new();
    let mut scratch = Scratch::default();
    let mut shown = Vec::new();
    let read = Cell::new(0u64);
    let mut done = 0u64;
    let mut count = 0u64;
    for path in &files {
        let display = path.display().to_string();
        postings::read_file_counted(path, &display, &mut problems, Some(&read), &mut |p| {
            let c = classifier.classify_sentences_with(&p.text(), &mut scratch);
            let j = judge(&c, min_concepts);
            demand.add(&p, &j);
            count += 1;
            if count.is_multiple_of(PROGRESS_EVERY) {
                progress(&Reading {
                    postings: count,
                    bytes_read: done + read.get(),
                    bytes_total,
                });
            }
            each(&p, &j)
        })?;
        // The file's size, however much of it the reader counted.
        done += std::fs::metadata(path).map_or(read.get(), |m| m.len());
        read.set(0);
        progress(&Reading {
            postings: count,
            bytes_read: done,
            bytes_total,
        });
        shown.push(display);
    }
    Ok(DemandRun {
        demand,
        problems,
        files: shown,
    })
}
