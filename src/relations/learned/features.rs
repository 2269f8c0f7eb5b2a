//! Features of one ordered pair of mentions in a sentence, shared by
//! training and run time.
//!
//! Every feature is a 64-bit hash built from a template number and a few
//! hashed words; a pair's features go into a fixed stack buffer
//! ([`PairFeats`]), so scoring a pair allocates nothing and never builds a
//! string. The templates read the two span types, the token distance, the
//! words and punctuation between the mentions, the words around them, the
//! other mentions between them, the lexicon's per-token bits, and whether a
//! rule already fired on either mention.

use crate::hashing::{finish, mix, K};
use crate::lexicon::bits;
use crate::mentions::SpanType;
use crate::text::{short_span_bytes, Token, TokenKind};
use std::ops::Range;

/// Version of the feature templates; stored in the model header so that a
/// model trained with other templates is refused instead of silently wrong.
pub const FEATURE_VERSION: u32 = 4;

/// Upper bound on the features of one pair (the buffer is on the stack).
pub const MAX_FEATURES: usize = 96;

/// Pairs whose mentions are farther apart than this (tokens between) are never scored.
pub const MAX_GAP: usize = 30;

/// One end of a candidate pair: a mention (at run time) or a gold entity (in training).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct End {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// What the span is.
    pub kind: SpanType,
    /// A rule already read a relation with this mention as one end.
    pub ruled: bool,
}

/// One sentence, as the pair features read it.
#[derive(Clone)]
pub struct PairCtx<'a> {
    /// Lexicon bits per token ([`crate::lexicon::Lexicon::scan`]); may be empty.
    pub features: &'a [u32],
    /// The sentence's tokens.
    pub sentence: Range<usize>,
    /// Every mention of the sentence, sorted by position.
    pub ends: &'a [End],
    /// [`token_facts`] of the document's tokens (at least of the sentence's),
    /// found with these `features`.
    pub facts: &'a [TokenFacts],
}

/// The features of one pair, as finished hashes.
pub struct PairFeats {
    hashes: [u64; MAX_FEATURES],
    len: usize,
}

impl Default for PairFeats {
    fn default() -> Self {
        Self { hashes: [0; MAX_FEATURES], len: 0 }
    }
}

impl PairFeats {
    /// The features collected.
    #[must_use]
    pub fn as_slice(&self) -> &[u64] {
        &self.hashes[..self.len]
    }
}

/// Where [`collect`] puts a pair's feature hashes, one by one and in
/// order: an array (for training, [`pair_features`]) or a running sum of
/// the model's weights (at run time, which then never stores them).
pub trait Sink {
    /// Take feature number `i` with finished hash `h`.
    fn take(&mut self, i: usize, h: u64);

    /// Take feature number `i` with hash `h` not yet finished: what
    /// [`Self::take`] of `finish(h)` does. A sink that reads only the top
    /// bits of a hash may finish it less (`crate::hashing::finish_top`).
    #[inline]
    fn take_unfinished(&mut self, i: usize, h: u64) {
        self.take(i, finish(h));
    }

    /// Take feature number `i`, the finished hash `h` read from one of the
    /// templates' tables (the `T*` constants); `weight` reads the same
    /// place of a model's [`TableWeights`]. A sink that sums a model's
    /// weights may add that instead of looking `h` up: the same number.
    #[inline]
    fn take_table(&mut self, i: usize, h: u64, weight: impl FnOnce(&TableWeights) -> f32) {
        let _ = weight;
        self.take(i, h);
    }
}

impl Sink for [u64; MAX_FEATURES] {
    #[inline]
    fn take(&mut self, i: usize, h: u64) {
        if let Some(slot) = self.get_mut(i) {
            *slot = h;
        }
    }
}

/// Hands features to a [`Sink`], with the count in a local, so it stays in
/// a register: pushing through `&mut PairFeats` stored and reloaded it
/// around every feature.
///
/// It does not test the count against [`MAX_FEATURES`] at every feature:
/// the templates give at most [`MOST_FEATURES`] (a test checks it), so a
/// scoring sink sees the same features as the array.
struct Writer<'a, S: Sink> {
    sink: &'a mut S,
    len: usize,
}

impl<S: Sink> Writer<'_, S> {
    #[inline]
    fn push(&mut self, h: u64) {
        self.sink.take_unfinished(self.len, h);
        self.len += 1;
    }

    /// Add a feature already finished (a [`TokenFacts::between`]).
    #[inline]
    fn push_finished(&mut self, h: u64) {
        self.sink.take(self.len, h);
        self.len += 1;
    }

    /// Add a feature read from a template's table ([`Sink::take_table`]).
    #[inline]
    fn push_table(&mut self, h: u64, weight: impl FnOnce(&TableWeights) -> f32) {
        self.sink.take_table(self.len, h, weight);
        self.len += 1;
    }
}

/// The most features [`collect`] gives a pair: one of each of 34
/// templates, up to 12 words between and up to 6 role bits between.
pub const MOST_FEATURES: usize = 52;

const _: () = assert!(MOST_FEATURES <= MAX_FEATURES);

/// What the templates read of one token. A token lies between many of the
/// pairs of a sentence full of names, so this is found once per token from
/// its text, not again for every pair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenFacts {
    /// Hash of its lower-cased text (numbers by kind only).
    pub word: u64,
    /// Its byte when it is punctuation (a punctuation token is one character: its first byte).
    pub punct: Option<u8>,
    /// It is "and", "or" or "&".
    pub conjunction: bool,
    /// Hash of the last three bytes of a lower-case word (`suffix`).
    pub suffix: u64,
    /// The finished "word between" feature (template 7) of this token:
    /// pushed for every pair with this token between, so hashed once here.
    pub between: u64,
    /// What the "between" templates of [`pair_features`] read of it, as
    /// bits gathered by one `or` per token between a pair: its role bits
    /// (bit `n` when its lexicon bits hold `ROLE_BITS[n]`), `VERB`, and
    /// `SEMI`, `COLON`, `DASH` or `WORD` by its class.
    pub marks: u16,
    /// What it adds to the counts of commas (low byte) and brackets (high
    /// byte) between a pair: summed by one addition per token (a pair has
    /// fewer than 256 tokens between at run time, so no byte overflows
    /// into the other; [`between_summary`] sums longer ones apart).
    pub count: u16,
}

