//! Feature extraction shared by training and tagging.
//!
//! Every feature is a 64-bit hash built incrementally from a template number
//! and a few precomputed per-token hashes (lower-cased word, shape, prefixes,
//! suffixes), so extracting a token's features allocates nothing and never
//! builds a string. The top bits of a feature's hash pick its weight row.

use super::{Label, N_LABELS, ROW_PAD};
use crate::hashing::{finish_last, finish_top, mix, K};
use crate::text::{Token, TokenKind};
use bytemuck::{allocation::zeroed_vec, Zeroable};

/// Upper bound on the features of one token (the buffer is on the stack).
/// `MAX_FEATURES × 127` must fit an `i16` (scores are summed in `i16` lanes).
pub(crate) const MAX_FEATURES: usize = 192;

/// Whether no token of a sentence whose gazetteer bit-sets OR together to
/// `bits` has more than [`MAX_FEATURES`] features, so that a [`Scorer`]
/// (which does not count them) sums what training, which keeps the first
/// `MAX_FEATURES`, would.
///
/// Why it holds when the bits are among the low 30: a token has at most
/// [`MOST_PLAIN_FEATURES`] features that do not come from gazetteer bits,
/// one for its own bit-set, three per bit of it and one per bit of each
/// neighbour's: `39 + 5 × 30 = 189`. The lexicon sets 19 bits.
#[inline(always)]
pub(crate) const fn within_cap(bits: u32) -> bool {
    bits >> 30 == 0
}

/// The most features of a token that do not come from gazetteer bits: 28
/// from the templates any token may have, 10 more for a capitalised one
/// (a connector gets 3 instead). A test checks.
const MOST_PLAIN_FEATURES: usize = 38;

const _: () = assert!(MOST_PLAIN_FEATURES + 1 + 5 * 30 <= MAX_FEATURES && MAX_FEATURES * 127 <= i16::MAX as usize);

/// Version of the feature templates; stored in the model header so that a
/// model trained with other templates is refused instead of silently wrong.
pub(crate) const FEATURE_VERSION: u32 = 1;

/// What the templates need to know about one token, computed once per token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Zeroable)]
pub(crate) struct TokInfo {
    /// Hash of the lower-cased word (numbers: of their shape).
    pub word: u64,
    /// Hash of the short word shape ("Xxx", "XX", "X.X.", "dddd" capped).
    pub shape: u64,
    /// Hashes of the 2-, 3- and 4-byte prefixes (0 when the word is shorter).
    pub pre: [u64; 3],
    /// Hashes of the 2-, 3- and 4-byte suffixes (0 when the word is shorter).
    pub suf: [u64; 3],
}

/// Hash of a sentinel word before the first / after the last token.
const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;

#[inline(always)]
fn class_of(c: char) -> u8 {
    if c.is_ascii_lowercase() {
        b'x'
    } else if c.is_ascii_uppercase() {
        b'X'
    } else if c.is_ascii_digit() {
        b'd'
    } else if c.is_ascii() {
        c as u8
    } else if c.is_uppercase() {
        b'X'
    } else if c.is_alphabetic() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else {
        b'*'
    }
}

/// [`class_of`] for every ASCII byte, computed at compile time.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            b'x'
        } else if c.is_ascii_uppercase() {
            b'X'
        } else if c.is_ascii_digit() {
            b'd'
        } else {
            c
        };
        b += 1;
    }
    t
};

/// Compute a token's [`TokInfo`].
#[inline(always)]
pub(crate) fn tok_info(text: &str, tok: &Token) -> TokInfo {
    let bytes = &text.as_bytes()[tok.span.start..tok.span.end];
    if !bytes.is_ascii() {
        return tok_info_general(text, tok);
    }
    if tok.kind == TokenKind::Number {
        let shape = ascii_shape(bytes);
        return TokInfo { word: mix(0x4e55_4d00, shape), shape, ..TokInfo::default() };
    }
    ascii_word_info(bytes)
}

/// The shape hash of ASCII bytes: character classes with runs capped at two.
#[inline(always)]
fn ascii_shape(bytes: &[u8]) -> u64 {
    let (mut shape, mut last, mut run) = (0x5a5a_u64, 0u8, 0u32);
    for &b in bytes {
        let cls = ASCII_CLASS[usize::from(b & 0x7f)];
        if cls != last {
            last = cls;
            run = 0;
        }
        run += 1;
        if run <= 2 {
            shape = mix(shape, u64::from(cls));
        }
    }
    shape
}

/// [`tok_info`] of an ASCII word or punctuation: the same hashes, in tighter loops.
#[inline(always)]
fn ascii_word_info(bytes: &[u8]) -> TokInfo {
    let mut info = TokInfo::default();
    let len = bytes.len();
    info.shape = ascii_shape(bytes);
    // The lower-cased word, and its 2-, 3- and 4-byte prefixes when shorter than it.
    let mut word = 0x3f3f_u64;
    let head = len.min(4);
    for (n, &b) in bytes[..head].iter().enumerate() {
        word = mix(word, u64::from(b.to_ascii_lowercase()));
        if n >= 1 && n + 1 < len {
            info.pre[n - 1] = word;
        }
    }
    for &b in &bytes[head..] {
        word = mix(word, u64::from(b.to_ascii_lowercase()));
    }
    info.word = word;
    for k in 2..=4usize {
        if len > k {
            let mut h = 0x5f5f_u64 + k as u64;
            for &b in &bytes[len - k..] {
                h = mix(h, u64::from(b.to_ascii_lowercase()));
            }
            info.suf[k - 2] = h;
        }
    }
    info
}

/// [`tok_info`] of a word of 1 to 16 bytes, given its bytes as a
/// [`memo_key`] has them: an ASCII word that is not a number is hashed from
/// the key itself, lower-cased eight bytes at a time and with its suffixes
/// unrolled, which a first-seen word (what real text pays) does in about
/// half the instructions of the byte loops.
#[inline(always)]
fn keyed_info(key: [u64; 2], text: &str, tok: &Token) -> TokInfo {
    let len = tok.span.len();
    if (key[0] | key[1]) & HIGH_BITS != 0 || tok.kind == TokenKind::Number || len > 16 {
        return tok_info(text, tok);
    }
    let mut raw = [0u8; 16];
    raw[..8].copy_from_slice(&key[0].to_le_bytes());
    raw[8..].copy_from_slice(&key[1].to_le_bytes());
    let mut low = [0u8; 16];
    low[..8].copy_from_slice(&ascii_lower8(key[0]).to_le_bytes());
    low[8..].copy_from_slice(&ascii_lower8(key[1]).to_le_bytes());
    let low = &low[..len];
    let mut info = TokInfo { shape: keyed_shape(key[0], &raw[..len]), ..TokInfo::default() };
    let mut word = 0x3f3f_u64;
    for (n, &b) in low.iter().enumerate() {
        word = mix(word, u64::from(b));
        if (1..=3).contains(&n) && n + 1 < len {
            info.pre[n - 1] = word;
        }
    }
    info.word = word;
    if let [.., a, b, c, d] = *low {
        let (a, b, c, d) = (u64::from(a), u64::from(b), u64::from(c), u64::from(d));
        if len > 4 {
            info.suf[2] = mix(mix(mix(mix(0x5f63, a), b), c), d);
        }
        info.suf[1] = mix(mix(mix(0x5f62, b), c), d);
        info.suf[0] = mix(mix(0x5f61, c), d);
    } else if let [_, c, d] = *low {
        info.suf[0] = mix(mix(0x5f61, u64::from(c)), u64::from(d));
    }
    info
}

/// [`ascii_shape`] of the ASCII `bytes`, whose first eight are `lo`
/// (zero-padded): words of up to eight letters, all lower-case, all
/// upper-case or capitalised (most of those a memo misses) have one of a
/// few shapes, told apart by a few word-wide tests instead of a byte loop.
#[inline(always)]
fn keyed_shape(lo: u64, bytes: &[u8]) -> u64 {
    let len = bytes.len();
    if len > 8 {
        return ascii_shape(bytes);
    }
    let letters = KEY_MASKS[len][0] & HIGH_BITS;
    let upper = bytes_within(lo, b'A', b'Z');
    let lower = bytes_within(lo, b'a', b'z');
    let runs = len.min(2);
    if lower == letters {
        SHAPE_LOWER[runs]
    } else if upper == letters {
        SHAPE_UPPER[runs]
    } else if upper == 0x80 && lower | 0x80 == letters {
        SHAPE_CAP[len.min(3)]
    } else {
        ascii_shape(bytes)
    }
}

/// [`ascii_shape`] of 0, 1 and 2 or more lower-case letters.
const SHAPE_LOWER: [u64; 3] = shapes_of_runs(0, b'x');
/// [`ascii_shape`] of 0, 1 and 2 or more upper-case letters.
const SHAPE_UPPER: [u64; 3] = shapes_of_runs(0, b'X');
/// [`ascii_shape`] of an upper-case letter followed by 0, 1 and 2 or more
/// lower-case ones, at 1, 2 and 3 (0: unused).
const SHAPE_CAP: [u64; 4] = {
    let [_, after, _] = shapes_of_runs(0, b'X');
    let [_, one, two] = shapes_of_runs(after, b'x');
    [0, after, one, two]
};

/// The shape hashes of a run of 0, 1 and 2 (or more) bytes of class `cls`
/// after the classes whose shape hash is `before` (0: none, the seed).
const fn shapes_of_runs(before: u64, cls: u8) -> [u64; 3] {
    let seed = if before == 0 { 0x5a5a } else { before };
    let one = mix(seed, cls as u64);
    [seed, one, mix(one, cls as u64)]
}

/// The top bit of each of the eight (ASCII) bytes of `x` that lie
/// between `from` and `to`, both included.
#[inline(always)]
const fn bytes_within(x: u64, from: u8, to: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Each byte is below 0x80, so no carry crosses bytes: its top bit
    // ends up set when it is at least `from`, and when it is above `to`.
    let from_lo = x + ONES * (0x80 - from as u64);
    let past_hi = x + ONES * (0x7f - to as u64);
    from_lo & !past_hi & HIGH_BITS
}

/// The top bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `x`'s eight bytes, all ASCII, lower-cased.
#[inline(always)]
const fn ascii_lower8(x: u64) -> u64 {
    x | bytes_within(x, b'A', b'Z') >> 2
}

