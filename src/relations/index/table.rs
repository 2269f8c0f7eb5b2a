//! The lookup table behind [`super::Vocab`]: every token of a sentence with
//! two names is looked up, and nearly all of them are no rule word, so the
//! table is built for the miss: open addressing over slots at most one
//! eighth full, keyed by a 64-bit integer hashed with one multiplication. A
//! miss usually costs one probe; a general hash map spent some fifty
//! instructions on it.

use super::NONE;

/// Ids by 64-bit key; a key may hold several ids (long words sharing their
/// first eight bytes), found in the order they were added.
#[derive(Debug, Clone)]
pub(super) struct Table {
    /// `(key, id)` per slot; an empty slot has id [`NONE`].
    slots: Vec<(u64, u32)>,
    /// 64 minus log2 of the number of slots.
    shift: u32,
}

impl Default for Table {
    fn default() -> Self {
        Self::new(&[])
    }
}

impl Table {
    /// A table of `entries`, none of whose ids is [`NONE`].
    pub(super) fn new(entries: &[(u64, u32)]) -> Self {
        let size = (entries.len() * 8).next_power_of_two().max(16);
        let mut table = Self { slots: vec![(0, NONE); size], shift: 64 - size.trailing_zeros() };
        for &(key, id) in entries {
            debug_assert_ne!(id, NONE);
            let mut slot = table.first_slot(key);
            while table.slots[slot].1 != NONE {
                slot = (slot + 1) & (size - 1);
            }
            table.slots[slot] = (key, id);
        }
        table
    }

    fn first_slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The first id under `key` that `accept`s, or [`NONE`].
    #[inline]
    pub(super) fn find(&self, key: u64, mut accept: impl FnMut(u32) -> bool) -> u32 {
        let mask = self.slots.len() - 1;
        let mut slot = self.first_slot(key);
        loop {
            let (k, id) = self.slots[slot];
            if id == NONE || (k == key && accept(id)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The first id under `key`, or [`NONE`].
    #[inline]
    pub(super) fn get(&self, key: u64) -> u32 {
        self.find(key, |_| true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_find_their_ids_in_order_and_others_none() {
        let entries: Vec<(u64, u32)> = (0..100).map(|k| (k * 7, k as u32)).chain([(14, 500), (0, 501)]).collect();
        let table = Table::new(&entries);
        for k in 0..100u64 {
            assert_eq!(table.get(k * 7), k as u32);
        }
        assert_eq!(table.find(14, |id| id != 2), 500);
        assert_eq!(table.find(0, |id| id != 0), 501);
        assert_eq!(table.get(3), NONE);
        assert_eq!(Table::default().get(0), NONE);
    }
}
