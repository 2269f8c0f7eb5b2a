//! A learned pair classifier: relations the rules did not read.
//!
//! The rules of `data/relation_patterns.tsv` are precise but read only the
//! phrasings someone wrote down; most pairs the annotators of CrossRE mark
//! are joined by lists, brackets and long clauses. This stage scores every
//! ordered pair of mentions of the same sentence that no rule related
//! (people, countries and organisations, at most [`features::MAX_GAP`]
//! tokens apart, not across a semicolon, two different entities) with a logistic-regression model
//! over hashed features ([`features`]), and keeps the pairs above the
//! model's threshold as `associated_with` relations (category `other`, rule
//! [`RULE_ID`]), so users can tell them from rule relations.
//!
//! The weights ship in `data/relations/pair_model.bin` (see its README for
//! how it was trained and on what); [`train`] builds one.

pub mod features;
pub mod train;

use super::{Parts, Relation};
use crate::error::{Error, Result};
use crate::hashing::finish_top;
use crate::mentions::SpanType;
use crate::text::TokenKind;
use features::{
    collect, pair_features, token_facts_memo, End, FactsMemo, PairCtx, PairFeats, Sink, TableWeights, TokenFacts,
    FEATURE_VERSION, MAX_GAP,
};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// The rule id of every learned relation.
pub const RULE_ID: &str = "relation/learned/pair";
/// The label of every learned relation (the model does not type them).
pub const LABEL: &str = "associated_with";
/// The category of every learned relation.
pub const CATEGORY: &str = "other";

const MAGIC: &[u8; 8] = b"ERGPAIRS";
const FORMAT_VERSION: u32 = 1;
const HEADER: usize = 32;

/// The embedded model's bytes.
static EMBEDDED: &[u8] = include_bytes!("../../../data/relations/pair_model.bin");

/// Hashed logistic-regression weights and the decision threshold.
#[derive(Debug, Clone)]
pub struct PairModel {
    rows_log2: u32,
    /// Probability above which a pair is emitted.
    pub threshold: f32,
    /// Changed only through [`Self::weights_mut`], which forgets `tables`.
    weights: Vec<f32>,
    /// The weights of the templates' table features, made on first use.
    tables: OnceLock<Box<TableWeights>>,
}

/// Models are equal by their rows and threshold (the tables follow from them).
impl PartialEq for PairModel {
    fn eq(&self, other: &Self) -> bool {
        (self.rows_log2, self.threshold, &self.weights) == (other.rows_log2, other.threshold, &other.weights)
    }
}

impl PairModel {
    /// An all-zero model with `2^rows_log2` weights.
    ///
    /// # Panics
    /// When `rows_log2` is not in `4..=24`, the sizes a model file may have.
    #[must_use]
    pub fn zeros(rows_log2: u32, threshold: f32) -> Self {
        assert!((4..=24).contains(&rows_log2), "a pair model has 2^4 to 2^24 rows");
        Self { rows_log2, threshold, weights: vec![0.0; 1 << rows_log2], tables: OnceLock::new() }
    }

