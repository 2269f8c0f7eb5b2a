//! Stage-by-stage throughput on the sample article (criterion reports MB/s).
//! The whole-process figure, data loading included, is `scripts/bench.sh`.
#![allow(missing_docs)] // criterion's macros generate undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ergraph::graph::{GraphBuilder, GraphOptions};
use ergraph::lexicon::Lexicon;
use ergraph::text::{split_sentences, tokenize};
use ergraph::{Analysis, Document, Extractor};
use std::hint::black_box;

const SAMPLE: &str = include_str!("../data/samples/putin-moscow-invitation.txt");

fn stages(c: &mut Criterion) {
    let extractor = Extractor::new(Lexicon::embedded());
    let lexicon = extractor.lexicon();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    let mut tokens = Vec::new();
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            tokenize(black_box(SAMPLE), &mut tokens);
            tokens.len()
        });
    });
    tokenize(SAMPLE, &mut tokens);
    let mut sentences = Vec::new();
    group.bench_function("sentences", |b| {
        b.iter(|| {
            split_sentences(SAMPLE, black_box(&tokens), |w| lexicon.is_abbreviation(w), &mut sentences);
            sentences.len()
        });
    });
    let (mut hits, mut features) = (Vec::new(), Vec::new());
    group.bench_function("lexicon scan", |b| {
        b.iter(|| {
            lexicon.scan(SAMPLE, black_box(&tokens), &mut hits, &mut features);
            hits.len()
        });
    });
    // The corpus path: one `Analysis` per worker, its buffers (the tagger's
    // and relations' memo tables among them) reused from document to document.
    let mut reused = Analysis::default();
    group.bench_function("analyse (mentions, entities, relations)", |b| {
        b.iter(|| {
            extractor.analyse_into(black_box(SAMPLE), &mut reused);
            reused.mentions.len()
        });
    });
    // The one-off call, which sets those buffers up for this document alone.
    group.bench_function("analyse, fresh buffers", |b| {
        b.iter(|| extractor.analyse(black_box(SAMPLE)).mentions.len());
    });
    let doc = Document { id: "sample".into(), text: SAMPLE.into() };
    let analysis = extractor.analyse(SAMPLE);
    group.bench_function("graph add", |b| {
        let mut graph = GraphBuilder::new(GraphOptions::default());
        b.iter(|| graph.add(black_box(&doc), &analysis));
    });
    group.finish();
    c.bench_function("lexicon build (start-up)", |b| b.iter(Lexicon::embedded));
}

criterion_group!(benches, stages);
criterion_main!(benches);
