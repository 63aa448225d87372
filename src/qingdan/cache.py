"""A cache of per-file results keyed by path, size and modification time.

A warm run with nothing changed only stats the files and reads this cache; a changed file is parsed
again. The cache is advisory: any problem reading it means a cold run, never a wrong answer.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from qingdan import __version__

CACHE_DIR = ".qingdan-cache"
FILES = "files.pickle"  # per-file results and rule memos: read when anything changed
REPORT = "report.pickle"  # the last report and its signature: all a run with nothing changed needs

StatKey = tuple[int, int]  # (mtime_ns, size)


def cache_dir(root: Path) -> Path:
    env = os.environ.get("QINGDAN_CACHE_DIR")
    return Path(env) if env else root / CACHE_DIR


def _stamp() -> str:
    """Changes whenever the code or schema that produced the cached results may have changed."""
    here = Path(__file__).parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=8)
    for name in ("load.py", "document.py", "schema.py", "model.py", "text.py", "schemas/qingdan.schema.json"):
        try:
            st = (here / name).stat()
            digest.update(f"{name}:{st.st_mtime_ns}:{st.st_size}".encode())
        except OSError:
            pass
    return digest.hexdigest()


def read(root: Path, name: str = FILES) -> dict[str, Any]:
    try:
        with open(cache_dir(root) / name, "rb") as fh:
            data = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != _stamp():
        return {}
    return data


def write(root: Path, data: dict[str, Any], name: str = FILES) -> None:
    """Write atomically; a cache that cannot be written is simply not written."""
    target = cache_dir(root)
    try:
        target.mkdir(parents=True, exist_ok=True)
        ignore = target / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=target, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({**data, "stamp": _stamp()}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target / name)
    except OSError:
        pass


def signature(*parts: Any) -> str:
    """A digest of everything a report depends on besides the code (files' stat keys, options)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
