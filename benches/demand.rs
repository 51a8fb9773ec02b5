//! Throughput of `aimap demand` on one core, in bytes of posting text per
//! second (criterion's `Throughput::Bytes`: the figure is MB/s of title and
//! description), with the postings per second beside it in the names.
//!
//! The postings are generated at setup (`support/postings.rs`: English and
//! French, 1 to 4 KB each, half of them AI postings, the traps of the
//! shipped sample among the others), never read from a corpus:
//!
//! - `classify, judge, count`: each posting classified sentence by
//!   sentence, judged by the two-concept rule and counted into the
//!   aggregates, as `demand::run` does;
//! - `csv to aggregates and demand.csv`: the same from the bytes of a CSV
//!   file, through the streaming reader, with each `demand.csv` row written
//!   (to a sink): the whole of a run but the final pages.
//!
//! Run: `cargo bench --bench demand` (pinned to one core: `taskset -c 1
//! cargo bench --bench demand`). Target: at least 20 MB/s.

#[path = "support/postings.rs"]
mod postings;

use aimap::analysis::demand::{DEFAULT_MIN_CONCEPTS, Demand, judge};
use aimap::classify::{Classifier, Scratch};
use aimap::framework::{FrameworkSet, Lang};
use aimap::import::postings::read_bytes;
use aimap::report::csv::CsvDialect;
use aimap::report::demand::PostingsCsv;
use aimap::report::words::Words;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// Postings per iteration: about 2.5 MB of text.
const N: u64 = 1_000;

fn bench(c: &mut Criterion) {
    let set = FrameworkSet::builtin().expect("built-in frameworks load");
    let classifier = Classifier::new(&set).expect("classifier builds");
    let generated = postings::postings(N as usize);
    let text_bytes: u64 = generated.iter().map(|p| p.text_len() as u64).sum();
    let csv = postings::csv_of(&generated);
    let mut read = Vec::new();
    let mut problems = Vec::new();
    read_bytes("csv", &csv, "postings.csv", &mut problems, &mut |p| {
        read.push(p);
        Ok(())
    })
    .expect("the generated postings read");
    assert_eq!(read.len() as u64, N);
    assert!(problems.is_empty(), "{problems:?}");

    let mut group = c.benchmark_group("demand");
    group.sample_size(20);
    group.measurement_time(std::time::Duration::from_secs(10));
    group.throughput(Throughput::Bytes(text_bytes));
    group.bench_function(
        format!(
            "classify, judge, count: {N} postings of {} bytes on average",
            text_bytes / N
        ),
        |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut demand = Demand::new(DEFAULT_MIN_CONCEPTS);
                for p in &read {
                    let c = classifier.classify_sentences_with(&p.text(), &mut scratch);
                    let j = judge(&c, DEFAULT_MIN_CONCEPTS);
                    demand.add(p, &j);
                }
                black_box(demand.total.ai)
            })
        },
    );
    let words = Words::new(Lang::En);
    group.bench_function(
        format!(
            "csv to aggregates and demand.csv: {N} postings, {} KB of CSV",
            csv.len() / 1000
        ),
        |b| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut demand = Demand::new(DEFAULT_MIN_CONCEPTS);
                let mut out =
                    PostingsCsv::to(std::io::sink(), CsvDialect::for_lang(Lang::En), &words)
                        .expect("csv");
                let mut problems = Vec::new();
                read_bytes("csv", black_box(&csv), "p.csv", &mut problems, &mut |p| {
                    let c = classifier.classify_sentences_with(&p.text(), &mut scratch);
                    let j = judge(&c, DEFAULT_MIN_CONCEPTS);
                    demand.add(&p, &j);
                    out.row(&p, &j)
                })
                .expect("reads");
                black_box(demand.total.ai)
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
