//! A small deterministic force layout (Fruchterman–Reingold) for the HTML
//! viewer, so the page needs neither Graphviz at build time nor a layout
//! library at view time.
//!
//! Start positions lie on a golden-angle spiral in node order and there is
//! no randomness, so the same graph always gets the same coordinates (and
//! the page the same bytes). Cost: O(iterations · (n² + e)); iterations
//! shrink as the graph grows so a few thousand nodes still lay out in about
//! a second.

use crate::graph::EntityGraph;

/// Pull towards the centre, per unit of distance: strong enough that small
/// components stay beside the big one instead of drifting to the edge.
const GRAVITY: f64 = 0.3;

/// A node position in layout units (the page scales them to fit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal position, 0 ..= 1000.
    pub x: f64,
    /// Vertical position, 0 ..= 1000.
    pub y: f64,
}

/// Positions for every node, in node order, scaled into 0 ..= 1000.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn force_layout(graph: &EntityGraph) -> Vec<Point> {
    let g = &graph.graph;
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let k = 60.0_f64; // ideal edge length
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = k * ((i as f64) + 0.5).sqrt();
            let a = (i as f64) * 2.399_963_229_728_653; // golden angle
            (r * a.cos(), r * a.sin())
        })
        .collect();
    let springs: Vec<(usize, usize, f64)> = g
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = g.edge_endpoints(e)?;
            (a != b).then(|| (a.index(), b.index(), 1.0 + (g[e].weight as f64).ln()))
        })
        .collect();
    let iterations = (300 * 400 / n.max(400)).max(40);
    let mut temperature = k * (n as f64).sqrt();
    let cooling = temperature / (iterations as f64 + 1.0);
    let mut disp = vec![(0.0, 0.0); n];
    for _ in 0..iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k * k / d2; // repulsion k²/d, divided by d for the unit vector
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b, w) in &springs {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            let f = w.sqrt() * d / k; // attraction d²/k, divided by d
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            // gravity keeps separate components from drifting apart
            let (dx, dy) = (d.0 - GRAVITY * p.0, d.1 - GRAVITY * p.1);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let step = len.min(temperature);
            p.0 += dx / len * step;
            p.1 += dy / len * step;
        }
        temperature = (temperature - cooling).max(0.5);
    }
    let (min_x, max_x) = pos.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let (min_y, max_y) = pos.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let scale = 1000.0 / (max_x - min_x).max(max_y - min_y).max(1.0);
    let round = |v: f64| (v * 10.0).round() / 10.0;
    pos.iter().map(|p| Point { x: round((p.0 - min_x) * scale), y: round((p.1 - min_y) * scale) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;
    use crate::graph::{Edge, Node};

    fn node(id: &str) -> Node {
        Node {
            id: id.into(),
            label: id.into(),
            entity_type: EntityType::Person,
            aliases: std::collections::BTreeSet::new(),
            mentions: 1,
            documents: 1,
        }
    }

    #[test]
    fn deterministic_in_range_and_linked_nodes_closer() {
        let mut g = EntityGraph::default();
        let ids: Vec<_> = (0..6).map(|i| g.graph.add_node(node(&format!("person:{i}")))).collect();
        g.graph.add_edge(ids[0], ids[1], Edge { weight: 5, ..Edge::default() });
        let a = force_layout(&g);
        assert_eq!(a, force_layout(&g));
        assert!(a.iter().all(|p| (0.0..=1000.0).contains(&p.x) && (0.0..=1000.0).contains(&p.y)));
        let dist = |i: usize, j: usize| ((a[i].x - a[j].x).powi(2) + (a[i].y - a[j].y).powi(2)).sqrt();
        assert!(dist(0, 1) < dist(0, 5), "{a:?}");
        assert!(force_layout(&EntityGraph::default()).is_empty());
    }
}
