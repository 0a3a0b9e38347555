"""Intra-op thread counts for small pieces of tensor work.

On a machine whose cores are busy, an op run by a team of OpenMP threads waits for the
team: on this project's 2-core VM under load, torch.isfinite over a 74k-value tensor took
40 ms on two threads and 0.2 ms on one. Small work (one drawing, a number's candidates,
checking a checkpoint's weights) therefore picks its thread count here.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from collections.abc import Iterator

import torch

LOAD_CHECK_SECONDS = 1.0  # how long a reading of the machine's load is trusted

_load_reading = [-LOAD_CHECK_SECONDS, False]  # [when (time.monotonic), a core was idle]


def small_batch_threads() -> int | None:
    """Intra-op threads for a small batch: None (torch's own count) while the machine has
    an idle core, else 1 (see SINGLE_THREAD_BELOW).

    "An idle core": the 1-minute load average is at most the number of cores minus one.
    Read at most once per LOAD_CHECK_SECONDS; 1 where the system gives no load average.
    """
    now = time.monotonic()
    if now - _load_reading[0] >= LOAD_CHECK_SECONDS:
        try:
            idle = os.getloadavg()[0] <= (os.cpu_count() or 1) - 1
        except (AttributeError, OSError):  # Windows has no load average
            idle = False
        _load_reading[:] = [now, idle]
    return None if _load_reading[1] else 1


@functools.lru_cache(maxsize=1)
def thread_local_threads() -> bool:
    """With the OpenMP backend the intra-op thread count is per calling thread."""
    return "parallel backend: OpenMP" in torch.__config__.parallel_info()


@contextlib.contextmanager
def intraop_threads(count: int | None) -> Iterator[None]:
    """Use `count` intra-op threads on this thread only, when torch allows it per thread."""
    if count is None or not thread_local_threads() or torch.get_num_threads() == count:
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
