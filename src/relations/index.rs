//! The rules' words, interned once, so that matching compares integers.
//!
//! Matching used to compare every token with every word of every rule,
//! character by character: on news text that was ~90% of the whole run. Now
//! [`Vocab`] maps each word any rule names (lower-case, `’` read as `'`) to
//! an id, with a bitset of the word sets holding it and a few flags ("the",
//! a negator, a list separator…). A document's tokens are looked up once
//! (in a `table::Table` built for the miss, no allocation); a sentence's word sets are the
//! union of its tokens' bitsets, and a rule runs only on the sentences that
//! hold every word set it requires (its verb, its "of", its "("), tried only
//! from the items its pattern can open with (the `run` module).

use super::pattern::{Element, Repeat, Words};
use crate::text::{pack_short, short_span_bytes, Span};
use rustc_hash::FxHashMap;
use table::Table;

mod table;

/// The id of a token no rule names.
pub const NONE: u32 = u32::MAX;

/// A set of word sets, as bits (so at most [`MAX_SETS`] word sets).
pub type Mask = [u64; 4];

/// How many distinct word sets the rules may use.
pub const MAX_SETS: usize = 256;

/// Flags of a vocabulary word.
pub mod flag {
    /// "the".
    pub const THE: u16 = 1;
    /// A word a slot skips ("opposition", "ruling").
    pub const SKIP: u16 = 2;
    /// A negator ("not", "never").
    pub const NEG: u16 = 4;
    /// A noun that makes the name before it a modifier ("administration").
    pub const MODIFIER: u16 = 8;
    /// Clause punctuation a gap does not cross.
    pub const CLAUSE: u16 = 16;
    /// "(".
    pub const OPEN: u16 = 32;
    /// ")".
    pub const CLOSE: u16 = 64;
    /// A list separator that is no conjunction: "," or ";".
    pub const COMMA: u16 = 128;
    /// A conjunction: "and", "or", "&".
    pub const AND: u16 = 256;
    /// A relative pronoun that opens a clause about the name before it: "who", "which".
    pub const RELATIVE: u16 = 512;
    /// A role noun between a party and a name: "the Green Union candidate Tomas Lindqvist".
    pub const PARTY_ROLE: u16 = 1024;
    /// "led", "headed" or "chaired" in any case: a name's modifier may be
    /// "led by …", and this spares the exact (case-sensitive) comparison
    /// after nearly every name.
    pub const LED: u16 = 2048;
    /// A word [`super::super::items::build`] reads apart (a pronoun, "the",
    /// "who", a quote mark; `items::READ_APART`): every
    /// other token is a plain item, told by its one lookup.
    pub const ITEM: u16 = 4096;
}

const NEGATORS: &[&str] = &["not", "n't", "'t", "never", "no", "neither", "nor"];
const CLAUSE_PUNCT: &[&str] = &[".", ";", ":", "(", ")", "?", "!", ",", "—", "–"];

/// Every word the rules name, with its word sets and flags.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Each word, by id.
    words: Vec<Box<[u8]>>,
    /// The words of up to 7 bytes, by [`pack_short`] key.
    short: Table,
    /// The longer words, by their first eight bytes ([`prefix`]).
    long: Table,
    /// The words again, by each spelling of up to 7 bytes with a byte out
    /// of ASCII that [`Self::id_of`] folds to them, in lower case,
    /// Capitalised or UPPER case ([`unascii_spellings`]): a short token out
    /// of ASCII (a curly quote, "’s", a dash) is told by one probe instead
    /// of folded byte by byte.
    unascii: Table,
    max_len: usize,
    sets_of: Vec<Mask>,
    flags: Vec<u16>,
    /// The words flagged [`flag::ITEM`] are those of ids below this.
    read_apart: u32,
}

