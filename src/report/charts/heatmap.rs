//! Competency × period heatmap: one row per competency, one column per
//! semester or year, each cell shaded by the deepest depth taught then and
//! lettered I, R or M; cells reached by suggestions only are hatched.

use super::svg::{
    self, BAND, DEPTH_I, DEPTH_M, DEPTH_R, FONT, INK, LINE, LegendItem, PAPER, Svg, WIDTH, num,
};
use crate::model::Depth;

/// A heatmap of one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapChart {
    /// Makes this chart's element ids unique on the page.
    pub id_prefix: String,
    pub title: String,
    /// The text alternative: what the chart shows, in words.
    pub desc: String,
    /// Column headings (semesters or years).
    pub columns: Vec<String>,
    pub rows: Vec<HeatRow>,
    /// Legend labels for I, R and M, in that order.
    pub legend_depth: [String; 3],
    pub legend_suggested: String,
}

/// One competency's row.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    pub id: String,
    /// A short title shown after the id.
    pub label: String,
    /// One cell per column; missing cells are empty, extra cells ignored.
    pub cells: Vec<Option<HeatCell>>,
}

/// A taught cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeatCell {
    pub depth: Depth,
    /// False when only suggestions reach this cell.
    pub explicit: bool,
}

const MARGIN: f64 = 10.0;
const ROW_H: f64 = 22.0;
const HEAD_FONT: f64 = 11.0;
const MAX_CELL: f64 = 48.0;
const MIN_CELL: f64 = 20.0;
const MIN_LABELS: f64 = 120.0;
const MAX_HEAD: f64 = 160.0;

/// The chart as an SVG element.
pub fn render(chart: &HeatmapChart) -> String {
    let mut svg = Svg::new(&chart.id_prefix, &chart.title, &chart.desc);
    let mut defs = String::new();
    for depth in Depth::ALL {
        let (ground, stripe) = match depth {
            Depth::Introduced => (DEPTH_I, DEPTH_R),
            Depth::Reinforced => (DEPTH_R, PAPER),
            Depth::Mastered => (DEPTH_M, DEPTH_R),
        };
        defs.push_str(&svg::hatch(&hatch_id(&svg, depth), ground, stripe));
    }
    svg.line(format_args!("<defs>{defs}</defs>"));

    let ncols = chart.columns.len();
    let inner = WIDTH - 2.0 * MARGIN - 8.0;
    let wanted = chart.rows.iter().map(row_label_width).fold(60.0, f64::max);
    let mut label_w = wanted.min(WIDTH * 0.45);
    if ncols > 0 && (inner - label_w) / (ncols as f64) < MIN_CELL {
        label_w = (inner - MIN_CELL * ncols as f64)
            .max(MIN_LABELS)
            .min(label_w);
    }
    let cell_w = if ncols == 0 {
        MAX_CELL
    } else {
        ((inner - label_w) / ncols as f64).min(MAX_CELL)
    };
    let grid_x = MARGIN + label_w + 8.0;

    let widest_head = chart
        .columns
        .iter()
        .map(|c| svg::text_width(c, HEAD_FONT, true))
        .fold(0.0, f64::max);
    let vertical = widest_head > cell_w - 4.0;
    let head_h = if vertical {
        widest_head.min(MAX_HEAD) + 10.0
    } else {
        20.0
    };
    let head_attrs = format!("font-size=\"{}\" font-weight=\"bold\"", num(HEAD_FONT));
    for (j, column) in chart.columns.iter().enumerate() {
        let cx = grid_x + (j as f64 + 0.5) * cell_w;
        if vertical {
            let text = svg::fit_text(column, HEAD_FONT, true, MAX_HEAD);
            let (x, y) = (cx + 4.0, MARGIN + head_h - 4.0);
            svg.text(
                x,
                y,
                "start",
                &format!(
                    "{head_attrs} transform=\"rotate(-90 {} {})\"",
                    num(x),
                    num(y)
                ),
                &text,
            );
        } else {
            svg.text(cx, MARGIN + 14.0, "middle", &head_attrs, column);
        }
    }

    let top = MARGIN + head_h;
    for (i, row) in chart.rows.iter().enumerate() {
        let y = top + i as f64 * ROW_H;
        draw_row_label(&mut svg, row, y, label_w);
        for j in 0..ncols {
            let x = grid_x + j as f64 * cell_w;
            let cell = row.cells.get(j).copied().flatten();
            draw_cell(&mut svg, cell, x, y, cell_w);
        }
    }
    let grid_bottom = top + chart.rows.len() as f64 * ROW_H;

    let mut items: Vec<LegendItem> = Depth::ALL
        .iter()
        .zip(&chart.legend_depth)
        .map(|(&depth, label)| LegendItem {
            swatch: format!(
                "<rect width=\"14\" height=\"14\" fill=\"{}\" stroke=\"{LINE}\"/>\
                 <text x=\"7\" y=\"11\" text-anchor=\"middle\" font-size=\"10\" \
                 font-weight=\"bold\" fill=\"{}\">{}</text>",
                shade(depth),
                letter_colour(depth),
                depth.letter()
            ),
            label: label.clone(),
        })
        .collect();
    items.push(LegendItem {
        swatch: format!(
            "<rect width=\"14\" height=\"14\" fill=\"url(#{})\" stroke=\"{LINE}\"/>",
            hatch_id(&svg, Depth::Introduced)
        ),
        label: chart.legend_suggested.clone(),
    });
    let bottom = svg::legend(&mut svg, &items, grid_bottom + 10.0);
    svg.set_height(bottom + MARGIN);
    svg.finish()
}

