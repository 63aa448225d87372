"""parallel.run: every job's result once, in the order the jobs are given out (largest first), errors raised in
the main process, and no worker left behind whatever happens."""

from __future__ import annotations

import os
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan import parallel

BIG = parallel.PARALLEL_BYTES  # each job alone is enough work for the workers


def _double(x: int) -> int:
    if x == 77:
        raise ValueError(f"job {x} failed")
    return 2 * x


def _pid(_: int) -> int:
    time.sleep(0.002)
    return os.getpid()


def _children() -> set[int]:
    if not sys.platform.startswith("linux"):
        return set()
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == os.getpid():
                        out.add(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return out


needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="no fork or one core")


@needs_fork
def test_every_result_once_in_the_order_of_size() -> None:
    jobs = list(range(300))
    sizes = [BIG + (j * 7919) % 300 for j in jobs]  # sizes in a scrambled order
    got = list(
        parallel.run(_double, [j for j in jobs if j != 77], [s for j, s in zip(jobs, sizes, strict=True) if j != 77])
    )
    expected = sorted((j for j in jobs if j != 77), key=lambda j: -sizes[j])
    assert [job for job, _ in got] == expected
    assert all(result == 2 * job for job, result in got)


@needs_fork
def test_both_cores_work() -> None:
    pids = {pid for _, pid in parallel.run(_pid, list(range(200)), [BIG] * 200)}
    assert len(pids) == 2 and os.getpid() not in pids


@needs_fork
def test_an_error_in_a_worker_is_raised_here_with_its_traceback_and_no_worker_stays() -> None:
    before = _children()
    with pytest.raises(ValueError, match="job 77 failed") as caught:
        list(parallel.run(_double, list(range(200)), [BIG] * 200))
    assert any("in a worker process" in note and "_double" in note for note in caught.value.__notes__)
    assert _children() <= before


@needs_fork
def test_a_caller_that_stops_reading_stops_the_workers() -> None:
    before = _children()
    results = parallel.run(_double, list(range(50)), [BIG] * 50)
    next(results)
    results.close()
    assert _children() <= before


@needs_fork
def test_workers_that_die_are_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_worker_start", lambda parent: os._exit(3))
    with pytest.raises(parallel.WorkerFailed):
        list(parallel.run(_double, list(range(20)), [BIG] * 20))


def test_little_work_runs_here() -> None:
    assert list(parallel.run(_pid, [1, 2], [10, 10])) == [(1, os.getpid()), (2, os.getpid())]


def _result_of(job: int) -> object:
    """Bytes of many sizes (empty, smaller than a frame's head, larger than a pipe's buffer) and other values."""
    if job % 3 == 0:
        return (job, "结果")
    return bytes([job % 251]) * ((job * 104729) % (3 << 20) if job % 5 else job % 20)


@needs_fork
def test_results_in_bytes_and_pickles_of_every_size_come_back_whole() -> None:
    jobs = list(range(60))
    got = dict(parallel.run(_result_of, jobs, [BIG] * len(jobs)))
    assert got == {j: _result_of(j) for j in jobs}


def _frame(at: int, value: object) -> bytes:
    kind, payload = (
        (parallel._BYTES, value) if type(value) is bytes else (parallel._PICKLED, parallel._pickled(True, value))
    )
    assert isinstance(payload, bytes)
    return len(payload).to_bytes(8, "little") + at.to_bytes(8, "little") + kind + payload


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.binary(max_size=40), st.integers(), st.text(max_size=5)), max_size=8),
    st.lists(st.integers(1, 60), min_size=1, max_size=10),
)
def test_frames_cut_anywhere_read_back_as_sent(values: list[object], cuts: list[int]) -> None:
    """A pipe hands over the workers' frames in chunks of any size: each frame is read back once, whole."""
    stream = b"".join(_frame(at, v) for at, v in enumerate(values))
    frames = parallel._Frames()
    got: list[tuple[int, bool, object]] = []
    at = 0
    for n in cuts * (len(stream) // sum(cuts) + 1):
        if at >= len(stream):
            break
        got.extend(frames.feed(stream[at : at + n]))
        at += n
    assert got == [(i, True, v) for i, v in enumerate(values)]
    assert frames.size == 0 and frames.head is None


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=3 * parallel.TICKETS + 7), st.integers(min_value=1, max_value=3))
def test_tickets_give_every_piece_to_one_process(count: int, readers: int) -> None:
    """Forked processes and this one take tickets at once until none is left: together they took every piece of
    work once, in runs of consecutive pieces, and no more than TICKETS runs (what a pipe holds unread)."""
    shared, runs = parallel.tickets(count)
    assert len(runs) <= parallel.TICKETS and [i for r in runs for i in r] == list(range(count))
    ends, pids = [], []
    try:
        for _ in range(readers):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the forked reader
                code = 1
                try:
                    os.close(read_end)
                    taken = []
                    while (run := parallel.take(shared, runs)) is not None:
                        taken.extend(run)
                        time.sleep(0)
                    with os.fdopen(write_end, "wb") as out:
                        out.write(b"".join(i.to_bytes(4, "big") for i in taken))
                    code = 0
                finally:
                    os._exit(code)
            os.close(write_end)
            ends.append(read_end)
            pids.append(pid)
        mine = []
        while (run := parallel.take(shared, runs)) is not None:
            mine.extend(run)
        theirs = []
        for end in ends:
            with os.fdopen(end, "rb") as got:
                data = got.read()
            theirs.extend(int.from_bytes(data[i : i + 4], "big") for i in range(0, len(data), 4))
    finally:
        os.close(shared)
        for pid in pids:
            os.waitpid(pid, 0)
    assert sorted(mine + theirs) == list(range(count))
