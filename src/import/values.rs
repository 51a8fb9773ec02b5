//! Cell text → typed values, accepting the ways faculty really write them:
//! comma decimals, thousands separators, units after numbers, ordinal years,
//! French cycle names. Each parser says what it expected when it fails.

use super::table::Cell;
use crate::text::fold;

/// Parses a non-negative quantity (hours, ECTS). Accepts `2,5`, `1 200`,
/// `1.200,5`, `28 h`, `30 heures`, `6 ECTS`.
pub fn quantity(cell: &Cell) -> Result<f64, String> {
    let value = match cell {
        Cell::Number(n) => *n,
        Cell::Text(s) => {
            // Most cells are a bare number: try that before folding units away.
            let bare = s.trim();
            let number = if ambiguous_mark(bare).is_some() {
                None
            } else {
                parse_decimal(bare)
            };
            match number {
                Some(n) => n,
                None => {
                    let unitless = strip_unit(s);
                    if let Some(mark) = ambiguous_mark(&unitless) {
                        return Err(ambiguity(bare, &unitless, mark));
                    }
                    parse_decimal(&unitless).ok_or_else(|| {
                        format!("expected a number (such as 28 or 2,5), found \"{bare}\"")
                    })?
                }
            }
        }
        other => return Err(format!("expected a number, found \"{}\"", other.text())),
    };
    if !value.is_finite() || value < 0.0 {
        return Err(format!(
            "expected a number of zero or more, found \"{}\"",
            cell.text()
        ));
    }
    Ok(value)
}

/// Parses a number of hours: a quantity, or hours and minutes as timetables
/// write them (`1h30`, `1 h 30`, `1h30min` → 1.5).
pub fn hours(cell: &Cell) -> Result<f64, String> {
    if let Cell::Text(s) = cell
        && let Some(h) = hours_and_minutes(s)
    {
        return Ok(h);
    }
    quantity(cell)
}

/// `1h30`, `1 h 30`, `1h30min`, `1h30mn`: whole hours, then 0–59 minutes.
fn hours_and_minutes(s: &str) -> Option<f64> {
    let compact: String = fold(s).chars().filter(|c| !c.is_whitespace()).collect();
    let (h, rest) = compact.split_once('h')?;
    let m = ["min", "mn", "m"]
        .iter()
        .find_map(|unit| rest.strip_suffix(unit))
        .unwrap_or(rest);
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !digits(h) || !digits(m) || m.len() > 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60).then(|| f64::from(h) + f64::from(m) / 60.0)
}

/// Whether a cell of a numeric column says "no value": `-`, `—`, `n/a`,
/// `NC` (non communiqué), `NR` (non renseigné), or other punctuation alone.
pub fn is_placeholder(cell: &Cell) -> bool {
    let Cell::Text(s) = cell else {
        return false;
    };
    let key = crate::text::key(s);
    (key.is_empty() && !s.trim().is_empty()) || matches!(key.as_str(), "na" | "nc" | "nr")
}

/// The text without a trailing unit, folded (units are compared folded, and
/// folding leaves digits and separators alone).
fn strip_unit(s: &str) -> String {
    let lower = fold(s.trim());
    for unit in [
        "heures", "heure", "hours", "hour", "hrs", "hr", "h", "ects", "credits", "credit", "cr",
    ] {
        if let Some(rest) = lower.strip_suffix(unit)
            && rest.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace())
        {
            return rest.trim_end().to_owned();
        }
    }
    lower
}

/// `1,200` or `1.200`: one mark, followed by exactly three digits, after one
/// to three digits that are not a lone `0` — a decimal mark or a thousands
/// separator (English and French use each for the other), and nothing says
/// which. Returns the mark.
fn ambiguous_mark(s: &str) -> Option<char> {
    [',', '.'].into_iter().find(|&mark| {
        let Some((int, frac)) = s.trim().split_once(mark) else {
            return false;
        };
        !int.is_empty()
            && int.len() <= 3
            && int != "0"
            && int.chars().all(|c| c.is_ascii_digit())
            && frac.len() == 3
            && frac.chars().all(|c| c.is_ascii_digit())
    })
}

/// The message for `written`, whose number `number` uses `mark` ambiguously:
/// both readings, each in a spelling that is itself unambiguous.
fn ambiguity(written: &str, number: &str, mark: char) -> String {
    let thousands = number.replace(mark, "");
    let decimal = number.replace(mark, ".");
    let mut plain = decimal
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned();
    if ambiguous_mark(&plain).is_some() {
        // `1.234` itself is ambiguous; `1.2340` is not.
        plain.push('0');
    }
    let name = if mark == ',' { "comma" } else { "point" };
    format!(
        "\"{written}\" is ambiguous: {plain} with a decimal {name}, or {thousands} with a thousands separator; write {plain} or {thousands}"
    )
}

