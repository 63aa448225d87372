"""Run a function over many jobs on both cores when there is enough work to pay for the processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

PARALLEL_BYTES = 4 * 1024 * 1024  # below this much work, starting processes costs more than it saves
WORKERS = 2


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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from zip(ordered, pool.map(function, ordered, chunksize=chunk), strict=True)
