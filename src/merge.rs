//! `ergraph merge`: read graphs written by `ergraph build --format json` and
//! join them, so a corpus can be processed in parts (or on several machines)
//! and combined afterwards.
//!
//! Entities are merged by id (mentions and documents summed, aliases
//! united, the longest label kept, ties to the lexicographically smaller),
//! edges by (source, target, kind, relation) with weights summed and
//! evidence united. Every step is commutative, so the order of the inputs
//! does not matter. Afterwards one-word person names are linked to the
//! unique full name across all parts, as `build` does across a corpus; so
//! merging the graphs of two halves gives the graph of the whole (unless a
//! graph was built with `--min-weight` or another filter, or a short name
//! was unambiguous in one half but not in the whole).

use crate::entities::EntityType;
use crate::error::{Error, Result};
use crate::export::json::SCHEMA_VERSION;
use crate::graph::{Edge, EdgeKind, EntityGraph, Evidence, Node};
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
    let mut merger = Merger { documents: doc.graph.documents, ..Merger::default() };
    for n in doc.nodes {
        let entity_type: EntityType = n.entity_type.parse().map_err(|e| bad(format!("node {:?}: {e}", n.id)))?;
        let node = Node {
            id: n.id,
            label: n.label,
            entity_type,
            aliases: n.aliases,
            mentions: n.mentions,
            documents: n.documents,
        };
        merger.add_node(node);
    }
    for l in doc.links {
        for end in [&l.source, &l.target] {
            if !merger.nodes.contains_key(end) {
                return Err(bad(format!("link to unknown node {end:?}")));
            }
        }
        let kind = match l.kind.as_str() {
            "co-mention" => EdgeKind::CoMention,
            "relation" => EdgeKind::Relation,
            other => return Err(bad(format!("unknown link kind {other:?}"))),
        };
        let evidence = l
            .evidence
            .into_iter()
            .map(|e| Evidence { document: e.document, sentence: e.sentence, start: e.start, end: e.end })
            .collect();
        let edge = Edge { kind, weight: l.weight, relation: l.relation, category: l.category, evidence };
        merger.add_edge(l.source, l.target, edge);
    }
    Ok(merger.finish_without_linking())
}

/// Merge graphs (see the module docs); the result does not depend on their order.
#[must_use]
pub fn merge(graphs: &[EntityGraph]) -> EntityGraph {
    let mut merger = Merger::default();
    for graph in graphs {
        merger.documents += graph.documents;
        for node in graph.graph.node_weights() {
            merger.add_node(node.clone());
        }
        for e in graph.graph.edge_indices() {
            let (a, b) = graph.graph.edge_endpoints(e).expect("edge index from this graph");
            merger.add_edge(graph.graph[a].id.clone(), graph.graph[b].id.clone(), graph.graph[e].clone());
        }
    }
    merger.link_short_person_names();
    merger.finish_without_linking()
}

type EdgeKey = (String, String, EdgeKind, Option<String>);

#[derive(Default)]
struct Merger {
    nodes: BTreeMap<String, Node>,
    edges: BTreeMap<EdgeKey, Edge>,
    documents: u64,
}

impl Merger {
    fn add_node(&mut self, node: Node) {
        let Some(mine) = self.nodes.get_mut(&node.id) else {
            self.nodes.insert(node.id.clone(), node);
            return;
        };
        mine.mentions += node.mentions;
        mine.documents += node.documents;
        mine.aliases.extend(node.aliases);
        if (node.label.len(), std::cmp::Reverse(&node.label)) > (mine.label.len(), std::cmp::Reverse(&mine.label)) {
            mine.label = node.label;
        }
    }

    fn add_edge(&mut self, source: String, target: String, edge: Edge) {
        // co-mentions are undirected in meaning and stored with source < target
        let (source, target) =
            if edge.kind == EdgeKind::CoMention && target < source { (target, source) } else { (source, target) };
        if source == target {
            return;
        }
        let key = (source, target, edge.kind, edge.relation.clone());
        let Some(mine) = self.edges.get_mut(&key) else {
            self.edges.insert(key, edge);
            return;
        };
        mine.weight += edge.weight;
        mine.category = match (mine.category.take(), edge.category) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        mine.evidence.extend(edge.evidence);
        mine.evidence.sort();
        mine.evidence.dedup();
    }

    /// The rule of `GraphBuilder::build`: a one-word person label joins the
    /// only two-or-more-word person label that starts or ends with it.
    fn link_short_person_names(&mut self) {
        let mut by_word: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for node in self.nodes.values().filter(|n| n.entity_type == EntityType::Person) {
            let words: Vec<&str> = node.label.split_whitespace().collect();
            if let [first, .., last] = words.as_slice() {
                for w in [*first, *last] {
                    by_word.entry(w).or_default().insert(&node.id);
                }
            }
        }
        let renames: BTreeMap<String, String> = self
            .nodes
            .values()
            .filter(|n| n.entity_type == EntityType::Person && !n.label.contains(' '))
            .filter_map(|n| match by_word.get(n.label.as_str()).map(|ids| ids.iter().collect::<Vec<_>>()).as_deref() {
                Some([full]) => Some((n.id.clone(), (**full).to_owned())),
                _ => None,
            })
            .collect();
        if renames.is_empty() {
            return;
        }
        for (short, full) in &renames {
            let node = self.nodes.remove(short).expect("renamed node exists");
            let target = self.nodes.get_mut(full).expect("full-name node exists");
            target.mentions += node.mentions;
            target.documents += node.documents;
            target.aliases.extend(node.aliases);
        }
        for ((a, b, _, _), edge) in std::mem::take(&mut self.edges) {
            let a = renames.get(&a).cloned().unwrap_or(a);
            let b = renames.get(&b).cloned().unwrap_or(b);
            self.add_edge(a, b, edge);
        }
    }

    /// Nodes in id order, edges by (source, target, kind, relation).
    fn finish_without_linking(self) -> EntityGraph {
        let mut graph = EntityGraph { documents: self.documents, ..EntityGraph::default() };
        let index: BTreeMap<String, _> = self.nodes.into_iter().map(|(id, n)| (id, graph.graph.add_node(n))).collect();
        for ((a, b, _, _), mut edge) in self.edges {
            edge.evidence.sort();
            edge.evidence.dedup();
            graph.graph.add_edge(index[&a], index[&b], edge);
        }
        graph
    }
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
        let mut m = Merger::default();
        for label in ["Kim", "Kim Jong Un", "Kim Jong-un"] {
            m.add_node(Node {
                id: "person:k".into(),
                label: label.into(),
                entity_type: EntityType::Person,
                aliases: BTreeSet::new(),
                mentions: 1,
                documents: 1,
            });
        }
        assert_eq!(m.nodes["person:k"].label, "Kim Jong Un");
    }

    #[test]
    fn bad_input_names_the_file() {
        let err = read_json(b"{}", Path::new("x.json")).unwrap_err().to_string();
        assert!(err.starts_with("x.json: not an ergraph JSON graph"), "{err}");
        let dangling = r#"{"graph": {"schema_version": 1}, "nodes": [], "links": [{"source": "a", "target": "b", "kind": "co-mention", "weight": 1}]}"#;
        assert!(read_json(dangling.as_bytes(), Path::new("y.json")).unwrap_err().to_string().contains("unknown node"));
    }
}
