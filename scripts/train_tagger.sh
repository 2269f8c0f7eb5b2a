#!/bin/sh
# Rebuild data/tagger/model.bin from the openly licensed training data
# (deterministic: same data + same code => same bytes). Never add the -dev files.
set -eu
cd "$(dirname "$0")/.."
TRAIN=${TRAIN:-../shared/train}
EVAL=${EVAL:-../shared/eval}
cargo run --release --example train_tagger -- data/tagger/model.bin \
  "$TRAIN/gum.jsonl" "$TRAIN/uner-pud.jsonl" "$TRAIN/wikigold.jsonl" \
  "$EVAL/crossner-politics-train.jsonl" "$EVAL/crossre-politics-train.jsonl" "$@"
