//! Training: averaged perceptron, greedy decoding with predicted history.
//!
//! The decoder at training time is the one used for tagging (same features,
//! same BIO constraints, previous labels as predicted), so the model learns
//! to recover from its own mistakes. Sentences are shuffled each epoch with
//! a fixed-seed generator, so a model rebuilds byte for byte.

use super::features::{extract, Doc, FeatBuf, InfoCache};
use super::model::{TaggerError, FLAG_GAZETTEER};
use super::{best_label, Class, Label, Tagger, N_LABELS};
use crate::text::{tokenize, Token};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A gazetteer: writes one bit-set per token (the lexicon's `token_features`).
pub type Gazetteer<'a> = &'a (dyn Fn(&str, &[Token], &mut Vec<u32>) + Sync);

/// Training settings.
pub struct TrainOptions<'a> {
    /// Passes over the data.
    pub epochs: usize,
    /// Log2 of the rows of the feature table (18 → 2.4 MB model).
    pub rows_log2: u32,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Files whose name contains the string are repeated this many times
    /// per epoch (in-domain data counts more).
    pub boost: Vec<(String, usize)>,
    /// Gazetteer bits to learn from; `None` trains without them.
    pub gazetteer: Option<Gazetteer<'a>>,
    /// Train this many models on differently shuffled data (seeds `seed`,
    /// `seed + 1`, …) and average their weights: less dependent on one
    /// lucky or unlucky order, at the cost of training time only.
    pub ensemble: usize,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions<'_> {
    fn default() -> Self {
        Self {
            epochs: 12,
            rows_log2: super::features::DEFAULT_ROWS_LOG2,
            seed: 0x5eed,
            boost: vec![("crossner".to_owned(), 3), ("crossre".to_owned(), 3)],
            gazetteer: None,
            ensemble: 4,
            verbose: false,
        }
    }
}

/// One annotated entity: code-point offsets and coarse type.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// `person`, `organisation`, `country`, `location` or `other`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The corpus's own label (CrossNER's `location` is typed `other`).
    #[serde(default)]
    pub label: String,
}

/// One annotated sentence, as in `/work/shared/*/*.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    /// Line id.
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    /// The text.
    pub text: String,
    /// Its entities.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
}

fn id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// Read a JSONL file of annotated sentences.
///
/// # Errors
/// When the file cannot be read or a line is not a sentence object.
pub fn read_jsonl(path: &Path) -> Result<Vec<GoldSentence>, TaggerError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| TaggerError::Io { path: name.clone(), source })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let s: GoldSentence = serde_json::from_str(line).map_err(|e| TaggerError::BadData {
            path: name.clone(),
            line: n + 1,
            message: e.to_string(),
        })?;
        out.push(s);
    }
    Ok(out)
}

/// The tagger class of a gold entity.
fn class_of(e: &GoldEntity) -> Option<Class> {
    match e.kind.as_str() {
        "person" => Some(Class::Per),
        "organisation" | "organization" => Some(Class::Org),
        "country" | "location" => Some(Class::Loc),
        "other" if e.label == "location" => Some(Class::Loc),
        "other" => Some(Class::Oth),
        _ => None,
    }
}

/// A sentence ready for training.
struct Example {
    text: String,
    tokens: Vec<Token>,
    gaz: Vec<u32>,
    gold: Vec<Label>,
}

/// Tokenise and label a sentence; `None` when an entity boundary falls
/// inside a token (the sentence would teach a wrong boundary).
fn prepare(s: &GoldSentence, gazetteer: Option<Gazetteer<'_>>) -> Option<Example> {
    let mut tokens = Vec::new();
    tokenize(&s.text, &mut tokens);
    let mut byte_of: Vec<usize> = s.text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(s.text.len());
    let mut gold = vec![Label::O; tokens.len()];
    for e in &s.entities {
        let class = class_of(e)?;
        let (bs, be) = (*byte_of.get(e.start)?, *byte_of.get(e.end)?);
        let first = tokens.iter().position(|t| t.span.end > bs)?;
        let last = tokens.iter().rposition(|t| t.span.start < be)?;
        if last < first || tokens[first].span.start != bs || tokens[last].span.end != be {
            return None;
        }
        for (k, g) in gold[first..=last].iter_mut().enumerate() {
            *g = Label::new(class, k == 0);
        }
    }
    let mut gaz = Vec::new();
    if let Some(f) = gazetteer {
        f(&s.text, &tokens, &mut gaz);
    }
    Some(Example { text: s.text.clone(), tokens, gaz, gold })
}