impl TokenFacts {
    /// It reads like a finite verb (`is_verb_like`).
    #[must_use]
    pub const fn verb(&self) -> bool {
        self.marks & VERB != 0
    }

    /// Bit `n` set when its lexicon bits hold `ROLE_BITS[n]`.
    #[must_use]
    pub const fn roles(&self) -> u8 {
        role_marks(self.marks)
    }
}

/// The role bits among `marks` (the low six).
const fn role_marks(marks: u16) -> u8 {
    // Masked to six bits.
    #[allow(clippy::cast_possible_truncation)]
    let roles = (marks & ROLE_MARKS) as u8;
    roles
}

/// [`TokenFacts::marks`]: the role bits, the low six.
const ROLE_MARKS: u16 = (1 << ROLE_BITS.len()) - 1;
/// It reads like a finite verb.
const VERB: u16 = 1 << 6;
/// A semicolon.
const SEMI: u16 = 1 << 7;
/// A colon.
const COLON: u16 = 1 << 8;
/// A hyphen or a punctuation mark starting with byte 0xe2 (dashes, curly quotes).
const DASH: u16 = 1 << 9;
/// A word that is no conjunction (a pair with one between is no plain list).
const WORD: u16 = 1 << 10;
/// [`TokenFacts::count`] of a comma.
const COMMA_COUNT: u16 = 1;
/// [`TokenFacts::count`] of a bracket.
const BRACKET_COUNT: u16 = 1 << 8;

/// The classes of tokens the "between" templates tell apart.
const BETWEEN_COMMA: u8 = 0;
/// A bracket, round or square.
const BETWEEN_BRACKET: u8 = 1;
/// A semicolon.
const BETWEEN_SEMI: u8 = 2;
/// A colon.
const BETWEEN_COLON: u8 = 3;
/// A hyphen or a punctuation mark starting with byte 0xe2.
const BETWEEN_DASH: u8 = 4;
/// Other punctuation.
const BETWEEN_PUNCT: u8 = 5;
/// A word that is a conjunction.
const BETWEEN_CONJUNCTION: u8 = 6;
/// Any other word.
const BETWEEN_WORD: u8 = 7;

/// `(marks, count)` of a token by its class (a `BETWEEN_*` code): other
/// punctuation and conjunctions are neither counted nor marked.
const CLASS_MARKS: [(u16, u16); 8] =
    [(0, COMMA_COUNT), (0, BRACKET_COUNT), (SEMI, 0), (COLON, 0), (DASH, 0), (0, 0), (0, 0), (WORD, 0)];

/// The facts a token's class gives ([`CLASS_MARKS`]), with its role bits
/// and whether it reads like a verb.
const fn class_facts(class: u8, roles: u8, verb: bool) -> (u16, u16) {
    let (marks, count) = CLASS_MARKS[class as usize];
    (marks | roles as u16 | if verb { VERB } else { 0 }, count)
}

/// The `or` of the [`TokenFacts::marks`] of `facts` and the sums of their
/// [`TokenFacts::count`]s, each byte on its own and held at 255 (the
/// templates read whether a count is 0 to 3): with fewer than 256 facts,
/// no byte of the plain sum overflows, and that is all it takes.
#[must_use]
pub fn between_summary(facts: &[TokenFacts]) -> (u16, u16) {
    if facts.len() < 256 {
        return facts.iter().fold((0, 0), |(marks, counts), f| (marks | f.marks, counts + f.count));
    }
    let marks = facts.iter().fold(0, |marks, f| marks | f.marks);
    let (commas, brackets) = facts
        .iter()
        .fold((0usize, 0usize), |(c, b), f| (c + usize::from(f.count & 0xff), b + usize::from(f.count >> 8)));
    // Both are held below 256.
    #[allow(clippy::cast_possible_truncation)]
    let counts = commas.min(255) as u16 | (brackets.min(255) as u16) << 8;
    (marks, counts)
}

/// The seed of template `template` (what `pair_features` mixes first).
const fn template(template: u64) -> u64 {
    (0x7061_6972_u64.rotate_left(5) ^ template).wrapping_mul(K)
}

/// The finished feature `mix(template(n), x)` for every `x` below `N`:
/// a template read with one small code (a distance bucket, a count) is
/// then one load per pair instead of two mixes and a finish.
const fn plain_table<const N: usize>(n: u64) -> [u64; N] {
    let mut table = [0u64; N];
    let mut x = 0;
    while x < N {
        table[x] = finish(mix(template(n), x as u64));
        x += 1;
    }
    table
}

/// The finished feature `mix(mix(template(n), x), y)` for every `x` below
/// `A` and `y` below `B`; `x` is mostly the pair's two span types (below
/// [`TYPES`]), `y` a small code. Same hashes as mixing per pair, found once
/// at compile time.
const fn pair_table<const A: usize, const B: usize>(n: u64) -> [[u64; B]; A] {
    let mut table = [[0u64; B]; A];
    let mut x = 0;
    while x < A {
        let mut y = 0;
        while y < B {
            table[x][y] = finish(mix(mix(template(n), x as u64), y as u64));
            y += 1;
        }
        x += 1;
    }
    table
}

/// Bound on the pair's `types` code (`kind_code(a) * 8 + kind_code(b)`, at most 45).
const TYPES: usize = 64;

