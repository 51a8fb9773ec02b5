//! What every chart shares: escaping, number formatting, the root element
//! with its text alternative, the palette, fill patterns and a text-width
//! estimate. Holds no words and no chart layout.

use std::fmt::Write;

/// Width of every chart in user units: fits an A4 portrait page.
pub const WIDTH: f64 = 680.0;

/// Font size of ordinary chart text, in user units.
pub const FONT: f64 = 12.0;

/// Text is dark ink on light fills; white only on `DEPTH_M` and `COVERED`.
pub const INK: &str = "#1f2933";
pub const MUTED: &str = "#5f6b7a";
pub const LINE: &str = "#d5dbe3";
pub const BAND: &str = "#f4f6f9";
pub const PAPER: &str = "#ffffff";
pub const GAP: &str = "#b42318";

/// The page's I/R/M shades: light, middle and dark also in grey.
pub const DEPTH_I: &str = "#dbe9fb";
pub const DEPTH_R: &str = "#8fb8ee";
pub const DEPTH_M: &str = "#1f5fbf";

const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/// Escapes text for XML content and attribute values. Characters XML 1.0
/// cannot carry at all (C0 controls other than tab and line ends) are dropped,
/// so that any label gives a well-formed document.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal, never `-0.0`, `NaN` or `inf`.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0.0".to_string();
    }
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".to_string() } else { s }
}

/// Estimated width of `text` at `size`. Proportional fonts average about
/// 0.6 em per character; capitals and digits, which competency ids are made
/// of, are wider, thin letters and punctuation narrower, bold wider still.
/// Errs on the wide side so that boxes hold their text in common fonts.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.36,
            'f' | 't' | 'r' | '(' | ')' | '-' => 0.45,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.9,
            c if c.is_uppercase() || c.is_ascii_digit() => 0.7,
            _ => 0.6,
        })
        .sum();
    em * size * if bold { 1.08 } else { 1.0 }
}

/// `text` cut with an ellipsis so that its estimated width stays within
/// `max_width`.
pub fn fit_text(text: &str, size: f64, bold: bool, max_width: f64) -> String {
    if text_width(text, size, bold) <= max_width {
        return text.to_string();
    }
    let room = max_width - text_width("…", size, bold);
    let mut cut = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size, bold);
        if used + w > room {
            break;
        }
        used += w;
        cut.push(c);
    }
    cut.push('…');
    cut
}

/// The id base of a chart: `prefix` reduced to characters valid in an XML
/// id and in `url(#…)`, starting with a letter.
pub fn id_base(prefix: &str) -> String {
    let mut base: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base.insert(0, 'c');
    }
    base
}

/// An SVG document being written: the root element and its text
/// alternative are written by [`Svg::new`], the closing tag by
/// [`Svg::finish`].
pub struct Svg {
    pub id: String,
    body: String,
    height: f64,
}

impl Svg {
    pub fn new(id_prefix: &str, title: &str, desc: &str) -> Svg {
        let id = id_base(id_prefix);
        let mut body = String::new();
        let _ = write!(
            body,
            "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            escape(title),
            escape(desc)
        );
        Svg {
            id,
            body,
            height: 0.0,
        }
    }

    /// An element id unique to this chart.
    pub fn ref_id(&self, name: &str) -> String {
        format!("{}-{name}", self.id)
    }

    pub fn push(&mut self, s: &str) {
        self.body.push_str(s);
    }

    pub fn line(&mut self, args: std::fmt::Arguments<'_>) {
        let _ = self.body.write_fmt(args);
        self.body.push('\n');
    }

    pub fn set_height(&mut self, height: f64) {
        self.height = height;
    }

