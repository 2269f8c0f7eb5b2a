//! Node numbers by entity id, for [`super::GraphBuilder`].

use std::hash::BuildHasher;

/// Node numbers found by id: an open-addressing table (linear probing, at
/// most half full) of numbers into the builder's nodes, which hold the ids.
///
/// Why not a map keyed by `String`: it held a second copy of every id, one
/// more allocation per node, and rehashed every id each time it grew. This
/// keeps each node's hash instead, so growing hashes no string, and a probe
/// compares ids only where the whole hashes agree.
#[derive(Debug, Clone, Default)]
pub(super) struct Interner {
    /// Node numbers, `EMPTY` where none; a power of two long.
    slots: Vec<u32>,
    /// The hash of each node's id, by node number.
    hashes: Vec<u64>,
}

/// Where [`Interner::find`] found no node: where to [`Interner::add`] it.
pub(super) struct Vacant {
    slot: usize,
    hash: u64,
}

const EMPTY: u32 = u32::MAX;

impl Interner {
    /// The hash of an id.
    pub(super) fn hash(id: &str) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(id)
    }

    /// The node whose id has this `hash` and for which `is` holds, else
    /// where to add it.
    pub(super) fn find(&self, hash: u64, is: impl Fn(u32) -> bool) -> Result<u32, Vacant> {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return Err(Vacant { slot: 0, hash });
        };
        let mut slot = home(hash, mask);
        loop {
            match self.slots[slot] {
                EMPTY => return Err(Vacant { slot, hash }),
                node if self.hashes[node as usize] == hash && is(node) => return Ok(node),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Add `node`, the next node number, where [`Interner::find`] found none.
    pub(super) fn add(&mut self, Vacant { slot, hash }: Vacant, node: u32) {
        debug_assert_eq!(node as usize, self.hashes.len(), "nodes are added in order");
        self.hashes.push(hash);
        if 2 * self.hashes.len() > self.slots.len() {
            self.grow();
        } else {
            self.slots[slot] = node;
        }
    }

    /// Twice the slots, every node placed again by its kept hash.
    #[allow(clippy::cast_possible_truncation)]
    fn grow(&mut self) {
        let len = (2 * self.slots.len()).max(64);
        self.slots.clear();
        self.slots.resize(len, EMPTY);
        let mask = len - 1;
        for (node, &hash) in self.hashes.iter().enumerate() {
            let mut slot = home(hash, mask);
            while self.slots[slot] != EMPTY {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = node as u32;
        }
    }
}

/// The first slot to probe: from the high bits, the well-mixed ones of an
/// Fx hash.
#[allow(clippy::cast_possible_truncation)]
const fn home(hash: u64, mask: usize) -> usize {
    (hash >> 32) as usize & mask
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
                let number = interner.find(hash_of(w), |n| ids[n as usize] == *w).unwrap_or_else(|vacant| {
                    let n = u32::try_from(ids.len()).unwrap();
                    interner.add(vacant, n);
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
