//! Learned BIO sequence tagger for person, organisation, location and other
//! names.
//!
//! Why a learned tagger at all: gazetteers and rules find the names they
//! know; news keeps introducing names nobody listed ("Nenad Popović",
//! "Dveri"). An averaged perceptron over hashed sparse features is the
//! fastest model that still learns the cues (capitalisation runs, "of",
//! titles, suffixes, gazetteer bits of the neighbours), trains in seconds
//! from the openly licensed corpora in `/work/shared/train`, and fits in a
//! few megabytes embedded in the binary.
//!
//! Design choices, all for speed:
//! - features are hashed into a fixed table of `2^k` rows × 9 labels of
//!   `i8` weights ([`model`] describes the file), so there is no vocabulary
//!   lookup and no allocation per token or per feature;
//! - decoding is greedy left to right with the previous two labels as
//!   features and BIO constraints (I-X only after B-X/I-X);
//! - [`Tagger::tag`] gives `O` without scoring to lower-case tokens that
//!   cannot be inside a name (not between two capitalised words, not a
//!   short word continuing a name or a particle opening one before a
//!   capital; see `must_score`): running prose in lower case is most of
//!   news text. On the dev sets the tagger alone scores micro F1 0.789
//!   (crossner) and 0.784 (crossre) this way, against 0.790 and 0.785
//!   scoring every token (`examples/train_tagger.rs --eval`, with and
//!   without `--all`).
//!
//! Countries and other places share the `LOC` class: the lexicon decides
//! afterwards which `LOC` spans are countries.

mod features;
pub mod model;
mod train;

pub use model::TaggerError;
pub use train::{read_jsonl, train, train_sentences, GoldEntity, GoldSentence, TrainOptions};

use crate::text::{Token, TokenKind};
#[cfg(target_arch = "x86_64")]
use features::Avx2Rows;
use features::{extract, within_cap, AnyRows, DefaultRows, Doc, FeatBuf, InfoCache, RowTables, Rows, Scorer};
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Buffers [`Tagger::tag_with`] reuses from sentence to sentence (one per
/// worker), so tagging a corpus does not grow the same vectors again for
/// each sentence.
pub struct TagBuffers(InfoCache);

impl Default for TagBuffers {
    fn default() -> Self {
        Self(InfoCache::with_memo())
    }
}

/// Number of labels: `O` plus B/I for each of the four classes.
pub const N_LABELS: usize = 9;

/// An entity class the tagger knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// A person.
    Per,
    /// An organisation (parties, companies, institutions, teams).
    Org,
    /// A country or any other place; the lexicon tells countries apart.
    Loc,
    /// Any other name: events, elections, works, nationalities.
    Oth,
}

impl Class {
    /// All classes, in label order.
    pub const ALL: [Self; 4] = [Self::Per, Self::Org, Self::Loc, Self::Oth];

    /// Short upper-case name ("PER").
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Per => "PER",
            Self::Org => "ORG",
            Self::Loc => "LOC",
            Self::Oth => "OTH",
        }
    }
}

/// One BIO label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum Label {
    /// Outside any name.
    #[default]
    O = 0,
    /// First token of a person name.
    BPer = 1,
    /// Later token of a person name.
    IPer = 2,
    /// First token of an organisation name.
    BOrg = 3,
    /// Later token of an organisation name.
    IOrg = 4,
    /// First token of a place name.
    BLoc = 5,
    /// Later token of a place name.
    ILoc = 6,
    /// First token of another name.
    BOth = 7,
    /// Later token of another name.
    IOth = 8,
}

impl Label {
    /// All labels, indexed by their `u8` value.
    pub const ALL: [Self; N_LABELS] =
        [Self::O, Self::BPer, Self::IPer, Self::BOrg, Self::IOrg, Self::BLoc, Self::ILoc, Self::BOth, Self::IOth];

    /// The label with index `i` (panics when `i >= N_LABELS`).
    #[must_use]
    pub const fn from_index(i: usize) -> Self {
        Self::ALL[i]
    }

    /// The B- (`begin == true`) or I- label of `class`.
    #[must_use]
    pub const fn new(class: Class, begin: bool) -> Self {
        let base = match class {
            Class::Per => 1,
            Class::Org => 3,
            Class::Loc => 5,
            Class::Oth => 7,
        };
        Self::ALL[if begin { base } else { base + 1 }]
    }

