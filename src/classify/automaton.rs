//! An Aho-Corasick automaton over word ids (see [`vocab`](super::vocab)),
//! one step per word, that reports every occurrence of every pattern.
//!
//! Why not the `aho-corasick` crate: it matches bytes, so words had to be
//! spelt as two-byte codes, and its dense DFA over that alphabet took
//! 3.3 MB for the built-in frameworks: every step was a cache miss. Here
//! the transitions out of the start state are one array indexed by word id
//! and the others short lists with failure links (the classic automaton):
//! about 100 KB in all, and a step reads one or two cache lines.
//!
//! Matches are reported in the order the byte automaton gave: by last
//! word, and for one last word from the longest pattern to the shortest.

use std::collections::{BTreeMap, VecDeque};

/// A state: its index, with [`HAS_OUTPUTS`] set when patterns end there
/// (so that most steps need not look further); 0 is the start state.
pub type State = u32;

const START: State = 0;
const HAS_OUTPUTS: State = 1 << 31;

/// Word id that no pattern contains.
const UNKNOWN: u16 = super::vocab::UNKNOWN;

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
    /// The state's trie edges: `edges[edges..edges + edge_count]`.
    edges: u32,
    /// The longest proper suffix of this state's words that is a state.
    fail: State,
    /// The patterns that end here: `outputs[outputs..outputs + output_count]`.
    outputs: u32,
    edge_count: u16,
    output_count: u16,
}

#[derive(Debug, Clone, Copy)]
struct Edge {
    word: u16,
    next: State,
}

#[derive(Debug, Clone)]
pub struct WordAutomaton<T> {
    /// Next state from the start state, by word id.
    from_start: Vec<State>,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    outputs: Vec<Output<T>>,
}

impl<T: Copy> WordAutomaton<T> {
    /// Builds the automaton over `patterns` (word ids, none 0 and none
    /// empty, and the values to report), numbered in order; `words` bounds
    /// the ids.
    pub fn new(patterns: &[(Vec<u16>, Vec<T>)], words: usize) -> Self {
        // The trie.
        let mut children: Vec<BTreeMap<u16, State>> = vec![BTreeMap::new()];
        let mut own: Vec<Vec<Output<T>>> = vec![Vec::new()];
        for (ids, values) in patterns {
            let mut s = START;
            for &w in ids {
                s = match children[s as usize].get(&w) {
                    Some(&next) => next,
                    None => {
                        let next = children.len() as State;
                        children.push(BTreeMap::new());
                        own.push(Vec::new());
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
        let mut lists: Vec<Vec<Output<T>>> = vec![Vec::new(); n];
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
                let mut list = own[child as usize].clone();
                list.extend_from_slice(&lists[fail[child as usize] as usize]);
                lists[child as usize] = list;
                queue.push_back(child);
            }
        }
        let tag = |s: State| {
            if lists[s as usize].is_empty() {
                s
            } else {
                s | HAS_OUTPUTS
            }
        };
        for next in &mut from_start {
            *next = tag(*next);
        }
        let mut nodes = Vec::with_capacity(n);
        let mut edges = Vec::new();
        let mut outputs = Vec::new();
        for s in 0..n {
            nodes.push(Node {
                edges: edges.len() as u32,
                fail: tag(fail[s]),
                outputs: outputs.len() as u32,
                edge_count: children[s].len() as u16,
                output_count: lists[s].len() as u16,
            });
            edges.extend(children[s].iter().map(|(&word, &next)| Edge {
                word,
                next: tag(next),
            }));
            outputs.extend_from_slice(&lists[s]);
        }
        WordAutomaton {
            from_start,
            nodes,
            edges,
            outputs,
        }
    }

    pub fn start(&self) -> State {
        START
    }

    /// The state after reading word `w` in state `s`.
    #[inline]
    pub fn next(&self, mut s: State, w: u16) -> State {
        if w == UNKNOWN {
            return START;
        }
        while s != START {
            let node = &self.nodes[(s & !HAS_OUTPUTS) as usize];
            let first = node.edges as usize;
            let edges = &self.edges[first..first + node.edge_count as usize];
            if let Some(e) = edges.iter().find(|e| e.word == w) {
                return e.next;
            }
            s = node.fail;
        }
        self.from_start.get(w as usize).copied().unwrap_or(START)
    }

    /// The patterns that end on entering `s`, longest first.
    #[inline]
    pub fn outputs(&self, s: State) -> &[Output<T>] {
        if s & HAS_OUTPUTS == 0 {
            return &[];
        }
        let node = &self.nodes[(s & !HAS_OUTPUTS) as usize];
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
        let a = WordAutomaton::new(&numbered(&patterns), 4);
        // 1 2 3: "1 2" ends at 2; "1 2 3", "2 3", "3" end at 3.
        assert_eq!(run(&a, &[1, 2, 3]), [(2, 4), (3, 0), (3, 1), (3, 2)]);
        // The failure link from "1 2" to "2" finds "2 4".
        assert_eq!(run(&a, &[1, 2, 4]), [(2, 4), (3, 3)]);
        // An unknown word (0) breaks every phrase.
        assert_eq!(run(&a, &[1, 0, 2, 3]), [(4, 1), (4, 2)]);
        assert_eq!(run(&a, &[9, 1, 1, 2]), [(4, 4)]);
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
        let a = WordAutomaton::new(&numbered(&patterns), 3);
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
