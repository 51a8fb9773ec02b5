//! The page's colours meet WCAG 2.1 AA: a test reads the palette of
//! `templates/style.css` and checks every pair of text and background the
//! pages use (4.5:1 for body text).

#[cfg(test)]
mod tests {
    const CSS: &str = include_str!("../../templates/style.css");

    /// The colour of custom property `--name` in the `:root` block, or a
    /// literal `#rrggbb`.
    fn colour(name: &str) -> [f64; 3] {
        let hex = if let Some(h) = name.strip_prefix('#') {
            h.to_owned()
        } else {
            let key = format!("--{name}: #");
            let at = CSS.find(&key).unwrap_or_else(|| panic!("no --{name}")) + key.len();
            CSS[at..at + 6].to_owned()
        };
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        [byte(0), byte(2), byte(4)].map(|b| f64::from(b) / 255.0)
    }

    /// Relative luminance (WCAG 2.1).
    fn luminance(c: [f64; 3]) -> f64 {
        let lin = |v: f64| {
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    }

    fn ratio(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(colour(a)), luminance(colour(b)));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_colours_meet_wcag_aa_on_their_backgrounds() {
        // (text, background) as the style sheet pairs them.
        let pairs = [
            ("ink", "paper"),
            ("ink", "band"),
            ("ink", "i"),
            ("ink", "r"),
            ("#ffffff", "m"),
            ("muted", "paper"),
            ("muted", "band"),
            ("gap", "paper"),
            ("warn", "paper"),
            ("ok", "paper"),
            ("#1849a9", "paper"),
            ("#444444", "paper"),
        ];
        for (text, background) in pairs {
            let r = ratio(text, background);
            assert!(r >= 4.5, "{text} on {background}: {r:.2}:1, below 4.5:1");
        }
    }
}
