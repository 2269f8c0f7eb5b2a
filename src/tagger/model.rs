//! The model file: a fixed header and a dense table of `i8` weights.
//!
//! Dense rather than sparse because a hashed table of this size is nearly
//! full anyway, and a dense table loads with one copy and scores with one
//! indexed read per feature. Weights are quantised to `i8` (the largest
//! averaged weight maps to 127): on the dev sets this loses nothing against
//! `i16` and halves the file and the cache footprint. Layout, all integers
//! little-endian:
//!
//! | bytes | field |
//! | --- | --- |
//! | 0..8 | magic `ERGTAGGR` |
//! | 8..12 | format version (1) |
//! | 12..16 | feature-template version |
//! | 16..20 | log2 of the row count |
//! | 20..24 | label count (9) |
//! | 24..28 | flags (bit 0: trained with gazetteer bits) |
//! | 28..32 | `f32` scale: weight = stored value / scale |
//! | 32.. | `2^k × 9` `i8` weights, row-major |

use super::features::FEATURE_VERSION;
use super::N_LABELS;

/// File magic.
pub const MAGIC: &[u8; 8] = b"ERGTAGGR";
/// File format version.
pub const VERSION: u32 = 1;
/// Header size in bytes.
pub const HEADER_LEN: usize = 32;
/// Flag: the model was trained with gazetteer bits.
pub const FLAG_GAZETTEER: u32 = 1;

/// Why a model could not be loaded or trained.
#[derive(Debug, thiserror::Error)]
pub enum TaggerError {
    /// The bytes are not a model file of this version.
    #[error("tagger model: {0}")]
    BadModel(String),
    /// A training file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A training file has a bad line.
    #[error("{path}:{line}: {message}")]
    BadData {
        /// The file.
        path: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The header fields that vary between models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Header {
    /// Log2 of the number of rows.
    pub rows_log2: u32,
    /// Flags ([`FLAG_GAZETTEER`]).
    pub flags: u32,
    /// Quantisation scale.
    pub scale: f32,
}

/// Serialise a header and weights.
#[must_use]
pub fn encode(header: &Header, weights: &[i8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + weights.len());
    out.extend_from_slice(MAGIC);
    for v in [VERSION, FEATURE_VERSION, header.rows_log2, N_LABELS as u32, header.flags] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&header.scale.to_le_bytes());
    out.extend(weights.iter().map(|&w| w.to_le_bytes()[0]));
    out
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// Check a model file and copy out its weights.
///
/// # Errors
/// When the magic, versions, label count or length are wrong.
pub fn decode(bytes: &[u8]) -> Result<(Header, Vec<i8>), TaggerError> {
    let bad = |m: &str| Err(TaggerError::BadModel(m.to_owned()));
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return bad("not a model file (bad magic)");
    }
    if u32_at(bytes, 8) != VERSION {
        return bad("unsupported format version");
    }
    if u32_at(bytes, 12) != FEATURE_VERSION {
        return bad("model was trained with other feature templates; retrain it");
    }
    let rows_log2 = u32_at(bytes, 16);
    if !(1..=28).contains(&rows_log2) {
        return bad("bad table size");
    }
    if u32_at(bytes, 20) as usize != N_LABELS {
        return bad("bad label count");
    }
    let flags = u32_at(bytes, 24);
    let scale = f32::from_le_bytes(bytes[28..32].try_into().expect("4 bytes"));
    let n = (1usize << rows_log2) * N_LABELS;
    let body = &bytes[HEADER_LEN..];
    if body.len() != n {
        return bad("truncated or oversized weight table");
    }
    let weights = body.iter().map(|&b| i8::from_le_bytes([b])).collect();
    Ok((Header { rows_log2, flags, scale }, weights))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trip() {
        let header = Header { rows_log2: 3, flags: FLAG_GAZETTEER, scale: 12.5 };
        let weights: Vec<i8> = (0..8 * N_LABELS as i16).map(|i| (i * 7 - 100) as i8).collect();
        let bytes = encode(&header, &weights);
        assert_eq!(bytes.len(), HEADER_LEN + weights.len());
        let (h, w) = decode(&bytes).unwrap();
        assert_eq!(h, header);
        assert_eq!(w, weights);
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        let mut wrong = bytes.clone();
        wrong[0] = b'X';
        assert!(decode(&wrong).is_err());
        let mut wrong = bytes;
        wrong[12] ^= 0xff;
        assert!(decode(&wrong).is_err());
    }
}
