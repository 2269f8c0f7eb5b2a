//! Word tokens with byte spans.
//!
//! A hand-written scanner rather than a regex or Unicode word segmentation:
//! it runs once over every byte of every input, so it must not allocate per
//! token, and news text needs a few rules that UAX #29 does not give us:
//! names keep their inner hyphens and apostrophes ("Kim Jong-un", "O'Brien"),
//! the possessive "'s" is its own token ("Putin’s" → "Putin" "’s"), and dotted
//! acronyms stay whole ("U.S.").

use super::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and inner hyphens, apostrophes, dots of acronyms).
    Word,
    /// Digits, with inner `.` `,` and letters ("15,000", "2.5", "G20" starts with a letter so is a word).
    Number,
    /// Any other single character.
    Punct,
}

/// One token: a byte span, its kind and its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in the document.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
    /// [`case::CAP`] and [`case::UP`] of a word (0 for numbers and
    /// punctuation).
    pub case: u8,
}

/// Case bits of a word token, found while the tokenizer scans its bytes.
///
/// Why in the tokenizer: nearly every later stage asks whether a word is
/// capitalised, and the tokenizer has each byte in hand already; asking it
/// again of the text costs a second pass over every word.
pub mod case {
    /// The first character is upper case ("Putin", "ÉLYSÉE").
    pub const CAP: u8 = 1;
    /// An upper-case letter anywhere ("Putin", "iPhone", "al-Qaeda").
    pub const UP: u8 = 2;

    /// [`CAP`] and [`UP`] of `word`, by its characters.
    #[must_use]
    pub fn of(word: &str) -> u8 {
        let mut chars = word.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => CAP | UP,
            Some(_) if chars.any(char::is_uppercase) => UP,
            _ => 0,
        }
    }
}

impl Token {
    /// A token of `kind` over `span` of `text`, its case read from the text.
    #[must_use]
    pub fn new(text: &str, span: Span, kind: TokenKind) -> Self {
        let case = if kind == TokenKind::Word { case::of(span.of(text)) } else { 0 };
        Self { span, kind, case }
    }

    /// The word starts with an upper-case letter.
    #[inline]
    #[must_use]
    pub const fn is_capitalised(&self) -> bool {
        self.case & case::CAP != 0
    }

    /// The word holds an upper-case letter.
    #[inline]
    #[must_use]
    pub const fn has_upper(&self) -> bool {
        self.case & case::UP != 0
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Clitics split off a word after an apostrophe ("Putin's", "don't" keeps "n't" whole? no: "don" "'t").
fn is_clitic(rest: &str) -> bool {
    let end = rest.char_indices().find(|&(_, c)| !c.is_alphanumeric()).map_or(rest.len(), |(i, _)| i);
    matches!(&rest[..end], "s" | "S" | "t" | "re" | "ve" | "ll" | "d" | "m")
}

/// Split `text` into tokens, appending to `out` (cleared first).
#[inline(never)]
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    sse2::tokenize_blocks(text, out);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    tokenize_token_by_token(text, out);
}

/// [`tokenize`] one token at a time, with no block scanner: the build
/// without SSE2, and what the tests hold the block scanner to.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn tokenize_token_by_token(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut i = 0;
    while i < text.len() {
        i = next_token(text, i, out);
    }
}

/// Push the token at `i` (none for white space) and return where the next
/// one may start: the tokenizer one token at a time.
///
/// Where the text is cut into tokens depends on nothing but the place it
/// starts from, so the block scanner can hand any token to this and take up
/// again after it.
#[inline(always)]
fn next_token(text: &str, mut i: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let start = i;
    // One table read sends each token's first byte its way: spaces,
    // words and numbers (nearly every byte of news) never decode a char.
    match FIRST_BYTE[usize::from(b)] {
        SPACE => i += 1,
        LETTER => {
            // Most words are ASCII letters ended by a space or a comma:
            // scan them here; anything else ("Jong-un", "U.S.",
            // "Zelenskyy’s") is scanned again by `scan_word`.
            let (len, upper) = ascii_word_run(&bytes[i..]);
            i += len;
            let cap = if b.is_ascii_uppercase() { case::CAP } else { 0 };
            let case = cap | if upper { case::UP } else { 0 };
            let ascii_word = |end| Token { span: Span::new(start, end), kind: TokenKind::Word, case };
            // One table read says how the byte after the letters ends
            // the word; most often it is a space, skipped here.
            match bytes.get(i).map_or(ENDS_WORD, |&next| AFTER_LETTERS[usize::from(next)]) {
                ENDS_WORD_SPACE => {
                    out.push(ascii_word(i));
                    i += 1;
                }
                ENDS_WORD => out.push(ascii_word(i)),
                // A dot ends a word of two letters or more where it
                // stands ("said."); only after one letter may it be an
                // acronym's.
                ENDS_WORD_BUT_ONE_LETTER if len > 1 => out.push(ascii_word(i)),
                _ => i = finish_word(text, start, i, case, out),
            }
        }
        DIGIT => {
            i = scan_number(bytes, i);
            out.push(Token { span: Span::new(start, i), kind: TokenKind::Number, case: 0 });
        }
        ASCII_OTHER => i = other_token(text, i, b as char, out),
        _ => {
            let c = text[i..].chars().next().expect("i is a char boundary");
            if c.is_whitespace() {
                i += c.len_utf8();
            } else if !is_general_punctuation(c) && c.is_alphabetic() {
                i = scan_word(text, i);
                out.push(Token::new(text, Span::new(start, i), TokenKind::Word));
            } else {
                i = other_token(text, i, c, out);
            }
        }
    }
    i
}