/// Template 0 (a constant feature every pair has).
const T0: u64 = finish(template(0));
/// Template 1: the two span types.
const T1: [u64; TYPES] = plain_table(1);
/// Template 2: types and distance bucket ([`bucket`], below 10).
const T2: [[u64; 10]; TYPES] = pair_table(2);
/// Template 3: distance bucket.
const T3: [u64; 10] = plain_table(3);
/// Template 4: types and mentions between (at most 3).
const T4: [[u64; 4]; TYPES] = pair_table(4);
/// Template 5: which ends a rule read.
const T5: [u64; 4] = plain_table(5);
/// Template 11: types and commas between (at most 3).
const T11: [[u64; 4]; TYPES] = pair_table(11);
/// Template 12: brackets, semicolons, colons and dashes between (a code below 40).
const T12: [u64; 40] = plain_table(12);
/// Template 13: types, a bracket opening the second mention, adjacency.
const T13: [[u64; 4]; TYPES] = pair_table(13);
/// Template 14: types, a list, mentions between.
const T14: [[u64; 8]; TYPES] = pair_table(14);
/// Template 15: types and one role bit between.
const T15: [[u64; ROLE_BITS.len()]; TYPES] = pair_table(15);
/// Template 20: types and a role word before the first mention.
const T20: [[u64; 2]; TYPES] = pair_table(20);
/// Template 23: types and the pair's place among the sentence's mentions.
const T23: [[u64; 4]; TYPES] = pair_table(23);
/// Template 24: mentions in the sentence (at most 8).
const T24: [u64; 9] = plain_table(24);
/// Template 27: types and the list code.
const T27: [[u64; 8]; TYPES] = pair_table(27);
/// Template 28: the list code and which ends a rule read.
const T28: [[u64; 4]; 8] = pair_table(28);
/// Template 29: types, subject, mentions between (a code below 12).
const T29: [[u64; 12]; TYPES] = pair_table(29);
/// Template 30: types, verb, list, subject.
const T30: [[u64; 8]; TYPES] = pair_table(30);
/// Template 31: types and one name holding the other.
const T31: [[u64; 2]; TYPES] = pair_table(31);
/// Template 34: types and a nearer mention like either end.
const T34: [[u64; 4]; TYPES] = pair_table(34);
/// Template 35: types and which of a nearer like mention and the ends a rule read.
const T35: [[u64; 8]; TYPES] = pair_table(35);

/// A model's weight of every hash of the templates' tables (the `T*`
/// constants), at the same place: a pair's table features are then one
/// load each from here, where they were a load of the hash and a load of
/// its row, and these 25 KB stay in the cache where the model's rows
/// they stood for are spread over its 256 KB. Made once per model
/// ([`super::PairModel`] keeps it).
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct TableWeights {
    pub t0: f32,
    pub t1: [f32; TYPES],
    pub t2: [[f32; 10]; TYPES],
    pub t3: [f32; 10],
    pub t4: [[f32; 4]; TYPES],
    pub t5: [f32; 4],
    pub t11: [[f32; 4]; TYPES],
    pub t12: [f32; 40],
    pub t13: [[f32; 4]; TYPES],
    pub t14: [[f32; 8]; TYPES],
    pub t15: [[f32; ROLE_BITS.len()]; TYPES],
    pub t20: [[f32; 2]; TYPES],
    pub t23: [[f32; 4]; TYPES],
    pub t24: [f32; 9],
    pub t27: [[f32; 8]; TYPES],
    pub t28: [[f32; 4]; 8],
    pub t29: [[f32; 12]; TYPES],
    pub t30: [[f32; 8]; TYPES],
    pub t31: [[f32; 2]; TYPES],
    pub t34: [[f32; 4]; TYPES],
    pub t35: [[f32; 8]; TYPES],
}

impl TableWeights {
    /// The tables of a model whose weight of a finished hash is `weight`.
    pub fn new(weight: impl Fn(u64) -> f32) -> Box<Self> {
        fn row<const N: usize>(t: &[u64; N], weight: &impl Fn(u64) -> f32) -> [f32; N] {
            t.map(weight)
        }
        let weight = &weight;
        Box::new(Self {
            t0: weight(T0),
            t1: row(&T1, weight),
            t2: T2.map(|r| row(&r, weight)),
            t3: row(&T3, weight),
            t4: T4.map(|r| row(&r, weight)),
            t5: row(&T5, weight),
            t11: T11.map(|r| row(&r, weight)),
            t12: row(&T12, weight),
            t13: T13.map(|r| row(&r, weight)),
            t14: T14.map(|r| row(&r, weight)),
            t15: T15.map(|r| row(&r, weight)),
            t20: T20.map(|r| row(&r, weight)),
            t23: T23.map(|r| row(&r, weight)),
            t24: row(&T24, weight),
            t27: T27.map(|r| row(&r, weight)),
            t28: T28.map(|r| row(&r, weight)),
            t29: T29.map(|r| row(&r, weight)),
            t30: T30.map(|r| row(&r, weight)),
            t31: T31.map(|r| row(&r, weight)),
            t34: T34.map(|r| row(&r, weight)),
            t35: T35.map(|r| row(&r, weight)),
        })
    }
}

/// `LOWER[b]` is `b.to_ascii_lowercase()`: one load per byte of a word
/// instead of a compare, a shift and an or.
const LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table
};

/// The [`TokenFacts`] of each token in `range`, written at the token's
/// index in `out` (grown as needed). `features` are the lexicon's bits per
/// token, or empty.
pub fn token_facts(text: &str, tokens: &[Token], features: &[u32], range: Range<usize>, out: &mut Vec<TokenFacts>) {
    if out.len() < tokens.len() {
        out.resize(tokens.len(), TokenFacts::default());
    }
    for i in range {
        out[i] = facts_of(text, &tokens[i], features.get(i).copied());
    }
}

/// Log2 of the number of slots of a [`FactsMemo`].
const MEMO_LOG2: u32 = 12;