    /// The embedded model, parsed once.
    ///
    /// # Panics
    /// Never in a released build: a test checks that the embedded model loads.
    #[must_use]
    pub fn embedded() -> &'static Self {
        static MODEL: OnceLock<PairModel> = OnceLock::new();
        MODEL.get_or_init(|| Self::from_bytes(EMBEDDED).expect("embedded pair model loads (checked by tests)"))
    }

    /// The weights, to change: the table weights made from them are
    /// forgotten, to be made again from the new ones when next used.
    fn weights_mut(&mut self) -> &mut [f32] {
        self.tables = OnceLock::new();
        &mut self.weights
    }

    /// Its weights of the templates' table features ([`TableWeights`]).
    fn tables(&self) -> &TableWeights {
        self.tables.get_or_init(|| TableWeights::new(|h| self.weights[self.row(h)]))
    }

    /// The row of a feature hash.
    #[inline]
    fn row(&self, h: u64) -> usize {
        (h >> (64 - self.rows_log2)) as usize
    }

    /// The model's raw score (log-odds) of a pair's features.
    #[must_use]
    pub fn score(&self, feats: &[u64]) -> f32 {
        let mut scorer = Scorer::new(self);
        for (i, &h) in feats.iter().enumerate() {
            scorer.take(i, h);
        }
        scorer.sum
    }

    /// The model's probability that a pair is related.
    #[must_use]
    pub fn probability(&self, feats: &[u64]) -> f32 {
        logistic(self.score(feats))
    }

    /// Serialise: a 32-byte header (magic, format and feature versions,
    /// log2 rows, threshold), then the weights as little-endian `f32`.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.weights.len() * 4);
        out.extend_from_slice(MAGIC);
        for v in [FORMAT_VERSION, FEATURE_VERSION, self.rows_log2] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.resize(HEADER, 0);
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Parse what [`Self::to_bytes`] wrote.
    ///
    /// # Errors
    /// [`Error::DataFile`] when the magic, a version or the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let bad = |message: String| Error::DataFile { file: "data/relations/pair_model.bin".into(), line: 0, message };
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(bad("not a pair model (bad magic)".into()));
        }
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        if u32_at(8) != FORMAT_VERSION || u32_at(12) != FEATURE_VERSION {
            return Err(bad(format!("model versions {}/{} do not match the code", u32_at(8), u32_at(12))));
        }
        let rows_log2 = u32_at(16);
        let threshold = f32::from_le_bytes(bytes[20..24].try_into().expect("4 bytes"));
        if !(4..=24).contains(&rows_log2) || bytes.len() != HEADER + (4 << rows_log2) {
            return Err(bad(format!("bad length {} for 2^{rows_log2} rows", bytes.len())));
        }
        let weights =
            bytes[HEADER..].chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes"))).collect();
        Ok(Self { rows_log2, threshold, weights, tables: OnceLock::new() })
    }
}

/// The probability of a log-odds score.
fn logistic(score: f32) -> f32 {
    1.0 / (1.0 + (-score).exp())
}

/// Sums the weights of a pair's features as they come, in their order:
/// [`PairModel::score`] of stored hashes and [`Candidate::probability`],
/// which never stores them, add the same numbers in the same order.
struct Scorer<'m> {
    model: &'m PairModel,
    /// The weights, cut to a power of two so that masking a row (which
    /// changes nothing: a row is below their number) drops the bounds check.
    weights: &'m [f32],
    mask: usize,
    sum: f32,
}

impl<'m> Scorer<'m> {
    fn new(model: &'m PairModel) -> Self {
        let mask = model.weights.len() - 1;
        // -0.0 is what `f32: Sum` starts from, and adding it changes nothing.
        Self { model, weights: &model.weights[..=mask], mask, sum: -0.0 }
    }
}

impl Sink for Scorer<'_> {
    #[inline]
    fn take(&mut self, _: usize, h: u64) {
        self.sum += self.weights[self.model.row(h) & self.mask];
    }

    /// A row is the top `rows_log2` bits (at most 24) of a finished hash,
    /// which the last step of finishing leaves alone.
    #[inline]
    fn take_unfinished(&mut self, _: usize, h: u64) {
        self.sum += self.weights[self.model.row(finish_top(h)) & self.mask];
    }
}

/// The rows of the embedded model, as a power of two.
const FIXED_ROWS_LOG2: u32 = 16;

/// [`Scorer`] for a model of `2^FIXED_ROWS_LOG2` rows, the embedded one's
/// size: a row is then a shift by a constant into an array of known length,
/// with no mask, no bounds check and no shift count to load (about 2 of the
/// 6 instructions a feature costs, some 45 features a pair).
struct FixedScorer<'m> {
    weights: &'m [f32; 1 << FIXED_ROWS_LOG2],
    tables: &'m TableWeights,
    sum: f32,
}

impl Sink for FixedScorer<'_> {
    #[inline]
    fn take(&mut self, _: usize, h: u64) {
        self.sum += self.weights[(h >> (64 - FIXED_ROWS_LOG2)) as usize];
    }

    /// As [`Scorer::take_unfinished`]: the row needs only the top bits.
    #[inline]
    fn take_unfinished(&mut self, _: usize, h: u64) {
        self.sum += self.weights[(finish_top(h) >> (64 - FIXED_ROWS_LOG2)) as usize];
    }

    /// The weight of a table feature, read from the tables rather than
    /// through its hash: the same number, made from the same row.
    #[inline]
    fn take_table(&mut self, _: usize, _: u64, weight: impl FnOnce(&TableWeights) -> f32) {
        self.sum += weight(self.tables);
    }
}