impl Vocab {
    /// Intern the words of `sets` (at most [`MAX_SETS`]), of the built-in flag
    /// lists and of `flagged` (the rule file's word lists that set a flag).
    ///
    /// # Errors
    /// When there are more than [`MAX_SETS`] word sets.
    pub fn new(sets: &Words, flagged: &[(&[String], u16)]) -> Result<Self, String> {
        if sets.len() > MAX_SETS {
            return Err(format!("the rules use {} distinct word sets, at most {MAX_SETS} are allowed", sets.len()));
        }
        let mut v = Self::default();
        let mut ids = FxHashMap::default();
        // First, so that they have the lowest ids ([`Self::read_apart`]).
        for w in super::items::READ_APART {
            // Folded as lookups fold tokens: lower-case, `’` read as `'`.
            let id = v.intern(&mut ids, &w.to_lowercase().replace('’', "'"));
            v.flags[id] |= flag::ITEM;
        }
        v.read_apart = u32::try_from(v.words.len()).expect("a few words read apart");
        for s in 0..sets.len() {
            for w in sets.get(s) {
                let id = v.intern(&mut ids, w);
                v.sets_of[id][s / 64] |= 1 << (s % 64);
            }
        }
        let lists: [(&[&str], u16); 7] = [
            (&["the"], flag::THE),
            (&["led", "headed", "chaired"], flag::LED),
            (NEGATORS, flag::NEG),
            (CLAUSE_PUNCT, flag::CLAUSE),
            (&[",", ";"], flag::COMMA),
            (&["and", "or", "&"], flag::AND),
            (&["who", "which"], flag::RELATIVE),
        ];
        for (words, f) in lists {
            for w in words {
                let id = v.intern(&mut ids, w);
                v.flags[id] |= f;
            }
        }
        for &(words, f) in flagged {
            for w in words {
                let id = v.intern(&mut ids, w);
                v.flags[id] |= f;
            }
        }
        for (w, f) in [("(", flag::OPEN), (")", flag::CLOSE)] {
            let id = v.intern(&mut ids, w);
            v.flags[id] |= f;
        }
        let (mut short, mut long) = (Vec::new(), Vec::new());
        for (id, word) in (0..).zip(&v.words) {
            match pack_short(word) {
                Some(key) => short.push((key, id)),
                None => long.push((prefix(word), id)),
            }
        }
        let mut unascii = Vec::new();
        for (id, word) in (0..).zip(&v.words) {
            unascii.extend(unascii_spellings(word).into_iter().map(|key| (key, id)));
        }
        (v.short, v.long, v.unascii) = (Table::new(&short), Table::new(&long), Table::new(&unascii));
        Ok(v)
    }

    /// The id of `word` (a new one if it is new), `ids` holding those given so far.
    /// A word seen before is found by its bytes: only a new one makes its
    /// key (`entry` made, and freed, a key for every one of ~1000 calls).
    fn intern(&mut self, ids: &mut FxHashMap<Box<[u8]>, usize>, word: &str) -> usize {
        if let Some(&id) = ids.get(word.as_bytes()) {
            return id;
        }
        let next = self.words.len();
        assert!(u32::try_from(next).is_ok_and(|n| n != NONE), "fewer than 4 billion rule words");
        ids.insert(word.as_bytes().into(), next);
        self.words.push(word.as_bytes().into());
        self.flags.push(0);
        self.sets_of.push(Mask::default());
        self.max_len = self.max_len.max(word.len());
        next
    }

    /// The id of a word of 8 bytes or more, already folded.
    fn long_id(&self, word: &[u8]) -> u32 {
        self.long.find(prefix(word), |id| *self.words[id as usize] == *word)
    }

    /// The id of a token's text: ASCII case folded, `’` read as `'`
    /// (what [`super::pattern::word_eq`] compares). Allocates nothing for
    /// tokens of up to 64 bytes.
    ///
    /// Most tokens fold to at most 7 bytes: those are packed while folding
    /// (one pass, no buffer) and looked up in the short table.
    #[must_use]
    pub fn id_of(&self, token: &str) -> u32 {
        let raw = token.as_bytes();
        // `’` is three bytes folded into one, so a longer token cannot be a rule word.
        if raw.len() > 3 * self.max_len {
            return NONE;
        }
        let (mut key, mut i, mut n) = (0u64, 0, 0);
        while i < raw.len() {
            if n == 7 {
                return self.id_of_long(raw);
            }
            let b = if raw[i] == 0xE2 && raw.get(i + 1) == Some(&0x80) && raw.get(i + 2) == Some(&0x99) {
                i += 3;
                b'\''
            } else {
                i += 1;
                raw[i - 1].to_ascii_lowercase()
            };
            key |= u64::from(b) << (8 * n);
            n += 1;
        }
        if n == 0 {
            return NONE;
        }
        self.short.get(key | (n as u64) << 56)
    }

