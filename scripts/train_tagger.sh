#!/bin/sh
# Rebuild data/tagger/model.bin from the openly licensed training data
# (deterministic: same data + same code => same bytes). Never add the -dev files.
set -eu
cd "$(dirname "$0")/.."
TRAIN=${TRAIN:-/work/shared/train}
EVAL=${EVAL:-/work/shared/eval}
cargo run --release --example train_tagger -- data/tagger/model.bin \
  "$TRAIN/gum.jsonl" "$TRAIN/uner-pud.jsonl" "$TRAIN/wikigold.jsonl" \
  "$EVAL/crossner-politics-train.jsonl" "$EVAL/crossre-politics-train.jsonl" "$@"
