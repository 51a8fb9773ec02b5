//! Text helpers shared by every stage: accent and case folding for matching,
//! slugs for file names, and the normaliser the classifier and the framework
//! checks read text through ([`normalize`], with its word ids in [`vocab`]).
//! Pure functions, no allocation beyond the result. Knows no domain type.

pub mod normalize;
pub mod vocab;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Lower case, accents removed, ligatures expanded (`œ` → `oe`, `ﬁ` → `fi`),
/// fullwidth forms made plain (`ＡＩ` → `ai`), typographic apostrophes made
/// plain. For comparing words, never for display.
pub fn fold(s: &str) -> String {
    // Most of what is folded (headers, codes, outcome text in English) is
    // ASCII: lower-cased byte by byte, without decomposing.
    if s.is_ascii() {
        return s
            .bytes()
            .map(|b| match b {
                b'`' => '\'',
                _ => char::from(b.to_ascii_lowercase()),
            })
            .collect();
    }

    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            // Before decomposing: `´` would give a space and an accent.
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }),
        }
    }
    out
}

/// A key that ignores case, accents, spaces and punctuation:
/// `"Code UE"`, `"code_ue"` and `"CODE-UE"` all give `"codeue"`.
pub fn key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A key for course codes and programme names as people retype them: case,
/// accents and whitespace ignored, punctuation kept, so `"UE 1"`, `"ue1"`
/// and `"UE1"` agree while `"UE 2.11"` and `"UE 21.1"` stay apart.
pub fn code_key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The longest slug [`slug`] returns, in bytes. A file name may have 255
/// bytes on every common file system; this leaves room for a `-NNN` that
/// makes a slug unique and for the extension.
pub const MAX_SLUG_BYTES: usize = 120;

/// A file-name-safe slug: ASCII letters and digits separated by single `-`,
/// at most [`MAX_SLUG_BYTES`] long, never empty and never a name Windows
/// reserves for a device (`con`, `nul`, `com1`…), since reports are shared
/// on Windows drives.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if out.len() >= MAX_SLUG_BYTES {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("program");
    }
    if is_windows_device(&out) {
        out.push_str("-program");
    }
    out
}

/// Whether Windows reserves `name` for a device: `CON`, `PRN`, `AUX`, `NUL`,
/// `COM0`–`COM9`, `LPT0`–`LPT9`, in any case, also followed by an extension
/// (`nul.html` is the device too).
pub fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let stem = stem.to_ascii_lowercase();
    match stem.len() {
        3 => matches!(stem.as_str(), "con" | "prn" | "aux" | "nul"),
        4 => {
            (stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.as_bytes()[3].is_ascii_digit()
        }
        _ => false,
    }
}

/// Characters that make a spreadsheet read a CSV cell as a formula when
/// they start it (OWASP's list: `=`, `+`, `-`, `@`, tab, carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell a spreadsheet shows as the text it is: a cell starting with a
/// formula character gets a `'` in front (OWASP's advice against CSV
/// injection). A cell that already starts with `'` followed by a formula
/// character or another `'` gets one too, so that [`csv_cell_read`] gives
/// back exactly the text written, whatever it was.
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let guarded = s.starts_with(FORMULA_STARTS) || s.strip_prefix('\'').is_some_and(quote_needed);
    if guarded {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Whether a `'` before `rest` is one [`csv_cell`] added.
fn quote_needed(rest: &str) -> bool {
    rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'')
}

/// The text of a CSV cell written by [`csv_cell`]: the one `'` it added
/// is removed, anything else is kept as it is.
pub fn csv_cell_read(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if quote_needed(rest) => rest,
        _ => s,
    }
}