/// [`next_token`] where the block scanner leaves a token to it, but for
/// curly quotes and dashes, told by their bytes (see [`typographic`]).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(never)]
fn next_token_outlined(text: &str, i: usize, out: &mut Vec<Token>) -> usize {
    match typographic(text.as_bytes(), i) {
        Some(Typographic::Space) => i + 3,
        Some(Typographic::Mark) => {
            out.push(Token { span: Span::new(i, i + 3), kind: TokenKind::Punct, case: 0 });
            i + 3
        }
        _ => next_token(text, i, out),
    }
}

/// Push the word at `start` whose ASCII letters and digits (of case bits
/// `case`) end at `ascii_end`, before a byte that may carry it on ("Jong-un",
/// "U.S.", "Київ"); returns where the next token may start (after a space
/// that ends the word).
#[inline(never)]
fn finish_word(text: &str, start: usize, ascii_end: usize, case: u8, out: &mut Vec<Token>) -> usize {
    let end = scan_word_from(text, start, ascii_end);
    out.push(if end == ascii_end {
        Token { span: Span::new(start, end), kind: TokenKind::Word, case }
    } else {
        Token::new(text, Span::new(start, end), TokenKind::Word)
    });
    if text.as_bytes().get(end) == Some(&b' ') {
        end + 1
    } else {
        end
    }
}

/// [`finish_word`] where the block scanner leaves a word to it, but for a
/// word ended by a curly quote or a dash, told by its bytes (see
/// [`typographic`]): it ends there as at a comma.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(never)]
fn finish_word_outlined(text: &str, start: usize, ascii_end: usize, case: u8, out: &mut Vec<Token>) -> usize {
    if matches!(typographic(text.as_bytes(), ascii_end), Some(Typographic::Space | Typographic::Mark)) {
        out.push(Token { span: Span::new(start, ascii_end), kind: TokenKind::Word, case });
        return ascii_end;
    }
    finish_word(text, start, ascii_end, case, out)
}

/// Push the token that starts with `c` at `i`, neither a letter nor a digit
/// nor a space: a clitic split off the word before ("’s"), or a single
/// character of punctuation. Returns its end.
fn other_token(text: &str, i: usize, c: char, out: &mut Vec<Token>) -> usize {
    let after = i + c.len_utf8();
    if is_apostrophe(c) && text[after..].starts_with(is_word_char) && is_clitic(&text[after..]) {
        let end = scan_word(text, after);
        out.push(Token::new(text, Span::new(i, end), TokenKind::Word));
        end
    } else {
        out.push(Token { span: Span::new(i, after), kind: TokenKind::Punct, case: 0 });
        after
    }
}

/// [`FIRST_BYTE`]: ASCII white space (`char::is_whitespace`).
const SPACE: u8 = 0;
/// [`FIRST_BYTE`]: an ASCII letter.
const LETTER: u8 = 1;
/// [`FIRST_BYTE`]: an ASCII digit.
const DIGIT: u8 = 2;
/// [`FIRST_BYTE`]: any other ASCII character.
const ASCII_OTHER: u8 = 3;
/// [`FIRST_BYTE`]: the first byte of a multi-byte character.
const NON_ASCII: u8 = 4;

/// What a byte that starts a token (or a space between two) is.
const FIRST_BYTE: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            SPACE
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            ASCII_OTHER
        };
        b += 1;
    }
    t
};

/// [`AFTER_LETTERS`]: the word ends here, at a space.
const ENDS_WORD_SPACE: u8 = 0;
/// [`AFTER_LETTERS`]: the word ends here.
const ENDS_WORD: u8 = 1;
/// [`AFTER_LETTERS`]: a dot, which ends a word of two letters or more.
const ENDS_WORD_BUT_ONE_LETTER: u8 = 2;
/// [`AFTER_LETTERS`]: `scan_word` must read on ("Jong-un", "O'Brien", "Київ").
const MAY_GO_ON: u8 = 3;

/// What the byte after a run of ASCII letters and digits makes of the word.
const AFTER_LETTERS: [u8; 256] = {
    let mut t = [ENDS_WORD; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b' ' => ENDS_WORD_SPACE,
            b'.' => ENDS_WORD_BUT_ONE_LETTER,
            b'-' | b'\'' | 0x80.. => MAY_GO_ON,
            _ => ENDS_WORD,
        };
        b += 1;
    }
    t
};

/// ASCII letters and digits, by byte.
pub(crate) const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The length of the run of ASCII letters and digits that `bytes` starts
/// with, and whether an upper-case letter is in it.
///
/// Why sixteen bytes at a time: a word of news has some five letters, which
/// a loop over bytes pays about forty instructions for; one SSE2 comparison
/// of sixteen bytes (every x86-64 has SSE2) settles most words at once.
#[inline]
fn ascii_word_run(bytes: &[u8]) -> (usize, bool) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    return sse2::ascii_word_run(bytes);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    ascii_word_run_bytewise(bytes)
}

