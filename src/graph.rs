//! The entity graph: one node per entity across all documents, co-mention
//! edges weighted by the number of shared windows, and relation edges
//! (what the text states: "thank", "foreign_minister_of") weighted by the
//! number of times stated, each with its evidence sentences.
//!
//! Entities are resolved *before* the graph is built, so a plain petgraph
//! `DiGraph` suffices; nodes are inserted in id order and edges sorted, so
//! output is deterministic whatever the input order or thread schedule.

mod collected;
mod interner;

use crate::entities::EntityType;
use crate::pipeline::{Analysis, Document};
use crate::text::Span;
use collected::{ordered, Collected};
use interner::Interner;
use petgraph::graph::DiGraph;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What counts as "together" for a co-mention edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// The same sentence.
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// The same document.
    Document,
}

/// A graph node: one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// `type:slug`.
    pub id: String,
    /// Canonical name.
    pub label: String,
    /// Its type.
    pub entity_type: EntityType,
    /// Every surface form seen (sorted).
    pub aliases: BTreeSet<String>,
    /// Number of mentions across all documents.
    pub mentions: u64,
    /// Number of documents it appears in.
    pub documents: u64,
}

/// The kind of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum EdgeKind {
    /// The two entities share a window (undirected in meaning; stored source < target).
    #[default]
    CoMention,
    /// The text states a relation from source (the agent) to target.
    Relation,
}

/// Where a stated relation was read: the document, the sentence, and the
/// sentence's character span in the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// Document id (shared by the evidence of one document).
    pub document: Arc<str>,
    /// The sentence text (shared by the relations read in one sentence: a
    /// dense sentence states several, and each kept its own copy).
    pub sentence: Arc<str>,
    /// Character offset of the sentence in the document.
    pub start: usize,
    /// Character offset one past the sentence's end.
    pub end: usize,
}

/// A graph edge.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Edge {
    /// What the edge says.
    pub kind: EdgeKind,
    /// How many windows (or statements) support it.
    pub weight: u64,
    /// For relations: the normalised label ("thank", "foreign_minister_of").
    pub relation: Option<String>,
    /// For relations: cooperation, conflict, communication, role or other.
    pub category: Option<String>,
    /// For relations: where it was stated (sorted, deduplicated).
    pub evidence: Vec<Evidence>,
}

/// The finished graph.
#[derive(Debug, Clone, Default)]
pub struct EntityGraph {
    /// Nodes in id order, edges sorted by (source id, target id, kind).
    pub graph: DiGraph<Node, Edge>,
    /// Number of documents read.
    pub documents: u64,
}

/// What to keep when the graph is finished.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    /// Co-mention window.
    pub window: Window,
    /// Drop edges lighter than this.
    pub min_weight: u64,
    /// Keep only nodes of these types.
    pub types: BTreeSet<EntityType>,
    /// Draw only stated relations (and the nodes they touch), no co-mentions.
    pub relations_only: bool,
}

impl Default for GraphOptions {
    fn default() -> Self {
        Self {
            window: Window::Sentence,
            min_weight: 1,
            types: [EntityType::Person, EntityType::Country, EntityType::Organisation].into(),
            relations_only: false,
        }
    }
}

/// Accumulates documents, then builds the [`EntityGraph`].
///
/// Entity ids are interned to numbers as documents arrive, so the per-mention
/// work is a hash lookup, never a string copy; ids become strings again (and
/// everything is sorted) only once, in [`GraphBuilder::build`].
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    options: GraphOptions,
    /// The node of each id.
    index: Interner,
    nodes: Vec<Node>,
    co_mentions: FxHashMap<(u32, u32), u64>,
    /// By (source, target, label); labels are shared with the relations read.
    relations: FxHashMap<(u32, u32, Arc<str>), RelationValue>,
    documents: u64,
    /// Reused per-document buffers.
    scratch: Scratch,
}

#[derive(Debug, Clone, Default)]
struct Scratch {
    /// (window, node) for every kept mention of a document.
    windows: Vec<(usize, u32)>,
    /// For each entity of the current document, the alias it was last seen
    /// under (`None`: not seen yet). An entity is one node in a document,
    /// so this also tells whether the node was seen, without a search.
    last_alias: Vec<Option<Span>>,
    /// The node of each entity of the current document, once interned (`u32::MAX`: not yet).
    node_of: Vec<u32>,
}

