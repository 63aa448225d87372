"""A cache of per-file results keyed by path, size and modification time.

A warm run with nothing changed only stats the files and reads this cache; a changed file is parsed
again. The cache is advisory: any problem reading it means a cold run, never a wrong answer.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from qingdan import __version__
from qingdan.files import write_atomic
from qingdan.model import Department, Entry, FileResult, Finding, Header, Jurisdiction, Waiver
from qingdan.paths import MAX_FILE_BYTES, Refused, inside, read_inside

CACHE_DIR = ".qingdan-cache"
FILES = "files.marshal"  # per-file results and rule memos: read when anything changed
REPORT = "report.marshal"  # the last report and its signature: all a run with nothing changed needs
MAX_CACHE_BYTES = 4 * MAX_FILE_BYTES  # per-file results of lists up to the size limit


def cache_dir(root: Path) -> Path:
    env = os.environ.get("QINGDAN_CACHE_DIR")
    return Path(env) if env else root / CACHE_DIR


def _usable(folder: Path, root: Path) -> bool:
    """The repository's own cache folder is used only when it is a real folder inside the repository: a
    ``.qingdan-cache`` symlink (committed in a pull request, say) would make validate write elsewhere.
    A folder named by QINGDAN_CACHE_DIR is the user's choice and may be anywhere."""
    if os.environ.get("QINGDAN_CACHE_DIR"):
        return not folder.is_symlink()
    return not folder.is_symlink() and inside(folder.parent, root)


usable = _usable  # also where upstream stores live (qingdan.upstream.store)


@lru_cache(maxsize=1)
def _stamp() -> str:
    """Changes whenever anything that decides a result may have changed: the qingdan version and every
    module and schema file of the package (loader, schema, rules, configuration, reporters alike), so an
    edited rule or an upgraded qingdan never prints a result from ``.qingdan-cache/``."""
    here = Path(__file__).parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=8)
    for path in sorted([*here.rglob("*.py"), *(here / "schemas").glob("*.json")]):
        try:
            st = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(here).as_posix()}:{st.st_mtime_ns}:{st.st_size}".encode())
    return digest.hexdigest()


def usable_dir(root: Path) -> Path | None:
    """The cache folder of the repository at ``root``, or None when it must not be written (a symlink)."""
    folder = cache_dir(root)
    return folder if _usable(folder, root) else None


def stamp() -> str:
    """The package's stamp (see ``_stamp``), for caches kept by other modules (the Parquet export of query)."""
    return _stamp()


def read(root: Path, name: str = FILES) -> dict[str, Any]:
    folder = cache_dir(root)
    if not _usable(folder, root):
        return {}
    try:
        data = marshal.loads(read_inside(folder / name, None, MAX_CACHE_BYTES))
    except (OSError, EOFError, ValueError, TypeError, Refused):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != _stamp():
        return {}
    return data


def write(root: Path, data: dict[str, Any], name: str = FILES) -> None:
    """Write atomically; a cache that cannot be written is simply not written."""
    target = cache_dir(root)
    if not _usable(target, root):
        return
    try:
        target.mkdir(parents=True, exist_ok=True)
        ignore = target / ".gitignore"
        if not os.path.lexists(ignore):
            write_atomic(ignore, "*\n")
        write_atomic(target / name, marshal.dumps({**data, "stamp": _stamp()}))
    except (OSError, ValueError):
        pass


def read_file(path: Path) -> dict[str, Any]:
    """A cache file anywhere under the cache folder ({} when absent, unreadable or from another qingdan)."""
    try:
        data = marshal.loads(read_inside(path, None, MAX_CACHE_BYTES))
    except (OSError, EOFError, ValueError, TypeError, Refused):
        return {}
    return data if isinstance(data, dict) and data.get("stamp") == _stamp() else {}


def write_file(path: Path, data: dict[str, Any]) -> None:
    try:
        write_atomic(path, marshal.dumps({**data, "stamp": _stamp()}))
    except (OSError, ValueError):
        pass


# marshal (several times faster than pickle here) takes only plain tuples, lists, dicts and scalars.


def finding_to_plain(f: Finding) -> tuple[Any, ...]:
    return (f.rule, f.file, f.line, f.column, f.item, f.key, dict(f.args), f.severity, f.waived)


def finding_from_plain(t: tuple[Any, ...]) -> Finding:
    return Finding(*t)


def result_to_plain(r: FileResult) -> tuple[Any, ...]:
    return (
        r.file,
        r.kind,
        [finding_to_plain(f) for f in r.findings],
        tuple(r.header) if r.header is not None else None,
        [tuple(e[:-1]) + (tuple(map(tuple, e.waivers)),) if e.waivers else tuple(e) for e in r.entries],
        [tuple(j) for j in r.jurisdictions],
        [tuple(d) for d in r.departments],
        list(r.pairs),
        r.unread,
    )


def result_from_plain(t: tuple[Any, ...]) -> FileResult:
    file, kind, findings, header, entries, jurisdictions, departments, pairs, unread = t
    made = tuple(map(Entry._make, entries))
    if any(e.waivers for e in made):
        made = tuple(e._replace(waivers=tuple(Waiver._make(w) for w in e.waivers)) if e.waivers else e for e in made)
    return FileResult(
        file,
        kind,
        tuple(map(finding_from_plain, findings)),
        Header._make(header) if header is not None else None,
        made,
        tuple(map(Jurisdiction._make, jurisdictions)),
        tuple(map(Department._make, departments)),
        tuple(map(tuple, pairs)),
        unread,
    )


def signature(*parts: Any) -> str:
    """A digest of everything a report depends on besides the code (files' stat keys, options)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