/// [`ascii_word_run`] one byte at a time.
fn ascii_word_run_bytewise(bytes: &[u8]) -> (usize, bool) {
    let mut upper = 0;
    let mut len = 0;
    for &x in bytes {
        let class = ASCII_WORD[usize::from(x)];
        if class == 0 {
            break;
        }
        upper |= class;
        len += 1;
    }
    (len, upper & UPPER_BIT != 0)
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use super::{case, Span, Token, TokenKind};
    use core::arch::x86_64::{
        __m128i, __m256i, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_slli_epi16, _mm256_sub_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_slli_epi16, _mm_sub_epi8,
    };

    /// A byte mask of the bytes of `v` in `first..first + n` (unsigned):
    /// shifted down by `first + 128`, those and only those fall below
    /// `n - 128` as signed bytes.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn in_range(v: __m128i, first: u8, n: u8) -> __m128i {
        // Reinterpreting the bytes as signed is the point.
        #[allow(clippy::cast_possible_wrap)]
        let (shift, bound) = (first.wrapping_add(128) as i8, n.wrapping_add(128) as i8);
        _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8(shift)), _mm_set1_epi8(bound))
    }

    /// [`super::ascii_word_run`], sixteen bytes at a time while sixteen are left.
    #[inline]
    pub(super) fn ascii_word_run(bytes: &[u8]) -> (usize, bool) {
        let mut len = 0;
        let mut upper = false;
        while let Some(chunk) = bytes.get(len..len + 16) {
            let (run, up) = ascii_word_run16(chunk.try_into().expect("sixteen bytes"));
            len += run;
            upper |= up;
            if run < 16 {
                return (len, upper);
            }
        }
        let (run, up) = super::ascii_word_run_bytewise(&bytes[len..]);
        (len + run, upper | up)
    }

    /// [`ascii_word_run`] of sixteen bytes: the run's length (16 when every
    /// byte is a letter or digit) and whether it has a capital.
    #[inline]
    fn ascii_word_run16(chunk: &[u8; 16]) -> (usize, bool) {
        // SAFETY: this module is compiled only where the build enables SSE2,
        // which every x86-64 target does.
        unsafe { run16(chunk) }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn run16(chunk: &[u8; 16]) -> (usize, bool) {
        // SAFETY: reads the sixteen bytes of `chunk`, unaligned. (Built of
        // its halves with `_mm_set_epi64x`, it cost two more instructions.)
        let v = unsafe { _mm_loadu_si128(chunk.as_ptr().cast()) };
        // Setting bit 5 turns an upper-case ASCII letter into its lower case,
        // and nothing else into a letter.
        let letters = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let alnum = _mm_or_si128(letters, in_range(v, b'0', 10));
        // `movemask` reads each byte's top bit: 16 bits, so the run is at most 16.
        #[allow(clippy::cast_sign_loss)]
        let run = (!(_mm_movemask_epi8(alnum) as u32)).trailing_zeros();
        // A letter without bit 5 (moved up to bit 7) is a capital.
        #[allow(clippy::cast_sign_loss)]
        let capitals = (_mm_movemask_epi8(letters) & !_mm_movemask_epi8(_mm_slli_epi16(v, 2))) as u32;
        (run as usize, capitals & ((1 << run) - 1) != 0)
    }

    /// [`super::tokenize`] 64 bytes at a time: ASCII words, spaces and
    /// single ASCII punctuation here, any other token by
    /// [`super::next_token`].
    ///
    /// Why blocks of 64: one pass of four SSE2 comparisons gives the bit
    /// masks of the block's ASCII letters and digits and of its capitals,
    /// from which a word's end and case bits are a few bit operations
    /// (about half of what [`super::next_token`] pays for a word). A word
    /// that runs into the block's end is scanned again from the next block.
    /// The text's last bytes are copied into a block of their own, and only
    /// as many sixteens classified as they fill: short texts (the lexicon's
    /// names, at start-up) are cheaper so than one token at a time.
    ///
    /// Where the CPU has AVX2 (checked at run time: the build assumes only
    /// SSE2), the masks of a text of a block or more are found 32 bytes a
    /// step instead of 16; short texts (the lexicon's names) are not worth
    /// the call.
    pub(super) fn tokenize_blocks(text: &str, out: &mut Vec<Token>) {
        if text.len() >= BLOCK {
            if let Some(avx2) = Avx2::detect() {
                // SAFETY: an `Avx2` is made only where the CPU has AVX2.
                return unsafe { tokenize_blocks_avx2(avx2, text, out) };
            }
        }
        tokenize_blocks_with(Sse2, text, out);
    }

    /// [`tokenize_blocks_with`] compiled for AVX2, so that [`Avx2`]'s
    /// classification is inlined into its loop.
    #[target_feature(enable = "avx2")]
    fn tokenize_blocks_avx2(avx2: Avx2, text: &str, out: &mut Vec<Token>) {
        tokenize_blocks_with(avx2, text, out);
    }

    /// [`tokenize_blocks`] with the block masks found by `classifier`.
    #[inline(always)]
    pub(super) fn tokenize_blocks_with(classifier: impl Classify, text: &str, out: &mut Vec<Token>) {
        let bytes = text.as_bytes();
        let mut tokens = Tokens::new(out);
        let mut i = 0;
        while let Some(block) = bytes.get(i..i + 64) {
            let block: &[u8; 64] = block.try_into().expect("64 bytes");
            i += block_tokens(text, i, block, 64, classifier.classify(block, 4), &mut tokens);
        }
        if i < bytes.len() {
            // The last block: the text's end, then zeros, which are not
            // letters or digits and end a word as the end of the text does.
            let n = bytes.len() - i;
            let mut last = [0; 64];
            last[..n].copy_from_slice(&bytes[i..]);
            block_tokens(text, i, &last, n, classifier.classify(&last, n.div_ceil(16)), &mut tokens);
        }
        tokens.finish();
    }

    /// How the masks of a block are found.
    pub(super) trait Classify: Copy {
        /// The masks of the first `chunks` sixteen bytes of `block` (the
        /// others may be classified too: the caller's are zeros).
        fn classify(self, block: &[u8; 64], chunks: usize) -> Masks;
    }

    /// Sixteen bytes a step with SSE2, which every x86-64 has.
    #[derive(Clone, Copy)]
    pub(super) struct Sse2;

    impl Classify for Sse2 {
        #[inline(always)]
        fn classify(self, block: &[u8; 64], chunks: usize) -> Masks {
            classify(block, chunks)
        }
    }

    /// Thirty-two bytes a step with AVX2: only made where the CPU has it.
    #[derive(Clone, Copy)]
    pub(super) struct Avx2(());

    impl Avx2 {
        /// An `Avx2` if the CPU has AVX2 (std caches the answer).
        pub(super) fn detect() -> Option<Self> {
            std::is_x86_feature_detected!("avx2").then_some(Self(()))
        }
    }

    impl Classify for Avx2 {
        #[inline(always)]
        fn classify(self, block: &[u8; 64], chunks: usize) -> Masks {
            let mut m = Masks { alnum: 0, letters: 0, upper: 0 };
            for k in 0..chunks.div_ceil(2).min(2) {
                // SAFETY: an `Avx2` is made only where the CPU has AVX2.
                let (a, l, u) = unsafe { classify32(block[32 * k..32 * k + 32].try_into().expect("32 bytes")) };
                m.place([a, l, u].map(u64::from), 32 * k);
            }
            m
        }
    }

    /// [`classify16`] of thirty-two bytes, with AVX2.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn classify32(chunk: &[u8; 32]) -> (u32, u32, u32) {
        // SAFETY: reads the thirty-two bytes of `chunk`, unaligned.
        let v = unsafe { _mm256_loadu_si256(chunk.as_ptr().cast()) };
        let in_range = |v: __m256i, first: u8, n: u8| {
            // As in `in_range`: reinterpreting the bytes as signed is the point.
            #[allow(clippy::cast_possible_wrap)]
            let (shift, bound) = (first.wrapping_add(128) as i8, n.wrapping_add(128) as i8);
            _mm256_cmpgt_epi8(_mm256_set1_epi8(bound), _mm256_sub_epi8(v, _mm256_set1_epi8(shift)))
        };
        // As in `classify16`.
        let letters = in_range(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), b'a', 26);
        let alnum = _mm256_or_si256(letters, in_range(v, b'0', 10));
        let letter_bits = _mm256_movemask_epi8(letters);
        let capitals = letter_bits & !_mm256_movemask_epi8(_mm256_slli_epi16(v, 2));
        // `movemask` gives thirty-two bits.
        #[allow(clippy::cast_sign_loss)]
        (_mm256_movemask_epi8(alnum) as u32, letter_bits as u32, capitals as u32)
    }

    /// Push the tokens that start in the first `n` bytes of `block` (at `i`
    /// in `text`), but for a word that may run on past the block, and return
    /// where the next token may start, relative to `i`.
    #[inline(always)]
    fn block_tokens(text: &str, i: usize, block: &[u8; 64], n: usize, masks: Masks, tokens: &mut Tokens) -> usize {
        let Masks { alnum, letters, upper } = masks;
        tokens.reserve_block();
        let mut p = 0;
        while p < n {
            if (letters >> p) & 1 == 0 {
                let b = block[p];
                p = match super::FIRST_BYTE[usize::from(b)] {
                    super::SPACE => p + 1,
                    // A comma or a full stop: nothing but an apostrophe
                    // makes more than one character of ASCII punctuation.
                    super::ASCII_OTHER if b != b'\'' => {
                        tokens.push(Token { span: Span::new(i + p, i + p + 1), kind: TokenKind::Punct, case: 0 });
                        p + 1
                    }
                    _ => tokens.with_vec(|out| super::next_token_outlined(text, i + p, out)) - i,
                };
                continue;
            }
            // Bit 0 of `after` is the word's first byte; its lowest set
            // bit is the byte after the word.
            let after = !alnum >> p;
            if after == 0 {
                // The word may go on past the block.
                if p == 0 {
                    p = tokens.with_vec(|out| super::next_token_outlined(text, i, out)) - i;
                }
                break;
            }
            // Below 64: `after` has a bit below 64 - p.
            let end = (p + after.trailing_zeros() as usize) & 63;
            // Capitals of the word only: `after - 1` has the word's bits
            // and, above the byte after it, none where a capital may be.
            let capitals = (upper >> p) & (after - 1);
            #[allow(clippy::cast_possible_truncation)]
            let case = (capitals as u8 & case::CAP) | if capitals == 0 { 0 } else { case::UP };
            let word = Token { span: Span::new(i + p, i + end), kind: TokenKind::Word, case };
            match super::AFTER_LETTERS[usize::from(block[end])] {
                super::ENDS_WORD_SPACE => {
                    tokens.push(word);
                    p = end + 1;
                }
                super::ENDS_WORD => {
                    tokens.push(word);
                    p = end;
                }
                super::ENDS_WORD_BUT_ONE_LETTER if end - p > 1 => {
                    tokens.push(word);
                    p = end;
                }
                _ => p = tokens.with_vec(|out| super::finish_word_outlined(text, i + p, i + end, case, out)) - i,
            }
        }
        p
    }

    /// The bytes of a block.
    const BLOCK: usize = 64;

    /// A vector of tokens pushed onto with its length, capacity and buffer
    /// in local variables (registers), written back only when it is handed
    /// on ([`Tokens::with_vec`]) or done with.
    ///
    /// Why: `Vec::push` reads and writes the length through memory at every
    /// token, since the vector's address is passed on to the calls for the
    /// rare tokens; this saves some four instructions a word (0.66 M on the
    /// news slice).
    struct Tokens<'a> {
        vec: &'a mut Vec<Token>,
        /// `vec.as_mut_ptr()`, read after the last change to `vec`'s buffer.
        ptr: *mut Token,
        /// Tokens pushed so far: those below are initialised, and `vec.len()`
        /// may lag behind.
        len: usize,
        /// `vec.capacity()`.
        cap: usize,
    }

    impl<'a> Tokens<'a> {
        #[inline]
        fn new(vec: &'a mut Vec<Token>) -> Self {
            Self { ptr: vec.as_mut_ptr(), len: vec.len(), cap: vec.capacity(), vec }
        }

        /// Room for the tokens of a block: at least [`BLOCK`] free slots.
        ///
        /// Why once a block: every token pushed while a block is scanned
        /// (by [`Tokens::push`] or through [`Tokens::with_vec`]) starts at a
        /// byte of its own in the block, so a block pushes at most
        /// [`BLOCK`] of them, and `push` needs no test of its own (two
        /// instructions a token).
        #[inline]
        fn reserve_block(&mut self) {
            if self.cap - self.len < BLOCK {
                self.grow();
            }
        }

        /// Push a token that starts in the block being scanned, after
        /// [`Tokens::reserve_block`] for that block.
        #[inline]
        fn push(&mut self, token: Token) {
            debug_assert!(self.len < self.cap, "a block pushes at most {BLOCK} tokens");
            // SAFETY: `len < cap`: `reserve_block` left `BLOCK` free slots at
            // the start of this block, and each token pushed since, here or
            // by `with_vec`'s callee (which only pushes, so `cap` stays),
            // took one of them for a byte of the block it starts at.
            // `ptr` is the buffer of `cap` tokens that `vec` holds since it
            // last changed.
            unsafe { self.ptr.add(self.len).write(token) };
            self.len += 1;
        }

        /// Room for more tokens, out of line and with `self`'s fields passed
        /// by value: a call that took `self`'s address would keep them in
        /// memory rather than registers.
        #[inline]
        fn grow(&mut self) {
            #[cold]
            #[inline(never)]
            fn reserve(vec: &mut Vec<Token>) -> (*mut Token, usize) {
                vec.reserve(BLOCK);
                (vec.as_mut_ptr(), vec.capacity())
            }
            self.finish();
            (self.ptr, self.cap) = reserve(self.vec);
        }

        /// Run `f` on the vector, its length brought up to date first and its
        /// buffer read again after.
        #[inline]
        fn with_vec<R>(&mut self, f: impl FnOnce(&mut Vec<Token>) -> R) -> R {
            self.finish();
            let r = f(self.vec);
            (self.ptr, self.len, self.cap) = (self.vec.as_mut_ptr(), self.vec.len(), self.vec.capacity());
            r
        }

        /// Bring the vector's length up to date.
        #[inline]
        fn finish(&mut self) {
            // SAFETY: the `len` tokens below `len` are initialised (the
            // vector's own and those written by `push`), and `len <= cap`.
            unsafe { self.vec.set_len(self.len) };
        }
    }

    /// Bit masks of a block's bytes (bit `k` for byte `k`).
    #[derive(Debug, PartialEq, Eq)]
    pub(super) struct Masks {
        /// ASCII letters and digits.
        alnum: u64,
        /// ASCII letters.
        letters: u64,
        /// Upper-case ASCII letters.
        upper: u64,
    }

    impl Masks {
        /// Put the masks `[alnum, letters, upper]` of a chunk of the block
        /// at bit `at`: how every classifier, whatever its width, builds
        /// the block's masks.
        #[inline(always)]
        fn place(&mut self, [alnum, letters, upper]: [u64; 3], at: usize) {
            self.alnum |= alnum << at;
            self.letters |= letters << at;
            self.upper |= upper << at;
        }
    }

    /// The masks of the first `chunks` sixteen bytes of `block`.
    #[inline]
    fn classify(block: &[u8; 64], chunks: usize) -> Masks {
        let mut m = Masks { alnum: 0, letters: 0, upper: 0 };
        for k in 0..chunks.min(4) {
            // SAFETY: this module is compiled only where the build enables
            // SSE2, which every x86-64 target does.
            let (a, l, u) = unsafe { classify16(block[16 * k..16 * k + 16].try_into().expect("sixteen bytes")) };
            m.place([a, l, u].map(u64::from), 16 * k);
        }
        m
    }

    /// [`classify`] of sixteen bytes.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn classify16(chunk: &[u8; 16]) -> (u16, u16, u16) {
        // SAFETY: as in `run16`.
        let v = unsafe { _mm_loadu_si128(chunk.as_ptr().cast()) };
        // As in `run16`.
        let letters = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let alnum = _mm_or_si128(letters, in_range(v, b'0', 10));
        let letter_bits = _mm_movemask_epi8(letters);
        let capitals = letter_bits & !_mm_movemask_epi8(_mm_slli_epi16(v, 2));
        // `movemask` gives sixteen bits.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        (_mm_movemask_epi8(alnum) as u16, letter_bits as u16, capitals as u16)
    }
}