/// How many evidence sentences an edge keeps: the first ones in (document,
/// position) order, so the choice does not depend on input order and memory
/// does not grow with the corpus.
pub const MAX_EVIDENCE: usize = 10;

/// What is known of one stated relation across documents.
#[derive(Debug, Clone, Default)]
struct RelationValue {
    category: Arc<str>,
    weight: u64,
    /// Sorted and deduplicated, at most [`MAX_EVIDENCE`]: a vector, as so
    /// few are kept that a tree would only add nodes to allocate and walk,
    /// and the edge takes the vector as it is.
    evidence: Vec<Evidence>,
}

impl RelationValue {
    /// True when the edge keeps [`MAX_EVIDENCE`] sentences already, all
    /// from documents ordered before `document`: [`Self::absorb`] would
    /// keep no evidence from it, so none need be made.
    fn keeps_none_of(&self, document: &str) -> bool {
        self.evidence.len() >= MAX_EVIDENCE && self.evidence.last().is_some_and(|last| *last.document < *document)
    }

    fn absorb(&mut self, weight: u64, evidence: impl IntoIterator<Item = Evidence>) {
        self.weight += weight;
        for e in evidence {
            if self.evidence.len() < MAX_EVIDENCE || self.evidence.last().is_some_and(|last| e < *last) {
                if let Err(at) = self.evidence.binary_search(&e) {
                    self.evidence.insert(at, e);
                    self.evidence.truncate(MAX_EVIDENCE);
                }
            }
        }
    }
}

impl GraphBuilder {
    /// A builder with these options.
    #[must_use]
    pub fn new(options: GraphOptions) -> Self {
        Self { options, ..Self::default() }
    }

    /// The number of the node with this entity's id, created on first sight.
    /// Kept out of line: `node_of` asks it only on a document's first sight
    /// of an entity, and inlined it made every cached answer pay its prologue.
    #[allow(clippy::cast_possible_truncation)]
    #[inline(never)]
    fn intern(&mut self, entity: &crate::entities::Entity) -> u32 {
        let nodes = &self.nodes;
        let hash = Interner::hash(&entity.id);
        if let Some(i) = self.index.find(hash, |i| nodes[i as usize].id == entity.id) {
            prefer_label(&mut self.nodes[i as usize].label, &entity.label);
            return i;
        }
        let i = self.nodes.len() as u32;
        self.index.add(hash, i);
        self.nodes.push(Node {
            id: entity.id.clone(),
            label: entity.label.clone(),
            entity_type: entity.entity_type,
            aliases: BTreeSet::new(),
            mentions: 0,
            documents: 0,
        });
        i
    }

