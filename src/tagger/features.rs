//! Feature extraction shared by training and tagging.
//!
//! Every feature is a 64-bit hash built incrementally from a template number
//! and a few precomputed per-token hashes (lower-cased word, shape, prefixes,
//! suffixes), so extracting a token's features allocates nothing and never
//! builds a string. The top bits of a feature's hash pick its weight row.

use super::Label;
use crate::text::{Token, TokenKind};

/// Upper bound on the features of one token (the buffer is on the stack).
/// `MAX_FEATURES × 127` must fit an `i16` (scores are summed in `i16` lanes).
pub(crate) const MAX_FEATURES: usize = 192;

/// Version of the feature templates; stored in the model header so that a
/// model trained with other templates is refused instead of silently wrong.
pub(crate) const FEATURE_VERSION: u32 = 1;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash step.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Finalise a feature hash so that its top bits depend on every input bit.
#[inline]
fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

/// What the templates need to know about one token, computed once per token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokInfo {
    /// Hash of the lower-cased word (numbers: of their shape).
    pub word: u64,
    /// Hash of the short word shape ("Xxx", "XX", "X.X.", "dddd" capped).
    pub shape: u64,
    /// Hashes of the 2-, 3- and 4-byte prefixes (0 when the word is shorter).
    pub pre: [u64; 3],
    /// Hashes of the 2-, 3- and 4-byte suffixes (0 when the word is shorter).
    pub suf: [u64; 3],
    /// First character is upper case.
    pub cap: bool,
}

/// Hash of a sentinel word before the first / after the last token.
const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;

/// True when the token's first character is an upper-case letter.
#[inline]
pub(crate) fn is_cap(text: &str, tok: &Token) -> bool {
    if tok.kind != TokenKind::Word {
        return false;
    }
    let b = text.as_bytes()[tok.span.start];
    if b < 0x80 {
        b.is_ascii_uppercase()
    } else {
        text[tok.span.start..].chars().next().is_some_and(char::is_uppercase)
    }
}

/// True when the token holds an upper-case letter anywhere ("iPhone", "al-Qaeda").
#[inline]
pub(crate) fn has_upper(text: &str, tok: &Token) -> bool {
    if tok.kind != TokenKind::Word {
        return false;
    }
    let s = &text[tok.span.start..tok.span.end];
    let mut wide = false;
    for &b in s.as_bytes() {
        if b.is_ascii_uppercase() {
            return true;
        }
        wide |= b >= 0x80;
    }
    wide && s.chars().any(char::is_uppercase)
}

#[inline]
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

