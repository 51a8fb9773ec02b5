//! An Aho-Corasick automaton over word ids (see [`vocab`](crate::text::vocab)),
//! one step per word, that reports every occurrence of every pattern.
//!
//! Why not the `aho-corasick` crate: it matches bytes, so words had to be
//! spelt as two-byte codes, and its dense DFA over that alphabet took
//! 3.3 MB for the built-in frameworks: every step was a cache miss. Here
//! the transitions out of the start state are one array indexed by word id,
//! and the trie's other edges one hash table (the classic automaton with
//! failure links): under 300 KB in all. A step is one probe of the table,
//! nearly always decided by its first slot, and a choice between what it
//! found and the start state's transition, without a branch that depends
//! on the words; the failure links are followed only after a phrase of two
//! words or more.
//!
//! Matches are reported in the order the byte automaton gave: by last
//! word, and for one last word from the longest pattern to the shortest.

use std::collections::{BTreeMap, VecDeque};

/// A state: its index, with [`HAS_OUTPUTS`] set when patterns end there
/// and [`DEEP`] when its failure state is not the start state (so that most
/// steps need not look further); 0 is the start state.
pub type State = u32;

const START: State = 0;
const HAS_OUTPUTS: State = 1 << 31;
const DEEP: State = 1 << 30;
const INDEX: State = DEEP - 1;

/// One pattern the automaton reports, with one of its values (a pattern
/// with several values is reported once per value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output<T> {
    /// Length in words.
    pub words: u16,
    pub value: T,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The longest proper suffix of this state's words that is a state.
    fail: State,
    /// The patterns that end here: `outputs[outputs..outputs + output_count]`.
    outputs: u32,
    output_count: u32,
}

/// A trie edge out of a state other than the start: `key` is
/// [`edge_key`]`(state, word)`, 0 for an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Edge {
    key: u32,
    next: State,
}

/// Most states an automaton can have: their index and a word id make one
/// 32-bit key.
pub const MAX_STATES: usize = 1 << 16;

/// Most outputs the states can hold together. A state lists its own
/// patterns and those of its failure state, so a pattern with many values
/// (a term of thousands of competencies) that ends thousands of other
/// patterns is copied into each of them: this bound keeps that product
/// from growing without limit (at 20 bytes an output, 80 MB).
pub const MAX_OUTPUTS: usize = 1 << 22;

/// Why the patterns make no automaton, with the index of the pattern at
/// which the limit was crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLarge {
    /// More than [`MAX_STATES`] states.
    States(usize),
    /// More than [`MAX_OUTPUTS`] outputs.
    Outputs(usize),
}

fn edge_key(s: State, word: u16) -> u32 {
    ((s & INDEX) << 16) | u32::from(word)
}

#[derive(Debug, Clone)]
pub struct WordAutomaton<T> {
    /// Next state from the start state, by word id.
    from_start: Vec<State>,
    nodes: Vec<Node>,
    /// Open addressing, at most a quarter full; a power of two long.
    edges: Vec<Edge>,
    outputs: Vec<Output<T>>,
}