fn hatch_id(svg: &Svg, depth: Depth) -> String {
    svg.ref_id(&format!("suggested-{}", depth.letter()))
}

fn shade(depth: Depth) -> &'static str {
    match depth {
        Depth::Introduced => DEPTH_I,
        Depth::Reinforced => DEPTH_R,
        Depth::Mastered => DEPTH_M,
    }
}

fn letter_colour(depth: Depth) -> &'static str {
    match depth {
        Depth::Mastered => PAPER,
        Depth::Introduced | Depth::Reinforced => INK,
    }
}

fn row_label_width(row: &HeatRow) -> f64 {
    let id = svg::text_width(&row.id, FONT, true);
    if row.label.is_empty() {
        id
    } else {
        id + 6.0 + svg::text_width(&row.label, FONT, false)
    }
}

fn draw_row_label(svg: &mut Svg, row: &HeatRow, y: f64, width: f64) {
    let id = svg::fit_text(&row.id, FONT, true, width);
    let room = width - svg::text_width(&id, FONT, true) - 6.0;
    let label = if row.label.is_empty() || room < 24.0 {
        String::new()
    } else {
        svg::fit_text(&row.label, FONT, false, room)
    };
    let label = if label.is_empty() {
        String::new()
    } else {
        format!(" {}", svg::escape(&label))
    };
    svg.line(format_args!(
        "<text x=\"{}\" y=\"{}\"><tspan font-weight=\"bold\">{}</tspan>{label}</text>",
        num(MARGIN),
        num(y + 15.0),
        svg::escape(&id)
    ));
}

fn draw_cell(svg: &mut Svg, cell: Option<HeatCell>, x: f64, y: f64, cell_w: f64) {
    let (cx, cy, w, h) = (x + 1.0, y + 1.0, cell_w - 2.0, ROW_H - 2.0);
    let Some(cell) = cell else {
        svg.line(format_args!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{BAND}\"/>",
            num(cx),
            num(cy),
            num(w),
            num(h)
        ));
        return;
    };
    let depth = cell.depth;
    let letter_size = (cell_w * 0.6).min(FONT);
    let mid = x + cell_w / 2.0;
    if cell.explicit {
        svg.line(format_args!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            num(cx),
            num(cy),
            num(w),
            num(h),
            shade(depth)
        ));
    } else {
        // The letter sits on a solid chip so the hatch never runs through it.
        let chip_w = (letter_size + 6.0).min(w - 4.0).max(0.0);
        svg.line(format_args!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{})\" \
             stroke=\"{INK}\" stroke-width=\"0.5\"/>\
             <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\"/>",
            num(cx),
            num(cy),
            num(w),
            num(h),
            hatch_id(svg, depth),
            num(mid - chip_w / 2.0),
            num(y + 4.0),
            num(chip_w),
            num(ROW_H - 8.0),
            shade(depth)
        ));
    }
    let style = if cell.explicit {
        ""
    } else {
        " font-style=\"italic\""
    };
    svg.line(format_args!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"bold\" \
         fill=\"{}\"{style}>{}</text>",
        num(mid),
        num(y + 15.0),
        num(letter_size),
        letter_colour(depth),
        depth.letter()
    ));
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn cell(depth: Depth, explicit: bool) -> Option<HeatCell> {
        Some(HeatCell { depth, explicit })
    }

    pub fn example() -> HeatmapChart {
        HeatmapChart {
            id_prefix: "heat".into(),
            title: "Depth per semester".into(),
            desc: "L0.DATA.1 is introduced in S1 and mastered in S3.".into(),
            columns: vec!["S1".into(), "S2".into(), "S3".into()],
            rows: vec![
                HeatRow {
                    id: "L0.DATA.1".into(),
                    label: "Data literacy".into(),
                    cells: vec![
                        cell(Depth::Introduced, true),
                        cell(Depth::Reinforced, false),
                        cell(Depth::Mastered, true),
                    ],
                },
                HeatRow {
                    id: "L1.SW.2".into(),
                    label: "Scripting".into(),
                    cells: vec![None, cell(Depth::Mastered, false)],
                },
            ],
            legend_depth: ["introduced".into(), "reinforced".into(), "mastered".into()],
            legend_suggested: "suggested only".into(),
        }
    }

    #[test]
    fn snapshot_of_two_rows() {
        insta::assert_snapshot!(render(&example()));
    }

    #[test]
    fn every_depth_is_lettered_and_suggested_cells_are_hatched() {
        let out = render(&example());
        for letter in ["I", "R", "M"] {
            assert!(
                out.contains(&format!("font-weight=\"bold\" fill=\"{INK}\">{letter}<"))
                    || out.contains(&format!("font-weight=\"bold\" fill=\"{PAPER}\">{letter}<"))
            );
        }
        assert_eq!(out.matches("fill=\"url(#heat-suggested-").count(), 3);
    }

    #[test]
    fn long_headings_turn_vertical() {
        let mut chart = example();
        chart.columns = vec!["Semestre 1".into(), "Semestre 2".into()];
        assert!(render(&chart).contains("rotate(-90"));
    }

    #[test]
    fn many_columns_keep_cells_inside_the_chart() {
        let mut chart = example();
        chart.columns = (1..=30).map(|i| format!("{i}")).collect();
        chart.rows[0].label = "a very long competency title that would take the page".into();
        let out = render(&chart);
        let last_x = out
            .lines()
            .filter(|l| l.starts_with("<rect x="))
            .filter_map(|l| l.split('"').nth(1)?.parse::<f64>().ok())
            .fold(0.0, f64::max);
        assert!(last_x < WIDTH - MARGIN - 8.0, "{last_x}");
    }
}
