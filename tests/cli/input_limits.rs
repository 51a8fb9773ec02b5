//! Promises about reading input (docs/reliability.md, "Reading input"):
//! whatever a file holds or is — a FIFO, a device, a crafted workbook, a
//! chain of a hundred thousand nested blocks — every command ends, within
//! the stated limits, with exit 0 or a located error and exit 2.

use crate::workdir::{Workdir, stderr, stdout};
use std::path::Path;
use std::process::Output;
use std::time::Duration;

/// Far above any run here; a run taking longer is a hang.
const TIME_BOUND: Duration = Duration::from_secs(120);

/// The address-space cap of the acceptance criterion (4 GiB).
const MEMORY_CAP: &str = "--as=4294967296";

fn has_tool(name: &str) -> bool {
    std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `aimap ARGS` in `wd` under `prlimit --as=4GiB` when prlimit is
/// installed (a note is printed once otherwise), within [`TIME_BOUND`].
fn run_capped<S: AsRef<std::ffi::OsStr>>(wd: &Workdir, args: &[S]) -> Output {
    let aimap = assert_cmd::cargo::cargo_bin!("aimap");
    let mut cmd = if has_tool("prlimit") {
        let mut c = assert_cmd::Command::new("prlimit");
        c.arg(MEMORY_CAP).arg(aimap);
        c
    } else {
        static NOTE: std::sync::Once = std::sync::Once::new();
        NOTE.call_once(|| eprintln!("note: prlimit not installed; running without a memory cap"));
        assert_cmd::Command::new(aimap)
    };
    cmd.current_dir(wd.path(""))
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args)
        .timeout(TIME_BOUND)
        .output()
        .expect("run aimap")
}

/// Asserts exit 2, no panic, and a message containing every `needle` (on
/// stderr, or stdout for `frameworks check`, which lists problems there).
#[track_caller]
fn assert_refused(out: &Output, needles: &[&str]) {
    let err = stderr(out);
    let all = format!("{}{err}", stdout(out));
    assert_eq!(
        out.status.code(),
        Some(2),
        "expected exit 2, got {:?}\nstdout: {}\nstderr: {err}",
        out.status.code(),
        stdout(out)
    );
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(all.contains(n), "missing {n:?} in:\n{all}");
    }
}

const CURRICULUM: &str = "code UE;intitulé;objectif pédagogique\nUE1;Santé numérique;Expliquer ce qu'est l'intelligence artificielle\n";

fn mkfifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn every_command_refuses_a_fifo_instead_of_blocking() {
    let wd = Workdir::new();
    wd.write("good.csv", CURRICULUM);
    for name in ["fifo.csv", "fifo.toml"] {
        if !mkfifo(&wd.path(name)) {
            eprintln!("note: mkfifo unavailable; FIFO test skipped");
            return;
        }
    }
    let cases: &[&[&str]] = &[
        &["check", "fifo.csv"],
        &["report", "fifo.csv", "-o", "out"],
        &["suggest", "fifo.csv", "-o", "review.csv"],
        &["report", "good.csv", "fifo.csv", "-o", "out"],
        &["eval", "fifo.csv"],
        &["frameworks", "check", "fifo.toml"],
        &["check", "good.csv", "--ci-crosswalk", "fifo.csv"],
        &["check", "good.csv", "-f", "fifo.toml"],
        &["report", "good.csv", "--target", "fifo.toml", "-o", "out"],
    ];
    for args in cases {
        let out = run_capped(&wd, args);
        let file = if args.contains(&"fifo.toml") {
            "fifo.toml"
        } else {
            "fifo.csv"
        };
        assert_refused(&out, &[file, "FIFO (named pipe), not a regular file"]);
        assert!(wd.files("out").is_empty(), "{args:?} wrote a report");
    }
}

