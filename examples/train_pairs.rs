//! Train the learned relation pair classifier (`ergraph::relations::learned`).
//!
//! ```text
//! cargo run --release --example train_pairs -- OUT.bin FILE.jsonl... [--folds K] [--epochs N] [--rate R]
//!     [--l2 L] [--positive-weight W] [--gold-pairs no] [--threshold T] [--min-precision P] [--repeats R]
//! ```
//!
//! Reads CrossRE-style JSONL (`text`, `entities` with code-point offsets and
//! a coarse `type`, `relations` with `head`/`tail` indices). Candidates are
//! the pairs ergraph's own mentions give (what the model sees at run time)
//! and the pairs of the gold people, countries and organisations (twice the
//! examples from the same sentences; `--gold-pairs no` leaves them out, which
//! cross-validates 0.01 worse); a pair is related when the annotators relate
//! the two spans (any relation type).
//! The threshold is chosen by K-fold cross-validation over documents,
//! repeated over R splits (4; counts summed), as the best end-to-end pair F1
//! with precision ≥ 0.4 (`--min-precision`), on a 0.05 grid, rules' pairs
//! included, unless `--threshold` is given. Refuses `-dev`/`-test` files.

use ergraph::lexicon::Lexicon;
use ergraph::mentions::SpanType;
use ergraph::relations::learned::features::{pair_features, token_facts, End, PairCtx, PairFeats, MAX_GAP};
use ergraph::relations::learned::train::{train, Example, TrainOptions};
use ergraph::relations::learned::{for_each_candidate, RULE_ID};
use ergraph::relations::{RuleSet, CATEGORIES_FILE, PATTERNS_FILE};
use ergraph::text::{Span, Token};
use ergraph::Extractor;
use serde_json::Value;
use std::collections::HashMap;

type Pair = (Span, Span);

/// One training document, reduced to what training and scoring need.
struct Doc {
    /// Examples from ergraph's mentions: (features, related, spans).
    own: Vec<(Example, Pair)>,
    /// Examples from the gold entities.
    gold_ex: Vec<Example>,
    /// The rules' pairs (spans).
    rule_pairs: Vec<Pair>,
    /// The gold pairs between people, countries and organisations.
    gold: Vec<Pair>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("train_pairs: {e}");
        std::process::exit(1);
    }
}

fn span_type(t: &str) -> Option<SpanType> {
    match t {
        "person" => Some(SpanType::Person),
        "organisation" => Some(SpanType::Organisation),
        "country" => Some(SpanType::Country),
        _ => None,
    }
}

const fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn matches(p: &Pair, g: &Pair) -> bool {
    (overlaps(p.0, g.0) && overlaps(p.1, g.1)) || (overlaps(p.0, g.1) && overlaps(p.1, g.0))
}

/// Correct pairs: greedy one-to-one matching of predictions to gold.
fn correct(pred: &[Pair], gold: &[Pair]) -> usize {
    let mut used = vec![false; gold.len()];
    let mut n = 0;
    for p in pred {
        if let Some(k) = (0..gold.len()).find(|&k| !used[k] && matches(p, &gold[k])) {
            used[k] = true;
            n += 1;
        }
    }
    n
}