    /// The class, `None` for `O`.
    #[must_use]
    pub const fn class(self) -> Option<Class> {
        match self {
            Self::O => None,
            Self::BPer | Self::IPer => Some(Class::Per),
            Self::BOrg | Self::IOrg => Some(Class::Org),
            Self::BLoc | Self::ILoc => Some(Class::Loc),
            Self::BOth | Self::IOth => Some(Class::Oth),
        }
    }

    /// True for a B- label.
    #[must_use]
    pub const fn is_begin(self) -> bool {
        matches!(self, Self::BPer | Self::BOrg | Self::BLoc | Self::BOth)
    }

    /// True for an I- label.
    #[must_use]
    pub const fn is_inside(self) -> bool {
        matches!(self, Self::IPer | Self::IOrg | Self::ILoc | Self::IOth)
    }

    /// True when `self` may follow `prev` in a well-formed BIO sequence.
    #[must_use]
    pub fn may_follow(self, prev: Self) -> bool {
        !self.is_inside() || prev.class() == self.class()
    }

    /// CoNLL-style name ("B-PER", "O").
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::O => "O",
            Self::BPer => "B-PER",
            Self::IPer => "I-PER",
            Self::BOrg => "B-ORG",
            Self::IOrg => "I-ORG",
            Self::BLoc => "B-LOC",
            Self::ILoc => "I-LOC",
            Self::BOth => "B-OTH",
            Self::IOth => "I-OTH",
        }
    }
}

/// Turn BIO labels into token ranges with their class.
///
/// Repairs ill-formed input the usual way: an I- label that does not
/// continue a name of the same class starts a new one.
#[must_use]
pub fn spans(labels: &[Label]) -> Vec<(Range<usize>, Class)> {
    let mut out = Vec::new();
    spans_into(labels, &mut out);
    out
}

/// [`spans`] into a reused vector (cleared first).
///
/// A span opens at any label with a class and takes the I- labels of its
/// class that follow; the `O` labels between spans, most of them, are
/// skipped eight at a time, straight to the first label of the eight
/// that is not `O`. Tables give a label's class and I- label: no jump on
/// the label.
pub fn spans_into(labels: &[Label], out: &mut Vec<(Range<usize>, Class)>) {
    out.clear();
    let mut i = 0;
    loop {
        i = first_named(labels, i);
        // Any label but `O` has a class: this is the end.
        let Some(class) = labels.get(i).and_then(|&l| CLASS_OF[l as usize]) else {
            break;
        };
        let inside = INSIDE_AFTER[labels[i] as usize];
        let start = i;
        i += 1;
        while labels.get(i).is_some_and(|&l| l as u8 == inside) {
            i += 1;
        }
        out.push((start..i, class));
    }
}

/// The first label at or after `i` (at most `labels.len()`) that is not
/// `O`, or `labels.len()`.
///
/// Eight labels at a time (one load and a test). Why the last eight are
/// read again, with those before `i` shifted out, rather than the fewer
/// than eight left read one by one: every sentence ends in such a tail,
/// which cost some 0.15 M instructions on the news slice byte by byte.
#[inline]
fn first_named(labels: &[Label], mut i: usize) -> usize {
    let eight_at = |at: usize| {
        labels[at..at + 8].iter().enumerate().fold(0u64, |word, (k, &l)| word | u64::from(l as u8) << (8 * k))
    };
    // Little-endian: the lowest byte that is not 0 is the first label.
    let first = |word: u64| word.trailing_zeros() as usize / 8;
    while i + 8 <= labels.len() {
        let word = eight_at(i);
        if word != 0 {
            return i + first(word);
        }
        i += 8;
    }
    if i >= labels.len() {
        return labels.len();
    }
    if let Some(last) = labels.len().checked_sub(8) {
        // `last < i < last + 8`: a shift of 8 to 56 bits.
        let word = eight_at(last) >> (8 * (i - last));
        return if word == 0 { labels.len() } else { i + first(word) };
    }
    while labels.get(i) == Some(&Label::O) {
        i += 1;
    }
    i
}

/// By label: its class ([`Label::class`] as a table).
const CLASS_OF: [Option<Class>; N_LABELS] = {
    let mut t = [None; N_LABELS];
    let mut l = 0;
    while l < N_LABELS {
        t[l] = Label::ALL[l].class();
        l += 1;
    }
    t
};