/// [`tok_info`] of any token.
#[inline(never)]
fn tok_info_general(text: &str, tok: &Token) -> TokInfo {
    let bytes = &text.as_bytes()[tok.span.start..tok.span.end];
    let number = tok.kind == TokenKind::Number;
    let mut info = TokInfo::default();
    // Shape: character classes with runs capped at two.
    let mut shape = 0x5a5a_u64;
    let mut last = 0u8;
    let mut run = 0u32;
    let mut push = |cls: u8| {
        if cls == last {
            run += 1;
        } else {
            last = cls;
            run = 1;
        }
        if run <= 2 {
            shape = mix(shape, u64::from(cls));
        }
    };
    let mut word = 0x3f3f_u64;
    if bytes.is_ascii() {
        // One pass for the shape, the word and its prefixes.
        for (n, &b) in bytes.iter().enumerate() {
            push(ASCII_CLASS[usize::from(b & 0x7f)]);
            word = mix(word, u64::from(b.to_ascii_lowercase()));
            if (1..=3).contains(&n) && n + 1 < bytes.len() {
                info.pre[n - 1] = word;
            }
        }
    } else {
        for c in text[tok.span.start..tok.span.end].chars() {
            push(class_of(c));
        }
        if !number {
            for (n, &b) in bytes.iter().enumerate() {
                word = mix(word, u64::from(b.to_ascii_lowercase()));
                if (1..=3).contains(&n) && n + 1 < bytes.len() {
                    info.pre[n - 1] = word;
                }
            }
        }
    }
    info.shape = shape;
    if number {
        info.word = mix(0x4e55_4d00, shape);
        info.pre = [0; 3];
        return info;
    }
    info.word = word;
    for k in 2..=4usize {
        if bytes.len() > k {
            let mut h = 0x5f5f_u64 + k as u64;
            for &b in &bytes[bytes.len() - k..] {
                h = mix(h, u64::from(b.to_ascii_lowercase()));
            }
            info.suf[k - 2] = h;
        }
    }
    info
}

/// What extraction knows about the tokens of one sentence: each token's
/// [`TokInfo`], computed the first time a feature needs it. Reused from
/// sentence to sentence.
///
/// Case comes from the tokens themselves ([`Token::case`]) and "is it a
/// connector" is asked only of the few tokens the templates look at: a
/// table of both for every token cost more than all the asking.
pub(crate) struct InfoCache {
    infos: Infos,
    shapes: ShapeMemo,
    gaz: GazMemo,
}

/// The lazily computed [`TokInfo`] of each token of a sentence, as the
/// number of the [`WordMemo`] slot that holds it: a token's info is read
/// where it lies instead of being copied out for the sentence.
struct Infos {
    /// Per token: its slot, or [`NOT_YET`].
    at: Vec<u32>,
    memo: WordMemo,
}

/// [`Infos::at`] of a token whose info no feature has asked for yet.
const NOT_YET: u32 = u32::MAX;

/// Log2 of the number of direct-mapped slots of a [`WordMemo`].
const MEMO_LOG2: u32 = 13;

/// The [`TokInfo`] of recently seen words, by their bytes (up to 16), and
/// of this sentence's other tokens.
///
/// Why: a token's info is a dozen hash chains over its bytes, and news
/// repeats its words ("the", "President", the day's names) from sentence
/// to sentence; a direct-mapped table of a few thousand words answers most
/// of them with one lookup. A token's info depends on nothing but its bytes
/// and whether it is a number, which is exactly the key, so the answer is
/// the one computing it gives. Off unless asked for (a one-off
/// [`super::Tagger::tag`] should not pay for filling it), and its slots are
/// allocated for the first sentence (buffers made but never used cost nothing).
///
/// [`Infos`] keeps slot numbers, so a slot that a token of the current
/// sentence points at is never overwritten: a word that would evict it, a
/// word longer than the key, and every word when the memo is off get a
/// slot after the direct-mapped ones instead, dropped at the next sentence.
struct WordMemo {
    /// Number of direct-mapped slots: 0 when off.
    direct: usize,
    slots: Vec<MemoSlot>,
    /// Number of the current sentence (wrapping; a stale match only costs
    /// a slot after the direct-mapped ones).
    sentence: u32,
    /// The id of the model whose sums the slots keep ([`InfoCache::for_model`]).
    model: u64,
}

/// One [`WordMemo`] slot: the word's bytes as two little-endian words, its
/// length and number flag (`meta`, 0 when the slot is empty), the last
/// sentence that used it, its info and [`WordTops`], and the sums a
/// [`Scorer`] kept of its features.
#[derive(Clone, Copy, Default, Zeroable)]
pub(crate) struct MemoSlot {
    key: [u64; 2],
    meta: u64,
    sentence: u32,
    info: TokInfo,
    tops: WordTops,
    sums: WordSums,
}

impl MemoSlot {
    /// A slot of the word of `info`, with its [`WordTops`].
    #[inline(always)]
    fn new(key: [u64; 2], meta: u64, sentence: u32, info: TokInfo) -> Self {
        Self { key, meta, sentence, info, tops: word_tops(info.word), sums: WordSums::default() }
    }
}

/// The hashes through [`finish_top`] of the features of the templates that
/// read one word and nothing else (but for those of [`WordSums`]), by
/// [`TOP_4`] and the constants after it.
///
/// Why: a token reads up to eight of them, of its neighbours and the words
/// of its capitalised run, and each is two hash steps; hashed when a
/// word's memo slot is filled (one time in twenty-five it is read), they
/// are a load each. The value is the one hashing gives, so exact.
type WordTops = [u64; 8];

/// The word two tokens before.
const TOP_4: usize = 0;
/// The word two tokens after.
const TOP_5: usize = 1;
/// The word of a token that starts a sentence.
const TOP_23: usize = 2;
/// Another word of the capitalised run, before the token (`+ 1`: after it).
const TOP_30: usize = 3;
/// The last word of the run; the word before it; the word after it.
const TOP_31: usize = 5;
const TOP_32: usize = 6;
const TOP_33: usize = 7;

/// The [`WordTops`] of the word whose hash is `word`.
#[inline(always)]
const fn word_tops(word: u64) -> WordTops {
    let seeds = [t(4), t(5), t(23), mix(t(30), 0), mix(t(30), 1), t(31), t(32), t(33)];
    let mut tops = [0; 8];
    let mut k = 0;
    while k < 8 {
        tops[k] = finish_top(mix(seeds[k], word));
        k += 1;
    }
    tops
}

/// The [`WordTops`] of the sentinels.
const BOS_TOPS: WordTops = word_tops(BOS);
const EOS_TOPS: WordTops = word_tops(EOS);

/// The roles a token plays in the features of the tokens scored around it:
/// [`extract`] pushes with [`Sink::push_word`] the features of templates
/// that read the info of one token alone (its word, shape, prefixes and
/// suffixes as the current token; its word and shape as the previous or
/// the next one).
pub(crate) const ROLE_CUR: usize = 0;
/// See [`ROLE_CUR`].
pub(crate) const ROLE_PREV: usize = 1;
/// See [`ROLE_CUR`].
pub(crate) const ROLE_NEXT: usize = 2;
/// Number of roles.
pub(crate) const ROLES: usize = 3;

/// A [`MemoSlot`]'s word in [`extract`]'s slots of a sentinel (no token
/// before the first or after the last).
const NO_SLOT: usize = usize::MAX;

/// The sums of the weight rows of a word's features in each role (see
/// [`ROLE_CUR`]), kept by a [`Scorer`] so that the next time the word plays
/// that role one read replaces hashing and summing a dozen rows.
///
/// Exact: a role's features depend on the word alone, the weights are
/// integers summed in `i16` lanes that a token's features cannot overflow
/// (see [`MAX_FEATURES`]), so a part summed apart adds up to what summing
/// row after row gives (a scorer drops no feature: see [`within_cap`]).
/// The sums are of the model of [`WordMemo::model`].
#[derive(Clone, Copy, Zeroable)]
struct WordSums {
    /// Bit `role` set: `rows` holds the sums of that role.
    known: u8,
    /// The sums of role `r` in lanes `N_LABELS * r ..` (read 16 lanes at a
    /// time, so the last role has padding after it).
    rows: [i16; N_LABELS * ROLES + 16 - N_LABELS],
}

impl Default for WordSums {
    fn default() -> Self {
        Self { known: 0, rows: [0; N_LABELS * ROLES + 16 - N_LABELS] }
    }
}

impl WordMemo {
    const fn new(direct: usize) -> Self {
        Self { direct, slots: Vec::new(), sentence: 0, model: 0 }
    }

    /// Get ready for a new sentence: drop the slots of the old one's extra
    /// words (and make the direct-mapped ones before the first).
    ///
    /// The slots come zeroed from the allocator (an all-zero slot is the
    /// default, empty one: every field is an integer, which `Zeroable`
    /// checks), not cloned one by one: a one-off `Extractor::analyse` of a
    /// short article spent more time making this table and the other memos
    /// than analysing (fresh analyse of the sample 405–468 → 328 µs).
    fn next_sentence(&mut self) {
        if self.slots.len() < self.direct {
            self.slots = zeroed_vec(self.direct);
        }
        self.slots.truncate(self.direct);
        self.sentence = self.sentence.wrapping_add(1);
    }

    /// The number of a slot holding the info of `tok`, from the memo when
    /// its word is there. Out of line: inlined at the dozen places
    /// [`extract`] asks, it costs the scoring around it more than the call.
    #[inline(never)]
    fn slot(&mut self, text: &str, tok: &Token) -> u32 {
        let n = tok.span.len();
        if self.direct == 0 || n == 0 || n > 16 {
            return self.extra(text, tok);
        }
        // Only tail calls out of the common case, which then saves no registers.
        let Some(key) = key16_within(text.as_bytes(), tok.span.start, n) else {
            return self.slot_near_end(text, tok);
        };
        self.lookup(key, memo_meta(tok), text, tok)
    }

    /// [`WordMemo::slot`] of a word fewer than sixteen bytes before the end of the text.
    #[cold]
    #[inline(never)]
    fn slot_near_end(&mut self, text: &str, tok: &Token) -> u32 {
        let (key, meta) = memo_key(text, tok);
        self.lookup(key, meta, text, tok)
    }

