//! `ergraph merge`: read graphs written by `ergraph build --format json` and
//! join them, so a corpus can be processed in parts (or on several machines)
//! and combined afterwards.
//!
//! Entities are merged by id (mentions and documents summed, aliases
//! united, the longest label kept, ties to the lexicographically smaller),
//! edges by (source, target, kind, relation) with weights summed and
//! evidence united (the first ten sentences kept, as `build` keeps them).
//! It is the graph builder of `build` that does the work. Every step is commutative, so the order of the inputs
//! does not matter. Afterwards one-word person names are linked to the
//! unique full name across all parts, as `build` does across a corpus; so
//! merging the graphs of two halves gives the graph of the whole (unless a
//! graph was built with `--min-weight` or another filter, or a short name
//! was unambiguous in one half but not in the whole).

use crate::entities::EntityType;
use crate::error::{Error, Result};
use crate::export::json::SCHEMA_VERSION;
use crate::graph::{Edge, EdgeKind, EntityGraph, Evidence, GraphBuilder, GraphOptions, Node};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Deserialize)]
struct GraphIn {
    graph: MetaIn,
    nodes: Vec<NodeIn>,
    links: Vec<LinkIn>,
}

#[derive(Deserialize)]
struct MetaIn {
    schema_version: u32,
    #[serde(default)]
    documents: u64,
}

#[derive(Deserialize)]
struct NodeIn {
    id: String,
    label: String,
    #[serde(rename = "type")]
    entity_type: String,
    #[serde(default)]
    aliases: BTreeSet<String>,
    #[serde(default)]
    mentions: u64,
    #[serde(default)]
    documents: u64,
}

#[derive(Deserialize)]
struct LinkIn {
    source: String,
    target: String,
    kind: String,
    weight: u64,
    #[serde(default)]
    relation: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
}

#[derive(Deserialize)]
struct EvidenceIn {
    document: String,
    sentence: String,
    #[serde(default)]
    start: usize,
    #[serde(default)]
    end: usize,
}

/// Read a graph written by the JSON exporter; `path` is only used in messages.
///
/// # Errors
/// [`Error::Invalid`] naming `path` when the bytes are not an ergraph JSON
/// graph of a schema this version understands.
pub fn read_json(bytes: &[u8], path: &Path) -> Result<EntityGraph> {
    let bad = |message: String| Error::Invalid(format!("{}: {message}", path.display()));
    let doc: GraphIn = serde_json::from_slice(bytes).map_err(|e| bad(format!("not an ergraph JSON graph ({e})")))?;
    if doc.graph.schema_version > SCHEMA_VERSION {
        return Err(bad(format!(
            "schema version {} is newer than this ergraph understands ({SCHEMA_VERSION})",
            doc.graph.schema_version
        )));
    }
    let mut graph = EntityGraph { documents: doc.graph.documents, ..EntityGraph::default() };
    let mut index = BTreeMap::new();
    for n in doc.nodes {
        let entity_type: EntityType = n.entity_type.parse().map_err(|e| bad(format!("node {:?}: {e}", n.id)))?;
        if index.contains_key(&n.id) {
            return Err(bad(format!("node {:?} is listed twice", n.id)));
        }
        let node = Node {
            id: n.id.clone(),
            label: n.label,
            entity_type,
            aliases: n.aliases,
            mentions: n.mentions,
            documents: n.documents,
        };
        index.insert(n.id, graph.graph.add_node(node));
    }
    for l in doc.links {
        let end = |id: &String| index.get(id).copied().ok_or_else(|| bad(format!("link to unknown node {id:?}")));
        let (a, b) = (end(&l.source)?, end(&l.target)?);
        let kind = match l.kind.as_str() {
            "co-mention" => EdgeKind::CoMention,
            "relation" => EdgeKind::Relation,
            other => return Err(bad(format!("unknown link kind {other:?}"))),
        };
        let evidence = l
            .evidence
            .into_iter()
            .map(|e| Evidence { document: e.document.into(), sentence: e.sentence.into(), start: e.start, end: e.end })
            .collect();
        graph.graph.add_edge(
            a,
            b,
            Edge { kind, weight: l.weight, relation: l.relation, category: l.category, evidence },
        );
    }
    Ok(graph)
}

