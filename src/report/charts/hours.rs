//! Hours per level per period: grouped vertical bars, one group per year or
//! semester, one series per level, each series with its own fill (solid
//! shades, hatch, cross-hatch, dots) so that it reads in black and white.

use super::svg::{
    self, DEPTH_I, DEPTH_M, DEPTH_R, INK, LINE, LegendItem, MUTED, PAPER, Svg, WIDTH, num,
};

/// Teaching hours of one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursChart {
    /// Makes this chart's element ids unique on the page.
    pub id_prefix: String,
    pub title: String,
    /// The text alternative: what the chart shows, in words.
    pub desc: String,
    /// The value axis' name (e.g. "hours"), shown above it.
    pub axis_label: String,
    /// Legend labels, one per series (e.g. L0, L1, L2).
    pub series: Vec<String>,
    pub periods: Vec<HoursPeriod>,
}

/// One group of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursPeriod {
    pub label: String,
    /// One bar per series, in series order.
    pub bars: Vec<HoursBar>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HoursBar {
    pub hours: f64,
    /// Shown above the bar when given.
    pub value_label: Option<String>,
}

const MARGIN: f64 = 10.0;
const PLOT_H: f64 = 220.0;
const SMALL: f64 = 10.0;
const TICK_FONT: f64 = 11.0;
const MAX_BAR: f64 = 36.0;
const MAX_PERIOD_LABEL: f64 = 140.0;
const FILLS: usize = 6;

/// The chart as an SVG element.
pub fn render(chart: &HoursChart) -> String {
    let mut svg = Svg::new(&chart.id_prefix, &chart.title, &chart.desc);
    let defs = format!(
        "{}{}{}",
        svg::hatch(&svg.ref_id("fill-1"), PAPER, DEPTH_M),
        svg::cross_hatch(&svg.ref_id("fill-3"), PAPER, INK),
        svg::dots(&svg.ref_id("fill-4"), DEPTH_I, DEPTH_M),
    );
    svg.line(format_args!("<defs>{defs}</defs>"));

    let max = chart
        .periods
        .iter()
        .flat_map(|p| &p.bars)
        .map(|b| hours(b.hours))
        .fold(0.0, f64::max);
    let (step, top_tick) = ticks(max);
    let tick_labels: Vec<String> = (0..=top_tick / step)
        .map(|i| (i * step).to_string())
        .collect();
    let gutter = tick_labels
        .iter()
        .map(|t| svg::text_width(t, TICK_FONT, false))
        .fold(0.0, f64::max)
        + MARGIN
        + 6.0;
    let plot_x = gutter;
    let plot_w = WIDTH - MARGIN - plot_x;
    let scale = PLOT_H / top_tick as f64;

    let nseries = chart
        .periods
        .iter()
        .map(|p| p.bars.len())
        .fold(chart.series.len(), usize::max)
        .max(1);
    let ngroups = chart.periods.len().max(1);
    let group_w = plot_w / ngroups as f64;
    let bar_w = (group_w * 0.8 / nseries as f64).min(MAX_BAR);

    struct Bar {
        x: f64,
        h: f64,
        series: usize,
        label: Option<String>,
        rotated: bool,
    }
    let mut bars = Vec::new();
    let mut headroom: f64 = 0.0;
    for (g, period) in chart.periods.iter().enumerate() {
        let first =
            plot_x + g as f64 * group_w + (group_w - bar_w * period.bars.len() as f64) / 2.0;
        for (s, bar) in period.bars.iter().enumerate() {
            let h = hours(bar.hours) * scale;
            let label = bar.value_label.clone().filter(|l| !l.is_empty());
            let label_w = label
                .as_deref()
                .map_or(0.0, |l| svg::text_width(l, SMALL, false));
            let rotated = label_w > bar_w + 2.0;
            let needed = match (&label, rotated) {
                (None, _) => 0.0,
                (Some(_), false) => SMALL + 4.0,
                (Some(_), true) => label_w + 4.0,
            };
            headroom = headroom.max(needed - (PLOT_H - h));
            bars.push(Bar {
                x: first + s as f64 * bar_w,
                h,
                series: s,
                label,
                rotated,
            });
        }
    }

    let axis_y = MARGIN + 12.0;
    svg.text(
        MARGIN,
        axis_y,
        "start",
        &format!("fill=\"{MUTED}\""),
        &chart.axis_label,
    );
    let plot_top = axis_y + 12.0 + headroom.max(0.0);
    let base = plot_top + PLOT_H;

    for (i, label) in tick_labels.iter().enumerate() {
        let y = base - (i as u64 * step) as f64 * scale;
        svg.line(format_args!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{LINE}\"/>",
            num(plot_x),
            num(WIDTH - MARGIN),
            y = num(y)
        ));
        svg.text(
            plot_x - 6.0,
            y + 4.0,
            "end",
            &format!("font-size=\"{}\"", num(TICK_FONT)),
            label,
        );
    }

    for bar in &bars {
        svg.line(format_args!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{INK}\" \
             stroke-width=\"0.8\"/>",
            num(bar.x),
            num(base - bar.h),
            num(bar_w),
            num(bar.h),
            fill(&svg, bar.series)
        ));
        if let Some(label) = &bar.label {
            let cx = bar.x + bar_w / 2.0;
            let y = base - bar.h - 4.0;
            let size = format!("font-size=\"{}\"", num(SMALL));
            if bar.rotated {
                let x = cx + SMALL / 3.0;
                svg.text(
                    x,
                    y,
                    "start",
                    &format!("{size} transform=\"rotate(-90 {} {})\"", num(x), num(y)),
                    label,
                );
            } else {
                svg.text(cx, y, "middle", &size, label);
            }
        }
    }
    svg.line(format_args!(
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{b}\" stroke=\"{INK}\"/>\
         <line x1=\"{x}\" y1=\"{b}\" x2=\"{}\" y2=\"{b}\" stroke=\"{INK}\"/>",
        num(plot_top),
        num(WIDTH - MARGIN),
        x = num(plot_x),
        b = num(base)
    ));

    let vertical = chart
        .periods
        .iter()
        .any(|p| svg::text_width(&p.label, svg::FONT, false) > group_w - 4.0);
    let labels_h = if vertical {
        chart
            .periods
            .iter()
            .map(|p| svg::text_width(&p.label, svg::FONT, false))
            .fold(0.0, f64::max)
            .min(MAX_PERIOD_LABEL)
            + 10.0
    } else {
        20.0
    };
    for (g, period) in chart.periods.iter().enumerate() {
        let cx = plot_x + (g as f64 + 0.5) * group_w;
        if vertical {
            let text = svg::fit_text(&period.label, svg::FONT, false, MAX_PERIOD_LABEL);
            let (x, y) = (cx + 4.0, base + 6.0);
            svg.text(
                x,
                y,
                "end",
                &format!("transform=\"rotate(-90 {} {})\"", num(x), num(y)),
                &text,
            );
        } else {
            svg.text(cx, base + 16.0, "middle", "", &period.label);
        }
    }

    let items: Vec<LegendItem> = chart
        .series
        .iter()
        .enumerate()
        .map(|(s, label)| LegendItem {
            swatch: format!(
                "<rect width=\"14\" height=\"14\" fill=\"{}\" stroke=\"{INK}\" stroke-width=\"0.8\"/>",
                fill(&svg, s)
            ),
            label: label.clone(),
        })
        .collect();
    let bottom = svg::legend(&mut svg, &items, base + labels_h + 6.0);
    svg.set_height(bottom + MARGIN);
    svg.finish()
}