impl<T: Copy> WordAutomaton<T> {
    /// Builds the automaton over `patterns` (word ids, none 0 and none
    /// empty, and the values to report), numbered in order; `words` bounds
    /// the ids. Fails when the patterns make more than [`MAX_STATES`]
    /// states or [`MAX_OUTPUTS`] outputs, before building what is too large.
    pub fn new(patterns: &[(Vec<u16>, Vec<T>)], words: usize) -> Result<Self, TooLarge> {
        // The trie, and the first pattern through each state.
        let mut children: Vec<BTreeMap<u16, State>> = vec![BTreeMap::new()];
        let mut own: Vec<Vec<Output<T>>> = vec![Vec::new()];
        let mut first_pattern: Vec<usize> = vec![0];
        for (k, (ids, values)) in patterns.iter().enumerate() {
            let mut s = START;
            for &w in ids {
                s = match children[s as usize].get(&w) {
                    Some(&next) => next,
                    None => {
                        if children.len() == MAX_STATES {
                            return Err(TooLarge::States(k));
                        }
                        let next = children.len() as State;
                        children.push(BTreeMap::new());
                        own.push(Vec::new());
                        first_pattern.push(k);
                        children[s as usize].insert(w, next);
                        next
                    }
                };
            }
            own[s as usize] = values
                .iter()
                .map(|&value| Output {
                    words: ids.len() as u16,
                    value,
                })
                .collect();
        }
        let mut from_start = vec![START; words + 1];
        for (&w, &next) in &children[START as usize] {
            from_start[w as usize] = next;
        }
        // Failure links and output lists, breadth first so that a state's
        // failure state is complete before it. A state's outputs are its
        // own pattern, then its failure state's: longest first.
        let n = children.len();
        let mut fail = vec![START; n];
        let mut order: Vec<State> = Vec::with_capacity(n);
        let mut counts = vec![0usize; n];
        let mut total = 0usize;
        let mut queue: VecDeque<State> = VecDeque::from([START]);
        while let Some(s) = queue.pop_front() {
            for (&w, &child) in &children[s as usize] {
                let mut f = fail[s as usize];
                fail[child as usize] = if s == START {
                    START
                } else {
                    loop {
                        if let Some(&next) = children[f as usize].get(&w) {
                            break next;
                        }
                        if f == START {
                            break from_start[w as usize];
                        }
                        f = fail[f as usize];
                    }
                };
                let c = child as usize;
                counts[c] = own[c].len() + counts[fail[c] as usize];
                total += counts[c];
                if total > MAX_OUTPUTS {
                    return Err(TooLarge::Outputs(first_pattern[c]));
                }
                order.push(child);
                queue.push_back(child);
            }
        }
        // Within the bound: now the lists themselves.
        let mut lists: Vec<Vec<Output<T>>> = vec![Vec::new(); n];
        for &child in &order {
            let c = child as usize;
            let mut list = Vec::with_capacity(counts[c]);
            list.extend_from_slice(&own[c]);
            list.extend_from_slice(&lists[fail[c] as usize]);
            lists[c] = list;
        }
        let tag = |s: State| {
            let mut t = s;
            if !lists[s as usize].is_empty() {
                t |= HAS_OUTPUTS;
            }
            if fail[s as usize] != START {
                t |= DEEP;
            }
            t
        };
        for next in &mut from_start {
            *next = tag(*next);
        }
        let mut nodes = Vec::with_capacity(n);
        let mut outputs = Vec::new();
        let edge_count: usize = children.iter().skip(1).map(BTreeMap::len).sum();
        let mut edges = vec![Edge::default(); (edge_count * 4).next_power_of_two().max(16)];
        let mask = edges.len() - 1;
        for s in 0..n {
            nodes.push(Node {
                fail: tag(fail[s]),
                outputs: outputs.len() as u32,
                output_count: lists[s].len() as u32,
            });
            outputs.extend_from_slice(&lists[s]);
            if s == START as usize {
                continue;
            }
            for (&word, &next) in &children[s] {
                let key = edge_key(s as State, word);
                let mut i = slot(key) & mask;
                while edges[i].key != 0 {
                    i = (i + 1) & mask;
                }
                edges[i] = Edge {
                    key,
                    next: tag(next),
                };
            }
        }
        Ok(WordAutomaton {
            from_start,
            nodes,
            edges,
            outputs,
        })
    }

    pub fn start(&self) -> State {
        START
    }

    /// The state after reading word `w` in state `s`.
    #[inline]
    pub fn next(&self, s: State, w: u16) -> State {
        let to_start = self.from_start.get(w as usize).copied().unwrap_or(START);
        match self.edge(s, w) {
            Some(next) => next,
            // After a phrase of two words or more, its shorter suffixes
            // may go on.
            None if s & DEEP != 0 => self.follow_failures(s, w, to_start),
            None => to_start,
        }
    }

    /// The trie edge out of `s` for `w`: nearly always one probe, and no
    /// branch on whether it is found.
    #[inline]
    fn edge(&self, s: State, w: u16) -> Option<State> {
        let key = edge_key(s, w);
        let mask = self.edges.len() - 1;
        let mut i = slot(key) & mask;
        loop {
            let e = self.edges[i];
            // (The start state has no entry here: its key for word 0 is 0,
            // which finds an empty slot, whose `next` is the start state.)
            if (e.key == key) | (e.key == 0) {
                return (e.key == key).then_some(e.next);
            }
            i = (i + 1) & mask;
        }
    }

    #[cold]
    fn follow_failures(&self, mut s: State, w: u16, to_start: State) -> State {
        loop {
            s = self.nodes[(s & INDEX) as usize].fail;
            if s & INDEX == START {
                return to_start;
            }
            if let Some(next) = self.edge(s, w) {
                return next;
            }
        }
    }

    /// The patterns that end on entering `s`, longest first.
    #[inline]
    pub fn outputs(&self, s: State) -> &[Output<T>] {
        if s & HAS_OUTPUTS == 0 {
            return &[];
        }
        let node = &self.nodes[(s & INDEX) as usize];
        let first = node.outputs as usize;
        &self.outputs[first..first + node.output_count as usize]
    }

