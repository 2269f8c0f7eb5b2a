//! One self-contained HTML page to look at the graph without any other tool:
//! offline (no CDN, a Content-Security-Policy that forbids every fetch), with
//! the viewer's own JavaScript (`viewer.js`) and styles (`viewer.css`)
//! inlined.
//!
//! Safety: the graph travels as JSON inside `<script type="application/json">`,
//! with `<`, `>`, `&`, U+2028 and U+2029 written as `\u…` escapes, so no
//! entity name can close the script element or start markup; the viewer
//! builds the page with `textContent` and never parses data as HTML.
//! Layout: positions come from the force layout (`export::layout`),
//! computed here, so the page is deterministic and needs no layout code at
//! view time.

use super::{json::kind_name, layout::force_layout, type_colour};
use crate::entities::EntityType;
use crate::graph::EntityGraph;
use serde::Serialize;
use std::collections::BTreeMap;

const SCRIPT: &str = include_str!("viewer.js");
const STYLE: &str = include_str!("viewer.css");

#[derive(Serialize)]
struct Data<'a> {
    generator: String,
    documents: u64,
    types: Vec<TypeData>,
    nodes: Vec<NodeData<'a>>,
    edges: Vec<EdgeData<'a>>,
}

#[derive(Serialize)]
struct TypeData {
    name: &'static str,
    colour: String,
    count: usize,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    entity_type: &'static str,
    aliases: Vec<&'a str>,
    mentions: u64,
    documents: u64,
    x: f64,
    y: f64,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    source: usize,
    target: usize,
    kind: &'static str,
    weight: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    evidence: Vec<[&'a str; 2]>,
}

/// Make JSON safe inside a `<script>` element: the escaped characters can
/// only occur inside JSON strings, where `\uXXXX` means the same thing.
#[must_use]
pub fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn data(graph: &EntityGraph) -> Data<'_> {
    let points = force_layout(graph);
    let mut counts: BTreeMap<EntityType, usize> = BTreeMap::new();
    for n in graph.graph.node_weights() {
        *counts.entry(n.entity_type).or_default() += 1;
    }
    let types = counts
        .into_iter()
        .map(|(t, count)| {
            let (r, g, b) = type_colour(t);
            TypeData { name: t.as_str(), colour: format!("#{r:02x}{g:02x}{b:02x}"), count }
        })
        .collect();
    let nodes = graph
        .graph
        .node_weights()
        .zip(points)
        .map(|(n, p)| NodeData {
            id: &n.id,
            label: &n.label,
            entity_type: n.entity_type.as_str(),
            aliases: n.aliases.iter().map(String::as_str).collect(),
            mentions: n.mentions,
            documents: n.documents,
            x: p.x,
            y: p.y,
        })
        .collect();
    let g = &graph.graph;
    let edges = g
        .edge_indices()
        .map(|i| {
            let (a, b) = g.edge_endpoints(i).expect("edge index from this graph");
            let e = &g[i];
            EdgeData {
                source: a.index(),
                target: b.index(),
                kind: kind_name(e.kind),
                weight: e.weight,
                relation: e.relation.as_deref(),
                category: e.category.as_deref(),
                evidence: e.evidence.iter().map(|v| [&*v.document, &*v.sentence]).collect(),
            }
        })
        .collect();
    Data {
        generator: format!("ergraph {}", env!("CARGO_PKG_VERSION")),
        documents: graph.documents,
        types,
        nodes,
        edges,
    }
}

/// The page (UTF-8, final newline).
#[must_use]
pub fn to_html(graph: &EntityGraph) -> Vec<u8> {
    let json = serde_json::to_string(&data(graph)).expect("serialising plain structs cannot fail");
    let title = format!("ergraph: {} entities, {} links", graph.graph.node_count(), graph.graph.edge_count());
    let page = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
{STYLE}</style>
</head>
<body>
<header>
  <strong>ergraph</strong>
  <input id="search" type="search" placeholder="Search names and aliases" aria-label="Search">
  <label>min weight <input id="min-weight" type="range" min="1" max="1" value="1"> <output id="min-weight-value">1</output></label>
  <span id="legend" aria-label="Legend and type filter"></span>
  <span id="stats"></span>
  <button id="fit" type="button" title="Fit the graph to the window">fit</button>
</header>
<main>
  <svg id="canvas" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Entity graph"></svg>
  <aside id="info"><p class="hint">Hover a node to see its neighbours; click a node or a link for details. Drag to pan, wheel to zoom.</p></aside>
</main>
<script type="application/json" id="graph-data">{data}</script>
<script>
{SCRIPT}</script>
</body>
</html>
"#,
        data = script_safe_json(&json),
    );
    page.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script() {
        let s = script_safe_json(r#"{"a":"</script><b>&amp;\u{2028}"}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let s = script_safe_json("\"\u{2028}\u{2029}\"");
        assert_eq!(s, "\"\\u2028\\u2029\"");
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "\u{2028}\u{2029}");
    }

    #[test]
    fn page_is_offline() {
        let page = String::from_utf8(to_html(&EntityGraph::default())).unwrap();
        let page = page.replace("http://www.w3.org/2000/svg", "SVG-NAMESPACE");
        assert!(!page.contains("http:") && !page.contains("https:"), "no remote resources");
        assert!(!page.contains("src="), "nothing loaded from anywhere");
    }
}
