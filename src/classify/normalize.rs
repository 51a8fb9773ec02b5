//! Text → the form every pattern is matched against: lower case, accents
//! removed, ligatures expanded, every run of non-alphanumeric characters a
//! single space, each word reduced by a small plural/suffix stemmer that is
//! the same for English and French. The text starts and ends with a space
//! and words are separated by single spaces.
//!
//! Built for throughput: one pass over the bytes, an ASCII fast path, no
//! allocation once the buffers have grown to the longest statement seen;
//! when a vocabulary is given, each word's id is looked up as the word is
//! closed.

use super::vocab::{self, Vocab};
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
    /// UTF-8 (lower-case letters and digits, mostly ASCII) and spaces.
    pub text: Vec<u8>,
    pub words: Vec<Word>,
    /// The vocabulary id of each word (see `vocab`), filled only when a
    /// vocabulary is given.
    pub ids: Vec<u16>,
    /// Some word is in the vocabulary.
    pub known: bool,
}

impl Normalized {
    pub fn clear(&mut self) {
        self.text.clear();
        self.words.clear();
        self.ids.clear();
        self.known = false;
    }

    /// The normalised word at `i`.
    pub fn word(&self, i: usize) -> &[u8] {
        let w = self.words[i];
        &self.text[w.start as usize..w.end as usize]
    }

    /// The whole normalised text, for building patterns and tests.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.text).unwrap_or("")
    }
}

/// What a byte below 128 becomes: a lower-case letter or digit; 0 for a
/// separator, 1 for a separator that may open a new clause (`BREAK`).
const BREAK: u8 = 1;

const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_lowercase() || b.is_ascii_digit() {
            b
        } else if b.is_ascii_uppercase() {
            b + 32
        } else if matches!(b, b':' | b';' | b'.' | b'\n' | b'\r' | b'!' | b'?') {
            BREAK
        } else {
            0
        };
        i += 1;
    }
    t
};

/// [`ASCII`] for letters and digits, 0 for every other byte.
const WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        if ASCII[i] > BREAK {
            t[i] = ASCII[i];
        }
        i += 1;
    }
    t
};

/// Copies the ASCII letters and digits at the start of `src` into `dst`,
/// lower-cased; returns how many. `dst` must be as long as `src`.
#[inline]
fn ascii_run(src: &[u8], dst: &mut [u8]) -> usize {
    let mut k = 0;
    for (d, &b) in dst.iter_mut().zip(src) {
        let c = WORD[b as usize];
        if c == 0 {
            break;
        }
        *d = c;
        k += 1;
    }
    k
}

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
    normalize_with(input, out, None);
}

/// Like [`normalize_into`], also looking every word up in `vocab`.
pub fn normalize_coded(input: &str, out: &mut Normalized, vocab: &Vocab) {
    normalize_with(input, out, Some(vocab));
}

/// Separators that may open a new outcome or clause.
fn is_break_char(c: char) -> bool {
    matches!(
        c,
        ':' | ';' | '.' | '\n' | '\r' | '!' | '?' | '•' | '–' | '—' | '·' | '▪' | '◦' | '\u{2028}'
    )
}

/// Spare bytes kept after the text, so that eight bytes can always be read
/// from the start of any word (see `vocab::pack8`).
const SLACK: usize = 16;

