"""A cache of per-file results keyed by path, size and modification time.

A warm run with nothing changed only stats the files and reads this cache; a changed file is parsed
again. The cache is advisory: any problem reading it means a cold run, never a wrong answer.
"""

from __future__ import annotations

import marshal
import os
import time
import zlib
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Any

from qingdan import __version__
from qingdan.files import write_atomic
from qingdan.model import Department, Entry, FileResult, Finding, Header, Jurisdiction, Waiver
from qingdan.native import module
from qingdan.paths import MAX_FILE_BYTES, Refused, inside, read_inside

try:  # what hashlib.blake2b is, without hashlib loading OpenSSL first: 3 ms of a warm validate's 60
    from _blake2 import blake2b
except ImportError:  # an interpreter without CPython's built-in blake2
    from hashlib import blake2b

CACHE_DIR = ".qingdan-cache"
FILES = "files.marshal"  # the index of per-file results (in the pack) and validate's state: read when anything changed
PACK = "files-{}.pack"  # per-file results, one marshal blob each, appended to; a new generation when compacted
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
    here = os.path.dirname(os.path.abspath(__file__))
    digest = blake2b(__version__.encode(), digest_size=8)
    names: list[str] = []  # (os.walk and strings: a warm validate's 4.6 → 1.5 ms against rglob and Path objects)
    for folder, _, files in os.walk(here):
        inner = os.path.relpath(folder, here).replace(os.sep, "/")
        wanted = (".py", ".json") if inner == "schemas" else (".py",)
        names.extend(f if inner == "." else f"{inner}/{f}" for f in files if f.endswith(wanted))
    for name in sorted(names):
        try:
            st = os.stat(os.path.join(here, name))
        except OSError:
            continue
        digest.update(f"{name}:{st.st_mtime_ns}:{st.st_size}".encode())
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
        write_atomic(target / name, marshal.dumps({**data, "stamp": _stamp()}), durable=False)
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
        write_atomic(path, marshal.dumps({**data, "stamp": _stamp()}), durable=False)
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
        tuple(r.facts) if r.facts is not None else None,
    )


_ENTRY_WIDTH = len(Entry._fields)
# Entries of the same name (and no aliases) share its text, keys and derived keys (the C builder's ``shared``):
# a province repeats each duty in every community's list, and each file's result is decoded on its own. At
# 1,000,000 items 50,000 names are kept once instead of a million times: the largest process 947 → 681 MiB, at
# the same speed. Emptied past SHARED_NAMES names (a server that reads many repositories).
_SHARED: dict[str, tuple[Any, ...]] = {}
SHARED_NAMES = 200_000
_SHARED_FIELDS = tuple(Entry._fields.index(f) for f in ("name", "aliases", "name", "keys", "cores"))


def result_from_plain(t: tuple[Any, ...]) -> FileResult:
    file, kind, findings, header, entries, jurisdictions, departments, pairs, unread, facts = t
    from qingdan.facts import Facts  # (not on a warm run's path, which reads no file's result)

    native = module("_fastrows")  # (1,000,000 entries: _make takes 1.3 s of the main process)
    if native is None:
        made = tuple(map(Entry._make, entries))
    else:
        if len(_SHARED) > SHARED_NAMES:
            _SHARED.clear()
        made = native.made(Entry, entries, _ENTRY_WIDTH, _SHARED, _SHARED_FIELDS)
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
        facts=Facts._make(facts) if facts is not None else None,
    )


# --- the files cache: an index and a pack of per-file results --------------------------------------------------
#
# files.marshal holds ``files``: name → (stat key, (generation, offset, length, crc32)) and whatever else the
# caller keeps (threshold, validate's state). The blobs live in files-<generation>.pack: a run that changed one
# file appends one blob and rewrites the small index, instead of reading and writing every file's result.
# When more than half of a pack is old blobs, the next write copies the live ones into a new generation and
# removes the old pack. A blob that does not read back (a pack removed by a concurrent run, a power cut) is
# only a file read again.

Ref = tuple[int, int, int, int]  # (generation, offset, length, crc32)


