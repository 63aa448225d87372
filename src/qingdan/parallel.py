"""Run a function over many jobs on both cores when there is enough work to pay for the processes.

The worker processes never outlive the command: they ignore Ctrl-C (the main process handles it once and
stops them, so there is one message and no tracebacks), they are terminated when the main process stops
for any reason it can see, and on Linux the kernel kills them when the main process dies (even by SIGKILL).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import TypeVar

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
    chunk = max(1, min(4, len(jobs) // (workers * 8)))  # small batches, but a few big jobs go one by one
    pool = multiprocessing.Pool(workers, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        yield from zip(ordered, pool.imap(function, ordered, chunksize=chunk), strict=True)
    except BaseException:
        pool.terminate()  # Ctrl-C, SIGTERM, an error, or the caller stopped reading: no work left running
        raise
    else:
        pool.close()
    finally:
        pool.join()


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