    /// [`Self::id_of`] of `text[span]`, faster for the common short ASCII
    /// token: its bytes are read as one integer (there are eight bytes of
    /// text from its start) and lower-cased all at once.
    ///
    /// Inlined, with the other tokens out of line: a sentence's every token
    /// is looked up, and the call with the register saves the long paths
    /// need cost about as much as the short lookup itself.
    ///
    /// A token of eight bytes or more whose first eight are ASCII (folded
    /// as they stand) is no rule word when no long word starts with them:
    /// most such tokens, told here by one probe, without the call.
    #[must_use]
    #[inline(always)]
    pub fn id_of_span(&self, text: &str, span: Span) -> u32 {
        match short_span_bytes(text, span) {
            Some(word) if word & HIGH == 0 => self.short.get(fold_ascii(word) | (span.len() as u64) << 56),
            None if span.len() >= 8 && self.no_long_word_starts(&text.as_bytes()[span.start..]) => NONE,
            _ => self.id_of_other_span(text, span),
        }
    }

    /// True when `bytes` (eight or more) start with eight ASCII bytes that
    /// begin no long rule word, once folded.
    #[inline(always)]
    fn no_long_word_starts(&self, bytes: &[u8]) -> bool {
        let head = prefix(bytes);
        head & HIGH == 0 && self.long.get(fold_ascii(head)) == NONE
    }

    /// [`Self::id_of_span`] of a token that is long, not ASCII, or too near
    /// the end of the text to read eight bytes from its start.
    #[inline(never)]
    fn id_of_other_span(&self, text: &str, span: Span) -> u32 {
        let n = span.len();
        if let Some(bytes) = short_span_bytes(text, span) {
            // Out of ASCII (an ASCII one is answered inline): spelt as a
            // rule word is, or in the usual case and so no rule word.
            let id = self.unascii.get(bytes | (n as u64) << 56);
            if id != NONE || usual_case(bytes) {
                return id;
            }
        }
        let raw = span.of(text).as_bytes();
        if n >= 8 {
            if raw.is_ascii() {
                // Folds to as many bytes: its first eight, folded at once, find
                // the rule words it may be; the rest is compared only then.
                if n > self.max_len {
                    return NONE;
                }
                let head = fold_ascii(u64::from_le_bytes(raw[..8].try_into().expect("8 bytes")));
                return self.long.find(head, |id| {
                    let word = &self.words[id as usize];
                    word.len() == n && word[8..].iter().zip(&raw[8..]).all(|(w, r)| *w == r.to_ascii_lowercase())
                });
            }
            // Folds to 8 bytes or more unless it holds `’`: `id_of_long` handles both.
            return if n > 3 * self.max_len { NONE } else { self.id_of_long(raw) };
        }
        self.id_of(span.of(text))
    }

    /// [`Self::id_of`] for tokens that fold to 8 bytes or more.
    fn id_of_long(&self, raw: &[u8]) -> u32 {
        let mut buf = [0u8; 64];
        let mut heap = Vec::new();
        let out: &mut [u8] = if raw.len() <= buf.len() {
            &mut buf[..]
        } else {
            heap.resize(raw.len(), 0);
            &mut heap
        };
        let (mut i, mut n) = (0, 0);
        while i < raw.len() {
            if raw[i] == 0xE2 && raw.get(i + 1) == Some(&0x80) && raw.get(i + 2) == Some(&0x99) {
                out[n] = b'\'';
                i += 3;
            } else {
                out[n] = raw[i].to_ascii_lowercase();
                i += 1;
            }
            n += 1;
        }
        if n == 0 || n > self.max_len {
            return NONE;
        }
        let word = &out[..n];
        pack_short(word).map_or_else(|| self.long_id(word), |key| self.short.get(key))
    }

    /// True when word `id` has flag `f`.
    #[must_use]
    pub fn has(&self, id: u32, f: u16) -> bool {
        id != NONE && self.flags[id as usize] & f != 0
    }

    /// True when word `id` has flag [`flag::ITEM`]: one compare, where
    /// [`Self::has`] tests for [`NONE`] and loads the flags (nearly every
    /// token of a sentence with two names asks).
    #[must_use]
    #[inline]
    pub fn read_apart(&self, id: u32) -> bool {
        id < self.read_apart
    }

    /// True when word `id` is in word set `set`.
    #[must_use]
    pub fn in_set(&self, id: u32, set: usize) -> bool {
        id != NONE && self.sets_of[id as usize][set / 64] & (1 << (set % 64)) != 0
    }