fn normalize_with(input: &str, out: &mut Normalized, vocab: Option<&Vocab>) {
    out.clear();
    // Local buffers and a write index kept in a register: the loop below
    // runs once per byte of every statement. Every character becomes at
    // most as many bytes as it had, except in the slow path, which grows
    // the buffer itself.
    let mut text = std::mem::take(&mut out.text);
    let mut words = std::mem::take(&mut out.words);
    let mut ids = std::mem::take(&mut out.ids);
    let mut known = false;
    text.resize(input.len() + 8 + SLACK, 0);
    text[0] = b' ';
    let mut pos = 1usize;
    let bytes = input.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut broke = false;
    while i < n {
        // Between words: skip separators, note breaks.
        let byte = bytes[i];
        if byte < 128 {
            let c = ASCII[byte as usize];
            if c <= BREAK {
                broke |= c == BREAK;
                i += 1;
                continue;
            }
        } else {
            let c = input[i..].chars().next().unwrap_or(' ');
            if latin(c).is_none() && !c.is_alphanumeric() {
                broke |= is_break_char(c);
                i += c.len_utf8();
                continue;
            }
        }
        // A word: letters and digits up to the next separator.
        let start = pos;
        let orig_start = i;
        let mut ascii = true;
        loop {
            // The common case first: a run of ASCII letters and digits.
            if text.len() - pos < n - i {
                text.resize(pos + n - i + SLACK, 0);
            }
            let run = ascii_run(&bytes[i..], &mut text[pos..]);
            i += run;
            pos += run;
            let Some(&byte) = bytes.get(i) else { break };
            if byte < 128 {
                if byte == b'.' && joins_abbreviation(bytes, &text[start..pos], i) {
                    // "A.I.", "LL.M.", "e.g.": the dot joins the letters.
                    i += 1;
                    continue;
                }
                break;
            }
            let c = input[i..].chars().next().unwrap_or(' ');
            if let Some(plain) = latin(c) {
                // A two-byte character becomes one or two ASCII letters.
                for &b in plain.as_bytes() {
                    text[pos] = b;
                    pos += 1;
                }
            } else if c.is_alphanumeric() {
                // Rare scripts and letters outside Latin-1/Extended-A: the
                // slow path, decomposed then stripped of marks.
                ascii = false;
                let mut buf = [0u8; 4];
                for d in c.nfd() {
                    if !is_combining_mark(d) {
                        for l in d.to_lowercase() {
                            let b = l.encode_utf8(&mut buf).as_bytes();
                            if pos + b.len() + SLACK + 2 > text.len() {
                                text.resize(text.len() + 64, 0);
                            }
                            text[pos..pos + b.len()].copy_from_slice(b);
                            pos += b.len();
                        }
                    }
                }
            } else if !is_combining_mark(c) {
                break;
            }
            // A combining accent typed separately is dropped.
            i += c.len_utf8();
        }
        let end = if ascii {
            stem(&mut text, start, pos)
        } else {
            pos
        };
        if let Some(v) = vocab {
            let id = v.get_packed(&text[start..end], vocab::pack8(&text, start, end - start));
            known |= id != vocab::UNKNOWN;
            ids.push(id);
        }
        words.push(Word {
            start: start as u32,
            end: end as u32,
            orig_start: orig_start as u32,
            orig_end: i as u32,
            after_break: std::mem::take(&mut broke),
        });
        text[end] = b' ';
        pos = end + 1;
        // Keep the slack for the next word, whatever the slow path did.
        if pos + SLACK + 4 > text.len() {
            text.resize(pos + SLACK + 4 + (n - i), 0);
        }
    }
    text.truncate(pos);
    out.text = text;
    out.words = words;
    out.ids = ids;
    out.known = known;
}

/// A dot inside a short all-letter word followed by at most two letters and
/// another dot (or the end): `A.I.`, `LL.M.`, `e.g.` read as one word.
fn joins_abbreviation(bytes: &[u8], so_far: &[u8], dot: usize) -> bool {
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
/// word of the vocabulary ("shape" would read as SHAP). Five letters each.
const KEEP_FINAL_E: &[&[u8]] = &[b"shape"];

/// Stems the word that starts at `start` and runs to the end of `text`:
/// French and English plurals (`-s`, `-x`, `-aux`), `-y` → `-i`, and a final
/// `-e`, so that `models`, `modèle` and `modèles` all give `model`, and
/// `studies` and `study` both give `studi`. Crude but the same on both
/// sides: patterns go through the same function.
fn stem(text: &mut [u8], start: usize, end: usize) -> usize {
    let n = end - start;
    if n < 4 {
        return end;
    }
    let w = &text[start..end];
    let last = |k: usize| w[n - k];
    let mut end = end;
    // "analysis", "bias", "virus", "class" keep their s; four-letter "-is"
    // words are mostly acronym plurals ("APIs", "KPIs").
    if n >= 5 && w.ends_with(b"aux") && !w.ends_with(b"eaux") {
        text[end - 3] = b'a';
        text[end - 2] = b'l';
        end -= 1;
    } else if (n >= 5 && w.ends_with(b"eaux"))
        || w.ends_with(b"eux")
        || (last(1) == b's'
            && !matches!(last(2), b's' | b'u' | b'a')
            && !(last(2) == b'i' && n > 4))
    {
        end -= 1;
    }
    let w = &text[start..end];
    let n = w.len();
    if n == 5 && KEEP_FINAL_E.contains(&w) {
        return end;
    }
    if n >= 4 && w[n - 1] == b'y' && !matches!(w[n - 2], b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
        text[end - 1] = b'i';
    } else if n >= 5 && w[n - 1] == b'e' {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut n = Normalized::default();
        normalize_into(s, &mut n);
        n.as_str().to_owned()
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
        assert_eq!(n.word(2), b"neuron");
    }
}
