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

/// Eight copies of `b`.
const fn splat(b: u8) -> u64 {
    b as u64 * 0x0101_0101_0101_0101
}

const HIGH: u64 = splat(0x80);

/// Bit 7 of each byte of `x` (every byte below 128) set when the byte lies
/// in `lo..=hi` (`lo` ≥ 1): adding `128 - lo` sets bit 7 from `lo` up, adding
/// `127 - hi` from `hi + 1` up, and no sum carries into the next byte.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    (x + splat(128 - lo)) & !(x + splat(127 - hi)) & HIGH
}

/// Bit 7 of each byte of `v` set when the byte is an ASCII letter or digit.
#[inline]
fn alnum8(v: u64) -> u64 {
    let x = v & splat(0x7F);
    let letter = in_range(x | splat(0x20), b'a', b'z');
    let digit = in_range(x, b'0', b'9');
    (letter | digit) & !v
}

/// Copies the ASCII letters and digits at the start of `src` into `dst`,
/// lower-cased; returns how many. Eight bytes at a time, without a branch
/// per byte: words are short, and a branch per letter costs more than the
/// arithmetic. Writes up to eight bytes past the run (so `dst` must be at
/// least eight bytes longer than `src`): the caller overwrites them.
#[inline]
fn ascii_run(src: &[u8], dst: &mut [u8]) -> usize {
    let mut k = 0;
    loop {
        let mut chunk = [0u8; 8];
        match src.get(k..k + 8) {
            Some(eight) => chunk.copy_from_slice(eight),
            None => {
                // The end of the text: fewer than eight bytes, padded with
                // zeros (not letters). Byte by byte rather than a `memcpy`
                // call, as this happens once per statement.
                let rest = &src[k.min(src.len())..];
                for (j, c) in chunk.iter_mut().enumerate() {
                    *c = rest.get(j).copied().unwrap_or(0);
                }
            }
        }
        let v = u64::from_le_bytes(chunk);
        // Letters and digits only, so setting bit 5 lower-cases.
        dst[k..k + 8].copy_from_slice(&(v | splat(0x20)).to_le_bytes());
        let stop = !alnum8(v) & HIGH;
        if stop != 0 {
            return k + stop.trailing_zeros() as usize / 8;
        }
        k += 8;
    }
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

/// Characters that do not show and do not separate words: the soft hyphen
/// of hyphenated PDF text, zero-width spaces and joiners, the word joiner
/// and the byte-order mark. Skipped inside a word, ignored between words.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Spare bytes kept after the text, so that eight bytes can always be read
/// from the start of any word (see `vocab::Key::within`).
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
        let mut slow = false;
        loop {
            // The common case first: a run of ASCII letters and digits.
            if text.len() - pos < n - i + 8 {
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
                // Rare scripts, letters outside Latin-1/Extended-A, and
                // what PDF and Word paste (ligatures such as `ﬁ`, fullwidth
                // `ＡＩ`): the slow path, decomposed with the compatibility
                // mappings, stripped of marks and of whatever is not a
                // letter or digit (`½` gives `12`, not `1⁄2`).
                slow = true;
                let mut buf = [0u8; 4];
                for d in c.nfkd() {
                    if !is_combining_mark(d) && d.is_alphanumeric() {
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
            } else if !is_combining_mark(c) && !is_invisible(c) {
                break;
            }
            // A combining accent typed separately, a soft hyphen or a
            // zero-width character is dropped.
            i += c.len_utf8();
        }
        if pos == start {
            // Only characters that decompose to nothing kept.
            continue;
        }
        // A word the slow path made ASCII ("artiﬁcial") is stemmed too.
        let end = if !slow || text[start..pos].is_ascii() {
            stem(&mut text, start, pos)
        } else {
            pos
        };
        // The quoted word stops at its last visible character.
        let mut orig_end = i;
        if bytes[orig_end - 1] >= 0x80 {
            while let Some(c) = input[..orig_end]
                .chars()
                .next_back()
                .filter(|&c| is_invisible(c))
            {
                orig_end -= c.len_utf8();
            }
        }
        words.push(Word {
            start: start as u32,
            end: end as u32,
            orig_start: orig_start as u32,
            orig_end: orig_end as u32,
            after_break: std::mem::take(&mut broke),
        });
        text[end] = b' ';
        pos = end + 1;
        // Keep the slack for the next word, whatever the slow path did.
        if pos + SLACK + 4 > text.len() {
            text.resize(pos + SLACK + 4 + (n - i), 0);
        }
    }
    // The words' ids in a pass of their own: the lookups do not wait on
    // one another, so their cache misses overlap.
    if let Some(v) = vocab {
        for w in &words {
            let (start, end) = (w.start as usize, w.end as usize);
            let id = v.get_key(&text[start..end], vocab::Key::within(&text, start, end));
            known |= id != vocab::UNKNOWN;
            ids.push(id);
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
const KEEP_FINAL_E: &[&[u8; 5]] = &[b"shape"];

/// Stems the word that starts at `start` and runs to the end of `text`:
/// French and English plurals (`-s`, `-x`, `-aux`), `-y` → `-i`, and a final
/// `-e`, so that `models`, `modèle` and `modèles` all give `model`, and
/// `studies` and `study` both give `studi`. Crude but the same on both
/// sides: patterns go through the same function. Returns the new end.
///
/// The rules, as the reference `tests::stem_by_rules` spells them with
/// branches, are evaluated here as one expression each (`&` and `|`, not
/// `&&` and `||`): which rule applies depends on the word, so a branch per
/// rule was mispredicted for every other word.
fn stem(text: &mut [u8], start: usize, end: usize) -> usize {
    let n = end - start;
    // The letter `k` places from the end (a space before the text).
    let at = |text: &[u8], end: usize, k: usize| {
        end.checked_sub(k)
            .and_then(|i| text.get(i))
            .copied()
            .unwrap_or(b' ')
    };
    let (l1, l2, l3, l4) = (
        at(text, end, 1),
        at(text, end, 2),
        at(text, end, 3),
        at(text, end, 4),
    );
    // "analysis", "bias", "virus", "class" keep their s; four-letter "-is"
    // words are mostly acronym plurals ("APIs", "KPIs").
    let ends_aux = (l3 == b'a') & (l2 == b'u') & (l1 == b'x');
    let ends_eaux = ends_aux & (l4 == b'e');
    let ends_eux = (l3 == b'e') & (l2 == b'u') & (l1 == b'x');
    let plural_s = (l1 == b's') & !matches!(l2, b's' | b'u' | b'a') & !((l2 == b'i') & (n > 4));
    let long = n >= 4;
    // "-aux" → "-al": the `a` stays, `u` becomes `l`, `x` goes.
    let aux = long & (n >= 5) & ends_aux & !ends_eaux;
    let drop = long & !aux & (((n >= 5) & ends_eaux) | ends_eux | plural_s);
    // The last two letters once that is done, chosen rather than read
    // back (reading what was just written would wait on the write).
    let shorter = usize::from(drop) + 2 * usize::from(aux);
    let m1 = [l1, l2, b'l'][shorter];
    let m2 = [l2, l3, b'a'][shorter];
    // "shape" ends in e, not in "-al".
    let kept = (n - usize::from(aux | drop) == 5)
        & !aux
        & KEEP_FINAL_E
            .iter()
            .any(|w| text.get(start..start + 5) == Some(&w[..]));
    if let Some(c) = text.get_mut(end.wrapping_sub(2)) {
        *c = if aux { b'l' } else { *c };
    }
    let end = end - usize::from(aux | drop);
    let n = n - usize::from(aux | drop);
    let y = long
        & !kept
        & (n >= 4)
        & (m1 == b'y')
        & !matches!(m2, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let e = long & !kept & !y & (n >= 5) & (m1 == b'e');
    if let Some(c) = text.get_mut(end.wrapping_sub(1)) {
        *c = if y { b'i' } else { *c };
    }
    end - usize::from(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut n = Normalized::default();
        normalize_into(s, &mut n);
        n.as_str().to_owned()
    }

    /// The stemmer's rules with a branch each: the reference for [`stem`].
    fn stem_by_rules(text: &mut [u8], start: usize, end: usize) -> usize {
        let n = end - start;
        if n < 4 {
            return end;
        }
        let w = &text[start..end];
        let last = |k: usize| w[n - k];
        let mut end = end;
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
        if n == 5 && KEEP_FINAL_E.iter().any(|k| w == &k[..]) {
            return end;
        }
        if n >= 4
            && w[n - 1] == b'y'
            && !matches!(w[n - 2], b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
        {
            text[end - 1] = b'i';
        } else if n >= 5 && w[n - 1] == b'e' {
            end -= 1;
        }
        end
    }

    #[test]
    fn stems_every_short_word_like_the_rules_spelt_with_branches() {
        // Every word of up to six letters over the letters the rules test.
        let letters = b"aeiuyxslhp";
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = words
                .iter()
                .filter(|w| w.len() == words.last().map_or(0, Vec::len))
                .flat_map(|w| letters.iter().map(move |&l| [&w[..], &[l]].concat()))
                .collect();
            words.extend(longer);
        }
        for word in words.iter().filter(|w| !w.is_empty()) {
            let text = [&b" "[..], word, b" "].concat();
            let (mut a, mut b) = (text.clone(), text);
            let got = stem(&mut a, 1, 1 + word.len());
            let want = stem_by_rules(&mut b, 1, 1 + word.len());
            assert_eq!(
                (got, &a[..got]),
                (want, &b[..want]),
                "{}",
                String::from_utf8_lossy(word)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn stems_like_the_rules_spelt_with_branches(
            before in "[a-z ]{0,3}",
            word in "[aeiouyxslhpd]{1,9}",
        ) {
            let text = format!("{before}{word} ");
            let (start, end) = (before.len(), before.len() + word.len());
            let mut a = text.clone().into_bytes();
            let mut b = a.clone();
            let got = stem(&mut a, start, end);
            let want = stem_by_rules(&mut b, start, end);
            proptest::prop_assert_eq!(got, want);
            proptest::prop_assert_eq!(&a[..got], &b[..want]);
        }

        #[test]
        fn copies_ascii_runs_like_byte_by_byte(src in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            let mut dst = vec![0u8; src.len() + 8];
            let run = ascii_run(&src, &mut dst);
            let want: Vec<u8> = src
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .map(u8::to_ascii_lowercase)
                .collect();
            proptest::prop_assert_eq!(&dst[..run], &want[..]);
        }
    }

    #[test]
    fn finds_every_ascii_letter_and_digit_eight_at_a_time() {
        for b in 0..=255u8 {
            let v = u64::from_le_bytes([b'x', b, b'x', b'x', b'x', b'x', b'x', b]);
            let want = if b.is_ascii_alphanumeric() {
                HIGH
            } else {
                HIGH & !0x8000_0000_0000_8000
            };
            assert_eq!(alnum8(v), want, "byte {b:#x}");
        }
    }

    #[test]
    fn lowers_strips_accents_and_expands_ligatures() {
        assert_eq!(norm("Œdème CÉRÉBRAL"), " oedem cerebral ");
        assert_eq!(norm("cœur"), " coeur ");
    }

    #[test]
    fn expands_compatibility_forms_pasted_from_pdf_and_word() {
        assert_eq!(
            norm("arti\u{FB01}cial intelligence"),
            " artificial intelligenc "
        );
        assert_eq!(norm("ＡＩ ｍｏｄｅｌｓ"), " ai model ");
        // Parts that are not letters or digits are dropped: one word.
        assert_eq!(norm("½ dose"), " 12 dose ");
        // A letter that decomposes to a space and a mark makes no word.
        assert_eq!(norm("a \u{37A} b"), " a b ");
    }

    #[test]
    fn invisible_characters_neither_split_nor_show() {
        for c in [
            '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
        ] {
            assert_eq!(
                norm(&format!("ma{c}chine learning")),
                " machin learning ",
                "{c:?}"
            );
            assert_eq!(norm(&format!("{c}model{c}s {c} x")), " model x ", "{c:?}");
        }
        let mut n = Normalized::default();
        let s = "ma\u{AD}chine\u{200B} learning";
        normalize_into(s, &mut n);
        let w = n.words[0];
        assert_eq!(
            &s[w.orig_start as usize..w.orig_end as usize],
            "ma\u{AD}chine"
        );
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
