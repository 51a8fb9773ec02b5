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
use std::fmt::Write;
use std::hint::black_box;

const SIZES: [usize; 3] = [1_000, 4_000, 16_000];

/// A framework of `n` competencies and a crosswalk of `n` items onto it.
fn generated(n: usize) -> (String, String) {
    let mut fw = String::from(
        "[framework]\nid = \"generated\"\nversion = \"1\"\n\n\
         [[levels]]\nnumber = 0\nkey = \"literacy\"\ntitle = { en = \"L0\", fr = \"N0\" }\n\n\
         [[levels]]\nnumber = 1\nkey = \"software-data\"\ntitle = { en = \"L1\", fr = \"N1\" }\n\n\
         [[levels]]\nnumber = 2\nkey = \"advanced\"\ntitle = { en = \"L2\", fr = \"N2\" }\n",
    );
    for i in 0..n {
        let requires = if i >= 3 {
            format!("requires = [\"G.{}\"]\n", i - 3)
        } else {
            String::new()
        };
        write!(
            fw,
            "\n[[competencies]]\nid = \"G.{i}\"\nlevel = {}\ntitle = {{ en = \"Skill {i}\", fr = \"Savoir {i}\" }}\n{requires}\
             terms = {{ en = [\"alpha{} beta{}\", \"shared skill\"], fr = [\"savoir commun\"] }}\n\
             exclude = {{ en = [\"no skill\"] }}\n",
            i % 3,
            i / 200,
            i % 200
        )
        .unwrap();
    }
    let mut cw = String::from(
        "[framework]\nid = \"generated-crosswalk\"\nversion = \"1\"\ncrosswalk_to = \"generated\"\n",
    );
    for i in 0..n {
        write!(
            cw,
            "\n[[competencies]]\nid = \"X.{i}\"\ntitle = {{ en = \"Item {i}\", fr = \"Item {i}\" }}\nmaps_to = [{{ id = \"G.{i}\", depth = \"R\" }}]\n"
        )
        .unwrap();
    }
    (fw, cw)
}

fn sources(n: usize) -> Vec<(String, String)> {
    let (fw, cw) = generated(n);
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
        let (fw, cw) = generated(n);
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
