"""How fast qingdan finds each name's closest earlier namesake, beside comparing every pair.

The names have the benchmark lists' shape (generate.NameSpace: VERB + SUBJECT + MATTER + ACTION, about 16
CJK characters), and one in twenty is a copy changed by one character, so that there is something to find.
Checks that both give the same answers with the same scores, then prints the median time of each over
--runs runs and their ratio.

    python benchmarks/near_duplicates.py [--sizes 300,1000,3000,10000] [--runs 5] [--threshold 85]

The reference is rapidfuzz's full n × n matrix over the original characters (numpy), the way qingdan compared
up to 1,000 names before; above that qingdan used to compare each name only with its sorted neighbours."""

# ruff: noqa: T201  (a command-line script: printing is its output)
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import NameSpace  # noqa: E402

from qingdan.text import closest_earlier, key  # noqa: E402


def names(size: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = [key(name) for name, _, _ in NameSpace(rng, size)]
    for _ in range(size // 20):
        chars = list(rng.choice(out))
        chars[rng.randrange(len(chars))] = "某"
        out.append("".join(chars))
    return out


def all_pairs(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Every pair compared; for each name the most similar earlier one (the first of equals)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    matrix = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32)
    matrix[np.triu_indices(len(keys))] = 0
    best = matrix.argmax(axis=1)
    scores = matrix[np.arange(len(keys)), best]
    return [(i, int(best[i]), round(float(scores[i]), 1)) for i in np.flatnonzero(scores > 0).tolist()]


def timed(run: Callable[[], list[tuple[int, int, float]]], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1000,3000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=85.0)
    args = parser.parse_args()
    print("| names | names with a near-duplicate | qingdan | all pairs | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for size in map(int, args.sizes.split(",")):
        keys = names(size, seed=size)
        ours, found = timed(partial(closest_earlier, keys, args.threshold), args.runs)
        reference, expected = timed(partial(all_pairs, keys, args.threshold), max(1, args.runs // 2))
        if found != expected:
            raise SystemExit(f"{size} names: the pairs differ from all pairs")
        print(
            f"| {len(keys):,} | {len(found):,} | {ours * 1000:.1f} ms | {reference * 1000:.1f} ms "
            f"| {reference / ours:.1f}× |"
        )


if __name__ == "__main__":
    main()
