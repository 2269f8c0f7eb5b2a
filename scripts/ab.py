#!/usr/bin/env python3
"""Compare ergraph binaries on one corpus in one sitting.

Wall times on a shared or virtual machine wander by more than a commit's
gain; running the binaries alternately (each round runs every binary once,
the order flipped every other round) exposes them to the same noise.

    scripts/ab.py CORPUS JOBS ROUNDS BIN...
    scripts/ab.py target/bench/news.jsonl 2 10 /tmp/ergraph-old target/release/ergraph
"""
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    corpus, jobs, rounds, bins = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    wall = {b: [] for b in bins}
    cpu = {b: [] for b in bins}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for b in bins if r % 2 == 0 else bins[::-1]:
                args = [b, "build", corpus, "--jobs", jobs, "--quiet", "--format", "json", "-o", f"{tmp}/graph.json"]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(args, check=True)
                wall[b].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[b].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for b in bins:
        print(
            f"{b:<32} wall best {min(wall[b]):.3f} s, median {statistics.median(wall[b]):.3f} s;"
            f" cpu median {statistics.median(cpu[b]):.3f} s"
        )


if __name__ == "__main__":
    main()
