//! Text hygiene for imported text: HTML tags and entities removed (curricula
//! exported from web systems carry them: `Describe…<br>`, `&amp;`),
//! whitespace normalised. Case, accents and punctuation are kept as written:
//! what is stored is what the report shows; folding is only ever done for
//! matching.

use quick_xml::escape::resolve_html5_entity;

/// Cleaned text, and whether HTML markup (a tag or an entity) was removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub had_html: bool,
}

/// Elements after which a reader sees a break: replaced by a space so that
/// words on either side stay apart.
const BLOCK_TAGS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "hr",
    "dd",
    "dt",
];

/// Elements that are not formatting (they run, embed or submit something):
/// kept as the text they are, so that odd content in a curriculum stays
/// visible in the report (escaped) instead of silently disappearing.
const KEPT_AS_TEXT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "template", "form", "input", "button", "textarea", "select", "option", "link", "meta", "base",
    "noscript", "html", "head", "body", "title",
];

/// Removes HTML formatting tags (whatever web curriculum systems and word
/// processors export: `<br>`, `<span style=…>`, Office's `<o:p>`, comments)
/// and decodes entities, then collapses whitespace. Something is a tag only if it looks like one
/// (`<` then a letter, `/`, `!` or `?`, up to the next `>`), so `a < b` and
/// `<5 ans` are left alone; an `&` that does not start a known entity stays
/// an `&`. Elements of `KEPT_AS_TEXT` (`<script>`, `<iframe>`…) are left
/// in the text.
pub fn clean(s: &str) -> Cleaned {
    if !s.contains(['<', '&']) {
        let text = if is_squished(s) {
            s.to_owned()
        } else {
            crate::text::squish(s)
        };
        return Cleaned {
            text,
            had_html: false,
        };
    }
    let mut out = String::with_capacity(s.len());
    let mut had_html = false;
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        // `find` stopped at an ASCII `<` or `&`, one byte long.
        let (mark, after) = tail.split_at(1);
        let found = if mark == "<" {
            tag_len(tail).and_then(|(len, name)| {
                let name = name.to_ascii_lowercase();
                if KEPT_AS_TEXT.contains(&name.as_str()) {
                    return None;
                }
                if BLOCK_TAGS.contains(&name.as_str()) {
                    out.push(' ');
                }
                Some(len)
            })
        } else {
            entity(tail).map(|(len, text)| {
                out.push_str(&text);
                len
            })
        };
        match found {
            Some(len) => {
                had_html = true;
                rest = &tail[len..];
            }
            None => {
                out.push_str(mark);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cleaned {
        text: crate::text::squish(&out),
        had_html,
    }
}

/// Whether [`crate::text::squish`] would leave `s` as it is: no space at
/// either end, no two in a row, no other kind of whitespace. The common case,
/// checked without allocating.
fn is_squished(s: &str) -> bool {
    let mut previous_space = true;
    for c in s.chars() {
        if c == ' ' {
            if previous_space {
                return false;
            }
            previous_space = true;
        } else if c.is_whitespace() || c == '\u{a0}' {
            return false;
        } else {
            previous_space = false;
        }
    }
    !previous_space || s.is_empty()
}

/// Length of the tag at the start of `s` and its element name (empty for
/// comments and declarations).
fn tag_len(s: &str) -> Option<(usize, &str)> {
    let body = &s[1..];
    let first = body.chars().next()?;
    if !(first.is_ascii_alphabetic() || matches!(first, '/' | '!' | '?')) {
        return None;
    }
    if body.starts_with("!--") {
        let end = body.find("-->")?;
        return Some((1 + end + 3, ""));
    }
    let end = body.find('>')?;
    // A tag never spans a new `<`: `a <b and c <d>` keeps "a <b and c".
    if body[..end].contains('<') {
        return None;
    }
    let name = body
        .trim_start_matches('/')
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    if first != '!' && first != '?' && name.is_empty() {
        return None;
    }
    Some((1 + end + 1, name))
}

/// The entity at the start of `s` (`&amp;`, `&#233;`, `&#xE9;`): its length
/// and the text it stands for.
fn entity(s: &str) -> Option<(usize, String)> {
    let end = s[1..].find(';')? + 1;
    if end > 40 {
        return None;
    }
    let name = &s[1..end];
    let text = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        let c = char::from_u32(code).filter(|c| *c != '\0')?;
        c.to_string()
    } else {
        if !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        resolve_html5_entity(name)?.to_owned()
    };
    Some((end + 1, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        clean(s).text
    }

    #[test]
    fn strips_tags_and_decodes_entities() {
        assert_eq!(
            c("Discuss resistance to antibiotics.<br>"),
            "Discuss resistance to antibiotics."
        );
        assert_eq!(
            c("<p>Explain <b>bias</b> &amp; fairness</p><p>in AI</p>"),
            "Explain bias & fairness in AI"
        );
        assert_eq!(c("caf&eacute; &#233;t&#xE9;&nbsp;x"), "café été x");
        assert_eq!(c("line<br/>break <!-- note -->end"), "line break end");
        assert!(clean("a<br>").had_html);
    }

    #[test]
    fn keeps_elements_that_are_not_formatting_as_text() {
        let cleaned = clean("<script>alert(1)</script> <b>x</b>");
        assert_eq!(cleaned.text, "<script>alert(1)</script> x");
        assert!(cleaned.had_html, "the <b> tags were removed");
        assert!(!clean("<iframe src=x>").had_html);
        assert_eq!(c("a<o:p></o:p> <emns cite='x'>b"), "a b");
    }

    #[test]
    fn leaves_text_that_only_looks_like_html() {
        for s in [
            "a < b and c > d",
            "<5 ans",
            "R&D",
            "AT&T; ok",
            "x &unknown; y",
        ] {
            let cleaned = clean(s);
            assert!(!cleaned.had_html, "{s}");
        }
        assert_eq!(c("a < b and c > d"), "a < b and c > d");
        assert_eq!(c("R&D  budget"), "R&D budget");
    }

    #[test]
    fn squished_text_is_recognised_without_allocating() {
        for (s, yes) in [
            ("a b", true),
            ("", true),
            (" a", false),
            ("a ", false),
            ("a  b", false),
            ("a\nb", false),
            ("a\u{a0}b", false),
        ] {
            assert_eq!(is_squished(s), yes, "{s:?}");
            assert_eq!(is_squished(s), crate::text::squish(s) == s, "{s:?}");
        }
    }

    #[test]
    fn keeps_case_accents_and_punctuation() {
        assert_eq!(
            c("  Éthique de l’IA :\n  enjeux  "),
            "Éthique de l’IA : enjeux"
        );
    }
}
