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

use crate::graph::{Edge, EdgeKind, EntityGraph, Evidence, Node};
use petgraph::visit::EdgeRef;

/// Version of this schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The name of an edge kind in JSON.
#[must_use]
pub const fn kind_name(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::CoMention => "co-mention",
        EdgeKind::Relation => "relation",
    }
}

/// Serialise the graph as pretty-printed node-link JSON (with a final newline).
///
/// Written out by hand, byte for byte what `serde_json::to_vec_pretty` gives
/// (a test checks it against serde on hostile strings). Why: on a corpus of
/// distinct text the graph is large and its evidence sentences are most of
/// its bytes, which serde_json escapes one byte at a time through a
/// formatter; here a run with nothing to escape is passed eight bytes at a
/// time and copied whole.
#[must_use]
pub fn to_json(graph: &EntityGraph) -> Vec<u8> {
    let g = &graph.graph;
    let mut out = Vec::with_capacity(size_hint(graph));
    let mut doc = Object::open(&mut out, 0);
    doc.key("directed").extend_from_slice(b"true");
    doc.key("multigraph").extend_from_slice(b"true");
    let mut meta = Object::open(doc.key("graph"), 1);
    string(meta.key("generator"), concat!("ergraph ", env!("CARGO_PKG_VERSION")));
    number(meta.key("schema_version"), u64::from(SCHEMA_VERSION));
    number(meta.key("documents"), graph.documents);
    meta.close();
    array(doc.key("nodes"), 1, g.node_weights(), node);
    // Each id is escaped once, not once per link: a node has many links.
    // One buffer for them all, not a vector each (varied text: thousands).
    let mut ids = Vec::with_capacity(g.node_weights().map(|n| n.id.len() + 2).sum());
    let mut ends = Vec::with_capacity(g.node_count() + 1);
    ends.push(0);
    for n in g.node_weights() {
        string(&mut ids, &n.id);
        ends.push(ids.len());
    }
    let id = |k: usize| &ids[ends[k]..ends[k + 1]];
    let links = g.edge_indices().map(|e| {
        let (a, b) = g.edge_endpoints(e).expect("edge index from this graph");
        (id(a.index()), id(b.index()), &g[e])
    });
    array(doc.key("links"), 1, links, link);
    doc.close();
    out.push(b'\n');
    out
}

/// About the bytes [`to_json`] writes, a little over when nothing needs an
/// escape: so the output (megabytes, on a corpus of distinct text) is not
/// copied over and over as it grows.
fn size_hint(graph: &EntityGraph) -> usize {
    let g = &graph.graph;
    let strings = |set: &std::collections::BTreeSet<String>| set.iter().map(|a| 11 + a.len()).sum::<usize>();
    let nodes: usize = g.node_weights().map(|n| 150 + n.id.len() + n.label.len() + strings(&n.aliases)).sum();
    let links: usize = g
        .edge_references()
        .map(|e| {
            let (edge, ids) = (e.weight(), g[e.source()].id.len() + g[e.target()].id.len());
            let labels =
                edge.relation.as_ref().map_or(0, |r| 2 * r.len()) + edge.category.as_ref().map_or(0, String::len);
            let evidence: usize = edge.evidence.iter().map(|ev| 124 + ev.document.len() + ev.sentence.len()).sum();
            148 + ids + labels + evidence + 24 * usize::from(!edge.evidence.is_empty())
        })
        .sum();
    256 + nodes + links
}

fn node(out: &mut Vec<u8>, depth: usize, n: &Node) {
    let mut o = Object::open(out, depth);
    string(o.key("id"), &n.id);
    string(o.key("label"), &n.label);
    string(o.key("type"), n.entity_type.as_str());
    array(o.key("aliases"), depth + 1, n.aliases.iter(), |out, _, alias| string(out, alias));
    number(o.key("mentions"), n.mentions);
    number(o.key("documents"), n.documents);
    o.close();
}

/// A link, its endpoints' ids given already quoted and escaped.
fn link(out: &mut Vec<u8>, depth: usize, (source, target, edge): (&[u8], &[u8], &Edge)) {
    let mut o = Object::open(out, depth);
    o.key("source").extend_from_slice(source);
    o.key("target").extend_from_slice(target);
    // Unique per (source, target): `co-mention` or `relation:LABEL`.
    let key = o.key("key");
    match (&edge.kind, &edge.relation) {
        (EdgeKind::Relation, Some(label)) => {
            key.extend_from_slice(b"\"relation:");
            string_body(key, label);
            key.push(b'"');
        }
        (kind, _) => string(key, kind_name(*kind)),
    }
    string(o.key("kind"), kind_name(edge.kind));
    if let Some(relation) = &edge.relation {
        string(o.key("relation"), relation);
    }
    if let Some(category) = &edge.category {
        string(o.key("category"), category);
    }
    number(o.key("weight"), edge.weight);
    if !edge.evidence.is_empty() {
        array(o.key("evidence"), depth + 1, edge.evidence.iter(), evidence);
    }
    o.close();
}