/// [`ASCII_WORD`]'s bit for an upper-case letter.
const UPPER_BIT: u8 = 2;

/// Per byte: 0 for what does not continue an ASCII word; 1 for a lower-case
/// letter or digit; `1 | UPPER_BIT` for an upper-case letter.
const ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            1 | UPPER_BIT
        } else if c.is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Scan a word starting at `i`; returns its end.
fn scan_word(text: &str, i: usize) -> usize {
    scan_word_from(text, i, i)
}

/// [`scan_word`] of the word at `start` whose bytes up to `i` are known to be
/// ASCII letters and digits: the block scanner has found them already, and
/// reading them again one by one was most of the cost of a word that goes
/// on past them ("Jong-un", "City’s").
fn scan_word_from(text: &str, start: usize, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    debug_assert!(bytes[start..i].iter().all(u8::is_ascii_alphanumeric));
    loop {
        // Run of letters/digits.
        while i < bytes.len() {
            let b = bytes[i];
            if ASCII_ALNUM[usize::from(b)] {
                i += 1;
            } else if b >= 0x80 {
                let c = text[i..].chars().next().expect("char boundary");
                if !is_general_punctuation(c) && (c.is_alphanumeric() || is_mark(c)) {
                    i += c.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // Most words end at a space or a comma: decide on the byte, no decoding.
        match bytes.get(i) {
            None => return i,
            Some(&b) if b < 0x80 && !matches!(b, b'-' | b'\'' | b'.') => return i,
            _ => {}
        }
        let Some(c) = text[i..].chars().next() else { return i };
        let after = i + c.len_utf8();
        let next_is_letter = text[after..].starts_with(is_word_char);
        if next_is_letter && (is_hyphen(c) || (is_apostrophe(c) && !is_clitic(&text[after..]))) {
            i = after;
        } else if c == '.' && is_acronym_so_far(&text[start..i]) {
            // "U.S." / "U.S.A." / "D.C." / "e.g.": single letters joined by dots.
            if text[after..].starts_with(|n: char| n.is_alphabetic())
                && !text[after..].chars().nth(1).is_some_and(char::is_alphabetic)
            {
                i = after;
            } else if text[start..i].contains('.') {
                return after; // final dot of "U.S."
            } else {
                return i;
            }
        } else {
            return i;
        }
    }
}

/// A letter or digit, with ASCII and typographic punctuation answered fast.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_general_punctuation(c) && c.is_alphanumeric()
    }
}

/// Typographic punctuation (curly quotes, dashes, ellipsis, guillemets): common in
/// news, never part of a word, and answered without Unicode table lookups.
fn is_general_punctuation(c: char) -> bool {
    // Only symbols: U+00AA, U+00B5, U+00BA and the fractions are letters or numbers.
    matches!(c as u32, 0x2000..=0x206F | 0xA1 | 0xA7 | 0xA9 | 0xAB | 0xAE | 0xB0 | 0xB1 | 0xB6 | 0xB7 | 0xBB | 0xBF)
}

/// What a character of the General Punctuation block (U+2000 to U+206F) is
/// to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typographic {
    /// White space (U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F).
    Space,
    /// A hyphen or an apostrophe ("‐", "‑", "’"), which may join the words
    /// around it.
    Joiner,
    /// Anything else ("“", "—", "…"): a token of its own, which ends any
    /// word before it.
    Mark,
}