    /// Add one analysed document.
    #[inline(never)]
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) {
        let text = doc.text.as_str();
        self.documents += 1;
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.windows.clear();
        scratch.last_alias.clear();
        scratch.last_alias.resize(analysis.entities.len(), None);
        scratch.node_of.clear();
        scratch.node_of.resize(analysis.entities.len(), u32::MAX);
        // Asked per mention and per relation: a set lookup each would cost
        // more than everything else the loop does for a repeated name.
        let kept = EntityType::ALL.map(|t| self.options.types.contains(&t));
        let kept = |t: EntityType| kept[t as usize];
        self.add_relations(doc, analysis, &mut scratch.node_of, kept);
        for (mention, entity) in analysis.mentions.iter().zip(&analysis.entity_of) {
            let Some(e) = *entity else { continue };
            if !kept(analysis.entities[e].entity_type) {
                continue;
            }
            let i = self.node_of(&analysis.entities, e, &mut scratch.node_of);
            let node = &mut self.nodes[i as usize];
            node.mentions += 1;
            let alias = mention.span.of(text);
            match scratch.last_alias[e] {
                // The same name again ("Putin" … "Putin"): already an alias.
                Some(last) if last.of(text) == alias => {}
                last => {
                    if !node.aliases.contains(alias) {
                        node.aliases.insert(alias.to_owned());
                    }
                    if last.is_none() {
                        node.documents += 1;
                    }
                    scratch.last_alias[e] = Some(mention.span);
                }
            }
            let window = match self.options.window {
                Window::Sentence => mention.sentence,
                Window::Paragraph => analysis.sentences[mention.sentence].paragraph,
                Window::Document => 0,
            };
            scratch.windows.push((window, i));
        }
        let co_mentions = &mut self.co_mentions;
        window_pairs(&mut scratch.windows, |a, b| *co_mentions.entry((a, b)).or_default() += 1);
        self.scratch = scratch;
    }

    /// The node of the document's entity `e`, interned the first time the
    /// document asks (`node_of`, by entity, `u32::MAX` until then): interning
    /// again would find the same node and offer it the same label.
    #[inline]
    fn node_of(&mut self, entities: &[crate::entities::Entity], e: usize, node_of: &mut [u32]) -> u32 {
        if node_of[e] == u32::MAX {
            node_of[e] = self.intern(&entities[e]);
        }
        node_of[e]
    }

    /// The document's stated relations, by entity id, with their evidence.
    /// `kept` says which entity types the graph keeps.
    fn add_relations(
        &mut self,
        doc: &Document,
        analysis: &Analysis,
        node_of: &mut [u32],
        kept: impl Fn(EntityType) -> bool,
    ) {
        if analysis.relations.is_empty() {
            return;
        }
        // Made on first use: most statements of a large corpus fall on
        // edges whose evidence is already full (below).
        let mut offsets = CharCursor::default();
        let mut document: Option<Arc<str>> = None;
        // Each sentence's text and character offsets, made once however
        // many statements it holds: the offsets are then asked in text order.
        let mut sentences: Vec<Option<(Arc<str>, usize, usize)>> = vec![None; analysis.sentences.len()];
        for r in analysis.relations.iter().filter(|r| !r.negated) {
            let (source, target) = (&analysis.entities[r.source], &analysis.entities[r.target]);
            if !kept(source.entity_type) || !kept(target.entity_type) {
                continue;
            }
            let a = self.node_of(&analysis.entities, r.source, node_of);
            let b = self.node_of(&analysis.entities, r.target, node_of);
            // One id is one node: the numbers tell, with no ids compared.
            if a == b {
                continue;
            }
            let value = self
                .relations
                .entry((a, b, Arc::clone(&r.label)))
                .or_insert_with(|| RelationValue { category: Arc::clone(&r.category), ..RelationValue::default() });
            if value.keeps_none_of(&doc.id) {
                value.weight += 1;
                continue;
            }
            let span = analysis.sentences[r.sentence].span;
            let (sentence, start, end) = sentences[r.sentence].get_or_insert_with(|| {
                let start = offsets.char_at(&doc.text, span.start);
                (Arc::from(span.of(&doc.text)), start, offsets.char_at(&doc.text, span.end))
            });
            let evidence = Evidence {
                document: Arc::clone(document.get_or_insert_with(|| Arc::from(doc.id.as_str()))),
                sentence: Arc::clone(sentence),
                start: *start,
                end: *end,
            };
            value.absorb(1, [evidence]);
        }
    }

    /// Merge another builder (for parallel processing); the result does not depend on order.
    pub fn merge(&mut self, other: Self) {
        self.documents += other.documents;
        let mut remap = Vec::with_capacity(other.nodes.len());
        for node in other.nodes {
            remap.push(self.absorb_node(node));
        }
        for ((a, b), weight) in other.co_mentions {
            let (a, b) = (remap[a as usize], remap[b as usize]);
            *self.co_mentions.entry((a.min(b), a.max(b))).or_default() += weight;
        }
        for ((a, b, label), value) in other.relations {
            let (a, b) = (remap[a as usize], remap[b as usize]);
            self.relations
                .entry((a, b, label))
                .or_insert_with(|| RelationValue { category: value.category.clone(), ..RelationValue::default() })
                .absorb(value.weight, value.evidence);
        }
    }

    /// Add a finished graph (one read back by `ergraph merge`): its nodes,
    /// edges and document count, as if its documents had been added here.
    pub fn add_graph(&mut self, graph: &EntityGraph) {
        self.documents += graph.documents;
        let g = &graph.graph;
        let remap: Vec<u32> = g.node_weights().map(|n| self.absorb_node(n.clone())).collect();
        for e in g.edge_indices() {
            let (a, b) = g.edge_endpoints(e).expect("edge index from this graph");
            self.add_edge(remap[a.index()], remap[b.index()], &g[e]);
        }
    }

    fn add_edge(&mut self, a: u32, b: u32, edge: &Edge) {
        if a == b {
            return;
        }
        match edge.kind {
            EdgeKind::CoMention => *self.co_mentions.entry((a.min(b), a.max(b))).or_default() += edge.weight,
            EdgeKind::Relation => {
                let label = Arc::from(edge.relation.as_deref().unwrap_or_default());
                self.relations
                    .entry((a, b, label))
                    .or_insert_with(|| RelationValue {
                        category: Arc::from(edge.category.as_deref().unwrap_or_default()),
                        ..RelationValue::default()
                    })
                    .absorb(edge.weight, edge.evidence.iter().cloned());
            }
        }
    }

    /// Add another builder's node: moved in when new, summed when known.
    #[allow(clippy::cast_possible_truncation)]
    fn absorb_node(&mut self, node: Node) -> u32 {
        let nodes = &self.nodes;
        let hash = Interner::hash(&node.id);
        if let Some(i) = self.index.find(hash, |i| nodes[i as usize].id == node.id) {
            let mine = &mut self.nodes[i as usize];
            prefer_label(&mut mine.label, &node.label);
            mine.mentions += node.mentions;
            mine.documents += node.documents;
            mine.aliases.extend(node.aliases);
            return i;
        }
        let i = self.nodes.len() as u32;
        self.index.add(hash, i);
        self.nodes.push(node);
        i
    }

    /// The accumulated graph with nodes in id order and keyed by their rank
    /// in that order: what `build` works on.
    ///
    /// The ids are sorted once; from then on every pair and relation is keyed
    /// by two ranks, so putting them in id order compares numbers, and no id
    /// string is copied per pair (politics has millions of co-mention pairs,
    /// and this step runs after the parallel workers have finished).
    #[allow(clippy::cast_possible_truncation)]
    fn into_collected(self) -> Collected {
        // In id order: by prefix, then by the whole id where prefixes tie.
        // Ids are unique, so the node number never decides.
        let mut by_id: Vec<(u128, &str, u32)> =
            self.nodes.iter().zip(0..).map(|(n, i)| (id_prefix(&n.id), n.id.as_str(), i)).collect();
        by_id.sort_unstable();
        let mut rank = vec![0; by_id.len()];
        for (r, &(_, _, i)) in by_id.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        drop(by_id);
        let mut nodes: Vec<Option<Node>> = vec![None; rank.len()];
        for (i, node) in self.nodes.into_iter().enumerate() {
            nodes[rank[i] as usize] = Some(node);
        }
        let co_mentions: Vec<((u32, u32), u64)> =
            self.co_mentions.into_iter().map(|((a, b), w)| (ordered(rank[a as usize], rank[b as usize]), w)).collect();
        let co_mentions = sort_pairs(&co_mentions, rank.len());
        let mut relations: Vec<_> = self
            .relations
            .into_iter()
            .map(|((a, b, label), value)| ((rank[a as usize], rank[b as usize], label), value))
            .collect();
        // Keys are unique, so no order of equals is left to keep.
        relations.sort_unstable_by(|(x, _), (y, _)| x.cmp(y));
        Collected { options: self.options, nodes, co_mentions, relations, documents: self.documents }
    }

    /// Build the graph.
    #[must_use]
    pub fn build(self) -> EntityGraph {
        self.into_collected().build()
    }
}