/// Compute a token's [`TokInfo`].
pub(crate) fn tok_info(text: &str, tok: &Token) -> TokInfo {
    let s = &text[tok.span.start..tok.span.end];
    let bytes = s.as_bytes();
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
    if s.is_ascii() {
        for &b in bytes {
            push(class_of(b as char));
        }
    } else {
        for c in s.chars() {
            push(class_of(c));
        }
    }
    let mut info = TokInfo { shape, cap: is_cap(text, tok), ..TokInfo::default() };
    if tok.kind == TokenKind::Number {
        info.word = mix(0x4e55_4d00, shape);
        return info;
    }
    let mut word = 0x3f3f_u64;
    for (n, &b) in bytes.iter().enumerate() {
        word = mix(word, u64::from(b.to_ascii_lowercase()));
        if (1..=3).contains(&n) && n + 1 < bytes.len() {
            info.pre[n - 1] = word;
        }
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

/// A small direct-mapped cache of [`TokInfo`] keyed by token index, enough
/// for the window (±7 tokens) of a left-to-right pass.
pub(crate) struct InfoCache {
    slots: [(usize, TokInfo); 16],
}

impl InfoCache {
    pub(crate) fn new() -> Self {
        Self { slots: [(usize::MAX, TokInfo::default()); 16] }
    }

    #[inline]
    fn get(&mut self, text: &str, tokens: &[Token], i: usize) -> TokInfo {
        let slot = &mut self.slots[i & 15];
        if slot.0 != i {
            *slot = (i, tok_info(text, &tokens[i]));
        }
        slot.1
    }
}

/// The features of one token, as finished hashes.
pub(crate) struct FeatBuf {
    pub hashes: [u64; MAX_FEATURES],
    pub len: usize,
}

impl FeatBuf {
    pub(crate) fn new() -> Self {
        Self { hashes: [0; MAX_FEATURES], len: 0 }
    }

    #[inline]
    fn push(&mut self, h: u64) {
        if self.len < MAX_FEATURES {
            self.hashes[self.len] = finish(h);
            self.len += 1;
        }
    }

    /// The features collected so far.
    pub(crate) fn as_slice(&self) -> &[u64] {
        &self.hashes[..self.len]
    }
}

#[inline]
fn t(template: u64) -> u64 {
    mix(0x7465_6d70_6c00, template)
}

/// Connector words that may sit inside a name ("Bank of England").
fn is_connector(word: &str) -> bool {
    matches!(word, "of" | "the" | "and" | "for" | "de" | "&" | "von" | "van" | "al" | "du" | "del" | "la")
}

fn is_sentence_start(text: &str, tokens: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = &tokens[i - 1];
    if p.kind != TokenKind::Punct {
        return false;
    }
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
/// tokens before it. `gaz` is empty or holds one bit-set per token.
pub(crate) fn extract(doc: &Doc<'_>, i: usize, p1: Label, p2: Label, cache: &mut InfoCache, out: &mut FeatBuf) {
    let Doc { text, tokens, gaz } = *doc;
    out.len = 0;
    let n = tokens.len();
    let cur = cache.get(text, tokens, i);
    let (w_1, s_1, c_1) = if i >= 1 {
        let x = cache.get(text, tokens, i - 1);
        (x.word, x.shape, x.cap)
    } else {
        (BOS, BOS, false)
    };
    let w_2 = if i >= 2 { cache.get(text, tokens, i - 2).word } else { BOS };
    let (w1, s1, c1) = if i + 1 < n {
        let x = cache.get(text, tokens, i + 1);
        (x.word, x.shape, x.cap)
    } else {
        (EOS, EOS, false)
    };
    let w2 = if i + 2 < n { cache.get(text, tokens, i + 2).word } else { EOS };
    let p1 = p1 as u64;
    let p2 = p2 as u64;
    let start = is_sentence_start(text, tokens, i);

    out.push(t(0));
    out.push(mix(t(1), cur.word));
    out.push(mix(t(2), w_1));
    out.push(mix(t(3), w1));
    out.push(mix(t(4), w_2));
    out.push(mix(t(5), w2));
    out.push(mix(t(6), cur.shape));
    out.push(mix(t(7), s_1));
    out.push(mix(t(8), s1));
    out.push(mix(mix(mix(t(9), s_1), cur.shape), s1));
    for k in 0..3 {
        if cur.pre[k] != 0 {
            out.push(mix(t(10 + k as u64), cur.pre[k]));
        }
        if cur.suf[k] != 0 {
            out.push(mix(t(13 + k as u64), cur.suf[k]));
        }
    }
    out.push(mix(mix(t(16), w_1), cur.word));
    out.push(mix(mix(t(17), cur.word), w1));
    out.push(mix(t(18), p1));
    out.push(mix(mix(t(19), p1), p2));
    out.push(mix(mix(t(20), p1), cur.word));
    out.push(mix(mix(t(21), p1), cur.shape));
    out.push(mix(mix(t(22), u64::from(start)), cur.shape));
    if start {
        out.push(mix(t(23), cur.word));
    }
    out.push(mix(mix(t(24), w_1), cur.shape));
    out.push(mix(mix(t(25), cur.shape), w1));
    out.push(mix(mix(mix(t(26), p1), cur.shape), s1));
    out.push(mix(mix(mix(t(27), u64::from(c_1)), u64::from(cur.cap)), u64::from(c1)));

    // A connector between capitalised words ("Freedom and Progress",
    // "Bank of the United States"): what comes after decides.
    if !cur.cap && i > 0 && c_1 && is_connector(&text[tokens[i].span.start..tokens[i].span.end]) {
        let mut k = i + 1;
        while k < n && k < i + 3 && !is_cap(text, &tokens[k]) {
            k += 1;
        }
        if k < n && is_cap(text, &tokens[k]) {
            let mut e = k;
            while e + 1 < n && e < k + 5 && is_cap(text, &tokens[e + 1]) {
                e += 1;
            }
            let dist = (k - i) as u64;
            out.push(mix(mix(mix(t(34), p1), cur.word), dist));
            out.push(mix(mix(t(35), cur.word), cache.get(text, tokens, e).word));
            out.push(mix(mix(t(36), p1), cache.get(text, tokens, e).word));
        }
    }

    // Position in a run of capitalised words, connectors allowed inside.
    if cur.cap {
        let cap_or_conn =
            |j: usize| is_cap(text, &tokens[j]) || is_connector(&text[tokens[j].span.start..tokens[j].span.end]);
        let mut a = i;
        while a > 0 && i - a < 5 && cap_or_conn(a - 1) {
            a -= 1;
        }
        while a < i && !is_cap(text, &tokens[a]) {
            a += 1;
        }
        let mut b = i + 1;
        while b < n && b - i < 5 && cap_or_conn(b) {
            b += 1;
        }
        while b > i + 1 && !is_cap(text, &tokens[b - 1]) {
            b -= 1;
        }
        let len = (b - a).min(6) as u64;
        let pos = (i - a).min(4) as u64;
        let to_end = (b - 1 - i).min(4) as u64;
        out.push(mix(mix(mix(t(28), len), pos), to_end));
        out.push(mix(mix(t(29), pos), p1));
        // The other words of the run ("Party" makes all of "Liberal
        // Democratic Party of Russia" an organisation), its last word, and
        // the words just outside it.
        for j in a..b {
            if j != i && (j + 3 > i && j < i + 4) {
                let dir = u64::from(j > i);
                out.push(mix(mix(t(30), dir), cache.get(text, tokens, j).word));
            }
        }
        out.push(mix(t(31), cache.get(text, tokens, b - 1).word));
        out.push(mix(t(32), if a > 0 { cache.get(text, tokens, a - 1).word } else { BOS }));
        out.push(mix(t(33), if b < n { cache.get(text, tokens, b).word } else { EOS }));
    }

    // Gazetteer bits: of the token, alone and with its shape and the
    // previous label; of the neighbours, alone.
    if let Some(&g) = gaz.get(i) {
        let mut bits = g;
        while bits != 0 {
            let b = u64::from(bits.trailing_zeros());
            bits &= bits - 1;
            out.push(mix(t(40), b));
            out.push(mix(mix(t(41), b), u64::from(cur.cap)));
            out.push(mix(mix(t(42), b), p1));
        }
        out.push(mix(t(43), u64::from(g)));
    }
    if i >= 1 {
        if let Some(&g) = gaz.get(i - 1) {
            let mut bits = g;
            while bits != 0 {
                let b = u64::from(bits.trailing_zeros());
                bits &= bits - 1;
                out.push(mix(t(44), b));
            }
        }
    }
    if let Some(&g) = gaz.get(i + 1) {
        let mut bits = g;
        while bits != 0 {
            let b = u64::from(bits.trailing_zeros());
            bits &= bits - 1;
            out.push(mix(t(45), b));
        }
    }
}