/// A trained tagger: quantised weights in a hashed feature table.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Tells this model's weights apart from those of any other model
    /// made in this process (a clone has the same): the sums of weights
    /// that [`TagBuffers`] keep are of one model.
    id: u64,
    rows_log2: u32,
    flags: u32,
    scale: f32,
    weights: Vec<i8>,
    /// Sums of rows of `weights` the scorer reads in one go.
    tables: RowTables,
}

/// Bytes after the last row so that every row can be read as 16 bytes.
const ROW_PAD: usize = 16 - N_LABELS;

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/tagger/model.bin");

impl Tagger {
    /// The model shipped in the binary (`data/tagger/model.bin`), decoded
    /// once on first use (a copy of a few megabytes, no parsing).
    ///
    /// # Panics
    /// When the embedded file is not a valid model, which a unit test rules out.
    #[must_use]
    pub fn embedded() -> &'static Self {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| Self::from_bytes(EMBEDDED_MODEL).expect("embedded tagger model is valid"))
    }

    /// Load a model from the bytes of a model file.
    ///
    /// # Errors
    /// When the header is wrong (magic, version, feature version, sizes).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, TaggerError> {
        let (header, mut weights) = model::decode(bytes)?;
        weights.resize(weights.len() + ROW_PAD, 0);
        Ok(Self::with_tables(header.rows_log2, header.flags, header.scale, weights))
    }

    /// Serialise to the model file format.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        model::encode(
            &model::Header { rows_log2: self.rows_log2, flags: self.flags, scale: self.scale },
            &self.weights[..self.weights.len() - ROW_PAD],
        )
    }

    /// True when the model was trained with gazetteer bits; a model trained
    /// without them should be given an empty `gaz` slice.
    #[must_use]
    pub const fn uses_gazetteer(&self) -> bool {
        self.flags & model::FLAG_GAZETTEER != 0
    }

    /// Log2 of the number of rows of the feature table.
    #[must_use]
    pub const fn rows_log2(&self) -> u32 {
        self.rows_log2
    }

    pub(crate) fn from_parts(rows_log2: u32, flags: u32, scale: f32, mut weights: Vec<i8>) -> Self {
        // As `model::decode` requires; the scorer relies on row numbers fitting 28 bits.
        assert!((1..=28).contains(&rows_log2), "a tagger table has 2^1 to 2^28 rows");
        weights.resize(weights.len() + ROW_PAD, 0);
        Self::with_tables(rows_log2, flags, scale, weights)
    }

    /// A tagger of padded `weights`, with a new id and its [`RowTables`].
    fn with_tables(rows_log2: u32, flags: u32, scale: f32, weights: Vec<i8>) -> Self {
        let tables = RowTables::new(&weights, 64 - rows_log2);
        Self { id: next_id(), rows_log2, flags, scale, weights, tables }
    }

    /// Tag `tokens` (from [`crate::text::tokenize`] over `text`), writing
    /// one label per token into `out` (cleared first).
    ///
    /// `gaz` is empty or holds one gazetteer bit-set per token (the
    /// lexicon's `token_features`). Tokens without an upper-case letter get
    /// `O` without being scored unless they sit between two name words or
    /// are a short word just before one (see `maybe_inside`).
    pub fn tag(&self, text: &str, tokens: &[Token], gaz: &[u32], out: &mut Vec<Label>) {
        self.run(text, tokens, gaz, out, true, &mut InfoCache::new());
    }

    /// [`Tagger::tag`] with buffers kept from the previous call.
    pub fn tag_with(&self, text: &str, tokens: &[Token], gaz: &[u32], out: &mut Vec<Label>, buffers: &mut TagBuffers) {
        self.run(text, tokens, gaz, out, true, &mut buffers.0);
    }

    /// Like [`Tagger::tag`] but scores every token (no fast path); for
    /// checking that the fast path costs nothing.
    pub fn tag_all(&self, text: &str, tokens: &[Token], gaz: &[u32], out: &mut Vec<Label>) {
        self.run(text, tokens, gaz, out, false, &mut InfoCache::new());
    }

    fn run(&self, text: &str, tokens: &[Token], gaz: &[u32], out: &mut Vec<Label>, fast: bool, cache: &mut InfoCache) {
        out.clear();
        let n = tokens.len();
        out.resize(n, Label::O);
        if n == 0 {
            return;
        }
        let gaz = if gaz.len() == n { gaz } else { &[] };
        self.run_with(&Doc { text, tokens, gaz }, out, fast, cache);
    }

    /// Label the tokens of `doc` into `out`, which holds one `O` per token.
    fn run_with(&self, doc: &Doc<'_>, out: &mut [Label], fast: bool, cache: &mut InfoCache) {
        match DefaultRows::of(&self.weights) {
            Some(rows) => self.run_default(doc, out, fast, cache, rows),
            None => self.run_rows(doc, out, fast, cache, AnyRows::new(&self.weights, 64 - self.rows_log2)),
        }
    }

    /// [`Tagger::run_rows`] of a table of the default size: compiled for
    /// AVX2 where the CPU has it (checked at run time, as the build assumes
    /// only SSE2), which widens each `i8` row to sixteen `i16` lanes and
    /// adds it in two instructions instead of six or seven. The sums are of
    /// integers, so the labels are the same either way.
    fn run_default(&self, doc: &Doc<'_>, out: &mut [Label], fast: bool, cache: &mut InfoCache, rows: DefaultRows<'_>) {
        #[cfg(target_arch = "x86_64")]
        if let Some(rows) = Avx2Rows::detect(rows) {
            // SAFETY: the CPU has AVX2, as `rows` tells.
            return unsafe { self.run_rows_avx2(doc, out, fast, cache, rows) };
        }
        self.run_rows(doc, out, fast, cache, rows);
    }

    /// [`Tagger::run_rows`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn run_rows_avx2(&self, doc: &Doc<'_>, out: &mut [Label], fast: bool, cache: &mut InfoCache, rows: Avx2Rows<'_>) {
        self.run_rows_inline(doc, out, fast, cache, rows);
    }

    /// [`Tagger::run_with`] reading the weights through `rows`.
    #[inline(never)]
    fn run_rows<R: Rows>(&self, doc: &Doc<'_>, out: &mut [Label], fast: bool, cache: &mut InfoCache, rows: R) {
        self.run_rows_inline(doc, out, fast, cache, rows);
    }

    /// The body of [`Tagger::run_rows`], inlined into each of its callers
    /// so that each is compiled with its own target features.
    #[inline(always)]
    fn run_rows_inline<R: Rows>(&self, doc: &Doc<'_>, out: &mut [Label], fast: bool, cache: &mut InfoCache, rows: R) {
        let tokens = doc.tokens;
        // As many labels as tokens (`Tagger::run` makes them so), and the
        // compiler knows it: a token below `out.len()` needs no bounds check.
        let out = &mut out[..tokens.len()];
        cache.prepare(tokens);
        cache.for_model(self.id);
        let mut scorer = Scorer::new(rows, &self.tables);
        let uncapped = within_cap(doc.gaz.iter().fold(0, |a, &g| a | g));
        let (mut p1, mut p2) = (Label::O, Label::O);
        let mut i = 0;
        while i < out.len() {
            if fast && !must_score(doc.gaz, tokens, i, p1) {
                // `out` is all `O` already. So are the tokens after `i` up
                // to the next one to score, which a loop of their own finds
                // faster than this one (whose registers scoring needs).
                let next = next_to_score(doc.gaz, tokens, i + 1);
                p2 = if next > i + 1 { Label::O } else { p1 };
                p1 = Label::O;
                i = next;
                continue;
            }
            let label = if uncapped {
                extract(doc, i, p1, p2, cache, &mut scorer);
                best_label_of_sums(scorer.sums(), p1)
            } else {
                best_label(&self.score_capped(doc, i, p1, p2, cache), p1)
            };
            out[i] = label;
            p2 = p1;
            p1 = label;
            i += 1;
        }
    }

    /// The scores of token `i` of a sentence whose gazetteer bits are not
    /// [`within_cap`]: through a [`FeatBuf`], which keeps the first
    /// [`features::MAX_FEATURES`] features as training does.
    #[cold]
    #[inline(never)]
    fn score_capped(&self, doc: &Doc<'_>, i: usize, p1: Label, p2: Label, cache: &mut InfoCache) -> [i32; N_LABELS] {
        let mut feats = FeatBuf::new();
        extract(doc, i, p1, p2, cache, &mut feats);
        let mut scorer = Scorer::new(AnyRows::new(&self.weights, 64 - self.rows_log2), &self.tables);
        scorer.sum(feats.as_slice());
        scorer.scores()
    }
}

