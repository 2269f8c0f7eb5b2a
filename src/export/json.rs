//! Node-link JSON, readable by networkx (`node_link_graph(data, edges="links")`) and D3.
//!
//! ```text
//! {"directed": true, "multigraph": true,
//!  "graph": {"generator": "ergraph 0.1.0", "schema_version": 1, "documents": 1},
//!  "nodes": [{"id": "person:vladimir-putin", "label": "Vladimir Putin", "type": "person",
//!             "aliases": ["Putin", "Vladimir Putin"], "mentions": 14, "documents": 1}],
//!  "links": [{"source": "person:vladimir-putin", "target": "person:kim-jong-un",
//!             "key": "co-mention", "kind": "co-mention", "weight": 6}]}
//! ```
//! Nodes are sorted by id and links by (source, target, kind), so the same
//! input always gives the same bytes. Co-mention links are undirected in
//! meaning; they are stored once with `source < target`. Relation links go
//! from the agent to the other party:
//! ```text
//! {"source": "person:vladimir-putin", "target": "person:kim-jong-un", "key": "relation:thank",
//!  "kind": "relation", "relation": "thank", "category": "cooperation", "weight": 1,
//!  "evidence": [{"document": "article.txt", "sentence": "He thanked …", "start": 3154, "end": 3441}]}
//! ```

use crate::graph::{EdgeKind, EntityGraph};
use serde::Serialize;
use std::collections::BTreeSet;

/// Version of this schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct GraphJson<'a> {
    directed: bool,
    multigraph: bool,
    graph: Meta,
    nodes: Vec<NodeJson<'a>>,
    links: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct Meta {
    generator: String,
    schema_version: u32,
    documents: u64,
}

#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    entity_type: &'static str,
    aliases: &'a BTreeSet<String>,
    mentions: u64,
    documents: u64,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    source: &'a str,
    target: &'a str,
    /// Unique per (source, target): `co-mention` or `relation:LABEL`.
    key: String,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    weight: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<EvidenceJson<'a>>,
}

/// Where a relation was stated: character offsets of the sentence in the document.
#[derive(Serialize)]
struct EvidenceJson<'a> {
    document: &'a str,
    sentence: &'a str,
    start: usize,
    end: usize,
}

/// The name of an edge kind in JSON.
#[must_use]
pub const fn kind_name(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::CoMention => "co-mention",
        EdgeKind::Relation => "relation",
    }
}

/// Serialise the graph as pretty-printed node-link JSON (with a final newline).
#[must_use]
pub fn to_json(graph: &EntityGraph) -> Vec<u8> {
    let g = &graph.graph;
    let nodes = g
        .node_weights()
        .map(|n| NodeJson {
            id: &n.id,
            label: &n.label,
            entity_type: n.entity_type.as_str(),
            aliases: &n.aliases,
            mentions: n.mentions,
            documents: n.documents,
        })
        .collect();
    let links = g
        .edge_indices()
        .map(|e| {
            let (a, b) = g.edge_endpoints(e).expect("edge index from this graph");
            let edge = &g[e];
            let key = match (&edge.kind, &edge.relation) {
                (EdgeKind::Relation, Some(label)) => format!("relation:{label}"),
                (kind, _) => kind_name(*kind).to_owned(),
            };
            LinkJson {
                source: &g[a].id,
                target: &g[b].id,
                key,
                kind: kind_name(edge.kind),
                relation: edge.relation.as_deref(),
                category: edge.category.as_deref(),
                weight: edge.weight,
                evidence: edge
                    .evidence
                    .iter()
                    .map(|e| EvidenceJson { document: &e.document, sentence: &e.sentence, start: e.start, end: e.end })
                    .collect(),
            }
        })
        .collect();
    let doc = GraphJson {
        directed: true,
        multigraph: true,
        graph: Meta {
            generator: format!("ergraph {}", env!("CARGO_PKG_VERSION")),
            schema_version: SCHEMA_VERSION,
            documents: graph.documents,
        },
        nodes,
        links,
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("serialising plain structs cannot fail");
    out.push(b'\n');
    out
}
