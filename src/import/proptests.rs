//! Property tests: whatever the bytes, importing returns `Ok` or an error
//! naming the file — never a panic — and malformed-but-plausible tables
//! (real headers, wrong values, ragged rows, HTML, odd encodings) always
//! give located findings rather than failures. Kept small so `cargo test`
//! stays fast; the fuzz targets in `fuzz/` run the same entry point for
//! longer.

use super::{ImportOptions, KnownCompetency, Layout, load_bytes};
use crate::model::CompetencyId;
use proptest::prelude::*;

fn options(layout: Layout) -> ImportOptions {
    ImportOptions {
        layout,
        competencies: vec![
            KnownCompetency {
                id: CompetencyId::new("L0.FND.1"),
                titles: vec!["AI concepts and vocabulary".into()],
            },
            KnownCompetency {
                id: CompetencyId::new("L1.STA.1"),
                titles: vec![],
            },
        ],
        ..ImportOptions::default()
    }
}

/// An error must name the file it is about.
fn check(name: &str, result: anyhow::Result<crate::model::Curriculum>) {
    if let Err(e) = result {
        let message = format!("{e:#}");
        assert!(
            message.contains(name),
            "error does not name `{name}`: {message}"
        );
    }
}

/// Cells a faculty spreadsheet plausibly holds, right and wrong.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("UE 1.1".to_owned()),
        Just("2,5".to_owned()),
        Just("1,200".to_owned()),
        Just("-4".to_owned()),
        Just("trois".to_owned()),
        Just("S3".to_owned()),
        Just("Semestre 2".to_owned()),
        Just("I".to_owned()),
        Just("Z".to_owned()),
        Just("x".to_owned()),
        Just("L0.FND.1:R".to_owned()),
        Just("L9.XXX.9".to_owned()),
        Just("<b>Expliquer</b> l&apos;IA<br>".to_owned()),
        Just("\"quoted; with delimiter\"".to_owned()),
        Just("é ü œ — €".to_owned()),
        "[a-zA-Z0-9 ,.;:|'<>&#-]{0,12}",
    ]
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("code UE".to_owned()),
        Just("intitulé".to_owned()),
        Just("année".to_owned()),
        Just("semestre".to_owned()),
        Just("heures".to_owned()),
        Just("crédits".to_owned()),
        Just("prérequis".to_owned()),
        Just("id objectif".to_owned()),
        Just("objectif pédagogique".to_owned()),
        Just("compétences".to_owned()),
        Just("niveau de maîtrise".to_owned()),
        Just("L0.FND.1".to_owned()),
        Just("AI concepts and vocabulary".to_owned()),
        Just("title".to_owned()),
        Just("course_title".to_owned()),
        Just(String::new()),
        "[a-z ]{0,8}",
    ]
}

/// A table: optional title rows, a header, ragged data rows.
fn table() -> impl Strategy<Value = (usize, Vec<String>, Vec<Vec<String>>)> {
    (
        0usize..3,
        prop::collection::vec(header(), 1..8),
        prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..12),
    )
}

fn render(titles: usize, header: &[String], rows: &[Vec<String>], delimiter: &str) -> String {
    let mut text = String::new();
    for i in 0..titles {
        text.push_str(&format!("Maquette {i}\n"));
    }
    text.push_str(&header.join(delimiter));
    text.push('\n');
    for r in rows {
        text.push_str(&r.join(delimiter));
        text.push('\n');
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_as_csv(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check("f.csv", load_bytes("f.csv", &bytes, &options(Layout::Auto)));
    }

    #[test]
    fn arbitrary_bytes_never_panic_as_a_workbook(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check("f.xlsx", load_bytes("f.xlsx", &bytes, &options(Layout::Auto)));
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        check("g.xlsx", load_bytes("g.xlsx", &zip, &options(Layout::Auto)));
    }

    #[test]
    fn arbitrary_bytes_never_panic_as_xml(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check("f.xml", load_bytes("f.xml", &bytes, &options(Layout::Auto)));
        let mut xml = b"<?xml version=\"1.0\"?><CurriculumInventory>".to_vec();
        xml.extend(&bytes);
        check("g.xml", load_bytes("g.xml", &xml, &options(Layout::Auto)));
    }

    #[test]
    fn wrong_but_plausible_tables_never_panic(
        (titles, header, rows) in table(),
        delimiter in prop_oneof![Just(";"), Just(","), Just("\t"), Just("|")],
        matrix in any::<bool>(),
        latin1 in any::<bool>(),
    ) {
        let text = render(titles, &header, &rows, delimiter);
        let bytes = if latin1 {
            encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        let layout = if matrix { Layout::Matrix } else { Layout::Auto };
        check("t.csv", load_bytes("t.csv", &bytes, &options(layout)));
    }

    #[test]
    fn the_same_tables_as_workbooks_never_panic((titles, header, rows) in table()) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let mut r = 0u32;
        for i in 0..titles {
            ws.write_string(r, 0, format!("Maquette {i}")).unwrap();
            r += 1;
        }
        for (c, h) in header.iter().enumerate() {
            ws.write_string(r, c as u16, h).unwrap();
        }
        for row in &rows {
            r += 1;
            for (c, v) in row.iter().enumerate() {
                match v.replace(',', ".").parse::<f64>() {
                    Ok(n) if n.is_finite() => ws.write_number(r, c as u16, n).unwrap(),
                    _ => ws.write_string(r, c as u16, v).unwrap(),
                };
            }
        }
        if rows.len() > 2 {
            ws.merge_range(r - 1, 0, r, 0, "UE fusionnée", &rust_xlsxwriter::Format::new()).unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        check("t.xlsx", load_bytes("t.xlsx", &bytes, &options(Layout::Auto)));
        // Truncated anywhere: still an error naming the file, never a panic.
        let cut = bytes.len() * (rows.len() + 1) / 14;
        check("cut.xlsx", load_bytes("cut.xlsx", &bytes[..cut.min(bytes.len())], &options(Layout::Auto)));
    }
}