/// A new [`Tagger::id`] (from 1: 0 is no model).
fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Whether the fast path must score token `i`: it has an upper-case letter
/// or may be part of a name though it has none.
///
/// A word in lower case may sit between name words ("Bank of England",
/// "Bank of the West", "People 's Party", "John C. Calhoun"), or, short,
/// continue a name before one ("League of the South": its label follows
/// `prev`'s), or be a particle that opens one ("de Gaulle", "bin Salman":
/// the lexicon's particle bit in `gaz`; any short word when `gaz` is
/// empty). A short word after no name before a capital ("in Moscow", "by
/// Putin", "the Kremlin") is most of what the rule would score otherwise.
#[inline(always)]
fn must_score(gaz: &[u32], tokens: &[Token], i: usize, prev: Label) -> bool {
    let up = |j: usize| tokens.get(j).is_some_and(Token::has_upper);
    must_score_alone(gaz, tokens, i, prev) || (i > 0 && up(i - 1) && (up(i + 1) || up(i + 2)))
}

/// [`must_score`] but for a word between name words, which needs a token
/// with an upper-case letter before `i`.
#[inline(always)]
fn must_score_alone(gaz: &[u32], tokens: &[Token], i: usize, prev: Label) -> bool {
    let tok = &tokens[i];
    if tok.has_upper() {
        return true;
    }
    let short_word = tok.span.len() <= 3 && tok.kind == TokenKind::Word;
    short_word
        && tokens.get(i + 1).is_some_and(Token::has_upper)
        && (prev != Label::O || gaz.get(i).is_none_or(|&g| g & crate::lexicon::bits::PARTICLE != 0))
}

