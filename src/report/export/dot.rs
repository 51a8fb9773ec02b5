//! A programme's graph in Graphviz DOT: the primary competencies, one
//! cluster per level, with their prerequisite edges; the courses, with an
//! edge to each competency they teach, labelled with the deepest depth
//! (dashed when only suggested); uncovered competencies outlined dashed.
//! Every id and label is quoted and escaped; the order of the text follows
//! the framework and the curriculum, so the same input gives the same text.
//! Knows nothing of layout beyond a few attributes, and runs no Graphviz.

use super::{courses_in_order, teaching};
use crate::analysis::ProgramAnalysis;
use crate::framework::{FrameworkSet, Lang};
use crate::model::{CompetencyId, CourseCode, Depth, Program};
use std::collections::{BTreeMap, BTreeSet};

/// The DOT text of one programme's graph; titles in `lang`.
pub fn dot(
    frameworks: &FrameworkSet,
    program: &Program,
    analysis: &ProgramAnalysis,
    lang: Lang,
) -> String {
    let primary = &frameworks.primary;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!("digraph {} {{", quoted(&program.name)));
    line(format!(
        "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label={}];",
        quoted(&program.name)
    ));
    line("  node [fontname=\"Helvetica\", fontsize=10];".to_owned());
    line("  edge [fontname=\"Helvetica\", fontsize=9];".to_owned());

    let levels: BTreeSet<u8> = analysis.competencies.iter().map(|c| c.level).collect();
    for level in levels {
        let title = primary
            .level(level)
            .map(|l| l.title.get(lang))
            .unwrap_or("");
        line(format!("  subgraph cluster_L{level} {{"));
        line(format!(
            "    graph [label={}, style=rounded, color=\"gray60\"];",
            label(&[&format!("L{level}"), title])
        ));
        for c in analysis.competencies.iter().filter(|c| c.level == level) {
            let title = primary
                .competency(&c.id)
                .map(|f| f.title.get(lang))
                .unwrap_or("");
            let style = match c.deepest {
                Some(d) if c.covered => {
                    format!("style=\"rounded,filled\", fillcolor=\"{}\"", fill(d))
                }
                _ => "style=\"rounded,dashed\"".to_owned(),
            };
            line(format!(
                "    {} [shape=box, label={}, {style}];",
                competency_node(&c.id),
                label(&[c.id.as_str(), title])
            ));
        }
        line("  }".to_owned());
    }

    let declared: BTreeSet<&CompetencyId> = analysis.competencies.iter().map(|c| &c.id).collect();
    for c in primary
        .competencies
        .iter()
        .filter(|c| declared.contains(&c.id))
    {
        for r in c.requires.iter().filter(|r| declared.contains(r)) {
            line(format!(
                "  {} -> {} [color=\"gray50\", arrowhead=empty];",
                competency_node(r),
                competency_node(&c.id)
            ));
        }
    }

    let courses = courses_in_order(program);
    for c in &courses {
        let title = if c.title == c.code.as_str() {
            ""
        } else {
            &c.title
        };
        line(format!(
            "  {} [shape=note, label={}];",
            course_node(&c.code),
            label(&[c.code.as_str(), title])
        ));
    }
    let cells = teaching(analysis);
    let mut by_course: BTreeMap<&CourseCode, Vec<(&CompetencyId, super::Teaching)>> =
        BTreeMap::new();
    for ((course, competency), t) in cells {
        by_course.entry(course).or_default().push((competency, t));
    }
    let position: BTreeMap<&CompetencyId, usize> = analysis
        .competencies
        .iter()
        .enumerate()
        .map(|(k, c)| (&c.id, k))
        .collect();
    for c in &courses {
        let Some(mut edges) = by_course.remove(&c.code) else {
            continue;
        };
        edges.sort_by_key(|(id, _)| position.get(id).copied().unwrap_or(usize::MAX));
        for (id, t) in edges.into_iter().filter(|(id, _)| declared.contains(id)) {
            let style = if t.explicit { "solid" } else { "dashed" };
            line(format!(
                "  {} -> {} [label={}, style={style}, penwidth={}];",
                course_node(&c.code),
                competency_node(id),
                quoted(t.depth.letter()),
                width(t.depth)
            ));
        }
    }
    line("}".to_owned());
    out
}

fn competency_node(id: &CompetencyId) -> String {
    quoted(&format!("competency:{id}"))
}

fn course_node(code: &CourseCode) -> String {
    quoted(&format!("course:{code}"))
}

fn fill(d: Depth) -> &'static str {
    match d {
        Depth::Introduced => "#DEEBF7",
        Depth::Reinforced => "#9ECAE1",
        Depth::Mastered => "#6BAED6",
    }
}