/// Read the files and train a model; returns the model file's bytes.
///
/// # Errors
/// When a file cannot be read or parsed.
pub fn train(paths: &[PathBuf], options: &TrainOptions<'_>) -> Result<Vec<u8>, TaggerError> {
    let mut sentences = Vec::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let copies = options.boost.iter().find(|(k, _)| name.contains(k.as_str())).map_or(1, |&(_, n)| n);
        let file = read_jsonl(path)?;
        if options.verbose {
            eprintln!("{}: {} sentences ×{copies}", path.display(), file.len());
        }
        sentences.extend(file.into_iter().map(|s| (s, copies)));
    }
    Ok(train_sentences(&sentences, options).to_bytes())
}

/// Train on sentences given with their repeat counts.
#[must_use]
pub fn train_sentences(sentences: &[(GoldSentence, usize)], options: &TrainOptions<'_>) -> Tagger {
    let mut examples = Vec::new();
    let mut order = Vec::new();
    let mut dropped = 0usize;
    for (s, copies) in sentences {
        if let Some(ex) = prepare(s, options.gazetteer) {
            for _ in 0..*copies {
                order.push(examples.len());
            }
            examples.push(ex);
        } else {
            dropped += 1;
        }
    }
    if options.verbose {
        eprintln!(
            "{} sentences ({} dropped: entity boundary inside a token), {} per epoch",
            examples.len(),
            dropped,
            order.len()
        );
    }
    let flags = if options.gazetteer.is_some() { FLAG_GAZETTEER } else { 0 };
    let runs = options.ensemble.max(1);
    let mut sum: Vec<f64> = Vec::new();
    for run in 0..runs {
        let averaged = train_one(&examples, order.clone(), options, options.seed.wrapping_add(run as u64)).averaged();
        if sum.is_empty() {
            sum = averaged;
        } else {
            sum.iter_mut().zip(averaged).for_each(|(s, a)| *s += a);
        }
    }
    quantise(options.rows_log2, flags, &sum)
}

/// One averaged perceptron over `examples`, shuffled with `seed`.
fn train_one(examples: &[Example], mut order: Vec<usize>, options: &TrainOptions<'_>, seed: u64) -> Perceptron {
    let mut p = Perceptron::new(options.rows_log2);
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut feats = FeatBuf::new();
    let mut cache = InfoCache::new();
    for epoch in 0..options.epochs {
        crate::shuffle::shuffle(&mut order, &mut rng);
        let (mut errors, mut total) = (0usize, 0usize);
        for &k in &order {
            let ex = &examples[k];
            let doc = Doc { text: &ex.text, tokens: &ex.tokens, gaz: &ex.gaz };
            cache.prepare(&ex.tokens);
            let (mut p1, mut p2) = (Label::O, Label::O);
            for i in 0..ex.tokens.len() {
                extract(&doc, i, p1, p2, &mut cache, &mut feats);
                let pred = best_label(&p.score(feats.as_slice()), p1);
                let mut gold = ex.gold[i];
                if !gold.may_follow(p1) {
                    // The history went wrong; the best we can ask is to start the name here.
                    gold = Label::new(gold.class().expect("I- label has a class"), true);
                }
                if pred != gold {
                    p.update(feats.as_slice(), gold, pred);
                    errors += 1;
                }
                p.tick();
                total += 1;
                p2 = p1;
                p1 = pred;
            }
        }
        if options.verbose {
            eprintln!("seed {seed} epoch {}: token error rate {:.4}", epoch + 1, errors as f64 / total.max(1) as f64);
        }
    }
    p
}

/// Scale weights to `i8` (the largest magnitude becomes 127).
#[allow(clippy::cast_possible_truncation)]
fn quantise(rows_log2: u32, flags: u32, weights: &[f64]) -> Tagger {
    let max = weights.iter().fold(0f64, |m, &x| m.max(x.abs())).max(1e-9);
    let scale = 127.0 / max;
    let weights = weights.iter().map(|&x| (x * scale).round().clamp(-127.0, 127.0) as i8).collect();
    Tagger::from_parts(rows_log2, flags, scale as f32, weights)
}

