//! Text → the form every pattern is matched against: lower case, accents
//! removed, ligatures expanded, every run of non-alphanumeric characters a
//! single space, each word reduced by a small plural/suffix stemmer that is
//! the same for English and French. The result starts and ends with a space,
//! so a pattern `" term "` can only match whole words.
//!
//! Built for throughput: one pass over the bytes, an ASCII fast path, no
//! allocation once the buffers have grown to the longest statement seen.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word of the normalised text, with where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the normalised text.
    pub start: u32,
    pub end: u32,
    /// Byte range of the word in the original text (for quoting evidence).
    pub orig_start: u32,
    pub orig_end: u32,
    /// The word follows a colon, semicolon, full stop, bullet or line break:
    /// it may open a new outcome or clause.
    pub after_break: bool,
}

/// A normalised statement: reusable buffers, filled by [`normalize_into`].
#[derive(Debug, Default, Clone)]
pub struct Normalized {
    pub text: String,
    pub words: Vec<Word>,
}

impl Normalized {
    pub fn clear(&mut self) {
        self.text.clear();
        self.words.clear();
    }

    /// The normalised word at `i`.
    pub fn word(&self, i: usize) -> &str {
        let w = self.words[i];
        &self.text[w.start as usize..w.end as usize]
    }

    /// Index of the word that starts at byte `start` of the normalised text
    /// (a match always starts on a word).
    pub fn word_at(&self, start: usize) -> usize {
        self.words
            .partition_point(|w| (w.start as usize) < start)
            .min(self.words.len().saturating_sub(1))
    }
}

/// What a byte below 128 becomes: a lower-case letter or digit, or 0 for a
/// separator.
const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_lowercase() || b.is_ascii_digit() {
            b
        } else if b.is_ascii_uppercase() {
            b + 32
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Latin letters with diacritics (U+00C0–U+017F) → plain ASCII. Empty for
/// characters that are not letters (×, ÷).
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'ß' => "ss",
        'Ł' | 'ł' => "l",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => "s",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        'Ř' | 'ř' => "r",
        'Ť' | 'ť' => "t",
        'Þ' | 'þ' => "th",
        _ => return None,
    })
}

/// Normalises `input` into `out` (cleared first). Words are stemmed.
pub fn normalize_into(input: &str, out: &mut Normalized) {
    normalize_with(input, out, true);
}

/// Normalises without stemming the last word: for prefix patterns such as
/// `entrain*`, whose last word must be written as a prefix of stemmed words.
pub fn normalize_prefix(input: &str) -> String {
    let mut n = Normalized::default();
    normalize_with(input, &mut n, true);
    // Re-normalise the last word without stemming.
    let mut plain = Normalized::default();
    normalize_with(input, &mut plain, false);
    match (n.words.len(), plain.words.last()) {
        (0, _) | (_, None) => String::new(),
        (k, Some(last)) => {
            let mut s = String::new();
            for i in 0..k - 1 {
                s.push(' ');
                s.push_str(n.word(i));
            }
            s.push(' ');
            s.push_str(&plain.text[last.start as usize..last.end as usize]);
            s
        }
    }
}

struct Builder<'a> {
    out: &'a mut Normalized,
    stem: bool,
    open: bool,
    start: usize,
    orig_start: usize,
    /// A break was seen since the last word.
    broke: bool,
    /// The word being built follows a break.
    word_broke: bool,
}

impl Builder<'_> {
    #[inline]
    fn open(&mut self, orig: usize) {
        if !self.open {
            self.open = true;
            self.start = self.out.text.len();
            self.orig_start = orig;
            self.word_broke = self.broke;
            self.broke = false;
        }
    }

    #[inline]
    fn close(&mut self, orig_end: usize) {
        if !self.open {
            return;
        }
        self.open = false;
        if self.stem {
            stem_tail(&mut self.out.text, self.start);
        }
        let end = self.out.text.len();
        self.out.words.push(Word {
            start: self.start as u32,
            end: end as u32,
            orig_start: self.orig_start as u32,
            orig_end: orig_end as u32,
            after_break: self.word_broke,
        });
        self.out.text.push(' ');
    }
}

fn normalize_with(input: &str, out: &mut Normalized, stem: bool) {
    out.clear();
    out.text.reserve(input.len() + 2);
    out.text.push(' ');
    let bytes = input.as_bytes();
    let mut b = Builder {
        out,
        stem,
        open: false,
        start: 0,
        orig_start: 0,
        broke: false,
        word_broke: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte < 128 {
            let c = ASCII[byte as usize];
            if c != 0 {
                b.open(i);
                b.out.text.push(c as char);
            } else if byte == b'.' && b.open && joins_abbreviation(bytes, b.start, b.out, i) {
                // "A.I.", "LL.M.", "e.g.": the dot joins the letters.
            } else {
                b.close(i);
                if matches!(byte, b':' | b';' | b'.' | b'\n' | b'!' | b'?' | b'\r') {
                    b.broke = true;
                }
            }
            i += 1;
            continue;
        }
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if let Some(plain) = latin(c) {
            b.open(i);
            b.out.text.push_str(plain);
        } else if c.is_alphanumeric() {
            b.open(i);
            // Rare scripts and letters outside Latin-1/Extended-A: the slow
            // path, decomposed then stripped of marks.
            for d in c.nfd() {
                if !is_combining_mark(d) {
                    b.out.text.extend(d.to_lowercase());
                }
            }
        } else if is_combining_mark(c) {
            // A combining accent typed separately: drop it.
        } else {
            b.close(i);
            if matches!(c, '•' | '–' | '—' | '·' | '▪' | '◦' | '\u{2028}') {
                b.broke = true;
            }
        }
        i += len;
    }
    b.close(bytes.len());
}

