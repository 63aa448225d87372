"""Writing files: the one atomic write every command uses (lists, workbooks, scaffolds, the cache).

A file is written to a temporary file in its own folder, flushed to disk and renamed over the target, so a
reader sees the old file or the new one, never half of one. A new file gets the usual permissions
(0666 less the umask, as an editor would create it; ``mkstemp`` alone would make it private to the
writer); a replaced file keeps the permissions it had. Nothing is left behind when a write fails.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a temporary file beside ``path``, flushed and with the target's permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(path))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text is UTF-8 with the newlines as given) to ``path``, creating its folder."""
    write_all({path: data})


def write_all(contents: Mapping[Path, bytes | str]) -> None:
    """Write several files as nearly together as a file system allows: every file is staged first, then
    all are renamed; if staging any of them fails, none is touched."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, data.encode("utf-8") if isinstance(data, str) else data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
