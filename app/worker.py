"""The one background-worker abstraction of the app: training, evaluation, adaptation and
any other long job run through `Worker`.

A job is a plain function `job(report, cancel) -> result` that runs in a background thread:
`report(obj)` sends a progress object to the GUI thread (throttled, the last one always
arrives), `cancel` is a `threading.Event` the job checks between steps. The worker's
signals arrive in the GUI thread, in this order: any number of `progress(obj)`, then
exactly one of `finished(result)` or `failed(kind, message)`, then `stopped()`.

Closing never waits: `cancel()` only sets the event; whoever wants to close waits for
`stopped` (one step of the job) instead of blocking the GUI thread. The thread is a
daemon, so a process that exits while a job runs is not held up by it for long: when the
app's event loop has ended (every window is gone), `stop_all(seconds)` cancels the jobs
still running and gives them that long to return. A job left inside a PyTorch call while
Python shuts down can abort the process ("terminate called without an active exception").

The job's thread never emits a Qt signal itself: it puts events in a queue that a timer
of the GUI thread drains (every DELIVERY_INTERVAL_MS while the job runs). Signals
emitted from a plain Python thread (queued to the GUI thread by PySide) were seen lost
now and then under PySide6 6.11 (a `stopped` that never arrived, so a dialog waiting for
it never closed); a queue read by the GUI thread cannot lose one and keeps their order.

The job's thread holds no reference to the Worker either (only its `_Channel`, plain
Python): if the thread held the last one, Python would destroy the QObject in that thread
when it ends, its timer could not be unregistered there ("Timers cannot be stopped from
another thread"), and the GUI thread crashed later on the dangling timer. That happened
when a window was closed while its model was still loading.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

PROGRESS_UPDATES_PER_SEC = 20
DELIVERY_INTERVAL_MS = 15

Job = Callable[[Callable[[Any], None], threading.Event], Any]
Classifier = Callable[[BaseException], tuple[str, str]]

log = logging.getLogger(__name__)
_live: dict[threading.Thread, threading.Event] = {}  # the running jobs' threads and cancel events


def stop_all(seconds: float) -> bool:
    """Cancel every running job and wait up to `seconds` (in all) for their threads to end.
    For the end of the process only (it blocks); True if none is left running."""
    deadline = time.monotonic() + seconds
    for thread, cancel in list(_live.items()):
        cancel.set()
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(t.is_alive() for t in list(_live))


def default_classify(exc: BaseException) -> tuple[str, str]:
    """(kind, message) for a failed job: "memory" for running out of memory, else "error"."""
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, MemoryError) or "out of memory" in text.lower() or "can't allocate memory" in text.lower():
        return "memory", text
    return "error", text


class Worker(QObject):
    """Runs one job in a background thread; see the module docstring for the protocol."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str, str)  # kind, message
    stopped = Signal()  # always last: the job has returned (or raised); nothing more will arrive

    def __init__(
        self,
        job: Job,
        name: str = "digitpad-worker",
        classify: Classifier = default_classify,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._job, self._name, self._classify = job, name, classify
        self.cancel_event = threading.Event()
        self._thread: threading.Thread | None = None
        self._running = False  # GUI-thread view: from start() until stopped arrives
        self._delivering = False
        self._channel = _Channel()
        self._events = self._channel.events
        self._timer = QTimer(self)
        self._timer.setInterval(DELIVERY_INTERVAL_MS)
        self._timer.timeout.connect(self._deliver)

    def start(self) -> None:
        if self._running:
            raise RuntimeError("this worker is already running")
        log.info("%s: started", self._name)
        self._running = True
        self.cancel_event.clear()
        self._timer.start()
        args = (self._job, self._name, self._classify, self.cancel_event, self._channel)
        self._thread = threading.Thread(target=_run, args=args, name=self._name, daemon=True)
        _live[self._thread] = self.cancel_event
        self._thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next check; returns at once."""
        if self._running and not self.cancel_event.is_set():
            log.info("%s: cancel asked", self._name)
        self.cancel_event.set()

    def is_running(self) -> bool:
        return self._running

    # -- in the GUI thread --------------------------------------------------------
    def _deliver(self) -> None:
        """Emit the queued events, in order; after `stopped`, nothing more will come.
        Not re-entered from a handler's nested event loop (a message box): each handler
        returns before the next event is emitted."""
        if self._delivering:
            return
        self._delivering = True
        try:
            while True:
                try:
                    name, args = self._events.get_nowait()
                except queue.Empty:
                    return
                if name == "stopped":
                    self._timer.stop()
                    self._running = False
                getattr(self, name).emit(*args)
                if name == "stopped":
                    return
        finally:
            self._delivering = False


class _Channel:
    """What a job's thread shares with its Worker: the event queue and the progress
    throttle, plain Python only (see the module docstring: never the Worker itself)."""

    def __init__(self) -> None:
        self.events: queue.SimpleQueue[tuple[str, tuple]] = queue.SimpleQueue()
        self._last_report = 0.0

    def report(self, obj: Any, last: bool = False) -> None:
        now = time.monotonic()
        if last or now - self._last_report >= 1.0 / PROGRESS_UPDATES_PER_SEC:
            self._last_report = now
            self.events.put(("progress", (obj,)))


def _run(job: Job, name: str, classify: Classifier, cancel: threading.Event, channel: _Channel) -> None:
    """The job's thread: runs job(report, cancel) and queues its outcome, then `stopped`."""
    try:
        result = job(channel.report, cancel)
    except BaseException as exc:  # every failure becomes a message; the app keeps working
        kind, message = classify(exc)
        log.warning("%s: failed (%s): %s", name, kind, message, exc_info=kind != "data")
        channel.events.put(("failed", (kind, message)))
    else:
        log.info("%s: %s", name, "stopped (cancelled)" if cancel.is_set() else "finished")
        channel.events.put(("finished", (result,)))
    finally:
        channel.events.put(("stopped", ()))
        _live.pop(threading.current_thread(), None)
