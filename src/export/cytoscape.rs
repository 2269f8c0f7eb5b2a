//! Cytoscape.js JSON (`cy.json()` / Cytoscape desktop `.cyjs`), also read by
//! networkx's `cytoscape_graph`.
//!
//! ```text
//! {"format_version": "1.0", "generated_by": "ergraph 0.1.0", "target_cytoscapejs_version": "~3",
//!  "data": {"name": "ergraph", "documents": 1}, "directed": true, "multigraph": true,
//!  "elements": {
//!    "nodes": [{"data": {"id": "person:vladimir-putin", "value": "person:vladimir-putin",
//!               "name": "Vladimir Putin", "label": "Vladimir Putin", "type": "person",
//!               "aliases": ["Putin"], "mentions": 14, "documents": 1}}],
//!    "edges": [{"data": {"id": "e0", "source": "…", "target": "…", "key": "co-mention",
//!               "kind": "co-mention", "weight": 6}}]}}
//! ```
//! `name` is what Cytoscape desktop shows; `value` and `key` are what
//! networkx uses as node and multi-edge keys. Relation edges add `relation`,
//! `category` and `evidence` (a list of `{document, sentence, start, end}`).

use super::{edges, json::kind_name};
use crate::graph::{EntityGraph, Evidence};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Serialize)]
struct Doc<'a> {
    format_version: &'static str,
    generated_by: String,
    target_cytoscapejs_version: &'static str,
    data: Meta,
    directed: bool,
    multigraph: bool,
    elements: Elements<'a>,
}

#[derive(Serialize)]
struct Meta {
    name: &'static str,
    documents: u64,
}

#[derive(Serialize)]
struct Elements<'a> {
    nodes: Vec<Element<NodeData<'a>>>,
    edges: Vec<Element<EdgeData<'a>>>,
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    value: &'a str,
    name: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    entity_type: &'static str,
    aliases: &'a BTreeSet<String>,
    mentions: u64,
    documents: u64,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    key: String,
    kind: &'static str,
    weight: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<EvidenceData<'a>>,
}

#[derive(Serialize)]
struct EvidenceData<'a> {
    document: &'a str,
    sentence: &'a str,
    start: usize,
    end: usize,
}

fn evidence(list: &[Evidence]) -> Vec<EvidenceData<'_>> {
    list.iter()
        .map(|e| EvidenceData { document: &e.document, sentence: &e.sentence, start: e.start, end: e.end })
        .collect()
}

/// Serialise the graph as Cytoscape.js JSON (pretty-printed, final newline).
#[must_use]
pub fn to_cytoscape(graph: &EntityGraph) -> Vec<u8> {
    let nodes = graph
        .graph
        .node_weights()
        .map(|n| Element {
            data: NodeData {
                id: &n.id,
                value: &n.id,
                name: &n.label,
                label: &n.label,
                entity_type: n.entity_type.as_str(),
                aliases: &n.aliases,
                mentions: n.mentions,
                documents: n.documents,
            },
        })
        .collect();
    let edges = edges(graph)
        .enumerate()
        .map(|(i, (a, b, e))| Element {
            data: EdgeData {
                id: format!("e{i}"),
                source: &a.id,
                target: &b.id,
                key: e
                    .relation
                    .as_ref()
                    .map_or_else(|| kind_name(e.kind).to_owned(), |r| format!("{}:{r}", kind_name(e.kind))),
                kind: kind_name(e.kind),
                weight: e.weight,
                relation: e.relation.as_deref(),
                category: e.category.as_deref(),
                evidence: evidence(&e.evidence),
            },
        })
        .collect();
    let doc = Doc {
        format_version: "1.0",
        generated_by: format!("ergraph {}", env!("CARGO_PKG_VERSION")),
        target_cytoscapejs_version: "~3",
        data: Meta { name: "ergraph", documents: graph.documents },
        directed: true,
        multigraph: true,
        elements: Elements { nodes, edges },
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("serialising plain structs cannot fail");
    out.push(b'\n');
    out
}