fn load(extractor: &Extractor, line: &str) -> Result<Doc, Box<dyn std::error::Error>> {
    let v: Value = serde_json::from_str(line)?;
    let text = v["text"].as_str().ok_or("no text")?;
    let byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let ents: Vec<(Span, Option<SpanType>)> = v["entities"]
        .as_array()
        .ok_or("no entities")?
        .iter()
        .map(|e| {
            let (s, t) = (e["start"].as_u64().unwrap_or(0) as usize, e["end"].as_u64().unwrap_or(0) as usize);
            (Span::new(byte_of[s], byte_of[t]), span_type(e["type"].as_str().unwrap_or("")))
        })
        .collect();
    let mut gold = Vec::new();
    for r in v["relations"].as_array().into_iter().flatten() {
        let (h, t) = (r["head"].as_u64().unwrap_or(0) as usize, r["tail"].as_u64().unwrap_or(0) as usize);
        if ents[h].1.is_some() && ents[t].1.is_some() {
            let p = (ents[h].0, ents[t].0);
            if !gold.iter().any(|g: &Pair| (g.0 == p.0 && g.1 == p.1) || (g.0 == p.1 && g.1 == p.0)) {
                gold.push(p);
            }
        }
    }
    let related = |p: &Pair| gold.iter().any(|g| matches(p, g));
    let analysis = extractor.analyse(text);
    let (mut hits, mut features) = (Vec::new(), Vec::new());
    extractor.lexicon().scan(text, &analysis.tokens, &mut hits, &mut features);
    let ms = &analysis.mentions;
    let is_scored = |i: usize| matches!(ms[i].span_type, SpanType::Person | SpanType::Country | SpanType::Organisation);
    let mut rule_pairs: Vec<Pair> = Vec::new();
    for r in analysis.relations.iter().filter(|r| !r.negated) {
        if let (Some(h), Some(t)) = (r.head_mention, r.tail_mention) {
            let p = (ms[h].span, ms[t].span);
            if is_scored(h) && is_scored(t) && !rule_pairs.contains(&p) {
                rule_pairs.push(p);
            }
        }
    }
    let doc = analysis.parts(text, &hits, &features);
    let mut own = Vec::new();
    let mut f = PairFeats::default();
    for_each_candidate(&doc, &analysis.relations, |a, b, pair| {
        pair.features(&mut f);
        let p = (ms[a].span, ms[b].span);
        own.push((Example { feats: f.as_slice().to_vec(), related: related(&p) }, p));
    });
    let gold_ex = gold_examples(text, &analysis.tokens, &features, &ents, &rule_pairs, &related);
    Ok(Doc { own, gold_ex, rule_pairs, gold })
}

