"""Runs model.train.train in a background QThread and reports through Qt signals.

The engine calls our callbacks in the training thread; they only emit signals
(queued to the GUI thread), and batch updates are throttled so the GUI thread is
never flooded. Cancel sets a threading.Event the loop checks before every batch.
"""

from __future__ import annotations

import threading
import time
import traceback

from PySide6.QtCore import QObject, QThread, Signal, Slot

from model.train import TrainConfig, train

BATCH_UPDATES_PER_SEC = 20


class TrainWorker(QObject):
    """Lives in its own QThread. finished(TrainResult) or failed(kind, message) ends a run."""

    batchProgress = Signal(object)  # BatchProgress
    epochDone = Signal(object)  # EpochResult
    finished = Signal(object)  # TrainResult (possibly cancelled)
    failed = Signal(str, str)  # kind ("data", "training", "memory", "error"), message

    def __init__(self, config: TrainConfig) -> None:
        super().__init__()
        self.config = config
        self.cancel = threading.Event()
        self._last_emit = 0.0

    @Slot()
    def run(self) -> None:
        try:
            result = train(self.config, on_batch=self._on_batch, on_epoch=self.epochDone.emit, cancel=self.cancel)
        except MemoryError:
            self.failed.emit("memory", "")
        except Exception as exc:  # every failure becomes a message; the app keeps working
            self.failed.emit(_kind(exc), _message(exc))
        else:
            self.finished.emit(result)

    def _on_batch(self, progress) -> None:
        now = time.monotonic()
        last_batch = progress.batch == progress.batches
        if last_batch or now - self._last_emit >= 1.0 / BATCH_UPDATES_PER_SEC:
            self._last_emit = now
            self.batchProgress.emit(progress)


def _kind(exc: BaseException) -> str:
    from model.data import DataError
    from model.train import TrainingError

    text = str(exc).lower()
    if isinstance(exc, DataError):
        return "data"
    if "out of memory" in text or "can't allocate memory" in text:
        return "memory"
    if isinstance(exc, TrainingError):
        return "training"
    if isinstance(exc, ValueError):
        return "config"
    return "error"


def _message(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if not isinstance(exc, ValueError) and not type(exc).__name__ == "TrainingError":
        text += "\n\n" + "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text


class TrainRunner(QObject):
    """Owns one worker and its thread; the dialog talks to this, and it cleans up after itself."""

    def __init__(self, config: TrainConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = TrainWorker(config)
        self.thread = QThread()
        self.thread.setObjectName("digitpad-training")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)

    def start(self) -> None:
        self.thread.start(QThread.Priority.LowPriority)

    def cancel(self) -> None:
        self.worker.cancel.set()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms)
