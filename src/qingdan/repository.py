"""Discover a list repository's files, check each (in parallel, through the cache) and index the result."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from qingdan import cache
from qingdan.config import Config
from qingdan.document import check_file
from qingdan.jurisdiction import ancestors
from qingdan.model import Department, Entry, FileResult, Header, Jurisdiction
from qingdan.text import key

SUFFIXES = (".yaml", ".yml")
PARALLEL_BYTES = 4 * 1024 * 1024  # below this much uncached YAML, worker start-up costs more than it saves


class Repository:
    """All files of a list repository, checked, with the indexes the rules use."""

    def __init__(self, config: Config, files: list[FileResult], today: date) -> None:
        self.config = config
        self.files = files
        self.today = today
        self.memo: dict[str, Any] = {}  # indexes rules build once and share

    @property
    def root(self) -> Path:
        return self.config.root

    @cached_property
    def entries(self) -> list[Entry]:
        return [e for f in self.files for e in f.entries]

    @cached_property
    def headers(self) -> list[Header]:
        return [f.header for f in self.files if f.header is not None]

    @cached_property
    def jurisdictions(self) -> dict[str, Jurisdiction]:
        out: dict[str, Jurisdiction] = {}
        for f in self.files:
            for j in f.jurisdictions:
                out.setdefault(j.code, j)
        return out

    @cached_property
    def departments(self) -> dict[str, Department]:
        """Normalised name or alias → department."""
        out: dict[str, Department] = {}
        for f in self.files:
            for d in f.departments:
                for name in (d.name, *d.aliases):
                    out.setdefault(key(name), d)
        return out

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for e in self.entries:
            out.setdefault(e.id, e)
        return out

    @cached_property
    def by_place(self) -> dict[tuple[str, str], list[Entry]]:
        """(kind, jurisdiction code) → the entries of every list of that kind there."""
        out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in self.entries:
            out[(e.kind, e.jurisdiction)].append(e)
        return out

    def chain(self, code: str) -> tuple[str, ...]:
        """The code itself, then its ancestors up to the province."""
        return (code, *ancestors(code))

    def name_of(self, code: str) -> str:
        j = self.jurisdictions.get(code)
        return j.name if j else code


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """YAML files below each path (or the path itself), sorted, skipping hidden folders."""
    for path in paths:
        if path.is_file():
            yield path
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(SUFFIXES):
                    yield Path(dirpath) / name


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _check(job: tuple[str, str]) -> FileResult:
    return check_file(Path(job[0]), job[1])


def load(config: Config, files: list[Path], today: date, use_cache: bool = True) -> Repository:
    """Check every file (cached results where the file has not changed) into a Repository."""
    root = config.root
    old = cache.read(root) if use_cache else {}
    old_files: dict[str, tuple[cache.StatKey, FileResult]] = old.get("files", {})
    results: dict[str, FileResult] = {}
    stats: dict[str, cache.StatKey] = {}
    todo: list[tuple[Path, str, int]] = []
    for path in files:
        name = relative(path, root)
        try:
            st = path.stat()
            stat_key = (st.st_mtime_ns, st.st_size)
        except OSError:
            stat_key = (0, -1)
        stats[name] = stat_key
        hit = old_files.get(name)
        if hit is not None and hit[0] == stat_key:
            results[name] = hit[1]
        else:
            todo.append((path, name, stat_key[1]))
    for name, result in _run(todo):
        results[name] = result
    ordered = [results[relative(p, root)] for p in files]
    if use_cache and todo:
        cache.write(root, {"files": {n: (stats[n], results[n]) for n in results}})
    return Repository(config, ordered, today)


def _run(todo: list[tuple[Path, str, int]]) -> Iterator[tuple[str, FileResult]]:
    total = sum(size for _, _, size in todo)
    workers = min(2, os.cpu_count() or 1)
    if total < PARALLEL_BYTES or workers < 2 or len(todo) < 2:
        for path, name, _ in todo:
            yield name, check_file(path, name)
        return
    jobs = sorted(todo, key=lambda t: -t[2])  # largest first keeps both workers busy to the end
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for (_, name, _), result in zip(jobs, pool.map(_check, [(str(p), n) for p, n, _ in jobs], chunksize=4)):
            yield name, result