def blobs(root: Path, refs: dict[str, Ref]) -> dict[str, bytes]:
    """The blobs of ``refs`` (name → ref) that read back intact; missing ones are left out."""
    folder = cache_dir(root)
    out: dict[str, bytes] = {}
    if not refs or not _usable(folder, root):
        return out
    by_gen: dict[int, list[tuple[str, Ref]]] = {}
    for name, ref in refs.items():
        by_gen.setdefault(ref[0], []).append((name, ref))
    for gen, wanted in by_gen.items():
        try:
            fd = os.open(folder / PACK.format(gen), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not S_ISREG(st.st_mode):
                continue
            whole = b""
            if sum(ref[2] for _, ref in wanted) * 4 > st.st_size:  # most of the pack: one read, then slices
                whole = _read_all(fd, st.st_size)
            for name, (_, offset, length, crc) in wanted:
                blob = whole[offset : offset + length] if whole else os.pread(fd, length, offset)
                if len(blob) == length and zlib.crc32(blob) == crc:
                    out[name] = blob
        except OSError:
            continue
        finally:
            os.close(fd)
    return out


def _read_all(fd: int, size: int) -> bytes:
    chunks, total = [], 0
    while total < size:
        chunk = os.pread(fd, min(1 << 24, size - total), total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def write_files(
    root: Path, files: dict[str, tuple[Any, Ref | bytes]], old: dict[str, Any], extra: dict[str, Any]
) -> None:
    """Write the files index: ``files`` is name → (stat key, ref of a blob already in the pack, or new bytes).
    New blobs are appended to the pack of ``old`` (the index as read), or all live blobs go to a new pack when
    that one is mostly old blobs or gone."""
    folder = cache_dir(root)
    if not _usable(folder, root):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        gen = old.get("generation")
        pack = folder / PACK.format(gen) if isinstance(gen, int) else None
        size = pack.stat().st_size if pack is not None and pack.is_file() else 0
        live = sum(v[1][2] for v in files.values() if not isinstance(v[1], bytes) and v[1][0] == gen)
        fresh = sum(len(v[1]) for v in files.values() if isinstance(v[1], bytes))
        moved = any(not isinstance(v[1], bytes) and v[1][0] != gen for v in files.values())
        if not isinstance(gen, int) or pack is None or not size or moved or size - live > live + fresh:
            _write_new_pack(root, folder, files, old, extra)
            return
        new = {n: v[1] for n, v in files.items() if isinstance(v[1], bytes)}
        refs = _append(pack, gen, new) if new else {}
        index = {n: (v[0], refs[n] if n in refs else v[1]) for n, v in files.items()}
        write(root, {**extra, "files": index, "generation": gen})
    except (OSError, ValueError):
        pass


def _append(pack: Path, gen: int, new: dict[str, bytes]) -> dict[str, Ref]:
    data = b"".join(new.values())
    fd = os.open(pack, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
    try:
        written = os.write(fd, data)
        if written != len(data):
            raise OSError("short write")
        end = os.lseek(fd, 0, os.SEEK_CUR)  # O_APPEND: where this write ended, even if another run appended too
    finally:
        os.close(fd)
    refs: dict[str, Ref] = {}
    offset = end - len(data)
    for name, blob in new.items():
        refs[name] = (gen, offset, len(blob), zlib.crc32(blob))
        offset += len(blob)
    return refs


def _write_new_pack(
    root: Path, folder: Path, files: dict[str, tuple[Any, Ref | bytes]], old: dict[str, Any], extra: dict[str, Any]
) -> None:
    kept = blobs(root, {n: v[1] for n, v in files.items() if not isinstance(v[1], bytes)})
    gen = int.from_bytes(os.urandom(4), "little")
    parts: list[bytes] = []
    index: dict[str, tuple[Any, Ref]] = {}
    offset = 0
    for name, (stat_key, ref) in files.items():
        blob = ref if isinstance(ref, bytes) else kept.get(name)
        if blob is None:
            continue  # its blob is gone: the file is read again next time
        index[name] = (stat_key, (gen, offset, len(blob), zlib.crc32(blob)))
        parts.append(blob)
        offset += len(blob)
    write_atomic(folder / PACK.format(gen), parts, durable=False)
    write(root, {**extra, "files": index, "generation": gen})
    for stale in folder.glob(PACK.format("*")):
        if stale.name != PACK.format(gen):
            stale.unlink(missing_ok=True)


def result_to_blob(r: FileResult) -> bytes:
    """One file's result as its own marshal bytes: the files cache holds these, and a run decodes only the
    files it needs (an incremental validate reads a few of 1,000)."""
    return marshal.dumps(result_to_plain(r))


def result_from_blob(blob: bytes) -> FileResult:
    return result_from_plain(marshal.loads(blob))


RACY_NS = 2_000_000_000  # a file changed this recently may change again within its time stamp's resolution


def settled(stats: dict[str, Any]) -> dict[str, Any]:
    """The stat keys to keep in a cache: a file modified in the last two seconds gets a size of -1, so no run
    trusts a result kept for it (an edit of the same size within the file system's time resolution would
    otherwise go unseen, as git's "racily clean" entries would)."""
    recent = time.time_ns() - RACY_NS
    if all(key[0] < recent for key in stats.values()):
        return stats
    return {name: key if key[0] < recent else (key[0], -1) for name, key in stats.items()}


def signature(*parts: Any) -> str:
    """A digest of everything a report depends on besides the code (files' stat keys, options)."""
    return blake2b(repr(parts).encode(), digest_size=16).hexdigest()
