//! Import speed on a 30,000-row curriculum workbook, generated here with
//! rust_xlsxwriter (French headers, one row per learning outcome, merged
//! course cells avoided so every row is complete), and the same rows as a
//! `;`-separated Windows-1252 CSV.
//!
//! `cargo bench --bench import`; figures in BENCHMARKS.md. With
//! `AIMAP_BENCH_SAVE=DIR` the generated workbook and CSV are also saved in
//! DIR, for timing the whole binary on them.

use aimap::import;
use criterion::{Criterion, criterion_group, criterion_main};
use rust_xlsxwriter::Workbook;
use std::hint::black_box;
use std::path::PathBuf;

pub const ROWS: usize = 30_000;

const VERBS: &[&str] = &[
    "Expliquer",
    "Analyser",
    "Utiliser",
    "Évaluer",
    "Décrire",
    "Interpréter",
];
const TOPICS: &[&str] = &[
    "les biais des algorithmes d'aide à la décision",
    "un entrepôt de données de santé avec SQL",
    "la protection des données de santé (RGPD)",
    "un modèle de régression logistique en R",
    "les limites de l'intelligence artificielle générative",
    "la qualité des données du dossier patient informatisé",
];

/// One outcome row: programme, course, year, semester, ECTS, hours,
/// outcome id, outcome, competencies, depth.
fn row(i: usize) -> [String; 10] {
    let course = i / 10;
    [
        format!("Programme {}", course % 3),
        format!("UE {}.{}", course / 100 + 1, course % 100),
        format!("Unité d'enseignement {course}"),
        format!("{}", course % 6 + 1),
        format!("S{}", course % 12 + 1),
        "2,5".to_owned(),
        "28".to_owned(),
        format!("O{i}"),
        format!(
            "{} {}",
            VERBS[i % VERBS.len()],
            TOPICS[(i / 7) % TOPICS.len()]
        ),
        ["L0.FND.1", "L1.DBS.1", "L0.ETH.2", "L1.STA.1"][i % 4].to_owned(),
    ]
}

const HEADERS: [&str; 10] = [
    "formation",
    "code UE",
    "intitulé",
    "année",
    "semestre",
    "crédits",
    "heures",
    "id objectif",
    "objectif pédagogique",
    "compétences",
];

fn workbook_bytes() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Maquette").expect("sheet name");
    ws.write_string(0, 0, "Maquette pédagogique 2025-2026")
        .expect("title");
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(2, c as u16, *h).expect("header");
    }
    for i in 0..ROWS {
        for (c, v) in row(i).iter().enumerate() {
            let r = (i + 3) as u32;
            match c {
                3 | 6 => ws.write_number(r, c as u16, v.parse::<f64>().expect("number")),
                _ => ws.write_string(r, c as u16, v),
            }
            .expect("cell");
        }
    }
    wb.save_to_buffer().expect("workbook")
}

fn csv_bytes() -> Vec<u8> {
    let mut text = String::from("Maquette pédagogique 2025-2026\n\n");
    text.push_str(&HEADERS.join(";"));
    text.push('\n');
    for i in 0..ROWS {
        text.push_str(&row(i).join(";"));
        text.push('\n');
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let xlsx = dir.path().join("maquette-30k.xlsx");
    let xlsx_bytes = workbook_bytes();
    std::fs::write(&xlsx, &xlsx_bytes).expect("write xlsx");
    let csv = dir.path().join("maquette-30k.csv");
    std::fs::write(&csv, csv_bytes()).expect("write csv");

    if let Some(save) = std::env::var_os("AIMAP_BENCH_SAVE") {
        let save = PathBuf::from(save);
        std::fs::create_dir_all(&save).expect("create AIMAP_BENCH_SAVE");
        std::fs::copy(&xlsx, save.join("maquette-30k.xlsx")).expect("save xlsx");
        std::fs::copy(&csv, save.join("maquette-30k.csv")).expect("save csv");
    }
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.bench_function("xlsx 30k rows: sheet to table", |b| {
        b.iter(|| import::excel::read(black_box(&xlsx_bytes), "maquette-30k.xlsx").expect("read"))
    });
    let inputs: Vec<PathBuf> = vec![xlsx.clone()];
    group.bench_function("xlsx 30k rows: file to curriculum", |b| {
        b.iter(|| import::load(black_box(&inputs)).expect("import"))
    });
    let inputs: Vec<PathBuf> = vec![csv.clone()];
    group.bench_function("csv windows-1252 30k rows: file to curriculum", |b| {
        b.iter(|| import::load(black_box(&inputs)).expect("import"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
