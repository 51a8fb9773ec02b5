//! Import time on generated worst cases, at growing sizes, to show that
//! the work grows linearly (docs/reliability.md):
//!
//! - a Curriculum Inventory whose sequence blocks nest in one chain (each a
//!   course, only the outermost with a level) and whose competency objects
//!   form one chain of `narrower` relations, the outermost mapped by the
//!   crosswalk — the cycle check, the level inheritance and the crosswalk
//!   inheritance each walk the whole chain;
//! - an ods of under 1 KB declaring 41 million repeated cells, refused
//!   before they are built.
//!
//! `cargo bench --bench import_worst`.

use aimap::import::{self, ImportOptions};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::Write;

fn chained_inventory(n: usize) -> String {
    let obj = |i: usize| format!("http://x.edu/o/{i}");
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<CurriculumInventory><Program><ProgramName>Chain</ProgramName></Program>\n<Events>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<Event id=\"E{i}\"><Title>e</Title><CompetencyObjectReference>/CurriculumInventory/Expectations/CompetencyObject[lom:lom/lom:general/lom:identifier/lom:entry='{}']</CompetencyObjectReference></Event>\n",
            obj(i)
        ));
    }
    s.push_str("</Events>\n<Expectations>\n");
    for i in 0..n {
        s.push_str(&format!(
            "<CompetencyObject><lom><general><identifier><entry>{}</entry></identifier><title><string>Use AI safely, step {i}</string></title></general></lom></CompetencyObject>\n",
            obj(i)
        ));
    }
    s.push_str("<CompetencyFramework>\n");
    for i in 1..n {
        s.push_str(&format!(
            "<Relation><Reference1><Entry>{}</Entry></Reference1><Relationship>narrower</Relationship><Reference2><Entry>{}</Entry></Reference2></Relation>\n",
            obj(i - 1),
            obj(i)
        ));
    }
    s.push_str("</CompetencyFramework></Expectations>\n<AcademicLevels><Level number=\"1\"><Label>Year 1</Label></Level></AcademicLevels>\n<Sequence>\n");
    for i in 0..n {
        let level = if i == 0 {
            "<Level>/CurriculumInventory/AcademicLevels/Level[@number='1']</Level>"
        } else {
            ""
        };
        let child = if i + 1 < n {
            format!(
                "<SequenceBlockReference>/CurriculumInventory/Sequence/SequenceBlock[@id='B{}']</SequenceBlockReference>",
                i + 1
            )
        } else {
            String::new()
        };
        s.push_str(&format!(
            "<SequenceBlock id=\"B{i}\"><Title>b</Title>{level}<SequenceBlockEvent><EventReference>/CurriculumInventory/Events/Event[@id='E{i}']</EventReference></SequenceBlockEvent>{child}</SequenceBlock>\n"
        ));
    }
    s.push_str("</Sequence></CurriculumInventory>\n");
    s
}

fn ods_repeat_bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", opts).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", opts).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet>\
          <table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"2500\">\
          <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\" \
          office:string-value=\"objectif\"/></table:table-row></table:table></office:spreadsheet>\
          </office:body></office:document-content>",
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

fn chains(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let crosswalk = dir.path().join("cw.csv");
    std::fs::write(
        &crosswalk,
        "expectation,competency,depth\nhttp://x.edu/o/0,L0.FND.1,R\n",
    )
    .unwrap();
    let options = ImportOptions {
        ci_crosswalk: Some(crosswalk),
        ..ImportOptions::default()
    };
    let mut group = c.benchmark_group("ci_chain");
    group.sample_size(10);
    for n in [2_000, 8_000, 32_000] {
        let path = dir.path().join(format!("chain-{n}.xml"));
        std::fs::write(&path, chained_inventory(n)).unwrap();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &path, |b, path| {
            b.iter(|| {
                let curriculum = import::load_with(std::slice::from_ref(path), &options).unwrap();
                black_box(curriculum.programs.len())
            })
        });
    }
    group.finish();
}

fn repeat_bomb(c: &mut Criterion) {
    let bomb = ods_repeat_bomb();
    c.bench_function("ods_repeat_bomb_refused", |b| {
        b.iter(|| {
            let e = import::load_bytes("bomb.ods", black_box(&bomb), &ImportOptions::default());
            assert!(e.is_err());
        })
    });
}

criterion_group!(benches, chains, repeat_bomb);
criterion_main!(benches);