/// The [`TokenFacts`] of recently seen short tokens, by their bytes, kind
/// and length, as their text alone makes them (no lexicon bits), with
/// whether they start lower-case: news repeats its words ("the", ",",
/// "said", the day's names) from pair to pair and document to document,
/// and a token's facts are a few hash chains over its bytes, while a hit
/// is one multiplication and a compare.
#[derive(Default)]
pub struct FactsMemo {
    /// Direct-mapped: (key, facts, lower-case); key 0 is an empty slot
    /// (a key holds its token's length, at least 1).
    slots: Vec<(u64, TokenFacts, bool)>,
    /// The same for tokens of 8 to 16 bytes, keyed by their first and last
    /// eight bytes (which overlap or meet, so hold all of them) and their
    /// length and kind (at least 8: 0 is an empty slot).
    long: Vec<([u64; 2], u8, TokenFacts, bool)>,
}

/// Log2 of the number of slots of [`FactsMemo::long`].
const LONG_LOG2: u32 = 11;

/// The kind of a token as a number below 4, for a memo key.
const fn kind_key(kind: TokenKind) -> u8 {
    match kind {
        TokenKind::Word => 0,
        TokenKind::Number => 1,
        TokenKind::Punct => 2,
    }
}

/// Write to `out` a memo entry's facts with the two facts that read the
/// lexicon's bits made from the token's bits ([`token_facts_memo`]): the
/// entry copied whole, then its marks set, where building the changed
/// facts and storing them moved its small fields through the stack.
#[inline(always)]
fn put_with_bits(out: &mut TokenFacts, facts: &TokenFacts, lower: bool, lexicon_bits: Option<u32>) {
    let verb = lower && lexicon_bits.is_some_and(|f| f & bits::SPEECH_VERB != 0);
    let marks = facts.marks & !ROLE_MARKS | u16::from(lexicon_bits.map_or(0, roles)) | if verb { VERB } else { 0 };
    *out = *facts;
    out.marks = marks;
}

/// [`token_facts`] through `memo`: the same facts.
///
/// A memo entry is found with no lexicon bits; the two facts that read
/// them are then made from the token's own: its role bits, and its being a
/// verb, which a lower-case word is when it reads like one by its text or
/// is a speech verb by its bits (`is_verb_like`).
pub fn token_facts_memo(
    text: &str,
    tokens: &[Token],
    features: &[u32],
    range: Range<usize>,
    out: &mut Vec<TokenFacts>,
    memo: &mut FactsMemo,
) {
    if out.len() < tokens.len() {
        out.resize(tokens.len(), TokenFacts::default());
    }
    if memo.slots.is_empty() {
        memo.slots.resize(1 << MEMO_LOG2, (0, TokenFacts::default(), false));
        memo.long.resize(1 << LONG_LOG2, ([0; 2], 0, TokenFacts::default(), false));
    }
    let (tokens, out) = (&tokens[range.clone()], &mut out[range.clone()]);
    // The lexicon's bits cover every token or none: with them, read alongside.
    match features.get(range.clone()) {
        Some(bits) => memo_run(text, tokens, bits.iter().map(|&b| Some(b)), out, memo),
        None => memo_run(text, tokens, range.map(|i| features.get(i).copied()), out, memo),
    }
}

/// [`token_facts_memo`] of `tokens`, with their lexicon bits `bits`, into
/// `out`: walked together, with no bounds check per token.
#[inline(always)]
fn memo_run(
    text: &str,
    tokens: &[Token],
    bits: impl Iterator<Item = Option<u32>>,
    out: &mut [TokenFacts],
    memo: &mut FactsMemo,
) {
    let slots: &mut [_; 1 << MEMO_LOG2] = memo.slots.as_mut_slice().try_into().expect("a memo of its size");
    let long: &mut [_; 1 << LONG_LOG2] = memo.long.as_mut_slice().try_into().expect("a memo of its size");
    let lower = |tok: &Token| tok.kind == TokenKind::Word && text.as_bytes()[tok.span.start].is_ascii_lowercase();
    for ((tok, lexicon_bits), out) in tokens.iter().zip(bits).zip(out) {
        let Some(bytes) = short_span_bytes(text, tok.span) else {
            let n = tok.span.len();
            if !(8..=16).contains(&n) {
                *out = facts_of(text, tok, lexicon_bits);
                continue;
            }
            let word = &text.as_bytes()[tok.span.start..tok.span.end];
            let ends = [prefix(word), prefix(&word[n - 8..])];
            // `n` is at most 16.
            #[allow(clippy::cast_possible_truncation)]
            let meta = n as u8 | kind_key(tok.kind) << 5;
            let row = (ends[0] ^ ends[1].rotate_left(17) ^ u64::from(meta)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let slot = &mut long[(row >> (64 - LONG_LOG2)) as usize];
            if slot.0 != ends || slot.1 != meta {
                *slot = (ends, meta, facts_of(text, tok, None), lower(tok));
            }
            put_with_bits(out, &slot.2, slot.3, lexicon_bits);
            continue;
        };
        // Bytes, then the length (1 to 7) and the kind in the top byte.
        let key = bytes | (tok.span.len() as u64) << 56 | u64::from(kind_key(tok.kind)) << 60;
        let slot = &mut slots[(key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - MEMO_LOG2)) as usize];
        if slot.0 != key {
            *slot = (key, facts_of(text, tok, None), lower(tok));
        }
        put_with_bits(out, &slot.1, slot.2, lexicon_bits);
    }
}

/// The first eight bytes of `bytes` (eight or more), as one integer.
#[inline(always)]
fn prefix(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"))
}

