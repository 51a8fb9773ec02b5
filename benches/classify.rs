//! Throughput of the classifier on one core, in statements per second.
//!
//! The statements are the development set's own (short learning outcomes
//! and course titles in English and French, a third of them hard
//! negatives), classified in a loop with one reused scratch buffer, as the
//! pipeline does. `classify_into` is the fast path (level, depth and the
//! suggested competencies); `classify_with` also formats every piece of
//! evidence as text, as the review file and reports need.
//!
//! A second group runs the dev statements labelled none only: most outcomes
//! of a real curriculum are not about AI or data, and stop early.
//!
//! Run: `cargo bench --bench classify`

use aimap::classify::{Classifier, Scratch};
use aimap::framework::FrameworkSet;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const DEV: &str = include_str!("../tests/fixtures/labelled/dev.csv");

/// (text, expected level) of every dev statement.
fn statements() -> Vec<(String, String)> {
    let mut r = csv::Reader::from_reader(DEV.as_bytes());
    let headers = r.headers().expect("dev.csv has headers").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .expect("dev.csv has text and level columns")
    };
    let (text, level) = (col("text"), col("level"));
    r.records()
        .map(|rec| {
            let rec = rec.expect("dev.csv is valid CSV");
            (rec[text].to_owned(), rec[level].to_owned())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let set = FrameworkSet::builtin().expect("built-in frameworks load");
    let classifier = Classifier::new(&set).expect("classifier builds");
    let all = statements();
    let texts: Vec<String> = all.iter().map(|(t, _)| t.clone()).collect();
    // The statements labelled none: what most of a real curriculum looks like.
    let plain: Vec<String> = all
        .iter()
        .filter(|(_, l)| l == "none")
        .map(|(t, _)| t.clone())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function(
        format!(
            "fast path, {} statements of {} bytes on average",
            texts.len(),
            bytes / texts.len()
        ),
        |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut n = 0usize;
                for t in &texts {
                    classifier.classify_into(black_box(t), &mut scratch);
                    n += scratch.suggestion_count();
                }
                n
            })
        },
    );
    group.finish();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(plain.len() as u64));
    group.bench_function(
        format!("fast path, the {} statements labelled none", plain.len()),
        |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut n = 0usize;
                for t in &plain {
                    classifier.classify_into(black_box(t), &mut scratch);
                    n += scratch.suggestion_count();
                }
                n
            })
        },
    );
    group.finish();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("with evidence formatted", |b| {
        let mut scratch = Scratch::default();
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                n += classifier
                    .classify_with(black_box(t), &mut scratch)
                    .suggestions
                    .len();
            }
            n
        })
    });
    group.finish();
    c.bench_function("build the classifier (once per run)", |b| {
        b.iter(|| Classifier::new(black_box(&set)).map(|c| c.targets().len()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
