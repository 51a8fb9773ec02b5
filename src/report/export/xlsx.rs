//! The curriculum map as an Excel workbook, three sheets: the map (courses
//! × primary competencies, the deepest depth in each cell, coloured by
//! depth, suggestions in italics on a lighter fill), the gaps (one row per
//! primary competency) and the outcomes (the [`MapRow`] table). Every word
//! comes from [`XlsxText`]; every text cell is written as a string, never
//! as a formula, whatever it starts with.

use super::map::{MapHeaders, MapRow, Value};
use super::{Teaching, courses_in_order, teaching};
use crate::analysis::ProgramAnalysis;
use crate::framework::{FrameworkSet, Lang};
use crate::model::{CourseCode, Depth, Program};
use anyhow::{Context, Result, bail};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The words of the workbook, in the caller's language. The map sheet's
/// course headers and the gaps sheet's competency and level headers are
/// those of `columns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XlsxText {
    /// Sheet names ("Map", "Gaps", "Outcomes"), made valid for Excel.
    pub map_sheet: String,
    pub gaps_sheet: String,
    pub outcomes_sheet: String,
    /// The gaps sheet's competency title header.
    pub title: String,
    /// The gaps sheet's header for whether a competency is covered.
    pub covered: String,
    /// The gaps sheet's header for the deepest depth reached.
    pub deepest: String,
    /// The gaps sheet's header for the courses teaching a competency.
    pub courses: String,
    /// What the covered column says.
    pub yes: String,
    pub no: String,
    /// The outcomes sheet's headers.
    pub columns: MapHeaders,
}

/// Rows and columns a worksheet holds.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
/// Characters a cell holds.
const MAX_CELL_CHARS: usize = 32_767;
/// UTF-16 units a sheet name holds.
const MAX_SHEET_NAME: usize = 31;
/// The outcome text's column in [`MapHeaders::labels`], wrapped.
const OUTCOME_COLUMN: u16 = 6;

/// The workbook of one programme. `rows` are its [`super::map_rows`];
/// competency titles are in `lang`.
pub fn xlsx(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    rows: &[MapRow],
    text: &XlsxText,
    lang: Lang,
) -> Result<Vec<u8>> {
    let tallest = rows
        .len()
        .max(program.courses.len())
        .max(analysis.competencies.len());
    if tallest >= MAX_ROWS {
        bail!(
            "the workbook of `{}` would need {tallest} rows, more than the {} a worksheet holds; export it as CSV",
            program.name,
            MAX_ROWS - 1
        );
    }
    if analysis.competencies.len() + 2 > MAX_COLUMNS {
        bail!(
            "the map of `{}` would need a column for each of {} competencies, more than the {} a worksheet holds; export it as CSV",
            program.name,
            analysis.competencies.len(),
            MAX_COLUMNS - 2
        );
    }
    let mut book = Workbook::new();
    // A fixed creation date: the same input gives the same bytes.
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let [map, gaps, outcomes] =
        sheet_names([&text.map_sheet, &text.gaps_sheet, &text.outcomes_sheet]);
    let styles = Styles::new();
    map_sheet(
        book.add_worksheet().set_name(map)?,
        program,
        analysis,
        text,
        &styles,
    )
    .context("cannot write the map sheet")?;
    gaps_sheet(
        book.add_worksheet().set_name(gaps)?,
        frameworks,
        program,
        analysis,
        text,
        lang,
        &styles,
    )
    .context("cannot write the gaps sheet")?;
    outcomes_sheet(
        book.add_worksheet().set_name(outcomes)?,
        rows,
        text,
        &styles,
    )
    .context("cannot write the outcomes sheet")?;
    book.save_to_buffer()
        .with_context(|| format!("cannot write the workbook of `{}`", program.name))
}

struct Styles {
    header: Format,
    wrap: Format,
    score: Format,
    /// By depth, explicit then suggested.
    depth: [[Format; 2]; 3],
}

impl Styles {
    fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xF2F2F2))
            .set_border_bottom(FormatBorder::Thin);
        // Fill, text: light to dark; white text on the darkest fill.
        let explicit = [
            (0xDEEBF7, 0x1A1A1A),
            (0x9ECAE1, 0x1A1A1A),
            (0x2171B5, 0xFFFFFF),
        ];
        let suggested = [
            (0xF4F8FC, 0x404040),
            (0xCFE3F0, 0x262626),
            (0x8CB4D9, 0x1A1A1A),
        ];
        let cell = |(fill, ink): (u32, u32), italic: bool| {
            let f = Format::new()
                .set_background_color(Color::RGB(fill))
                .set_font_color(Color::RGB(ink))
                .set_align(FormatAlign::Center)
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF));
            if italic { f.set_italic() } else { f.set_bold() }
        };
        Styles {
            header,
            wrap: Format::new().set_text_wrap(),
            score: Format::new().set_num_format("0.00"),
            depth: [0, 1, 2].map(|k| [cell(explicit[k], false), cell(suggested[k], true)]),
        }
    }

    fn teaching(&self, t: &Teaching) -> &Format {
        let k = match t.depth {
            Depth::Introduced => 0,
            Depth::Reinforced => 1,
            Depth::Mastered => 2,
        };
        &self.depth[k][usize::from(!t.explicit)]
    }
}

