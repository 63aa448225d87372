"""Which files a repository has, what reports call them, and whether they changed (cheap: no parsing)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SUFFIXES = (".yaml", ".yml")
StatKey = tuple[int, int]  # (mtime_ns, size)


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
    """The path as reports name it: relative to the repository root, with forward slashes."""
    here, base = str(path), str(root)
    if not os.path.isabs(here) or not os.path.isabs(base):
        here, base = os.path.abspath(here), os.path.abspath(base)
    if here.startswith(base + os.sep):
        return here[len(base) + 1 :].replace(os.sep, "/")
    rel = os.path.relpath(here, base)
    return rel.replace(os.sep, "/") if not rel.startswith("..") else path.as_posix()


def stat_keys(files: dict[str, Path]) -> dict[str, StatKey]:
    """Name → (mtime_ns, size) of every file: what decides whether a cached result still holds."""
    out = {}
    for name, path in files.items():
        try:
            st = path.stat()
            out[name] = (st.st_mtime_ns, st.st_size)
        except OSError:
            out[name] = (0, -1)
    return out
