"""Writing files: the one atomic write every command uses (lists, workbooks, scaffolds, the cache), and the one
transaction the commands that record decisions use (admit, reject, revoke, import).

A file is written to a temporary file in its own folder, flushed to disk and renamed over the target, so a
reader sees the old file or the new one, never half of one. A new file gets the usual permissions
(0666 less the umask, as an editor would create it; ``mkstemp`` alone would make it private to the
writer); a replaced file keeps the permissions it had. Nothing is left behind when a write fails.

Several files cannot be renamed at one instant, so a decision that edits several goes through a
**transaction**: the repository lock (``.qingdan-lock``, holding the writer's process id; the operating system
releases it when that process ends, however it ends), then a **journal** (``.qingdan-journal``) written and
flushed before any list is touched, naming every file's temporary copy and the hard link that keeps its old
content. Renames follow. Until the journal is marked committed, the old state can be put back exactly; after,
only cleaning up is left. The transaction's own rollback (an exception, Ctrl-C, SIGTERM) and the next qingdan
run after a kill (``recover``) both read the journal and finish the job: a repository is never left half
written.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from qingdan.errors import InputError, Interrupted

LOCK_FILE = ".qingdan-lock"
JOURNAL_FILE = ".qingdan-journal"
_JOURNAL_VERSION = 1


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """What an editor gives a new file: 0666 less the umask."""
    return 0o666 & ~_umask()


def new_folder_mode() -> int:
    """What ``mkdir`` gives a new folder: 0777 less the umask."""
    return 0o777 & ~_umask()


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return new_file_mode()


def _fill(fd: int, data: bytes | list[bytes], durable: bool = True) -> None:
    with os.fdopen(fd, "wb") as handle:
        if isinstance(data, list):
            handle.writelines(data)  # in pieces: a cache pack of hundreds of MB is not joined in memory first
        else:
            handle.write(data)
        handle.flush()
        if durable:
            os.fsync(handle.fileno())


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """An OSError without a file name (a write that hit a full disk) names the file being written."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(path)
        raise


def _stage(path: Path, data: bytes | list[bytes], durable: bool = True) -> str:
    """``data`` in a temporary file beside ``path``, flushed (and synced to disk when ``durable``) and with the
    target's permissions."""
    import tempfile  # (with shutil and random: 5 ms of a start that writes nothing)

    with _naming(path):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            _fill(fd, data, durable)
            os.chmod(tmp, _mode(path))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return tmp


def _bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def write_atomic(path: Path, data: bytes | str | list[bytes], *, durable: bool = True) -> None:
    """Write ``data`` (text is UTF-8 with the newlines as given; a list of bytes, its pieces one after the
    other) to ``path``, creating its folder. Not
    ``durable``: not synced to disk first (for caches: after a power cut the file may be empty or old, never
    half of the new one mixed with the old, and a cache that does not read is only a slower run)."""
    if durable:
        write_all({path: data if not isinstance(data, list) else b"".join(data)})
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path, data if isinstance(data, list) else _bytes(data), durable=False)
    try:
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_all(contents: Mapping[Path, bytes | str], *, transaction: Transaction | None = None) -> None:
    """Write several files as nearly together as a file system allows: every file is staged first, then
    all are renamed; if staging any of them fails, none is touched. Inside a ``transaction`` the write is
    journaled: a kill between the renames is rolled back by the next run."""
    if transaction is not None:
        transaction.write_all(contents)
        return
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, _bytes(data)), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


# --- the repository lock -------------------------------------------------------------------------------------

_held: set[Path] = set()  # repositories whose lock this process holds (the lock is re-entrant)


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return text if text.isdigit() else "?"


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - the lock byte; Windows releases it when the process ends
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _open_lock(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags, new_file_mode())
    except OSError as exc:
        if path.is_symlink():
            raise InputError("path-symlink", path=str(path)) from None
        raise InputError("lock-unavailable", path=str(path), detail=exc.strerror or str(exc)) from None