    /// [`WordMemo::slot`] of `tok`, given its key.
    #[inline(always)]
    fn lookup(&mut self, key: [u64; 2], meta: u64, text: &str, tok: &Token) -> u32 {
        // The bytes alone pick the slot: a word's length is that of its
        // key's non-zero bytes (no word holds a NUL), and a number spelt like
        // a word is rare, so hashing `meta` too only cost instructions (the
        // slot still compares it).
        let h = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(K);
        let at = (h >> (64 - MEMO_LOG2)) as usize;
        let sentence = self.sentence;
        let slot = &mut self.slots[at];
        if slot.meta != meta || slot.key != key {
            return self.miss(at, text, tok);
        }
        slot.sentence = sentence;
        // `at` is below `1 << MEMO_LOG2`.
        #[allow(clippy::cast_possible_truncation)]
        let at = at as u32;
        at
    }

    /// [`WordMemo::slot`] of a word not in direct-mapped slot `at`: put it
    /// there unless a token of this sentence points at that slot. Apart so
    /// that the lookup stays small.
    #[cold]
    #[inline(never)]
    fn miss(&mut self, at: usize, text: &str, tok: &Token) -> u32 {
        let sentence = self.sentence;
        if self.slots[at].sentence == sentence {
            return self.extra(text, tok);
        }
        let (key, meta) = memo_key(text, tok);
        let info = keyed_info(key, text, tok);
        // Field by field: the old sums need no clearing once not `known`.
        let slot = &mut self.slots[at];
        (slot.key, slot.meta, slot.sentence, slot.info) = (key, meta, sentence, info);
        slot.tops = word_tops(info.word);
        slot.sums.known = 0;
        // `at` is below `1 << MEMO_LOG2`.
        #[allow(clippy::cast_possible_truncation)]
        let at = at as u32;
        at
    }

    /// A slot after the direct-mapped ones, holding the info of `tok`.
    #[inline(never)]
    fn extra(&mut self, text: &str, tok: &Token) -> u32 {
        let at = u32::try_from(self.slots.len()).expect("fewer than 2^32 tokens in a sentence");
        self.slots.push(MemoSlot::new([0; 2], 0, 0, tok_info(text, tok)));
        at
    }
}

/// The key of a word of 1 to 16 bytes in a [`WordMemo`]: its bytes
/// ([`key16`]), and its length and number flag.
#[inline(always)]
fn memo_key(text: &str, tok: &Token) -> ([u64; 2], u64) {
    let (start, n) = (tok.span.start, tok.span.len());
    (key16(text.as_bytes(), start, n), memo_meta(tok))
}

/// The length and number flag of a [`memo_key`].
#[inline(always)]
fn memo_meta(tok: &Token) -> u64 {
    tok.span.len() as u64 | u64::from(tok.kind == TokenKind::Number) << 8
}

/// The `n` (1 to 16) bytes of `text` from `start` as two little-endian
/// words, zero-padded; two loads when sixteen bytes of text follow.
#[inline(always)]
fn key16(text: &[u8], start: usize, n: usize) -> [u64; 2] {
    key16_within(text, start, n).unwrap_or_else(|| key16_near_end(text, start, n))
}

/// [`key16`] when sixteen bytes of text follow `start`.
#[inline(always)]
fn key16_within(text: &[u8], start: usize, n: usize) -> Option<[u64; 2]> {
    let chunk = text.get(start..start + 16)?;
    let lo = u64::from_le_bytes(chunk[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(chunk[8..].try_into().expect("8 bytes"));
    let [lo_mask, hi_mask] = KEY_MASKS[n & 15];
    Some([lo & lo_mask, hi & hi_mask])
}

/// [`key16`] of a word fewer than sixteen bytes before the end of the text.
#[cold]
#[inline(never)]
fn key16_near_end(text: &[u8], start: usize, n: usize) -> [u64; 2] {
    let mut buf = [0u8; 16];
    buf[..n].copy_from_slice(&text[start..start + n]);
    [
        u64::from_le_bytes(buf[..8].try_into().expect("8 bytes")),
        u64::from_le_bytes(buf[8..].try_into().expect("8 bytes")),
    ]
}

/// The masks that keep the first `n` bytes of two little-endian words, by
/// `n % 16` (16 keeps all): a table read is cheaper than shifts by `n`.
const KEY_MASKS: [[u64; 2]; 16] = {
    let mut t = [[u64::MAX; 2]; 16];
    let mut n = 1;
    while n < 16 {
        t[n] = if n <= 8 { [u64::MAX >> (64 - 8 * n), 0] } else { [u64::MAX, u64::MAX >> (128 - 8 * n)] };
        n += 1;
    }
    t
};

impl InfoCache {
    pub(crate) const fn new() -> Self {
        Self {
            infos: Infos { at: Vec::new(), memo: WordMemo::new(0) },
            shapes: ShapeMemo::new(0),
            gaz: GazMemo::new(1),
        }
    }

    /// A cache that also remembers the infos of recent words across
    /// sentences (see [`WordMemo`]): for a tagger's long-lived buffers.
    pub(crate) const fn with_memo() -> Self {
        Self {
            infos: Infos { at: Vec::new(), memo: WordMemo::new(1 << MEMO_LOG2) },
            shapes: ShapeMemo::new(1 << SHAPE_MEMO_LOG2),
            gaz: GazMemo::new(GAZ_MEMO_LOG2),
        }
    }

    /// Get ready for `tokens`: forget the old infos.
    pub(crate) fn prepare(&mut self, tokens: &[Token]) {
        let infos = &mut self.infos;
        infos.at.clear();
        infos.at.resize(tokens.len(), NOT_YET);
        infos.memo.next_sentence();
        self.shapes.make();
        self.gaz.make();
    }

    /// Get ready to keep the sums of the model with id `model` (see
    /// [`WordSums`]): forget those of another model, once [prepared](InfoCache::prepare).
    pub(crate) fn for_model(&mut self, model: u64) {
        let memo = &mut self.infos.memo;
        if memo.model != model {
            memo.model = model;
            for slot in &mut memo.slots {
                slot.sums.known = 0;
            }
            self.shapes.slots.fill(ShapeSlot::default());
            self.gaz.slots.fill(GazSlot::default());
        }
    }
}

/// Log2 of the number of slots of a [`ShapeMemo`].
const SHAPE_MEMO_LOG2: u32 = 12;

/// The inputs of the templates that read the shapes of the token and its
/// neighbours, the previous label and whether the token starts a sentence,
/// and nothing else (9, 21, 22 and 26): `p1_start` holds the label in
/// bits 0 to 7, the start in bit 8 and a set bit 16, so that it is never
/// 0 (an empty slot).
#[derive(Clone, Copy, Default, PartialEq, Eq, Zeroable)]
pub(crate) struct ShapeKey {
    shapes: [u64; 3],
    p1_start: u64,
}

impl ShapeKey {
    #[inline(always)]
    fn new(s_1: u64, s0: u64, s1: u64, p1: u64, start: bool) -> Self {
        Self { shapes: [s_1, s0, s1], p1_start: p1 | u64::from(start) << 8 | 1 << 16 }
    }

    /// Its slot in a [`ShapeMemo`] of `2^SHAPE_MEMO_LOG2` slots.
    #[inline(always)]
    fn at(&self) -> usize {
        let [a, b, c] = self.shapes;
        let h = (a ^ b.rotate_left(21) ^ c.rotate_left(42) ^ self.p1_start).wrapping_mul(K);
        // Below `2^SHAPE_MEMO_LOG2`.
        #[allow(clippy::cast_possible_truncation)]
        let at = (h >> (64 - SHAPE_MEMO_LOG2)) as usize;
        at
    }
}

/// The sums a [`Scorer`] kept of the features of [`ShapeKey`]s, in a
/// direct-mapped table (a newer key takes the slot of an older one).
///
/// Why: those four features (a dozen hash steps and four rows) depend on
/// a few shapes, a label and a bit, which repeat from token to token far
/// more than words do ("Xxx" after "Xxx" before ","), so one read of
/// their sum replaces them nearly every time. Exact for the reasons of
/// [`WordSums`]: the key is every input of the four features. Off unless
/// asked for, like the [`WordMemo`].
struct ShapeMemo {
    /// Number of slots: 0 when off.
    size: usize,
    slots: Vec<ShapeSlot>,
}

/// One [`ShapeMemo`] slot: a key (all 0 when empty) and the sums of its features.
#[derive(Clone, Copy, Default, Zeroable)]
pub(crate) struct ShapeSlot {
    key: ShapeKey,
    sums: [i16; 16],
}

impl ShapeMemo {
    const fn new(size: usize) -> Self {
        Self { size, slots: Vec::new() }
    }

    /// Make the slots (on the first sentence, so that buffers never used cost nothing).
    fn make(&mut self) {
        if self.slots.len() < self.size {
            self.slots = zeroed_vec(self.size);
        }
    }
}

/// Log2 of the number of slots of a [`GazMemo`].
const GAZ_MEMO_LOG2: u32 = 8;

/// The sums a [`Scorer`] kept of the features of gazetteer bit-sets, in a
/// direct-mapped table by bit-set.
///
/// Why: a token's gazetteer features (templates 40 to 45) are a row or
/// three per bit of its own set and of its neighbours' and a hash of its
/// set; a lexicon gives a few dozen distinct sets, so their sums, kept per
/// set for each case and previous label, replace that with four reads.
/// Exact for the reasons of [`WordSums`]: the key is the set, and the
/// case and label pick among the sums. Of two slots unless asked for (a
/// one-off [`super::Tagger::tag`] should not make a large one), made on
/// the first sentence like the [`WordMemo`]'s.
pub(crate) struct GazMemo {
    /// Log2 of the number of slots.
    log2: u32,
    slots: Vec<GazSlot>,
}

/// One [`GazMemo`] slot: `key` is the bit-set with bit 32 set (0: empty),
/// `sums` the sums of its features ([`GAZ_OWN`] and the constants after it).
#[derive(Clone, Copy, Zeroable)]
pub(crate) struct GazSlot {
    key: u64,
    sums: [[i16; 16]; GAZ_SUMS],
}

impl Default for GazSlot {
    fn default() -> Self {
        Self { key: 0, sums: [[0; 16]; GAZ_SUMS] }
    }
}

/// In [`GazSlot::sums`]: the features of the token's own set that do not
/// read the previous label, by its case (templates 40, 41 and 43); ...
const GAZ_OWN: usize = 0;
/// ... those that do, by the label (42); ...
const GAZ_LABEL: usize = 2;
/// ... those of the previous token's set (44); of the next one's (45).
const GAZ_PREV: usize = GAZ_LABEL + N_LABELS;
const GAZ_NEXT: usize = GAZ_PREV + 1;
const GAZ_SUMS: usize = GAZ_NEXT + 1;

impl GazMemo {
    /// A memo of `2^log2` slots (1 to 63).
    const fn new(log2: u32) -> Self {
        Self { log2, slots: Vec::new() }
    }

    /// Make the slots (on the first sentence, so that buffers never used cost nothing).
    fn make(&mut self) {
        if self.slots.is_empty() {
            self.slots = zeroed_vec(1 << self.log2);
        }
    }

    /// The sums of the features of bit-set `g` read from `rows`: kept from
    /// an earlier call or summed now. Once [made](GazMemo::make).
    #[inline(always)]
    fn sums<R: Rows>(&mut self, rows: R, g: u32) -> &[[i16; 16]; GAZ_SUMS] {
        // Below `2^log2`.
        #[allow(clippy::cast_possible_truncation)]
        let at = ((u64::from(g) ^ 0x5a5a).wrapping_mul(K) >> (64 - self.log2)) as usize;
        let slot = &mut self.slots[at];
        let key = u64::from(g) | 1 << 32;
        if slot.key != key {
            *slot = GazSlot { key, sums: gaz_sums(rows, g) };
        }
        &slot.sums
    }
}

/// The features of the gazetteer bits, one by one: `g` of the token (each
/// bit alone, with its case `cap` and with the previous label `l1`, and the
/// whole set), `prev` of the token before and `next` of the one after.
#[inline(always)]
fn push_gaz_features<S: Sink + ?Sized>(out: &mut S, g: u32, prev: u32, next: u32, cap: usize, l1: usize) {
    let mut bits = g;
    while bits != 0 {
        let b = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        out.push_gaz(b, cap, l1);
    }
    out.push(mix(t(43), u64::from(g)));
    for (mut bits, tops) in [(prev, &TOP_44), (next, &TOP_45)] {
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            out.push_top(tops[b]);
        }
    }
}

impl Infos {
    /// The infos of the first `n` tokens, those of the sentence [`InfoCache::prepare`]d.
    #[inline(always)]
    fn of_sentence(&mut self, n: usize) -> SentenceInfos<'_> {
        SentenceInfos { at: &mut self.at[..n], memo: &mut self.memo }
    }
}