/// The [`TokenFacts`] of one token, with its lexicon bits if there are any.
#[inline]
fn facts_of(text: &str, tok: &Token, lexicon_bits: Option<u32>) -> TokenFacts {
    // Bytes, not a `str` slice: nothing here needs character boundaries.
    let word = &text.as_bytes()[tok.span.start..tok.span.end];
    let roles = lexicon_bits.map_or(0, roles);
    let hash_of = |word: &[u8]| word.iter().fold(0x3f3f_u64, |h, &b| mix(h, u64::from(LOWER[usize::from(b)])));
    // Each kind is read apart: only a word may be a verb or have a
    // suffix, only punctuation has a byte, a number's hash is fixed.
    match tok.kind {
        TokenKind::Word => {
            let hash = hash_of(word);
            let conjunction = matches!(word, b"and" | b"or");
            let lower = word.first().is_some_and(u8::is_ascii_lowercase);
            let class = if conjunction { BETWEEN_CONJUNCTION } else { BETWEEN_WORD };
            let (marks, count) = class_facts(class, roles, lower && is_verb_like(word, lexicon_bits));
            TokenFacts {
                word: hash,
                punct: None,
                conjunction,
                suffix: if lower { suffix(word) } else { 0 },
                between: finish(mix(template(7), hash)),
                marks,
                count,
            }
        }
        TokenKind::Number => {
            let (marks, count) = class_facts(BETWEEN_WORD, roles, false);
            TokenFacts {
                word: NUMBER_HASH,
                punct: None,
                conjunction: false,
                suffix: 0,
                between: finish(mix(template(7), NUMBER_HASH)),
                marks,
                count,
            }
        }
        TokenKind::Punct => {
            let hash = hash_of(word);
            let (marks, count) = class_facts(PUNCT_CLASS[usize::from(word[0])], roles, false);
            TokenFacts {
                word: hash,
                punct: Some(word[0]),
                conjunction: word == b"&",
                suffix: 0,
                between: finish(mix(template(7), hash)),
                marks,
                count,
            }
        }
    }
}

/// [`TokenFacts::word`] of every number.
const NUMBER_HASH: u64 = 0x4e55_4d42;

/// The class (a `BETWEEN_*` code) of a punctuation token, by its (first) byte.
const PUNCT_CLASS: [u8; 256] = {
    let mut table = [BETWEEN_PUNCT; 256];
    table[b',' as usize] = BETWEEN_COMMA;
    table[b'(' as usize] = BETWEEN_BRACKET;
    table[b')' as usize] = BETWEEN_BRACKET;
    table[b'[' as usize] = BETWEEN_BRACKET;
    table[b']' as usize] = BETWEEN_BRACKET;
    table[b';' as usize] = BETWEEN_SEMI;
    table[b':' as usize] = BETWEEN_COLON;
    table[b'-' as usize] = BETWEEN_DASH;
    table[0xe2] = BETWEEN_DASH;
    table
};

#[inline]
fn word(ctx: &PairCtx<'_>, i: usize) -> u64 {
    ctx.facts[i].word
}

#[inline]
fn punct(ctx: &PairCtx<'_>, i: usize) -> Option<u8> {
    ctx.facts[i].punct
}

fn bucket(n: usize) -> u64 {
    match n {
        0..=4 => n as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        15..=20 => 8,
        _ => 9,
    }
}

const fn kind_code(k: SpanType) -> u64 {
    match k {
        SpanType::Person => 1,
        SpanType::Country => 2,
        SpanType::Organisation => 3,
        SpanType::Location => 4,
        SpanType::Demonym => 5,
    }
}

/// Hash of the last three bytes of a word starting lower-case ("-ed",
/// "-ted"), 0 when it is shorter than four bytes.
#[inline]
fn suffix(w: &[u8]) -> u64 {
    if w.len() < 4 {
        return 0;
    }
    w[w.len() - 3..].iter().fold(0x5f5f, |h, &b| mix(h, u64::from(b)))
}

/// Only commas and conjunctions between two token positions (a list).
fn joined(ctx: &PairCtx<'_>, from: usize, to: usize) -> bool {
    to > from && ctx.facts[from..to].iter().all(|f| f.punct == Some(b',') || f.conjunction)
}

/// Lexicon bits that say something about a role or a party.
const ROLE_BITS: [u32; 6] =
    [bits::TITLE, bits::SPEECH_VERB, bits::ORG_HEAD, bits::COUNTRY, bits::DEMONYM, bits::ORG_CUE];

/// [`TokenFacts::roles`] of a token's lexicon bits. Most tokens hold none
/// of them, and one test says so.
#[inline]
fn roles(bits: u32) -> u8 {
    const ANY: u32 = ROLE_BITS[0] | ROLE_BITS[1] | ROLE_BITS[2] | ROLE_BITS[3] | ROLE_BITS[4] | ROLE_BITS[5];
    if bits & ANY == 0 {
        return 0;
    }
    ROLE_BITS.iter().enumerate().fold(0, |acc, (n, &bit)| if bits & bit != 0 { acc | 1 << n } else { acc })
}

/// Collect the features of the pair `(a, b)` (indices into `ctx.ends`, `a < b`).
pub fn pair_features(ctx: &PairCtx<'_>, a: usize, b: usize, feats: &mut PairFeats) {
    feats.len = collect(ctx, a, b, &mut feats.hashes).min(MAX_FEATURES);
}