fn map_sheet(
    ws: &mut Worksheet,
    program: &Program,
    analysis: &ProgramAnalysis,
    text: &XlsxText,
    styles: &Styles,
) -> Result<()> {
    let header = &styles.header;
    write_text(ws, 0, 0, &text.columns.course, Some(header))?;
    write_text(ws, 0, 1, &text.columns.course_title, Some(header))?;
    for (k, c) in analysis.competencies.iter().enumerate() {
        write_text(ws, 0, column(k + 2), c.id.as_str(), Some(header))?;
        ws.set_column_width(column(k + 2), 9)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 36)?;
    let cells = teaching(analysis);
    let courses = courses_in_order(program);
    for (i, course) in courses.iter().enumerate() {
        let r = row(i + 1);
        write_text(ws, r, 0, course.code.as_str(), None)?;
        write_text(ws, r, 1, &course.title, None)?;
        for (k, c) in analysis.competencies.iter().enumerate() {
            if let Some(t) = cells.get(&(&course.code, &c.id)) {
                ws.write_string_with_format(
                    r,
                    column(k + 2),
                    t.depth.letter(),
                    styles.teaching(t),
                )?;
            }
        }
    }
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(
        0,
        0,
        row(courses.len()),
        column(analysis.competencies.len() + 1),
    )?;
    Ok(())
}

fn gaps_sheet(
    ws: &mut Worksheet,
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    text: &XlsxText,
    lang: Lang,
    styles: &Styles,
) -> Result<()> {
    let headers = [
        &text.columns.competency,
        &text.columns.level,
        &text.title,
        &text.covered,
        &text.deepest,
        &text.courses,
    ];
    for (c, h) in headers.iter().enumerate() {
        write_text(ws, 0, column(c), h, Some(&styles.header))?;
    }
    for (c, w) in [12.0, 7.0, 48.0, 10.0, 10.0, 40.0].iter().enumerate() {
        ws.set_column_width(column(c), *w)?;
    }
    let order: BTreeMap<&CourseCode, usize> = courses_in_order(program)
        .into_iter()
        .enumerate()
        .map(|(k, c)| (&c.code, k))
        .collect();
    for (i, c) in analysis.competencies.iter().enumerate() {
        let r = row(i + 1);
        let title = frameworks
            .primary
            .competency(&c.id)
            .map(|f| f.title.get(lang))
            .unwrap_or("");
        let mut courses: Vec<&CourseCode> = c.courses.iter().collect();
        courses.sort_by_key(|code| (order.get(code).copied().unwrap_or(usize::MAX), *code));
        let courses: Vec<&str> = courses.iter().map(|c| c.as_str()).collect();
        write_text(ws, r, 0, c.id.as_str(), None)?;
        ws.write_number(r, 1, f64::from(c.level))?;
        write_text(ws, r, 2, title, None)?;
        write_text(ws, r, 3, if c.covered { &text.yes } else { &text.no }, None)?;
        write_text(ws, r, 4, c.deepest.map(Depth::letter).unwrap_or(""), None)?;
        write_text(ws, r, 5, &courses.join(", "), None)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        row(analysis.competencies.len()),
        column(headers.len() - 1),
    )?;
    Ok(())
}