/// Examples over the gold entities (the sentence is the whole line).
fn gold_examples(
    text: &str,
    tokens: &[Token],
    features: &[u32],
    ents: &[(Span, Option<SpanType>)],
    rule_pairs: &[Pair],
    related: &dyn Fn(&Pair) -> bool,
) -> Vec<Example> {
    let ends: Vec<End> = ents
        .iter()
        .map(|(s, t)| {
            let first = tokens.partition_point(|k| k.span.end <= s.start);
            let last = tokens.partition_point(|k| k.span.start < s.end).max(first + 1);
            let ruled = rule_pairs.iter().any(|p| overlaps(p.0, *s) || overlaps(p.1, *s));
            End { tokens: first..last, kind: t.unwrap_or(SpanType::Location), ruled }
        })
        .collect();
    let mut facts = Vec::new();
    token_facts(text, tokens, features, 0..tokens.len(), &mut facts);
    let ctx = PairCtx { features, sentence: 0..tokens.len(), ends: &ends, facts: &facts };
    let mut out = Vec::new();
    let mut f = PairFeats::default();
    for a in 0..ents.len() {
        for b in a + 1..ents.len() {
            let p = (ents[a].0, ents[b].0);
            if ents[a].1.is_none()
                || ents[b].1.is_none()
                || ends[b].tokens.start.saturating_sub(ends[a].tokens.end) > MAX_GAP
            {
                continue;
            }
            if p.0.of(text).eq_ignore_ascii_case(p.1.of(text)) || rule_pairs.iter().any(|r| matches(r, &p)) {
                continue;
            }
            pair_features(&ctx, a, b, &mut f);
            out.push(Example { feats: f.as_slice().to_vec(), related: related(&p) });
        }
    }
    out
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut flags: HashMap<String, String> = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if a.starts_with("--") {
            flags.insert(a, it.next().unwrap_or_default());
        } else {
            positional.push(a);
        }
    }
    let [out, files @ ..] = positional.as_slice() else {
        return Err(
            "usage: train_pairs OUT.bin FILE.jsonl... [--folds K] [--epochs N] [--rate R] [--threshold T] ...".into()
        );
    };
    if files.is_empty() || files.iter().any(|f| f.contains("-dev") || f.contains("-test")) {
        return Err("give training files only (no -dev/-test files)".into());
    }
    let mut options = TrainOptions::default();
    if let Some(v) = flags.get("--epochs") {
        options.epochs = v.parse()?;
    }
    if let Some(v) = flags.get("--l2") {
        options.l2 = v.parse()?;
    }
    if let Some(v) = flags.get("--rate") {
        options.rate = v.parse()?;
    }
    if let Some(v) = flags.get("--positive-weight") {
        options.positive_weight = v.parse()?;
    }
    let use_gold = flags.get("--gold-pairs").is_none_or(|v| v != "no");
    let folds: usize = flags.get("--folds").map_or(Ok(5), |v| v.parse())?;
    let rules = RuleSet::parse(PATTERNS_FILE, CATEGORIES_FILE, &[RULE_ID.to_owned()])?;
    let extractor = Extractor::new(Lexicon::embedded()).with_rules(rules);
    let mut docs = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(f)?.lines().filter(|l| !l.trim().is_empty()) {
            docs.push(load(&extractor, line)?);
        }
    }
    let (n_own, n_gold): (usize, usize) =
        (docs.iter().map(|d| d.own.len()).sum(), docs.iter().map(|d| d.gold_ex.len()).sum());
    let pos = docs.iter().flat_map(|d| &d.own).filter(|e| e.0.related).count();
    eprintln!("{} documents, {n_own} candidate pairs ({pos} related), {n_gold} gold-entity pairs", docs.len());
    // Cross-validation: end-to-end counts per threshold (rules' pairs included).
    let grid: Vec<f32> = (1..20).map(|k| k as f32 * 0.05).collect();
    let mut counts = vec![(0usize, 0usize); grid.len()];
    let gold_once: usize = docs.iter().map(|d| d.gold.len()).sum();
    // With a hundred documents one split into folds is noisy enough to move
    // the chosen threshold a step when a rule changes; the counts of several
    // splits (the file's order, then shuffled ones) are summed.
    let repeats: u64 = flags.get("--repeats").map_or(Ok(4), |v| v.parse())?;
    for repeat in 0..repeats {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut state = 0x9e37_79b9_7f4a_7c15 ^ repeat;
        if repeat > 0 {
            ergraph::shuffle::shuffle(&mut order, &mut state);
        }
        let mut fold_of = vec![0; docs.len()];
        for (position, &doc) in order.iter().enumerate() {
            fold_of[doc] = position % folds;
        }
        for k in 0..folds {
            let examples: Vec<Example> = docs
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of[*i] != k)
                .flat_map(|(_, d)| {
                    d.own.iter().map(|e| e.0.clone()).chain(d.gold_ex.iter().filter(|_| use_gold).cloned())
                })
                .collect();
            let model = train(&examples, &options);
            for d in docs.iter().enumerate().filter(|(i, _)| fold_of[*i] == k).map(|(_, d)| d) {
                for (g, t) in grid.iter().enumerate() {
                    let mut pred = d.rule_pairs.clone();
                    pred.extend(d.own.iter().filter(|e| model.probability(&e.0.feats) > *t).map(|e| e.1));
                    counts[g].0 += pred.len();
                    counts[g].1 += correct(&pred, &d.gold);
                }
            }
        }
    }
    // The floor keeps the learned edges mostly right (the issue weighs a
    // relation that is not stated as worse than none); above it, F1 decides.
    let min_precision: f64 = flags.get("--min-precision").map_or(Ok(0.4), |v| v.parse())?;
    let mut best = (0.0f64, 0.5f32);
    let mut f1_at = Vec::with_capacity(grid.len());
    let gold_total = gold_once * repeats as usize;
    eprintln!(
        "threshold  predicted  correct  precision  recall  F1   ({folds}-fold CV x {repeats}, {gold_once} gold pairs)"
    );
    for (g, t) in grid.iter().enumerate() {
        let (p, c) = counts[g];
        let prec = c as f64 / p.max(1) as f64;
        let rec = c as f64 / gold_total.max(1) as f64;
        let f1 = if c == 0 { 0.0 } else { 2.0 * prec * rec / (prec + rec) };
        eprintln!("{t:9.2}  {p:9}  {c:7}  {prec:9.3}  {rec:6.3}  {f1:.3}");
        f1_at.push((*t, f1));
        if prec >= min_precision && f1 > best.0 + 1e-9 {
            best = (f1, *t);
        }
    }
    let threshold = flags.get("--threshold").map_or(Ok(best.1), |v| v.parse())?;
    let cv_f1 = f1_at.iter().find(|(t, _)| (t - threshold).abs() < 1e-4).map_or(f64::NAN, |&(_, f1)| f1);
    eprintln!("threshold {threshold:.2} (CV F1 {cv_f1:.3}; the floor's choice: {:.2})", best.1);
    let all: Vec<Example> = docs
        .iter()
        .flat_map(|d| d.own.iter().map(|e| e.0.clone()).chain(d.gold_ex.iter().filter(|_| use_gold).cloned()))
        .collect();
    let model = train(&all, &TrainOptions { threshold, ..options });
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes)?;
    eprintln!("wrote {out}: {} bytes", bytes.len());
    Ok(())
}
