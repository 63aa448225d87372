"""Time ``qingdan export --format parquet`` and three national questions in ``qingdan query`` over many provinces.

    python benchmarks/federation.py                       # 3 provinces × 10,000 items: about a minute
    python benchmarks/federation.py --full                # 30 provinces × 100,000 items (3 million items)
    python benchmarks/federation.py --provinces 5 --items 50000 [--workdir DIR] [--runs 3]

For each province it writes a synthetic repository with benchmarks/generate.py (seed = the province's number),
moves it to that province's code (the generator writes 98…; every code becomes NN…, 示例省 becomes 示例省NN:
synthetic data, not real places), commits it dated 2024-07-01, exports it, then commits a second edition dated
2025-07-01 in which about one 协助政府工作 item in ten of the community lists becomes 依法履职, and exports
that too, into one data folder. Each export is a new process (``python -m qingdan export --format parquet``,
validate included) and is timed once; the first is cold (no cache), the second reuses the validate cache for
the files the edition did not touch. Then it times three questions over the whole folder, each ``--runs``
times in new processes (``python -m qingdan query … --data``, start-up included), and prints medians:

* which places still list 健在证明 (a forbidden certificate), per province;
* the burden per community per province (``burden_by_community``);
* the trend of 协助 items per community per province over the two editions (``trend``).

It prints a report; it is not a test.
"""

# ruff: noqa: T201  (a command-line script: printing is its output)
from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

# The province-level codes of the statistical division table, in its order (31 units).
PROVINCES = "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split()
QUERIES = {
    "which places list 健在证明": (
        "SELECT province, count(DISTINCT jurisdiction) AS places, count(*) AS items FROM certificates "
        "WHERE name = '健在证明' OR list_contains(aliases, '健在证明') GROUP BY province ORDER BY province"
    ),
    "burden per community per province": (
        "SELECT province_code, count(*) AS communities, round(avg(duties), 1) AS duties, "
        "round(avg(assist), 1) AS assist, max(assist) AS most_assist FROM burden_by_community "
        "GROUP BY province_code ORDER BY province_code"
    ),
    "trend of 协助 per community": "SELECT * FROM trend ORDER BY province_code, as_of",
}
CODE = re.compile(r"(?<!\d)98(\d{10})(?!\d)")
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid"}
GIT_ENV |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}


def _git(repo: Path, day: str, *args: str) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def province_repository(out: Path, province: str, items: int) -> None:
    """benchmarks/generate.py's repository, moved to ``province``'s codes."""
    generate.generate(out, items, seed=int(province))
    for path in sorted((out / "lists").glob("*.yaml")):
        text = CODE.sub(lambda m: province + m.group(1), path.read_text(encoding="utf-8"))
        path.unlink()
        name = CODE.sub(lambda m: province + m.group(1), path.name)
        (path.parent / name).write_text(text.replace("示例省", f"示例省{province}"), encoding="utf-8")


def second_edition(repo: Path, province: str) -> int:
    """Every tenth 协助政府工作 item of the community lists becomes 依法履职; returns how many changed."""
    seen = changed = 0
    for path in sorted((repo / "lists").glob(f"duties-{province}*.yaml")):
        if path.stem.endswith("000"):  # not a community's list
            continue
        parts = path.read_text(encoding="utf-8").split("role: 协助政府工作")
        rebuilt = parts[0]
        for part in parts[1:]:
            seen += 1
            if seen % 10:
                rebuilt += "role: 协助政府工作" + part
                continue
            changed += 1  # a 依法履职 item keeps no admission record (admission-not-assist would say so)
            rebuilt += "role: 依法履职" + re.sub(r"\n    admission: [^\n]*", "", part, count=1)
        path.write_text(rebuilt, encoding="utf-8")
    return changed


