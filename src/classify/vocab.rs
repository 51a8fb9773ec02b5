//! Words → small integer ids, so the automaton runs over one id per word
//! instead of the letters: shorter input, a small automaton, and matches
//! that can only start and end on whole words. Id 0 stands for every word
//! no pattern uses: no pattern contains it, so no match spans an unknown
//! word.

/// Open-addressing table (linear probing) from word bytes to ids.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Id 0 marks an empty slot. A word is found by one slot's sixteen
    /// bytes for words of up to eight bytes (most of them), so a lookup
    /// touches one cache line.
    slots: Vec<Slot>,
    arena: Vec<u8>,
    len: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The word's first eight bytes, [`pack`]ed.
    packed: u64,
    /// Start of the word in `arena`, for longer words.
    start: u32,
    len: u16,
    id: u16,
}

/// Id of words no pattern uses.
pub const UNKNOWN: u16 = 0;
/// Largest id.
pub const MAX_ID: u16 = u16::MAX - 1;

/// The first eight bytes of a word packed into an integer (the whole word
/// for most words).
#[inline]
pub fn pack(word: &[u8]) -> u64 {
    let mut p: u64 = 0;
    for &b in word.iter().take(8) {
        p = (p << 8) | b as u64;
    }
    p
}

/// [`pack`] of `text[start..start + len]`, reading eight bytes at once:
/// `text` must hold eight bytes from `start` (the normaliser keeps slack).
#[inline]
pub fn pack8(text: &[u8], start: usize, len: usize) -> u64 {
    match text.get(start..start + 8) {
        Some(b) => {
            let v = u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
            if len >= 8 { v } else { v >> (8 * (8 - len)) }
        }
        None => pack(&text[start..(start + len).min(text.len())]),
    }
}

/// Hash of a word from its packed prefix: see [`hash`].
#[inline]
fn hash_packed(word: &[u8], packed: u64) -> u64 {
    let mut h = packed ^ ((word.len() as u64) << 58);
    for &b in word.iter().skip(8) {
        h = h.rotate_left(7) ^ b as u64;
    }
    let h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

/// Hash of a word: its packed prefix, its length and, for longer words, the
/// rest folded in; then one multiply to spread the bits.
#[inline]
pub fn hash(word: &[u8]) -> u64 {
    hash_packed(word, pack(word))
}

impl Vocab {
    /// The id of `word`, or [`UNKNOWN`].
    #[inline]
    pub fn get(&self, word: &[u8]) -> u16 {
        self.get_packed(word, pack(word))
    }

    /// [`Vocab::get`] with the word's [`pack`] already computed.
    #[inline]
    pub fn get_packed(&self, word: &[u8], packed: u64) -> u16 {
        if self.slots.is_empty() {
            return UNKNOWN;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash_packed(word, packed) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.id == UNKNOWN {
                return UNKNOWN;
            }
            // Words of up to eight bytes are their packed form and length.
            if slot.packed == packed
                && slot.len as usize == word.len()
                && (word.len() <= 8 || self.word(&slot) == word)
            {
                return slot.id;
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
        // At most a quarter full: short probes, misses included.
        if (self.len + 1) * 4 > self.slots.len() {
            self.grow();
        }
        self.len += 1;
        let slot = Slot {
            packed: pack(word),
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
        let mut i = hash(self.word(&slot)) as usize & mask;
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
    fn tells_long_words_apart_beyond_their_first_eight_bytes() {
        let mut v = Vocab::default();
        let words: [&[u8]; 4] = [b"classifi", b"classification", b"classificatiom", b"classifier"];
        let ids: Vec<u16> = words.iter().map(|w| v.insert(w).unwrap()).collect();
        for (w, id) in words.iter().zip(&ids) {
            assert_eq!(v.get(w), *id);
        }
        assert_eq!(v.len(), 4);
        assert_eq!(v.get(b"classificatioz"), UNKNOWN);
        assert_eq!(v.get(b"classif"), UNKNOWN);
    }

    #[test]
    fn packs_eight_bytes_at_once_like_byte_by_byte() {
        let text = b" model learning x                ";
        assert_eq!(pack8(text, 1, 5), pack(b"model"));
        assert_eq!(pack8(text, 7, 8), pack(b"learning"));
        assert_eq!(pack8(text, 16, 1), pack(b"x"));
        assert_eq!(pack(b"learning1"), pack(b"learning"));
    }
}