fn width(d: Depth) -> &'static str {
    match d {
        Depth::Introduced => "1",
        Depth::Reinforced => "1.8",
        Depth::Mastered => "2.6",
    }
}

/// `s` as a DOT quoted string.
fn quoted(s: &str) -> String {
    label(&[s])
}

/// Lines as one DOT quoted string, each escaped and joined by `\n`.
fn label(lines: &[&str]) -> String {
    let mut out = String::from("\"");
    for (k, l) in lines.iter().filter(|l| !l.is_empty()).enumerate() {
        if k > 0 {
            out.push_str("\\n");
        }
        escape_into(&mut out, l);
    }
    out.push('"');
    out
}

/// `"` and `\` escaped, line breaks as `\n`, other control characters as
/// spaces: what a DOT quoted string may hold.
fn escape_into(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Token {
        Quoted(String),
        Arrow,
        Open,
        Close,
        Other(char),
    }

    /// DOT tokens, one line at a time; panics on an unterminated string.
    fn tokens(line: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    let mut s = String::new();
                    loop {
                        match chars.next().expect("unterminated string") {
                            '"' => break,
                            '\\' => {
                                s.push('\\');
                                s.push(chars.next().expect("dangling escape"));
                            }
                            c => s.push(c),
                        }
                    }
                    out.push(Token::Quoted(s));
                }
                '-' if chars.peek() == Some(&'>') => {
                    chars.next();
                    out.push(Token::Arrow);
                }
                '{' => out.push(Token::Open),
                '}' => out.push(Token::Close),
                c if c.is_whitespace() => {}
                c => out.push(Token::Other(c)),
            }
        }
        out
    }

    fn graph() -> String {
        let f = fixture::get();
        dot(&f.frameworks, &f.program, &f.analysis, Lang::En)
    }

    #[test]
    fn braces_balance_and_every_edge_joins_declared_nodes() {
        let text = graph();
        let mut depth = 0i32;
        let mut nodes = BTreeSet::new();
        let mut edges = Vec::new();
        for line in text.lines() {
            let t = tokens(line);
            for tok in &t {
                match tok {
                    Token::Open => depth += 1,
                    Token::Close => depth -= 1,
                    _ => {}
                }
                assert!(depth >= 0, "{text}");
            }
            match t.as_slice() {
                [Token::Quoted(a), Token::Arrow, Token::Quoted(b), ..] => {
                    edges.push((a.clone(), b.clone()))
                }
                [Token::Quoted(n), Token::Other('['), ..] => {
                    nodes.insert(n.clone());
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "{text}");
        assert!(text.starts_with("digraph \"P\" {\n"));
        assert!(!edges.is_empty());
        for (a, b) in &edges {
            assert!(nodes.contains(a) && nodes.contains(b), "{a} -> {b}\n{text}");
        }
        assert!(edges.contains(&("competency:A".into(), "competency:B".into())));
        assert!(edges.contains(&("competency:B".into(), "competency:C".into())));
        let f = fixture::get();
        let taught: BTreeSet<(String, String)> = f
            .analysis
            .addresses
            .iter()
            .map(|a| {
                (
                    format!("course:{}", a.course),
                    format!("competency:{}", a.competency),
                )
            })
            .collect();
        let drawn: BTreeSet<(String, String)> = edges
            .iter()
            .filter(|(a, _)| a.starts_with("course:"))
            .cloned()
            .collect();
        assert_eq!(drawn, taught);
    }

    #[test]
    fn clusters_levels_and_marks_suggested_edges_and_uncovered_competencies() {
        let text = graph();
        assert!(text.contains("  subgraph cluster_L0 {\n"));
        assert!(text.contains("  subgraph cluster_L1 {\n"));
        assert!(text.contains(
            "  \"course:UE 2\" -> \"competency:C\" [label=\"R\", style=dashed, penwidth=1.8];"
        ));
        assert!(text.contains(
            "  \"course:UE 10\" -> \"competency:C\" [label=\"M\", style=solid, penwidth=2.6];"
        ));
        assert!(text.contains("  \"course:UE 2\" [shape=note, label=\"UE 2\\nIntro\"];"));
        assert!(text.contains(
            "    \"competency:D\" [shape=box, label=\"D\\nUncovered\", style=\"rounded,dashed\"];"
        ));
        assert_eq!(text, graph());
    }

    #[test]
    fn escapes_quotes_backslashes_and_line_breaks() {
        let text = graph();
        assert!(
            text.contains("label=\"A\\nSay \\\"why\\\" \\\\ explain\""),
            "{text}"
        );
        assert_eq!(quoted("a\"b\\c\r\nd\ne\u{7}"), "\"a\\\"b\\\\c\\nd\\ne \"");
        assert_eq!(label(&["x", "", "y"]), "\"x\\ny\"");
    }
}