/// The first token from `from` on that the fast path must score after a
/// token labelled `O` (`tokens.len()` when none).
///
/// Only `from` can follow a token with an upper-case letter: every token
/// after it follows one that was not scored, so has none. After `from`,
/// [`must_score_alone`] holds first at the next token with an upper-case
/// letter or at the short word right before it: so the scan looks at one
/// case byte a token, not at each token's length, kind and neighbour.
#[inline(never)]
fn next_to_score(gaz: &[u32], tokens: &[Token], from: usize) -> usize {
    if from >= tokens.len() || must_score(gaz, tokens, from, Label::O) {
        return from;
    }
    let Some(upper) = tokens[from + 1..].iter().position(Token::has_upper) else {
        return tokens.len();
    };
    let upper = from + 1 + upper;
    if upper - 1 > from && must_score_alone(gaz, tokens, upper - 1, Label::O) {
        upper - 1
    } else {
        upper
    }
}

/// The best-scoring label that may follow `prev` (ties go to the lower index, so `O` first).
#[inline]
pub(crate) fn best_label<T: PartialOrd + Copy>(scores: &[T; N_LABELS], prev: Label) -> Label {
    // Bit `l`: label `l` may follow `prev` (O, the B- labels and the I- label of `prev`'s class).
    let allowed: u16 = 0b1010_1011 | (prev.class().map_or(0, |c| 1 << Label::new(c, false) as u16));
    let mut best = 0;
    for l in 1..N_LABELS {
        if allowed >> l & 1 != 0 && scores[l] > scores[best] {
            best = l;
        }
    }
    Label::ALL[best]
}

/// By label: the I- label of its class, `O` for `O` (a table, not a
/// jump on the label).
const INSIDE_AFTER: [u8; N_LABELS] = {
    let mut t = [0; N_LABELS];
    let mut l = 0;
    while l < N_LABELS {
        if let Some(c) = Label::ALL[l].class() {
            t[l] = Label::new(c, false) as u8;
        }
        l += 1;
    }
    t
};

