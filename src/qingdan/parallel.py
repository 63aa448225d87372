"""Run a function over many jobs on both cores when there is enough work to pay for the processes.

The worker processes never outlive the command: they ignore Ctrl-C (the main process handles it once and
stops them, so there is one message and no tracebacks), they are terminated when the main process stops
for any reason it can see, and on Linux the kernel kills them when the main process dies (even by SIGKILL).
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

PARALLEL_BYTES = 4 * 1024 * 1024  # below this much work, starting processes costs more than it saves
WORKERS = 2
_PR_SET_PDEATHSIG = 1


def _worker_start(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: terminate() still stops us
            pass
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def run(function: Callable[[Job], Result], jobs: list[Job], sizes: list[int]) -> Iterator[tuple[Job, Result]]:
    """(job, result) pairs; in 2 processes, largest jobs first, when the sizes add up to enough work.
    ``function`` must be a module-level function (it is sent to the worker processes by name)."""
    workers = min(WORKERS, os.cpu_count() or 1)
    if sum(sizes) < PARALLEL_BYTES or workers < 2 or len(jobs) < 2:
        for job in jobs:
            yield job, function(job)
        return
    order = sorted(range(len(jobs)), key=lambda i: -sizes[i])  # largest first keeps both busy to the end
    ordered = [jobs[i] for i in order]
    if hasattr(os, "fork"):
        yield from _forked(function, ordered, workers)
        return
    import multiprocessing  # pragma: no cover - no fork: spawned processes (imported here: 8–13 ms)

    chunk = max(1, min(4, len(jobs) // (workers * 8)))  # pragma: no cover
    pool = multiprocessing.Pool(workers, initializer=_worker_start, initargs=(os.getpid(),))  # pragma: no cover
    try:  # pragma: no cover
        yield from zip(ordered, pool.imap(function, ordered, chunksize=chunk), strict=True)
    except BaseException:  # pragma: no cover
        pool.terminate()  # Ctrl-C, SIGTERM, an error, or the caller stopped reading: no work left running
        raise
    else:  # pragma: no cover
        pool.close()
    finally:  # pragma: no cover
        pool.join()


class WorkerFailed(RuntimeError):
    """A worker process stopped before it sent back the results of the jobs it had taken (killed, out of memory)."""


TICKETS = 2048  # runs of work a pipe holds at once on any system, before anybody reads (2 bytes each: 4 KB)


def tickets(count: int) -> tuple[int, list[range]]:
    """``count`` pieces of work (0 … count-1) for the processes forked after this call to share as each is free:
    they are cut into at most TICKETS runs of consecutive pieces, whose numbers wait in a pipe. Returns the pipe's
    read end (the caller closes it) and the runs; ``take`` gives a process the next run nobody has taken. A read
    of a number's two bytes is one reader's (the kernel reads a pipe for one reader at a time), and with its write
    end closed an empty pipe reads as the end: no lock, and nothing to wait for when a process dies."""
    size = max(1, -(-count // TICKETS))
    runs = [range(start, min(start + size, count)) for start in range(0, count, size)]
    read_end, write_end = os.pipe()
    try:
        with os.fdopen(write_end, "wb") as numbers:
            numbers.write(b"".join(n.to_bytes(2, "big") for n in range(len(runs))))
    except BaseException:  # pragma: no cover - 4 KB into an empty pipe
        os.close(read_end)
        raise
    return read_end, runs


def take(fd: int, runs: list[range]) -> range | None:
    """The next run of ``tickets`` that no process has taken; None when all are."""
    number = os.read(fd, 2)
    return runs[int.from_bytes(number, "big")] if len(number) == 2 else None


def _forked(function: Callable[[Job], Result], jobs: list[Job], workers: int) -> Iterator[tuple[Job, Result]]:
    """run() in ``workers`` forked copies of this process. Each takes the next jobs from the ``tickets`` they
    share and sends their results down its own pipe, so the main process does nothing to hand work out (a
    pool's round trip per batch of jobs cost each worker 0.2 s of 1.2 s over a province's files, waiting while
    the main process decoded results). Results are given in the jobs' order, as they arrive."""
    shared, runs = tickets(len(jobs))
    parent = os.getpid()
    pids: list[int] = []
    ends: list[int] = []
    try:
        for _ in range(workers):
            read_end, write_end = os.pipe()
            _widen(write_end)
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's lines run in the forked copy, where coverage is not saved
                code = 1
                try:
                    os.close(read_end)
                    for other in ends:
                        os.close(other)
                    _worker_start(parent)
                    _work(function, jobs, shared, runs, write_end)
                    code = 0
                finally:
                    os._exit(code)
            pids.append(pid)
            os.close(write_end)
            ends.append(read_end)
        yield from _gather(jobs, ends, pids)
    except BaseException:
        _stop_all(pids)  # Ctrl-C, SIGTERM, an error, or the caller stopped reading: no work left running
        raise
    finally:
        os.close(shared)
        for end in ends:
            os.close(end)
        for pid in pids:
            _reap(pid)


_F_SETPIPE_SZ = 1031  # Linux: a pipe's buffer size
PIPE_BYTES = 1 << 20  # a worker goes on while the main process is busy, up to a megabyte of results ahead


