//! Charts for the HTML reports: pure functions from a plain data struct to
//! an inline SVG element (`String`), one file per chart.
//!
//! Every chart is 680 user units wide (A4 portrait) and scales down with
//! `width="100%"`; its height grows with its content. It carries its text
//! alternative (`<title>` and `<desc>`, named by `aria-labelledby`), keeps its
//! element ids under the caller's `id_prefix` (characters other than ASCII
//! letters, digits, `-` and `_` become `_`, so distinct prefixes should differ
//! in those), reads in black and white
//! (patterns and letters, not colour alone) and is byte-for-byte the same for
//! the same data.
//!
//! This module chooses no words and formats no user-facing numbers: every
//! visible string, in whatever language, comes in through the data. It holds
//! no script, no external reference and loads no font, so that a page under
//! a Content-Security-Policy without scripts shows it as it is.

pub mod graph;
pub mod heatmap;
pub mod hours;
pub mod levels;
mod svg;

pub use graph::{GraphChart, GraphNode, LayerBand, Layout, NodeBox, NodeStatus};
pub use heatmap::{HeatCell, HeatRow, HeatmapChart};
pub use hours::{HoursBar, HoursChart, HoursPeriod};
pub use levels::{LevelBar, LevelChart};
pub use svg::escape;

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader;
    use quick_xml::events::Event;

    const NASTY: &str = "a<b & \"c\" 'd'>";

    fn all_examples() -> Vec<(&'static str, String)> {
        vec![
            ("levels", levels::render(&levels::tests::example())),
            ("heatmap", heatmap::render(&heatmap::tests::example())),
            ("hours", hours::render(&hours::tests::example())),
            ("graph", graph::render(&graph::tests::example())),
        ]
    }

    fn nasty_examples() -> Vec<(&'static str, String)> {
        let mut l = levels::tests::example();
        l.title = NASTY.into();
        l.desc = NASTY.into();
        l.bars[0].label = NASTY.into();
        l.bars[0].value_label = NASTY.into();
        l.bars[0].target = Some((0.5, NASTY.into()));
        l.legend_explicit = NASTY.into();
        l.id_prefix = NASTY.into();
        let mut h = heatmap::tests::example();
        h.title = NASTY.into();
        h.columns[0] = NASTY.into();
        h.rows[0].id = NASTY.into();
        h.rows[0].label = NASTY.into();
        h.legend_depth[0] = NASTY.into();
        h.legend_suggested = NASTY.into();
        let mut o = hours::tests::example();
        o.title = NASTY.into();
        o.axis_label = NASTY.into();
        o.series[0] = NASTY.into();
        o.periods[0].label = NASTY.into();
        o.periods[0].bars[0].value_label = Some(NASTY.into());
        let mut g = graph::tests::example();
        g.title = NASTY.into();
        g.nodes[0].id = NASTY.into();
        g.nodes[0].label = NASTY.into();
        g.layer_labels[0] = NASTY.into();
        g.legend[0] = NASTY.into();
        vec![
            ("levels", levels::render(&l)),
            ("heatmap", heatmap::render(&h)),
            ("hours", hours::render(&o)),
            ("graph", graph::render(&g)),
        ]
    }

    /// Reads every event of `svg`: one `svg` root, balanced tags, and no
    /// entity but the five XML ones and character references.
    #[track_caller]
    fn assert_well_formed(name: &str, svg: &str) {
        let mut reader = Reader::from_str(svg);
        let mut roots = 0;
        let mut depth = 0usize;
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(e)) => {
                    if depth == 0 {
                        roots += 1;
                        assert_eq!(e.name().as_ref(), "svg", "{name}");
                    }
                    depth += 1;
                }
                Ok(Event::End(_)) => depth = depth.saturating_sub(1),
                Ok(Event::GeneralRef(r)) => {
                    let entity: &str = r.as_ref();
                    assert!(
                        ["amp", "lt", "gt", "quot", "apos"].contains(&entity)
                            || entity.starts_with('#'),
                        "{name}: &{entity};"
                    );
                }
                Ok(_) => {}
                Err(e) => panic!(
                    "{name} is not well-formed at {}: {e}\n{svg}",
                    reader.buffer_position()
                ),
            }
        }
        assert_eq!(roots, 1, "{name}");
        assert_eq!(depth, 0, "{name}");
    }

    #[test]
    fn every_chart_is_well_formed_xml() {
        for (name, svg) in all_examples().into_iter().chain(nasty_examples()) {
            assert_well_formed(name, &svg);
        }
    }

    #[test]
    fn every_chart_escapes_its_labels() {
        for (name, svg) in nasty_examples() {
            assert!(!svg.contains(NASTY), "{name} holds the raw label");
            assert!(
                svg.contains("a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"),
                "{name} lacks the escaped label"
            );
            assert_well_formed(name, &svg);
        }
    }

    #[test]
    fn every_chart_names_its_text_alternative() {
        for (name, svg) in all_examples() {
            let head = svg.lines().next().unwrap_or("");
            assert!(head.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
            let prefix = match name {
                "levels" => "levels",
                "heatmap" => "heat",
                "hours" => "hours",
                _ => "graph",
            };
            assert!(
                head.contains(&format!("aria-labelledby=\"{prefix}-title {prefix}-desc\"")),
                "{name}: {head}"
            );
            assert!(svg.contains(&format!("<title id=\"{prefix}-title\">")));
            assert!(svg.contains(&format!("<desc id=\"{prefix}-desc\">")));
            assert!(head.contains("width=\"100%\""));
            assert!(head.contains("viewBox=\"0 0 680.0 "));
        }
    }

    #[test]
    fn every_id_carries_the_prefix() {
        for (name, svg) in all_examples() {
            let prefix = match name {
                "heatmap" => "heat",
                other => other,
            };
            for part in svg.split(" id=\"").skip(1) {
                assert!(part.starts_with(&format!("{prefix}-")), "{name}: {part}");
            }
            for part in svg.split("url(#").skip(1) {
                assert!(part.starts_with(&format!("{prefix}-")), "{name}: {part}");
            }
        }
    }

    #[test]
    fn charts_hold_no_script_and_no_external_reference() {
        for (name, svg) in all_examples() {
            let mut reader = Reader::from_str(&svg);
            loop {
                let element = match reader.read_event() {
                    Ok(Event::Eof) => break,
                    Ok(Event::Start(e) | Event::Empty(e)) => e,
                    Ok(_) => continue,
                    Err(e) => panic!("{name}: {e}"),
                };
                let qname = element.name();
                let tag: &str = qname.as_ref();
                assert!(
                    !["script", "foreignObject", "image", "a", "use", "style"].contains(&tag),
                    "{name} holds <{tag}>"
                );
                for attribute in element.attributes() {
                    let attribute = attribute.unwrap_or_else(|e| panic!("{name}: {e}"));
                    let key: &str = attribute.key.as_ref();
                    assert!(
                        !key.starts_with("on") && !key.ends_with("href"),
                        "{name} <{tag}> has {key}"
                    );
                }
            }
            let without_ns = svg.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assert!(!without_ns.contains("http"), "{name}");
        }
    }
}
