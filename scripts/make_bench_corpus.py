#!/usr/bin/env python3
"""Make the benchmark corpora (deterministic: same inputs, same bytes).

  news.jsonl      the sample article and the news paragraphs in
                  scripts/bench_news.txt, paragraphs shuffled into articles
  politics.jsonl  the eval dev sentences (Wikipedia political prose, far
                  denser in names than news), 8 sentences per document
  varied.jsonl    every distinct text above once, and the sentences of the
                  openly licensed corpora in SHARED/train grouped by their
                  source document: no text repeated (about 2 MB). The two
                  large corpora repeat a small pool of text, which flatters
                  every cache keyed by words; this one does not.
Each is written as JSONL for ergraph and as plain text (documents separated
by blank lines) for the spaCy peer, and is at least --mb megabytes.

Usage: make_bench_corpus.py OUT_DIR [--mb 22] [--shared ../shared]
"""
import argparse
import json
import pathlib
import random


def paragraphs(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n") if p.strip() and not p.startswith("#")]


def write(out_dir, name, docs_iter, size):
    jsonl = (out_dir / f"{name}.jsonl").open("w", encoding="utf-8")
    plain = (out_dir / f"{name}.txt").open("w", encoding="utf-8")
    written = 0
    for n, doc in enumerate(docs_iter):
        jsonl.write(json.dumps({"id": f"{name}-{n}", "text": doc}, ensure_ascii=False) + "\n")
        plain.write(doc + "\n\n")
        written += len(doc.encode("utf-8"))
        if written >= size:
            break
    jsonl.close()
    plain.close()
    return written


def main():
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--mb", type=float, default=22)
    parser.add_argument("--shared", default=str(here.parent.parent / "shared"))
    args = parser.parse_args()
    out_dir = pathlib.Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    size = int(args.mb * 1e6)
    rng = random.Random(2026)

    news = paragraphs(here.parent / "data/samples/putin-moscow-invitation.txt") + paragraphs(here / "bench_news.txt")

    def news_docs():
        while True:
            rng.shuffle(news)
            for i in range(0, len(news) - 5, 6):
                yield "\n".join(news[i : i + 6])

    sentences = []
    for name in ("crossner-politics-dev", "crossre-politics-dev"):
        path = pathlib.Path(args.shared) / "eval" / f"{name}.jsonl"
        sentences += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]

    def politics_docs():
        while True:
            rng.shuffle(sentences)
            for i in range(0, len(sentences) - 7, 8):
                yield " ".join(sentences[i : i + 8])

    for name, docs in (("news", news_docs()), ("politics", politics_docs())):
        n = write(out_dir, name, docs, size)
        print(f"{out_dir / name}.jsonl: {n / 1e6:.1f} MB of text")

    n = write(out_dir, "varied", varied_docs(news, sentences, pathlib.Path(args.shared) / "train"), float("inf"))
    print(f"{out_dir / 'varied'}.jsonl: {n / 1e6:.1f} MB of text, none repeated")


def varied_docs(news, sentences, train_dir):
    """Each distinct text once: news paragraphs six to a document, eval
    sentences eight to a document, and each train file's sentences joined
    by the document they come from."""
    news = sorted(set(news))
    for i in range(0, len(news), 6):
        yield "\n".join(news[i : i + 6])
    sentences = sorted(set(sentences))
    for i in range(0, len(sentences), 8):
        yield " ".join(sentences[i : i + 8])
    for path in sorted(train_dir.glob("*.jsonl")):
        docs = {}
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            meta = row.get("meta", {})
            doc = meta.get("doc") or meta.get("source", row["id"]).rsplit("-", 1)[0]
            docs.setdefault(doc, []).append(row["text"])
        for doc in docs.values():
            yield " ".join(doc)


if __name__ == "__main__":
    main()
