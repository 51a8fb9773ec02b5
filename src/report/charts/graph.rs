//! The competency dependency graph drawn in layers by level, top to bottom,
//! a layer wrapping over several rows when it has many nodes. Nodes are
//! boxes holding the competency id; coverage is told by fill, pattern and
//! border (covered: dark fill, solid border; suggested: hatched; uncovered:
//! white, dashed border). Edges run from prerequisite to dependant.
//!
//! [`layout`] is the geometry alone, so that tests check it without
//! reading SVG; [`render`] draws that layout.

use super::svg::{self, DEPTH_M, DEPTH_R, GAP, INK, LegendItem, MUTED, PAPER, Svg, WIDTH, num};
use std::collections::BTreeMap;

/// A dependency graph of competencies.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphChart {
    /// Makes this chart's element ids unique on the page.
    pub id_prefix: String,
    pub title: String,
    /// The text alternative: what the chart shows, in words.
    pub desc: String,
    pub nodes: Vec<GraphNode>,
    /// (prerequisite, dependant) as indices into `nodes`; indices out of
    /// range, loops and repeats are ignored.
    pub edges: Vec<(usize, usize)>,
    /// Heading of each layer, by layer number; a missing or empty heading
    /// draws none.
    pub layer_labels: Vec<String>,
    /// Legend labels for covered, suggested and uncovered, in that order.
    pub legend: [String; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    /// Drawn in the box.
    pub id: String,
    /// The tooltip, after the id.
    pub label: String,
    /// The level: layer 0 is drawn on top.
    pub layer: u8,
    pub status: NodeStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeStatus {
    Covered,
    Suggested,
    Uncovered,
}

/// Where everything goes, in the chart's user units.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    /// The bottom of the drawing, above the legend.
    pub height: f64,
    /// One box per node, in the order of [`GraphChart::nodes`].
    pub nodes: Vec<NodeBox>,
    /// The layers from top to bottom.
    pub layers: Vec<LayerBand>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl NodeBox {
    pub fn overlaps(&self, other: &NodeBox) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// A layer's band: its heading (if any) sits at the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayerBand {
    pub layer: u8,
    pub y: f64,
    pub h: f64,
}

const MARGIN: f64 = 10.0;
/// Node ids are bold at this size.
pub const NODE_FONT: f64 = 11.0;
/// Space between a node's text and its border, each side.
pub const NODE_PAD: f64 = 6.0;
const NODE_H: f64 = 22.0;
const MIN_NODE_W: f64 = 32.0;
const H_GAP: f64 = 8.0;
const ROW_GAP: f64 = 12.0;
const LAYER_GAP: f64 = 34.0;
const HEADING_H: f64 = 20.0;
const SWEEPS: usize = 4;

/// The geometry of `chart`: nodes ordered within each layer by barycentre
/// sweeps to reduce crossings, then packed into centred rows.
pub fn layout(chart: &GraphChart) -> Layout {
    let edges = valid_edges(chart);
    let mut by_layer: BTreeMap<u8, Vec<usize>> = BTreeMap::new();
    for (i, node) in chart.nodes.iter().enumerate() {
        by_layer.entry(node.layer).or_default().push(i);
    }
    let numbers: Vec<u8> = by_layer.keys().copied().collect();
    let mut layers: Vec<Vec<usize>> = by_layer.into_values().collect();
    for members in &mut layers {
        members.sort_by(|&a, &b| chart.nodes[a].id.cmp(&chart.nodes[b].id).then(a.cmp(&b)));
    }
    order_by_barycentre(chart, &mut layers, &edges);

    let avail = WIDTH - 2.0 * MARGIN;
    let widths: Vec<f64> = chart.nodes.iter().map(|n| node_width(&n.id)).collect();
    let mut boxes = vec![
        NodeBox {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0
        };
        chart.nodes.len()
    ];
    let mut bands = Vec::new();
    let mut y = MARGIN;
    for (number, members) in numbers.iter().zip(&layers) {
        let top = y;
        if heading(chart, *number).is_some() {
            y += HEADING_H;
        }
        let mut row: Vec<usize> = Vec::new();
        let mut row_w = 0.0;
        for &n in members {
            let w = widths[n];
            if !row.is_empty() && row_w + H_GAP + w > avail {
                place_row(&row, row_w, y, &widths, &mut boxes);
                y += NODE_H + ROW_GAP;
                row.clear();
                row_w = 0.0;
            }
            if !row.is_empty() {
                row_w += H_GAP;
            }
            row_w += w;
            row.push(n);
        }
        place_row(&row, row_w, y, &widths, &mut boxes);
        y += NODE_H;
        bands.push(LayerBand {
            layer: *number,
            y: top,
            h: y - top,
        });
        y += LAYER_GAP;
    }
    let height = if bands.is_empty() {
        MARGIN
    } else {
        y - LAYER_GAP + MARGIN
    };
    Layout {
        width: WIDTH,
        height,
        nodes: boxes,
        layers: bands,
    }
}

/// The chart as an SVG element.
pub fn render(chart: &GraphChart) -> String {
    let geometry = layout(chart);
    let mut svg = Svg::new(&chart.id_prefix, &chart.title, &chart.desc);
    let hatch = svg.ref_id("suggested");
    let arrow = svg.ref_id("arrow");
    svg.line(format_args!(
        "<defs>{}<marker id=\"{arrow}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">\
         <path d=\"M0,0L10,5L0,10z\" fill=\"{MUTED}\"/></marker></defs>",
        svg::hatch(&hatch, PAPER, DEPTH_R)
    ));

    for band in &geometry.layers {
        if let Some(text) = heading(chart, band.layer) {
            let text = svg::fit_text(text, NODE_FONT, true, WIDTH - 2.0 * MARGIN);
            svg.text(
                MARGIN,
                band.y + 13.0,
                "start",
                &format!("font-size=\"{}\" font-weight=\"bold\"", num(NODE_FONT)),
                &text,
            );
        }
    }

    let edges = valid_edges(chart);
    if !edges.is_empty() {
        svg.push(&format!(
            "<g fill=\"none\" stroke=\"{MUTED}\" stroke-width=\"1\">\n"
        ));
        for &(from, to) in &edges {
            if let (Some(a), Some(b)) = (geometry.nodes.get(from), geometry.nodes.get(to)) {
                svg.line(format_args!(
                    "<path d=\"{}\" marker-end=\"url(#{arrow})\"/>",
                    edge_path(a, b)
                ));
            }
        }
        svg.push("</g>\n");
    }

    for (node, rect) in chart.nodes.iter().zip(&geometry.nodes) {
        let tip = if node.label.is_empty() {
            svg::escape(&node.id)
        } else {
            format!("{}\n{}", svg::escape(&node.id), svg::escape(&node.label))
        };
        let text = svg::fit_text(&node.id, NODE_FONT, true, rect.w - 2.0 * NODE_PAD);
        svg.line(format_args!(
            "<g><title>{tip}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" {}/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"bold\" \
             fill=\"{}\">{}</text></g>",
            num(rect.x),
            num(rect.y),
            num(rect.w),
            num(rect.h),
            node_style(node.status, &hatch),
            num(rect.x + rect.w / 2.0),
            num(rect.y + 15.0),
            num(NODE_FONT),
            text_colour(node.status),
            svg::escape(&text)
        ));
    }

    let statuses = [
        NodeStatus::Covered,
        NodeStatus::Suggested,
        NodeStatus::Uncovered,
    ];
    let items: Vec<LegendItem> = statuses
        .iter()
        .zip(&chart.legend)
        .map(|(&status, label)| LegendItem {
            swatch: format!(
                "<rect x=\"1\" y=\"1\" width=\"12\" height=\"12\" rx=\"2\" {}/>",
                node_style(status, &hatch)
            ),
            label: label.clone(),
        })
        .collect();
    let bottom = svg::legend(&mut svg, &items, geometry.height);
    svg.set_height(bottom + MARGIN);
    svg.finish()
}

/// The box width that holds `id` in bold at [`NODE_FONT`], within the chart.
fn node_width(id: &str) -> f64 {
    (svg::text_width(id, NODE_FONT, true) + 2.0 * NODE_PAD).clamp(MIN_NODE_W, WIDTH - 2.0 * MARGIN)
}

fn heading(chart: &GraphChart, layer: u8) -> Option<&str> {
    chart
        .layer_labels
        .get(usize::from(layer))
        .map(String::as_str)
        .filter(|s| !s.is_empty())
}

fn place_row(row: &[usize], row_w: f64, y: f64, widths: &[f64], boxes: &mut [NodeBox]) {
    let mut x = MARGIN + ((WIDTH - 2.0 * MARGIN - row_w) / 2.0).max(0.0);
    for &n in row {
        let w = widths[n];
        boxes[n] = NodeBox { x, y, w, h: NODE_H };
        x += w + H_GAP;
    }
}

fn valid_edges(chart: &GraphChart) -> Vec<(usize, usize)> {
    let n = chart.nodes.len();
    let mut edges: Vec<(usize, usize)> = chart
        .edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b)
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// Alternating downward and upward sweeps: each node moves to the mean
/// position of its neighbours in the layers already swept; ties keep id
/// order.
fn order_by_barycentre(chart: &GraphChart, layers: &mut [Vec<usize>], edges: &[(usize, usize)]) {
    let n = chart.nodes.len();
    let mut neighbours = vec![Vec::new(); n];
    for &(a, b) in edges {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let mut layer_of = vec![0; n];
    let mut pos = vec![0.0; n];
    for (li, members) in layers.iter().enumerate() {
        for &v in members {
            layer_of[v] = li;
        }
        set_positions(members, &mut pos);
    }
    let count = layers.len();
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let sequence: Vec<usize> = if down {
            (1..count).collect()
        } else {
            (0..count.saturating_sub(1)).rev().collect()
        };
        for li in sequence {
            let mut keyed: Vec<(f64, usize)> = layers[li]
                .iter()
                .map(|&v| {
                    let (sum, k) = neighbours[v]
                        .iter()
                        .filter(|&&u| {
                            if down {
                                layer_of[u] < li
                            } else {
                                layer_of[u] > li
                            }
                        })
                        .fold((0.0, 0usize), |(s, k), &u| (s + pos[u], k + 1));
                    let key = if k == 0 { pos[v] } else { sum / k as f64 };
                    (key, v)
                })
                .collect();
            keyed.sort_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then_with(|| chart.nodes[a.1].id.cmp(&chart.nodes[b.1].id))
                    .then(a.1.cmp(&b.1))
            });
            layers[li] = keyed.into_iter().map(|(_, v)| v).collect();
            set_positions(&layers[li], &mut pos);
        }
    }
}