/// Character offsets of byte offsets in one text, counted on (or back)
/// from the last one asked.
///
/// Why not [`crate::text::CharOffsets`]: evidence is asked for a few
/// sentences of a document, in text order, so counting the characters up
/// to each reads the text once at most and only as far as the last
/// sentence, where indexing every wide character of the whole document
/// (curly quotes and dashes are common in news) cost some 2,500
/// instructions a document.
#[derive(Debug, Default)]
struct CharCursor {
    /// The last byte offset asked.
    byte: usize,
    /// Its character offset.
    chars: usize,
}

impl CharCursor {
    /// The character offset of byte offset `byte` of `text` (a char boundary).
    fn char_at(&mut self, text: &str, byte: usize) -> usize {
        self.chars = if byte >= self.byte {
            self.chars + text[self.byte..byte].chars().count()
        } else {
            self.chars - text[byte..self.byte].chars().count()
        };
        self.byte = byte;
        self.chars
    }
}

/// Each pair of distinct nodes that share a window, once per window, as
/// `pair(a, b)` with `a < b`: windows in ascending order, and in each the
/// pairs in ascending order. `windows` holds (window, node) for every
/// mention, nodes repeated, and is left sorted.
///
/// Why not sort, `dedup`, then pair: mentions come in text order, so
/// windows nearly always do, and then each window's few nodes are sorted
/// alone; a window of one node (most sentences) is passed at once, and
/// the repeated nodes of a window are stepped over while pairing, in one
/// pass instead of three.
fn window_pairs(windows: &mut [(usize, u32)], mut pair: impl FnMut(u32, u32)) {
    if !windows.is_sorted_by_key(|&(window, _)| window) {
        windows.sort_unstable();
    }
    for group in windows.chunk_by_mut(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        group.sort_unstable();
        for (k, &(_, a)) in group.iter().enumerate() {
            // Sorted: a node's repeats follow it, and each is paired at its first.
            if k > 0 && group[k - 1].1 == a {
                continue;
            }
            let mut last = a;
            for &(_, b) in &group[k + 1..] {
                if b != last {
                    pair(a, b);
                    last = b;
                }
            }
        }
    }
}