/// A decimal number in English or French writing. With both `.` and `,`, the
/// last one is the decimal mark; with only `,`, it is a decimal comma (French
/// Excel); spaces (including narrow no-break) are thousands separators.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let compact: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if compact.is_empty() {
        return None;
    }
    let normalised = match (compact.rfind('.'), compact.rfind(',')) {
        (Some(dot), Some(comma)) if comma > dot => compact.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => compact.replace(',', ""),
        (None, Some(_)) if compact.matches(',').count() == 1 => compact.replace(',', "."),
        (None, Some(_)) => return None,
        _ => compact,
    };
    if !normalised
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return None;
    }
    normalised.parse().ok()
}

/// French medical and pharmacy cycles named by their diploma year.
const CYCLE_YEARS: &[(&str, u8)] = &[
    ("pass", 1),
    ("las1", 1),
    ("paces", 1),
    ("dfgsm2", 2),
    ("dfgsm3", 3),
    ("dfasm1", 4),
    ("dfasm2", 5),
    ("dfasm3", 6),
    ("dfgsp2", 2),
    ("dfgsp3", 3),
    ("dfasp1", 4),
    ("dfasp2", 5),
];

/// Words allowed around the number of a year or semester: `Year 2`,
/// `2e année`, `2nd year`, `L2`, `S3`, `Semestre 3`.
const ORDINAL_WORDS: &[&str] = &[
    "", "year", "annee", "yr", "y", "a", "l", "m", "e", "er", "ere", "eme", "nd", "rd", "st", "th",
    "de", "d", "etudes", "semester", "semestre", "sem", "s", "term", "level", "niveau",
];

/// Parses a study year (1–10) or a semester (1–20).
pub fn ordinal(cell: &Cell, max: u8, what: &str) -> Result<u8, String> {
    let found = cell.text();
    let err = || {
        format!(
            "expected a {what} number from 1 to {max} (such as 2, \"2e année\", \"Year 2\"), found \"{found}\""
        )
    };
    if let Cell::Number(n) = cell {
        return if n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(max) {
            Ok(*n as u8)
        } else {
            Err(err())
        };
    }
    if let Ok(n) = found.trim().parse::<u8>() {
        return if n >= 1 && n <= max {
            Ok(n)
        } else {
            Err(err())
        };
    }
    let folded = fold(&found);
    let compact: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    if let Some(&(_, y)) = CYCLE_YEARS.iter().find(|(name, _)| *name == compact) {
        return Ok(y);
    }
    if let Ok(v) = folded.trim().replace(',', ".").parse::<f64>() {
        return if v.fract() == 0.0 && v >= 1.0 && v <= f64::from(max) {
            Ok(v as u8)
        } else {
            Err(err())
        };
    }
    // Exactly one run of digits, surrounded only by ordinal words.
    let digits: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let [number] = digits.as_slice() else {
        return Err(err());
    };
    let words_ok = folded
        .split(|c: char| c.is_ascii_digit() || !c.is_alphanumeric())
        .all(|w| ORDINAL_WORDS.contains(&w));
    match number.parse::<u8>() {
        Ok(n) if words_ok && n >= 1 && n <= max => Ok(n),
        _ => Err(err()),
    }
}

/// What a year column holds: a year, or a semester written where the year
/// goes ("S3", "Semestre 3"), which is not year 3.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Period {
    Year(u8),
    Semester(u8),
}

/// Parses a year cell, reading a cell that names a semester as one.
pub fn year(cell: &Cell) -> Result<Period, String> {
    match cell {
        Cell::Text(s) if names_semester(s) => ordinal(cell, 20, "semester").map(Period::Semester),
        _ => ordinal(cell, 10, "year").map(Period::Year),
    }
}

/// Whether the text says "semester": `S3`, `Semestre 3`, `sem. 2`, `Term 1`.
pub fn names_semester(text: &str) -> bool {
    fold(text).split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(w, "semestre" | "semester" | "sem" | "term")
            || (w.len() > 1
                && w.len() <= 3
                && w.starts_with('s')
                && w[1..].chars().all(|c| c.is_ascii_digit()))
    })
}