/// [`Infos`] of one sentence: its tokens' slot numbers as a slice of
/// exactly as many as the tokens, so that the compiler knows an index it
/// has checked against the tokens is in bounds (one check a token, not
/// one for each of the half-dozen neighbours [`extract`] reads).
struct SentenceInfos<'a> {
    at: &'a mut [u32],
    memo: &'a mut WordMemo,
}

impl SentenceInfos<'_> {
    /// The slot holding the info of token `i`.
    #[inline(always)]
    fn slot(&mut self, text: &str, tokens: &[Token], i: usize) -> usize {
        let at = self.at[i];
        if at != NOT_YET {
            return at as usize;
        }
        let at = self.memo.slot(text, &tokens[i]);
        self.at[i] = at;
        at as usize
    }

    /// The info in slot `at` (from [`SentenceInfos::slot`]).
    #[inline(always)]
    fn info(&self, at: usize) -> &TokInfo {
        &self.memo.slots[at].info
    }

    /// The [`WordTops`] of token `i`.
    #[inline(always)]
    fn tops(&mut self, text: &str, tokens: &[Token], i: usize) -> &WordTops {
        let at = self.slot(text, tokens, i);
        &self.memo.slots[at].tops
    }

    /// The info of token `i`.
    #[inline(always)]
    fn get(&mut self, text: &str, tokens: &[Token], i: usize) -> &TokInfo {
        let at = self.slot(text, tokens, i);
        self.info(at)
    }
}

/// The token is a connector word ([`is_connector`]).
#[inline(always)]
fn is_connector_token(text: &str, tok: &Token) -> bool {
    is_connector(&text.as_bytes()[tok.span.start..tok.span.end])
}

/// Token `j` is capitalised or a connector word: it may be inside a
/// capitalised run. A function, not a closure, so that it can be inlined
/// always (a closure cannot carry the attribute; left out of line, the
/// scoring loop calls it a dozen times a token).
#[inline(always)]
fn cap_or_connector(text: &str, tokens: &[Token], j: usize) -> bool {
    tokens[j].is_capitalised() || is_connector_token(text, &tokens[j])
}

/// Where [`extract`] sends the features of a token: at most
/// [`MAX_FEATURES`] of them are kept, the others are dropped.
pub(crate) trait Sink {
    /// Forget the features of the previous token.
    fn clear(&mut self);
    /// Add a feature, given its hash through [`finish_top`] (what the
    /// tables of the templates over small values hold).
    fn push_top(&mut self, top: u64);
    /// Add a feature, given its unfinished hash.
    #[inline(always)]
    fn push(&mut self, h: u64) {
        self.push_top(finish_top(h));
    }
    /// Add a feature of a template that reads the info of one token alone,
    /// the token in role `role` (see [`ROLE_CUR`]), given its unfinished
    /// hash by `h`: a sink that keeps its sum for the word may not ask.
    #[inline(always)]
    fn push_word(&mut self, _role: usize, h: impl FnOnce() -> u64) {
        self.push(h());
    }
    /// Add the feature of no template (the bias).
    #[inline(always)]
    fn push_bias(&mut self) {
        self.push(t(0));
    }
    /// Add the features of the previous label `l1` and the previous two, `l1` and `l2`.
    #[inline(always)]
    fn push_labels(&mut self, l1: usize, l2: usize) {
        self.push_top(TOP_18[l1]);
        self.push_top(TOP_19[l1][l2]);
    }
    /// Add the feature of the case of the previous, this and the next
    /// token: `case` has them as bits 2, 1 and 0. After [`Sink::push_labels`].
    #[inline(always)]
    fn push_case(&mut self, case: usize) {
        self.push_top(TOP_27[case >> 2][case >> 1 & 1][case & 1]);
    }
    /// Add the features of gazetteer bit `b` of the token: alone, with its
    /// case `cap` and with the previous label `l1`.
    #[inline(always)]
    fn push_gaz(&mut self, b: usize, cap: usize, l1: usize) {
        self.push_top(TOP_40[b]);
        self.push_top(TOP_41[b][cap]);
        self.push_top(TOP_42[b][l1]);
    }
    /// Add the features of the gazetteer bits ([`push_gaz_features`]); a
    /// sink may keep their sums in `memo`.
    #[inline(always)]
    fn push_gazetteer(&mut self, _memo: &mut GazMemo, g: u32, prev: u32, next: u32, cap: usize, l1: usize) {
        push_gaz_features(self, g, prev, next, cap, l1);
    }
    /// Whether [`Sink::push_word`] in role `role` asks for the hashes:
    /// `false` lets [`extract`] skip the work of finding them.
    #[inline(always)]
    fn asks(&self, _role: usize) -> bool {
        true
    }
    /// Add a feature of a template over a [`ShapeKey`] alone, given its
    /// unfinished hash by `h`: a sink that keeps their sum may not ask.
    #[inline(always)]
    fn push_shape(&mut self, h: impl FnOnce() -> u64) {
        self.push(h());
    }
    /// Before the features of a token: take the sum kept in `memo` of the
    /// features of `key` (see [`ShapeMemo`]), summing and keeping it first
    /// if it is not there.
    #[inline(always)]
    fn recall_shapes(&mut self, _memo: &mut [ShapeSlot], _key: &ShapeKey) {}
    /// Before the features of a token: take the sums kept in `memo` of the
    /// words in the slots given by role (see [`WordSums`]), summing and
    /// keeping those not known first.
    #[inline(always)]
    fn recall(&mut self, _memo: &mut [MemoSlot], _slots: &[usize; ROLES]) {}
}

impl Sink for FeatBuf {
    #[inline(always)]
    fn clear(&mut self) {
        self.len = 0;
    }

    #[inline(always)]
    fn push_top(&mut self, top: u64) {
        if self.len < MAX_FEATURES {
            self.hashes[self.len] = finish_last(top);
            self.len += 1;
        }
    }
}

/// A [`Sink`] that sums the weight rows of the features as they come, for
/// tagging (no buffer). Each row is read as 16 bytes (9 weights and 7 bytes
/// of the next row, ignored); `weights` carries 7 bytes of padding for the
/// last row.
///
/// It sums every feature, so it is for sentences whose gazetteer bits are
/// [`within_cap`]: then `i16` lanes cannot overflow (`MAX_FEATURES × 127 <
/// 32767`) and no feature is past the cap. [`Scorer::sum`] scores the
/// features of other tokens.
///
/// It asks for none of the features of [`Sink::push_word`] and
/// [`Sink::push_shape`]: [`Sink::recall`] and [`Sink::recall_shapes`] add
/// their sums from the memos, summing them apart ([`word_sums`],
/// [`shape_sums`]) the first time. So the scoring path has no test per
/// feature of whether its sum was recalled, and sums nothing to keep.
pub(crate) struct Scorer<'w, R> {
    rows: R,
    tables: &'w RowTables,
    acc: [i16; 16],
    /// `l1 * N_LABELS + l2` from [`Sink::push_labels`]: its rows are added
    /// with those of [`Sink::push_case`], in one row of the tables.
    labels_at: usize,
}

/// The log2 of the rows of the models trained by default, the embedded
/// one among them: see [`DefaultRows`].
pub(crate) const DEFAULT_ROWS_LOG2: u32 = 18;

/// The padded weights of a table of `2^DEFAULT_ROWS_LOG2` rows.
const DEFAULT_WEIGHTS: usize = (N_LABELS << DEFAULT_ROWS_LOG2) + ROW_PAD;

/// The table of weight rows a [`Scorer`] reads: rows of `N_LABELS` weights
/// followed by [`ROW_PAD`] bytes, so that every row can be read as 16
/// bytes, picked by the top bits of a feature's hash.
pub(crate) trait Rows: Copy {
    /// The 16 bytes from the start of the row of the feature whose hash
    /// through [`finish_top`] is `top` (the top bits of a finished hash
    /// are the same: `finish_last` leaves the top 29 alone and a table
    /// has at most `2^28` rows).
    fn row(&self, top: u64) -> Option<&[i8]>;

