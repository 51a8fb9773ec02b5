//! Framework loading on generated frameworks of growing size, to show that
//! the work grows linearly in the number of competencies
//! (docs/reliability.md, "Frameworks"). Each competency has a level, a
//! prerequisite (a chain per level), a term of its own and a term and an
//! exclusion shared by all; a crosswalk maps one item onto each competency.
//!
//! - `framework_load`: the framework and the crosswalk, from their text to a
//!   [`FrameworkSet`] (parse, validate, crosswalk against the framework,
//!   lexicon bindings), as `aimap report -f` loads them;
//! - `framework_classifier`: the classifier built from that set;
//! - `framework_check`: `aimap frameworks check` on the two files, which
//!   does both and the checks of each file.
//!
//! `cargo bench --bench framework`.

use aimap::classify::Classifier;
use aimap::framework::{FrameworkSet, check_files};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "../tests/support/generated_framework.rs"]
mod generated;

const SIZES: [usize; 3] = [1_000, 4_000, 16_000];

fn sources(n: usize) -> Vec<(String, String)> {
    let (fw, cw) = generated::generated_framework(n);
    vec![("fw.toml".into(), fw), ("cw.toml".into(), cw)]
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("framework_load");
    group.sample_size(10);
    for n in SIZES {
        let sources = sources(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &sources, |b, s| {
            b.iter(|| {
                let (set, _) = FrameworkSet::from_sources(black_box(s)).unwrap();
                black_box(set.primary.competencies.len())
            })
        });
    }
    group.finish();
}

fn classifier(c: &mut Criterion) {
    let mut group = c.benchmark_group("framework_classifier");
    group.sample_size(10);
    for n in SIZES {
        let (set, _) = FrameworkSet::from_sources(&sources(n)).unwrap();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &set, |b, set| {
            b.iter(|| black_box(Classifier::new(set).unwrap().targets().len()))
        });
    }
    group.finish();
}

fn check(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("framework_check");
    group.sample_size(10);
    for n in SIZES {
        let (fw, cw) = generated::generated_framework(n);
        let paths = [
            dir.path().join(format!("fw-{n}.toml")),
            dir.path().join(format!("cw-{n}.toml")),
        ];
        std::fs::write(&paths[0], fw).unwrap();
        std::fs::write(&paths[1], cw).unwrap();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &paths, |b, paths| {
            b.iter(|| {
                let checked = check_files(paths, |set| Classifier::new(set).map(drop));
                assert!(checked.iter().all(|f| f.problems.is_empty()));
                black_box(checked.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load, classifier, check);
criterion_main!(benches);
