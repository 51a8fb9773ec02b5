use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Every cycle of a directed relation, one per strongly connected component,
/// each as the list of its members in the order they are visited, starting
/// from the smallest. `A → B → A` is returned as `[A, B]`. Deterministic:
/// cycles are sorted.
pub fn find_cycles<N: Ord + Clone>(edges: &[(N, N)]) -> Vec<Vec<N>> {
    // Work on dense indices so the petgraph map keys are `Copy`.
    let names: BTreeSet<&N> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let names: Vec<&N> = names.into_iter().collect();
    let index = |n: &N| names.binary_search(&n).unwrap_or_default();
    let mut graph = DiGraphMap::<usize, ()>::new();
    for i in 0..names.len() {
        graph.add_node(i);
    }
    for (a, b) in edges {
        graph.add_edge(index(a), index(b), ());
    }
    let mut cycles: Vec<Vec<N>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let members: BTreeSet<usize> = scc.into_iter().collect();
            shortest_cycle(&graph, &members)
                .into_iter()
                .map(|i| names[i].clone())
                .collect()
        })
        .collect();
    cycles.sort();
    cycles
}

/// The shortest cycle through the smallest member of a strongly connected
/// component, found by breadth-first search inside the component.
fn shortest_cycle(graph: &DiGraphMap<usize, ()>, members: &BTreeSet<usize>) -> Vec<usize> {
    let Some(&start) = members.first() else {
        return Vec::new();
    };
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut next: Vec<usize> = graph.neighbors(node).collect();
        next.sort_unstable();
        for n in next {
            if !members.contains(&n) {
                continue;
            }
            if n == start {
                let mut path = vec![node];
                let mut cur = node;
                while cur != start {
                    cur = parent[&cur];
                    path.push(cur);
                }
                path.reverse();
                return path;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = parent.entry(n) {
                e.insert(node);
                queue.push_back(n);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_no_cycle_in_a_dag() {
        let edges = [("b", "a"), ("c", "b"), ("c", "a")];
        assert!(find_cycles(&edges).is_empty());
    }

    #[test]
    fn reports_each_cycle_from_its_smallest_member() {
        let edges = [("c", "a"), ("a", "b"), ("b", "c"), ("x", "x"), ("d", "a")];
        assert_eq!(find_cycles(&edges), vec![vec!["a", "b", "c"], vec!["x"]]);
    }

    #[test]
    fn gives_the_shortest_cycle_through_the_first_member() {
        let edges = [("a", "b"), ("b", "a"), ("b", "c"), ("c", "a")];
        assert_eq!(find_cycles(&edges), vec![vec!["a", "b"]]);
    }
}
