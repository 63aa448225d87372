"""What a large upstream costs: a province of N synthetic items (``generate.py``) in a git repository, a district
repository below it with one list that names the province as its ``[[upstream]]``, and the times of
``qingdan sync`` and of ``qingdan validate`` (the district's file changed; nothing changed; ``--no-cache``).

    python benchmarks/upstream.py [--items 100000] [--runs 3] [--workdir DIR]

Prints wall and CPU seconds (the process and its workers) per step, the median of the runs. Only the standard
library and qingdan."""

# ruff: noqa: T201  (a command-line script: printing is its output)
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DISTRICT = """format: 1
kind: jurisdictions
jurisdictions:
  - {code: "980111000000", name: 第11区, level: 区}
  - {code: "980111001000", name: 新城街道, level: 街道}
  - {code: "980111001001", name: 新城社区, level: 社区}
"""
CERTIFICATES = """format: 1
kind: certificates
jurisdiction: "980111001001"
title: 新城社区证明事项清单
items:
  - id: XC-ZM-A01
    name: 法律援助经济困难证明
    stance: allowed
    legal_basis: [《法律援助法》第四十一条]
"""


def git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of ``python -m qingdan ARGS``, its worker processes included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "NO_COLOR": "1", "QINGDAN_TODAY": "2026-06-01"}
    proc = subprocess.run([sys.executable, "-m", "qingdan", *args], cwd=cwd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"qingdan {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="qingdan-upstream-"))
    province, district = work / "province", work / "district"
    shutil.rmtree(province, ignore_errors=True)
    shutil.rmtree(district, ignore_errors=True)
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(province), "--items", str(args.items)], check=True)
    git(province, "init", "-q")
    git(province, "add", "-A")
    git(province, "commit", "-q", "-m", "province")
    (district / "lists").mkdir(parents=True)
    (district / "lists" / "jurisdictions.yaml").write_text(DISTRICT, encoding="utf-8")
    (district / "lists" / "certificates.yaml").write_text(CERTIFICATES, encoding="utf-8")
    rev = git(province, "rev-parse", "HEAD")
    config = f'[[upstream]]\nname = "示例省"\npath = "../province"\nrev = "{rev}"\n'
    (district / "qingdan.toml").write_text(config, encoding="utf-8")
    own = district / "lists" / "certificates.yaml"
    steps: dict[str, list[tuple[float, float]]] = {"sync": [], "changed": [], "warm": [], "no-cache": []}
    for _ in range(args.runs):
        shutil.rmtree(district / ".qingdan-cache", ignore_errors=True)
        steps["sync"].append(timed(["sync"], district))
        timed(["validate"], district)  # the district's own cache
        os.utime(own)
        steps["changed"].append(timed(["validate"], district))
        steps["warm"].append(timed(["validate"], district))
        steps["no-cache"].append(timed(["validate", "--no-cache"], district))
    print(f"upstream of {args.items:,} items, {args.runs} runs (median wall s / CPU s):")
    for name, values in steps.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"  {name:<9} {wall:6.2f} s  {cpu:6.2f} s CPU")


if __name__ == "__main__":
    main()
