//! The last step of building the graph: one-word person names merged into
//! full names, then nodes and edges put into the petgraph in id order.
//!
//! Everything here is already sorted when it arrives (co-mention pairs in a
//! sorted vector, relations in a `BTreeMap`), so the steps keep it sorted
//! rather than sort again: a rename moves only the edges it touches, and the
//! two edge lists are merged, not concatenated and sorted.

use super::{Edge, EdgeKind, EntityGraph, GraphOptions, Node, RelationValue};
use crate::entities::EntityType;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A pair of node ranks, lower first: the key of an (undirected) co-mention.
pub(super) fn ordered(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

/// The key of a stated relation: (source rank, target rank, label).
type RelationKey = (u32, u32, Arc<str>);

/// The graph's contents with every node named by its rank in id order, so
/// that sorting by rank is sorting by id.
pub(super) struct Collected {
    pub(super) options: GraphOptions,
    /// Nodes in id order; `None` once merged into another node.
    pub(super) nodes: Vec<Option<Node>>,
    /// Co-mention weights by (rank, rank), lower rank first, sorted, unique.
    pub(super) co_mentions: Vec<((u32, u32), u64)>,
    /// Stated relations by (source rank, target rank, label).
    pub(super) relations: BTreeMap<RelationKey, RelationValue>,
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
        self.rename_relations(&renamed);
    }

    /// Move the relations with a renamed end to their new key, summed into
    /// any relation already there. The rest of the map is left in place.
    ///
    /// Summing does not depend on order, except for the category, which
    /// comes from the relation with the lowest old key, as if the whole map
    /// had been rebuilt in key order.
    fn rename_relations(&mut self, renamed: &[u32]) {
        let is_renamed = |r: u32| renamed[r as usize] != r;
        let keys: Vec<RelationKey> =
            self.relations.keys().filter(|(a, b, _)| is_renamed(*a) || is_renamed(*b)).cloned().collect();
        // (new key, old key, value), in old key order.
        let mut moved: Vec<(RelationKey, RelationKey, RelationValue)> = Vec::with_capacity(keys.len());
        for old in keys {
            let value = self.relations.remove(&old).expect("key just listed");
            let (a, b) = (renamed[old.0 as usize], renamed[old.1 as usize]);
            if a != b {
                moved.push(((a, b, Arc::clone(&old.2)), old, value));
            }
        }
        // Stable: within one new key, old keys stay in order, lowest first.
        moved.sort_by(|x, y| x.0.cmp(&y.0));
        let mut previous: Option<RelationKey> = None;
        for (new, old, value) in moved {
            // Only the first move to a key can find a relation there, one
            // that was not moved: its old key is the new key.
            let lower_than_kept = previous.as_ref() != Some(&new) && old < new;
            previous = Some(new.clone());
            let kept = self
                .relations
                .entry(new)
                .and_modify(|kept| {
                    if lower_than_kept {
                        kept.category = Arc::clone(&value.category);
                    }
                })
                .or_insert_with(|| RelationValue { category: Arc::clone(&value.category), ..RelationValue::default() });
            kept.absorb(value.weight, value.evidence);
        }
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
            let heavy_relations = self.relations.iter().filter(|(_, v)| v.weight >= min).map(|(&(a, b, _), _)| (a, b));
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