#[test]
fn eval_refuses_a_device_and_a_file_over_the_size_limit_naming_it() {
    let wd = Workdir::new();
    let out = run_capped(&wd, &["eval", "/dev/zero"]);
    assert_refused(
        &out,
        &["cannot read labelled file `/dev/zero`: it is a device, not a regular file"],
    );
    // 257 MiB, sparse: refused from its size, before a byte is read.
    let big = std::fs::File::create(wd.path("big.csv")).unwrap();
    big.set_len(257 * 1024 * 1024).unwrap();
    for args in [&["eval", "big.csv"][..], &["check", "big.csv"]] {
        let out = run_capped(&wd, args);
        assert_refused(&out, &["big.csv", "larger than 256 MiB"]);
    }
    // A framework has its own, lower limit (loading one costs up to about
    // 50 bytes per byte): 33 MiB is refused the same way.
    let framework = std::fs::File::create(wd.path("big.toml")).unwrap();
    framework.set_len(33 * 1024 * 1024).unwrap();
    for file in ["big.csv", "big.toml"] {
        for args in [
            &["frameworks", "check", file][..],
            &["check", "-f", file, "big.csv"],
            &["report", "--target", file],
        ] {
            let out = run_capped(&wd, args);
            assert_refused(
                &out,
                &[
                    file,
                    "larger than 32 MiB, the largest framework file aimap reads",
                ],
            );
        }
    }
}

