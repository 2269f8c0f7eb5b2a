//! Graphviz DOT, built as a graphviz-rust AST and printed by its printer.
//!
//! graphviz-rust pastes `Id`s verbatim, so every string from the input goes
//! through [`dot_quote`]; ids are always quoted so names such as `node` or
//! `graph` are never read as DOT keywords.

use crate::entities::EntityType;
use crate::graph::{EdgeKind, EntityGraph};
use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Quote `s` as a DOT string: `"` and `\` escaped, newlines as `\n`,
/// carriage returns and other control or bidi-override characters dropped
/// (they cannot be shown and can reorder the text around them).
#[must_use]
pub fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn quoted(s: &str) -> Id {
    Id::Escaped(dot_quote(s))
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), quoted(value))
}

/// Shape and fill colour per type, so a diagram reads at a glance.
const fn style(t: EntityType) -> (&'static str, &'static str) {
    match t {
        EntityType::Person => ("ellipse", "#fde9b4"),
        EntityType::Country => ("box", "#b9d7f7"),
        EntityType::Organisation => ("hexagon", "#c8e6c4"),
        EntityType::Location => ("note", "#e6e6e6"),
    }
}

/// Pen width grows with the log of the weight, so heavy edges stand out without swamping the drawing.
fn pen_width(weight: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let w = 1.0 + (weight as f64).ln();
    format!("{w:.2}")
}

/// The graph as a graphviz-rust AST.
#[must_use]
pub fn to_ast(graph: &EntityGraph) -> Graph {
    let g = &graph.graph;
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("overlap", "false"),
            attr("splines", "true"),
            attr("fontname", "Helvetica"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![attr("style", "filled"), attr("fontname", "Helvetica")])),
    ];
    for n in g.node_weights() {
        let (shape, fill) = style(n.entity_type);
        stmts.push(Stmt::Node(Node {
            id: NodeId(quoted(&n.id), None),
            attributes: vec![
                attr("label", &n.label),
                attr("shape", shape),
                attr("fillcolor", fill),
                attr("tooltip", &format!("{} ({}, {} mentions)", n.label, n.entity_type.as_str(), n.mentions)),
            ],
        }));
    }
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge index from this graph");
        let edge = &g[e];
        let mut attributes = vec![attr("weight", &edge.weight.to_string()), attr("penwidth", &pen_width(edge.weight))];
        match edge.kind {
            EdgeKind::CoMention => {
                attributes.extend([
                    attr("dir", "none"),
                    attr("color", "#8c8c8c"),
                    attr("tooltip", &format!("co-mentioned {} times", edge.weight)),
                ]);
            }
            EdgeKind::Relation => {
                let label = edge.relation.as_deref().unwrap_or("related");
                attributes.extend([
                    attr("label", label),
                    attr("color", "#b03a2e"),
                    attr("fontcolor", "#b03a2e"),
                    attr("style", "bold"),
                    attr("tooltip", &edge.evidence.first().map_or_else(String::new, |e| e.sentence.to_string())),
                ]);
            }
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(NodeId(quoted(&g[a].id), None)), Vertex::N(NodeId(quoted(&g[b].id), None))),
            attributes,
        }));
    }
    Graph::DiGraph { id: Id::Plain("ergraph".into()), strict: false, stmts }
}

/// The graph as DOT text (with a final newline).
#[must_use]
pub fn to_dot(graph: &EntityGraph) -> String {
    let mut out = to_ast(graph).print(&mut PrinterContext::default());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_dot_would_misread() {
        assert_eq!(dot_quote("Say \"hi\" \\ to\nme\r"), "\"Say \\\"hi\\\" \\\\ to\\nme\"");
        assert_eq!(dot_quote("Zelenskyy\u{202E}evil"), "\"Zelenskyyevil\"");
        assert_eq!(dot_quote("Київ"), "\"Київ\"");
    }
}