/// [`best_label`] of a [`features::Scorer`]'s sums, with no branch on
/// them: the scores of real text are unpredictable, and a compare and
/// branch per label mispredicts.
///
/// Each label that may follow `prev` (`O`, the B- labels and the I- label
/// of `prev`'s class) gets a key that orders by score and then by lower
/// index (a score's magnitude is at most `MAX_FEATURES × 127 < 2^15`, so
/// it keeps four bits free for the index); the largest key is the label.
#[inline(always)]
fn best_label_of_sums(sums: [i16; N_LABELS], prev: Label) -> Label {
    #[allow(clippy::cast_possible_wrap, clippy::cast_possible_truncation)]
    let key = |l: usize| i32::from(sums[l]) << 4 | (15 - l as i32);
    let inside = usize::from(INSIDE_AFTER[prev as usize]);
    let best = [1, 3, 5, 7, inside].into_iter().fold(key(0), |best, l| best.max(key(l)));
    #[allow(clippy::cast_sign_loss)]
    let low = (best & 15) as usize;
    LABEL_OF_LOW[low]
}

/// By the low four bits of a key of [`best_label_of_sums`] (`15 - label`):
/// the label, `O` where no label gives them. A table of sixteen, so that
/// reading it needs no bounds check.
const LABEL_OF_LOW: [Label; 16] = {
    let mut t = [Label::O; 16];
    let mut l = 0;
    while l < N_LABELS {
        t[15 - l] = Label::ALL[l];
        l += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn spans_repair_bio() {
        use Label::*;
        let labels = [IPer, IPer, O, BOrg, IOrg, ILoc, BPer, BPer, IOrg, O];
        assert_eq!(
            spans(&labels),
            vec![
                (0..2, Class::Per),
                (3..5, Class::Org),
                (5..6, Class::Loc),
                (6..7, Class::Per),
                (7..8, Class::Per),
                (8..9, Class::Org),
            ]
        );
        assert_eq!(spans(&[BLoc, ILoc]), vec![(0..2, Class::Loc)]);
        assert!(spans(&[]).is_empty());
    }

    /// Skipping `O` labels eight at a time finds the spans a label-by-label
    /// scan finds, wherever they lie.
    #[test]
    fn spans_after_runs_of_o() {
        use Label::*;
        let one_by_one = |labels: &[Label]| {
            let mut out = Vec::new();
            let mut i = 0;
            while i < labels.len() {
                let Some(class) = labels[i].class() else {
                    i += 1;
                    continue;
                };
                let start = i;
                i += 1;
                while i < labels.len() && labels[i].is_inside() && labels[i].class() == Some(class) {
                    i += 1;
                }
                out.push((start..i, class));
            }
            out
        };
        for len in 0..30 {
            for at in 0..len {
                for name in [&[BPer][..], &[IOrg, IOrg], &[BLoc, ILoc, ILoc, BOth]] {
                    let mut labels = vec![O; len];
                    for (k, &l) in name.iter().enumerate() {
                        if let Some(x) = labels.get_mut(at + k) {
                            *x = l;
                        }
                    }
                    assert_eq!(spans(&labels), one_by_one(&labels), "{labels:?}");
                }
            }
        }
    }

    /// `first_named` (eight at a time, the tail read as the last eight)
    /// finds the label a plain scan finds, from every start.
    #[test]
    fn first_named_is_the_first_label_not_o() {
        for len in 0..20 {
            for named in 0..=len {
                let mut labels = vec![Label::O; len];
                if let Some(l) = labels.get_mut(named) {
                    *l = Label::IOth;
                }
                for i in 0..=len {
                    let plain = (i..len).find(|&k| labels[k] != Label::O).unwrap_or(len);
                    assert_eq!(first_named(&labels, i), plain, "{len} {named} {i}");
                }
            }
        }
    }

    #[test]
    fn label_helpers() {
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
            assert_eq!(Label::from_index(i), *l);
            if let Some(c) = l.class() {
                assert_eq!(Label::new(c, l.is_begin()), *l);
            }
        }
        assert!(!Label::IPer.may_follow(Label::O));
        assert!(Label::IPer.may_follow(Label::BPer));
        assert!(!Label::IPer.may_follow(Label::BOrg));
    }

    /// `best_label`'s mask of labels is `may_follow`: on scores with ties
    /// (values 0 to 2), it picks the first best label that may follow.
    #[test]
    fn best_label_is_the_first_best_that_may_follow() {
        for prev in Label::ALL {
            for seed in 0..3u32.pow(9) {
                let mut scores = [0i32; N_LABELS];
                let mut k = seed;
                for s in &mut scores {
                    *s = (k % 3) as i32;
                    k /= 3;
                }
                let mut best = 0;
                for l in 1..N_LABELS {
                    if Label::ALL[l].may_follow(prev) && scores[l] > scores[best] {
                        best = l;
                    }
                }
                assert_eq!(best_label(&scores, prev), Label::ALL[best], "{prev:?} {scores:?}");
            }
        }
    }

    /// `best_label_of_sums` is `best_label`: on scores with ties, and
    /// the extremes a token can reach.
    #[test]
    fn best_label_of_sums_is_best_label() {
        let most = i16::try_from(features::MAX_FEATURES * 127).expect("fits");
        for prev in Label::ALL {
            for seed in 0..4u32.pow(9) {
                let mut sums = [0; N_LABELS];
                let mut k = seed;
                for s in &mut sums {
                    *s = [-most, -1, 0, most][(k % 4) as usize];
                    k /= 4;
                }
                assert_eq!(best_label_of_sums(sums, prev), best_label(&sums, prev), "{prev:?} {sums:?}");
            }
        }
    }

    /// Spans of `text` as the embedded tagger finds them, fast path or not.
    fn tagged(text: &str, fast: bool) -> Vec<(String, Class)> {
        let tagger = Tagger::embedded();
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut gaz = Vec::new();
        crate::lexicon::Lexicon::embedded().token_features(text, &tokens, &mut gaz);
        let mut labels = Vec::new();
        if fast {
            tagger.tag(text, &tokens, &gaz, &mut labels);
        } else {
            tagger.tag_all(text, &tokens, &gaz, &mut labels);
        }
        spans(&labels)
            .into_iter()
            .map(|(r, c)| (text[tokens[r.start].span.start..tokens[r.end - 1].span.end].to_string(), c))
            .collect()
    }

    /// The fast path skips the short words before a capital that open no
    /// name ("in", "by", "the"), but still scores a particle that opens one
    /// ("bin") and a connector that continues one ("the" after "League of").
    #[test]
    fn fast_path_keeps_particles_and_connectors() {
        let text = "The talks in Paris were led by the League of the South, and later by Osama bin Laden.";
        let fast = tagged(text, true);
        assert_eq!(fast, tagged(text, false));
        for name in ["League of the South", "Osama bin Laden", "Paris"] {
            assert!(fast.iter().any(|(n, _)| n == name), "{name}: {fast:?}");
        }
    }

    /// Skipping to the next token to score finds what asking every token gives.
    #[test]
    fn next_to_score_is_the_first_token_that_must_be_scored() {
        let text = "in Paris the League of the South , and later by Osama bin Laden . de Gaulle met an iPhone , \
                    John C. Calhoun of the U.S. and the People 's Party at 3 pm in the end";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut gaz = Vec::new();
        crate::lexicon::Lexicon::embedded().token_features(text, &tokens, &mut gaz);
        for gaz in [&gaz[..], &[]] {
            for from in 0..=tokens.len() {
                let expected = (from..tokens.len()).find(|&i| must_score(gaz, &tokens, i, Label::O));
                assert_eq!(next_to_score(gaz, &tokens, from), expected.unwrap_or(tokens.len()), "from {from}");
            }
        }
    }

    /// The scoring loop compiled for AVX2 labels every token as the plain
    /// one does, fast path or not, with fresh and with warm memos.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_scoring_labels_as_the_plain_one() {
        let tagger = Tagger::embedded();
        let rows = DefaultRows::of(&tagger.weights).expect("the embedded model has the default size");
        let Some(avx2_rows) = Avx2Rows::detect(rows) else { return };
        let text = "President Emmanuel Macron met Vladimir Putin in Moscow. The League of the South and \
                    Osama bin Laden, de Gaulle of the U.S. and the People 's Party at 3 pm; \
                    Liberal Democratic Party of Russia (LDPR) leader Vladimir Zhirinovsky said on Tuesday.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut gaz = Vec::new();
        crate::lexicon::Lexicon::embedded().token_features(text, &tokens, &mut gaz);
        let (mut plain_cache, mut avx2_cache) = (InfoCache::with_memo(), InfoCache::with_memo());
        for gaz in [&gaz[..], &[]] {
            let doc = Doc { text, tokens: &tokens, gaz };
            for fast in [true, false, true] {
                let (mut plain, mut avx2) = (vec![Label::O; tokens.len()], vec![Label::O; tokens.len()]);
                tagger.run_rows(&doc, &mut plain, fast, &mut plain_cache, rows);
                // SAFETY: the CPU has AVX2, as `avx2_rows` tells.
                unsafe { tagger.run_rows_avx2(&doc, &mut avx2, fast, &mut avx2_cache, avx2_rows) };
                assert_eq!(plain, avx2, "fast {fast}");
                assert!(plain.iter().any(|&l| l != Label::O));
            }
        }
    }

    /// Buffers used by two models in turn keep no sums of one for the other.
    #[test]
    fn buffers_shared_by_two_models_tag_as_fresh_ones() {
        let one = Tagger::embedded();
        let negated = one.weights[..one.weights.len() - ROW_PAD].iter().map(|w| w.saturating_neg()).collect();
        let other = Tagger::from_parts(one.rows_log2, one.flags, one.scale, negated);
        let text = "President Emmanuel Macron met Vladimir Putin in Moscow. Macron left Moscow for Paris.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut gaz = Vec::new();
        crate::lexicon::Lexicon::embedded().token_features(text, &tokens, &mut gaz);
        let mut buffers = TagBuffers::default();
        let (mut shared, mut fresh) = (Vec::new(), Vec::new());
        let mut differ = false;
        for tagger in [one, &other, one, &other] {
            tagger.tag_with(text, &tokens, &gaz, &mut shared, &mut buffers);
            tagger.tag(text, &tokens, &gaz, &mut fresh);
            assert_eq!(shared, fresh);
            let mut first = Vec::new();
            one.tag(text, &tokens, &gaz, &mut first);
            differ |= first != fresh;
        }
        assert!(differ, "the two models should tag differently");
    }

    /// A sentence with gazetteer bits that are not [`within_cap`] is scored
    /// on the first [`features::MAX_FEATURES`] features of each token, as
    /// training would.
    #[test]
    fn tokens_over_the_cap_keep_the_first_features() {
        let tagger = Tagger::embedded();
        let text = "President Emmanuel Macron met Vladimir Putin in Moscow.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let gaz = vec![u32::MAX; tokens.len()];
        let mut labels = Vec::new();
        tagger.tag_all(text, &tokens, &gaz, &mut labels);
        let doc = Doc { text, tokens: &tokens, gaz: &gaz };
        let mut cache = InfoCache::new();
        cache.prepare(&tokens);
        let mut feats = FeatBuf::new();
        let (mut p1, mut p2) = (Label::O, Label::O);
        let mut capped = false;
        for (i, &label) in labels.iter().enumerate() {
            extract(&doc, i, p1, p2, &mut cache, &mut feats);
            capped |= feats.len == features::MAX_FEATURES;
            let mut scores = [0i32; N_LABELS];
            for &h in feats.as_slice() {
                #[allow(clippy::cast_possible_truncation)]
                let r = (h >> (64 - tagger.rows_log2)) as usize * N_LABELS;
                for (s, &w) in scores.iter_mut().zip(&tagger.weights[r..r + N_LABELS]) {
                    *s += i32::from(w);
                }
            }
            assert_eq!(label, best_label(&scores, p1), "token {i}");
            (p2, p1) = (p1, label);
        }
        assert!(capped, "some token should be over the cap");
    }

    #[test]
    fn embedded_model_tags_a_sentence() {
        let tagger = Tagger::embedded();
        let text = "President Emmanuel Macron met Vladimir Putin in Moscow.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut gaz = Vec::new();
        crate::lexicon::Lexicon::embedded().token_features(text, &tokens, &mut gaz);
        let mut labels = Vec::new();
        tagger.tag(text, &tokens, &gaz, &mut labels);
        let found: Vec<(&str, Class)> = spans(&labels)
            .into_iter()
            .map(|(r, c)| (&text[tokens[r.start].span.start..tokens[r.end - 1].span.end], c))
            .collect();
        assert!(found.contains(&("Emmanuel Macron", Class::Per)), "{found:?}");
        assert!(found.contains(&("Vladimir Putin", Class::Per)), "{found:?}");
        assert!(found.contains(&("Moscow", Class::Loc)), "{found:?}");
    }
}