#[test]
fn warns_about_links_and_pipes_in_an_input_folder_it_cannot_read() {
    let wd = Workdir::new();
    wd.write("in/good.csv", CURRICULUM);
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("loop.csv", wd.path("in/loop.csv")).unwrap();
        symlink("nowhere.csv", wd.path("in/dangling.csv")).unwrap();
    }
    let fifo = mkfifo(&wd.path("in/pipe.csv"));
    let out = run_capped(&wd, &["check", "in"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    #[cfg(unix)]
    for line in [
        "warning[skipped-file]: in/dangling.csv: a symbolic link to `nowhere.csv`, which does not exist; not read",
        "warning[skipped-file]: in/loop.csv: a symbolic link that cannot be followed (",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    if fifo {
        let line =
            "warning[skipped-file]: in/pipe.csv: a FIFO (named pipe), not a regular file; not read";
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    assert!(text.contains("checked 1 programme"), "{text}");
}

#[test]
fn eval_refuses_a_header_only_file() {
    let wd = Workdir::new();
    wd.write("set.csv", "id,lang,text,level,competencies,note\n");
    wd.write(
        "bloom.csv",
        "Learning_outcome,Remember,Understand,Apply,Analyze,Evaluate,Create\n",
    );
    for name in ["set.csv", "bloom.csv"] {
        let out = run_capped(&wd, &["eval", name]);
        assert_refused(
            &out,
            &[&format!(
                "error: `{name}` has a header row but no data row below it"
            )],
        );
    }
}

#[test]
fn eval_refuses_every_nonsense_label_with_its_row_and_column() {
    let wd = Workdir::new();
    wd.write(
        "bloom.csv",
        "Learning_outcome,Remember,Understand,Apply,Analyze,Evaluate,Create\n\
         Describe asepsis.,yes,,,,,\n\
         Apply SQL.,,NaN,1,,,\n\
         Design a study.,,,,,1e999,-5\n\
         List the bones.,1,,,,,\n",
    );
    let out = run_capped(&wd, &["eval", "bloom.csv"]);
    assert_refused(
        &out,
        &[
            "error: `bloom.csv`: 4 values are not Bloom labels; nothing was measured",
            r#"bloom.csv row 2, column B "Remember": "yes" is not a Bloom label; expected 1 or x (the label applies), 0 or empty (it does not)"#,
            r#"bloom.csv row 3, column C "Understand": "NaN" is not a Bloom label"#,
            r#"bloom.csv row 4, column F "Evaluate": "1e999" is not a Bloom label"#,
            r#"bloom.csv row 4, column G "Create": "-5" is not a Bloom label"#,
        ],
    );
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));

    wd.write(
        "set.csv",
        "id,lang,text,level\nA,en,\"Train a model\non ICU data\",2\nB,en,x,3\nC,en,y,L1\n",
    );
    let out = run_capped(&wd, &["eval", "set.csv"]);
    assert_refused(
        &out,
        &[
            "error: `set.csv`: 2 values are not levels; nothing was measured",
            // Row numbers are lines: the first statement spans two.
            r#"set.csv row 4, column D "level": "3" is not none, 0, 1 or 2"#,
            r#"set.csv row 5, column D "level": "L1" is not none, 0, 1 or 2"#,
        ],
    );
}

#[test]
fn eval_applies_the_import_limits_to_its_rows() {
    let wd = Workdir::new();
    let mut wide = String::from("id,lang,text,level");
    wide.push_str(&",x".repeat(20_000));
    wide.push('\n');
    wd.write("wide.csv", &wide);
    let out = run_capped(&wd, &["eval", "wide.csv"]);
    assert_refused(
        &out,
        &["wide.csv row 1: the row has 20,004 columns; a spreadsheet has at most 16,384"],
    );
    let long = format!("id,lang,text,level\nA,en,\"{}\",1\n", "a".repeat(40_000));
    wd.write("long.csv", &long);
    let out = run_capped(&wd, &["eval", "long.csv"]);
    assert_refused(
        &out,
        &[
            "long.csv row 2, column C \"text\": the field holds 40,000 characters; a spreadsheet cell holds at most 32,767",
        ],
    );
}

/// A Curriculum Inventory whose `n` sequence blocks nest in one chain (each
/// a course with one event, only the outermost with a level) and whose `n`
/// competency objects form one chain of `narrower` relations, the outermost
/// mapped by the crosswalk: the worst case of every walk up a hierarchy.
pub fn chained_inventory(n: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<CurriculumInventory><Program><ProgramName>Chain</ProgramName></Program>\n<Events>\n",
    );
    let obj = |i: usize| format!("http://x.edu/o/{i}");
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

#[test]
fn a_curriculum_inventory_nested_in_a_chain_of_30000_blocks_is_read_in_linear_time() {
    // Quadratic walks took 10–14 s on 8,000 blocks in a release build; at
    // 30,000 they would not end within the time bound in a debug build.
    let n = 30_000;
    let wd = Workdir::new();
    wd.write("chain.xml", chained_inventory(n));
    wd.write(
        "cw.csv",
        "expectation,competency,depth\nhttp://x.edu/o/0,L0.FND.1,R\n",
    );
    let out = run_capped(&wd, &["check", "chain.xml", "--ci-crosswalk", "cw.csv"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}\n{text}", stderr(&out));
    assert!(
        text.ends_with(
            "checked 1 programme (30000 courses, 30000 outcomes): 0 errors, 0 warnings\n"
        ),
        "{}",
        &text[text.len().saturating_sub(500)..]
    );
}

/// A one-sheet ods, zipped as LibreOffice does, whose content.xml holds
/// `rows` in a sheet named "S".
pub fn ods(rows: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><manifest:manifest><manifest:file-entry manifest:full-path=\"/\"/></manifest:manifest>").unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    write!(
        zip,
        "<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet>\
         <table:table table:name=\"S\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

/// 2,500 rows, each a text repeated across every column: under 1 KB, and
/// 41 million cells once expanded (under calamine's own limit of 100
/// million, so only aimap's check stops it; built, they need over 4 GiB).
pub fn ods_repeat_bomb() -> Vec<u8> {
    ods(
        "<table:table-row table:number-rows-repeated=\"2500\"><table:table-cell \
         table:number-columns-repeated=\"16384\" office:value-type=\"string\" office:string-value=\"objectif\"/></table:table-row>",
    )
}

#[test]
fn an_ods_with_huge_repeats_is_refused_before_its_cells_exist() {
    let wd = Workdir::new();
    let bomb = ods_repeat_bomb();
    assert!(bomb.len() <= 2048, "{} bytes", bomb.len());
    wd.write("bomb.ods", &bomb);
    // Numbered cells repeated 1000 times down 5,001 columns: the limit is
    // on what would be built, not on the rows alone.
    wd.write(
        "wide.ods",
        ods("<table:table-row><table:table-cell office:value-type=\"string\"><text:p>code UE</text:p></table:table-cell></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1000\"><table:table-cell table:number-columns-repeated=\"5001\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"),
    );
    for (name, row) in [("bomb.ods", 1), ("wide.ods", 2)] {
        let out = run_capped(&wd, &["check", name]);
        assert_refused(
            &out,
            &[&format!(
                "error: {name} [S] row {row}: the workbook spans more than 5,000,000 cells once its repeated rows and columns are expanded"
            )],
        );
    }
}

#[test]
fn an_xls_declaring_huge_dimensions_is_refused_before_they_are_reserved() {
    let wd = Workdir::new();
    let mut xls =
        std::fs::read(crate::workdir::repo().join("tests/fixtures/import/maquette.xls")).unwrap();
    // The first sheet's Dimensions record (type 0x0200, 14 bytes): last row
    // 4,294,967,295.
    let at = xls
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0e, 0x00])
        .expect("a Dimensions record");
    xls[at + 8..at + 12].copy_from_slice(&[0xff; 4]);
    wd.write("huge.xls", &xls);
    let out = run_capped(&wd, &["check", "huge.xls"]);
    assert_refused(
        &out,
        &["error: huge.xls [Maquette]: the sheet declares 25,769,803,770 cells"],
    );
}

#[test]
fn says_what_a_file_saved_with_a_workbook_extension_really_is() {
    let wd = Workdir::new();
    let zip_of = |name: &str, body: &[u8]| {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "code UE\tobjectif\r\nUE1\tExpliquer l'IA\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "export.xls",
            b"<html><body><table><tr><td>code UE</td><td>objectif</td></tr></table></body></html>".to_vec(),
            "`export.xls` is not an Excel workbook: it is an HTML page saved as .xls (some systems export \"Excel\" files as HTML tables); open it in Excel or LibreOffice and save it as .xlsx, or export it as CSV",
        ),
        (
            "tabs.xls",
            b"code UE\tobjectif\nUE1\tExpliquer l'IA\n".to_vec(),
            "`tabs.xls` is not an Excel workbook: it contains tab-separated text (a TSV file renamed to .xls?); rename it to .tsv",
        ),
        (
            "unicode.xls",
            utf16,
            "`unicode.xls` is not an Excel workbook: it contains tab-separated text in UTF-16 (Excel's \"Unicode Text\") (a TSV file renamed to .xls?); rename it to .tsv",
        ),
        (
            "comma.xls",
            b"code UE,objectif\nUE1,Expliquer l'IA\n".to_vec(),
            "`comma.xls` is not an Excel workbook: it contains plain text (a CSV file renamed to .xls?); rename it to .csv",
        ),
        (
            "old.xls",
            b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet/></Workbook>".to_vec(),
            "`old.xls` is not an Excel workbook: it is an XML Spreadsheet 2003 file, which aimap does not read; open it in Excel and save it as .xlsx",
        ),
        (
            "archive.xlsx",
            zip_of("notes.txt", b"hello"),
            "`archive.xlsx` is not an Excel workbook: it is a zip archive holding no workbook (notes.txt); unzip it and give the curriculum file inside",
        ),
    ];
    for (name, bytes, message) in cases {
        wd.write(name, &bytes);
        let out = run_capped(&wd, &["check", name]);
        assert_refused(&out, &[&format!("error: {message}\n")]);
    }
    // Excel saves "XML Spreadsheet 2003" as .xml.
    wd.write(
        "old.xml",
        b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet/></Workbook>",
    );
    let out = run_capped(&wd, &["check", "old.xml"]);
    assert_refused(
        &out,
        &[
            "error: `old.xml` is an XML Spreadsheet 2003 file, which aimap does not read; open it in Excel and save it as .xlsx\n",
        ],
    );
}