/// Hand the features of the pair `(a, b)` (indices into `ctx.ends`, `a < b`)
/// to `sink` in order; return how many.
#[inline]
pub fn collect(ctx: &PairCtx<'_>, a: usize, b: usize, sink: &mut impl Sink) -> usize {
    let mut out = Writer { sink, len: 0 };
    let (ea, eb) = (&ctx.ends[a], &ctx.ends[b]);
    let types = kind_code(ea.kind) * 8 + kind_code(eb.kind);
    // The index of the `types` rows of the precomputed tables (below `TYPES`).
    let ty = types as usize;
    let t = |template: u64| mix(0x7061_6972, template);
    let between = ea.tokens.end..eb.tokens.start.max(ea.tokens.end);
    let gap = between.len();
    let dist = bucket(gap);
    let others = (b - a - 1).min(3) as u64;
    let (d, o, ruled) = (dist as usize, others as usize, usize::from(ea.ruled) * 2 + usize::from(eb.ruled));
    out.push_table(T0, |w| w.t0);
    out.push_table(T1[ty], |w| w.t1[ty]);
    out.push_table(T2[ty][d], |w| w.t2[ty][d]);
    out.push_table(T3[d], |w| w.t3[d]);
    out.push_table(T4[ty][o], |w| w.t4[ty][o]);
    out.push_table(T5[ruled], |w| w.t5[ruled]);
    // Words and punctuation between, as each token's facts sum them up (a
    // pair reads up to `MAX_GAP` tokens, and a token sits between many
    // pairs): one `or` of their marks and one sum of their counts, with no
    // per-token branch in the longer gaps, whose words are not features.
    let facts = &ctx.facts[between.clone()];
    let (marks, counts) = if gap <= 12 {
        // Fewer than 256 tokens: the sums are `between_summary`'s.
        let (mut marks, mut counts) = (0u16, 0u16);
        for f in facts {
            marks |= f.marks;
            counts += f.count;
            out.push_finished(f.between);
        }
        (marks, counts)
    } else {
        between_summary(facts)
    };
    let (commas, brackets) = (u64::from(counts & 0xff), u64::from(counts >> 8));
    let [semis, colons, dashes] = [SEMI, COLON, DASH].map(|m| u64::from(marks & m != 0));
    let plain = marks & WORD == 0;
    let roles_between = role_marks(marks);
    // A finite verb between ("won", "defeated", "joined"): a clause joins them.
    let verb = marks & VERB != 0;
    if gap <= 4 {
        out.push(facts.iter().fold(mix(t(6), types), |seq, f| mix(seq, f.word)));
    }
    if gap > 0 {
        let (first, last) = (word(ctx, between.start), word(ctx, between.end - 1));
        out.push(mix(mix(t(8), types), first));
        out.push(mix(mix(t(9), types), last));
        out.push(mix(mix(t(10), first), last));
    }
    let c = commas.min(3) as usize;
    out.push_table(T11[ty][c], |w| w.t11[ty][c]);
    let punct_code = (brackets.min(2) * 16 + semis.min(1) * 4 + colons.min(1) * 2 + dashes.min(1)) as usize;
    out.push_table(T12[punct_code], |w| w.t12[punct_code]);
    let open_before_b = eb.tokens.start > 0 && punct(ctx, eb.tokens.start - 1) == Some(b'(');
    let k = usize::from(open_before_b) * 2 + usize::from(gap == 1);
    out.push_table(T13[ty][k], |w| w.t13[ty][k]);
    // A list: only commas and conjunctions between, same types.
    let list = gap > 0 && plain && semis == 0 && colons == 0 && brackets == 0;
    let k = usize::from(list) * 4 + o;
    out.push_table(T14[ty][k], |w| w.t14[ty][k]);
    // One feature per role bit between, lowest first: walked by the bits
    // set (most pairs have none), not by all six.
    let mut roles = roles_between;
    while roles != 0 {
        let n = roles.trailing_zeros() as usize;
        roles &= roles - 1;
        out.push_table(T15[ty][n], |w| w.t15[ty][n]);
    }
    // Around the pair.
    let before_a = ea.tokens.start.checked_sub(1).filter(|&i| i >= ctx.sentence.start);
    let after_b = Some(eb.tokens.end).filter(|&i| i < ctx.sentence.end);
    let wb = before_a.map_or(0x0b05, |i| word(ctx, i));
    let wa = after_b.map_or(0x0e05, |i| word(ctx, i));
    out.push(mix(mix(t(16), types), wb));
    out.push(mix(mix(t(17), types), wa));
    out.push(mix(t(18), wb));
    out.push(mix(t(19), wa));
    if let Some(f) = before_a.and_then(|i| ctx.features.get(i)) {
        let k = usize::from(f & (bits::TITLE | bits::DEMONYM | bits::COUNTRY) != 0);
        out.push_table(T20[ty][k], |w| w.t20[ty][k]);
    }
    // Right after the first, right before the second.
    if gap > 1 {
        out.push(mix(t(21), word(ctx, ea.tokens.end)));
        out.push(mix(t(22), word(ctx, eb.tokens.start - 1)));
    }
    if gap > 0 {
        let (first, last) = (ctx.facts[between.start].suffix, ctx.facts[between.end - 1].suffix);
        out.push(mix(mix(t(25), types), first));
        out.push(mix(mix(t(26), types), last));
    }
    // Lists: b continues a list started by the mention before it; a is followed by its list.
    let b_listed = b > a + 1 && joined(ctx, ctx.ends[b - 1].tokens.end, eb.tokens.start);
    let a_listed = b > a + 1 && joined(ctx, ea.tokens.end, ctx.ends[a + 1].tokens.start);
    let prev_ruled = b > a + 1 && ctx.ends[b - 1].ruled;
    let code = usize::from(b_listed) * 4 + usize::from(a_listed) * 2 + usize::from(a == 0);
    out.push_table(T27[ty][code], |w| w.t27[ty][code]);
    let k = usize::from(prev_ruled) * 2 + usize::from(ea.ruled);
    out.push_table(T28[code][k], |w| w.t28[code][k]);
    // Position in the sentence's mentions.
    let k = usize::from(a == 0) * 2 + usize::from(b + 1 == ctx.ends.len());
    out.push_table(T23[ty][k], |w| w.t23[ty][k]);
    let n = ctx.ends.len().min(8);
    out.push_table(T24[n], |w| w.t24[n]);
    // The sentence's subject: its first mention, at its very start (or after one word, "In").
    let subject = a == 0 && ea.tokens.start <= ctx.sentence.start + 1;
    let k = usize::from(subject) * 8 + o;
    out.push_table(T29[ty][k], |w| w.t29[ty][k]);
    let k = usize::from(verb) * 4 + usize::from(list) * 2 + usize::from(subject);
    out.push_table(T30[ty][k], |w| w.t30[ty][k]);
    // One name holds the other ("Communist Party of Moldova" and "Moldova").
    let k = usize::from(nested(ctx, &ea.tokens, &eb.tokens));
    out.push_table(T31[ty][k], |w| w.t31[ty][k]);
    // The word before the second mention, whatever the gap ("candidate", "against", "of").
    if eb.tokens.start > ea.tokens.end {
        out.push(mix(mix(t(32), types), word(ctx, eb.tokens.start - 1)));
    }
    if ea.tokens.end < ctx.sentence.end {
        out.push(mix(mix(t(33), types), word(ctx, ea.tokens.end)));
    }
    // A nearer mention of the same type stands between: "A of X ... B of Y"
    // ties A to X and B to Y, not A to Y.
    // The mentions between are read once for the three questions.
    let (mut nearer_like_a, mut nearer_like_b, mut nearer_ruled) = (false, false, false);
    for e in &ctx.ends[a + 1..b] {
        let (like_a, like_b) = (e.kind == ea.kind, e.kind == eb.kind);
        nearer_like_a |= like_a;
        nearer_like_b |= like_b;
        nearer_ruled |= e.ruled && (like_a || like_b);
    }
    let k = usize::from(nearer_like_a) * 2 + usize::from(nearer_like_b);
    out.push_table(T34[ty][k], |w| w.t34[ty][k]);
    let k = usize::from(nearer_ruled) * 4 + ruled;
    out.push_table(T35[ty][k], |w| w.t35[ty][k]);
    out.len
}

