//! Text stage: byte spans, tokens and sentences.
//!
//! Everything downstream points back into the original text through byte
//! [`Span`]s; character offsets (what Python indexes) are computed only at the
//! JSON boundary, so the hot path never counts characters.

mod sentences;
mod tokens;

pub use sentences::{split_sentences, Sentence};
pub(crate) use tokens::ASCII_ALNUM;
pub use tokens::{case, tokenize, Token, TokenKind};

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Length in bytes.
    #[must_use]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers.
    #[must_use]
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// True when the two spans share at least one byte.
    #[must_use]
    pub const fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Converts byte offsets into character (Unicode scalar) offsets.
///
/// Built once per document; lookups are a binary search over the positions
/// of multi-byte characters, so pure-ASCII text costs nothing.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offsets of every character that is longer than one byte, with the
    /// number of bytes saved so far (bytes - chars) *after* that character.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Index the multi-byte characters of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let bytes = text.as_bytes();
        let (mut i, mut saved) = (0, 0);
        while i < bytes.len() {
            // Skip ASCII 32 bytes at a time (one test of four words ORed
            // together: most text is long runs of ASCII), then eight at a
            // time; decode only the lead bytes of wide characters.
            while let Some(chunk) = bytes.get(i..i + 32) {
                let word = |k: usize| u64::from_le_bytes(chunk[k..k + 8].try_into().expect("8 bytes"));
                if (word(0) | word(8) | word(16) | word(24)) & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 32;
            }
            while let Some(chunk) = bytes.get(i..i + 8) {
                let high = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & 0x8080_8080_8080_8080;
                if high != 0 {
                    // Straight to the first byte with its high bit set (the
                    // lowest in little-endian order), not byte by byte.
                    i += high.trailing_zeros() as usize / 8;
                    break;
                }
                i += 8;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b < 0x80 {
                i += 1;
                continue;
            }
            // `text` is UTF-8, so `b` is a lead byte and tells the length.
            let len = if b >= 0xF0 {
                4
            } else if b >= 0xE0 {
                3
            } else {
                2
            };
            saved += len - 1;
            wide.push((i, saved));
            i += len;
        }
        Self { wide }
    }

    /// The character offset of byte offset `byte` (which must be a char boundary).
    #[must_use]
    pub fn char_at(&self, byte: usize) -> usize {
        let before = self.wide.partition_point(|&(at, _)| at < byte);
        if before == 0 {
            byte
        } else {
            byte - self.wide[before - 1].1
        }
    }
}

/// True when `word` starts with an upper-case letter. Most words start
/// with an ASCII byte, which decides without decoding a character: the
/// mention rules ask this of nearly every token.
#[inline]
#[must_use]
pub fn starts_upper(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        Some(_) => word.starts_with(char::is_uppercase),
        None => false,
    }
}

/// A word of at most 7 bytes as one integer: its bytes, little-endian, and
/// its length in the top byte. The lexicon and the relation rules key their
/// short words so: hashed with one multiplication, compared without `memcmp`.
#[must_use]
pub fn pack_short(word: &[u8]) -> Option<u64> {
    (word.len() < 8).then(|| {
        let mut key = (word.len() as u64) << 56;
        for (i, &b) in word.iter().enumerate() {
            key |= u64::from(b) << (8 * i);
        }
        key
    })
}

/// The bytes of a span of 1 to 7 bytes as one integer (little-endian, no
/// length byte), read in one load when eight bytes of text follow its start.
///
/// Asked of nearly every token by the lexicon and the relation rules, so
/// tested in two compares (`n - 1` wraps for an empty span; a span starts
/// within the text, so its start plus eight does not overflow).
#[must_use]
#[inline]
pub fn short_span_bytes(text: &str, span: Span) -> Option<u64> {
    let n = span.len();
    let bytes = text.as_bytes();
    if n.wrapping_sub(1) >= 7 || span.start + 8 > bytes.len() {
        return None;
    }
    let chunk: [u8; 8] = bytes[span.start..span.start + 8].try_into().expect("8 bytes");
    Some(u64::from_le_bytes(chunk) & (u64::MAX >> (64 - 8 * n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two compares give what reading the span's eight bytes through
    /// `get` gave, for every span, near the end of the text too.
    #[test]
    fn short_span_bytes_are_the_spans_first_bytes() {
        let text = "Putin met Xi in Київ, 12:30 — no?";
        let reference = |span: Span| match (span.len(), text.as_bytes().get(span.start..span.start + 8)) {
            (1..=7, Some(chunk)) => {
                Some(u64::from_le_bytes(chunk.try_into().unwrap()) & (u64::MAX >> (64 - 8 * span.len())))
            }
            _ => None,
        };
        for end in 0..=text.len() {
            for start in 0..=end {
                let span = Span::new(start, end);
                assert_eq!(short_span_bytes(text, span), reference(span), "{start}..{end}");
            }
        }
    }

    #[test]
    fn char_offsets_match_python_indices() {
        let text = "Zelenskyy “can come” to Київ 🇺🇦 now";
        let offsets = CharOffsets::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.char_at(byte), chars, "byte {byte}");
        }
        assert_eq!(offsets.char_at(text.len()), text.chars().count());
    }

    #[test]
    fn char_offsets_of_long_mixed_text() {
        let text =
            "Zelenskyy said “no” — twice — in Київ, and 🇺🇦 flags flew; plain ASCII runs on for a while.".repeat(3);
        let offsets = CharOffsets::new(&text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.char_at(byte), chars, "byte {byte}");
        }
        assert_eq!(offsets.char_at(text.len()), text.chars().count());
    }

    /// A wide character at every place in and around the 32- and 8-byte
    /// blocks the ASCII runs are skipped by.
    #[test]
    fn char_offsets_with_a_wide_character_anywhere() {
        for before in 0..70 {
            for wide in ["é", "’", "🇺"] {
                let text = format!("{}{wide}{}", "a".repeat(before), "b".repeat(before % 37));
                let offsets = CharOffsets::new(&text);
                for (chars, (byte, _)) in text.char_indices().enumerate() {
                    assert_eq!(offsets.char_at(byte), chars, "{text:?} byte {byte}");
                }
                assert_eq!(offsets.char_at(text.len()), text.chars().count());
            }
        }
    }

    #[test]
    fn ascii_text_needs_no_table() {
        let offsets = CharOffsets::new("Putin met Kim.");
        assert!(offsets.wide.is_empty());
        assert_eq!(offsets.char_at(5), 5);
    }
}