/// Positions normalised to 0..1 so that layers of different sizes compare.
fn set_positions(members: &[usize], pos: &mut [f64]) {
    let len = members.len() as f64;
    for (i, &v) in members.iter().enumerate() {
        pos[v] = (i as f64 + 0.5) / len;
    }
}

/// A curve from `a` to `b`: bottom to top when `b` is lower, top to bottom
/// when higher, an arc over the row when both are on one row.
fn edge_path(a: &NodeBox, b: &NodeBox) -> String {
    let (ax, bx) = (a.x + a.w / 2.0, b.x + b.w / 2.0);
    if b.y >= a.y + a.h {
        let (y1, y2) = (a.y + a.h, b.y);
        let mid = (y1 + y2) / 2.0;
        format!(
            "M{},{}C{},{} {},{} {},{}",
            num(ax),
            num(y1),
            num(ax),
            num(mid),
            num(bx),
            num(mid),
            num(bx),
            num(y2)
        )
    } else if b.y + b.h <= a.y {
        let (y1, y2) = (a.y, b.y + b.h);
        let mid = (y1 + y2) / 2.0;
        format!(
            "M{},{}C{},{} {},{} {},{}",
            num(ax),
            num(y1),
            num(ax),
            num(mid),
            num(bx),
            num(mid),
            num(bx),
            num(y2)
        )
    } else {
        let lift = (ROW_GAP - 2.0).max(4.0);
        format!(
            "M{},{}Q{},{} {},{}",
            num(ax),
            num(a.y),
            num((ax + bx) / 2.0),
            num(a.y - 2.0 * lift),
            num(bx),
            num(b.y)
        )
    }
}