    /// The same table for the paths that fill the memos ([`fill_word_sums`],
    /// [`shape_sums`], [`gaz_sums`]): out of line, they are compiled without
    /// the CPU features a `Self` may need inlined, so they read rows as a
    /// table that needs none.
    type Cold: Rows;

    /// See [`Rows::Cold`].
    fn cold(self) -> Self::Cold;

    /// Add to `acc` the row of the feature whose hash through
    /// [`finish_top`] is `top`.
    #[inline(always)]
    fn add_row(&self, acc: &mut [i16; 16], top: u64) {
        if let Some(w) = self.row(top) {
            for (a, &x) in acc.iter_mut().zip(w) {
                *a += i16::from(x);
            }
        }
    }

    /// Add `sums` (16 lanes, those from `N_LABELS` on ignored) to `acc`.
    #[inline(always)]
    fn add_sums(&self, acc: &mut [i16; 16], sums: &[i16; 16]) {
        for (a, &x) in acc.iter_mut().zip(sums) {
            *a += x;
        }
    }
}

/// A table of any number of rows, `2^(64 - shift)`.
#[derive(Clone, Copy)]
pub(crate) struct AnyRows<'w> {
    weights: &'w [i8],
    shift: u32,
}

impl<'w> AnyRows<'w> {
    /// The table of padded `weights` whose rows the top `64 - shift` bits of a hash pick.
    pub(crate) const fn new(weights: &'w [i8], shift: u32) -> Self {
        Self { weights, shift }
    }
}

impl<'w> Rows for AnyRows<'w> {
    type Cold = Self;

    #[inline(always)]
    fn cold(self) -> Self {
        self
    }

    #[inline(always)]
    fn row(&self, top: u64) -> Option<&[i8]> {
        // A row number has at most 28 bits (`model::decode` and
        // `Tagger::from_parts` check), so through `u32` the compiler
        // knows `r + 16` cannot overflow.
        #[allow(clippy::cast_possible_truncation)]
        let r = (top >> self.shift) as u32 as usize * N_LABELS;
        self.weights.get(r..r + 16)
    }
}

/// A table of `2^DEFAULT_ROWS_LOG2` rows: the same rows as [`AnyRows`]
/// of its weights, but its length and shift are constants, so the
/// compiler proves every row in bounds and shifts by a constant. Reading
/// rows is most of the cost of scoring a token, and this takes a third
/// of the instructions off each read.
#[derive(Clone, Copy)]
pub(crate) struct DefaultRows<'w>(&'w [i8; DEFAULT_WEIGHTS]);

impl<'w> DefaultRows<'w> {
    /// The table of padded `weights` when it has `2^DEFAULT_ROWS_LOG2`
    /// rows (its length tells: it grows with the rows).
    pub(crate) fn of(weights: &'w [i8]) -> Option<Self> {
        weights.try_into().ok().map(Self)
    }
}

impl<'w> Rows for DefaultRows<'w> {
    type Cold = Self;

    #[inline(always)]
    fn cold(self) -> Self {
        self
    }

    #[inline(always)]
    fn row(&self, top: u64) -> Option<&[i8]> {
        let r = (top >> (64 - DEFAULT_ROWS_LOG2)) as usize * N_LABELS;
        self.0.get(r..r + 16)
    }
}

/// [`DefaultRows`] for a CPU with AVX2: each row or sum is added to all
/// sixteen lanes in one or two instructions.
///
/// Why not leave it to the compiler in a function compiled for AVX2: it
/// sees that only the first [`N_LABELS`] lanes are read and adds eight
/// lanes in a vector and the ninth apart, four instructions a row where
/// two do. The adds are in `asm!`, which it cannot narrow. Lanes past
/// `N_LABELS` hold sums of padding, read by nobody, as in the plain adds.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
pub(crate) struct Avx2Rows<'w>(DefaultRows<'w>);

#[cfg(target_arch = "x86_64")]
impl<'w> Avx2Rows<'w> {
    /// `rows` read with AVX2, if the CPU has it (std caches the answer).
    pub(crate) fn detect(rows: DefaultRows<'w>) -> Option<Self> {
        std::is_x86_feature_detected!("avx2").then_some(Self(rows))
    }
}

#[cfg(target_arch = "x86_64")]
impl<'w> Rows for Avx2Rows<'w> {
    type Cold = DefaultRows<'w>;

    #[inline(always)]
    fn cold(self) -> DefaultRows<'w> {
        self.0
    }

    #[inline(always)]
    fn row(&self, top: u64) -> Option<&[i8]> {
        self.0.row(top)
    }

    #[inline(always)]
    fn add_row(&self, acc: &mut [i16; 16], top: u64) {
        if let Some(w) = self.row(top) {
            let w: &[i8; 16] = w.try_into().expect("a row is read as 16 bytes");
            // SAFETY: an `Avx2Rows` is made only where the CPU has AVX2.
            unsafe { avx2::add_bytes(acc, w) }
        }
    }

    #[inline(always)]
    fn add_sums(&self, acc: &mut [i16; 16], sums: &[i16; 16]) {
        // SAFETY: as in `add_row`.
        unsafe { avx2::add_lanes(acc, sums) }
    }
}

/// The AVX2 adds of [`Avx2Rows`].
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::asm;
    use std::arch::x86_64::{__m256i, _mm256_loadu_si256, _mm256_storeu_si256};

    /// Add the sixteen `i8` of `w`, widened, to the sixteen lanes of `acc` (wrapping).
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(super) fn add_bytes(acc: &mut [i16; 16], w: &[i8; 16]) {
        // SAFETY: `acc` is 32 bytes (an unaligned load and store), `w` 16
        // (the only memory the asm reads); the caller's CPU has AVX2.
        unsafe {
            let mut a = _mm256_loadu_si256(acc.as_ptr().cast::<__m256i>());
            asm!(
                "vpmovsxbw {t}, xmmword ptr [{w}]",
                "vpaddw {a}, {a}, {t}",
                a = inout(ymm_reg) a,
                w = in(reg) w.as_ptr(),
                t = out(ymm_reg) _,
                options(pure, readonly, nostack, preserves_flags),
            );
            _mm256_storeu_si256(acc.as_mut_ptr().cast::<__m256i>(), a);
        }
    }

    /// Add the sixteen lanes of `sums` to those of `acc` (wrapping).
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(super) fn add_lanes(acc: &mut [i16; 16], sums: &[i16; 16]) {
        // SAFETY: as in `add_bytes`; `sums` is 32 bytes.
        unsafe {
            let mut a = _mm256_loadu_si256(acc.as_ptr().cast::<__m256i>());
            asm!(
                "vpaddw {a}, {a}, ymmword ptr [{s}]",
                a = inout(ymm_reg) a,
                s = in(reg) sums.as_ptr(),
                options(pure, readonly, nostack, preserves_flags),
            );
            _mm256_storeu_si256(acc.as_mut_ptr().cast::<__m256i>(), a);
        }
    }
}

impl<'w, R: Rows> Scorer<'w, R> {
    /// A scorer over the table `rows`, with the [`RowTables`] of its weights.
    pub(crate) const fn new(rows: R, tables: &'w RowTables) -> Self {
        Self { rows, tables, acc: [0; 16], labels_at: 0 }
    }

    /// The scores of the labels, as summed.
    #[inline(always)]
    pub(crate) fn sums(&self) -> [i16; N_LABELS] {
        std::array::from_fn(|l| self.acc[l])
    }

    /// The scores of the labels.
    #[inline(always)]
    pub(crate) fn scores(&self) -> [i32; N_LABELS] {
        let mut s = [0i32; N_LABELS];
        for (d, &a) in s.iter_mut().zip(&self.acc) {
            *d = i32::from(a);
        }
        s
    }

    /// Score the features `hashes` (finished, from a [`FeatBuf`]).
    pub(crate) fn sum(&mut self, hashes: &[u64]) {
        self.acc = [0; 16];
        for &h in hashes {
            self.rows.add_row(&mut self.acc, h);
        }
    }
}

impl<R: Rows> Sink for Scorer<'_, R> {
    #[inline(always)]
    fn clear(&mut self) {
        self.acc = [0; 16];
    }

    #[inline(always)]
    fn push_top(&mut self, top: u64) {
        self.rows.add_row(&mut self.acc, top);
    }

    /// In the rows of [`Sink::push_case`].
    #[inline(always)]
    fn push_bias(&mut self) {}

    /// In the rows of [`Sink::push_case`], which comes later.
    #[inline(always)]
    fn push_labels(&mut self, l1: usize, l2: usize) {
        self.labels_at = l1 * N_LABELS + l2;
    }

    #[inline(always)]
    fn push_case(&mut self, case: usize) {
        if let Some(sums) = self.tables.labels.get(self.labels_at * 8 + case) {
            self.rows.add_sums(&mut self.acc, sums);
        }
    }

    #[inline(always)]
    fn push_gazetteer(&mut self, memo: &mut GazMemo, g: u32, prev: u32, next: u32, cap: usize, l1: usize) {
        if g == 0 {
            self.rows.add_sums(&mut self.acc, &self.tables.gaz_none);
        } else {
            let own = memo.sums(self.rows.cold(), g);
            self.rows.add_sums(&mut self.acc, &own[GAZ_OWN + cap]);
            self.rows.add_sums(&mut self.acc, &own[GAZ_LABEL + l1]);
        }
        if prev != 0 {
            self.rows.add_sums(&mut self.acc, &memo.sums(self.rows.cold(), prev)[GAZ_PREV]);
        }
        if next != 0 {
            self.rows.add_sums(&mut self.acc, &memo.sums(self.rows.cold(), next)[GAZ_NEXT]);
        }
    }

    /// In the sums of [`Sink::recall`].
    #[inline(always)]
    fn push_word(&mut self, _role: usize, _h: impl FnOnce() -> u64) {}

    #[inline(always)]
    fn asks(&self, _role: usize) -> bool {
        false
    }

    /// In the sums of [`Sink::recall_shapes`].
    #[inline(always)]
    fn push_shape(&mut self, _h: impl FnOnce() -> u64) {}

    #[inline(always)]
    fn recall_shapes(&mut self, memo: &mut [ShapeSlot], key: &ShapeKey) {
        if let Some(slot) = memo.get_mut(key.at()) {
            if slot.key != *key {
                *slot = ShapeSlot { key: *key, sums: shape_sums(self.rows.cold(), key) };
            }
            self.rows.add_sums(&mut self.acc, &slot.sums);
        } else {
            // No memo: sum them each time.
            self.rows.add_sums(&mut self.acc, &shape_sums(self.rows.cold(), key));
        }
    }

    #[inline(always)]
    fn recall(&mut self, memo: &mut [MemoSlot], slots: &[usize; ROLES]) {
        for (role, &at) in slots.iter().enumerate() {
            if let Some(slot) = memo.get_mut(at) {
                if slot.sums.known & 1 << role == 0 {
                    fill_word_sums(self.rows.cold(), slot, role);
                }
                let sums = slot.sums.rows[N_LABELS * role..N_LABELS * role + 16].try_into().expect("16 lanes");
                self.rows.add_sums(&mut self.acc, sums);
            }
        }
        // The sentinels (no token before the first or after the last),
        // apart: added in the loop, they would make it pick an address.
        for role in [ROLE_PREV, ROLE_NEXT] {
            if slots[role] == NO_SLOT {
                self.rows.add_sums(&mut self.acc, &self.tables.sentinels[role]);
            }
        }
    }
}

