"""Time the statistics page's trend over git history (``qingdan.publish.trend``) on a generated repository.

    python benchmarks/trend.py [--items 100000] [--commits 20] [--files 3] [--workdir DIR] [--runs 3]

Makes <workdir>/trend-<items>: the output of benchmarks/generate.py committed once, then ``--commits`` - 1 more
commits that each edit ``--files`` duty lists (drop the last two items, turn one 协助政府工作 item into 依法履职,
add one item), as a year of ordinary list maintenance would. Then it times, in this process:

* the view model of ``qingdan build`` with the trend (what a build runs) and the same on a copy without git,
  whose difference is the time the trend adds (including hashing and counting the working tree's files);
* the trend alone given the working tree's counts (the path a build takes) and without them (every blob of
  the oldest commit parsed: the worst case, a working tree that shares nothing with the history).

It prints medians; it is a report, not a test.
"""

# ruff: noqa: T201  (a command-line script: printing is its output)
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from qingdan.config import load_config  # noqa: E402
from qingdan.load import parse_bytes  # noqa: E402
from qingdan.paths import discover  # noqa: E402
from qingdan.publish import trend  # noqa: E402
from qingdan.publish.view import build_view  # noqa: E402
from qingdan.rules import RULES  # noqa: E402

ITEM_START = re.compile(r"(?m)^(?=  - id: )")
IDENTITY = {
    "GIT_AUTHOR_NAME": "qingdan benchmark",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "qingdan benchmark",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str, day: int = 0) -> None:
    stamp = f"{1704067200 + day * 86400} +0000"  # 2024-01-01 plus ``day`` days
    env = {**os.environ, **IDENTITY, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def edit(text: str, serial: int) -> str:
    head, *blocks = ITEM_START.split(text)
    blocks = blocks[:-2]  # two items dropped
    for i, block in enumerate(blocks):
        if "role: 协助政府工作" in block:
            blocks[i] = block.replace("role: 协助政府工作", "role: 依法履职", 1)
            break
    added = re.sub(r"(?m)^(  - id: )(\S+)$", rf"\g<1>\g<2>-T{serial}", blocks[0], count=1)
    return head + "".join(blocks) + added


def make_repo(workdir: Path, items: int, commits: int, files: int) -> Path:
    repo = workdir / f"trend-{items}-{commits}x{files}"
    if (repo / ".git" / "bench-trend-done").exists():
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    print(f"generating {items} items and {commits} commits in {repo} ...", flush=True)
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), str(repo), "--items", str(items), "--seed", "1"],
        check=True,
        capture_output=True,
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    rng = random.Random(1)
    duties = sorted((repo / "lists").glob("duties-*.yaml"))
    for n in range(1, commits):
        for path in rng.sample(duties, files):
            path.write_text(edit(path.read_text(encoding="utf-8"), n), encoding="utf-8")
        git(repo, "commit", "-q", "-a", "-m", f"edit {files} lists", day=n * 7)
    (repo / ".git" / "bench-trend-done").write_text("ok\n", encoding="utf-8")
    return repo


def timed(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--commits", type=int, default=20)
    parser.add_argument("--files", type=int, default=3, help="duty lists edited per commit")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "qingdan-bench")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    repo = make_repo(args.workdir, args.items, args.commits, args.files)
    plain = args.workdir / f"{repo.name}-nogit"
    if not plain.exists():
        shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    rules = {rule.id for rule in RULES}
    config = load_config(repo, rules)
    with_git, view = timed(args.runs, lambda: build_view(repo, config))
    without_git, _ = timed(args.runs, lambda: build_view(plain, load_config(plain, rules)))
    points = view.trend  # type: ignore[attr-defined]
    files = [
        (path.read_bytes(), parse_bytes(path.read_bytes(), path.name, positions=False).data)
        for path in discover([repo / "lists"])
    ]
    counting, seeded = timed(args.runs, lambda: {trend.blob_id(raw): trend.tally(data) for raw, data in files})
    alone, _ = timed(args.runs, lambda: trend.history(repo, repo / "lists", config.trend_commits, seeded))  # type: ignore[arg-type]
    cold, _ = timed(1, lambda: trend.history(repo, repo / "lists", config.trend_commits, {}))
    print(f"{args.items:,} items, {len(points)} commits, {args.files} duty lists edited per commit")
    print(f"view model with the trend      {with_git:6.2f} s")
    print(f"view model without git         {without_git:6.2f} s   → the trend adds {with_git - without_git:.2f} s")
    print(f"hashing and counting the working tree's files in the view {counting:6.2f} s")
    print(f"trend alone, working tree known {alone:6.2f} s")
    print(f"trend alone, nothing known      {cold:6.2f} s   (every blob parsed once)")
    first, last = points[0], points[-1]
    print(f"first {first.date} {first.commit}: {first.total:,} items; last {last.date} {last.commit}: {last.total:,}")


if __name__ == "__main__":
    main()
