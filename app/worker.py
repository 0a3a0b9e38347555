"""The one background-worker abstraction of the app: training, evaluation, adaptation and
any other long job run through `Worker`.

A job is a plain function `job(report, cancel) -> result` that runs in a background thread:
`report(obj)` sends a progress object to the GUI thread (throttled, the last one always
arrives), `cancel` is a `threading.Event` the job checks between steps. The worker's
signals arrive in the GUI thread, in this order: any number of `progress(obj)`, then
exactly one of `finished(result)` or `failed(kind, message)`, then `stopped()`.

Closing never waits: `cancel()` only sets the event; whoever wants to close waits for
`stopped` (one step of the job) instead of blocking the GUI thread. The thread is a
daemon, so a process that exits while a job runs is not held up by it.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

PROGRESS_UPDATES_PER_SEC = 20

Job = Callable[[Callable[[Any], None], threading.Event], Any]
Classifier = Callable[[BaseException], tuple[str, str]]


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

    def __init__(self, job: Job, name: str = "digitpad-worker", classify: Classifier = default_classify,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job, self._name, self._classify = job, name, classify
        self.cancel_event = threading.Event()
        self._thread: threading.Thread | None = None
        self._running = False  # GUI-thread view: from start() until stopped arrives
        self._last_report = 0.0
        self.stopped.connect(self._on_stopped)

    def start(self) -> None:
        if self._running:
            raise RuntimeError("this worker is already running")
        self._running = True
        self.cancel_event.clear()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next check; returns at once."""
        self.cancel_event.set()

    def is_running(self) -> bool:
        return self._running

    # -- in the background thread ---------------------------------------------
    def _run(self) -> None:
        try:
            result = self._job(self._report, self.cancel_event)
        except BaseException as exc:  # every failure becomes a message; the app keeps working
            kind, message = self._classify(exc)
            self._emit(self.failed, kind, message)
        else:
            self._emit(self.finished, result)
        finally:
            self._emit(self.stopped)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the worker's owner was deleted meanwhile: nobody is listening
            pass

    def _report(self, obj: Any, last: bool = False) -> None:
        now = time.monotonic()
        if last or now - self._last_report >= 1.0 / PROGRESS_UPDATES_PER_SEC:
            self._last_report = now
            self._emit(self.progress, obj)

    # -- in the GUI thread --------------------------------------------------------
    def _on_stopped(self) -> None:
        self._running = False