/// The sums of the features [`extract`] pushes with [`Sink::push_word`]
/// for a token with `info` in role `role`, read from `rows`: the same
/// templates (a test holds the two to each other).
#[inline(always)]
fn word_sums<R: Rows>(rows: R, info: &TokInfo, role: usize) -> [i16; 16] {
    let mut acc = [0; 16];
    let [word, shape] = [[1, 6], [2, 7], [3, 8]][role];
    rows.add_row(&mut acc, finish_top(mix(t(word), info.word)));
    rows.add_row(&mut acc, finish_top(mix(t(shape), info.shape)));
    if role == ROLE_CUR {
        for k in 0..3 {
            if info.pre[k] != 0 {
                rows.add_row(&mut acc, finish_top(mix(t(10 + k), info.pre[k])));
            }
            if info.suf[k] != 0 {
                rows.add_row(&mut acc, finish_top(mix(t(13 + k), info.suf[k])));
            }
        }
    }
    acc
}

/// Sum the features of the word of `slot` in role `role` into its
/// [`WordSums`]; apart, as the scoring path rarely needs it.
#[cold]
#[inline(never)]
fn fill_word_sums<R: Rows>(rows: R, slot: &mut MemoSlot, role: usize) {
    let sums = word_sums(rows, &slot.info, role);
    slot.sums.rows[N_LABELS * role..N_LABELS * (role + 1)].copy_from_slice(&sums[..N_LABELS]);
    slot.sums.known |= 1 << role;
}

/// The sums of the features [`extract`] pushes with [`Sink::push_shape`]
/// for a token of [`ShapeKey`] `key`, read from `rows`: the same templates
/// (a test holds the two to each other).
#[cold]
#[inline(never)]
fn shape_sums<R: Rows>(rows: R, key: &ShapeKey) -> [i16; 16] {
    let [s_1, cur_shape, s1] = key.shapes;
    let (p1, start) = (key.p1_start & 0xff, key.p1_start >> 8 & 1);
    let mut acc = [0; 16];
    for h in [
        mix(mix(mix(t(9), s_1), cur_shape), s1),
        mix(mix(t(21), p1), cur_shape),
        mix(mix(t(22), start), cur_shape),
        mix(mix(mix(t(26), p1), cur_shape), s1),
    ] {
        rows.add_row(&mut acc, finish_top(h));
    }
    acc
}

/// The sums of a [`GazSlot`] of bit-set `g`, read from `rows`.
#[cold]
#[inline(never)]
fn gaz_sums<R: Rows>(rows: R, g: u32) -> [[i16; 16]; GAZ_SUMS] {
    let mut sums = [[0; 16]; GAZ_SUMS];
    for cap in 0..2 {
        rows.add_row(&mut sums[GAZ_OWN + cap], finish_top(mix(t(43), u64::from(g))));
    }
    let mut bits = g;
    while bits != 0 {
        let b = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        for cap in 0..2 {
            rows.add_row(&mut sums[GAZ_OWN + cap], TOP_40[b]);
            rows.add_row(&mut sums[GAZ_OWN + cap], TOP_41[b][cap]);
        }
        for l1 in 0..N_LABELS {
            rows.add_row(&mut sums[GAZ_LABEL + l1], TOP_42[b][l1]);
        }
        rows.add_row(&mut sums[GAZ_PREV], TOP_44[b]);
        rows.add_row(&mut sums[GAZ_NEXT], TOP_45[b]);
    }
    sums
}

/// The sums of the rows of the features over a few small values that
/// [`extract`] pushes together, for a [`Scorer`]: one read instead of two
/// or three hash-picked rows.
///
/// Exact for the reasons of [`WordSums`]. Per model, made with it.
#[derive(Debug, Clone)]
pub(crate) struct RowTables {
    /// By `(l1 * N_LABELS + l2) * 8 + case`: the rows of [`Sink::push_bias`],
    /// [`Sink::push_labels`] and [`Sink::push_case`].
    labels: Vec<[i16; 16]>,
    /// The row of the features of an empty bit-set (template 43).
    gaz_none: [i16; 16],
    /// By role: the [`word_sums`] of the sentinel before the first token
    /// ([`ROLE_PREV`]) and after the last ([`ROLE_NEXT`]); of none for
    /// [`ROLE_CUR`], which always has a token.
    sentinels: [[i16; 16]; ROLES],
}

impl RowTables {
    /// The tables of a padded table of rows of `N_LABELS` weights, for
    /// hashes whose top `64 - shift` bits pick the row.
    pub(crate) fn new(weights: &[i8], shift: u32) -> Self {
        let rows = AnyRows::new(weights, shift);
        let sum = |tops: &[u64]| {
            let mut acc = [0; 16];
            for &top in tops {
                rows.add_row(&mut acc, top);
            }
            acc
        };
        let labels = (0..N_LABELS * N_LABELS * 8)
            .map(|k| {
                let (l1, l2, case) = (k / 8 / N_LABELS, k / 8 % N_LABELS, k % 8);
                let top27 = TOP_27[case >> 2][case >> 1 & 1][case & 1];
                sum(&[finish_top(t(0)), TOP_18[l1], TOP_19[l1][l2], top27])
            })
            .collect();
        let gaz_none = sum(&[finish_top(mix(t(43), 0))]);
        let sentinel = |word| TokInfo { word, shape: word, ..TokInfo::default() };
        let sentinels =
            [[0; 16], word_sums(rows, &sentinel(BOS), ROLE_PREV), word_sums(rows, &sentinel(EOS), ROLE_NEXT)];
        Self { labels, gaz_none, sentinels }
    }
}

/// The features of one token, as finished hashes.
pub(crate) struct FeatBuf {
    pub hashes: [u64; MAX_FEATURES],
    pub len: usize,
}

impl FeatBuf {
    pub(crate) const fn new() -> Self {
        Self { hashes: [0; MAX_FEATURES], len: 0 }
    }

    /// The features collected so far.
    pub(crate) fn as_slice(&self) -> &[u64] {
        &self.hashes[..self.len]
    }
}

/// The seed of every template's hashes, computed at compile time.
const TEMPLATES: [u64; 46] = {
    let mut t = [0u64; 46];
    let mut k = 0;
    while k < 46 {
        t[k] = mix(0x7465_6d70_6c00, k as u64);
        k += 1;
    }
    t
};

#[inline(always)]
const fn t(template: usize) -> u64 {
    TEMPLATES[template]
}

/// `finish_top(mix(h, a))` for every `a` below `A`.
///
/// Why tables: the templates over labels, case flags, run positions and
/// gazetteer bits take a few dozen values each, and a table read of a
/// hash already through [`finish_top`] costs a load where hashing costs
/// two multiplications and their constants, a dozen times per token.
const fn tops<const A: usize>(h: u64) -> [u64; A] {
    let mut t = [0; A];
    let mut a = 0;
    while a < A {
        t[a] = finish_top(mix(h, a as u64));
        a += 1;
    }
    t
}

/// [`tops`] of `mix(h, a)` for every `a` below `A`.
const fn tops2<const A: usize, const B: usize>(h: u64) -> [[u64; B]; A] {
    let mut t = [[0; B]; A];
    let mut a = 0;
    while a < A {
        t[a] = tops(mix(h, a as u64));
        a += 1;
    }
    t
}

/// [`tops2`] of `mix(h, a)` for every `a` below `A`.
const fn tops3<const A: usize, const B: usize, const C: usize>(h: u64) -> [[[u64; C]; B]; A] {
    let mut t = [[[0; C]; B]; A];
    let mut a = 0;
    while a < A {
        t[a] = tops2(mix(h, a as u64));
        a += 1;
    }
    t
}

/// The previous label; the previous two.
const TOP_18: [u64; N_LABELS] = tops(t(18));
const TOP_19: [[u64; N_LABELS]; N_LABELS] = tops2(t(19));
/// Case of the previous, this and the next token.
const TOP_27: [[[u64; 2]; 2]; 2] = tops3(t(27));
/// A capitalised run's length (capped at 6), position in it and distance
/// to its end (capped at 4); the position with the previous label.
const TOP_28: [[[u64; 5]; 5]; 7] = tops3(t(28));
const TOP_29: [[u64; N_LABELS]; 5] = tops2(t(29));
/// A gazetteer bit of the token: alone, with its case, with the previous
/// label; of the previous token; of the next one.
const TOP_40: [u64; 32] = tops(t(40));
const TOP_41: [[u64; 2]; 32] = tops2(t(41));
const TOP_42: [[u64; N_LABELS]; 32] = tops2(t(42));
const TOP_44: [u64; 32] = tops(t(44));
const TOP_45: [u64; 32] = tops(t(45));

/// Connector words that may sit inside a name ("Bank of England").
#[inline(always)]
fn is_connector(word: &[u8]) -> bool {
    // The words of `CONNECTORS`, matched by length and bytes.
    matches!(word, b"of" | b"the" | b"and" | b"for" | b"de" | b"&" | b"von" | b"van" | b"al" | b"du" | b"del" | b"la")
}