    /// Heap size, in bytes.
    pub fn memory_usage(&self) -> usize {
        use std::mem::size_of;
        self.from_start.len() * size_of::<State>()
            + self.nodes.len() * size_of::<Node>()
            + self.edges.len() * size_of::<Edge>()
            + self.outputs.len() * size_of::<Output<T>>()
    }
}

/// Where a key's probe starts (before masking): one multiply.
fn slot(key: u32) -> usize {
    (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each pattern with its index as its one value.
    fn numbered(patterns: &[Vec<u16>]) -> Vec<(Vec<u16>, Vec<u32>)> {
        (0..)
            .zip(patterns)
            .map(|(k, p)| (p.clone(), vec![k]))
            .collect()
    }

    /// Every (end, pattern) occurrence, in the automaton's order.
    fn run(a: &WordAutomaton<u32>, text: &[u16]) -> Vec<(usize, u32)> {
        let mut s = a.start();
        let mut found = Vec::new();
        for (i, &w) in text.iter().enumerate() {
            s = a.next(s, w);
            for o in a.outputs(s) {
                found.push((i + 1, o.value));
            }
        }
        found
    }

    #[test]
    fn reports_every_overlapping_occurrence_longest_first() {
        let patterns = vec![vec![1, 2, 3], vec![2, 3], vec![3], vec![2, 4], vec![1, 2]];
        let a = WordAutomaton::new(&numbered(&patterns), 4).unwrap();
        // 1 2 3: "1 2" ends at 2; "1 2 3", "2 3", "3" end at 3.
        assert_eq!(run(&a, &[1, 2, 3]), [(2, 4), (3, 0), (3, 1), (3, 2)]);
        // The failure link from "1 2" to "2" finds "2 4".
        assert_eq!(run(&a, &[1, 2, 4]), [(2, 4), (3, 3)]);
        // An unknown word (0) breaks every phrase.
        assert_eq!(run(&a, &[1, 0, 2, 3]), [(4, 1), (4, 2)]);
        assert_eq!(run(&a, &[9, 1, 1, 2]), [(4, 4)]);
    }

    #[test]
    fn refuses_more_states_than_it_can_number_naming_the_pattern() {
        let mut patterns = numbered(&[vec![1, 2]]);
        patterns.push((
            (0..MAX_STATES as u32).map(|i| (i % 7 + 1) as u16).collect(),
            vec![1],
        ));
        assert_eq!(
            WordAutomaton::new(&patterns, 7).err(),
            Some(TooLarge::States(1))
        );
        patterns.pop();
        assert!(WordAutomaton::new(&patterns, 7).is_ok());
    }

    /// A one-word pattern with many values that ends many longer patterns
    /// is copied into each: the total is bounded before any list is made.
    #[test]
    fn refuses_outputs_beyond_the_bound_before_building_them() {
        let many: Vec<u32> = (0..5_000).collect();
        let mut patterns = vec![(vec![1u16], many)];
        for w in 2..1_000u16 {
            patterns.push((vec![w, 1], vec![0]));
        }
        assert!(matches!(
            WordAutomaton::new(&patterns, 1_000),
            Err(TooLarge::Outputs(k)) if k > 0
        ));
        patterns.truncate(500);
        let a = WordAutomaton::new(&patterns, 1_000).unwrap();
        assert_eq!(a.outputs(a.next(a.next(a.start(), 2), 1)).len(), 5_001);
    }

    #[test]
    fn matches_like_a_naive_search() {
        let patterns: Vec<Vec<u16>> = vec![
            vec![1],
            vec![1, 1],
            vec![1, 2, 1],
            vec![2, 1, 1, 3],
            vec![3, 3],
            vec![2, 1],
        ];
        let a = WordAutomaton::new(&numbered(&patterns), 3).unwrap();
        let mut text = Vec::new();
        let mut x = 7u32;
        for _ in 0..500 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push(((x >> 16) % 4) as u16);
        }
        let mut naive = Vec::new();
        for end in 1..=text.len() {
            let mut here: Vec<(usize, u32)> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| p.len() <= end && text[end - p.len()..end] == p[..])
                .map(|(k, p)| (p.len(), k as u32))
                .collect();
            here.sort_by_key(|&(len, _)| std::cmp::Reverse(len));
            naive.extend(here.into_iter().map(|(_, k)| (end, k)));
        }
        assert_eq!(run(&a, &text), naive);
    }
}
