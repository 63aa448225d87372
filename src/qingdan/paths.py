"""Which files a repository has, what reports call them, and whether they changed (cheap: no parsing); and the
repository's boundary: what qingdan agrees to read and where it agrees to write.

The boundary: a repository file is read only if it resolves inside the repository (a symlink in ``lists/`` to
``/etc/passwd`` or to a colleague's home is refused, so a pull request cannot make CI publish other files) and
is a regular file (a FIFO would block, ``/dev/zero`` never ends, a socket cannot be read); and never more than
the size limit, counted in bytes actually read. Output folders qingdan replaces must not be symlinks.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from qingdan.errors import InputError, UsageError

SUFFIXES = (".yaml", ".yml")
StatKey = tuple[int, int]  # (mtime_ns, size)
MAX_FILE_BYTES = 200 * 1024 * 1024  # a province's lists are about 20 MB; anything this large is a mistake


class Refused(InputError):
    """A file qingdan does not read: outside the repository, not a regular file, or over the size limit.
    Validate reports it as a finding on that file; elsewhere it stops the command (exit 2), naming the path."""


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (every symlink followed) is ``root`` or below it."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return False
    return True


_KINDS = (
    (stat.S_ISDIR, "word-file-folder"),
    (stat.S_ISFIFO, "word-file-fifo"),
    (stat.S_ISSOCK, "word-file-socket"),
    (stat.S_ISCHR, "word-file-device"),
    (stat.S_ISBLK, "word-file-device"),
)


def _what(mode: int) -> str:
    return next((word for test, word in _KINDS if test(mode)), "word-file-special")


def read_inside(path: Path, root: Path | None, limit: int = MAX_FILE_BYTES, *, shown: str | None = None) -> bytes:
    """The bytes of ``path``: a regular file inside ``root`` (``root`` None: anywhere, for a file the user
    names, such as a table to import), at most ``limit`` bytes, counted as they are read. ``shown`` is how
    messages name the file (default: the path as given)."""
    name = shown or str(path)
    if root is not None and not inside(path, root):
        raise Refused("file-outside", path=name, target=os.path.realpath(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        st = os.stat(path)  # no open() for a FIFO or a device: opening some of them blocks or has effects
    except OSError as exc:
        raise Refused("file-unreadable-path", path=name, detail=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise Refused("file-not-regular", path=name, what=_what(st.st_mode))
    if st.st_size > limit:
        raise Refused("file-too-large", path=name, size=_mib(st.st_size), limit=_mib(limit))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Refused("file-unreadable-path", path=name, detail=exc.strerror or str(exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the stat and the open
            raise Refused("file-not-regular", path=name, what=_what(os.fstat(fd).st_mode))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while read (or a size the file system did not tell): stop here
                raise Refused("file-too-large", path=name, size=f">{_mib(limit)}", limit=_mib(limit))
    except OSError as exc:
        raise Refused("file-unreadable-path", path=name, detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def require_file(path: Path) -> None:
    """A path the user named as a file: missing, a folder or a special file each get their own message."""
    if not os.path.lexists(path):
        raise UsageError("path-missing", path=str(path))
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:  # a dangling symlink, a folder without permission
        raise UsageError("file-unreadable-path", path=str(path), detail=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(mode):
        raise UsageError("path-is-folder", path=str(path))
    if not stat.S_ISREG(mode):
        raise UsageError("file-not-regular", path=str(path), what=_what(mode))


def _mib(size: int) -> float:
    return round(size / 2**20, 1)


def check_output_folder(path: Path, root: Path | None = None) -> None:
    """A folder qingdan will write into or replace: not a symlink (it would be replaced by a folder, or written
    through to wherever it points), not a file, and — when ``root`` is given and the folder is meant to be in
    the repository — inside it."""
    if path.is_symlink():
        raise UsageError("output-symlink", path=str(path), target=os.path.realpath(path))
    if path.exists() and not path.is_dir():
        raise UsageError("output-not-folder", path=str(path))
    if root is not None:  # the folder, or the nearest part of its path that exists yet
        existing = next((p for p in (path, *path.parents) if os.path.lexists(p)), path)
        if not inside(existing, root):
            raise UsageError("output-outside", path=str(path), root=str(root))


# Names Windows keeps for devices, with or without an extension: a file "con.html" or "nul.xlsx" cannot be
# opened or copied there (a list saved as lists/…/con.yaml is a real possibility: 村 abbreviations, pinyin).
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?", re.IGNORECASE)
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def windows_safe(name: str) -> str:
    """``name`` (one path component) as a file name every Windows can open: a reserved device name gets a
    ``_`` (``con.html`` → ``con_.html``), characters Windows forbids become ``_``, and trailing dots and
    spaces (which Windows drops) go. Other names are returned unchanged."""
    name = _WINDOWS_FORBIDDEN.sub("_", name).rstrip(". ") or "_"
    match = _RESERVED.fullmatch(name)
    if match:
        stem, extension = match.group(1), match.group(2) or ""
        name = f"{stem}_{extension}"
    return name


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """YAML files below each path (or the path itself), sorted, skipping hidden folders."""
    for path in paths:
        if path.is_file():
            yield path
            continue
        for folder, names in _folders(path):
            for name in names:
                yield folder / name


def listed(folder: Path, root: Path) -> dict[str, str]:
    """``{relative(p, root): str(p) for p in discover([folder])}``, each folder's name worked out once rather than
    each file's, and no Path made for a file (a warm validate of 1,125 files stats them and is done: 3 ms less for
    the names, 5 ms less for the Paths). ``Scope.paths()`` makes the Paths when the files are read."""
    if folder.is_file():
        return {relative(folder, root): str(folder)}
    out: dict[str, str] = {}
    for here, names in _folders(folder):
        name = relative(here, root)
        prefix = "" if name == "." else name + "/"
        base = os.path.join(here, "")
        for file in names:
            out[prefix + file] = base + file
    return out


def _folders(top: Path) -> Iterator[tuple[Path, list[str]]]:
    """Each folder below ``top`` (hidden ones skipped), sorted, with its YAML files' names, sorted."""
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        yield Path(dirpath), sorted(n for n in filenames if n.endswith(SUFFIXES))  # (one Path per folder)


def relative(path: Path, root: Path) -> str:
    """The path as reports name it: relative to the repository root, with forward slashes."""
    here, base = str(path), str(root)
    if not os.path.isabs(here) or not os.path.isabs(base):
        here, base = os.path.abspath(here), os.path.abspath(base)
    if here.startswith(base + os.sep):
        return here[len(base) + 1 :].replace(os.sep, "/")
    rel = os.path.relpath(here, base)
    return rel.replace(os.sep, "/") if not rel.startswith("..") else path.as_posix()


def stat_keys(files: Mapping[str, str | Path]) -> dict[str, StatKey]:
    """Name → (mtime_ns, size) of every file: what decides whether a cached result still holds."""
    out = {}
    for name, path in files.items():
        try:
            st = os.stat(path)
            out[name] = (st.st_mtime_ns, st.st_size)
        except OSError:
            out[name] = (0, -1)
    return out