    /// Text at (`x`, `y`) with `anchor` (`start`, `middle` or `end`) and
    /// extra attributes `attrs` (already well-formed).
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, attrs: &str, text: &str) {
        let anchor = if anchor == "start" {
            String::new()
        } else {
            format!(" text-anchor=\"{anchor}\"")
        };
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" {attrs}")
        };
        self.line(format_args!(
            "<text x=\"{}\" y=\"{}\"{anchor}{attrs}>{}</text>",
            num(x),
            num(y),
            escape(text)
        ));
    }

    pub fn finish(self) -> String {
        let height = num(self.height.max(1.0));
        let id = &self.id;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {w} {height}\" \
             width=\"100%\" style=\"max-width:{w}px;height:auto\" \
             font-family=\"{FONT_FAMILY}\" font-size=\"{font}\" fill=\"{INK}\">\n{}</svg>\n",
            self.body,
            w = num(WIDTH),
            font = num(FONT),
        )
    }
}

/// A diagonal hatch `id`: `stripe` lines over `ground`.
pub fn hatch(id: &str, ground: &str, stripe: &str) -> String {
    format!(
        "<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{ground}\"/>\
         <rect width=\"2.5\" height=\"6\" fill=\"{stripe}\"/></pattern>"
    )
}

/// A cross-hatch `id`: `stripe` lines both ways over `ground`.
pub fn cross_hatch(id: &str, ground: &str, stripe: &str) -> String {
    format!(
        "<pattern id=\"{id}\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"7\" height=\"7\" fill=\"{ground}\"/>\
         <rect width=\"1.5\" height=\"7\" fill=\"{stripe}\"/>\
         <rect width=\"7\" height=\"1.5\" fill=\"{stripe}\"/></pattern>"
    )
}

/// A dot pattern `id`: `dot` discs over `ground`.
pub fn dots(id: &str, ground: &str, dot: &str) -> String {
    format!(
        "<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"6\" height=\"6\" fill=\"{ground}\"/>\
         <circle cx=\"3\" cy=\"3\" r=\"1.4\" fill=\"{dot}\"/></pattern>"
    )
}

/// One legend entry: a swatch drawn by the caller and its label.
pub struct LegendItem {
    /// Elements drawing a 14 × 14 swatch whose top-left corner is (0, 0).
    pub swatch: String,
    pub label: String,
}

/// Draws `items` in rows from `top`, wrapping within the chart width;
/// returns the y below the legend.
pub fn legend(svg: &mut Svg, items: &[LegendItem], top: f64) -> f64 {
    const SWATCH: f64 = 14.0;
    const ROW: f64 = 20.0;
    let margin = 10.0;
    let mut x = margin;
    let mut y = top;
    let mut drawn = false;
    for item in items {
        let label = fit_text(
            &item.label,
            FONT,
            false,
            WIDTH - 2.0 * margin - SWATCH - 6.0,
        );
        let w = SWATCH + 6.0 + text_width(&label, FONT, false);
        if x > margin && x + w > WIDTH - margin {
            x = margin;
            y += ROW;
        }
        svg.line(format_args!(
            "<g transform=\"translate({},{})\">{}</g>",
            num(x),
            num(y),
            item.swatch
        ));
        svg.text(x + SWATCH + 6.0, y + 11.0, "start", "", &label);
        x += w + 18.0;
        drawn = true;
    }
    if drawn { y + ROW } else { top }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"
        );
    }

    #[test]
    fn drops_characters_xml_cannot_carry() {
        assert_eq!(escape("a\u{0}b\u{1b}c\td"), "abc\td");
    }

    #[test]
    fn formats_numbers_with_one_decimal_and_no_negative_zero() {
        assert_eq!(num(1.25), "1.2");
        assert_eq!(num(-0.01), "0.0");
        assert_eq!(num(f64::NAN), "0.0");
        assert_eq!(num(680.0), "680.0");
    }

    #[test]
    fn id_base_is_a_valid_name() {
        assert_eq!(id_base("levels-1"), "levels-1");
        assert_eq!(id_base("1 a\"b"), "c1_a_b");
        assert_eq!(id_base(""), "c");
    }

    #[test]
    fn fit_text_cuts_long_text_within_width() {
        let cut = fit_text(&"x".repeat(100), FONT, false, 100.0);
        assert!(text_width(&cut, FONT, false) <= 100.0);
        assert!(cut.ends_with('…'));
        assert_eq!(fit_text("short", FONT, false, 100.0), "short");
    }
}