    /// Add word `id`'s sets to `mask`.
    pub fn add_sets(&self, id: u32, mask: &mut Mask) {
        if id != NONE {
            let sets = &self.sets_of[id as usize];
            for k in 0..mask.len() {
                mask[k] |= sets[k];
            }
        }
    }
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// `’`, which ids read as `'`.
const CURLY: &[u8] = "’".as_bytes();

/// The spellings of up to seven bytes of rule word `word` with a byte out
/// of ASCII that [`Vocab::id_of`] folds to it, packed as [`pack_short`]
/// packs them: each in lower case, Capitalised and UPPER case (ASCII
/// letters only), with any of its `'` written `’`. None for a word no token
/// folds to (with an upper-case letter or a `’`).
///
/// So a token of up to seven bytes with one out of ASCII, in one of those
/// cases ([`usual_case`]), folds to a rule word just when it is one of
/// them: it folds to a word of its own length or shorter, with a `'` for
/// each of its `’`.
fn unascii_spellings(word: &[u8]) -> Vec<u64> {
    let mut out = Vec::new();
    // Most words are ASCII with no `'`: one pass over their bytes.
    if word.len() > 7 || !word.iter().any(|&b| b == b'\'' || b >= 0x80) {
        return out;
    }
    if word.iter().any(u8::is_ascii_uppercase) || word.windows(3).any(|w| w == CURLY) {
        return out;
    }
    let quotes = word.iter().filter(|&&b| b == b'\'').count();
    for curly in 0..1u32 << quotes {
        let (mut spelt, mut k) = (Vec::with_capacity(7), 0);
        for &b in word {
            if b == b'\'' && curly >> k & 1 == 1 {
                spelt.extend_from_slice(CURLY);
            } else {
                spelt.push(b);
            }
            k += usize::from(b == b'\'');
        }
        if spelt.len() > 7 || spelt.is_ascii() {
            continue;
        }
        let lower = spelt.clone();
        spelt[0].make_ascii_uppercase();
        let capitalised = spelt.clone();
        spelt.make_ascii_uppercase();
        for case in [lower, capitalised, spelt] {
            let key = pack_short(&case).expect("seven bytes at most");
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// True when the ASCII letters of a word of up to eight bytes (as read by
/// `u64::from_le_bytes`, bytes out of ASCII allowed) are all lower case,
/// or all but the first, or all upper case: the cases
/// [`unascii_spellings`] spells.
const fn usual_case(word: u64) -> bool {
    // Bytes out of ASCII are read without their top bit (no carries), and
    // then dropped.
    let ascii = word & !HIGH;
    let upper = upper_ascii(ascii) & !word;
    let lower = (ascii + 0x1f1f_1f1f_1f1f_1f1f) & !(ascii + 0x0505_0505_0505_0505) & HIGH & !word;
    upper <= 0x80 || lower == 0
}

/// The top bit of each byte of eight ASCII bytes that is in 'A'..='Z':
/// one is when adding 0x3f sets its top bit and adding 0x25 does not (no
/// carries).
const fn upper_ascii(word: u64) -> u64 {
    (word + 0x3f3f_3f3f_3f3f_3f3f) & !(word + 0x2525_2525_2525_2525) & HIGH
}

/// Eight ASCII bytes (as read by `u64::from_le_bytes`) with 'A'..='Z'
/// lower-cased, all at once ([`upper_ascii`]).
const fn fold_ascii(word: u64) -> u64 {
    word | upper_ascii(word) >> 2
}

/// The first eight bytes of a word of 8 bytes or more, as one integer.
fn prefix(word: &[u8]) -> u64 {
    u64::from_le_bytes(word[..8].try_into().expect("a long word"))
}

/// What a sentence must hold for a rule to match in it.
#[derive(Debug, Clone, Default)]
pub struct Needs {
    /// Word sets it requires (one of their words must be there), as a bitset.
    pub sets: Mask,
    /// A title.
    pub title: bool,
}

impl Needs {
    /// What `elements` require.
    #[must_use]
    pub fn of(elements: &[Element]) -> Self {
        let mut needs = Self::default();
        for e in elements {
            match *e {
                Element::Word(set, Repeat::One) => needs.sets[set / 64] |= 1 << (set % 64),
                Element::Title => needs.title = true,
                _ => {}
            }
        }
        needs
    }

    /// True when a sentence with these word sets may match.
    #[must_use]
    pub fn met_by(&self, sets: &Mask) -> bool {
        (0..sets.len()).fold(0, |missing, k| missing | (self.sets[k] & !sets[k])) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`usual_case`] agrees with a reading of the characters, out of
    /// ASCII too, and every spelling of [`unascii_spellings`] folds back to
    /// its word, once each.
    #[test]
    fn unascii_spellings_fold_to_their_word() {
        let usual = |w: &str| {
            let letters: Vec<char> = w.chars().filter(char::is_ascii_alphabetic).collect();
            let first_only = w.chars().skip(1).all(|c| !c.is_ascii_uppercase());
            first_only || letters.iter().all(char::is_ascii_uppercase)
        };
        for w in [
            "a", "Ab", "AB", "aB", "ÉcOLE", "école", "École", "ÉCOLE", "n’T", "N’t", "’S", "’s", "x’Y", "—", "Ñ", "ñA",
            "AñB",
        ] {
            let bytes = pack_short(w.as_bytes()).unwrap() & !(0xff << 56);
            assert_eq!(usual_case(bytes), usual(w), "{w}");
        }
        let unpack = |key: u64| key.to_le_bytes()[..(key >> 56) as usize].to_vec();
        let fold = |w: &[u8]| String::from_utf8(w.to_vec()).unwrap().to_ascii_lowercase().replace('’', "'");
        for (word, n) in [("met", 0), ("n't", 3), ("'", 1), ("a'b'c'", 0), ("x'y", 3), ("''", 3), ("é", 1), ("—", 1)]
        {
            let all = unascii_spellings(word.as_bytes());
            assert_eq!(all.len(), n, "{word}: {:?}", all.iter().map(|&k| unpack(k)).collect::<Vec<_>>());
            for (i, &k) in all.iter().enumerate() {
                assert!(!all[..i].contains(&k) && !unpack(k).is_ascii());
                assert_eq!(fold(&unpack(k)), word);
            }
        }
        assert!(unascii_spellings(b"Mixed").is_empty() && unascii_spellings("x’y".as_bytes()).is_empty());
    }

    /// [`Vocab::read_apart`] tells [`flag::ITEM`] by the id alone.
    #[test]
    fn words_read_apart_have_the_lowest_ids() {
        let vocab = &super::super::RuleSet::embedded().vocab;
        for id in (0..u32::try_from(vocab.words.len()).unwrap()).chain([NONE]) {
            assert_eq!(vocab.read_apart(id), vocab.has(id, flag::ITEM), "{id}");
        }
        assert!(vocab.read_apart(vocab.id_of("The")) && !vocab.read_apart(vocab.id_of("met")));
    }

    #[test]
    fn ids_fold_case_and_apostrophes_only() {
        let mut words = Words::default();
        let met = words.add(vec!["met".into(), "n't".into(), "announced".into(), "announcer".into()]);
        words.add(vec!["o'er".into(), "a'b".into(), "é".into(), "—".into(), "'".into(), "''".into(), "ño".into()]);
        let vocab = Vocab::new(&words, &[(&["ruling".into()], flag::SKIP)]).unwrap();
        assert!(vocab.in_set(vocab.id_of("MET"), met));
        assert!(vocab.in_set(vocab.id_of("n’t"), met));
        assert_eq!(vocab.id_of("meet"), NONE);
        assert_eq!(vocab.id_of("Métro"), NONE);
        assert!(vocab.has(vocab.id_of("Ruling"), flag::SKIP));
        assert!(vocab.has(vocab.id_of("The"), flag::THE));
        assert!(vocab.has(vocab.id_of("n't"), flag::NEG));
        assert!(!vocab.has(vocab.id_of("met"), flag::NEG));
        assert_eq!(vocab.id_of(&"x".repeat(300)), NONE);
        // Long words share their first eight bytes: the rest tells them apart.
        assert!(vocab.in_set(vocab.id_of("ANNOUNCED"), met));
        assert_ne!(vocab.id_of("announced"), vocab.id_of("announcer"));
        assert_eq!(vocab.id_of("announces"), NONE);
        // The span reader agrees with the string one, at any offset.
        let text =
            "MET met n’t The Ruling meet Métro x ( ) , and AND Mr. 12345678 xxxxxxx Announced announcer announces \
             ANNOUNCED’ announcé Announcer’s unannounced O’ER o’Er O’er A’B a’B É é Ño ÑO ñO — ’’ ’' N’T x’ ’";
        let mut tokens = Vec::new();
        crate::text::tokenize(text, &mut tokens);
        for t in &tokens {
            assert_eq!(vocab.id_of_span(text, t.span), vocab.id_of(t.span.of(text)), "{:?}", t.span.of(text));
        }
        for end in 0..=text.len() {
            for start in 0..end {
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    let span = Span::new(start, end);
                    assert_eq!(vocab.id_of_span(text, span), vocab.id_of(span.of(text)));
                }
            }
        }
    }
}