/// Hours as drawn: negative and non-finite values count as none.
fn hours(h: f64) -> f64 {
    if h.is_finite() { h.max(0.0) } else { 0.0 }
}

/// The fill of series `s`; series past the sixth reuse the fills in turn.
fn fill(svg: &Svg, s: usize) -> String {
    match s % FILLS {
        0 => DEPTH_I.to_string(),
        1 => format!("url(#{})", svg.ref_id("fill-1")),
        2 => DEPTH_M.to_string(),
        3 => format!("url(#{})", svg.ref_id("fill-3")),
        4 => format!("url(#{})", svg.ref_id("fill-4")),
        _ => DEPTH_R.to_string(),
    }
}

/// A round tick step (1, 2 or 5 × 10ⁿ, at least 1) giving about five
/// intervals up to `max`, and the top tick, a multiple of the step ≥ `max`.
fn ticks(max: f64) -> (u64, u64) {
    let max = max.min(1e15);
    if max <= 0.0 {
        return (1, 1);
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    let step = ((nice * magnitude).round() as u64).max(1);
    let top = ((max / step as f64).ceil() as u64).max(1) * step;
    (step, top)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn bar(hours: f64, label: &str) -> HoursBar {
        HoursBar {
            hours,
            value_label: Some(label.to_string()),
        }
    }

    pub fn example() -> HoursChart {
        HoursChart {
            id_prefix: "hours".into(),
            title: "Hours per level and year".into(),
            desc: "Year 1: 24 h of L0; year 2: 12 h of L0 and 30 h of L1.".into(),
            axis_label: "hours".into(),
            series: vec!["L0".into(), "L1".into(), "L2".into()],
            periods: vec![
                HoursPeriod {
                    label: "Year 1".into(),
                    bars: vec![bar(24.0, "24"), bar(0.0, "0"), bar(0.0, "0")],
                },
                HoursPeriod {
                    label: "Year 2".into(),
                    bars: vec![bar(12.0, "12"), bar(30.0, "30"), bar(4.5, "4.5")],
                },
            ],
        }
    }

    #[test]
    fn snapshot_of_two_years() {
        insta::assert_snapshot!(render(&example()));
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(30.0), (10, 30));
        assert_eq!(ticks(31.0), (10, 40));
        assert_eq!(ticks(4.5), (1, 5));
        assert_eq!(ticks(0.3), (1, 1));
        assert_eq!(ticks(1234.0), (500, 1500));
        assert_eq!(ticks(0.0), (1, 1));
        assert_eq!(ticks(f64::NAN.max(0.0)), (1, 1));
    }

    #[test]
    fn series_fills_differ() {
        let svg = Svg::new("x", "", "");
        let fills: Vec<String> = (0..FILLS).map(|s| fill(&svg, s)).collect();
        let mut unique = fills.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), fills.len());
    }

    #[test]
    fn long_value_labels_are_rotated_and_stay_inside() {
        let mut chart = example();
        chart.periods = (0..12)
            .map(|i| HoursPeriod {
                label: format!("Semestre {i}"),
                bars: vec![bar(100.0, "100 h 30"), bar(99.0, "99 h"), bar(1.0, "1 h")],
            })
            .collect();
        let out = render(&chart);
        let rotated: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with("<text") && l.contains("rotate(-90") && l.contains("h<"))
            .collect();
        assert!(!rotated.is_empty());
        for line in rotated {
            let y: f64 = line
                .split("y=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
            let text = line
                .split('>')
                .nth(1)
                .unwrap_or("")
                .trim_end_matches("</text");
            assert!(y - svg::text_width(text, SMALL, false) > 0.0, "{line}");
        }
    }
}
