//! The one shuffle both trainers use (the tagger's perceptrons and the pair
//! classifier): Fisher–Yates driven by xorshift64, so that the same seed
//! gives the same order on every machine and the models rebuild byte for byte.

/// Shuffle `order` in place, advancing the generator `state` (never 0).
pub fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        order.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_one_permutation() {
        let (mut a, mut b): (Vec<usize>, Vec<usize>) = ((0..50).collect(), (0..50).collect());
        let (mut s, mut t) = (7u64, 7u64);
        shuffle(&mut a, &mut s);
        shuffle(&mut b, &mut t);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }
}