/// One candidate pair of [`for_each_candidate`]: its sentence and the two
/// mentions, to score or to list the features of.
pub struct Candidate<'c> {
    ctx: PairCtx<'c>,
    a: usize,
    b: usize,
}

impl Candidate<'_> {
    /// Its features ([`pair_features`]).
    pub fn features(&self, out: &mut PairFeats) {
        pair_features(&self.ctx, self.a, self.b, out);
    }

    /// The model's probability that it is related: the same number as
    /// [`PairModel::probability`] of its [`Self::features`], summed as the
    /// features are found instead of stored and read back.
    #[must_use]
    pub fn probability(&self, model: &PairModel) -> f32 {
        logistic(self.score(model))
    }

    /// The model's raw score (log-odds) of it, [`Self::probability`] before the logistic.
    #[must_use]
    pub fn score(&self, model: &PairModel) -> f32 {
        // A model's number of weights is `2^rows_log2`: of this length, the
        // rows are the ones `Scorer` reads.
        if let Ok(weights) = <&[f32; 1 << FIXED_ROWS_LOG2]>::try_from(model.weights.as_slice()) {
            let mut scorer = FixedScorer { weights, tables: model.tables(), sum: -0.0 };
            collect(&self.ctx, self.a, self.b, &mut scorer);
            return scorer.sum;
        }
        let mut scorer = Scorer::new(model);
        collect(&self.ctx, self.a, self.b, &mut scorer);
        scorer.sum
    }
}

/// Tells whether a score's probability is above a model's threshold, most
/// often without the logistic: a score well below (above) the threshold's
/// log-odds has a probability below (above) it whatever the rounding.
#[derive(Debug, Clone, Copy)]
struct Cut {
    threshold: f32,
    /// Scores below `lo` are not above the threshold, those above `hi`
    /// are; between them (or with no band) the probability is computed.
    band: Option<(f32, f32)>,
}

impl Cut {
    /// The margin, in log-odds, on each side of the threshold's. Far
    /// beyond the rounding of `logistic`: at a threshold of 0.001 it is
    /// still about 1e-5 in probability, against errors of about 1e-7.
    const MARGIN: f64 = 1e-2;

    fn new(threshold: f32) -> Self {
        let t = f64::from(threshold);
        let band = (t > 1e-3 && t < 1.0 - 1e-3).then(|| {
            let logit = (t / (1.0 - t)).ln();
            // Rounding the bounds to `f32` moves them by far less than the margin.
            #[allow(clippy::cast_possible_truncation)]
            let bounds = ((logit - Self::MARGIN) as f32, (logit + Self::MARGIN) as f32);
            bounds
        });
        Self { threshold, band }
    }

    /// `logistic(score) > threshold`.
    fn above(self, score: f32) -> bool {
        match self.band {
            Some((lo, _)) if score < lo => false,
            Some((_, hi)) if score > hi => true,
            _ => logistic(score) > self.threshold,
        }
    }
}

const fn scored(kind: SpanType) -> bool {
    matches!(kind, SpanType::Person | SpanType::Country | SpanType::Organisation)
}

/// What the pair classifier keeps from one document to the next (one per
/// worker): its working vectors, above all the token facts, which would
/// otherwise be allocated and filled for the whole document each time.
/// They hold no result.
#[derive(Default)]
pub struct PairBuffers {
    ruled: Vec<bool>,
    pairs: Vec<(usize, usize)>,
    ends: Vec<End>,
    /// Indexed by token; only the entries of the current sentence's scored
    /// pairs are written before they are read, so older ones may stay.
    facts: Vec<TokenFacts>,
    /// The facts of recent short tokens, kept from document to document.
    memo: FactsMemo,
    semicolons: Vec<usize>,
    found: Vec<(usize, usize)>,
    /// The label, category and rule id every learned relation shares, made
    /// on first use: three allocations per document otherwise.
    fixed: Option<(Arc<str>, Arc<str>, Arc<str>)>,
}

/// Call `f(head, tail, pair)` for every candidate pair of mentions
/// (indices into `doc.mentions`, head first in the text): same sentence,
/// both people, countries or organisations of two different entities, at
/// most [`MAX_GAP`] tokens apart, not across a semicolon, and not already
/// related by `rules`.
pub fn for_each_candidate(doc: &Parts<'_>, rules: &[Relation], f: impl FnMut(usize, usize, &Candidate<'_>)) {
    for_each_candidate_with(doc, rules, &mut PairBuffers::default(), f);
}

