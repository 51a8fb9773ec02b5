//! The curriculum dependency graph: levels, competencies, programmes,
//! courses and outcomes as typed petgraph nodes; prerequisites, containment,
//! mappings and crosswalks as typed edges. Node indices never leave this
//! module: callers ask domain questions by id and get ids back.

pub use crate::cycles::find_cycles;

use crate::framework::{FrameworkSet, rolled_depth};
use crate::model::{
    CompetencyId, Course, CourseCode, Curriculum, Depth, Finding, FindingCode, Origin, OutcomeId,
};
use crate::text::{self, key};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A node of the graph. Carries ids only; the records they name live in
/// the [`Curriculum`] and [`FrameworkSet`] the graph was built from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Level(u8),
    Competency(CompetencyId),
    Program(String),
    Course { program: String, code: CourseCode },
    Outcome { program: String, id: OutcomeId },
}

/// An edge of the graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Edge {
    /// Competency → prerequisite competency; course → prerequisite course.
    Requires,
    /// Programme → course; course → outcome.
    Contains,
    /// Outcome or course → competency it teaches.
    /// `depth` is the depth the curriculum marked, if it marked one.
    Addresses {
        depth: Option<Depth>,
        origin: Origin,
    },
    /// Primary competency → its level.
    InLevel,
    /// Crosswalk competency → the primary competency it counts as.
    MapsTo { depth: Option<Depth> },
}

/// One way a programme teaches a primary competency.
#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub course: CourseCode,
    /// `None` when the mapping is on the course itself.
    pub outcome: Option<OutcomeId>,
    /// A primary-framework competency.
    pub competency: CompetencyId,
    pub depth: Depth,
    pub origin: Origin,
    /// The crosswalk competency the mapping named, when it was rolled up.
    pub via: Option<CompetencyId>,
}

/// A mapping as the curriculum wrote it, before crosswalk roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedMapping {
    pub course: CourseCode,
    /// `None` when the mapping is on the course itself.
    pub outcome: Option<OutcomeId>,
    /// The competency named, in any loaded framework.
    pub competency: CompetencyId,
    /// The depth the curriculum marked, if it marked one.
    pub depth: Option<Depth>,
    pub origin: Origin,
}

/// One `Addresses` edge with the course and outcome it starts from.
struct MappingEdge<'g> {
    course: &'g CourseCode,
    outcome: Option<&'g OutcomeId>,
    target: NodeIndex,
    depth: Option<Depth>,
    origin: &'g Origin,
}

pub struct CurriculumGraph {
    graph: DiGraph<Node, Edge>,
    index: HashMap<Node, NodeIndex>,
}

/// Of two depths a curriculum marked for one mapping (the same outcome or
/// course naming the same competency twice), the one that counts for more
/// once rolled up (see [`rolled_depth`]): the deeper mark, except towards a
/// crosswalk item, where an unmarked mapping takes the depth each crosswalk
/// edge implies, never less than a mark capped by that edge.
fn deeper(a: Option<Depth>, b: Option<Depth>, rolls_up: bool) -> Option<Depth> {
    match (a, b) {
        (None, _) | (_, None) if rolls_up => None,
        _ => a.max(b),
    }
}

/// A programme's courses found from a code as a prerequisite column spells
/// it: exactly; else ignoring case, accents and spaces (`text::code_key`);
/// else ignoring punctuation too (`text::key`). A looser rule is tried only
/// when the stricter finds nothing, and answers only when it names one
/// course, so `UE 2.11` never stands for `UE 21.1`.
struct CourseLookup<'a> {
    exact: BTreeMap<&'a str, &'a CourseCode>,
    by_code_key: BTreeMap<String, Vec<&'a CourseCode>>,
    by_key: BTreeMap<String, Vec<&'a CourseCode>>,
}

impl<'a> CourseLookup<'a> {
    fn new(courses: &'a [Course]) -> Self {
        let mut lookup = CourseLookup {
            exact: BTreeMap::new(),
            by_code_key: BTreeMap::new(),
            by_key: BTreeMap::new(),
        };
        for c in courses {
            lookup.exact.insert(c.code.as_str(), &c.code);
            lookup
                .by_code_key
                .entry(text::code_key(c.code.as_str()))
                .or_default()
                .push(&c.code);
            lookup
                .by_key
                .entry(key(c.code.as_str()))
                .or_default()
                .push(&c.code);
        }
        lookup
    }

