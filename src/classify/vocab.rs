//! Words → small integer ids, so the automaton runs over two bytes per
//! word instead of the letters: shorter input, a smaller automaton, and
//! matches that can only start and end on whole words.
//!
//! Encoding of id `n` (1 ≤ n < 2^13): first byte `0x80 | n >> 6`, second
//! byte `n & 0x3F`. A first byte is always ≥ 0x80 and a second always
//! < 0x40, so a pattern (which starts with a first byte) can only match at
//! the start of a word. Splitting at 6 bits keeps the automaton's alphabet
//! (and so its transition table) small. Id 0 stands for every word no pattern uses: no
//! pattern contains it, so no match spans an unknown word.

/// Open-addressing table from word bytes to ids.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Packed `hash >> 32 << 32 | length << 16 | id`; id 0 marks an empty
    /// slot. Eight bytes a slot keeps the table in the first-level cache.
    slots: Vec<u64>,
    /// Start of each slot's word in `arena`, and its first eight bytes packed.
    starts: Vec<u32>,
    packed: Vec<u64>,
    arena: Vec<u8>,
    len: usize,
}

/// Id of words no pattern uses.
pub const UNKNOWN: u16 = 0;
/// Largest id the two-byte encoding holds.
pub const MAX_ID: u16 = (1 << 13) - 1;

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
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

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
        let h = hash_packed(word, packed);
        let mask = self.mask();
        let mut i = h as usize & mask;
        let want = (h >> 32 << 32) | ((word.len() as u64 & 0xFFFF) << 16);
        loop {
            let slot = self.slots[i];
            let id = slot as u16;
            if id == UNKNOWN {
                return UNKNOWN;
            }
            if slot & !0xFFFF == want {
                // Words of up to eight bytes are their packed form.
                if word.len() <= 8 {
                    if self.packed[i] == packed {
                        return id;
                    }
                } else {
                    let start = self.starts[i] as usize;
                    if self.arena.get(start..start + word.len()) == Some(word) {
                        return id;
                    }
                }
            }
            i = (i + 1) & mask;
        }
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
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.len += 1;
        let id = self.len as u16;
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(word);
        let h = hash(word);
        let slot = (h >> 32 << 32) | ((word.len() as u64) << 16) | id as u64;
        self.place(h as usize, slot, start);
        Some(id)
    }

    fn place(&mut self, h: usize, slot: u64, start: u32) {
        let mut i = h & self.mask();
        while self.slots[i] as u16 != UNKNOWN {
            i = (i + 1) & self.mask();
        }
        self.slots[i] = slot;
        self.starts[i] = start;
        let len = (slot >> 16 & 0xFFFF) as usize;
        self.packed[i] = pack(&self.arena[start as usize..start as usize + len]);
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        let old_starts = std::mem::replace(&mut self.starts, vec![0; size]);
        self.packed = vec![0; size];
        for (slot, start) in old.into_iter().zip(old_starts) {
            if slot as u16 != UNKNOWN {
                let len = (slot >> 16 & 0xFFFF) as usize;
                let h = hash(&self.arena[start as usize..start as usize + len]);
                self.place(h as usize, slot, start);
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

/// Appends the two-byte code of `id`.
#[inline]
pub fn push_code(out: &mut Vec<u8>, id: u16) {
    out.push(0x80 | (id >> 6) as u8);
    out.push((id & 0x3F) as u8);
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
    fn packs_eight_bytes_at_once_like_byte_by_byte() {
        let text = b" model learning x                ";
        assert_eq!(pack8(text, 1, 5), pack(b"model"));
        assert_eq!(pack8(text, 7, 8), pack(b"learning"));
        assert_eq!(pack8(text, 16, 1), pack(b"x"));
        assert_eq!(pack(b"learning1"), pack(b"learning"));
    }

    #[test]
    fn codes_keep_word_boundaries() {
        let mut out = Vec::new();
        push_code(&mut out, 1);
        push_code(&mut out, 300);
        assert_eq!(out, [0x80, 1, 0x80 | (300 >> 6) as u8, (300 & 0x3F) as u8]);
        assert!(out[0] >= 0x80 && out[1] < 0x40);
    }
}