fn outcomes_sheet(
    ws: &mut Worksheet,
    rows: &[MapRow],
    text: &XlsxText,
    styles: &Styles,
) -> Result<()> {
    let labels = text.columns.labels();
    for (c, h) in labels.iter().enumerate() {
        write_text(ws, 0, column(c), h, Some(&styles.header))?;
    }
    let widths = [
        20.0, 6.0, 8.0, 12.0, 30.0, 12.0, 50.0, 11.0, 6.0, 6.0, 10.0, 6.0, 50.0, 10.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(column(c), *w)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let at = row(i + 1);
        for (c, value) in r.values().into_iter().enumerate() {
            let c = column(c);
            match value {
                Value::Text(s) if c == OUTCOME_COLUMN => {
                    write_text(ws, at, c, s, Some(&styles.wrap))?
                }
                Value::Text(s) => write_text(ws, at, c, s, None)?,
                Value::Evidence(s) => write_text(ws, at, c, s, Some(&styles.wrap))?,
                Value::Whole(Some(n)) => {
                    ws.write_number(at, c, f64::from(n))?;
                }
                Value::Score(Some(s)) => {
                    let rounded = (f64::from(s) * 100.0).round() / 100.0;
                    ws.write_number_with_format(at, c, rounded, &styles.score)?;
                }
                Value::Whole(None) | Value::Score(None) => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row(rows.len()), column(labels.len() - 1))?;
    Ok(())
}

/// Writes `s` as a string (never a formula), cut to what a cell holds;
/// an empty `s` leaves the cell blank.
fn write_text(ws: &mut Worksheet, r: u32, c: u16, s: &str, format: Option<&Format>) -> Result<()> {
    if s.is_empty() {
        return Ok(());
    }
    let s = fit_cell(s);
    match format {
        Some(f) => ws.write_string_with_format(r, c, s.as_ref(), f)?,
        None => ws.write_string(r, c, s.as_ref())?,
    };
    Ok(())
}

/// `s`, or its beginning and `…` when it is longer than a cell holds.
fn fit_cell(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS || s.chars().count() <= MAX_CELL_CHARS {
        return Cow::Borrowed(s);
    }
    let mut cut: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('\u{2026}');
    Cow::Owned(cut)
}

/// Row `i` of a sheet; callers have checked the sheet's size.
fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Column `i` of a sheet; callers have checked the sheet's size.
fn column(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// Sheet names Excel accepts, from the wanted ones: characters it forbids
/// (`[ ] : * ? / \` and control characters) become spaces, quotes at the
/// ends go, names are cut to 31 UTF-16 units, and an empty, reserved or
/// repeated name (Excel compares them ignoring case) gets a number.
fn sheet_names<const N: usize>(wanted: [&str; N]) -> [String; N] {
    let mut taken: Vec<String> = Vec::with_capacity(N);
    wanted.map(|w| {
        let clean = clean_sheet_name(w);
        let base = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
            format!("Sheet{}", taken.len() + 1)
        } else {
            clean
        };
        let mut name = base.clone();
        let mut n = 2;
        while taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
        {
            let suffix = format!(" ({n})");
            let room = MAX_SHEET_NAME - suffix.len();
            name = format!("{}{suffix}", cut_utf16(&base, room).trim_end());
            n += 1;
        }
        taken.push(name.clone());
        name
    })
}

fn clean_sheet_name(wanted: &str) -> String {
    let spaced: String = wanted
        .chars()
        .map(|c| {
            if c.is_control() || ['[', ']', ':', '*', '?', '/', '\\'].contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let squished = crate::text::squish(&spaced);
    let unquoted = squished.trim_matches('\'').trim();
    cut_utf16(unquoted, MAX_SHEET_NAME)
        .trim_end()
        .trim_end_matches('\'')
        .trim_end()
        .to_owned()
}

/// The longest beginning of `s` of at most `units` UTF-16 units.
fn cut_utf16(s: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += c.len_utf16();
        if used > units {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, english_text, french_text};
    use super::super::map_rows;
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::collections::BTreeSet;

    fn open(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
    }

    fn text(d: &Data) -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            other => panic!("unexpected cell {other:?}"),
        }
    }

    fn sheet(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
        let range = book.worksheet_range(name).unwrap();
        range.rows().map(|r| r.iter().map(text).collect()).collect()
    }

    fn workbook(text: &XlsxText, lang: Lang) -> (Vec<MapRow>, Vec<u8>) {
        let f = fixture::get();
        let rows = map_rows(&f.frameworks, &f.program, &f.analysis, &f.words);
        let bytes = xlsx(&f.frameworks, &f.program, &f.analysis, &rows, text, lang).unwrap();
        (rows, bytes)
    }

    #[test]
    fn the_map_sheet_shows_the_deepest_depth_of_each_course_for_each_competency() {
        let f = fixture::get();
        let (_, bytes) = workbook(&english_text(), Lang::En);
        let mut book = open(bytes);
        assert_eq!(book.sheet_names(), ["Map", "Gaps", "Outcomes"]);
        let map = sheet(&mut book, "Map");
        assert_eq!(map[0], ["course", "course title", "A", "B", "C", "D"]);
        let codes: Vec<&str> = map[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(codes, ["UE 2", "UE 3", "UE 11", "UE 10", "X1"]);
        let mut shown = BTreeSet::new();
        for r in &map[1..] {
            for (k, cell) in r.iter().enumerate().skip(2) {
                if !cell.is_empty() {
                    shown.insert((r[0].clone(), map[0][k].clone(), cell.clone()));
                }
            }
        }
        let mut deepest: BTreeMap<(String, String), Depth> = BTreeMap::new();
        for a in &f.analysis.addresses {
            let d = deepest
                .entry((a.course.to_string(), a.competency.to_string()))
                .or_insert(a.depth);
            *d = (*d).max(a.depth);
        }
        let want: BTreeSet<(String, String, String)> = deepest
            .into_iter()
            .map(|((c, k), d)| (c, k, d.letter().to_owned()))
            .collect();
        assert_eq!(shown, want);
        assert!(shown.contains(&("UE 11".into(), "A".into(), "M".into())));
    }

    #[test]
    fn the_outcomes_sheet_holds_the_map_rows() {
        let (rows, bytes) = workbook(&english_text(), Lang::En);
        let mut book = open(bytes);
        let sheet = sheet(&mut book, "Outcomes");
        assert_eq!(sheet[0], english_text().columns.labels());
        let whole = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.program.clone(),
                    whole(r.year),
                    whole(r.semester),
                    r.course.clone(),
                    r.course_title.clone(),
                    r.outcome_id.clone(),
                    r.outcome.clone(),
                    r.competency.clone(),
                    whole(r.level),
                    r.depth.to_owned(),
                    r.origin.to_owned(),
                    r.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
                    r.evidence.clone(),
                    r.via.clone().unwrap_or_default(),
                ]
            })
            .collect();
        assert_eq!(sheet[1..], want[..]);
        assert!(sheet.iter().any(|r| r[6] == "=1+1"));
        assert!(sheet.iter().any(|r| r[6] == "@SUM(A1)"));
    }

    #[test]
    fn the_gaps_sheet_speaks_the_chosen_language() {
        let (_, bytes) = workbook(&french_text(), Lang::Fr);
        let mut book = open(bytes);
        assert_eq!(book.sheet_names(), ["Carte", "Lacunes", "Objectifs"]);
        let gaps = sheet(&mut book, "Lacunes");
        assert_eq!(
            gaps,
            [
                [
                    "compétence",
                    "niveau",
                    "intitulé",
                    "couverte",
                    "profondeur maximale",
                    "UE"
                ],
                ["A", "0", "Expliquer", "oui", "M", "UE 2, UE 3, UE 11"],
                ["B", "1", "Utiliser des données", "oui", "R", "UE 11"],
                [
                    "C",
                    "1",
                    "Construire des modèles",
                    "oui",
                    "M",
                    "UE 2, UE 10"
                ],
                ["D", "0", "Non couverte", "non", "", ""],
            ]
        );
        let (_, bytes) = workbook(&english_text(), Lang::En);
        let gaps = sheet(&mut open(bytes), "Gaps");
        assert_eq!(gaps[1][2], "Say \"why\" \\ explain");
        assert_eq!(gaps[3][2], "=Build models");
    }

    #[test]
    fn formula_like_text_is_written_as_strings() {
        let (_, bytes) = workbook(&english_text(), Lang::En);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().unwrap().into_owned();
            if name.starts_with("xl/worksheets/") {
                let mut xml = String::new();
                std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
                assert!(!xml.contains("<f>"), "{name}: {xml}");
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(
            workbook(&english_text(), Lang::En).1,
            workbook(&english_text(), Lang::En).1
        );
    }

    #[test]
    fn sheet_names_are_made_valid_for_excel() {
        let long = "A very long sheet name that Excel refuses";
        let names = sheet_names([
            "Map/Carte: [2024]?",
            long,
            "'quoted'",
            "",
            "history",
            "MAP CARTE 2024",
        ]);
        assert_eq!(names[0], "Map Carte 2024");
        assert_eq!(names[1], "A very long sheet name that Exc");
        assert_eq!(names[2], "quoted");
        assert_eq!(names[3], "Sheet4");
        assert_eq!(names[4], "Sheet5");
        assert_eq!(names[5], "MAP CARTE 2024 (2)");
        for n in &names {
            assert!(n.encode_utf16().count() <= 31, "{n}");
        }
        let twice = sheet_names([long, long]);
        assert_eq!(twice[1], "A very long sheet name that (2)");
        let mut book = Workbook::new();
        for n in names.iter().chain(&twice[1..]) {
            book.add_worksheet().set_name(n).unwrap();
        }
        assert!(book.save_to_buffer().is_ok());
    }

    #[test]
    fn a_cell_longer_than_excel_holds_is_cut() {
        let long = "é".repeat(MAX_CELL_CHARS + 10);
        let cut = fit_cell(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('\u{2026}'));
        assert!(matches!(fit_cell("short"), Cow::Borrowed(_)));
    }
}