    /// The course `code` names, or the courses it could name (none when it
    /// names no course).
    fn find(&self, code: &str) -> Result<&'a CourseCode, Vec<&'a CourseCode>> {
        if let Some(c) = self.exact.get(code) {
            return Ok(c);
        }
        let found = self
            .by_code_key
            .get(&text::code_key(code))
            .or_else(|| self.by_key.get(&key(code)));
        match found.map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(many) => Err(many.to_vec()),
            None => Err(Vec::new()),
        }
    }
}

impl CurriculumGraph {
    /// Builds the graph. Mappings to ids no framework defines and course
    /// prerequisites naming no course of the programme are returned as
    /// located findings; ids are matched ignoring case and punctuation when
    /// they do not match exactly.
    pub fn build(frameworks: &FrameworkSet, curriculum: &Curriculum) -> (Self, Vec<Finding>) {
        let mut g = CurriculumGraph {
            graph: DiGraph::new(),
            index: HashMap::new(),
        };
        let mut findings = Vec::new();

        let primary = &frameworks.primary;
        let mut levels: Vec<u8> = primary.levels.iter().map(|l| l.number).collect();
        levels.sort_unstable();
        for l in levels {
            g.add(Node::Level(l));
        }
        let mut all: Vec<(&CompetencyId, Option<u8>)> = frameworks
            .frameworks()
            .flat_map(|f| f.competencies.iter().map(|c| (&c.id, c.level)))
            .collect();
        all.sort();
        let mut by_key: BTreeMap<String, CompetencyId> = BTreeMap::new();
        for (id, level) in &all {
            let c = g.add(Node::Competency((*id).clone()));
            if let Some(level) = level
                && let Some(&l) = g.index.get(&Node::Level(*level))
            {
                g.graph.update_edge(c, l, Edge::InLevel);
            }
            by_key
                .entry(key(id.as_str()))
                .or_insert_with(|| (*id).clone());
        }
        for f in frameworks.frameworks() {
            for c in &f.competencies {
                let from = g.index[&Node::Competency(c.id.clone())];
                for r in &c.requires {
                    if let Some(&to) = g.index.get(&Node::Competency(r.clone())) {
                        g.graph.update_edge(from, to, Edge::Requires);
                    }
                }
                for m in &c.maps_to {
                    if let Some(&to) = g.index.get(&Node::Competency(m.target.clone())) {
                        g.graph
                            .update_edge(from, to, Edge::MapsTo { depth: m.depth });
                    }
                }
            }
        }

        let resolve = |id: &CompetencyId| -> Option<CompetencyId> {
            if frameworks.find(id).is_some() {
                Some(id.clone())
            } else {
                by_key.get(&key(id.as_str())).cloned()
            }
        };
        for program in &curriculum.programs {
            let p = g.add(Node::Program(program.name.clone()));
            for course in &program.courses {
                let c = g.add(Node::Course {
                    program: program.name.clone(),
                    code: course.code.clone(),
                });
                // Looked up from the course's side: a programme contains
                // thousands of courses, so `update_edge` (which scans the
                // programme's edges) made building the graph quadratic.
                if !g.has_edge_into(p, c) {
                    g.graph.add_edge(p, c, Edge::Contains);
                }
                let targets = course
                    .mappings
                    .iter()
                    .map(|m| (c, m))
                    .chain(course.outcomes.iter().flat_map(|o| {
                        let node = g.add(Node::Outcome {
                            program: program.name.clone(),
                            id: o.id.clone(),
                        });
                        g.graph.update_edge(c, node, Edge::Contains);
                        o.mappings.iter().map(move |m| (node, m))
                    }))
                    .collect::<Vec<_>>();
                for (from, m) in targets {
                    let Some(id) = resolve(&m.competency) else {
                        let mut f = Finding::new(
                            FindingCode::UnknownCompetency,
                            format!(
                                "\"{}\" is not a competency of any loaded framework (course {}); check for a typo or pass its framework with --framework",
                                m.competency, course.code
                            ),
                        );
                        if let Some(loc) = &m.location {
                            f = f.at(loc.clone());
                        }
                        findings.push(f.of_program(&program.name));
                        continue;
                    };
                    let to = g.index[&Node::Competency(id)];
                    g.add_address(from, to, m.depth, &m.origin);
                }
            }
            // Prerequisite edges once every course of the programme exists.
            let lookup = CourseLookup::new(&program.courses);
            for course in &program.courses {
                let from = g.index[&Node::Course {
                    program: program.name.clone(),
                    code: course.code.clone(),
                }];
                for req in &course.prerequisites {
                    match lookup.find(req.as_str()) {
                        Ok(code) => {
                            let to = g.index[&Node::Course {
                                program: program.name.clone(),
                                code: code.clone(),
                            }];
                            g.graph.update_edge(from, to, Edge::Requires);
                        }
                        Err(candidates) => {
                            let why = if candidates.is_empty() {
                                "which is not a course code of programme".to_owned()
                            } else {
                                format!(
                                    "which could be any of {} in programme",
                                    candidates
                                        .iter()
                                        .map(|c| format!("\"{c}\""))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            };
                            findings.push(
                                Finding::new(
                                    FindingCode::UnknownPrerequisiteCourse,
                                    format!(
                                        "course \"{}\" lists prerequisite \"{req}\", {why} \"{}\"",
                                        course.code, program.name
                                    ),
                                )
                                .at(course.location.clone())
                                .of_program(&program.name),
                            );
                        }
                    }
                }
            }
            for cycle in g.course_cycles(&program.name) {
                let mut path: Vec<&str> = cycle.iter().map(CourseCode::as_str).collect();
                path.extend(path.first().copied());
                let mut f = Finding::new(
                    FindingCode::CoursePrerequisiteCycle,
                    format!("course prerequisites form a cycle: {}", path.join(" → ")),
                )
                .of_program(&program.name);
                if let Some(course) = cycle.first().and_then(|c| program.course(c)) {
                    f = f.at(course.location.clone());
                }
                findings.push(f);
            }
        }
        (g, findings)
    }

    fn add(&mut self, node: Node) -> NodeIndex {
        if let Some(&i) = self.index.get(&node) {
            return i;
        }
        let i = self.graph.add_node(node.clone());
        self.index.insert(node, i);
        i
    }

    /// Whether `to` already has an edge from `from`, scanning the edges
    /// into `to` (few) rather than those out of `from`.
    fn has_edge_into(&self, from: NodeIndex, to: NodeIndex) -> bool {
        self.graph
            .edges_directed(to, Direction::Incoming)
            .any(|e| e.source() == from)
    }

    /// One `Addresses` edge per pair: a repeated mapping keeps the deeper
    /// depth, and an explicit mapping wins over a suggested one.
    fn add_address(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        depth: Option<Depth>,
        origin: &Origin,
    ) {
        let new = Edge::Addresses {
            depth,
            origin: origin.clone(),
        };
        let Some(e) = self.graph.find_edge(from, to) else {
            self.graph.add_edge(from, to, new);
            return;
        };
        let rolls_up = self
            .graph
            .edges_directed(to, Direction::Outgoing)
            .any(|e| matches!(e.weight(), Edge::MapsTo { .. }));
        if let Edge::Addresses {
            depth: old_depth,
            origin: old_origin,
        } = &mut self.graph[e]
        {
            if origin.is_explicit() && !old_origin.is_explicit() {
                *old_origin = origin.clone();
                *old_depth = depth;
            } else if origin.is_explicit() == old_origin.is_explicit() {
                *old_depth = deeper(*old_depth, depth, rolls_up);
            }
        }
    }

    /// Every way a programme teaches each primary competency, crosswalk
    /// mappings rolled up (see [`rolled_depth`] for the depth). A mapping to a
    /// crosswalk item outside the AI scope (no `maps_to`) reaches none. In
    /// course order, then outcome order.
    pub fn addresses(&self, program: &str) -> Vec<Address> {
        let mut out = Vec::new();
        for m in self.mapping_edges(program) {
            let Node::Competency(named) = &self.graph[m.target] else {
                continue;
            };
            let mut ups: Vec<(NodeIndex, Option<Depth>)> = self
                .graph
                .edges_directed(m.target, Direction::Outgoing)
                .filter_map(|e| match e.weight() {
                    Edge::MapsTo { depth } => Some((e.target(), *depth)),
                    _ => None,
                })
                .collect();
            ups.sort();
            let mut push = |id: &CompetencyId, depth: Depth, via: Option<CompetencyId>| {
                out.push(Address {
                    course: m.course.clone(),
                    outcome: m.outcome.cloned(),
                    competency: id.clone(),
                    depth,
                    origin: m.origin.clone(),
                    via,
                })
            };
            if ups.is_empty() && self.is_primary(m.target) {
                push(named, rolled_depth(m.depth, None), None);
            }
            for (up, implied) in ups {
                if let Node::Competency(id) = &self.graph[up] {
                    push(id, rolled_depth(m.depth, implied), Some(named.clone()));
                }
            }
        }
        out
    }

    /// Every mapping of a programme as the curriculum wrote it, before any
    /// crosswalk roll-up (ids resolved to the framework's spelling). In
    /// course order, then outcome order.
    pub fn named_mappings(&self, program: &str) -> Vec<NamedMapping> {
        self.mapping_edges(program)
            .into_iter()
            .filter_map(|m| match &self.graph[m.target] {
                Node::Competency(id) => Some(NamedMapping {
                    course: m.course.clone(),
                    outcome: m.outcome.cloned(),
                    competency: id.clone(),
                    depth: m.depth,
                    origin: m.origin.clone(),
                }),
                _ => None,
            })
            .collect()
    }

    /// A primary competency is the one kind of competency in a level.
    fn is_primary(&self, competency: NodeIndex) -> bool {
        self.graph
            .edges_directed(competency, Direction::Outgoing)
            .any(|e| matches!(e.weight(), Edge::InLevel))
    }

    /// The `Addresses` edges of a programme's courses and outcomes, in
    /// course order, then outcome order, then insertion order.
    fn mapping_edges(&self, program: &str) -> Vec<MappingEdge<'_>> {
        let Some(&p) = self.index.get(&Node::Program(program.to_owned())) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for course_idx in self.children(p) {
            let Node::Course { code, .. } = &self.graph[course_idx] else {
                continue;
            };
            self.collect_edges(course_idx, code, None, &mut out);
            for outcome_idx in self.children(course_idx) {
                if let Node::Outcome { id, .. } = &self.graph[outcome_idx] {
                    self.collect_edges(outcome_idx, code, Some(id), &mut out);
                }
            }
        }
        out
    }

