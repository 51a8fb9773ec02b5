//! Words → small integer ids, so the automaton runs over one id per word
//! instead of the letters: shorter input, a small automaton, and matches
//! that can only start and end on whole words. Id 0 stands for every word
//! no pattern uses: no pattern contains it, so no match spans an unknown
//! word.
//!
//! A word is keyed by its length and its first and last eight bytes read as
//! two integers, which is the whole word up to sixteen bytes: hashing and
//! comparing cost the same for every word, and only longer words are
//! compared byte by byte.

/// Open-addressing table (linear probing) from word bytes to ids.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Id 0 marks an empty slot. At most a quarter full.
    slots: Vec<Slot>,
    arena: Vec<u8>,
    len: usize,
}

/// A word's length and first and last eight bytes (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Key {
    head: u64,
    /// 0 for words of up to eight bytes.
    tail: u64,
    len: usize,
}

impl Key {
    /// The key of `word`.
    pub fn of(word: &[u8]) -> Key {
        let len = word.len();
        if len <= 8 {
            let mut head = 0u64;
            for &b in word {
                head = (head << 8) | b as u64;
            }
            return Key { head, tail: 0, len };
        }
        Key {
            head: be(&word[..8]),
            tail: be(&word[len - 8..]),
            len,
        }
    }

    /// The key of `text[start..end]`, reading eight bytes at once and
    /// without a branch on the length: `text` should hold eight bytes from
    /// `start` (the normaliser keeps slack after the text); otherwise it
    /// reads byte by byte.
    #[inline]
    pub fn within(text: &[u8], start: usize, end: usize) -> Key {
        let len = end - start;
        let (Some(head), Some(tail)) = (
            text.get(start..start + 8),
            text.get(end.saturating_sub(8)..end.saturating_sub(8) + 8),
        ) else {
            return Key::of(&text[start..end]);
        };
        // Shifts of 64 (a word of no byte) are legal on 128 bits.
        let shift = 8 * 8usize.saturating_sub(len);
        let long = u64::from(len > 8).wrapping_neg();
        Key {
            head: ((be(head) as u128) >> shift) as u64,
            tail: be(tail) & long,
            len,
        }
    }

    #[inline]
    fn hash(&self) -> u64 {
        let h = (self.head ^ self.tail.rotate_left(29) ^ ((self.len as u64) << 58))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ (h >> 29)
    }
}

/// Eight bytes as a big-endian integer.
#[inline]
fn be(b: &[u8]) -> u64 {
    u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    head: u64,
    tail: u64,
    /// Start of the word in `arena`, for words longer than sixteen bytes.
    start: u32,
    len: u16,
    id: u16,
}

/// Id of words no pattern uses.
pub const UNKNOWN: u16 = 0;
/// Largest id.
pub const MAX_ID: u16 = u16::MAX - 1;

impl Vocab {
    /// The id of `word`, or [`UNKNOWN`].
    pub fn get(&self, word: &[u8]) -> u16 {
        self.get_key(word, Key::of(word))
    }

    /// [`Vocab::get`] with the word's key already computed.
    #[inline]
    pub fn get_key(&self, word: &[u8], key: Key) -> u16 {
        if self.slots.is_empty() {
            return UNKNOWN;
        }
        let mask = self.slots.len() - 1;
        let mut i = key.hash() as usize & mask;
        loop {
            let slot = self.slots[i];
            // One branch for the usual outcomes, the word found or an empty
            // slot (whose id is `UNKNOWN`): `&` rather than `&&` keeps the
            // comparisons free of branches, and the table is at most a
            // quarter full so that the first slot nearly always decides.
            let same =
                (slot.head == key.head) & (slot.tail == key.tail) & (slot.len as usize == key.len);
            if same | (slot.id == UNKNOWN) {
                // Words longer than sixteen bytes: compare the rest (rare).
                if !(same & (key.len > 16)) || self.word(&slot) == word {
                    return slot.id;
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn word(&self, slot: &Slot) -> &[u8] {
        let start = slot.start as usize;
        &self.arena[start..start + slot.len as usize]
    }

    /// The id of `word`, added if new. `None` when the vocabulary is full.
    pub fn insert(&mut self, word: &[u8]) -> Option<u16> {
        let found = self.get(word);
        if found != UNKNOWN {
            return Some(found);
        }
        if self.len as u16 >= MAX_ID || word.len() > u16::MAX as usize {
            return None;
        }
        if (self.len + 1) * 4 > self.slots.len() {
            self.grow();
        }
        self.len += 1;
        let key = Key::of(word);
        let slot = Slot {
            head: key.head,
            tail: key.tail,
            start: self.arena.len() as u32,
            len: word.len() as u16,
            id: self.len as u16,
        };
        self.arena.extend_from_slice(word);
        self.place(slot);
        Some(slot.id)
    }

    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let key = Key {
            head: slot.head,
            tail: slot.tail,
            len: slot.len as usize,
        };
        let mut i = key.hash() as usize & mask;
        while self.slots[i].id != UNKNOWN {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for slot in old {
            if slot.id != UNKNOWN {
                self.place(slot);
            }
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_each_word_one_id_and_unknown_words_zero() {
        let mut v = Vocab::default();
        let a = v.insert(b"machin").unwrap();
        let b = v.insert(b"learning").unwrap();
        assert_ne!(a, b);
        assert_eq!(v.insert(b"machin"), Some(a));
        assert_eq!(v.get(b"learning"), b);
        assert_eq!(v.get(b"other"), UNKNOWN);
        for i in 0..3000 {
            v.insert(format!("w{i}").as_bytes()).unwrap();
        }
        assert_eq!(v.get(b"machin"), a);
        assert_eq!(v.len(), 3002);
    }

    #[test]
    fn tells_long_words_apart_by_every_byte() {
        let mut v = Vocab::default();
        let words: [&[u8]; 7] = [
            b"classifi",
            b"classification",
            b"classificatiom",
            b"classifier",
            b"interoperabilities",
            b"interoperabilitiez",
            b"interxperabilities",
        ];
        let ids: Vec<u16> = words.iter().map(|w| v.insert(w).unwrap()).collect();
        for (w, id) in words.iter().zip(&ids) {
            assert_eq!(v.get(w), *id);
        }
        assert_eq!(v.len(), words.len());
        for w in [
            &b"classificatioz"[..],
            b"classif",
            b"interoperabilitie",
            b"interoperabilityes",
            b"interoperabilitxes",
        ] {
            assert_eq!(v.get(w), UNKNOWN, "{}", String::from_utf8_lossy(w));
        }
    }

    #[test]
    fn reads_keys_within_a_text_like_from_the_word() {
        let text = b" model learning x classification interoperabilities                ";
        let s = std::str::from_utf8(text).unwrap();
        for w in s.split(' ').filter(|w| !w.is_empty()) {
            let start = s.find(w).unwrap();
            let key = Key::within(text, start, start + w.len());
            assert_eq!(key, Key::of(w.as_bytes()), "{w}");
        }
        // Without slack after the word: byte by byte.
        assert_eq!(Key::within(b"ab", 0, 2), Key::of(b"ab"));
    }
}
