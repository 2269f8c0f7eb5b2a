//! The feature hashing both learned models share: the tagger
//! ([`crate::tagger`]) and the pair classifier ([`crate::relations`]) build
//! each feature as FxHash steps over a template number and per-token
//! hashes, then finish it so that its top bits depend on every input bit.
//! One definition, so that the two cannot drift apart from the models
//! trained with them.

/// FxHash's multiplier.
pub(crate) const K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash step.
#[inline]
pub(crate) const fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// The first steps of finalising a feature hash; [`finish_last`] is the
/// last one.
///
/// Apart because the last step leaves the top 29 bits alone (`h >> 29`
/// has its top 29 bits clear): whoever keeps only the top 29 bits or fewer
/// (a row of a table of at most `2^28` rows) can skip it.
#[inline]
pub(crate) const fn finish_top(h: u64) -> u64 {
    (h ^ (h >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The last step of finalising a feature hash, given what [`finish_top`] gave.
#[inline]
pub(crate) const fn finish_last(top: u64) -> u64 {
    top ^ (top >> 29)
}

/// A finished feature hash.
#[inline]
pub(crate) const fn finish(h: u64) -> u64 {
    finish_last(finish_top(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The row a table of up to 2^28 rows reads is the same through either finish.
    #[test]
    fn top_bits_of_finish_need_no_last_step() {
        let mut h = 0x1234_5678_9abc_def0_u64;
        for _ in 0..10_000 {
            h = mix(h, 0x55);
            for rows_log2 in 1..=28 {
                assert_eq!(finish(h) >> (64 - rows_log2), finish_top(h) >> (64 - rows_log2));
            }
        }
    }
}
