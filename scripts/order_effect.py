#!/usr/bin/env python3
"""How much a repeated corpus flatters ergraph's speed: same text, two orders.

Both corpora hold the sample article's paragraphs the same number of times,
so ergraph does the same work on them (callgrind counts within 1.5 %). In
`repeated` every document is the article as written; in `shuffled` each
document has the paragraphs in a new order. A branch predictor learns the
first one's exactly recurring sequence of decisions and cannot learn the
second's, so the gap between them is what repetition alone buys. Real news
never recurs, so it is slower than either; the benchmark corpora
(`make_bench_corpus.py`) recur at the paragraph level, like `shuffled`.

    scripts/order_effect.py [BIN] [--mb 22] [--rounds 5]
"""
import argparse
import json
import pathlib
import random
import resource
import statistics
import subprocess
import tempfile


def write_corpus(path, paragraphs, size, shuffle):
    rng = random.Random(2026)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while written < size:
            order = paragraphs[:]
            if shuffle:
                rng.shuffle(order)
            text = "\n\n".join(order)
            out.write(json.dumps({"id": f"doc-{n}", "text": text}, ensure_ascii=False) + "\n")
            written += len(text.encode("utf-8"))
            n += 1
    return written


def cpu_seconds(binary, corpus, tmp):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([binary, "build", str(corpus), "--jobs", "1", "--quiet", "-f", "json", "-o", f"{tmp}/graph.json"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", nargs="?", default=str(root / "target/release/ergraph"))
    parser.add_argument("--mb", type=float, default=22)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    article = (root / "data/samples/putin-moscow-invitation.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in article.split("\n") if p.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {}
        for name, shuffle in (("repeated", False), ("shuffled", True)):
            path = pathlib.Path(tmp) / f"{name}.jsonl"
            corpora[name] = (path, write_corpus(path, paragraphs, int(args.mb * 1e6), shuffle))
        cpu = {name: [] for name in corpora}
        for r in range(args.rounds):
            for name in corpora if r % 2 == 0 else reversed(list(corpora)):
                cpu[name].append(cpu_seconds(args.binary, corpora[name][0], tmp))
        for name, (_, size) in corpora.items():
            median = statistics.median(cpu[name])
            print(f"{name:<9} {size / 1e6:.1f} MB  cpu median {median:.3f} s  {size / 1e6 / median:.1f} MB/s")
        ratio = statistics.median(cpu["shuffled"]) / statistics.median(cpu["repeated"])
        print(f"shuffled / repeated cpu time: {ratio:.2f}")


if __name__ == "__main__":
    main()
