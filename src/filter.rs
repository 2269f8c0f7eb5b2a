//! Views of a finished graph: the `N` most connected entities, or the
//! neighbourhood of one entity. Both keep the graph's node and edge order,
//! so filtered output stays deterministic.
//!
//! They run on the [`EntityGraph`] rather than in the builder because they
//! need the whole graph (degrees, paths), and so that `merge` can use them
//! on graphs read back from JSON.

use crate::error::{Error, Result};
use crate::graph::EntityGraph;
use petgraph::graph::NodeIndex;
use petgraph::Direction;
use std::collections::{BTreeSet, VecDeque};

/// The subgraph on the nodes with `keep[i]` true, with every edge between
/// them; node and edge order are preserved. O(n + e).
#[must_use]
pub fn induced(graph: &EntityGraph, keep: &[bool]) -> EntityGraph {
    let g = &graph.graph;
    let mut out = EntityGraph { documents: graph.documents, ..EntityGraph::default() };
    let mut new_index = vec![None; g.node_count()];
    for i in g.node_indices() {
        if keep[i.index()] {
            new_index[i.index()] = Some(out.graph.add_node(g[i].clone()));
        }
    }
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge index from this graph");
        if let (Some(a), Some(b)) = (new_index[a.index()], new_index[b.index()]) {
            out.graph.add_edge(a, b, g[e].clone());
        }
    }
    out
}

/// Weighted degree of every node: the sum of the weights of its edges, both
/// directions.
#[must_use]
pub fn weighted_degrees(graph: &EntityGraph) -> Vec<u64> {
    let g = &graph.graph;
    let mut degree = vec![0; g.node_count()];
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge index from this graph");
        degree[a.index()] += g[e].weight;
        degree[b.index()] += g[e].weight;
    }
    degree
}

/// Keep the `n` most connected entities (by weighted degree; ties go to the
/// smaller id) and the edges between them. O(n log n + e).
#[must_use]
pub fn top(graph: &EntityGraph, n: usize) -> EntityGraph {
    let g = &graph.graph;
    let degree = weighted_degrees(graph);
    let mut order: Vec<NodeIndex> = g.node_indices().collect();
    order.sort_by(|a, b| degree[b.index()].cmp(&degree[a.index()]).then_with(|| g[*a].id.cmp(&g[*b].id)));
    let mut keep = vec![false; g.node_count()];
    for i in order.into_iter().take(n) {
        keep[i.index()] = true;
    }
    induced(graph, &keep)
}

/// Find the entity called `name`: by id, else by label, else by any alias,
/// ignoring case.
///
/// # Errors
/// [`Error::Invalid`] naming the candidates when nothing matches, or when
/// several entities match equally well.
pub fn find(graph: &EntityGraph, name: &str) -> Result<NodeIndex> {
    let g = &graph.graph;
    let wanted = name.trim().to_lowercase();
    let by_id: Vec<NodeIndex> = g.node_indices().filter(|&i| g[i].id.to_lowercase() == wanted).collect();
    let by_label: Vec<NodeIndex> = g.node_indices().filter(|&i| g[i].label.to_lowercase() == wanted).collect();
    let by_alias: Vec<NodeIndex> =
        g.node_indices().filter(|&i| g[i].aliases.iter().any(|a| a.to_lowercase() == wanted)).collect();
    let describe = |list: &[NodeIndex]| {
        list.iter().take(8).map(|&i| format!("{} ({})", g[i].label, g[i].id)).collect::<Vec<_>>().join(", ")
    };
    for found in [by_id, by_label, by_alias] {
        match found.as_slice() {
            [] => {}
            [one] => return Ok(*one),
            many => return Err(Error::Invalid(format!("{name:?} names several entities: {}", describe(many)))),
        }
    }
    let near: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&i| {
            !wanted.is_empty()
                && std::iter::once(&g[i].label).chain(&g[i].aliases).any(|a| a.to_lowercase().contains(&wanted))
        })
        .collect();
    let hint = if near.is_empty() { String::new() } else { format!(" (did you mean: {}?)", describe(&near)) };
    Err(Error::Invalid(format!("no entity is called {name:?} in this graph{hint}")))
}

/// The neighbourhood of the entity called `name` (see [`find`]): every
/// entity within `depth` links of it, whatever the links' direction, and the
/// edges between them. O(n + e).
///
/// # Errors
/// As [`find`].
pub fn ego(graph: &EntityGraph, name: &str, depth: usize) -> Result<EntityGraph> {
    let g = &graph.graph;
    let centre = find(graph, name)?;
    let mut dist = vec![usize::MAX; g.node_count()];
    dist[centre.index()] = 0;
    let mut queue = VecDeque::from([centre]);
    while let Some(i) = queue.pop_front() {
        let d = dist[i.index()];
        if d == depth {
            continue;
        }
        let neighbours: BTreeSet<NodeIndex> =
            g.neighbors_directed(i, Direction::Outgoing).chain(g.neighbors_directed(i, Direction::Incoming)).collect();
        for j in neighbours {
            if dist[j.index()] == usize::MAX {
                dist[j.index()] = d + 1;
                queue.push_back(j);
            }
        }
    }
    let keep: Vec<bool> = dist.iter().map(|&d| d != usize::MAX).collect();
    Ok(induced(graph, &keep))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;
    use crate::graph::{Edge, Node};

    /// a - b - c - d, plus e alone; weights 1, 5, 1.
    fn chain() -> EntityGraph {
        let mut g = EntityGraph::default();
        let ids: Vec<NodeIndex> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| {
                g.graph.add_node(Node {
                    id: format!("person:{s}"),
                    label: format!("Person {}", s.to_uppercase()),
                    entity_type: EntityType::Person,
                    aliases: [format!("{s}{s}")].into(),
                    mentions: 1,
                    documents: 1,
                })
            })
            .collect();
        for (x, y, w) in [(0, 1, 1), (1, 2, 5), (2, 3, 1)] {
            g.graph.add_edge(ids[x], ids[y], Edge { weight: w, ..Edge::default() });
        }
        g
    }

    fn ids(g: &EntityGraph) -> Vec<&str> {
        g.graph.node_weights().map(|n| n.id.as_str()).collect()
    }

    #[test]
    fn top_keeps_the_heaviest_and_breaks_ties_by_id() {
        let g = chain();
        assert_eq!(ids(&top(&g, 2)), ["person:b", "person:c"]);
        assert_eq!(top(&g, 2).graph.edge_count(), 1);
        assert_eq!(ids(&top(&g, 3)), ["person:a", "person:b", "person:c"]);
        assert_eq!(top(&g, 99).graph.node_count(), 5);
    }

    #[test]
    fn ego_walks_both_directions_to_the_depth() {
        let g = chain();
        assert_eq!(ids(&ego(&g, "PERSON C", 1).unwrap()), ["person:b", "person:c", "person:d"]);
        assert_eq!(ids(&ego(&g, "aa", 2).unwrap()), ["person:a", "person:b", "person:c"]);
        assert_eq!(ids(&ego(&g, "person:e", 3).unwrap()), ["person:e"]);
        assert_eq!(ego(&g, "person:b", 0).unwrap().graph.node_count(), 1);
    }

    #[test]
    fn unknown_names_fail_with_a_hint() {
        let err = ego(&chain(), "Person", 1).unwrap_err().to_string();
        assert!(err.contains("no entity is called \"Person\"") && err.contains("did you mean"), "{err}");
        assert!(find(&chain(), "nobody").unwrap_err().to_string().ends_with("in this graph"));
    }
}
