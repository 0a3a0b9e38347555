"""A dialog that runs one background job at a time (app.worker.Worker) and closes
without ever waiting for it: the base of the Train Model and Evaluate dialogs.

Every way of closing (the Close button, Esc, the title bar's close, the main
window's close, File > Quit) goes through QDialog.reject() (QDialog.closeEvent
calls it), so the rule is written once, here:
- while the job runs: ask `stop_question()` if it returns one (work would be lost);
  if the job stops while the question is open, the question is taken away (the
  dialog stays, showing how the job ended); on yes, cancel the job and close when its `stopped` signal arrives (one step of
  the job later). Nothing in the GUI thread waits; asking again while stopping is a
  no-op, and closing stays pending.
- otherwise: ask `discard_question()` if it returns one (a result is not saved yet),
  then close.
`closePending` tells whoever waits for the dialog (the main window quitting) that
it will close by itself; `closeAbandoned` that it will not after all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from .. import messages
from ..worker import Classifier, Job, Worker, default_classify


class JobDialog(QDialog):
    """Subclasses call start_job() and may override stop_question(), discard_question(),
    on_stopping() and before_close()."""

    closePending = Signal()  # the dialog closes as soon as its job has stopped
    closeAbandoned = Signal()  # a pending close was given up (the user kept a result)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None
        self._close_pending = False
        self._asking_stop = False  # the stop question is open

    # -- the job ---------------------------------------------------------------
    def start_job(
        self,
        job: Job,
        name: str,
        on_progress: Callable[[Any], None],
        on_finished: Callable[[Any], None],
        on_failed: Callable[[str, str], None],
        classify: Classifier = default_classify,
    ) -> Worker:
        """Run job(report, cancel) in the background; the callbacks run in the GUI thread."""
        if self.worker is not None and self.worker.is_running():
            raise RuntimeError("a job is already running")
        if self.worker is not None:
            self.worker.deleteLater()  # its thread is past its last signal
        worker = Worker(job, name, classify, self)
        worker.progress.connect(on_progress)
        worker.finished.connect(on_finished)
        worker.failed.connect(on_failed)
        worker.stopped.connect(self.job_stopped)
        self.worker = worker
        worker.start()
        return worker

    def is_running(self) -> bool:
        """From start_job() until the job's `stopped` has arrived. A subclass with other
        background work (the Train dialog's download) adds it here, overrides cancel_job()
        to stop it too, and calls job_stopped() when it has stopped."""
        return self.worker is not None and self.worker.is_running()

    def cancel_job(self) -> None:
        """Ask the job to stop at its next check; returns at once."""
        if self.worker is not None and self.worker.is_running():
            self.worker.cancel()
            self.on_stopping()

    def is_close_pending(self) -> bool:
        return self._close_pending

    @Slot()
    def job_stopped(self) -> None:
        if self._asking_stop:  # "Stop the ... and close?" is moot now: answer it No
            for box in self.findChildren(QMessageBox):
                if box.isVisible():
                    box.reject()
        if self._close_pending:
            self.reject()

    # -- showing -----------------------------------------------------------------
    def bring_up(self) -> JobDialog:
        """Show, raise and focus the dialog (the main window's menu opens it again). One that Qt
        believes shown but whose native window is not mapped any more (destroyed from outside,
        e.g. `xdotool windowclose`) gets a new native window, else it could never be seen
        again; a minimized one is restored."""
        handle = self.windowHandle()
        if self.isMinimized():
            self.showNormal()
        elif self.isVisible() and handle is not None and not handle.isExposed():
            self.hide()
            self.destroy(True, True)
        self.show()
        self.raise_()
        self.activateWindow()
        return self

    # -- closing -----------------------------------------------------------------
    def stop_question(self) -> str:
        """A question to ask before cancelling a running job to close ("" = just cancel)."""
        return ""

    def discard_question(self) -> str:
        """A question to ask before closing while a result would be lost ("" = just close)."""
        return ""

    def on_stopping(self) -> None:
        """Show that the job is stopping (called once when it is cancelled)."""

    def before_close(self) -> None:
        """Last moment before the dialog hides (save the form's settings...)."""

    def reject(self) -> None:
        if self.is_running():
            if self._close_pending:
                return  # already stopping; closes when the job has stopped
            question = self.stop_question()
            if question:
                self._asking_stop = True  # a job that stops meanwhile takes the question away
                try:
                    yes = messages.ask(self, self.windowTitle(), question)
                finally:
                    self._asking_stop = False
                if not yes:
                    return
                if not self.is_running():  # it ended while the question was open: decide on what is now
                    self.reject()
                    return
            self._close_pending = True
            self.cancel_job()
            self.closePending.emit()
            return
        # A close the user already confirmed while the job ran ("Stop ... and close?") is not
        # asked about again when the stopped job leaves a result (one question per close).
        question = "" if self._close_pending and self.stop_question() else self.discard_question()
        if question and not messages.ask(self, self.windowTitle(), question):
            if self._close_pending:
                self._close_pending = False
                self.closeAbandoned.emit()
            return
        self._close_pending = False
        self.before_close()
        super().reject()