/// Where a relation was stated: character offsets of the sentence in the document.
fn evidence(out: &mut Vec<u8>, depth: usize, e: &Evidence) {
    let mut o = Object::open(out, depth);
    string(o.key("document"), &e.document);
    string(o.key("sentence"), &e.sentence);
    number(o.key("start"), e.start as u64);
    number(o.key("end"), e.end as u64);
    o.close();
}

/// Two spaces per level, as serde_json's pretty printer indents.
fn indent(out: &mut Vec<u8>, depth: usize) {
    const SPACES: &[u8; 32] = b"                                ";
    match SPACES.get(..2 * depth) {
        Some(spaces) => out.extend_from_slice(spaces),
        None => out.extend(std::iter::repeat_n(b' ', 2 * depth)),
    }
}

/// A JSON object being written at nesting `depth`: `key` starts each member.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    empty: bool,
}

impl<'o> Object<'o> {
    fn open(out: &'o mut Vec<u8>, depth: usize) -> Self {
        out.push(b'{');
        Self { out, depth, empty: true }
    }

    /// Write the member name and return the output for its value. Names are
    /// this module's own identifiers, which need no escape. Inlined, each
    /// call copies a name of known length without calling `memcpy`.
    #[inline(always)]
    fn key(&mut self, name: &'static str) -> &mut Vec<u8> {
        debug_assert!(name.bytes().all(|b| ESCAPE[usize::from(b)] == 0));
        self.out.extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        self.empty = false;
        indent(self.out, self.depth + 1);
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self.out
    }

    fn close(self) {
        if !self.empty {
            self.out.push(b'\n');
            indent(self.out, self.depth);
        }
        self.out.push(b'}');
    }
}

/// A JSON array at nesting `depth`, `each` writing one item (`[]` when empty).
fn array<T>(
    out: &mut Vec<u8>,
    depth: usize,
    items: impl Iterator<Item = T>,
    mut each: impl FnMut(&mut Vec<u8>, usize, T),
) {
    out.push(b'[');
    let mut empty = true;
    for item in items {
        out.extend_from_slice(if empty { b"\n" } else { b",\n" });
        empty = false;
        indent(out, depth + 1);
        each(out, depth + 1, item);
    }
    if !empty {
        out.push(b'\n');
        indent(out, depth);
    }
    out.push(b']');
}

/// `n` in decimal, without the formatting machinery (a graph writes
/// several numbers per link).
fn number(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `s` as a JSON string, escaped as serde_json escapes: `"` and `\\`, the
/// short escapes of five control characters, `\u00XX` for the others.
fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    string_body(out, s);
    out.push(b'"');
}

