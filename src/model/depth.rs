use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How deeply a course teaches a competency, on the I/R/M scale curriculum
/// maps use. Ordered: `Introduced < Reinforced < Mastered`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Depth {
    #[serde(rename = "I")]
    Introduced,
    #[serde(rename = "R")]
    Reinforced,
    #[serde(rename = "M")]
    Mastered,
}

impl Depth {
    pub const ALL: [Depth; 3] = [Depth::Introduced, Depth::Reinforced, Depth::Mastered];

    /// The one-letter code used in spreadsheets and reports.
    pub fn letter(self) -> &'static str {
        match self {
            Depth::Introduced => "I",
            Depth::Reinforced => "R",
            Depth::Mastered => "M",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Depth::Introduced => "introduced",
            Depth::Reinforced => "reinforced",
            Depth::Mastered => "mastered",
        }
    }

    pub fn name_fr(self) -> &'static str {
        match self {
            Depth::Introduced => "sensibilisation",
            Depth::Reinforced => "approfondissement",
            Depth::Mastered => "maîtrise",
        }
    }
}

impl fmt::Display for Depth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.letter())
    }
}

/// The accepted spellings, listed in error messages.
pub const DEPTH_SPELLINGS: &str = "I, R or M (also I/D/M, 1-3, introduced/reinforced/mastered, \
     sensibilisation/approfondissement/maîtrise)";

impl FromStr for Depth {
    type Err = ();

    /// Accepts I/R/M, I/D/M (D = developed), 1–3, and the English and French
    /// words, case- and accent-insensitively.
    fn from_str(s: &str) -> Result<Self, ()> {
        let key = crate::text::fold(s);
        let key = key.trim();
        Ok(match key {
            "i" | "1" | "intro" | "introduced" | "introduce" | "introduction" | "initiation"
            | "sensibilisation" | "n1" | "niveau 1" => Depth::Introduced,
            "r" | "d" | "2" | "reinforced" | "reinforce" | "developed" | "develop"
            | "approfondissement" | "approfondi" | "renforce" | "n2" | "niveau 2" => {
                Depth::Reinforced
            }
            "m" | "3" | "mastered" | "mastery" | "master" | "maitrise" | "maitrise complete"
            | "n3" | "niveau 3" => Depth::Mastered,
            _ => {
                // Spreadsheets store 1–3 as floats ("2.0") and French users type "2,0".
                let numeric = key.replace(',', ".");
                match numeric.parse::<f64>() {
                    Ok(1.0) => Depth::Introduced,
                    Ok(2.0) => Depth::Reinforced,
                    Ok(3.0) => Depth::Mastered,
                    _ => return Err(()),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_letters_numbers_and_words_in_both_languages() {
        for (s, d) in [
            ("I", Depth::Introduced),
            ("r", Depth::Reinforced),
            ("D", Depth::Reinforced),
            ("M", Depth::Mastered),
            ("3", Depth::Mastered),
            ("2.0", Depth::Reinforced),
            ("Maîtrise", Depth::Mastered),
            ("Sensibilisation", Depth::Introduced),
            ("approfondissement", Depth::Reinforced),
        ] {
            assert_eq!(s.parse::<Depth>(), Ok(d), "{s}");
        }
    }

    #[test]
    fn rejects_unknown_marks() {
        for s in ["X", "4", "", "expert"] {
            assert!(s.parse::<Depth>().is_err(), "{s}");
        }
    }

    #[test]
    fn orders_from_introduced_to_mastered() {
        assert!(Depth::Introduced < Depth::Reinforced);
        assert!(Depth::Reinforced < Depth::Mastered);
    }
}