def _widen(fd: int) -> None:
    """A larger pipe buffer where the system allows one (Linux; up to /proc/sys/fs/pipe-max-size)."""
    if sys.platform.startswith("linux"):
        import fcntl

        try:
            fcntl.fcntl(fd, _F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:  # pragma: no cover - a lower limit: the default buffer
            pass


def _work(
    function: Callable[[Any], Any], jobs: list[Any], shared: int, runs: list[range], fd: int
) -> None:  # pragma: no cover
    """A worker's loop: take the next jobs, send (each one's index, whether it went well, the result or the
    error)."""
    with os.fdopen(fd, "wb") as out:
        while (run := take(shared, runs)) is not None:
            for at in run:
                _one(function, jobs, at, out)


def _one(function: Callable[[Any], Any], jobs: list[Any], at: int, out: Any) -> None:  # pragma: no cover
    """Job ``at`` in a worker, its frame written: the result's bytes, else a pickle of the result or the error."""
    try:
        result = function(jobs[at])
        kind, payload = (_BYTES, result) if type(result) is bytes else (_PICKLED, _pickled(True, result))
    except Exception as exc:  # noqa: BLE001 - the main process raises it, as the function would have there
        exc.add_note("in a worker process:\n" + traceback.format_exc())
        try:
            kind, payload = _PICKLED, _pickled(False, exc)
        except Exception:  # noqa: BLE001 - an error that does not pickle: its text
            kind, payload = _PICKLED, _pickled(False, RuntimeError(repr(exc)))
    out.write(len(payload).to_bytes(8, "little") + at.to_bytes(8, "little") + kind)
    out.write(payload)  # a result's bytes as they are: no copy into a pickle, none out of it
    out.flush()


def _pickled(ok: bool, value: Any) -> bytes:
    return pickle.dumps((ok, value), pickle.HIGHEST_PROTOCOL)


class _Frames:
    """What one worker's pipe has brought so far, cut into frames: (job index, went well, value). A frame's
    bytes are joined once, when all have come (a result of 25 MB arrives in pipe-sized chunks): where the
    frame held a pickle of the result, the bytes were copied three more times on the way."""

    def __init__(self) -> None:
        self.parts: deque[bytes] = deque()
        self.offset = 0  # bytes of parts[0] already taken
        self.size = 0  # bytes in parts not taken yet
        self.head: tuple[int, int, bytes] | None = None  # (length, index, kind) of the frame being read

    def feed(self, chunk: bytes) -> Iterator[tuple[int, bool, Any]]:
        self.parts.append(chunk)
        self.size += len(chunk)
        while True:
            if self.head is None:
                if self.size < _HEAD:
                    return
                head = self._take(_HEAD)
                self.head = (int.from_bytes(head[:8], "little"), int.from_bytes(head[8:16], "little"), head[16:])
            length, at, kind = self.head
            if self.size < length:
                return
            payload = self._take(length)
            self.head = None
            if kind == _BYTES:
                yield at, True, payload
            else:
                ok, value = pickle.loads(payload)
                yield at, ok, value

    def _take(self, n: int) -> bytes:
        """The next ``n`` bytes (there are at least that many), each copied once at most: a chunk that holds
        several small frames is read at an offset, not cut again after each."""
        taken: list[bytes] = []
        need = n
        while need:
            part, start = self.parts[0], self.offset
            if len(part) - start <= need:
                taken.append(part[start:] if start else part)
                self.parts.popleft()
                self.offset = 0
                need -= len(part) - start
            else:
                taken.append(part[start : start + need])
                self.offset = start + need
                need = 0
        self.size -= n
        return taken[0] if len(taken) == 1 else b"".join(taken)


_HEAD = 17  # a frame's head: the payload's length, the job's index (8 bytes each), and its kind
_BYTES, _PICKLED = b"b", b"p"  # the payload is the result's bytes; a pickle of (went well, result or error)


def _gather(jobs: list[Job], ends: list[int], pids: list[int]) -> Iterator[tuple[Job, Any]]:
    """Read the workers' pipes until every job's result is in; yield them in the jobs' order."""
    waiting: dict[int, Any] = {}
    given = 0
    frames = {end: _Frames() for end in ends}
    with selectors.DefaultSelector() as selector:
        for end in ends:
            selector.register(end, selectors.EVENT_READ)
        open_ends = len(ends)
        while given < len(jobs):
            if not open_ends:
                raise WorkerFailed(f"{len(jobs) - given} of {len(jobs)} jobs got no result")
            for ready, _ in selector.select():
                end = int(ready.fd)
                chunk = os.read(end, 1 << 20)
                if not chunk:
                    selector.unregister(end)
                    open_ends -= 1
                    continue
                for at, ok, value in frames[end].feed(chunk):
                    if not ok:
                        raise value
                    waiting[at] = value
            while given in waiting:
                yield jobs[given], waiting.pop(given)
                given += 1


def _stop_all(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:  # pragma: no cover - already gone
            pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):  # pragma: no cover - already reaped
        pass


def beside(child: Callable[[], bytes], own: Callable[[], Result]) -> tuple[bytes | None, Result]:
    """``own()`` here and ``child()`` at the same time in a forked copy of this process (on the second core),
    which sends back the bytes it returns. The child's answer is None when it could not give one (no fork on
    this system, one core, or the child failed): the caller then does that work itself, so that an error is
    raised where it would have been. The child ignores Ctrl-C (the main process handles it and stops it) and
    dies with the main process."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return None, own()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's lines run in the forked copy, where coverage is not saved
        code = 1
        try:
            os.close(read_end)
            _worker_start(parent)
            data = child()
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as got:
        try:
            mine = own()
            data = got.read()
            _, status = os.waitpid(pid, 0)
        except BaseException:
            _stop(pid)
            raise
    return (data if status == 0 else None), mine


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:  # pragma: no cover - already gone
        pass
