"""Time `qingdan validate` on synthetic list repositories and compare it with check-jsonschema.

    python benchmarks/run.py [--items 10000,100000] [--workdir DIR] [--runs 3] [--skip-reference]
                             [--skip-diff | --only-diff] [--build FORMATS]... [--only-build]

For each size it generates a repository with benchmarks/generate.py (cached under the workdir),
then measures `python -m qingdan validate --format json` run from inside the repository: cold (no
.qingdan-cache), warm with nothing changed, warm with one community file changed, and the peak
memory of a cold run. As references it runs check-jsonschema once over the same files, and times the floor
of any YAML tool in Python: iterating libyaml's parser events over the same files, building nothing, in as many
processes as qingdan uses. It prints a Markdown table with both ratios (cold / floor, check-jsonschema / cold)
and the budgets marked PASS/FAIL, and writes everything to <workdir>/results.json.

It also times `python -m qingdan diff v1..BRANCH --format json` on a git copy of each repository
(<workdir>/git-<items>): v1 is the generated data, and two branches on top of it change about 1,000
items, one in the 3 largest duty lists, the other spread over 500 lists (see make_git_repo).
It is a report, not a test: the exit status is 0 whatever the results.
"""

# ruff: noqa: T201  (a command-line script: printing is its output)
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GENERATOR = HERE / "generate.py"
SCHEMA = ROOT / "src" / "qingdan" / "schemas" / "qingdan.schema.json"
CACHE_DIR = ".qingdan-cache"
MARKER = ".bench-generated.json"
TOUCHED = Path("lists") / "duties-980101001001.yaml"  # a community list
QINGDAN = [sys.executable, "-m", "qingdan", "validate", "--format", "json"]
SEED = 1
# size -> metric -> upper bound (the goals of issue 15; those of issue 3 were 2.5 s, 0.3 s, 0.4 s, 150 MB, 20 s, 1 s)
BUDGETS: dict[int, dict[str, float]] = {
    100_000: {"cold_s": 1.3, "warm_s": 0.1, "one_changed_s": 0.4, "peak_rss_mb": 150},
    1_000_000: {"cold_s": 12},
}
DIFF_BUDGETS: dict[int, dict[str, float]] = {100_000: {"diff_3_files_s": 0.5, "diff_500_files_s": 4.0}}
METRIC_LABELS = {
    "cold_s": "cold s",
    "warm_s": "warm s",
    "one_changed_s": "one changed s",
    "peak_rss_mb": "largest process MB",
    "diff_3_files_s": "diff, ~1,000 items in 3 files, s",
    "diff_500_files_s": "diff, ~1,000 items in 500 files, s",
}


@dataclass
class Run:
    """One process run."""

    seconds: float
    returncode: int
    summary: dict[str, Any] | None = None
    stderr_tail: str = ""

    @property
    def ok(self) -> bool:
        # 0 = clean, 1 = findings; both mean the whole repository was checked.
        return self.returncode in (0, 1) and self.summary is not None


@dataclass
class Series:
    """Repeated runs of one scenario; the median counts only when every run worked."""

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        if not self.runs or not all(r.ok for r in self.runs):
            return None
        return statistics.median(r.seconds for r in self.runs)


@dataclass
class Memory:
    max_process_mb: float | None = None  # largest single process (wait4 / time -v)
    tree_mb: float | None = None  # sampled sum of PSS over the process tree
    method: str = ""
    run: Run | None = None

    @property
    def peak_mb(self) -> float | None:
        """The budget's figure: the largest single process, as issue 15 states it (the workers are other
        processes, each below it); the sampled sum of the tree only where the largest could not be read."""
        return self.max_process_mb if self.max_process_mb is not None else self.tree_mb


@dataclass
class Reference:
    seconds: float | None = None
    returncode: int | None = None
    note: str = ""


@dataclass
class SizeResult:
    items: int
    repo: str
    files: int
    megabytes: float
    generate_s: float | None
    cold: Series
    warm: Series
    one_changed: Series
    memory: Memory
    reference: Reference
    floor: Series = field(default_factory=Series)  # libyaml's events over the same files, same processes

    def metrics(self) -> dict[str, float | None]:
        return {
            "cold_s": self.cold.median,
            "warm_s": self.warm.median,
            "one_changed_s": self.one_changed.median,
            "peak_rss_mb": self.memory.peak_mb,
        }


