//! A job posting as the demand side reads it: its text, where it was
//! published and when. Plain data; `import::postings` builds it.

use super::SourceLocation;
use std::fmt;

/// One posting, after its row was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    /// The file's id, or the row's number when the file has none.
    pub id: String,
    pub title: String,
    /// Description or text; may be empty when the title says enough.
    pub description: String,
    pub employer: Option<String>,
    pub sector: Option<String>,
    /// An ISCO or ESCO code, or the occupation as written.
    pub occupation: Option<String>,
    pub country: Option<String>,
    pub region: Option<String>,
    /// The quarter of the date, when the date could be read.
    pub quarter: Option<Quarter>,
    /// The date as written.
    pub date: Option<String>,
    /// The row (or line) it came from.
    pub location: SourceLocation,
}

impl Posting {
    /// What the classifier reads: the title, then the description.
    pub fn text(&self) -> String {
        match (self.title.is_empty(), self.description.is_empty()) {
            (false, false) => format!("{}. {}", self.title, self.description),
            (false, true) => self.title.clone(),
            _ => self.description.clone(),
        }
    }
}

/// A calendar quarter, `2024-Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: u16,
    /// 1 to 4.
    pub q: u8,
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

impl Quarter {
    /// Reads the quarter of a date written `2024-07-15` (also with a time
    /// after it, or `2024-07`), `15/07/2024` (day first, as in French and
    /// British usage; `-` and `.` also separate), `2024-Q3`, `2024 Q3` or
    /// `Q3 2024`. `None` for anything else, or a month or day out of range.
    pub fn parse(s: &str) -> Option<Quarter> {
        let s = s.trim();
        let year = |t: &str| {
            t.parse::<u16>()
                .ok()
                .filter(|y| (1900..=2999).contains(y) && t.len() == 4)
        };
        let from_month = |y: u16, m: &str| {
            let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            Some(Quarter {
                year: y,
                q: (m - 1) / 3 + 1,
            })
        };
        let day_ok = |d: &str| {
            d.parse::<u8>()
                .ok()
                .is_some_and(|d| (1..=31).contains(&d) && d.to_string().len() <= 2)
        };
        let upper = s.to_ascii_uppercase();
        // 2024-Q3, 2024 Q3, 2024Q3, Q3 2024, Q3-2024.
        let parts: Vec<&str> = upper
            .split(['-', ' ', '/'])
            .filter(|p| !p.is_empty())
            .collect();
        let quarter = |t: &str| {
            t.strip_prefix('Q')
                .or_else(|| t.strip_prefix('T'))
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|q| (1..=4).contains(q))
        };
        match parts.as_slice() {
            [y, q] if year(y).is_some() && quarter(q).is_some() => {
                return Some(Quarter {
                    year: year(y)?,
                    q: quarter(q)?,
                });
            }
            [q, y] if year(y).is_some() && quarter(q).is_some() => {
                return Some(Quarter {
                    year: year(y)?,
                    q: quarter(q)?,
                });
            }
            [one] if one.len() == 6 && one.as_bytes()[4] == b'Q' => {
                return Some(Quarter {
                    year: year(&one[..4])?,
                    q: quarter(&one[4..])?,
                });
            }
            _ => {}
        }
        // ISO: the date part before a time.
        let date = s.split(['T', ' ']).next().unwrap_or(s);
        let fields: Vec<&str> = date.split(['-', '/', '.']).collect();
        match fields.as_slice() {
            [y, m, d] if year(y).is_some() && day_ok(d) => from_month(year(y)?, m),
            [y, m] if year(y).is_some() && m.len() <= 2 => from_month(year(y)?, m),
            [d, m, y] if year(y).is_some() && day_ok(d) => from_month(year(y)?, m),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Quarter;

    #[test]
    fn reads_iso_day_first_and_quarter_dates() {
        let q = |s| Quarter::parse(s).map(|q| q.to_string());
        assert_eq!(q("2024-07-15").as_deref(), Some("2024-Q3"));
        assert_eq!(q("2024-01-01T09:30:00Z").as_deref(), Some("2024-Q1"));
        assert_eq!(q("2024-12").as_deref(), Some("2024-Q4"));
        assert_eq!(q("15/07/2024").as_deref(), Some("2024-Q3"));
        assert_eq!(q("3.4.2023").as_deref(), Some("2023-Q2"));
        assert_eq!(q("2024-Q2").as_deref(), Some("2024-Q2"));
        assert_eq!(q("2024 q1").as_deref(), Some("2024-Q1"));
        assert_eq!(q("Q4 2023").as_deref(), Some("2023-Q4"));
        assert_eq!(q("2024Q3").as_deref(), Some("2024-Q3"));
        assert_eq!(q("T2 2025").as_deref(), Some("2025-Q2"));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for s in [
            "",
            "soon",
            "2024-13-01",
            "32/01/2024",
            "2024-Q5",
            "24-01-01",
            "12345",
        ] {
            assert_eq!(Quarter::parse(s), None, "{s}");
        }
    }
}