#[test]
fn reads_utf16_xml_without_a_byte_order_mark_and_refuses_utf32() {
    let wd = Workdir::new();
    let xml = std::fs::read_to_string(
        crate::workdir::repo().join("tests/fixtures/import/ci-nursing.xml"),
    )
    .unwrap();
    let le: Vec<u8> = xml.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
    wd.write("le.xml", &le);
    wd.write("be.xml", &be);
    for name in ["le.xml", "be.xml"] {
        let out = run_capped(&wd, &["check", name]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert!(
            stdout(&out)
                .ends_with("checked 1 programme (3 courses, 3 outcomes): 0 errors, 1 warning\n"),
            "{name}: {}",
            stdout(&out)
        );
    }
    let utf32: Vec<u8> = xml.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
    wd.write("wide.xml", &utf32);
    let out = run_capped(&wd, &["check", "wide.xml"]);
    assert_refused(
        &out,
        &["error: `wide.xml` is UTF-32 text; save it again as UTF-8"],
    );
}

/// Crafted inputs of at most 2 KB beyond the fixtures: bombs and oddities
/// of every format the commands read.
fn crafted_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let xml_head = "<?xml version=\"1.0\"?>\n";
    let ci_small = format!(
        "{xml_head}<CurriculumInventory><Program><ProgramName>P</ProgramName></Program><Sequence><SequenceBlock id=\"A\"><Title>Intro to AI</Title></SequenceBlock></Sequence></CurriculumInventory>\n"
    );
    // A zip whose directory declares a part of 4 GiB.
    let zip_bomb = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "xl/worksheets/sheet1.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(&vec![b'<'; 100_000]).unwrap();
        let mut bytes = zip.finish().unwrap().into_inner();
        let cd = bytes
            .windows(4)
            .rposition(|w| w == b"PK\x01\x02")
            .expect("a central directory");
        bytes[cd + 24..cd + 28].copy_from_slice(&[0xff; 4]);
        bytes
    };
    let mut cfb = vec![0u8; 2048];
    cfb[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    cfb[0x1E] = 9; // 512-byte sectors; every chain points at sector 0
    vec![
        ("ods-repeat-bomb.ods", ods_repeat_bomb()),
        (
            "ods-spaces-bomb.ods",
            ods("<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"4000000000\"/></text:p></table:table-cell></table:table-row>"),
        ),
        (
            "ods-repeat-bomb-named.xlsx",
            ods_repeat_bomb(),
        ),
        ("zip-bomb.xlsx", zip_bomb),
        ("cfb-garbage.xls", cfb),
        ("chain.xml", chained_inventory(2).into_bytes()),
        (
            "utf16.xml",
            ci_small.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ),
        (
            "utf32.xml",
            ci_small.chars().flat_map(|c| (c as u32).to_le_bytes()).collect(),
        ),
        (
            "deep.toml",
            format!("a = {}{}", "[".repeat(900), "]".repeat(900)).into_bytes(),
        ),
        (
            "numbers.csv",
            b"code UE;intitul\xc3\xa9;heures;ECTS;ann\xc3\xa9e\nUE1;x;1e999;NaN;-5\nUE2;y;inf;1e-999;99999999999999999999\n".to_vec(),
        ),
        ("wide.csv", ";".repeat(2000).into_bytes()),
        ("nul.csv", vec![0u8; 2000]),
        ("bloom.csv", b"Learning_outcome,Remember,Understand,Apply,Analyze,Evaluate,Create\nx,1e999,NaN,-5,yes,,\n".to_vec()),
    ]
}