/// Co-mention pairs (unique, ranks below `nodes`) sorted by pair.
///
/// Counted into one bucket per first rank, then each bucket (a node's few
/// partners) sorted: ranks are dense, so this is two passes and many tiny
/// sorts, where a comparison sort of all pairs took some 230 instructions a
/// pair on random input (varied has 12,000 pairs).
fn sort_pairs(pairs: &[((u32, u32), u64)], nodes: usize) -> Vec<((u32, u32), u64)> {
    let mut next = vec![0; nodes + 1];
    for &((a, _), _) in pairs {
        next[a as usize + 1] += 1;
    }
    for r in 1..next.len() {
        next[r] += next[r - 1];
    }
    let starts = next.clone();
    let mut sorted = vec![((0, 0), 0); pairs.len()];
    for &pair in pairs {
        let at = &mut next[(pair.0).0 as usize];
        sorted[*at] = pair;
        *at += 1;
    }
    for bucket in starts.windows(2) {
        sorted[bucket[0]..bucket[1]].sort_unstable_by_key(|&((_, b), _)| b);
    }
    sorted
}

/// The first sixteen bytes of `id` as one big-endian number, zero-padded.
///
/// Where two prefixes differ they order as the ids do (a shorter id pads
/// with bytes no other byte is below), so sorting ids by (prefix, id)
/// sorts them by id, and most comparisons are of two numbers rather than a
/// call to compare strings (ids share their first bytes, `person:`, but
/// rarely sixteen).
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// The label a node keeps when documents name it differently: the longest,
/// then the first in byte order, so the choice does not depend on input order.
fn prefer_label(mine: &mut String, other: &str) {
    if other.len() > mine.len() || (other.len() == mine.len() && other < mine.as_str()) {
        *mine = other.to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Document, Extractor};
    use petgraph::graph::NodeIndex;

    /// Ordering ids by (prefix, id) is ordering them by id, with ids
    /// shorter and longer than the prefix, and sharing it.
    #[test]
    fn id_prefixes_order_as_ids() {
        let ids = [
            "",
            "a",
            "a\0",
            "a\0b",
            "ab",
            "person:",
            "person:kim",
            "person:kim-jong-un",
            "person:kim-jong-il",
            "person:kim-jong-un-x",
            "person:vladimir-putin",
            "person:élysée",
            "person:z",
            "country:russia",
        ];
        let mut by_prefix: Vec<(u128, &str)> = ids.iter().map(|&id| (id_prefix(id), id)).collect();
        by_prefix.sort_unstable();
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        assert_eq!(by_prefix.into_iter().map(|(_, id)| id).collect::<Vec<_>>(), sorted);
        for x in ids {
            for y in ids {
                if id_prefix(x) != id_prefix(y) {
                    assert_eq!(id_prefix(x).cmp(&id_prefix(y)), x.cmp(y), "{x:?} {y:?}");
                }
            }
        }
    }

    /// A stated relation is drawn between two nodes, and one whose two
    /// entities share an id (one node) is not: the interned numbers tell
    /// as the ids do.
    #[test]
    fn relations_between_one_id_are_not_drawn() {
        use crate::entities::Entity;
        use crate::relations::Relation;
        use crate::text::Sentence;
        let entity = |id: &str| Entity { id: id.to_owned(), label: id.to_owned(), entity_type: EntityType::Person };
        let relation = |source, target| Relation {
            source,
            target,
            head_mention: None,
            tail_mention: None,
            label: Arc::from("thank"),
            category: Arc::from("cooperation"),
            rule: Arc::from("test"),
            sentence: 0,
            negated: false,
        };
        let text = "A thanked B and b.";
        let doc = Document { id: "doc".to_owned(), text: text.to_owned() };
        let mut analysis = Analysis::default();
        analysis.entities = vec![entity("person:a"), entity("person:b"), entity("person:b")];
        analysis.sentences = vec![Sentence { span: Span::new(0, text.len()), tokens: 0..0, paragraph: 0 }];
        analysis.relations = vec![relation(0, 1), relation(1, 2), relation(2, 1), relation(0, 0)];
        let mut builder = GraphBuilder::new(GraphOptions::default());
        builder.add(&doc, &analysis);
        let g = builder.build().graph;
        let drawn: Vec<(&str, &str)> = g
            .edge_indices()
            .map(|e| g.edge_endpoints(e).unwrap())
            .map(|(a, b)| (g[a].id.as_str(), g[b].id.as_str()))
            .collect();
        assert_eq!(drawn, [("person:a", "person:b")]);
    }

    /// Counting on from the last offset asked, forwards or back, gives
    /// the offsets the index of wide characters gives.
    #[test]
    fn char_cursor_counts_as_char_offsets_index() {
        let text = "Putin “met” Xi — in Kyiv (Київ), 2024… 中国 and ÉLYSÉE; 🙂 end.";
        let offsets = crate::text::CharOffsets::new(text);
        let bytes: Vec<usize> = (0..=text.len()).filter(|&b| text.is_char_boundary(b)).collect();
        let mut cursor = CharCursor::default();
        // In order, in reverse, and jumping about.
        let jumps = bytes.iter().enumerate().map(|(k, _)| bytes[(k * 7) % bytes.len()]);
        for byte in bytes.iter().copied().chain(bytes.iter().rev().copied()).chain(jumps) {
            assert_eq!(cursor.char_at(text, byte), offsets.char_at(byte), "{byte}");
        }
    }

    /// Windows paired in one pass give the pairs, in the order, that
    /// sorting, removing repeats and pairing every two nodes gives.
    #[test]
    fn window_pairs_are_those_of_sort_dedup_and_pair() {
        let mut x: u32 = 11;
        let mut next = |n: u32| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) % n
        };
        for round in 0..200 {
            let len = next(30) as usize;
            // Windows in order, or shuffled (every tenth round).
            let mut windows: Vec<(usize, u32)> = (0..len).map(|k| (k / (1 + next(5) as usize), next(6))).collect();
            windows.sort_by_key(|&(window, _)| window);
            if round % 10 == 0 {
                windows.reverse();
            }
            let mut plain = windows.clone();
            plain.sort_unstable();
            plain.dedup();
            let mut expected = Vec::new();
            for group in plain.chunk_by(|a, b| a.0 == b.0) {
                for (k, &(_, a)) in group.iter().enumerate() {
                    for &(_, b) in &group[k + 1..] {
                        expected.push((a.min(b), a.max(b)));
                    }
                }
            }
            let mut found = Vec::new();
            window_pairs(&mut windows, |a, b| found.push((a, b)));
            assert_eq!(found, expected, "round {round}");
        }
    }

    /// Bucketed by first rank, pairs come out as a comparison sort leaves them.
    #[test]
    fn sorted_pairs_are_in_pair_order() {
        let mut x: u32 = 7;
        let mut pairs: Vec<((u32, u32), u64)> = (0..500)
            .map(|k| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let (a, b) = ((x >> 8) % 40, (x >> 20) % 40);
                (ordered(a, b), k)
            })
            .collect();
        pairs.sort_unstable_by_key(|&(pair, _)| pair);
        pairs.dedup_by_key(|&mut (pair, _)| pair);
        let mut scrambled = pairs.clone();
        scrambled.reverse();
        scrambled.rotate_left(17);
        assert_eq!(sort_pairs(&scrambled, 40), pairs);
        assert_eq!(sort_pairs(&[], 0), vec![]);
    }

    /// `add` indexes its kept types by `t as usize`, over `EntityType::ALL`.
    #[test]
    fn every_type_is_at_its_own_index() {
        for (i, t) in EntityType::ALL.into_iter().enumerate() {
            assert_eq!(t as usize, i);
        }
    }

    /// "Putin" alone in one document and "Vladimir Putin" in another are
    /// one node, and the edges of the short name join those of the full
    /// one: summed where both have the edge, moved where only it has.
    #[test]
    fn short_person_names_merge_into_the_full_name_with_their_edges() {
        let extractor = Extractor::new(crate::lexicon::Lexicon::embedded());
        let mut builder = GraphBuilder::new(GraphOptions::default());
        let texts = [
            "Vladimir Putin met Xi Jinping in Moscow.",
            "Putin met Xi Jinping in Beijing.",
            "Putin spoke with Emmanuel Macron.",
        ];
        for (k, text) in texts.into_iter().enumerate() {
            let doc = Document { id: format!("doc-{k}"), text: text.to_owned() };
            builder.add(&doc, &extractor.analyse(&doc.text));
        }
        let g = builder.build().graph;
        let label = |i: NodeIndex| g[i].label.as_str();
        let putin: Vec<&Node> = g.node_weights().filter(|n| n.label.contains("Putin")).collect();
        assert_eq!(putin.len(), 1, "{putin:?}");
        assert_eq!(putin[0].label, "Vladimir Putin");
        assert!(putin[0].aliases.contains("Putin") && putin[0].aliases.contains("Vladimir Putin"));
        assert_eq!(putin[0].mentions, 3);
        let weight = |x: &str, y: &str| {
            g.edge_indices()
                .filter(|&e| g[e].kind == EdgeKind::CoMention)
                .map(|e| (g.edge_endpoints(e).unwrap(), g[e].weight))
                .find(|&((a, b), _)| [label(a), label(b)] == [x, y] || [label(a), label(b)] == [y, x])
                .map(|(_, w)| w)
        };
        assert_eq!(weight("Vladimir Putin", "Xi Jinping"), Some(2));
        assert_eq!(weight("Vladimir Putin", "Emmanuel Macron"), Some(1));
        let ends: Vec<(&str, &str, EdgeKind)> = g
            .edge_indices()
            .map(|e| {
                let (a, b) = g.edge_endpoints(e).unwrap();
                (g[a].id.as_str(), g[b].id.as_str(), g[e].kind)
            })
            .collect();
        assert!(ends.windows(2).all(|w| w[0] <= w[1]), "edges in id order: {ends:?}");
    }

    /// An edge stated in many documents counts every statement but keeps
    /// the evidence of the first [`MAX_EVIDENCE`] documents in id order,
    /// whatever order the documents come in.
    #[test]
    fn evidence_is_capped_to_the_first_documents_in_any_order() {
        let extractor = Extractor::new(crate::lexicon::Lexicon::embedded());
        let graph = |order: &[usize]| {
            let mut builder = GraphBuilder::new(GraphOptions::default());
            for &k in order {
                let doc = Document { id: format!("doc-{k:02}"), text: format!("Day {k}: Putin thanked Kim Jong-un.") };
                builder.add(&doc, &extractor.analyse(&doc.text));
            }
            builder.build()
        };
        let forward: Vec<usize> = (0..25).collect();
        let scrambled: Vec<usize> = (0..25).map(|k| (k * 7 + 3) % 25).collect();
        let g = graph(&scrambled);
        let thanks: Vec<&Edge> = g.graph.edge_weights().filter(|e| e.relation.as_deref() == Some("thank")).collect();
        assert_eq!(thanks.len(), 1, "{:?}", g.graph.edge_weights().collect::<Vec<_>>());
        assert_eq!(thanks[0].weight, 25);
        let documents: Vec<&str> = thanks[0].evidence.iter().map(|e| &*e.document).collect();
        let first: Vec<String> = (0..MAX_EVIDENCE).map(|k| format!("doc-{k:02}")).collect();
        assert_eq!(documents, first);
        assert_eq!(
            g.graph.edge_weights().collect::<Vec<_>>(),
            graph(&forward).graph.edge_weights().collect::<Vec<_>>()
        );
    }
}
