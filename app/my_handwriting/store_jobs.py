"""What My Handwriting's background jobs (app.worker.Worker) do with the kept drawings, so
that the GUI thread never stands still while they run, even with 20,000 drawings.

Reading the store makes about a million small lists (the points of 20,000 drawings). Two
things then held Python's interpreter lock for long stretches, and the GUI thread, which
needs it for every event, stood still (bench/handwriting_dialog_latency.py):
- the cyclic garbage collector: every full collection during a job scanned all those lists
  (0.3-0.7 s each). So the jobs run without collections (quietly(): process-wide, counted,
  so that two jobs at once switch it back on only when both are done). The drawings hold
  no reference cycles: reference counting frees them, and the ones kept for the dialog are
  moved out of the collector's sight (gc.freeze) once read.
- freeing a list of 20,000 drawings: one `del` is one step of the interpreter, about 0.1 s
  under load, with no switch to another thread. discard() hands the old list to a thread
  that frees it a drawing at a time, so the GUI thread can run in between.
"""

from __future__ import annotations

import contextlib
import gc
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from model.pen.line_file import Stamp, file_stamp
from model.pen.samples import NUM_DIGITS, Sample, SampleStore

_quiet_lock = threading.Lock()
_quiet_jobs = 0  # jobs running quietly now
_was_enabled = True  # the collector's state before the first of them
_trash: queue.SimpleQueue[list] = queue.SimpleQueue()
_trash_thread: threading.Thread | None = None


_writes = threading.Condition()
_writes_pending = 0  # changes to the store or an export the user asked for, not yet done


def finishing(write: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """write(*args) as a call for a job, counted from now (in the GUI thread, when the user
    asked for it) until it returns: a delete, an import or an export the user confirmed is
    finished work, so quitting lets it finish (wait_for_writes) instead of ending the process
    under it. The call must be made exactly once."""
    global _writes_pending
    with _writes:
        _writes_pending += 1

    def call() -> Any:
        global _writes_pending
        try:
            return write(*args)
        finally:
            with _writes:
                _writes_pending -= 1
                _writes.notify_all()

    return call


def wait_for_writes(seconds: float) -> bool:
    """Block until no write counted by finishing() is left, or `seconds` have passed (for
    the end of the process only). True if none is left."""
    with _writes:
        return _writes.wait_for(lambda: _writes_pending == 0, timeout=seconds)


class Refused(NamedTuple):
    """A job's OSError or ValueError, handed to the GUI thread to be said in the user's words."""

    exc: BaseException


def run_store_job(job: Callable[[], Any]) -> Callable[[Callable, threading.Event], Any]:
    """A Worker job running job() quietly; an OSError or ValueError (a full disk, a missing
    folder, a file that is no ink) is returned as Refused, not raised (so the GUI can say
    it with app.engine_text.error_text). The job holds the store only, never the dialog."""

    def run(report, cancel):
        with quietly():
            try:
                return job()
            except (OSError, ValueError) as exc:
                return Refused(exc)

    return run


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    """No cyclic garbage collection while the block runs (in any thread); see the module doc."""
    global _quiet_jobs, _was_enabled
    with _quiet_lock:
        if _quiet_jobs == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _quiet_jobs += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_jobs -= 1
            if _quiet_jobs == 0 and _was_enabled:
                gc.enable()


class Shown(NamedTuple):
    """The store as the dialog shows it, prepared in the job's thread (the GUI thread's
    share of 20,000 drawings is then a few list copies in C, no loop over them in Python)."""

    by_digit: list[list[Sample]]  # (10,) the drawings of each digit in file order (oldest first)
    unreadable: list[str]  # one message per line of the file that is no drawing
    stamp: Stamp  # the file's, from before it was read


def read_store(store: SampleStore) -> Shown:
    """Read the store for the dialog; the drawings read are moved out of the collector's
    sight (they are kept while the dialog shows them). Call within quietly()."""
    stamp = file_stamp(store.path)
    contents = store.read()
    by_digit: list[list[Sample]] = [[] for _ in range(NUM_DIGITS)]
    for sample in contents.samples:
        by_digit[sample.label].append(sample)
    gc.freeze()
    return Shown(by_digit, contents.unreadable, stamp)


def discard(samples: list) -> None:
    """Let go of a list of drawings without freeing it all in one step of the GUI thread: a
    daemon thread empties it one drawing at a time. The caller must hold no other reference."""
    global _trash_thread
    if len(samples) < 2:
        return
    _trash.put(samples)
    if _trash_thread is None:
        _trash_thread = threading.Thread(target=_empty_trash, name="digitpad-discard", daemon=True)
        _trash_thread.start()


def _empty_trash() -> None:
    while True:
        samples = _trash.get()
        while samples:
            samples.pop()  # one drawing freed per step: other threads get the lock in between
        del samples
