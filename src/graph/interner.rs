//! Node numbers by entity id, for [`super::GraphBuilder`].

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// Node numbers found by id: a table of numbers into the builder's nodes,
/// which hold the ids, beside the hash of each node's id.
///
/// Why not a map keyed by `String`: it held a second copy of every id, one
/// more allocation per node, and rehashed every id each time it grew. This
/// keeps each node's hash instead, so growing hashes no string, and a probe
/// compares ids only where the whole hashes agree.
#[derive(Debug, Clone, Default)]
pub(super) struct Interner {
    /// Node numbers.
    table: HashTable<u32>,
    /// The hash of each node's id, by node number.
    hashes: Vec<u64>,
}

impl Interner {
    /// The hash of an id.
    pub(super) fn hash(id: &str) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(id)
    }

    /// The node whose id has this `hash` and for which `is` holds.
    pub(super) fn find(&self, hash: u64, is: impl Fn(u32) -> bool) -> Option<u32> {
        let hashes = &self.hashes;
        self.table.find(hash, |&node| hashes[node as usize] == hash && is(node)).copied()
    }

    /// Add `node`, the next node number, whose id has this `hash` and which
    /// [`Interner::find`] did not find.
    pub(super) fn add(&mut self, hash: u64, node: u32) {
        debug_assert_eq!(node as usize, self.hashes.len(), "nodes are added in order");
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table.insert_unique(hash, node, |&n| hashes[n as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id finds its own number, through growth and through hashes
    /// that collide (a constant one) or share their home slot.
    #[test]
    fn ids_find_their_numbers() {
        for hash_of in [Interner::hash as fn(&str) -> u64, |_: &str| 7, |id: &str| id.len() as u64] {
            let mut interner = Interner::default();
            let mut ids: Vec<String> = Vec::new();
            let words: Vec<String> = (0..300).map(|k| format!("person:{}", k % 170)).collect();
            let mut numbers = Vec::new();
            for w in &words {
                let number = interner.find(hash_of(w), |n| ids[n as usize] == *w).unwrap_or_else(|| {
                    let n = u32::try_from(ids.len()).unwrap();
                    interner.add(hash_of(w), n);
                    ids.push(w.clone());
                    n
                });
                numbers.push(number);
            }
            assert_eq!(ids.len(), 170);
            for (w, n) in words.iter().zip(numbers) {
                assert_eq!(ids[n as usize], *w);
            }
        }
    }
}