/// A word of at most three bytes packed into a `u32`: its length, then its bytes.
#[cfg(test)]
const fn short_key(b: &[u8]) -> u32 {
    let mut k = b.len() as u32;
    let mut i = 0;
    while i < b.len() && i < 3 {
        k |= (b[i] as u32) << (8 * (i + 1));
        i += 1;
    }
    k
}

/// The keys of the connector words (what [`is_connector`] matched before; kept to test it).
#[cfg(test)]
const CONNECTORS: [u32; 12] = {
    let words: [&[u8]; 12] = [b"of", b"the", b"and", b"for", b"de", b"&", b"von", b"van", b"al", b"du", b"del", b"la"];
    let mut k = [0u32; 12];
    let mut i = 0;
    while i < 12 {
        k[i] = short_key(words[i]);
        i += 1;
    }
    k
};

/// Whether token `i` starts a sentence: it is the first, or follows
/// punctuation that ends one (through opening quotes and brackets).
///
/// Inline for the test that nearly always decides (the previous token is
/// not punctuation), which costs less than the call it spares.
#[inline(always)]
fn is_sentence_start(text: &str, tokens: &[Token], i: usize) -> bool {
    match i.checked_sub(1) {
        None => true,
        Some(p) => tokens[p].kind == TokenKind::Punct && follows_sentence_end(text, tokens, i),
    }
}

/// [`is_sentence_start`] of a token `i > 0` after punctuation.
#[inline(never)]
fn follows_sentence_end(text: &str, tokens: &[Token], i: usize) -> bool {
    let p = &tokens[i - 1];
    match &text[p.span.start..p.span.end] {
        "." | "!" | "?" | ":" | ";" | "—" | "–" => true,
        "\"" | "“" | "‘" | "'" | "(" | "[" => is_sentence_start(text, tokens, i - 1),
        _ => false,
    }
}

/// One sentence or document being tagged.
#[derive(Clone, Copy)]
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub gaz: &'a [u32],
}