/// Averaged perceptron weights with lazy averaging.
struct Perceptron {
    shift: u32,
    w: Vec<f32>,
    acc: Vec<f64>,
    stamp: Vec<u32>,
    t: u32,
}

impl Perceptron {
    fn new(rows_log2: u32) -> Self {
        let n = (1usize << rows_log2) * N_LABELS;
        Self { shift: 64 - rows_log2, w: vec![0.0; n], acc: vec![0.0; n], stamp: vec![0; n], t: 0 }
    }

    fn row(&self, h: u64) -> usize {
        (h >> self.shift) as usize * N_LABELS
    }

    fn score(&self, feats: &[u64]) -> [f32; N_LABELS] {
        let mut s = [0f32; N_LABELS];
        for &h in feats {
            let r = self.row(h);
            for (acc, &x) in s.iter_mut().zip(&self.w[r..r + N_LABELS]) {
                *acc += x;
            }
        }
        s
    }

    fn bump(&mut self, idx: usize, delta: f32) {
        self.acc[idx] += f64::from(self.t - self.stamp[idx]) * f64::from(self.w[idx]);
        self.stamp[idx] = self.t;
        self.w[idx] += delta;
    }

    fn update(&mut self, feats: &[u64], gold: Label, pred: Label) {
        for &h in feats {
            let r = self.row(h);
            self.bump(r + gold as usize, 1.0);
            self.bump(r + pred as usize, -1.0);
        }
    }

    fn tick(&mut self) {
        self.t += 1;
    }

    /// The averaged weights.
    fn averaged(&self) -> Vec<f64> {
        let t = f64::from(self.t.max(1));
        (0..self.w.len())
            .map(|i| (self.acc[i] + f64::from(self.t - self.stamp[i]) * f64::from(self.w[i])) / t)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::spans;

    fn sentence(text: &str, ents: &[(&str, &str)]) -> GoldSentence {
        let entities = ents
            .iter()
            .map(|&(name, kind)| {
                let b = text.find(name).unwrap();
                let start = text[..b].chars().count();
                GoldEntity { start, end: start + name.chars().count(), kind: kind.to_owned(), label: String::new() }
            })
            .collect();
        GoldSentence { id: String::new(), text: text.to_owned(), entities }
    }

    #[test]
    fn tiny_training_run_learns_its_sentences() {
        let data = vec![
            (
                sentence(
                    "Angela Merkel visited Paris on Monday.",
                    &[("Angela Merkel", "person"), ("Paris", "location")],
                ),
                1,
            ),
            (
                sentence(
                    "The United Nations criticised Russia again.",
                    &[("United Nations", "organisation"), ("Russia", "country")],
                ),
                1,
            ),
            (
                sentence(
                    "Boris Johnson left the Conservative Party.",
                    &[("Boris Johnson", "person"), ("Conservative Party", "organisation")],
                ),
                1,
            ),
        ];
        let options = TrainOptions { epochs: 10, rows_log2: 12, ..TrainOptions::default() };
        let tagger = Tagger::from_bytes(&train_sentences(&data, &options).to_bytes()).unwrap();
        for (s, _) in &data {
            let mut tokens = Vec::new();
            tokenize(&s.text, &mut tokens);
            let mut labels = Vec::new();
            tagger.tag(&s.text, &tokens, &[], &mut labels);
            let ex = prepare(s, None).unwrap();
            assert_eq!(labels, ex.gold, "{}", s.text);
            assert_eq!(spans(&labels).len(), s.entities.len());
        }
    }

    #[test]
    fn misaligned_entities_drop_the_sentence() {
        let s = sentence("Putin's visit", &[("Putin's", "person")]);
        assert!(prepare(&s, None).is_some());
        let mut s = sentence("Putinesque style", &[]);
        s.entities.push(GoldEntity { start: 0, end: 5, kind: "person".into(), label: String::new() });
        assert!(prepare(&s, None).is_none());
    }
}
