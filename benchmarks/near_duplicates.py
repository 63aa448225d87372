"""How fast qingdan finds each name's closest earlier namesake, beside comparing every pair.

Two corpora. "benchmark": names of the benchmark lists' shape (generate.NameSpace: VERB + SUBJECT + MATTER +
ACTION, about 16 CJK characters), one in twenty a copy changed by one character, so that there is something to
find. "hard": names made of a few dozen common words (证明, 管理, 服务 …, so most names share long words), a
tenth of them 2-4 characters over a small set of characters (where the threshold allows one edit or none),
one in twenty very long (40-90 characters), and clusters of up to 30 variants of one name (characters
changed, dropped or added, words left out), as well as one-character copies. Checks that qingdan gives the
same answers with the same scores as comparing every pair, then prints the median time of each (qingdan over
--runs runs, wall and CPU) and their ratio.

    python benchmarks/near_duplicates.py [--sizes 300,1000,3000,10000] [--runs 5] [--threshold 85]
        [--corpus benchmark,hard]

"All pairs" is rapidfuzz over the original characters, each name against every earlier one (the lower
triangle, 512 rows at a time, so 50,000 names fit in memory), keeping for each name the most similar earlier
one (the first of equals): what qingdan must give."""

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


# fmt: off
WORDS = (
    "证明", "管理", "服务", "居民", "社区", "工作", "协助", "开展", "登记", "审核", "办理", "家庭", "经济状况",
    "信息", "材料", "申请", "人员", "安全", "检查", "宣传", "组织", "落实", "做好", "配合", "核实", "出具",
    "困难", "救助", "补贴", "发放", "老年人", "残疾人", "低保", "医疗", "保险", "就业", "创业", "培训", "政策",
    "咨询", "调解", "纠纷", "矛盾", "排查", "隐患", "消防", "卫生", "健康", "环境", "整治", "文化", "活动",
    "志愿", "服务站", "党建", "网格", "巡查", "统计", "调查", "普查", "人口", "户籍", "婚姻", "生育", "计划",
)
CHARS = "证明管理服务居民社区工作协助开展登记审核办理家庭经济状况信息材料申请人员安全检查宣传组织"
# fmt: on


def hard(size: int, seed: int) -> list[str]:
    """The harder corpus (see the module's description), ``size`` names before the copies."""
    rng = random.Random(seed)
    weights = [1 / (n + 1) for n in range(len(WORDS))]  # a few words in most names

    def words(count: int) -> str:
        return "".join(rng.choices(WORDS, weights, k=count))

    def edited(name: str, edits: int) -> str:
        for _ in range(edits):
            at = rng.randrange(len(name) + 1)
            edit = rng.choice(["change", "drop", "add"])
            new = "" if edit == "drop" else rng.choice(CHARS)
            name = name[:at] + new + name[at + (edit != "add") :]
        return name

    out: list[str] = []
    while len(out) < size:
        roll = rng.random()
        if roll < 0.1:
            out.append("".join(rng.choices(CHARS[:20], k=rng.randint(2, 4))))
        elif roll < 0.15:
            out.append(words(rng.randint(15, 30)))
        elif roll < 0.17 and out:  # a cluster: variants of one name
            name = rng.choice(out)
            out.extend(edited(name, rng.randint(1, 3)) for _ in range(rng.randint(5, 30)))
        else:
            out.append(words(rng.randint(3, 8)))
    out = [key(n) for n in out[:size]]
    for _ in range(size // 20):
        out.append(edited(rng.choice(out), 1))
    return out


CORPORA = {"benchmark": names, "hard": hard}


def all_pairs(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Every pair compared; for each name the most similar earlier one (the first of equals)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    found = []
    for start in range(1, len(keys), 512):
        stop = min(len(keys), start + 512)
        matrix = process.cdist(
            keys[start:stop], keys[: stop - 1], scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32
        )
        matrix[np.arange(stop - 1)[None, :] >= np.arange(start, stop)[:, None]] = 0
        best = matrix.argmax(axis=1)
        scores = matrix[np.arange(len(best)), best]
        found.extend((start + r, int(best[r]), round(float(scores[r]), 1)) for r in np.flatnonzero(scores > 0))
    return found


def timed(run: Callable[[], list[tuple[int, int, float]]], runs: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of ``runs`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1000,3000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=85.0)
    parser.add_argument("--corpus", default="benchmark,hard")
    args = parser.parse_args()
    print("| corpus | names | names with a near-duplicate | qingdan | qingdan CPU | all pairs | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for corpus in args.corpus.split(","):
        for size in map(int, args.sizes.split(",")):
            keys = CORPORA[corpus](size, size)
            ours, cpu, found = timed(partial(closest_earlier, keys, args.threshold), args.runs)
            reference, _, expected = timed(partial(all_pairs, keys, args.threshold), 1)
            if found != expected:
                raise SystemExit(f"{corpus}, {size} names: the pairs differ from all pairs")
            print(
                f"| {corpus} | {len(keys):,} | {len(found):,} | {ours * 1000:.1f} ms | {cpu * 1000:.1f} ms "
                f"| {reference * 1000:.1f} ms | {reference / ours:.1f}× |",
                flush=True,
            )


if __name__ == "__main__":
    main()
