#!/usr/bin/env bash
# Throughput and memory of the whole process (`ergraph build`, data loading
# included) on >= 20 MB corpora, for --jobs 1 and --jobs N, and the peak RSS
# for a 10x larger corpus, and --jobs 1 on ~1 MB of text none of which repeats. With SPACY_VENV=path/to/venv (see ../shared/peers),
# also spaCy's MB/s on a slice of the same text.
#
#   scripts/bench.sh            # corpora in target/bench (made once)
#   SPACY_VENV=.peer-venv scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=target/bench
JOBS=${JOBS:-$(nproc)}
cargo build --release --quiet
BIN=target/release/ergraph
[ -f "$OUT/varied.jsonl" ] || python3 scripts/make_bench_corpus.py "$OUT" --mb 22 --shared "$SHARED"
if [ ! -f "$OUT/news-x10.jsonl" ]; then
  for _ in $(seq 10); do cat "$OUT/news.jsonl"; done > "$OUT/news-x10.jsonl"
fi

# run NAME FILE JOBS [RUNS]: best of RUNS (3) wall-clock runs, MB/s of text, peak RSS
run() {
  local name=$1 file=$2 jobs=$3 runs=${4:-3} best="" rss=""
  local mb
  mb=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1], encoding='utf-8'))/1e6)" "$file")
  for _ in $(seq "$runs"); do
    local line
    local start end
    start=$(date +%s%N)
    line=$( { /usr/bin/time -f "%M" "$BIN" build "$file" --jobs "$jobs" --quiet --format json -o "$OUT/graph.json" ; } 2>&1 | tail -n 1)
    end=$(date +%s%N)
    # Wall time to the millisecond (`time -f %e` gives hundredths only).
    local secs
    secs=$(python3 -c "import sys; print((int(sys.argv[2]) - int(sys.argv[1])) / 1e9)" "$start" "$end")
    rss=$line
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$secs" "$best"; then best=$secs; fi
  done
  python3 -c "import sys; mb,s,rss=float(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]); print(f'{sys.argv[1]:<28} {mb:8.1f} MB {s:7.3f} s {mb/s:8.1f} MB/s  peak RSS {rss/1024:6.1f} MB')" "$name --jobs $jobs" "$mb" "$best" "$rss"
}

echo "ergraph $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(nproc) cores"
for corpus in news politics; do
  run "$corpus" "$OUT/$corpus.jsonl" 1
  run "$corpus" "$OUT/$corpus.jsonl" "$JOBS"
done
run "news x10" "$OUT/news-x10.jsonl" 1
# No text repeated, so no cache is flattered; small, so start-up weighs more.
run "varied" "$OUT/varied.jsonl" 1 7
rss=$( { /usr/bin/time -f "%M" "$BIN" build /dev/null --quiet -o "$OUT/empty.json"; } 2>&1 | tail -n 1)
# Best of seven, timed around the process alone (a shell adds milliseconds).
python3 - "$BIN" "$OUT/empty.json" "$rss" <<'PY'
import subprocess, sys, time
best = min(
    (lambda t: (subprocess.run([sys.argv[1], "build", "/dev/null", "--quiet", "-o", sys.argv[2]], check=True), time.perf_counter() - t)[1])(time.perf_counter())
    for _ in range(7)
)
print(f"start-up on empty input: {best * 1000:.1f} ms, peak RSS {int(sys.argv[3]) / 1024:.1f} MB")
PY

if [ -n "${SPACY_VENV:-}" ]; then
  echo "spaCy en_core_web_sm (NER only, one process) on the first 1 MB of each corpus:"
  for corpus in news politics; do
    "$SPACY_VENV/bin/python" "$SHARED/peers/spacy_throughput.py" "$OUT/$corpus.txt" --mode ner-only --max-bytes 1000000 | sed "s/^/  $corpus: /"
  done
fi
