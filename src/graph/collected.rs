//! The last step of building the graph: one-word person names merged into
//! full names, then nodes and edges put into the petgraph in id order.
//!
//! Everything here is already sorted when it arrives (co-mention pairs and
//! relations, each in a sorted vector), so the steps keep it sorted
//! rather than sort again: a rename moves only the edges it touches, and the
//! two edge lists are merged, not concatenated and sorted.

use super::{Edge, EdgeKind, EntityGraph, GraphOptions, Node, RelationValue};
use crate::entities::EntityType;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A pair of node ranks, lower first: the key of an (undirected) co-mention.
pub(super) fn ordered(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

/// The key of a stated relation: (source rank, target rank, label).
pub(super) type RelationKey = (u32, u32, Arc<str>);

/// The graph's contents with every node named by its rank in id order, so
/// that sorting by rank is sorting by id.
pub(super) struct Collected {
    pub(super) options: GraphOptions,
    /// Nodes in id order; `None` once merged into another node.
    pub(super) nodes: Vec<Option<Node>>,
    /// Co-mention weights by (rank, rank), lower rank first, sorted, unique.
    pub(super) co_mentions: Vec<((u32, u32), u64)>,
    /// Stated relations by (source rank, target rank, label), sorted, unique.
    pub(super) relations: Vec<(RelationKey, RelationValue)>,
    pub(super) documents: u64,
}

impl Collected {
    /// Link one-word person nodes to the unique full name ending (or starting)
    /// with that word across the corpus: "Putin" in one article and "Vladimir
    /// Putin" in another are one node.
    #[allow(clippy::cast_possible_truncation)]
    fn merge_short_person_names(&mut self) {
        let persons = || {
            self.nodes
                .iter()
                .enumerate()
                .filter_map(|(r, n)| n.as_ref().map(|n| (r as u32, n)))
                .filter(|(_, n)| n.entity_type == EntityType::Person)
        };
        // The full name each first or last word belongs to, `SEVERAL` when
        // more than one: only a word of one full name is linked. Looked up,
        // never walked, so a hash map does (a tree paid a string comparison
        // per level for every person).
        const SEVERAL: u32 = u32::MAX;
        let mut by_word: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(self.nodes.len(), Default::default());
        for (r, node) in persons() {
            let mut words = node.label.split_whitespace();
            if let (Some(first), Some(last)) = (words.next(), words.next_back()) {
                for w in [first, last] {
                    let full = by_word.entry(w).or_insert(r);
                    if *full != r {
                        *full = SEVERAL;
                    }
                }
            }
        }
        // (short, full) in the short name's id order.
        let renames: Vec<(u32, u32)> = persons()
            .filter(|(_, n)| !n.label.contains(' '))
            .filter_map(|(r, n)| {
                let full = *by_word.get(n.label.as_str())?;
                (full != SEVERAL).then_some((r, full))
            })
            .collect();
        if renames.is_empty() {
            return;
        }
        let mut renamed: Vec<u32> = (0..self.nodes.len() as u32).collect();
        for &(short, full) in &renames {
            renamed[short as usize] = full;
            let node = self.nodes[short as usize].take().expect("renamed node exists");
            let target = self.nodes[full as usize].as_mut().expect("full-name node exists");
            target.mentions += node.mentions;
            target.documents += node.documents; // an upper bound: documents naming both forms count twice
            target.aliases.extend(node.aliases);
        }
        self.co_mentions = rename_pairs(std::mem::take(&mut self.co_mentions), &renamed);
        self.relations = rename_relations(std::mem::take(&mut self.relations), &renamed);
    }

    /// The finished graph.
    pub(super) fn build(mut self) -> EntityGraph {
        self.merge_short_person_names();
        let min = self.options.min_weight;
        let only = self.options.relations_only;
        if only {
            self.co_mentions.clear();
        }
        // Every node is kept unless a minimum weight or relations only say
        // otherwise; then only the nodes of the edges kept.
        let keep_all = min <= 1 && !only;
        let mut keep = vec![keep_all; self.nodes.len()];
        if !keep_all {
            let heavy_co_mentions = self.co_mentions.iter().filter(|(_, w)| *w >= min).map(|&(pair, _)| pair);
            let heavy_relations = self.relations.iter().filter(|(_, v)| v.weight >= min).map(|((a, b, _), _)| (*a, *b));
            for (a, b) in heavy_co_mentions.chain(heavy_relations) {
                keep[a as usize] = true;
                keep[b as usize] = true;
            }
        }
        let mut graph = DiGraph::with_capacity(self.nodes.len(), self.co_mentions.len() + self.relations.len());
        // Nodes are added in id (= rank) order.
        let mut index: Vec<Option<NodeIndex>> = vec![None; self.nodes.len()];
        for (r, node) in self.nodes.into_iter().enumerate() {
            if let Some(node) = node.filter(|_| keep[r]) {
                index[r] = Some(graph.add_node(node));
            }
        }
        // Edges in (source id, target id, kind, label) order: both lists are
        // sorted by their key, and a co-mention comes before the relations
        // of the same pair.
        let mut add = |a: u32, b: u32, edge: Edge| {
            if let (Some(ia), Some(ib)) = (index[a as usize], index[b as usize]) {
                graph.add_edge(ia, ib, edge);
            }
        };
        let mut relations = self.relations.into_iter().filter(|(_, v)| v.weight >= min).peekable();
        for ((a, b), weight) in self.co_mentions.into_iter().filter(|&(_, w)| w >= min) {
            while let Some(((ra, rb, label), value)) = relations.next_if(|((ra, rb, _), _)| (*ra, *rb) < (a, b)) {
                add(ra, rb, relation_edge(&label, value));
            }
            add(a, b, Edge { kind: EdgeKind::CoMention, weight, ..Edge::default() });
        }
        for ((a, b, label), value) in relations {
            add(a, b, relation_edge(&label, value));
        }
        EntityGraph { graph, documents: self.documents }
    }
}

/// The edge of a stated relation.
fn relation_edge(label: &str, value: RelationValue) -> Edge {
    Edge {
        kind: EdgeKind::Relation,
        weight: value.weight,
        relation: Some(label.to_owned()),
        category: Some(value.category.as_ref().to_owned()),
        evidence: value.evidence,
    }
}

/// Sorted, unique relations with their ends renamed: the relations with a
/// renamed end (few) are moved to their new key, sorted, and merged back,
/// summed into any relation already at that key.
///
/// Summing does not depend on order, except for the category, which comes
/// from the relation with the lowest old key, as when every relation was
/// added again in key order to a map.
fn rename_relations(
    relations: Vec<(RelationKey, RelationValue)>,
    renamed: &[u32],
) -> Vec<(RelationKey, RelationValue)> {
    let is_renamed = |r: u32| renamed[r as usize] != r;
    let mut kept = Vec::with_capacity(relations.len());
    // (new key, old key, value), in old key order.
    let mut moved: Vec<(RelationKey, RelationKey, RelationValue)> = Vec::new();
    for (old, value) in relations {
        if !is_renamed(old.0) && !is_renamed(old.1) {
            kept.push((old, value));
            continue;
        }
        let (a, b) = (renamed[old.0 as usize], renamed[old.1 as usize]);
        if a != b {
            moved.push(((a, b, Arc::clone(&old.2)), old, value));
        }
    }
    if moved.is_empty() {
        return kept;
    }
    // Stable: within one new key, old keys stay in order, lowest first.
    moved.sort_by(|x, y| x.0.cmp(&y.0));
    let mut merged: Vec<(RelationKey, RelationValue)> = Vec::with_capacity(kept.len() + moved.len());
    // A moved relation joins the one merged last when their keys agree
    // (that one's old key was lower), else starts its own.
    let push_moved = |merged: &mut Vec<(RelationKey, RelationValue)>,
                      (new, _, value): (RelationKey, RelationKey, RelationValue)| {
        if merged.last().is_none_or(|(key, _)| *key != new) {
            let fresh = RelationValue { category: Arc::clone(&value.category), ..RelationValue::default() };
            merged.push((new, fresh));
        }
        merged.last_mut().expect("just pushed").1.absorb(value.weight, value.evidence);
    };
    let mut moved = moved.into_iter().peekable();
    for (key, mut value) in kept {
        while let Some(m) = moved.next_if(|m| m.0 < key) {
            push_moved(&mut merged, m);
        }
        // Relations moved onto a kept one: the first (lowest old key)
        // gives the category if its old key is below the kept one's.
        let mut first = true;
        while let Some((_, old, other)) = moved.next_if(|m| m.0 == key) {
            if first && old < key {
                value.category = Arc::clone(&other.category);
            }
            first = false;
            value.absorb(other.weight, other.evidence);
        }
        merged.push((key, value));
    }
    for m in moved {
        push_moved(&mut merged, m);
    }
    merged
}

/// Sorted, unique co-mention pairs with their ends renamed: a pair whose
/// ends were merged into one node is dropped, and pairs that become equal
/// are summed. Only the renamed pairs (few) are sorted, then merged back.
fn rename_pairs(mut pairs: Vec<((u32, u32), u64)>, renamed: &[u32]) -> Vec<((u32, u32), u64)> {
    let mut moved = Vec::new();
    pairs.retain(|&((a, b), w)| {
        let (ra, rb) = (renamed[a as usize], renamed[b as usize]);
        if (ra, rb) == (a, b) {
            return true;
        }
        if ra != rb {
            moved.push((ordered(ra, rb), w));
        }
        false
    });
    moved.sort_unstable_by_key(|&(pair, _)| pair);
    let mut merged: Vec<((u32, u32), u64)> = Vec::with_capacity(pairs.len() + moved.len());
    let mut push = |(pair, w): ((u32, u32), u64)| match merged.last_mut() {
        Some(last) if last.0 == pair => last.1 += w,
        _ => merged.push((pair, w)),
    };
    let mut moved = moved.into_iter().peekable();
    for kept in pairs {
        while let Some(m) = moved.next_if(|m| m.0 < kept.0) {
            push(m);
        }
        push(kept);
    }
    moved.for_each(&mut push);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renaming relations gives what adding every relation again, renamed
    /// and in old key order, to a map gave: weights and evidence summed,
    /// the category of the lowest old key.
    #[test]
    fn renamed_relations_equal_a_rebuilt_map() {
        use crate::graph::Evidence;
        use std::collections::BTreeMap;
        // 1 is renamed to 4, 3 to 0.
        let renamed = [0, 4, 2, 0, 4, 5];
        let value = |category: &str, weight: u64, start: usize| {
            let evidence = Evidence { document: "d".into(), sentence: "s".into(), start, end: start + 1 };
            RelationValue { category: category.into(), weight, evidence: vec![evidence] }
        };
        let label = |l: &str| -> Arc<str> { l.into() };
        let relations: Vec<(RelationKey, RelationValue)> = vec![
            ((0, 1, label("meet")), value("a", 1, 0)),
            ((0, 4, label("meet")), value("b", 2, 1)),
            ((0, 4, label("thank")), value("c", 4, 2)),
            ((1, 0, label("meet")), value("d", 8, 3)),
            ((1, 2, label("meet")), value("e", 16, 4)),
            ((2, 4, label("meet")), value("f", 32, 5)),
            ((3, 4, label("thank")), value("g", 64, 6)),
            ((3, 5, label("meet")), value("h", 128, 7)),
            ((4, 2, label("meet")), value("i", 256, 8)),
            ((5, 3, label("meet")), value("j", 512, 9)),
        ];
        let mut expected: BTreeMap<RelationKey, RelationValue> = BTreeMap::new();
        for ((a, b, l), v) in relations.clone() {
            let (a, b) = (renamed[a as usize], renamed[b as usize]);
            if a != b {
                expected
                    .entry((a, b, l))
                    .or_insert_with(|| RelationValue { category: v.category.clone(), ..RelationValue::default() })
                    .absorb(v.weight, v.evidence);
            }
        }
        let got = rename_relations(relations, &renamed);
        let summary = |it: Vec<(&RelationKey, &RelationValue)>| -> Vec<(RelationKey, String, u64, Vec<usize>)> {
            it.into_iter()
                .map(|(k, v)| {
                    (k.clone(), v.category.to_string(), v.weight, v.evidence.iter().map(|e| e.start).collect())
                })
                .collect()
        };
        assert_eq!(summary(got.iter().map(|(k, v)| (k, v)).collect()), summary(expected.iter().collect()));
        // (0, 4, thank): kept "c" at old key (0, 4) beats moved "g" from (3, 4).
        // (4, 0, meet): moved "d" from (1, 0) alone.
        // (4, 2, meet): moved "e" from (1, 2) is below kept "i" at (4, 2).
        let category = |k: (u32, u32, &str)| {
            got.iter().find(|(key, _)| (key.0, key.1, &*key.2) == k).map(|(_, v)| v.category.to_string())
        };
        assert_eq!(category((0, 4, "thank")).as_deref(), Some("c"));
        assert_eq!(category((4, 2, "meet")).as_deref(), Some("e"));
    }

    /// Renaming moves pairs and sums those that meet, exactly as renaming
    /// every pair and sorting the lot would.
    #[test]
    fn renamed_pairs_equal_a_full_re_sort() {
        // 1 is renamed to 4, 3 to 0.
        let renamed = [0, 4, 2, 0, 4, 5];
        let pairs = vec![((0, 1), 1), ((0, 3), 2), ((0, 4), 4), ((1, 2), 8), ((1, 5), 16), ((2, 4), 32), ((3, 5), 64)];
        let mut expected: Vec<((u32, u32), u64)> = pairs
            .iter()
            .filter_map(|&((a, b), w)| {
                let (a, b) = (renamed[a as usize], renamed[b as usize]);
                (a != b).then(|| (ordered(a, b), w))
            })
            .collect();
        expected.sort_by_key(|&(pair, _)| pair);
        expected.dedup_by(|pair, kept| {
            let same = pair.0 == kept.0;
            if same {
                kept.1 += pair.1;
            }
            same
        });
        assert_eq!(rename_pairs(pairs, &renamed), expected);
        assert_eq!(expected, vec![((0, 4), 5), ((0, 5), 64), ((2, 4), 40), ((4, 5), 16)]);
    }
}