/// A word starting lower-case that reads like a finite verb: "-ed", or
/// (by the lexicon's bits, when given) a speech verb.
#[inline]
fn is_verb_like(w: &[u8], features: Option<u32>) -> bool {
    w.len() > 4 && w.ends_with(b"ed") || features.is_some_and(|f| f & bits::SPEECH_VERB != 0)
}

/// One of two names holds the other's words ([`contains`]). Only the
/// longer can hold the shorter, and most pairs are two names of one word,
/// so that is asked here, without a call.
#[inline]
fn nested(ctx: &PairCtx<'_>, a: &Range<usize>, b: &Range<usize>) -> bool {
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Greater => contains(ctx, a, b),
        std::cmp::Ordering::Less => contains(ctx, b, a),
        std::cmp::Ordering::Equal => false,
    }
}

/// The words of `inner` occur, in order, inside `outer` (which is longer).
///
/// Read as two slices of facts, compared first by their first word: the
/// ranges are checked once, not at every word (a pair of names of several
/// words asks this for each of its pairs).
fn contains(ctx: &PairCtx<'_>, outer: &Range<usize>, inner: &Range<usize>) -> bool {
    let (outer, inner) = (&ctx.facts[outer.clone()], &ctx.facts[inner.clone()]);
    let Some((first, rest)) = inner.split_first() else { return false };
    outer.len() > inner.len()
        && outer
            .windows(inner.len())
            .any(|w| w[0].word == first.word && w[1..].iter().zip(rest).all(|(x, y)| x.word == y.word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn end(tokens: Range<usize>, kind: SpanType) -> End {
        End { tokens, kind, ruled: false }
    }

    /// Read by kind, the facts are those of the kind-blind definition
    /// (a conjunction is "and", "or" or "&"; only a lower-case word is a
    /// verb or has a suffix; a punctuation token's class is its first byte's).
    #[test]
    fn facts_by_kind_are_the_kind_blind_ones() {
        let text = "And and or & AND Or said told 15,000 G20 (x) [y] a-b ; : — “q” ‘ , . ! walked Walked announced x&y";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let features: Vec<u32> = (0..tokens.len()).map(|i| if i % 3 == 0 { bits::SPEECH_VERB } else { 0 }).collect();
        let mut facts = Vec::new();
        token_facts(text, &tokens, &features, 0..tokens.len(), &mut facts);
        for (i, tok) in tokens.iter().enumerate() {
            let w = &text.as_bytes()[tok.span.start..tok.span.end];
            let lower_word = tok.kind == TokenKind::Word && w[0].is_ascii_lowercase();
            let conjunction = matches!(w, b"and" | b"or" | b"&");
            let punct = (tok.kind == TokenKind::Punct).then(|| w[0]);
            let class = match punct {
                Some(b',') => BETWEEN_COMMA,
                Some(b'(' | b')' | b'[' | b']') => BETWEEN_BRACKET,
                Some(b';') => BETWEEN_SEMI,
                Some(b':') => BETWEEN_COLON,
                Some(b'-' | 0xe2) => BETWEEN_DASH,
                Some(_) => BETWEEN_PUNCT,
                None if conjunction => BETWEEN_CONJUNCTION,
                None => BETWEEN_WORD,
            };
            let f = facts[i];
            let verb = lower_word && (w.len() > 4 && w.ends_with(b"ed") || features[i] & bits::SPEECH_VERB != 0);
            let roles = roles(features[i]);
            assert_eq!((f.punct, f.conjunction), (punct, conjunction), "{:?}", tok.span.of(text));
            assert_eq!((f.marks, f.count), class_facts(class, roles, verb), "{:?}", tok.span.of(text));
            assert_eq!((f.verb(), f.roles()), (verb, roles), "{:?}", tok.span.of(text));
            assert_eq!(f.suffix != 0, lower_word && w.len() >= 4, "{:?}", tok.span.of(text));
        }
    }

    /// Through the memo, every token has the facts [`token_facts`] gives
    /// it: with lexicon bits and without, read a second time (from the
    /// memo), after other words took its slot, short and long, and for
    /// tokens the memo does not key (over 16 bytes, or a short one too
    /// near the end of the text).
    #[test]
    fn memo_facts_are_the_facts() {
        let mut text = String::from("And and or & AND Or said told 15,000 G20 (x) [y] a-b ; : — “q” ‘ , . ! ");
        text += "walked Walked announced x&y the The THE he’s international negotiations Київ 7 aaaaaaaaa aaaaaaaaaa ";
        text += "internationalisation 123456789012 Negotiations NEGOTIATIONS ";
        for n in 0..3000 {
            text += &format!("w{n} x{} Negotiator{n} ", n % 97);
        }
        text += "said told walked and , the end.";
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let all = 0..tokens.len();
        let features: Vec<u32> = all.clone().map(|i| [bits::SPEECH_VERB, 0, u32::MAX, bits::TITLE][i % 4]).collect();
        let mut memo = FactsMemo::default();
        for bits in [&features[..], &[]] {
            let (mut plain, mut memoised) = (Vec::new(), Vec::new());
            token_facts(&text, &tokens, bits, all.clone(), &mut plain);
            for _ in 0..2 {
                for at in (0..tokens.len()).step_by(50) {
                    let range = at..(at + 50).min(tokens.len());
                    token_facts_memo(&text, &tokens, bits, range, &mut memoised, &mut memo);
                }
                assert_eq!(plain, memoised);
            }
        }
    }

    /// What the "between" templates read of the tokens between a pair, by
    /// class and token as they were counted one by one: the marks and
    /// summed counts of [`between_summary`] (and of the loop of [`collect`]
    /// for short gaps) say the same, on the sample article and on a text
    /// whose ranges hold 256 commas and brackets or more.
    #[test]
    fn summed_facts_count_as_tokens_do() {
        let article = include_str!("../../../data/samples/putin-moscow-invitation.txt");
        let long = "Kim, (Moon) [x] ; Lee: a-b — and walked said & , ".repeat(150);
        for text in [article, &long] {
            let mut tokens = Vec::new();
            tokenize(text, &mut tokens);
            let features: Vec<u32> = (0..tokens.len()).map(|i| [bits::SPEECH_VERB, 0, bits::TITLE][i % 3]).collect();
            let mut facts = Vec::new();
            token_facts(text, &tokens, &features, 0..tokens.len(), &mut facts);
            let n = tokens.len();
            for (from, to) in (0..n).step_by(7).flat_map(|a| [(a, (a + 13).min(n)), (a, (a + 300).min(n)), (a, n)]) {
                let mut counts = [0usize; 8];
                let (mut roles_between, mut verb) = (0u8, false);
                for (i, tok) in tokens[from..to].iter().enumerate() {
                    let w = &text.as_bytes()[tok.span.start..tok.span.end];
                    let class = match tok.kind {
                        TokenKind::Punct => PUNCT_CLASS[usize::from(w[0])],
                        TokenKind::Word if matches!(w, b"and" | b"or") => BETWEEN_CONJUNCTION,
                        _ => BETWEEN_WORD,
                    };
                    counts[usize::from(class)] += 1;
                    roles_between |= roles(features[from + i]);
                    verb |= facts[from + i].verb();
                }
                let (marks, summed) = between_summary(&facts[from..to]);
                let expected = [BETWEEN_COMMA, BETWEEN_BRACKET].map(|c| counts[usize::from(c)].min(255));
                assert_eq!([usize::from(summed & 0xff), usize::from(summed >> 8)], expected, "{from}..{to}");
                for (mark, class) in
                    [(SEMI, BETWEEN_SEMI), (COLON, BETWEEN_COLON), (DASH, BETWEEN_DASH), (WORD, BETWEEN_WORD)]
                {
                    assert_eq!(marks & mark != 0, counts[usize::from(class)] > 0, "{from}..{to} {mark}");
                }
                assert_eq!((role_marks(marks), marks & VERB != 0), (roles_between, verb), "{from}..{to}");
            }
        }
    }

    /// [`Writer`] counts on it: no pair has more than [`MOST_FEATURES`],
    /// even with every token between a role word and names at every gap.
    #[test]
    fn no_pair_has_more_than_the_most_features() {
        let text = "A , and ( ; : - said x ".repeat(6);
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let features = vec![u32::MAX; tokens.len()];
        let mut facts = Vec::new();
        token_facts(&text, &tokens, &features, 0..tokens.len(), &mut facts);
        let kinds = [SpanType::Person, SpanType::Country, SpanType::Organisation];
        let ends: Vec<End> = (0..tokens.len())
            .step_by(3)
            .map(|t| End { tokens: t..t + 1, kind: kinds[t % 3], ruled: t % 2 == 0 })
            .collect();
        let ctx = PairCtx { features: &features, sentence: 0..tokens.len(), ends: &ends, facts: &facts };
        let mut most = 0;
        for a in 0..ends.len() {
            for b in a + 1..ends.len() {
                let mut hashes = [0; MAX_FEATURES];
                most = most.max(collect(&ctx, a, b, &mut hashes));
            }
        }
        assert!(most > 40 && most <= MOST_FEATURES, "{most}");
    }

    #[test]
    fn features_are_deterministic_and_depend_on_the_words_between() {
        let text = "Lavrov, a member of United Russia, met Kim.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let ends = [end(0..1, SpanType::Person), end(5..7, SpanType::Organisation), end(9..10, SpanType::Person)];
        let mut facts = Vec::new();
        token_facts(text, &tokens, &[], 0..tokens.len(), &mut facts);
        let ctx = PairCtx { features: &[], sentence: 0..tokens.len(), ends: &ends, facts: &facts };
        let (mut x, mut y, mut z) = (PairFeats::default(), PairFeats::default(), PairFeats::default());
        pair_features(&ctx, 0, 1, &mut x);
        pair_features(&ctx, 0, 1, &mut y);
        pair_features(&ctx, 1, 2, &mut z);
        assert_eq!(x.as_slice(), y.as_slice());
        assert!(x.as_slice().len() > 10 && x.as_slice().len() <= MAX_FEATURES);
        assert_ne!(x.as_slice(), z.as_slice());
    }
}