/// A dot inside a short all-letter word followed by at most two letters and
/// another dot (or the end): `A.I.`, `LL.M.`, `e.g.` read as one word.
fn joins_abbreviation(bytes: &[u8], word_start: usize, out: &Normalized, dot: usize) -> bool {
    let so_far = &out.text.as_bytes()[word_start..];
    if so_far.is_empty() || so_far.len() > 2 || !so_far.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let mut j = dot + 1;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    let run = j - dot - 1;
    (1..=2).contains(&run) && (j == bytes.len() || bytes[j] == b'.')
}

/// Words whose final `e` stays, because dropping it would make them another
/// word of the vocabulary ("shape" would read as SHAP).
const KEEP_FINAL_E: &[&[u8]] = &[b"shape"];

/// Stems the word that starts at `start` and runs to the end of `text`:
/// French and English plurals (`-s`, `-x`, `-aux`), `-y` → `-i`, and a final
/// `-e`, so that `models`, `modèle` and `modèles` all give `model`, and
/// `studies` and `study` both give `studi`. Crude but the same on both
/// sides: patterns go through the same function.
fn stem_tail(text: &mut String, start: usize) {
    let word = &text.as_bytes()[start..];
    let n = word.len();
    if n < 4 || !word.is_ascii() {
        return;
    }
    let ends = |s: &[u8]| word.ends_with(s);
    let mut cut = 0usize; // bytes to remove
    let mut add: &str = "";
    // "analysis", "bias", "virus", "class" keep their s; four-letter "-is"
    // words are mostly acronym plurals ("APIs", "KPIs").
    let plural_s =
        ends(b"s") && !(ends(b"ss") || ends(b"us") || (ends(b"is") && n > 4) || ends(b"as"));
    if n >= 5 && ends(b"aux") && !ends(b"eaux") {
        cut = 3;
        add = "al";
    } else if (n >= 5 && ends(b"eaux")) || ends(b"eux") || plural_s {
        cut = 1;
    }
    text.truncate(text.len() - cut);
    text.push_str(add);
    let word = &text.as_bytes()[start..];
    let n = word.len();
    if KEEP_FINAL_E.contains(&word) {
        return;
    }
    if n >= 4
        && word[n - 1] == b'y'
        && !matches!(word[n - 2], b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
    {
        text.truncate(text.len() - 1);
        text.push('i');
    } else if n >= 5 && word[n - 1] == b'e' {
        text.truncate(text.len() - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut n = Normalized::default();
        normalize_into(s, &mut n);
        n.text
    }

    #[test]
    fn lowers_strips_accents_and_expands_ligatures() {
        assert_eq!(norm("Œdème CÉRÉBRAL"), " oedem cerebral ");
        assert_eq!(norm("cœur"), " coeur ");
    }

    #[test]
    fn apostrophes_hyphens_and_punctuation_separate_words() {
        assert_eq!(norm("l’IA"), " l ia ");
        assert_eq!(norm("l'IA"), " l ia ");
        assert_eq!(norm("machine-learning"), " machin learning ");
        assert_eq!(norm("TRIPOD+AI, (CONSORT-AI)"), " tripod ai consort ai ");
        assert_eq!(norm("  a \t b\u{a0}c "), " a b c ");
    }

    #[test]
    fn marks_words_that_follow_a_break() {
        let mut n = Normalized::default();
        normalize_into("Titre : décrire • expliquer; a b", &mut n);
        let breaks: Vec<bool> = n.words.iter().map(|w| w.after_break).collect();
        assert_eq!(breaks, [false, true, true, true, false]);
    }

    #[test]
    fn joins_dotted_abbreviations_but_not_sentences_or_decimals() {
        assert_eq!(norm("Intro to A.I. in care"), " intro to ai in care ");
        assert_eq!(norm("LL.M. law"), " llm law ");
        assert_eq!(norm("UE 2.11"), " ue 2 11 ");
        assert_eq!(norm("santé.Les"), " sant les ");
        assert_eq!(norm("IA.Le mot"), " ia le mot ");
    }

    #[test]
    fn stems_english_and_french_plurals_alike() {
        assert_eq!(norm("models modèle modèles"), " model model model ");
        assert_eq!(norm("réseaux réseau"), " reseau reseau ");
        assert_eq!(norm("médicaux médical"), " medical medical ");
        assert_eq!(norm("studies study"), " studi studi ");
        assert_eq!(norm("biases bias"), " bias bias ");
        assert_eq!(norm("données donnée"), " donne donne ");
        assert_eq!(norm("LLMs APIs"), " llm api ");
        assert_eq!(norm("analysis virus class"), " analysis virus class ");
        assert_eq!(norm("shape shapes"), " shape shape ");
    }

    #[test]
    fn leaves_short_words_and_abbreviations_alone() {
        // "IAS" (infections associées aux soins) must not become "ia".
        assert_eq!(norm("IAS ias taux"), " ias ias taux ");
        assert_eq!(norm("R ML mL"), " r ml ml ");
    }

    #[test]
    fn keeps_original_offsets_for_quoting() {
        let mut n = Normalized::default();
        let s = "Réseaux de neurones";
        normalize_into(s, &mut n);
        let w = n.words[0];
        assert_eq!(&s[w.orig_start as usize..w.orig_end as usize], "Réseaux");
        assert_eq!(n.word(2), "neuron");
        assert_eq!(n.word_at(w.start as usize), 0);
    }

    #[test]
    fn prefixes_keep_their_last_word_unstemmed() {
        assert_eq!(normalize_prefix("entraîne"), " entraine");
        assert_eq!(
            normalize_prefix("apprentissage supervisé"),
            " apprentissag supervise"
        );
    }
}
