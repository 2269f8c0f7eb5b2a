//! A hash index of a document's items, kept from one document to the next.

/// Indices into a list the caller keeps, found by a hash the caller gives
/// and checked by a comparison the caller makes: an open-addressing table
/// with linear probing. It borrows nothing, so unlike a map keyed by a
/// document's strings it keeps its memory from one document to the next.
#[derive(Default)]
pub struct Slots {
    slots: Vec<u32>,
}

impl Slots {
    const EMPTY: u32 = u32::MAX;

    /// Empty, with room for `n` items at most half full.
    pub fn clear(&mut self, n: usize) {
        self.slots.clear();
        self.slots.resize((2 * n).next_power_of_two().max(8), Self::EMPTY);
    }

    /// The index of the item with this `hash` for which `is` holds, or
    /// else the empty slot where the caller [`Slots::fill`]s in the index
    /// of the item it adds to its list. At most the `n` items of
    /// [`Slots::clear`] may be added.
    pub fn find(&self, hash: u64, is: impl Fn(usize) -> bool) -> Result<usize, Empty> {
        let mask = self.slots.len() - 1;
        // The high bits of a multiplicative hash are the well-mixed ones.
        #[allow(clippy::cast_possible_truncation)]
        let mut slot = (hash >> 32) as usize & mask;
        loop {
            match self.slots[slot] {
                Self::EMPTY => return Err(Empty(slot)),
                i if is(i as usize) => return Ok(i as usize),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Index `index` where [`Slots::find`] found none.
    pub fn fill(&mut self, Empty(slot): Empty, index: usize) {
        self.slots[slot] = u32::try_from(index).expect("fewer than 2^32 items in a document");
    }
}

/// Where an item [`Slots::find`] did not find goes.
#[derive(Debug)]
pub struct Empty(usize);

/// A hash of `s` for [`Slots::find`], from its length and its first and
/// last eight bytes (all of it when shorter), whose high bits are mixed.
///
/// Why not the Fx hash of every byte: it is asked of every mention's id,
/// and out of line it cost a call and a loop over the id; ids of a
/// document that share length, head and tail are rare, and only cost a
/// comparison more (the caller's `is` decides).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let (head, tail) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
        _ => {
            let mut head = [0; 8];
            head[..bytes.len()].copy_from_slice(bytes);
            (u64::from_le_bytes(head), 0)
        }
    };
    (head.rotate_left(23) ^ tail ^ bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_items_share_an_index_and_colliding_ones_do_not() {
        let mut list: Vec<&str> = Vec::new();
        let mut slots = Slots::default();
        slots.clear(6);
        let words = ["a", "b", "a", "c", "b", "d"];
        let mut found = Vec::new();
        for w in words {
            // A constant hash: every item collides, equality alone decides.
            let k = slots.find(7, |i| list[i] == w).unwrap_or_else(|empty| {
                list.push(w);
                slots.fill(empty, list.len() - 1);
                list.len() - 1
            });
            found.push(k);
        }
        assert_eq!(found, [0, 1, 0, 2, 1, 3]);
        assert_eq!(list, ["a", "b", "c", "d"]);
        assert_eq!(hash_str("a"), hash_str("a"));
        assert_ne!(hash_str("person:vladimir-putin"), hash_str("person:xi-jinping"));
        assert_ne!(hash_str("ab"), hash_str("ab\0"));
    }
}