fn node_style(status: NodeStatus, hatch: &str) -> String {
    match status {
        NodeStatus::Covered => format!("fill=\"{DEPTH_M}\" stroke=\"{INK}\" stroke-width=\"1.5\""),
        NodeStatus::Suggested => {
            format!("fill=\"url(#{hatch})\" stroke=\"{DEPTH_M}\" stroke-width=\"1.5\"")
        }
        NodeStatus::Uncovered => format!(
            "fill=\"{PAPER}\" stroke=\"{GAP}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\""
        ),
    }
}

fn text_colour(status: NodeStatus) -> &'static str {
    match status {
        NodeStatus::Covered => PAPER,
        NodeStatus::Suggested | NodeStatus::Uncovered => INK,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn node(id: &str, layer: u8, status: NodeStatus) -> GraphNode {
        GraphNode {
            id: id.to_string(),
            label: format!("title of {id}"),
            layer,
            status,
        }
    }

    fn chart(nodes: Vec<GraphNode>, edges: Vec<(usize, usize)>) -> GraphChart {
        GraphChart {
            id_prefix: "graph".into(),
            title: "Dependencies".into(),
            desc: "Which competencies build on which.".into(),
            nodes,
            edges,
            layer_labels: vec!["L0".into(), "L1".into(), "L2".into()],
            legend: ["covered".into(), "suggested".into(), "not covered".into()],
        }
    }

    pub fn example() -> GraphChart {
        chart(
            vec![
                node("L0.A", 0, NodeStatus::Covered),
                node("L0.B", 0, NodeStatus::Suggested),
                node("L1.A", 1, NodeStatus::Uncovered),
                node("L1.B", 1, NodeStatus::Covered),
                node("L2.A", 2, NodeStatus::Uncovered),
            ],
            vec![(0, 3), (1, 2), (2, 4), (3, 4), (0, 4)],
        )
    }

    /// A deterministic graph of `n` nodes over `layers` layers, ids of
    /// `id_len` characters, about two edges per node.
    fn generated(n: usize, layers: u8, id_len: usize) -> GraphChart {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let statuses = [
            NodeStatus::Covered,
            NodeStatus::Suggested,
            NodeStatus::Uncovered,
        ];
        let nodes: Vec<GraphNode> = (0..n)
            .map(|i| {
                let base = format!("C{i}.");
                let id = format!("{base}{}", "X".repeat(id_len.saturating_sub(base.len())));
                node(&id, (i % layers as usize) as u8, statuses[next() % 3])
            })
            .collect();
        let edges = (0..2 * n).map(|_| (next() % n, next() % n)).collect();
        chart(nodes, edges)
    }

    #[track_caller]
    fn assert_disjoint_and_inside(chart: &GraphChart) {
        let geometry = layout(chart);
        assert_eq!(geometry.nodes.len(), chart.nodes.len());
        for (i, a) in geometry.nodes.iter().enumerate() {
            assert!(
                a.x >= 0.0 && a.y >= 0.0 && a.w > 0.0 && a.h > 0.0,
                "node {i} at {a:?}"
            );
            assert!(
                a.x + a.w <= geometry.width && a.y + a.h <= geometry.height,
                "node {i} at {a:?} leaves the {} × {} drawing",
                geometry.width,
                geometry.height
            );
            for (j, b) in geometry.nodes.iter().enumerate().skip(i + 1) {
                assert!(!a.overlaps(b), "nodes {i} {a:?} and {j} {b:?} overlap");
            }
        }
        let out = render(chart);
        let view_box = format!("viewBox=\"0 0 {} ", num(geometry.width));
        assert!(out.contains(&view_box));
    }

    #[test]
    fn snapshot_of_three_layers() {
        insta::assert_snapshot!(render(&example()));
    }

    #[test]
    fn three_hundred_nodes_over_three_layers_never_overlap() {
        let chart = generated(300, 3, 6);
        assert_disjoint_and_inside(&chart);
    }

    #[test]
    fn one_layer_of_two_hundred_nodes_wraps_without_overlap() {
        let chart = generated(200, 1, 5);
        assert_disjoint_and_inside(&chart);
        let geometry = layout(&chart);
        let rows: std::collections::BTreeSet<i64> =
            geometry.nodes.iter().map(|b| b.y as i64).collect();
        assert!(rows.len() > 1);
    }

    #[test]
    fn long_ids_fit_in_their_boxes() {
        let chart = generated(120, 3, 20);
        assert_disjoint_and_inside(&chart);
        let geometry = layout(&chart);
        for (node, rect) in chart.nodes.iter().zip(&geometry.nodes) {
            assert_eq!(node.id.chars().count(), 20);
            assert!(
                rect.w >= svg::text_width(&node.id, NODE_FONT, true) + 2.0 * NODE_PAD,
                "{} in {rect:?}",
                node.id
            );
        }
    }

    #[test]
    fn an_id_wider_than_the_chart_is_cut_inside_its_box() {
        let chart = chart(vec![node(&"W".repeat(200), 0, NodeStatus::Covered)], vec![]);
        assert_disjoint_and_inside(&chart);
        assert!(render(&chart).contains("…</text>"));
    }

    #[test]
    fn layers_run_top_to_bottom() {
        let geometry = layout(&example());
        let y = |i: usize| geometry.nodes[i].y;
        assert!(y(0) < y(2) && y(2) < y(4));
        assert_eq!(y(0), y(1));
        let layers: Vec<u8> = geometry.layers.iter().map(|l| l.layer).collect();
        assert_eq!(layers, [0, 1, 2]);
    }

    #[test]
    fn barycentre_uncrosses_two_edges() {
        let chart = chart(
            vec![
                node("A", 0, NodeStatus::Covered),
                node("B", 0, NodeStatus::Covered),
                node("X", 1, NodeStatus::Covered),
                node("Y", 1, NodeStatus::Covered),
            ],
            vec![(0, 3), (1, 2)],
        );
        let geometry = layout(&chart);
        assert!(geometry.nodes[3].x < geometry.nodes[2].x);
    }

    #[test]
    fn bad_edges_are_ignored_and_empty_graphs_render() {
        let mut chart = example();
        chart.edges = vec![(0, 99), (1, 1), (0, 3), (0, 3)];
        assert_eq!(valid_edges(&chart), [(0, 3)]);
        assert_eq!(render(&chart).matches("marker-end=").count(), 1);
        let empty = GraphChart {
            nodes: vec![],
            edges: vec![(0, 1)],
            ..example()
        };
        let out = render(&empty);
        assert!(out.starts_with("<svg ") && out.ends_with("</svg>\n"));
    }

    #[test]
    fn layout_is_deterministic() {
        let chart = generated(90, 3, 8);
        assert_eq!(layout(&chart), layout(&chart));
        assert_eq!(render(&chart), render(&chart));
    }
}