def _qingdan(args: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds of the process: user + system, all its threads and workers, the result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "qingdan", *args], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"qingdan {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return elapsed, cpu, proc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=3, help="how many provinces (default 3, at most 31)")
    parser.add_argument("--items", type=int, default=10_000, help="items per province (default 10000)")
    parser.add_argument("--full", action="store_true", help="30 provinces × 100,000 items")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "qingdan-federation")
    parser.add_argument("--runs", type=int, default=3, help="runs of each question (default 3)")
    parser.add_argument("--queries-only", action="store_true", help="time the questions over the last run's data")
    args = parser.parse_args(argv)
    provinces, items = (30, 100_000) if args.full else (min(args.provinces, len(PROVINCES)), args.items)
    work = args.workdir / f"{provinces}x{items}"
    data = work / "data"
    if not args.queries_only or not data.is_dir():
        shutil.rmtree(work, ignore_errors=True)
        export_all(work, data, provinces, items)
    questions(work, data, args.runs)
    return 0


def export_all(work: Path, data: Path, provinces: int, items: int) -> None:
    print(
        f"{provinces} provinces × {items:,} items; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load {os.getloadavg()[0]:.1f}"
    )
    cold: list[float] = []
    warm: list[float] = []
    cold_cpu: list[float] = []
    warm_cpu: list[float] = []
    generated = 0.0
    for province in PROVINCES[:provinces]:
        repo = work / f"repo-{province}"
        start = time.perf_counter()
        province_repository(repo, province, items)
        _git(repo, "2024-07-01T09:00:00+08:00", "init", "-q", "-b", "main")
        _git(repo, "2024-07-01T09:00:00+08:00", "add", "-A")
        _git(repo, "2024-07-01T09:00:00+08:00", "commit", "-qm", "2024版")
        generated += time.perf_counter() - start
        seconds, cpu, _ = _qingdan(["export", "--format", "parquet", "-o", str(data)], repo)
        cold.append(seconds)
        cold_cpu.append(cpu)
        changed = second_edition(repo, province)
        _git(repo, "2025-07-01T09:00:00+08:00", "commit", "-qam", f"2025版：{changed} 项协助事项改为依法履职")
        seconds, cpu, _ = _qingdan(["export", "--format", "parquet", "-o", str(data)], repo)
        warm.append(seconds)
        warm_cpu.append(cpu)
        print(
            f"  province {province}: export {cold[-1]:.1f} s (2024, cold), {warm[-1]:.1f} s (2025, {changed} changed)"
        )
    size = sum(p.stat().st_size for p in data.rglob("*.parquet"))
    files = len(list(data.rglob("*.parquet")))
    print(f"generated {provinces} repositories in {generated:.1f} s; dataset {files} files, {size / 1e6:.1f} MB")
    print(
        f"export per province (median): cold {statistics.median(cold):.1f} s, second edition "
        f"{statistics.median(warm):.1f} s; CPU (user + system) {statistics.median(cold_cpu):.1f} s and "
        f"{statistics.median(warm_cpu):.1f} s; all exports {sum(cold) + sum(warm):.1f} s"
    )


def questions(work: Path, data: Path, runs: int) -> None:
    print(f"load {os.getloadavg()[0]:.1f}")
    _, _, count = _qingdan(["query", "SELECT count(*) AS n FROM all_items", "--data", str(data), "-f", "csv"], work)
    print(f"items in the dataset (both editions): {count.stdout.splitlines()[1]}")
    for label, sql in QUERIES.items():
        times, cpus, last = [], [], None
        for _ in range(runs):
            seconds, cpu, last = _qingdan(["query", sql, "--data", str(data), "--format", "csv"], work)
            times.append(seconds)
            cpus.append(cpu)
        assert last is not None
        rows = len(last.stdout.splitlines()) - 1
        print(
            f"query '{label}': median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}; CPU {statistics.median(cpus):.2f} s; {rows} rows)"
        )
        print("    " + "\n    ".join(last.stdout.lstrip("\ufeff").splitlines()[:4]))


if __name__ == "__main__":
    sys.exit(main())