/// [`Typographic`] of the character at `i` of UTF-8 text `bytes` (a char
/// boundary), if it is in the General Punctuation block.
///
/// Why by its bytes: curly quotes and dashes are most of the non-ASCII
/// characters of English news, and each cost a decoding and a Unicode table
/// look-up or two on the token-at-a-time path.
#[inline]
fn typographic(bytes: &[u8], i: usize) -> Option<Typographic> {
    // U+2000 to U+207F are E2 80 xx and E2 81 xx, xx the low six bits.
    let Some(&[0xE2, b1 @ (0x80 | 0x81), b2, ..]) = bytes.get(i..) else { return None };
    match u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F) {
        0x00..=0x0A | 0x28 | 0x29 | 0x2F | 0x5F => Some(Typographic::Space),
        0x10 | 0x11 | 0x19 => Some(Typographic::Joiner),
        0x70.. => None,
        _ => Some(Typographic::Mark),
    }
}

/// Combining marks keep accented names in one token when text is decomposed.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// True when `word` is a single letter or dotted single letters ("U", "U.S").
fn is_acronym_so_far(word: &str) -> bool {
    word.split('.').all(|part| part.chars().count() == 1)
}

fn scan_number(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() || ((b == b',' || b == b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out.iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn names_keep_hyphens_and_apostrophes() {
        assert_eq!(words("Kim Jong-un met O'Brien."), ["Kim", "Jong-un", "met", "O'Brien", "."]);
    }

    #[test]
    fn possessive_is_split() {
        assert_eq!(words("Putin’s move"), ["Putin", "’s", "move"]);
        assert_eq!(words("Russia's army"), ["Russia", "'s", "army"]);
    }

    #[test]
    fn dotted_acronyms_stay_whole() {
        assert_eq!(words("the U.S. president"), ["the", "U.S.", "president"]);
        assert_eq!(words("Washington, D.C. is"), ["Washington", ",", "D.C.", "is"]);
        assert_eq!(words("George W. Bush"), ["George", "W", ".", "Bush"]);
    }

    #[test]
    fn numbers_and_quotes() {
        assert_eq!(words("“15,000-strong” 2.5"), ["“", "15,000", "-", "strong", "”", "2.5"]);
    }

    #[test]
    fn any_text_gives_spans_on_char_boundaries() {
        for text in ["", " ", "’", "'s", "a’", "-x", "Ünïcödé 🇺🇦 Київ…", "U.", "U.S", "..", "e\u{301}t\u{e9}"]
        {
            let mut out = Vec::new();
            tokenize(text, &mut out);
            for t in &out {
                assert!(t.span.start < t.span.end, "{text:?}");
                assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            }
        }
    }

    /// The first-byte table agrees with the char predicates it stands for.
    #[test]
    fn first_byte_classes_match_char_predicates() {
        for b in 0u8..128 {
            let c = b as char;
            let expected = if c.is_whitespace() {
                SPACE
            } else if c.is_ascii_alphabetic() {
                LETTER
            } else if c.is_ascii_digit() {
                DIGIT
            } else {
                ASCII_OTHER
            };
            assert_eq!(FIRST_BYTE[usize::from(b)], expected, "{c:?}");
        }
        assert!(FIRST_BYTE[128..].iter().all(|&class| class == NON_ASCII));
        assert_eq!(words("a\u{b}b\u{1c}c\u{85}d\u{a0}e"), ["a", "b", "\u{1c}", "c", "d", "e"]);
    }

    /// The sixteen-byte word scan agrees with the byte loop on every run
    /// length, with a capital, a digit or any byte at any place.
    #[test]
    fn word_run_matches_the_byte_loop() {
        let mut samples: Vec<Vec<u8>> = Vec::new();
        for len in 0..40 {
            let word: Vec<u8> = (0..len).map(|k| b"abcxyz0189"[k % 10]).collect();
            for b in 0..=255u8 {
                for at in [0, len / 2, len.saturating_sub(1), len, len + 1] {
                    let mut s = word.clone();
                    s.extend_from_slice(b" tail of text");
                    if at < s.len() {
                        s[at] = b;
                    }
                    samples.push(s);
                }
            }
        }
        for s in &samples {
            for start in [0, 1] {
                let bytes = &s[start.min(s.len())..];
                assert_eq!(
                    ascii_word_run(bytes),
                    ascii_word_run_bytewise(bytes),
                    "{:?}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }

    /// The case bits found while scanning are the ones the characters give,
    /// on the fast ASCII path and on the slow one alike.
    #[test]
    fn case_bits_match_the_characters() {
        let text = "Putin iPhone al-Qaeda McDONALD'S eBay the U.S. Élysée éX ÉLYSÉE x-Élysée 12 G20 Putin’s ’S (Kim) abcdefghijklmnopQrstu";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut words = 0;
        for t in &tokens {
            let w = t.span.of(text);
            let expected = if t.kind == TokenKind::Word { case::of(w) } else { 0 };
            assert_eq!(t.case, expected, "{w:?}");
            assert_eq!(t.is_capitalised(), t.kind == TokenKind::Word && w.starts_with(char::is_uppercase), "{w:?}");
            assert_eq!(t.has_upper(), t.kind == TokenKind::Word && w.chars().any(char::is_uppercase), "{w:?}");
            words += usize::from(t.kind == TokenKind::Word);
        }
        assert!(words >= 18, "{tokens:?}");
        assert_eq!(case::of("iPhone"), case::UP);
        assert_eq!(case::of("Élysée"), case::CAP | case::UP);
        assert_eq!(case::of("the"), 0);
    }

    /// The byte-level reading of General Punctuation agrees with the
    /// character tests the token-at-a-time path makes, for every character.
    #[test]
    fn typographic_matches_the_character_tests() {
        let mut marks = 0;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut bytes = [b'x'; 8];
            c.encode_utf8(&mut bytes);
            let want = if ('\u{2000}'..='\u{206f}').contains(&c) {
                assert!(is_general_punctuation(c) && !is_word_char(c) && !is_mark(c), "{c:?}");
                Some(if c.is_whitespace() {
                    Typographic::Space
                } else if is_hyphen(c) || is_apostrophe(c) {
                    Typographic::Joiner
                } else {
                    marks += 1;
                    Typographic::Mark
                })
            } else {
                None
            };
            assert_eq!(typographic(&bytes, 0), want, "{c:?}");
            assert_eq!(typographic(&bytes[..c.len_utf8()], 0), want, "{c:?}");
        }
        // Fifteen spaces and three joiners.
        assert_eq!(marks, 0x70 - 15 - 3);
        assert_eq!(typographic(b"\xE2\x80", 0), None);
    }

    /// Starting a word's scan after a known run of ASCII letters and digits
    /// ends it where scanning from its start does.
    #[test]
    fn scan_word_from_matches_scan_word() {
        let text = "Jong-un U.S. Putin’s O'Brien x-Élysée abc12 a.b.c don't rain-soaked é G20’ said” U.S.A.";
        for start in (0..text.len()).filter(|&s| text.is_char_boundary(s)) {
            let run = text.as_bytes()[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            for known in 0..=run {
                assert_eq!(scan_word_from(text, start, start + known), scan_word(text, start), "{:?}", &text[start..]);
            }
        }
    }

    /// Text made of the pieces news is made of, cut and joined at random
    /// (a fixed seed): the block scanner and the token-at-a-time one give the
    /// same tokens with the same case bits, wherever the 64-byte blocks fall.
    #[test]
    fn block_scanner_matches_the_reference() {
        const PIECES: &[&str] = &[
            "Putin",
            "the",
            "U.S.",
            "U.S.A.",
            "D.C.",
            "e.g.",
            "W.",
            "Kim Jong-un",
            "Jong-un",
            "O'Brien",
            "Putin’s",
            "Russia's",
            "don't",
            "they're",
            "’S",
            "'",
            "’",
            "15,000",
            "2.5",
            "1.",
            "3,",
            "G20",
            "15th",
            "iPhone",
            "McDONALD'S",
            "al-Qaeda",
            "-",
            "‐",
            "‑",
            "—",
            "–",
            "…",
            ".",
            ",",
            ";",
            ":",
            "!",
            "?",
            "(",
            ")",
            "\"",
            "“",
            "”",
            "«",
            "»",
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\r\n",
            "\u{b}",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "Київ",
            "Élysée",
            "ÉLYSÉE",
            "x-Élysée",
            "e\u{301}t\u{e9}",
            "Zelenskyy’s",
            "naïve",
            "🇺🇦",
            "中国",
            "ﬁ",
            "½",
            "ª",
            "µ",
            "Straße",
            "İstanbul",
            "a",
            "I",
            "x",
            "Z",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            "said",
            "Minister",
            "0",
            "7",
            "#",
            "@",
            "$",
            "%",
            "&",
            "*",
            "/",
            "\\",
            "_",
            "`",
            "~",
            "\u{0}",
            "\u{7f}",
            "\u{1c}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{200b}",
            "\u{2060}",
            "\u{206f}",
            "\u{2070}",
            "\u{2071}",
            "“Putin”",
            "war—peace",
            "said”",
            "x‐y",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            #[allow(clippy::cast_possible_truncation)]
            let k = (seed % n as u64) as usize;
            k
        };
        let (mut got, mut want) = (Vec::new(), Vec::new());
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(60) {
                text.push_str(PIECES[next(PIECES.len())]);
                // Mostly a space between pieces, as in text; sometimes none.
                if next(4) != 0 {
                    text.push(' ');
                }
            }
            tokenize(&text, &mut got);
            tokenize_token_by_token(&text, &mut want);
            assert_eq!(got, want, "{text:?}");
            // The SSE2 classification too, where `tokenize` took AVX2's.
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            {
                got.clear();
                sse2::tokenize_blocks_with(sse2::Sse2, &text, &mut got);
                assert_eq!(got, want, "{text:?}");
            }
        }
    }

    /// AVX2 finds the masks SSE2 finds, for any bytes and any number of
    /// sixteens classified (the bytes past them zeros, as the caller's are).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn avx2_masks_match_sse2() {
        use sse2::{Avx2, Classify, Sse2};
        let Some(avx2) = Avx2::detect() else { return };
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        for round in 0..20_000 {
            let mut block = [0u8; 64];
            for b in &mut block {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Every byte value, and mostly letters and digits.
                *b = if seed.is_multiple_of(3) { (seed >> 8) as u8 } else { b"aZ0m9Q x.-"[(seed >> 8) as usize % 10] };
            }
            if round < 256 {
                block.fill(round as u8);
            }
            for chunks in 1..=4 {
                let mut part = block;
                part[16 * chunks..].fill(0);
                assert_eq!(avx2.classify(&part, chunks), Sse2.classify(&part, chunks), "{part:?}");
            }
        }
    }

    /// Every piece of [`block_scanner_matches_the_reference`]'s kind at
    /// every place around the first two block ends.
    #[test]
    fn block_ends_anywhere() {
        let (mut got, mut want) = (Vec::new(), Vec::new());
        for piece in [
            "U.S. ",
            "Jong-un ",
            "Putin’s ",
            "O'Brien",
            "15,000 ",
            "2.5",
            "Київ ",
            "said. ",
            "a.b",
            "x'",
            "G20,",
            "said” ",
            "“Putin",
            "war—peace",
            "a\u{2009}b",
            "x‑y",
        ] {
            for before in 0..140 {
                for filler in ["word ", "w ", "Wor ", " "] {
                    let mut text: String = filler.repeat(before / filler.len() + 1)[..before].to_owned();
                    text.push_str(piece);
                    text.push_str("Tail of the text, long enough to fill a block of sixty-four bytes.");
                    tokenize(&text, &mut got);
                    tokenize_token_by_token(&text, &mut want);
                    assert_eq!(got, want, "{text:?}");
                }
            }
        }
    }
}