/// Collapses runs of whitespace (including non-breaking spaces and line
/// breaks) into single spaces and trims the ends.
pub fn squish(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sort key that orders numbers inside text by value, so `UE 2.2` comes
/// before `UE 2.11` and `HDS9` before `HDS10`.
pub fn natural_key(s: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut n: u64 = u64::from(c as u8 - b'0');
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                n = n
                    .saturating_mul(10)
                    .saturating_add(u64::from(*d as u8 - b'0'));
                chars.next();
            }
            key.push((std::mem::take(&mut text), n));
        } else {
            text.extend(c.to_lowercase());
        }
    }
    key.push((text, 0));
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_ligatures() {
        assert_eq!(fold("Œdème CÉRÉBRAL"), "oedeme cerebral");
        assert_eq!(fold("l’IA"), "l'ia");
        assert_eq!(fold("l´IA"), "l'ia");
    }

    #[test]
    fn folds_what_pdf_and_word_paste_to_plain_letters() {
        assert_eq!(fold("arti\u{FB01}cial"), "artificial");
        assert_eq!(fold("ＡＩ"), "ai");
        assert_eq!(fold("ＩＡ générative"), "ia generative");
    }

    #[test]
    fn keys_ignore_punctuation_and_spaces() {
        assert_eq!(key("Code UE"), "codeue");
        assert_eq!(key("course_code"), "coursecode");
        assert_eq!(key("Niveau de maîtrise"), "niveaudemaitrise");
        assert_eq!(key("`pcrs_id`"), "pcrsid");
    }

    #[test]
    fn code_keys_ignore_case_accents_and_spaces_but_not_punctuation() {
        assert_eq!(code_key("UE 1"), code_key("ue1"));
        assert_eq!(code_key("Master Santé"), code_key("master  sante"));
        assert_ne!(code_key("UE 2.11"), code_key("UE 21.1"));
        assert_ne!(code_key("UE-1"), code_key("UE1"));
    }

    #[test]
    fn slugs_are_ascii_and_never_empty() {
        assert_eq!(
            slug("Diplôme d'État Infirmier (IFSI)"),
            "diplome-d-etat-infirmier-ifsi"
        );
        assert_eq!(slug("***"), "program");
    }

    #[test]
    fn slugs_are_capped_in_bytes_and_avoid_windows_devices() {
        let long = slug(&"Données de santé ".repeat(40));
        assert!(long.len() <= MAX_SLUG_BYTES, "{}", long.len());
        assert!(!long.ends_with('-'));
        for name in ["CON", "nul", "Aux", "prn", "COM1", "lpt9", "com0"] {
            let s = slug(name);
            assert!(!is_windows_device(&s), "{name} → {s}");
            assert!(!is_windows_device(&format!("{s}.html")), "{name} → {s}");
        }
        assert!(is_windows_device("NUL.html"));
        assert!(is_windows_device("com3.tar.gz"));
        assert!(!is_windows_device("console"));
        assert!(!is_windows_device("com10"));
    }

    #[test]
    fn csv_cells_that_would_run_as_formulas_get_a_quote() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+33 1"), "'+33 1");
        assert_eq!(csv_cell("-x"), "'-x");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "'\rx");
        assert_eq!(csv_cell("plain = text"), "plain = text");
        assert_eq!(csv_cell("'s-Hertogenbosch"), "'s-Hertogenbosch");
        assert_eq!(csv_cell("'=already"), "''=already");
        assert_eq!(csv_cell(""), "");
    }

    proptest::proptest! {
        #[test]
        fn csv_cells_read_back_as_written(s in "['=+@\t\r a-]{0,4}.{0,6}") {
            let written = csv_cell(&s);
            proptest::prop_assert!(!written.starts_with(FORMULA_STARTS));
            proptest::prop_assert_eq!(csv_cell_read(&written), s.as_str());
        }
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        let mut codes = ["UE 2.11", "UE 2.2", "UE 10.1", "ue 1.3"];
        codes.sort_by_key(|c| natural_key(c));
        assert_eq!(codes, ["ue 1.3", "UE 2.2", "UE 2.11", "UE 10.1"]);
    }

    #[test]
    fn squishes_whitespace() {
        assert_eq!(squish("  a\n\tb\u{a0} c "), "a b c");
    }
}