# --- running processes -------------------------------------------------------------------------


def qingdan_env() -> dict[str, str]:
    """The environment for qingdan: default cache location, and src/ on the path if not installed. Python
    writes its bytecode caches as an installed package has them (pip compiles them when it installs): with
    PYTHONDONTWRITEBYTECODE set (some shells and CI images set it) every run would compile qingdan, typer and
    rich from source again, about 0.06 s of every warm run."""
    env = dict(os.environ)
    env.pop("QINGDAN_CACHE_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if importlib.util.find_spec("qingdan") is None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def parse_summary(stdout: str) -> dict[str, Any] | None:
    try:
        summary = json.loads(stdout)["summary"]
    except (ValueError, KeyError, TypeError):
        return None
    return summary if isinstance(summary, dict) else None


def run_qingdan(repo: Path, env: dict[str, str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.run(QINGDAN, cwd=repo, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    return Run(seconds, proc.returncode, parse_summary(proc.stdout), tail(proc.stderr or proc.stdout))


def settle() -> None:
    """Have the kernel write back what earlier steps left in memory (a repository just generated: 530 MB at 1M
    items; the last run's 220 MB cache), so that no timed run shares the disk and a core with that writeback: the
    first cold run at 1M after generating took 14.3 s where the next took 12.8 s."""
    if hasattr(os, "sync"):
        os.sync()


def clear_cache(repo: Path) -> None:
    shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
    settle()


def series(count: int, before: Callable[[int], None], repo: Path, env: dict[str, str]) -> Series:
    """Run qingdan ``count`` times, calling ``before(i)`` before each run."""
    result = Series()
    for i in range(count):
        before(i)
        result.runs.append(run_qingdan(repo, env))
    return result


# --- memory ------------------------------------------------------------------------------------

RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print('Maximum resident set size (kbytes):', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " file=sys.stderr)\n"
    "sys.exit(code)\n"
)
SAMPLE_INTERVAL_S = 0.05
TIME_REPORT_PREFIXES = ("\t", "Command exited with", "Command terminated by", "Maximum resident set")
MAXRSS_RE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def process_memory_kb(pid: int) -> int:
    """Proportional set size (shared pages split between the processes), else resident size."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return int(rollup.split("\nPss:", 1)[1].split()[0])
    except (OSError, IndexError, ValueError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, IndexError, ValueError):
        return 0


def tree_memory_kb(root: int) -> int:
    """Memory of all descendants of ``root`` (not ``root`` itself, the measuring wrapper)."""
    tree = children_map()
    pending, total = list(tree.get(root, [])), 0
    while pending:
        pid = pending.pop()
        pending.extend(tree.get(pid, []))
        total += process_memory_kb(pid)
    return total


def sample_tree(proc: subprocess.Popen[str], peak: list[int]) -> None:
    while proc.poll() is None:
        peak[0] = max(peak[0], tree_memory_kb(proc.pid))
        time.sleep(SAMPLE_INTERVAL_S)


def strip_time_output(stderr: str) -> str:
    """The program's own stderr, without the report of /usr/bin/time -v or the wrapper."""
    own = [line for line in stderr.splitlines() if not line.startswith(TIME_REPORT_PREFIXES)]
    return "\n".join(own)


def measure_memory(repo: Path, env: dict[str, str]) -> Memory:
    """One cold run under /usr/bin/time -v (or a getrusage wrapper), sampling the tree's RSS meanwhile."""
    time_bin = Path("/usr/bin/time")
    if time_bin.exists():
        cmd, method = [str(time_bin), "-v", *QINGDAN], "/usr/bin/time -v"
    else:
        cmd, method = [sys.executable, "-c", RUSAGE_WRAPPER, *QINGDAN], "getrusage(RUSAGE_CHILDREN)"
    clear_cache(repo)
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = None
    if Path("/proc/self/stat").exists():
        sampler = threading.Thread(target=sample_tree, args=(proc, peak), daemon=True)
        sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if sampler:
        sampler.join()
        method += " + /proc tree sampling"
    match = MAXRSS_RE.search(stderr)
    run = Run(seconds, proc.returncode, parse_summary(stdout), tail(strip_time_output(stderr)))
    return Memory(
        max_process_mb=int(match.group(1)) / 1024 if match else None,
        tree_mb=peak[0] / 1024 if peak[0] else None,
        method=method,
        run=run,
    )


# --- reference: check-jsonschema ---------------------------------------------------------------


def ensure_check_jsonschema() -> str:
    """Return "" when check-jsonschema is importable (installing it if needed), else a note why not."""
    if importlib.util.find_spec("check_jsonschema") is not None:
        return ""
    print("check-jsonschema is missing; running pip install check-jsonschema ...", flush=True)
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "check-jsonschema"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    importlib.invalidate_caches()
    if proc.returncode != 0 or importlib.util.find_spec("check_jsonschema") is None:
        return "check-jsonschema could not be installed: " + tail(proc.stderr, 2)
    return ""


def run_reference(repo: Path) -> Reference:
    note = ensure_check_jsonschema()
    if note:
        return Reference(note=note)
    files = sorted(str(p.relative_to(repo)) for p in (repo / "lists").rglob("*.yaml"))
    cmd = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), *files]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    clib = importlib.util.find_spec("_ruamel_yaml") is not None
    note = f"ruamel.yaml C extension {'present' if clib else 'absent'}; " + tail(proc.stdout or proc.stderr, 1)
    return Reference(seconds, proc.returncode, note)


# --- the floor: libyaml's events, nothing built -------------------------------------------------

# What no YAML tool in Python can beat: read every file and iterate libyaml's parser events (PyYAML's CParser),
# building nothing, in as many processes as qingdan uses (its files split by size, largest first).
FLOOR_WORKER = (
    "import sys\n"
    "from yaml._yaml import CParser\n"
    "for path in sys.argv[1:]:\n"
    "    parser = CParser(open(path, 'rb').read())\n"
    "    while parser.get_event() is not None: pass\n"
)


def floor_run(repo: Path, processes: int) -> Run:
    paths = sorted((repo / "lists").rglob("*.yaml"), key=lambda p: -p.stat().st_size)
    shares: list[list[str]] = [[] for _ in range(processes)]
    sizes = [0] * processes
    for path in paths:
        least = sizes.index(min(sizes))
        shares[least].append(str(path))
        sizes[least] += path.stat().st_size
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", FLOOR_WORKER, *share]) for share in shares if share]
    codes = [proc.wait() for proc in procs]
    seconds = time.perf_counter() - start
    return Run(seconds, max(codes), {"files": len(paths)} if not any(codes) else None)


def floor_series(repo: Path, runs: int) -> Series:
    return Series([floor_run(repo, min(2, os.cpu_count() or 1)) for _ in range(runs)])


# --- repositories ------------------------------------------------------------------------------


def generator_key(items: int) -> dict[str, Any]:
    digest = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]
    return {"items": items, "seed": SEED, "generator": digest}


def ensure_repo(workdir: Path, items: int) -> tuple[Path, float | None]:
    """The cached repository for ``items``, generated when missing or made by another generator."""
    repo = workdir / f"repo-{items}"
    marker = repo / MARKER
    key = generator_key(items)
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == key:
        return repo, None
    shutil.rmtree(repo, ignore_errors=True)
    staging = workdir / f"repo-{items}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    print(f"generating {items} items in {repo} ...", flush=True)
    start = time.perf_counter()
    cmd = [sys.executable, str(GENERATOR), str(staging), "--items", str(items), "--seed", str(SEED)]
    subprocess.run(cmd, check=True)
    seconds = time.perf_counter() - start
    (staging / MARKER).write_text(json.dumps(key), encoding="utf-8")
    staging.rename(repo)
    return repo, seconds


def repo_size(repo: Path) -> tuple[int, float]:
    files = list((repo / "lists").rglob("*.yaml"))
    return len(files), sum(f.stat().st_size for f in files) / 1e6


# --- qingdan build (issue 5) ---------------------------------------------------------------------

# seconds at 100k items, 2 cores, warm (the validate cache present, as after a CI validate step); html, xlsx: issue 15
BUILD_BUDGETS: dict[str, float] = {"html": 5.0, "xlsx": 15.0, "html,xlsx": 60.0, "pdf": 180.0, "docx": 60.0}


@dataclass
class BuildResult:
    items: int
    formats: str
    cold: Series  # no .qingdan-cache: validation reads every file
    warm: Series  # validation answered from the cache, as after a CI validate step
    files: int = 0
    megabytes: float = 0.0


def bench_build(workdir: Path, items: int, runs: int, formats: str) -> BuildResult:
    """Time ``qingdan build --only FORMATS`` into <workdir>/build-<items>: once cold, then ``runs`` times warm."""
    repo, _ = ensure_repo(workdir, items)
    out = workdir / f"build-{items}"
    cmd = [sys.executable, "-m", "qingdan", "build", "--only", formats, "--out", str(out)]
    env = qingdan_env()

    def ok(stdout: str) -> dict[str, Any] | None:
        return {"stdout": stdout} if stdout.strip() else None

    shutil.rmtree(out, ignore_errors=True)  # what an earlier run published (another format) is not carried over
    clear_cache(repo)
    print(f"build {formats}, {items} items, cold ...", flush=True)
    cold = Series([run_command(cmd, repo, env, ok)])
    warm = Series()
    for i in range(runs):
        print(f"build {formats}, {items} items, warm run {i + 1}/{runs} ...", flush=True)
        warm.runs.append(run_command(cmd, repo, env, ok))
    files = [p for p in out.rglob("*") if p.is_file()]
    return BuildResult(items, formats, cold, warm, len(files), sum(p.stat().st_size for p in files) / 1e6)


def build_table(builds: Sequence[BuildResult]) -> str:
    lines = [
        "| items | formats | cold s | warm s (median) | files | MB | budget |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for b in builds:
        limit = BUILD_BUDGETS.get(b.formats) if b.items == 100_000 else None
        mark = (
            ""
            if limit is None or b.warm.median is None
            else (f"≤ {limit:.0f} s {'PASS' if b.warm.median <= limit else 'FAIL'}")
        )
        lines.append(
            f"| {b.items:,} | {b.formats} | {fmt(b.cold.median)} | {fmt(b.warm.median)} | {b.files:,} "
            f"| {b.megabytes:.1f} | {mark} |"
        )
    return "\n".join(lines)


# --- one size ----------------------------------------------------------------------------------


def append_comment(path: Path) -> Callable[[int], None]:
    def touch(i: int) -> None:
        with path.open("a", encoding="utf-8") as f:
            f.write(f"# benchmark change {i} {time.time_ns()}\n")

    return touch


def bench_size(workdir: Path, items: int, runs: int, skip_reference: bool) -> SizeResult:
    repo, generate_s = ensure_repo(workdir, items)
    files, megabytes = repo_size(repo)
    env = qingdan_env()
    print(f"[{items}] cold ...", flush=True)
    cold = series(runs, lambda _i: clear_cache(repo), repo, env)
    print(f"[{items}] peak memory ...", flush=True)
    memory = measure_memory(repo, env)
    print(f"[{items}] warm ...", flush=True)
    if not (repo / CACHE_DIR).exists():
        run_qingdan(repo, env)  # make sure a cache exists if qingdan keeps it elsewhere on the first run
    settle()  # the memory run's cache (240 MB at 1M) written back before the warm runs time a read of it
    warm = series(runs, lambda _i: None, repo, env)
    touched = repo / TOUCHED
    original = touched.read_bytes()
    print(f"[{items}] one file changed ...", flush=True)
    try:
        one_changed = series(runs, append_comment(touched), repo, env)
    finally:
        touched.write_bytes(original)
    print(f"[{items}] libyaml events (the floor) ...", flush=True)
    settle()
    floor = floor_series(repo, runs)
    reference = Reference(note="skipped (--skip-reference)")
    if not skip_reference:
        print(f"[{items}] check-jsonschema (reference, one run) ...", flush=True)
        reference = run_reference(repo)
    return SizeResult(items, str(repo), files, megabytes, generate_s, cold, warm, one_changed, memory, reference, floor)


# --- diff: a git copy with two edited branches -------------------------------------------------

DIFF_BASE = "v1"
GIT_MARKER = "bench-diff.json"  # inside .git, so it is not part of any commit
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "qingdan benchmark",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00+0000",
    "GIT_COMMITTER_NAME": "qingdan benchmark",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00+0000",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
ITEM_START = re.compile(r"(?m)^(?=  - id: )")
ID_LINE = re.compile(r"(?m)^(  - id: )(\S+)$")
NAME_LINE = re.compile(r"(?m)^(    name: )(.+)$")
TEXT_LINE = re.compile(r"(?m)^(    (?:content|notes): )(.+)$")
REVISED = "根据2024年新规定调整工作要求。"
# share of the edits that are not plain modifications (the rest change content/notes)
EDIT_MIX = {"renamed": 0.04, "removed": 0.03, "added": 0.03}


@dataclass(frozen=True)
class DiffScenario:
    metric: str
    branch: str
    label: str
    files: int
    per_file: int  # edited items per file (at most half the file's items)
    largest: bool  # the largest duty lists, else a seeded sample of them


SCENARIOS = (
    DiffScenario("diff_3_files_s", "three-files", "3 files", 3, 333, largest=True),
    DiffScenario("diff_500_files_s", "five-hundred", "500 files", 500, 2, largest=False),
)


@dataclass
class DiffResult:
    items: int
    scenario: str
    metric: str
    revisions: str
    files_changed: int
    megabytes_changed: float  # size of the changed files in v1: what qingdan diff parses on each side
    expected: dict[str, int]  # change type -> count, from the edits made
    qingdan: Series
    git_stat: Series

    @property
    def reported(self) -> dict[str, Any] | None:
        return self.qingdan.runs[-1].summary if self.qingdan.runs else None

    @property
    def counts_match(self) -> bool:
        return self.reported == self.expected


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return proc.stdout


def edit_mix(count: int) -> list[str]:
    ops = [op for op, share in EDIT_MIX.items() for _ in range(round(count * share))]
    return ops + ["modified"] * (count - len(ops))


def plan_edits(repo: Path, scenario: DiffScenario) -> dict[str, dict[int, str]]:
    """file (relative to the repo) -> item index -> edit; seeded, so the same for every run."""
    rng = random.Random(f"{SEED}-{scenario.branch}")
    duties = sorted((repo / "lists").glob("duties-*.yaml"))
    if scenario.largest:
        chosen = sorted(duties, key=lambda p: (-p.stat().st_size, p.name))[: scenario.files]
    else:
        chosen = rng.sample(duties, min(scenario.files, len(duties)))
    slots: list[tuple[str, int]] = []
    for path in sorted(chosen):
        count = len(ITEM_START.findall(path.read_text(encoding="utf-8")))
        picked = rng.sample(range(count), min(scenario.per_file, count // 2))
        slots += [(str(path.relative_to(repo)), i) for i in sorted(picked)]
    ops = edit_mix(len(slots))
    rng.shuffle(ops)
    plan: dict[str, dict[int, str]] = {}
    for (name, index), op in zip(slots, ops, strict=True):
        plan.setdefault(name, {})[index] = op
    return plan


def replace_once(pattern: re.Pattern[str], repl: str, block: str) -> str:
    new, n = pattern.subn(repl, block, count=1)
    if n != 1:
        raise ValueError(f"no {pattern.pattern!r} in item:\n{block}")
    return new


def added_copy(block: str, serial: int) -> str:
    """A new item after ``block``: its copy under a fresh id (same prefix, serial 9xxxx) and name."""
    old_id = ID_LINE.search(block)
    if old_id is None:
        raise ValueError(f"no id in item:\n{block}")
    new_id = f"{old_id.group(2).rsplit('-', 1)[0]}-{90000 + serial}"
    copy = replace_once(ID_LINE, rf"\g<1>{new_id}", block)
    return replace_once(NAME_LINE, rf"\g<1>\g<2>（2024年新增第{serial}项）", copy)


def apply_edits(text: str, edits: dict[int, str]) -> str:
    """Edit a duties file as text: the YAML stays block-style and valid."""
    head, *blocks = ITEM_START.split(text)
    out, serial = [head], 0
    for index, block in enumerate(blocks):
        op = edits.get(index)
        if op == "removed":
            continue
        if op == "modified":
            block = replace_once(TEXT_LINE, rf"\g<1>\g<2>{REVISED}", block)
        elif op == "renamed":
            block = replace_once(NAME_LINE, r"\g<1>\g<2>（2024年调整）", block)
        out.append(block)
        if op == "added":
            serial += 1
            out.append(added_copy(block, serial))
    return "".join(out)


def make_branch(repo: Path, scenario: DiffScenario) -> dict[str, Any]:
    git(repo, "checkout", "-q", "-b", scenario.branch, DIFF_BASE)
    plan = plan_edits(repo, scenario)
    megabytes = sum((repo / name).stat().st_size for name in plan) / 1e6
    for name, edits in plan.items():
        path = repo / name
        path.write_text(apply_edits(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", f"benchmark: edit {sum(map(len, plan.values()))} items")
    git(repo, "checkout", "-q", DIFF_BASE)
    expected = Counter(op for edits in plan.values() for op in edits.values())
    return {"files": len(plan), "megabytes": round(megabytes, 1), "expected": dict(sorted(expected.items()))}


def diff_key(items: int) -> dict[str, Any]:
    """Rebuild the git copy when the data or this script (the edits) change."""
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return {**generator_key(items), "run.py": digest}


def make_git_repo(workdir: Path, items: int, source: Path) -> tuple[Path, dict[str, Any]]:
    """<workdir>/git-<items>: the generated repository committed as v1, plus one branch per scenario.

    Returns the repository and its marker: {"key": ..., "setup_s": ..., "branches": {branch: {files, expected}}}.
    """
    repo = workdir / f"git-{items}"
    marker = repo / ".git" / GIT_MARKER
    key = diff_key(items)
    if marker.exists():
        cached = json.loads(marker.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            return repo, cached
    shutil.rmtree(repo, ignore_errors=True)
    staging = workdir / f"git-{items}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    print(f"making the git copy {repo} for diff ...", flush=True)
    start = time.perf_counter()
    shutil.copytree(source, staging, ignore=shutil.ignore_patterns(MARKER, CACHE_DIR))
    git(staging, "init", "-q")
    git(staging, "symbolic-ref", "HEAD", f"refs/heads/{DIFF_BASE}")
    git(staging, "add", "-A")
    git(staging, "commit", "-q", "-m", "v1: generated by benchmarks/generate.py")
    branches = {s.branch: make_branch(staging, s) for s in SCENARIOS}
    info = {"key": key, "setup_s": round(time.perf_counter() - start, 1), "branches": branches}
    (staging / ".git" / GIT_MARKER).write_text(json.dumps(info), encoding="utf-8")
    staging.rename(repo)
    return repo, info


# --- diff: timing ------------------------------------------------------------------------------


def change_counts(stdout: str) -> dict[str, Any] | None:
    try:
        changes = json.loads(stdout)["changes"]
    except (ValueError, KeyError, TypeError):
        return None
    return dict(sorted(Counter(str(c.get("type")) for c in changes).items())) if isinstance(changes, list) else None


def run_command(cmd: list[str], repo: Path, env: dict[str, str], parse: Callable[[str], dict[str, Any] | None]) -> Run:
    """One run; its summary is None unless it exited 0 and ``parse`` understood the output."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    summary = parse(proc.stdout) if proc.returncode == 0 else None
    return Run(seconds, proc.returncode, summary, tail(proc.stderr or proc.stdout))


def stat_summary(stdout: str) -> dict[str, Any]:
    return {"last_line": tail(stdout, 1)}


def bench_diff(workdir: Path, items: int, runs: int) -> list[DiffResult]:
    source, _ = ensure_repo(workdir, items)
    repo, info = make_git_repo(workdir, items, source)
    env = qingdan_env()
    results = []
    for s in SCENARIOS:
        revisions = f"{DIFF_BASE}..{s.branch}"
        print(f"[{items}] diff {revisions} ({s.label}) ...", flush=True)
        qingdan = [sys.executable, "-m", "qingdan", "diff", revisions, "--format", "json"]
        timed = Series([run_command(qingdan, repo, env, change_counts) for _ in range(runs)])
        stat = ["git", "diff", "--stat", revisions]
        git_stat = Series([run_command(stat, repo, env, stat_summary) for _ in range(runs)])
        branch = info["branches"][s.branch]
        results.append(
            DiffResult(
                items,
                s.label,
                s.metric,
                revisions,
                branch["files"],
                branch["megabytes"],
                branch["expected"],
                timed,
                git_stat,
            )
        )
    return results


# --- report ------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    if hasattr(os, "sched_getaffinity"):
        info["usable_cpus"] = len(os.sched_getaffinity(0))
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        info["memory_gb"] = round(total_kb / 1024 / 1024, 1)
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = re.findall(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        info["cpu"] = models[0] if models else ""
    info["packages"] = package_versions()
    return info


def package_versions() -> dict[str, str]:
    versions = {}
    for name in ("qingdan", "PyYAML", "jsonschema-rs", "check-jsonschema", "ruamel.yaml", "ruamel.yaml.clib"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions


def fmt(value: float | None, digits: int = 2, missing: str = "fail") -> str:
    return missing if value is None else f"{value:.{digits}f}"


def table(results: Sequence[SizeResult]) -> str:
    rows = [
        "| items | files | MB | cold s | warm s | one changed s | largest process MB | libyaml floor s | cold / floor "
        "| check-jsonschema s | check-jsonschema / cold |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ref = f"{r.reference.seconds:.1f}" if r.reference.seconds is not None else "-"
        cold, floor = r.cold.median, r.floor.median
        over_floor = f"{cold / floor:.1f}×" if cold and floor else "-"
        reference_ratio = f"{r.reference.seconds / cold:.0f}×" if cold and r.reference.seconds else "-"
        rows.append(
            f"| {r.items:,} | {r.files:,} | {r.megabytes:.1f} | {fmt(cold)} | {fmt(r.warm.median)} "
            f"| {fmt(r.one_changed.median)} | {fmt(r.memory.peak_mb, 0)} | {fmt(floor)} | {over_floor} | {ref} "
            f"| {reference_ratio} |"
        )
    return "\n".join(rows)


def verdict(items: int, metric: str, limit: float, value: float | None) -> dict[str, Any]:
    status = "FAIL" if value is None or value > limit else "PASS"
    return {"items": items, "metric": metric, "limit": limit, "value": value, "verdict": status}


def budget_lines(results: Sequence[SizeResult], diffs: Sequence[DiffResult] = ()) -> list[dict[str, Any]]:
    verdicts = [
        verdict(r.items, metric, limit, r.metrics()[metric])
        for r in results
        for metric, limit in BUDGETS.get(r.items, {}).items()
    ]
    for d in diffs:
        limit = DIFF_BUDGETS.get(d.items, {}).get(d.metric)
        if limit is not None:
            verdicts.append(verdict(d.items, d.metric, limit, d.qingdan.median))
    return verdicts


def diff_table(diffs: Sequence[DiffResult]) -> str:
    rows = [
        "| items | diff | files changed | MB changed | changes made | changes reported | qingdan diff s "
        "| git diff --stat s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for d in diffs:
        reported = sum(d.reported.values()) if d.reported else None
        shown = "-" if reported is None else f"{reported:,}" + ("" if d.counts_match else " (MISMATCH)")
        rows.append(
            f"| {d.items:,} | {d.revisions} ({d.scenario}) | {d.files_changed:,} | {d.megabytes_changed:.1f} "
            f"| {sum(d.expected.values()):,} "
            f"| {shown} | {fmt(d.qingdan.median)} | {fmt(d.git_stat.median, 3)} |"
        )
    return "\n".join(rows)


def diff_details(d: DiffResult) -> str:
    made = json.dumps(d.expected, ensure_ascii=False)
    lines = [
        f"{d.items:,} items, qingdan diff {d.revisions} ({d.files_changed} files changed): edits made {made}",
        describe_series("qingdan diff", d.qingdan),
        describe_series("git --stat", d.git_stat),
    ]
    if d.reported is not None and not d.counts_match:
        lines.append("  MISMATCH: the change types reported differ from the edits made")
    return "\n".join(lines)


def describe_series(name: str, s: Series) -> str:
    codes = ",".join(str(r.returncode) for r in s.runs)
    times = " ".join(f"{r.seconds:.3f}" for r in s.runs)
    summary = s.runs[-1].summary if s.runs else None
    text = f"  {name:<12} exit {codes}; times {times}; summary {json.dumps(summary, ensure_ascii=False)}"
    failed = next((r for r in s.runs if not r.ok), None)
    if failed:
        text += "\n" + "\n".join("      | " + line for line in (failed.stderr_tail or "(no output)").splitlines())
    return text


def details(r: SizeResult) -> str:
    lines = [
        f"{r.items:,} items ({r.repo}; generated in {fmt(r.generate_s, 1)} s)"
        if r.generate_s
        else f"{r.items:,} items ({r.repo}; cached)"
    ]
    lines += [
        describe_series("cold", r.cold),
        describe_series("warm", r.warm),
        describe_series("one changed", r.one_changed),
    ]
    if r.memory.run:
        lines.append(describe_series("memory run", Series([r.memory.run])))
    lines.append(
        f"  memory: largest process {fmt(r.memory.max_process_mb, 0, '-')} MB, process tree (sampled) "
        f"{fmt(r.memory.tree_mb, 0, '-')} MB PSS via {r.memory.method}"
    )
    ref = r.reference
    lines.append(
        f"  check-jsonschema: {fmt(ref.seconds, 1) if ref.seconds is not None else '-'} s, "
        f"exit {ref.returncode}; {ref.note}"
    )
    return "\n".join(lines)


def report(results: Sequence[SizeResult], diffs: Sequence[DiffResult], info: dict[str, Any]) -> str:
    out = [
        f"Machine: {info.get('cpu', '?')}, nproc {info['nproc']}, {info.get('memory_gb', '?')} GB, "
        f"Python {info['python']} ({info['platform']})",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()),
    ]
    if results:
        out += ["", table(results)]
    if diffs:
        out += ["", diff_table(diffs)]
    out += ["", "Budgets:"]
    for b in budget_lines(results, diffs):
        value = fmt(b["value"], 0 if b["metric"] == "peak_rss_mb" else 2)
        label = METRIC_LABELS[b["metric"]]
        out.append(f"  {b['verdict']}  {b['items']:,} {label}: {value} (budget ≤ {b['limit']:g})")
    sizes = {r.items for r in results} | {d.items for d in diffs}
    if not any(BUDGETS.get(n) or DIFF_BUDGETS.get(n) for n in sizes):
        out.append("  (no budget for these sizes; budgets exist for 100,000 and 1,000,000 items)")
    out += ["", "Details:"] + [details(r) for r in results] + [diff_details(d) for d in diffs]
    return "\n".join(out)


def to_json(results: Sequence[SizeResult], diffs: Sequence[DiffResult], info: dict[str, Any]) -> dict[str, Any]:
    sizes = []
    for r in results:
        entry = asdict(r)
        entry["medians"] = r.metrics()
        sizes.append(entry)
    diff_entries = []
    for d in diffs:
        entry = asdict(d)
        entry.update(
            median_s=d.qingdan.median,
            git_stat_median_s=d.git_stat.median,
            reported=d.reported,
            counts_match=d.counts_match,
        )
        diff_entries.append(entry)
    return {"machine": info, "sizes": sizes, "diffs": diff_entries, "budgets": budget_lines(results, diffs)}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", default="10000,100000", help="comma-separated sizes (default 10000,100000)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "qingdan-bench",
        help="where repositories and results.json go (default: <tmp>/qingdan-bench)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per timed scenario; the median is reported")
    parser.add_argument("--skip-reference", action="store_true", help="do not run check-jsonschema")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--skip-diff", action="store_true", help="do not time qingdan diff")
    only.add_argument("--only-diff", action="store_true", help="time only qingdan diff, not validate")
    parser.add_argument(
        "--build",
        action="append",
        default=[],
        metavar="FORMATS",
        help="also time qingdan build --only FORMATS (repeatable, e.g. html,xlsx or pdf)",
    )
    parser.add_argument("--only-build", action="store_true", help="time only qingdan build (needs --build)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.items.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir.resolve()
    skip = args.only_build
    results = [] if args.only_diff or skip else [bench_size(workdir, n, args.runs, args.skip_reference) for n in sizes]
    diffs = [] if args.skip_diff or skip else [d for n in sizes for d in bench_diff(workdir, n, args.runs)]
    builds = [bench_build(workdir, n, args.runs, f) for n in sizes for f in args.build]
    info = machine()
    print()
    print(report(results, diffs, info))
    if builds:
        print("\n" + build_table(builds))
    out = args.workdir / "results.json"
    data = to_json(results, diffs, info)
    data["builds"] = [
        {
            "items": b.items,
            "formats": b.formats,
            "cold_s": b.cold.median,
            "warm_s": b.warm.median,
            "files": b.files,
            "megabytes": round(b.megabytes, 1),
            "errors": [r.stderr_tail for r in (*b.cold.runs, *b.warm.runs) if not r.ok],
        }
        for b in builds
    ]
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nresults written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