/// Extract the features of token `i`, given the labels chosen for the two
/// tokens before it. `gaz` is empty or holds one bit-set per token; `cache`
/// must have been [prepared](InfoCache::prepare) for `doc`.
#[inline(always)]
pub(crate) fn extract<S: Sink>(doc: &Doc<'_>, i: usize, p1: Label, p2: Label, cache: &mut InfoCache, out: &mut S) {
    let Doc { text, tokens, gaz } = *doc;
    out.clear();
    let n = tokens.len();
    let InfoCache { infos, shapes, gaz: gaz_memo } = cache;
    let cache = &mut infos.of_sentence(n);
    let cap = |j: usize| tokens[j].is_capitalised();
    let cur_cap = cap(i);
    let c_1 = i >= 1 && cap(i - 1);
    let c1 = i + 1 < n && cap(i + 1);
    // Copies of what is needed from the neighbours, so that `cache` stays free.
    let (w_1, s_1, prev_at) = if i >= 1 {
        let at = cache.slot(text, tokens, i - 1);
        let x = cache.info(at);
        (x.word, x.shape, at)
    } else {
        (BOS, BOS, NO_SLOT)
    };
    let top4 = if i >= 2 { cache.tops(text, tokens, i - 2)[TOP_4] } else { BOS_TOPS[TOP_4] };
    let (w1, s1, next_at) = if i + 1 < n {
        let at = cache.slot(text, tokens, i + 1);
        let x = cache.info(at);
        (x.word, x.shape, at)
    } else {
        (EOS, EOS, NO_SLOT)
    };
    let top5 = if i + 2 < n { cache.tops(text, tokens, i + 2)[TOP_5] } else { EOS_TOPS[TOP_5] };
    let cur_at = cache.slot(text, tokens, i);
    let slots = [cur_at, prev_at, next_at];
    out.recall(&mut cache.memo.slots, &slots);
    let cur = cache.info(cur_at);
    let top23 = cache.memo.slots[cur_at].tops[TOP_23];
    let (cur_word, cur_shape) = (cur.word, cur.shape);
    let (l1, l2) = (p1 as usize, p2 as usize);
    let p1 = p1 as u64;
    let start = is_sentence_start(text, tokens, i);
    let shape_key = ShapeKey::new(s_1, cur_shape, s1, p1, start);
    out.recall_shapes(&mut shapes.slots, &shape_key);

    out.push_bias();
    out.push_word(ROLE_CUR, || mix(t(1), cur_word));
    out.push_word(ROLE_PREV, || mix(t(2), w_1));
    out.push_word(ROLE_NEXT, || mix(t(3), w1));
    out.push_top(top4);
    out.push_top(top5);
    out.push_word(ROLE_CUR, || mix(t(6), cur_shape));
    out.push_word(ROLE_PREV, || mix(t(7), s_1));
    out.push_word(ROLE_NEXT, || mix(t(8), s1));
    out.push_shape(|| mix(mix(mix(t(9), s_1), cur_shape), s1));
    if out.asks(ROLE_CUR) {
        for k in 0..3 {
            if cur.pre[k] != 0 {
                out.push_word(ROLE_CUR, || mix(t(10 + k), cur.pre[k]));
            }
            if cur.suf[k] != 0 {
                out.push_word(ROLE_CUR, || mix(t(13 + k), cur.suf[k]));
            }
        }
    }
    out.push(mix(mix(t(16), w_1), cur_word));
    out.push(mix(mix(t(17), cur_word), w1));
    out.push_labels(l1, l2);
    out.push(mix(mix(t(20), p1), cur_word));
    out.push_shape(|| mix(mix(t(21), p1), cur_shape));
    out.push_shape(|| mix(mix(t(22), u64::from(start)), cur_shape));
    if start {
        out.push_top(top23);
    }
    out.push(mix(mix(t(24), w_1), cur_shape));
    out.push(mix(mix(t(25), cur_shape), w1));
    out.push_shape(|| mix(mix(mix(t(26), p1), cur_shape), s1));
    out.push_case(usize::from(c_1) << 2 | usize::from(cur_cap) << 1 | usize::from(c1));

    // A connector between capitalised words ("Freedom and Progress",
    // "Bank of the United States"): what comes after decides.
    if !cur_cap && c_1 && is_connector_token(text, &tokens[i]) {
        let mut k = i + 1;
        while k < n && k < i + 3 && !cap(k) {
            k += 1;
        }
        if k < n && cap(k) {
            let mut e = k;
            while e + 1 < n && e < k + 5 && cap(e + 1) {
                e += 1;
            }
            let dist = (k - i) as u64;
            let we = cache.get(text, tokens, e).word;
            out.push(mix(mix(mix(t(34), p1), cur_word), dist));
            out.push(mix(mix(t(35), cur_word), we));
            out.push(mix(mix(t(36), p1), we));
        }
    }

    // Position in a run of capitalised words, connectors allowed inside.
    if cur_cap {
        let mut a = i;
        while a > 0 && i - a < 5 && cap_or_connector(text, tokens, a - 1) {
            a -= 1;
        }
        while a < i && !cap(a) {
            a += 1;
        }
        let mut b = i + 1;
        while b < n && b - i < 5 && cap_or_connector(text, tokens, b) {
            b += 1;
        }
        while b > i + 1 && !cap(b - 1) {
            b -= 1;
        }
        let pos = (i - a).min(4);
        out.push_top(TOP_28[(b - a).min(6)][pos][(b - 1 - i).min(4)]);
        out.push_top(TOP_29[pos][l1]);
        // The other words of the run ("Party" makes all of "Liberal
        // Democratic Party of Russia" an organisation), its last word, and
        // the words just outside it.
        for j in a.max((i + 1).saturating_sub(3))..b.min(i + 4) {
            if j != i {
                out.push_top(cache.tops(text, tokens, j)[TOP_30 + usize::from(j > i)]);
            }
        }
        out.push_top(cache.tops(text, tokens, b - 1)[TOP_31]);
        out.push_top(if a > 0 { cache.tops(text, tokens, a - 1)[TOP_32] } else { BOS_TOPS[TOP_32] });
        out.push_top(if b < n { cache.tops(text, tokens, b)[TOP_33] } else { EOS_TOPS[TOP_33] });
    }

    // Gazetteer bits: of the token, alone and with its shape and the
    // previous label; of the neighbours, alone.
    // (`gaz` is empty or has a set for every token.)
    if let Some(&g) = gaz.get(i) {
        let prev = if i >= 1 { gaz[i - 1] } else { 0 };
        let next = gaz.get(i + 1).copied().unwrap_or(0);
        out.push_gazetteer(gaz_memo, g, prev, next, usize::from(cur_cap), l1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The ASCII word path gives what the general one gives.
    #[test]
    fn ascii_infos_match_the_general_path() {
        let text = "President Vladimir Putin's 2,500-strong U.S. iPhone al-Qaeda x 12 Zelenskyy “Київ” a ab abc abcd abcde abcdef 3.5 G20 O'Brien XXxxXX";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        for tok in &tokens {
            assert_eq!(tok_info(text, tok), tok_info_general(text, tok), "{:?}", tok.span.of(text));
        }
    }

    /// The path from a memo key gives what the general one gives, for
    /// words of every length from 1 to 16 and every ASCII byte.
    #[test]
    fn keyed_infos_match_the_general_path() {
        let all: String = (1u8..128).map(char::from).collect();
        let text =
            format!("{all} {all}{all} a ab abc abcd abcde ABCDEFGHIJKLMNOP A Ab Abc Abcdefgh Abcdefghi AbC aB AB ABC Zz@[`{{ 12 x1 Київ abcdefghijklmnopq");
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let mut spans: Vec<_> = tokens.iter().map(|t| (t.span, t.kind)).collect();
        // Every 1- to 16-byte window of the ASCII run, as a word token.
        for start in 0..all.len() {
            for n in 1..=16.min(all.len() - start) {
                spans.push((crate::text::Span::new(start, start + n), TokenKind::Word));
            }
        }
        for (span, kind) in spans {
            let tok = Token::new(&text, span, kind);
            if (1..=16).contains(&span.len()) {
                let (key, _) = memo_key(&text, &tok);
                assert_eq!(keyed_info(key, &text, &tok), tok_info_general(&text, &tok), "{:?}", span.of(&text));
            }
        }
    }

    /// [`ascii_lower8`] lower-cases every ASCII byte and changes nothing else.
    #[test]
    fn ascii_lower8_lowers_each_byte() {
        for b in 0u8..128 {
            for at in 0..8 {
                let x = u64::from(b) << (8 * at) | 0x4161_5a7a_405b_601b_u64 & !(0xff << (8 * at));
                let want = u64::from_le_bytes(x.to_le_bytes().map(|c| c.to_ascii_lowercase()));
                assert_eq!(ascii_lower8(x), want, "{b:#x} at {at}");
            }
        }
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod avx2_tests {
    use super::*;

    /// [`Avx2Rows`] adds rows and sums into all sixteen lanes as the plain
    /// adds of [`DefaultRows`] do, from rows anywhere in the table (the
    /// last one among them, read into the padding).
    #[test]
    fn avx2_adds_are_the_plain_ones() {
        #[allow(clippy::cast_possible_truncation)]
        let weights: Vec<i8> = (0..DEFAULT_WEIGHTS as u64).map(|k| (k.wrapping_mul(K) >> 56) as i8).collect();
        let plain = DefaultRows::of(&weights).expect("a table of the default size");
        let Some(avx2) = Avx2Rows::detect(plain) else { return };
        let sums: [i16; 16] = std::array::from_fn(|l| i16::try_from(l).expect("small") * 7 - 50);
        let (mut a, mut b) = ([0i16; 16], [0i16; 16]);
        for k in 0..100u64 {
            let top = if k == 0 { u64::MAX } else { finish_top(k) };
            plain.add_row(&mut a, top);
            avx2.add_row(&mut b, top);
            assert_eq!(a, b, "row {k}");
            plain.add_sums(&mut a, &sums);
            avx2.add_sums(&mut b, &sums);
            assert_eq!(a, b, "sums after row {k}");
        }
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;
    use crate::text::tokenize;

    /// The memo answers what computing gives: for repeated words, numbers
    /// spelt like words, words longer than its key, and words at the very
    /// end of the text (fewer than sixteen bytes after them).
    #[test]
    fn memo_infos_match_computed_ones() {
        let text = "Putin met Putin. 2024 and 2024; Internationalisation Internationalisations x Київ Київ the the";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut memo = WordMemo::new(1 << MEMO_LOG2);
        for _ in 0..2 {
            memo.next_sentence();
            for tok in &tokens {
                let at = memo.slot(text, tok) as usize;
                assert_eq!(memo.slots[at].info, tok_info(text, tok), "{:?}", tok.span.of(text));
                assert_eq!(memo.slots[at].tops, word_tops(memo.slots[at].info.word));
            }
        }
    }

    /// [`WordTops`] are the hashes of the templates they stand for.
    #[test]
    fn word_tops_are_the_template_hashes() {
        for word in [BOS, EOS, 0, 0x1234_5678_9abc_def0, u64::MAX] {
            let tops = word_tops(word);
            let want = [
                mix(t(4), word),
                mix(t(5), word),
                mix(t(23), word),
                mix(mix(t(30), 0), word),
                mix(mix(t(30), 1), word),
                mix(t(31), word),
                mix(t(32), word),
                mix(t(33), word),
            ];
            assert_eq!(tops, want.map(finish_top));
        }
        assert_eq!((BOS_TOPS, EOS_TOPS), (word_tops(BOS), word_tops(EOS)));
    }

    /// A sentence of more distinct words than the memo has slots: the
    /// slots given out early still hold their words at the end, and a
    /// cache without memo gives the same infos.
    #[test]
    fn slots_of_a_sentence_are_never_overwritten() {
        let text: String = (0..3 << MEMO_LOG2).map(|k| format!("w{k} ")).collect();
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        for mut cache in [InfoCache::with_memo(), InfoCache::new()] {
            for _ in 0..2 {
                cache.prepare(&tokens);
                for i in 0..tokens.len() {
                    cache.infos.of_sentence(tokens.len()).slot(&text, &tokens, i);
                }
                for (i, tok) in tokens.iter().enumerate() {
                    assert_eq!(
                        *cache.infos.of_sentence(tokens.len()).get(&text, &tokens, i),
                        tok_info(&text, tok),
                        "{:?}",
                        tok.span.of(&text)
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod sum_tests {
    use super::*;
    use crate::tagger::{Label, Tagger};
    use crate::text::tokenize;

    /// A sink that counts the features, all of them.
    #[derive(Default)]
    struct Count {
        len: usize,
        most: usize,
    }

    impl Sink for Count {
        fn clear(&mut self) {
            self.len = 0;
        }
        fn push_top(&mut self, _top: u64) {
            self.len += 1;
            self.most = self.most.max(self.len);
        }
    }

    const TEXT: &str = "President Emmanuel Macron met Vladimir Putin in Moscow. The Bank of England and the \
                        Bank of the West said the President met Putin in Paris; Macron and Putin left Moscow.";

    /// [`MOST_PLAIN_FEATURES`] bounds the features of a token without
    /// gazetteer bits, and [`within_cap`] bits keep every token within the cap.
    #[test]
    fn feature_counts_stay_within_their_bounds() {
        let text = format!("{TEXT} Aa Bb Cc Dd Ee Ff Gg Hh Ii Jj Kk of Ll Mm Nn of the Oo Pp Qq Rr Ss Tt Uu . Vv");
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let low_bits = (1u32 << 30) - 1;
        assert!(within_cap(low_bits) && !within_cap(1 << 30));
        for (gaz, most) in [(vec![], MOST_PLAIN_FEATURES), (vec![low_bits; tokens.len()], MAX_FEATURES)] {
            let doc = Doc { text: &text, tokens: &tokens, gaz: &gaz };
            let mut cache = InfoCache::new();
            cache.prepare(&tokens);
            let mut count = Count::default();
            for i in 0..tokens.len() {
                for p1 in Label::ALL {
                    extract(&doc, i, p1, Label::O, &mut cache, &mut count);
                }
            }
            assert!(count.most <= most, "{} > {most}", count.most);
        }
    }

    /// The scorer, with sums of words kept and recalled from sentence to
    /// sentence, scores what summing the rows of the features training
    /// extracts gives, reading the rows of the embedded model (of the
    /// default size) as a table of the default size or of any size.
    #[test]
    fn scorer_sums_the_rows_of_the_features() {
        let tagger = Tagger::embedded();
        assert_eq!(tagger.rows_log2, DEFAULT_ROWS_LOG2);
        let rows = DefaultRows::of(&tagger.weights).expect("the embedded model has the default size");
        sums_the_rows_of_the_features(tagger, rows, TEXT);
        sums_the_rows_of_the_features(tagger, AnyRows::new(&tagger.weights, 64 - tagger.rows_log2), TEXT);
        assert!(DefaultRows::of(&tagger.weights[1..]).is_none());
    }

    /// The sums kept by [`ShapeKey`] are those of the key's token: here
    /// both "Putin" have the same shapes around them (and are scored after
    /// the same labels), but only the second starts a sentence.
    #[test]
    fn shape_sums_tell_sentence_starts_apart() {
        let text = "He said \"Putin met Macron.\" \"Putin met Macron.\"";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let putin: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].span.of(text) == "Putin").collect();
        assert_eq!(putin.len(), 2);
        assert!(!is_sentence_start(text, &tokens, putin[0]) && is_sentence_start(text, &tokens, putin[1]));
        let tagger = Tagger::embedded();
        let rows = DefaultRows::of(&tagger.weights).expect("the embedded model has the default size");
        sums_the_rows_of_the_features(tagger, rows, text);
    }

    fn sums_the_rows_of_the_features<R: Rows>(tagger: &Tagger, rows: R, text: &str) {
        let shift = 64 - tagger.rows_log2;
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut gaz = Vec::new();
        crate::lexicon::Lexicon::embedded().token_features(text, &tokens, &mut gaz);
        let doc = Doc { text, tokens: &tokens, gaz: &gaz };
        let (mut memo, mut plain) = (InfoCache::with_memo(), InfoCache::new());
        let (mut scorer, mut plain_scorer) = (Scorer::new(rows, &tagger.tables), Scorer::new(rows, &tagger.tables));
        let mut feats = FeatBuf::new();
        let histories: Vec<(Label, Label)> =
            Label::ALL.iter().flat_map(|&p1| [(p1, Label::O), (p1, Label::BOrg), (p1, p1)]).collect();
        for _ in 0..3 {
            memo.prepare(&tokens);
            memo.for_model(tagger.id);
            plain.prepare(&tokens);
            for i in 0..tokens.len() {
                for &(p1, p2) in &histories {
                    extract(&doc, i, p1, p2, &mut memo, &mut scorer);
                    extract(&doc, i, p1, p2, &mut plain, &mut feats);
                    let mut expected = [0i32; N_LABELS];
                    for &h in feats.as_slice() {
                        #[allow(clippy::cast_possible_truncation)]
                        let r = (h >> shift) as usize * N_LABELS;
                        for (e, &w) in expected.iter_mut().zip(&tagger.weights[r..r + N_LABELS]) {
                            *e += i32::from(w);
                        }
                    }
                    assert_eq!(scorer.scores(), expected, "token {i}");
                    extract(&doc, i, p1, p2, &mut plain, &mut plain_scorer);
                    assert_eq!(plain_scorer.scores(), expected, "token {i} without memo");
                }
            }
        }
    }
}

#[cfg(test)]
mod connector_tests {
    use super::*;
    use crate::text::tokenize;

    /// Connectors by byte match are the packed-key list, asked of a token or of its word.
    #[test]
    fn connectors_match_the_list() {
        for w in
            ["of", "the", "and", "for", "de", "&", "von", "van", "al", "du", "del", "la", "Of", "thee", "", "a", "an"]
        {
            assert_eq!(
                is_connector(w.as_bytes()),
                w.len() <= 3 && CONNECTORS.contains(&short_key(w.as_bytes())),
                "{w:?}"
            );
        }
        let text = "Bank of the West & Co, Ludwig van Beethoven and del Toro, the U.S. of 12 thee";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let found: Vec<&str> = tokens.iter().filter(|t| is_connector_token(text, t)).map(|t| t.span.of(text)).collect();
        assert_eq!(found, ["of", "the", "&", "van", "and", "del", "the", "of"]);
    }
}