#[test]
fn no_command_on_any_input_of_at_most_2_kb_exits_other_than_0_or_2() {
    let wd = Workdir::new();
    wd.write("good.csv", CURRICULUM);
    let mut inputs: Vec<String> = Vec::new();
    for (name, bytes) in crafted_inputs() {
        assert!(bytes.len() <= 2048, "{name} is {} bytes", bytes.len());
        wd.write(format!("in/{name}"), &bytes);
        inputs.push(format!("in/{name}"));
    }
    // And every fixture of at most 2 KB, whatever it is for.
    let fixtures = crate::workdir::repo().join("tests/fixtures");
    let mut stack = vec![fixtures.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let small = std::fs::metadata(&path).unwrap().len() <= 2048;
            if small && !name.ends_with(".expected") && !name.ends_with(".golden") {
                let rel = path
                    .strip_prefix(&fixtures)
                    .unwrap()
                    .to_string_lossy()
                    .replace('/', "__");
                std::fs::copy(&path, wd.path(format!("in/{rel}"))).unwrap();
                inputs.push(format!("in/{rel}"));
            }
        }
    }
    inputs.sort();
    assert!(inputs.len() >= 60, "{} inputs", inputs.len());
    let runs: Vec<Vec<String>> = inputs
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
            let mut runs = vec![
                s(&["check", f]),
                s(&["report", f, "-o", &format!("out/{i}")]),
                s(&["suggest", f, "-o", &format!("review-{i}.csv")]),
                s(&["eval", f]),
                s(&["frameworks", "check", f]),
            ];
            if f.ends_with(".toml") {
                runs.push(s(&["check", "good.csv", "-f", f]));
            }
            runs
        })
        .collect();
    let failures = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(args) = runs.get(i) else { break };
                    let out = run_capped(&wd, args);
                    let err = stderr(&out);
                    if !matches!(out.status.code(), Some(0 | 2)) || err.contains("panicked") {
                        failures.lock().unwrap().push(format!(
                            "aimap {}: exit {:?}\n{err}",
                            args.join(" "),
                            out.status.code()
                        ));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} runs:\n{}",
        failures.len(),
        runs.len(),
        failures.join("\n")
    );
}
