//! The entity graph: one node per entity across all documents, co-mention
//! edges weighted by the number of shared windows.
//!
//! Entities are resolved *before* the graph is built, so a plain petgraph
//! `DiGraph` suffices; nodes are inserted in id order and edges sorted, so
//! output is deterministic whatever the input order or thread schedule.

use crate::entities::EntityType;
use crate::pipeline::Analysis;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

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
    /// Document id.
    pub document: String,
    /// The sentence text.
    pub sentence: String,
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
}

impl Default for GraphOptions {
    fn default() -> Self {
        Self {
            window: Window::Sentence,
            min_weight: 1,
            types: [EntityType::Person, EntityType::Country, EntityType::Organisation].into(),
        }
    }
}

/// Accumulates documents, then builds the [`EntityGraph`].
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    options: GraphOptions,
    nodes: BTreeMap<String, Node>,
    co_mentions: BTreeMap<(String, String), u64>,
    documents: u64,
}

impl GraphBuilder {
    /// A builder with these options.
    #[must_use]
    pub fn new(options: GraphOptions) -> Self {
        Self { options, ..Self::default() }
    }

    /// Add one analysed document.
    pub fn add(&mut self, text: &str, analysis: &Analysis) {
        self.documents += 1;
        let types = &self.options.types;
        let mut seen = BTreeSet::new();
        for (mention, entity) in analysis.mentions.iter().zip(&analysis.entity_of) {
            let Some(entity) = entity.map(|e| &analysis.entities[e]) else { continue };
            if !types.contains(&entity.entity_type) {
                continue;
            }
            let node = self.nodes.entry(entity.id.clone()).or_insert_with(|| Node {
                id: entity.id.clone(),
                label: entity.label.clone(),
                entity_type: entity.entity_type,
                aliases: BTreeSet::new(),
                mentions: 0,
                documents: 0,
            });
            node.mentions += 1;
            node.aliases.insert(mention.span.of(text).to_owned());
            if seen.insert(entity.id.as_str()) {
                node.documents += 1;
            }
        }
        let mut windows: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        for (mention, entity) in analysis.mentions.iter().zip(&analysis.entity_of) {
            let Some(entity) = entity.map(|e| &analysis.entities[e]) else { continue };
            if !types.contains(&entity.entity_type) {
                continue;
            }
            let window = match self.options.window {
                Window::Sentence => mention.sentence,
                Window::Paragraph => analysis.sentences[mention.sentence].paragraph,
                Window::Document => 0,
            };
            windows.entry(window).or_default().insert(entity.id.as_str());
        }
        for ids in windows.values() {
            let ids: Vec<&str> = ids.iter().copied().collect();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    *self.co_mentions.entry(((*a).to_owned(), (*b).to_owned())).or_default() += 1;
                }
            }
        }
    }

    /// Merge another builder (for parallel processing); the result does not depend on order.
    pub fn merge(&mut self, other: Self) {
        self.documents += other.documents;
        for (id, node) in other.nodes {
            match self.nodes.get_mut(&id) {
                Some(mine) => {
                    mine.mentions += node.mentions;
                    mine.documents += node.documents;
                    mine.aliases.extend(node.aliases);
                    if node.label.len() > mine.label.len()
                        || (node.label.len() == mine.label.len() && node.label < mine.label)
                    {
                        mine.label = node.label;
                    }
                }
                None => {
                    self.nodes.insert(id, node);
                }
            }
        }
        for (pair, weight) in other.co_mentions {
            *self.co_mentions.entry(pair).or_default() += weight;
        }
    }

    /// Link one-word person nodes to the unique full name ending (or starting)
    /// with that word across the corpus: "Putin" in one article and "Vladimir
    /// Putin" in another are one node.
    fn merge_short_person_names(&mut self) {
        let mut by_word: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for node in self.nodes.values().filter(|n| n.entity_type == EntityType::Person) {
            let words: Vec<&str> = node.label.split_whitespace().collect();
            if words.len() >= 2 {
                for w in [words[0], words[words.len() - 1]] {
                    by_word.entry(w.to_owned()).or_default().insert(node.id.clone());
                }
            }
        }
        let mut renames = BTreeMap::new();
        for node in self.nodes.values().filter(|n| n.entity_type == EntityType::Person && !n.label.contains(' ')) {
            if let Some(full) = by_word.get(&node.label).filter(|ids| ids.len() == 1) {
                renames.insert(node.id.clone(), full.iter().next().expect("one id").clone());
            }
        }
        if renames.is_empty() {
            return;
        }
        for (short, full) in &renames {
            let node = self.nodes.remove(short).expect("renamed node exists");
            let target = self.nodes.get_mut(full).expect("full-name node exists");
            target.mentions += node.mentions;
            target.documents += node.documents; // an upper bound: documents naming both forms count twice
            target.aliases.extend(node.aliases);
        }
        let old = std::mem::take(&mut self.co_mentions);
        for ((a, b), w) in old {
            let a = renames.get(&a).cloned().unwrap_or(a);
            let b = renames.get(&b).cloned().unwrap_or(b);
            if a != b {
                let key = if a < b { (a, b) } else { (b, a) };
                *self.co_mentions.entry(key).or_default() += w;
            }
        }
    }

    /// Build the graph.
    #[must_use]
    pub fn build(mut self) -> EntityGraph {
        self.merge_short_person_names();
        let mut graph = DiGraph::new();
        let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        let min = self.options.min_weight;
        let mut keep: BTreeSet<&str> = BTreeSet::new();
        for ((a, b), w) in &self.co_mentions {
            if *w >= min {
                keep.insert(a);
                keep.insert(b);
            }
        }
        for (id, node) in &self.nodes {
            if min <= 1 || keep.contains(id.as_str()) {
                index.insert(id, graph.add_node(node.clone()));
            }
        }
        for ((a, b), w) in &self.co_mentions {
            if *w < min {
                continue;
            }
            if let (Some(&ia), Some(&ib)) = (index.get(a.as_str()), index.get(b.as_str())) {
                graph.add_edge(ia, ib, Edge { kind: EdgeKind::CoMention, weight: *w, ..Edge::default() });
            }
        }
        EntityGraph { graph, documents: self.documents }
    }
}
