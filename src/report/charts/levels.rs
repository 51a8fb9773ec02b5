//! Coverage per level: one bar per level on the same 0–100 % scale, split
//! into explicit (solid) and suggested-only (hatched) shares, with an
//! optional target marker.

use super::svg::{self, DEPTH_I, DEPTH_M, DEPTH_R, FONT, INK, LINE, LegendItem, Svg, WIDTH, num};

/// The coverage of every level of one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelChart {
    /// Makes this chart's element ids unique on the page.
    pub id_prefix: String,
    pub title: String,
    /// The text alternative: what the chart shows, in words.
    pub desc: String,
    pub bars: Vec<LevelBar>,
    pub legend_explicit: String,
    pub legend_suggested: String,
}

/// One level's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelBar {
    pub label: String,
    /// Competencies covered by explicit mappings.
    pub explicit: usize,
    /// Competencies covered by suggestions only.
    pub suggested: usize,
    /// Competencies of the level.
    pub total: usize,
    /// Shown at the right end, above the bar (e.g. "7/12 (58 %)").
    pub value_label: String,
    /// A target share (0 to 1) and the marker's label.
    pub target: Option<(f64, String)>,
}

const MARGIN: f64 = 10.0;
const BAR_H: f64 = 18.0;
const SMALL: f64 = 11.0;

/// The chart as an SVG element.
pub fn render(chart: &LevelChart) -> String {
    let mut svg = Svg::new(&chart.id_prefix, &chart.title, &chart.desc);
    let hatch = svg.ref_id("suggested");
    svg.line(format_args!(
        "<defs>{}</defs>",
        svg::hatch(&hatch, DEPTH_I, DEPTH_R)
    ));
    let any_target = chart.bars.iter().any(|b| b.target.is_some());
    let row_h = 18.0 + BAR_H + if any_target { 22.0 } else { 8.0 } + 6.0;
    let bar_x = MARGIN;
    let bar_w = WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN;
    for bar in &chart.bars {
        let (explicit, suggested) = shares(bar);
        let value_w = svg::text_width(&bar.value_label, FONT, false);
        let label = svg::fit_text(&bar.label, FONT, true, bar_w - value_w - 12.0);
        svg.text(bar_x, y + 12.0, "start", "font-weight=\"bold\"", &label);
        svg.text(bar_x + bar_w, y + 12.0, "end", "", &bar.value_label);
        let top = y + 18.0;
        svg.line(format_args!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{LINE}\"/>",
            num(bar_x),
            num(top),
            num(bar_w),
            num(BAR_H),
            svg::BAND
        ));
        let explicit_w = bar_w * explicit;
        let suggested_w = bar_w * suggested;
        if explicit_w > 0.0 {
            svg.line(format_args!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{DEPTH_M}\"/>",
                num(bar_x),
                num(top),
                num(explicit_w),
                num(BAR_H)
            ));
        }
        if suggested_w > 0.0 {
            svg.line(format_args!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{hatch})\" \
                 stroke=\"{DEPTH_M}\" stroke-width=\"0.5\"/>",
                num(bar_x + explicit_w),
                num(top),
                num(suggested_w),
                num(BAR_H)
            ));
        }
        if let Some((share, marker)) = &bar.target {
            let share = if share.is_finite() {
                share.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let x = bar_x + bar_w * share;
            svg.line(format_args!(
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{INK}\" stroke-width=\"2\"/>",
                num(top - 4.0),
                num(top + BAR_H + 4.0),
                x = num(x)
            ));
            let w = svg::text_width(marker, SMALL, false);
            let (tx, anchor) = if x - w / 2.0 < MARGIN {
                (MARGIN, "start")
            } else if x + w / 2.0 > WIDTH - MARGIN {
                (WIDTH - MARGIN, "end")
            } else {
                (x, "middle")
            };
            svg.text(
                tx,
                top + BAR_H + 16.0,
                anchor,
                &format!("font-size=\"{}\"", num(SMALL)),
                marker,
            );
        }
        y += row_h;
    }
    let items = [
        LegendItem {
            swatch: format!("<rect width=\"14\" height=\"14\" fill=\"{DEPTH_M}\"/>"),
            label: chart.legend_explicit.clone(),
        },
        LegendItem {
            swatch: format!(
                "<rect width=\"14\" height=\"14\" fill=\"url(#{hatch})\" stroke=\"{DEPTH_M}\" \
                 stroke-width=\"0.5\"/>"
            ),
            label: chart.legend_suggested.clone(),
        },
    ];
    let bottom = svg::legend(&mut svg, &items, y + 2.0);
    svg.set_height(bottom + MARGIN);
    svg.finish()
}

/// The explicit and suggested-only shares of the bar, together at most 1.
fn shares(bar: &LevelBar) -> (f64, f64) {
    if bar.total == 0 {
        return (0.0, 0.0);
    }
    let explicit = bar.explicit.min(bar.total);
    let suggested = bar.suggested.min(bar.total - explicit);
    let total = bar.total as f64;
    (explicit as f64 / total, suggested as f64 / total)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub fn example() -> LevelChart {
        LevelChart {
            id_prefix: "levels".into(),
            title: "Coverage per level".into(),
            desc: "L0: 6 of 10 covered, 2 by suggestion only.".into(),
            bars: vec![
                LevelBar {
                    label: "L0 AI literacy".into(),
                    explicit: 4,
                    suggested: 2,
                    total: 10,
                    value_label: "6/10 (60 %)".into(),
                    target: Some((0.8, "target 80 %".into())),
                },
                LevelBar {
                    label: "L1 Software & data".into(),
                    explicit: 1,
                    suggested: 0,
                    total: 8,
                    value_label: "1/8 (13 %)".into(),
                    target: None,
                },
                LevelBar {
                    label: "L2 Advanced AI".into(),
                    explicit: 0,
                    suggested: 0,
                    total: 0,
                    value_label: "0/0".into(),
                    target: Some((1.0, "100 %".into())),
                },
            ],
            legend_explicit: "explicit".into(),
            legend_suggested: "suggested only".into(),
        }
    }

    #[test]
    fn snapshot_of_three_levels() {
        insta::assert_snapshot!(render(&example()));
    }

    #[test]
    fn every_bar_has_the_same_full_width() {
        let out = render(&example());
        let full = format!(
            "width=\"{}\" height=\"18.0\" fill=\"{}\"",
            num(660.0),
            svg::BAND
        );
        assert_eq!(out.matches(&full).count(), 3);
    }

    #[test]
    fn shares_never_exceed_the_bar() {
        let bar = LevelBar {
            label: String::new(),
            explicit: 7,
            suggested: 9,
            total: 10,
            value_label: String::new(),
            target: None,
        };
        assert_eq!(shares(&bar), (0.7, 0.3));
    }

    #[test]
    fn target_marker_stays_inside_the_chart() {
        let mut chart = example();
        chart.bars[0].target = Some((5.0, "a long marker label at the far end".into()));
        let out = render(&chart);
        assert!(out.contains("x1=\"670.0\""));
        assert!(out.contains("text-anchor=\"end\" font-size=\"11.0\">a long marker"));
    }

    #[test]
    fn empty_chart_is_a_small_valid_svg() {
        let chart = LevelChart {
            id_prefix: "e".into(),
            title: String::new(),
            desc: String::new(),
            bars: vec![],
            legend_explicit: String::new(),
            legend_suggested: String::new(),
        };
        let out = render(&chart);
        assert!(out.starts_with("<svg "));
        assert!(out.ends_with("</svg>\n"));
    }
}
