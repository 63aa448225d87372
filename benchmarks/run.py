"""Time `qingdan validate` on synthetic list repositories and compare it with check-jsonschema.

    python benchmarks/run.py [--items 10000,100000] [--workdir DIR] [--runs 3] [--skip-reference]

For each size it generates a repository with benchmarks/generate.py (cached under the workdir),
then measures `python -m qingdan validate --format json` run from inside the repository: cold (no
.qingdan-cache), warm with nothing changed, warm with one community file changed, and the peak
memory of a cold run. As a reference it runs check-jsonschema once over the same files. It prints
a Markdown table with the budgets marked PASS/FAIL and writes everything to <workdir>/results.json.
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
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
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
# size -> metric -> upper bound
BUDGETS: dict[int, dict[str, float]] = {
    100_000: {"cold_s": 2.5, "warm_s": 0.3, "one_changed_s": 0.4, "peak_rss_mb": 150},
    1_000_000: {"cold_s": 20},
}
METRIC_LABELS = {
    "cold_s": "cold s",
    "warm_s": "warm s",
    "one_changed_s": "one changed s",
    "peak_rss_mb": "peak RSS MB",
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
        values = [v for v in (self.max_process_mb, self.tree_mb) if v is not None]
        return max(values) if values else None


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

    def metrics(self) -> dict[str, float | None]:
        return {
            "cold_s": self.cold.median,
            "warm_s": self.warm.median,
            "one_changed_s": self.one_changed.median,
            "peak_rss_mb": self.memory.peak_mb,
        }


# --- running processes -------------------------------------------------------------------------


def qingdan_env() -> dict[str, str]:
    """The environment for qingdan: default cache location, and src/ on the path if not installed."""
    env = dict(os.environ)
    env.pop("QINGDAN_CACHE_DIR", None)
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


def clear_cache(repo: Path) -> None:
    shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)


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
    note = f"ruamel.yaml C extension {'present' if clib else 'absent'}; " + tail(
        proc.stdout or proc.stderr, 1
    )
    return Reference(seconds, proc.returncode, note)


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
    warm = series(runs, lambda _i: None, repo, env)
    touched = repo / TOUCHED
    original = touched.read_bytes()
    print(f"[{items}] one file changed ...", flush=True)
    try:
        one_changed = series(runs, append_comment(touched), repo, env)
    finally:
        touched.write_bytes(original)
    reference = Reference(note="skipped (--skip-reference)")
    if not skip_reference:
        print(f"[{items}] check-jsonschema (reference, one run) ...", flush=True)
        reference = run_reference(repo)
    return SizeResult(
        items, str(repo), files, megabytes, generate_s, cold, warm, one_changed, memory, reference
    )


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
        "| items | files | MB | cold s | warm s | one changed s | peak RSS MB | check-jsonschema s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ref = f"{r.reference.seconds:.1f}" if r.reference.seconds is not None else "-"
        rows.append(
            f"| {r.items:,} | {r.files:,} | {r.megabytes:.1f} | {fmt(r.cold.median)} | {fmt(r.warm.median)} "
            f"| {fmt(r.one_changed.median)} | {fmt(r.memory.peak_mb, 0)} | {ref} |"
        )
    return "\n".join(rows)


def budget_lines(results: Sequence[SizeResult]) -> list[dict[str, Any]]:
    verdicts = []
    for r in results:
        for metric, limit in BUDGETS.get(r.items, {}).items():
            value = r.metrics()[metric]
            verdict = "FAIL" if value is None or value > limit else "PASS"
            verdicts.append(
                {"items": r.items, "metric": metric, "limit": limit, "value": value, "verdict": verdict}
            )
    return verdicts


def describe_series(name: str, s: Series) -> str:
    codes = ",".join(str(r.returncode) for r in s.runs)
    times = " ".join(f"{r.seconds:.3f}" for r in s.runs)
    summary = s.runs[-1].summary if s.runs else None
    text = f"  {name:<12} exit {codes}; times {times}; summary {json.dumps(summary, ensure_ascii=False)}"
    failed = next((r for r in s.runs if not r.ok), None)
    if failed:
        text += "\n" + "\n".join(
            "      | " + line for line in (failed.stderr_tail or "(no output)").splitlines()
        )
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


def report(results: Sequence[SizeResult], info: dict[str, Any]) -> str:
    out = [
        f"Machine: {info.get('cpu', '?')}, nproc {info['nproc']}, {info.get('memory_gb', '?')} GB, "
        f"Python {info['python']} ({info['platform']})",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()),
        "",
        table(results),
        "",
        "Budgets:",
    ]
    for b in budget_lines(results):
        value = fmt(b["value"], 0 if b["metric"] == "peak_rss_mb" else 2)
        label = METRIC_LABELS[b["metric"]]
        out.append(f"  {b['verdict']}  {b['items']:,} {label}: {value} (budget ≤ {b['limit']:g})")
    if not any(BUDGETS.get(r.items) for r in results):
        out.append("  (no budget for these sizes; budgets exist for 100,000 and 1,000,000 items)")
    out += ["", "Details:"] + [details(r) for r in results]
    return "\n".join(out)


def to_json(results: Sequence[SizeResult], info: dict[str, Any]) -> dict[str, Any]:
    sizes = []
    for r in results:
        entry = asdict(r)
        entry["medians"] = r.metrics()
        sizes.append(entry)
    return {"machine": info, "sizes": sizes, "budgets": budget_lines(results)}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--items", default="10000,100000", help="comma-separated sizes (default 10000,100000)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "qingdan-bench",
        help="where repositories and results.json go (default: <tmp>/qingdan-bench)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per timed scenario; the median is reported")
    parser.add_argument("--skip-reference", action="store_true", help="do not run check-jsonschema")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.items.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = [bench_size(args.workdir.resolve(), n, args.runs, args.skip_reference) for n in sizes]
    info = machine()
    print()
    print(report(results, info))
    out = args.workdir / "results.json"
    out.write_text(json.dumps(to_json(results, info), ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nresults written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