/// Splits a list cell (`A; B, C | D`, or one per line) into trimmed items.
pub fn list(s: &str) -> Vec<String> {
    s.split([';', ',', '|', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_french_and_english_decimals() {
        assert_eq!(quantity(&t("2,5")), Ok(2.5));
        assert_eq!(quantity(&t("1 200")), Ok(1200.0));
        assert_eq!(quantity(&t("1.200,5")), Ok(1200.5));
        assert_eq!(quantity(&t("1,200.5")), Ok(1200.5));
        assert_eq!(quantity(&t("28 h")), Ok(28.0));
        assert_eq!(quantity(&t("30h")), Ok(30.0));
        assert_eq!(quantity(&t("6 ECTS")), Ok(6.0));
        assert_eq!(quantity(&Cell::Number(3.0)), Ok(3.0));
        assert_eq!(quantity(&t("0,125")), Ok(0.125));
        assert_eq!(quantity(&t("1 200,5")), Ok(1200.5));
    }

    #[test]
    fn refuses_to_guess_between_decimal_comma_and_thousands() {
        assert_eq!(
            quantity(&t("1,200")),
            Err("\"1,200\" is ambiguous: 1.2 with a decimal comma, or 1200 with a thousands separator; write 1.2 or 1200".into())
        );
        assert_eq!(quantity(&t("1,5")), Ok(1.5));
        assert_eq!(quantity(&t("12,25")), Ok(12.25));
    }

    #[test]
    fn refuses_to_guess_between_decimal_point_and_thousands() {
        assert_eq!(
            quantity(&t("1.000")),
            Err("\"1.000\" is ambiguous: 1 with a decimal point, or 1000 with a thousands separator; write 1 or 1000".into())
        );
        assert_eq!(
            quantity(&t("12.345 h")),
            Err("\"12.345 h\" is ambiguous: 12.3450 with a decimal point, or 12345 with a thousands separator; write 12.3450 or 12345".into())
        );
        assert_eq!(
            quantity(&t("1,234")),
            Err("\"1,234\" is ambiguous: 1.2340 with a decimal comma, or 1234 with a thousands separator; write 1.2340 or 1234".into())
        );
        assert_eq!(quantity(&t("1.2340")), Ok(1.234));
        assert_eq!(quantity(&t("0.125")), Ok(0.125));
        assert_eq!(quantity(&t("1.5")), Ok(1.5));
        assert_eq!(quantity(&t("1.200,5")), Ok(1200.5));
        assert_eq!(quantity(&t("1,200.5")), Ok(1200.5));
    }

    #[test]
    fn reads_hours_and_minutes() {
        assert_eq!(hours(&t("1 h 30")), Ok(1.5));
        assert_eq!(hours(&t("1h30")), Ok(1.5));
        assert_eq!(hours(&t("1H30min")), Ok(1.5));
        assert_eq!(hours(&t("2h")), Ok(2.0));
        assert_eq!(hours(&t("2,5")), Ok(2.5));
        assert_eq!(hours(&t("0h45")), Ok(0.75));
        assert!(hours(&t("1h75")).is_err());
        assert!(hours(&t("1h3h")).is_err());
        assert!(hours(&t("h30")).is_err());
    }

    #[test]
    fn knows_placeholders_for_no_value() {
        for s in ["-", "—", "–", "n/a", "N/A", "nc", "NC", "NR", "n.r."] {
            assert!(is_placeholder(&t(s)), "{s}");
        }
        for s in ["0", "", "S3", "nd"] {
            assert!(!is_placeholder(&t(s)), "{s}");
        }
        assert!(!is_placeholder(&Cell::Number(0.0)));
    }

    #[test]
    fn rejects_negative_and_non_numeric_quantities() {
        assert!(quantity(&t("-4")).unwrap_err().contains("zero or more"));
        assert!(
            quantity(&t("beaucoup"))
                .unwrap_err()
                .contains("\"beaucoup\"")
        );
        assert!(quantity(&t("1,2,3")).is_err());
        assert!(quantity(&t("h")).is_err());
    }

    #[test]
    fn reads_years_as_faculty_write_them() {
        for (s, y) in [
            ("2", 2),
            ("2.0", 2),
            ("Year 2", 2),
            ("2e année", 2),
            ("2ème année", 2),
            ("2nd year", 2),
            ("L3", 3),
            ("DFASM1", 4),
            ("DFGSM 2", 2),
            ("Année 1", 1),
        ] {
            assert_eq!(ordinal(&t(s), 10, "year"), Ok(y), "{s}");
        }
        assert_eq!(ordinal(&Cell::Number(3.0), 10, "year"), Ok(3));
    }

    #[test]
    fn rejects_years_it_cannot_read() {
        for s in ["trois", "0", "11", "2-3", "2.5", "année 1 et 2"] {
            let e = ordinal(&t(s), 10, "year").unwrap_err();
            assert!(
                e.starts_with("expected a year number from 1 to 10"),
                "{s}: {e}"
            );
        }
    }

    #[test]
    fn reads_semesters() {
        assert_eq!(ordinal(&t("S3"), 20, "semester"), Ok(3));
        assert_eq!(ordinal(&t("Semestre 5"), 20, "semester"), Ok(5));
    }

    #[test]
    fn reads_a_semester_in_a_year_cell_as_a_semester() {
        assert_eq!(year(&t("S3")), Ok(Period::Semester(3)));
        assert_eq!(year(&t("Semestre 3")), Ok(Period::Semester(3)));
        assert_eq!(year(&t("sem. 12")), Ok(Period::Semester(12)));
        assert_eq!(year(&t("3")), Ok(Period::Year(3)));
        assert_eq!(year(&t("2e année")), Ok(Period::Year(2)));
        assert_eq!(year(&t("DFASM1")), Ok(Period::Year(4)));
        assert_eq!(year(&Cell::Number(2.0)), Ok(Period::Year(2)));
        assert!(
            year(&t("S25"))
                .unwrap_err()
                .starts_with("expected a semester number from 1 to 20")
        );
    }

    #[test]
    fn splits_lists_on_any_separator() {
        assert_eq!(list("A; B, C | D\nE"), ["A", "B", "C", "D", "E"]);
        assert!(list(" ; ").is_empty());
    }
}