@contextlib.contextmanager
def repository_lock(root: Path) -> Iterator[None]:
    """Hold the repository's lock for the block, or stop with "another qingdan is changing this repository
    (process N)". A lock whose holder has died is free: the operating system dropped it with the process."""
    root = root.resolve()
    if root in _held:
        yield
        return
    path = root / LOCK_FILE
    while True:
        fd = _open_lock(path)
        if not _try_lock(fd):
            holder = _holder(fd)
            os.close(fd)
            raise InputError("repository-locked", pid=holder, path=str(root))
        try:  # the file may have been removed by its last holder between our open and our lock: open again
            same = os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
        except FileNotFoundError:
            same = False
        if same or sys.platform == "win32":
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        _held.add(root)
        yield
    finally:
        _held.discard(root)
        if sys.platform != "win32":  # removed while still locked, so no second holder can appear on the old file
            with contextlib.suppress(OSError):
                os.unlink(path)
        os.close(fd)


def holds_lock(root: Path) -> bool:
    return root.resolve() in _held


# --- signals ---------------------------------------------------------------------------------------------------


def _raise_interrupted(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


def handle_termination() -> None:
    """SIGTERM (a CI job cancelled, a service stopped) unwinds like Ctrl-C: rollbacks and clean-ups run.
    Only in the main thread, and not when SIGTERM was set to be ignored."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _raise_interrupted)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (a rollback is not itself interrupted)."""
    wanted = {getattr(signal, n) for n in ("SIGINT", "SIGTERM") if hasattr(signal, n)}
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():  # pragma: no cover
        yield
        return
    old = mask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


# --- the journal -------------------------------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - folders cannot be opened for fsync there
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _name(path: Path, root: Path) -> str:
    """How the journal names a path: relative to the repository when inside it, else absolute."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _path(name: str, root: Path) -> Path:
    return Path(name) if os.path.isabs(name) else root / name


def _write_journal(root: Path, plan: dict[str, Any]) -> None:
    journal = root / JOURNAL_FILE
    tmp = journal.with_name(JOURNAL_FILE + ".tmp")
    try:
        with _naming(journal):
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), new_file_mode())
            _fill(fd, json.dumps(plan, ensure_ascii=False, indent=1).encode("utf-8"))
            os.replace(tmp, journal)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(root)


def _undo(root: Path, plan: dict[str, Any]) -> None:
    """Put every file back as it was before the journaled write (idempotent: any step may already be done)."""
    for entry in plan["files"]:
        target, new = _path(entry["path"], root), _path(entry["new"], root)
        if entry["old"] is not None:
            old = _path(entry["old"], root)
            if os.path.lexists(old):  # linked before any rename: the target may be replaced or not
                if _same(old, target):  # not replaced yet (and rename() between two links of one file does nothing)
                    os.unlink(old)
                else:
                    os.replace(old, target)
        else:  # the file did not exist: a renamed copy is ours
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(new)
    for name in reversed(plan["folders"]):
        with contextlib.suppress(OSError):
            os.rmdir(_path(name, root))
    for folder in {_path(e["path"], root).parent for e in plan["files"]}:
        _fsync_folder(folder)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samestat(os.stat(a, follow_symlinks=False), os.stat(b, follow_symlinks=False))
    except FileNotFoundError:
        return False


def _finish(root: Path, plan: dict[str, Any]) -> None:
    """After the commit point: only the kept old contents and leftover copies are removed."""
    for entry in plan["files"]:
        for key in ("old", "new"):
            if entry[key] is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(_path(entry[key], root))


def _end(root: Path, plan: dict[str, Any]) -> None:
    (_finish if plan.get("state") == "committed" else _undo)(root, plan)
    (root / JOURNAL_FILE).unlink(missing_ok=True)
    (root / (JOURNAL_FILE + ".tmp")).unlink(missing_ok=True)
    _fsync_folder(root)


def _read_journal(root: Path) -> dict[str, Any] | None:
    journal = root / JOURNAL_FILE
    if journal.is_symlink():
        raise InputError("path-symlink", path=str(journal))
    try:
        plan = json.loads(journal.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError("journal-unreadable", path=str(journal), detail=str(exc)) from None
    if not isinstance(plan, dict) or plan.get("version") != _JOURNAL_VERSION:
        raise InputError("journal-unreadable", path=str(journal), detail="version")
    return plan


def recover(root: Path) -> str | None:
    """Finish a write a killed run left behind: roll back an uncommitted one, clean up a committed one.
    Returns "rolled-back", "completed" or None (nothing to do, or another process is still writing)."""
    root = root.resolve()
    if holds_lock(root) and root in _active:
        return None  # our own transaction is in progress
    leftovers = (JOURNAL_FILE, JOURNAL_FILE + ".tmp", LOCK_FILE)  # a lock file alone: its holder was killed
    if not any(os.path.lexists(root / name) for name in leftovers):
        return None
    try:
        with repository_lock(root):
            plan = _read_journal(root)
            if plan is None:  # killed while the journal itself was written: nothing was touched yet
                (root / (JOURNAL_FILE + ".tmp")).unlink(missing_ok=True)
                return None
            with _signals_held():
                _end(root, plan)
            return "completed" if plan.get("state") == "committed" else "rolled-back"
    except InputError as exc:
        if exc.key == "repository-locked":
            return None  # the writer is alive; it finishes its own journal
        if not any(os.path.lexists(root / name) for name in leftovers[:2]):
            return None  # only a lock file we cannot take (a read-only checkout, a symlink): nothing to finish
        raise


_active: set[Path] = set()  # repositories with a transaction in progress in this process


class Transaction:
    """One journaled write of several files; ``rollback`` puts them back, ``commit`` makes them final."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._plan: dict[str, Any] | None = None

    def write_all(self, contents: Mapping[Path, bytes | str]) -> None:
        if self._plan is not None:
            raise RuntimeError("one journaled write per transaction")
        token = f"{os.getpid()}-{os.urandom(3).hex()}"
        files: list[dict[str, Any]] = []
        folders: list[str] = []
        for path in contents:
            path = path if path.is_absolute() else Path.cwd() / path
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists() and _name(folder, self.root) not in folders:
                    folders.append(_name(folder, self.root))
            existed = os.path.lexists(path)
            files.append(
                {
                    "path": _name(path, self.root),
                    "new": _name(path.with_name(f".{path.name}.{token}.new"), self.root),
                    "old": _name(path.with_name(f".{path.name}.{token}.old"), self.root) if existed else None,
                    "mode": stat.S_IMODE(path.stat().st_mode) if existed else new_file_mode(),
                }
            )
        plan = {"version": _JOURNAL_VERSION, "state": "prepared", "pid": os.getpid(), "files": files}
        plan["folders"] = folders
        _write_journal(self.root, plan)  # from here on, any end — exception, signal, kill — can be undone
        self._plan = plan
        for name in folders:
            with contextlib.suppress(FileExistsError):
                os.mkdir(_path(name, self.root), new_folder_mode())
        for entry, data in zip(files, contents.values(), strict=True):
            new = _path(entry["new"], self.root)
            with _naming(_path(entry["path"], self.root)):
                fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
                _fill(fd, _bytes(data))
                os.chmod(new, entry["mode"])
        for entry in files:  # every old content kept before the first rename
            if entry["old"] is not None:
                _keep(_path(entry["path"], self.root), _path(entry["old"], self.root))
        for entry in files:
            os.replace(_path(entry["new"], self.root), _path(entry["path"], self.root))
        for folder in {_path(e["path"], self.root).parent for e in files}:
            _fsync_folder(folder)

    def rollback(self) -> None:
        if self._plan is not None:
            with _signals_held():
                _end(self.root, self._plan)
            self._plan = None

    def commit(self) -> None:
        if self._plan is not None:
            with _signals_held():
                try:
                    _write_journal(self.root, {**self._plan, "state": "committed"})  # the commit point
                except BaseException:
                    self.rollback()
                    raise
                with contextlib.suppress(OSError):  # the decision stands; the next run finishes cleaning up
                    _end(self.root, {**self._plan, "state": "committed"})
            self._plan = None


def _keep(path: Path, old: Path) -> None:
    """A second name for the current content (a hard link: instant, and the rename leaves it alone); a copy
    where the file system has no hard links."""
    try:
        os.link(path, old)
    except OSError:
        import shutil

        shutil.copy2(path, old)
        fd = os.open(old, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def transaction(root: Path) -> Iterator[Transaction]:
    """The repository lock, an interrupted earlier write finished, and one journaled write: committed when the
    block ends normally, rolled back when it ends by an exception, Ctrl-C or SIGTERM."""
    with repository_lock(root):
        recover(root)
        tx = Transaction(root)
        _active.add(tx.root)
        handle_termination()
        try:
            yield tx
        except BaseException:
            tx.rollback()
            raise
        else:
            tx.commit()
        finally:
            _active.discard(tx.root)
