//! Throughput of the classifier on one core, in statements per second.
//!
//! The statements are the development set's own (short learning outcomes
//! and course titles in English and French, a third of them hard
//! negatives), classified in a loop with one reused scratch buffer, as the
//! pipeline does. `classify_into` is the fast path (level, depth and the
//! suggested competencies); `classify_with` also formats every piece of
//! evidence as text, as the review file and reports need.
//!
//! Run: `cargo bench --bench classify`

use aimap::classify::{Classifier, Scratch};
use aimap::framework::FrameworkSet;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const DEV: &str = include_str!("../tests/fixtures/labelled/dev.csv");

fn statements() -> Vec<String> {
    let mut r = csv::Reader::from_reader(DEV.as_bytes());
    let text = r
        .headers()
        .expect("dev.csv has headers")
        .iter()
        .position(|h| h == "text")
        .expect("dev.csv has a text column");
    r.records()
        .map(|rec| rec.expect("dev.csv is valid CSV")[text].to_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let set = FrameworkSet::builtin().expect("built-in frameworks load");
    let classifier = Classifier::new(&set).expect("classifier builds");
    let texts = statements();
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