/// [`for_each_candidate`] with the working vectors of `buffers`.
pub fn for_each_candidate_with(
    doc: &Parts<'_>,
    rules: &[Relation],
    buffers: &mut PairBuffers,
    mut f: impl FnMut(usize, usize, &Candidate<'_>),
) {
    let n = doc.mentions.len();
    if n < 2 {
        return;
    }
    let PairBuffers { ruled, pairs, ends, facts, memo, semicolons, .. } = buffers;
    ruled.clear();
    ruled.resize(n, false);
    pairs.clear();
    for r in rules {
        if let (Some(h), Some(t)) = (r.head_mention, r.tail_mention) {
            ruled[h] = true;
            ruled[t] = true;
            pairs.push((h.min(t), h.max(t)));
        }
    }
    pairs.sort_unstable();
    // Candidates come in increasing (head, tail) order, so one cursor
    // walks the rules' pairs alongside them.
    let mut next_ruled = 0;
    // Most documents hold no semicolon at all: one `memchr` over the whole
    // text says so, and then no sentence is searched for one.
    let any_semicolon = memchr::memchr(b';', doc.text.as_bytes()).is_some();
    let mut start = 0;
    while start < n {
        let sentence = doc.mentions[start].sentence;
        let end = start + doc.mentions[start..].iter().take_while(|m| m.sentence == sentence).count();
        if end - start >= 2 {
            ends.clear();
            ends.extend(doc.mentions[start..end].iter().enumerate().map(|(k, m)| End {
                tokens: m.tokens.clone(),
                kind: m.span_type,
                ruled: ruled[start + k],
            }));
            let range = doc.sentences[sentence].tokens.clone();
            // A semicolon ends the clause: names on its two sides are listed,
            // not related (3 pairs in 50 on the training file). Found once per
            // sentence; most sentences have none, which one `memchr` over the
            // sentence's text tells without reading its tokens.
            semicolons.clear();
            if any_semicolon && sentence_has_byte(doc, range.clone(), b';') {
                semicolons.extend(range.clone().filter(|&k| {
                    let t = &doc.tokens[k];
                    t.kind == TokenKind::Punct && doc.text.as_bytes()[t.span.start] == b';'
                }));
            }
            // Token facts are found only where a scored pair reads them (from
            // the token before its head to the one after its tail), once.
            let mut hashed = range.start..range.start;
            for a in 0..ends.len() {
                let (ma, ea) = (start + a, doc.entity_of[start + a]);
                if !scored(ends[a].kind) || ea.is_none() {
                    continue;
                }
                for b in a + 1..ends.len() {
                    let mb = start + b;
                    if ends[b].tokens.start.saturating_sub(ends[a].tokens.end) > MAX_GAP {
                        break;
                    }
                    let eb = doc.entity_of[mb];
                    if !scored(ends[b].kind) || eb.is_none() || ea == eb {
                        continue;
                    }
                    while pairs.get(next_ruled).is_some_and(|&p| p < (ma, mb)) {
                        next_ruled += 1;
                    }
                    if pairs.get(next_ruled) == Some(&(ma, mb)) {
                        continue;
                    }
                    if semicolons.iter().any(|&k| ends[a].tokens.end <= k && k < ends[b].tokens.start) {
                        continue;
                    }
                    let need = ends[a].tokens.start.saturating_sub(1).max(range.start)
                        ..(ends[b].tokens.end + 1).min(range.end);
                    if hashed.is_empty() {
                        token_facts_memo(doc.text, doc.tokens, doc.features, need.clone(), facts, memo);
                        hashed = need;
                    } else {
                        let (before, after) =
                            (need.start..hashed.start.max(need.start), hashed.end.min(need.end)..need.end);
                        // Most pairs read no token the sentence's earlier pairs did not.
                        for more in [before, after] {
                            if !more.is_empty() {
                                token_facts_memo(doc.text, doc.tokens, doc.features, more, facts, memo);
                            }
                        }
                        hashed = hashed.start.min(need.start)..hashed.end.max(need.end);
                    }
                    let ctx = PairCtx { features: doc.features, sentence: range.clone(), ends, facts };
                    f(ma, mb, &Candidate { ctx, a, b });
                }
            }
        }
        start = end;
    }
}

/// True when `byte` occurs in the text of the tokens `range` (from the
/// first one's start to the last one's end). A token starting with it lies
/// there, so when this is false no token of the range does.
fn sentence_has_byte(doc: &Parts<'_>, range: Range<usize>, byte: u8) -> bool {
    let (Some(first), Some(last)) =
        (doc.tokens.get(range.start), range.end.checked_sub(1).and_then(|k| doc.tokens.get(k)))
    else {
        return false;
    };
    !range.is_empty() && memchr::memchr(byte, &doc.text.as_bytes()[first.span.start..last.span.end]).is_some()
}

/// Add to `out` (the rules' relations) the pairs `model` scores above its
/// threshold, with the working vectors of `buffers`.
pub fn extend(doc: &Parts<'_>, model: &PairModel, buffers: &mut PairBuffers, out: &mut Vec<Relation>) {
    // Out of `buffers` while they lend the candidates their other vectors.
    let mut found = std::mem::take(&mut buffers.found);
    found.clear();
    let cut = Cut::new(model.threshold);
    for_each_candidate_with(doc, out, buffers, |a, b, pair| {
        if cut.above(pair.score(model)) {
            found.push((a, b));
        }
    });
    // One shared copy of the fixed strings for every document, not three per pair.
    let (label, category, rule) = buffers.fixed.get_or_insert_with(|| (LABEL.into(), CATEGORY.into(), RULE_ID.into()));
    for &(a, b) in &found {
        let (Some(source), Some(target)) = (doc.entity_of[a], doc.entity_of[b]) else { continue };
        out.push(Relation {
            source,
            target,
            head_mention: Some(a),
            tail_mention: Some(b),
            label: Arc::clone(label),
            category: Arc::clone(category),
            rule: Arc::clone(rule),
            sentence: doc.mentions[a].sentence,
            negated: false,
        });
    }
    buffers.found = found;
}

#[cfg(test)]
mod tests {
    use super::features::token_facts;
    use super::*;

    /// The band decides as the logistic does, near the threshold and far
    /// from it, for thresholds with a band and without.
    #[test]
    fn a_cut_is_the_logistic_compared() {
        for threshold in [0.3, 0.5, 0.01, 0.99, 0.0015, 0.9985, 0.0005, 0.9995, 0.0, 1.0] {
            let cut = Cut::new(threshold);
            let logit = (f64::from(threshold) / (1.0 - f64::from(threshold))).ln();
            let mut scores: Vec<f32> = (-4000..=4000).map(|k| k as f32 * 0.01).collect();
            if logit.is_finite() {
                // Every f32 within a few margins of the threshold's log-odds, sampled densely.
                #[allow(clippy::cast_possible_truncation)]
                let at = logit as f32;
                scores.extend((-30_000..=30_000).map(|k| at + k as f32 * 1e-6));
            }
            for s in scores {
                assert_eq!(cut.above(s), logistic(s) > threshold, "{threshold} {s}");
            }
        }
    }

    #[test]
    fn the_header_round_trips_and_bad_bytes_are_refused() {
        let mut m = PairModel::zeros(6, 0.35);
        m.weights_mut()[63] = 1.5;
        let bytes = m.to_bytes();
        assert_eq!(bytes.len(), HEADER + 4 * 64);
        assert_eq!(PairModel::from_bytes(&bytes).unwrap(), m);
        assert!(PairModel::from_bytes(&bytes[..40]).is_err());
        assert!(PairModel::from_bytes(b"ERGTAGGR and more bytes than the header holds").is_err());
    }

    #[test]
    fn scoring_as_features_come_gives_the_bits_of_scoring_them_stored() {
        let text = "Lavrov, a member of United Russia, met Kim and Moon in Seoul.";
        let mut tokens = Vec::new();
        crate::text::tokenize(text, &mut tokens);
        let end = |tokens, kind| End { tokens, kind, ruled: false };
        let ends = [
            end(0..1, SpanType::Person),
            end(5..7, SpanType::Organisation),
            end(9..10, SpanType::Person),
            End { tokens: 11..12, kind: SpanType::Person, ruled: true },
            end(13..14, SpanType::Country),
        ];
        let mut facts = Vec::new();
        token_facts(text, &tokens, &[], 0..tokens.len(), &mut facts);
        // The embedded model has `2^FIXED_ROWS_LOG2` rows; the others are
        // scored by the general `Scorer`, on every row size.
        let mut others: Vec<PairModel> = [12, FIXED_ROWS_LOG2 + 1]
            .into_iter()
            .map(|rows_log2| {
                let mut m = PairModel::zeros(rows_log2, 0.5);
                for (i, w) in m.weights_mut().iter_mut().enumerate() {
                    *w = (i % 7) as f32 * 0.125 - 0.375;
                }
                m
            })
            .collect();
        others.insert(0, PairModel::embedded().clone());
        assert_eq!(others[0].rows_log2, FIXED_ROWS_LOG2);
        let mut feats = PairFeats::default();
        for model in &others {
            for a in 0..ends.len() {
                for b in a + 1..ends.len() {
                    let ctx = PairCtx { features: &[], sentence: 0..tokens.len(), ends: &ends, facts: &facts };
                    let pair = Candidate { ctx, a, b };
                    pair.features(&mut feats);
                    assert_eq!(pair.probability(model).to_bits(), model.probability(feats.as_slice()).to_bits());
                }
            }
        }
    }

    /// Every candidate pair of the sample article and of a sentence dense
    /// in names scores, with the table features' weights read from the
    /// model's tables, the very bits of scoring its stored features; and
    /// so again once the weights change (the tables are made anew).
    #[test]
    fn table_weights_score_real_pairs_as_their_rows_do() {
        let extractor = crate::Extractor::new(crate::lexicon::Lexicon::embedded());
        let texts = [
            include_str!("../../../data/samples/putin-moscow-invitation.txt"),
            "Vladimir Putin, Xi Jinping and Kim Jong Un met Emmanuel Macron, Olaf Scholz (Germany) and Joe Biden \
             of the United States in Moscow; NATO, the European Union: Russia, China — and Japan.",
        ];
        let mut model = PairModel::embedded().clone();
        let mut feats = PairFeats::default();
        let mut pairs = 0;
        for change in [false, true] {
            if change {
                for (i, w) in model.weights_mut().iter_mut().enumerate() {
                    *w += (i % 5) as f32 * 0.25 - 0.5;
                }
            }
            for text in texts {
                let analysis = extractor.analyse(text);
                let (mut hits, mut features) = (Vec::new(), Vec::new());
                extractor.lexicon().scan(text, &analysis.tokens, &mut hits, &mut features);
                let doc = analysis.parts(text, &hits, &features);
                for_each_candidate(&doc, &[], |_, _, pair| {
                    pair.features(&mut feats);
                    assert_eq!(pair.score(&model).to_bits(), model.score(feats.as_slice()).to_bits());
                    pairs += 1;
                });
            }
        }
        assert!(pairs > 50, "{pairs}");
    }

    /// A semicolon ends a clause: no candidate pair has one between its
    /// mentions, whether or not the sentence holds one, and pairs on either
    /// side of it are still candidates.
    #[test]
    fn no_candidate_pair_crosses_a_semicolon() {
        let extractor = crate::Extractor::new(crate::lexicon::Lexicon::embedded());
        let texts = [
            "Vladimir Putin met Emmanuel Macron in Paris; Joe Biden thanked Olaf Scholz in Berlin.",
            "Vladimir Putin met Emmanuel Macron in Paris, and Joe Biden thanked Olaf Scholz in Berlin.",
        ];
        for text in texts {
            let analysis = extractor.analyse(text);
            let (mut hits, mut features) = (Vec::new(), Vec::new());
            extractor.lexicon().scan(text, &analysis.tokens, &mut hits, &mut features);
            let doc = analysis.parts(text, &hits, &features);
            let semicolon = text.find(';');
            let (mut before, mut after, mut across) = (0, 0, 0);
            for_each_candidate(&doc, &[], |a, b, _| {
                let (from, to) = (doc.mentions[a].span.end, doc.mentions[b].span.start);
                match semicolon {
                    Some(k) if from <= k && k < to => across += 1,
                    Some(k) if to < k => before += 1,
                    _ => after += 1,
                }
            });
            assert_eq!(across, 0, "{text}");
            assert!(after > 0, "{text}");
            assert!(semicolon.is_none() || before > 0, "{text}");
        }
    }

    #[test]
    fn the_embedded_model_loads() {
        let m = PairModel::embedded();
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
    }
}