/// [`string`] without the quotes, for a string written in parts.
fn string_body(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut chunks = bytes.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        if may_need_escape(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) {
            copied = escape_bytes(out, bytes, copied, 8 * k..8 * k + 8);
        }
    }
    // The last few bytes, padded with a letter, take one test too.
    let tail = chunks.remainder();
    let mut padded = *b"aaaaaaaa";
    padded[..tail.len()].copy_from_slice(tail);
    if may_need_escape(u64::from_le_bytes(padded)) {
        copied = escape_bytes(out, bytes, copied, bytes.len() - tail.len()..bytes.len());
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// Write the escapes of the bytes in `range`, and the bytes from `copied`
/// before each; returns the new `copied`.
fn escape_bytes(out: &mut Vec<u8>, bytes: &[u8], mut copied: usize, range: std::ops::Range<usize>) -> usize {
    for i in range {
        let b = bytes[i];
        let escape = ESCAPE[usize::from(b)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[copied..i]);
        copied = i + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    copied
}

/// Whether one of the eight bytes of `x` is below 0x20, `"` or `\\` (exact
/// for "none": a byte flagged wrongly only sends the bytes one at a time).
fn may_need_escape(x: u64) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0 || has_zero(x ^ (ONES * 0x22)) || has_zero(x ^ (ONES * 0x5C))
}

/// Per byte: 0, or the letter after the backslash that escapes it (`u` for `\u00XX`).
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;
    use serde::Serialize;
    use std::collections::BTreeSet;

    // serde's view of the schema: the reference `to_json` must match byte for byte.
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

    #[derive(Serialize)]
    struct EvidenceJson<'a> {
        document: &'a str,
        sentence: &'a str,
        start: usize,
        end: usize,
    }

    fn with_serde(graph: &EntityGraph) -> Vec<u8> {
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
                let (a, b) = g.edge_endpoints(e).unwrap();
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
                        .map(|e| EvidenceJson {
                            document: &e.document,
                            sentence: &e.sentence,
                            start: e.start,
                            end: e.end,
                        })
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
        let mut out = serde_json::to_vec_pretty(&doc).unwrap();
        out.push(b'\n');
        out
    }

    /// Every byte below 0x80 once, quotes and backslashes in runs of every
    /// length and place, and text that is not ASCII.
    fn hostile_strings() -> Vec<String> {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let mut out = vec![String::new(), every_ascii, "Київ “quoted” \u{202e} 🇺🇦".into()];
        for len in 0..20 {
            for special in ["\"", "\\", "\n", "\u{1f}", "\u{7f}", "é"] {
                for at in 0..=len {
                    let mut s: String = "abcdefghijklmnopqrstuvwxyz".chars().take(len).collect();
                    s.insert_str(at, special);
                    out.push(s);
                }
            }
        }
        out
    }

    fn hostile_graph() -> EntityGraph {
        let strings = hostile_strings();
        let mut g = EntityGraph { documents: 3, ..EntityGraph::default() };
        let mut nodes = Vec::new();
        for (k, s) in strings.iter().enumerate() {
            let aliases: BTreeSet<String> = if k % 3 == 0 { BTreeSet::new() } else { [s.clone(), "x".into()].into() };
            let entity_type = EntityType::ALL[k % 4];
            let node = Node {
                id: format!("n{k}:{s}"),
                label: s.clone(),
                entity_type,
                aliases,
                mentions: k as u64,
                documents: 1,
            };
            nodes.push(g.graph.add_node(node));
        }
        for (k, pair) in nodes.windows(2).enumerate() {
            let s = &strings[k];
            let edge = match k % 3 {
                0 => Edge { kind: EdgeKind::CoMention, weight: k as u64, ..Edge::default() },
                1 => Edge {
                    kind: EdgeKind::Relation,
                    weight: 1,
                    relation: Some(s.clone()),
                    category: None,
                    evidence: vec![Evidence {
                        document: s.clone().into(),
                        sentence: s.clone().into(),
                        start: k,
                        end: k + s.len(),
                    }],
                },
                _ => Edge {
                    kind: EdgeKind::Relation,
                    weight: 2,
                    relation: Some("thank".into()),
                    category: Some(s.clone()),
                    evidence: Vec::new(),
                },
            };
            g.graph.add_edge(pair[0], pair[1], edge);
        }
        g
    }

    #[test]
    fn bytes_are_those_of_serde_json() {
        let graph = hostile_graph();
        let ours = to_json(&graph);
        let theirs = with_serde(&graph);
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
        assert_eq!(to_json(&EntityGraph::default()), with_serde(&EntityGraph::default()));
    }

    #[test]
    fn size_hint_is_a_little_over_on_a_real_graph() {
        let extractor = crate::pipeline::Extractor::new(crate::lexicon::Lexicon::embedded());
        let text = include_str!("../../data/samples/putin-moscow-invitation.txt");
        let doc = crate::pipeline::Document { id: "sample".into(), text: text.into() };
        let mut builder = crate::graph::GraphBuilder::new(crate::graph::GraphOptions::default());
        builder.add(&doc, &extractor.analyse(text));
        let graph = builder.build();
        let (written, hint) = (to_json(&graph).len(), size_hint(&graph));
        assert!(written <= hint && hint < written + written / 4, "{written} bytes written, {hint} hinted");
    }

    #[test]
    fn numbers_are_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    #[test]
    fn no_escape_is_missed_by_the_eight_byte_test() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[at] = b;
                if ESCAPE[usize::from(b)] != 0 {
                    assert!(may_need_escape(u64::from_le_bytes(chunk)), "byte {b:#x} at {at}");
                }
            }
        }
        assert!(!may_need_escape(u64::from_le_bytes(*b"Putin sa")));
    }
}