    /// Children by `Contains`, in insertion (sorted id) order.
    fn children(&self, node: NodeIndex) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Edge::Contains))
            .map(|e| e.target())
            .collect();
        v.sort_unstable();
        v
    }

    fn collect_edges<'g>(
        &'g self,
        from: NodeIndex,
        course: &'g CourseCode,
        outcome: Option<&'g OutcomeId>,
        out: &mut Vec<MappingEdge<'g>>,
    ) {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(from, Direction::Outgoing)
            .filter_map(|e| match e.weight() {
                Edge::Addresses { depth, origin } => Some((e.id(), e.target(), *depth, origin)),
                _ => None,
            })
            .collect();
        edges.sort_by_key(|(id, ..)| *id);
        out.extend(
            edges
                .into_iter()
                .map(|(_, target, depth, origin)| MappingEdge {
                    course,
                    outcome,
                    target,
                    depth,
                    origin,
                }),
        );
    }

    /// Direct prerequisites of a competency, sorted.
    pub fn prerequisites(&self, id: &CompetencyId) -> Vec<CompetencyId> {
        let Some(&c) = self.index.get(&Node::Competency(id.clone())) else {
            return Vec::new();
        };
        let mut v: Vec<CompetencyId> = self
            .graph
            .edges_directed(c, Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Edge::Requires))
            .filter_map(|e| match &self.graph[e.target()] {
                Node::Competency(id) => Some(id.clone()),
                _ => None,
            })
            .collect();
        v.sort();
        v
    }

    /// The courses `code` declares as prerequisites, as the programme
    /// spells their codes (resolved when the graph was built), sorted.
    pub fn course_prerequisites(&self, program: &str, code: &CourseCode) -> Vec<CourseCode> {
        let node = Node::Course {
            program: program.to_owned(),
            code: code.clone(),
        };
        let Some(&c) = self.index.get(&node) else {
            return Vec::new();
        };
        let mut v: Vec<CourseCode> = self
            .graph
            .edges_directed(c, Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Edge::Requires))
            .filter_map(|e| match &self.graph[e.target()] {
                Node::Course { code, .. } => Some(code.clone()),
                _ => None,
            })
            .collect();
        v.sort();
        v
    }

    /// Cycles among a programme's course prerequisites, each from its
    /// smallest course code.
    pub fn course_cycles(&self, program: &str) -> Vec<Vec<CourseCode>> {
        // Only the programme's own courses and their `Requires` edges: the
        // cost is the programme's, not the whole graph's.
        let Some(&p) = self.index.get(&Node::Program(program.to_owned())) else {
            return Vec::new();
        };
        let mut edges: Vec<(CourseCode, CourseCode)> = Vec::new();
        for course in self.children(p) {
            let Node::Course { code: a, .. } = &self.graph[course] else {
                continue;
            };
            for e in self.graph.edges_directed(course, Direction::Outgoing) {
                if let (Edge::Requires, Node::Course { code: b, .. }) =
                    (e.weight(), &self.graph[e.target()])
                {
                    edges.push((a.clone(), b.clone()));
                }
            }
        }
        edges.sort();
        find_cycles(&edges)
    }

    /// Every competency of the loaded frameworks (crosswalk items too) in an
    /// order where each prerequisite comes before the competencies that need
    /// it, ties by id. Quadratic in the number of competencies, a few
    /// hundred at most; petgraph's `toposort` does not break ties by id.
    pub fn teaching_order(&self) -> Vec<CompetencyId> {
        let mut nodes: Vec<(NodeIndex, &CompetencyId)> = self
            .graph
            .node_indices()
            .filter_map(|i| match &self.graph[i] {
                Node::Competency(id) => Some((i, id)),
                _ => None,
            })
            .collect();
        nodes.sort_by(|a, b| a.1.cmp(b.1));
        let mut placed: BTreeSet<NodeIndex> = BTreeSet::new();
        let mut order = Vec::new();
        // Kahn's algorithm on the prerequisite edges, smallest id first;
        // competencies caught in a cycle (rejected by framework validation)
        // are appended at the end so the order is still total.
        loop {
            let next = nodes.iter().find(|(i, _)| {
                !placed.contains(i)
                    && self
                        .graph
                        .edges_directed(*i, Direction::Outgoing)
                        .filter(|e| matches!(e.weight(), Edge::Requires))
                        .all(|e| placed.contains(&e.target()))
            });
            match next {
                Some(&(i, id)) => {
                    placed.insert(i);
                    order.push(id.clone());
                }
                None => break,
            }
        }
        for (i, id) in &nodes {
            if !placed.contains(i) {
                order.push((*id).clone());
            }
        }
        order
    }

    /// Checks the graph's structural invariants: every edge joins the kinds
    /// of node its type allows. Tests call it after every build.
    pub fn verify(&self) -> Result<(), String> {
        for e in self.graph.edge_references() {
            let (a, b) = (&self.graph[e.source()], &self.graph[e.target()]);
            let ok = match e.weight() {
                Edge::Requires => matches!(
                    (a, b),
                    (Node::Competency(_), Node::Competency(_))
                        | (Node::Course { .. }, Node::Course { .. })
                ),
                Edge::Contains => matches!(
                    (a, b),
                    (Node::Program(_), Node::Course { .. })
                        | (Node::Course { .. }, Node::Outcome { .. })
                ),
                Edge::Addresses { .. } => matches!(
                    (a, b),
                    (
                        Node::Course { .. } | Node::Outcome { .. },
                        Node::Competency(_)
                    )
                ),
                Edge::InLevel => matches!((a, b), (Node::Competency(_), Node::Level(_))),
                Edge::MapsTo { .. } => matches!((a, b), (Node::Competency(_), Node::Competency(_))),
            };
            if !ok {
                return Err(format!("edge {:?} joins {a:?} to {b:?}", e.weight()));
            }
        }
        if self.index.len() != self.graph.node_count() {
            return Err("the id index and the graph disagree".into());
        }
        Ok(())
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

#[cfg(test)]
mod tests;