/// Merge graphs (see the module docs); the result does not depend on their
/// order. The same builder as `ergraph build` does the work, so merging and
/// building follow one set of rules.
#[must_use]
pub fn merge(graphs: &[EntityGraph]) -> EntityGraph {
    let options = GraphOptions { types: EntityType::ALL.into(), ..GraphOptions::default() };
    let mut builder = GraphBuilder::new(options);
    for graph in graphs {
        builder.add_graph(graph);
    }
    builder.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::json::to_json;

    fn graph(json: &str) -> EntityGraph {
        read_json(json.as_bytes(), Path::new("t.json")).unwrap()
    }

    const A: &str = r#"{"graph": {"schema_version": 1, "documents": 1},
        "nodes": [{"id": "person:putin", "label": "Putin", "type": "person", "aliases": ["Putin"], "mentions": 2, "documents": 1},
                  {"id": "country:russia", "label": "Russia", "type": "country", "aliases": ["Russia"], "mentions": 1, "documents": 1}],
        "links": [{"source": "country:russia", "target": "person:putin", "kind": "co-mention", "weight": 1},
                  {"source": "person:putin", "target": "country:russia", "kind": "relation", "weight": 1,
                   "relation": "lead", "category": "role", "evidence": [{"document": "a", "sentence": "Putin leads Russia.", "start": 0, "end": 19}]}]}"#;
    const B: &str = r#"{"graph": {"schema_version": 1, "documents": 2},
        "nodes": [{"id": "person:vladimir-putin", "label": "Vladimir Putin", "type": "person", "aliases": ["Vladimir Putin"], "mentions": 3, "documents": 2},
                  {"id": "country:russia", "label": "Russia", "type": "country", "aliases": ["Russian"], "mentions": 4, "documents": 2}],
        "links": [{"source": "country:russia", "target": "person:vladimir-putin", "kind": "co-mention", "weight": 2}]}"#;

    #[test]
    fn merges_by_id_links_short_names_and_ignores_order() {
        let (a, b) = (graph(A), graph(B));
        let ab = merge(&[a.clone(), b.clone()]);
        assert_eq!(to_json(&ab), to_json(&merge(&[b, a])));
        let ids: Vec<&str> = ab.graph.node_weights().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["country:russia", "person:vladimir-putin"]);
        let putin = &ab.graph[ab.graph.node_indices().nth(1).unwrap()];
        assert_eq!((putin.mentions, putin.documents, putin.aliases.len()), (5, 3, 2));
        assert_eq!(ab.documents, 3);
        let weights: Vec<(EdgeKind, u64)> = ab.graph.edge_weights().map(|e| (e.kind, e.weight)).collect();
        assert_eq!(weights, [(EdgeKind::CoMention, 3), (EdgeKind::Relation, 1)]);
    }

    #[test]
    fn evidence_is_united_and_labels_prefer_the_longest() {
        let a = graph(A);
        let twice = merge(&[a.clone(), a]);
        let relation = twice.graph.edge_weights().find(|e| e.kind == EdgeKind::Relation).unwrap();
        assert_eq!((relation.weight, relation.evidence.len()), (2, 1));
        let graphs: Vec<EntityGraph> = ["Kim", "Kim Jong Un", "Kim Jong-un"]
            .into_iter()
            .map(|label| {
                let mut g = EntityGraph::default();
                g.graph.add_node(Node {
                    id: "person:k".into(),
                    label: label.into(),
                    entity_type: EntityType::Person,
                    aliases: BTreeSet::new(),
                    mentions: 1,
                    documents: 1,
                });
                g
            })
            .collect();
        let merged = merge(&graphs);
        assert_eq!(merged.graph.node_weights().next().unwrap().label, "Kim Jong Un");
    }

    #[test]
    fn bad_input_names_the_file() {
        let err = read_json(b"{}", Path::new("x.json")).unwrap_err().to_string();
        assert!(err.starts_with("x.json: not an ergraph JSON graph"), "{err}");
        let dangling = r#"{"graph": {"schema_version": 1}, "nodes": [], "links": [{"source": "a", "target": "b", "kind": "co-mention", "weight": 1}]}"#;
        assert!(read_json(dangling.as_bytes(), Path::new("y.json")).unwrap_err().to_string().contains("unknown node"));
    }
}
